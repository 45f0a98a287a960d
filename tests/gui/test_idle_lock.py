"""The window hides itself after the idle time and asks who is at the desk."""

from __future__ import annotations

from PySide6.QtCore import Qt

from kyojo_desk.gui.context import DeskUser
from tests.gui.conftest import type_text


def test_idle_window_locks_and_the_next_volunteer_unlocks(qtbot, window, desk_context):
    desk_context.set_user(DeskUser(None, "前の人", coordinator=True))
    desk_context.settings.setValue("security/idle_minutes", 0.002)  # about a tenth of a second
    window.idle_lock.restart()
    qtbot.waitUntil(lambda: window.idle_lock.is_locked, timeout=3000)
    assert not desk_context.user.coordinator and desk_context.user.name == ""
    screen = window.idle_lock.screen
    assert screen.geometry() == window.rect()
    qtbot.mouseClick(screen.name, Qt.MouseButton.LeftButton)
    qtbot.keyClick(screen.name, Qt.Key.Key_Return)  # no name: refused
    assert window.idle_lock.is_locked and screen.error.isVisible()
    type_text(qtbot, screen.name, "山田")
    qtbot.keyClick(screen.name, Qt.Key.Key_Return)
    assert not window.idle_lock.is_locked
    assert desk_context.user.name == "山田" and not desk_context.user.coordinator


def test_input_postpones_the_lock_and_zero_turns_it_off(qtbot, window, desk_context):
    desk_context.settings.setValue("security/idle_minutes", 0.01)  # 0.6 s
    window.idle_lock.restart()
    for _ in range(6):
        qtbot.wait(200)
        qtbot.keyClick(window, Qt.Key.Key_Shift)
    assert not window.idle_lock.is_locked
    desk_context.settings.setValue("security/idle_minutes", 0)
    window.idle_lock.restart()
    assert not window.idle_lock.timer.isActive()
