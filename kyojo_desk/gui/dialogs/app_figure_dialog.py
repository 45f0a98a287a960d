"""Enter the city app's 共助 count for one month (KPI ④): month, number, and where it was read."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from kyojo_desk.gui.errors import clear_form_error, show_form_error
from kyojo_desk.gui.widgets import (
    FormDialog,
    error_label,
    form_grid,
    hint_label,
    save_and_cancel,
    title_label,
)
from kyojo_desk.records.help import APP_AID_COUNT_MAX


class AppFigureDialog(FormDialog):
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
        self.errors: dict[str, QLabel] = {}
        grid = form_grid(
            (
                ("month", self.tr("月"), self.month),
                ("count", self.tr("件数"), self.count),
                ("source", self.tr("どこで見た数字か"), self.source),
            ),
            self.errors,
        )
        self.summary = error_label()
        buttons, self.save_button = save_and_cancel(self, self.tr("保存する"), self.request_save)
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

    def values(self) -> dict[str, Any]:
        return {
            "month": self.month.date().toString("yyyy-MM"),
            "count": self.count.value(),
            "source": self.source.text(),
        }

    def request_save(self) -> None:
        clear_form_error(labels=self.errors, summary=self.summary, fields={"source": self.source})
        self.save_requested.emit(self.values())

    def saved(self) -> None:
        self.close_saved()

    def save_failed(self, error: BaseException) -> None:
        show_form_error(
            error,
            parent=self,
            labels=self.errors,
            summary=self.summary,
            fields={"source": self.source},
        )
