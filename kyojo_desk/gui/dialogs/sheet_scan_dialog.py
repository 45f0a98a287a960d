"""Read scanned paper sign-in sheets (「紙の受付表を読み取る」).

The volunteer chooses scan files or a folder; while the pages are read a progress bar moves.
Each page is then shown with what was read drawn over it — green ✓ ticked, grey blank, orange
? unclear — and beside it what needs a person: each unclear row with 「来た」「来ていない」
(one click each), and each walk-in row written by hand, as an image of the row beside a small
form to register that person. Nothing is saved until 「保存する」.

The dialog holds no Store: it emits `files_chosen(paths)` and `save_requested(confirmed,
walk_ins)` and is answered by `show_progress`, `show_scan`, `show_failure`, `saved` and
`save_failed`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

import numpy as np
from PySide6.QtCore import QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kyojo_desk.gui import prompts
from kyojo_desk.gui.errors import error_text
from kyojo_desk.gui.i18n import shown
from kyojo_desk.gui.widgets import FormDialog, error_label, hint_label, primary_button, title_label
from kyojo_desk.records.event import WalkIn
from kyojo_desk.scanning.reader import SCALE, Mark, RowKind
from kyojo_desk.scanning.sheet_import import (
    DayChoice,
    ImportResult,
    PageResult,
    RowResult,
    SheetScan,
)
from kyojo_desk.texts import N_

TICKED_COLOUR = QColor("#1b7a34")
BLANK_COLOUR = QColor("#8a8a8a")
UNCLEAR_COLOUR = QColor("#d35f00")
WALK_IN_FIELDS = (
    ("family_name", N_("姓")),
    ("family_reading", N_("せい（ふりがな）")),
    ("given_name", N_("名")),
    ("given_reading", N_("めい（ふりがな）")),
    ("phone", N_("電話番号")),
)


def page_image(page: PageResult) -> QImage:
    """The straightened page as a QImage (a copy: the array may be freed)."""
    image = np.ascontiguousarray(page.image)
    height, width = image.shape
    return QImage(image.data, width, height, width, QImage.Format.Format_Grayscale8).copy()


def crop(image: QImage, rect: tuple[int, int, int, int], width: int) -> QPixmap:
    """Part of a page, scaled to `width` pixels wide."""
    x, y, w, h = rect
    part = image.copy(QRect(x, y, w, h))
    return QPixmap.fromImage(part).scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)


def _wrapping(text: str) -> QLabel:
    """A caption that wraps instead of widening the panel past its scroll area."""
    label = QLabel(text)
    label.setWordWrap(True)
    return label


def _mm(value: float) -> int:
    return int(round(value * SCALE))


class PageView(QWidget):
    """A read page, scaled to fit, with each row's box outlined in the colour of what was read
    and a sign beside it (✓, ?), so colour is never the only cue."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page_view")
        self.image: QImage | None = None
        self.rows: list[RowResult] = []
        self.decisions: dict[int, bool] = {}
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(200, 280)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(420, 594)

    def show_page(self, image: QImage | None, rows: list[RowResult], decisions: dict) -> None:
        self.image = image
        self.rows = rows
        self.decisions = decisions
        self.update()

    def state_of(self, row: RowResult) -> Mark:
        """What the row will be saved as: a person's decision overrides what was read."""
        decision = self.decisions.get(row.slot)
        if decision is not None:
            return Mark.TICKED if decision else Mark.BLANK
        return row.mark

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.palette().window())
        if self.image is None:
            painter.end()
            return
        scale = min(self.width() / self.image.width(), self.height() / self.image.height())
        width, height = self.image.width() * scale, self.image.height() * scale
        left, top = (self.width() - width) / 2, (self.height() - height) / 2
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.drawImage(QRectF(left, top, width, height), self.image)
        sign_font = QFont(self.font())
        sign_font.setBold(True)
        sign_font.setPixelSize(max(10, int(_mm(7) * scale)))
        painter.setFont(sign_font)
        for row in self.rows:
            state = self.state_of(row)
            colour = {Mark.TICKED: TICKED_COLOUR, Mark.UNCLEAR: UNCLEAR_COLOUR}.get(
                state, BLANK_COLOUR
            )
            x, y, w, h = row.box
            grow = _mm(1.2)
            box = QRectF(
                left + (x - grow) * scale,
                top + (y - grow) * scale,
                (w + 2 * grow) * scale,
                (h + 2 * grow) * scale,
            )
            painter.setPen(QPen(colour, max(2.0, _mm(0.9) * scale)))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(box)
            sign = {Mark.TICKED: "✓", Mark.UNCLEAR: "?"}.get(state, "")
            if sign:
                sign_box = QRectF(
                    box.left() - box.width() * 1.1, box.top(), box.width(), box.height()
                )
                painter.drawText(sign_box, Qt.AlignmentFlag.AlignCenter, sign)
        painter.end()


class SheetScanDialog(FormDialog):
    """Emits `files_chosen(list[Path])` and `save_requested(confirmed, walk_ins)`:
    `confirmed` maps (page index, slot) to True (came) or False (did not); `walk_ins` maps
    (page index, slot) to a WalkIn."""

    files_chosen = Signal(object)
    save_requested = Signal(object, object)
    days_changed = Signal(object)  # {event id: day} chosen for pages whose code names no day

    def __init__(self, event_title: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("紙の受付表を読み取る"))
        self.setModal(True)
        self.scan: SheetScan | None = None
        self.decisions: dict[tuple[int, int], bool] = {}
        self.walk_in_inputs: dict[tuple[int, int], dict[str, QLineEdit]] = {}
        self.unclear_buttons: dict[tuple[int, int], tuple[QPushButton, QPushButton]] = {}
        self.images: dict[int, QImage] = {}
        self.new_ticks = 0
        self.already_ticks = 0

        layout = QVBoxLayout(self)
        layout.addLayout(self._build_header(event_title))
        layout.addLayout(self._build_body(), 1)
        layout.addLayout(self._build_actions())
        self._fit_to_screen()

    # -- building ----------------------------------------------------------------------------------

    def _build_header(self, event_title: str | None) -> QVBoxLayout:
        header = QVBoxLayout()
        title = self.tr("紙の受付表を読み取る")
        if event_title:
            title = self.tr("紙の受付表を読み取る：{title}").format(title=event_title)
        header.addWidget(title_label(title))
        header.addWidget(
            hint_label(
                self.tr(
                    "スキャンした受付表（PDF・画像）を選んでください。読み取った結果を確かめてから保存します。"
                )
            )
        )
        choose = QHBoxLayout()
        self.files_button = primary_button(self.tr("ファイルを選ぶ"))
        self.files_button.setObjectName("choose_files")
        self.files_button.clicked.connect(self._choose_files)
        self.folder_button = QPushButton(self.tr("フォルダを選ぶ"), objectName="choose_folder")
        self.folder_button.clicked.connect(self._choose_folder)
        self.progress = QProgressBar(objectName="progress")
        self.progress.setAccessibleName(self.tr("読み取りの進みぐあい"))
        self.progress.setFormat(self.tr("%v / %m ページ"))
        self.progress.hide()
        choose.addWidget(self.files_button)
        choose.addWidget(self.folder_button)
        choose.addWidget(self.progress, 1)
        header.addLayout(choose)
        header.addWidget(self._build_days())
        return header

    def _build_days(self) -> QWidget:
        """Which day of a multi-day event pages count for, when their code names none (shown
        only then: sheets printed by this version carry their day)."""
        self.days_panel = QWidget(objectName="days")
        self.days_layout = QGridLayout(self.days_panel)
        self.days_layout.setContentsMargins(0, 0, 0, 0)
        self.days_layout.setColumnStretch(0, 1)
        self.day_pickers: dict[str, QComboBox] = {}
        self.days_panel.hide()
        return self.days_panel

    def _build_body(self) -> QHBoxLayout:
        body = QHBoxLayout()
        pages = QVBoxLayout()
        self.page_picker = QComboBox(objectName="pages")
        self.page_picker.setAccessibleName(self.tr("読み取ったページ"))
        self.page_picker.currentIndexChanged.connect(self._show_page)
        self.page_status = hint_label("")
        self.page_status.setObjectName("page_status")
        self.page_view = PageView()
        legend = hint_label(self.tr("緑 ✓＝印あり　灰＝空欄　橙 ?＝はっきりしない"))
        pages.addWidget(self.page_picker)
        pages.addWidget(self.page_status)
        pages.addWidget(self.page_view, 1)
        pages.addWidget(legend)
        body.addLayout(pages, 5)

        checks = QVBoxLayout()
        checks.addWidget(QLabel(self.tr("確かめてください")))
        self.checks_panel = QWidget(objectName="checks")
        self.checks_layout = QVBoxLayout(self.checks_panel)
        self.checks_layout.addStretch(1)
        self.checks_scroll = QScrollArea()
        self.checks_scroll.setWidgetResizable(True)
        self.checks_scroll.setWidget(self.checks_panel)
        self.checks_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        checks.addWidget(self.checks_scroll, 1)
        body.addLayout(checks, 6)
        return body

    def _build_actions(self) -> QVBoxLayout:
        actions = QVBoxLayout()
        self.summary = hint_label("")
        self.summary.setObjectName("summary")
        self.error = error_label()
        self.save_button = primary_button(self.tr("保存する"))
        self.save_button.setObjectName("save")
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(self.request_save)
        cancel = QPushButton(self.tr("やめる"), objectName="cancel")
        cancel.clicked.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.summary, 1)
        row.addWidget(cancel)
        row.addWidget(self.save_button)
        actions.addWidget(self.error)
        actions.addLayout(row)
        return actions

    def _fit_to_screen(self) -> None:
        """As large as is comfortable, never larger than the screen it opens on."""
        scale = max(1.0, self.fontMetrics().height() / 20)
        width, height = int(1100 * scale), int(760 * scale)
        screen = (self.parentWidget() or self).screen()
        if screen is not None:
            available = screen.availableGeometry()
            width = min(width, int(available.width() * 0.96))
            height = min(height, int(available.height() * 0.92))
        self.resize(width, height)

    # -- choosing files ----------------------------------------------------------------------------

    def _choose_files(self) -> None:
        paths = prompts.choose_open_paths(
            self,
            self.tr("スキャンした受付表を選ぶ"),
            self.tr("スキャンした受付表 (*.pdf *.png *.jpg *.jpeg *.tif *.tiff)"),
        )
        if paths:
            self.start_reading([Path(p) for p in paths])

    def _choose_folder(self) -> None:
        folder = prompts.choose_folder(self, self.tr("スキャンした受付表のフォルダを選ぶ"))
        if folder:
            self.start_reading([Path(folder)])

    def start_reading(self, paths: list[Path]) -> None:
        """Forget what was read before and ask for these files to be read."""
        self.scan = None
        self.save_button.setEnabled(False)
        self.files_button.setEnabled(False)
        self.folder_button.setEnabled(False)
        self.error.hide()
        self.progress.setRange(0, 0)
        self.progress.show()
        self.summary.setText(self.tr("読み取っています…"))
        self.files_chosen.emit(paths)

    def show_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(1, total))
        self.progress.setValue(done)

    def show_failure(self, error: BaseException) -> None:
        self.files_button.setEnabled(True)
        self.folder_button.setEnabled(True)
        self.progress.hide()
        self.summary.setText("")
        self.error.setText(error_text(error))
        self.error.show()

    # -- what was read -----------------------------------------------------------------------------

    def show_scan(
        self, scan: SheetScan, new: int, already: int, day_choices: Iterable[DayChoice] = ()
    ) -> None:
        """Show every page read and what needs confirming; `day_choices` are the multi-day
        events whose pages name no day, each with the day chosen so far."""
        self.scan = scan
        self._show_day_choices(list(day_choices))
        self.new_ticks, self.already_ticks = new, already
        self.decisions = {}
        self.walk_in_inputs = {}
        self.unclear_buttons = {}
        self.images = {
            index: page_image(page) for index, page in enumerate(scan.pages) if page.read
        }
        self.files_button.setEnabled(True)
        self.folder_button.setEnabled(True)
        self.progress.hide()
        self.page_picker.blockSignals(True)
        self.page_picker.clear()
        for page in scan.pages:
            name = Path(page.file).name
            if page.read and page.day:
                text = self.tr("{file} {page}枚目：{title} {date} {sheet_page}ページ").format(
                    file=name,
                    page=page.page,
                    title=page.event_title,
                    date=self._date_text(page.day),
                    sheet_page=page.sheet_page,
                )
            elif page.read:
                text = self.tr("{file} {page}枚目：{title} {sheet_page}ページ").format(
                    file=name, page=page.page, title=page.event_title, sheet_page=page.sheet_page
                )
            else:
                text = self.tr("{file} {page}枚目：読めません").format(file=name, page=page.page)
            self.page_picker.addItem(text)
        self.page_picker.blockSignals(False)
        self._build_checks()
        self._show_page(0)
        self._update_summary()
        self.save_button.setEnabled(any(page.read for page in scan.pages))

    def _date_text(self, day: str) -> str:
        date = dt.date.fromisoformat(day)
        return self.tr("{month}月{day}日").format(month=date.month, day=date.day)

    def _show_day_choices(self, choices: list[DayChoice]) -> None:
        while self.days_layout.count():
            item = self.days_layout.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.day_pickers = {}
        for row, choice in enumerate(choices):
            question = _wrapping(
                self.tr(
                    "「{title}」の受付表のコードに日付がありません。何日目の受付表ですか。"
                ).format(title=choice.title)
            )
            picker = QComboBox(objectName=f"day_{choice.event_id}")
            picker.setAccessibleName(self.tr("受付表の日"))
            for number, day in enumerate(choice.days, start=1):
                picker.addItem(
                    self.tr("{date}（{number}日目）").format(
                        date=self._date_text(day), number=number
                    ),
                    day,
                )
            picker.setCurrentIndex(max(0, picker.findData(choice.chosen)))
            picker.currentIndexChanged.connect(
                lambda _index: self.days_changed.emit(self.chosen_days())
            )
            question.setBuddy(picker)
            self.days_layout.addWidget(question, row, 0)
            self.days_layout.addWidget(picker, row, 1)
            self.day_pickers[choice.event_id] = picker
        self.days_panel.setVisible(bool(choices))

    def chosen_days(self) -> dict[str, str]:
        """The day chosen for each multi-day event whose pages name no day."""
        return {event_id: picker.currentData() for event_id, picker in self.day_pickers.items()}

    def show_counts(self, new: int, already: int) -> None:
        """What saving would record now (another day was chosen)."""
        self.new_ticks, self.already_ticks = new, already
        self._update_summary()

    def _build_checks(self) -> None:
        while self.checks_layout.count() > 1:
            item = self.checks_layout.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        assert self.scan is not None
        # Images of the rows as wide as the panel (the dialog is on the screen by now), so
        # handwriting is legible; never wider, or the panel would scroll sideways.
        line = self.fontMetrics().height()
        crop_width = max(200, self.checks_scroll.viewport().width() - 3 * line)
        position = 0
        for index, page in enumerate(self.scan.pages):
            if not page.read:
                continue
            for row in page.rows:
                needs_look = (
                    row.kind == RowKind.EXPECTED and row.resident_id and (row.mark == Mark.UNCLEAR)
                )
                if needs_look:
                    widget = self._unclear_row(index, page, row, crop_width)
                elif row.kind == RowKind.WALK_IN and (row.handwriting or row.mark != Mark.BLANK):
                    widget = self._walk_in_row(index, page, row, crop_width)
                else:
                    continue
                self.checks_layout.insertWidget(position, widget)
                position += 1
        if position == 0:
            self.checks_layout.insertWidget(
                0,
                hint_label(self.tr("確かめる行はありません。印のついた方をそのまま保存できます。")),
            )

    def _row_caption(self, page: PageResult, row: RowResult) -> str:
        return self.tr("{title} {page}ページ {number}行目").format(
            title=page.event_title, page=page.sheet_page, number=row.number
        )

    def _unclear_row(self, index: int, page: PageResult, row: RowResult, width: int) -> QFrame:
        frame = QFrame(objectName=f"unclear_{index}_{row.slot}")
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(frame)
        layout.addWidget(
            _wrapping(
                self.tr("{where}：{name}（{reading}）").format(
                    where=self._row_caption(page, row), name=row.name, reading=row.reading
                )
            )
        )
        image = QLabel()
        x, y, _, h = row.box
        image.setPixmap(
            crop(self.images[index], (x - _mm(3), row.row[1], _mm(95), row.row[3]), width)
        )
        image.setAccessibleName(self.tr("受付表のこの行"))
        layout.addWidget(image)
        if row.note:
            layout.addWidget(hint_label(shown(row.note)))
        came = QPushButton(self.tr("来た"), objectName="came")
        absent = QPushButton(self.tr("来ていない"), objectName="absent")
        group = QButtonGroup(frame)
        for button, answer in ((came, True), (absent, False)):
            button.setCheckable(True)
            group.addButton(button)
            button.clicked.connect(lambda _=False, a=answer: self.decide(index, row.slot, a))
        buttons = QHBoxLayout()
        buttons.addWidget(came)
        buttons.addWidget(absent)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.unclear_buttons[(index, row.slot)] = (came, absent)
        return frame

    def _walk_in_row(self, index: int, page: PageResult, row: RowResult, width: int) -> QFrame:
        frame = QFrame(objectName=f"walk_in_{index}_{row.slot}")
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(frame)
        layout.addWidget(
            _wrapping(
                self.tr("{where}：その場で参加した方").format(where=self._row_caption(page, row))
            )
        )
        image = QLabel()
        # From the tick box to the end of the phone line: what was written, as large as fits.
        x, y, _, h = row.row
        writing = (row.box[0] - _mm(2), y, _mm(160), h)
        image.setPixmap(crop(self.images[index], writing, width))
        image.setAccessibleName(self.tr("手書きの行"))
        layout.addWidget(image)
        layout.addWidget(
            hint_label(
                self.tr(
                    "書かれた名前を入力すると、登録して受付します（空のままなら登録しません）。"
                )
            )
        )
        grid = QGridLayout()
        inputs: dict[str, QLineEdit] = {}
        for position, (name, label) in enumerate(WALK_IN_FIELDS):
            field = QLineEdit(objectName=name)
            field.setAccessibleName(shown(label))
            field.setPlaceholderText(shown(label))
            field.textChanged.connect(self._update_summary)
            grid.addWidget(field, position // 2, position % 2)
            inputs[name] = field
        layout.addLayout(grid)
        self.walk_in_inputs[(index, row.slot)] = inputs
        return frame

    def _show_page(self, index: int) -> None:
        if self.scan is None or not 0 <= index < len(self.scan.pages):
            self.page_view.show_page(None, [], {})
            return
        if self.page_picker.currentIndex() != index:
            self.page_picker.setCurrentIndex(index)
            return
        page = self.scan.pages[index]
        self.page_status.setText(shown(page.message))
        decisions = {slot: came for (i, slot), came in self.decisions.items() if i == index}
        self.page_view.show_page(self.images.get(index), page.rows, decisions)

    # -- deciding and saving -----------------------------------------------------------------------

    def decide(self, page_index: int, slot: int, came: bool) -> None:
        """One click on an unclear row: the person came, or did not."""
        self.decisions[(page_index, slot)] = came
        buttons = self.unclear_buttons.get((page_index, slot))
        if buttons is not None:
            buttons[0 if came else 1].setChecked(True)
        if self.page_picker.currentIndex() == page_index:
            self._show_page(page_index)
        self._update_summary()

    def set_walk_in(self, page_index: int, slot: int, **values: str) -> None:
        """Fill a walk-in row's form (what a volunteer types after reading the handwriting)."""
        for name, value in values.items():
            self.walk_in_inputs[(page_index, slot)][name].setText(value)

    def walk_ins(self) -> dict[tuple[int, int], WalkIn]:
        """The walk-in rows a volunteer filled in (rows left empty are not registered)."""
        filled = {}
        for key, inputs in self.walk_in_inputs.items():
            values = {name: field.text().strip() for name, field in inputs.items()}
            if any(values.values()):
                filled[key] = WalkIn(**values)
        return filled

    def _update_summary(self) -> None:
        if self.scan is None:
            return
        unreadable = sum(1 for page in self.scan.pages if not page.read)
        undecided = len(self.unclear_buttons) - sum(
            1 for key in self.unclear_buttons if key in self.decisions
        )
        came = sum(1 for key, value in self.decisions.items() if value)
        text = self.tr(
            "保存すると：✓ の方 {new}人を受付（受付済み {already}人）、確かめた方 {came}人、その場で参加した方 {walk_ins}人。"
        ).format(
            new=self.new_ticks,
            already=self.already_ticks,
            came=came,
            walk_ins=len(self.walk_ins()),
        )
        if undecided:
            text += self.tr("\nまだ確かめていない行 {value}行は受付しません。").format(
                value=undecided
            )
        if unreadable:
            text += self.tr("\n読めなかったページ {value}枚があります。").format(value=unreadable)
        self.summary.setText(text)

    def form_state(self) -> tuple:
        """What the person decided and typed about the scan (not the scan itself, which the
        dialog fills in as it reads)."""
        typed = tuple(
            (key, name, field.text())
            for key, inputs in sorted(self.walk_in_inputs.items())
            for name, field in inputs.items()
            if field.text().strip()
        )
        return tuple(sorted(self.decisions.items())), typed

    def request_save(self) -> None:
        self.error.hide()
        self.save_button.setEnabled(False)
        self.save_requested.emit(dict(self.decisions), self.walk_ins())

    def saved(self, result: ImportResult) -> None:
        self.result = result
        self.close_saved()

    def save_failed(self, error: BaseException) -> None:
        self.save_button.setEnabled(True)
        self.error.setText(error_text(error))
        self.error.show()
