"""Keyboard and screen-reader basics on every page: every control the Tab key reaches has a
name, Tab moves through the page's controls, and text at 200 % fits the window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractButton, QAbstractSpinBox, QApplication, QComboBox, QWidget

from tests.gui.conftest import wait_idle


def focusable(page: QWidget) -> list[QWidget]:
    widgets = [page] + page.findChildren(QWidget)
    return [
        w
        for w in widgets
        if w.isVisibleTo(page)
        and w.isEnabled()
        and w.focusPolicy() & Qt.FocusPolicy.TabFocus
        and not w.inherits("QScrollBar")
        and w.window() is page.window()
    ]


def spoken_name(widget: QWidget) -> str:
    if widget.accessibleName():
        return widget.accessibleName()
    parent = widget.parentWidget()
    if isinstance(parent, QAbstractSpinBox | QComboBox) and parent.accessibleName():
        return parent.accessibleName()  # the editor inside a date box or an editable list
    if isinstance(widget, QAbstractButton):
        return widget.text()
    if isinstance(widget, QComboBox):
        return widget.currentText()
    return ""


def test_every_focusable_control_on_every_page_has_a_name(qtbot, window, desk_context):
    unnamed = []
    for index, page in enumerate(window.pages):
        window.navigation.setCurrentRow(index)
        wait_idle(qtbot, desk_context)
        for widget in focusable(page):
            if not spoken_name(widget):
                unnamed.append(
                    f"{type(page).__name__}: {type(widget).__name__} {widget.objectName()!r}"
                )
    assert unnamed == []


def test_tab_moves_through_each_page(qtbot, window, desk_context):
    window.activateWindow()
    for index, page in enumerate(window.pages):
        window.navigation.setCurrentRow(index)
        wait_idle(qtbot, desk_context)
        controls = focusable(page)
        if len(controls) < 2:
            continue
        controls[0].setFocus()
        reached = set()
        for _ in range(len(controls) + 5):
            QApplication.sendEvent(
                QApplication.focusWidget() or controls[0],
                QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Tab, Qt.KeyboardModifier.NoModifier),
            )
            reached.add(QApplication.focusWidget())
        assert len(reached & set(controls)) >= min(3, len(controls)) - 1, type(page).__name__


@pytest.mark.parametrize("scale", [100, 200])
def test_pages_fit_a_laptop_screen_at_the_text_size(qtbot, window, desk_context, scale):
    desk_context.set_text_scale(scale)
    for index in range(len(window.pages)):
        window.navigation.setCurrentRow(index)
        wait_idle(qtbot, desk_context)
        hint = window.minimumSizeHint()
        assert hint.width() <= 1920 and hint.height() <= 1080, (
            type(window.pages[index]).__name__,
            hint,
        )
