"""印刷: member cards, event sign-in sheets, the monthly report, the card calibration page and
the A5 booklets — made in the background, previewed page by page, then printed or saved."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDate, Qt
from PySide6.QtGui import QImage, QPainter, QPixmap
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from kyojo_desk.gui import prompts
from kyojo_desk.gui.context import Changes, DeskContext
from kyojo_desk.gui.i18n import shown
from kyojo_desk.gui.ops import printing as ops
from kyojo_desk.gui.widgets import hint_label, primary_button, title_label
from kyojo_desk.store.kpi import fiscal_year_of
from kyojo_desk.texts import N_

KINDS = (
    ("cards", N_("会員カード（A4に10枚）")),
    ("signin", N_("イベントの受付表")),
    ("report", N_("月次報告（市の会議用）")),
    ("yearly_report", N_("年度報告（まちづくり委員会用）")),
    ("calibration", N_("カードの位置あわせ")),
    ("booklet", N_("説明の冊子（A5）")),
)


def page_images(path: Path, scale: float = 1.0) -> list[QImage]:
    """The pages of a PDF as images (pypdfium2), for the preview and for printing."""
    import pypdfium2 as pdfium

    images = []
    for page in pdfium.PdfDocument(str(path)):
        picture = page.render(scale=scale).to_pil().convert("RGB")
        data = picture.tobytes("raw", "RGB")
        image = QImage(
            data, picture.width, picture.height, 3 * picture.width, QImage.Format.Format_RGB888
        )
        images.append(image.copy())  # own the pixels: `data` goes away
    return images


class PrintPage(QWidget):
    title = QT_TRANSLATE_NOOP("PrintPage", "印刷")

    def __init__(self, desk_context: DeskContext) -> None:
        super().__init__()
        self.desk_context = desk_context
        self.pdf: Path | None = None
        self.images: list[QImage] = []
        self.page_index = 0
        self.kind_group = QButtonGroup(self)
        kinds = QVBoxLayout()
        for value, label in KINDS:
            label = shown(label)
            button = QRadioButton(label, objectName=f"kind_{value}")
            button.setProperty("value", value)
            self.kind_group.addButton(button)
            kinds.addWidget(button)
        self.kind_group.buttons()[0].setChecked(True)
        self.recent_only = QComboBox(objectName="cards_whom")
        self.recent_only.setAccessibleName(self.tr("カードを作る方"))
        # The newest first: cards are made for the people just registered, and 「全員」 is one
        # click from dozens of pages.
        self.recent_only.addItem(self.tr("この7日に登録した方"), 7)
        self.recent_only.addItem(self.tr("この30日に登録した方"), 30)
        self.recent_only.addItem(self.tr("登録されている全員"), None)
        self.event = QComboBox(objectName="event")
        self.event.setAccessibleName(self.tr("イベント"))
        # For an event of several days: which day's sheet (one sheet per day).
        self.events_by_id: dict[str, Any] = {}
        self.sheet_day = QComboBox(objectName="sheet_day")
        self.sheet_day.setAccessibleName(self.tr("受付表の日"))
        self.sheet_day.hide()
        self.event.currentIndexChanged.connect(self._show_sheet_days)
        self.blank_rows = QSpinBox(objectName="blank_rows")
        self.blank_rows.setRange(0, 60)
        self.blank_rows.setValue(8)
        self.blank_rows.setAccessibleName(self.tr("飛び入り用の空欄の数"))
        self.month = QDateEdit(QDate.currentDate(), objectName="month")
        self.month.setDisplayFormat(self.tr("yyyy年M月"))
        self.month.setAccessibleName(self.tr("報告する月"))
        # The committee hears the 年度 that has just ended (in August).
        self.fiscal_year = QSpinBox(objectName="fiscal_year")
        self.fiscal_year.setRange(2000, 2100)
        self.fiscal_year.setValue(fiscal_year_of(dt.date.today()) - 1)
        self.fiscal_year.setSuffix(self.tr("年度"))
        self.fiscal_year.setAccessibleName(self.tr("報告する年度"))
        self.booklet = QComboBox(objectName="booklet")
        self.booklet.setAccessibleName(self.tr("冊子"))
        for source, title in ops.list_booklets():
            self.booklet.addItem(title, str(source))
        self.furigana = QCheckBox(self.tr("ふりがなをつける"), objectName="furigana")
        self.furigana.setChecked(True)
        self.imposed = QCheckBox(self.tr("A4に2ページずつ"), objectName="imposed")
        # The how-to in a label of its own, which wraps (a check box's text never does).
        imposed_hint = hint_label(self.tr("両面印刷して、二つ折りにします。"))
        self.make_button = primary_button(self.tr("作る"))
        self.make_button.setObjectName("make")
        self.make_button.clicked.connect(self.make)
        self.status = hint_label("")
        self.preview = QLabel(objectName="preview")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setAccessibleName(self.tr("印刷の見本"))
        self.preview_scroll = preview_scroll = QScrollArea(objectName="preview_area")
        preview_scroll.setAccessibleName(self.tr("見本のページ"))
        preview_scroll.setWidgetResizable(True)
        preview_scroll.setWidget(self.preview)
        self.previous_button = QPushButton(self.tr("前のページ"), objectName="previous")
        self.previous_button.clicked.connect(lambda: self.show_page(self.page_index - 1))
        self.next_button = QPushButton(self.tr("次のページ"), objectName="next")
        self.next_button.clicked.connect(lambda: self.show_page(self.page_index + 1))
        self.page_label = QLabel("")
        self.print_button = QPushButton(self.tr("印刷する"), objectName="print")
        self.print_button.clicked.connect(self.print_pdf)
        self.save_button = QPushButton(self.tr("PDFで保存"), objectName="save_pdf")
        self.save_button.clicked.connect(self.save_pdf)
        self.scan_sheet_button = QPushButton(
            self.tr("紙の受付表を読み取る"), objectName="scan_sheet"
        )
        self.scan_sheet_button.clicked.connect(self.scan_sheets)

        options = QVBoxLayout()
        options.addWidget(title_label(self.tr("何を印刷しますか")))
        options.addLayout(kinds)
        # Only the chosen kind's options are shown: all of them at once would not fit a
        # laptop screen at 200 % text.
        blanks = QHBoxLayout()
        blanks.addWidget(QLabel(self.tr("空欄")))
        blanks.addWidget(self.blank_rows)
        blanks.addWidget(QLabel(self.tr("行")))
        self.kind_options: dict[str, QWidget] = {}
        for kind, rows in (
            ("cards", [QLabel(self.tr("会員カード：")), self.recent_only]),
            (
                "signin",
                [
                    QLabel(self.tr("受付表のイベント：")),
                    self.event,
                    self.sheet_day,
                    blanks,
                    self.scan_sheet_button,
                ],
            ),
            ("report", [QLabel(self.tr("月次報告の月：")), self.month]),
            ("yearly_report", [QLabel(self.tr("年度報告の年度：")), self.fiscal_year]),
            (
                "booklet",
                [
                    QLabel(self.tr("冊子：")),
                    self.booklet,
                    self.furigana,
                    self.imposed,
                    imposed_hint,
                ],
            ),
        ):
            box = QWidget(objectName=f"options_{kind}")
            box_layout = QVBoxLayout(box)
            box_layout.setContentsMargins(0, 0, 0, 0)
            for row in rows:
                if isinstance(row, QHBoxLayout):
                    box_layout.addLayout(row)
                else:
                    box_layout.addWidget(row)
            self.kind_options[kind] = box
            options.addWidget(box)
        # Long event and booklet titles must not widen the page past the screen at 200 %:
        # the lists open as wide as their items, the closed box stays narrow.
        for combo in self.findChildren(QComboBox):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(8)
        self.kind_group.buttonToggled.connect(lambda *_: self._show_kind_options())
        self._show_kind_options()
        options.addWidget(self.make_button)
        options.addWidget(self.status)
        options.addStretch(1)
        navigation = QHBoxLayout()
        navigation.addWidget(self.previous_button)
        navigation.addWidget(self.page_label, 1, Qt.AlignmentFlag.AlignCenter)
        navigation.addWidget(self.next_button)
        output = QHBoxLayout()
        output.addStretch(1)
        output.addWidget(self.save_button)
        output.addWidget(self.print_button)
        right = QVBoxLayout()
        right.addWidget(preview_scroll, 1)
        right.addLayout(navigation)
        right.addLayout(output)
        body = QHBoxLayout()
        body.addLayout(options, 1)
        body.addLayout(right, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(title_label(self.tr(self.title)))
        layout.addLayout(body, 1)
        self._set_ready(False)
        desk_context.changes_applied.connect(self._changes_applied)
        self._load_events()

    def _show_kind_options(self) -> None:
        chosen = self.kind()
        for kind, box in self.kind_options.items():
            box.setVisible(kind == chosen)

    def focus_first(self) -> None:
        self.kind_group.buttons()[0].setFocus()

    def _load_events(self) -> None:
        def loaded(events) -> None:
            current = self.event.currentData()
            self.events_by_id = {event.id: event for event in events}
            self.event.clear()
            for event in events:
                self.event.addItem(
                    self.tr("{value}　{title}").format(
                        value=event.starts_at[:10], title=event.title
                    ),
                    event.id,
                )
            if current:
                self.event.setCurrentIndex(max(0, self.event.findData(current)))

        ops.list_events(parent=self).success(loaded).run_in_background()

    def _show_sheet_days(self) -> None:
        event = self.events_by_id.get(self.event.currentData())
        self.sheet_day.clear()
        if event is None or not event.is_multi_day:
            self.sheet_day.hide()
            return
        for day in event.days:
            self.sheet_day.addItem(
                self.tr("{number}日目（{day}）").format(
                    number=event.day_number(day), day=day.replace("-", "/")
                ),
                day,
            )
        self.sheet_day.show()

    def scan_sheets(self) -> None:
        """Read scanned sheets back; each page goes to its own event (see gui/sheet_scan.py)."""
        from kyojo_desk.gui.sheet_scan import sheet_scan_dialog

        def saved(result) -> None:
            self.status.setText(
                self.tr(
                    "読み取った受付表を保存しました：新しく {new}人、受付済みだった方 {already}人。"
                ).format(new=result.checked_in, already=result.already)
            )

        sheet_scan_dialog(self, None, None, saved).open()

    def _changes_applied(self, changes: Changes) -> None:
        if changes.touches("events"):
            self._load_events()

    def kind(self) -> str:
        return self.kind_group.checkedButton().property("value")

    def _set_ready(self, ready: bool) -> None:
        for button in (self.print_button, self.save_button, self.previous_button, self.next_button):
            button.setEnabled(ready)

    def make(self) -> None:
        kind, by = self.kind(), self.desk_context.user.name
        if kind == "signin" and not self.event.currentData():
            prompts.show_message(
                self,
                self.tr("受付表"),
                self.tr("イベントがありません。「受付」のページでイベントを作ってください。"),
            )
            return
        if kind == "booklet" and not self.booklet.currentData():
            prompts.show_message(
                self, self.tr("冊子"), self.tr("冊子の原稿（printables フォルダ）がありません。")
            )
            return
        operations = {
            "cards": lambda: ops.make_cards(
                parent=self, recent_days=self.recent_only.currentData(), by=by
            ),
            "signin": lambda: ops.make_signin(
                parent=self,
                event_id=self.event.currentData(),
                blank_rows=self.blank_rows.value(),
                day=self.sheet_day.currentData() if self.sheet_day.count() else None,
                by=by,
            ),
            "report": lambda: ops.make_report(
                parent=self, month=self.month.date().toString("yyyy-MM")
            ),
            "yearly_report": lambda: ops.make_yearly_report(
                parent=self, fiscal_year=self.fiscal_year.value()
            ),
            "calibration": lambda: ops.make_calibration(parent=self),
            "booklet": lambda: ops.make_booklet(
                parent=self,
                source=Path(self.booklet.currentData()),
                furigana=self.furigana.isChecked(),
                imposed=self.imposed.isChecked(),
            ),
        }
        self.status.setText(self.tr("作っています…"))
        self.make_button.setEnabled(False)
        self._set_ready(False)

        def failed(error: BaseException) -> None:
            self.make_button.setEnabled(True)
            self.status.setText("")
            from kyojo_desk.gui.errors import show_error

            show_error(parent=self, error=error)

        operations[kind]().success(self._made).failure(failed).run_in_background()

    def _made(self, path: Path) -> None:
        self.pdf = Path(path)
        self.images = page_images(self.pdf, scale=1.2)
        self.make_button.setEnabled(True)
        self.status.setText(
            self.tr("できました（{value}ページ）。見本をたしかめてください。").format(
                value=len(self.images)
            )
        )
        self._set_ready(True)
        self.show_page(0)

    def show_page(self, index: int) -> None:
        if not self.images:
            return
        self.page_index = max(0, min(index, len(self.images) - 1))
        self._fit_preview()
        self.page_label.setText(
            self.tr("{value} / {value2} ページ").format(
                value=self.page_index + 1, value2=len(self.images)
            )
        )
        self.previous_button.setEnabled(self.page_index > 0)
        self.next_button.setEnabled(self.page_index < len(self.images) - 1)

    def _fit_preview(self) -> None:
        """The page shown whole in the preview area, as large as the area allows."""
        if not self.images:
            return
        image = self.images[self.page_index]
        room = self.preview_scroll.viewport().size()
        if room.width() < 50 or room.height() < 50:
            room = image.size()
        self.preview.setPixmap(
            QPixmap.fromImage(image).scaled(
                room,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        self._fit_preview()

    def save_pdf(self) -> None:
        if self.pdf is None:
            return
        path = prompts.choose_save_path(self, self.tr("PDFで保存"), self.pdf.name, "PDF (*.pdf)")
        if path:
            shutil.copyfile(self.pdf, path)
            self.status.setText(self.tr("保存しました：{path}").format(path=path))

    def print_pdf(self) -> None:
        """Through the system's print dialog; pages go to the printer at 300 dpi."""
        if self.pdf is None:
            return
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QPrintDialog.DialogCode.Accepted:
            return
        painter = QPainter(printer)
        for number, image in enumerate(page_images(self.pdf, scale=300 / 72)):
            if number:
                printer.newPage()
            target = painter.viewport()
            size = image.size().scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.setViewport(target.x(), target.y(), size.width(), size.height())
            painter.setWindow(image.rect())
            painter.drawImage(0, 0, image)
        painter.end()
        self.status.setText(self.tr("プリンターに送りました。"))
