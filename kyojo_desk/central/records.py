"""Changes and records of the central server: push (merge), pull, and reading merged rows.

One row of `records` per synced record of a city: its fields as JSON, the origin of most of
its fields (stamp, desk, server seq: the "row stamp"), and packed per-field exceptions for the
fields whose origin differs (`{"phone": [stamp, desk_id, seq]}`, NULL when there are none).
`server_seq` is the city's sequence number of the record's latest change; desks pull records
changed after their cursor, in that order (state, not history). Conflict copies and erasures
are entries of `city_log` in the same sequence.

A push is checked and merged change by change; a change that cannot apply is refused on its
own (`rejected` with a reason) and the rest of the batch applies. The rows a batch touches are
read with one primary-key lookup per table and written with one statement (PostgreSQL: arrays).
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
from collections import Counter
from typing import Any

from kyojo_desk.central import wire
from kyojo_desk.central.db import Database, StorageError, Tx, now_ms
from kyojo_desk.central.desks import Desk, city_epoch
from kyojo_desk.central.erasure import Erasures
from kyojo_desk.central.migrations import BATCH_DIGEST_LENGTH, UNKNOWN_DIGEST
from kyojo_desk.central.validation import TableChecks, table_checks
from kyojo_desk.store.schema import SYNCED_TABLES
from kyojo_desk.sync import protocol
from kyojo_desk.sync.fields import CODE_ID_PATTERN, UUID_PATTERN
from kyojo_desk.sync.hlc import COUNTER_BITS, STAMP_MAX, wall_ms

canonical = wire.canonical

# Pseudo-tables of requests about a person (erasure, unsharing): row_id is the resident's id.
PSEUDO_TABLES = (protocol.ERASURE_TABLE, protocol.UNSHARE_TABLE)
RECORD_COLUMNS = {
    "city": "text",
    "table_name": "text",
    "row_id": "text",
    "fields": "text",
    "stamp": "bigint",
    "desk_id": "text",
    "seq": "bigint",
    "exceptions": "text",
    "server_seq": "bigint",
    "resident_id": "text",
}
RECORD_KEY = ("city", "table_name", "row_id")
# How often a desk's last pull time is written (the status page shows it to the second).
PULL_NOTE_MS = 10_000
# (stamp, origin desk id, server seq of the change that wrote it; None until written)
Origin = tuple[int, str, int | None]


class PushRefused(StorageError):
    """The whole push is refused (gap, re-enrol, ack ahead); nothing of it was stored."""

    def __init__(self, code: str, message: str, **extra: Any) -> None:
        super().__init__(message)
        self.code = code
        self.extra = extra


class RowState:
    """One record as merged: values and the origin of each field.

    `origins` (every field's origin) is made only when asked for. Until then a record keeps
    one origin shared by its fields (`shared`) and the few that differ (`exceptions`), as the
    records table stores it: a record written whole by one change (most of a push) or read
    from the table to take an edit of a field or two is merged and packed again without a
    dict of twenty origins (`origin_of`, `set_origin`, `pack`)."""

    __slots__ = ("values", "_origins", "shared", "exceptions", "exists", "dirty", "stored")

    def __init__(
        self,
        values: dict[str, Any] | None = None,
        origins: dict[str, Origin] | None = None,
        exists: bool = False,
        dirty: bool = False,
        stored: bool = False,
    ) -> None:
        self.values: dict[str, Any] = {} if values is None else values
        self._origins: dict[str, Origin] | None = {} if origins is None else origins
        # While `_origins` is not made (None): the origin of every field of `values` not in
        # `exceptions`, and those fields' own origins (None: there are none).
        self.shared: Origin | None = None
        self.exceptions: dict[str, Origin] | None = None
        self.exists = exists
        self.dirty = dirty
        # Whether the database holds the row (it is then updated, else inserted).
        self.stored = stored

    @property
    def origins(self) -> dict[str, Origin]:
        if self._origins is None:
            made = dict.fromkeys(self.values, self.shared)
            if self.exceptions:
                made.update(self.exceptions)
            self.origins = made  # type: ignore[assignment]
        return self._origins  # type: ignore[return-value]

    @origins.setter
    def origins(self, origins: dict[str, Origin]) -> None:
        self._origins = origins
        self.shared = None
        self.exceptions = None

    def share_origin(self, origin: Origin, exceptions: dict[str, Origin] | None = None) -> None:
        """Give every field (of `values`) the same origin but `exceptions`, without making
        `origins`."""
        self._origins = None
        self.shared = origin
        self.exceptions = exceptions

    def has_origins(self) -> bool:
        return self.shared is not None or bool(self._origins)

    def origin_of(self, name: str) -> Origin | None:
        """`origins.get(name)`, without making `origins`."""
        if self._origins is not None:
            return self._origins.get(name)
        if self.exceptions:
            own = self.exceptions.get(name)
            if own is not None:
                return own
        return self.shared if name in self.values else None

    def set_origin(self, name: str, origin: Origin) -> None:
        """`origins[name] = origin`, without making `origins` (the field's value is set
        beside it)."""
        if self._origins is not None:
            self._origins[name] = origin
        elif self.exceptions is None:
            self.exceptions = {name: origin}
        else:
            self.exceptions[name] = origin

    @classmethod
    def unpack(
        cls, fields: str, stamp: int, desk_id: str, seq: int, exceptions: str | None
    ) -> RowState:
        values = wire.read_stored(fields)
        own: dict[str, Origin] = {}
        if exceptions:
            for name, (own_stamp, own_desk, own_seq) in wire.read_stored(exceptions).items():
                own[name] = (int(own_stamp), own_desk, int(own_seq))
        base: Origin = (int(stamp), desk_id, int(seq))
        if not own.keys() <= values.keys() or not values:
            # Origins of fields without a value (or no field at all): kept as one dict, in the
            # order the row gives them.
            return cls(values, dict.fromkeys(values, base) | own, exists=True, stored=True)
        state = cls(values, exists=True, stored=True)
        state.share_origin(base, own or None)
        return state

    def pack(self, seq: int | None = None) -> tuple[str, Origin, str | None]:
        """(fields JSON, row origin, exceptions JSON or None): the row origin is the one most
        fields share, so a record edited field by field stays one row with few exceptions.
        Fields written in this batch (seq None) get `seq`, the record's new server seq."""
        shared = self.shared
        if self._origins is None and shared is not None:
            packed = self._pack_shared(shared, seq)
            if packed is not None:
                return packed
        origins = self.origins
        counts = Counter(origins.values())
        if seq is not None:
            unnumbered = [origin for origin in counts if origin[2] is None]
            if unnumbered:
                if len(counts) == 1:
                    stamp, desk_id, _ = unnumbered[0]
                    self.origins = origins = dict.fromkeys(origins, (stamp, desk_id, seq))
                    counts = Counter({(stamp, desk_id, seq): len(origins)})
                else:
                    filled = {origin: (origin[0], origin[1], seq) for origin in unnumbered}
                    for name, origin in origins.items():
                        if origin[2] is None:
                            origins[name] = filled[origin]
                    counts = Counter(origins.values())
        stored_text = wire.canonical_stored
        if len(counts) == 1:
            return stored_text(self.values), next(iter(counts)), None
        # The first of the most common origins (as most_common(1) would pick it).
        base = max(counts, key=counts.__getitem__) if counts else (0, "", 0)
        exceptions = {name: list(o) for name, o in origins.items() if o != base}
        return stored_text(self.values), base, stored_text(exceptions) if exceptions else None

    def _pack_shared(
        self, shared: Origin, seq: int | None
    ) -> tuple[str, Origin, str | None] | None:
        """`pack` while `origins` is not made, when the shared origin is that of more than
        half of the fields (so it is the row origin whatever the order of the others): the
        same texts, without counting. None otherwise (then `pack` makes `origins`)."""
        values = self.values
        fill = seq is not None
        base = (shared[0], shared[1], seq) if fill and shared[2] is None else shared
        own: dict[str, Origin] = {}
        if self.exceptions:
            for name, origin in self.exceptions.items():
                if fill and origin[2] is None:
                    origin = (origin[0], origin[1], seq)  # type: ignore[assignment]
                if origin != base:
                    own[name] = origin
        if not own:
            if not values:
                return None  # no field: the row origin is none of theirs
            self.share_origin(base)
            if fill and shared[2] is None:
                # Written whole by one change of this batch, whose values passed the checks.
                return wire.canonical_checked(values), base, None
            return wire.canonical_stored(values), base, None
        if 2 * len(own) >= len(values) or not own.keys() <= values.keys():
            return None
        self.share_origin(base, own)
        exceptions = {name: list(origin) for name, origin in own.items()}
        return wire.canonical_stored(values), base, wire.canonical_stored(exceptions)


def resident_of(table: str, row_id: str, values: dict[str, Any]) -> str | None:
    """The person a record is about, by the schema's resident_field."""
    spec = SYNCED_TABLES.get(table)
    if spec is None or spec.resident_field is None:
        return None
    if spec.resident_field == "id":
        return row_id
    value = values.get(spec.resident_field)
    return value if isinstance(value, str) and value else None


def person_of(
    table: str, row_id: str, stored: dict[str, Any], changed: dict[str, Any]
) -> str | None:
    """The person a record is about once `changed` is merged into `stored` (as resident_of
    on the merged values, without merging them)."""
    spec = SYNCED_TABLES.get(table)
    if spec is None or spec.resident_field is None:
        return None
    name = spec.resident_field
    if name == "id":
        return row_id
    value = changed[name] if name in changed else stored.get(name)
    return value if isinstance(value, str) and value else None


def next_seqs(tx: Tx, city: str, count: int) -> int:
    """Reserve `count` server seqs of a city (inside its lock); returns the first."""
    row = tx.one(
        "INSERT INTO city_state (city, last_seq) VALUES (?, ?) ON CONFLICT (city)"
        " DO UPDATE SET last_seq = city_state.last_seq + excluded.last_seq RETURNING last_seq",
        [city, count],
    )
    assert row is not None
    return int(row[0]) - count + 1


def record_conflict(
    tx: Tx,
    city: str,
    table: str,
    row_id: str,
    name: str,
    kept: tuple[Any, int, str],
    lost: tuple[Any, int, str],
) -> int:
    """Keep a losing value for a coordinator, once (a re-sent change makes no copy), and
    broadcast it to every desk of the city. Returns 1 when a new copy was made."""
    (kept_value, kept_stamp, kept_desk), (lost_value, lost_stamp, lost_desk) = kept, lost
    conflict_id = hashlib.sha256(
        "\x1f".join([city, table, row_id, name, str(kept_stamp), str(lost_stamp)]).encode()
    ).hexdigest()[:32]
    if tx.one("SELECT 1 FROM conflicts WHERE id = ?", [conflict_id]):
        return 0
    created = now_ms()
    tx.execute(
        "INSERT INTO conflicts (id, city, table_name, row_id, field, kept_value, kept_stamp,"
        " kept_desk, lost_value, lost_stamp, lost_desk, created_ms)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            conflict_id,
            city,
            table,
            row_id,
            name,
            canonical(kept_value),
            kept_stamp,
            kept_desk,
            canonical(lost_value),
            lost_stamp,
            lost_desk,
            created,
        ],
    )
    names = dict(
        tx.execute(
            "SELECT desk_id, name FROM desks WHERE desk_id IN (?, ?)", [kept_desk, lost_desk]
        )
    )
    payload = {
        "id": conflict_id,
        "kept_desk_name": names.get(kept_desk, ""),
        "lost_desk_name": names.get(lost_desk, ""),
        "field": name,
        "kept_value": kept_value,
        "kept_stamp": kept_stamp,
        "kept_desk": kept_desk,
        "lost_value": lost_value,
        "lost_stamp": lost_stamp,
        "lost_desk": lost_desk,
        "created_ms": created,
    }
    seq = next_seqs(tx, city, 1)
    tx.execute(
        "INSERT INTO city_log (city, server_seq, kind, table_name, row_id, fields, created_ms)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        [city, seq, protocol.KIND_CONFLICT, table, row_id, canonical(payload), created],
    )
    return 1


def digest(change: protocol.Change) -> str:
    """`change.digest()`, the same text hashed, built with fewer steps for the usual change
    without own stamps (the sorted names of a field set are reused across a batch)."""
    if change.stamps:
        return change.digest()
    names = change.fields.keys()
    key = tuple(names)
    joined = SORTED_NAMES.get(key)
    if joined is None:
        joined = "".join(f"{name}\x1f" for name in sorted(names))
        if len(SORTED_NAMES) < 1024 and len(joined) <= 4096:  # a bounded cache of real shapes
            SORTED_NAMES[key] = joined
    text = (
        f"{change.table}\x1f{change.row_id}\x1f{change.stamp!r}\x1f"
        f"{'1' if change.created else '0'}\x1f{joined}\x1e"
    )
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


# Field names in a change's order → the same names sorted, each followed by the separator.
SORTED_NAMES: dict[tuple[str, ...], str] = {}


def precheck(
    change: protocol.Change, now: int, clean_strings: bool = False
) -> protocol.ChangeResult | None:
    """The checks of one change that need no stored data (run before the city's lock is
    taken): its refusal, or None when it may be merged. `clean_strings`: no text of the
    request can hold NUL or a lone surrogate (kyojo_desk/central/validation.py)."""
    refusal = precheck_shape(change, now)
    if refusal is not None or change.table in PSEUDO_TABLES:
        return refusal
    return precheck_values(change, table_checks(change.table), clean_strings)  # type: ignore[arg-type]


def precheck_batch(
    changes: list[protocol.Change], now: int, clean_strings: bool = False
) -> dict[int, protocol.ChangeResult]:
    """`precheck` of every change of a batch, by seq (only the refused ones).

    Changes of one table that name the same fields (and no own stamps) are checked together:
    their row ids by one match over all of them, their stamps and values column by column
    (kyojo_desk/central/validation.py). A group that does not pass is checked change by
    change, so every refusal and its reason are those of `precheck`."""
    refused: dict[int, protocol.ChangeResult] = {}
    groups: dict[tuple[str, tuple[str, ...]], list[protocol.Change]] = {}
    for change in changes:
        if change.stamps or change.table in PSEUDO_TABLES:
            refusal = precheck(change, now, clean_strings)
            if refusal is not None:
                refused[change.seq] = refusal
        else:
            groups.setdefault((change.table, tuple(change.fields)), []).append(change)
    # A stamp from this one on runs ahead of the server's clock by more than the skew.
    too_new = (now + protocol.MAX_CLOCK_SKEW_MS + 1) << COUNTER_BITS
    for (table, names), group in groups.items():
        checks = table_checks(table)
        if (
            checks is None
            or len(group) < COLUMN_CHECK_MIN
            or not row_ids_valid(table, [change.row_id for change in group])
            or not stamps_valid([change.stamp for change in group], too_new)
            or not checks.all_valid(
                names, [change.fields.values() for change in group], clean_strings
            )
        ):
            for change in group:
                refusal = precheck(change, now, clean_strings)
                if refusal is not None:
                    refused[change.seq] = refusal
        elif protocol.largest_change(table) > protocol.MAX_CHANGE_BYTES:
            for change in group:
                if change.size() > protocol.MAX_CHANGE_BYTES:
                    refused[change.seq] = protocol.ChangeResult(
                        change.seq, protocol.REJECTED, protocol.REASON_TOO_LARGE
                    )
    return refused


# Fewer changes of one shape than this are checked one by one (columns would cost more).
COLUMN_CHECK_MIN = 4
# Many row ids, one per line: one match checks them all.
UUID_LINES = re.compile(r"(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\n)*")
CODE_LINES = re.compile(r"(?:[0-9A-Za-z_.\-]{1,64}\n)*")


def row_ids_valid(table: str, row_ids: list[str]) -> bool:
    """Whether every row id can name a row of `table` (as is_valid_row_id for each)."""
    lines = "\n".join(row_ids) + "\n"
    if lines.count("\n") != len(row_ids):
        return False  # an id holding a line break; checked one by one
    pattern = CODE_LINES if SYNCED_TABLES[table].code_ids else UUID_LINES
    return pattern.fullmatch(lines) is not None


def stamps_valid(stamps: list[Any], too_new: int) -> bool:
    """Whether every stamp is a valid stamp below `too_new`."""
    return set(map(type, stamps)) == {int} and min(stamps) > 0 and max(stamps) < too_new


def precheck_shape(change: protocol.Change, now: int) -> protocol.ChangeResult | None:
    """The checks of a change besides its values: table, row id, stamps."""

    def rejected(reason: str, name: str = "") -> protocol.ChangeResult:
        return protocol.ChangeResult(change.seq, protocol.REJECTED, reason, field=name)

    table = change.table
    if table in PSEUDO_TABLES:
        if change.fields or len(change.row_id) > protocol.MAX_ROW_ID_LENGTH:
            return rejected(protocol.REASON_TOO_LARGE)
        return None  # checked against the stored residents by BatchMerge.erase / unshare
    row_id_pattern = ROW_ID_PATTERNS.get(table)
    if row_id_pattern is None:
        if table_checks(table) is None:
            return rejected(protocol.REASON_UNKNOWN_TABLE)
        row_id_pattern = ROW_ID_PATTERNS[table] = (
            CODE_ID_PATTERN if SYNCED_TABLES[table].code_ids else UUID_PATTERN
        )
    if row_id_pattern.fullmatch(change.row_id) is None:
        return rejected(protocol.REASON_INVALID_VALUE, "id")
    stamp, own_stamps = change.stamp, change.stamps
    if own_stamps:
        if not change.stamps_valid() or not own_stamps.keys() <= change.fields.keys():
            return rejected(protocol.REASON_BAD_STAMP)
        newest = max(stamp, *own_stamps.values())
    elif type(stamp) is int and 0 < stamp <= STAMP_MAX:
        newest = stamp
    else:
        return rejected(protocol.REASON_BAD_STAMP)
    if wall_ms(newest) > now + protocol.MAX_CLOCK_SKEW_MS:
        # A stamp far in the future would win every later edit of the field and drag every
        # desk's clock along: it can never apply.
        return rejected(protocol.REASON_FUTURE_STAMP)
    return None


# Table → the pattern of its row ids (as kyojo_desk.sync.fields.is_valid_row_id).
ROW_ID_PATTERNS: dict[str, re.Pattern[str]] = {}


def precheck_values(
    change: protocol.Change, checks: TableChecks, clean_strings: bool
) -> protocol.ChangeResult | None:
    """The checks of a change's values (after precheck_shape), and of its size."""
    refusal = checks.refusal(change.fields, clean_strings)
    if refusal is not None:
        reason, name = refusal
        return protocol.ChangeResult(change.seq, protocol.REJECTED, reason, field=name)
    # Valid values are bounded by their types: only a table whose largest change could pass
    # the limit has its changes measured.
    if (
        protocol.largest_change(change.table) > protocol.MAX_CHANGE_BYTES
        and change.size() > protocol.MAX_CHANGE_BYTES
    ):
        return protocol.ChangeResult(change.seq, protocol.REJECTED, protocol.REASON_TOO_LARGE)
    return None


class BatchMerge:
    """Merges one push batch field by field (docs/sync-protocol.md, "Merging").

    Holds the rows the batch touches (read up front by primary key), applies each change to
    them in seq order, and writes the changed rows at the end with `flush`.
    """

    def __init__(
        self,
        tx: Tx,
        desk: Desk,
        pull_cursor: int,
        erasures: Erasures,
        city_has_erasures: bool = True,
    ) -> None:
        self.city_has_erasures = city_has_erasures
        self.tx = tx
        self.desk = desk
        self.pull_cursor = pull_cursor
        self.erasures = erasures
        self.conflicts = 0
        self.rows: dict[tuple[str, str], RowState] = {}
        self.erased: set[str] = set()
        self.erased_checked: set[str] = set()
        self.erasure_requested = False

    def prefetch(self, changes: list[protocol.Change]) -> None:
        """Read every row the changes (all passed `precheck`) touch, one query per table, and
        which of the people they are about were erased."""
        by_table: dict[str, set[str]] = {}
        for change in changes:
            table = change.table
            if table in PSEUDO_TABLES:
                if UUID_PATTERN.fullmatch(change.row_id):
                    by_table.setdefault("residents", set()).add(change.row_id)
            else:
                by_table.setdefault(table, set()).add(change.row_id)
        for table, ids in by_table.items():
            self.load(table, sorted(ids))
        if not self.city_has_erasures:
            return  # nobody of the city was erased: nothing to look up
        people = set()
        for change in changes:
            if change.table not in PSEUDO_TABLES:
                state = self.rows[(change.table, change.row_id)]
                person = person_of(change.table, change.row_id, state.values, change.fields)
                if person is not None and UUID_PATTERN.fullmatch(person):
                    people.add(person)
        self.erased |= self.erasures.erased_among(
            self.tx, self.desk.city, sorted(people), self.city_has_erasures
        )
        self.erased_checked |= people

    def load(self, table: str, ids: list[str]) -> None:
        rows = self.rows
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            for row_id, fields, stamp, desk_id, seq, exceptions in self.tx.execute(
                "SELECT row_id, fields, stamp, desk_id, seq, exceptions FROM records"
                f" WHERE city = ? AND table_name = ? AND row_id IN ({', '.join('?' * len(chunk))})",
                [self.desk.city, table, *chunk],
            ):
                rows[(table, row_id)] = RowState.unpack(fields, stamp, desk_id, seq, exceptions)
            for row_id in chunk:
                if (table, row_id) not in rows:
                    rows[(table, row_id)] = RowState()

    def row(self, table: str, row_id: str) -> RowState:
        state = self.rows.get((table, row_id))
        if state is None:
            self.load(table, [row_id])
            state = self.rows[(table, row_id)]
        return state

    def is_erased(self, resident_id: str) -> bool:
        if not self.city_has_erasures:
            return False
        if resident_id not in self.erased_checked:
            self.erased_checked.add(resident_id)
            self.erased |= self.erasures.erased_among(self.tx, self.desk.city, [resident_id])
        return resident_id in self.erased

    def merge(self, change: protocol.Change) -> protocol.ChangeResult | None:
        """Merge one change that passed `precheck`: its result, or None when it simply
        applied."""
        table = change.table
        if table == protocol.ERASURE_TABLE:
            return self.erase(change)
        if table == protocol.UNSHARE_TABLE:
            return self.unshare(change)
        state = self.row(table, change.row_id)
        person = person_of(table, change.row_id, state.values, change.fields)
        if person and self.is_erased(person):
            return protocol.ChangeResult(change.seq, protocol.ERASED, "erased", resident_id=person)
        if not state.exists and not change.created:
            return protocol.ChangeResult(change.seq, protocol.REJECTED, protocol.REASON_UNKNOWN_ROW)
        return self.apply(change, state)

    def apply(self, change: protocol.Change, state: RowState) -> protocol.ChangeResult | None:
        desk_id = self.desk.desk_id
        superseded: dict[str, list[Any]] = {}
        own_stamps, change_stamp = change.stamps, change.stamp
        if not state.has_origins() and not own_stamps:
            # A record new to the server, written by one change: every field is this change's.
            origin = (change_stamp, desk_id, None)
            state.values = dict(change.fields)
            state.share_origin(origin)
            state.dirty = state.dirty or bool(change.fields)
            state.exists = True
            return None
        for name, value in change.fields.items():
            stamp = own_stamps.get(name, change_stamp) if own_stamps else change_stamp
            old = state.origin_of(name)
            if old is None:
                state.values[name] = value
                state.set_origin(name, (stamp, desk_id, None))
                state.dirty = True
                continue
            old_stamp, old_desk, old_seq = old
            if (stamp, desk_id) == (old_stamp, old_desk):
                continue  # the same edit again
            old_value = state.values.get(name)
            differs = old_desk != desk_id and canonical(old_value) != canonical(value)
            if (stamp, desk_id) > (old_stamp, old_desk):
                if differs and old_seq is not None and old_seq > self.pull_cursor:
                    # The desk had not seen the value it overwrites: a concurrent edit.
                    self.conflicts += record_conflict(
                        self.tx,
                        self.desk.city,
                        change.table,
                        change.row_id,
                        name,
                        (value, stamp, desk_id),
                        (old_value, old_stamp, old_desk),
                    )
                state.values[name] = value
                state.set_origin(name, (stamp, desk_id, None))
                state.dirty = True
            else:
                superseded[name] = [old_value, old_stamp, old_desk]
                if differs:
                    self.conflicts += record_conflict(
                        self.tx,
                        self.desk.city,
                        change.table,
                        change.row_id,
                        name,
                        (old_value, old_stamp, old_desk),
                        (value, stamp, desk_id),
                    )
        state.exists = True
        if superseded:
            return protocol.ChangeResult(change.seq, protocol.APPLIED, superseded=superseded)
        return None

    def erase(self, change: protocol.Change) -> protocol.ChangeResult:
        """An erasure request: only for a resident of the desk's own city that exists."""
        resident_id = change.row_id
        if not UUID_PATTERN.fullmatch(resident_id) or not self.row("residents", resident_id).exists:
            return protocol.ChangeResult(change.seq, protocol.REJECTED, protocol.REASON_UNKNOWN_ROW)
        self.flush()
        self.erasures.erase(self.tx, self.desk.city, resident_id)
        self.city_has_erasures = True
        self.rows.clear()  # erasure rewrote rows: read them again when needed
        self.erased.add(resident_id)
        self.erased_checked.add(resident_id)
        self.erasure_requested = True
        return protocol.ChangeResult(change.seq, protocol.APPLIED, "erasure")

    def unshare(self, change: protocol.Change) -> protocol.ChangeResult | None:
        """A person stopped sharing with the city: keep only their stub (same checks as erase)."""
        resident_id = change.row_id
        if not UUID_PATTERN.fullmatch(resident_id) or not self.row("residents", resident_id).exists:
            return protocol.ChangeResult(change.seq, protocol.REJECTED, protocol.REASON_UNKNOWN_ROW)
        self.flush()
        self.erasures.unshare(self.tx, self.desk.city, resident_id, self.desk.desk_id)
        self.rows.clear()  # rows were rewritten: read them again when needed
        self.erasure_requested = True  # the removed values leave the files at the next compaction
        return None

    def flush(self) -> None:
        """Write the rows changed so far, each with a new server seq of the city."""
        dirty = [(key, state) for key, state in self.rows.items() if state.dirty]
        if not dirty:
            return
        first = next_seqs(self.tx, self.desk.city, len(dirty))
        city = self.desk.city
        inserted, updated = [], []
        for offset, ((table, row_id), state) in enumerate(dirty):
            seq = first + offset
            fields, (stamp, desk_id, row_seq), exceptions = state.pack(seq)
            person = resident_of(table, row_id, state.values)
            (updated if state.stored else inserted).append(
                (city, table, row_id, fields, stamp, desk_id, row_seq, exceptions, seq, person)
            )
            state.dirty = False
            state.stored = True
        # The rows were read under the city's lock: which ones the database holds is known,
        # so new rows are plain inserts (COPY on PostgreSQL) and the others updates.
        self.tx.insert_many("records", RECORD_COLUMNS, inserted)
        self.tx.update_many("records", RECORD_COLUMNS, RECORD_KEY, updated)


# A record the pulling desk holds already: every field's origin is that desk. The row origin
# (`desk_id`) is the desk's, and so is each exception's: `exceptions` is `{field: [stamp,
# desk, seq], ...}` (field names have no brackets, desk ids no escapes), so it holds one `[`
# per field and the desk is only the origin of them all when its quoted id occurs as often.
# Plain text functions, the same on SQLite and PostgreSQL.
ONLY_THE_DESKS_OWN = (
    "(desk_id = ? AND (exceptions IS NULL OR"
    " (length(exceptions) - length(replace(exceptions, '[', ''))) * ?"
    " = length(exceptions) - length(replace(exceptions, ?, ''))))"
)


def only_the_desks_own_params(desk_id: str) -> list[Any]:
    """The parameters of ONLY_THE_DESKS_OWN for one desk."""
    quoted = json.dumps(desk_id)
    return [desk_id, len(quoted), quoted]


class Records:
    """Push, pull and reading of merged records."""

    def __init__(self, database: Database, erasures: Erasures) -> None:
        self.database = database
        self.erasures = erasures
        self._pulls_noted: dict[str, int] = {}
        self._pull_lock = threading.Lock()

    def push(
        self, desk: Desk, request: protocol.PushRequest, clean_strings: bool = False
    ) -> protocol.PushAnswer:
        """Merge a desk's batch of changes in one transaction (docs/sync-protocol.md).
        `clean_strings`: no text of the request can hold NUL or a lone surrogate (the API
        knows from the raw body; see kyojo_desk/central/validation.py)."""
        changes = request.changes
        if any(a.seq >= b.seq for a, b in zip(changes, changes[1:], strict=False)):
            changes = sorted(changes, key=lambda c: c.seq)
        # Everything that needs no stored data is done before the city's lock is taken, so
        # pushes of one city queue only for the merge itself.
        now = now_ms()
        digests = {change.seq: digest(change) for change in changes}
        refused = precheck_batch(changes, now, clean_strings)
        with self.database.transaction() as tx:
            tx.lock_city(desk.city)
            row = tx.one(
                "SELECT last_seq, EXISTS (SELECT 1 FROM erasures WHERE city = ?) FROM desks"
                " WHERE desk_id = ?",
                [desk.city, desk.desk_id],
            )
            last_seq = int(row[0]) if row else 0
            city_has_erasures = bool(row[1]) if row else True
            if request.acked_seq > last_seq:
                # The desk saw acknowledgements this database does not have (it was restored
                # from a backup). Nothing is reset: the desk sends again from what is here.
                raise PushRefused(
                    protocol.ERROR_ACK_AHEAD,
                    f"サーバーはこの端末の変更を{last_seq}番までしか持っていません。"
                    "いまの記録から送り直します。",
                    acked_seq=last_seq,
                    expected_seq=last_seq + 1,
                )
            if request.next_seq is not None and last_seq >= request.next_seq:
                raise PushRefused(
                    protocol.ERROR_REENROL,
                    "この端末のデータベースはバックアップから戻されたか、複製されています。"
                    "登録し直してください。",
                )
            fresh = self._check_sequence(tx, desk, changes, last_seq, digests)
            merge = BatchMerge(tx, desk, request.pull_cursor, self.erasures, city_has_erasures)
            merge.prefetch([c for c in fresh if c.seq not in refused])
            results = []
            for change in fresh:
                result = refused.get(change.seq) or merge.merge(change)
                if result is not None:
                    results.append(result)
            merge.flush()
            if fresh:
                # One row for the push: the fresh seqs follow on without a gap, so each
                # change's fingerprint is found by its place.
                tx.execute(
                    "INSERT INTO received_batches (desk_id, first_seq, last_seq, digests)"
                    " VALUES (?, ?, ?, ?)",
                    [
                        desk.desk_id,
                        fresh[0].seq,
                        fresh[-1].seq,
                        "".join(digests[c.seq][:BATCH_DIGEST_LENGTH] for c in fresh),
                    ],
                )
            acked = fresh[-1].seq if fresh else last_seq
            tx.execute(
                "UPDATE desks SET last_seq = ?, last_push_ms = ?, pending = ? WHERE desk_id = ?",
                [acked, now_ms(), max(0, request.pending - len(fresh)), desk.desk_id],
            )
            erasure_requested = merge.erasure_requested
        if erasure_requested:
            self.erasures.compaction_due()
        return protocol.PushAnswer(acked_seq=acked, results=results, conflicts=merge.conflicts)

    def _check_sequence(
        self,
        tx: Tx,
        desk: Desk,
        changes: list[protocol.Change],
        last_seq: int,
        digests: dict[int, str],
    ) -> list[protocol.Change]:
        """The changes not yet received, after checking that re-sent ones are the same and
        that the new ones follow on without a gap."""
        resent = [c for c in changes if c.seq <= last_seq]
        if resent:
            stored = self._received_digests(tx, desk.desk_id, [c.seq for c in resent])
            for change in resent:
                known = stored.get(change.seq)
                # '' marks a change received under protocol 1, whose digest cannot be compared.
                if known and known != digests[change.seq][: len(known)]:
                    raise PushRefused(
                        protocol.ERROR_REENROL,
                        "この端末の送信済みの変更と食い違っています(データベースが複製または"
                        "復元されています)。登録し直してください。",
                    )
        fresh = [c for c in changes if c.seq > last_seq]
        expected = last_seq + 1
        for change in fresh:
            if change.seq != expected:
                raise PushRefused(
                    protocol.ERROR_GAP,
                    f"変更の番号が飛んでいます({expected}番から送ってください)。",
                    expected_seq=last_seq + 1,
                )
            expected += 1
        return fresh

    def _received_digests(self, tx: Tx, desk_id: str, seqs: list[int]) -> dict[int, str]:
        """{seq: fingerprint} of changes received before under these seqs ('' where it cannot
        be compared), from the rows of the pushes that held them: a push holds at most
        MAX_PUSH_CHANGES, so those rows start within that distance below the lowest seq."""
        low, high = min(seqs), max(seqs)
        found: dict[int, str] = {}
        wanted = set(seqs)
        for first, last, packed in tx.execute(
            "SELECT first_seq, last_seq, digests FROM received_batches"
            " WHERE desk_id = ? AND first_seq > ? AND first_seq <= ?",
            [desk_id, low - protocol.MAX_PUSH_CHANGES, high],
        ):
            first, last = int(first), int(last)
            for seq in range(max(first, low), min(last, high) + 1):
                if seq in wanted:
                    offset = (seq - first) * BATCH_DIGEST_LENGTH
                    known = packed[offset : offset + BATCH_DIGEST_LENGTH]
                    found[seq] = "" if known == UNKNOWN_DIGEST else known
        return found

    def pull(self, desk: Desk, since: int, limit: int) -> protocol.PullPage:
        """Records of the desk's city changed after `since` (not those only it wrote), and
        conflict copies and erasures, in server sequence order."""
        epoch, records, logged, next_since, has_more = self._pull_rows(desk, since, limit)
        entries = [record_entry(*r) for r in records]
        entries += [
            protocol.PulledEntry(int(seq), kind, table, row_id, "", json.loads(fields))
            for seq, kind, table, row_id, fields in logged
        ]
        entries.sort(key=lambda e: e.server_seq)
        return protocol.PullPage(epoch, entries, next_since, has_more)

    def pull_json(self, desk: Desk, since: int, limit: int) -> bytes:
        """The same page as `pull`, as the response body: the stored JSON text of each
        record's values is put into the page as it is (kyojo_desk/central/wire.py)."""
        epoch, records, logged, next_since, has_more = self._pull_rows(desk, since, limit)
        change_entry = wire.change_entry
        texts = [
            (
                seq,
                change_entry(
                    seq, table, row_id, origin, stamp, fields, own_stamps(exceptions, stamp, origin)
                ),
            )
            if exceptions
            else (seq, change_entry(seq, table, row_id, origin, stamp, fields, None))
            for seq, table, row_id, origin, stamp, fields, exceptions in records
        ]
        if logged:
            texts += [(seq, wire.log_entry(seq, *rest)) for seq, *rest in logged]
            texts.sort(key=lambda entry: entry[0])
        return wire.page_bytes(epoch, [text for _, text in texts], next_since, has_more)

    def _pull_rows(
        self, desk: Desk, since: int, limit: int
    ) -> tuple[str, list[tuple], list[tuple], int, bool]:
        """(epoch, record rows, city log rows, next cursor, whether more follow) of one page;
        the rows together are at most `limit`, in server sequence order within each list."""
        limit = max(1, min(limit, protocol.MAX_PULL_LIMIT))
        city = desk.city
        with self.database.transaction(write=False) as tx:
            tx.read_in_index_order()
            epoch = city_epoch(tx, city)
            # Read the city's counter first: every seq up to it is committed (writers of a
            # city are serialised), so the page never skips a row still being written.
            row = tx.one("SELECT last_seq FROM city_state WHERE city = ?", [city])
            top = int(row[0]) if row else 0
            # One row more than the page holds says whether more follow, so a desk whose last
            # page is full asks for no empty page after it.
            records = tx.execute(
                "SELECT server_seq, table_name, row_id, desk_id, stamp, fields, exceptions"
                " FROM records WHERE city = ? AND server_seq > ? AND server_seq <= ?"
                f" AND NOT {ONLY_THE_DESKS_OWN} ORDER BY server_seq LIMIT ?",
                [city, since, top, *only_the_desks_own_params(desk.desk_id), limit + 1],
            )
            logged = tx.execute(
                "SELECT server_seq, kind, table_name, row_id, fields FROM city_log"
                " WHERE city = ? AND server_seq > ? AND server_seq <= ?"
                " ORDER BY server_seq LIMIT ?",
                [city, since, top, limit + 1],
            )
        self.note_pull(desk.desk_id)
        has_more = len(records) + len(logged) > limit
        if has_more:
            # Both lists are in seq order: keep the first `limit` of them together.
            seqs = sorted([int(r[0]) for r in records] + [int(r[0]) for r in logged])[:limit]
            last = seqs[-1]
            records = [r for r in records if int(r[0]) <= last]
            logged = [r for r in logged if int(r[0]) <= last]
            next_since = last
        else:
            next_since = max(top, since)
        return epoch, records, logged, next_since, has_more

    def note_pull(self, desk_id: str) -> None:
        """Record when a desk last pulled (the status page), at most every PULL_NOTE_MS: a pull
        only reads, and a write per page would queue pulls behind pushes."""
        now = now_ms()
        with self._pull_lock:
            if now - self._pulls_noted.get(desk_id, 0) < PULL_NOTE_MS:
                return
            self._pulls_noted[desk_id] = now
        with self.database.transaction() as tx:
            tx.execute("UPDATE desks SET last_pull_ms = ? WHERE desk_id = ?", [now, desk_id])

    def rows(self, city: str, table: str) -> dict[str, dict[str, Any]]:
        """Every record of one table of a city as {row_id: {field: value}}."""
        with self.database.transaction(write=False) as tx:
            found = tx.execute(
                "SELECT row_id, fields FROM records WHERE city = ? AND table_name = ?",
                [city, table],
            )
        return {row_id: json.loads(fields) for row_id, fields in found}

    def change_count(self) -> int:
        """How many records the server holds (all cities)."""
        with self.database.transaction(write=False) as tx:
            row = tx.one("SELECT count(*) FROM records")
        return int(row[0]) if row else 0

    def conflicts(self, city: str) -> list[dict[str, Any]]:
        """The conflict copies of one city, newest first."""
        with self.database.transaction(write=False) as tx:
            rows = tx.execute(
                "SELECT id, table_name, row_id, field, kept_value, kept_stamp, kept_desk,"
                " lost_value, lost_stamp, lost_desk, created_ms FROM conflicts WHERE city = ?"
                " ORDER BY created_ms DESC, id",
                [city],
            )
        keys = (
            "id",
            "table",
            "row_id",
            "field",
            "kept_value",
            "kept_stamp",
            "kept_desk",
            "lost_value",
            "lost_stamp",
            "lost_desk",
            "created_ms",
        )
        result = []
        for row in rows:
            item = dict(zip(keys, row, strict=True))
            item["kept_value"] = json.loads(item["kept_value"])
            item["lost_value"] = json.loads(item["lost_value"])
            result.append(item)
        return result


def own_stamps(exceptions: str, stamp: int, desk_id: str) -> dict[str, list[Any]]:
    """The fields whose (stamp, origin) differs from the row's, from stored exceptions."""
    stamps: dict[str, list[Any]] = {}
    for name, (field_stamp, field_desk, _seq) in json.loads(exceptions).items():
        if (field_stamp, field_desk) != (stamp, desk_id):
            stamps[name] = [field_stamp, field_desk]
    return stamps


def record_entry(
    seq: int,
    table: str,
    row_id: str,
    desk_id: str,
    stamp: int,
    fields: str,
    exceptions: str | None,
) -> protocol.PulledEntry:
    """A pull entry of one record: its row stamp and origin, and the fields' own where they
    differ."""
    return protocol.PulledEntry(
        server_seq=int(seq),
        kind=protocol.KIND_CHANGE,
        table=table,
        row_id=row_id,
        desk_id=desk_id,
        fields=json.loads(fields),
        stamp=int(stamp),
        stamps=own_stamps(exceptions, stamp, desk_id) if exceptions else {},
    )
