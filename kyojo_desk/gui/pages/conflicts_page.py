"""同期の食い違い (sync conflicts): two desks changed the same thing while apart. The newer
entry is in use everywhere; a coordinator checks each case and keeps it or takes the other."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kyojo_desk.gui.context import Changes, DeskContext
from kyojo_desk.gui.flow_layout import flow_row
from kyojo_desk.gui.models.conflict_table_model import ConflictTableModel, SetAsideTableModel
from kyojo_desk.gui.ops import sync as ops
from kyojo_desk.gui.roles import require_coordinator
from kyojo_desk.gui.widgets import WrappingHeader, hint_label, title_label


class ConflictsPage(QWidget):
    title = QT_TRANSLATE_NOOP("ConflictsPage", "同期の食い違い")

    def __init__(self, desk_context: DeskContext) -> None:
        super().__init__()
        self.desk_context = desk_context
        self.model = ConflictTableModel()
        self.table = QTableView(objectName="conflicts")
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("食い違いの一覧"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)  # desk and time are two lines of their own
        self.table.setHorizontalHeader(WrappingHeader(self.table))
        header = self.table.horizontalHeader()
        # The six columns share the page's width: at 200 % text their contents would be wider
        # than the page and the list would scroll sideways.
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.summary = hint_label("")
        self.keep_button = QPushButton(self.tr("いまの値のままにする"), objectName="keep")
        self.keep_button.clicked.connect(lambda: self.resolve(choose_lost=False))
        self.take_other_button = QPushButton(self.tr("もう一方の値にする"), objectName="take_other")
        self.take_other_button.clicked.connect(lambda: self.resolve(choose_lost=True))
        # The buttons get a row of their own so that at 200 % text nothing is squeezed.
        actions = flow_row(self.keep_button, self.take_other_button)
        layout = QVBoxLayout(self)
        layout.addWidget(title_label(self.tr(self.title)))
        layout.addWidget(
            hint_label(
                self.tr(
                    "2台の端末で同じところが別々に直されました。新しいほうの値が使われています。"
                    "確かめて、正しいほうを選んでください。"
                )
            )
        )
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)
        # Refused changes and pulled rows kept aside: nothing is dropped without a person
        # seeing it.
        self.aside_model = SetAsideTableModel()
        self.aside_table = QTableView(objectName="set_aside")
        self.aside_table.setModel(self.aside_model)
        self.aside_table.setAccessibleName(self.tr("送れなかった変更と受け取れなかった記録"))
        self.aside_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.aside_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.aside_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.aside_table.verticalHeader().hide()
        aside_header = self.aside_table.horizontalHeader()
        aside_header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        aside_header.setStretchLastSection(True)
        self.aside_summary = hint_label("")
        self.discard_button = QPushButton(self.tr("この記録をあきらめる"), objectName="discard")
        self.discard_button.clicked.connect(self.discard)
        layout.addWidget(
            hint_label(
                self.tr(
                    "サーバーが受け付けなかった変更と、この端末で受け取れなかった記録です。"
                    "送れなかった変更はこの端末に残っています。直して保存し直すか、"
                    "あきらめてください。受け取れなかった記録は、この端末を新しい版に"
                    "更新すると、次の同期で受け取ります。"
                )
            )
        )
        layout.addWidget(self.aside_summary)
        layout.addWidget(self.aside_table, 1)
        layout.addLayout(flow_row(self.discard_button))
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.aside_table.selectionModel().selectionChanged.connect(self._update_buttons)
        desk_context.changes_applied.connect(self._changes_applied)
        self.reload()

    def focus_first(self) -> None:
        self.table.setFocus()

    def reload(self) -> None:
        ops.list_conflicts(parent=self).success(self._loaded).run_in_background()
        ops.list_set_aside(parent=self).success(self._aside_loaded).run_in_background()

    def _aside_loaded(self, rows: list[ops.SetAsideRow]) -> None:
        self.aside_model.set_rows(rows)
        self.aside_summary.setText(
            self.tr("送れなかった変更・受け取れなかった記録が {value}件 あります。").format(
                value=len(rows)
            )
            if rows
            else self.tr("送れなかった変更・受け取れなかった記録はありません。")
        )
        self._update_buttons()

    def _loaded(self, rows: list[ops.ConflictRow]) -> None:
        self.model.set_rows(rows)
        self.table.resizeRowsToContents()
        self.summary.setText(
            self.tr("確かめることが {value}件 あります。").format(value=len(rows))
            if rows
            else self.tr("食い違いはありません。")
        )
        if rows:
            self.table.selectRow(0)
        self._update_buttons()

    def _changes_applied(self, changes: Changes) -> None:
        if changes.touches(*ops.SYNC_CHANGES):
            self.reload()

    def _selected(self) -> ops.ConflictRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _update_buttons(self, *_args: object) -> None:
        chosen = self._selected() is not None
        self.keep_button.setEnabled(chosen)
        self.take_other_button.setEnabled(chosen)
        self.discard_button.setEnabled(self._selected_aside() is not None)

    def _selected_aside(self) -> ops.SetAsideRow | None:
        rows = self.aside_table.selectionModel().selectedRows()
        return self.aside_model.row_at(rows[0].row()) if rows else None

    def discard(self) -> None:
        """Give up the selected refused change or quarantined row (a coordinator's choice)."""
        item = self._selected_aside()
        if item is None or not require_coordinator(self, self.tr("送れなかった記録の取り消し")):
            return
        ops.discard_set_aside(parent=self, item=item).run_in_background()

    def resolve(self, choose_lost: bool) -> None:
        """Close the selected conflict, keeping the value in use or taking the other one."""
        item = self._selected()
        if item is None or not require_coordinator(self, self.tr("食い違いの解決")):
            return
        ops.resolve_conflict(
            parent=self, conflict=item.conflict, choose_lost=choose_lost
        ).run_in_background()
