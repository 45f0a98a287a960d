"""担い手活動 in the window: an unknown code linked at reception and recognised afterwards, a
ふるさと住民 registered at the door (a minor without a guardian refused), the event dialog's
designation and days, and the pages of organisations and of a person's year."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from kyojo_desk.gui import prompts
from kyojo_desk.gui.pages.ninaite_page import NinaitePage
from kyojo_desk.gui.pages.organisations_page import OrganisationsPage
from kyojo_desk.gui.pages.reception_page import ReceptionPage
from kyojo_desk.records.ninaite import fiscal_year_of
from tests.gui.conftest import on_db, type_text, wait_idle
from tests.gui.test_reception_page import register, scan

TODAY = dt.date.today().isoformat()


@pytest.fixture
def event(desk_context):
    return on_db(
        desk_context,
        lambda store: store.create_event(
            {"title": "河川敷の清掃活動", "starts_at": f"{TODAY}T09:00", "ninaite_activity": True}
        ),
    )


@pytest.fixture
def page(qtbot, window, desk_context, event) -> ReceptionPage:
    reception = window.show_page(ReceptionPage)
    reception.load_events()
    wait_idle(qtbot, desk_context)
    assert reception.current_event().id == event.id
    return reception


def test_unknown_code_is_linked_once_then_recognised(qtbot, page, desk_context, event):
    person = register(desk_context, family_name="新井", family_reading="あらい")
    scan(qtbot, page, "FURUSATO-APP:0001", desk_context)
    assert page.mark_label.text() == "！"
    dialog = page.open_dialog
    assert dialog is not None and dialog.code == "FURUSATO-APP:0001"
    type_text(qtbot, dialog.search_box, "あらい")
    wait_idle(qtbot, desk_context)
    assert dialog.results.count() == 1
    qtbot.mouseClick(dialog.findChild(type(page.walk_in_button), "link"), Qt.MouseButton.LeftButton)
    wait_idle(qtbot, desk_context)
    assert page.open_dialog is None and page.mark_label.text() == "✔"
    assert page.name_label.text() == person.full_name
    assert on_db(desk_context, lambda s: s.external_codes_of(person.id)) == ["FURUSATO-APP:0001"]
    # Afterwards the code checks the person in at once (here: already today).
    scan(qtbot, page, "FURUSATO-APP:0001", desk_context)
    assert page.open_dialog is None
    assert page.status_label.text().startswith("もう受付済みです")
    rows = on_db(desk_context, lambda s: s.list_attendance(event.id))
    assert [a.resident_id for a in rows] == [person.id]


def test_furusato_at_the_door_and_a_minor_without_a_guardian(qtbot, page, desk_context, event):
    # From the walk-in dialog: someone who lives outside the city.
    qtbot.mouseClick(page.walk_in_button, Qt.MouseButton.LeftButton)
    walk_in = page.open_dialog
    qtbot.mouseClick(walk_in.findChild(QPushButton, "furusato"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.open_dialog is not None and page.open_dialog is not walk_in)
    dialog = page.open_dialog
    for name, text in (
        ("family_name", "山田"),
        ("given_name", "次郎"),
        ("family_reading", "やまだ"),
        ("given_reading", "じろう"),
        ("home_municipality", "東京都八王子市"),
    ):
        dialog.inputs[name].setText(text)
    dialog.is_minor.setChecked(True)
    dialog.consent.setChecked(True)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, desk_context)
    assert page.open_dialog is dialog
    assert dialog.errors["guardian_name"].isVisible()
    assert "保護者" in dialog.errors["guardian_consent"].text()
    assert on_db(desk_context, lambda s: s.count_residents()) == 0
    dialog.guardian_name.setText("山田 一郎")
    dialog.guardian_consent.setChecked(True)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, desk_context)
    assert page.open_dialog is None and page.mark_label.text() == "✔"
    [row] = on_db(desk_context, lambda s: s.list_attendance(event.id))
    person = on_db(desk_context, lambda s: s.get_resident(row.resident_id))
    assert person.kind == "related" and person.home_municipality == "東京都八王子市"
    assert person.is_minor and person.guardian_name == "山田 一郎"


def test_event_dialog_sets_the_designation_and_the_days(qtbot, page, desk_context, monkeypatch):
    organisation = on_db(
        desk_context,
        lambda s: s.create_organisation({"name": "上野原市消防団", "kind": "消防団"}),
    )
    dialog = page.create_event()
    wait_idle(qtbot, desk_context)
    assert not dialog.designated_by.isEnabled()
    dialog.title_input.setText("夜警")
    dialog.last_day.setDate(dialog.day.date().addDays(2))
    dialog.ninaite.setChecked(True)
    assert dialog.designated_by.isEnabled()
    dialog.designated_by.setCurrentIndex(dialog.designated_by.findData(organisation.id))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, desk_context)
    created = next(e for e in on_db(desk_context, lambda s: s.list_events()) if e.title == "夜警")
    assert created.designated_by == organisation.id and created.ninaite_activity
    assert len(created.days) == 3
    # Reception says which day it is taking.
    page.load_events(select_id=created.id)
    wait_idle(qtbot, desk_context)
    assert "1日目／全3日" in page.event_info.text()


def test_organisations_page_and_a_persons_year(qtbot, window, desk_context, event, monkeypatch):
    organisations = window.show_page(OrganisationsPage)
    organisations.name.setText("上野原東自治会")
    organisations.kind.setCurrentIndex(organisations.kind.findData("neighbourhood"))
    organisations.add()
    wait_idle(qtbot, desk_context)
    assert organisations.list.count() == 1
    assert "上野原東自治会（自治会）" in organisations.list.item(0).text()
    organisations.name.clear()
    organisations.add()
    wait_idle(qtbot, desk_context)
    assert organisations.error.isVisible() and organisations.list.count() == 1

    person = register(desk_context)
    on_db(desk_context, lambda s: s.check_in(event.id, person.id, "card"))
    ninaite = window.show_page(NinaitePage)
    ninaite.year.setValue(fiscal_year_of(dt.date.today()))
    ninaite.reload()
    wait_idle(qtbot, desk_context)
    assert ninaite.people.count() == 1 and "1回" in ninaite.people.item(0).text()
    ninaite.people.setCurrentRow(0)
    wait_idle(qtbot, desk_context)
    assert "1回" in ninaite.summary.text() and "あと2回" in ninaite.summary.text()
    assert (
        ninaite.activities.count() == 1 and "河川敷の清掃活動" in ninaite.activities.item(0).text()
    )
    saved = []
    monkeypatch.setattr(prompts, "choose_save_path", lambda *args: saved.append(args) or None)
    qtbot.mouseClick(ninaite.print_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, desk_context, timeout=30000)
    assert saved and saved[0][2].endswith(".pdf")


def test_paper_sheet_of_one_day_of_a_multi_day_event(qtbot, window, desk_context):
    """The sheet of day 1, entered on the last day, counts for day 1 (and only once)."""
    today = dt.date.today()
    first = today - dt.timedelta(days=2)
    festival = on_db(
        desk_context,
        lambda s: s.create_event(
            {
                "title": "夏まつり運営",
                "starts_at": f"{first}T09:00",
                "ends_at": f"{today}T17:00",
                "ninaite_activity": True,
            }
        ),
    )
    person = register(desk_context, family_name="阿部", family_reading="あべ")
    on_db(desk_context, lambda s: s.sign_up(festival.id, [person.id]))
    reception = window.show_page(ReceptionPage)
    reception.load_events(select_id=festival.id)
    wait_idle(qtbot, desk_context)
    assert "3日目／全3日" in reception.event_info.text()
    qtbot.mouseClick(reception.sheet_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, desk_context)
    dialog = reception.open_dialog
    assert dialog.chosen_day() == today.isoformat()  # the day being taken, by default
    dialog.day_choice.setCurrentIndex(0)
    rect = dialog.people.visualItemRect(dialog.people.item(0))
    qtbot.mouseClick(dialog.people.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, desk_context)
    [row] = on_db(desk_context, lambda s: s.list_attendance(festival.id))
    assert row.day == first.isoformat() and row.method == "sheet"


def test_print_page_makes_the_sheet_of_one_day(qtbot, window, desk_context):
    from pypdf import PdfReader

    from kyojo_desk.gui.pages.print_page import PrintPage
    from tests.gui.test_print_page import choose

    on_db(
        desk_context,
        lambda s: s.create_event(
            {
                "title": "夏まつり運営",
                "starts_at": "2026-08-01T09:00",
                "ends_at": "2026-08-03T17:00",
                "ninaite_activity": True,
            }
        ),
    )
    page = window.show_page(PrintPage)
    desk_context.announce("events")
    wait_idle(qtbot, desk_context)
    choose(page, "signin")
    assert page.sheet_day.count() == 3 and not page.sheet_day.isHidden()
    page.sheet_day.setCurrentIndex(1)
    page.make()
    wait_idle(qtbot, desk_context)
    text = PdfReader(page.pdf).pages[0].extract_text()
    assert "2026/08/02" in text and "2日目" in text
