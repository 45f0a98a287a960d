"""Quick entry of help sessions, the follow-up list, 共助 requests, volunteers and the dashboard."""

from __future__ import annotations

import datetime as dt

from openpyxl import load_workbook
from PySide6.QtCore import Qt

from kyojo_desk.gui.context import DeskUser
from kyojo_desk.gui.pages.aid_requests_page import AidRequestsPage
from kyojo_desk.gui.pages.dashboard_page import DashboardPage
from kyojo_desk.gui.pages.follow_ups_page import FollowUpsPage
from kyojo_desk.gui.pages.help_log_page import HelpLogPage
from kyojo_desk.gui.pages.volunteers_page import VolunteersPage
from tests.conftest import consent
from tests.gui.conftest import on_db, type_text, wait_idle


def setup(context):
    volunteer = on_db(
        context, lambda store: store.add_volunteer("山田 一郎", "やまだ いちろう", ["concierge"])
    )
    resident = on_db(
        context,
        lambda store: store.register_resident(
            {
                "family_name": "高橋",
                "given_name": "花子",
                "family_reading": "たかはし",
                "given_reading": "はなこ",
            },
            consent(),
        ),
    )
    context.set_user(DeskUser(volunteer.id, volunteer.name))
    context.announce("volunteers", "residents")
    return volunteer, resident


def click_value(qtbot, group, value):
    button = next(b for b in group.buttons() if b.property("value") == value)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_quick_entry_toggles_topics_saves_and_lists_today(qtbot, window, desk_context):
    volunteer, resident = setup(desk_context)
    page = window.show_page(HelpLogPage)
    wait_idle(qtbot, desk_context)
    assert "山田 一郎" in page.who.text()
    type_text(qtbot, page.search, "たかはし")
    wait_idle(qtbot, desk_context)
    qtbot.mouseClick(
        page.results.viewport(),
        Qt.MouseButton.LeftButton,
        pos=page.results.visualItemRect(page.results.item(0)).center(),
    )
    assert "高橋" in page.chosen.text()
    click_value(qtbot, page.topics, "LINE")
    click_value(qtbot, page.topics, "カメラ・写真")
    click_value(qtbot, page.topics, "カメラ・写真")  # toggled off again
    click_value(qtbot, page.topics, "設定")
    click_value(qtbot, page.devices, "raku_raku")
    click_value(qtbot, page.minutes, "15")
    click_value(qtbot, page.outcomes, "continue")
    assert page.follow_up.isEnabled()
    type_text(qtbot, page.note, "次は写真の送り方")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, desk_context)
    sessions = on_db(desk_context, lambda store: store.help_sessions_on(dt.date.today()))
    assert len(sessions) == 1
    session = sessions[0]
    assert (
        session.topics == ["LINE", "設定"]
        and session.minutes == 15
        and session.device == "raku_raku"
    )
    assert session.resident_id == resident.id and session.volunteer_id == volunteer.id
    assert session.follow_up_due == (dt.date.today() + dt.timedelta(days=7)).isoformat()
    assert page.today.count() == 1 and "高橋" in page.today.item(0).text()
    assert not any(b.isChecked() for b in page.topics.buttons())  # ready for the next person


def test_quick_entry_refuses_without_a_person_or_an_outcome(qtbot, window, desk_context):
    setup(desk_context)
    page = window.show_page(HelpLogPage)
    wait_idle(qtbot, desk_context)
    click_value(qtbot, page.topics, "LINE")
    page.save()
    assert "匿名" in page.error.text()
    page.anonymous.setChecked(True)
    page.save()
    wait_idle(qtbot, desk_context)
    assert "時間" in page.error.text() and "結果" in page.error.text()
    assert on_db(desk_context, lambda store: store.help_sessions_on(dt.date.today())) == []


def test_follow_up_list_shows_due_and_overdue_and_closes(qtbot, window, desk_context):
    volunteer, resident = setup(desk_context)
    for due in (
        (dt.date.today() - dt.timedelta(days=3)).isoformat(),
        dt.date.today().isoformat(),
        "2999-01-01",
    ):
        on_db(
            desk_context,
            lambda store, d=due: store.log_help_session(
                {
                    "volunteer_id": volunteer.id,
                    "resident_id": resident.id,
                    "topics": ["LINE"],
                    "minutes": 10,
                    "outcome": "continue",
                    "follow_up_due": d,
                }
            ),
        )
    desk_context.announce("help_sessions")
    page = window.show_page(FollowUpsPage)
    wait_idle(qtbot, desk_context)
    assert page.list.count() == 2
    assert page.list.item(0).text().startswith("！期限切れ")
    page.list.setCurrentRow(0)
    qtbot.mouseClick(page.close_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, desk_context)
    assert page.list.count() == 1
    assert len(on_db(desk_context, lambda store: store.follow_ups())) == 1


def test_aid_request_goes_from_open_to_done(qtbot, window, desk_context, monkeypatch):
    from kyojo_desk.gui import prompts

    monkeypatch.setattr(prompts, "ask_yes_no", lambda *args, **kwargs: True)
    volunteer, resident = setup(desk_context)
    page = window.show_page(AidRequestsPage)
    type_text(qtbot, page.search, "たかはし")
    wait_idle(qtbot, desk_context)
    page.kind.setCurrentIndex(page.kind.findData("shopping"))
    type_text(qtbot, page.details, "米10kgを運ぶ")
    page.create()
    wait_idle(qtbot, desk_context)
    assert page.list.count() == 1 and "受付中" in page.list.item(0).text()
    page.list.setCurrentRow(0)
    page.volunteer.setCurrentIndex(page.volunteer.findData(volunteer.id))
    page.match()
    wait_idle(qtbot, desk_context)
    assert "マッチ済み" in page.list.item(0).text() and "山田" in page.list.item(0).text()
    page.list.setCurrentRow(0)
    page.close_selected("done")
    wait_idle(qtbot, desk_context)
    assert page.list.count() == 0
    requests = on_db(desk_context, lambda store: store.list_aid_requests(("done",)))
    assert requests[0].kind == "shopping" and requests[0].matched_volunteer_id == volunteer.id


def test_volunteer_roster_add_and_training(qtbot, window, desk_context):
    page = window.show_page(VolunteersPage)
    type_text(qtbot, page.name, "佐藤 花")
    type_text(qtbot, page.reading, "さとう はな")
    page.roles["digital_supporter"].setChecked(True)
    page.add()
    wait_idle(qtbot, desk_context)
    assert page.list.count() == 1
    page.list.setCurrentRow(0)
    page.record_training()
    wait_idle(qtbot, desk_context)
    volunteer = on_db(desk_context, lambda store: store.list_volunteers())[0]
    assert (
        volunteer.roles == ["digital_supporter"]
        and volunteer.trained_as_concierge_on == dt.date.today().isoformat()
    )


def test_dashboard_shows_numbers_and_exports(qtbot, window, desk_context, tmp_path, monkeypatch):
    from kyojo_desk.gui import prompts

    volunteer, resident = setup(desk_context)
    on_db(
        desk_context,
        lambda store: store.log_help_session(
            {
                "volunteer_id": volunteer.id,
                "resident_id": resident.id,
                "topics": ["LINE"],
                "minutes": 10,
                "outcome": "solved",
            }
        ),
    )
    page = window.show_page(DashboardPage)
    desk_context.announce("help_sessions")
    wait_idle(qtbot, desk_context)
    assert page.numbers["help_sessions"].text() == "1"
    assert page.numbers["new_residents"].text() == "1"
    assert page.chart.bars == [("LINE", 1)]
    target = tmp_path / "kpi.xlsx"
    monkeypatch.setattr(prompts, "choose_save_path", lambda *a: str(target))
    monkeypatch.setattr(prompts, "show_message", lambda *a, **k: None)
    qtbot.mouseClick(page.xlsx_button, Qt.MouseButton.LeftButton)
    rows = list(load_workbook(target).active.iter_rows(values_only=True))
    assert ("主な数字", "相談の件数", 1) in rows


def test_volunteer_with_a_bad_reading_is_refused_beside_the_form(qtbot, window, desk_context):
    page = window.show_page(VolunteersPage)
    type_text(qtbot, page.name, "山田 一郎")
    type_text(qtbot, page.reading, "yamada")
    page.add()
    wait_idle(qtbot, desk_context)
    assert "ふりがな" in page.error.text() and not page.error.isHidden()
    assert on_db(desk_context, lambda store: store.list_volunteers()) == []


def test_a_long_choice_is_broken_in_two_at_its_natural_break(qapp):
    """A long topic or device stands on two lines (a compact target beside the others), broken
    where a reader would break it: after ・ or a slash, before a bracket, else at a space."""
    from PySide6.QtGui import QFont, QFontMetrics

    from kyojo_desk.gui.pages.help_log_page import balanced_label
    from kyojo_desk.gui.theme import FONT_FAMILY, load_fonts

    load_fonts()
    font = QFont(FONT_FAMILY)
    font.setPointSize(13)
    metrics = QFontMetrics(font)
    assert balanced_label("LINE", metrics) == "LINE"
    assert balanced_label("らくらくスマホ", metrics) == "らくらくスマホ"
    assert (
        balanced_label("マイナンバーカード・マイナポータル", metrics)
        == "マイナンバーカード・\nマイナポータル"
    )
    assert balanced_label("My Number Card / Mynaportal", metrics) == "My Number Card /\nMynaportal"
    assert balanced_label("Mobile phone (flip phone)", metrics) == "Mobile phone\n(flip phone)"
    assert balanced_label("Refer to specialist", metrics) == "Refer to\nspecialist"
