"""Row values between Python and SQLite: JSON text for list fields, 0/1 for booleans."""

from __future__ import annotations

import json
from typing import Any

from kyojo_desk.store.schema import SYNCED_TABLES, SyncedTable


def encode_row(spec: SyncedTable, values: dict[str, Any]) -> dict[str, Any]:
    """Python values → column values (JSON text for list fields, 0/1 for booleans)."""
    encoded: dict[str, Any] = {}
    for name, value in values.items():
        if name in spec.json_fields:
            value = json.dumps(value if value is not None else [], ensure_ascii=False)
        elif isinstance(value, bool):
            value = int(value)
        encoded[name] = value
    return encoded


# Columns of every synced row that say which stamp its fields carry (kyojo_desk.store.changelog):
# bookkeeping, not values of the record.
STAMP_COLUMNS = ("sync_stamp", "sync_origin", "sync_stamps")


def decode_row(spec: SyncedTable | str, row: dict[str, Any]) -> dict[str, Any]:
    """Column values → Python values; `spec` may be a synced table's name. The stamp columns
    are left out."""
    if isinstance(spec, str):
        spec = SYNCED_TABLES[spec]
    decoded = {name: value for name, value in row.items() if name not in STAMP_COLUMNS}
    for name in spec.json_fields:
        if name in decoded and isinstance(decoded[name], str):
            decoded[name] = json.loads(decoded[name] or "[]")
    return decoded
