"""市のKPI: the city's figures for a period and district, large, with a bar chart, exported to
XLSX or CSV with one click."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDate, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kyojo_desk.gui import prompts
from kyojo_desk.gui.context import Changes, DeskContext
from kyojo_desk.gui.dialogs.app_figure_dialog import AppFigureDialog
from kyojo_desk.gui.flow_layout import flow_row
from kyojo_desk.gui.i18n import shown
from kyojo_desk.gui.models.digital_divide_model import DigitalDivideModel
from kyojo_desk.gui.ops import help_log as ops
from kyojo_desk.gui.ops import residents as resident_ops
from kyojo_desk.gui.widgets import WrappingHeader, title_label
from kyojo_desk.store.kpi import (
    AGE_BAND_NAMES,
    KPI_LABELS,
    PLAN_KPIS,
    fiscal_year_bounds,
    fiscal_year_of,
)

SHOWN = (
    "new_residents",
    "residents_supported",
    "help_sessions",
    "events_held",
    "volunteer_led_events",
    "attendance_total",
    "attendance_unique",
    "first_time_participants",
    "volunteers_trained",
    "aid_matches_total",
    "match_rate",
    "open_follow_ups",
    "related_participants",
    "ninaite_activities",
    "ninaite_met",
)
TARGETED = set(PLAN_KPIS)


class BarChart(QWidget):
    """Horizontal bars with their numbers written beside them (never colour alone)."""

    def __init__(self, empty_text: str = "") -> None:
        super().__init__()
        self.bars: list[tuple[str, int]] = []
        self.empty_text = empty_text or self.tr("この期間の相談はありません")
        self.setMinimumHeight(200)

    def set_bars(self, bars: list[tuple[str, int]]) -> None:
        self.bars = bars
        line = self.fontMetrics().height() + 10
        self.setMinimumHeight(max(120, line * len(bars) + 20))
        self.update()

    def paintEvent(self, _event) -> None:  # noqa: N802 (Qt name)
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.palette().base())
        if not self.bars:
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.empty_text)
            return
        metrics = self.fontMetrics()
        label_width = max(metrics.horizontalAdvance(label) for label, _ in self.bars) + 16
        number_width = metrics.horizontalAdvance("99999") + 16
        line = metrics.height() + 10
        largest = max(value for _, value in self.bars) or 1
        span = max(10, self.width() - label_width - number_width - 20)
        painter.setPen(QPen(self.palette().text().color()))
        for row, (label, value) in enumerate(self.bars):
            top = 10 + row * line
            painter.drawText(
                QRectF(0, top, label_width - 8, line),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                label,
            )
            width = span * value / largest
            painter.fillRect(QRectF(label_width, top + 4, width, line - 8), QColor("#0b4f8a"))
            painter.drawText(
                QRectF(label_width + width + 6, top, number_width, line),
                Qt.AlignmentFlag.AlignVCenter,
                str(value),
            )
        painter.end()


class DashboardPage(QWidget):
    title = QT_TRANSLATE_NOOP("DashboardPage", "市のKPI")

    def __init__(self, desk_context: DeskContext) -> None:
        super().__init__()
        self.desk_context = desk_context
        self.figures: dict[str, Any] | None = None
        self.stale = False  # data changed while the page was out of sight
        today = QDate.currentDate()
        self.start = QDateEdit(QDate(today.year(), today.month(), 1), objectName="start")
        self.end = QDateEdit(today, objectName="end")
        for edit, name in (
            (self.start, self.tr("期間のはじめ")),
            (self.end, self.tr("期間のおわり")),
        ):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat(self.tr("yyyy年M月d日"))
            edit.setAccessibleName(name)
            edit.dateChanged.connect(self.reload)
        self.district = QComboBox(objectName="district")
        self.district.setAccessibleName(self.tr("地区"))
        self.district.addItem(self.tr("すべての地区"), None)
        self.district.currentIndexChanged.connect(self.reload)
        this_month = QPushButton(self.tr("今月"))
        this_month.clicked.connect(
            lambda: self.set_period(dt.date.today().replace(day=1), dt.date.today())
        )
        fiscal = QPushButton(self.tr("今年度"))
        fiscal.clicked.connect(self.set_fiscal_year)
        self.xlsx_button = QPushButton(self.tr("Excelで保存"), objectName="export_xlsx")
        self.xlsx_button.clicked.connect(lambda: self.export("xlsx"))
        self.csv_button = QPushButton(self.tr("CSVで保存"), objectName="export_csv")
        self.csv_button.clicked.connect(lambda: self.export("csv"))
        self.app_figure_button = QPushButton(
            self.tr("アプリでの共助の件数を入れる"), objectName="app_figure"
        )
        self.app_figure_button.clicked.connect(self.enter_app_figure)
        self.cumulative: dict[str, QLabel] = {}
        self.numbers: dict[str, QLabel] = {}
        grid = QGridLayout()
        for index, key in enumerate(SHOWN):
            number = QLabel("—", objectName=f"kpi_{key}")
            number.setProperty("role", "huge")
            caption = QLabel(shown(KPI_LABELS[key]))
            caption.setWordWrap(True)
            cell = QVBoxLayout()
            cell.addWidget(number)
            cell.addWidget(caption)
            if key in TARGETED:
                # The plan's years so far against their summed targets (累計).
                self.cumulative[key] = QLabel("", objectName=f"cumulative_{key}")
                self.cumulative[key].setWordWrap(True)
                cell.addWidget(self.cumulative[key])
            grid.addLayout(cell, index // 3, index % 3)
            self.numbers[key] = number
        self.chart = BarChart()
        self.divide_model = DigitalDivideModel()
        self.divide_table = QTableView(objectName="digital_divide")
        self.divide_table.setModel(self.divide_model)
        self.divide_table.setAccessibleName(self.tr("地区と年代ごとのスマホとアプリ"))
        self.divide_table.verticalHeader().hide()
        # The columns share the page's width: sized to their contents they were wider than a
        # 1366-pixel screen in English and at 200 %, and the table scrolled sideways.
        self.divide_table.setHorizontalHeader(WrappingHeader(self.divide_table))
        self.divide_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        # District and age band as wide as their words; the counts share the rest.
        for column in (0, 1):
            self.divide_table.horizontalHeader().setSectionResizeMode(
                column, QHeaderView.ResizeMode.ResizeToContents
            )
        self.divide_chart = BarChart(self.tr("登録している人がいません"))
        # Two short rows rather than one long one, so 200 % text still fits a laptop screen.
        period_row = QHBoxLayout()
        for widget in (QLabel(self.tr("期間")), self.start, QLabel(self.tr("〜")), self.end):
            period_row.addWidget(widget)
        period_row.addStretch(1)
        choice_row = flow_row(
            this_month,
            fiscal,
            self.district,
            self.xlsx_button,
            self.csv_button,
            self.app_figure_button,
        )
        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.addLayout(grid)
        body_layout.addWidget(title_label(self.tr("相談の内容（件）")))
        body_layout.addWidget(self.chart)
        body_layout.addWidget(title_label(self.tr("スマホとアプリ（地区・年代ごと）")))
        body_layout.addWidget(self.divide_table)
        body_layout.addWidget(title_label(self.tr("スマホを持っていない人（年代ごと）")))
        body_layout.addWidget(self.divide_chart)
        body_layout.addStretch(1)
        scroll = QScrollArea(objectName="dashboard_body")
        scroll.setAccessibleName(self.tr("KPIの数字"))
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.addWidget(title_label(self.tr(self.title)))
        layout.addLayout(period_row)
        layout.addLayout(choice_row)
        layout.addWidget(scroll, 1)
        desk_context.changes_applied.connect(self._changes_applied)
        resident_ops.list_districts(parent=self).success(self._districts).run_in_background()
        self.reload()

    def focus_first(self) -> None:
        self.start.setFocus()

    def _districts(self, districts) -> None:
        for district in districts:
            self.district.addItem(district.name, district.code)
        self.divide_model.district_names = {d.code: d.name for d in districts}
        self.divide_model.replace_rows(self.divide_model.rows)

    def set_period(self, start: dt.date, end: dt.date) -> None:
        self.start.blockSignals(True)
        self.start.setDate(QDate(start.year, start.month, start.day))
        self.start.blockSignals(False)
        self.end.setDate(QDate(end.year, end.month, end.day))
        self.reload()

    def set_fiscal_year(self, today: dt.date | None = None) -> None:
        """「今年度」: the 年度 (1 April – 31 March) that today belongs to."""
        self.set_period(*fiscal_year_bounds(fiscal_year_of(today or dt.date.today())))

    def period(self) -> tuple[dt.date, dt.date, str | None]:
        return self.start.date().toPython(), self.end.date().toPython(), self.district.currentData()

    def reload(self) -> None:
        start, end, district = self.period()
        if end < start:
            return
        ops.compute_kpis(parent=self, start=start, end=end, district=district).success(
            self._show
        ).run_in_background()

    def _show(self, figures: dict[str, Any]) -> None:
        self.figures = figures
        for key, label in self.numbers.items():
            value = figures[key]
            if key == "match_rate":
                rate = "—" if value is None else f"{value:.0%}"
                label.setText(f"{rate} / {figures['match_rate_target']:.0%}")
                continue
            target = figures["targets"].get(key) if key in TARGETED else None
            label.setText(f"{value}" + (f" / {target}" if target else ""))
        cumulative = figures["cumulative"]
        for key, label in self.cumulative.items():
            if cumulative is None:
                label.setText(self.tr("累計：計画の期間より前です"))
                continue
            entry = cumulative[key]
            label.setText(
                self.tr("累計 {value} / {target}（計画全体 {plan}）").format(
                    value=entry["value"], target=entry["target"], plan=entry["plan_target"]
                )
            )
        # The standard topics are the desk's words (translated); a centre's own are data.
        self.chart.set_bars(
            [(shown(topic), count) for topic, count in figures["help_sessions_by_topic"].items()]
        )
        rows = figures["digital_divide"]["rows"]
        self.divide_model.replace_rows(rows)
        self._fit_divide_table()
        # The bands in their own order (youngest first), whichever district shows them first.
        without = dict.fromkeys(AGE_BAND_NAMES, 0)
        for row in rows:
            without[row["age_band"]] += row["residents"] - row["smartphone"]
        self.divide_chart.set_bars(
            [
                (shown(AGE_BAND_NAMES[band]), count)
                for band, count in without.items()
                if any(row["age_band"] == band for row in rows)
            ]
        )

    def _fit_divide_table(self, most_rows: int = 15) -> None:
        """As tall as its rows (up to `most_rows`), so the page scrolls instead of the table."""
        table = self.divide_table
        shown_rows = min(most_rows, self.divide_model.rowCount())
        height = table.horizontalHeader().height() + 2 * table.frameWidth()
        height += sum(table.rowHeight(row) for row in range(shown_rows)) or table.rowHeight(0)
        table.setFixedHeight(max(height, table.horizontalHeader().height() * 2))

    def enter_app_figure(self) -> AppFigureDialog | None:
        """A coordinator enters the app's 共助 count for a month (KPI ④)."""
        from kyojo_desk.gui.roles import require_coordinator

        if not require_coordinator(self, self.tr("アプリでの共助の件数の入力")):
            return None
        dialog = AppFigureDialog(self.end.date().toPython(), parent=self)

        def save(values: dict[str, Any]) -> None:
            values["entered_by"] = self.desk_context.user.name
            ops.record_app_aid_count(parent=self, values=values).success(
                lambda _figure: dialog.saved()
            ).failure(dialog.save_failed).run_in_background()

        dialog.save_requested.connect(save)
        dialog.open()
        return dialog

    def export(self, kind: str) -> None:
        from kyojo_desk.gui.roles import require_coordinator
        from kyojo_desk.store.kpi import export_kpis_csv, export_kpis_xlsx

        if self.figures is None or not require_coordinator(self, self.tr("KPIの書き出し")):
            return
        start, end, _ = self.period()
        suggested = f"KPI_{start:%Y%m%d}-{end:%Y%m%d}.{kind}"
        file_filter = "Excel (*.xlsx)" if kind == "xlsx" else "CSV (*.csv)"
        path = prompts.choose_save_path(self, self.tr("KPIを保存する"), suggested, file_filter)
        if not path:
            return
        (export_kpis_xlsx if kind == "xlsx" else export_kpis_csv)(self.figures, path)
        prompts.show_message(
            self, self.tr("KPIを保存する"), self.tr("保存しました。\n{path}").format(path=path)
        )

    def _changes_applied(self, changes: Changes) -> None:
        if not changes.touches(
            "residents",
            "help_sessions",
            "attendance",
            "events",
            "aid_requests",
            "volunteers",
            "app_aid_counts",
            "resident_skills",
        ):
            return
        # A dashboard out of sight counts again when it is shown: counting on every check-in
        # at a busy reception would hold the one database thread for a good part of a second
        # each time, and the reception's own work would wait behind it.
        if self.isVisible():
            self.reload()
        else:
            self.stale = True

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt name)
        super().showEvent(event)
        if self.stale:
            self.stale = False
            self.reload()
