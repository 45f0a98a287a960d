"""Small building blocks shared by pages and dialogs."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication, QRect, QSize, Qt, QTimer
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QGridLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kyojo_desk.gui.i18n import shown


def title_label(text: str) -> QLabel:
    label = QLabel(text)
    label.setProperty("role", "title")
    return label


def hint_label(text: str) -> QLabel:
    label = QLabel(text)
    label.setProperty("role", "hint")
    label.setWordWrap(True)
    return label


def error_label() -> QLabel:
    """A label beside a field that shows its validation message (empty and hidden when fine)."""
    label = QLabel()
    label.setProperty("role", "error")
    label.setWordWrap(True)
    label.hide()
    return label


def primary_button(text: str) -> QPushButton:
    button = QPushButton(text)
    button.setProperty("primary", True)
    return button


def mark_invalid(widget: QWidget, invalid: bool) -> None:
    """Outline a field in red (the message beside it says why; colour is never the only cue)."""
    widget.setProperty("invalid", invalid)
    widget.style().unpolish(widget)
    widget.style().polish(widget)


class ScrollBody(QWidget):
    """The contents of a QScrollArea that fills the visible height before it scrolls.

    A scroll area sizes contents that wrap text by their height-for-width, which counts every
    list at its preferred height: the page then scrolls although it would fit at its minimum.
    Answering with the minimum height for the width lets the lists shrink first.
    """

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt name)
        layout = self.layout()
        if layout is None:
            return super().heightForWidth(width)
        return layout.totalMinimumHeightForWidth(width)


# How long a "saved" note stays: long enough to read, gone before the next person sits down.
SAVED_NOTE_MS = 6000


class SavedNote(QLabel):
    """A line that says, for a few seconds, that something was saved (「記録しました」)."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("saved_note")
        self.setProperty("role", "saved")
        self.setWordWrap(True)
        self.setAccessibleName(QCoreApplication.translate("widgets", "保存のお知らせ"))
        self._timer = QTimer(self, singleShot=True, interval=SAVED_NOTE_MS)
        self._timer.timeout.connect(self.hide)
        self.hide()

    def show_for_a_moment(self, text: str) -> None:
        self.setText(f"✔ {text}")
        self.show()
        self._timer.start()


class DayInput(QWidget):
    """A date typed as volunteers say it (「あした」「来週の火曜」「12/1」, 和暦, 西暦), with the day it
    means written below as it is typed, as the birth-date field shows its 和暦 and 西暦."""

    def __init__(self, object_name: str, placeholder: str) -> None:
        super().__init__()
        self.edit = QLineEdit(objectName=object_name)
        self.edit.setPlaceholderText(placeholder)
        self.preview = QLabel(objectName=f"{object_name}_preview")
        self.preview.setProperty("role", "hint")
        self.preview.setWordWrap(True)
        self.edit.textChanged.connect(self._show_preview)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit)
        layout.addWidget(self.preview)
        self.setFocusProxy(self.edit)

    def text(self) -> str:
        return self.edit.text().strip()

    def clear(self) -> None:
        self.edit.clear()

    def _show_preview(self, text: str) -> None:
        from kyojo_desk.errors import ValidationError
        from kyojo_desk.gui.i18n import shown, shown_day
        from kyojo_desk.text.dates import parse_day

        try:
            day = parse_day(text)
        except ValidationError as refused:
            self.preview.setText(shown(refused.message))
            return
        self.preview.setText(f"→ {shown_day(day)}" if day else "")


def form_state(form: QWidget) -> tuple:
    """What a person has typed, chosen and ticked on `form`, to tell whether it was changed."""
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractSpinBox,
        QComboBox,
        QPlainTextEdit,
        QTextEdit,
    )

    state: list = []
    for widget in form.findChildren(QWidget):
        if widget.window() is not form.window():
            continue  # a dialog opened from the form (it keeps its own state)
        if isinstance(widget, QLineEdit):
            state.append(widget.text())
        elif isinstance(widget, (QPlainTextEdit, QTextEdit)):
            state.append(widget.toPlainText())
        elif isinstance(widget, QComboBox):
            state.append(widget.currentIndex())
        elif isinstance(widget, QAbstractSpinBox):
            state.append(widget.text())
        elif isinstance(widget, QAbstractButton) and widget.isCheckable():
            state.append(widget.isChecked())
    return tuple(state)


def confirm_discard(dialog: QWidget, initial_state: tuple) -> bool:
    """True when the dialog may close: nothing was changed, or the person chose to throw the
    changes away. One Esc or やめる must not lose a filled form."""
    if form_state(dialog) == initial_state:
        return True
    from kyojo_desk.gui import prompts

    return prompts.ask_yes_no(
        dialog,
        QCoreApplication.translate("widgets", "入力した内容"),
        QCoreApplication.translate(
            "widgets", "入力した内容は、まだ保存されていません。消して閉じますか。"
        ),
        yes=QCoreApplication.translate("widgets", "消して閉じる"),
        no=QCoreApplication.translate("widgets", "入力にもどる"),
    )


class WrappingHeader(QHeaderView):
    """A table's column titles that wrap onto more lines when their column is narrow (columns
    that share the page's width at 200 % text), instead of being cut off at both ends."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
        self.setSectionsClickable(True)
        self.sectionResized.connect(lambda *_: self.updateGeometries())

    def sectionSizeFromContents(self, logical_index: int) -> QSize:  # noqa: N802 (Qt name)
        size = super().sectionSizeFromContents(logical_index)
        if self.model() is None:
            return size
        text = str(self.model().headerData(logical_index, self.orientation()) or "")
        font = QFont(self.font())
        font.setBold(True)  # the style sheet draws titles in bold
        metrics = QFontMetrics(font)
        padding = size.height() - metrics.height()
        width = max(1, self.sectionSize(logical_index) - padding)
        wrapped = metrics.boundingRect(
            QRect(0, 0, width, 100_000), int(Qt.TextFlag.TextWordWrap), text
        )
        return QSize(size.width(), max(size.height(), wrapped.height() + padding))


def line_edit_grid(
    fields: Iterable[tuple[str, str, str]],
    inputs: dict[str, QLineEdit],
    errors: dict[str, QLabel],
) -> QGridLayout:
    """A grid of text fields for (name, label, example) triples: the label beside each field, its
    example as placeholder and accessible name, and an error label under it. The fields and
    labels are put in `inputs` and `errors` under their names, as show_form_error expects."""
    grid = QGridLayout()
    for row, (name, label, example) in enumerate(fields):
        label, example = shown(label), shown(example)
        field = QLineEdit(objectName=name)
        field.setPlaceholderText(example)
        field.setAccessibleName(label)
        inputs[name] = field
        errors[name] = error_label()
        grid.addWidget(QLabel(label), row * 2, 0)
        grid.addWidget(field, row * 2, 1)
        grid.addWidget(errors[name], row * 2 + 1, 1)
    grid.setColumnStretch(1, 1)
    return grid
