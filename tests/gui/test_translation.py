"""The English translation: complete, compiled from the current source, and switched to by the
desk's language setting."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QTableView,
    QTableWidget,
    QWidget,
)

from kyojo_desk.errors import ValidationError
from kyojo_desk.gui.app import create_window
from kyojo_desk.gui.errors import error_text
from kyojo_desk.gui.i18n import configured_language, install_language, shown
from kyojo_desk.records.help import OUTCOME_LABELS
from kyojo_desk.text.wareki import parse_birth_date
from kyojo_desk.texts import message
from tests.gui.conftest import wait_idle

ROOT = Path(__file__).resolve().parents[2]
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
# Texts that are data, not the desk's own words: district names, people's names, the language
# names (each in its own language) and the text-size sample.
DATA_WIDGETS = {"district", "language", "language_label", "districts", "centre_name", "booklet"}
# An example of what to type may be Japanese on purpose (a reading is typed in kana).
EXAMPLE = re.compile(r"e\.g\. .*$", re.DOTALL)


@pytest.fixture
def english(qapp, monkeypatch) -> Iterator[None]:
    """English for this test: installed now (dialogs built alone) and for any window built."""
    monkeypatch.setenv("KYOJO_LANG", "en")
    assert install_language("en")
    yield
    install_language("ja")


def visible_texts(root: QWidget) -> list[tuple[str, str]]:
    """(widget, text) for every text a person sees or hears on `root`: captions, buttons,
    placeholders, tooltips, accessible names, group titles, combo items and table headers."""
    found: list[tuple[str, str]] = []

    def add(widget: QWidget, text: str) -> None:
        if text:
            found.append((f"{type(widget).__name__}#{widget.objectName()}", text))

    for widget in [root, *root.findChildren(QWidget)]:
        if widget.objectName() in DATA_WIDGETS:
            continue
        add(widget, widget.windowTitle() if widget.isWindow() else "")
        add(widget, widget.toolTip())
        add(widget, widget.accessibleName())
        if isinstance(widget, (QLabel, QAbstractButton)):
            add(widget, widget.text())
        elif isinstance(widget, QLineEdit):
            add(widget, widget.placeholderText())
        elif isinstance(widget, QGroupBox):
            add(widget, widget.title())
        elif isinstance(widget, QComboBox):
            for index in range(widget.count()):
                add(widget, widget.itemText(index))
        if isinstance(widget, QTableWidget):
            for column in range(widget.columnCount()):
                item = widget.horizontalHeaderItem(column)
                add(widget, item.text() if item else "")
        elif isinstance(widget, QTableView) and widget.model() is not None:
            model = widget.model()
            for column in range(model.columnCount()):
                add(widget, str(model.headerData(column, _horizontal()) or ""))
    return found


def _horizontal():
    from PySide6.QtCore import Qt

    return Qt.Orientation.Horizontal


def japanese_left(root: QWidget) -> list[tuple[str, str]]:
    return [
        (where, text)
        for where, text in visible_texts(root)
        if JAPANESE.search(EXAMPLE.sub("", text))
    ]


def test_catalogue_holds_every_marked_text_translated():
    """Every tr()/N_()/message() text of the source is in the .ts file, with a translation."""
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "update_translations.py"), "--check"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr[-3000:]


def test_compiled_catalogue_matches_the_ts_file(qapp):
    """The .qm the desk loads answers every translation of the committed .ts (not an older
    compilation)."""
    from PySide6.QtCore import QTranslator

    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import update_translations
    finally:
        sys.path.pop(0)
    i18n = ROOT / "resources" / "i18n"
    expected = update_translations.read_translations(i18n / "kyojo_desk_en.ts")
    compiled = QTranslator()
    assert compiled.load(str(i18n / "kyojo_desk_en.qm"))
    assert len(expected) > 600
    stale = {
        (context, source, comment): text
        for (context, source, comment), text in expected.items()
        if compiled.translate(context, source, comment or None) != text
    }
    assert stale == {}


def test_every_page_speaks_english(qtbot, desk_context, english):
    window = create_window(desk_context)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    wait_idle(qtbot, desk_context)
    assert window.windowTitle() == "Kyojo Desk"
    for row, page in enumerate(window.pages):
        window.navigation.setCurrentRow(row)
        wait_idle(qtbot, desk_context)
        assert not JAPANESE.search(window.navigation.item(row).text())
        assert japanese_left(page) == [], type(page).__name__
    assert japanese_left(window.menuBar()) == []
    assert [a.text() for a in window.menuBar().actions()] == ["Settings"]


def test_dialogs_speak_english(qtbot, desk_context, english):
    from kyojo_desk.gui.dialogs.event_dialog import EventDialog
    from kyojo_desk.gui.dialogs.resident_dialog import ResidentDialog
    from kyojo_desk.gui.dialogs.settings_dialog import SettingsDialog
    from kyojo_desk.gui.dialogs.walk_in_dialog import WalkInDialog

    dialogs = [
        ResidentDialog(districts=[], parent=None),
        SettingsDialog(120, language="en"),
        EventDialog(),
        WalkInDialog(),
    ]
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        assert japanese_left(dialog) == [], type(dialog).__name__


def test_domain_messages_are_shown_in_english(english):
    with pytest.raises(ValidationError) as refused:
        parse_birth_date("あした", "birth_date")
    assert error_text(refused.value).startswith("Cannot read the date of birth")
    assert shown(OUTCOME_LABELS["solved"]) == "Done"
    undone = message("取り消しました：{name}", name="名前なしの方")
    assert not JAPANESE.search(shown(undone))
    # A name is data: it passes through untranslated.
    assert "山田" in shown(message("取り消しました：{name}", name="山田 花子"))


def test_the_language_setting_switches_the_next_window(qtbot, desk_context):
    from kyojo_desk.gui.dialogs.settings_dialog import SettingsDialog

    dialog = SettingsDialog(100, language=configured_language(desk_context.settings))
    qtbot.addWidget(dialog)
    assert dialog.language.currentData() == "ja"
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    desk_context.set_language(dialog.chosen_language())
    assert configured_language(desk_context.settings) == "en"
    try:
        window = create_window(desk_context)
        qtbot.addWidget(window)
        assert window.windowTitle() == "Kyojo Desk"
        desk_context.set_language("ja")
        japanese = create_window(desk_context)
        qtbot.addWidget(japanese)
        assert japanese.windowTitle() == "共助デスク"
    finally:
        install_language("ja")


def test_unknown_language_falls_back_to_japanese(desk_context, monkeypatch):
    monkeypatch.setenv("KYOJO_LANG", "xx")
    assert configured_language(desk_context.settings) == "ja"
    monkeypatch.setenv("KYOJO_LANG", "en")
    assert configured_language(desk_context.settings) == "en"


def test_a_refused_form_shows_its_field_messages_in_english(qtbot, english):
    """The messages beside the fields of a refused walk-in come from the domain in Japanese and
    are shown translated, the wrong field outlined and focused."""
    from kyojo_desk.gui.dialogs.walk_in_dialog import WalkInDialog
    from kyojo_desk.records.resident import clean_resident_fields

    dialog = WalkInDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    try:
        clean_resident_fields({"family_name": "", "family_reading": "abc"}, partial=True)
    except ValidationError as refused:
        dialog.save_failed(refused)
    else:
        raise AssertionError("an empty walk-in was accepted")
    shown_messages = [label.text() for label in dialog.errors.values() if label.isVisible()]
    assert shown_messages and all(not JAPANESE.search(text) for text in shown_messages)
    assert dialog.inputs["family_name"].property("invalid") is True
