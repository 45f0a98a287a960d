"""相談の記録: log a help session in about fifteen seconds at a busy table.

Topics, device, minutes and outcome are large buttons; the resident is found by a search (or the
session is anonymous); the event in progress is linked by the Store; the list of today's sessions
updates after each save.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDate, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kyojo_desk.gui.context import Changes, DeskContext, DeskUser
from kyojo_desk.gui.errors import show_in_label
from kyojo_desk.gui.i18n import shown
from kyojo_desk.gui.ops import help_log as ops
from kyojo_desk.gui.ops import residents as resident_ops
from kyojo_desk.gui.widgets import SavedNote, error_label, primary_button, title_label
from kyojo_desk.records.help import (
    DEVICE_LABELS,
    FOLLOW_UP_OUTCOMES,
    MINUTE_PRESETS,
    OUTCOME_LABELS,
)
from kyojo_desk.records.resident import Resident

ROLE_DATA = Qt.ItemDataRole.UserRole


def toggle_grid(
    labels: dict[str, str], columns: int, exclusive: bool, name: str
) -> tuple[QGridLayout, QButtonGroup]:
    """Large checkable buttons in a grid; `exclusive` makes them behave like radio buttons."""
    grid = QGridLayout()
    group = QButtonGroup()
    group.setExclusive(exclusive)
    for index, (value, label) in enumerate(labels.items()):
        button = QPushButton(shown(label), objectName=f"{name}_{index}")
        button.setCheckable(True)
        button.setProperty("value", value)
        button.setMinimumHeight(48)
        group.addButton(button)
        grid.addWidget(button, index // columns, index % columns)
    return grid, group


def checked_values(group: QButtonGroup) -> list[str]:
    return [b.property("value") for b in group.buttons() if b.isChecked()]


class HelpLogPage(QWidget):
    title = QT_TRANSLATE_NOOP("HelpLogPage", "相談の記録")

    def __init__(self, desk_context: DeskContext) -> None:
        super().__init__()
        self.desk_context = desk_context
        self.resident: Resident | None = None
        self.volunteers: list = []
        self._search_generation = 0

        self.who = QLabel(objectName="who")
        change_who = QPushButton(self.tr("受付の人をかえる"), objectName="change_who")
        change_who.clicked.connect(self.choose_volunteer)

        self.search = QLineEdit(objectName="resident_search")
        self.search.setPlaceholderText(self.tr("相談した方のお名前・ふりがな"))
        self.search.setAccessibleName(self.tr("相談した方をさがす"))
        self.search.textChanged.connect(self._search)
        self.results = QListWidget(objectName="resident_results")
        self.results.setAccessibleName(self.tr("さがした結果"))
        self.results.setMaximumHeight(self.fontMetrics().height() * 6)
        self.results.itemClicked.connect(self._choose_resident)
        self.results.itemActivated.connect(self._choose_resident)
        self.anonymous = QCheckBox(
            self.tr("名前を聞かずに記録する（匿名）"), objectName="anonymous"
        )
        self.anonymous.toggled.connect(self._anonymous_toggled)
        self.chosen = QLabel(self.tr("（まだ選んでいません）"), objectName="chosen")
        self.history_button = QPushButton(self.tr("この方のこれまで"), objectName="history")
        self.history_button.setEnabled(False)
        self.history_button.clicked.connect(self.open_history)

        self.topic_box = QWidget()
        self.topic_layout = QVBoxLayout(self.topic_box)
        self.topic_layout.setContentsMargins(0, 0, 0, 0)
        self.topics = QButtonGroup(self)
        device_grid, self.devices = toggle_grid(DEVICE_LABELS, 3, True, "device")
        minutes_grid, self.minutes = toggle_grid(
            {str(m): self.tr("{m}分").format(m=m) for m in MINUTE_PRESETS}, 6, True, "minutes"
        )
        outcome_grid, self.outcomes = toggle_grid(OUTCOME_LABELS, 2, True, "outcome")
        for group in (self.devices, self.minutes, self.outcomes):
            group.setParent(self)
        self.outcomes.buttonToggled.connect(self._outcome_changed)
        self.follow_up = QDateEdit(QDate.currentDate().addDays(7), objectName="follow_up")
        self.follow_up.setCalendarPopup(True)
        self.follow_up.setDisplayFormat(self.tr("yyyy年M月d日"))
        self.follow_up.setAccessibleName(self.tr("次の予定日"))
        self.follow_up.setEnabled(False)
        self.note = QLineEdit(objectName="note")
        self.note.setAccessibleName(self.tr("メモ"))
        self.note.setPlaceholderText(self.tr("メモ（なくてもかまいません）"))
        self.error = error_label()
        self.saved_note = SavedNote()
        self.save_button = primary_button(self.tr("記録する"))
        self.save_button.setObjectName("save")
        self.save_button.clicked.connect(self.save)
        self.today = QListWidget(objectName="today")
        self.today.setWordWrap(True)
        self.today.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Items laid out again at each width, so long lines wrap instead of ending in 「…」.
        self.today.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.today.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.today.setSpacing(4)
        self.today.setAccessibleName(self.tr("今日の相談"))

        form = QWidget()
        layout = QVBoxLayout(form)
        who_row = QHBoxLayout()
        who_row.addWidget(self.who, 1)
        who_row.addWidget(change_who)
        layout.addLayout(who_row)
        layout.addWidget(title_label(self.tr("① 相談した方")))
        layout.addWidget(self.search)
        layout.addWidget(self.results)
        chosen_row = QHBoxLayout()
        chosen_row.addWidget(self.chosen, 1)
        chosen_row.addWidget(self.history_button)
        layout.addLayout(chosen_row)
        layout.addWidget(self.anonymous)
        layout.addWidget(title_label(self.tr("② 相談の内容（いくつでも）")))
        layout.addWidget(self.topic_box)
        layout.addWidget(title_label(self.tr("③ 機種")))
        layout.addLayout(device_grid)
        layout.addWidget(title_label(self.tr("④ かかった時間")))
        layout.addLayout(minutes_grid)
        layout.addWidget(title_label(self.tr("⑤ 結果")))
        layout.addLayout(outcome_grid)
        follow_row = QHBoxLayout()
        follow_row.addWidget(QLabel(self.tr("次の予定日")))
        follow_row.addWidget(self.follow_up)
        follow_row.addStretch(1)
        layout.addLayout(follow_row)
        layout.addWidget(self.note)
        layout.addStretch(1)
        scroll = QScrollArea(objectName="help_form")
        scroll.setAccessibleName(self.tr("相談の記録の入力"))
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(form)
        side = QVBoxLayout()
        side.addWidget(title_label(self.tr("今日の相談")))
        side.addWidget(self.today, 1)
        # The save button and its message stay below the scrolling form: on a small screen or
        # at 200 % text the form scrolls, and 記録する is still one glance away.
        form_column = QVBoxLayout()
        form_column.addWidget(scroll, 1)
        form_column.addWidget(self.error)
        form_column.addWidget(self.saved_note)
        form_column.addWidget(self.save_button)
        body = QHBoxLayout()
        body.addLayout(form_column, 3)
        body.addLayout(side, 1)
        page = QVBoxLayout(self)
        page.addWidget(title_label(self.tr(self.title)))
        page.addLayout(body, 1)

        desk_context.changes_applied.connect(self._changes_applied)
        desk_context.user_changed.connect(lambda _user: self._user_changed())
        self._show_who()
        self.reload()

    def focus_first(self) -> None:
        self.search.setFocus()

    # -- loading ------------------------------------------------------------------------------

    def reload(self) -> None:
        ops.load_help_setup(parent=self).success(self._loaded).run_in_background()

    def _loaded(self, setup: dict[str, Any]) -> None:
        self.volunteers = setup["volunteers"]
        self._adopt_volunteer_by_name()
        if [b.property("value") for b in self.topics.buttons()] != setup["topics"]:
            for button in self.topics.buttons():
                self.topics.removeButton(button)
                button.deleteLater()
            grid, group = toggle_grid({t: t for t in setup["topics"]}, 2, False, "topic")
            for button in group.buttons():
                group.removeButton(button)
                self.topics.addButton(button)
            holder = QWidget()
            holder.setLayout(grid)
            while self.topic_layout.count():
                old = self.topic_layout.takeAt(0).widget()
                if old is not None:
                    old.deleteLater()
            self.topic_layout.addWidget(holder)
            self.topics.setExclusive(False)
        self.today.clear()
        for session, name in setup["today"]:
            time = session.at[11:16]
            topics = self.tr("・").join(shown(topic) for topic in session.topics)
            self.today.addItem(
                self.tr("{time}　{name}\n　{topics}（{value}）").format(
                    time=time,
                    name=name,
                    topics=topics,
                    value=shown(OUTCOME_LABELS.get(session.outcome, "")),
                )
            )

    def _changes_applied(self, changes: Changes) -> None:
        if changes.touches("help_sessions", "volunteers", "residents"):
            self.reload()

    def _user_changed(self) -> None:
        self._adopt_volunteer_by_name()
        self._show_who()

    def _show_who(self) -> None:
        user = self.desk_context.user
        self.who.setText(
            self.tr("受付：{name} さん").format(name=user.name)
            if user.volunteer_id
            else self.tr("受付：（まだ選ばれていません）")
        )

    # -- choosing ------------------------------------------------------------------------------

    def _adopt_volunteer_by_name(self) -> None:
        """The name typed at the lock screen, when it is one volunteer's, is that volunteer:
        nobody should say who they are twice (typed at the lock, then picked from a list)."""
        from kyojo_desk.text.fold import fold_key

        user = self.desk_context.user
        if user.volunteer_id or not user.name.strip():
            return
        typed = fold_key(user.name)
        matches = [v for v in self.volunteers if typed in (fold_key(v.name), fold_key(v.reading))]
        if len(matches) == 1:
            self.desk_context.set_user(DeskUser(matches[0].id, matches[0].name, user.coordinator))

    def choose_volunteer(self) -> bool:
        from kyojo_desk.gui.dialogs.who_is_at_desk_dialog import WhoIsAtDeskDialog
        from kyojo_desk.gui.prompts import show_message

        if not self.volunteers:
            show_message(
                self,
                self.tr("受付の人"),
                self.tr(
                    "ボランティアがまだ登録されていません。「ボランティア」のページで登録してください。"
                ),
            )
            return False
        dialog = WhoIsAtDeskDialog(self.volunteers, parent=self)
        if not dialog.exec() or dialog.chosen() is None:
            return False
        volunteer = dialog.chosen()
        self.desk_context.set_user(
            DeskUser(volunteer.id, volunteer.name, self.desk_context.user.coordinator)
        )
        return True

    def _search(self, text: str) -> None:
        self._search_generation += 1
        generation = self._search_generation
        if not text.strip():
            self.results.clear()
            return

        def found(residents: list[Resident]) -> None:
            if generation != self._search_generation:
                return
            self.results.clear()
            for resident in residents[:20]:
                item = QListWidgetItem(
                    self.tr("{full_name}（{full_reading}）{birth_wareki}").format(
                        full_name=resident.full_name,
                        full_reading=resident.full_reading,
                        birth_wareki=resident.birth_wareki,
                    )
                )
                item.setData(ROLE_DATA, resident)
                self.results.addItem(item)

        resident_ops.search_residents(parent=self, query=text, limit=20).success(
            found
        ).run_in_background()

    def _choose_resident(self, item: QListWidgetItem) -> None:
        self.set_resident(item.data(ROLE_DATA))

    def set_resident(self, resident: Resident | None) -> None:
        self.resident = resident
        if resident is not None:
            self.anonymous.setChecked(False)
            self.chosen.setText(
                self.tr("選んだ方：{full_name}（{full_reading}）").format(
                    full_name=resident.full_name, full_reading=resident.full_reading
                )
            )
        else:
            self.chosen.setText(self.tr("（まだ選んでいません）"))
        self.history_button.setEnabled(resident is not None)

    def _anonymous_toggled(self, on: bool) -> None:
        if on:
            self.set_resident(None)
            self.chosen.setText(self.tr("匿名で記録します"))

    def _outcome_changed(self, *_args: object) -> None:
        self.follow_up.setEnabled(bool(set(checked_values(self.outcomes)) & FOLLOW_UP_OUTCOMES))

    # -- saving --------------------------------------------------------------------------------

    def values(self) -> dict[str, Any]:
        outcome = checked_values(self.outcomes)
        minutes = checked_values(self.minutes)
        device = checked_values(self.devices)
        return {
            "volunteer_id": self.desk_context.user.volunteer_id,
            "resident_id": self.resident.id if self.resident else None,
            "topics": checked_values(self.topics),
            "device": device[0] if device else "",
            "minutes": int(minutes[0]) if minutes else 0,
            "outcome": outcome[0] if outcome else "",
            "follow_up_due": self.follow_up.date().toPython().isoformat()
            if self.follow_up.isEnabled()
            else None,
            "notes": self.note.text(),
        }

    def save(self) -> None:
        self.error.hide()
        if self.resident is None and not self.anonymous.isChecked():
            self._show_error(self.tr("相談した方を選ぶか、「匿名」にチェックを入れてください。"))
            return
        self._adopt_volunteer_by_name()
        if not self.desk_context.user.volunteer_id and not self.choose_volunteer():
            self._show_error(self.tr("受付をしている人を選んでください。"))
            return
        who = self.chosen.text() if self.resident is not None else self.tr("匿名の方")
        ops.log_help_session(parent=self, values=self.values()).success(
            lambda session: self._saved(session, who)
        ).failure(self._failed).run_in_background()

    def _failed(self, error: BaseException) -> None:
        show_in_label(self.error, error, self)

    def _show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()

    def _saved(self, session=None, who: str = "") -> None:
        """Say that it was saved (for a few seconds), then clear the form for the next person;
        keep the volunteer and the device presets."""
        at = session.at[11:16] if session is not None else ""
        self.saved_note.show_for_a_moment(
            self.tr("記録しました（{time}　{who}）").format(time=at, who=who)
        )
        for group in (self.topics, self.outcomes, self.minutes):
            exclusive = group.exclusive()
            group.setExclusive(False)
            for button in group.buttons():
                button.setChecked(False)
            group.setExclusive(exclusive)
        self.note.clear()
        self.search.clear()
        self.set_resident(None)
        self.anonymous.setChecked(False)
        self.follow_up.setDate(QDate.currentDate().addDays(7))
        self.search.setFocus()

    def open_history(self) -> None:
        if self.resident is None:
            return
        from kyojo_desk.gui.dialogs.resident_history_dialog import ResidentHistoryDialog

        def loaded(result) -> None:
            resident, history = result
            dialog = ResidentHistoryDialog(resident, history, parent=self)
            dialog.skill_marked.connect(
                lambda skill: ops.mark_skill(
                    parent=self, resident_id=resident.id, skill=skill
                ).run_in_background()
            )
            self.history_dialog = dialog
            dialog.open()

        ops.resident_history(parent=self, resident_id=self.resident.id).success(
            loaded
        ).run_in_background()
