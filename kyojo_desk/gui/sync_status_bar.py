"""The sync corner of the status bar: last successful sync, changes waiting, 「今すぐ同期」.

Sync also runs by itself every few minutes (setting `sync/interval_minutes`, default 5) when
the desk is enrolled. A failed round never shows as success: the label keeps the time of the
last round that finished and says what went wrong.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from kyojo_desk.gui.context import Changes, DeskContext
from kyojo_desk.gui.errors import error_text, show_error
from kyojo_desk.gui.ops import sync as ops

DEFAULT_INTERVAL_MINUTES = 5


def short_time(local_iso: str | None) -> str:
    """'11月23日 13:05' for a stored local time; '' when there is none."""
    if not local_iso:
        return ""
    moment = dt.datetime.fromisoformat(local_iso)
    return QCoreApplication.translate("sync_status_bar", "{month}月{day}日 {moment:%H:%M}").format(
        month=moment.month, day=moment.day, moment=moment
    )


class SyncStatusBar(QWidget):
    """Status-bar widget; `sync_button` runs a round now, `timer` runs them in the background."""

    def __init__(self, desk_context: DeskContext) -> None:
        super().__init__()
        self.desk_context = desk_context
        self.status: ops.SyncStatus | None = None
        self.failure: str | None = None
        self.running = False
        self.status_label = QLabel(objectName="sync_status")
        self.status_label.setAccessibleName(self.tr("同期の状態"))
        self.sync_button = QPushButton(self.tr("今すぐ同期"), objectName="sync_now")
        self.sync_button.setToolTip(
            self.tr("この端末の変更を市のサーバーに送り、他の端末の変更を受け取ります")
        )
        self.sync_button.clicked.connect(lambda: self.sync(manual=True))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.status_label)
        layout.addWidget(self.sync_button)
        minutes = int(
            desk_context.settings.value("sync/interval_minutes", DEFAULT_INTERVAL_MINUTES)
        )
        self.timer = QTimer(self)
        self.timer.setInterval(max(1, minutes) * 60 * 1000)
        self.timer.timeout.connect(lambda: self.sync(manual=False))
        self.timer.start()
        desk_context.changes_applied.connect(self._changes_applied)
        self.refresh()

    def _changes_applied(self, _changes: Changes) -> None:
        self.refresh()

    def refresh(self) -> None:
        """Read the numbers again from the Store."""
        ops.load_sync_status(parent=self).success(self._show).run_in_background()

    def _show(self, status: ops.SyncStatus) -> None:
        self.status = status
        if not status.enrolled:
            text = self.tr("同期：この端末はまだ市のサーバーにつながっていません")
        else:
            last = short_time(status.last_sync_at)
            parts = [
                self.tr("最終同期 {last}").format(last=last)
                if last
                else self.tr("まだ同期していません")
            ]
            parts.append(self.tr("送信待ち {pending}件").format(pending=status.pending))
            if status.open_conflicts:
                parts.append(
                    self.tr("要確認 {open_conflicts}件").format(
                        open_conflicts=status.open_conflicts
                    )
                )
            if status.rejected:
                parts.append(
                    self.tr("送れなかった変更 {rejected}件").format(rejected=status.rejected)
                )
            if status.quarantined:
                parts.append(
                    self.tr("受け取れなかった記録 {quarantined}件").format(
                        quarantined=status.quarantined
                    )
                )
            text = self.tr("　・　").join(parts)
            if self.running:
                text = self.tr("同期しています…　・　{text}").format(text=text)
            elif self.failure:
                # A line of its own, so the failure and the waiting count both stay visible.
                text = self.tr("同期できませんでした：{failure}\n{text}").format(
                    failure=self.failure, text=text
                )
        self.status_label.setText(text)
        self.status_label.setProperty("role", "error" if self.failure and not self.running else "")
        self.status_label.style().unpolish(self.status_label)
        self.status_label.style().polish(self.status_label)
        self.sync_button.setEnabled(status.enrolled and not self.running)

    def sync(self, manual: bool) -> None:
        """Run one round unless one is running or the desk is not enrolled."""
        if self.running or (self.status is not None and not self.status.enrolled):
            return
        self.running = True
        self.sync_button.setEnabled(False)
        self.sync_button.setText(self.tr("同期中…"))
        if self.status is not None:
            self._show(self.status)

        def finished() -> None:
            self.running = False
            self.sync_button.setText(self.tr("今すぐ同期"))
            self.refresh()

        def succeeded(_report: object) -> None:
            self.failure = None
            self.status_label.setToolTip("")
            finished()

        def failed(error: BaseException) -> None:
            message = error_text(error)
            # The first sentence fits the status bar; the whole message is the tooltip.
            self.failure = message.split(self.tr("。"))[0].splitlines()[0]
            self.status_label.setToolTip(message)
            finished()
            if manual:
                show_error(parent=self, error=error)

        ops.sync_now(parent=self).success(succeeded).failure(failed).run_in_background()
