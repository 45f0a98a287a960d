"""和暦 (wareki): the Japanese era calendar that seniors use for their birth dates.

Accepted input: 昭和23年3月2日, 昭和元年12月25日, 昭和二十三年三月二日, S23.3.2, s23/3/2,
昭23.3.2, 昭和23/3/2, R2-4-1, and 西暦 1948-03-02, 1948/3/2, 1948年3月2日, 19480302. Full-width
digits and letters are accepted (NFKC). Era boundaries are the real ones: 昭和64年1月7日 exists,
昭和64年1月8日 does not (it is 平成元年1月8日).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from kyojo_desk.errors import ValidationError
from kyojo_desk.texts import N_, message


@dataclass(frozen=True)
class Era:
    name: str
    letter: str
    first_day: dt.date
    last_day: dt.date | None


ERAS = (
    Era("明治", "M", dt.date(1868, 10, 23), dt.date(1912, 7, 29)),
    Era("大正", "T", dt.date(1912, 7, 30), dt.date(1926, 12, 24)),
    Era("昭和", "S", dt.date(1926, 12, 25), dt.date(1989, 1, 7)),
    Era("平成", "H", dt.date(1989, 1, 8), dt.date(2019, 4, 30)),
    Era("令和", "R", dt.date(2019, 5, 1), None),
)
_BY_NAME = {era.name: era for era in ERAS}
_BY_NAME.update({era.name[0]: era for era in ERAS})  # 昭, 平, 令, 大, 明
_BY_NAME.update({era.letter: era for era in ERAS})

_KANJI_DIGITS = {
    "〇": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}

_ERA_PATTERN = re.compile(
    r"^(?P<era>明治|大正|昭和|平成|令和|[明大昭平令]|[MTSHR])\.?\s*"
    r"(?P<year>元|\d{1,3})\s*(?:年|[./\-\s])\s*"
    r"(?P<month>\d{1,2})\s*(?:月|[./\-\s])\s*"
    r"(?P<day>\d{1,2})\s*日?$"
)
_SEIREKI_PATTERN = re.compile(
    r"^(?:西暦)?\s*(?P<year>\d{4})\s*(?:年|[./\-\s])\s*(?P<month>\d{1,2})\s*(?:月|[./\-\s])\s*"
    r"(?P<day>\d{1,2})\s*日?$"
)
_COMPACT_PATTERN = re.compile(r"^(?P<year>\d{4})(?P<month>\d{2})(?P<day>\d{2})$")
_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")  # 1948-03-02, as the desk stores dates

# Japan kept the lunisolar calendar until 明治5年12月2日; the next day was 明治6年1月1日
# (1873-01-01). Earlier dates cannot be turned into 西暦 by adding years, so they are refused.
GREGORIAN_START = dt.date(1873, 1, 1)
BEFORE_GREGORIAN = N_(
    "明治6年1月1日（1873年1月1日）より前の日付は扱えません。それまでの日本の暦は旧暦で、"
    "和暦と西暦の月日が合わないためです。"
)
SKIPPED_DAYS = N_(
    "明治5年12月3日から12月31日はありません。改暦で明治5年12月2日の次の日が"
    "明治6年1月1日になりました。"
)

BAD_DATE = N_("生年月日が読み取れません。例：昭和23年3月2日、S23.3.2、1948-03-02")


def _kanji_number(text: str) -> str:
    """二十三 → 23, 十二 → 12, 三 → 3 (the numbers written on paper forms)."""
    if not text or any(ch not in _KANJI_DIGITS and ch != "十" for ch in text):
        return text
    if "十" in text:
        tens, _, ones = text.partition("十")
        return str((_KANJI_DIGITS[tens] if tens else 1) * 10 + (_KANJI_DIGITS[ones] if ones else 0))
    return "".join(str(_KANJI_DIGITS[ch]) for ch in text)


def _kanji_numerals_to_digits(text: str) -> str:
    return re.sub(r"[〇零一二三四五六七八九十]+", lambda m: _kanji_number(m.group(0)), text)


def era_of(day: dt.date) -> Era:
    for era in reversed(ERAS):
        if day >= era.first_day:
            return era
    raise ValidationError("birth_date", N_("明治より前の日付は扱えません。"))


def year_text(year: int) -> str:
    """An era year as written: 元 for the first year (令和元年), never 1年."""
    return "元" if year == 1 else str(year)


def wareki_to_date(era: Era, year: int, month: int, day: int, field: str = "birth_date") -> dt.date:
    """The 西暦 date of an era date, checked against the era's real first and last day."""
    if year < 1:
        raise ValidationError(field, BAD_DATE)
    if era.name == "明治" and year == 5 and month == 12 and day >= 3:
        raise ValidationError(field, SKIPPED_DAYS)
    if era.name == "明治" and year < 6:
        raise ValidationError(field, BEFORE_GREGORIAN)
    try:
        result = dt.date(era.first_day.year + year - 1, month, day)
    except ValueError:
        raise ValidationError(field, N_("その日付はカレンダーにありません。")) from None
    if result < era.first_day or (era.last_day and result > era.last_day):
        span = (
            message(
                "{first}から{last}まで",
                first=format_wareki(era.first_day),
                last=format_wareki(era.last_day),
            )
            if era.last_day
            else message("{first}から", first=format_wareki(era.first_day))
        )
        raise ValidationError(
            field,
            message(
                "{name}{year}年{month}月{day}日はありません。{name}は{span}です。",
                name=era.name,
                year=year_text(year),
                month=month,
                day=day,
                span=span,
            ),
        )
    return result


def parse_birth_date(
    text: str | None, field: str = "birth_date", today: dt.date | None = None
) -> dt.date | None:
    """Parse a birth date typed in 和暦 or 西暦. Empty input gives None."""
    if text and _ISO_DAY.fullmatch(text):
        # The stored form, as most rosters give it too: none of the steps below changes it.
        result = _gregorian(int(text[:4]), int(text[5:7]), int(text[8:]), field)
        return _not_after_today(result, field, today)
    normalized = unicodedata.normalize("NFKC", text or "").strip()
    if not normalized:
        return None
    normalized = _kanji_numerals_to_digits(normalized).upper()
    normalized = (
        normalized.replace("元年", "1年")
        if normalized.startswith(("明", "大", "昭", "平", "令"))
        else normalized
    )
    match = _ERA_PATTERN.match(normalized)
    if match:
        era = _BY_NAME[match["era"]]
        year = 1 if match["year"] == "元" else int(match["year"])
        result = wareki_to_date(era, year, int(match["month"]), int(match["day"]), field)
    else:
        match = _SEIREKI_PATTERN.match(normalized) or _COMPACT_PATTERN.match(normalized)
        if not match:
            raise ValidationError(field, BAD_DATE)
        result = _gregorian(int(match["year"]), int(match["month"]), int(match["day"]), field)
    return _not_after_today(result, field, today)


def _gregorian(year: int, month: int, day: int, field: str) -> dt.date:
    """A 西暦 date, refused when the calendar has no such day or Japan did not use it yet."""
    try:
        result = dt.date(year, month, day)
    except ValueError:
        raise ValidationError(field, N_("その日付はカレンダーにありません。")) from None
    if result < GREGORIAN_START:
        raise ValidationError(field, BEFORE_GREGORIAN)
    return result


def _not_after_today(result: dt.date, field: str, today: dt.date | None) -> dt.date:
    if result > (today or dt.date.today()):
        raise ValidationError(field, N_("生年月日が今日より後になっています。"))
    return result


def format_wareki(day: dt.date | None) -> str:
    """昭和23年3月2日 (元年 for an era's first year)."""
    if day is None:
        return ""
    if day < GREGORIAN_START:
        # The era year of a lunisolar date is not the 西暦 year's: show only what is certain.
        return f"{day.year}年{day.month}月{day.day}日"
    era = era_of(day)
    return f"{era.name}{year_text(day.year - era.first_day.year + 1)}年{day.month}月{day.day}日"


def format_both(day: dt.date | None) -> str:
    """昭和23年3月2日（1948年）: how birth dates are shown and printed."""
    if day is None:
        return ""
    return f"{format_wareki(day)}（{day.year}年）"


def age_on(birth: dt.date | None, on: dt.date | None = None) -> int | None:
    """Age in full years (満年齢) on a day."""
    if birth is None:
        return None
    on = on or dt.date.today()
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))
