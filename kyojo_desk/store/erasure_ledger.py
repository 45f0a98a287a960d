"""Erasure that reaches every copy of the desk database.

Backups (14 daily copies) and the copies kept before a migration or a restore are whole
databases: an erased person would be back the moment one of them is restored. Rather than
rewriting every copy (encrypted, possibly on a USB stick), the desk keeps an erasure ledger
outside the database, beside it (`kyojo.db.erased`, owner-only): one resident id per line, never
a name or any other personal value. Every time a desk database is opened — after a restore, or a
copy put in place by hand — the people in the ledger that it still holds are erased again (and
the erasure is queued for the server once more), before anything else can read or sync them.

The copies kept beside the database before a migration or a restore are removed once they are
older than COPY_KEEP_DAYS, and only after the database opened and migrated successfully.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kyojo_desk.store.store import Store

LEDGER_SUFFIX = ".erased"
COPY_KEEP_DAYS = 7
_COPY_NAME = re.compile(r"\.before-(?:migration|restore)-(\d{8}-\d{6})\.bak$")


def ledger_path(database: Path) -> Path:
    return database.with_name(database.name + LEDGER_SUFFIX)


def record_erasure(database: Path | None, resident_id: str) -> None:
    """Add a person to the ledger of `database` (durably: written and synced to disk)."""
    if database is None:
        return
    descriptor = os.open(ledger_path(database), os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    with os.fdopen(descriptor, "a", encoding="utf-8") as ledger:
        ledger.write(resident_id + "\n")
        ledger.flush()
        os.fsync(ledger.fileno())


def erased_ids(database: Path) -> set[str]:
    """Everyone in the ledger of `database`."""
    try:
        text = ledger_path(database).read_text(encoding="utf-8")
    except FileNotFoundError:
        return set()
    return {line.strip() for line in text.splitlines() if line.strip()}


def apply_ledger(store: Store) -> list[str]:
    """Erase again everyone in the ledger that this database still holds; returns their ids."""
    if store.path is None:
        return []
    erased = erased_ids(store.path)
    if not erased:
        return []
    ids = sorted(erased)
    held: list[str] = []
    for start in range(0, len(ids), 500):  # within SQLite's limit of bound parameters
        chunk = ids[start : start + 500]
        held += [
            row[0]
            for row in store.db.execute(
                f"SELECT id FROM residents WHERE id IN ({', '.join('?' for _ in chunk)})", chunk
            )
        ]
    for resident_id in held:
        store.erase_resident(resident_id)
    return held


def remove_old_copies(
    database: Path, days: int = COPY_KEEP_DAYS, now: dt.datetime | None = None
) -> list[Path]:
    """Remove the copies kept before a migration or a restore once older than `days`."""
    limit = (now or dt.datetime.now()) - dt.timedelta(days=days)
    removed = []
    for copy in database.parent.glob(f"{database.name}.before-*.bak"):
        match = _COPY_NAME.search(copy.name)
        if match is None:
            continue
        if dt.datetime.strptime(match.group(1), "%Y%m%d-%H%M%S") < limit:
            copy.unlink(missing_ok=True)
            removed.append(copy)
    return removed


def after_open(store: Store) -> None:
    """What every successful open of a desk database file does (see the module docstring)."""
    if store.path is None:
        return
    apply_ledger(store)
    remove_old_copies(store.path)
