"""「同じ方が登録されていませんか」: likely matches before a new registration."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kyojo_desk.gui.models.resident_table_model import ResidentTableModel
from kyojo_desk.gui.widgets import hint_label, primary_button, title_label
from kyojo_desk.records.resident import Resident


class DuplicateDialog(QDialog):
    """Shows the matches; the volunteer opens one of them, registers anyway, or goes back."""

    BACK, OPEN_EXISTING, REGISTER_ANYWAY = range(3)

    def __init__(
        self,
        matches: list[Resident],
        parent: QWidget | None = None,
        district_names: dict[str, str] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("同じ方が登録されていませんか"))
        self.choice = self.BACK
        self.chosen_id: str | None = None
        self.model = ResidentTableModel(district_names)  # 「大目」, not its code 「02」
        self.model.set_residents(matches)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.resizeColumnsToContents()
        self.table.selectRow(0)
        self.table.doubleClicked.connect(lambda _index: self._choose(self.OPEN_EXISTING))
        self.open_button = primary_button(self.tr("この方を開く"))
        self.open_button.setObjectName("open_existing")
        self.open_button.clicked.connect(lambda: self._choose(self.OPEN_EXISTING))
        self.anyway_button = QPushButton(self.tr("別の人として登録する"))
        self.anyway_button.setObjectName("register_anyway")
        self.anyway_button.clicked.connect(lambda: self._choose(self.REGISTER_ANYWAY))
        back = QPushButton(self.tr("もどる"))
        back.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(back)
        buttons.addStretch(1)
        buttons.addWidget(self.anyway_button)
        buttons.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.addWidget(title_label(self.tr("同じ方がすでに登録されているかもしれません")))
        layout.addWidget(
            hint_label(
                self.tr(
                    "ふりがなと生年月日、または電話番号が同じ方がいます。同じ方なら「この方を開く」を押してください。"
                )
            )
        )
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.resize(860, 420)

    def showEvent(self, event) -> None:  # noqa: N802 (Qt name)
        """As wide as the table's columns at this text size (the screen filter keeps it inside
        the screen), so the matches never scroll sideways; measured once styled and shown."""
        super().showEvent(event)
        self.table.resizeColumnsToContents()
        needed = self.table.horizontalHeader().length() + self.table.frameWidth() * 2 + 4
        extra = needed - self.table.viewport().width()
        screen = self.screen().availableGeometry() if self.screen() else None
        room = screen.width() - self.frameGeometry().width() if screen is not None else extra
        if extra > room:
            # Wider than the screen allows: the columns share the width and their text wraps.
            self.table.setWordWrap(True)
            self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
            self.table.verticalHeader().setSectionResizeMode(
                QHeaderView.ResizeMode.ResizeToContents
            )
            extra = room
        if extra > 0:
            self.resize(self.width() + extra, self.height())

    def _choose(self, choice: int) -> None:
        self.choice = choice
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self.chosen_id = self.model.resident_at(rows[0].row()).id
        self.accept()

    def exec_choice(self) -> int:
        self.exec()
        return self.choice
