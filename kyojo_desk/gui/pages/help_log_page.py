"""相談の記録: log a help session in about fifteen seconds at a busy table.

Topics, device, minutes and outcome are large buttons; the resident is found by a search (or the
session is anonymous); the event in progress is linked by the Store; the list of today's sessions
updates after each save.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDate, QSize, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kyojo_desk.gui.context import Changes, DeskContext, DeskUser
from kyojo_desk.gui.errors import show_in_label
from kyojo_desk.gui.flow_layout import FlowLayout, flow_row
from kyojo_desk.gui.i18n import shown
from kyojo_desk.gui.ops import help_log as ops
from kyojo_desk.gui.ops import residents as resident_ops
from kyojo_desk.gui.widgets import (
    SavedNote,
    ScrollBody,
    error_label,
    primary_button,
    title_label,
)
from kyojo_desk.records.help import (
    DEVICE_LABELS,
    FOLLOW_UP_OUTCOMES,
    MINUTE_PRESETS,
    OUTCOME_LABELS,
)
from kyojo_desk.records.resident import Resident

ROLE_DATA = Qt.ItemDataRole.UserRole


# Where a long label on a button may be broken onto a second line: at a space, after ・ or a
# slash, before an opening bracket; a line never starts with one of CLOSING.
BREAK_AFTER = ("・", "／", "/")
BREAK_BEFORE = ("（", "(")
CLOSING = "/／・)）"
# Wider than this many text heights, a label is broken in two (a button stays a compact target
# that sits beside others instead of taking a row of its own).
WIDEST_LABEL_EM = 8
# Even a short label's button is at least this many text heights wide: an easy target.
NARROWEST_BUTTON_EM = 4


def balanced_label(text: str, metrics: QFontMetrics) -> str:
    """`text` as it stands on a button: on one line when it is short, else broken in two at the
    natural break (after ・ or ／, before （, else a space) that leaves the longer line shortest."""
    if metrics.horizontalAdvance(text) <= metrics.height() * WIDEST_LABEL_EM:
        return text
    # A break at punctuation keeps words that belong together (My Number Card) on one line;
    # a space is the break of last resort.
    at_punctuation, at_spaces = [], []
    for index, character in enumerate(text[1:-1], start=1):
        if character == " ":
            at_spaces.append((text[:index], text[index + 1 :]))
        elif character in BREAK_AFTER:
            at_punctuation.append((text[: index + 1], text[index + 1 :]))
        elif character in BREAK_BEFORE:
            at_punctuation.append((text[:index], text[index:]))
    lines = [
        (first.rstrip(), second.lstrip())
        for first, second in (at_punctuation or at_spaces)
        if first.strip() and second.strip() and second.lstrip()[0] not in CLOSING
    ]
    if not lines:
        return text
    first, second = min(
        lines,
        key=lambda pair: max(metrics.horizontalAdvance(line) for line in pair),
    )
    return f"{first}\n{second}"


class ChoiceButton(QPushButton):
    """A large checkable button for one choice. As tall as the tallest of its group (a label
    broken in two lines keeps its row level) and never narrower than a comfortable target."""

    def __init__(self, objectName: str) -> None:  # noqa: N803 (Qt's keyword)
        super().__init__(objectName=objectName)
        self.setProperty("compact", True)  # the padding of a large button, not of a tall one

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        hint = super().sizeHint()
        group = self.group()
        if group is not None:
            hint.setHeight(max(QPushButton.sizeHint(b).height() for b in group.buttons()))
        # Room above and below the text, so two lines do not touch the border.
        hint.setHeight(hint.height() + self.fontMetrics().height() // 5)
        return hint.expandedTo(QSize(self.fontMetrics().height() * NARROWEST_BUTTON_EM, 48))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        return self.sizeHint()


def toggle_buttons(
    labels: dict[str, str], exclusive: bool, name: str, group: QButtonGroup | None = None
) -> tuple[FlowLayout, QButtonGroup]:
    """Large checkable buttons that flow onto more lines when the width runs out; `exclusive`
    makes them behave like radio buttons."""
    flow = FlowLayout()
    group = group if group is not None else QButtonGroup()
    group.setExclusive(exclusive)
    for index, (value, label) in enumerate(labels.items()):
        label = shown(label)
        button = ChoiceButton(f"{name}_{index}")
        button.setText(balanced_label(label, button.fontMetrics()))
        button.setAccessibleName(label)
        button.setCheckable(True)
        button.setProperty("value", value)
        group.addButton(button)
        flow.addWidget(button)
    return flow, group


def step_label(text: str) -> QLabel:
    """The heading of one step of the form (① … ⑤), in bold; it wraps rather than widen the
    page in a longer language."""
    label = QLabel(text)
    label.setProperty("role", "step")
    label.setWordWrap(True)
    return label


def compact_button(text: str, name: str) -> QPushButton:
    """A button beside the form's steps, as tall as the choices rather than as tall as 記録する."""
    button = QPushButton(text, objectName=name)
    button.setProperty("compact", True)
    return button


def checked_values(group: QButtonGroup) -> list[str]:
    return [b.property("value") for b in group.buttons() if b.isChecked()]


class HelpLogPage(QWidget):
    """① who was helped and ② what about on the left half, ③ device ④ time ⑤ outcome on the
    right, 記録する below both: the whole form on the screen at once, at 1366×768 and at 200 %
    text, so a session is logged without scrolling. Today's sessions are listed under ①."""

    title = QT_TRANSLATE_NOOP("HelpLogPage", "相談の記録")

    def __init__(self, desk_context: DeskContext) -> None:
        super().__init__()
        self.desk_context = desk_context
        self.resident: Resident | None = None
        self.volunteers: list = []
        self._search_generation = 0

        form = ScrollBody()
        columns = QHBoxLayout(form)
        columns.setContentsMargins(0, 0, 0, 0)
        # The person's column as narrow as its contents allow: the choices need the width.
        columns.addLayout(self._build_person_column(), 1)
        columns.addLayout(self._build_choices_column(), 3)
        scroll = QScrollArea(objectName="help_form")
        scroll.setAccessibleName(self.tr("相談の記録の入力"))
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(form)
        page = QVBoxLayout(self)
        page.addLayout(self._build_header())
        page.addWidget(scroll, 1)
        page.addLayout(self._build_save_row())

        desk_context.changes_applied.connect(self._changes_applied)
        desk_context.user_changed.connect(lambda _user: self._user_changed())
        self._show_who()
        self.reload()

    def _build_header(self) -> QHBoxLayout:
        """The page's title, and who is at the desk (the volunteer the session is logged by)."""
        self.who = QLabel(objectName="who")
        self.who.setWordWrap(True)  # a long name or language wraps instead of widening the page
        # All the room beside the title, so it wraps only when a long name needs it to.
        self.who.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        change_who = compact_button(self.tr("受付の人をかえる"), "change_who")
        change_who.clicked.connect(self.choose_volunteer)
        header = QHBoxLayout()
        header.addWidget(title_label(self.tr(self.title)))
        self.who.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        header.addWidget(self.who, 1)
        header.addWidget(change_who)
        return header

    def _build_person_column(self) -> QVBoxLayout:
        """① the person helped (found by name, or anonymous), and today's sessions below."""
        self.search = QLineEdit(objectName="resident_search")
        self.search.setPlaceholderText(self.tr("相談した方のお名前・ふりがな"))
        self.search.setAccessibleName(self.tr("相談した方をさがす"))
        self.search.textChanged.connect(self._search)
        self.results = QListWidget(objectName="resident_results")
        self.results.setAccessibleName(self.tr("さがした結果"))
        self.results.setMaximumHeight(self.fontMetrics().height() * 5)
        self.results.setWordWrap(True)  # a long name and reading wrap in the narrow column
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.results.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.results.itemClicked.connect(self._choose_resident)
        self.results.itemActivated.connect(self._choose_resident)
        self.chosen = QLabel(self.tr("（まだ選んでいません）"), objectName="chosen")
        self.chosen.setWordWrap(True)
        anonymous = self.tr("名前を聞かずに記録する（匿名）")
        self.anonymous = QCheckBox(objectName="anonymous")
        self.anonymous.setText(balanced_label(anonymous, self.anonymous.fontMetrics()))
        self.anonymous.setAccessibleName(anonymous)
        self.anonymous.toggled.connect(self._anonymous_toggled)
        self.history_button = compact_button(self.tr("この方のこれまで"), "history")
        self.history_button.setEnabled(False)
        self.history_button.clicked.connect(self.open_history)
        self.today = QListWidget(objectName="today")
        self.today.setWordWrap(True)
        self.today.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Items laid out again at each width, so long lines wrap instead of ending in 「…」.
        self.today.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.today.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.today.setSpacing(4)
        self.today.setAccessibleName(self.tr("今日の相談"))
        self.today.setMinimumHeight(self.fontMetrics().height() * 3)
        column = QVBoxLayout()
        column.addWidget(step_label(self.tr("① 相談した方")))
        column.addWidget(self.search)
        column.addWidget(self.results)
        column.addWidget(self.chosen)
        column.addLayout(flow_row(self.anonymous, self.history_button))
        # What a save says (or why it cannot save) stands above the list it adds to.
        self.error = error_label()
        self.saved_note = SavedNote()
        column.addWidget(self.error)
        column.addWidget(self.saved_note)
        column.addWidget(step_label(self.tr("今日の相談")))
        column.addWidget(self.today, 1)
        return column

    def _build_choices_column(self) -> QVBoxLayout:
        """② topics, ③ device, ④ time and ⑤ outcome as large buttons; the follow-up date and a
        note under them."""
        self.topic_flow = FlowLayout()
        self.topics = QButtonGroup(self)
        device_flow, self.devices = toggle_buttons(DEVICE_LABELS, True, "device")
        minutes_flow, self.minutes = toggle_buttons(
            {str(m): self.tr("{m}分").format(m=m) for m in MINUTE_PRESETS}, True, "minutes"
        )
        outcome_flow, self.outcomes = toggle_buttons(OUTCOME_LABELS, True, "outcome")
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
        column = QVBoxLayout()
        for title, flow in (
            (self.tr("② 相談の内容（いくつでも）"), self.topic_flow),
            (self.tr("③ 機種"), device_flow),
            (self.tr("④ かかった時間"), minutes_flow),
            (self.tr("⑤ 結果"), outcome_flow),
        ):
            column.addWidget(step_label(title))
            column.addLayout(flow)
        column.addStretch(1)
        return column

    def _build_save_row(self) -> QHBoxLayout:
        """The form's last line, always in view below it: the follow-up date (for ⑤ 次回つづき or
        専門の窓口へ), a note, and 記録する."""
        self.save_button = primary_button(self.tr("記録する"))
        self.save_button.setObjectName("save")
        self.save_button.clicked.connect(self.save)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("次の予定日")))
        row.addWidget(self.follow_up)
        row.addWidget(self.note, 1)
        row.addWidget(self.save_button, 1)
        return row

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
                self.topic_flow.removeWidget(button)
                button.deleteLater()
            flow, _group = toggle_buttons(
                {t: t for t in setup["topics"]}, False, "topic", group=self.topics
            )
            while flow.count():
                self.topic_flow.addWidget(flow.takeAt(0).widget())
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

    def unsaved_input(self) -> bool:
        """A session begun but not recorded (a person, a topic, an outcome or a note), which
        closing the window would lose; the device and time presets are not a session."""
        return bool(
            self.resident is not None
            or self.note.text().strip()
            or checked_values(self.topics)
            or checked_values(self.outcomes)
        )

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
