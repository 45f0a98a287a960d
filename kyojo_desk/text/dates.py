"""Days as volunteers say them: 「今日」「あした」「来週の火曜」「12/1」, and every form a birth
date accepts (和暦 such as 令和8年12月1日 or R8.12.1, and 西暦 such as 2026-12-01).

Used for dates in the future or near the present (a request's 「いつまでに」, a follow-up). A
birth date keeps its own parser (kyojo_desk.text.wareki), which also refuses days after today.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from kyojo_desk.errors import ValidationError
from kyojo_desk.texts import N_, message

BAD_DAY = N_("日付が読み取れません。例：今日、あした、来週の火曜、12/1、令和8年12月1日、2026-12-01")

# Words for a day counted from today.
_DAYS_FROM_TODAY = {
    "今日": 0,
    "きょう": 0,
    "本日": 0,
    "明日": 1,
    "あした": 1,
    "あす": 1,
    "明後日": 2,
    "あさって": 2,
    "昨日": -1,
    "きのう": -1,
}
_WEEKDAYS = "月火水木金土日"  # Monday first, as datetime.weekday() counts
_WEEKDAY_PATTERN = re.compile(
    r"^(?P<week>今週|来週|再来週)?の?(?P<weekday>[月火水木金土日])(?:曜日|曜)?$"
)
_DAYS_LATER_PATTERN = re.compile(r"^(?P<count>\d{1,3})日(?:後|あと)$")
_MONTH_DAY_PATTERN = re.compile(r"^(?P<month>\d{1,2})\s*(?:月|/|-|\.)\s*(?P<day>\d{1,2})\s*日?$")


def parse_day(
    text: str | None, field: str = "date", today: dt.date | None = None
) -> dt.date | None:
    """The day meant by `text`, or None when it is empty.

    「来週の火曜」 is the Tuesday of next week (weeks start on Monday); 「火曜」 alone is the next
    Tuesday from today (today included); 「12/1」 is the next 1 December from today.
    """
    today = today or dt.date.today()
    normalized = unicodedata.normalize("NFKC", text or "").strip().replace(" ", "")
    if not normalized:
        return None
    if normalized in _DAYS_FROM_TODAY:
        return today + dt.timedelta(days=_DAYS_FROM_TODAY[normalized])
    later = _DAYS_LATER_PATTERN.match(normalized)
    if later:
        return today + dt.timedelta(days=int(later["count"]))
    weekday = _WEEKDAY_PATTERN.match(normalized)
    if weekday:
        return _weekday(today, _WEEKDAYS.index(weekday["weekday"]), weekday["week"])
    month_day = _MONTH_DAY_PATTERN.match(normalized)
    if month_day:
        return _next_month_day(today, int(month_day["month"]), int(month_day["day"]), field)
    return _calendar_date(normalized, field)


def _weekday(today: dt.date, weekday: int, week: str | None) -> dt.date:
    if week is None:
        return today + dt.timedelta(days=(weekday - today.weekday()) % 7)
    monday = today - dt.timedelta(days=today.weekday())
    weeks_ahead = {"今週": 0, "来週": 1, "再来週": 2}[week]
    return monday + dt.timedelta(weeks=weeks_ahead, days=weekday)


def _next_month_day(today: dt.date, month: int, day: int, field: str) -> dt.date:
    for year in (today.year, today.year + 1):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            continue
        if candidate >= today:
            return candidate
    if month == 2 and day == 29:  # the next 29 February is some years away
        year = today.year + 1
        while True:
            try:
                return dt.date(year, 2, 29)
            except ValueError:
                year += 1
    raise ValidationError(
        field, message("{month}月{day}日はカレンダーにありません。", month=month, day=day)
    )


def _calendar_date(normalized: str, field: str) -> dt.date:
    """和暦 or 西暦 with a year, read by the birth-date parser (without its 'not after today')."""
    from kyojo_desk.text.wareki import BAD_DATE, parse_birth_date

    try:
        parsed = parse_birth_date(normalized, field, today=dt.date.max)
    except ValidationError as refused:
        # The birth-date parser's own example speaks of birth dates: give this field's.
        if refused.errors.get(field) == BAD_DATE:
            raise ValidationError(field, BAD_DAY) from None
        raise
    if parsed is None:
        raise ValidationError(field, BAD_DAY)
    return parsed


def format_day(day: dt.date | None) -> str:
    """2026年12月8日（火）: a day as the desk shows it in Japanese."""
    if day is None:
        return ""
    return f"{day.year}年{day.month}月{day.day}日（{_WEEKDAYS[day.weekday()]}）"
