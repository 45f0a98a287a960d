"""Merge two records of the same person (a coordinator action): choose which one to keep."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from kyojo_desk.gui.i18n import shown, shown_date
from kyojo_desk.gui.widgets import hint_label, primary_button, title_label
from kyojo_desk.records.resident import SMARTPHONE_LABELS, Resident
from kyojo_desk.texts import N_

ROWS = (
    (N_("お名前"), lambda r: r.full_name),
    (N_("ふりがな"), lambda r: r.full_reading),
    (N_("生年月日"), lambda r: shown_date(r.birth)),
    (N_("電話"), lambda r: r.phone),
    (
        N_("スマホ"),
        lambda r: shown(SMARTPHONE_LABELS.get(r.smartphone, r.smartphone)),
    ),
    (N_("メモ"), lambda r: r.notes),
    (N_("カード番号"), lambda r: r.card_code),
)


class MergeDialog(QDialog):
    """Both records side by side; the chosen one is kept and gains what the other had."""

    def __init__(self, first: Resident, second: Resident, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("同じ人の記録をまとめる"))
        self.residents = (first, second)
        grid = QGridLayout()
        self.keep_group = QButtonGroup(self)
        for column in (1, 2):
            button = QRadioButton(self.tr("こちらを残す"))
            button.setObjectName(f"keep_{column}")
            self.keep_group.addButton(button, column - 1)
            grid.addWidget(button, 0, column)
        self.keep_group.button(0).setChecked(True)
        for row, (label, value) in enumerate(ROWS, start=1):
            label = shown(label)
            grid.addWidget(QLabel(label), row, 0)
            for column, resident in enumerate(self.residents, start=1):
                cell = QLabel(value(resident) or "—")
                cell.setWordWrap(True)
                grid.addWidget(cell, row, column)
        merge = primary_button(self.tr("まとめる"))
        merge.setObjectName("merge")
        merge.clicked.connect(self.accept)
        cancel = QPushButton(self.tr("やめる"))
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(merge)
        layout = QVBoxLayout(self)
        layout.addWidget(title_label(self.tr("同じ人の記録をまとめる")))
        layout.addWidget(
            hint_label(
                self.tr(
                    "残す記録に、もう一方にだけある情報（電話・生年月日など）と参加や相談の記録が移ります。"
                    "もう一方は「まとめ済み」になり、一覧に出なくなります。"
                )
            )
        )
        layout.addLayout(grid)
        layout.addLayout(buttons)

    def keep_and_other(self) -> tuple[str, str]:
        keep_index = self.keep_group.checkedId()
        return self.residents[keep_index].id, self.residents[1 - keep_index].id
