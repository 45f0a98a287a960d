"""The server's check of pushed values, compiled once per synced table.

`kyojo_desk.sync.fields.check_value` is the reference: what it refuses, the server refuses,
with its reason. Checking ~15 values of every change through it costs more than the rest of a
push's Python work, so each declared field gets a small function here that answers "valid"
for the common shapes at the cost of a type test and a comparison or two, and hands anything
it does not accept at once (a wrong type, null, a value at a bound, an unusual list) to the
reference, which finds the reason. A fast path therefore only ever says "valid" where the
reference would; tests/sync/test_central_validation.py compares them on generated values.

A batch is checked column by column where it can be: the creations of one table carry the same
fields in the same order, so their values are transposed into columns, and one column is
checked by a few builtins running over it (types, longest text, set of choices), at a small
fraction of the cost of a check per value (`fields.compile_column_check`, which the desk uses
for pulled pages too). A column that does not pass is not refused: its
changes are checked one by one, which finds each refusal and its reason.

Text is checked for NUL and lone surrogates only when the request body could hold them: a
body that is valid UTF-8 and has no `\\u0000` or `\\uD800`–`\\uDFFF` escape cannot
(`clean_strings`; the API finds this out from the raw bytes before parsing).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from kyojo_desk.store.schema import SYNCED_TABLES, SyncedTable
from kyojo_desk.sync import protocol
from kyojo_desk.sync.fields import (
    CHOICE,
    DATE,
    DATETIME,
    FLAG,
    ID,
    INTEGER,
    JSON_LIST,
    TEXT,
    UUID_PATTERN,
    FieldType,
    check_value,
    compile_column_check,
    is_iso_date,
    is_iso_datetime,
)

# "Is this value certainly valid?" False means: ask the reference (it may still be valid).
FastCheck = Callable[[Any], bool]

# A JSON escape that puts NUL or half of a surrogate pair into a string: `\u0000`, a high
# surrogate not followed by a low one, a low one not preceded by a high one.
RISKY_ESCAPE = re.compile(
    rb"\\u0000"
    rb"|\\u[dD][89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F])"
    rb"|(?<!\\u[dD][89abAB][0-9a-fA-F]{2})\\u[dD][c-fC-F]"
)


def escapes_are_clean(raw: bytes) -> bool:
    """Whether no JSON escape of this body makes a string hold NUL or a lone surrogate
    (characters beyond the BMP travel as escaped surrogate pairs, which are fine). An escaped
    backslash (two backslashes) would make the escapes ambiguous to this scan, so such a body
    counts as not clean: that only costs the slower checks."""
    if b"\\\\" in raw:
        return False
    if b"\\u0000" not in raw and b"\\ud" not in raw and b"\\uD" not in raw:
        return True  # the usual body: a few substring searches, no regular expression
    return RISKY_ESCAPE.search(raw) is None


def strings_are_clean(raw: bytes) -> bool:
    """Whether no string of this JSON body can hold NUL or a lone surrogate: the body is
    valid UTF-8 (raw surrogates are not) and its escapes are clean."""
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return escapes_are_clean(raw)


def fast_check(field_type: FieldType, clean_strings: bool) -> FastCheck:
    """A check that accepts the common valid values of `field_type` quickly and is False for
    everything else."""
    check = _fast_kind_check(field_type, clean_strings)
    if field_type.nullable:
        return lambda value: value is None or check(value)
    return check


def _fast_kind_check(field_type: FieldType, clean_strings: bool) -> FastCheck:
    kind = field_type.kind
    if kind == TEXT:
        if not clean_strings:
            return lambda value: False
        longest = field_type.max_length
        return lambda value: type(value) is str and len(value) <= longest
    if kind == INTEGER:
        low, high = field_type.min_value, field_type.max_value
        return lambda value: type(value) is int and low <= value <= high
    if kind == FLAG:
        return lambda value: type(value) is int and 0 <= value <= 1
    if kind == CHOICE:
        accepted = frozenset(field_type.choices) | ({""} if field_type.blank else set())
        return lambda value: type(value) is str and value in accepted
    blank = field_type.blank
    if kind == DATE:
        return lambda value: type(value) is str and ((blank and value == "") or is_iso_date(value))
    if kind == DATETIME:
        return lambda value: (
            type(value) is str and ((blank and value == "") or is_iso_datetime(value))
        )
    if kind == ID:
        uuid = UUID_PATTERN.fullmatch
        return lambda value: (
            type(value) is str and ((blank and value == "") or uuid(value) is not None)
        )
    if kind == JSON_LIST and not field_type.item_keys:
        most, longest = field_type.max_items, field_type.max_length
        if field_type.choices:
            # Choices longer than an item may be are not valid items: leave them out.
            choices = frozenset(c for c in field_type.choices if len(c) <= longest)
            if clean_strings or all(c.isascii() and "\x00" not in c for c in choices):
                return lambda value: (
                    type(value) is list
                    and len(value) <= most
                    and all(type(item) is str and item in choices for item in value)
                )
        elif clean_strings:
            return lambda value: (
                type(value) is list
                and len(value) <= most
                and all(type(item) is str and len(item) <= longest for item in value)
            )
    return lambda value: False


class TableChecks:
    """The compiled checks of one synced table's fields."""

    def __init__(self, spec: SyncedTable) -> None:
        self.types = spec.types
        self.clean = {name: fast_check(t, True) for name, t in spec.types.items()}
        self.unclean = {name: fast_check(t, False) for name, t in spec.types.items()}
        # The desk's column checks (kyojo_desk/sync/fields.py), told when texts are clean.
        self.clean_columns = {
            name: compile_column_check(t, clean_strings=True) for name, t in spec.types.items()
        }
        self.unclean_columns = {name: compile_column_check(t) for name, t in spec.types.items()}

    def all_valid(
        self, names: tuple[str, ...], rows: list[Iterable[Any]], clean_strings: bool
    ) -> bool:
        """Whether every change of `rows` (value tuples in the order of `names`) is certainly
        valid; False means: check them one by one."""
        checks = self.clean_columns if clean_strings else self.unclean_columns
        for name, column in zip(names, zip(*rows, strict=True), strict=True):
            check = checks.get(name)
            if check is None or not check(column):
                return False
        return True

    def refusal(self, fields: dict[str, Any], clean_strings: bool) -> tuple[str, str] | None:
        """(reason, field) for the first field that cannot be stored, or None."""
        checks = self.clean if clean_strings else self.unclean
        for name, value in fields.items():
            check = checks.get(name)
            if check is None:
                return protocol.REASON_UNKNOWN_FIELD, name
            if not check(value) and check_value(self.types[name], value) is not None:
                return protocol.REASON_INVALID_VALUE, name
        return None


TABLE_CHECKS: dict[str, TableChecks] = {name: TableChecks(t) for name, t in SYNCED_TABLES.items()}


def table_checks(table: str) -> TableChecks | None:
    """The compiled checks of a synced table (None for an unknown table)."""
    checks = TABLE_CHECKS.get(table)
    if checks is None and table in SYNCED_TABLES:
        # A table declared after this module was imported (tests declare their own).
        checks = TABLE_CHECKS[table] = TableChecks(SYNCED_TABLES[table])
    return checks
