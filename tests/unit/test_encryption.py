"""Encryption at rest: a copied database file is unreadable without the desk's key."""

from __future__ import annotations

import sqlite3
import subprocess
import sys

import pytest

from kyojo_desk.security import keys
from kyojo_desk.security.desk import open_desk_store
from kyojo_desk.security.encrypt import encrypt_database
from kyojo_desk.store import Store
from kyojo_desk.store.database import DatabaseLocked, connect
from tests.conftest import consent

PERSON = {
    "family_name": "暗号山",
    "given_name": "秘子",
    "family_reading": "あんごうやま",
    "given_reading": "ひめこ",
    "phone": "0554-98-7654",
    "birth_date": "S23.3.2",
}


@pytest.fixture(autouse=True)
def file_keyring(monkeypatch):
    monkeypatch.setenv("KYOJO_KEYRING", "file")


def raw_bytes(database):
    return b"".join(p.read_bytes() for p in database.parent.glob(database.name + "*"))


def test_new_desk_database_holds_no_plaintext(data_dir):
    database = data_dir / "kyojo.db"
    store = open_desk_store(database)
    store.register_resident(PERSON, consent())
    assert store.search_residents("あんごう")[0].phone == "0554-98-7654"
    store.close()
    raw = raw_bytes(database)
    for secret in ("暗号山", "あんごうやま", "0554-98-7654", "0554987654", "1948-03-02"):
        assert secret.encode() not in raw
    assert not raw.startswith(b"SQLite format 3")
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(database).execute("SELECT * FROM residents").fetchall()
    assert (data_dir / keys.FALLBACK_FILE).stat().st_mode & 0o777 == 0o600
    with open_desk_store(database) as again:  # the key comes back from the credential store
        assert again.count_residents() == 1


def test_wrong_or_missing_key_is_a_clear_error(data_dir):
    database = data_dir / "kyojo.db"
    open_desk_store(database).close()
    with pytest.raises(DatabaseLocked) as wrong:
        connect(database, keys.new_key())
    assert "暗号化キー" in wrong.value.message
    with pytest.raises(DatabaseLocked):
        connect(database)


def test_encrypting_an_existing_plain_database_keeps_every_row(data_dir):
    database = data_dir / "kyojo.db"
    with Store.open(database) as plain:
        plain.register_resident(PERSON, consent())
        outbox = plain.db.execute("SELECT count(*) FROM outbox").fetchone()[0]
    assert "暗号山".encode() in raw_bytes(database)
    key = encrypt_database(database)
    assert "暗号山".encode() not in raw_bytes(database)
    with Store.open(database, key) as encrypted:
        assert encrypted.search_residents("ひめこ")[0].family_name == "暗号山"
        assert encrypted.db.execute("SELECT count(*) FROM outbox").fetchone()[0] == outbox


def test_recovery_key_round_trip_and_command(data_dir):
    database = data_dir / "kyojo.db"
    open_desk_store(database).close()
    key = keys.database_key(database)
    text = keys.recovery_text(key)
    assert keys.key_from_recovery(text.lower().replace("-", " ")) == key
    (data_dir / keys.FALLBACK_FILE).unlink()  # the credential store was lost
    assert keys.database_key(database) is None
    env = {"KYOJO_KEYRING": "file", "PATH": ""}
    result = subprocess.run(
        [sys.executable, "-m", "kyojo_desk", "--data-dir", str(data_dir), "recover-key", text],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert keys.database_key(database) == key
    bad = subprocess.run(
        [
            sys.executable,
            "-m",
            "kyojo_desk",
            "--data-dir",
            str(data_dir),
            "recover-key",
            keys.recovery_text(keys.new_key()),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert bad.returncode == 1 and "暗号化キー" in bad.stderr


def test_copy_aside_of_an_encrypted_database_stays_encrypted(data_dir):
    from kyojo_desk.store.database import copy_database

    database = data_dir / "kyojo.db"
    store = open_desk_store(database)
    store.register_resident(PERSON, consent())
    copy = copy_database(store.db, data_dir / "copy.db", store.key)
    store.close()
    assert "暗号山".encode() not in copy.read_bytes()
    with Store.open(copy, keys.database_key(database)) as opened:
        assert opened.count_residents() == 1


def test_recovery_key_command_prints_the_key(data_dir):
    env = {"KYOJO_KEYRING": "file", "PATH": ""}
    command = [sys.executable, "-m", "kyojo_desk", "--data-dir", str(data_dir)]
    subprocess.run(
        [*command, "demo", "--residents", "2"], env=env, check=True, capture_output=True, timeout=60
    )
    shown = subprocess.run(
        [*command, "recovery-key"], env=env, capture_output=True, text=True, timeout=60
    )
    assert shown.stdout.strip() == keys.recovery_text(keys.database_key(data_dir / "kyojo.db"))
    with open_desk_store(data_dir / "kyojo.db") as store:
        assert getattr(store, "recovery_key_pending", None) is None
