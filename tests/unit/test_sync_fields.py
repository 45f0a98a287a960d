"""Typed field declarations (kyojo_desk/store/schema.py) and validate_value."""

from __future__ import annotations

import math
import uuid

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kyojo_desk.records import event as event_records
from kyojo_desk.records import help as help_records
from kyojo_desk.records import ninaite as ninaite_records
from kyojo_desk.records import resident as resident_records
from kyojo_desk.store.schema import SYNCED_TABLES
from kyojo_desk.sync import fields
from kyojo_desk.sync.fields import validate_value

RESIDENT_ID = str(uuid.uuid4())


def test_every_synced_field_has_a_type() -> None:
    for spec in SYNCED_TABLES.values():
        assert spec.fields, spec.name
        assert "deleted" in spec.types
        for name, field_type in spec.types.items():
            assert isinstance(field_type, fields.FieldType), (spec.name, name)


def test_json_fields_follow_from_the_types() -> None:
    assert SYNCED_TABLES["residents"].json_fields == ("support_needs",)
    assert SYNCED_TABLES["volunteers"].json_fields == ("roles", "trainings")
    assert SYNCED_TABLES["help_sessions"].json_fields == ("topics",)


@pytest.mark.parametrize(
    ("table", "name", "enum_values"),
    [
        ("residents", "kind", list(resident_records.ResidentKind)),
        ("residents", "smartphone", list(resident_records.Smartphone)),
        ("consents", "method", list(resident_records.ConsentMethod)),
        ("attendance", "method", list(event_records.CheckInMethod)),
        ("attendance", "age_band", list(event_records.AgeBand)),
        ("help_sessions", "device", list(help_records.DEVICE_LABELS)),
        ("help_sessions", "outcome", list(help_records.OUTCOME_LABELS)),
        ("aid_requests", "kind", list(help_records.AID_KIND_LABELS)),
        ("aid_requests", "status", list(help_records.AID_STATUS_LABELS)),
        ("resident_skills", "skill", list(help_records.SKILL_LABELS)),
        ("residents", "support_needs", list(resident_records.SupportNeed)),
        ("consents", "scopes", list(resident_records.ConsentScope)),
        ("volunteers", "roles", list(help_records.ROLE_LABELS)),
        ("organisations", "kind", list(ninaite_records.OrganisationKind)),
    ],
)
def test_choices_match_the_records(table: str, name: str, enum_values: list[str]) -> None:
    declared = SYNCED_TABLES[table].types[name].choices
    assert sorted(declared) == sorted(str(v) for v in enum_values)


@pytest.mark.parametrize(
    ("table", "name", "value"),
    [
        ("residents", "family_name", "高橋"),
        ("residents", "family_name", ""),
        ("residents", "birth_date", "1948-02-29"),
        ("residents", "birth_date", None),
        ("residents", "kind", "related"),
        ("residents", "support_needs", ["large_print", "hearing"]),
        ("residents", "support_needs", []),
        ("residents", "needs_completion", 1),
        ("residents", "merged_into", RESIDENT_ID),
        ("residents", "created_at", "2026-12-07T10:00:00+09:00"),
        ("residents", "created_at", ""),
        ("events", "capacity", None),
        ("events", "capacity", 40),
        ("events", "starts_at", "2026-12-07T10:00:00"),
        ("help_sessions", "minutes", 30),
        ("help_sessions", "topics", ["LINE", "詐欺の相談"]),
        ("volunteers", "trainings", [{"course": "デジタル支援員講座", "date": "2026-04-01"}]),
        ("attendance", "age_band", "80-"),
        ("districts", "sort_order", -3),
        ("consents", "resident_id", RESIDENT_ID),
    ],
)
def test_values_the_desk_writes_are_valid(table: str, name: str, value: object) -> None:
    assert validate_value(table, name, value) is None


@pytest.mark.parametrize(
    ("table", "name", "value", "reason"),
    [
        # wrong JSON types
        ("residents", "family_name", {"a": 1}, "not_text"),
        ("residents", "family_name", ["高橋"], "not_text"),
        ("residents", "family_name", 12, "not_text"),
        ("residents", "needs_completion", True, "not_integer"),
        ("residents", "needs_completion", "1", "not_integer"),
        ("residents", "needs_completion", 2, "out_of_range"),
        ("help_sessions", "minutes", False, "not_integer"),
        ("help_sessions", "minutes", 30.0, "float"),
        ("residents", "support_needs", "large_print", "not_list"),
        ("residents", "support_needs", {"a": "b"}, "not_list"),
        # NaN and infinity
        ("help_sessions", "minutes", math.nan, "not_finite"),
        ("events", "capacity", math.inf, "not_finite"),
        ("residents", "family_name", -math.inf, "not_finite"),
        # integers beyond 64 bits, or beyond the field's range
        ("districts", "sort_order", 2**64, "out_of_range"),
        ("districts", "sort_order", -(2**63) - 1, "out_of_range"),
        ("help_sessions", "minutes", 10**30, "out_of_range"),
        ("help_sessions", "minutes", -1, "out_of_range"),
        # null where not nullable
        ("residents", "family_name", None, "null"),
        ("residents", "deleted", None, "null"),
        ("consents", "resident_id", None, "null"),
        # over-long text
        ("residents", "family_name", "高" * 101, "too_long"),
        ("residents", "notes", "x" * 4001, "too_long"),
        ("help_sessions", "topics", ["x" * 101], "too_long"),
        ("help_sessions", "topics", ["LINE"] * 51, "too_many_items"),
        # unknown choice
        ("residents", "kind", "alien", "unknown_choice"),
        ("residents", "smartphone", "", "unknown_choice"),
        ("residents", "support_needs", ["telepathy"], "unknown_choice"),
        ("attendance", "age_band", "90-", "unknown_choice"),
        # dates, ids, lists of objects
        ("residents", "birth_date", "1948-02-30", "bad_date"),
        ("residents", "birth_date", "1948-02-01\n", "bad_date"),
        ("events", "starts_at", "tomorrow", "bad_datetime"),
        ("consents", "resident_id", "not-a-uuid", "bad_id"),
        ("consents", "resident_id", RESIDENT_ID.upper(), "bad_id"),
        ("volunteers", "trainings", [{"course": 1}], "not_text"),
        ("volunteers", "trainings", [{"secret": "x"}], "unknown_item_key"),
        ("volunteers", "trainings", ["x"], "bad_item"),
        # text the databases cannot store
        ("residents", "notes", "a\x00b", "bad_text"),
        ("residents", "notes", "\ud800", "bad_text"),
        # unknown table or field
        ("nope", "family_name", "x", "unknown_table"),
        ("residents", "nope", "x", "unknown_field"),
    ],
)
def test_wrong_values_are_refused(table: str, name: str, value: object, reason: str) -> None:
    assert validate_value(table, name, value) == reason


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=50),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=5), children, max_size=4)
    ),
    max_leaves=10,
)
TABLE_FIELDS = st.sampled_from(
    [(spec.name, name) for spec in SYNCED_TABLES.values() for name in spec.fields]
)


@given(TABLE_FIELDS, JSON_VALUES)
def test_validate_never_raises_and_accepts_only_its_type(
    table_field: tuple[str, str], value: object
) -> None:
    table, name = table_field
    reason = validate_value(table, name, value)
    assert reason is None or isinstance(reason, str)
    if reason is None:
        field_type = SYNCED_TABLES[table].types[name]
        if value is None:
            assert field_type.nullable
        elif field_type.kind in (fields.INTEGER, fields.FLAG):
            assert type(value) is int and -(2**63) <= value < 2**63
        elif field_type.kind == fields.JSON_LIST:
            assert isinstance(value, list)
        else:
            assert isinstance(value, str)
            assert len(value) <= max(field_type.max_length, 64)


FIELD_LIKE_VALUES = (
    JSON_VALUES
    | st.sampled_from(["", "resident", "related", "none", "iphone", "large_print", RESIDENT_ID])
    | st.dates().map(lambda d: d.isoformat())
    | st.datetimes().map(lambda d: d.isoformat())
    | st.text(alphabet="0123456789-:T+Z", max_size=30)
    | st.text(min_size=30, max_size=120)
    | st.lists(st.sampled_from(["large_print", "hearing", "LINE", "x" * 40]), max_size=12)
)


@given(TABLE_FIELDS, FIELD_LIKE_VALUES)
def test_compiled_checks_answer_as_the_declared_type(
    table_field: tuple[str, str], value: object
) -> None:
    """The per-table compiled checks (pushes and pulls go through them) give the same answer
    as the field type's own check for every value, valid or not."""
    table, name = table_field
    field_type = SYNCED_TABLES[table].types[name]
    assert fields.table_checks(table)[name](value) == fields.check_value(field_type, value)


def test_compiled_checks_of_an_unknown_table() -> None:
    assert fields.table_checks("nope") is None


@given(TABLE_FIELDS, st.lists(FIELD_LIKE_VALUES, min_size=1, max_size=6))
def test_a_column_check_accepts_only_columns_whose_every_value_is_valid(
    table_field: tuple[str, str], column: list[object]
) -> None:
    """The column checks a pulled page goes through first never accept a value the field
    type's own check refuses (a refused column is checked value by value)."""
    table, name = table_field
    field_type = SYNCED_TABLES[table].types[name]
    if fields.table_column_checks(table)[name](column):
        assert all(fields.check_value(field_type, value) is None for value in column)


@given(
    st.sampled_from([(spec.name, name) for spec in SYNCED_TABLES.values() for name in spec.fields]),
    st.lists(st.sampled_from(["", "a", "x" * 64, "\x00", "\ud800", "高橋\U00020bb7"]), max_size=4),
)
def test_a_column_check_finds_bad_text_anywhere_in_the_column(
    table_field: tuple[str, str], texts: list[str]
) -> None:
    """Texts (and lists of texts) holding NUL or a lone surrogate are never accepted, wherever
    they stand in the column."""
    table, name = table_field
    field_type = SYNCED_TABLES[table].types[name]
    column = [[*texts]] if field_type.kind == fields.JSON_LIST else texts or [""]
    accepted = fields.table_column_checks(table)[name](column)
    if accepted:
        assert all(fields.check_value(field_type, value) is None for value in column)


def test_column_checks_accept_the_common_valid_columns() -> None:
    """Columns of ordinary values pass at once (else every pulled page is checked value by
    value, correct but slow)."""
    checks = fields.table_column_checks("residents")
    assert checks is not None
    assert checks["family_name"](["山田", "髙橋", ""])
    assert checks["birth_date"](["1940-01-10", "", "2001-02-28"])
    assert checks["support_needs"]([[], ["large_print", "hearing"]])
    assert checks["merged_into"]([None, None])
    assert checks["deleted"]([0, 1, 0])
    assert checks["kind"](["resident", "related"])
    assert not checks["deleted"]([0, True])
    assert not checks["family_name"](["山田", "x\x00"])
    assert fields.table_column_checks("nope") is None


def test_row_ids_are_valid_answers_as_each_id_alone() -> None:
    for table in ("residents", "districts"):
        for ids in (
            [RESIDENT_ID, RESIDENT_ID.upper()],
            [RESIDENT_ID, "01"],
            ["01", "a.b-c_9"],
            ["01", 1],
            [""],
            ["x" * 65],
        ):
            assert fields.row_ids_are_valid(table, ids) == all(
                fields.is_valid_row_id(table, row_id) for row_id in ids
            ), (table, ids)


@pytest.mark.parametrize(
    ("table", "name", "column"),
    [
        ("help_sessions", "topics", [["LINE"], ["x"] * 51]),  # too many items
        ("help_sessions", "topics", [["LINE"], ["x" * 101]]),  # an item too long
        ("help_sessions", "topics", [["LINE", "カメラ\x00"]]),
        ("help_sessions", "topics", [["LINE", 3]]),
        ("help_sessions", "topics", [["LINE"], "LINE"]),
        ("residents", "support_needs", [["large_print"], ["flying"]]),  # not a known choice
        ("residents", "support_needs", [["large_print"], ["hearing"] * 100]),
        ("volunteers", "roles", [["concierge"], [["concierge"]]]),
        ("volunteers", "trainings", [[]]),  # lists of objects: always one by one
    ],
)
def test_a_column_check_refuses_a_list_column_with_one_bad_list(
    table: str, name: str, column: list[object]
) -> None:
    assert not fields.table_column_checks(table)[name](column)


def test_a_column_check_accepts_lists_of_ordinary_items() -> None:
    assert fields.table_column_checks("help_sessions")["topics"]([["LINE", "カメラ"], []])
    assert fields.table_column_checks("volunteers")["roles"]([["concierge", "coordinator"]])
