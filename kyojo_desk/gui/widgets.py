"""Small building blocks shared by pages and dialogs."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QCoreApplication, QRect, QSize, Qt, QTimer
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLayout,
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
        QListWidget,
        QPlainTextEdit,
        QTableWidget,
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
        elif isinstance(widget, QTableWidget):  # rows typed in a grid (a sheet's blank rows)
            state.append(
                tuple(
                    item.text() if item is not None else ""
                    for row in range(widget.rowCount())
                    for column in range(widget.columnCount())
                    for item in [widget.item(row, column)]
                )
            )
        elif isinstance(widget, QListWidget):  # names ticked in a list
            state.append(
                tuple(widget.item(row).checkState().value for row in range(widget.count()))
            )
    return tuple(state)


def ask_to_discard(dialog: QWidget) -> bool:
    """Ask whether to throw away what was typed in `dialog`; True to throw it away."""
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


class AsksBeforeDiscarding:
    """For a QDialog or QWizard with a form: one Esc, やめる or the window's close button does not
    lose what was typed: when something was typed, chosen or ticked since it was shown, it asks
    first. After a save it closes with `close_saved()` (nothing is lost then). Put it before the
    Qt class among the bases."""

    _initial_state: tuple | None = None
    _closing_saved = False

    def form_state(self) -> tuple:
        """What the person has put in the form (a dialog whose form is built later overrides)."""
        return form_state(self)

    def has_unsaved_input(self) -> bool:
        return self._initial_state is not None and self.form_state() != self._initial_state

    def showEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().showEvent(event)
        if self._initial_state is None and self.isVisible():
            self._initial_state = self.form_state()  # as shown, with what the desk filled in

    def reject(self) -> None:
        """Esc, やめる and the window's close button ask before a filled form is thrown away."""
        if self._closing_saved or not self.has_unsaved_input() or ask_to_discard(self):
            super().reject()

    def close_saved(self) -> None:
        """Close after the form was saved: nothing to ask."""
        self._closing_saved = True
        self.accept()

    def close_without_asking(self) -> None:
        """Close as cancelled when what was typed is not lost (kept elsewhere, or the person
        is registered already)."""
        self._closing_saved = True
        self.reject()


class FormDialog(AsksBeforeDiscarding, QDialog):
    """A dialog with a form that asks before what was typed is thrown away."""


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


def form_grid(
    rows: Iterable[tuple[str, str, QWidget | QLayout]], errors: dict[str, QLabel]
) -> QGridLayout:
    """A form's grid: for each (name, label, field) the label beside its field (a widget, or a
    layout that holds a row of them) and an error label under it, put in `errors` under its
    name as show_form_error expects."""
    grid = QGridLayout()
    for row, (name, label, field) in enumerate(rows):
        caption = QLabel(label)
        grid.addWidget(caption, row * 2, 0)
        if isinstance(field, QLayout):
            grid.addLayout(field, row * 2, 1)
        else:
            caption.setBuddy(field)
            grid.addWidget(field, row * 2, 1)
        errors[name] = error_label()
        grid.addWidget(errors[name], row * 2 + 1, 1)
    grid.setColumnStretch(1, 1)
    return grid


def line_edit_grid(
    fields: Iterable[tuple[str, str, str]],
    inputs: dict[str, QLineEdit],
    errors: dict[str, QLabel],
) -> QGridLayout:
    """A grid of text fields for (name, label, example) triples: the label beside each field, its
    example as placeholder and accessible name, and an error label under it. The fields and
    labels are put in `inputs` and `errors` under their names, as show_form_error expects."""
    rows = []
    for name, label, example in fields:
        label = shown(label)
        field = QLineEdit(objectName=name)
        field.setPlaceholderText(shown(example))
        field.setAccessibleName(label)
        inputs[name] = field
        rows.append((name, label, field))
    return form_grid(rows, errors)


def save_and_cancel(
    dialog: QDialog, save_text: str, save: Callable[[], None]
) -> tuple[QHBoxLayout, QPushButton]:
    """A form dialog's row of やめる and its save button (the default, named "save"), at the
    right; returns the row and the save button."""
    save_button = primary_button(save_text)
    save_button.setObjectName("save")
    save_button.setDefault(True)
    save_button.clicked.connect(lambda: save())
    cancel = QPushButton(QCoreApplication.translate("widgets", "やめる"), objectName="cancel")
    cancel.clicked.connect(dialog.reject)
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(cancel)
    row.addWidget(save_button)
    return row, save_button
