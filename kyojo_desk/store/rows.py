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


def decode_row(spec: SyncedTable | str, row: dict[str, Any]) -> dict[str, Any]:
    """Column values → Python values; `spec` may be a synced table's name."""
    if isinstance(spec, str):
        spec = SYNCED_TABLES[spec]
    decoded = dict(row)
    for name in spec.json_fields:
        if name in decoded and isinstance(decoded[name], str):
            decoded[name] = json.loads(decoded[name] or "[]")
    return decoded
