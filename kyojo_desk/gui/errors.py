"""Errors shown to the person at the desk, in one place."""

from __future__ import annotations

import logging
from collections.abc import Mapping

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from kyojo_desk.errors import KyojoError, ValidationError
from kyojo_desk.gui.i18n import shown
from kyojo_desk.gui.widgets import mark_invalid

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


def show_form_error(
    error: BaseException,
    *,
    parent: QWidget,
    labels: Mapping[str, QLabel],
    summary: QLabel,
    fields: Mapping[str, QWidget] | None = None,
) -> None:
    """A refused save shown on its form, in the desk's language: each field's message in its
    label with the field outlined and the first wrong field focused; messages of fields without
    a label, and our other errors, in `summary`; anything unexpected in the error dialog."""
    fields = fields or {}
    if isinstance(error, ValidationError):
        unplaced = []
        for name, message in error.errors.items():
            label = labels.get(name)
            if label is None:
                unplaced.append(shown(message))
                continue
            label.setText(shown(message))
            label.show()
            if name in fields:
                mark_invalid(fields[name], True)
        if unplaced:
            summary.setText("\n".join(unplaced))
            summary.show()
        first = next((fields[name] for name in fields if name in error.errors), None)
        if first is not None:
            first.setFocus()
    elif isinstance(error, KyojoError):
        summary.setText(error_text(error))
        summary.show()
    else:
        show_error(parent=parent, error=error)


def clear_form_error(
    *, labels: Mapping[str, QLabel], summary: QLabel, fields: Mapping[str, QWidget]
) -> None:
    """Take away what `show_form_error` put on a form: the messages and the outlines."""
    for label in [*labels.values(), summary]:
        label.clear()
        label.hide()
    for field in fields.values():
        mark_invalid(field, False)
