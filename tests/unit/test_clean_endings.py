"""Imports and backups end cleanly: an oversized cell is a rejected row, a cancelled import writes
nothing, a failed or interrupted backup leaves no partial file."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from kyojo_desk import backup as backups
from kyojo_desk.backup import PARTIAL_SUFFIX, STALE_PARTIAL, backups_in, make_backup
from kyojo_desk.store.roster_csv import ImportCancelled, import_roster

HUGE_NOTE = "長" * 200_000  # beyond Python's csv limit of 131072 characters per field


def write_roster(path, rows: list[str]) -> None:
    path.write_text("氏名,ふりがな,備考\n" + "\n".join(rows) + "\n", encoding="utf-8")


def test_an_oversized_cell_is_a_rejected_row_with_its_reason(store, tmp_path):
    roster = tmp_path / "roster.csv"
    write_roster(
        roster,
        [
            "高橋 花子,たかはし はなこ,ふつうのメモ",
            f'大木 一郎,おおき いちろう,"{HUGE_NOTE}"',
            "鈴木 次郎,すずき じろう,",
            f"{'名' * 300},な まえ,",
        ],
    )
    rejects = tmp_path / "rejects.csv"
    report = import_roster(store, roster, rejects_path=rejects)
    assert report.imported == 2
    reasons = {rejected.row_number: rejected.reason for rejected in report.rejected}
    assert set(reasons) == {3, 5}
    assert "「備考」" in reasons[3] and "200000文字" in reasons[3] and "4000文字" in reasons[3]
    assert "「氏名」" in reasons[5] and "201文字まで" in reasons[5]
    assert {r.family_name for r in store.list_residents()} == {"高橋", "鈴木"}
    assert HUGE_NOTE in rejects.read_text(encoding="utf-8-sig")  # the row is kept, not lost


def test_the_import_command_reports_an_oversized_cell_in_one_line(data_dir, tmp_path):
    roster = tmp_path / "roster.csv"
    write_roster(roster, [f'大木 一郎,おおき いちろう,"{HUGE_NOTE}"'])
    done = subprocess.run(
        [sys.executable, "-m", "kyojo_desk", "--data-dir", str(data_dir)]
        + ["import", "residents", str(roster)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert "imported 0 rows; rejected 1" in done.stdout and "row 2: 「備考」" in done.stdout


def test_a_cancelled_import_writes_nothing_even_after_inserting(store, tmp_path):
    roster = tmp_path / "roster.csv"
    write_roster(roster, [f"高橋 {n}子,たかはし はなこ,メモ{n}" for n in range(20)])
    before = store.count_residents()
    with pytest.raises(ImportCancelled):
        # Cancelled only once the rows are in: the transaction is rolled back.
        import_roster(store, roster, cancelled=lambda: store.count_residents() > before)
    assert store.count_residents() == before
    assert store.db.execute("SELECT count(*) FROM consents").fetchone()[0] == 0
    checks = iter([False, False, True])
    with pytest.raises(ImportCancelled):
        import_roster(store, roster, cancelled=lambda: next(checks))  # between rows
    assert store.count_residents() == before


def test_a_failed_backup_removes_its_partial_file(store, tmp_path, monkeypatch):
    folder = tmp_path / "backups"

    def fail_half_way(db, target, key=None):
        target.write_bytes(b"half a database")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(backups, "copy_database", fail_half_way)
    with pytest.raises(OSError):
        make_backup(store, folder)
    assert list(folder.iterdir()) == []


def test_partial_files_of_killed_backups_are_removed_by_the_next_backup(store, tmp_path):
    folder = tmp_path / "backups"
    folder.mkdir()
    stale = folder / f"kyojo-backup-20261201-020000.db{PARTIAL_SUFFIX}"
    fresh = folder / f"kyojo-backup-20261207-020000.db{PARTIAL_SUFFIX}"
    for partial in (stale, fresh):
        partial.write_bytes(b"x" * 1000)
    old = time.time() - STALE_PARTIAL.total_seconds() - 60
    os.utime(stale, (old, old))
    made = make_backup(store, folder)
    assert not stale.exists()
    assert fresh.exists()  # could be another backup still being written
    assert backups_in(folder) == [made]


TERMINATED_BACKUP = r"""
import os, signal, sys, time
from kyojo_desk import backup
from kyojo_desk.cli import main

def killed_while_copying(db, target, key=None):
    target.write_bytes(b"half a database")
    os.kill(os.getpid(), signal.SIGTERM)
    time.sleep(60)

backup.copy_database = killed_while_copying
sys.exit(main(["--data-dir", sys.argv[1], "backup", "--to", sys.argv[2]]))
"""


def test_a_backup_terminated_mid_copy_removes_its_partial_file(data_dir, tmp_path):
    folder = tmp_path / "usb"
    done = subprocess.run(
        [sys.executable, "-c", TERMINATED_BACKUP, str(data_dir), str(folder)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "KYOJO_ENCRYPT": "0"},
    )
    assert done.returncode == 128 + signal.SIGTERM, done.stderr
    assert folder.exists() and list(folder.iterdir()) == []
