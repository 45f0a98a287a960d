"""Coordinator actions: export, merge, erase, conflicts, settings, enrol need the PIN.

`require_coordinator(parent)` asks once per unlocked session (the desk user's `coordinator`
flag stays on until the idle lock or a change of volunteer) and answers whether to go on.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from kyojo_desk.errors import KyojoError
from kyojo_desk.gui.context import DeskUser
from kyojo_desk.gui.i18n import shown
from kyojo_desk.gui.ops.base import context_of
from kyojo_desk.security import pin as pins


def ask_pin(parent: QWidget, *, setting: bool, reason: str, error: str = "") -> str | None:
    """Show the PIN dialog; None when cancelled. Tests patch this one function."""
    from kyojo_desk.gui.dialogs.pin_dialog import PinDialog

    dialog = PinDialog(setting=setting, reason=reason, parent=parent)
    if error:
        dialog.show_error(error)
    return dialog.pin() if dialog.exec() else None


def require_coordinator(parent: QWidget, action: str = "") -> bool:
    """True when the person at the desk is (or has just proven to be) the coordinator."""
    context = context_of(parent)
    if context.user.coordinator:
        return True
    reason = (
        QCoreApplication.translate("roles", "「{action}」はコーディネーターの操作です。").format(
            action=action
        )
        if action
        else QCoreApplication.translate("roles", "コーディネーターの操作です。")
    )
    run = context.taskman.run_on_db_now
    if not run(pins.has_pin):
        new_pin = ask_pin(
            parent,
            setting=True,
            reason=reason
            + "\n"
            + QCoreApplication.translate("roles", "はじめにPINを決めてください。"),
        )
        if new_pin is None:
            return False
        try:
            run(lambda store: pins.set_pin(store, new_pin))
        except KyojoError as error:
            from kyojo_desk.gui.errors import show_error

            show_error(parent=parent, error=error)
            return False
    else:
        error = ""
        while True:
            typed = ask_pin(parent, setting=False, reason=reason, error=error)
            if typed is None:
                return False
            try:
                if run(lambda store, typed=typed: pins.check_pin(store, typed)):
                    break
            except KyojoError as locked:
                error = shown(locked.message)
                continue
            error = QCoreApplication.translate("roles", "PINがちがいます。")
    user = context.user
    context.set_user(DeskUser(user.volunteer_id, user.name, coordinator=True))
    return True
