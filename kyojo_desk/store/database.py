"""Opening the desk database: encryption, pragmas, the copy taken before migrating, migrating.

A desk database is encrypted at rest with SQLCipher when opened with a key (a raw 256-bit key
given as 64 hex digits, so opening skips the key-derivation function). Without a key it is a
plain SQLite file, as in tests and tools.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from kyojo_desk.errors import KyojoError
from kyojo_desk.store.migrations import ensure_stamp_columns, migrations
from kyojo_desk.texts import N_


class DatabaseLocked(KyojoError):
    """The database is encrypted and the key given does not open it (or none was given)."""


def _key_pragma(key: str) -> str:
    if len(key) != 64 or any(c not in "0123456789abcdefABCDEF" for c in key):
        raise DatabaseLocked(N_("暗号化キーの形が正しくありません。"))
    return f"PRAGMA key = \"x'{key}'\""


def is_encrypted_connection(conn: Any) -> bool:
    return type(conn).__module__.startswith("sqlcipher3")


def connect(path: str | Path, key: str | None = None) -> Database:
    """A Database on one connection that the desk's database thread may own.

    WAL lets readers (backups, the CLI) work while the desk writes; foreign keys on. With `key`,
    the file is encrypted (SQLCipher); a wrong key raises DatabaseLocked.
    """
    memory = str(path) == ":memory:"
    if key is None:
        conn: Any = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.DatabaseError:
            conn.close()
            raise DatabaseLocked(
                N_("このデータは暗号化されています。この端末の鍵か、回復キーが必要です。")
            ) from None
    else:
        import sqlcipher3

        conn = sqlcipher3.connect(str(path), check_same_thread=False, isolation_level=None)
        conn.execute(_key_pragma(key))
        conn.execute("PRAGMA cipher_log_level = NONE")
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlcipher3.DatabaseError:
            conn.close()
            raise DatabaseLocked(N_("暗号化キーが合わないため、データを開けません。")) from None
    conn.execute("PRAGMA foreign_keys = ON")
    if not memory:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("PRAGMA busy_timeout = 5000")
    # 128 MB of page cache (filled only as pages are read): search-as-you-type re-reads the same
    # index pages, and with SQLCipher every page read from disk is also decrypted. The year's
    # dashboard of a large desk (500 000 check-ins, 200 000 help sessions) reads 70–85 MB of
    # index pages; with 64 MB each refresh read them all again from the file (a least-recently-
    # used cache smaller than a repeated pass keeps none of it): 0.42 s instead of 0.17 s on
    # an encrypted desk (benchmarks/bench_kpi.py).
    conn.execute("PRAGMA cache_size = -131072")
    return Database(conn)


def copy_database(db: Database, target: Path, key: str | None = None) -> Path:
    """A consistent copy of an open database. An encrypted database is copied encrypted with
    the same key (SQLCipher's export); a plain one through the SQLite backup API."""
    if is_encrypted_connection(db.conn):
        if key is None:
            raise DatabaseLocked(N_("暗号化されたデータの写しには鍵が必要です。"))
        target.unlink(missing_ok=True)
        db.conn.execute(f"ATTACH DATABASE ? AS kyojo_copy KEY \"x'{key}'\"", [str(target)])
        try:
            db.conn.execute("SELECT sqlcipher_export('kyojo_copy')")
        finally:
            db.conn.execute("DETACH DATABASE kyojo_copy")
        return target
    copy = sqlite3.connect(str(target))
    try:
        db.conn.backup(copy)
    finally:
        copy.close()
    return target


def copy_aside(db: Database, path: Path, key: str | None = None) -> Path:
    """The copy taken before migrations run, beside the database."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    return copy_database(db, path.with_name(f"{path.name}.before-migration-{stamp}.bak"), key)


def migrate(db: Database, path: Path | None, key: str | None = None) -> Path | None:
    """Apply pending migrations; an existing database is copied aside first. Returns the copy."""
    pending = migrations.pending(db)
    if not pending:
        return None
    copy = None
    if path is not None and migrations.applied(db):
        copy = copy_aside(db, path, key)
    migrations.apply(db)
    with db.atomic():
        ensure_stamp_columns(db)
    return copy
