"""Pull pages are served as text assembled from the stored JSON of each record
(kyojo_desk/central/wire.py): the text must be the page `Storage.pull` describes, for records
written whole, records whose fields come from several desks (own stamps), conflict copies and
erasures, across page boundaries, on both backends."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kyojo_desk.central import wire
from kyojo_desk.central.wire import canonical
from kyojo_desk.sync import protocol
from tests.sync.v2_desk import RESIDENT as PLAIN_RESIDENT
from tests.sync.v2_desk import RawDesk, new_id

# Quotes, a backslash, a newline and a character beyond the BMP: the page text must escape them.
RESIDENT = {**PLAIN_RESIDENT, "notes": 'メモ "引用" \\ と改行\nと𠮷'}


def pages(central, desk_id: str, limit: int) -> list[tuple[dict, dict]]:
    """Every page for one desk, as (served text parsed, Storage.pull's page as JSON)."""
    desk = central.storage.authenticate(desk_id)
    found, since = [], 0
    while True:
        served = json.loads(central.storage.pull_json(desk, since, limit))
        described = central.storage.pull(desk, since, limit).to_json()
        found.append((served, described))
        since = described["next_since"]
        if not described["has_more"]:
            return found


@pytest.mark.parametrize("limit", [1, 3, 500])
def test_served_pages_are_the_pages_storage_describes(central, limit):
    a = RawDesk(central.url, central.storage, "a")
    b = RawDesk(central.url, central.storage, "b")
    reader = RawDesk(central.url, central.storage, "reader")
    people = [a.create("residents", {**RESIDENT, "phone": f"0554-62-{i:04d}"}) for i in range(4)]
    # Another desk edits one field of two records (the rows get own stamps), and a
    # concurrent edit of the same field makes a conflict copy.
    b.push([b.change("residents", people[0], {"phone": "090-1111-2222"})])
    b.push([b.change("residents", people[1], {"notes": "別の端末から"})])
    a.push([a.change("residents", people[1], {"notes": "同時の書き込み"})])
    a.push([a.change(protocol.ERASURE_TABLE, people[3], {})])
    results = pages(central, reader.token, limit)
    for served, described in results:
        assert served == described
    entries = [e for served, _ in results for e in served["entries"]]
    kinds = {e["kind"] for e in entries}
    assert {protocol.KIND_CHANGE, protocol.KIND_CONFLICT, protocol.KIND_ERASURE} <= kinds
    assert any("stamps" in e for e in entries)  # a row with a field of another origin
    by_id = {e["row_id"]: e for e in entries if e["kind"] == protocol.KIND_CHANGE}
    assert by_id[people[0]]["fields"]["phone"] == "090-1111-2222"
    assert by_id[people[2]]["fields"]["notes"] == RESIDENT["notes"]


def test_served_pages_skip_the_desks_own_records(central):
    a = RawDesk(central.url, central.storage, "a")
    a.create("residents", RESIDENT, row_id=new_id())
    ((served, described),) = pages(central, a.token, 500)
    assert served == described
    assert served["entries"] == []
    assert served["next_since"] > 0


def test_canonical_text_is_the_protocols():
    values = [
        {"b": [1, "二", None], "a": {"z": 0.5, "y": True}, "c": 'q"\\\n\u2028𠮷'},
        [],
        "",
        2**63 - 1,
    ]
    for value in values:
        assert canonical(value) == protocol.canonical_json(value)


JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**80), max_value=2**80)
    | st.floats()
    | st.text(),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)


def same(a: object, b: object) -> bool:
    """Equal as JSON values, NaN equal to NaN and 1 never equal to 1.0 or True."""
    return protocol.canonical_json(a) == protocol.canonical_json(b) and repr(a) == repr(b)


@settings(max_examples=500, deadline=None, suppress_health_check=list(HealthCheck))
@given(JSON_VALUES, st.booleans())
def test_bodies_are_read_as_the_standard_library_reads_them(value, ascii_only):
    raw = json.dumps(value, ensure_ascii=ascii_only).encode("utf-8", "surrogatepass")
    expected = json.loads(raw)
    assert same(wire.loads(raw), expected)
    read, clean = wire.read_object_body(raw)
    assert same(read, expected)
    if clean:
        assert_strings_clean(read)


def assert_strings_clean(value: object) -> None:
    """No string in the value holds NUL or a lone surrogate."""
    text = protocol.canonical_json(value)
    assert "\x00" not in text and "\\u0000" not in text
    text.encode("utf-8")  # raises on a lone surrogate


def test_bodies_only_the_standard_library_reads_are_read_by_it():
    for raw in [
        b"[NaN, Infinity, -Infinity]",
        b'\xef\xbb\xbf{"a": 1}',  # a byte order mark
        b"[18446744073709551616, -9223372036854775809, 1e400]",
        b'["\\ud800", "\\udc00x"]',
        '["\udfff"]'.encode("utf-8", "surrogatepass"),
    ]:
        read, clean = wire.read_object_body(raw)
        assert same(read, json.loads(raw)), raw
        if clean:
            assert_strings_clean(read)
    for raw in [b"[" * 5000 + b"]" * 5000, b"{", b'{"a": 1,}']:
        with pytest.raises((ValueError, RecursionError)):
            wire.read_object_body(raw)


CHECKED_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**63), max_value=2**63 - 1)
    | st.text(st.characters(exclude_categories=("Cs",))),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.text(st.characters(exclude_categories=("Cs",)), max_size=8), inner)
    ),
    max_leaves=12,
)


@settings(max_examples=500, deadline=None, suppress_health_check=list(HealthCheck))
@given(JSON_VALUES, CHECKED_VALUES)
def test_stored_text_is_the_protocols_canonical_text(value, checked):
    """Any value (floats too, from an earlier release) and values that passed the field
    checks (written by the faster encoder)."""
    assert wire.canonical(value) == protocol.canonical_json(value)
    assert wire.canonical_checked(checked) == protocol.canonical_json(checked)


@settings(max_examples=500, deadline=None, suppress_health_check=list(HealthCheck))
@given(JSON_VALUES, CHECKED_VALUES)
def test_stored_rows_are_read_and_written_as_the_standard_library_does(value, checked):
    """A merged record's values (floats and huge integers only from an earlier release, lone
    surrogates never stored but tried too) are written as the protocol's canonical text and
    read back as json reads them, whichever encoder did the work."""
    for item in (value, checked):
        text = wire.canonical_stored(item)
        assert text == protocol.canonical_json(item)
        assert same(wire.read_stored(text), json.loads(text))


def test_stored_text_only_the_standard_library_reads_is_read_by_it():
    for text in ["[NaN, Infinity, -Infinity]", "[18446744073709551616, 1e400]", '{"a": 1.5}']:
        assert same(wire.read_stored(text), json.loads(text)), text
