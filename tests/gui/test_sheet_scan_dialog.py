"""「紙の受付表を読み取る」 in the window: files chosen, pages read off the main thread, the page
shown with what was read, an unclear row confirmed with one click, a walk-in row registered from
its image, and nothing saved until 「保存する」 — asserted on the dialog and in the Store."""

from __future__ import annotations

import random

import cv2
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QLineEdit, QPushButton

from kyojo_desk.gui import prompts
from kyojo_desk.gui.pages.print_page import PrintPage
from kyojo_desk.gui.pages.reception_page import ReceptionPage
from kyojo_desk.printing.signin import render_signin
from kyojo_desk.scanning.reader import Mark
from tests.gui.conftest import on_db, wait_idle
from tests.sheet_scans import (
    DrawnPage,
    box_origin_mm,
    degrade,
    draw_mark,
    render_page,
    save_scan_pdf,
    sheet_event,
)

SIGNED_UP = 6
WALK_IN_SLOT = SIGNED_UP  # the first blank row


@pytest.fixture
def scanned(desk_context, tmp_path):
    """An event with six people signed up and a scan of its ticked sheet: row 1 ticked, row 2
    scribbled over (unclear), a name written on the first walk-in row."""
    event = on_db(desk_context, lambda store: sheet_event(store, "ふれあいサロン", SIGNED_UP))
    pdf = tmp_path / "sheet.pdf"
    on_db(desk_context, lambda store: render_signin(store, event.id, pdf, blank_rows=3))
    rng = random.Random(8)
    page = DrawnPage(render_page(pdf, 0, 300), 300)
    draw_mark(page, 0, "tick", rng)
    draw_mark(page, 1, "scribbled", rng)
    draw_mark(page, WALK_IN_SLOT, "tick", rng)
    px = page.dpi / 25.4
    _, y_mm = box_origin_mm(WALK_IN_SLOT)
    cv2.putText(page.image, "Arai Makoto", (int(52 * px), int((y_mm + 8) * px)), 0, 2.5, 30, 5)
    scan = tmp_path / "scan.pdf"
    save_scan_pdf([degrade(page.image, rng, 300, upside_down=True)], scan)
    expected = on_db(desk_context, lambda store: store.expected_residents(event.id))
    return event, scan, expected


@pytest.fixture
def reception(qtbot, window, desk_context, scanned) -> ReceptionPage:
    page = window.show_page(ReceptionPage)
    page.load_events()
    wait_idle(qtbot, desk_context)
    assert page.current_event().id == scanned[0].id
    return page


def attendance(context, event_id):
    return on_db(context, lambda store: store.list_attendance(event_id))


def open_and_read(qtbot, page, context, scan, monkeypatch):
    monkeypatch.setattr(prompts, "choose_open_paths", lambda *args: [str(scan)])
    qtbot.mouseClick(page.scan_sheet_button, Qt.MouseButton.LeftButton)
    dialog = page.open_dialog
    assert dialog is not None and not dialog.save_button.isEnabled()
    qtbot.mouseClick(dialog.files_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.scan is not None, timeout=60000)
    wait_idle(qtbot, context)
    return dialog


def test_read_confirm_register_and_save(qtbot, reception, desk_context, scanned, monkeypatch):
    event, scan, expected = scanned
    dialog = open_and_read(qtbot, reception, desk_context, scan, monkeypatch)
    assert dialog.page_picker.count() == 1 and "1ページ" in dialog.page_picker.itemText(0)
    assert dialog.page_view.image is not None
    marks = {row.slot: dialog.page_view.state_of(row) for row in dialog.page_view.rows}
    assert marks[0] == Mark.TICKED and marks[1] == Mark.UNCLEAR and marks[2] == Mark.BLANK
    assert attendance(desk_context, event.id) == []  # nothing saved while looking

    unclear = dialog.findChild(QFrame, "unclear_0_1")
    assert unclear is not None
    assert expected[1].full_name in unclear.findChildren(QLabel)[0].text()
    qtbot.mouseClick(unclear.findChild(QPushButton, "came"), Qt.MouseButton.LeftButton)
    assert marks != {row.slot: dialog.page_view.state_of(row) for row in dialog.page_view.rows}
    assert dialog.page_view.state_of(dialog.page_view.rows[1]) == Mark.TICKED

    walk_in = dialog.findChild(QFrame, f"walk_in_0_{WALK_IN_SLOT}")
    assert walk_in is not None
    walk_in.findChild(QLineEdit, "family_name").setText("新井")
    walk_in.findChild(QLineEdit, "family_reading").setText("あらい")
    assert "その場で参加した方 1人" in dialog.summary.text()
    assert attendance(desk_context, event.id) == []

    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, desk_context)
    assert not dialog.isVisible()
    assert reception.status_label.text() == "読み取った受付表を保存しました"
    rows = attendance(desk_context, event.id)
    assert {a.method for a in rows} == {"sheet_scan"}
    came = {a.resident_id for a in rows}
    assert {expected[0].id, expected[1].id} < came and len(came) == 3
    (walk_in_id,) = came - {expected[0].id, expected[1].id}
    registered = on_db(desk_context, lambda store: store.get_resident(walk_in_id))
    assert registered.family_name == "新井" and registered.needs_completion


def test_closing_without_saving_saves_nothing(qtbot, reception, desk_context, scanned, monkeypatch):
    event, scan, _ = scanned
    dialog = open_and_read(qtbot, reception, desk_context, scan, monkeypatch)
    assert dialog.save_button.isEnabled()
    qtbot.mouseClick(dialog.findChild(QPushButton, "cancel"), Qt.MouseButton.LeftButton)
    wait_idle(qtbot, desk_context)
    assert attendance(desk_context, event.id) == []


def test_a_decision_or_a_typed_name_is_not_lost_on_one_esc(
    qtbot, reception, desk_context, scanned, monkeypatch
):
    """The scan the dialog read by itself is no reason to ask (the test above closes it without
    a question); a row the volunteer decided or a name they typed is."""
    asked: list[str] = []
    monkeypatch.setattr(prompts, "ask_yes_no", lambda *args, **kwargs: asked.append(args[2]))
    dialog = open_and_read(qtbot, reception, desk_context, scanned[1], monkeypatch)
    unclear = dialog.findChild(QFrame, "unclear_0_1")
    qtbot.mouseClick(unclear.findChild(QPushButton, "came"), Qt.MouseButton.LeftButton)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert len(asked) == 1 and dialog.isVisible()  # 「入力にもどる」 (the answer was not yes)
    dialog.decisions.clear()
    walk_in = dialog.findChild(QFrame, f"walk_in_0_{WALK_IN_SLOT}")
    walk_in.findChild(QLineEdit, "family_name").setText("新井")
    qtbot.mouseClick(dialog.findChild(QPushButton, "cancel"), Qt.MouseButton.LeftButton)
    assert len(asked) == 2 and dialog.isVisible()


def test_a_refused_walk_in_saves_nothing_and_says_why(
    qtbot, reception, desk_context, scanned, monkeypatch
):
    event, scan, _ = scanned
    dialog = open_and_read(qtbot, reception, desk_context, scan, monkeypatch)
    dialog.set_walk_in(0, WALK_IN_SLOT, given_name="誠")  # no family name, no reading
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, desk_context)
    assert dialog.isVisible() and dialog.error.isVisible() and "ふりがな" in dialog.error.text()
    assert attendance(desk_context, event.id) == []  # the clear tick waits with the rest
    dialog.set_walk_in(0, WALK_IN_SLOT, given_name="")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, desk_context)
    assert not dialog.isVisible() and len(attendance(desk_context, event.id)) == 1


def test_print_page_reads_sheets_into_their_own_events(
    qtbot, window, desk_context, scanned, monkeypatch
):
    event, scan, expected = scanned
    page = window.show_page(PrintPage)
    wait_idle(qtbot, desk_context)
    monkeypatch.setattr(prompts, "choose_open_paths", lambda *args: [str(scan)])
    opened = []
    monkeypatch.setattr(
        "kyojo_desk.gui.dialogs.sheet_scan_dialog.SheetScanDialog.open",
        lambda self: (opened.append(self), self.show()),
    )
    page.scan_sheets()
    dialog = opened[0]
    qtbot.mouseClick(dialog.files_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.scan is not None, timeout=60000)
    wait_idle(qtbot, desk_context)
    assert dialog.scan.pages[0].event_id == event.id
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, desk_context)
    assert {a.resident_id for a in attendance(desk_context, event.id)} == {expected[0].id}
    assert "新しく 1人" in page.status.text()
