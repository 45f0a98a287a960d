"""Sync protocol 2 between a desk and the central server: limits, paths, payload shapes.

This module, kyojo_desk.sync.hlc and kyojo_desk.sync.fields are what the desk and the central
server share (docs/sync-protocol.md is the contract they implement). Payloads are plain JSON
objects; the classes here build and read them so both sides agree on every key.

A change (desk → server) carries one stamp (kyojo_desk.sync.hlc) for all its fields; `stamps`
lists only fields whose stamp differs (a re-send from state)::

    {"seq": 12, "table": "residents", "row_id": "…", "created": true,
     "stamp": 7339526840369053696, "fields": {"phone": "0554-62-1111"}}

A pulled entry (server → desk) has a `kind`: "change" (fields that won on the server),
"conflict" (a value that lost, kept for a coordinator) or "erasure" (a person erased).

`from_json` methods check shapes (keys present, JSON types right) and raise ValueError with a
short reason; whether a value fits its field is kyojo_desk.sync.fields.validate_value.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass
from typing import Any

from kyojo_desk.store.schema import SCHEMA_VERSION, SYNCED_TABLES
from kyojo_desk.sync.hlc import is_valid_stamp

PROTOCOL_VERSION = 2

API_PREFIX = "/v1"
ENROLL_PATH = "/v1/enroll"
META_PATH = "/v1/sync/meta"
PUSH_PATH = "/v1/sync/push"
PULL_PATH = "/v1/sync/pull"

# At most this many changes in one push; the desk halves its batch when the server answers 413.
MAX_PUSH_CHANGES = 500
# A push body above this is answered 413, checked while it is read (chunked bodies too).
MAX_PUSH_BYTES = 4 * 1024 * 1024
# An enrolment body above this is answered 413 (it holds one short code).
MAX_ENROLL_BYTES = 4 * 1024
# One change whose JSON is larger than this can never apply: it is rejected on its own.
MAX_CHANGE_BYTES = 64 * 1024
# A pull page holds at most this many entries (a desk asking for more gets this many; one of
# an older release asks for 500). Fewer, larger pages: fewer requests and transactions.
MAX_PULL_LIMIT = 1000
# A desk whose clock is further than this from the server's stops before syncing, and a change
# stamped further than this ahead of the server's clock is rejected (`future_stamp`).
MAX_CLOCK_SKEW_MS = 5 * 60 * 1000
# Row ids are UUID text; anything longer than this is refused as malformed.
MAX_ROW_ID_LENGTH = 64

# The oldest and newest desk schema versions this protocol build accepts.
SCHEMA_MIN = SCHEMA_VERSION
SCHEMA_MAX = SCHEMA_VERSION

# Pseudo-table of the outbox entries that ask the server to erase a person.
ERASURE_TABLE = "_erasures"
# A person stopped sharing with the city (row_id = resident id, fields {}): their personal
# fields go from the server and the other desks; their stub stays (kyojo_desk/sync/consent.py).
UNSHARE_TABLE = "_unshares"

# Result statuses of one pushed change.
APPLIED = "applied"
REJECTED = "rejected"
ERASED = "erased"

# Reasons of a rejected change (the rest of the batch still applies).
REASON_INVALID_VALUE = "invalid_value"
REASON_UNKNOWN_TABLE = "unknown_table"
REASON_UNKNOWN_FIELD = "unknown_field"
REASON_UNKNOWN_ROW = "unknown_row"
REASON_BAD_STAMP = "bad_stamp"
REASON_FUTURE_STAMP = "future_stamp"
REASON_TOO_LARGE = "too_large"
REASON_BAD_ROW_ID = "bad_row_id"

# Error codes in the JSON body of a refused request ({"error": code, "message": ...}).
ERROR_BAD_REQUEST = "bad_request"
ERROR_GAP = "gap"
ERROR_AUTH = "auth"
ERROR_REVOKED = "revoked"
ERROR_SCHEMA = "schema"
ERROR_TOO_LARGE = "too_large"
ERROR_REENROL = "reenrol"
ERROR_ENROLL = "enroll"
ERROR_ACK_AHEAD = "ack_ahead"
ERROR_RATE_LIMITED = "rate_limited"
ERROR_NOT_FOUND = "not_found"
ERROR_UNAVAILABLE = "unavailable"

# Entry kinds of a pull page.
KIND_CHANGE = "change"
KIND_CONFLICT = "conflict"
KIND_ERASURE = "erasure"
KIND_UNSHARE = "unshare"  # fields: {"desk_id": the desk that keeps the full record}


@dataclass(frozen=True)
class ErasureTarget:
    """Where a person's data lives in one synced table (from the schema declaration)."""

    table: str
    resident_field: str
    personal_fields: tuple[str, ...]


def erasure_targets() -> list[ErasureTarget]:
    """Every synced table that holds rows about a person, with the fields erasure blanks.

    Both sides read the same declaration (kyojo_desk/store/schema.py), so a record kind that
    joins sync by declaration is erased by both without new code.
    """
    return [
        ErasureTarget(spec.name, spec.resident_field, spec.personal_fields)
        for spec in SYNCED_TABLES.values()
        if spec.resident_field is not None
    ]


def synced_fields() -> dict[str, tuple[str, ...]]:
    """Table name → synced field names (what the server accepts)."""
    return {name: spec.fields for name, spec in SYNCED_TABLES.items()}


def holds_float(value: Any) -> bool:
    """Whether a float is anywhere in a JSON value (dicts and lists are looked into). A float
    is never a valid value; where one is, JSON is written by the standard library, which
    writes it as Python does (orjson would write NaN and infinity as null)."""
    kind = type(value)
    if kind is float:
        return True
    if kind is dict:
        value = value.values()
    elif kind is not list:
        return False
    for item in value:
        kind = type(item)
        if kind is float or ((kind is dict or kind is list) and holds_float(item)):
            return True
    return False


def canonical_json(value: Any) -> str:
    """Compact JSON text, the same for equal values (digests, stored values)."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _int(data: dict[str, Any], key: str, default: int | None = None) -> int:
    value = data.get(key, default)
    if type(value) is not int:
        raise ValueError(f"{key} must be an integer")
    return value


def _str(data: dict[str, Any], key: str) -> str:
    value = data.get(key)
    if not isinstance(value, str):
        raise ValueError(f"{key} must be a string")
    return value


def _object(data: dict[str, Any], key: str) -> dict[str, Any]:
    value = data.get(key, {})
    if not isinstance(value, dict):
        raise ValueError(f"{key} must be an object")
    return value


@dataclass
class Change:
    """One change as pushed: the fields that changed, one stamp for all of them.

    `stamps` holds only fields whose own stamp differs from `stamp` (a re-send from the desk's
    current rows after a server restore).
    """

    seq: int
    table: str
    row_id: str
    stamp: int
    fields: dict[str, Any]
    stamps: dict[str, int] = dataclasses.field(default_factory=dict)
    created: bool = False

    def stamp_of(self, name: str) -> int:
        return self.stamps.get(name, self.stamp)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "seq": self.seq,
            "table": self.table,
            "row_id": self.row_id,
            "created": self.created,
            "stamp": self.stamp,
            "fields": self.fields,
        }
        if self.stamps:
            data["stamps"] = self.stamps
        return data

    @classmethod
    def from_json(cls, data: Any) -> Change:
        """Read a change's shape; ValueError when a key is missing or of the wrong JSON type.

        Stamps are checked by the server per change (`bad_stamp`), not here, so that a bad
        stamp refuses only its change.
        """
        if not isinstance(data, dict):
            raise ValueError("a change must be an object")
        created = data.get("created", False)
        if not isinstance(created, bool):
            raise ValueError("created must be true or false")
        return cls(
            seq=_int(data, "seq"),
            table=_str(data, "table"),
            row_id=_str(data, "row_id"),
            stamp=data.get("stamp"),  # type: ignore[arg-type]  # checked per change
            fields=_object(data, "fields"),
            stamps=_object(data, "stamps"),
            created=created,
        )

    def stamps_valid(self) -> bool:
        return is_valid_stamp(self.stamp) and all(is_valid_stamp(s) for s in self.stamps.values())

    def digest(self) -> str:
        """A fingerprint of the change, so a re-sent seq can be told from a different change
        under the same seq (a desk database copied or restored from a backup).

        It covers where the change goes, its stamps and the fields it names, not the values:
        a desk's stamps never repeat, so two different changes under one seq differ in these,
        and a fingerprint that needs no encoding of the values keeps pushes cheap.
        """
        parts = [
            self.table,
            self.row_id,
            repr(self.stamp),
            "1" if self.created else "0",
            *sorted(self.fields),
            "\x1e",
            *(f"{name}={stamp!r}" for name, stamp in sorted(self.stamps.items())),
        ]
        return hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()

    def size(self) -> int:
        """Size of the change as JSON in bytes (checked against MAX_CHANGE_BYTES)."""
        return len(canonical_json(self.to_json()).encode("utf-8", "surrogatepass"))


def largest_change(table: str) -> int:
    """An upper bound of the JSON size of any valid change of `table` (every field at its
    largest, every character escaped): a change of a table whose bound is under
    MAX_CHANGE_BYTES need not be measured once its values are valid."""
    bound = _LARGEST.get(table)
    if bound is None:
        spec = SYNCED_TABLES[table]
        bound = (
            200
            + 6 * MAX_ROW_ID_LENGTH
            + sum(6 * len(name) + 30 + _largest_value(kind) for name, kind in spec.types.items())
        )
        _LARGEST[table] = bound
    return bound


_LARGEST: dict[str, int] = {}


def _largest_value(kind: Any) -> int:
    text = 6 * max([kind.max_length, *(len(c) for c in kind.choices), 40]) + 2
    if kind.kind == "json_list":
        item = text if not kind.item_keys else sum(6 * len(k) + 4 + text for k in kind.item_keys)
        return kind.max_items * (item + 1) + 2
    return text


@dataclass
class PushRequest:
    """The body of a push."""

    desk_id: str
    changes: list[Change]
    acked_seq: int = 0
    next_seq: int | None = None
    pull_cursor: int = 0
    pending: int = 0
    protocol: int = PROTOCOL_VERSION
    schema_version: int = SCHEMA_VERSION
    # Set on the last batch of a round: the answer then also carries the first pull page
    # after `pull_cursor` (servers that do not know the key ignore it and carry none).
    pull_page: bool = False

    def to_json(self) -> dict[str, Any]:
        data = {
            "desk_id": self.desk_id,
            "protocol": self.protocol,
            "schema_version": self.schema_version,
            "acked_seq": self.acked_seq,
            "next_seq": self.next_seq,
            "pull_cursor": self.pull_cursor,
            "pending": self.pending,
            "changes": [c.to_json() for c in self.changes],
        }
        if self.pull_page:
            data["pull_page"] = True
        return data


@dataclass
class ChangeResult:
    """The server's answer for one pushed change that did not simply apply."""

    seq: int
    status: str
    reason: str = ""
    # the field a rejection is about (invalid_value, unknown_field)
    field: str = ""
    # field → [value, stamp, origin desk id] that won on the server over this change's value
    superseded: dict[str, list[Any]] = dataclasses.field(default_factory=dict)
    # for an `erased` answer: the person whose erasure refused the change
    resident_id: str | None = None

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"seq": self.seq, "status": self.status}
        if self.reason:
            data["reason"] = self.reason
        if self.field:
            data["field"] = self.field
        if self.superseded:
            data["superseded"] = self.superseded
        if self.resident_id:
            data["resident_id"] = self.resident_id
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ChangeResult:
        return cls(
            seq=int(data["seq"]),
            status=str(data["status"]),
            reason=str(data.get("reason", "")),
            field=str(data.get("field", "")),
            superseded=dict(data.get("superseded") or {}),
            resident_id=data.get("resident_id"),
        )


@dataclass
class PushAnswer:
    """Answer to a push: everything up to `acked_seq` is acknowledged (rejected changes too:
    their reasons are in `results`)."""

    acked_seq: int
    results: list[ChangeResult]
    conflicts: int = 0
    # The first pull page after the body's `pull_cursor`, as JSON, when the body asked for it
    # (`pull_page`); None otherwise.
    pull: Any = None

    def to_json(self) -> dict[str, Any]:
        data = {
            "acked_seq": self.acked_seq,
            "results": [r.to_json() for r in self.results],
            "conflicts": self.conflicts,
        }
        if self.pull is not None:
            data["pull"] = self.pull
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> PushAnswer:
        return cls(
            acked_seq=int(data["acked_seq"]),
            results=[ChangeResult.from_json(r) for r in data.get("results", [])],
            conflicts=int(data.get("conflicts", 0)),
            pull=data.get("pull"),
        )


@dataclass
class PulledEntry:
    """One entry of a pull page, in server sequence order.

    For a change: `desk_id` is the origin of `stamp`; `stamps` lists [stamp, origin desk id]
    only for fields whose stamp or origin differs from the entry's.
    """

    server_seq: int
    kind: str
    table: str
    row_id: str
    desk_id: str
    fields: dict[str, Any]
    stamp: int = 0
    stamps: dict[str, list[Any]] = dataclasses.field(default_factory=dict)

    def stamp_of(self, name: str) -> tuple[int, str]:
        """(stamp, origin desk id) of one field."""
        own = self.stamps.get(name)
        if own:
            return int(own[0]), str(own[1])
        return self.stamp, self.desk_id

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "server_seq": self.server_seq,
            "kind": self.kind,
            "table": self.table,
            "row_id": self.row_id,
            "desk_id": self.desk_id,
            "stamp": self.stamp,
            "fields": self.fields,
        }
        if self.stamps:
            data["stamps"] = self.stamps
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> PulledEntry:
        return cls(
            server_seq=int(data["server_seq"]),
            kind=str(data["kind"]),
            table=str(data["table"]),
            row_id=str(data["row_id"]),
            desk_id=str(data.get("desk_id", "")),
            fields=dict(data.get("fields") or {}),
            stamp=int(data.get("stamp") or 0),
            stamps=dict(data.get("stamps") or {}),
        )


@dataclass
class PullPage:
    """One page of other desks' entries after `since`; `next_since` is the new cursor."""

    epoch: str
    entries: list[PulledEntry]
    next_since: int
    has_more: bool

    def to_json(self) -> dict[str, Any]:
        return {
            "epoch": self.epoch,
            "entries": [e.to_json() for e in self.entries],
            "next_since": self.next_since,
            "has_more": self.has_more,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> PullPage:
        return cls(
            epoch=str(data["epoch"]),
            entries=[PulledEntry.from_json(e) for e in data.get("entries", [])],
            next_since=int(data["next_since"]),
            has_more=bool(data.get("has_more", False)),
        )


def error_body(code: str, message: str, **extra: Any) -> dict[str, Any]:
    """The JSON body of a refused request."""
    return {"error": code, "message": message, **extra}
