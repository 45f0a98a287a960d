"""ボランティア: the roster of share concierges, digital supporters and coordinators, their
trainings, and whether they are active."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kyojo_desk.gui.context import Changes, DeskContext
from kyojo_desk.gui.errors import show_in_label
from kyojo_desk.gui.flow_layout import flow_row
from kyojo_desk.gui.i18n import shown
from kyojo_desk.gui.ops import help_log as ops
from kyojo_desk.gui.widgets import error_label, primary_button, title_label
from kyojo_desk.records.help import COURSES, ROLE_LABELS, Volunteer


class VolunteersPage(QWidget):
    title = QT_TRANSLATE_NOOP("VolunteersPage", "ボランティア")

    def __init__(self, desk_context: DeskContext) -> None:
        super().__init__()
        self.desk_context = desk_context
        self.list = QListWidget(objectName="volunteer_list")
        self.list.setAccessibleName(self.tr("ボランティアの一覧"))
        self.name = QLineEdit(objectName="volunteer_name")
        self.name.setAccessibleName(self.tr("お名前"))
        self.name.setPlaceholderText(self.tr("お名前（例：山田 一郎）"))
        self.reading = QLineEdit(objectName="volunteer_reading")
        self.reading.setAccessibleName(self.tr("ふりがな"))
        self.reading.setPlaceholderText(self.tr("ふりがな"))
        self.roles = {role: QCheckBox(shown(label)) for role, label in ROLE_LABELS.items()}
        self.error = error_label()
        add = primary_button(self.tr("登録する"))
        add.setObjectName("add_volunteer")
        add.clicked.connect(self.add)
        self.course = QComboBox(objectName="course")
        self.course.setEditable(True)
        # As wide as the row allows, not as wide as the longest course name at 200 % text.
        self.course.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.course.setMinimumContentsLength(8)
        self.course.setAccessibleName(self.tr("講座"))
        for course in COURSES:
            self.course.addItem(shown(course), course)
        self.course_date = QDateEdit(QDate.currentDate(), objectName="course_date")
        self.course_date.setCalendarPopup(True)
        self.course_date.setDisplayFormat(self.tr("yyyy年M月d日"))
        self.course_date.setAccessibleName(self.tr("修了した日"))
        training = QPushButton(self.tr("選んだ人の修了を記録"), objectName="record_training")
        training.clicked.connect(self.record_training)
        toggle = QPushButton(self.tr("活動中／休止を切りかえ"), objectName="toggle_active")
        toggle.clicked.connect(self.toggle_active)

        # Short rows, so that 200 % text still fits a laptop screen.
        form = QHBoxLayout()
        form.addWidget(self.name, 1)
        form.addWidget(self.reading, 1)
        role_row = flow_row(*self.roles.values(), add)
        training_row = QHBoxLayout()
        training_row.addWidget(QLabel(self.tr("講座")))
        training_row.addWidget(self.course, 1)
        training_row.addWidget(self.course_date)
        action_row = flow_row(training, toggle)
        layout = QVBoxLayout(self)
        layout.addWidget(title_label(self.tr(self.title)))
        layout.addLayout(form)
        layout.addLayout(role_row)
        layout.addWidget(self.error)
        layout.addWidget(self.list, 1)
        layout.addLayout(training_row)
        layout.addLayout(action_row)
        desk_context.changes_applied.connect(self._changes_applied)
        self.reload()

    def focus_first(self) -> None:
        self.name.setFocus()

    def reload(self) -> None:
        ops.list_volunteers(parent=self).success(self._show).run_in_background()

    def _show(self, volunteers: list[Volunteer]) -> None:
        current = self.selected()
        self.list.clear()
        for volunteer in volunteers:
            roles = self.tr("・").join(shown(ROLE_LABELS.get(r, r)) for r in volunteer.roles)
            courses = self.tr("、").join(
                self.tr("{value}（{value2}）").format(value=shown(t["course"]), value2=t["date"])
                for t in volunteer.trainings
            )
            state = "" if volunteer.active else self.tr("【休止中】")
            item = QListWidgetItem(
                self.tr("{state}{name}（{reading}）　{roles}　{courses}").format(
                    state=state,
                    name=volunteer.name,
                    reading=volunteer.reading,
                    roles=roles,
                    courses=courses,
                )
            )
            item.setData(Qt.ItemDataRole.UserRole, volunteer)
            self.list.addItem(item)
            if current and current.id == volunteer.id:
                self.list.setCurrentItem(item)

    def selected(self) -> Volunteer | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def unsaved_input(self) -> bool:
        """A new volunteer typed but not added, which closing the window would lose."""
        return bool(self.name.text().strip() or self.reading.text().strip())

    def add(self) -> None:
        self.error.hide()
        roles = [role for role, box in self.roles.items() if box.isChecked()]

        def added(_volunteer) -> None:
            self.name.clear()
            self.reading.clear()
            for box in self.roles.values():
                box.setChecked(False)

        ops.add_volunteer(
            parent=self, name=self.name.text(), reading=self.reading.text(), roles=roles
        ).success(added).failure(
            lambda error: show_in_label(self.error, error, self)
        ).run_in_background()

    def record_training(self) -> None:
        volunteer = self.selected()
        if volunteer is None:
            return
        day: dt.date = self.course_date.date().toPython()
        ops.record_training(
            parent=self, volunteer_id=volunteer.id, course=self.chosen_course(), on=day
        ).run_in_background()

    def chosen_course(self) -> str:
        """The course's stored (Japanese) name when picked from the list; else what was typed."""
        index = self.course.currentIndex()
        if index >= 0 and self.course.itemText(index) == self.course.currentText():
            return str(self.course.itemData(index))
        return self.course.currentText().strip()

    def toggle_active(self) -> None:
        volunteer = self.selected()
        if volunteer is not None:
            ops.set_volunteer_active(
                parent=self, volunteer_id=volunteer.id, active=not volunteer.active
            ).run_in_background()

    def _changes_applied(self, changes: Changes) -> None:
        if changes.touches("volunteers"):
            self.reload()
