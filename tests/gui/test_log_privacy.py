"""The log of a whole session holds no names, readings, phones or birth dates."""

from __future__ import annotations

import logging
import subprocess
import sys

from PySide6.QtCore import Qt

from kyojo_desk.gui import prompts
from kyojo_desk.gui.dialogs.duplicate_dialog import DuplicateDialog
from kyojo_desk.gui.pages.residents_page import ResidentsPage
from kyojo_desk.logging_setup import configure_logging
from tests.gui.conftest import on_db, type_text, wait_idle

SECRETS = [
    "秘密山",
    "ひみつやま",
    "ヒミツヤマ",
    "花江",
    "はなえ",
    "0554-77-1234",
    "0554771234",
    "1948-03-02",
    "昭和23年3月2日",
    "漏洩川",
    "ろうえいがわ",
    "090-5555-6666",
    "1937-05-06",
    "東京",
]


def test_a_whole_session_logs_nothing_personal(
    qtbot, window, desk_context, data_dir, tmp_path, monkeypatch
):
    log_path = configure_logging(data_dir, logging.DEBUG)
    try:
        page = window.page(ResidentsPage)
        dialog = page.register_new()
        for name, text in {
            "family_name": "秘密山",
            "given_name": "花江",
            "family_reading": "ひみつやま",
            "given_reading": "はなえ",
            "birth_date": "昭和23年3月2日",
            "phone": "0554-77-1234",
        }.items():
            type_text(qtbot, dialog.inputs[name], text)
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)  # refused: no consent
        wait_idle(qtbot, desk_context)
        dialog.scopes["keep_record"].setChecked(True)
        type_text(qtbot, dialog.witness, "受付")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        wait_idle(qtbot, desk_context)
        assert on_db(desk_context, lambda store: store.count_residents()) == 1
        monkeypatch.setattr(DuplicateDialog, "exec_choice", lambda self: DuplicateDialog.BACK)
        again = page.register_new()  # a duplicate, refused
        for name, text in {
            "family_name": "秘密山",
            "family_reading": "ヒミツヤマ",
            "given_name": "花江",
            "given_reading": "ハナエ",
            "birth_date": "1948-03-02",
        }.items():
            type_text(qtbot, again.inputs[name], text)
        again.scopes["keep_record"].setChecked(True)
        type_text(qtbot, again.witness, "受付")
        qtbot.mouseClick(again.save_button, Qt.MouseButton.LeftButton)
        wait_idle(qtbot, desk_context)
        monkeypatch.setattr(prompts, "ask_yes_no", lambda *args, **kwargs: True)  # discard it
        again.reject()
        assert on_db(desk_context, lambda store: store.count_residents()) == 1
        page.search_box.clear()
        type_text(qtbot, page.search_box, "ひみつ")
        wait_idle(qtbot, desk_context)
        resident = page.model.resident_at(0)
        page.open_resident(resident.id)
        wait_idle(qtbot, desk_context)
        page.open_dialog.inputs["phone"].clear()
        type_text(qtbot, page.open_dialog.inputs["phone"], "090-5555-6666")
        qtbot.mouseClick(page.open_dialog.save_button, Qt.MouseButton.LeftButton)
        wait_idle(qtbot, desk_context)
        assert (
            on_db(desk_context, lambda store: store.get_resident(resident.id).phone)
            == "090-5555-6666"
        )
        roster = tmp_path / "roster.csv"
        roster.write_text(
            "氏名,ふりがな,生年月日,地区\n漏洩川 一,ろうえいがわ はじめ,1937-05-06,東京\n"
            "漏洩川 二,ろうえいがわ つぎ,1937-05-06,上野原\n",
            encoding="utf-8",
        )
        monkeypatch.setattr(prompts, "choose_open_path", lambda *a: str(roster))
        monkeypatch.setattr(prompts, "ask_yes_no", lambda *a, **k: True)
        monkeypatch.setattr(prompts, "show_message", lambda *a, **k: None)
        page.import_roster()
        wait_idle(qtbot, desk_context)
        names = on_db(desk_context, lambda store: [r.full_name for r in store.list_residents()])
        assert sorted(names) == ["漏洩川　二", "秘密山　花江"], names
    finally:
        logging.getLogger("kyojo_desk").handlers.clear()
    command = [sys.executable, "-m", "kyojo_desk", "--data-dir", str(tmp_path / "cli")]
    subprocess.run(
        [*command, "import", "residents", str(roster)], capture_output=True, timeout=60, check=True
    )
    subprocess.run(
        [*command, "search", "ろうえい", "--json"], capture_output=True, timeout=60, check=True
    )
    subprocess.run(
        [*command, "resident", "set", "missing", "phone=0554771234"],
        capture_output=True,
        timeout=60,
    )
    logs = log_path.read_text(encoding="utf-8") + (
        tmp_path / "cli" / "logs" / "kyojo.log"
    ).read_text(encoding="utf-8")
    assert "operation done" in logs and "resident registered" in logs and "command search" in logs
    for secret in SECRETS:
        assert secret not in logs, secret
