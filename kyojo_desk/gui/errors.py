"""Errors shown to the person at the desk, in one place."""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QMessageBox, QWidget

from kyojo_desk.errors import KyojoError

log = logging.getLogger(__name__)


def error_text(error: BaseException) -> str:
    """Plain Japanese for an error: ours carry their message; anything else is unexpected."""
    if isinstance(error, KyojoError):
        return error.message
    return (
        f"思わぬエラーが起きました。入力した内容は保存されていません。\n（{type(error).__name__}）"
    )


def show_error(*, parent: QWidget | None, error: BaseException) -> None:
    """Show an error in a dialog. Unexpected errors are logged with their traceback too."""
    if not isinstance(error, KyojoError):
        log.error("unexpected error", exc_info=error)
    from kyojo_desk.gui import prompts

    prompts.show_message(
        parent, "うまくいきませんでした", error_text(error), QMessageBox.Icon.Warning
    )


def show_in_label(label, error: BaseException, parent: QWidget | None) -> None:
    """A refused input beside the form (every field's message in `label`); anything else in the
    error dialog — never silently dropped."""
    from kyojo_desk.errors import ValidationError

    if isinstance(error, ValidationError):
        label.setText("\n".join(error.errors.values()))
        label.show()
    else:
        show_error(parent=parent, error=error)
