"""Backups: encrypted copies, the last N kept, a restore that checks the file first."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from kyojo_desk.backup import (
    BackupError,
    backup_due,
    backups_in,
    check_backup,
    make_backup,
    restore_backup,
)
from kyojo_desk.security.desk import open_desk_store
from kyojo_desk.store import Store
from tests.conftest import consent

PERSON = {
    "family_name": "控山",
    "given_name": "守",
    "family_reading": "ひかえやま",
    "given_reading": "まもる",
    "phone": "0554-66-7777",
}


@pytest.fixture
def encrypted(data_dir, monkeypatch):
    monkeypatch.setenv("KYOJO_KEYRING", "file")
    store = open_desk_store(data_dir / "kyojo.db")
    store.register_resident(PERSON, consent())
    yield store
    store.close()


def test_backup_is_encrypted_and_only_the_newest_are_kept(encrypted, tmp_path):
    folder = tmp_path / "backups"
    start = dt.datetime(2026, 11, 1, 21, 0)
    for day in range(5):
        make_backup(encrypted, folder, keep=3, now=start + dt.timedelta(days=day))
    kept = backups_in(folder)
    assert [p.name for p in kept] == [
        f"kyojo-backup-202611{day:02d}-210000.db" for day in (3, 4, 5)
    ]
    for backup in kept:
        assert "控山".encode() not in backup.read_bytes()
        assert check_backup(backup, encrypted.key)["residents"] == 1


def test_backup_due_once_a_day(encrypted, tmp_path):
    assert backup_due(encrypted)
    make_backup(encrypted, tmp_path / "b", now=dt.datetime(2026, 11, 1, 9, 0))
    assert not backup_due(encrypted, now=dt.datetime(2026, 11, 1, 20, 0))
    assert backup_due(encrypted, now=dt.datetime(2026, 11, 2, 9, 0))


def test_restore_checks_the_file_first(encrypted, tmp_path, data_dir):
    broken = tmp_path / "broken.db"
    broken.write_bytes(b"not a database at all" * 100)
    with pytest.raises(BackupError):
        restore_backup(data_dir / "kyojo.db", broken, encrypted.key)
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as unrelated:
        unrelated.execute("CREATE TABLE addresses (x)")
    unrelated.close()
    with pytest.raises(BackupError):
        check_backup(other, None)
    with pytest.raises(BackupError):
        check_backup(tmp_path / "missing.db", encrypted.key)
    assert encrypted.count_residents() == 1  # nothing was touched


def test_restore_brings_back_the_data_and_keeps_the_current_file(encrypted, tmp_path, data_dir):
    backup = make_backup(encrypted, tmp_path / "b")
    encrypted.register_resident(
        {**PERSON, "family_name": "後山", "family_reading": "あとやま", "phone": ""}, consent()
    )
    key = encrypted.key
    encrypted.close()
    kept = restore_backup(data_dir / "kyojo.db", backup, key)
    assert kept.exists()
    with Store.open(data_dir / "kyojo.db", key) as restored:
        assert [r.family_name for r in restored.list_residents()] == ["控山"]
    with Store.open(kept, key) as before:
        assert before.count_residents() == 2


def test_restored_enrolled_desk_must_enrol_again(data_dir, tmp_path):
    with Store.open(data_dir / "kyojo.db") as store:
        store.register_resident(PERSON, consent())
        store.set_meta("sync_token", "token")
        store.set_meta("sync_server_url", "http://127.0.0.1:1")
        nonce = "n1"
        store.set_meta("sync_nonce", nonce)
        (data_dir / "kyojo.db.sync-id").write_text(
            f'{{"desk_id": "{store.desk_id}", "nonce": "{nonce}"}}'
        )
        assert store.identity_problem() is None
        backup = make_backup(store, tmp_path / "b")
    restore_backup(data_dir / "kyojo.db", backup, None)
    with Store.open(data_dir / "kyojo.db") as restored:
        assert restored.identity_problem() is not None
