"""Opening the desk database: pragmas, the copy taken before migrating, and migrating."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from sqlite_utils import Database

from kyojo_desk.store.migrations import migrations


def connect(path: str | Path) -> Database:
    """A Database on one connection that the desk's database thread may own.

    WAL lets readers (backups, the CLI) work while the desk writes; foreign keys on.
    """
    memory = str(path) == ":memory:"
    conn = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    if not memory:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("PRAGMA busy_timeout = 5000")
    return Database(conn)


def copy_aside(db: Database, path: Path) -> Path:
    """A consistent copy of the database (SQLite backup API) taken before migrations run."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.before-migration-{stamp}.bak")
    with sqlite3.connect(str(target)) as copy:
        db.conn.backup(copy)
    copy.close()
    return target


def migrate(db: Database, path: Path | None) -> Path | None:
    """Apply pending migrations; an existing database is copied aside first. Returns the copy."""
    pending = migrations.pending(db)
    if not pending:
        return None
    copy = None
    if path is not None and migrations.applied(db):
        copy = copy_aside(db, path)
    migrations.apply(db)
    return copy
