"""Every dialog a volunteer types into asks before throwing a filled form away, whichever way it
is closed (Esc, やめる, the window's close button); an untouched one closes at once, and a saved
one closes without a question. Driven on real widgets, opened as the desk opens them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QPushButton, QWidget

from kyojo_desk.gui.pages.reception_page import ReceptionPage
from tests.gui.conftest import on_db, reception_with_event, type_text, wait_idle
from tests.gui.test_forms_forgive import person, record_questions

TODAY = dt.date.today().isoformat()


@pytest.fixture
def reception(qtbot, window, desk_context) -> ReceptionPage:
    page, event = reception_with_event(qtbot, window, desk_context, "ふれあいサロン")
    assert page.current_event().id == event.id
    return page


def open_event_dialog(qtbot, window, desk_context) -> QWidget:
    page = window.show_page(ReceptionPage)
    qtbot.mouseClick(page.create_event_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, desk_context)
    return page.open_dialog


def open_furusato_dialog(qtbot, window, desk_context) -> QWidget:
    page, _event = reception_with_event(qtbot, window, desk_context, "夏まつり")
    return page.register_furusato()


def open_walk_in_dialog(qtbot, window, desk_context) -> QWidget:
    open_furusato_dialog(qtbot, window, desk_context).close_saved()
    page = window.show_page(ReceptionPage)
    qtbot.mouseClick(page.walk_in_button, Qt.MouseButton.LeftButton)
    return page.open_dialog


def open_app_figure_dialog(qtbot, window, desk_context) -> QWidget:
    from kyojo_desk.gui.pages.dashboard_page import DashboardPage

    return window.show_page(DashboardPage).enter_app_figure()


def open_sheet_entry_dialog(qtbot, window, desk_context) -> QWidget:
    page, event = reception_with_event(qtbot, window, desk_context, "体操教室")
    resident = person(desk_context)
    on_db(desk_context, lambda store: store.sign_up(event.id, [resident.id]))
    qtbot.mouseClick(page.sheet_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, desk_context)
    return page.open_dialog


def open_consent_change_dialog(qtbot, window, desk_context) -> QWidget:
    from kyojo_desk.gui.pages.residents_page import ResidentsPage

    resident = person(desk_context)
    page = window.show_page(ResidentsPage)
    page.open_resident(resident.id)
    wait_idle(qtbot, desk_context)
    qtbot.mouseClick(page.open_dialog.change_consent_button, Qt.MouseButton.LeftButton)
    return page.consent_dialog


def open_first_run_wizard(qtbot, window, desk_context) -> QWidget:
    from kyojo_desk.gui.dialogs.first_run_wizard import FirstRunWizard

    wizard = FirstRunWizard([], parent=window)
    wizard.open()
    return wizard


def type_into(name: str) -> Callable:
    """Type a few characters into the dialog's text field `name`, as a volunteer would."""

    def fill(qtbot, dialog: QWidget) -> None:
        type_text(qtbot, dialog.findChild(QLineEdit, name), "上野原")

    return fill


def tick_the_first_name(qtbot, dialog: QWidget) -> None:
    rect = dialog.people.visualItemRect(dialog.people.item(0))
    qtbot.mouseClick(dialog.people.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


DIALOGS: dict[str, tuple[Callable, Callable]] = {
    "event": (open_event_dialog, type_into("title")),
    "furusato": (open_furusato_dialog, type_into("home_municipality")),
    "walk_in": (open_walk_in_dialog, type_into("family_name")),
    "app_figure": (open_app_figure_dialog, type_into("source")),
    "sheet_entry": (open_sheet_entry_dialog, tick_the_first_name),
    "first_run": (open_first_run_wizard, type_into("centre_name")),
    "consent_change": (open_consent_change_dialog, type_into("witness")),
}


def cancel_button(dialog: QWidget) -> QPushButton:
    from PySide6.QtWidgets import QWizard

    if isinstance(dialog, QWizard):
        return dialog.button(QWizard.WizardButton.CancelButton)
    return dialog.findChild(QPushButton, "cancel")


def shown_dialog(qtbot, window, desk_context, name: str) -> QWidget:
    dialog = DIALOGS[name][0](qtbot, window, desk_context)
    qtbot.waitUntil(dialog.isVisible)
    return dialog


@pytest.mark.parametrize("name", DIALOGS)
def test_a_filled_dialog_asks_on_esc_cancel_and_close(
    qtbot, window, desk_context, monkeypatch, name
):
    dialog = shown_dialog(qtbot, window, desk_context, name)
    DIALOGS[name][1](qtbot, dialog)
    asked = record_questions(monkeypatch, answer=False)  # 「入力にもどる」
    qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Escape)
    assert len(asked) == 1 and dialog.isVisible()
    qtbot.mouseClick(cancel_button(dialog), Qt.MouseButton.LeftButton)
    assert len(asked) == 2 and dialog.isVisible()
    dialog.close()  # the window's close button
    assert len(asked) == 3 and dialog.isVisible()
    assert "まだ保存されていません" in asked[0]
    asked = record_questions(monkeypatch, answer=True)  # 「消して閉じる」
    qtbot.mouseClick(cancel_button(dialog), Qt.MouseButton.LeftButton)
    assert len(asked) == 1 and not dialog.isVisible()


@pytest.mark.parametrize("name", DIALOGS)
def test_an_untouched_dialog_closes_without_a_question(
    qtbot, window, desk_context, monkeypatch, name
):
    dialog = shown_dialog(qtbot, window, desk_context, name)
    asked = record_questions(monkeypatch, answer=False)
    qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Escape)
    assert asked == [] and not dialog.isVisible()


def test_a_saved_event_closes_without_a_question(qtbot, window, desk_context, monkeypatch):
    dialog = open_event_dialog(qtbot, window, desk_context)
    type_text(qtbot, dialog.title_input, "スマホ教室")
    asked = record_questions(monkeypatch, answer=False)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, desk_context)
    assert asked == [] and not dialog.isVisible()
    titles = [e.title for e in on_db(desk_context, lambda s: s.events_on(dt.date.today()))]
    assert "スマホ教室" in titles


def test_a_saved_furusato_person_closes_without_a_question(
    qtbot, window, desk_context, monkeypatch
):
    dialog = open_furusato_dialog(qtbot, window, desk_context)
    for field, text in (
        ("family_name", "山田"),
        ("family_reading", "やまだ"),
        ("home_municipality", "東京都八王子市"),
    ):
        type_text(qtbot, dialog.inputs[field], text)
    dialog.consent.setChecked(True)
    asked = record_questions(monkeypatch, answer=False)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, desk_context)
    assert asked == [] and not dialog.isVisible()
    assert on_db(desk_context, lambda s: s.count_residents()) == 1


def test_names_typed_at_the_walk_in_go_on_to_the_furusato_form(
    qtbot, reception, desk_context, monkeypatch
):
    """Someone from outside the city: what was typed moves to the ふるさと住民 form without a
    question, and that form then asks before losing it."""
    qtbot.mouseClick(reception.walk_in_button, Qt.MouseButton.LeftButton)
    walk_in = reception.open_dialog
    type_text(qtbot, walk_in.inputs["family_name"], "山田")
    type_text(qtbot, walk_in.inputs["family_reading"], "やまだ")
    asked = record_questions(monkeypatch, answer=False)
    qtbot.mouseClick(walk_in.findChild(QPushButton, "furusato"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: reception.open_dialog is not None and reception.open_dialog is not walk_in
    )
    furusato = reception.open_dialog
    assert asked == [] and not walk_in.isVisible()
    assert furusato.inputs["family_name"].text() == "山田"
    assert furusato.inputs["family_reading"].text() == "やまだ"
    qtbot.keyClick(furusato.inputs["family_name"], Qt.Key.Key_Escape)
    assert len(asked) == 1 and furusato.isVisible()


def test_the_partner_and_request_forms_keep_what_was_typed_across_pages(
    qtbot, window, desk_context
):
    """The partner-organisation and 共助 request forms are part of their pages, not dialogs:
    going to another page and back loses nothing, so there is nothing to ask."""
    from kyojo_desk.gui.pages.aid_requests_page import AidRequestsPage
    from kyojo_desk.gui.pages.help_log_page import HelpLogPage
    from kyojo_desk.gui.pages.organisations_page import OrganisationsPage

    partners = window.show_page(OrganisationsPage)
    type_text(qtbot, partners.name, "上野原東自治会")
    requests = window.show_page(AidRequestsPage)
    type_text(qtbot, requests.details, "病院への送迎")
    type_text(qtbot, requests.needed_by.edit, "あした")
    window.show_page(HelpLogPage)
    wait_idle(qtbot, desk_context)
    assert window.show_page(OrganisationsPage).name.text() == "上野原東自治会"
    requests = window.show_page(AidRequestsPage)
    assert requests.details.text() == "病院への送迎"
    assert requests.needed_by.text() == "あした"


def fill_request(qtbot, page) -> None:
    type_text(qtbot, page.details, "病院への送迎")


def fill_partner(qtbot, page) -> None:
    type_text(qtbot, page.contact, "0554-62-0000")


def fill_volunteer(qtbot, page) -> None:
    type_text(qtbot, page.reading, "やまだ")


def choose_a_topic(qtbot, page) -> None:
    qtbot.mouseClick(page.topics.buttons()[0], Qt.MouseButton.LeftButton)


def page_forms() -> dict[str, tuple[str, Callable]]:
    return {
        "request": ("kyojo_desk.gui.pages.aid_requests_page.AidRequestsPage", fill_request),
        "partner": ("kyojo_desk.gui.pages.organisations_page.OrganisationsPage", fill_partner),
        "volunteer": ("kyojo_desk.gui.pages.volunteers_page.VolunteersPage", fill_volunteer),
        "help_session": ("kyojo_desk.gui.pages.help_log_page.HelpLogPage", choose_a_topic),
    }


def page_class(dotted: str) -> type:
    import importlib

    module, name = dotted.rsplit(".", 1)
    return getattr(importlib.import_module(module), name)


@pytest.mark.parametrize("name", page_forms())
def test_closing_the_window_asks_when_a_page_form_was_typed_into(
    qtbot, window, desk_context, monkeypatch, name
):
    """Typed into a page's form and not saved: closing the desk's window asks first; 「入力に
    もどる」 keeps the window open on that page with what was typed."""
    from kyojo_desk.gui.pages.reception_page import ReceptionPage

    del window._unsaved_input_holds_the_close  # the fixture's teardown override
    dotted, fill = page_forms()[name]
    page = window.show_page(page_class(dotted))
    wait_idle(qtbot, desk_context)
    fill(qtbot, page)
    window.show_page(ReceptionPage)
    asked = record_questions(monkeypatch, answer=False)
    window.close()
    assert len(asked) == 1 and window.isVisible()
    assert page.tr(page.title) in asked[0]
    assert window.stack.currentWidget() is page and page.unsaved_input()
    asked = record_questions(monkeypatch, answer=True)  # 「消して閉じる」
    window.close()
    assert len(asked) == 1 and not window.isVisible()


def test_closing_the_window_with_nothing_typed_asks_nothing(
    qtbot, window, desk_context, monkeypatch
):
    """The help log's device and time presets are not a session: nothing to ask."""
    from kyojo_desk.gui.pages.help_log_page import HelpLogPage

    del window._unsaved_input_holds_the_close  # the fixture's teardown override
    page = window.show_page(HelpLogPage)
    wait_idle(qtbot, desk_context)
    qtbot.mouseClick(page.devices.buttons()[0], Qt.MouseButton.LeftButton)
    asked = record_questions(monkeypatch, answer=False)
    window.close()
    assert asked == [] and not window.isVisible()
