"""JSON the central server reads and writes: request bodies, stored values, push answers and
pull pages.

Bodies are read and values encoded by orjson where it gives exactly what the standard library
gives, and by the standard library otherwise: a body orjson refuses (NaN, a lone surrogate, a
byte order mark, a number that is not a double or a 64-bit integer) is read by `json`, whose
reading the server's checks are written against (tests/sync/test_central_wire.py compares
both). Without orjson installed, everything is the standard library's.

Pull pages are assembled from the JSON text the records already hold (`records.fields`,
`city_log.fields`), so a pulled record's values are never decoded and encoded again: the page
is the stored text between a few keys. The text is the same JSON the desk would get from
encoding `protocol.PullPage.to_json()`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from kyojo_desk.sync import protocol
from kyojo_desk.sync.json_text import has_long_number
from kyojo_desk.sync.json_text import loads as loads  # bodies read as json reads them

try:
    import orjson
except ImportError:  # pragma: no cover - orjson is in the central extra
    orjson = None  # type: ignore[assignment]

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

    def canonical_stdlib(value: Any) -> str:
        """Compact JSON with sorted keys: the same text as protocol.canonical_json."""
        return "".join(_canonical_chunks(value, 0))

else:  # pragma: no cover
    canonical_stdlib = protocol.canonical_json

if orjson is not None:
    _SORT_KEYS = orjson.OPT_SORT_KEYS

    def canonical_checked(value: Any) -> str:
        """`canonical` of values that passed the field checks (no floats: orjson would write
        NaN as null and some doubles differently; no integer beyond 64 bits)."""
        return orjson.dumps(value, option=_SORT_KEYS).decode()

else:  # pragma: no cover
    canonical_checked = canonical_stdlib

# Any value (floats included, stored by an earlier release): the standard library's text.
canonical = canonical_stdlib

if orjson is not None:

    def canonical_stored(value: Any) -> str:
        """`canonical` of a record's values, merged from changes and stored rows: orjson's
        text, which is the standard library's, unless a float (only ever stored by an earlier
        release) or an integer beyond 64 bits is among them."""
        if not protocol.holds_float(value):
            try:
                return orjson.dumps(value, option=_SORT_KEYS).decode()
            except (TypeError, orjson.JSONEncodeError):
                pass
        return canonical_stdlib(value)

else:  # pragma: no cover
    canonical_stored = canonical_stdlib


def read_stored(text: str) -> Any:
    """Stored JSON text (a record's values or exceptions) as `json.loads` reads it (NaN or
    infinity stored by an earlier release too)."""
    return loads(text.encode())


def read_object_body(raw: bytes) -> tuple[Any, bool]:
    """A JSON body as `json.loads(raw)` reads it, and whether none of its strings can hold
    NUL or a lone surrogate (kyojo_desk/central/validation.py's clean strings)."""
    from kyojo_desk.central.validation import strings_are_clean

    if orjson is not None and not has_long_number(raw):
        try:
            value = orjson.loads(raw)
        except orjson.JSONDecodeError:
            pass
        else:
            # orjson reads only valid UTF-8 without lone surrogates: only NUL is left to find.
            return value, b"\\u0000" not in raw
    return json.loads(raw), strings_are_clean(raw)


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
