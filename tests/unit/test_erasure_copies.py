"""Erasure reaches every copy of the desk database: a restored backup, a copy put back by hand, and
the copies kept before a migration or a restore (removed after COPY_KEEP_DAYS)."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import stat

from kyojo_desk.backup import make_backup, restore_backup
from kyojo_desk.security.desk import open_desk_store
from kyojo_desk.store import Store
from kyojo_desk.store.database import copy_aside
from kyojo_desk.store.erasure_ledger import (
    COPY_KEEP_DAYS,
    erased_ids,
    ledger_path,
    remove_old_copies,
)
from tests.conftest import consent

PERSON = {
    "family_name": "消去",
    "given_name": "願子",
    "family_reading": "しょうきょ",
    "given_reading": "ねがいこ",
    "phone": "0554-61-9999",
    "notes": "消えるメモQZX",
}
NEIGHBOUR = {"family_name": "残留", "family_reading": "ざんりゅう"}


def test_restoring_yesterdays_backup_does_not_bring_back_an_erased_person(
    data_dir, tmp_path, monkeypatch
):
    monkeypatch.setenv("KYOJO_KEYRING", "file")
    database = data_dir / "kyojo.db"
    store = open_desk_store(database)
    erased = store.register_resident(dict(PERSON), consent(), allow_duplicate=True).id
    kept = store.register_resident(dict(NEIGHBOUR), consent(), allow_duplicate=True).id
    yesterday = make_backup(store, tmp_path / "backups", now=dt.datetime.now() - dt.timedelta(1))
    store.erase_resident(erased)
    key = store.key
    store.close()

    restore_backup(database, yesterday, key)
    restored = open_desk_store(database)
    try:
        assert restored.get_row("residents", erased) is None
        assert restored.get_row("residents", kept) is not None
        assert restored.search_residents("しょうきょ") == []
        # The server is asked again to erase them (the backup's outbox never asked).
        queued = restored.db.execute(
            "SELECT count(*) FROM outbox WHERE table_name = '_erasures' AND row_id = ?", [erased]
        ).fetchone()[0]
        assert queued >= 1
    finally:
        restored.close()
    ledger = ledger_path(database)
    assert erased_ids(database) == {erased}
    assert stat.S_IMODE(ledger.stat().st_mode) == 0o600
    assert b"0554" not in ledger.read_bytes() and "消去".encode() not in ledger.read_bytes()


def test_a_copy_put_back_by_hand_is_cleaned_when_opened(data_dir, tmp_path):
    database = data_dir / "kyojo.db"
    store = Store.open(database)
    erased = store.register_resident(dict(PERSON), consent(), allow_duplicate=True).id
    store.close()
    shutil.copyfile(database, tmp_path / "copy.db")
    store = Store.open(database)
    store.erase_resident(erased)
    store.close()
    for suffix in ("-wal", "-shm"):
        database.with_name(database.name + suffix).unlink(missing_ok=True)
    shutil.copyfile(tmp_path / "copy.db", database)
    with Store.open(database) as reopened:
        assert reopened.get_row("residents", erased) is None
    data = b"".join(p.read_bytes() for p in data_dir.iterdir() if p.name.startswith("kyojo.db"))
    assert "消えるメモQZX".encode() not in data


def test_copies_before_a_migration_or_restore_go_after_the_stated_days(data_dir):
    database = data_dir / "kyojo.db"
    Store.open(database).close()
    now = dt.datetime.now()
    old = now - dt.timedelta(days=COPY_KEEP_DAYS + 1)
    recent = now - dt.timedelta(days=COPY_KEEP_DAYS - 1)
    names = {
        "old_migration": f"kyojo.db.before-migration-{old:%Y%m%d-%H%M%S}.bak",
        "old_restore": f"kyojo.db.before-restore-{old:%Y%m%d-%H%M%S}.bak",
        "recent_migration": f"kyojo.db.before-migration-{recent:%Y%m%d-%H%M%S}.bak",
        "other_file": "notes-before-migration.txt",
    }
    for name in names.values():
        (data_dir / name).write_bytes(b"copy")
    Store.open(database).close()  # a successful open removes the old copies
    left = {p.name for p in data_dir.iterdir()}
    assert names["old_migration"] not in left and names["old_restore"] not in left
    assert names["recent_migration"] in left and names["other_file"] in left
    later = now + dt.timedelta(days=2)
    assert [p.name for p in remove_old_copies(database, now=later)] == [names["recent_migration"]]


def test_a_migration_copy_of_a_release_0_1_desk_is_removed_after_the_stated_days(tmp_path):
    from tests.fixtures.release_0_1 import load_desk

    database = load_desk(tmp_path / "desk", encrypted=False)
    with Store.open(database) as store:
        # The copy migrate() takes before migrating a database of an older release.
        copy = copy_aside(store.db, database)
    assert copy.exists()
    Store.open(database).close()
    assert copy.exists()  # an open within the days keeps it
    assert remove_old_copies(database) == []  # still within the days
    # The first open migrated the 0.1 desk and took its own copy; named by the second, it is
    # one file with `copy` or a second one, and both go.
    copies = sorted(database.parent.glob(f"{database.name}.before-*.bak"))
    assert copy in copies
    later = dt.datetime.now() + dt.timedelta(days=COPY_KEEP_DAYS, minutes=1)
    assert sorted(remove_old_copies(database, now=later)) == copies
    assert not any(c.exists() for c in copies)
    assert os.path.exists(database)
