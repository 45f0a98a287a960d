"""Create an event at the desk: title, kind, day and times, place, organiser, capacity, flags."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QDate, QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from kyojo_desk.gui.errors import clear_form_error, show_form_error
from kyojo_desk.gui.i18n import shown
from kyojo_desk.gui.widgets import (
    FormDialog,
    error_label,
    form_grid,
    save_and_cancel,
    title_label,
)
from kyojo_desk.records.event import EVENT_KIND_LABELS
from kyojo_desk.records.help import Volunteer
from kyojo_desk.records.ninaite import DESIGNATED_BY_CITY, Organisation


class EventDialog(FormDialog):
    """Emits `save_requested(values)`; the page answers with `saved()` or `save_failed(error)`."""

    save_requested = Signal(object)

    def __init__(self, day: QDate | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("行事をつくる"))
        self.setModal(True)
        self.errors: dict[str, QLabel] = {}
        self.title_input = QLineEdit(objectName="title")
        self.title_input.setPlaceholderText(self.tr("例：ふれあいサロン"))
        self.kind = QComboBox(objectName="kind")
        for kind, label in EVENT_KIND_LABELS.items():
            label = shown(label)
            self.kind.addItem(label, kind.value)
        self.day = QDateEdit(day or QDate.currentDate(), objectName="day")
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat(self.tr("yyyy年M月d日"))
        # An event may span several days (a festival run over a weekend): people are then
        # checked in once per day.
        self.last_day = QDateEdit(self.day.date(), objectName="last_day")
        self.last_day.setCalendarPopup(True)
        self.last_day.setDisplayFormat(self.tr("yyyy年M月d日"))
        self.last_day.setAccessibleName(self.tr("最終日"))
        self._previous_first_day = self.day.date()
        self.day.dateChanged.connect(self._first_day_changed)
        self.starts = QTimeEdit(QTime(10, 0), objectName="starts")
        self.starts.setDisplayFormat("HH:mm")
        self.ends = QTimeEdit(QTime(12, 0), objectName="ends")
        self.ends.setDisplayFormat("HH:mm")
        for time_edit in (self.starts, self.ends):
            time_edit.setMinimumWidth(self.fontMetrics().horizontalAdvance("00:00") * 3)
        self.place = QLineEdit(objectName="place")
        self.place.setPlaceholderText(self.tr("例：上野原公民館"))
        self.organiser = QLineEdit(objectName="organiser")
        self.capacity = QSpinBox(objectName="capacity")
        self.capacity.setRange(0, 10000)
        self.capacity.setSpecialValueText(self.tr("定員なし"))
        self.capacity.setSuffix(self.tr(" 人"))
        self.volunteer_led = QCheckBox(
            self.tr("ボランティアが運営する"), objectName="volunteer_led"
        )
        self.ninaite = QCheckBox(self.tr("担い手活動として数える"), objectName="ninaite_activity")
        # Who designated the 担い手活動: the city, or a partner organisation (set_organisations).
        self.designated_by = QComboBox(objectName="designated_by")
        self.designated_by.setAccessibleName(self.tr("指定したところ"))
        self.designated_by.addItem(self.tr("市"), DESIGNATED_BY_CITY)
        self.designated_by.setEnabled(False)
        self.ninaite.toggled.connect(self.designated_by.setEnabled)
        # Filled by the page once the roster is read (set_volunteers).
        self.led_by = QComboBox(objectName="led_by")
        self.led_by.setAccessibleName(self.tr("中心になった人"))
        self.led_by.addItem(self.tr("（決めない）"), None)

        self.summary = error_label()
        buttons, self.save_button = save_and_cancel(self, self.tr("つくる"), self.request_save)
        layout = QVBoxLayout(self)
        layout.addWidget(title_label(self.tr("行事をつくる")))
        layout.addLayout(self._build_fields())
        layout.addWidget(self.volunteer_led)
        layout.addWidget(self.ninaite)
        designation = QHBoxLayout()
        designation.addWidget(QLabel(self.tr("指定したところ")))
        designation.addWidget(self.designated_by, 1)
        layout.addLayout(designation)
        self.errors["designated_by"] = error_label()
        layout.addWidget(self.errors["designated_by"])
        layout.addWidget(self.summary)
        layout.addLayout(buttons)
        scale = max(1.0, self.fontMetrics().height() / 20)
        self.resize(int(620 * scale), self.sizeHint().height())

    def _build_fields(self) -> QGridLayout:
        # An error under the times says what is wrong with the end (before the start).
        return form_grid(
            (
                ("title", self.tr("行事の名前"), self.title_input),
                ("kind", self.tr("種類"), self.kind),
                ("starts_at", self.tr("日にち"), self._from_to(self.day, self.last_day)),
                ("ends_at", self.tr("時間"), self._from_to(self.starts, self.ends)),
                ("place", self.tr("場所"), self.place),
                ("organiser", self.tr("主催"), self.organiser),
                ("capacity", self.tr("定員"), self.capacity),
                ("led_by", self.tr("中心になった人"), self.led_by),
            ),
            self.errors,
        )

    def _from_to(self, first: QWidget, last: QWidget) -> QHBoxLayout:
        """「first 〜 last」 on one row, kept to the left."""
        row = QHBoxLayout()
        row.addWidget(first)
        row.addWidget(QLabel(self.tr("〜")))
        row.addWidget(last)
        row.addStretch(1)
        return row

    def values(self) -> dict[str, Any]:
        day = self.day.date().toString("yyyy-MM-dd")
        last_day = max(self.last_day.date(), self.day.date()).toString("yyyy-MM-dd")
        return {
            "title": self.title_input.text(),
            "kind": self.kind.currentData(),
            "starts_at": f"{day}T{self.starts.time().toString('HH:mm')}",
            "ends_at": f"{last_day}T{self.ends.time().toString('HH:mm')}",
            "place": self.place.text(),
            "organiser": self.organiser.text(),
            "capacity": self.capacity.value() or None,
            "volunteer_led": self.volunteer_led.isChecked(),
            "ninaite_activity": self.ninaite.isChecked(),
            "led_by": self.led_by.currentData(),
            "designated_by": self.designated_by.currentData() if self.ninaite.isChecked() else "",
        }

    def _first_day_changed(self, first: QDate) -> None:
        """The last day follows the first, unless it was set to a later day on purpose."""
        if self.last_day.date() == self._previous_first_day or self.last_day.date() < first:
            self.last_day.setDate(first)
        self._previous_first_day = first

    def set_organisations(self, organisations: list[Organisation]) -> None:
        """The partner organisations that may designate an activity (pattern ②)."""
        for organisation in organisations:
            self.designated_by.addItem(organisation.name, organisation.id)

    def set_volunteers(self, volunteers: list[Volunteer]) -> None:
        """The roster to choose the leader from: trained share concierges first (their events
        count for the city's KPI ③), then the other volunteers, each group in reading order."""
        ordered = sorted(
            volunteers, key=lambda v: (v.trained_as_concierge_on is None, v.reading, v.id)
        )
        for volunteer in ordered:
            label = volunteer.name
            if volunteer.trained_as_concierge_on:
                label = self.tr("{name}（シェア・コンシェルジュ）").format(name=volunteer.name)
            self.led_by.addItem(label, volunteer.id)

    def request_save(self) -> None:
        self.clear_errors()
        self.save_requested.emit(self.values())

    def saved(self) -> None:
        self.close_saved()

    def save_failed(self, error: BaseException) -> None:
        show_form_error(
            error,
            parent=self,
            labels=self.errors,
            summary=self.summary,
            fields={"title": self.title_input},
        )

    def clear_errors(self) -> None:
        clear_form_error(
            labels=self.errors, summary=self.summary, fields={"title": self.title_input}
        )
