"""The change log: every write to a synced table, recorded in the same transaction.

`outbox` holds one row per write with only the fields that changed, each with its hybrid
logical clock stamp; `field_clocks` holds the winning stamp of every field of every row.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlite_utils import Database

from kyojo_desk.hlc import HybridClock, Stamp
from kyojo_desk.store.schema import SCHEMA_VERSION


def local_now() -> str:
    """Local time with its offset, to the second: how every timestamp is stored."""
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")


class ChangeLog:
    """Numbers and stamps this desk's writes. Call `record` only inside a transaction."""

    def __init__(self, db: Database, desk_id: str) -> None:
        self.db = db
        wall = int(self._meta("hlc_wall_ms") or 0)
        counter = int(self._meta("hlc_counter") or 0)
        self.clock = HybridClock(desk_id, wall, counter)

    def _meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
        return row[0] if row else None

    def _set_meta(self, key: str, value: str) -> None:
        self.db.execute(
            "INSERT INTO meta(key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [key, value],
        )

    def next_seq(self) -> int:
        return int(self._meta("next_seq") or 1)

    def record(
        self, table: str, row_id: str, changed: dict[str, Any], created: bool = False
    ) -> tuple[int, Stamp]:
        """Append one change to the outbox and move the fields' clocks. Returns (seq, stamp).

        `created` marks the change that made the row (sync refuses an update without it).
        """
        stamp = self.clock.now()
        stamp_text = str(stamp)
        seq = self.next_seq()
        payload = {name: [value, stamp_text] for name, value in changed.items()}
        self.db.conn.execute(
            "INSERT INTO outbox(seq, table_name, row_id, fields, schema_version, created_at,"
            " created) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                seq,
                table,
                row_id,
                json.dumps(payload, ensure_ascii=False),
                SCHEMA_VERSION,
                local_now(),
                int(created),
            ],
        )
        self.db.conn.executemany(
            "INSERT INTO field_clocks(table_name, row_id, field, hlc) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(table_name, row_id, field) DO UPDATE SET hlc = excluded.hlc",
            [(table, row_id, name, stamp_text) for name in changed],
        )
        # One statement for the three counters: this runs for every write.
        self.db.conn.execute(
            "INSERT INTO meta(key, value) VALUES ('next_seq', ?), ('hlc_wall_ms', ?),"
            " ('hlc_counter', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [str(seq + 1), str(self.clock.wall_ms), str(self.clock.counter)],
        )
        return seq, stamp

    def record_created_rows(self, table: str, rows: list[tuple[str, dict[str, Any]]]) -> None:
        """`record` for many newly created rows at once (bulk import): same entries, fewer
        statements. Call only inside a transaction."""
        seq = self.next_seq()
        outbox_rows = []
        clock_rows = []
        created_at = local_now()
        for row_id, changed in rows:
            stamp_text = str(self.clock.now())
            payload = {name: [value, stamp_text] for name, value in changed.items()}
            outbox_rows.append(
                (
                    seq,
                    table,
                    row_id,
                    json.dumps(payload, ensure_ascii=False),
                    SCHEMA_VERSION,
                    created_at,
                    1,
                )
            )
            clock_rows.extend((table, row_id, name, stamp_text) for name in changed)
            seq += 1
        self.db.conn.executemany(
            "INSERT INTO outbox(seq, table_name, row_id, fields, schema_version, created_at,"
            " created) VALUES (?, ?, ?, ?, ?, ?, ?)",
            outbox_rows,
        )
        self.db.conn.executemany(
            "INSERT INTO field_clocks(table_name, row_id, field, hlc) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(table_name, row_id, field) DO UPDATE SET hlc = excluded.hlc",
            clock_rows,
        )
        self.db.conn.execute(
            "INSERT INTO meta(key, value) VALUES ('next_seq', ?), ('hlc_wall_ms', ?),"
            " ('hlc_counter', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [str(seq), str(self.clock.wall_ms), str(self.clock.counter)],
        )

    def save_clock(self) -> None:
        self._set_meta("hlc_wall_ms", str(self.clock.wall_ms))
        self._set_meta("hlc_counter", str(self.clock.counter))
