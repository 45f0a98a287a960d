"""Enter the city app's 共助 count for one month (KPI ④): month, number, and where it was read."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from kyojo_desk.gui.errors import show_form_error
from kyojo_desk.gui.widgets import error_label, hint_label, primary_button, title_label
from kyojo_desk.records.help import APP_AID_COUNT_MAX


class AppFigureDialog(QDialog):
    """Emits `save_requested(values)`; the page answers with `saved()` or `save_failed(error)`."""

    save_requested = Signal(object)

    def __init__(self, month: dt.date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("アプリでの共助の件数"))
        self.setModal(True)
        first = (month or dt.date.today()).replace(day=1)
        self.month = QDateEdit(QDate(first.year, first.month, 1), objectName="month")
        self.month.setDisplayFormat(self.tr("yyyy年M月"))
        self.month.setAccessibleName(self.tr("月"))
        self.count = QSpinBox(objectName="count")
        self.count.setRange(0, APP_AID_COUNT_MAX)
        self.count.setSuffix(self.tr(" 件"))
        self.count.setAccessibleName(self.tr("件数"))
        self.source = QLineEdit(objectName="source")
        self.source.setPlaceholderText(self.tr("例：アプリ管理画面の月報"))
        self.source.setAccessibleName(self.tr("どこで見た数字か"))
        self.errors = {name: error_label() for name in ("month", "count", "source")}
        grid = QGridLayout()
        for row, (name, label, widget) in enumerate(
            (
                ("month", self.tr("月"), self.month),
                ("count", self.tr("件数"), self.count),
                ("source", self.tr("どこで見た数字か"), self.source),
            )
        ):
            grid.addWidget(QLabel(label), row * 2, 0)
            grid.addWidget(widget, row * 2, 1)
            grid.addWidget(self.errors[name], row * 2 + 1, 1)
        grid.setColumnStretch(1, 1)
        self.summary = error_label()
        save = primary_button(self.tr("保存する"))
        save.setObjectName("save")
        save.setDefault(True)
        save.clicked.connect(self.request_save)
        cancel = QPushButton(self.tr("やめる"))
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(save)
        layout = QVBoxLayout(self)
        layout.addWidget(title_label(self.tr("アプリでの共助の件数")))
        layout.addWidget(
            hint_label(
                self.tr(
                    "市の「子育て・生活共助コミュニティアプリ」を通して行われた共助の件数を、"
                    "月ごとに入れます。同じ月をもう一度入れると、新しく入れた数字に置きかわります。"
                )
            )
        )
        layout.addLayout(grid)
        layout.addWidget(self.summary)
        layout.addLayout(buttons)
        self.save_button = save

    def values(self) -> dict[str, Any]:
        return {
            "month": self.month.date().toString("yyyy-MM"),
            "count": self.count.value(),
            "source": self.source.text(),
        }

    def request_save(self) -> None:
        for label in [*self.errors.values(), self.summary]:
            label.clear()
            label.hide()
        self.save_requested.emit(self.values())

    def saved(self) -> None:
        self.accept()

    def save_failed(self, error: BaseException) -> None:
        show_form_error(
            error,
            parent=self,
            labels=self.errors,
            summary=self.summary,
            fields={"source": self.source},
        )
