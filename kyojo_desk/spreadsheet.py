"""Files for spreadsheets that a spreadsheet cannot turn against the person opening them.

Excel and LibreOffice evaluate a CSV cell that begins with `=`, `+`, `-` or `@` (and some read a
leading tab or carriage return the same way) as a formula: a name or a note typed as
`=HYPERLINK("http://…", "click")` would run when a coordinator opens the export. Every CSV and
XLSX the desk writes goes through this module:

- CSV: such a cell is written with a leading apostrophe (`'=…`), which spreadsheets show as
  text. A cell that already begins with apostrophes before such a character gets one more, so
  `read_cell` gives back exactly the original value; the desk's own import uses it.
- XLSX: the cell is stored as text (never as a formula) and marked with Excel's quote prefix,
  so it shows the original value and nothing is evaluated.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import IO, Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"


def _looks_like_formula(text: str) -> bool:
    """True when a spreadsheet would evaluate `text`, or when it is apostrophes before such a
    start (escaped too, so that reading back never takes an original apostrophe away)."""
    return text.lstrip(QUOTE).startswith(FORMULA_STARTS)


def safe_cell(value: Any) -> Any:
    """The value as a CSV cell that a spreadsheet shows and never evaluates. Numbers, None and
    text that starts harmlessly are returned as they are."""
    if isinstance(value, str) and _looks_like_formula(value):
        return QUOTE + value
    return value


def read_cell(text: str) -> str:
    """The original value of a cell written by `safe_cell` (the inverse for text)."""
    if text.startswith(QUOTE) and _looks_like_formula(text[1:]):
        return text[1:]
    return text


class SafeCsvWriter:
    """`csv.writer` whose rows are neutralised cell by cell (see the module's docstring)."""

    def __init__(self, handle: IO[str]) -> None:
        self._writer = csv.writer(handle)

    def writerow(self, row: Iterable[Any]) -> None:
        self._writer.writerow([safe_cell(value) for value in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def csv_writer(handle: IO[str]) -> SafeCsvWriter:
    """The writer every CSV export of the desk uses."""
    return SafeCsvWriter(handle)


def append_xlsx_row(sheet: Any, row: Iterable[Any]) -> None:
    """Append a row to an openpyxl worksheet; text that looks like a formula stays text."""
    values = list(row)
    sheet.append(values)
    for cell, value in zip(sheet[sheet.max_row], values, strict=False):
        if isinstance(value, str) and _looks_like_formula(value):
            cell.value = value
            cell.data_type = "s"  # openpyxl made it "f" (a formula) from the leading "="
            cell.quotePrefix = True
