"""A real X display for the tests that must see what a person sees (Xvfb + Qt's xcb platform).

The pytest process itself runs Qt offscreen (one platform per process), so what runs on the real
display runs in a child process: `run_on_display` starts the given Python code there with
`QT_QPA_PLATFORM=xcb` and the display's `DISPLAY`. Xvfb chooses a free display number itself
(`-displayfd`), so tests that run at the same time never collide.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def require_xvfb() -> str:
    """The Xvfb program, or skip (locally) / fail (in CI, where it must be installed)."""
    program = shutil.which("Xvfb")
    if program is None:
        message = "Xvfb is not installed (scripts/test.sh installs it)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return program


@contextmanager
def xvfb(width: int, height: int, depth: int = 24) -> Iterator[str]:
    """Start Xvfb with one screen of `width`×`height`; yield its DISPLAY (":N"); stop it after."""
    program = require_xvfb()
    read_end, write_end = os.pipe()
    process = subprocess.Popen(
        [
            program,
            "-displayfd",
            str(write_end),
            "-screen",
            "0",
            f"{width}x{height}x{depth}",
            "-nolisten",
            "tcp",
            "-noreset",
        ],
        pass_fds=(write_end,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    try:
        with os.fdopen(read_end) as announced:
            number = announced.readline().strip()
        if not number:
            raise RuntimeError("Xvfb did not start")
        yield f":{number}"
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def display_environment(display: str, **extra: str) -> dict[str, str]:
    """The environment of a child process that draws on `display` with Qt's xcb platform."""
    environment = dict(os.environ)
    environment.update(
        {
            "DISPLAY": display,
            "QT_QPA_PLATFORM": "xcb",
            "LANG": "C.UTF-8",
            "PYTHONPATH": os.pathsep.join(
                [str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])]
            ),
        }
    )
    environment.pop("WAYLAND_DISPLAY", None)
    environment.update(extra)
    return environment


def run_on_display(
    display: str, script: str, *args: str, timeout: float = 120, **extra_env: str
) -> subprocess.CompletedProcess[str]:
    """Run Python `script` (source text) on `display`; return the finished process (text output)."""
    return subprocess.run(
        [sys.executable, "-c", script, *args],
        env=display_environment(display, **extra_env),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
