"""Days typed as volunteers say them (kyojo_desk.text.dates)."""

from __future__ import annotations

import datetime as dt

import pytest

from kyojo_desk.errors import ValidationError
from kyojo_desk.records.help import clean_aid_request
from kyojo_desk.text.dates import BAD_DAY, format_day, parse_day

MONDAY = dt.date(2026, 12, 7)  # a Monday
FRIDAY = dt.date(2026, 12, 11)


@pytest.mark.parametrize(
    ("text", "today", "expected"),
    [
        ("今日", MONDAY, MONDAY),
        ("きょう", MONDAY, MONDAY),
        ("あした", MONDAY, dt.date(2026, 12, 8)),
        ("明日", MONDAY, dt.date(2026, 12, 8)),
        ("あさって", MONDAY, dt.date(2026, 12, 9)),
        ("3日後", MONDAY, dt.date(2026, 12, 10)),
        ("来週の火曜", MONDAY, dt.date(2026, 12, 15)),
        ("来週火曜日", FRIDAY, dt.date(2026, 12, 15)),
        ("今週の金曜", MONDAY, FRIDAY),
        ("火曜", MONDAY, dt.date(2026, 12, 8)),
        ("月曜日", MONDAY, MONDAY),  # today counts
        ("再来週の月曜", MONDAY, dt.date(2026, 12, 21)),
        ("12/1", MONDAY, dt.date(2027, 12, 1)),  # 1 December has passed: next year's
        ("12/24", MONDAY, dt.date(2026, 12, 24)),
        ("１２月２４日", MONDAY, dt.date(2026, 12, 24)),  # full-width, as an IME types
        ("1/5", MONDAY, dt.date(2027, 1, 5)),
        ("令和8年12月1日", MONDAY, dt.date(2026, 12, 1)),
        ("R8.12.1", MONDAY, dt.date(2026, 12, 1)),
        ("2026-12-01", MONDAY, dt.date(2026, 12, 1)),
        ("2027/3/2", MONDAY, dt.date(2027, 3, 2)),  # a future day is fine here
        ("", MONDAY, None),
    ],
)
def test_days_as_said(text, today, expected):
    assert parse_day(text, "needed_by", today=today) == expected


def test_an_unreadable_day_gets_this_fields_example():
    with pytest.raises(ValidationError) as refused:
        parse_day("そのうち", "needed_by", today=MONDAY)
    assert refused.value.errors["needed_by"] == BAD_DAY
    with pytest.raises(ValidationError) as impossible:
        parse_day("2/30", "needed_by", today=MONDAY)
    assert "2月30日" in impossible.value.errors["needed_by"]
    with pytest.raises(ValidationError) as era:
        parse_day("昭和64年1月8日", "needed_by", today=MONDAY)
    assert "平成" in era.value.errors["needed_by"] or "昭和は" in era.value.errors["needed_by"]


def test_a_request_takes_next_tuesday():
    """The 共助 request form accepted only 2026-12-01; 「来週の火曜」 was refused."""
    cleaned = clean_aid_request(
        {"resident_id": "r1", "kind": "transport", "needed_by": "来週の火曜"}
    )
    today = dt.date.today()
    monday = today - dt.timedelta(days=today.weekday())
    assert cleaned["needed_by"] == (monday + dt.timedelta(days=8)).isoformat()


def test_format_day_names_the_weekday():
    assert format_day(dt.date(2026, 12, 8)) == "2026年12月8日（火）"


def test_showa_100_is_explained_like_showa_64():
    """昭和100年 got the generic 「読み取れません」 while 昭和64年1月8日 was explained."""
    from kyojo_desk.text.wareki import parse_birth_date

    with pytest.raises(ValidationError) as refused:
        parse_birth_date("昭和100年1月1日")
    assert (
        "昭和は" in refused.value.errors["birth_date"]
        and "64年1月7日" in (refused.value.errors["birth_date"])
    )
