"""Changing a resident's consent scopes in the window: the coordinator's 「同意の項目を変える…」 in
the resident dialog, with who witnessed the paper form and a plain confirmation; the same change,
audit entry and sync as `kyojo-desk resident consent`."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from shiboken6 import isValid

from kyojo_desk.cli import main
from kyojo_desk.gui import prompts
from kyojo_desk.gui.context import DeskUser
from kyojo_desk.gui.pages.residents_page import ResidentsPage
from kyojo_desk.records.resident import Consent
from kyojo_desk.security import pin as pins
from kyojo_desk.store.consent_scopes import current_scopes
from kyojo_desk.store.districts import District
from kyojo_desk.sync.engine import sync_once
from tests.conftest import UENOHARA_DISTRICTS
from tests.gui.conftest import on_db, type_text, wait_idle
from tests.gui.test_sync_gui import enroll_window_desk, other_desk, server  # noqa: F401

PERSON = {
    "family_name": "同意",
    "given_name": "変子",
    "family_reading": "どうい",
    "given_reading": "かわこ",
    "phone": "0554-63-9191",
    "notes": "市に送らないメモQXZ",
    "district": "01",
}
TRACES = ["同意", "変子", "どうい", "0554-63-9191", "市に送らないメモQXZ"]


def register(store, scopes: list[str], values: dict | None = None) -> str:
    if not store.list_districts():
        store.replace_districts([District(d.code, d.name, d.reading) for d in UENOHARA_DISTRICTS])
    consent = Consent(scopes=scopes, method="signed_paper", witnessed_by="受付 花子")
    return store.register_resident(dict(values or PERSON), consent, allow_duplicate=True).id


def answer_questions(monkeypatch, answer: bool = True) -> list[tuple[str, str]]:
    """Answer every yes/no question with `answer`; the questions asked are returned."""
    asked: list[tuple[str, str]] = []

    def ask(parent, title, text, yes=None, no=None):
        asked.append((title, text))
        return answer

    monkeypatch.setattr(prompts, "ask_yes_no", ask)
    return asked


def open_dialog(qtbot, window, desk_context, resident_id: str):
    desk_context.set_user(DeskUser(None, "受付 太郎"))
    page = window.show_page(ResidentsPage)
    page.open_resident(resident_id)
    wait_idle(qtbot, desk_context)
    return page, page.open_dialog


def change_in_window(qtbot, page, dialog, scope: str, witness: str, *, verbal: bool = False):
    """Press 「同意の項目を変える…」, choose `scope`, type the witness and press 「変える」.
    Returns the consent dialog (deleted once it closed) and the text of the chosen scope."""
    qtbot.mouseClick(dialog.change_consent_button, Qt.MouseButton.LeftButton)
    change = page.consent_dialog
    assert change.isVisible()
    change.choices[scope].click()
    choice_text = change.choices[scope].text()
    if verbal:
        change.findChild(type(change.choices[scope]), "method_verbal").click()
    if witness:
        type_text(qtbot, change.witness, witness)
    qtbot.mouseClick(change.save_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, page.desk_context)
    return change, choice_text


def consent_audit(context, resident_id: str) -> list[tuple[str, str]]:
    return [
        (entry.detail, entry.desk_user)
        for entry in on_db(context, lambda store: store.list_audit())
        if entry.action == "changed_consent" and entry.target_id == resident_id
    ]


def test_add_then_withdraw_sharing_from_the_dialog(qtbot, window, desk_context, monkeypatch):
    person = on_db(desk_context, lambda store: register(store, ["keep_record"]))
    page, dialog = open_dialog(qtbot, window, desk_context, person)
    assert dialog.sharing.text().startswith("市と共有：していない")
    assert dialog.scopes_given.text() == "同意している項目：記録を残す（必須）"
    asked = answer_questions(monkeypatch)

    change, choice = change_in_window(qtbot, page, dialog, "share_with_city", "証人 三郎")
    assert choice == "「市と共有する」に同意する（いまは同意なし）"
    assert on_db(desk_context, lambda s: current_scopes(s, person)) == [
        "keep_record",
        "share_with_city",
    ]
    assert "市と共有します" in asked[0][1] and "確認した人：証人 三郎" in asked[0][1]
    assert not isValid(change)  # closed once the change was written
    assert dialog.isVisible() and dialog.sharing.text().startswith("市と共有：している")
    assert "市と共有する" in dialog.scopes_given.text()

    _, choice = change_in_window(qtbot, page, dialog, "share_with_city", "証人 四郎", verbal=True)
    assert choice == "「市と共有する」をやめる（いまは同意あり）"
    withdrawal = asked[1][1]
    assert "市のサーバーとほかの端末から消えます" in withdrawal
    assert "この端末の記録はそのまま残ります" in withdrawal
    assert on_db(desk_context, lambda s: current_scopes(s, person)) == ["keep_record"]
    assert dialog.sharing.text().startswith("市と共有：していない")
    consents = on_db(desk_context, lambda s: s.consents_of(person))
    latest = [c for c in consents if not c.withdrawn_on]
    assert [(c.witnessed_by, c.method) for c in latest] == [("証人 四郎", "verbal")]
    assert len(consents) == 3  # the earlier consents are kept, marked withdrawn
    # The audit entries are the command's: action, detail and who was at the desk.
    assert consent_audit(desk_context, person) == [
        ("-share_with_city", "受付 太郎"),
        ("+share_with_city", "受付 太郎"),
    ]
    # Other scopes work the same way; the record itself stays whole.
    change_in_window(qtbot, page, dialog, "photos", "証人 三郎")
    assert on_db(desk_context, lambda s: current_scopes(s, person)) == ["keep_record", "photos"]
    assert on_db(desk_context, lambda s: s.get_resident(person).phone) == PERSON["phone"]


def test_the_witness_is_required(qtbot, window, desk_context, monkeypatch):
    person = on_db(desk_context, lambda store: register(store, ["keep_record"]))
    page, dialog = open_dialog(qtbot, window, desk_context, person)
    asked = answer_questions(monkeypatch)
    change, _ = change_in_window(qtbot, page, dialog, "share_with_city", "")
    assert change.isVisible()
    assert change.witness_error.isVisible()
    assert change.witness_error.text() == "紙の同意書を確認した人の名前を入力してください。"
    assert asked == []  # nothing is confirmed before the form is complete
    type_text(qtbot, change.witness, "   ")
    qtbot.mouseClick(change.save_button, Qt.MouseButton.LeftButton)
    assert change.witness_error.isVisible() and asked == []
    assert on_db(desk_context, lambda s: current_scopes(s, person)) == ["keep_record"]
    assert consent_audit(desk_context, person) == []


def test_a_choice_is_required(qtbot, window, desk_context, monkeypatch):
    person = on_db(desk_context, lambda store: register(store, ["keep_record"]))
    page, dialog = open_dialog(qtbot, window, desk_context, person)
    asked = answer_questions(monkeypatch)
    qtbot.mouseClick(dialog.change_consent_button, Qt.MouseButton.LeftButton)
    change = page.consent_dialog
    type_text(qtbot, change.witness, "証人 三郎")
    qtbot.mouseClick(change.save_button, Qt.MouseButton.LeftButton)
    assert change.choice_error.isVisible() and asked == []
    assert "keep_record" not in change.choices  # erasure is the 本人の権利 menu's, not this
    assert on_db(desk_context, lambda s: current_scopes(s, person)) == ["keep_record"]


def test_the_coordinator_pin_is_required(qtbot, window, desk_context, monkeypatch, coordinator_pin):
    person = on_db(desk_context, lambda store: register(store, ["keep_record", "share_with_city"]))
    on_db(desk_context, lambda store: pins.set_pin(store, "1357"))
    coordinator_pin["answers"] = [None]  # the PIN dialog is cancelled
    page, dialog = open_dialog(qtbot, window, desk_context, person)
    qtbot.mouseClick(dialog.change_consent_button, Qt.MouseButton.LeftButton)
    assert len(coordinator_pin["calls"]) == 1
    assert "同意の項目を変える" in coordinator_pin["calls"][0]["reason"]
    assert getattr(page, "consent_dialog", None) is None
    coordinator_pin["answers"] = ["0000", None]  # a wrong PIN, then cancelled
    qtbot.mouseClick(dialog.change_consent_button, Qt.MouseButton.LeftButton)
    assert coordinator_pin["calls"][-1]["error"] == "PINがちがいます。"
    assert getattr(page, "consent_dialog", None) is None
    assert on_db(desk_context, lambda s: current_scopes(s, person)) == [
        "keep_record",
        "share_with_city",
    ]
    coordinator_pin["answers"] = ["1357"]
    qtbot.mouseClick(dialog.change_consent_button, Qt.MouseButton.LeftButton)
    assert page.consent_dialog.isVisible()


def test_cancel_changes_nothing(qtbot, window, desk_context, monkeypatch):
    person = on_db(desk_context, lambda store: register(store, ["keep_record", "share_with_city"]))
    page, dialog = open_dialog(qtbot, window, desk_context, person)
    before = on_db(desk_context, lambda s: (s.consents_of(person), s.pending_changes()))
    asked = answer_questions(monkeypatch, answer=False)  # 「もどる」 at the confirmation
    change, _ = change_in_window(qtbot, page, dialog, "share_with_city", "証人 三郎")
    assert len(asked) == 1 and change.isVisible() and change.save_button.isEnabled()
    cancel = change.findChild(type(change.save_button), "cancel")
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    # What was chosen and typed is not thrown away without a question: 「入力にもどる」 …
    assert len(asked) == 2 and change.isVisible()
    asked = answer_questions(monkeypatch, answer=True)  # … then 「消して閉じる」
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, desk_context)
    assert len(asked) == 1 and not isValid(change)
    assert on_db(desk_context, lambda s: (s.consents_of(person), s.pending_changes())) == before
    assert consent_audit(desk_context, person) == []
    assert dialog.sharing.text().startswith("市と共有：している")
    # What was typed in the closed consent dialog is not an unsaved edit of the person.
    dialog.reject()
    assert not dialog.isVisible() and len(asked) == 1


def test_a_withdrawal_from_the_window_reaches_the_server_as_the_command_s_does(
    qtbot,
    window,
    desk_context,
    server,  # noqa: F811
    other_desk,  # noqa: F811
    monkeypatch,
    tmp_path: Path,
):
    """The window's withdrawal and `kyojo-desk resident consent --remove` (on another desk)
    leave the same on the server and the other desks: only the stub."""
    enroll_window_desk(qtbot, window, server)
    in_window = on_db(desk_context, lambda s: register(s, ["keep_record", "share_with_city"]))
    by_command = register(
        other_desk,
        ["keep_record", "share_with_city"],
        {**PERSON, "family_name": "命令", "phone": "0554-63-8282"},
    )
    on_db(desk_context, sync_once)
    sync_once(other_desk)
    on_db(desk_context, sync_once)
    assert on_db(desk_context, lambda s: s.search_residents("どうい")) != []

    page, dialog = open_dialog(qtbot, window, desk_context, in_window)
    answer_questions(monkeypatch)
    change_in_window(qtbot, page, dialog, "share_with_city", "証人 四郎")
    argv = ["--data-dir", str(tmp_path / "other"), "resident", "consent", by_command]
    assert main([*argv, "--remove", "share_with_city", "--witness", "証人 四郎"]) == 0
    on_db(desk_context, sync_once)
    sync_once(other_desk)

    residents = server.storage.rows("default", "residents")
    stub = {"district", "kind", "deleted", "merged_into"}
    assert set(residents[in_window]) <= stub and set(residents[by_command]) <= stub
    assert set(residents[in_window]) == set(residents[by_command])
    text = repr(
        {table: server.storage.rows("default", table) for table in ("residents", "consents")}
    )
    assert not [trace for trace in [*TRACES, "証人 四郎"] if trace in text]
    # The other desk keeps only the stub of the person withdrawn in the window …
    assert [r.id for r in other_desk.search_residents("どうい")] == [by_command]
    assert other_desk.get_row("residents", in_window)["district"] == "01"
    # … and the window's desk only the stub of the one withdrawn by the command.
    on_db(desk_context, sync_once)
    assert on_db(desk_context, lambda s: [r.id for r in s.search_residents("どうい")]) == [
        in_window
    ]
    assert on_db(desk_context, lambda s: s.get_resident(in_window).notes) == PERSON["notes"]
    by_the_command = [
        e.detail
        for e in other_desk.list_audit()
        if e.action == "changed_consent" and e.target_id == by_command
    ]
    assert by_the_command == [d for d, _ in consent_audit(desk_context, in_window)]
