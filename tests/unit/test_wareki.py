"""和暦 parsing and formatting, with the real era boundaries."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kyojo_desk.errors import ValidationError
from kyojo_desk.text.wareki import age_on, format_both, format_wareki, parse_birth_date


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("昭和23年3月2日", dt.date(1948, 3, 2)),
        ("S23.3.2", dt.date(1948, 3, 2)),
        ("s23/3/2", dt.date(1948, 3, 2)),
        ("昭23.3.2", dt.date(1948, 3, 2)),
        ("昭和23/3/2", dt.date(1948, 3, 2)),
        ("Ｓ２３．３．２", dt.date(1948, 3, 2)),
        ("昭和二十三年三月二日", dt.date(1948, 3, 2)),
        ("R2/4/1", dt.date(2020, 4, 1)),
        ("令和元年5月1日", dt.date(2019, 5, 1)),
        ("平成元年1月8日", dt.date(1989, 1, 8)),
        ("H1.1.8", dt.date(1989, 1, 8)),
        ("昭和64年1月7日", dt.date(1989, 1, 7)),
        ("大正15年12月24日", dt.date(1926, 12, 24)),
        ("昭和元年12月25日", dt.date(1926, 12, 25)),
        ("明治45年7月29日", dt.date(1912, 7, 29)),
        ("大正元年7月30日", dt.date(1912, 7, 30)),
        ("1948-03-02", dt.date(1948, 3, 2)),
        ("1948/3/2", dt.date(1948, 3, 2)),
        ("1948年3月2日", dt.date(1948, 3, 2)),
        ("１９４８年３月２日", dt.date(1948, 3, 2)),
        ("19480302", dt.date(1948, 3, 2)),
    ],
)
def test_parse(typed, expected):
    assert parse_birth_date(typed) == expected


@pytest.mark.parametrize(
    "typed",
    [
        "平成31年5月1日",  # already 令和元年
        "昭和64年1月8日",  # already 平成元年
        "大正15年12月25日",  # already 昭和元年
        "令和元年4月30日",  # still 平成31年
        "平成0年1月1日",
        "S23.2.30",
        "1948-02-30",
        "昭和23年",
        "たぶん昭和",
        "2999-01-01",  # in the future
    ],
)
def test_invalid_dates_are_refused_with_a_message(typed):
    with pytest.raises(ValidationError) as caught:
        parse_birth_date(typed)
    assert caught.value.field == "birth_date"
    assert caught.value.message


def test_boundary_message_names_the_era_span():
    with pytest.raises(ValidationError) as caught:
        parse_birth_date("平成31年5月1日")
    assert "平成31年4月30日まで" in caught.value.message


def test_empty_is_no_date():
    assert parse_birth_date("") is None and parse_birth_date("  ") is None


def test_format():
    assert format_wareki(dt.date(1948, 3, 2)) == "昭和23年3月2日"
    assert format_wareki(dt.date(2019, 5, 1)) == "令和元年5月1日"
    assert format_wareki(dt.date(1989, 1, 7)) == "昭和64年1月7日"
    assert format_wareki(dt.date(1989, 1, 8)) == "平成元年1月8日"
    assert format_both(dt.date(1948, 3, 2)) == "昭和23年3月2日（1948年）"


def test_round_trip_every_day_across_boundaries():
    day = dt.date(1926, 12, 20)
    while day < dt.date(1927, 1, 5):
        assert parse_birth_date(format_wareki(day)) == day
        day += dt.timedelta(days=1)
    for day in (
        dt.date(1989, 1, 7),
        dt.date(1989, 1, 8),
        dt.date(2019, 4, 30),
        dt.date(2019, 5, 1),
    ):
        assert parse_birth_date(format_wareki(day)) == day


def test_age_counts_full_years():
    assert age_on(dt.date(1948, 3, 2), dt.date(2026, 3, 1)) == 77
    assert age_on(dt.date(1948, 3, 2), dt.date(2026, 3, 2)) == 78


# -- the edges of the calendar: the 1873 change from the lunisolar calendar, 元年 --------------


@pytest.mark.parametrize("day", [3, 15, 29, 30, 31])
def test_days_skipped_by_the_calendar_change_do_not_exist(day):
    with pytest.raises(ValidationError) as caught:
        parse_birth_date(f"明治5年12月{day}日")
    assert "明治5年12月2日の次の日が明治6年1月1日" in caught.value.message


@pytest.mark.parametrize(
    "typed",
    [
        "明治5年12月2日",  # the last lunisolar day
        "明治元年10月23日",  # the first day of 明治, in the old calendar
        "明治3年1月1日",
        "M5.6.1",
        "明治五年十二月一日",
        "1872-12-31",  # 西暦 before the change
        "1868/10/23",
        "18500101",
    ],
)
def test_dates_before_the_gregorian_calendar_are_refused_saying_why(typed):
    with pytest.raises(ValidationError) as caught:
        parse_birth_date(typed)
    assert "明治6年1月1日（1873年1月1日）より前" in caught.value.message
    assert "旧暦" in caught.value.message


@pytest.mark.parametrize("typed", ["明治6年1月1日", "M6.1.1", "1873-01-01", "明治六年一月一日"])
def test_first_gregorian_day_is_accepted(typed):
    assert parse_birth_date(typed) == dt.date(1873, 1, 1)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("令和1年4月30日", "令和元年4月30日はありません。令和は令和元年5月1日からです。"),
        ("令和元年4月30日", "令和元年4月30日はありません。令和は令和元年5月1日からです。"),
        ("平成1年1月7日", "平成元年1月7日はありません。平成は平成元年1月8日から"),
        ("昭和1年12月24日", "昭和元年12月24日はありません。昭和は昭和元年12月25日から"),
        ("大正1年7月29日", "大正元年7月29日はありません。大正は大正元年7月30日から"),
    ],
)
def test_messages_write_the_first_year_as_gannen(typed, expected):
    with pytest.raises(ValidationError) as caught:
        parse_birth_date(typed)
    assert caught.value.message.startswith(expected)
    assert "1年" not in caught.value.message.replace("31年", "")


def test_gregorian_dates_before_1873_are_shown_without_an_era_year():
    assert format_wareki(dt.date(1872, 12, 31)) == "1872年12月31日"
    assert format_wareki(dt.date(1873, 1, 1)) == "明治6年1月1日"


@given(
    year=st.integers(1000, 9999),
    month=st.integers(0, 13),
    day=st.integers(0, 32),
)
def test_a_date_as_stored_reads_as_the_same_date_typed_with_slashes(year, month, day):
    """1948-03-02 (the stored form) is read without the steps typed text needs; it gives what
    1948/03/02 gives, or the same refusal."""
    today = dt.date(2026, 12, 8)

    def outcome(text: str) -> object:
        try:
            return parse_birth_date(text, today=today)
        except ValidationError as error:
            return error.message

    stored = f"{year:04d}-{month:02d}-{day:02d}"
    assert outcome(stored) == outcome(stored.replace("-", "/"))
