"""The idle lock: after some minutes without a key or a click, every window of the desk is
hidden behind an opaque screen that asks who is at the desk before anyone can go on (volunteers
change often; residents' data is on it).

What locking does, and why each step:
- One frameless, always-on-top, application-modal lock window covers each screen; the one on the
  main window's screen asks for the name. Nothing of the desk is visible around or through it.
- Open dialogs are hidden and shown again after unlocking, with what was typed in them (the
  widgets live on). A dialog running its own event loop (`exec()`) cannot be hidden without
  ending it and losing its input, so it stays open but gets an opaque cover over its contents
  and a neutral title, like the main window. Popups (menus, completion lists, tooltips) close.
- While locked, no key, shortcut, input-method text, click or wheel reaches anything but the lock
  screen (an application-wide event filter swallows them), so Ctrl+F and typing a name beneath
  it do nothing. A window that opens while locked is hidden or covered the same way.

Locking also ends a coordinator's unlocked session. Setting: `security/idle_minutes` (10; 0 = off).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QWindow
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLabel,
    QLineEdit,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from kyojo_desk.gui.context import DeskContext, DeskUser
from kyojo_desk.gui.widgets import error_label, hint_label, primary_button

ACTIVITY_EVENTS = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
}

# Input that must never reach the desk beneath the lock.
BLOCKED_WHILE_LOCKED = {
    QEvent.Type.KeyPress,
    QEvent.Type.KeyRelease,
    QEvent.Type.ShortcutOverride,
    QEvent.Type.Shortcut,
    QEvent.Type.InputMethod,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseButtonRelease,
    QEvent.Type.MouseButtonDblClick,
    QEvent.Type.Wheel,
    QEvent.Type.ContextMenu,
    QEvent.Type.TouchBegin,
    QEvent.Type.TouchUpdate,
    QEvent.Type.TouchEnd,
    QEvent.Type.Drop,
}


def _alive(widget: QObject) -> bool:
    """False once Qt has deleted the object under its Python wrapper."""
    try:
        widget.objectName()
    except RuntimeError:  # "Internal C++ object already deleted"
        return False
    return True


LOCK_WINDOW_FLAGS = (
    Qt.WindowType.Window | Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint
)


class LockScreen(QWidget):
    """An opaque top-level window over one whole screen. With `asks_name` it holds the form
    that asks for the name of whoever is at the desk now; the others are blank."""

    unlocked = Signal(str)

    def __init__(self, asks_name: bool = True) -> None:
        super().__init__(None, LOCK_WINDOW_FLAGS)
        self.setObjectName("lock_screen")
        self.setAutoFillBackground(True)
        self.setWindowTitle(QApplication.applicationDisplayName())
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        self.asks_name = asks_name
        self.name = QLineEdit(objectName="lock_name")
        self.error = error_label()
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        if asks_name:
            self.setWindowModality(Qt.WindowModality.ApplicationModal)
            self.name.setAccessibleName(self.tr("受付をする人の名前"))
            self.name.setPlaceholderText(self.tr("例：山田"))
            self.name.returnPressed.connect(self._unlock)
            start = primary_button(self.tr("受付をはじめる"))
            start.setObjectName("unlock")
            start.clicked.connect(self._unlock)
            title = QLabel(self.tr("しばらく操作がなかったので、画面を隠しました"))
            title.setProperty("role", "title")
            for widget in (
                title,
                hint_label(self.tr("受付をする方のお名前を入れてください。")),
                self.name,
                self.error,
                start,
            ):
                layout.addWidget(widget, 0, Qt.AlignmentFlag.AlignHCenter)
            self.name.setMinimumWidth(400)
        layout.addStretch(1)
        self.hide()

    def show_on(self, geometry) -> None:
        """Cover `geometry` (a screen's) and, for the asking screen, take the keyboard."""
        self.setGeometry(geometry)
        self.show()
        # Again after showing: the desk fits each shown window inside its screen's free area,
        # less room for a title bar, which would leave a strip of the desk uncovered.
        self.setGeometry(geometry)
        self.raise_()
        if self.asks_name:
            self.activateWindow()
            self.name.clear()
            self.error.hide()
            self.name.setFocus()

    def _unlock(self) -> None:
        name = self.name.text().strip()
        if not name:
            self.error.setText(self.tr("お名前を入れてください。"))
            self.error.show()
            return
        self.error.hide()
        self.unlocked.emit(name)


class WindowCover(QWidget):
    """An opaque child filling a window that cannot be hidden (the main window, a dialog in its
    own event loop), so that a task-bar preview or a window raised above the lock shows nothing."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("lock_cover")
        self.setAutoFillBackground(True)
        self.setGeometry(window.rect())
        window.installEventFilter(self)
        self.raise_()
        self.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if event.type() in (QEvent.Type.Resize, QEvent.Type.ChildAdded):
            self.setGeometry(self.parentWidget().rect())
            self.raise_()
        return False


class IdleLock(QObject):
    """Watches the application's input; locks every window of the desk after the idle time."""

    locked = Signal()

    def __init__(self, context: DeskContext, window: QWidget) -> None:
        super().__init__(window)
        self.context = context
        self.window = window
        self.screen = LockScreen(asks_name=True)
        self.screen.unlocked.connect(self._unlocked)
        self.blank_screens: list[LockScreen] = []
        self.hidden_windows: list[QWidget] = []
        self.covered_windows: list[tuple[QWidget, WindowCover, str]] = []
        # The lock windows are top-level (no parent), so they go when the main window goes.
        window.destroyed.connect(lambda *_: self._discard_screens())
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.lock)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self.restart()

    def idle_minutes(self) -> float:
        return float(self.context.settings.value("security/idle_minutes", 10))

    def restart(self) -> None:
        minutes = self.idle_minutes()
        if minutes > 0 and not self.is_locked:
            self.timer.start(int(minutes * 60_000))
        else:
            self.timer.stop()

    @property
    def is_locked(self) -> bool:
        return _alive(self.screen) and self.screen.isVisible()

    def lock_windows(self) -> list[QWidget]:
        return [self.screen, *self.blank_screens]

    def _belongs_to_lock(self, watched: QObject) -> bool:
        if isinstance(watched, QWidget):
            return watched.window() in self.lock_windows()
        if isinstance(watched, QWindow):
            return any(screen.windowHandle() is watched for screen in self.lock_windows())
        return False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        kind = event.type()
        if not self.is_locked:
            if kind in ACTIVITY_EVENTS:
                self.timer.start()  # same interval: any input postpones the lock
            return False
        if kind in BLOCKED_WHILE_LOCKED and not self._belongs_to_lock(watched):
            return True
        if (
            kind == QEvent.Type.Show
            and isinstance(watched, QWidget)
            and watched.isWindow()
            and not self._belongs_to_lock(watched)
        ):
            # Something opened while locked (a message from a finished task): conceal it
            # once it is on screen, then put the lock back on top.
            QTimer.singleShot(0, lambda widget=watched: self._conceal_late(widget))
        return False

    def lock(self) -> None:
        if self.is_locked:
            return
        self.context.set_user(DeskUser())  # ends a coordinator's session too
        QToolTip.hideText()
        while (popup := QApplication.activePopupWidget()) is not None:
            popup.close()
        for widget in QApplication.topLevelWidgets():
            if widget.isVisible() and widget not in self.lock_windows():
                self._conceal(widget)
        self._show_screens()
        self.locked.emit()

    def _show_screens(self) -> None:
        home = self.window.screen() or QGuiApplication.primaryScreen()
        others = [screen for screen in QGuiApplication.screens() if screen is not home]
        while len(self.blank_screens) < len(others):
            blank = LockScreen(asks_name=False)
            self.blank_screens.append(blank)
        for blank, screen in zip(self.blank_screens, others, strict=False):
            blank.show_on(screen.geometry())
        self.screen.show_on(home.geometry())

    def _conceal(self, widget: QWidget) -> None:
        if isinstance(widget, QDialog) and not self._in_own_event_loop(widget):
            widget.hide()
            self.hidden_windows.append(widget)
            return
        cover = WindowCover(widget)
        self.covered_windows.append((widget, cover, widget.windowTitle()))
        widget.setWindowTitle(QApplication.applicationDisplayName())

    @staticmethod
    def _in_own_event_loop(dialog: QDialog) -> bool:
        """A dialog shown with exec() is application-modal with WA_ShowModal; hiding it would
        end its exec() as if cancelled. A dialog shown with open() or show() is safe to hide."""
        return (
            dialog.windowModality() == Qt.WindowModality.ApplicationModal
            and dialog.testAttribute(Qt.WidgetAttribute.WA_ShowModal)
        )

    def _conceal_late(self, widget: QWidget) -> None:
        if not self.is_locked or not _alive(widget) or not widget.isVisible():
            return
        if widget in self.hidden_windows or any(w is widget for w, _, _ in self.covered_windows):
            return
        self._conceal(widget)
        for screen in self.lock_windows():
            if screen.isVisible():
                screen.raise_()
        self.screen.activateWindow()

    def _unlocked(self, name: str) -> None:
        for screen in self.lock_windows():
            screen.hide()
        for window, cover, title in reversed(self.covered_windows):
            if _alive(window):
                window.removeEventFilter(cover)
                window.setWindowTitle(title)
            if _alive(cover):
                cover.deleteLater()
        self.covered_windows.clear()
        for dialog in self.hidden_windows:
            if _alive(dialog):
                dialog.show()
                dialog.raise_()
                dialog.activateWindow()
        self.hidden_windows.clear()
        self.context.set_user(DeskUser(volunteer_id=None, name=name))
        self.restart()

    def _discard_screens(self) -> None:
        for screen in self.lock_windows():
            if _alive(screen):
                screen.deleteLater()
