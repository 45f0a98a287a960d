"""The city's list of 担い手活動: one row per person and 年度, as JSON or a CSV file.

The columns are declared once, in `CITY_LIST_COLUMNS`, in the order of the CSV: when the national
format of ふるさと住民登録 is published, this is the one place to follow it. The CSV is written
spreadsheet-safe: UTF-8 with a byte-order mark (so Excel reads the Japanese), and every cell
through kyojo_desk/spreadsheet.py, so no cell is run as a formula.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from kyojo_desk.records.ninaite import YearTally
from kyojo_desk.records.resident import Resident
from kyojo_desk.spreadsheet import csv_writer

if TYPE_CHECKING:
    from kyojo_desk.store.store import Store

# (JSON key, CSV header). Lists are joined with LIST_SEPARATOR in the CSV; flags are 1 or 0.
CITY_LIST_COLUMNS: tuple[tuple[str, str], ...] = (
    ("fiscal_year", "年度"),
    ("person_id", "ID"),
    ("name", "氏名"),
    ("reading", "ふりがな"),
    ("home_municipality", "住所地（市区町村）"),
    ("external_ids", "外部ID"),
    ("activities", "活動の数"),
    ("activity_days", "活動日数"),
    ("counted", "カウント（回）"),
    ("met", "年3回の達成"),
    ("days_of_stay", "滞在日数"),
    ("long_stay", "長期滞在（10日以上）"),
    ("dates", "活動日"),
)
LIST_SEPARATOR = " "


def city_list_row(resident: Resident, tally: YearTally, external_ids: list[str]) -> dict[str, Any]:
    """One person's year, keyed as CITY_LIST_COLUMNS."""
    row = {
        "fiscal_year": tally.fiscal_year,
        "person_id": resident.id,
        "name": resident.full_name,
        "reading": resident.full_reading,
        "home_municipality": resident.home_municipality,
        "external_ids": list(external_ids),
        "activities": tally.activities,
        "activity_days": tally.activity_days,
        "counted": tally.counted,
        "met": tally.met,
        "days_of_stay": tally.days_of_stay,
        "long_stay": tally.long_stay,
        "dates": list(tally.dates),
    }
    assert tuple(row) == tuple(key for key, _ in CITY_LIST_COLUMNS)
    return row


def city_list(store: Store, fiscal_year: int) -> list[dict[str, Any]]:
    """Everyone with a designated activity in the 年度, in 五十音 order."""
    return [
        city_list_row(resident, tally, store.external_codes_of(resident.id))
        for resident, tally in store.ninaite_year(fiscal_year)
    ]


def csv_cell(value: Any) -> Any:
    """A value as the CSV shows it: flags as 1/0, lists joined with LIST_SEPARATOR."""
    if isinstance(value, bool):
        return 1 if value else 0
    if isinstance(value, list):
        return LIST_SEPARATOR.join(str(item) for item in value)
    return value


def write_city_list_csv(rows: list[dict[str, Any]], path: Path) -> Path:
    """Write the list as CSV (header of CITY_LIST_COLUMNS, one row per person)."""
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv_writer(handle)
        writer.writerow([header for _, header in CITY_LIST_COLUMNS])
        for row in rows:
            writer.writerow([csv_cell(row[key]) for key, _ in CITY_LIST_COLUMNS])
    return path
