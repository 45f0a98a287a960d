"""The window hides itself after the idle time and asks who is at the desk.

What the lock leaves visible on a real screen is checked in test_lock_on_display.py.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QVBoxLayout

from kyojo_desk.gui.context import DeskUser
from kyojo_desk.gui.dialogs.resident_dialog import ResidentDialog
from kyojo_desk.gui.idle_lock import WindowCover
from kyojo_desk.gui.pages.residents_page import ResidentsPage
from tests.gui.conftest import type_text, wait_idle


def test_idle_window_locks_and_the_next_volunteer_unlocks(qtbot, window, desk_context):
    desk_context.set_user(DeskUser(None, "前の人", coordinator=True))
    desk_context.settings.setValue("security/idle_minutes", 0.002)  # about a tenth of a second
    window.idle_lock.restart()
    qtbot.waitUntil(lambda: window.idle_lock.is_locked, timeout=3000)
    assert not desk_context.user.coordinator and desk_context.user.name == ""
    screen = window.idle_lock.screen
    assert screen.isWindow() and screen.geometry() == window.screen().geometry()
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


def unlock(qtbot, window, name: str = "山田") -> None:
    type_text(qtbot, window.idle_lock.screen.name, name)
    qtbot.keyClick(window.idle_lock.screen.name, Qt.Key.Key_Return)


def test_an_open_dialog_is_hidden_while_locked_and_comes_back_with_its_input(qtbot, window):
    page = window.show_page(ResidentsPage)
    dialog = page.register_new()
    qtbot.waitUntil(dialog.isVisible)
    type_text(qtbot, dialog.inputs["family_name"], "高橋")
    type_text(qtbot, dialog.inputs["phone"], "0554-62-1111")
    window.idle_lock.lock()
    assert window.idle_lock.is_locked and not dialog.isVisible()
    assert window.findChild(QLineEdit, "lock_name") is None  # the lock is its own window
    unlock(qtbot, window)
    assert not window.idle_lock.is_locked
    assert dialog.isVisible() and dialog.result() == 0
    assert dialog.inputs["family_name"].text() == "高橋"
    assert dialog.inputs["phone"].text() == "0554-62-1111"


def test_no_shortcut_or_key_reaches_the_desk_beneath_the_lock(qtbot, window, desk_context):
    page = window.show_page(ResidentsPage)
    window.activateWindow()
    window.idle_lock.lock()
    handle = window.windowHandle()
    # As the platform delivers them: through the window, where shortcuts are matched.
    QTest.keyClick(handle, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(handle, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(page.search_box, "yamada")
    QTest.keyClick(page.search_box, Qt.Key.Key_Return)
    type_text(qtbot, page.search_box, "やまだ")
    wait_idle(qtbot, desk_context)
    assert page.search_box.text() == ""
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, ResidentDialog)]
    assert window.idle_lock.is_locked
    # The lock's own field still takes keys.
    unlock(qtbot, window, "佐藤")
    assert desk_context.user.name == "佐藤"


def test_a_dialog_in_its_own_event_loop_is_covered_and_keeps_running(qtbot, window):
    dialog = QDialog(window)
    dialog.setWindowTitle("高橋 花子さんの記録")
    entry = QLineEdit(dialog)
    QVBoxLayout(dialog).addWidget(entry)
    seen: dict = {}

    def while_open() -> None:
        entry.setText("途中まで書いたメモ")
        window.idle_lock.lock()
        seen["visible"] = dialog.isVisible()
        seen["title"] = dialog.windowTitle()
        cover = dialog.findChild(WindowCover)
        seen["covered"] = (
            cover is not None and cover.isVisible() and cover.geometry() == dialog.rect()
        )
        unlock(qtbot, window)
        seen["title_after"] = dialog.windowTitle()
        seen["text_after"] = entry.text()
        dialog.accept()

    QTimer.singleShot(0, while_open)
    assert dialog.exec() == QDialog.DialogCode.Accepted  # not ended by the lock
    assert seen == {
        "visible": True,
        "title": QApplication.applicationDisplayName(),
        "covered": True,
        "title_after": "高橋 花子さんの記録",
        "text_after": "途中まで書いたメモ",
    }


def test_a_dialog_that_opens_while_locked_is_hidden_until_unlocked(qtbot, window, desk_context):
    window.idle_lock.lock()
    page = window.page(ResidentsPage)
    dialog = page.register_new()  # as when a record finishes loading after the lock
    qtbot.waitUntil(lambda: not dialog.isVisible() and dialog in window.idle_lock.hidden_windows)
    assert window.idle_lock.is_locked
    unlock(qtbot, window)
    assert dialog.isVisible()
