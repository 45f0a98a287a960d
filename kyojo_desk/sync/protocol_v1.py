"""Sync protocol 1 (release 0.1): the payloads of the first design, still spoken by the parts
not yet moved to protocol 2 (kyojo_desk.sync.protocol).

This module is the only code the desk and the central server share (docs/sync-protocol.md is
the contract it implements). Payloads are plain JSON objects; the functions here build and read
them so both sides agree on every key.

A change (desk → server) is::

    {"seq": 12, "table": "residents", "row_id": "…", "created": true,
     "fields": {"phone": ["0554-62-1111", "<hlc stamp>"]}, "schema_version": 1}

A pulled entry (server → desk) has a `kind`: "change" (fields that won on the server),
"conflict" (a value that lost, kept for a coordinator) or "erasure" (a person erased).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from kyojo_desk.store.schema import SCHEMA_VERSION, SYNCED_TABLES

API_PREFIX = "/v1"
ENROLL_PATH = "/v1/enroll"
META_PATH = "/v1/sync/meta"
PUSH_PATH = "/v1/sync/push"
PULL_PATH = "/v1/sync/pull"

# At most this many changes in one push; the desk halves its batch when the server answers 413.
MAX_PUSH_CHANGES = 500
# A request body above this is answered 413 before it is read further.
MAX_PUSH_BYTES = 4 * 1024 * 1024
# One change whose JSON is larger than this can never apply: it is rejected on its own.
MAX_CHANGE_BYTES = 64 * 1024
# A pull page holds at most this many entries.
MAX_PULL_LIMIT = 500
# A desk whose clock is further than this from the server's stops before syncing.
MAX_CLOCK_SKEW_MS = 5 * 60 * 1000
# A change stamped further than this ahead of the server's clock is rejected (`future_stamp`).
MAX_FUTURE_STAMP_MS = 24 * 60 * 60 * 1000

# The oldest and newest desk schema versions this protocol build accepts.
SCHEMA_MIN = 1
SCHEMA_MAX = SCHEMA_VERSION

# Pseudo-table of the outbox entries that ask the server to erase a person.
ERASURE_TABLE = "_erasures"

# Result statuses of one pushed change.
APPLIED = "applied"
REJECTED = "rejected"
ERASED = "erased"

# Error codes in the JSON body of a refused request ({"error": code, "message": ...}).
ERROR_GAP = "gap"
ERROR_AUTH = "auth"
ERROR_REVOKED = "revoked"
ERROR_SCHEMA = "schema"
ERROR_TOO_LARGE = "too_large"
ERROR_REENROL = "reenrol"
ERROR_ENROLL = "enroll"

# Entry kinds of a pull page.
KIND_CHANGE = "change"
KIND_CONFLICT = "conflict"
KIND_ERASURE = "erasure"


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


@dataclass
class Change:
    """One outbox entry as pushed: only the fields that changed, each with its stamp."""

    seq: int
    table: str
    row_id: str
    fields: dict[str, list[Any]]
    schema_version: int = SCHEMA_VERSION
    created: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "seq": self.seq,
            "table": self.table,
            "row_id": self.row_id,
            "fields": self.fields,
            "schema_version": self.schema_version,
            "created": self.created,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Change:
        """Read a change; raises ValueError when a key is missing or of the wrong type."""
        try:
            change = cls(
                seq=int(data["seq"]),
                table=str(data["table"]),
                row_id=str(data["row_id"]),
                fields=dict(data["fields"]),
                schema_version=int(data.get("schema_version", SCHEMA_VERSION)),
                created=bool(data.get("created", False)),
            )
        except (KeyError, TypeError) as error:
            raise ValueError(f"malformed change: {error}") from error
        return change

    def digest(self) -> str:
        """A fingerprint of the content, so a re-sent seq can be told from a different change
        under the same seq (a desk database copied or restored from a backup)."""
        canonical = json.dumps(
            [self.table, self.row_id, self.fields, self.created],
            ensure_ascii=False,
            sort_keys=True,
            separators=(",", ":"),
        )
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()

    def size(self) -> int:
        """Size of the change's JSON in bytes (checked against MAX_CHANGE_BYTES)."""
        return len(json.dumps(self.to_json(), ensure_ascii=False).encode("utf-8"))


@dataclass
class ChangeResult:
    """The server's answer for one pushed change that did not simply apply."""

    seq: int
    status: str
    reason: str = ""
    # field → [value, stamp] that won on the server over this change's value
    superseded: dict[str, list[Any]] = field(default_factory=dict)
    # for an `erased` answer: the person whose erasure refused the change
    resident_id: str | None = None

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"seq": self.seq, "status": self.status}
        if self.reason:
            data["reason"] = self.reason
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
            superseded=dict(data.get("superseded") or {}),
            resident_id=data.get("resident_id"),
        )


@dataclass
class PushAnswer:
    """Answer to a push: everything up to `acked_seq` is acknowledged."""

    acked_seq: int
    results: list[ChangeResult]
    conflicts: int = 0

    def to_json(self) -> dict[str, Any]:
        return {
            "acked_seq": self.acked_seq,
            "results": [r.to_json() for r in self.results],
            "conflicts": self.conflicts,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> PushAnswer:
        return cls(
            acked_seq=int(data["acked_seq"]),
            results=[ChangeResult.from_json(r) for r in data.get("results", [])],
            conflicts=int(data.get("conflicts", 0)),
        )


@dataclass
class PulledEntry:
    """One entry of a pull page, in server sequence order."""

    server_seq: int
    kind: str
    table: str
    row_id: str
    desk_id: str
    fields: dict[str, Any]

    def to_json(self) -> dict[str, Any]:
        return {
            "server_seq": self.server_seq,
            "kind": self.kind,
            "table": self.table,
            "row_id": self.row_id,
            "desk_id": self.desk_id,
            "fields": self.fields,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> PulledEntry:
        return cls(
            server_seq=int(data["server_seq"]),
            kind=str(data["kind"]),
            table=str(data["table"]),
            row_id=str(data["row_id"]),
            desk_id=str(data.get("desk_id", "")),
            fields=dict(data.get("fields") or {}),
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
