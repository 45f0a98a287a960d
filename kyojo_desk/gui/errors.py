"""Errors shown to the person at the desk, in one place."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from kyojo_desk.errors import KyojoError, ValidationError
from kyojo_desk.gui.i18n import shown

log = logging.getLogger(__name__)


def error_text(error: BaseException) -> str:
    """Plain words for an error, in the desk's language: ours carry their message; anything
    else is unexpected."""
    if isinstance(error, ValidationError):
        return "\n".join(shown(message) for message in error.errors.values())
    if isinstance(error, KyojoError):
        return shown(error.message)
    return QCoreApplication.translate(
        "errors", "思わぬエラーが起きました。入力した内容は保存されていません。\n（{kind}）"
    ).format(kind=type(error).__name__)


def show_error(*, parent: QWidget | None, error: BaseException) -> None:
    """Show an error in a dialog. Unexpected errors are logged with their traceback too."""
    if not isinstance(error, KyojoError):
        log.error("unexpected error", exc_info=error)
    from kyojo_desk.gui import prompts

    prompts.show_message(
        parent,
        QCoreApplication.translate("errors", "うまくいきませんでした"),
        error_text(error),
        QMessageBox.Icon.Warning,
    )


def show_in_label(label, error: BaseException, parent: QWidget | None) -> None:
    """A refused input beside the form (every field's message in `label`); anything else in the
    error dialog — never silently dropped."""
    if isinstance(error, ValidationError):
        label.setText(error_text(error))
        label.show()
    else:
        show_error(parent=parent, error=error)
