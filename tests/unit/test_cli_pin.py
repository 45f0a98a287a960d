"""The coordinator's PIN on the command line: every command the window keeps for the coordinator
asks for it (terminal prompt, $KYOJO_PIN, otherwise one line and exit 1); wrong PINs count
towards the window's back-off; actions are audited with the operating-system user."""

from __future__ import annotations

import getpass
import json
import os
import pty
import select
import subprocess
import sys
from pathlib import Path

import pytest

from kyojo_desk.security import pin as pins
from kyojo_desk.security.desk import open_desk_store

PIN = "2580"
COMMAND_USER = f"{getpass.getuser()}（コマンド）"


def run(data_dir: Path, *args: str, pin: str | None = None, stdin=subprocess.DEVNULL):
    environment = {k: v for k, v in os.environ.items() if k != "KYOJO_PIN"}
    if pin is not None:
        environment["KYOJO_PIN"] = pin
    return subprocess.run(
        [sys.executable, "-m", "kyojo_desk", "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=environment,
        stdin=stdin,
    )


def on_store(data_dir: Path, work):
    store = open_desk_store(data_dir / "kyojo.db")
    try:
        return work(store)
    finally:
        store.close()


@pytest.fixture
def desk(data_dir, monkeypatch):
    """A desk (encrypted, key in a file) with three residents and a coordinator PIN; returns
    the id of one resident."""
    monkeypatch.setenv("KYOJO_KEYRING", "file")
    assert run(data_dir, "demo", "--residents", "3").returncode == 0
    on_store(data_dir, lambda store: pins.set_pin(store, PIN))
    return on_store(data_dir, lambda store: store.list_residents()[0].id)


def gated_commands(person: str, out: Path) -> dict[str, list[str]]:
    roster = out / "roster.csv"
    roster.write_text("氏名,ふりがな\n高橋 花子,たかはし はなこ\n", encoding="utf-8")
    return {
        "export residents": ["export", "residents", "-o", str(out / "all.csv")],
        "export kpi": [
            "export",
            "kpi",
            "--from",
            "2026-01-01",
            "--to",
            "2026-12-31",
            "-o",
            str(out / "kpi.xlsx"),
        ],
        "import residents": ["import", "residents", str(roster)],
        "person export": ["person", "export", person, "-o", str(out / "disclosure")],
        "person withdraw": ["person", "withdraw", person, "--yes"],
        "retention": ["retention", "--years", "0"],
        "erase": ["erase", person, "--yes"],
        "recovery-key": ["recovery-key"],
        "backup --to": ["backup", "--to", str(out / "usb")],
        "demo --remove": ["demo", "--remove"],
    }


def test_every_coordinator_command_refuses_without_the_pin(desk, data_dir, tmp_path):
    before = on_store(data_dir, lambda store: store.count_residents())
    for name, args in gated_commands(desk, tmp_path).items():
        refused = run(data_dir, *args)
        assert refused.returncode == 1, name
        lines = refused.stderr.strip().splitlines()
        assert len(lines) == 1 and "KYOJO_PIN" in lines[0], (name, refused.stderr)
        assert refused.stdout == "", name  # no names, no recovery key
    assert not (tmp_path / "all.csv").exists() and not (tmp_path / "kpi.xlsx").exists()
    assert not (tmp_path / "disclosure").exists() and not (tmp_path / "usb").exists()
    assert on_store(data_dir, lambda store: store.count_residents()) == before
    assert on_store(data_dir, lambda store: store.list_audit()) == []


def test_with_the_pin_the_commands_run_and_are_audited_with_the_os_user(desk, data_dir, tmp_path):
    commands = gated_commands(desk, tmp_path)
    for name in ("export residents", "person export", "backup --to", "recovery-key", "erase"):
        done = run(data_dir, *commands[name], pin=PIN)
        assert done.returncode == 0, (name, done.stderr)
    assert (tmp_path / "all.csv").exists() and list((tmp_path / "usb").iterdir())
    entries = on_store(data_dir, lambda store: store.list_audit())
    assert {entry.action for entry in entries} == {
        "exported",
        "exported_person",
        "backed_up",
        "showed_recovery_key",
        "erased",
    }
    assert {entry.desk_user for entry in entries} == {COMMAND_USER}
    erased = next(entry for entry in entries if entry.action == "erased")
    assert erased.target_id == desk
    shown = json.loads(run(data_dir, "search", "あ", "--json").stdout or "[]")
    assert desk not in [person["id"] for person in shown]


def test_wrong_pins_count_towards_the_same_back_off_as_the_window(desk, data_dir, tmp_path):
    out = tmp_path / "all.csv"
    for _ in range(pins.FREE_ATTEMPTS):
        wrong = run(data_dir, "export", "residents", "-o", str(out), pin="1111")
        assert wrong.returncode == 1 and "wrong coordinator PIN" in wrong.stderr
    waiting = run(data_dir, "export", "residents", "-o", str(out), pin=PIN)
    assert waiting.returncode == 1 and "秒後" in waiting.stderr  # locked out even when right
    assert not out.exists()
    assert on_store(data_dir, lambda store: store.get_meta("pin_failures")) == str(
        pins.FREE_ATTEMPTS
    )


def test_on_a_terminal_the_pin_is_asked_without_echo(desk, data_dir, tmp_path):
    out = tmp_path / "all.csv"
    controller, terminal = pty.openpty()
    environment = {k: v for k, v in os.environ.items() if k != "KYOJO_PIN"}
    process = subprocess.Popen(
        [sys.executable, "-m", "kyojo_desk", "--data-dir", str(data_dir)]
        + ["export", "residents", "-o", str(out)],
        stdin=terminal,
        stdout=terminal,
        stderr=terminal,
        env=environment,
        start_new_session=True,
    )
    os.close(terminal)
    seen = b""
    try:
        while b"PIN" not in seen:
            ready, _, _ = select.select([controller], [], [], 60)
            assert ready, seen
            seen += os.read(controller, 1024)
        os.write(controller, PIN.encode() + b"\n")
        assert process.wait(timeout=120) == 0
        while True:
            ready, _, _ = select.select([controller], [], [], 1)
            if not ready:
                break
            try:
                chunk = os.read(controller, 1024)
            except OSError:  # the terminal closed with the process
                break
            if not chunk:
                break
            seen += chunk
    finally:
        os.close(controller)
        if process.poll() is None:
            process.kill()
    assert out.exists() and b"exported 3 residents" in seen
    assert PIN.encode() not in seen  # typed without echo
