"""The change log: every write to a synced table, recorded in the same transaction.

Each write gets one hybrid-logical-clock stamp (kyojo_desk.sync.hlc: one integer) and one
outbox entry `(seq, table, row_id, stamp, fields)`. The entry holds no values: when it is sent,
the values are read from the row, whose own columns say which stamp each field carries
(`sync_stamp`/`sync_origin` for most fields, `sync_stamps` for the few that differ). A field
written again before its entry was acknowledged first copies its old value into the entry
(`kept`), so an entry sent twice is the same both times.

Origins: 0 is this desk (whatever id it is enrolled under); other desks are numbered in
`sync_origins`.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Callable, Iterable
from typing import Any

from sqlite_utils import Database

from kyojo_desk.store.schema import SyncedTable
from kyojo_desk.sync import hlc

THIS_DESK = 0


def local_now() -> str:
    """Local time with its offset, to the second: how every timestamp is stored."""
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")


def system_now_ms() -> int:
    """The wall clock in milliseconds (tests replace it to play a desk whose clock is off)."""
    return time.time_ns() // 1_000_000


Clock = tuple[int, int]  # (stamp, origin number)


class RowStamps:
    """The stamp and origin of every synced field of one row, packed as the row stores them:
    the most common (stamp, origin) as the row's, the others as exceptions."""

    __slots__ = ("spec", "base", "exceptions")

    def __init__(self, spec: SyncedTable, base: Clock, exceptions: dict[str, Clock]) -> None:
        self.spec = spec
        self.base = base
        self.exceptions = exceptions

    @classmethod
    def unpack(cls, spec: SyncedTable, stamp: int, origin: int, packed: str | None) -> RowStamps:
        exceptions = {}
        if packed:
            exceptions = {name: (int(s), int(o)) for name, (s, o) in json.loads(packed).items()}
        return cls(spec, (stamp, origin), exceptions)

    def of(self, name: str) -> Clock:
        return self.exceptions.get(name, self.base)

    def set(self, names: Iterable[str], clock: Clock) -> None:
        self.assign(dict.fromkeys(names, clock))

    def assign(self, clocks: dict[str, Clock]) -> None:
        """Give fields their clocks, then make the most common clock the row's again."""
        exceptions = self.exceptions
        exceptions.update(clocks)
        fields = self.spec.fields
        # Counted as Counter would, without its cost (a pulled page assigns clocks to every
        # row it writes): the first most common clock, in the order first met, wins.
        counts: dict[Clock, int] = {}
        for clock in exceptions.values():
            counts[clock] = counts.get(clock, 0) + 1
        counts[self.base] = counts.get(self.base, 0) + len(fields) - len(exceptions)
        base = max(counts, key=counts.__getitem__)
        if base != self.base:
            old = self.base
            for name in fields:
                exceptions.setdefault(name, old)
            self.base = base
        self.exceptions = {name: clock for name, clock in exceptions.items() if clock != base}

    def pack(self) -> tuple[int, int, str | None]:
        # The JSON json.dumps writes for {name: [stamp, origin]} in name order (field names
        # need no escaping), written directly: a pulled page packs every row it writes.
        packed = (
            "{"
            + ", ".join(
                f'"{name}": [{stamp}, {origin}]'
                for name, (stamp, origin) in sorted(self.exceptions.items())
            )
            + "}"
            if self.exceptions
            else None
        )
        return self.base[0], self.base[1], packed

    def latest(self) -> int:
        return max([self.base[0], *(s for s, _ in self.exceptions.values())])


_JSON_FIELDS: dict[str, frozenset[str]] = {}


def json_fields(spec: SyncedTable) -> frozenset[str]:
    """The table's JSON list fields (asked for every value sent or pulled: kept once)."""
    found = _JSON_FIELDS.get(spec.name)
    if found is None:
        found = _JSON_FIELDS[spec.name] = frozenset(spec.json_fields)
    return found


def wire_value(spec: SyncedTable, name: str, value: Any) -> Any:
    """A stored value as it travels: JSON list fields as lists."""
    if isinstance(value, str) and name in json_fields(spec):
        try:
            return json.loads(value or "[]")
        except ValueError:
            return value  # sent as it is; the server refuses it with its reason
    return value


def stored_value(spec: SyncedTable, name: str, value: Any) -> Any:
    """A travelling value as the desk stores it: JSON list fields as JSON text."""
    if name in json_fields(spec) and not isinstance(value, str):
        return json.dumps(value if value is not None else [], ensure_ascii=False)
    if isinstance(value, bool):
        return int(value)
    return value


def column_converter(spec: SyncedTable) -> Callable[[dict[str, Any]], dict[str, Any]]:
    """`stored_value` for every value of a pulled row at once, made once per table: only the
    JSON list fields change (pulled values passed their checks: no booleans among them)."""
    converter = _CONVERTERS.get(spec.name)
    if converter is None:
        json_names = json_fields(spec)

        def converter(values: dict[str, Any]) -> dict[str, Any]:
            converted = dict(values)
            for name in json_names:
                value = converted.get(name, "")
                if type(value) is not str:
                    converted[name] = "[]" if value == [] else stored_value(spec, name, value)
            return converted

        _CONVERTERS[spec.name] = converter
    return converter


_CONVERTERS: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {}


class ChangeLog:
    """Numbers and stamps this desk's writes. Call `record` only inside a transaction."""

    def __init__(self, db: Database, desk_id: str) -> None:
        self.db = db
        self.desk_id = desk_id
        self.last_stamp = int(self._meta("hlc_last") or 0)

    def _meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
        return row[0] if row else None

    def next_seq(self) -> int:
        return int(self._meta("next_seq") or 1)

    def acked_stamp(self) -> int:
        """The stamp of the newest acknowledged entry: a local field stamp above it is an edit
        the server has not acknowledged yet."""
        return int(self._meta("acked_stamp") or 0)

    def new_stamp(self) -> int:
        self.last_stamp = hlc.next_stamp(self.last_stamp, system_now_ms())
        return self.last_stamp

    def receive(self, remote: int) -> None:
        """Move past a pulled stamp so that later local edits order after it."""
        if remote > self.last_stamp:
            self.last_stamp = hlc.receive(self.last_stamp, remote, system_now_ms())

    def save_clock(self) -> None:
        self.db.execute(
            "INSERT INTO meta(key, value) VALUES ('hlc_last', ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [str(self.last_stamp)],
        )

    def _save_counters(self, next_seq: int) -> None:
        # One statement for both counters: this runs for every write.
        self.db.conn.execute(
            "INSERT INTO meta(key, value) VALUES ('next_seq', ?), ('hlc_last', ?)"
            " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [str(next_seq), str(self.last_stamp)],
        )

    def record(
        self,
        table: str,
        row_id: str,
        changed: Iterable[str],
        created: bool = False,
        stamp: int | None = None,
    ) -> tuple[int, int]:
        """Append one entry for the fields `changed` of a row. Returns (seq, stamp).

        `created` marks the change that made the row (it names no fields: all of them).
        """
        stamp = stamp if stamp is not None else self.new_stamp()
        seq = self.next_seq()
        self.db.conn.execute(
            "INSERT INTO outbox(seq, table_name, row_id, stamp, fields, created)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            [seq, table, row_id, stamp, None if created else json.dumps(sorted(changed)), created],
        )
        self._save_counters(seq + 1)
        return seq, stamp

    def record_created_rows(self, table: str, row_ids: list[str], stamps: list[int]) -> None:
        """`record` for many newly created rows at once (bulk import). Inside a transaction."""
        seq = self.next_seq()
        self.db.conn.executemany(
            "INSERT INTO outbox(seq, table_name, row_id, stamp, fields, created)"
            " VALUES (?, ?, ?, ?, NULL, 1)",
            [
                (seq + i, table, row_id, stamp)
                for i, (row_id, stamp) in enumerate(zip(row_ids, stamps, strict=True))
            ],
        )
        self._save_counters(seq + len(row_ids))

    def entry_with_stamp(self, stamp: int) -> int | None:
        """The seq of the unacknowledged entry stamped `stamp`, or None. Local stamps rise with
        seq, so a binary search over seq finds it without an index on stamps."""
        acked_row = self._meta("acked_seq")
        low, high = int(acked_row or 0) + 1, self.next_seq() - 1
        while low <= high:
            middle = (low + high) // 2
            row = self.db.execute(
                "SELECT seq, stamp FROM outbox WHERE seq >= ? ORDER BY seq LIMIT 1", [middle]
            ).fetchone()
            if row is None or row[0] > high:
                high = middle - 1
                continue
            if row[1] == stamp:
                return row[0]
            if row[1] < stamp:
                low = row[0] + 1
            else:
                high = middle - 1
        return None

    def keep_old_values(
        self, table: str, row_stamps: RowStamps, current: dict[str, Any], names: Iterable[str]
    ) -> None:
        """Before local fields `names` are written again: copy the values they have now into
        the unacknowledged entries that made them, so those entries still send them."""
        acked_stamp = self.acked_stamp()
        by_stamp: dict[int, list[str]] = {}
        for name in names:
            stamp, origin = row_stamps.of(name)
            if origin == THIS_DESK and stamp > acked_stamp:
                by_stamp.setdefault(stamp, []).append(name)
        for stamp, fields in by_stamp.items():
            seq = self.entry_with_stamp(stamp)
            if seq is None:
                continue
            (kept_text,) = self.db.execute(
                "SELECT kept FROM outbox WHERE seq = ?", [seq]
            ).fetchone()
            kept = json.loads(kept_text) if kept_text else {}
            for name in fields:
                kept.setdefault(name, current.get(name))
            self.db.execute(
                "UPDATE outbox SET kept = ? WHERE seq = ?",
                [json.dumps(kept, ensure_ascii=False), seq],
            )
