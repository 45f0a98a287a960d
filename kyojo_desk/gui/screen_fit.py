"""Every window and dialog of the desk stays inside its screen.

A dialog sized for comfort at 200 % text (or remembered from a larger screen) can be taller than
a 1366×768 laptop's screen, which hides its save button below the edge. One event filter on the
application shrinks any window to its screen's free area when it is shown, and moves it back
inside; the window's layout (a scrolling form, a stretching list) takes up the difference.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

# Height of a title bar, assumed before the window manager has framed a window.
WINDOW_DECORATION_ALLOWANCE = 32


def fit_to_screen(window: QWidget) -> None:
    """Shrink `window` (never below what its layout needs) to its screen's free area, less room
    for the title bar, and move it so that all of it is on the screen."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return
    available: QRect = screen.availableGeometry()
    decoration = window.frameGeometry().height() - window.geometry().height()
    if not window.isVisible() or decoration <= 0:
        decoration = WINDOW_DECORATION_ALLOWANCE
    width = min(window.width(), available.width())
    height = min(window.height(), available.height() - decoration)
    if (width, height) != (window.width(), window.height()):
        window.resize(width, height)
    frame = window.frameGeometry()
    if not available.contains(frame):
        window.move(
            max(available.left(), min(frame.left(), available.right() - frame.width() + 1)),
            max(available.top(), min(frame.top(), available.bottom() - frame.height() + 1)),
        )


class ScreenFit(QObject):
    """Application event filter: fits each top-level window to its screen as it is shown."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.Show and isinstance(watched, QWidget) and watched.isWindow():
            fit_to_screen(watched)
        return False


_installed: ScreenFit | None = None


def install_screen_fit(app: QApplication) -> None:
    """Install the filter once per application."""
    global _installed
    if _installed is None:
        _installed = ScreenFit(app)
        app.installEventFilter(_installed)
