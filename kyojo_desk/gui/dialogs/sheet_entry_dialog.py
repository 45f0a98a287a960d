"""Enter a paper sign-in sheet after the event.

The expected people are listed in the same 五十音 order as the printed sheet (the Store's
`expected_residents`), each with a tick box; people already counted (scanned at the desk) are
shown ticked and cannot be ticked twice. Blank rows take the walk-ins written on the paper.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kyojo_desk.errors import KyojoError, ValidationError
from kyojo_desk.gui.errors import error_text
from kyojo_desk.gui.i18n import shown
from kyojo_desk.gui.widgets import (
    FormDialog,
    WrappingHeader,
    error_label,
    hint_label,
    primary_button,
    title_label,
)
from kyojo_desk.records.event import Event, WalkIn
from kyojo_desk.records.resident import Resident
from kyojo_desk.texts import N_

WALK_IN_COLUMNS = (
    ("family_name", N_("姓")),
    ("given_name", N_("名")),
    ("family_reading", N_("せい（ふりがな）")),
    ("given_reading", N_("めい（ふりがな）")),
    ("phone", N_("電話番号")),
)
BLANK_ROWS = 5


class SheetEntryDialog(FormDialog):
    """Emits `save_requested(ticked_resident_ids, walk_ins)`; answered by `saved()` or
    `save_failed(error)`."""

    save_requested = Signal(list, list)

    def __init__(
        self,
        event: Event,
        expected: list[Resident],
        already_counted: set[str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("紙の受付表を入力する"))
        self.setModal(True)
        self.event = event
        self.expected = expected
        self.people = QListWidget(objectName="expected")
        self.people.setAccessibleName(self.tr("受付表に印刷された方"))
        self.people.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        for number, resident in enumerate(expected, start=1):
            counted = resident.id in already_counted
            text = self.tr("{number}.  {full_name}（{full_reading}）").format(
                number=number, full_name=resident.full_name, full_reading=resident.full_reading
            )
            item = QListWidgetItem(text + (self.tr("　✔ 受付済み") if counted else ""))
            item.setData(Qt.ItemDataRole.UserRole, resident.id)
            if counted:
                item.setCheckState(Qt.CheckState.Checked)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
            else:
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Unchecked)
            self.people.addItem(item)
        self.people.itemClicked.connect(self._toggle)
        # Tick boxes and rows sized from the text, so they stay easy to hit at 200 %.
        box = self.fontMetrics().height()
        self.people.setStyleSheet(
            f"QListWidget::indicator {{ width: {box}px; height: {box}px; }}"
            f" QListWidget::item {{ padding: {box // 3}px; }}"
        )
        self.walk_ins = QTableWidget(BLANK_ROWS, len(WALK_IN_COLUMNS), objectName="walk_ins")
        self.walk_ins.setAccessibleName(self.tr("空欄に書かれた方"))
        self.walk_ins.setHorizontalHeaderLabels([shown(label) for _, label in WALK_IN_COLUMNS])
        self.walk_ins.setHorizontalHeader(WrappingHeader(self.walk_ins))
        self.walk_ins.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.walk_ins.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        add_row = QPushButton(self.tr("空欄の行を増やす"))
        add_row.clicked.connect(lambda: self.walk_ins.insertRow(self.walk_ins.rowCount()))
        self.summary = error_label()
        save = primary_button(self.tr("受付表を保存する"))
        save.setObjectName("save")
        save.clicked.connect(self.request_save)
        cancel = QPushButton(self.tr("やめる"), objectName="cancel")
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(add_row)
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(save)

        layout = QVBoxLayout(self)
        layout.addWidget(title_label(self.tr("紙の受付表：{title}").format(title=event.title)))
        layout.addWidget(
            hint_label(
                self.tr(
                    "{value}　{time_range}　{place}\n受付表と同じ順番です。〇やレ点のついた方を選んでください。受付の時刻は行事の開始時刻になります。"
                ).format(
                    value=event.day.replace("-", "/"),
                    time_range=event.time_range,
                    place=event.place,
                )
            )
        )
        # A multi-day event has one sheet per day: which day's sheet this is.
        self.day_choice: QComboBox | None = None
        if event.is_multi_day:
            self.day_choice = QComboBox(objectName="sheet_day")
            self.day_choice.setAccessibleName(self.tr("受付表の日"))
            today = event.day_for(dt.datetime.now().astimezone().isoformat())
            for day in event.days:
                self.day_choice.addItem(
                    self.tr("{number}日目（{day}）").format(
                        number=event.day_number(day), day=day.replace("-", "/")
                    ),
                    day,
                )
            self.day_choice.setCurrentIndex(event.days.index(today))
            day_row = QHBoxLayout()
            day_row.addWidget(QLabel(self.tr("受付表の日")))
            day_row.addWidget(self.day_choice, 1)
            layout.addLayout(day_row)
        if expected:
            layout.addWidget(self.people, 3)
        else:
            layout.addWidget(QLabel(self.tr("この行事には、申し込みの方も常連の方もいません。")))
        layout.addWidget(QLabel(self.tr("空欄に書かれた方（その場で参加した方）")))
        layout.addWidget(self.walk_ins, 2)
        layout.addWidget(self.summary)
        layout.addLayout(buttons)
        self.save_button = save
        scale = max(1.0, self.fontMetrics().height() / 20)
        self.resize(int(860 * scale), int(760 * scale))

    def chosen_day(self) -> str | None:
        """The day of a multi-day event the sheet is for (None: the event's only day)."""
        return self.day_choice.currentData() if self.day_choice is not None else None

    def _toggle(self, item: QListWidgetItem) -> None:
        """A click anywhere on the row ticks it (the box itself is small for tired eyes)."""
        if not item.flags() & Qt.ItemFlag.ItemIsEnabled:
            return
        checked = item.checkState() == Qt.CheckState.Checked
        item.setCheckState(Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked)

    def ticked_ids(self) -> list[str]:
        ids = []
        for row in range(self.people.count()):
            item = self.people.item(row)
            if (
                item.flags() & Qt.ItemFlag.ItemIsEnabled
                and item.checkState() == Qt.CheckState.Checked
            ):
                ids.append(item.data(Qt.ItemDataRole.UserRole))
        return ids

    def set_walk_in(self, row: int, **values: str) -> None:
        """Fill a blank row (tests and re-entry)."""
        while self.walk_ins.rowCount() <= row:
            self.walk_ins.insertRow(self.walk_ins.rowCount())
        for column, (name, _label) in enumerate(WALK_IN_COLUMNS):
            if name in values:
                self.walk_ins.setItem(row, column, QTableWidgetItem(values[name]))

    def walk_in_rows(self) -> list[WalkIn]:
        """The filled blank rows. Raises ValidationError naming a row missing name or reading."""
        rows: list[WalkIn] = []
        problems: dict[str, str] = {}
        for row in range(self.walk_ins.rowCount()):
            values = {}
            for column, (name, _label) in enumerate(WALK_IN_COLUMNS):
                item = self.walk_ins.item(row, column)
                values[name] = item.text().strip() if item else ""
            if not any(values.values()):
                continue
            if not values["family_name"] or not values["family_reading"]:
                problems[f"walk_in_{row + 1}"] = self.tr(
                    "空欄の{value}行目：姓 と せい（ふりがな）を入力してください。"
                ).format(value=row + 1)
            rows.append(WalkIn(**values))
        if problems:
            raise ValidationError.many(problems)
        return rows

    def request_save(self) -> None:
        self.summary.hide()
        try:
            walk_ins = self.walk_in_rows()
        except ValidationError as error:
            self.save_failed(error)
            return
        self.save_requested.emit(self.ticked_ids(), walk_ins)

    def saved(self) -> None:
        self.close_saved()

    def save_failed(self, error: BaseException) -> None:
        if isinstance(error, KyojoError):
            self.summary.setText(error_text(error))
            self.summary.show()
        else:
            from kyojo_desk.gui.errors import show_error

            show_error(parent=self, error=error)
