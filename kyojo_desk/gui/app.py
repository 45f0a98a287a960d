"""Starting the desk: QApplication, fonts and theme, the Store on its thread, the window."""

from __future__ import annotations

import logging
import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from kyojo_desk.gui.backup_scheduler import BackupScheduler
from kyojo_desk.gui.context import DeskContext
from kyojo_desk.gui.first_run import run_first_run
from kyojo_desk.gui.i18n import configured_language, install_language
from kyojo_desk.gui.main_window import MainWindow
from kyojo_desk.gui.screen_fit import install_screen_fit
from kyojo_desk.gui.taskman import TaskManager
from kyojo_desk.gui.theme import apply_theme
from kyojo_desk.logging_setup import configure_logging
from kyojo_desk.paths import data_dir, database_path

log = logging.getLogger(__name__)


def create_context(directory: Path) -> DeskContext:
    """A DeskContext whose database thread owns the Store of `directory`."""
    from kyojo_desk.security.desk import open_desk_store
    from kyojo_desk.store.districts import ensure_districts

    taskman = TaskManager(lambda: open_desk_store(database_path(directory)))
    taskman.run_on_db_now(ensure_districts)
    return DeskContext(taskman, directory)


def create_window(context: DeskContext) -> MainWindow:
    app = QApplication.instance()
    if isinstance(app, QApplication):
        install_language(configured_language(context.settings))
        # After the language: a translation installed later would not reach this name.
        app.setApplicationDisplayName(QCoreApplication.translate("app", "共助デスク"))
        apply_theme(app, context.text_scale(), context.high_contrast())
        install_screen_fit(app)
    return MainWindow(context)


def show_recovery_key_once(window: MainWindow, context: DeskContext) -> None:
    """A new encrypted desk shows its recovery key once, for the coordinator to write down."""
    from kyojo_desk.gui import prompts
    from kyojo_desk.security.desk import mark_recovery_key_shown

    recovery = getattr(context.taskman.store, "recovery_key_pending", None)
    if not recovery:
        return
    # A practice desk holds only made-up people: the key is shown once the real work begins
    # (at the first start after the practice data is removed), not to someone trying it out.
    if context.taskman.run_on_db_now(lambda store: store.get_meta("demo_data")) == "1":
        return
    prompts.show_message(
        window,
        QCoreApplication.translate("app", "回復キー（コーディネーターの方へ）"),
        QCoreApplication.translate(
            "app",
            "この端末のデータは暗号化されています。\nパソコンを入れ替えたときなどに必要な「回復キー」です。紙に書いて、鍵のかかる場所に保管してください。\n\n{recovery}\n\nこの画面は一度しか出ません。",
        ).format(recovery=recovery_lines(recovery)),
    )
    context.taskman.run_on_db_now(mark_recovery_key_shown)


def recovery_lines(recovery: str) -> str:
    """The key's 16 groups as four lines of four, so no group is ever broken across lines."""
    groups = recovery.split("-")
    return "\n".join("-".join(groups[i : i + 4]) for i in range(0, len(groups), 4))


def report_when_exposed(window: MainWindow) -> None:
    """Print the platform and window size once the window is really on the screen (smoke tests
    on a real display: `window_exposed platform=xcb size=1366x705 screen=1366x768`)."""

    def check() -> None:
        handle = window.windowHandle()
        if handle is None or not handle.isExposed():
            QTimer.singleShot(50, check)
            return
        screen = window.screen().geometry()
        print(
            f"window_exposed platform={QGuiApplication.platformName()}"
            f" size={window.frameGeometry().width()}x{window.frameGeometry().height()}"
            f" screen={screen.width()}x{screen.height()}",
            flush=True,
        )

    check()


def run(data_dir_override: str | None = None, exit_after_ms: int | None = None) -> int:
    """Start the GUI and block until it is closed. Returns the exit code."""
    started = time.perf_counter()
    os.environ.setdefault("LANG", "C.UTF-8")
    # Probing for a camera makes QtMultimedia list every video driver it could not load.
    os.environ.setdefault("QT_LOGGING_RULES", "qt.multimedia.*=false")
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Kyojo Desk")
    directory = data_dir(data_dir_override)
    configure_logging(directory)
    context = create_context(directory)
    window = create_window(context)
    window.show()
    shown_ms = (time.perf_counter() - started) * 1000
    if exit_after_ms is None:  # smoke tests and benchmarks never stop at a modal question
        run_first_run(window, context)
        show_recovery_key_once(window, context)
    backups = BackupScheduler(context, window)
    backups.backup_failed.connect(
        lambda message: window.statusBar().showMessage(
            QCoreApplication.translate("app", "バックアップできませんでした：{message}").format(
                message=message
            )
        )
    )
    backups.start()
    log.info("main window shown after %.0f ms", shown_ms)
    if os.environ.get("KYOJO_REPORT_STARTUP"):
        print(f"startup_ms={shown_ms:.0f}", flush=True)
        report_when_exposed(window)
    if exit_after_ms is not None:
        QTimer.singleShot(exit_after_ms, window.close)
    code = app.exec()
    context.taskman.shutdown()
    return code
