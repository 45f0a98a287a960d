"""The idle lock: after some minutes without a key or a click, the window is covered and asks
who is at the desk before anyone can go on (volunteers change often; residents' data is on it).

Locking also ends a coordinator's unlocked session. Setting: `security/idle_minutes` (10; 0 = off).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QVBoxLayout, QWidget

from kyojo_desk.gui.context import DeskContext, DeskUser
from kyojo_desk.gui.widgets import error_label, hint_label, primary_button

ACTIVITY_EVENTS = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
}


class LockScreen(QWidget):
    """Covers the whole window; asks for the name of whoever is at the desk now."""

    unlocked = Signal(str)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setAutoFillBackground(True)
        self.name = QLineEdit(objectName="lock_name")
        self.name.setAccessibleName(self.tr("受付をする人の名前"))
        self.name.setPlaceholderText(self.tr("例：山田"))
        self.name.returnPressed.connect(self._unlock)
        self.error = error_label()
        start = primary_button(self.tr("受付をはじめる"))
        start.setObjectName("unlock")
        start.clicked.connect(self._unlock)
        title = QLabel(self.tr("しばらく操作がなかったので、画面を隠しました"))
        title.setProperty("role", "title")
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        for widget in (
            title,
            hint_label(self.tr("受付をする方のお名前を入れてください。")),
            self.name,
            self.error,
            start,
        ):
            layout.addWidget(widget, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(1)
        self.name.setMinimumWidth(400)
        self.hide()

    def show_over_parent(self) -> None:
        self.setGeometry(self.parentWidget().rect())
        self.raise_()
        self.show()
        self.name.clear()
        self.name.setFocus()

    def _unlock(self) -> None:
        name = self.name.text().strip()
        if not name:
            self.error.setText(self.tr("お名前を入れてください。"))
            self.error.show()
            return
        self.error.hide()
        self.hide()
        self.unlocked.emit(name)


class IdleLock(QObject):
    """Watches the application's input; locks the window after the idle time."""

    locked = Signal()

    def __init__(self, context: DeskContext, window: QWidget) -> None:
        super().__init__(window)
        self.context = context
        self.window = window
        self.screen = LockScreen(window)
        self.screen.unlocked.connect(self._unlocked)
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
        return self.screen.isVisible()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if event.type() in ACTIVITY_EVENTS and not self.is_locked:
            self.timer.start()  # same interval: any input postpones the lock
        return False

    def lock(self) -> None:
        self.context.set_user(DeskUser())  # ends a coordinator's session too
        self.screen.show_over_parent()
        self.locked.emit()

    def _unlocked(self, name: str) -> None:
        self.context.set_user(DeskUser(volunteer_id=None, name=name))
        self.restart()
