"""Typed declarations of synced fields and the check of one value against its declaration.

Every field of every synced table (kyojo_desk/store/schema.py) has a `FieldType`. The server
checks every pushed value with `validate_value` and refuses only that change; the desk checks
every pulled value the same way and quarantines a row it cannot apply. Values are JSON values
as they travel: text as strings, integers and flags as ints (0/1 for flags, never booleans),
lists as JSON arrays.

This module imports nothing of the desk or the server, so both can declare and check with it.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import chain
from typing import Any

INT64_MIN = -(1 << 63)
INT64_MAX = (1 << 63) - 1
UUID_PATTERN = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
# The id of a row of a table declared with `code_ids` (a district's code such as "01").
CODE_ID_PATTERN = re.compile(r"^[0-9A-Za-z_.\-]{1,64}$")
DATE_PATTERN = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
# ISO 8601 as `datetime.isoformat()` writes it: a date, optionally a time, optionally an offset.
DATETIME_PATTERN = re.compile(
    r"^[0-9]{4}-[0-9]{2}-[0-9]{2}"
    r"([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,6})?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$"
)
# What `_check_text` refuses besides length: NUL and lone surrogates (not encodable as UTF-8).
BAD_TEXT_PATTERN = re.compile("[\x00\ud800-\udfff]")

# Kinds of field.
TEXT = "text"
INTEGER = "integer"
FLAG = "flag"
DATE = "date"
DATETIME = "datetime"
CHOICE = "choice"
JSON_LIST = "json_list"
ID = "id"


@dataclass(frozen=True)
class FieldType:
    """What one synced field may hold.

    nullable: JSON null is allowed. blank: the empty string is allowed (dates, datetimes,
    choices and ids whose column defaults to ''). For json_list: `max_items`, `max_length` per
    item, and either `choices` (items are strings from the list), `item_keys` (items are
    objects whose keys are among these, with string values) or neither (any strings).
    """

    kind: str
    nullable: bool = False
    blank: bool = False
    max_length: int = 0
    min_value: int = INT64_MIN
    max_value: int = INT64_MAX
    choices: tuple[str, ...] = ()
    max_items: int = 0
    item_keys: tuple[str, ...] = ()

    def check(self, value: Any) -> str | None:
        """A reason why `value` does not fit, or None when it does."""
        if value is None:
            return None if self.nullable else "null"
        if self.kind == TEXT:
            return _check_text(value, self.max_length)
        if self.kind in (INTEGER, FLAG):
            if type(value) is not int:
                # bool is an int subclass in Python and JSON true/false arrive as bool.
                return "not_integer"
            low, high = (0, 1) if self.kind == FLAG else (self.min_value, self.max_value)
            return None if low <= value <= high else "out_of_range"
        if not isinstance(value, str):
            if self.kind == JSON_LIST:
                return self._check_list(value)
            return "not_text"
        if value == "" and self.blank:
            return None
        if self.kind == DATE:
            return None if is_iso_date(value) else "bad_date"
        if self.kind == DATETIME:
            return None if is_iso_datetime(value) else "bad_datetime"
        if self.kind == CHOICE:
            return None if value in self.choices else "unknown_choice"
        if self.kind == ID:
            return None if UUID_PATTERN.fullmatch(value) else "bad_id"
        return "not_list" if self.kind == JSON_LIST else f"unknown_kind:{self.kind}"

    def _check_list(self, value: Any) -> str | None:
        if not isinstance(value, list):
            return "not_list"
        if len(value) > self.max_items:
            return "too_many_items"
        for item in value:
            if self.item_keys:
                if not isinstance(item, dict):
                    return "bad_item"
                for key, text in item.items():
                    if key not in self.item_keys:
                        return "unknown_item_key"
                    reason = _check_text(text, self.max_length)
                    if reason:
                        return reason
                continue
            reason = _check_text(item, self.max_length)
            if reason:
                return reason
            if self.choices and item not in self.choices:
                return "unknown_choice"
        return None


def _check_text(value: Any, max_length: int) -> str | None:
    if not isinstance(value, str):
        return "not_text"
    if len(value) > max_length:
        return "too_long"
    # Lone surrogates cannot be stored as UTF-8 by either side's database.
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return "bad_text"
    if "\x00" in value:
        return "bad_text"
    return None


# The longest valid date and date-time texts: anything longer is refused without being parsed,
# and only texts up to these lengths are remembered by the caches below (so a desk sending long
# texts cannot fill memory through them).
DATE_LENGTH = len("2026-12-07")
DATETIME_LENGTH = len("2026-12-07T10:00:00.000000+09:00")


def is_iso_date(value: str) -> bool:
    """YYYY-MM-DD and a real day."""
    return len(value) == DATE_LENGTH and _is_iso_date(value)


def is_iso_datetime(value: str) -> bool:
    """ISO date-time as `datetime.isoformat()` writes it."""
    return len(value) <= DATETIME_LENGTH and _is_iso_datetime(value)


# Dates and datetimes repeat across rows (birth dates, a day's timestamps): remembered.
@functools.lru_cache(maxsize=8192)
def _is_iso_date(value: str) -> bool:
    if not DATE_PATTERN.fullmatch(value):
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


@functools.lru_cache(maxsize=8192)
def _is_iso_datetime(value: str) -> bool:
    if not DATETIME_PATTERN.fullmatch(value):
        return False
    try:
        dt.datetime.fromisoformat(value)
    except ValueError:
        return False
    return True


def text(max_length: int, *, nullable: bool = False) -> FieldType:
    return FieldType(TEXT, nullable=nullable, max_length=max_length)


def integer(
    min_value: int = INT64_MIN, max_value: int = INT64_MAX, *, nullable: bool = False
) -> FieldType:
    return FieldType(INTEGER, nullable=nullable, min_value=min_value, max_value=max_value)


def flag() -> FieldType:
    return FieldType(FLAG)


def date(*, nullable: bool = False, blank: bool = False) -> FieldType:
    return FieldType(DATE, nullable=nullable, blank=blank)


def datetime(*, nullable: bool = False, blank: bool = False) -> FieldType:
    return FieldType(DATETIME, nullable=nullable, blank=blank)


def choice(*values: str, nullable: bool = False, blank: bool = False) -> FieldType:
    return FieldType(CHOICE, nullable=nullable, blank=blank, choices=tuple(values))


def json_list(
    max_items: int,
    max_length: int,
    *,
    choices: tuple[str, ...] = (),
    item_keys: tuple[str, ...] = (),
) -> FieldType:
    return FieldType(
        JSON_LIST,
        max_items=max_items,
        max_length=max_length,
        choices=tuple(choices),
        item_keys=tuple(item_keys),
    )


def uuid_id(*, nullable: bool = False, blank: bool = False) -> FieldType:
    return FieldType(ID, nullable=nullable, blank=blank)


def validate_value(table: str, field: str, value: Any) -> str | None:
    """Why `value` cannot be the value of `table`.`field`, or None when it can.

    Reasons: "unknown_table", "unknown_field", or the field type's reason ("null", "not_text",
    "too_long", "not_integer", "out_of_range", "bad_date", "unknown_choice", …). Floats (NaN and
    infinity included) are never a valid value of any field.
    """
    checks = table_checks(table)
    if checks is None:
        return "unknown_table"
    check = checks.get(field)
    if check is None:
        return "unknown_field"
    return check(value)


ValueCheck = Callable[[Any], "str | None"]
_TABLE_CHECKS: dict[str, dict[str, ValueCheck]] = {}


def table_checks(table: str) -> dict[str, ValueCheck] | None:
    """Field → its compiled check (`compile_check`) for one synced table, made once; None for
    a table that is not synced. Every pushed and pulled value goes through one of these."""
    checks = _TABLE_CHECKS.get(table)
    if checks is None:
        spec = _synced_tables().get(table)
        if spec is None:
            return None
        checks = _TABLE_CHECKS[table] = {
            name: compile_check(field_type) for name, field_type in spec.types.items()
        }
    return checks


def compile_check(field_type: FieldType) -> ValueCheck:
    """`check_value` for one field type as a function of the value alone. The common valid
    values (text within its length, integers within range, known choices, valid dates, empty
    lists, null where allowed) are accepted in a line or two; anything else goes through
    `check_value`, so the answer is the same for every value."""

    def general(value: Any) -> str | None:
        return check_value(field_type, value)

    kind = field_type.kind
    nullable = field_type.nullable
    if kind == TEXT:
        max_length = field_type.max_length
        bad_text = BAD_TEXT_PATTERN.search

        def check_text(value: Any) -> str | None:
            if type(value) is str and len(value) <= max_length and bad_text(value) is None:
                return None
            return None if value is None and nullable else general(value)

        return check_text
    if kind in (INTEGER, FLAG):
        low, high = (0, 1) if kind == FLAG else (field_type.min_value, field_type.max_value)

        def check_integer(value: Any) -> str | None:
            if type(value) is int and low <= value <= high:
                return None
            return None if value is None and nullable else general(value)

        return check_integer
    if kind in (CHOICE, ID, DATE, DATETIME):
        blank = field_type.blank
        if kind == CHOICE:
            choices = frozenset(field_type.choices)
            fits: Callable[[str], object] = choices.__contains__
        elif kind == ID:
            fits = UUID_PATTERN.fullmatch
        else:
            fits = is_iso_date if kind == DATE else is_iso_datetime

        def check_text_kind(value: Any) -> str | None:
            if type(value) is str and ((blank and value == "") or fits(value)):
                return None
            return None if value is None and nullable else general(value)

        return check_text_kind
    if kind == JSON_LIST:

        def check_list(value: Any) -> str | None:
            if type(value) is list and not value:
                return None
            return general(value)

        return check_list
    return general


def check_value(field_type: FieldType, value: Any) -> str | None:
    """Why `value` does not fit `field_type` (floats never do), or None."""
    if isinstance(value, float):
        return "not_finite" if not math.isfinite(value) else "float"
    return field_type.check(value)


def is_valid_row_id(table: str, row_id: Any) -> bool:
    """Whether `row_id` can name a row of `table`: UUID text, or a short code for a table
    declared with `code_ids`."""
    if not isinstance(row_id, str):
        return False
    spec = _synced_tables().get(table)
    if spec is not None and spec.code_ids:
        return CODE_ID_PATTERN.fullmatch(row_id) is not None
    return UUID_PATTERN.fullmatch(row_id) is not None


def row_ids_are_valid(table: str, row_ids: Sequence[Any]) -> bool:
    """`is_valid_row_id` for every one of `row_ids` (False when any is not)."""
    if set(map(type, row_ids)) - _STR:
        return False
    spec = _synced_tables().get(table)
    pattern = CODE_ID_PATTERN if spec is not None and spec.code_ids else UUID_PATTERN
    return all(map(pattern.fullmatch, row_ids))


def _synced_tables() -> dict[str, Any]:
    # Imported on first use: the schema declares its fields with this module.
    from kyojo_desk.store.schema import SYNCED_TABLES

    return SYNCED_TABLES


# -- many values at once -------------------------------------------------------------------------

# "Are all these values of one field certainly valid?" (a column of a pulled page). False means:
# check them one by one (`table_checks`), which finds each refusal and its reason.
ColumnCheck = Callable[[Sequence[Any]], bool]
_STR = {str}
_INT = {int}
_LIST = {list}
_FLAG_VALUES = frozenset((0, 1))
NoneType = type(None)


def _clean_text(text: str) -> bool:
    """No NUL and no lone surrogate in `text` (joining texts makes neither, so a column's
    texts are checked joined, by one search)."""
    return BAD_TEXT_PATTERN.search(text) is None


def table_column_checks(table: str) -> dict[str, ColumnCheck] | None:
    """Field → its column check (`compile_column_check`) for one synced table, made once; None
    for a table that is not synced."""
    checks = _TABLE_COLUMN_CHECKS.get(table)
    if checks is None:
        spec = _synced_tables().get(table)
        if spec is None:
            return None
        checks = _TABLE_COLUMN_CHECKS[table] = {
            name: compile_column_check(field_type) for name, field_type in spec.types.items()
        }
    return checks


_TABLE_COLUMN_CHECKS: dict[str, dict[str, ColumnCheck]] = {}


def compile_column_check(field_type: FieldType, clean_strings: bool = False) -> ColumnCheck:
    """A check of many values of one field at once, by a few builtins running over them (their
    types, the longest, the set of them): True only when `check_value` accepts every one of
    them. It answers False for anything unusual (a wrong type, a list of objects, a value out
    of bounds), and the values are then checked one by one. `clean_strings`: the caller knows
    no text holds NUL or a lone surrogate (the server, from the body's bytes), so texts are
    not searched for them."""
    inner = _column_kind_check(field_type, clean_strings)
    nullable = field_type.nullable

    def check(column: Sequence[Any]) -> bool:
        if inner is None:
            return False
        types = set(map(type, column))
        if NoneType in types:
            if not nullable:
                return False
            types.discard(NoneType)
            column = [value for value in column if value is not None]
            if not column:
                return True
        return inner(column, types)

    return check


def _column_kind_check(
    field_type: FieldType, clean_strings: bool
) -> Callable[[Sequence[Any], set[type]], bool] | None:
    """The check of a column without nulls whose value types are `types`, or None when the
    kind has none (its values are checked one by one)."""
    kind = field_type.kind
    clean = (lambda texts: True) if clean_strings else _clean_text
    if kind == TEXT:
        longest = field_type.max_length

        def texts(column: Sequence[Any], types: set[type]) -> bool:
            return types == _STR and max(map(len, column)) <= longest and clean("".join(column))

        return texts
    if kind == INTEGER:
        low, high = field_type.min_value, field_type.max_value
        return lambda column, types: types == _INT and low <= min(column) and max(column) <= high
    if kind == FLAG:
        return lambda column, types: types == _INT and _FLAG_VALUES.issuperset(column)
    blank = field_type.blank
    if kind == CHOICE:
        accepted = frozenset(field_type.choices) | ({""} if blank else set())
        return lambda column, types: types == _STR and accepted.issuperset(column)
    valid = {DATE: is_iso_date, DATETIME: is_iso_datetime, ID: UUID_PATTERN.fullmatch}.get(kind)
    if valid is not None:

        def distinct_texts(column: Sequence[Any], types: set[type]) -> bool:
            if types != _STR:
                return False
            distinct = set(column)
            if blank:
                distinct.discard("")
            return all(map(valid, distinct))

        return distinct_texts
    if kind == JSON_LIST and not field_type.item_keys:
        most, longest = field_type.max_items, field_type.max_length
        choices = frozenset(c for c in field_type.choices if _check_text(c, longest) is None)

        def lists(column: Sequence[Any], types: set[type]) -> bool:
            if types != _LIST or max(map(len, column)) > most:
                return False
            items = list(chain.from_iterable(column))
            if not items:
                return True
            if set(map(type, items)) != _STR:
                return False
            if field_type.choices:
                return choices.issuperset(items)
            return max(map(len, items)) <= longest and clean("".join(items))

        return lists
    return None
