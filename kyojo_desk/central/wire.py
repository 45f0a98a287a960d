"""JSON text the central server writes: stored values, push answers and pull pages.

Pull pages are assembled from the JSON text the records already hold (`records.fields`,
`city_log.fields`), so a pulled record's values are never decoded and encoded again: the page
is the stored text between a few keys. The text is the same JSON the desk would get from
encoding `protocol.PullPage.to_json()` (tests/sync/test_central_wire.py compares them).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from kyojo_desk.sync import protocol

try:  # CPython's C encoder, made once instead of once per value
    from _json import encode_basestring as _quote_text
    from _json import encode_basestring_ascii as _quote_ascii
    from _json import make_encoder as _make_encoder
except ImportError:  # pragma: no cover - every CPython has _json
    _make_encoder = None
    _quote_text = json.encoder.py_encode_basestring  # type: ignore[attr-defined]
    _quote_ascii = json.encoder.py_encode_basestring_ascii  # type: ignore[attr-defined]


def _refuse(value: Any) -> Any:
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


if _make_encoder is not None:
    _canonical_chunks = _make_encoder(None, _refuse, _quote_text, None, ":", ",", True, False, True)

    def canonical(value: Any) -> str:
        """Compact JSON with sorted keys: the same text as protocol.canonical_json."""
        return "".join(_canonical_chunks(value, 0))

else:  # pragma: no cover
    canonical = protocol.canonical_json

# Names and ids in a page are escaped to ASCII: whatever a row id of an old release holds, the
# page stays valid UTF-8. Stored values are valid Unicode (both databases refuse anything else).
quote = _quote_ascii


def answer_bytes(value: Any) -> bytes:
    """A response body: compact JSON, UTF-8."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def change_entry(
    seq: int,
    table: str,
    row_id: str,
    desk_id: str,
    stamp: int,
    fields: str,
    stamps: dict[str, list[Any]] | None,
) -> str:
    """The JSON text of a pulled record (`fields`: its stored JSON text)."""
    text = (
        f'{{"server_seq":{int(seq)},"kind":"change","table":{quote(table)},'
        f'"row_id":{quote(row_id)},"desk_id":{quote(desk_id)},'
        f'"stamp":{int(stamp)},"fields":{fields}'
    )
    if stamps:
        return f'{text},"stamps":{canonical(stamps)}}}'
    return text + "}"


def log_entry(seq: int, kind: str, table: str, row_id: str, fields: str) -> str:
    """The JSON text of a conflict copy or erasure of the city log (`fields`: stored text)."""
    return (
        f'{{"server_seq":{int(seq)},"kind":{quote(kind)},"table":{quote(table)},'
        f'"row_id":{quote(row_id)},"desk_id":"","stamp":0,"fields":{fields}}}'
    )


def page_bytes(epoch: str, entries: Iterable[str], next_since: int, has_more: bool) -> bytes:
    """A pull page's body from its entries' JSON text."""
    return (
        f'{{"epoch":{quote(epoch)},"entries":[{",".join(entries)}],'
        f'"next_since":{int(next_since)},"has_more":{"true" if has_more else "false"}}}'
    ).encode()
