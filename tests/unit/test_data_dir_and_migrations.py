"""Where the data lives, and the copy taken before a migration changes an existing database."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import platformdirs

from kyojo_desk.paths import data_dir
from kyojo_desk.store import Store
from kyojo_desk.store.migrations import migrations


def test_data_dir_precedence(tmp_path, monkeypatch):
    monkeypatch.setenv("KYOJO_DATA_DIR", str(tmp_path / "from-env"))
    assert data_dir(str(tmp_path / "from-flag")) == tmp_path / "from-flag"
    assert data_dir() == tmp_path / "from-env"
    monkeypatch.delenv("KYOJO_DATA_DIR")
    monkeypatch.setattr(platformdirs, "user_data_dir", lambda *a, **k: str(tmp_path / "platform"))
    assert data_dir() == tmp_path / "platform"
    assert (tmp_path / "platform").is_dir()


def test_new_database_gets_every_migration_without_a_copy(tmp_path):
    with Store.open(tmp_path / "kyojo.db") as store:
        assert store.migration_copy is None
        assert migrations.pending(store.db) == []
    assert not list(tmp_path.glob("*.bak"))


def test_existing_database_is_copied_aside_before_a_pending_migration(make_resident, store):
    path: Path = store.path
    make_resident()
    store.close()

    @migrations(name="m999_test_only")
    def m999(db):
        db.execute("CREATE TABLE test_only (x)")

    try:
        with Store.open(path) as again:
            copy = again.migration_copy
            assert copy is not None and copy.exists()
            assert again.db.execute(
                "SELECT name FROM sqlite_master WHERE name='test_only'"
            ).fetchone()
        with sqlite3.connect(copy) as conn:
            assert conn.execute("SELECT count(*) FROM residents").fetchone()[0] == 1
            names = {r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations")}
        assert "m999_test_only" not in names
    finally:
        migrations._migrations = [m for m in migrations._migrations if m.name != "m999_test_only"]
