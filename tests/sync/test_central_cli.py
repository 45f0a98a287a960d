"""`kyojo-central` as an operator runs it: serve, enroll-code, revoke, new-epoch, erase."""

from __future__ import annotations

import argparse
import contextlib
import json
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from kyojo_desk.central.cli import build_parser
from kyojo_desk.central.cli import main as central_main
from kyojo_desk.cli import main as desk_main
from kyojo_desk.sync import protocol
from tests.sync.conftest import free_port

REPO = Path(__file__).resolve().parents[2]


def central(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "kyojo_desk.central.cli", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )


@contextlib.contextmanager
def serving(db: str, *options: str) -> Iterator[str]:
    """`kyojo-central serve --db DB` as its own process on a free port, until the block ends;
    gives the base URL once the server answers."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "kyojo_desk.central.cli", "serve", "--db", db, "--port", str(port)]
        + list(options),
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                requests.get(f"{url}/status", timeout=1)
                break
            except requests.ConnectionError:
                time.sleep(0.1)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_serve_enroll_code_and_a_desk_syncing_through_the_commands(tmp_path, capsys):
    db = f"sqlite:///{tmp_path / 'central.db'}"
    made = central("enroll-code", "--db", db, "--desk-name", "上野原 受付", "--city", "uenohara")
    assert made.returncode == 0
    code = made.stdout.strip()
    assert len(code) == 14 and code.count("-") == 2
    with serving(db) as url:
        data = tmp_path / "desk"
        assert desk_main(["--data-dir", str(data), "enroll", url, code.lower()]) == 0
        capsys.readouterr()
        assert desk_main(["--data-dir", str(data), "sync", "--json"]) == 0
        assert json.loads(capsys.readouterr().out)["rejected"] == []
        status = requests.get(f"{url}/status/uenohara", timeout=5).text
        assert "上野原 受付" in status
        assert requests.get(f"{url}/openapi.json", timeout=5).status_code == 200


def test_worker_processes_together_keep_to_one_enrolment_limit(tmp_path):
    """`serve --workers 2`: requests from one address, each on a new connection so the two
    processes share them, get no more answers other than 429 than one process would give (a
    burst of 30 and one every 2 s)."""
    db = f"sqlite:///{tmp_path / 'central.db'}"
    with serving(db, "--workers", "2") as url:
        started = time.monotonic()
        statuses = [
            requests.post(
                url + protocol.ENROLL_PATH,
                json={"code": "WRONG"},
                headers={"Connection": "close"},
                timeout=10,
            ).status_code
            for _ in range(80)
        ]
        elapsed = time.monotonic() - started
    assert set(statuses) == {400, 429}
    assert statuses.count(400) <= 30 + int(elapsed * 0.5) + 1


def test_admin_commands_report_mistakes_in_one_line(tmp_path, capsys):
    db = f"sqlite:///{tmp_path / 'central.db'}"
    assert central_main(["revoke", "--db", db, "no-such-desk"]) == 1
    assert capsys.readouterr().err.strip() == "error: no desk no-such-desk"
    assert central_main(["new-epoch", "--db", "mysql://x", "--city", "c"]) == 1
    assert "unsupported database URL" in capsys.readouterr().err
    assert central_main(["enroll-code", "--db", db, "--desk-name", "x", "--ttl", "0"]) == 1


def test_every_central_command_and_option_has_help():
    parser = build_parser()
    subparsers = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    for name, sub in subparsers.choices.items():
        assert sub.description, name
        for action in sub._actions:
            assert action.help, f"{name} {action.dest}"


def test_serve_without_the_central_extra_says_what_to_install(tmp_path, capsys, monkeypatch):
    """After the desk's own install (`pip install -e .`) the server's libraries are missing:
    `serve` says which extra to install, in one line."""
    monkeypatch.setitem(sys.modules, "uvicorn", None)  # an import of it fails
    monkeypatch.delitem(sys.modules, "kyojo_desk.central.server", raising=False)
    db = f"sqlite:///{tmp_path / 'central.db'}"
    assert central_main(["serve", "--db", db]) == 1
    error = capsys.readouterr().err.strip()
    assert error.startswith("error: the server needs the 'central' extra (uvicorn is missing)")
    assert "pip install -e '.[central]'" in error


def test_new_epoch_is_for_one_city(tmp_path, capsys):
    db = f"sqlite:///{tmp_path / 'central.db'}"
    assert central_main(["enroll-code", "--db", db, "--desk-name", "a", "--city", "a"]) == 0
    capsys.readouterr()
    from kyojo_desk.central.storage import open_storage

    storage = open_storage(db)
    before = {city: storage.epoch(city) for city in ("a", "b")}
    storage.close()
    assert central_main(["new-epoch", "--db", db, "--city", "a"]) == 0
    printed = capsys.readouterr().out.strip()
    storage = open_storage(db)
    try:
        assert storage.epoch("a") == printed != before["a"]
        assert storage.epoch("b") == before["b"]
    finally:
        storage.close()
    with pytest.raises(SystemExit):  # the city is required
        central_main(["new-epoch", "--db", db])
