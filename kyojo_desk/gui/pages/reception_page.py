"""受付 (reception): check people in at today's event.

A USB barcode scanner types a member card's QR payload and Enter into the scan input, which
always has the focus (it takes it back after every action and whenever the window becomes
active). The answer comes at once in large type — the person's name and reading, so the
volunteer can greet them — with a mark that does not rely on colour: ✔ for a new check-in, ！ for
「もう受付済みです（10:32）」 or an unreadable card. People without a card are found by name (the
list stays empty until something is typed: people at the table can see the screen), walk-ins
are registered with name and reading only, and anonymous participants are counted by age band.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QBoxLayout,
    QComboBox,
    QFrame,
    QGridLayout,
    QGroupBox,
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

from kyojo_desk.errors import DuplicateSuspected
from kyojo_desk.gui import prompts
from kyojo_desk.gui.context import Changes, DeskContext
from kyojo_desk.gui.dialogs.event_dialog import EventDialog
from kyojo_desk.gui.dialogs.furusato_dialog import FurusatoDialog
from kyojo_desk.gui.dialogs.link_code_dialog import LinkCodeDialog
from kyojo_desk.gui.dialogs.sheet_entry_dialog import SheetEntryDialog
from kyojo_desk.gui.dialogs.walk_in_dialog import WalkInDialog
from kyojo_desk.gui.errors import error_text
from kyojo_desk.gui.flow_layout import FlowLayout, flow_row
from kyojo_desk.gui.i18n import shown
from kyojo_desk.gui.ops import help_log as help_ops
from kyojo_desk.gui.ops import ninaite as ninaite_ops
from kyojo_desk.gui.ops import reception as ops
from kyojo_desk.gui.sounds import ReceptionSounds
from kyojo_desk.gui.theme import BASE_POINT_SIZE, points
from kyojo_desk.gui.widgets import ScrollBody, hint_label, primary_button, title_label
from kyojo_desk.qr import normalize_scan
from kyojo_desk.records.event import (
    AGE_BAND_LABELS,
    AgeBand,
    Attendance,
    CheckInMethod,
    CheckInResult,
    CheckInStatus,
    Event,
    LiveCounts,
    SheetEntryResult,
    WalkIn,
)
from kyojo_desk.records.resident import Resident
from kyojo_desk.store.events import UndoResult

IDLE_AFTER_MS = 20_000  # the last name leaves the screen after this long (privacy)
OK_MARK = "✔"
ATTENTION_MARK = "！"  # noqa: RUF001 - a mark, the same in every language
UNDO_MARK = "↩"
# Colour only repeats what the mark and the words say.
PANEL_STYLE = """
QFrame#confirmation { border: 4px solid #888888; border-radius: 10px; }
QFrame#confirmation[state="ok"] { border: 6px solid #1b5e20; background: #e8f5e9; }
QFrame#confirmation[state="attention"] { border: 6px dashed #8a4b00; background: #fff3e0; }
QFrame#confirmation[state="undo"] { border: 6px dotted #0b4f8a; background: #e3f2fd; }
QFrame#confirmation QLabel { background: transparent; }
"""


class ReceptionPage(QWidget):
    title = QT_TRANSLATE_NOOP("ReceptionPage", "受付")

    def __init__(self, desk_context: DeskContext) -> None:
        super().__init__()
        self.desk_context = desk_context
        self.events: list[Event] = []
        self.counts = LiveCounts()
        self.last_result: CheckInResult | None = None
        self._search_generation = 0
        self._counts_generation = 0
        self.camera_scanner = None
        self.open_dialog: QWidget | None = None
        self._last_scan = ""  # the text of the latest scan, to link when it is unknown
        self._select_after_load: str | None = None
        self.sounds = ReceptionSounds(desk_context.settings, desk_context.data_dir / "sounds", self)

        # -- the event ---------------------------------------------------------------------
        self.event_picker = QComboBox(objectName="event")
        self.event_picker.setAccessibleName(self.tr("受付する行事"))
        self.event_picker.currentIndexChanged.connect(self._event_changed)
        self.create_event_button = QPushButton(self.tr("新しい行事"), objectName="create_event")
        self.create_event_button.setToolTip(self.tr("行事をつくります（名前・日時・場所・定員）"))
        self.create_event_button.clicked.connect(self.create_event)
        self.sheet_button = QPushButton(self.tr("紙の受付表を入力"), objectName="enter_sheet")
        self.sheet_button.clicked.connect(self.enter_sheet)
        self.scan_sheet_button = QPushButton(
            self.tr("紙の受付表を読み取る"), objectName="scan_sheet"
        )
        self.scan_sheet_button.clicked.connect(self.scan_sheet)
        self.event_info = hint_label("")

        # -- the scan input and the answer ---------------------------------------------------
        self.scan_input = QLineEdit(objectName="scan")
        self.scan_input.setAccessibleName(self.tr("カードの読み取り"))
        self.scan_input.setPlaceholderText(self.tr("ここでカードを読み取ります"))
        self.scan_input.returnPressed.connect(self._scan_entered)
        self.camera_button = QPushButton(self.tr("カメラで読む"), objectName="camera")
        self.camera_button.setCheckable(True)
        self.camera_button.toggled.connect(self._toggle_camera)
        self.camera_button.setVisible(False)
        self.camera_preview: QWidget | None = None

        self.panel = QFrame(objectName="confirmation")
        self.panel.setStyleSheet(PANEL_STYLE)
        self.mark_label = QLabel(objectName="mark")
        self.mark_label.setProperty("role", "huge")
        self.mark_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.status_label = QLabel(objectName="status")
        self.status_label.setProperty("role", "title")
        self.status_label.setWordWrap(True)
        self.name_label = QLabel(objectName="name")
        self.name_label.setProperty("role", "huge")
        self.name_label.setWordWrap(True)
        self.reading_label = QLabel(objectName="reading")
        self.reading_label.setProperty("role", "title")
        self.reading_label.setWordWrap(True)
        self.note_label = hint_label("")
        self.note_label.setObjectName("note")
        words = QVBoxLayout()
        words.addWidget(self.status_label)
        words.addWidget(self.name_label)
        words.addWidget(self.reading_label)
        words.addWidget(self.note_label)
        words.addStretch(1)
        words.insertStretch(0, 1)
        panel_layout = QHBoxLayout(self.panel)
        panel_layout.addWidget(self.mark_label, 0, Qt.AlignmentFlag.AlignVCenter)
        panel_layout.addLayout(words, 1)

        self.count_labels: dict[str, QLabel] = {}
        self.counts_grid = QGridLayout()
        self._count_boxes: list[QWidget] = []
        for key, caption in (
            ("checked_in", self.tr("受付", "how many are checked in")),
            ("first_time", self.tr("はじめて")),
            ("returning", self.tr("2回目から")),
            ("anonymous", self.tr("名前なし")),
            ("capacity_left", self.tr("残りの席")),
        ):
            box_widget = QWidget()
            box = QVBoxLayout(box_widget)
            box.setContentsMargins(0, 0, 0, 0)
            value = QLabel("0", objectName=f"count_{key}")
            value.setProperty("role", "title")
            value.setAlignment(Qt.AlignmentFlag.AlignCenter)
            caption_label = QLabel(caption)
            caption_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            box.addWidget(value)
            box.addWidget(caption_label)
            self._count_boxes.append(box_widget)
            self.count_labels[key] = value

        self.undo_button = QPushButton(self.tr("ひとつ前の受付を取り消す"), objectName="undo")
        self.undo_button.clicked.connect(self.undo)

        # -- people without a card -------------------------------------------------------------
        self.name_search = QLineEdit(objectName="name_search")
        self.name_search.setAccessibleName(self.tr("カードのない方をさがす"))
        self.name_search.setPlaceholderText(self.tr("お名前・ふりがな"))
        self.name_search.setClearButtonEnabled(True)
        self.name_search.textChanged.connect(self._search)
        self.name_search.returnPressed.connect(self._search_entered)
        self.results = QListWidget(objectName="search_results")
        self.results.setWordWrap(True)
        self.results.setMinimumHeight(self.fontMetrics().height() * 3)
        self.results.setAccessibleName(self.tr("さがした結果"))
        self.results.itemActivated.connect(lambda _item: self.check_in_selected())
        self.results.itemDoubleClicked.connect(lambda _item: self.check_in_selected())
        self.search_hint = hint_label(
            self.tr("カードを忘れた方は、ここに お名前を入れてください。")
        )
        self.check_in_button = primary_button(self.tr("この方を受付する"))
        self.check_in_button.setObjectName("check_in_selected")
        self.check_in_button.clicked.connect(self.check_in_selected)
        # Active only while someone is chosen in the results: it cannot look ready and do nothing.
        self.check_in_button.setEnabled(False)
        self.results.currentItemChanged.connect(
            lambda current, _previous: self.check_in_button.setEnabled(current is not None)
        )
        self.walk_in_button = QPushButton(self.tr("その場で登録して受付"), objectName="walk_in")
        self.walk_in_button.setToolTip(
            self.tr("はじめての方を、お名前と ふりがな だけで登録します")
        )
        self.walk_in_button.clicked.connect(self.register_walk_in)

        # The caption is a wrapped label inside the box, not the box's title: a title never
        # wraps, and in English at 200 % it alone was wider than the column.
        anonymous = QGroupBox()
        anonymous_caption = QLabel(self.tr("名前を残さない方を数える（年代）"))
        anonymous_caption.setWordWrap(True)
        anonymous_caption.setStyleSheet("font-weight: bold;")
        anonymous_grid = QGridLayout(anonymous)
        anonymous_grid.addWidget(anonymous_caption, 0, 0, 1, 3)
        self.age_band_buttons: dict[str, QPushButton] = {}
        for index, band in enumerate(AgeBand):
            button = QPushButton(shown(AGE_BAND_LABELS[band]), objectName=f"age_{band.value}")
            button.setAccessibleName(
                self.tr("名前なしで数える {value}").format(value=shown(AGE_BAND_LABELS[band]))
            )
            button.clicked.connect(lambda _=False, b=band.value: self.count_anonymous(b))
            # Three to a row: all six bands stay above the fold on a 768-pixel-high screen.
            anonymous_grid.addWidget(button, 1 + index // 3, index % 3)
            self.age_band_buttons[band.value] = button

        # -- layout --------------------------------------------------------------------------------
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("行事")))
        top.addWidget(self.event_picker, 1)
        top.addWidget(self.create_event_button)
        scan_row = QHBoxLayout()
        scan_row.addWidget(QLabel(self.tr("カード")))
        scan_row.addWidget(self.scan_input, 1)
        scan_row.addWidget(self.camera_button)
        left = QVBoxLayout()
        left.addLayout(scan_row)
        self._arrange_counts(len(self._count_boxes))
        left.addLayout(self.counts_grid)
        left.addWidget(self.panel, 1)
        right = QVBoxLayout()
        right.addWidget(QLabel(self.tr("カードのない方")))
        right.addWidget(self.name_search)
        right.addWidget(self.search_hint)
        right.addWidget(self.results, 1)
        right.addWidget(self.check_in_button)
        right.addWidget(anonymous)
        body = ScrollBody()
        self.columns = QBoxLayout(QBoxLayout.Direction.LeftToRight, body)
        self.columns.setContentsMargins(0, 0, 0, 0)
        self.columns.addLayout(left, 3)
        self.columns.addLayout(right, 2)
        self._left, self._right = left, right
        # At 200 % text everything keeps its size and the page scrolls, rather than squeezing
        # the answer panel until its lines overlap.
        self.scroll = scroll = QScrollArea(objectName="body")
        scroll.setAccessibleName(self.tr("受付の画面"))
        scroll.setWidget(body)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        layout = QVBoxLayout(self)
        layout.addWidget(title_label(self.tr(self.title)))
        layout.addLayout(top)
        layout.addWidget(self.event_info)
        layout.addWidget(scroll, 1)
        layout.addLayout(self._build_action_bar())

        QShortcut(QKeySequence("Ctrl+Z"), self, activated=self.undo)
        QShortcut(QKeySequence("Ctrl+F"), self, activated=self.name_search.setFocus)
        self.idle_timer = QTimer(self, singleShot=True, interval=IDLE_AFTER_MS)
        self.idle_timer.timeout.connect(self.show_idle)
        desk_context.changes_applied.connect(self._changes_applied)
        desk_context.text_scale_changed.connect(self._size_mark)
        self._size_mark(desk_context.text_scale())
        self.show_idle()
        self._set_camera_button()
        self.load_events()

    def _build_action_bar(self) -> FlowLayout:
        """Undo, the paper sheet (typed in or read from a scan) and the walk-in below the scrolling body: always on the screen,
        however large the text and however small the screen (they wrap onto a second line
        rather than widen the window)."""
        return flow_row(
            self.undo_button,
            self.sheet_button,
            self.scan_sheet_button,
            self.walk_in_button,
        )

    def _size_mark(self, percent: int) -> None:
        """The ✔ / ！ mark is the largest thing on the screen, at every text size."""
        self.mark_label.setStyleSheet(
            f"font-size: {points(BASE_POINT_SIZE * 3, percent)}pt; font-weight: bold;"
        )

    # -- focus: the scan input always has it -------------------------------------------------------

    def focus_first(self) -> None:
        self.scan_input.setFocus(Qt.FocusReason.OtherFocusReason)

    def refocus(self) -> None:
        """Give the focus back to the scan input (after every action)."""
        if self.isVisible() and self.open_dialog is None:
            self.scan_input.setFocus(Qt.FocusReason.OtherFocusReason)

    def _reactivate(self) -> None:
        if self.isVisible() and self.open_dialog is None:
            self.window().activateWindow()
            self.refocus()

    def event(self, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.WindowActivate, QEvent.Type.ActivationChange) and (
            self.isActiveWindow()
        ):
            focused = self.focusWidget()
            if focused not in (self.name_search, self.results):
                self.refocus()
        return super().event(event)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        self._arrange_for_width()

    def _arrange_for_width(self) -> None:
        """Side by side when both columns fit (any text size), one above the other when not."""
        # The scroll area is laid out after this event: estimate its width from the page's.
        margins = self.layout().contentsMargins()
        available = self.width() - margins.left() - margins.right() - 24
        boxes = len(self._count_boxes)
        # Five counts in a row only while the search column still fits beside them: at 200 %
        # text two rows of counts keep the search for people without a card on the screen.
        beside = self._right.minimumSize().width() + self.columns.spacing()
        per_row = boxes if available >= self._counts_width(boxes) + beside else 3
        in_first_row = sum(
            self.counts_grid.itemAtPosition(0, column) is not None for column in range(boxes)
        )
        if in_first_row != per_row:
            self._arrange_counts(per_row)
            self._left.invalidate()  # its minimum width changes with the counts' rows
        needed = (
            self._left.minimumSize().width()
            + self._right.minimumSize().width()
            + self.columns.spacing()
        )
        wide = available >= needed
        direction = QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        if self.columns.direction() != direction:
            self.columns.setDirection(direction)

    def _counts_width(self, per_row: int) -> int:
        widest = max(box.minimumSizeHint().width() for box in self._count_boxes)
        return per_row * (widest + self.counts_grid.horizontalSpacing())

    def _arrange_counts(self, per_row: int) -> None:
        """The five counts in one row, or in two when the text is large and the page narrow."""
        for box in self._count_boxes:
            self.counts_grid.removeWidget(box)
        for index, box in enumerate(self._count_boxes):
            self.counts_grid.addWidget(box, index // per_row, index % per_row)

    def showEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().showEvent(event)
        QTimer.singleShot(0, self.refocus)
        # Once styled and shown, the columns' minimum widths are final: arrange again.
        QTimer.singleShot(0, self._arrange_for_width)

    # -- events --------------------------------------------------------------------------------

    def current_event(self) -> Event | None:
        index = self.event_picker.currentIndex()
        return self.events[index] if 0 <= index < len(self.events) else None

    def load_events(self, select_id: str | None = None) -> None:
        if select_id:
            # Kept until loaded: a reload started meanwhile (e.g. by `changes_applied`) must
            # not fall back to the event that was selected before.
            self._select_after_load = select_id
        current = self.current_event()
        select_id = self._select_after_load or (current.id if current else None)

        def loaded(events: list[Event]) -> None:
            self.events = events
            self.event_picker.blockSignals(True)
            self.event_picker.clear()
            today = dt.date.today().isoformat()
            for event in events:
                when = self.tr("今日") if event.day == today else event.day.replace("-", "/")
                self.event_picker.addItem(
                    self.tr("{when} {time_range}　{title}（{kind_label}）").format(
                        when=when,
                        time_range=event.time_range,
                        title=event.title,
                        kind_label=shown(event.kind_label),
                    ),
                    event.id,
                )
            index = next((i for i, e in enumerate(events) if e.id == select_id), 0)
            if events and events[index].id == self._select_after_load:
                self._select_after_load = None
            self.event_picker.setCurrentIndex(index if events else -1)
            self.event_picker.blockSignals(False)
            if not events:
                self.event_picker.setPlaceholderText(
                    self.tr("行事がありません。「新しい行事」からつくれます")
                )
            self._event_changed()

        ops.list_events_around(parent=self, day=dt.date.today()).success(loaded).run_in_background()

    def _event_changed(self, _index: int = -1) -> None:
        event = self.current_event()
        self.sheet_button.setEnabled(event is not None)
        self.scan_sheet_button.setEnabled(event is not None)
        if event is None:
            self.event_info.setText(self.tr("受付する行事を選ぶか、つくってください。"))
            self.show_counts(LiveCounts())
            return
        parts = [event.day.replace("-", "/"), event.time_range, event.place]
        if event.is_multi_day:
            # Which day is being taken: a person is checked in once per day.
            today = event.day_for(dt.datetime.now().astimezone().isoformat())
            parts[0] = self.tr("{today}（{number}日目／全{total}日）").format(
                today=today.replace("-", "/"),
                number=event.day_number(today),
                total=len(event.days),
            )
        if event.capacity:
            parts.append(self.tr("定員{capacity}人").format(capacity=event.capacity))
        if event.volunteer_led:
            parts.append(self.tr("ボランティア運営"))
        self.event_info.setText(self.tr("　").join(p for p in parts if p))
        self.refresh_counts()
        self.show_idle()
        self.refocus()

    def create_event(self) -> EventDialog:
        dialog = EventDialog(parent=self)

        def save(values: dict) -> None:
            ops.create_event(parent=self, values=values).success(
                lambda event: (dialog.saved(), self.load_events(select_id=event.id))
            ).failure(dialog.save_failed).run_in_background()

        dialog.save_requested.connect(save)
        help_ops.list_volunteers(parent=self, active_only=True).success(
            dialog.set_volunteers
        ).run_in_background()
        ninaite_ops.list_organisations(parent=self).success(
            dialog.set_organisations
        ).run_in_background()
        self._open(dialog)
        return dialog

    # -- counts ------------------------------------------------------------------------------------

    def refresh_counts(self) -> None:
        event = self.current_event()
        if event is None:
            return
        self._counts_generation += 1
        generation = self._counts_generation

        def loaded(counts: LiveCounts) -> None:
            if generation == self._counts_generation:
                self.show_counts(counts)

        ops.live_counts(parent=self, event_id=event.id).success(loaded).run_in_background()

    def show_counts(self, counts: LiveCounts) -> None:
        self.counts = counts
        self.count_labels["checked_in"].setText(
            self.tr("{checked_in}人").format(checked_in=counts.checked_in)
        )
        self.count_labels["first_time"].setText(
            self.tr("{first_time}人").format(first_time=counts.first_time)
        )
        self.count_labels["returning"].setText(
            self.tr("{returning}人").format(returning=counts.returning)
        )
        self.count_labels["anonymous"].setText(
            self.tr("{anonymous}人").format(anonymous=counts.anonymous)
        )
        left = counts.capacity_left
        self.count_labels["capacity_left"].setText(
            "—" if left is None else self.tr("{left}席").format(left=left)
        )

    def _changes_applied(self, changes: Changes) -> None:
        if changes.touches("events"):
            self.load_events()
        elif changes.touches("attendance", "residents"):
            self._counts_generation += 1  # an answer already on its way is older than this
            self.refresh_counts()
            if self.name_search.text().strip():
                self._search(self.name_search.text())  # the ✔ 受付済み marks follow

    # -- the answer panel ----------------------------------------------------------------------

    def _show(self, state: str, mark: str, status: str, name="", reading="", note="") -> None:
        self.panel.setProperty("state", state)
        self.panel.style().unpolish(self.panel)
        self.panel.style().polish(self.panel)
        self.mark_label.setText(mark)
        self.status_label.setText(status)
        self.name_label.setText(name)
        self.reading_label.setText(reading)
        self.note_label.setText(note)
        for label in (self.name_label, self.reading_label, self.note_label):
            label.setVisible(bool(label.text()))
        if state == "idle":
            self.idle_timer.stop()
        else:
            self.idle_timer.start()
        if state in ("ok", "attention"):
            self.sounds.play(state)

    def show_idle(self) -> None:
        self._show(
            "idle",
            "",
            self.tr("カードをかざしてください"),
            note=self.tr("読み取ると、ここに お名前が出ます。"),
        )

    def show_result(self, result: CheckInResult) -> None:
        self.last_result = result
        if result.status == CheckInStatus.NEW:
            note = (
                self.tr("はじめての参加です。ようこそ！")
                if result.first_time
                else self.tr("また来てくださいました。")
            )
            self._show(
                "ok",
                OK_MARK,
                shown(result.message),
                result.resident_name,
                result.resident_reading,
                note,
            )
        elif result.status == CheckInStatus.ALREADY:
            self._show(
                "attention",
                ATTENTION_MARK,
                shown(result.message),
                result.resident_name,
                result.resident_reading,
                self.tr("2回目は数えていません。"),
            )
        else:
            self._show(
                "attention",
                ATTENTION_MARK,
                shown(result.message),
                note=self.tr("もう一度読み取るか、右の欄でお名前をさがしてください。"),
            )
            if result.status == CheckInStatus.UNKNOWN_CODE and self._last_scan:
                # A code someone brought (e.g. from the national app): link it once.
                self.offer_link_code(self._last_scan)

    def show_error(self, error: BaseException) -> None:
        self._show("attention", ATTENTION_MARK, error_text(error))
        self.refocus()

    def _answered(self, answer: tuple[CheckInResult, LiveCounts]) -> None:
        result, counts = answer
        self.show_result(result)
        self.show_counts(counts)
        self.refocus()

    # -- checking in -------------------------------------------------------------------------------

    def _require_event(self) -> Event | None:
        event = self.current_event()
        if event is None:
            self._show(
                "attention",
                ATTENTION_MARK,
                self.tr("先に行事を選んでください"),
                note=self.tr("上の「行事」から選びます。"),
            )
            self.refocus()
        return event

    def _scan_entered(self) -> None:
        text = self.scan_input.text()
        self.scan_input.clear()
        if text.strip():
            self.scan(text)

    def scan(self, text: str) -> None:
        """Check in the holder of a scanned card (from the scanner or the camera)."""
        event = self._require_event()
        if event is None:
            return
        self._last_scan = text
        ops.check_in_by_scan(
            parent=self,
            event_id=event.id,
            scanned_text=text,
            recorded_by=self.desk_context.user.name,
        ).success(self._answered).failure(self.show_error).run_in_background()

    def _search(self, text: str) -> None:
        # A card scanned while the name field had the focus: treat it as a scan.
        if normalize_scan(text).startswith("KJ1"):
            return
        self._search_generation += 1
        generation = self._search_generation
        query = text.strip()
        self.results.clear()
        if not query:
            self.search_hint.setText(self.tr("カードを忘れた方は、ここに お名前を入れてください。"))
            return
        event = self.current_event()

        def found(answer: tuple[list[Resident], set[str]]) -> None:
            if generation != self._search_generation:
                return
            residents, attended = answer
            self.results.clear()
            for resident in residents:
                text = self.tr("{full_name}（{full_reading}）").format(
                    full_name=resident.full_name, full_reading=resident.full_reading
                )
                if resident.birth_date:
                    text += self.tr("\n　{birth_wareki}生まれ").format(
                        birth_wareki=resident.birth_wareki
                    )
                if resident.id in attended:
                    text = self.tr("✔ 受付済み　{text}").format(text=text)
                item = QListWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, resident.id)
                self.results.addItem(item)
            if residents:
                self.results.setCurrentRow(0)
                self.search_hint.setText(
                    self.tr("{value}人 見つかりました。選んで受付します。").format(
                        value=len(residents)
                    )
                )
            else:
                self.search_hint.setText(
                    self.tr("見つかりません。はじめての方は「その場で登録して受付」へ。")
                )

        ops.search_for_check_in(
            parent=self, query=query, event_id=event.id if event else None
        ).success(found).run_in_background()

    def _search_entered(self) -> None:
        text = self.name_search.text()
        if normalize_scan(text).startswith("KJ1"):
            self.name_search.clear()
            self.scan(text)
            self.refocus()
        elif self.results.count():
            self.check_in_selected()

    def check_in_selected(self) -> None:
        """Check in the person chosen in the search results."""
        item = self.results.currentItem()
        if item is None:
            return
        event = self._require_event()
        if event is None:
            return
        resident_id = item.data(Qt.ItemDataRole.UserRole)

        def answered(answer: tuple[CheckInResult, LiveCounts]) -> None:
            self.name_search.clear()
            self._answered(answer)

        ops.check_in(
            parent=self,
            event_id=event.id,
            resident_id=resident_id,
            method=CheckInMethod.SEARCH.value,
            recorded_by=self.desk_context.user.name,
        ).success(answered).failure(self.show_error).run_in_background()

    def offer_link_code(self, code: str) -> LinkCodeDialog | None:
        """Find the person an unknown code belongs to (or register them as a ふるさと住民),
        link it and check them in."""
        event = self._require_event()
        if event is None or self.open_dialog is not None:
            return None

        def search(text: str, answer) -> None:  # noqa: ANN001 - a callback of found people
            ninaite_ops.search_people(parent=self, query=text).success(answer).run_in_background()

        dialog = LinkCodeDialog(code, search, parent=self)

        def link(resident_id: str) -> None:
            ninaite_ops.link_code_and_check_in(
                parent=self,
                event_id=event.id,
                resident_id=resident_id,
                code=code,
                recorded_by=self.desk_context.user.name,
            ).success(lambda answer: (dialog.linked(), self._answered(answer))).failure(
                dialog.link_failed
            ).run_in_background()

        def register() -> None:
            dialog.accept()
            QTimer.singleShot(0, lambda: self.register_furusato(code))

        dialog.link_requested.connect(link)
        dialog.register_requested.connect(register)
        self._open(dialog)
        return dialog

    def register_furusato(
        self, code: str = "", typed: dict[str, str] | None = None
    ) -> FurusatoDialog | None:
        """Quick registration of a ふるさと住民 at the door, checked in at once; `typed`: names
        and phone already typed in the walk-in form."""
        event = self._require_event()
        if event is None or self.open_dialog is not None:
            return None
        dialog = FurusatoDialog(code, typed=typed, parent=self)

        def done(answer: tuple[CheckInResult, LiveCounts]) -> None:
            dialog.saved()
            self._answered(answer)

        def failed(error: BaseException, values: dict) -> None:
            if isinstance(error, DuplicateSuspected) and error.matches:
                match = error.matches[0]
                if prompts.ask_yes_no(
                    dialog,
                    self.tr("登録済みの方かもしれません"),
                    self.tr(
                        "{full_name}（{full_reading}）さんが もう登録されています。\n"
                        "別の方として登録しますか。"
                    ).format(full_name=match.full_name, full_reading=match.full_reading),
                    yes=self.tr("別の人として登録する"),
                    no=self.tr("やめる"),
                ):
                    save(values, True)
                return
            dialog.save_failed(error)

        def save(values: dict, allow_duplicate: bool) -> None:
            ninaite_ops.register_furusato_and_check_in(
                parent=self,
                event_id=event.id,
                values=values,
                witnessed_by=self.desk_context.user.name or self.tr("受付"),
                code=code,
                allow_duplicate=allow_duplicate,
            ).success(done).failure(lambda error: failed(error, values)).run_in_background()

        dialog.save_requested.connect(save)
        self._open(dialog)
        return dialog

    def register_walk_in(self) -> WalkInDialog | None:
        event = self._require_event()
        if event is None:
            return None
        dialog = WalkInDialog(prefill=self.name_search.text().strip(), parent=self)

        def done(answer: tuple[CheckInResult, LiveCounts]) -> None:
            dialog.saved()
            self.name_search.clear()
            self._answered(answer)

        def failed(error: BaseException, walk_in: WalkIn) -> None:
            if isinstance(error, DuplicateSuspected) and error.matches:
                match = error.matches[0]
                if prompts.ask_yes_no(
                    dialog,
                    self.tr("登録済みの方かもしれません"),
                    self.tr(
                        "{full_name}（{full_reading}）さんが もう登録されています。\nこの方として受付しますか。"
                    ).format(full_name=match.full_name, full_reading=match.full_reading),
                    yes=self.tr("この方として受付する"),
                    no=self.tr("別の人として登録する"),
                ):
                    ops.check_in(
                        parent=self,
                        event_id=event.id,
                        resident_id=match.id,
                        method=CheckInMethod.SEARCH.value,
                        recorded_by=self.desk_context.user.name,
                    ).success(done).failure(dialog.save_failed).run_in_background()
                else:
                    save(walk_in, True)
                return
            dialog.save_failed(error)

        def save(walk_in: WalkIn, allow_duplicate: bool) -> None:
            ops.register_walk_in(
                parent=self,
                event_id=event.id,
                walk_in=walk_in,
                recorded_by=self.desk_context.user.name,
                allow_duplicate=allow_duplicate,
            ).success(done).failure(lambda error: failed(error, walk_in)).run_in_background()

        def furusato() -> None:
            # Someone from outside the city: the few fields of a ふるさと住民 instead, with what
            # was typed so far carried over (so nothing is lost and nothing need be asked).
            typed = {name: field.text() for name, field in dialog.inputs.items()}
            dialog.close_without_asking()
            QTimer.singleShot(0, lambda: self.register_furusato(typed=typed))

        dialog.save_requested.connect(save)
        dialog.furusato_requested.connect(furusato)
        self._open(dialog)
        return dialog

    def count_anonymous(self, age_band: str) -> None:
        event = self._require_event()
        if event is None:
            return

        def counted(answer: tuple[Attendance, LiveCounts]) -> None:
            head, counts = answer
            label = shown(AGE_BAND_LABELS[AgeBand(head.age_band)])
            self._show(
                "ok", OK_MARK, self.tr("名前なしで1人 数えました（{label}）").format(label=label)
            )
            self.show_counts(counts)
            self.refocus()

        ops.count_anonymous(
            parent=self,
            event_id=event.id,
            age_band=age_band,
            recorded_by=self.desk_context.user.name,
        ).success(counted).failure(self.show_error).run_in_background()

    def undo(self) -> None:
        event = self._require_event()
        if event is None:
            return

        def undone(answer: tuple[UndoResult, LiveCounts]) -> None:
            result, counts = answer
            if result.attendance is None:
                self._show("attention", ATTENTION_MARK, shown(result.message))
            else:
                self._show(
                    "undo",
                    UNDO_MARK,
                    shown(result.message),
                    note=self.tr("数から1人 減らしました。"),
                )
            self.show_counts(counts)
            self.refocus()

        ops.undo_last_check_in(parent=self, event_id=event.id).success(undone).failure(
            self.show_error
        ).run_in_background()

    # -- the paper sheet ---------------------------------------------------------------------------

    def enter_sheet(self) -> None:
        event = self._require_event()
        if event is None:
            return

        def loaded(answer: tuple[Event, list[Resident], set[str]]) -> None:
            loaded_event, expected, attended = answer
            dialog = SheetEntryDialog(loaded_event, expected, attended, parent=self)

            def save(ticked: list[str], walk_ins: list[WalkIn]) -> None:
                ops.enter_sheet(
                    parent=self,
                    event_id=event.id,
                    ticked_resident_ids=ticked,
                    walk_ins=walk_ins,
                    day=dialog.chosen_day(),
                ).success(lambda result: self._sheet_saved(dialog, result)).failure(
                    dialog.save_failed
                ).run_in_background()

            dialog.save_requested.connect(save)
            self._open(dialog)

        ops.load_sheet(parent=self, event_id=event.id).success(loaded).run_in_background()

    def scan_sheet(self) -> None:
        """Read scanned sheets of the chosen event (see gui/sheet_scan.py)."""
        from kyojo_desk.gui.sheet_scan import sheet_scan_dialog

        event = self._require_event()
        if event is not None:
            self._open(sheet_scan_dialog(self, event.id, event.title, self._sheet_scan_saved))

    def _sheet_scan_saved(self, result) -> None:
        self._show(
            "ok",
            OK_MARK,
            self.tr("読み取った受付表を保存しました"),
            note=self.tr("新しく {new}人、受付済みだった方 {already}人。").format(
                new=result.checked_in, already=result.already
            ),
        )

    def _sheet_saved(self, dialog: SheetEntryDialog, result: SheetEntryResult) -> None:
        dialog.saved()
        note = self.tr("その場で参加した方 {value}人は、あとで登録を仕上げてください。").format(
            value=len(result.walk_ins)
        )
        self._show(
            "ok",
            OK_MARK,
            self.tr("紙の受付表を保存しました"),
            note=self.tr("新しく {new}人、受付済みだった方 {already}人。").format(
                new=result.new, already=result.already
            )
            + (f"\n{note}" if result.walk_ins else ""),
        )

    # -- dialogs and the camera --------------------------------------------------------------------

    def _open(self, dialog: QWidget) -> None:
        """Open a dialog; when it closes the scan input takes the focus back."""
        self.open_dialog = dialog

        def closed() -> None:
            self.open_dialog = None
            self.refocus()
            # The desk window must have the keyboard again, or the scanner types into nothing.
            QTimer.singleShot(0, self._reactivate)

        dialog.finished.connect(closed)
        dialog.open()

    def _set_camera_button(self) -> None:
        from kyojo_desk.gui.camera import camera_available

        self.camera_button.setVisible(camera_available())

    def attach_scanner(self, scanner) -> None:
        """Scans decoded from camera frames check people in like the USB scanner's."""
        self.camera_scanner = scanner
        scanner.code_read.connect(self.scan)
        scanner.failed.connect(
            lambda text: self._show(
                "attention", ATTENTION_MARK, self.tr("カメラが使えません"), note=text
            )
        )

    def _toggle_camera(self, on: bool) -> None:
        from kyojo_desk.gui.camera import CameraScanner

        if on:
            if self.camera_scanner is None:
                self.attach_scanner(CameraScanner(self.desk_context.taskman, parent=self))
            from PySide6.QtMultimediaWidgets import QVideoWidget

            if self.camera_preview is None:
                self.camera_preview = QVideoWidget(self.panel)
                self.camera_preview.setMinimumSize(240, 180)
                self.panel.layout().addWidget(self.camera_preview)
            self.camera_preview.show()
            if not self.camera_scanner.start(self.camera_preview):
                self.camera_button.setChecked(False)
        else:
            if self.camera_scanner is not None:
                self.camera_scanner.stop()
            if self.camera_preview is not None:
                self.camera_preview.hide()
        self.refocus()

    def hideEvent(self, event) -> None:  # noqa: N802 (Qt name)
        if self.camera_button.isChecked():
            self.camera_button.setChecked(False)
        super().hideEvent(event)
