"""`kyojo-desk import sheet`: scans of printed sign-in sheets back into check-ins — a multi-page
PDF with an upside-down page, an unreadable page and a page of another event; a second import;
--dry-run; a page whose own code is unreadable; rows whose code is unreadable; the Store's
sheet_scan check-ins."""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
import pytest

from kyojo_desk.cli import main
from kyojo_desk.printing.signin import ROWS_PER_PAGE, render_signin
from kyojo_desk.records.event import CheckInMethod, WalkIn
from kyojo_desk.scanning.reader import SCALE, Mark, read_page
from kyojo_desk.scanning.sheet_import import (
    ReadPage,
    apply_scan,
    match_pages,
    read_files,
)
from tests.conftest import consent
from tests.sheet_scans import (
    CLEAR_STYLES,
    DrawnPage,
    box_origin_mm,
    cover,
    degrade,
    draw_mark,
    render_page,
    save_scan_pdf,
    sheet_event,
)

BLANK_ROWS = 4


def _marked(pdf: Path, index: int, styles: dict[int, str], seed: int) -> DrawnPage:
    rng = random.Random(seed)
    page = DrawnPage(render_page(pdf, index, 300), 300)
    for slot, style in styles.items():
        draw_mark(page, slot, style, rng)
    return page


@pytest.fixture
def sheets(store, tmp_path):
    """Two events: 「交流サロン」 with 15 signed up (a two-page sheet) and 「防災訓練」 with 5."""
    salon = sheet_event(store, "交流サロン", 15, seed=21)
    drill = sheet_event(store, "防災訓練", 5, day="2026-12-06")
    salon_pdf, drill_pdf = tmp_path / "salon.pdf", tmp_path / "drill.pdf"
    assert render_signin(store, salon.id, salon_pdf, blank_rows=BLANK_ROWS) == 2
    render_signin(store, drill.id, drill_pdf, blank_rows=BLANK_ROWS)
    return salon, drill, salon_pdf, drill_pdf


def _ticked_people(store, event, page: int, styles: dict[int, str]) -> set[str]:
    expected = store.expected_residents(event.id)
    first = (page - 1) * ROWS_PER_PAGE
    return {
        expected[first + slot].id
        for slot, style in styles.items()
        if style in CLEAR_STYLES and first + slot < len(expected)
    }


@pytest.fixture
def scan_pdf(store, sheets, tmp_path):
    """One PDF as a multifunction printer saves it: the salon's page 1 upright, its page 2
    upside down, a page of the drill, and a page with nothing of ours on it."""
    salon, drill, salon_pdf, drill_pdf = sheets
    page1 = {0: "tick", 1: "none", 2: "circle", 3: "dot_beside", 4: "filled", 6: "scribbled"}
    page2 = {0: "pencil_tick", 1: "cross", 2: "underline", 3: "thick_tick"}
    drill_page = {0: "tick", 1: "tick"}
    rng = random.Random(3)
    images = [
        degrade(_marked(salon_pdf, 0, page1, 1).image, rng, 300),
        degrade(_marked(salon_pdf, 1, page2, 2).image, rng, 300, upside_down=True),
        degrade(_marked(drill_pdf, 0, drill_page, 3).image, rng, 300),
        np.full((2339, 1654), 235, dtype=np.uint8),
    ]
    path = tmp_path / "scan.pdf"
    save_scan_pdf(images, path)
    truth = {
        "salon": _ticked_people(store, salon, 1, page1) | _ticked_people(store, salon, 2, page2),
        "salon_unclear": {store.expected_residents(salon.id)[6].id},
        "drill": _ticked_people(store, drill, 1, drill_page),
    }
    return path, truth


@dataclass
class Ran:
    returncode: int
    stdout: str
    stderr: str


@pytest.fixture
def run_cli(capsys):
    """Run `kyojo-desk …` in this process (on the data directory of the `store` fixture)."""

    def run(*args: str) -> Ran:
        code = main(list(args))
        out, err = capsys.readouterr()
        return Ran(code, out, err)

    return run


def test_import_sheet_with_event_reads_checks_in_once_and_refuses_the_rest(
    store, sheets, scan_pdf, data_dir, run_cli
):
    salon, drill, _, _ = sheets
    path, truth = scan_pdf
    store.close()  # the command opens the database itself

    dry = run_cli("import", "sheet", str(path), "--event", salon.id, "--json", "--dry-run")
    assert dry.returncode == 1, dry.stderr
    report = json.loads(dry.stdout)
    assert report["checked_in"] == len(truth["salon"]) and report["already"] == 0

    done = run_cli("import", "sheet", str(path), "--event", salon.id, "--json")
    assert done.returncode == 1, done.stderr
    report = json.loads(done.stdout)
    statuses = [(p["page"], p["status"], p["sheet_page"]) for p in report["pages"]]
    assert statuses == [
        (1, "read", 1),
        (2, "read", 2),
        (3, "unreadable", None),
        (4, "unreadable", None),
    ]
    assert (
        "別の行事" in report["pages"][2]["message"] and "防災訓練" in report["pages"][2]["message"]
    )
    assert report["pages"][3]["message"]  # said in plain words why
    assert set(report["ticked"]) == truth["salon"]
    assert set(report["unclear"]) == truth["salon_unclear"]
    assert report["checked_in"] == len(truth["salon"]) and report["already"] == 0
    assert report["walk_in_rows"] == []

    again = run_cli("import", "sheet", str(path), "--event", salon.id, "--json")
    report = json.loads(again.stdout)
    assert report["checked_in"] == 0 and report["already"] == len(truth["salon"])

    from kyojo_desk.store import Store

    reopened = Store.open(data_dir / "kyojo.db")
    try:
        attendance = reopened.list_attendance(salon.id)
        assert {a.resident_id for a in attendance} == truth["salon"]  # nobody twice, nobody else
        assert {a.method for a in attendance} == {CheckInMethod.SHEET_SCAN.value}
        expected = reopened.expected_residents(salon.id)
        pages = {a.resident_id: reopened.sheet_page_of(a.id) for a in attendance}
        for resident_id, page in pages.items():
            index = [r.id for r in expected].index(resident_id)
            assert page == index // ROWS_PER_PAGE + 1
        assert reopened.list_attendance(drill.id) == []
    finally:
        reopened.close()


def test_import_sheet_without_event_checks_each_page_into_its_own_event(
    store, sheets, scan_pdf, data_dir, run_cli
):
    salon, drill, _, _ = sheets
    path, truth = scan_pdf
    store.close()
    done = run_cli("import", "sheet", str(path))
    assert done.returncode == 1  # the blank page
    assert "UNREADABLE" in done.stdout and "checked in" in done.stdout
    from kyojo_desk.store import Store

    reopened = Store.open(data_dir / "kyojo.db")
    try:
        assert {a.resident_id for a in reopened.list_attendance(drill.id)} == truth["drill"]
        assert {a.resident_id for a in reopened.list_attendance(salon.id)} == truth["salon"]
    finally:
        reopened.close()


def test_all_pages_read_exits_zero_and_images_and_folders_are_accepted(
    store, sheets, tmp_path, run_cli
):
    salon, _, salon_pdf, _ = sheets
    folder = tmp_path / "scans"
    folder.mkdir()
    rng = random.Random(5)
    for index in range(2):
        image = degrade(_marked(salon_pdf, index, {0: "tick"}, index).image, rng, 300)
        cv2.imwrite(str(folder / f"page{index + 1}.png"), image)
    store.close()
    done = run_cli("import", "sheet", str(folder), "--event", salon.id, "--json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert [p["status"] for p in report["pages"]] == ["read", "read"]
    assert report["checked_in"] == 2


def test_missing_and_foreign_files_are_refused_by_name(store, tmp_path, run_cli):
    note = tmp_path / "note.txt"
    note.write_text("not a scan")
    store.close()
    done = run_cli("import", "sheet", str(tmp_path / "nothing.pdf"), str(note), "--json")
    assert done.returncode == 1
    pages = json.loads(done.stdout)["pages"]
    assert [p["status"] for p in pages] == ["unreadable", "unreadable"]
    assert "ファイルがありません" in pages[0]["message"] and "PDF" in pages[1]["message"]


def test_a_page_whose_own_code_is_unreadable_is_placed_by_its_row_codes(store, sheets):
    salon, _, salon_pdf, _ = sheets
    page = _marked(salon_pdf, 1, {1: "tick"}, 9)
    cover(page.image, 170, 265, 22, 21, page.dpi)  # the page code (bottom right)
    cover(page.image, 162, 14, 30, 30, page.dpi)  # and the event code (top right)
    reading = read_page(page.image)
    assert reading.read and reading.sheet is None and reading.event_id is None
    read = [ReadPage("scan.png", 1, reading)]
    unknown = match_pages(store, read)
    assert unknown.pages[0].status == "unreadable" and "どの行事" in unknown.pages[0].message
    placed = match_pages(store, read, salon.id)
    assert placed.pages[0].read and placed.pages[0].sheet_page == 2
    assert placed.ticked_ids() == [store.expected_residents(salon.id)[ROWS_PER_PAGE + 1].id]


def test_a_row_whose_code_is_unreadable_counts_by_place_only_when_the_list_is_unchanged(
    store, sheets
):
    salon, _, salon_pdf, _ = sheets
    page = _marked(salon_pdf, 0, {2: "tick"}, 4)
    _, y_mm = box_origin_mm(2)
    px = page.dpi / 25.4
    # A coffee stain over row 3's code: still a printed code, no longer readable.
    cv2.circle(page.image, (int(180.5 * px), int((y_mm + 5) * px)), int(4.5 * px), 30, -1)
    expected = store.expected_residents(salon.id)
    read = [ReadPage("scan.png", 1, read_page(page.image))]
    scan = match_pages(store, read, salon.id)
    assert scan.ticked_ids() == [expected[2].id]
    assert not scan.pages[0].rows[2].matched_by_code

    # A new sign-up moves everyone after it down a row: the printed place no longer says who.
    newcomer = store.register_resident(
        {
            "family_name": "相沢",
            "given_name": "一",
            "family_reading": "あいざわ",
            "given_reading": "はじめ",
            "district": "01",
        },
        consent(),
        allow_duplicate=True,
    )
    store.sign_up(salon.id, [newcomer.id])
    scan = match_pages(store, read, salon.id)
    assert scan.ticked_ids() == []
    assert scan.pages[0].rows[2].mark == Mark.UNCLEAR


def test_unclear_rows_confirmed_and_walk_ins_registered_in_one_go(store, sheets):
    salon, _, salon_pdf, _ = sheets
    expected = store.expected_residents(salon.id)
    walk_in_slot = 15 - ROWS_PER_PAGE  # the first blank row on page 2
    page = _marked(salon_pdf, 1, {0: "scribbled", 1: "tick", walk_in_slot: "tick"}, 6)
    px = page.dpi / 25.4
    _, y_mm = box_origin_mm(walk_in_slot)
    cv2.putText(
        page.image,
        "Yamada",
        (int(60 * px), int((y_mm + 8) * px)),
        cv2.FONT_HERSHEY_SIMPLEX,
        3,
        20,
        6,
    )
    scan = match_pages(store, [ReadPage("scan.png", 1, read_page(page.image))], salon.id)
    rows = {row.slot: row for row in scan.pages[0].rows}
    assert rows[0].mark == Mark.UNCLEAR and rows[1].sure_tick
    assert [(row.slot, row.handwriting) for _, row in scan.walk_in_rows()] == [(walk_in_slot, True)]
    crop_x, crop_y, crop_w, crop_h = rows[walk_in_slot].row
    assert crop_h == round(19 * SCALE)  # the crop shown beside the form is the whole row

    result = apply_scan(
        store,
        scan,
        confirmed={(0, 0): True},
        walk_ins={(0, walk_in_slot): WalkIn("山田", "やまだ", "あき", "あき")},
    )
    assert result.checked_in == 3 and len(result.walk_ins) == 1
    came = {a.resident_id for a in store.list_attendance(salon.id)}
    assert came == {expected[ROWS_PER_PAGE].id, expected[ROWS_PER_PAGE + 1].id, result.walk_ins[0]}
    assert store.get_resident(result.walk_ins[0]).needs_completion
    again = apply_scan(store, scan, confirmed={(0, 0): True})
    assert again.checked_in == 0 and again.already == 2


def test_store_sheet_scan_check_in_is_counted_once_and_keeps_the_page(store, sheets):
    salon, _, _, _ = sheets
    people = [r.id for r in store.expected_residents(salon.id)[:3]]
    store.check_in(salon.id, people[0], CheckInMethod.CARD.value)
    first = store.check_in_from_sheet_scan(salon.id, 1, [people[0], people[1], people[1]])
    assert (first.new, first.already) == (1, 1)
    second = store.check_in_from_sheet_scan(salon.id, 1, people)
    assert (second.new, second.already) == (1, 2)
    assert len(store.list_attendance(salon.id)) == 3
    by_person = {a.resident_id: a for a in store.list_attendance(salon.id)}
    assert by_person[people[0]].method == CheckInMethod.CARD.value
    assert store.sheet_page_of(by_person[people[0]].id) is None
    assert store.sheet_page_of(by_person[people[1]].id) == 1
    with pytest.raises(Exception, match="ページ"):
        store.check_in_from_sheet_scan(salon.id, 0, people)


def test_reading_stops_when_progress_says_so(sheets, tmp_path):
    _, _, salon_pdf, _ = sheets
    seen = []
    pages = read_files([salon_pdf], lambda done, total: seen.append((done, total)) or False)
    assert len(pages) == 1 and seen == [(1, 2)]


@pytest.mark.parametrize("encrypted", [False, True])
def test_release_0_1_desk_migrates_and_takes_sheet_scan_check_ins(tmp_path, monkeypatch, encrypted):
    """m070 on a database made by release 0.1 (plain and encrypted): the page table is added
    and a scanned sheet checks in there, once."""
    from kyojo_desk.security.desk import open_desk_store
    from tests.fixtures.release_0_1 import contents, load_desk

    monkeypatch.setenv("KYOJO_KEYRING", "file")
    store = open_desk_store(load_desk(tmp_path / "desk", encrypted))
    try:
        event_id = contents.EVENT_IDS[0]
        before = len(store.list_attendance(event_id))
        newcomer = store.register_resident(
            {"family_name": "相沢", "family_reading": "あいざわ", "district": "01"},
            consent(),
            allow_duplicate=True,
        )
        entered = store.check_in_from_sheet_scan(event_id, 2, [newcomer.id])
        again = store.check_in_from_sheet_scan(event_id, 2, [newcomer.id])
        assert (entered.new, entered.already, again.new, again.already) == (1, 0, 0, 1)
        assert len(store.list_attendance(event_id)) == before + 1
        attendance = {a.resident_id: a for a in store.list_attendance(event_id)}
        assert attendance[newcomer.id].method == CheckInMethod.SHEET_SCAN.value
        assert store.sheet_page_of(attendance[newcomer.id].id) == 2
    finally:
        store.close()


def test_a_sheet_of_an_event_this_desk_does_not_have_is_refused(store, tmp_path):
    from kyojo_desk.store import Store

    other_desk = Store.open(tmp_path / "other.db")
    try:
        event = sheet_event(other_desk, "よその行事", 3)
        render_signin(other_desk, event.id, tmp_path / "other.pdf", blank_rows=2)
    finally:
        other_desk.close()
    page = _marked(tmp_path / "other.pdf", 0, {0: "tick"}, 1)
    scan = match_pages(store, [ReadPage("other.png", 1, read_page(page.image))])
    assert scan.pages[0].status == "unreadable" and "この端末に登録されていません" in (
        scan.pages[0].message
    )
    assert scan.ticked_ids() == [] and apply_scan(store, scan).checked_in == 0


def test_a_sheet_page_code_scanned_at_the_desk_points_to_reading_the_sheet(store, sheets):
    from kyojo_desk.qr import sheet_payload

    salon = sheets[0]
    answer = store.check_in_by_scan(salon.id, sheet_payload(salon.id, 1))
    assert answer.status == "unreadable" and "紙の受付表を読み取る" in answer.message
    assert store.list_attendance(salon.id) == []
