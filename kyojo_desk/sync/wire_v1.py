"""Speaking protocol 1 to a central server not yet updated to protocol 2.

The desk keeps its changes in protocol 2's form (one integer stamp per change, typed values);
a server of release 0.1 (its meta names no `protocol`) gets them as protocol 1 payloads —
`{field: [value as stored, "WWWWWWWWWWWWWWW:CCCCC:desk"]}` — and its answers and pages are
read back into protocol 2's classes. Nothing is lost either way: a protocol 2 stamp has a
16-bit counter, which fits protocol 1's five digits.
"""

from __future__ import annotations

import json
from typing import Any

from kyojo_desk.store.schema import SCHEMA_VERSION, SYNCED_TABLES
from kyojo_desk.sync import hlc, protocol


def speaks_v2(meta: dict[str, Any]) -> bool:
    """Whether the server's meta says it speaks protocol 2 or later."""
    version = meta.get("protocol")
    return type(version) is int and version >= protocol.PROTOCOL_VERSION


def stamp_text(stamp: int, desk_id: str) -> str:
    return f"{hlc.wall_ms(stamp):015d}:{hlc.counter(stamp):05d}:{desk_id}"


def _stored(table: str, name: str, value: Any) -> Any:
    spec = SYNCED_TABLES.get(table)
    if spec is not None and name in spec.json_fields and not isinstance(value, str):
        return json.dumps(value if value is not None else [], ensure_ascii=False)
    return value


def _wire(table: str, name: str, value: Any) -> Any:
    spec = SYNCED_TABLES.get(table)
    if spec is not None and name in spec.json_fields and isinstance(value, str):
        try:
            return json.loads(value or "[]")
        except ValueError:
            return value
    return value


def push_body(body: dict[str, Any]) -> dict[str, Any]:
    """A protocol 2 push body as protocol 1 has it."""
    desk_id = body["desk_id"]
    changes = []
    for change in body["changes"]:
        stamps = change.get("stamps") or {}
        changes.append(
            {
                "seq": change["seq"],
                "table": change["table"],
                "row_id": change["row_id"],
                "created": change["created"],
                "schema_version": SCHEMA_VERSION,
                "fields": {
                    name: [
                        _stored(change["table"], name, value),
                        stamp_text(stamps.get(name, change["stamp"]), desk_id),
                    ]
                    for name, value in change["fields"].items()
                },
            }
        )
    return {key: value for key, value in body.items() if key != "protocol"} | {"changes": changes}


def _clock(text: Any) -> tuple[int, str] | None:
    try:
        return hlc.from_v1_stamp(str(text))
    except ValueError:
        return None


def push_answer(answer: protocol.PushAnswer, sent: list[protocol.Change]) -> None:
    """Superseded values of protocol 1 ([value as stored, stamp text]) as protocol 2's
    [value, stamp, origin desk id], in place."""
    by_seq = {change.seq: change for change in sent}
    for result in answer.results:
        change = by_seq.get(result.seq)
        if change is None:  # a seq this batch did not send: the desk reads no result of it
            result.superseded = {}
            continue
        converted = {}
        for name, pair in result.superseded.items():
            clock = _clock(pair[1]) if isinstance(pair, list) and len(pair) == 2 else None
            # An unreadable one stays as it came: the desk keeps it aside as malformed.
            converted[name] = (
                pair if clock is None else [_wire(change.table, name, pair[0]), clock[0], clock[1]]
            )
        result.superseded = converted


def pull_page(page: protocol.PullPage) -> None:
    """Change entries of protocol 1 ({field: [value as stored, stamp text]}) as protocol 2's
    (one stamp, the others in `stamps`), in place. An entry that cannot be read keeps its
    fields as they came with a stamp of 0, which the desk quarantines as `bad_stamp`."""
    for entry in page.entries:
        if entry.kind != protocol.KIND_CHANGE:
            continue
        values = {}
        clocks = {}
        for name, pair in entry.fields.items():
            clock = _clock(pair[1]) if isinstance(pair, list) and len(pair) == 2 else None
            if clock is None:
                break
            values[name] = _wire(entry.table, name, pair[0])
            clocks[name] = clock
        else:
            if clocks:
                newest = max(clocks.values())
                entry.stamp, entry.desk_id = newest
                entry.stamps = {name: list(c) for name, c in clocks.items() if c != newest}
            entry.fields = values
            continue
        entry.stamp = 0
