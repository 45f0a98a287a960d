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
import threading
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from kyojo_desk.central.db import Database, StorageError, Tx, now_ms
from kyojo_desk.central.desks import Desk
from kyojo_desk.central.erasure import Erasures
from kyojo_desk.store.schema import SYNCED_TABLES
from kyojo_desk.sync import protocol
from kyojo_desk.sync.fields import UUID_PATTERN, check_value, is_valid_row_id
from kyojo_desk.sync.hlc import wall_ms

canonical = protocol.canonical_json
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
UPSERT_RECORD = (
    "ON CONFLICT (city, table_name, row_id) DO UPDATE SET fields = excluded.fields,"
    " stamp = excluded.stamp, desk_id = excluded.desk_id, seq = excluded.seq,"
    " exceptions = excluded.exceptions, server_seq = excluded.server_seq,"
    " resident_id = excluded.resident_id"
)
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


@dataclass
class RowState:
    """One record as merged: values and the origin of each field."""

    values: dict[str, Any] = field(default_factory=dict)
    origins: dict[str, Origin] = field(default_factory=dict)
    exists: bool = False
    dirty: bool = False

    @classmethod
    def unpack(
        cls, fields: str, stamp: int, desk_id: str, seq: int, exceptions: str | None
    ) -> RowState:
        values = json.loads(fields)
        base: Origin = (int(stamp), desk_id, int(seq))
        origins = dict.fromkeys(values, base)
        if exceptions:
            for name, (own_stamp, own_desk, own_seq) in json.loads(exceptions).items():
                origins[name] = (int(own_stamp), own_desk, int(own_seq))
        return cls(values, origins, exists=True)

    def pack(self, seq: int | None = None) -> tuple[str, Origin, str | None]:
        """(fields JSON, row origin, exceptions JSON or None): the row origin is the one most
        fields share, so a record edited field by field stays one row with few exceptions.
        Fields written in this batch (seq None) get `seq`, the record's new server seq."""
        if seq is not None:
            origins = self.origins
            for name, origin in origins.items():
                if origin[2] is None:
                    origins[name] = (origin[0], origin[1], seq)
        distinct = set(self.origins.values())
        if len(distinct) == 1:
            return canonical(self.values), distinct.pop(), None
        base = Counter(self.origins.values()).most_common(1)[0][0] if distinct else (0, "", 0)
        exceptions = {name: list(o) for name, o in self.origins.items() if o != base}
        return canonical(self.values), base, canonical(exceptions) if exceptions else None


def resident_of(table: str, row_id: str, values: dict[str, Any]) -> str | None:
    """The person a record is about, by the schema's resident_field."""
    spec = SYNCED_TABLES.get(table)
    if spec is None or spec.resident_field is None:
        return None
    if spec.resident_field == "id":
        return row_id
    value = values.get(spec.resident_field)
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


def precheck(change: protocol.Change, now: int) -> protocol.ChangeResult | None:
    """The checks of one change that need no stored data (run before the city's lock is
    taken): its refusal, or None when it may be merged."""

    def rejected(reason: str, name: str = "") -> protocol.ChangeResult:
        return protocol.ChangeResult(change.seq, protocol.REJECTED, reason, field=name)

    if change.table in (protocol.ERASURE_TABLE, protocol.UNSHARE_TABLE):
        if change.fields or len(change.row_id) > protocol.MAX_ROW_ID_LENGTH:
            return rejected(protocol.REASON_TOO_LARGE)
        return None  # checked against the stored residents by BatchMerge.erase / unshare
    spec = SYNCED_TABLES.get(change.table)
    if spec is None:
        return rejected(protocol.REASON_UNKNOWN_TABLE)
    if not is_valid_row_id(change.table, change.row_id):
        return rejected(protocol.REASON_INVALID_VALUE, "id")
    if not change.stamps_valid() or not set(change.stamps) <= set(change.fields):
        return rejected(protocol.REASON_BAD_STAMP)
    newest = max([change.stamp, *change.stamps.values()])
    if wall_ms(newest) > now + protocol.MAX_CLOCK_SKEW_MS:
        # A stamp far in the future would win every later edit of the field and drag every
        # desk's clock along: it can never apply.
        return rejected(protocol.REASON_FUTURE_STAMP)
    types = spec.types
    for name, value in change.fields.items():
        field_type = types.get(name)
        if field_type is None:
            return rejected(protocol.REASON_UNKNOWN_FIELD, name)
        if check_value(field_type, value) is not None:
            return rejected(protocol.REASON_INVALID_VALUE, name)
    # Valid values are bounded by their types: only a table whose largest change could pass
    # the limit has its changes measured.
    if (
        protocol.largest_change(change.table) > protocol.MAX_CHANGE_BYTES
        and change.size() > protocol.MAX_CHANGE_BYTES
    ):
        return rejected(protocol.REASON_TOO_LARGE)
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
        by_table: dict[str, set[str]] = {}
        for change in changes:
            if not is_valid_row_id(change.table, change.row_id) and not (
                change.table in (protocol.ERASURE_TABLE, protocol.UNSHARE_TABLE)
                and UUID_PATTERN.fullmatch(change.row_id)
            ):
                continue  # refused by precheck; never sent to the database
            if change.table in SYNCED_TABLES:
                by_table.setdefault(change.table, set()).add(change.row_id)
            elif change.table in (protocol.ERASURE_TABLE, protocol.UNSHARE_TABLE):
                by_table.setdefault("residents", set()).add(change.row_id)
        for table, ids in by_table.items():
            self.load(table, sorted(ids))
        people = set()
        for change in changes:
            if change.table in SYNCED_TABLES and is_valid_row_id(change.table, change.row_id):
                row = self.rows.get((change.table, change.row_id))
                values = dict(row.values) if row else {}
                if isinstance(change.fields, dict):
                    values.update(change.fields)
                person = resident_of(change.table, change.row_id, values)
                if isinstance(person, str) and UUID_PATTERN.fullmatch(person):
                    people.add(person)
        self.erased |= self.erasures.erased_among(
            self.tx, self.desk.city, sorted(people), self.city_has_erasures
        )
        self.erased_checked |= people

    def load(self, table: str, ids: list[str]) -> None:
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            for row_id, fields, stamp, desk_id, seq, exceptions in self.tx.execute(
                "SELECT row_id, fields, stamp, desk_id, seq, exceptions FROM records"
                f" WHERE city = ? AND table_name = ? AND row_id IN ({', '.join('?' * len(chunk))})",
                [self.desk.city, table, *chunk],
            ):
                self.rows[(table, row_id)] = RowState.unpack(
                    fields, stamp, desk_id, seq, exceptions
                )
            for row_id in chunk:
                self.rows.setdefault((table, row_id), RowState())

    def row(self, table: str, row_id: str) -> RowState:
        if (table, row_id) not in self.rows:
            self.load(table, [row_id])
        return self.rows[(table, row_id)]

    def is_erased(self, resident_id: str) -> bool:
        if resident_id not in self.erased_checked:
            self.erased_checked.add(resident_id)
            self.erased |= self.erasures.erased_among(
                self.tx, self.desk.city, [resident_id], self.city_has_erasures
            )
        return resident_id in self.erased

    def merge(self, change: protocol.Change) -> protocol.ChangeResult | None:
        """Merge one change that passed `precheck`: its result, or None when it simply
        applied."""
        if change.table == protocol.ERASURE_TABLE:
            return self.erase(change)
        if change.table == protocol.UNSHARE_TABLE:
            return self.unshare(change)
        state = self.row(change.table, change.row_id)
        person = resident_of(change.table, change.row_id, {**state.values, **change.fields})
        if person and self.is_erased(person):
            return protocol.ChangeResult(change.seq, protocol.ERASED, "erased", resident_id=person)
        if not state.exists and not change.created:
            return protocol.ChangeResult(change.seq, protocol.REJECTED, protocol.REASON_UNKNOWN_ROW)
        return self.apply(change, state)

    def apply(self, change: protocol.Change, state: RowState) -> protocol.ChangeResult | None:
        desk_id = self.desk.desk_id
        superseded: dict[str, list[Any]] = {}
        own_stamps, change_stamp = change.stamps, change.stamp
        for name, value in change.fields.items():
            stamp = own_stamps.get(name, change_stamp) if own_stamps else change_stamp
            old = state.origins.get(name)
            if old is None:
                state.values[name] = value
                state.origins[name] = (stamp, desk_id, None)
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
                state.origins[name] = (stamp, desk_id, None)
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
        batch = []
        for offset, ((table, row_id), state) in enumerate(dirty):
            seq = first + offset
            fields, (stamp, desk_id, row_seq), exceptions = state.pack(seq)
            person = resident_of(table, row_id, state.values)
            batch.append(
                (city, table, row_id, fields, stamp, desk_id, row_seq, exceptions, seq, person)
            )
            state.dirty = False
        self.tx.insert_many("records", RECORD_COLUMNS, batch, UPSERT_RECORD)


class Records:
    """Push, pull and reading of merged records."""

    def __init__(self, database: Database, erasures: Erasures) -> None:
        self.database = database
        self.erasures = erasures
        self._pulls_noted: dict[str, int] = {}
        self._pull_lock = threading.Lock()

    def push(self, desk: Desk, request: protocol.PushRequest) -> protocol.PushAnswer:
        """Merge a desk's batch of changes in one transaction (docs/sync-protocol.md)."""
        changes = sorted(request.changes, key=lambda c: c.seq)
        # Everything that needs no stored data is done before the city's lock is taken, so
        # pushes of one city queue only for the merge itself.
        now = now_ms()
        digests: dict[int, str] = {}
        refused: dict[int, protocol.ChangeResult] = {}
        for change in changes:
            digests[change.seq] = change.digest()
            refusal = precheck(change, now)
            if refusal is not None:
                refused[change.seq] = refusal
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
            tx.insert_many(
                "received",
                {"desk_id": "text", "seq": "bigint", "digest": "text"},
                [(desk.desk_id, c.seq, digests[c.seq]) for c in fresh],
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
            stored = dict(
                tx.execute(
                    "SELECT seq, digest FROM received WHERE desk_id = ? AND seq IN "
                    f"({', '.join('?' * len(resent))})",
                    [desk.desk_id, *[c.seq for c in resent]],
                )
            )
            for change in resent:
                known = stored.get(change.seq)
                # '' marks a change received under protocol 1, whose digest cannot be compared.
                if known and known != digests[change.seq]:
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

    def pull(self, desk: Desk, since: int, limit: int, epoch: str) -> protocol.PullPage:
        """Records of the desk's city changed after `since` (not those only it wrote), and
        conflict copies and erasures, in server sequence order."""
        limit = max(1, min(limit, protocol.MAX_PULL_LIMIT))
        city = desk.city
        with self.database.transaction(write=False) as tx:
            # Read the city's counter first: every seq up to it is committed (writers of a
            # city are serialised), so the page never skips a row still being written.
            row = tx.one("SELECT last_seq FROM city_state WHERE city = ?", [city])
            top = int(row[0]) if row else 0
            records = tx.execute(
                "SELECT server_seq, table_name, row_id, desk_id, stamp, fields, exceptions"
                " FROM records WHERE city = ? AND server_seq > ? AND server_seq <= ?"
                " AND NOT (desk_id = ? AND exceptions IS NULL) ORDER BY server_seq LIMIT ?",
                [city, since, top, desk.desk_id, limit],
            )
            logged = tx.execute(
                "SELECT server_seq, kind, table_name, row_id, fields FROM city_log"
                " WHERE city = ? AND server_seq > ? AND server_seq <= ?"
                " ORDER BY server_seq LIMIT ?",
                [city, since, top, limit],
            )
        self.note_pull(desk.desk_id)
        entries = [record_entry(*r) for r in records]
        entries += [
            protocol.PulledEntry(int(seq), kind, table, row_id, "", json.loads(fields))
            for seq, kind, table, row_id, fields in logged
        ]
        entries.sort(key=lambda e: e.server_seq)
        entries = entries[:limit]
        has_more = len(entries) == limit
        next_since = entries[-1].server_seq if has_more else max(top, since)
        return protocol.PullPage(epoch, entries, next_since, has_more)

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
    stamps: dict[str, list[Any]] = {}
    if exceptions:
        for name, (own_stamp, own_desk, _seq) in json.loads(exceptions).items():
            if (own_stamp, own_desk) != (stamp, desk_id):
                stamps[name] = [own_stamp, own_desk]
    return protocol.PulledEntry(
        server_seq=int(seq),
        kind=protocol.KIND_CHANGE,
        table=table,
        row_id=row_id,
        desk_id=desk_id,
        fields=json.loads(fields),
        stamp=int(stamp),
        stamps=stamps,
    )
