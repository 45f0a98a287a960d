"""Forms that forgive and feedback that is seen: each finding of a new volunteer's first day,
checked on the widgets and the Store."""

from __future__ import annotations

import datetime as dt
import random
import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton

from kyojo_desk.gui.context import DeskUser
from kyojo_desk.gui.pages.aid_requests_page import AidRequestsPage
from kyojo_desk.gui.pages.audit_page import AuditPage
from kyojo_desk.gui.pages.follow_ups_page import FollowUpsPage
from kyojo_desk.gui.pages.help_log_page import HelpLogPage
from kyojo_desk.gui.pages.print_page import PrintPage
from kyojo_desk.gui.pages.reception_page import ReceptionPage
from kyojo_desk.gui.pages.residents_page import ResidentsPage
from tests.conftest import consent
from tests.gui.conftest import on_db, reception_with_event, type_text, wait_idle


def person(context, **values):
    defaults = {
        "family_name": "高橋",
        "given_name": "花子",
        "family_reading": "たかはし",
        "given_reading": "はなこ",
        "district": "02",
        "phone": "0554-62-1111",
    }
    defaults.update(values)
    resident = on_db(
        context,
        lambda store: store.register_resident(defaults, consent(), allow_duplicate=True),
    )
    context.announce("residents")
    return resident


def volunteer_at_desk(context):
    volunteer = on_db(
        context, lambda store: store.add_volunteer("山田 一郎", "やまだ いちろう", ["concierge"])
    )
    context.set_user(DeskUser(volunteer.id, volunteer.name))
    context.announce("volunteers")
    return volunteer


def record_questions(monkeypatch, answer: bool) -> list[str]:
    from kyojo_desk.gui import prompts

    asked: list[str] = []

    def ask(parent, title, text, **kwargs):
        asked.append(text)
        return answer

    monkeypatch.setattr(prompts, "ask_yes_no", ask)
    return asked


# -- the registration form ---------------------------------------------------------------------


def test_a_filled_registration_form_is_not_lost_on_one_esc(
    qtbot, window, desk_context, monkeypatch
):
    page = window.page(ResidentsPage)
    dialog = page.register_new()
    dialog.show()
    type_text(qtbot, dialog.inputs["family_name"], "高橋")
    asked = record_questions(monkeypatch, answer=False)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert len(asked) == 1 and dialog.isVisible()  # kept: the volunteer chose to go back
    assert dialog.inputs["family_name"].text() == "高橋"
    asked = record_questions(monkeypatch, answer=True)
    dialog.reject()
    assert len(asked) == 1 and not dialog.isVisible()


def test_an_untouched_form_closes_without_a_question(qtbot, window, monkeypatch):
    dialog = window.page(ResidentsPage).register_new()
    dialog.show()
    asked = record_questions(monkeypatch, answer=False)
    dialog.reject()
    assert asked == [] and not dialog.isVisible()


def test_the_duplicate_dialog_names_the_district(qtbot, window, desk_context):
    from kyojo_desk.gui.dialogs.duplicate_dialog import DuplicateDialog
    from kyojo_desk.gui.models.resident_table_model import COL_DISTRICT

    resident = person(desk_context)
    dialog = window.page(ResidentsPage).register_new()
    captured = []

    def fake_exec(self):
        captured.append(self)
        return DuplicateDialog.BACK

    DuplicateDialog.exec_choice, original = fake_exec, DuplicateDialog.exec_choice
    try:
        from kyojo_desk.errors import DuplicateSuspected

        dialog._ask_about_duplicates(DuplicateSuspected("同じ方がいます", [resident]))
    finally:
        DuplicateDialog.exec_choice = original
    model = captured[0].model
    assert model.data(model.index(0, COL_DISTRICT)) == "大目"  # not the code 「02」


# -- importing a roster --------------------------------------------------------------------------


def test_a_file_that_is_not_a_roster_is_refused_unless_insisted(
    qtbot, window, desk_context, tmp_path, monkeypatch
):
    """A valid header over random text offered 「取り込む」 one click away."""
    from kyojo_desk.gui import prompts

    rng = random.Random(7)
    lines = ["氏名,ふりがな", "高橋 花子,たかはし はなこ"]
    lines += ["".join(rng.choice("abcxyz,;:!?0123 ") for _ in range(40)) for _ in range(400)]
    junk = tmp_path / "junk.csv"
    junk.write_text("\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.setattr(prompts, "choose_open_path", lambda *a: str(junk))
    asked = record_questions(monkeypatch, answer=False)
    page = window.page(ResidentsPage)
    page.import_roster()
    wait_idle(qtbot, desk_context)
    assert len(asked) == 1 and "名簿ではないよう" in asked[0]
    assert on_db(desk_context, lambda store: store.count_residents()) == 0
    # Insisting goes on to the usual question, and then imports.
    asked = record_questions(monkeypatch, answer=True)
    monkeypatch.setattr(prompts, "show_message", lambda *a, **k: None)
    page.import_roster()
    wait_idle(qtbot, desk_context)
    wait_idle(qtbot, desk_context)
    assert len(asked) == 2 and "取り込みますか" in asked[1]
    assert on_db(desk_context, lambda store: store.count_residents()) == 1


def test_an_import_shows_progress_with_a_busy_cursor_and_can_be_stopped(
    qtbot, window, desk_context, tmp_path, monkeypatch
):
    from PySide6.QtWidgets import QApplication

    from kyojo_desk.gui import prompts

    roster = tmp_path / "r.csv"
    rows = [f"山田 {i}郎,やまだ じろう,1950-01-{1 + i % 28:02d},上野原" for i in range(30)]
    roster.write_text("氏名,ふりがな,生年月日,地区\n" + "\n".join(rows) + "\n", encoding="utf-8")
    monkeypatch.setattr(prompts, "choose_open_path", lambda *a: str(roster))
    seen: dict = {}

    def ask(parent, title, text, **kwargs):
        seen["dialog"] = page.import_progress
        seen["cursor"] = QApplication.overrideCursor()
        return False

    monkeypatch.setattr(prompts, "ask_yes_no", ask)
    page = window.page(ResidentsPage)
    page.import_roster()
    assert page.import_progress is not None and page.import_progress.isVisible()
    assert QApplication.overrideCursor() is not None
    assert QApplication.overrideCursor().shape() == Qt.CursorShape.BusyCursor
    wait_idle(qtbot, desk_context)
    assert page.import_progress is None and QApplication.overrideCursor() is None
    # The progress bar's やめる is the import's cancel (which rolls it back, tested with the
    # roster import itself).
    monkeypatch.setattr(prompts, "show_message", lambda *a, **k: None)
    page.import_roster()
    cancel = page.import_cancel
    page.import_progress.findChild(QPushButton).click()  # its やめる
    assert cancel is not None and cancel.is_set()
    wait_idle(qtbot, desk_context)
    assert on_db(desk_context, lambda store: store.count_residents()) == 0


# -- the help log --------------------------------------------------------------------------------


def test_a_saved_help_session_says_so(qtbot, window, desk_context):
    volunteer_at_desk(desk_context)
    page = window.show_page(HelpLogPage)
    wait_idle(qtbot, desk_context)
    page.anonymous.setChecked(True)
    for group, value in ((page.topics, "LINE"), (page.minutes, "15"), (page.outcomes, "solved")):
        next(b for b in group.buttons() if b.property("value") == value).click()
    assert not page.saved_note.isVisible()
    page.save()
    wait_idle(qtbot, desk_context)
    assert page.saved_note.isVisible() and "記録しました" in page.saved_note.text()
    # The save button and the note stay below the scrolling form, always on the screen.
    assert page.save_button.parentWidget() is page


def test_the_name_typed_at_the_lock_is_not_asked_again(qtbot, window, desk_context, monkeypatch):
    """The volunteer typed a name at the lock, then had to pick themselves from a list."""
    from kyojo_desk.gui.dialogs.who_is_at_desk_dialog import WhoIsAtDeskDialog

    volunteer = on_db(
        desk_context, lambda store: store.add_volunteer("山田 一郎", "やまだ いちろう", [])
    )
    desk_context.announce("volunteers")
    page = window.show_page(HelpLogPage)
    wait_idle(qtbot, desk_context)
    monkeypatch.setattr(WhoIsAtDeskDialog, "exec", lambda self: pytest.fail("asked again"))
    desk_context.set_user(DeskUser(None, "山田一郎"))  # as typed at the lock, without the space
    assert desk_context.user.volunteer_id == volunteer.id
    assert "山田 一郎" in page.who.text()


# -- 共助 requests -------------------------------------------------------------------------------


def test_request_fields_have_labels_and_take_next_tuesday(qtbot, window, desk_context):
    person(desk_context)
    page = window.show_page(AidRequestsPage)
    labels = {label.text() for label in page.findChildren(QLabel)}
    assert {"依頼した方", "依頼の種類", "いつまでに", "くわしい内容"} <= labels
    type_text(qtbot, page.search, "たかはし")
    wait_idle(qtbot, desk_context)
    type_text(qtbot, page.needed_by.edit, "来週の火曜")
    today = dt.date.today()
    tuesday = today - dt.timedelta(days=today.weekday()) + dt.timedelta(days=8)
    assert (
        page.needed_by.preview.text() == f"→ {tuesday.year}年{tuesday.month}月{tuesday.day}日（火）"
    )
    page.create()
    wait_idle(qtbot, desk_context)
    [request] = on_db(desk_context, lambda store: store.list_aid_requests())
    assert request.needed_by == tuesday.isoformat()
    assert page.saved_note.isVisible() and "受け付けました" in page.saved_note.text()


def test_a_request_without_a_date_does_not_read_by_nothing(qtbot, window, desk_context):
    resident = person(desk_context)
    on_db(
        desk_context,
        lambda store: store.create_aid_request(
            {"resident_id": resident.id, "kind": "transport", "details": "病院への送迎"}
        ),
    )
    desk_context.announce("aid_requests")
    page = window.show_page(AidRequestsPage)
    wait_idle(qtbot, desk_context)
    text = page.list.item(0).text()
    assert "期限なし" in text and "までに" not in text


def test_done_and_cancel_ask_and_explain_when_nothing_is_chosen(
    qtbot, window, desk_context, monkeypatch
):
    resident = person(desk_context)
    on_db(
        desk_context,
        lambda store: store.create_aid_request({"resident_id": resident.id, "kind": "transport"}),
    )
    desk_context.announce("aid_requests")
    page = window.show_page(AidRequestsPage)
    wait_idle(qtbot, desk_context)
    asked = record_questions(monkeypatch, answer=False)
    page.list.setCurrentRow(-1)
    page.close_selected("done")
    assert asked == [] and page.error.isVisible() and "選んで" in page.error.text()
    page.list.setCurrentRow(0)
    page.close_selected("cancelled")
    wait_idle(qtbot, desk_context)
    assert len(asked) == 1 and "取り消し" in asked[0]
    assert on_db(desk_context, lambda store: store.list_aid_requests())[0].status == "open"


# -- reception -----------------------------------------------------------------------------------


def test_check_in_button_is_active_only_with_someone_chosen(qtbot, window, desk_context):
    person(desk_context)
    page, _event = reception_with_event(qtbot, window, desk_context, "サロン")
    assert not page.check_in_button.isEnabled()
    type_text(qtbot, page.name_search, "たかはし")
    wait_idle(qtbot, desk_context)
    assert page.results.count() == 1 and page.check_in_button.isEnabled()
    page.name_search.clear()
    wait_idle(qtbot, desk_context)
    assert not page.check_in_button.isEnabled()


def test_the_empty_event_list_names_the_button_there_is(qtbot, window, desk_context):
    page = window.show_page(ReceptionPage)
    page.load_events()
    wait_idle(qtbot, desk_context)
    assert f"「{page.create_event_button.text()}」" in page.event_picker.placeholderText()


def test_a_quiet_sound_marks_ok_and_attention_only_when_switched_on(
    qtbot, window, desk_context, monkeypatch
):
    from kyojo_desk.gui.sounds import SETTING

    page = window.show_page(ReceptionPage)
    played: list[str] = []

    class Effect:
        def __init__(self, cue):
            self.cue = cue

        def play(self):
            played.append(self.cue)

    monkeypatch.setattr(page.sounds, "effect", lambda cue: Effect(cue))
    page._show("ok", "✔", "受付しました")
    assert played == []  # off by default
    desk_context.settings.setValue(SETTING, "true")
    page._show("ok", "✔", "受付しました")
    page._show("attention", "！", "たしかめてください")
    page.show_idle()
    assert played == ["ok", "attention"]


def test_the_cues_are_two_different_short_tones(tmp_path):
    import wave

    from kyojo_desk.gui.sounds import write_cue

    lengths = {}
    for cue in ("ok", "attention"):
        with wave.open(str(write_cue(tmp_path / f"{cue}.wav", cue))) as sound:
            lengths[cue] = sound.getnframes() / sound.getframerate()
    assert 0.05 < lengths["ok"] < lengths["attention"] < 1.0


# -- controls under the style sheet --------------------------------------------------------------


def test_spin_boxes_keep_their_arrows_and_the_slider_is_long(qtbot, qapp):
    from pathlib import Path

    from PySide6.QtGui import QImage

    from kyojo_desk.gui.dialogs.settings_dialog import SettingsDialog
    from kyojo_desk.gui.theme import style_sheet

    sheet = style_sheet(100)
    for direction in ("up", "down"):
        path = re.search(rf"::{direction}-arrow {{\s*image: url\(([^)]+)\)", sheet).group(1)
        image = QImage(path)
        assert Path(path).exists() and not image.isNull()
        middle = image.pixelColor(image.width() // 2, image.height() // 2)
        assert middle.alpha() > 0  # a drawn triangle, not an empty picture
    dialog = SettingsDialog(100)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.slider.width() >= 200


# -- follow-ups ---------------------------------------------------------------------------------


def test_follow_ups_show_a_readable_date_the_phone_and_no_anonymous(qtbot, window, desk_context):
    volunteer = volunteer_at_desk(desk_context)
    resident = person(desk_context)
    yesterday = dt.date.today() - dt.timedelta(days=1)
    for resident_id in (resident.id, None):
        on_db(
            desk_context,
            lambda store, r=resident_id: store.log_help_session(
                {
                    "volunteer_id": volunteer.id,
                    "resident_id": r,
                    "topics": ["LINE"],
                    "minutes": 10,
                    "outcome": "continue",
                    "follow_up_due": yesterday.isoformat(),
                }
            ),
        )
    desk_context.announce("help_sessions")
    page = window.show_page(FollowUpsPage)
    page.reload()
    wait_idle(qtbot, desk_context)
    assert page.list.count() == 1  # the anonymous session cannot be followed up
    text = page.list.item(0).text()
    assert f"{yesterday.month}月{yesterday.day}日" in text and yesterday.isoformat() not in text
    assert "0554-62-1111" in text


# -- printing -----------------------------------------------------------------------------------


def test_cards_default_to_the_newest_and_the_preview_fits(qtbot, window, desk_context):
    from PySide6.QtGui import QColor, QImage

    page = window.show_page(PrintPage)
    assert page.recent_only.currentData() == 7
    tall = QImage(800, 4000, QImage.Format.Format_RGB32)
    tall.fill(QColor("white"))
    page.images = [tall]
    page.show_page(0)
    shown_size = page.preview.pixmap().size()
    room = page.preview_scroll.viewport().size()
    assert shown_size.height() <= room.height() and shown_size.width() <= room.width()


# -- small words and orders ----------------------------------------------------------------------


def test_merging_says_two_must_be_chosen_before_asking_the_pin(
    qtbot, window, desk_context, monkeypatch, coordinator_pin
):
    from kyojo_desk.gui import prompts

    messages = []
    monkeypatch.setattr(
        prompts, "show_message", lambda parent, title, text, *a: messages.append(text)
    )
    window.page(ResidentsPage)._merge_selected()
    assert messages and "2人" in messages[0]
    assert coordinator_pin["calls"] == []


def test_the_recovery_key_is_never_broken_mid_group(desk_context):
    from kyojo_desk.gui.app import recovery_lines

    key = "-".join(f"{i:04X}" for i in range(16))
    lines = recovery_lines(key).splitlines()
    assert len(lines) == 4 and all(len(line.split("-")) == 4 for line in lines)
    assert "-".join(lines) == key


def test_the_recovery_key_waits_while_practice_data_is_in(qtbot, window, desk_context, monkeypatch):
    from kyojo_desk.gui import app, prompts

    shown_keys = []
    monkeypatch.setattr(prompts, "show_message", lambda *a, **k: shown_keys.append(a))
    desk_context.taskman.store.recovery_key_pending = "AAAA-BBBB"
    on_db(desk_context, lambda store: store.set_meta("demo_data", "1"))
    app.show_recovery_key_once(window, desk_context)
    assert shown_keys == []
    on_db(desk_context, lambda store: store.set_meta("demo_data", "0"))
    app.show_recovery_key_once(window, desk_context)
    assert len(shown_keys) == 1


def test_wizard_steps_are_numbered_and_titled_large(qtbot):
    from kyojo_desk.gui.dialogs.first_run_wizard import FirstRunWizard
    from kyojo_desk.store.districts import default_districts

    wizard = FirstRunWizard(default_districts())
    qtbot.addWidget(wizard)
    wizard.show()
    heading = wizard.currentPage().findChild(QLabel, "step_title")
    assert heading.text().startswith("1/5") and heading.property("role") == "title"


def test_the_audit_title_stays_at_the_top(qtbot, window):
    page = window.show_page(AuditPage)
    title = page.layout().itemAt(0).widget()
    assert title.geometry().top() < 40


def test_the_sync_bar_speaks_of_the_server_not_of_registering(qtbot, window):
    assert "市のサーバーにつながっていません" in window.sync_status.status_label.text()


def test_a_pin_reason_keeps_its_sentences_apart(qtbot, window, desk_context, coordinator_pin):
    from kyojo_desk.gui.roles import require_coordinator

    require_coordinator(window, "名簿の書き出し")
    reason = coordinator_pin["calls"][0]["reason"]
    assert "\n" in reason and reason.endswith("はじめにPINを決めてください。")
