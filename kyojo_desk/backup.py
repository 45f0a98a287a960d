"""Backups of the desk database: daily copies to a chosen folder, the last N kept, and a restore
that checks the file first.

A copy of an encrypted desk is encrypted with the same key (SQLCipher's export); a plain desk is
copied with the SQLite backup API. Restoring puts a checked copy in place of the database (the
current one is kept aside) and, when the desk syncs, makes it enrol again: a restored desk would
otherwise send change numbers the server has already seen.
"""

from __future__ import annotations

import datetime as dt
import secrets
import shutil
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kyojo_desk.errors import KyojoError
from kyojo_desk.store.database import DatabaseLocked, connect, copy_database
from kyojo_desk.texts import N_, message

if TYPE_CHECKING:
    from kyojo_desk.store.store import Store

BACKUP_PREFIX = "kyojo-backup-"
BACKUP_SUFFIX = ".db"
PARTIAL_SUFFIX = ".part"
# A partial file this old belongs to no backup still being written: a process killed mid-copy.
STALE_PARTIAL = dt.timedelta(hours=6)
REQUIRED_TABLES = {"meta", "outbox", "residents", "consents", "districts"}


class BackupError(KyojoError):
    """A backup that cannot be made, or a file that is not a usable backup."""


def backups_in(folder: Path) -> list[Path]:
    """The backups in a folder, oldest first."""
    return sorted(Path(folder).glob(f"{BACKUP_PREFIX}*{BACKUP_SUFFIX}"))


def make_backup(store: Store, folder: Path, keep: int = 14, now: dt.datetime | None = None) -> Path:
    """Copy the database into `folder` and keep only the newest `keep` backups there."""
    if keep < 1:
        raise BackupError(N_("残すバックアップの数は1以上にしてください。"))
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    target = folder / f"{BACKUP_PREFIX}{stamp}{BACKUP_SUFFIX}"
    number = 1
    while target.exists():  # two backups in one second keep both
        target = folder / f"{BACKUP_PREFIX}{stamp}-{number}{BACKUP_SUFFIX}"
        number += 1
    remove_stale_partials(folder, now=now)
    partial = target.with_name(target.name + PARTIAL_SUFFIX)
    try:
        copy_database(store.db, partial, store.key)
        partial.replace(target)  # a half-written copy never looks like a backup
    except BaseException:  # a failed copy, a full disk, Ctrl+C or SIGTERM: leave nothing behind
        partial.unlink(missing_ok=True)
        raise
    store.set_meta(
        "last_backup_at", (now or dt.datetime.now()).astimezone().isoformat(timespec="seconds")
    )
    for old in backups_in(folder)[:-keep]:
        old.unlink()
    return target


def remove_stale_partials(folder: Path, now: dt.datetime | None = None) -> list[Path]:
    """Remove the partial files of backups that were interrupted (the process was killed before
    it could clean up), once they are older than STALE_PARTIAL."""
    limit = ((now or dt.datetime.now()) - STALE_PARTIAL).timestamp()
    removed = []
    for partial in Path(folder).glob(f"{BACKUP_PREFIX}*{BACKUP_SUFFIX}*{PARTIAL_SUFFIX}"):
        try:
            if partial.stat().st_mtime < limit:
                partial.unlink()
                removed.append(partial)
        except FileNotFoundError:  # another backup finished or removed it meanwhile
            continue
    return removed


def check_backup(path: Path, key: str | None) -> dict[str, Any]:
    """Open a backup, run SQLite's integrity check and look for the desk's tables.

    Returns what the backup holds (desk id, residents, change-log length). Raises BackupError.
    """
    path = Path(path)
    if not path.is_file():
        raise BackupError(N_("バックアップのファイルが見つかりません。"))
    try:
        db = connect(path, key)
    except DatabaseLocked:
        raise BackupError(
            N_(
                "バックアップが開けません（この端末の鍵で作られたものではないか、バックアップではないファイルです）。"
            )
        ) from None
    try:
        try:
            result = db.execute("PRAGMA integrity_check").fetchone()[0]
            tables = {
                name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
        except Exception as error:  # sqlite3 and sqlcipher3 errors do not share a base class
            raise BackupError(
                message("バックアップが読めません（{kind}）。", kind=type(error).__name__)
            ) from None
        if result != "ok":
            raise BackupError(N_("バックアップが壊れています（整合性の検査に失敗しました）。"))
        missing = REQUIRED_TABLES - tables
        if missing:
            raise BackupError(N_("共助デスクのバックアップではありません。"))
        desk_id = db.execute("SELECT value FROM meta WHERE key='desk_id'").fetchone()
        return {
            "desk_id": desk_id[0] if desk_id else None,
            "residents": db.execute("SELECT count(*) FROM residents WHERE deleted = 0").fetchone()[
                0
            ],
            "changes": db.execute("SELECT count(*) FROM outbox").fetchone()[0],
        }
    finally:
        db.conn.close()


def restore_backup(database: Path, backup: Path, key: str | None) -> Path:
    """Put a checked backup in place of `database`. Returns where the replaced file was kept.

    The desk must be closed. When the restored copy was enrolled for sync, its sync identity is
    renewed so the desk asks to enrol again before it sends anything. Everyone erased since the
    backup was made is erased from it again at once (the erasure ledger, store/erasure_ledger.py).
    """
    check_backup(backup, key)
    database = Path(database)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    kept = database.with_name(f"{database.name}.before-restore-{stamp}.bak")
    if database.exists():
        if key is None:
            with sqlite3.connect(str(database)) as conn:
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            conn.close()
        shutil.copy2(database, kept)
    for suffix in ("-wal", "-shm"):
        database.with_name(database.name + suffix).unlink(missing_ok=True)
    shutil.copy2(backup, database)
    db = connect(database, key)
    try:
        enrolled = db.execute("SELECT value FROM meta WHERE key = 'sync_token'").fetchone()
        if enrolled:
            db.execute(
                "INSERT INTO meta(key, value) VALUES ('sync_nonce', ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                [secrets.token_hex(16)],
            )
    finally:
        db.conn.close()
    from kyojo_desk.store.store import Store

    Store.open(database, key).close()  # opening applies the erasure ledger
    return kept


def backup_due(
    store: Store, now: dt.datetime | None = None, every: dt.timedelta = dt.timedelta(days=1)
) -> bool:
    """True when the last backup is older than `every` (or there was none)."""
    last = store.get_meta("last_backup_at")
    if not last:
        return True
    now = (now or dt.datetime.now()).astimezone()
    return now - dt.datetime.fromisoformat(last) >= every
