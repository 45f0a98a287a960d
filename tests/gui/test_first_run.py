"""The first-run wizard: centre, districts, PIN, optional server, practice data (removable)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableWidgetItem, QWizard

from kyojo_desk.gui.dialogs.first_run_wizard import FirstRunWizard
from kyojo_desk.gui.first_run import apply_answers, needs_first_run
from kyojo_desk.security import pin as pins
from tests.gui.conftest import on_db, type_text, wait_idle


def test_wizard_collects_everything_and_refuses_bad_pages(qtbot, window, desk_context):
    assert needs_first_run(desk_context)
    districts = on_db(desk_context, lambda store: store.list_districts())
    wizard = FirstRunWizard(districts, parent=window)
    qtbot.addWidget(wizard)
    wizard.show()
    assert not wizard.centre.isComplete()
    type_text(qtbot, wizard.centre.name, "上野原市 コミュニティセンター")
    type_text(qtbot, wizard.centre.phone, "0554-6")
    assert not wizard.centre.validatePage()  # a half phone number
    assert "電話番号" in wizard.centre.error.text()
    wizard.centre.phone.clear()
    type_text(qtbot, wizard.centre.phone, "０５５４－６２－３１１１")
    wizard.next()
    page = wizard.districts_page
    assert page.table.rowCount() == 9
    page.add_row(page.districts()[0])  # a second 01
    assert not page.validatePage()
    page.table.removeRow(9)
    page.table.setItem(8, 1, QTableWidgetItem("秋山地区"))
    wizard.next()
    type_text(qtbot, wizard.pin_page.pin, "2468")
    type_text(qtbot, wizard.pin_page.repeat, "2469")
    assert not wizard.pin_page.validatePage()
    wizard.pin_page.repeat.clear()
    type_text(qtbot, wizard.pin_page.repeat, "2468")
    wizard.next()
    type_text(qtbot, wizard.server.url, "http://127.0.0.1:9")
    assert not wizard.server.validatePage()  # an address without a code
    wizard.server.url.clear()
    wizard.next()
    wizard.demo_page.demo.setChecked(True)
    qtbot.mouseClick(
        wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton
    )  # 「完了」: what was typed is used, so closing asks nothing
    assert not wizard.isVisible()
    answers = wizard.answers()
    assert (answers.centre_name, answers.centre_phone, answers.pin) == (
        "上野原市 コミュニティセンター",
        "0554-62-3111",
        "2468",
    )
    assert answers.districts[8].name == "秋山地区" and answers.load_demo

    problems = on_db(desk_context, lambda store: apply_answers(store, answers))
    assert problems == []
    assert not needs_first_run(desk_context)
    assert on_db(desk_context, lambda store: store.get_meta("centre_phone")) == "0554-62-3111"
    assert on_db(desk_context, lambda store: pins.check_pin(store, "2468"))
    assert on_db(desk_context, lambda store: store.district_name("09")) == "秋山地区"
    assert on_db(desk_context, lambda store: store.count_residents()) == 300


def test_unreachable_server_is_reported_without_losing_the_rest(desk_context):
    from kyojo_desk.gui.dialogs.first_run_wizard import FirstRunAnswers
    from kyojo_desk.store.districts import default_districts

    answers = FirstRunAnswers(
        "センター", "", default_districts(), "1234", "http://127.0.0.1:9", "ABCD"
    )
    problems = on_db(desk_context, lambda store: apply_answers(store, answers))
    assert problems and "サーバー" in problems[0]
    assert on_db(desk_context, lambda store: store.get_meta("centre_name")) == "センター"


def test_demo_banner_shows_while_practice_data_is_in_and_removes_it(
    qtbot, window, desk_context, monkeypatch
):
    from kyojo_desk.demo import load_demo
    from kyojo_desk.gui import prompts
    from tests.conftest import consent

    assert not window.demo_banner.isVisible()
    on_db(desk_context, lambda store: load_demo(store, 20, 3))
    real = on_db(
        desk_context,
        lambda store: store.register_resident(
            {"family_name": "本物", "family_reading": "ほんもの"}, consent()
        ),
    )
    desk_context.announce("residents")
    wait_idle(qtbot, desk_context)
    assert window.demo_banner.isVisible()
    monkeypatch.setattr(prompts, "ask_yes_no", lambda *a, **k: True)
    window.remove_demo()
    wait_idle(qtbot, desk_context)
    wait_idle(qtbot, desk_context)
    assert not window.demo_banner.isVisible()
    assert [r.id for r in on_db(desk_context, lambda store: store.list_residents())] == [real.id]
