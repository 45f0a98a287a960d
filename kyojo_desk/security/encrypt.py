"""Turning encryption on for a desk database that was plain until now."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from kyojo_desk.errors import KyojoError
from kyojo_desk.security import keys
from kyojo_desk.texts import N_


def encrypt_database(database: Path, key: str | None = None, keep_plain_copy: bool = False) -> str:
    """Encrypt `database` in place (SQLCipher export into a new file, then swapped in).

    Returns the key, which is also stored in the credential store. The plain file is removed
    unless `keep_plain_copy` (then it is kept beside as `<name>.plain.bak`).
    """
    import sqlcipher3

    database = Path(database)
    if keys.database_key(database):
        raise KyojoError(N_("このデータはすでに暗号化されています。"))
    key = key or keys.new_key()
    # Fold the write-ahead log into the file first, so the export sees every committed row.
    with sqlite3.connect(str(database)) as plain:
        plain.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    plain.close()
    encrypted = database.with_name(database.name + ".encrypting")
    encrypted.unlink(missing_ok=True)
    conn = sqlcipher3.connect(str(database))
    try:
        conn.execute(f"ATTACH DATABASE ? AS encrypted KEY \"x'{key}'\"", [str(encrypted)])
        conn.execute("SELECT sqlcipher_export('encrypted')")
        conn.execute("DETACH DATABASE encrypted")
    finally:
        conn.close()
    keys.store_key(database, key)
    if keep_plain_copy:
        database.replace(database.with_name(database.name + ".plain.bak"))
    for suffix in ("-wal", "-shm"):
        database.with_name(database.name + suffix).unlink(missing_ok=True)
    encrypted.replace(database)
    return key
