"""The server's compiled checks of pushed values agree with the reference check
(kyojo_desk.sync.fields.check_value): a fast path, per value or per column of a batch, only
ever says "valid" where the reference does, and a batch's refusals are those of checking each
change on its own."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kyojo_desk.central.records import digest, precheck, precheck_batch
from kyojo_desk.central.validation import fast_check, strings_are_clean
from kyojo_desk.ids import uuid7
from kyojo_desk.store.schema import SYNCED_TABLES
from kyojo_desk.sync import fields as field_kinds
from kyojo_desk.sync import protocol
from kyojo_desk.sync.fields import check_value, compile_column_check
from kyojo_desk.sync.hlc import make_stamp

FIELD_TYPES = sorted(
    {
        (table.name, name): kind
        for table in SYNCED_TABLES.values()
        for name, kind in table.types.items()
    }.items()
)
NOW_MS = 1_796_639_291_534

# Values near every kind's bounds, of every JSON type, clean or not.
TEXTS = st.text(max_size=70) | st.sampled_from(["", "\x00", "a\ud800", "1950-02-30", "2026-12-07"])
ANY_VALUE = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.sampled_from([0, 1, 2, -1, 2**63 - 1, 2**63, float("nan"), 1.0, 0.5])
    | TEXTS
    | st.sampled_from(
        [
            "resident",
            "related",
            "none",
            "hearing",
            "large_print",
            "2026-12-07T10:00:00+09:00",
            "2026-12-07 10:00",
            "0190a000-0000-7000-8000-000000000000",
            "0190A000-0000-7000-8000-000000000000",
        ]
    ),
    lambda inner: (
        st.lists(inner, max_size=12)
        | st.dictionaries(st.sampled_from(["course", "date", "x"]), inner, max_size=3)
    ),
    max_leaves=14,
)


def valid_for(kind: field_kinds.FieldType) -> st.SearchStrategy[Any]:
    """Values that are mostly valid for `kind` (some at or past a bound)."""
    if kind.kind == field_kinds.TEXT:
        strategy: st.SearchStrategy[Any] = st.text(max_size=kind.max_length + 1)
    elif kind.kind in (field_kinds.INTEGER, field_kinds.FLAG):
        low, high = (0, 1) if kind.kind == field_kinds.FLAG else (kind.min_value, kind.max_value)
        strategy = st.integers(max(low - 1, -(2**64)), min(high + 1, 2**64))
    elif kind.kind == field_kinds.DATE:
        strategy = st.dates().map(lambda d: d.isoformat()) | st.just("")
    elif kind.kind == field_kinds.DATETIME:
        strategy = st.datetimes().map(lambda d: d.isoformat()) | st.just("")
    elif kind.kind == field_kinds.CHOICE:
        strategy = st.sampled_from([*kind.choices, ""])
    elif kind.kind == field_kinds.ID:
        strategy = st.uuids().map(str) | st.just("")
    elif kind.item_keys:
        strategy = st.lists(
            st.fixed_dictionaries({"course": st.text(max_size=5), "date": st.text(max_size=5)}),
            max_size=3,
        )
    elif kind.choices:
        strategy = st.lists(st.sampled_from(kind.choices), max_size=kind.max_items + 1)
    else:
        strategy = st.lists(st.text(max_size=kind.max_length + 1), max_size=kind.max_items + 1)
    return strategy | st.none()


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.sampled_from(FIELD_TYPES), st.data())
def test_a_fast_check_never_accepts_what_the_reference_refuses(field, data):
    (_table, _name), kind = field
    value = data.draw(valid_for(kind) | ANY_VALUE)
    clean = data.draw(st.booleans())
    if clean and not strings_are_clean(json.dumps(value).encode()):
        clean = False
    if fast_check(kind, clean)(value):
        assert check_value(kind, value) is None, value


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.sampled_from(FIELD_TYPES), st.data())
def test_a_column_check_never_accepts_a_column_with_a_refused_value(field, data):
    (_table, _name), kind = field
    column = data.draw(st.lists(valid_for(kind) | ANY_VALUE, min_size=1, max_size=8))
    clean = strings_are_clean(json.dumps(column).encode())
    if compile_column_check(kind, clean)(column):
        assert all(check_value(kind, value) is None for value in column), column


def test_fast_checks_accept_the_usual_values():
    """The fast paths are taken for ordinary rows (else they would be no faster)."""
    residents = SYNCED_TABLES["residents"].types
    row = {
        "family_name": "山田",
        "phone": "0554-62-1111",
        "birth_date": "1950-03-02",
        "kind": "resident",
        "support_needs": ["hearing"],
        "needs_completion": 0,
        "merged_into": None,
        "created_at": "2026-12-07T10:00:00+09:00",
    }
    for name, value in row.items():
        assert fast_check(residents[name], True)(value), name
        assert compile_column_check(residents[name], True)([value, value]), name


@given(st.lists(st.text(max_size=6) | st.integers(), max_size=5))
def test_a_clean_body_holds_no_nul_and_no_lone_surrogate(values):
    for raw in (
        json.dumps(values).encode(),
        json.dumps(values, ensure_ascii=False).encode("utf-8", "surrogatepass"),
    ):
        if strings_are_clean(raw):
            for value in json.loads(raw):
                if isinstance(value, str):
                    assert "\x00" not in value
                    value.encode("utf-8")  # no lone surrogate


def test_bodies_with_risky_text_are_not_clean():
    assert strings_are_clean(json.dumps(["山田 𠮷"]).encode())  # a surrogate pair is fine
    for text in ["\x00", "\ud800", "\udc00", "a\ud800b", "\udc00\ud800"]:
        assert not strings_are_clean(json.dumps([text]).encode()), repr(text)
    # An escaped backslash before "u" is not an escape: such bodies take the careful path.
    assert not strings_are_clean(b'["\\\\ud800\\udc00"]')
    assert not strings_are_clean('["\udfff"]'.encode("utf-8", "surrogatepass"))


def change(table: str, fields: dict[str, Any], **extra: Any) -> protocol.Change:
    return protocol.Change(
        seq=extra.pop("seq", 1),
        table=table,
        row_id=extra.pop("row_id", uuid7()),
        stamp=extra.pop("stamp", make_stamp(NOW_MS, 1)),
        fields=fields,
        created=True,
        **extra,
    )


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.data())
def test_a_batch_is_refused_change_by_change_as_each_change_alone(data):
    """Batches of same-shaped changes (checked by column) with a few bad ones among them."""
    table = data.draw(st.sampled_from(["residents", "events", "volunteers", "districts"]))
    spec = SYNCED_TABLES[table]
    names = data.draw(st.lists(st.sampled_from(spec.fields), min_size=1, max_size=5, unique=True))
    row_ids = st.uuids().map(str) if not spec.code_ids else st.from_regex(r"\A[0-9]{2}\Z")
    changes = []
    for seq in range(1, data.draw(st.integers(1, 14)) + 1):
        hostile = data.draw(st.integers(0, 9)) == 0
        values = {
            name: data.draw(ANY_VALUE if hostile else valid_for(spec.types[name])) for name in names
        }
        row_id = data.draw(
            st.sampled_from(["x", "0190A000-0000-7000-8000-000000000000\n"]) if hostile else row_ids
        )
        stamp = data.draw(
            st.sampled_from([make_stamp(NOW_MS + 10**7, 0), 0, True, "1"])
            if hostile
            else st.just(make_stamp(NOW_MS, seq))
        )
        changes.append(change(table, values, seq=seq, row_id=row_id, stamp=stamp))
    alone = {c.seq: precheck(c, NOW_MS, True) for c in changes}
    together = precheck_batch(changes, NOW_MS, True)
    assert together == {seq: result for seq, result in alone.items() if result is not None}


def test_a_batch_with_one_bad_value_refuses_only_that_change():
    changes = [change("residents", {"phone": f"0554-62-{i:04d}"}, seq=i) for i in range(1, 50)]
    changes[20].fields["phone"] = ["not", "text"]
    changes[30].fields["phone"] = "x" * 41
    refused = precheck_batch(changes, NOW_MS, True)
    assert set(refused) == {21, 31}
    assert {(r.reason, r.field) for r in refused.values()} == {("invalid_value", "phone")}


def test_the_digest_is_the_changes_own():
    for item in [
        change("residents", {"phone": "1", "family_name": "山田"}),
        change("residents", {}),
        change("t\ud800", {"b": 1, "a": 2}, stamp="not a stamp"),
        change("residents", {"phone": "1"}, stamps={"phone": 5}),
    ]:
        assert digest(item) == item.digest()


def test_long_texts_are_refused_without_being_remembered():
    """A desk sending long would-be dates cannot fill the server's memory through the caches."""
    from kyojo_desk.central import validation
    from kyojo_desk.sync import fields

    before = (
        fields._is_iso_date.cache_info().currsize,
        fields._is_iso_datetime.cache_info().currsize,
    )
    long_text = "2026-12-07" + "0" * 100_000
    assert not validation.is_iso_date(long_text)
    assert not validation.is_iso_datetime(long_text)
    assert (
        fields._is_iso_date.cache_info().currsize,
        fields._is_iso_datetime.cache_info().currsize,
    ) == before
    birth_date = SYNCED_TABLES["residents"].types["birth_date"]
    assert not compile_column_check(birth_date, True)([long_text, "1950-01-01"])
    assert check_value(birth_date, long_text) is not None
