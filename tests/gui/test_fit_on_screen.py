"""Every page and dialog fits the screens volunteers have, in both languages, on a real X
display: 100 % text on a 1366×768 laptop and 200 % on a 1920×1080 screen (tests/gui/fit_walk.py
measures; see its docstring for what counts as a problem). In English it also fails on any
Japanese text that is not residents' own data."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.xdisplay import run_on_display, xvfb

WALK = "import sys; from tests.gui.fit_walk import main; sys.exit(main(sys.argv[1:]))"
SCREENS = {100: (1366, 768), 200: (1920, 1080)}


def walk_on_xvfb(scale: int, language: str) -> list[dict]:
    width, height = SCREENS[scale]
    arguments = ["--scale", str(scale), "--language", language]
    shots = os.environ.get("KYOJO_FIT_SHOTS")  # a folder to keep the screenshots in
    if shots:
        arguments += ["--shots", str(Path(shots) / f"{width}x{height}")]
    with xvfb(width, height) as display:
        finished = run_on_display(display, WALK, *arguments, timeout=300, KYOJO_KEYRING="file")
    assert finished.returncode == 0, finished.stderr[-3000:]
    screens = [json.loads(line) for line in finished.stdout.splitlines() if line.startswith("{")]
    return screens


@pytest.mark.parametrize("language", ["ja", "en"])
@pytest.mark.parametrize("scale", [100, 200])
def test_every_page_and_dialog_fits_the_screen(scale, language):
    screens = walk_on_xvfb(scale, language)
    names = {screen["name"] for screen in screens}
    # The walk reached every page and the dialogs (not an early stop with nothing to find).
    assert sum("_page_" in name for name in names) >= 10
    assert sum("_dialog_" in name for name in names) >= 15
    width, height = SCREENS[scale]
    for screen in screens:
        assert screen["width"] <= width and screen["height"] <= height, screen
    problems = {screen["name"]: screen["problems"] for screen in screens if screen["problems"]}
    assert problems == {}
