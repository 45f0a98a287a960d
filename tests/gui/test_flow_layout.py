"""Rows of buttons wrap instead of widening the window (200 % text, longer languages)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QPushButton, QWidget

from kyojo_desk.gui.app import create_window
from kyojo_desk.gui.flow_layout import flow_row
from kyojo_desk.gui.i18n import install_language
from kyojo_desk.gui.theme import apply_theme

# A laptop screen at 200 % text must still hold the whole window (1920 wide, less a margin).
WIDEST_WINDOW = 1700


def test_a_flow_row_is_one_line_when_wide_and_wraps_when_narrow(qtbot):
    holder = QWidget()
    qtbot.addWidget(holder)
    buttons = [QPushButton(f"button number {n}") for n in range(4)]
    row = flow_row(*buttons)
    holder.setLayout(row)
    widest = max(button.sizeHint().width() for button in buttons)
    assert row.minimumSize().width() == widest
    assert row.sizeHint().width() >= sum(button.sizeHint().width() for button in buttons)

    holder.resize(row.sizeHint().width() + 20, 200)
    holder.show()
    qtbot.waitUntil(lambda: buttons[3].geometry().x() > 0)
    assert len({button.geometry().y() for button in buttons}) == 1
    one_line = row.heightForWidth(row.sizeHint().width())

    holder.resize(widest + 10, 400)
    qtbot.waitUntil(lambda: buttons[1].geometry().y() > buttons[0].geometry().y())
    assert all(button.geometry().right() <= widest + 10 for button in buttons)
    assert row.heightForWidth(widest + 10) > one_line


def test_hidden_items_take_no_room(qtbot):
    holder = QWidget()
    qtbot.addWidget(holder)
    shown, hidden = QPushButton("shown"), QPushButton("a hidden button with a long text")
    row = flow_row(shown, hidden)
    holder.setLayout(row)
    hidden.hide()
    assert row.minimumSize().width() < hidden.sizeHint().width()
    assert row.sizeHint().width() == shown.sizeHint().width()


@pytest.mark.parametrize("language", ["ja", "en"])
def test_the_window_fits_a_laptop_screen_at_200_percent(
    qtbot, qapp, desk_context, monkeypatch, language
):
    monkeypatch.setenv("KYOJO_LANG", language)
    desk_context.set_text_scale(200)
    try:
        window = create_window(desk_context)
        qtbot.addWidget(window)
        assert window.minimumSizeHint().width() <= WIDEST_WINDOW
    finally:
        install_language("ja")
        apply_theme(qapp, 100, False)  # the style sheet is the application's: put it back
