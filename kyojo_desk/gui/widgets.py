"""Small building blocks shared by pages and dialogs."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QPushButton, QWidget


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
