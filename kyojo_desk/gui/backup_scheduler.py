"""The daily backup, made in the background while the desk is open."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from kyojo_desk.backup import backup_due, make_backup
from kyojo_desk.gui.context import DeskContext


class BackupScheduler(QObject):
    """Checks every hour (and at start) whether a day has passed since the last backup.

    Settings: `backup/folder` (default: backups/ in the data directory), `backup/keep` (14).
    """

    backup_made = Signal(str)
    backup_failed = Signal(str)

    def __init__(self, context: DeskContext, parent: QWidget) -> None:
        super().__init__(parent)
        self.context = context
        self.timer = QTimer(self)
        self.timer.setInterval(60 * 60 * 1000)
        self.timer.timeout.connect(self.check)

    def folder(self) -> Path:
        chosen = self.context.settings.value("backup/folder", "")
        return Path(chosen) if chosen else self.context.data_dir / "backups"

    def start(self) -> None:
        self.timer.start()
        QTimer.singleShot(5_000, self.check)  # after the window is up, never during start-up

    def check(self) -> None:
        folder, keep = self.folder(), int(self.context.settings.value("backup/keep", 14))

        def work(store) -> str | None:
            return str(make_backup(store, folder, keep)) if backup_due(store) else None

        def done(path: str | None) -> None:
            if path:
                self.backup_made.emit(path)

        def failed(error: BaseException) -> None:
            from kyojo_desk.gui.errors import error_text

            self.backup_failed.emit(error_text(error))

        self.context.taskman.run_on_db(work, done, failed)
