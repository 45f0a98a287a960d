"""Modal questions and file pickers. Tests patch these functions, not the Qt classes."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget


def show_message(
    parent: QWidget | None,
    title: str,
    text: str,
    icon: QMessageBox.Icon = QMessageBox.Icon.Information,
) -> None:
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    box.button(QMessageBox.StandardButton.Ok).setText("OK")
    box.exec()


def ask_yes_no(
    parent: QWidget | None,
    title: str,
    text: str,
    yes: str | None = None,
    no: str | None = None,
) -> bool:
    # Translated when asked, not when this module is imported (before the language is set).
    if yes is None:
        yes = QCoreApplication.translate("prompts", "はい")
    if no is None:
        no = QCoreApplication.translate("prompts", "いいえ")
    box = QMessageBox(
        QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent
    )
    yes_button = box.addButton(yes, QMessageBox.ButtonRole.YesRole)
    box.addButton(no, QMessageBox.ButtonRole.NoRole)
    box.exec()
    return box.clickedButton() is yes_button


def choose_save_path(
    parent: QWidget | None, title: str, suggested: str, file_filter: str
) -> str | None:
    path, _ = QFileDialog.getSaveFileName(parent, title, suggested, file_filter)
    return path or None


def choose_open_path(parent: QWidget | None, title: str, file_filter: str) -> str | None:
    path, _ = QFileDialog.getOpenFileName(parent, title, "", file_filter)
    return path or None


def choose_folder(parent: QWidget | None, title: str) -> str | None:
    path = QFileDialog.getExistingDirectory(parent, title)
    return path or None


def choose_open_paths(parent: QWidget | None, title: str, file_filter: str) -> list[str]:
    """Several files to open (empty when the person cancelled)."""
    paths, _ = QFileDialog.getOpenFileNames(parent, title, "", file_filter)
    return list(paths)
