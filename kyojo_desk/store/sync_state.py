"""The desk's side of sync inside the Store: what was acknowledged, where pulling stands, which
server and token, applying pulled pages, conflicts, and erasure.

Everything here works on every table of SYNCED_TABLES alike; only erasure names `residents`
(the person's own row), and it finds the person's rows in other tables through each table's
declared `resident_field` and `personal_fields`.

State kept in `meta` (local, never synced):
- `acked_seq`: the highest outbox seq the server acknowledged (Store.pending_changes reads it).
- `sync_cursor`: the server sequence number up to which pulled entries are applied.
- `sync_epoch`: the server's epoch when the cursor was set; a new epoch resets the cursor.
- `sync_server_url`, `sync_city`, `sync_token` (read only through `desk_token()`).
- `sync_nonce`: a random value also written to a file beside the database (`<db>.sync-id`),
  so a database file copied elsewhere without it is noticed (see docs/sync-protocol.md).
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import secrets
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kyojo_desk import __version__
from kyojo_desk.store import erasure_ledger, search
from kyojo_desk.store.changelog import (
    THIS_DESK,
    Clock,
    RowStamps,
    column_converter,
    json_fields,
    local_now,
    wire_value,
)
from kyojo_desk.store.consent_scopes import limit_to_consent, withhold_personal_fields
from kyojo_desk.store.garbage import paused_garbage_collection
from kyojo_desk.store.schema import SYNCED_TABLES, SyncedTable
from kyojo_desk.sync import hlc, protocol
from kyojo_desk.sync.consent import resident_of
from kyojo_desk.sync.fields import (
    is_valid_row_id,
    row_ids_are_valid,
    table_checks,
    table_column_checks,
)
from kyojo_desk.texts import N_

if TYPE_CHECKING:
    from kyojo_desk.store.store import Store

log = logging.getLogger(__name__)


@dataclass
class SyncConflict:
    """A value that lost on the server, kept for a coordinator to review."""

    id: str
    table: str
    row_id: str
    field: str
    kept_value: Any
    kept_stamp: str
    kept_desk: str
    lost_value: Any
    lost_stamp: str
    lost_desk: str
    kept_desk_name: str
    lost_desk_name: str
    recorded_at: str
    resolved_at: str | None = None
    resolution: str | None = None

    @property
    def kept_at_ms(self) -> int:
        """When the kept value was entered (wall clock of its stamp)."""
        return stamp_wall_ms(self.kept_stamp)

    @property
    def lost_at_ms(self) -> int:
        """When the other value was entered (wall clock of its stamp)."""
        return stamp_wall_ms(self.lost_stamp)


def stamp_wall_ms(stamp: str | int) -> int:
    """Wall milliseconds of a stamp as kept with a conflict: an integer (protocol 2) or the
    text of protocol 1 ("WWWWWWWWWWWWWWW:CCCCC:desk")."""
    text = str(stamp)
    try:
        if text.isdigit():
            return hlc.wall_ms(int(text))
        return int(text.split(":", 1)[0])
    except ValueError:
        return 0


@dataclass
class PushOutcome:
    rejected: int = 0
    erased: int = 0
    superseded: int = 0


@dataclass
class PageOutcome:
    applied: int = 0
    conflicts: int = 0
    quarantined: int = 0
    erasures: list[str] = field(default_factory=list)


# A pulled row to apply: (table, row id, {field: value}, the clock (stamp, origin desk id) of
# every field not named in the last part or None when all are, {field: its own clock}).
RemoteRow = tuple[str, str, dict[str, Any], "tuple[int, str] | None", dict[str, tuple[int, str]]]


def outgoing_fields(
    spec: SyncedTable, row: tuple[Any, ...], names_text: str | None
) -> dict[str, Any]:
    """The values an entry sends from a row tuple of `_row_tuples` (all synced fields, or those
    named by the entry's JSON list), JSON list fields as lists (`wire_value`)."""
    if names_text is None:
        fields = dict(zip(spec.fields, row[4:], strict=True))
    else:
        position = _field_positions(spec)
        fields = {name: row[position[name]] for name in field_names(names_text) if name in position}
    for name in json_fields(spec):
        value = fields.get(name)
        if type(value) is str:
            fields[name] = [] if value in ("[]", "") else wire_value(spec, name, value)
    return fields


@functools.lru_cache(maxsize=1024)
def field_names(names_text: str) -> tuple[str, ...]:
    """The field names of an outbox entry's JSON list (a few lists recur for thousands of
    entries: each is read once)."""
    return tuple(json.loads(names_text))


def carries_entry_stamp(row: tuple[Any, ...], names_text: str, stamp: int) -> bool:
    """Whether every field an outbox entry names still carries the entry's stamp from this
    desk, in a row tuple of `_row_tuples` whose fields do not all share one stamp (the row of
    an edit of a few fields)."""
    own = json.loads(row[3])
    entry_clock = [stamp, THIS_DESK]
    row_has_entry_clock = row[1] == stamp and row[2] == THIS_DESK
    for name in field_names(names_text):
        clock = own.get(name)
        if (clock is None and not row_has_entry_clock) or (
            clock is not None and clock != entry_clock
        ):
            return False
    return True


_FIELD_POSITIONS: dict[str, dict[str, int]] = {}


def _field_positions(spec: SyncedTable) -> dict[str, int]:
    positions = _FIELD_POSITIONS.get(spec.name)
    if positions is None:
        positions = _FIELD_POSITIONS[spec.name] = {
            name: 4 + index for index, name in enumerate(spec.fields)
        }
    return positions


def residents_of_rows(
    rows: dict[str, dict[str, tuple[Any, ...]]],
) -> dict[str, dict[str, dict[str, Any]]]:
    """{table: {row id: {resident field: value}}} of row tuples, for tables whose rows name a
    resident in a field (what `limit_to_consent` reads of the rows being sent)."""
    found: dict[str, dict[str, dict[str, Any]]] = {}
    for table, by_id in rows.items():
        spec = SYNCED_TABLES[table]
        if spec.resident_field in (None, "id"):
            continue
        position = _field_positions(spec)[spec.resident_field]  # type: ignore[index]
        found[table] = {
            row_id: {spec.resident_field: row[position]}  # type: ignore[dict-item]
            for row_id, row in by_id.items()
        }
    return found


# From this many new rows of a table in one pulled page on, they are inserted inside the
# table's `Store.around_insert_many` (whose set-up costs about as much as a few rows' triggers).
INSERT_MANY = 32


def _chunks(items: list[Any], size: int = 400) -> list[list[Any]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def entry_problem(entry: protocol.PulledEntry) -> tuple[str, str] | None:
    """(field, reason) when a pulled change cannot apply on this desk, else None."""
    checks = table_checks(entry.table)
    if checks is None:
        return "", protocol.REASON_UNKNOWN_TABLE
    if not is_valid_row_id(entry.table, entry.row_id):
        return "id", protocol.REASON_INVALID_VALUE
    if not hlc.is_valid_stamp(entry.stamp):
        return "", protocol.REASON_BAD_STAMP
    stamps = entry.stamps
    for name, value in entry.fields.items():
        check = checks.get(name)
        if check is None:
            return name, "unknown_field"
        reason = check(value)
        if reason is not None:
            return name, reason
        if stamps:
            own = stamps.get(name)
            if own is not None and not is_field_stamp(own):
                return name, protocol.REASON_BAD_STAMP
    return None


# The entry kinds `apply_pull_page` applies; any other is quarantined as `unknown_kind`.
APPLIED_KINDS = (
    protocol.KIND_CHANGE,
    protocol.KIND_CONFLICT,
    protocol.KIND_ERASURE,
    protocol.KIND_UNSHARE,
)
# meta key: the `applying_rules` under which the quarantined entries were last checked.
QUARANTINE_RULES = "quarantine_rules"


@functools.cache
def applying_rules() -> str:
    """A fingerprint of what this desk can apply: its release, the entry kinds and every
    synced table's declaration. An entry quarantined here stays unapplicable until these
    change (a desk updated to a release that knows a newer table, field or value)."""
    declarations = sorted(
        (name, table.code_ids, tuple(table.types.items())) for name, table in SYNCED_TABLES.items()
    )
    described = repr((__version__, protocol.PROTOCOL_VERSION, APPLIED_KINDS, declarations))
    return hashlib.sha256(described.encode("utf-8")).hexdigest()


def applicable_now(kept: str, reason: str) -> protocol.PulledEntry | None:
    """A quarantined entry (its JSON as kept, and why it was kept) when this desk can now
    apply it: a change that passes every check, or an entry of a kind now known. None when
    it still cannot apply."""
    try:
        entry = protocol.PulledEntry.from_json(json.loads(kept))
    except (KeyError, TypeError, ValueError, AttributeError):
        return None
    if entry.kind == protocol.KIND_CHANGE:
        return entry if entry_problem(entry) is None else None
    if entry.kind in APPLIED_KINDS and reason in ("unknown_kind", "malformed"):
        return entry
    return None


def is_field_stamp(own: Any) -> bool:
    """Whether a field's own stamp is [stamp, desk id]."""
    return (
        isinstance(own, list)
        and len(own) == 2
        and hlc.is_valid_stamp(own[0])
        and isinstance(own[1], str)
    )


def _field_stamps_are_valid(entry: protocol.PulledEntry) -> bool:
    """Whether each field's own stamp, where it has one, is valid (as entry_problem requires;
    stamps of fields the entry does not carry are not read)."""
    stamps = entry.stamps
    return not stamps or all(
        own is None or is_field_stamp(own) for own in map(stamps.get, entry.fields)
    )


def changes_certainly_applicable(entries: list[protocol.PulledEntry]) -> set[int]:
    """The `id()`s of the changes among `entries` that `entry_problem` would find nothing
    wrong with, found a column at a time: the changes of one table with the same fields (in the
    same order) are checked together — row ids, stamps, the fields' own stamps (an edited
    record's fields older than its last edit), and each field's values by its column check. A
    group with anything unusual is not returned; its changes are then checked one by one, which
    finds each problem and its reason."""
    groups: dict[tuple[str, tuple[str, ...]], list[protocol.PulledEntry]] = {}
    for entry in entries:
        if entry.kind == protocol.KIND_CHANGE:
            groups.setdefault((entry.table, tuple(entry.fields)), []).append(entry)
    applicable: set[int] = set()
    for (table, names), group in groups.items():
        checks = table_column_checks(table)
        if checks is None or not all(name in checks for name in names):
            continue
        row_ids = [entry.row_id for entry in group]
        stamps = [entry.stamp for entry in group]
        if not (
            row_ids_are_valid(table, row_ids)
            and set(map(type, stamps)) == {int}
            and min(stamps) > 0
            and max(stamps) <= hlc.STAMP_MAX
            and all(map(_field_stamps_are_valid, group))
        ):
            continue
        columns = zip(*(entry.fields.values() for entry in group), strict=True)
        if all(checks[name](column) for name, column in zip(names, columns, strict=True)):
            applicable.update(map(id, group))
    return applicable


class SyncStateMixin:
    # -- settings and identity -----------------------------------------------------------------

    def desk_token(self: Store) -> str | None:
        """The token the server gave this desk at enrolment (the one place it is read)."""
        return self.get_meta("sync_token")

    def set_desk_token(self: Store, token: str) -> None:
        """Keep the desk token (the one place it is written)."""
        self.set_meta("sync_token", token)

    def server_url(self: Store) -> str | None:
        return self.get_meta("sync_server_url")

    def is_enrolled(self: Store) -> bool:
        return bool(self.desk_token() and self.server_url())

    def acked_seq(self: Store) -> int:
        return int(self.get_meta("acked_seq") or 0)

    def set_acked_seq(self: Store, seq: int) -> None:
        """Move the acknowledged mark (down too: a restored server asks for changes again)."""
        self.set_meta("acked_seq", str(max(0, seq)))

    def next_seq(self: Store) -> int:
        return self.changelog.next_seq()

    def pull_cursor(self: Store) -> int:
        return int(self.get_meta("sync_cursor") or 0)

    def sync_epoch(self: Store) -> str:
        return self.get_meta("sync_epoch") or ""

    def reset_pull(self: Store, epoch: str) -> None:
        """A new server epoch: pull everything again from the start (applying is idempotent)."""
        with self.transaction():
            self.set_meta("sync_epoch", epoch)
            self.set_meta("sync_cursor", "0")

    def last_sync_at(self: Store) -> str | None:
        """Local time of the last sync round that finished, or None."""
        return self.get_meta("last_sync_at")

    def record_sync_finished(self: Store) -> None:
        self.set_meta("last_sync_at", local_now())

    def _identity_file(self: Store) -> Path | None:
        return None if self.path is None else self.path.with_name(self.path.name + ".sync-id")

    def identity_problem(self: Store) -> str | None:
        """Why this database may not sync under its desk id (copied elsewhere), or None."""
        if not self.is_enrolled():
            return None
        identity_file = self._identity_file()
        if identity_file is None:
            return None
        try:
            saved = json.loads(identity_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            saved = None
        if (
            not isinstance(saved, dict)
            or saved.get("desk_id") != self.desk_id
            or saved.get("nonce") != self.get_meta("sync_nonce")
        ):
            return N_(
                "このデータベースは別の場所からコピーされたか、バックアップから戻されています。"
                "同じ変更が二重に送られないよう、登録し直してください(kyojo-desk enroll)。"
            )
        return None

    def adopt_enrolment(
        self: Store, server_url: str, desk_id: str, token: str, epoch: str, city: str
    ) -> None:
        """Become the desk the server enrolled. What the server acknowledged before (under an
        earlier id) it keeps; the changes still waiting are numbered again from 1 and sent
        under the new id."""
        nonce = secrets.token_hex(16)
        with self.transaction():
            acked = self.acked_seq()
            self.db.execute("DELETE FROM outbox WHERE seq <= ?", [acked])
            self.db.execute("UPDATE outbox SET seq = -(seq - ?)", [acked])
            self.db.execute("UPDATE outbox SET seq = -seq")
            self.db.execute("DELETE FROM sync_rejections")
            self.set_meta("next_seq", str(self.changelog.next_seq() - acked))
            self.set_meta("acked_seq", "0")
            self.set_meta("sync_cursor", "0")
            self.set_meta("sync_epoch", epoch)
            self.set_meta("sync_server_url", server_url.rstrip("/"))
            self.set_meta("sync_city", city)
            self.set_meta("sync_nonce", nonce)
            self.set_meta("desk_id", desk_id)
            self.set_desk_token(token)
            self.db.execute("DELETE FROM sync_origins WHERE desk_id = ?", [desk_id])
            self._origin_cache = None  # type: ignore[attr-defined]
        self.desk_id = desk_id
        self.changelog.desk_id = desk_id
        identity_file = self._identity_file()
        if identity_file is not None:
            identity_file.write_text(
                json.dumps({"desk_id": desk_id, "nonce": nonce}), encoding="utf-8"
            )

    # -- pushing -------------------------------------------------------------------------------

    def outbox_after(self: Store, seq: int, limit: int) -> list[protocol.Change]:
        """Up to `limit` outbox entries after `seq`, as protocol changes, in seq order.

        Values come from `kept` or from the row: a field is sent when the row still carries
        the entry's stamp for it from this desk (a later local edit sends it itself; an erased
        row sends nothing). The rows are read with one statement per table and a few hundred
        ids, as tuples."""
        entries = self.db.execute(
            "SELECT seq, table_name, row_id, stamp, fields, created, kept, stamps FROM outbox"
            " WHERE seq > ? ORDER BY seq LIMIT ?",
            [seq, limit],
        ).fetchall()
        wanted: dict[str, set[str]] = {}
        for entry in entries:
            if entry[1] in SYNCED_TABLES:
                wanted.setdefault(entry[1], set()).add(entry[2])
        rows = {table: self._row_tuples(table, sorted(ids)) for table, ids in wanted.items()}
        changes = []
        for seq_, table, row_id, stamp, names_text, created, kept_text, stamps_text in entries:
            spec = SYNCED_TABLES.get(table)
            fields: dict[str, Any] = {}
            own_stamps: dict[str, int] = {}
            row = rows[table].get(row_id) if spec is not None else None
            if (
                row is not None
                and kept_text is None
                and stamps_text is None
                and (
                    (row[3] is None and row[1] == stamp and row[2] == THIS_DESK)
                    or (
                        names_text is not None
                        and row[3] is not None
                        and carries_entry_stamp(row, names_text, stamp)
                    )
                )
            ):
                # The common cases: the row carries this entry's stamp on every field, or on
                # every field the entry names (an edit).
                fields = outgoing_fields(spec, row, names_text)  # type: ignore[arg-type]
            elif spec is not None:
                kept = json.loads(kept_text) if kept_text else {}
                own = json.loads(stamps_text) if stamps_text else {}
                names = json.loads(names_text) if names_text is not None else spec.fields
                row_stamps = RowStamps.unpack(spec, row[1], row[2], row[3]) if row else None
                positions = _field_positions(spec)
                for name in names:
                    expected = int(own.get(name, stamp))
                    if name in kept:
                        value = kept[name]
                    elif (
                        row_stamps is not None
                        and name in positions
                        and row_stamps.of(name) == (expected, THIS_DESK)
                    ):
                        value = row[positions[name]]  # type: ignore[index]
                    else:
                        continue
                    fields[name] = wire_value(spec, name, value)
                    if expected != stamp:
                        own_stamps[name] = expected
            changes.append(
                protocol.Change(
                    seq=seq_,
                    table=table,
                    row_id=row_id,
                    stamp=stamp,
                    fields=fields,
                    stamps=own_stamps,
                    created=bool(created),
                )
            )
        # What of a person may leave the desk is decided by their consent, when it is sent.
        return limit_to_consent(self, changes, residents_of_rows(rows))

    def _row_tuples(self: Store, table: str, ids: list[str]) -> dict[str, tuple[Any, ...]]:
        """Rows by id as (id, sync_stamp, sync_origin, sync_stamps, *synced fields in
        declaration order)."""
        spec = SYNCED_TABLES[table]
        columns = ", ".join(f"[{name}]" for name in spec.fields)
        found: dict[str, tuple[Any, ...]] = {}
        for chunk in _chunks(ids, 500):
            for row in self.db.conn.execute(
                f"SELECT id, sync_stamp, sync_origin, sync_stamps, {columns} FROM [{table}]"
                f" WHERE id IN ({', '.join('?' for _ in chunk)})",
                chunk,
            ):
                found[row[0]] = row
        return found

    def mark_change_unsendable(self: Store, seq: int, reason: str) -> None:
        """A change the server can never take even alone (too large to send): it is sent with
        no fields so the numbering has no gap, and kept as a rejection with its reason."""
        with self.transaction():
            row = self.db.execute(
                "SELECT table_name, row_id FROM outbox WHERE seq = ?", [seq]
            ).fetchone()
            if row is None:
                return
            self.db.execute(
                "UPDATE outbox SET fields = '[]', kept = NULL, stamps = NULL WHERE seq = ?", [seq]
            )
            self._note_rejection(seq, row[0], row[1], "", reason)

    def _note_rejection(
        self: Store, seq: int, table: str, row_id: str, field_name: str, reason: str
    ) -> None:
        self.db.execute(
            "INSERT INTO sync_rejections (seq, table_name, row_id, field, reason, rejected_at)"
            " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(seq) DO UPDATE SET reason = excluded.reason,"
            " field = excluded.field",
            [seq, table, row_id, field_name, reason, local_now()],
        )

    def rejections(self: Store) -> list[dict[str, Any]]:
        """Changes the server refused, kept until corrected or discarded: they never count as
        sent and never block the others."""
        return [
            dict(row)
            for row in self.db.query(
                "SELECT seq, table_name, row_id, field, reason, rejected_at FROM sync_rejections"
                " ORDER BY seq"
            )
        ]

    def rejection_count(self: Store) -> int:
        return self.db.execute("SELECT count(*) FROM sync_rejections").fetchone()[0]

    def discard_rejection(self: Store, seq: int) -> None:
        """A coordinator gives up a refused change: it leaves the list (and the outbox)."""
        with self.transaction():
            self.db.execute("DELETE FROM sync_rejections WHERE seq = ?", [seq])
            self.db.execute(
                "DELETE FROM outbox WHERE seq = ? AND seq <= ? AND table_name != ?",
                [seq, self.acked_seq(), protocol.ERASURE_TABLE],
            )

    def record_push_answer(
        self: Store, answer: protocol.PushAnswer, sent: list[protocol.Change]
    ) -> PushOutcome:
        """Store what the server acknowledged, in one transaction: the new mark, rejections,
        erasures it reported, and the values that won over ours. Acknowledged entries leave
        the outbox, except rejected ones and erasure requests."""
        outcome = PushOutcome()
        by_seq = {change.seq: change for change in sent}
        with self.transaction():
            acked = max(self.acked_seq(), answer.acked_seq)
            newly_acked = [c for c in sent if c.seq <= answer.acked_seq]
            self.set_acked_seq(acked)
            if newly_acked:
                self.set_meta(
                    "acked_stamp",
                    str(max(self.changelog.acked_stamp(), newly_acked[-1].stamp)),
                )
            refused: set[int] = set()
            superseded: list[RemoteRow] = []
            for result in answer.results:
                change = by_seq.get(result.seq)
                if change is None:
                    continue
                if result.status == protocol.REJECTED:
                    self._note_rejection(
                        result.seq, change.table, change.row_id, result.field, result.reason
                    )
                    refused.add(result.seq)
                    outcome.rejected += 1
                elif result.status == protocol.ERASED:
                    refused.add(result.seq)
                    if result.resident_id and result.resident_id == self._person_of(change):
                        self.apply_erasure(result.resident_id)
                    elif result.resident_id:
                        # Only the person the change is about is erased here on the server's
                        # word; a real erasure of anyone reaches every desk by the pull.
                        log.warning("push answer named another person as erased; not erased")
                    outcome.erased += 1
                elif result.superseded:
                    values = {}
                    clocks = {}
                    for name, triple in result.superseded.items():
                        kept = self._superseding_value(change, name, triple)
                        if kept is not None:
                            values[name], clocks[name] = kept
                    if values:
                        superseded.append((change.table, change.row_id, values, None, clocks))
                    outcome.superseded += 1
            if superseded:
                self._apply_remote_rows(superseded)
            # A refused change is corrected by a later one of the same row that applied.
            waiting: dict[tuple[str, str], list[tuple[int, str]]] = {}
            for seq, table, row_id, field_name in self.db.execute(
                "SELECT seq, table_name, row_id, field FROM sync_rejections"
            ).fetchall():
                waiting.setdefault((table, row_id), []).append((seq, field_name))
            corrected: set[int] = set()
            for change in newly_acked if waiting else ():
                if change.seq in refused or change.table == protocol.ERASURE_TABLE:
                    continue
                for seq, field_name in waiting.get((change.table, change.row_id), ()):
                    if seq < change.seq and (not field_name or field_name in change.fields):
                        corrected.add(seq)
            self.db.conn.executemany(
                "DELETE FROM sync_rejections WHERE seq = ?", [(seq,) for seq in sorted(corrected)]
            )
            self.prune_outbox()
        return outcome

    def _person_of(self: Store, change: protocol.Change) -> str | None:
        """The person a sent change is about: its own resident field, else its row's here."""
        spec = SYNCED_TABLES.get(change.table)
        if spec is None or spec.resident_field is None:
            return None
        if spec.resident_field == "id" or spec.resident_field in change.fields:
            return resident_of(change.table, change.row_id, change.fields)
        row = self.get_row(change.table, change.row_id)
        return resident_of(change.table, change.row_id, row or {})

    def _superseding_value(
        self: Store, change: protocol.Change, name: str, triple: Any
    ) -> tuple[Any, tuple[int, str]] | None:
        """The value (and its clock) the server kept over one field of `change`, checked as a
        pulled value is; one this desk cannot apply is quarantined (shown, never dropped) and
        None returned."""
        if (
            isinstance(triple, list)
            and len(triple) == 3
            and type(triple[1]) is int
            and isinstance(triple[2], str)
        ):
            value = triple[0]
            # as a pulled value would be (flags as 0/1, never booleans)
            value = int(value) if type(value) is bool else value
            entry = protocol.PulledEntry(
                0,
                protocol.KIND_CHANGE,
                change.table,
                change.row_id,
                triple[2],
                {name: value},
                triple[1],
            )
            problem = entry_problem(entry)
            if problem is None:
                return value, (entry.stamp, entry.desk_id)
            field_name, reason = problem
        else:
            # Kept as it came: [value, stamp, desk id] is what the server should have sent.
            entry = protocol.PulledEntry(
                0, protocol.KIND_CHANGE, change.table, change.row_id, "", {name: triple}
            )
            field_name, reason = name, "malformed"
        self.quarantine(None, change.table, change.row_id, field_name, reason, entry.to_json())
        return None

    def prune_outbox(self: Store) -> None:
        """Acknowledged entries leave the outbox, except refused ones (still shown) and
        erasure requests (sent again to a server restored from a backup)."""
        self.db.execute(
            "DELETE FROM outbox WHERE seq <= ? AND table_name != ? AND seq NOT IN"
            " (SELECT seq FROM sync_rejections)",
            [self.acked_seq(), protocol.ERASURE_TABLE],
        )

    def acknowledge_up_to(self: Store, seq: int) -> None:
        """The server holds more than this desk knew (an answer lost on the way)."""
        with self.transaction():
            row = self.db.execute("SELECT stamp FROM outbox WHERE seq = ?", [seq]).fetchone()
            self.set_acked_seq(seq)
            if row is not None:
                self.set_meta("acked_stamp", str(max(self.changelog.acked_stamp(), row[0])))
            self.prune_outbox()

    def resend_from_state(self: Store, first_seq: int) -> int:
        """The server lost what this desk sent from `first_seq` on (restored from a backup, or
        a new enrolment): number new entries from there, made from the current rows and their
        stamps — every field this desk wrote last — then the erasure requests. Returns how
        many entries wait now."""
        first_seq = max(1, first_seq)
        with self.transaction():
            erasures = [
                row[0]
                for row in self.db.execute(
                    "SELECT row_id FROM outbox WHERE table_name = ? AND seq >= ? ORDER BY seq",
                    [protocol.ERASURE_TABLE, first_seq],
                )
            ]
            self.db.execute("DELETE FROM outbox WHERE seq >= ?", [first_seq])
            self.db.execute("DELETE FROM sync_rejections WHERE seq >= ?", [first_seq])
            entries = []
            for spec in SYNCED_TABLES.values():
                for row_id, stamp, origin, packed in self.db.execute(
                    f"SELECT id, sync_stamp, sync_origin, sync_stamps FROM [{spec.name}]"
                    " WHERE sync_origin = ? OR sync_stamps IS NOT NULL",
                    [THIS_DESK],
                ).fetchall():
                    row_stamps = RowStamps.unpack(spec, stamp, origin, packed)
                    local = {
                        name: row_stamps.of(name)[0]
                        for name in spec.fields
                        if row_stamps.of(name)[1] == THIS_DESK and row_stamps.of(name)[0] > 0
                    }
                    if not local:
                        continue
                    entry_stamp = max(local.values())
                    own = {name: s for name, s in local.items() if s != entry_stamp}
                    names = None if len(local) == len(spec.fields) else sorted(local)
                    entries.append((entry_stamp, spec.name, row_id, names, own))
            entries.sort(key=lambda e: e[0])
            rows = []
            seq = first_seq
            for entry_stamp, table, row_id, names, own in entries:
                rows.append(
                    (
                        seq,
                        table,
                        row_id,
                        entry_stamp,
                        json.dumps(names) if names is not None else None,
                        1,
                        json.dumps(own) if own else None,
                    )
                )
                seq += 1
            for resident_id in erasures:
                rows.append(
                    (
                        seq,
                        protocol.ERASURE_TABLE,
                        resident_id,
                        self.changelog.new_stamp(),
                        "[]",
                        0,
                        None,
                    )
                )
                seq += 1
            self.db.conn.executemany(
                "INSERT INTO outbox (seq, table_name, row_id, stamp, fields, created, stamps)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                rows,
            )
            self.set_meta("next_seq", str(seq))
            self.set_meta("acked_seq", str(first_seq - 1))
            self.set_meta("acked_stamp", "0")
            self.changelog.save_clock()
        return len(rows)

    # -- pulling -------------------------------------------------------------------------------

    def _origin_numbers(self: Store) -> dict[str, int]:
        cache = getattr(self, "_origin_cache", None)
        if cache is None:
            cache = dict(self.db.execute("SELECT desk_id, number FROM sync_origins").fetchall())
            self._origin_cache = cache  # type: ignore[attr-defined]
        return cache

    def origin_number(self: Store, desk_id: str) -> int:
        """The small number rows store for a desk id (0: this desk)."""
        if desk_id == self.desk_id:
            return THIS_DESK
        numbers = self._origin_numbers()
        number = numbers.get(desk_id)
        if number is None:
            number = (max(numbers.values()) if numbers else 0) + 1
            self.db.execute(
                "INSERT INTO sync_origins (number, desk_id) VALUES (?, ?)", [number, desk_id]
            )
            numbers[desk_id] = number
        return number

    def origin_desk(self: Store, number: int) -> str:
        if number == THIS_DESK:
            return self.desk_id
        for desk_id, known in self._origin_numbers().items():
            if known == number:
                return desk_id
        return ""

    def _apply_remote_rows(self: Store, items: list[RemoteRow]) -> int:
        """Apply pulled values set-wise: items are (table, row id, {field: value}, the clock
        (stamp, origin desk id) of every field not in the last part, {field: its own clock})
        in order. A field takes a value whose (stamp, desk id) is above its own, never while
        it has a local edit the server has not acknowledged (the server settles that when it
        is pushed). Returns how many rows were written."""
        acked_stamp = self.changelog.acked_stamp()
        by_table: dict[str, list[RemoteRow]] = {}
        for item in items:
            by_table.setdefault(item[0], []).append(item)
        written = 0
        newest = 0
        numbers: dict[str, int] = {}  # desk id → origin number
        desks = {number: desk for desk, number in self._origin_numbers().items()}
        desks[THIS_DESK] = self.desk_id

        def number_clock(clock: tuple[int, str]) -> Clock:
            number = numbers.get(clock[1])
            if number is None:
                number = numbers[clock[1]] = self.origin_number(clock[1])
                desks[number] = clock[1]
            return (clock[0], number)

        def wins(clock: tuple[int, str], held: Clock) -> bool:
            held_stamp, held_origin = held
            if held_origin == THIS_DESK and held_stamp > acked_stamp:
                return False  # a local edit waits to be pushed
            stamp = clock[0]
            return stamp > held_stamp or (
                stamp == held_stamp and clock[1] > desks.get(held_origin, "")
            )

        for table, table_items in by_table.items():
            spec = SYNCED_TABLES[table]
            to_column = column_converter(spec)
            states: dict[str, RowStamps] = {}
            ids = sorted({item[1] for item in table_items})
            for chunk in _chunks(ids):
                for row_id, stamp, origin, packed in self.db.execute(
                    f"SELECT id, sync_stamp, sync_origin, sync_stamps FROM [{table}]"
                    f" WHERE id IN ({', '.join('?' for _ in chunk)})",
                    chunk,
                ).fetchall():
                    states[row_id] = RowStamps.unpack(spec, stamp, origin, packed)
            existing = set(states)
            taken_rows: dict[str, dict[str, Any]] = {}
            for _, row_id, values, base, own in table_items:
                if base is not None and base[0] > newest:
                    newest = base[0]
                for clock in own.values():
                    if clock[0] > newest:
                        newest = clock[0]
                state = states.get(row_id)
                if state is None and not own and values and base is not None:
                    # New to this desk, every field under one clock: taken whole.
                    states[row_id] = RowStamps(spec, number_clock(base), {})
                    taken_rows[row_id] = to_column(values)
                    continue
                taken: dict[str, tuple[int, str]] = {}
                if state is not None and base is not None and row_id in existing:
                    # A row this desk holds: the fields under the entry's clock and the row's
                    # are decided once, only those with a clock of their own (on either side)
                    # one by one.
                    special = own.keys() | state.exceptions.keys()
                    if wins(base, state.base):
                        taken = {name: base for name in values if name not in special}
                    for name in sorted(special):
                        if name in values:
                            clock = own.get(name, base)
                            if wins(clock, state.exceptions.get(name, state.base)):
                                taken[name] = clock
                else:
                    # A row new to this desk (made earlier in this page) has no stamp for a
                    # field until one is taken.
                    held_fields = (
                        None
                        if state is None
                        else (None if row_id in existing else taken_rows.get(row_id, {}))
                    )
                    for name in values:
                        clock = own.get(name, base)  # type: ignore[arg-type]
                        if (
                            state is not None
                            and (held_fields is None or name in held_fields)
                            and not wins(clock, state.exceptions.get(name, state.base))
                        ):
                            continue
                        taken[name] = clock
                if not taken:
                    continue
                clocks = {name: number_clock(clock) for name, clock in taken.items()}
                if state is None:
                    state = states[row_id] = RowStamps(spec, next(iter(clocks.values())), {})
                state.assign(clocks)
                taken_rows.setdefault(row_id, {}).update(
                    to_column({name: values[name] for name in taken})
                )
            groups: dict[tuple[bool, tuple[str, ...]], list[list[Any]]] = {}
            for row_id, taken_values in taken_rows.items():
                key = (row_id in existing, tuple(taken_values))
                groups.setdefault(key, []).append(
                    [*taken_values.values(), *states[row_id].pack(), row_id]
                )
            for (is_update, names), params in groups.items():
                if is_update:
                    assignments = ", ".join(f"[{n}] = ?" for n in names)
                    self.db.conn.executemany(
                        f"UPDATE [{table}] SET {assignments}, sync_stamp = ?, sync_origin = ?,"
                        " sync_stamps = ? WHERE id = ?",
                        params,
                    )
                else:
                    columns = [*names, "sync_stamp", "sync_origin", "sync_stamps", "id"]
                    around = (
                        self.around_insert_many.get(table) if len(params) >= INSERT_MANY else None
                    )
                    with nullcontext() if around is None else around(self, [p[-1] for p in params]):
                        self.db.conn.executemany(
                            f"INSERT INTO [{table}] ({', '.join(f'[{c}]' for c in columns)})"
                            f" VALUES ({', '.join('?' for _ in columns)})",
                            params,
                        )
            if taken_rows:
                self.run_after_write(
                    table,
                    list(taken_rows),
                    {row_id: row for row_id, row in taken_rows.items() if row_id not in existing},
                )
            written += len(taken_rows)
        if newest:
            self.changelog.receive(newest)
            self.changelog.save_clock()
        return written

    def quarantine(
        self: Store,
        server_seq: int | None,
        table: str,
        row_id: str,
        field_name: str,
        reason: str,
        entry: Any,
    ) -> None:
        """Keep a pulled entry this desk cannot apply, for the conflicts page. An entry kept
        again under its server seq (a page fetched twice) is kept once; one without a
        readable seq (None) gets a number below every other kept entry's, so each is kept."""
        if server_seq is None:
            lowest = self.db.execute("SELECT min(server_seq) FROM sync_quarantine").fetchone()[0]
            server_seq = min(lowest or 0, 0) - 1
        self.db.execute(
            "INSERT OR IGNORE INTO sync_quarantine (server_seq, table_name, row_id, field,"
            " reason, entry, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                server_seq,
                str(table)[:200],
                str(row_id)[:200],
                str(field_name)[:200],
                reason,
                json.dumps(entry, ensure_ascii=False, default=str),
                local_now(),
            ],
        )

    def quarantined(self: Store) -> list[dict[str, Any]]:
        """Pulled rows kept aside because this desk could not apply them."""
        return [
            dict(row)
            for row in self.db.query(
                "SELECT id, server_seq, table_name, row_id, field, reason, recorded_at"
                " FROM sync_quarantine ORDER BY server_seq"
            )
        ]

    def quarantine_count(self: Store) -> int:
        return self.db.execute("SELECT count(*) FROM sync_quarantine").fetchone()[0]

    def discard_quarantined(self: Store, quarantine_id: int) -> None:
        self.db.execute("DELETE FROM sync_quarantine WHERE id = ?", [quarantine_id])

    def retry_quarantined(self: Store) -> PageOutcome:
        """Apply the quarantined entries this desk can apply now, once after each change of
        what it can apply (`applying_rules`: a desk updated to a release that knows the newer
        table, field or value they hold), so nothing another desk wrote stays lost here. They
        go through `apply_pull_page` in server order, in one transaction: each field still
        takes a value only over an older one, so an entry kept since does not undo later
        edits. The others stay where they were."""
        rules = applying_rules()
        if self.get_meta(QUARANTINE_RULES) == rules:
            return PageOutcome()
        outcome = PageOutcome()
        try:
            with self.transaction():
                now_applicable: list[tuple[int, protocol.PulledEntry]] = []
                for quarantine_id, kept, reason in self.db.conn.execute(
                    "SELECT id, entry, reason FROM sync_quarantine ORDER BY server_seq"
                ).fetchall():
                    entry = applicable_now(kept, reason)
                    if entry is not None:
                        now_applicable.append((quarantine_id, entry))
                if now_applicable:
                    self.db.conn.executemany(
                        "DELETE FROM sync_quarantine WHERE id = ?",
                        [(quarantine_id,) for quarantine_id, _ in now_applicable],
                    )
                    # next_since 0: the pull cursor stays where it is.
                    entries = [entry for _, entry in now_applicable]
                    outcome = self.apply_pull_page(
                        protocol.PullPage(self.sync_epoch(), entries, 0, False)
                    )
        except (self.db.conn.DatabaseError, KeyError, TypeError, ValueError):
            # Rolled back: every entry stays kept and shown. The round goes on; they are
            # tried again after the next update, not at every round.
            log.warning("kept pulled entries could not be applied", exc_info=True)
            outcome = PageOutcome()
        self.set_meta(QUARANTINE_RULES, rules)
        return outcome

    def apply_pull_page(
        self: Store,
        page: protocol.PullPage,
        malformed: list[dict[str, Any]] | None = None,
        before_commit: Callable[[], None] | None = None,
    ) -> PageOutcome:
        """Apply one pulled page and move the cursor past it, in one transaction: after a
        crash either all of the page is applied and the cursor moved, or neither.

        Changes are applied a run at a time with set-based statements (an erasure between
        them is applied in its place). Every value is checked against its declaration; an
        entry that cannot apply is quarantined and the rest goes on. `malformed`: entries the
        page reader could not even read (quarantined as they came)."""
        outcome = PageOutcome()
        run: list[RemoteRow] = []

        def apply_run() -> None:
            if run:
                self._apply_remote_rows(run)
                run.clear()

        with paused_garbage_collection(), self.transaction():
            for raw in malformed or []:
                server_seq = raw.get("server_seq") if isinstance(raw, dict) else None
                self.quarantine(
                    server_seq if type(server_seq) is int else None,
                    raw.get("table", "") if isinstance(raw, dict) else "",
                    raw.get("row_id", "") if isinstance(raw, dict) else "",
                    "",
                    "malformed",
                    raw,
                )
                outcome.quarantined += 1
            applicable = changes_certainly_applicable(page.entries)
            for entry in page.entries:
                if entry.kind == protocol.KIND_CHANGE:
                    problem = None if id(entry) in applicable else entry_problem(entry)
                    if problem is not None:
                        self.quarantine(
                            entry.server_seq, entry.table, entry.row_id, *problem, entry.to_json()
                        )
                        outcome.quarantined += 1
                        continue
                    own = (
                        {
                            name: (int(clock[0]), str(clock[1]))
                            for name, clock in entry.stamps.items()
                            if clock and name in entry.fields
                        }
                        if entry.stamps
                        else {}
                    )
                    run.append(
                        (entry.table, entry.row_id, entry.fields, (entry.stamp, entry.desk_id), own)
                    )
                    outcome.applied += 1
                elif entry.kind == protocol.KIND_CONFLICT:
                    try:
                        outcome.conflicts += self._store_conflict(entry)
                    except (KeyError, TypeError, ValueError):
                        self.quarantine(
                            entry.server_seq,
                            entry.table,
                            entry.row_id,
                            "",
                            "malformed",
                            entry.to_json(),
                        )
                        outcome.quarantined += 1
                elif entry.kind == protocol.KIND_ERASURE:
                    apply_run()
                    self.apply_erasure(entry.row_id)
                    outcome.erasures.append(entry.row_id)
                elif entry.kind == protocol.KIND_UNSHARE:
                    apply_run()
                    if entry.fields.get("desk_id") != self.desk_id:  # not where they consented
                        withhold_personal_fields(self, entry.row_id)
                else:
                    self.quarantine(
                        entry.server_seq,
                        entry.table,
                        entry.row_id,
                        "",
                        "unknown_kind",
                        entry.to_json(),
                    )
                    outcome.quarantined += 1
            apply_run()
            self.set_meta("sync_cursor", str(max(self.pull_cursor(), page.next_since)))
            if before_commit is not None:
                before_commit()
        if not page.has_more:
            search.forget_order(self.db)  # kept only from one page of a pull to the next
        return outcome

    # -- conflicts -----------------------------------------------------------------------------

    def _store_conflict(self: Store, entry: protocol.PulledEntry) -> int:
        data = entry.fields
        conflict_id = data["id"]
        field_name = data["field"]
        if not isinstance(conflict_id, str) or not isinstance(field_name, str):
            raise TypeError("conflict id and field are text")
        cursor = self.db.execute(
            "INSERT OR IGNORE INTO sync_conflicts (id, table_name, row_id, field, kept_value,"
            " kept_stamp, kept_desk, lost_value, lost_stamp, lost_desk, kept_desk_name,"
            " lost_desk_name, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                conflict_id,
                entry.table,
                entry.row_id,
                field_name,
                json.dumps(data.get("kept_value"), ensure_ascii=False),
                str(data.get("kept_stamp", "")),
                str(data.get("kept_desk", "")),
                json.dumps(data.get("lost_value"), ensure_ascii=False),
                str(data.get("lost_stamp", "")),
                str(data.get("lost_desk", "")),
                str(data.get("kept_desk_name", "")),
                str(data.get("lost_desk_name", "")),
                local_now(),
            ],
        )
        return cursor.rowcount

    def list_conflicts(self: Store, include_resolved: bool = False) -> list[SyncConflict]:
        """Conflicts for a coordinator: both values, which desk, when; open ones by default."""
        sql = "SELECT * FROM sync_conflicts"
        if not include_resolved:
            sql += " WHERE resolved_at IS NULL"
        sql += " ORDER BY recorded_at DESC, id"
        conflicts = []
        for row in self.db.query(sql):
            conflicts.append(
                SyncConflict(
                    id=row["id"],
                    table=row["table_name"],
                    row_id=row["row_id"],
                    field=row["field"],
                    kept_value=json.loads(row["kept_value"]),
                    kept_stamp=row["kept_stamp"],
                    kept_desk=row["kept_desk"],
                    lost_value=json.loads(row["lost_value"]),
                    lost_stamp=row["lost_stamp"],
                    lost_desk=row["lost_desk"],
                    kept_desk_name=row["kept_desk_name"],
                    lost_desk_name=row["lost_desk_name"],
                    recorded_at=row["recorded_at"],
                    resolved_at=row["resolved_at"],
                    resolution=row["resolution"],
                )
            )
        return conflicts

    def resolve_conflict(self: Store, conflict_id: str, choose_lost: bool) -> None:
        """A coordinator's choice. Choosing the value that lost writes it again as a new edit
        (so it wins everywhere by sync); keeping the winner only closes the conflict."""
        row = self.db.execute(
            "SELECT table_name, row_id, field, lost_value FROM sync_conflicts WHERE id = ?",
            [conflict_id],
        ).fetchone()
        if row is None:
            from kyojo_desk.errors import NotFound

            raise NotFound(N_("この競合は見つかりません(すでに解決されたか消去されています)。"))
        table, row_id, name, lost_text = row
        with self.transaction():
            if choose_lost and self.get_row(table, row_id) is not None:
                value = json.loads(lost_text)
                if name in SYNCED_TABLES[table].json_fields and isinstance(value, str):
                    value = json.loads(value or "[]")
                self.write(table, row_id, {name: value})
            self.db.execute(
                "UPDATE sync_conflicts SET resolved_at = ?, resolution = ? WHERE id = ?",
                [local_now(), "lost" if choose_lost else "kept", conflict_id],
            )

    # -- erasure -------------------------------------------------------------------------------

    def erase_resident(self: Store, resident_id: str) -> None:
        """Erase a person on this desk now and ask the server to erase them everywhere."""
        with self.transaction():
            self.apply_erasure(resident_id)
            self.changelog.record(protocol.ERASURE_TABLE, resident_id, [])
        self.compact_after_erasure()

    def apply_erasure(self: Store, resident_id: str) -> None:
        """Remove a person from this database: their own row, the personal fields of their
        rows in other tables (whose stamps go back to none, so any value pulled later wins),
        values of theirs kept in the outbox, conflict copies, refusals and quarantined rows.
        Call `compact_after_erasure` after the transaction so no trace stays in the file."""
        erasure_ledger.record_erasure(self.path, resident_id)  # outside every backup
        with self.transaction():
            touched: dict[str, set[str]] = {}
            for target in protocol.erasure_targets():
                spec = SYNCED_TABLES[target.table]
                whole_row = target.resident_field == "id"
                if whole_row:
                    row_ids = [resident_id]
                else:
                    row_ids = [
                        r[0]
                        for r in self.db.execute(
                            f"SELECT id FROM [{spec.name}] WHERE [{target.resident_field}] = ?",
                            [resident_id],
                        )
                    ]
                personal = sorted(target.personal_fields)
                defaults = self._column_defaults(spec.name)
                for row_id in row_ids:
                    if whole_row:
                        self.db.execute(f"DELETE FROM [{spec.name}] WHERE id = ?", [row_id])
                    elif personal:
                        row = self.db.execute(
                            f"SELECT sync_stamp, sync_origin, sync_stamps FROM [{spec.name}]"
                            " WHERE id = ?",
                            [row_id],
                        ).fetchone()
                        row_stamps = RowStamps.unpack(spec, *row)
                        row_stamps.set(personal, (0, THIS_DESK))
                        self.db.execute(
                            f"UPDATE [{spec.name}] SET "
                            + ", ".join(f"[{name}] = ?" for name in personal)
                            + ", sync_stamp = ?, sync_origin = ?, sync_stamps = ? WHERE id = ?",
                            [
                                *[defaults.get(name) for name in personal],
                                *row_stamps.pack(),
                                row_id,
                            ],
                        )
                    touched.setdefault(spec.name, set()).add(row_id)
                    self.db.execute(
                        "DELETE FROM sync_conflicts WHERE table_name = ? AND row_id = ?",
                        [spec.name, row_id],
                    )
            # Values kept in outbox entries (few: only fields written twice before a sync).
            for seq, table, row_id, kept_text in self.db.execute(
                "SELECT seq, table_name, row_id, kept FROM outbox WHERE kept IS NOT NULL"
            ).fetchall():
                if row_id not in touched.get(table, ()):
                    continue
                spec = SYNCED_TABLES[table]
                kept = json.loads(kept_text)
                if spec.resident_field == "id":
                    kept = {}
                else:
                    kept = {k: v for k, v in kept.items() if k not in spec.personal_fields}
                self.db.execute(
                    "UPDATE outbox SET kept = ? WHERE seq = ?",
                    [json.dumps(kept, ensure_ascii=False) if kept else None, seq],
                )
            for table, row_ids in touched.items():
                for chunk in _chunks(sorted(row_ids)):
                    marks = ", ".join("?" for _ in chunk)
                    for aside in ("sync_rejections", "sync_quarantine"):
                        self.db.execute(
                            f"DELETE FROM {aside} WHERE table_name = ? AND row_id IN ({marks})",
                            [table, *chunk],
                        )
                self.run_after_write(table, sorted(row_ids))
            # Quarantined entries of other tables that name the person.
            self.db.execute("DELETE FROM sync_quarantine WHERE instr(entry, ?) > 0", [resident_id])
            # The dashboard's number for the person (migration m008): no row names them now.
            self.db.execute("DELETE FROM resident_numbers WHERE resident_id = ?", [resident_id])
            self.set_meta("erasure_compact_due", "1")

    def _column_defaults(self: Store, table: str) -> dict[str, Any]:
        """Column → its declared default as a value (what a blanked field becomes)."""
        defaults: dict[str, Any] = {}
        for _cid, name, _type, _notnull, default, _pk in self.db.execute(
            f"PRAGMA table_info([{table}])"
        ).fetchall():
            if default is None:
                defaults[name] = None
            elif default.startswith("'") and default.endswith("'"):
                defaults[name] = default[1:-1].replace("''", "'")
            else:
                try:
                    defaults[name] = int(default)
                except ValueError:
                    defaults[name] = None
        return defaults

    def compact_after_erasure(self: Store) -> None:
        """Rewrite the file so erased values leave no trace: merge full-text indexes, VACUUM,
        and empty the write-ahead log. Must run outside a transaction."""
        if self.get_meta("erasure_compact_due") != "1":
            return
        for (name,) in self.db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE"
            " 'CREATE VIRTUAL TABLE%USING fts5%'"
        ).fetchall():
            self.db.execute(f"INSERT INTO [{name}]([{name}]) VALUES ('optimize')")
        self.db.execute("DELETE FROM meta WHERE key = 'erasure_compact_due'")
        if self.path is not None:
            self.db.execute("VACUUM")
            self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
