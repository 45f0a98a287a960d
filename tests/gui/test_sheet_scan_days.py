"""「紙の受付表を読み取る」 for a multi-day event: a sheet printed for one day carries that day in
its page code and its ticks count for that day; when a page's code names no day, the volunteer
chooses it (today's day of the event to begin with)."""

from __future__ import annotations

import datetime as dt
import random

from PySide6.QtCore import Qt

from kyojo_desk.demo import load_demo
from kyojo_desk.gui import prompts
from kyojo_desk.gui.pages.reception_page import ReceptionPage
from kyojo_desk.printing.signin import render_signin
from tests.gui.conftest import on_db, wait_idle
from tests.sheet_scans import DrawnPage, cover, degrade, draw_mark, render_page, save_scan_pdf

SIGNED_UP = 5
TICKED = (0, 2)


def three_day_event(store, first: dt.date):
    """A three-day event from `first`, with SIGNED_UP people signed up."""
    if store.count_residents() < SIGNED_UP:
        load_demo(store, SIGNED_UP, seed=6)
    last = first + dt.timedelta(days=2)
    event = store.create_event(
        {
            "title": "ふるさと祭り",
            "kind": "exchange",
            "starts_at": f"{first}T10:00:00+09:00",
            "ends_at": f"{last}T16:00:00+09:00",
        }
    )
    store.sign_up(event.id, [r.id for r in store.list_residents()[:SIGNED_UP]])
    return event


def printed_and_scanned(context, tmp_path, event, day: str, *, page_code_lost=False):
    """The event's sheet printed for `day`, rows TICKED ticked, scanned as a PDF."""
    pdf = tmp_path / f"sheet-{day}.pdf"
    on_db(context, lambda store: render_signin(store, event.id, pdf, blank_rows=2, day=day))
    rng = random.Random(12)
    page = DrawnPage(render_page(pdf, 0, 300), 300)
    for slot in TICKED:
        draw_mark(page, slot, "tick", rng)
    if page_code_lost:  # e.g. torn off: the rows' codes still place the page
        cover(page.image, 170, 265, 22, 21, page.dpi)
    scan = tmp_path / f"scan-{day}.pdf"
    save_scan_pdf([degrade(page.image, rng, 300)], scan)
    return scan


def reception_on(qtbot, window, context, event) -> ReceptionPage:
    page = window.show_page(ReceptionPage)
    page.load_events()
    wait_idle(qtbot, context)
    assert page.current_event().id == event.id
    return page


def read(qtbot, reception, context, scan, monkeypatch):
    monkeypatch.setattr(prompts, "choose_open_paths", lambda *args: [str(scan)])
    qtbot.mouseClick(reception.scan_sheet_button, Qt.MouseButton.LeftButton)
    dialog = reception.open_dialog
    qtbot.mouseClick(dialog.files_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.scan is not None, timeout=60000)
    wait_idle(qtbot, context)
    return dialog


def save(qtbot, dialog, context):
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, context)
    assert not dialog.isVisible()
    return dialog.result


def days_of(context, event_id) -> dict[str, str]:
    rows = on_db(context, lambda store: store.list_attendance(event_id))
    return {a.resident_id: a.day for a in rows}


def test_a_day_2_sheet_checks_in_on_day_2_and_a_second_read_adds_nobody(
    qtbot, window, desk_context, tmp_path, monkeypatch
):
    event = on_db(desk_context, lambda store: three_day_event(store, dt.date(2026, 8, 1)))
    expected = on_db(desk_context, lambda store: store.expected_residents(event.id))
    scan = printed_and_scanned(desk_context, tmp_path, event, "2026-08-02")
    reception = reception_on(qtbot, window, desk_context, event)

    dialog = read(qtbot, reception, desk_context, scan, monkeypatch)
    assert dialog.scan.pages[0].day == "2026-08-02"
    assert not dialog.days_panel.isVisible()  # the sheet says its day: nothing to choose
    assert "8月2日" in dialog.page_picker.itemText(0)
    assert dialog.new_ticks == 2 and dialog.already_ticks == 0
    assert save(qtbot, dialog, desk_context).checked_in == 2
    assert days_of(desk_context, event.id) == {expected[slot].id: "2026-08-02" for slot in TICKED}

    again = read(qtbot, reception, desk_context, scan, monkeypatch)
    assert again.new_ticks == 0 and again.already_ticks == 2
    assert "✓ の方 0人を受付（受付済み 2人）" in again.summary.text()
    result = save(qtbot, again, desk_context)
    assert (result.checked_in, result.already) == (0, 2)
    assert len(days_of(desk_context, event.id)) == 2


def test_a_page_without_its_day_lets_the_volunteer_choose_today_first(
    qtbot, window, desk_context, tmp_path, monkeypatch
):
    today = dt.date.today()
    event = on_db(desk_context, lambda s: three_day_event(s, today - dt.timedelta(days=1)))
    expected = on_db(desk_context, lambda store: store.expected_residents(event.id))
    last_day = event.days[2]
    # Someone ticked on the sheet was already checked in at the desk on the last day.
    at_the_desk = f"{last_day}T11:00:00+09:00"
    on_db(desk_context, lambda s: s.check_in(event.id, expected[0].id, "card", at=at_the_desk))
    scan = printed_and_scanned(desk_context, tmp_path, event, last_day, page_code_lost=True)
    reception = reception_on(qtbot, window, desk_context, event)

    dialog = read(qtbot, reception, desk_context, scan, monkeypatch)
    assert dialog.scan.pages[0].read and dialog.scan.pages[0].day is None
    assert dialog.days_panel.isVisible()
    picker = dialog.day_pickers[event.id]
    assert [picker.itemData(i) for i in range(picker.count())] == event.days
    assert picker.currentData() == today.isoformat()  # today's day of the event
    assert picker.currentText().endswith("（2日目）")
    assert (dialog.new_ticks, dialog.already_ticks) == (2, 0)

    picker.setCurrentIndex(2)
    wait_idle(qtbot, desk_context)
    assert (dialog.new_ticks, dialog.already_ticks) == (1, 1)  # counted again for that day
    assert save(qtbot, dialog, desk_context).checked_in == 1
    assert days_of(desk_context, event.id) == {expected[slot].id: last_day for slot in TICKED}
