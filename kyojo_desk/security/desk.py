"""Opening this desk's database as the GUI and the CLI do: encrypted by default."""

from __future__ import annotations

import os
from pathlib import Path

from kyojo_desk.security import keys
from kyojo_desk.store import Store


def open_desk_store(database: Path) -> Store:
    """The desk's Store, opened with its key from the credential store.

    A new database is created encrypted (a new key is made and stored) unless
    $KYOJO_ENCRYPT is "0"; an existing plain database stays plain until `kyojo-desk encrypt`.
    """
    database = Path(database)
    key = keys.database_key(database)
    if key is None and not database.exists() and os.environ.get("KYOJO_ENCRYPT", "1") != "0":
        key = keys.new_key()
        keys.store_key(database, key)
    store = Store.open(database, key)
    if key is not None and store.get_meta("recovery_key_shown") is None:
        store.recovery_key_pending = keys.recovery_text(key)  # type: ignore[attr-defined]
    return store


def mark_recovery_key_shown(store: Store) -> None:
    """The coordinator has seen (and written down) the recovery key: do not show it again."""
    store.set_meta("recovery_key_shown", "1")
