"""担い手活動: each person's year of designated activities (ふるさと住民登録's 「年3回」), the
city's list of the 年度, and the record a person takes home (signed for the city to check)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from kyojo_desk.gui import prompts
from kyojo_desk.gui.context import Changes, DeskContext
from kyojo_desk.gui.errors import show_error
from kyojo_desk.gui.flow_layout import flow_row
from kyojo_desk.gui.i18n import shown
from kyojo_desk.gui.ops import ninaite as ops
from kyojo_desk.gui.widgets import hint_label, primary_button, title_label
from kyojo_desk.records.ninaite import REQUIRED_COUNT, YearTally, fiscal_year_of
from kyojo_desk.records.resident import Resident

PERSON_ID = Qt.ItemDataRole.UserRole


class NinaitePage(QWidget):
    title = QT_TRANSLATE_NOOP("NinaitePage", "担い手活動")

    def __init__(self, desk_context: DeskContext) -> None:
        super().__init__()
        self.desk_context = desk_context
        self.person_id: str | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(title_label(self.tr(self.title)))
        layout.addLayout(self._build_year_row())
        body = QHBoxLayout()
        body.addLayout(self._build_people(), 2)
        body.addLayout(self._build_person(), 3)
        layout.addLayout(body, 1)
        desk_context.changes_applied.connect(self._changes_applied)
        self.reload()

    # -- regions -------------------------------------------------------------------------------

    def _build_year_row(self) -> QHBoxLayout:
        self.year = QSpinBox(objectName="fiscal_year")
        self.year.setRange(2000, 2200)
        self.year.setValue(fiscal_year_of(dt.date.today()))
        self.year.setAccessibleName(self.tr("年度（4月から翌年3月まで）"))
        self.year.valueChanged.connect(self.reload)
        export = QPushButton(self.tr("市への一覧（CSV）"), objectName="export_year")
        export.clicked.connect(self.export_year)
        return flow_row(QLabel(self.tr("年度")), self.year, export)

    def _build_people(self) -> QVBoxLayout:
        self.search_box = QLineEdit(objectName="ninaite_search")
        self.search_box.setAccessibleName(self.tr("名前でさがす"))
        self.search_box.setPlaceholderText(self.tr("名前・ふりがなでさがす"))
        self.search_box.textChanged.connect(self.search)
        self.people = QListWidget(objectName="ninaite_people")
        self.people.setAccessibleName(self.tr("この年度に活動した方"))
        self.people.currentItemChanged.connect(self._person_chosen)
        self._wrap(self.people)
        self.people_hint = hint_label("")
        column = QVBoxLayout()
        column.addWidget(self.search_box)
        column.addWidget(self.people_hint)
        column.addWidget(self.people, 1)
        return column

    def _build_person(self) -> QVBoxLayout:
        self.person_name = QLabel(
            self.tr("一覧から方を選ぶと、その方の年度の活動が出ます。"), objectName="ninaite_person"
        )
        self.person_name.setWordWrap(True)
        self.summary = QLabel(objectName="ninaite_summary")
        self.summary.setWordWrap(True)
        self.activities = QListWidget(objectName="ninaite_activities")
        self.activities.setAccessibleName(self.tr("数えた活動"))
        self._wrap(self.activities)
        self.print_button = primary_button(self.tr("記録を印刷（PDF）"))
        self.print_button.setObjectName("print_record")
        self.print_button.setEnabled(False)
        self.print_button.clicked.connect(self.print_record)
        self.status = QLabel(objectName="ninaite_status")
        self.status.setWordWrap(True)
        column = QVBoxLayout()
        column.addWidget(self.person_name)
        column.addWidget(self.summary)
        column.addWidget(self.activities, 1)
        column.addLayout(flow_row(self.print_button))
        column.addWidget(self.status)
        return column

    @staticmethod
    def _wrap(list_widget: QListWidget) -> None:
        """Long names and titles wrap instead of widening the list (200 % text)."""
        list_widget.setWordWrap(True)
        list_widget.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        list_widget.setResizeMode(QListWidget.ResizeMode.Adjust)

    # -- behaviour -----------------------------------------------------------------------------

    def focus_first(self) -> None:
        self.search_box.setFocus()

    @property
    def fiscal_year(self) -> int:
        return self.year.value()

    def reload(self) -> None:
        if self.search_box.text().strip():
            self.search(self.search_box.text())
        else:
            ops.load_year(parent=self, fiscal_year=self.fiscal_year).success(
                self._show_year
            ).run_in_background()
        if self.person_id:
            self._load_person(self.person_id)

    def _show_year(self, rows: list[dict[str, Any]]) -> None:
        self.people.blockSignals(True)
        self.people.clear()
        for row in rows:
            mark = (
                self.tr("達成")
                if row["met"]
                else self.tr("あと{n}回").format(n=REQUIRED_COUNT - row["counted"])
            )
            item = QListWidgetItem(
                self.tr("{name}（{reading}）　{count}回　{mark}").format(
                    name=row["name"], reading=row["reading"], count=row["counted"], mark=mark
                )
            )
            item.setData(PERSON_ID, row["person_id"])
            self.people.addItem(item)
            if row["person_id"] == self.person_id:
                self.people.setCurrentItem(item)
        self.people.blockSignals(False)
        self.people_hint.setText(
            self.tr("{year}年度に担い手活動をした方：{count}人").format(
                year=self.fiscal_year, count=len(rows)
            )
        )

    def search(self, text: str) -> None:
        if not text.strip():
            self.reload()
            return

        def found(residents: list[Resident]) -> None:
            if self.search_box.text() != text:
                return  # a later search is on its way
            self.people.blockSignals(True)
            self.people.clear()
            for resident in residents:
                item = QListWidgetItem(
                    self.tr("{name}（{reading}）").format(
                        name=resident.full_name, reading=resident.full_reading
                    )
                )
                item.setData(PERSON_ID, resident.id)
                self.people.addItem(item)
            self.people.blockSignals(False)
            self.people_hint.setText(
                self.tr("見つかった方：{count}人").format(count=len(residents))
            )

        ops.search_people(parent=self, query=text).success(found).run_in_background()

    def _person_chosen(self, item: QListWidgetItem | None) -> None:
        if item is not None:
            self.person_id = str(item.data(PERSON_ID))
            self._load_person(self.person_id)

    def _load_person(self, person_id: str) -> None:
        ops.load_person_year(
            parent=self, person_id=person_id, fiscal_year=self.fiscal_year
        ).success(self._show_person).failure(
            lambda error: show_error(parent=self, error=error)
        ).run_in_background()

    def _show_person(self, loaded: tuple[Resident, YearTally, list[str]]) -> None:
        resident, tally, codes = loaded
        self.person_id = resident.id
        self.person_name.setProperty("role", "title")
        self.person_name.style().unpolish(self.person_name)
        self.person_name.style().polish(self.person_name)
        self.person_name.setText(
            self.tr("{name}（{reading}）").format(
                name=resident.full_name, reading=resident.full_reading
            )
        )
        if tally.met:
            verdict = self.tr("「年{n}回以上」を満たしています").format(n=REQUIRED_COUNT)
        else:
            verdict = self.tr("「年{n}回以上」まで あと{left}回").format(
                n=REQUIRED_COUNT, left=REQUIRED_COUNT - tally.counted
            )
        lines = [
            self.tr("{year}年度の活動の回数：{count}回　{verdict}").format(
                year=tally.fiscal_year, count=tally.counted, verdict=verdict
            ),
            self.tr("活動した日数：{days}日　参加した活動：{activities}").format(
                days=tally.activity_days, activities=tally.activities
            ),
            self.tr("滞在日数：{days}日{long}").format(
                days=tally.days_of_stay,
                long=self.tr("（長期滞在）") if tally.long_stay else "",
            ),
        ]
        if resident.home_municipality:
            lines.append(self.tr("お住まい：{place}").format(place=resident.home_municipality))
        if codes:
            lines.append(self.tr("結びついたコード：{n}件").format(n=len(codes)))
        self.summary.setText("\n".join(lines))
        self.activities.clear()
        for activity in tally.counted_activities:
            self.activities.addItem(
                self.tr("{day}　{title}（指定：{by}）").format(
                    day=activity.day, title=activity.title, by=shown(activity.designated_by_name)
                )
            )
        if not tally.counted_activities:
            self.activities.addItem(self.tr("この年度の担い手活動はまだありません。"))
        self.print_button.setEnabled(True)
        self.status.setText("")

    def print_record(self) -> None:
        if not self.person_id:
            return
        self.status.setText(self.tr("作っています…"))
        self.print_button.setEnabled(False)

        def made(path: Path) -> None:
            self.print_button.setEnabled(True)
            target = prompts.choose_save_path(
                self, self.tr("PDFで保存"), Path(path).name, "PDF (*.pdf)"
            )
            if target:
                shutil.copyfile(path, target)
                self.status.setText(self.tr("保存しました：{path}").format(path=target))
            else:
                self.status.setText("")

        def failed(error: BaseException) -> None:
            self.print_button.setEnabled(True)
            self.status.setText("")
            show_error(parent=self, error=error)

        ops.make_record(
            parent=self,
            person_id=self.person_id,
            fiscal_year=self.fiscal_year,
            by=self.desk_context.user.name,
        ).success(made).failure(failed).run_in_background()

    def export_year(self) -> None:
        from kyojo_desk.gui.roles import require_coordinator

        if not require_coordinator(self, self.tr("担い手活動の一覧を書き出す")):
            return
        target = prompts.choose_save_path(
            self,
            self.tr("CSVで保存"),
            self.tr("担い手活動_{year}年度.csv").format(year=self.fiscal_year),
            "CSV (*.csv)",
        )
        if not target:
            return
        ops.export_year(
            parent=self,
            fiscal_year=self.fiscal_year,
            path=Path(target),
            by=self.desk_context.user.name,
        ).success(
            lambda count: self.status.setText(
                self.tr("{count}人を書き出しました：{path}").format(count=count, path=target)
            )
        ).failure(lambda error: show_error(parent=self, error=error)).run_in_background()

    def _changes_applied(self, changes: Changes) -> None:
        if changes.touches("attendance", "events", "residents", "organisations", "external_codes"):
            self.reload()
