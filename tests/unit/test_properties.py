"""Bad input on purpose: every parser ends with a valid value or a clear error, and a refused
registration leaves the database unchanged."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kyojo_desk.errors import ValidationError
from kyojo_desk.qr import CardPayload, UnreadableCode, card_payload, new_card_code, parse_payload
from kyojo_desk.store.roster_csv import RosterError, row_to_values
from kyojo_desk.text.phone import normalize_phone
from kyojo_desk.text.wareki import format_wareki, parse_birth_date

JAPANESE = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0x3041, max_codepoint=0x30FF),  # kana
        st.characters(min_codepoint=0x4E00, max_codepoint=0x4FFF),  # some kanji
        st.characters(min_codepoint=0xFF01, max_codepoint=0xFF5E),  # full-width ASCII
        st.sampled_from("0123456789年月日元.-/ 　:SHRTMshr昭平令大明和成"),
    ),
    max_size=20,
)
ANY_TEXT = st.one_of(JAPANESE, st.text(max_size=30))


def valid_or_clear_error(parse, text):
    try:
        return parse(text)
    except ValidationError as error:
        assert error.message and error.field
        return None


@given(ANY_TEXT)
def test_birth_dates_parse_or_refuse_clearly(text):
    result = valid_or_clear_error(parse_birth_date, text)
    if result is not None:
        assert dt.date(1873, 1, 1) <= result <= dt.date.today()


@given(st.dates(min_value=dt.date(1873, 1, 1), max_value=dt.date.today()))
def test_every_real_date_round_trips_through_wareki(day):
    assert parse_birth_date(format_wareki(day)) == day


@given(st.dates(min_value=dt.date(1800, 1, 1), max_value=dt.date(1872, 12, 31)))
def test_every_date_of_the_lunisolar_calendar_is_refused_as_such(day):
    """Before 1873 Japan counted days by the old calendar: no such date is stored."""
    with pytest.raises(ValidationError) as caught:
        parse_birth_date(format_wareki(day))
    assert "旧暦" in caught.value.message


@given(ANY_TEXT)
def test_phones_normalise_or_refuse_clearly(text):
    result = valid_or_clear_error(normalize_phone, text)
    if result:
        digits = result.replace("-", "")
        assert digits.isdigit() and digits.startswith("0") and len(digits) in (10, 11)
        assert normalize_phone(result) == result  # stable


@given(ANY_TEXT)
def test_scans_are_read_or_unreadable(text):
    try:
        parse_payload(text)
    except UnreadableCode as error:
        assert error.message == "このカードは読み取れませんでした"


@given(st.data())
def test_a_real_card_survives_width_and_case_changes(data):
    code = new_card_code()
    payload = card_payload(code)
    mangled = "".join(
        data.draw(st.sampled_from([ch, ch.lower(), chr(ord(ch) + 0xFEE0)]))
        if ch.isalnum() or ch == ":"
        else ch
        for ch in payload
    )
    assert parse_payload(mangled) == CardPayload(code)


ROW_FIELDS = (
    "full_name",
    "full_reading",
    "family_name",
    "given_name",
    "family_reading",
    "given_reading",
    "birth_date",
    "phone",
    "district",
    "kind",
    "smartphone",
    "support_needs",
    "notes",
)


@given(st.dictionaries(st.sampled_from(ROW_FIELDS), ANY_TEXT, max_size=8))
def test_roster_rows_become_residents_or_clear_reasons(row):
    districts = {"上野原": "01", "01": "01"}
    try:
        cleaned = row_to_values(row, districts)
    except (ValidationError, RosterError) as error:
        assert error.message
        return
    assert cleaned["family_name"] and cleaned["family_reading"]


FORM = st.fixed_dictionaries(
    {
        "family_name": ANY_TEXT,
        "given_name": ANY_TEXT,
        "family_reading": ANY_TEXT,
        "given_reading": ANY_TEXT,
        "birth_date": ANY_TEXT,
        "phone": ANY_TEXT,
        "district": st.sampled_from(["", "01", "09", "99", "上野原"]),
        "kind": st.sampled_from(["", "resident", "related", "other"]),
        "smartphone": st.sampled_from(["", "none", "iphone", "pager"]),
        "notes": ANY_TEXT,
    }
)


@settings(
    max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None
)
@given(FORM)
def test_the_form_through_the_store_saves_whole_or_nothing(store, values):
    from tests.conftest import consent

    before = (store.count_residents(), store.changelog.next_seq())
    try:
        resident = store.register_resident(values, consent(), allow_duplicate=True)
    except ValidationError as error:
        assert error.errors and all(error.errors.values())
        assert (store.count_residents(), store.changelog.next_seq()) == before
        return
    assert store.get_resident(resident.id).family_reading
    assert store.count_residents() == before[0] + 1
