"""操作の記録 (audit log): who viewed full records, exported, printed, merged or erased.

Coordinators only: the list appears after the PIN.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kyojo_desk.gui.context import Changes, DeskContext
from kyojo_desk.gui.i18n import shown
from kyojo_desk.gui.ops.base import Operation
from kyojo_desk.gui.roles import require_coordinator
from kyojo_desk.gui.widgets import hint_label, title_label
from kyojo_desk.store.audit import AuditEntry
from kyojo_desk.texts import N_

COLUMNS = (
    N_("いつ"),
    N_("だれが"),
    N_("したこと"),
    N_("対象"),
    N_("くわしく"),
)


class AuditPage(QWidget):
    title = QT_TRANSLATE_NOOP("AuditPage", "操作の記録")

    def __init__(self, desk_context: DeskContext) -> None:
        super().__init__()
        self.desk_context = desk_context
        self.unlocked = False
        self.show_button = QPushButton(
            self.tr("記録を見る（コーディネーター）"), objectName="show_audit"
        )
        self.show_button.clicked.connect(self.unlock)
        self.table = QTableWidget(0, len(COLUMNS), objectName="audit")
        self.table.setHorizontalHeaderLabels([shown(column) for column in COLUMNS])
        self.table.setAccessibleName(self.tr("操作の記録"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.hide()
        top = QHBoxLayout()
        top.addWidget(
            hint_label(
                self.tr("住民の記録を開いた・書き出した・印刷した・まとめた・消去した記録です。")
            ),
            1,
        )
        top.addWidget(self.show_button)
        layout = QVBoxLayout(self)
        layout.addWidget(title_label(self.tr(self.title)))
        layout.addLayout(top)
        layout.addWidget(self.table, 100)
        # While the table is hidden (before the PIN), this stretch keeps the title at the top
        # instead of floating in the middle of the page; once shown, the table takes the room.
        layout.addStretch(1)
        desk_context.changes_applied.connect(self._changes_applied)
        desk_context.user_changed.connect(self._user_changed)

    def focus_first(self) -> None:
        (self.table if self.unlocked else self.show_button).setFocus()

    def unlock(self) -> None:
        if not require_coordinator(self, self.tr("操作の記録を見る")):
            return
        self.unlocked = True
        self.table.show()
        self.show_button.hide()
        self.reload()

    def reload(self) -> None:
        Operation(parent=self, work=lambda store: store.list_audit(limit=1000)).success(
            self._show
        ).run_in_background()

    def _show(self, entries: list[AuditEntry]) -> None:
        self.table.setRowCount(len(entries))
        for row, entry in enumerate(entries):
            values = (
                entry.at.replace("T", " ")[:16],
                entry.desk_user or "—",
                shown(entry.action_label),
                entry.target_id[:8] if entry.target_id else entry.target_table,
                entry.detail,
            )
            for column, value in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(value))

    def _changes_applied(self, changes: Changes) -> None:
        if self.unlocked and changes.touches("audit_log"):
            self.reload()

    def _user_changed(self, user) -> None:
        if not user.coordinator and self.unlocked:  # locked or a new volunteer: hide it again
            self.unlocked = False
            self.table.setRowCount(0)
            self.table.hide()
            self.show_button.show()
