"""Running the first-run wizard when a desk has no centre yet, and writing its answers."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from kyojo_desk.gui.context import DeskContext
from kyojo_desk.gui.i18n import shown
from kyojo_desk.security import pin as pins


def needs_first_run(context: DeskContext) -> bool:
    return context.taskman.run_on_db_now(lambda store: store.get_meta("centre_name")) is None


def apply_answers(store: Any, answers: Any) -> list[str]:
    """Write the wizard's answers. Returns problems that did not stop the rest (e.g. no server)."""
    from kyojo_desk.errors import KyojoError

    problems: list[str] = []
    with store.transaction():
        store.set_meta("centre_name", answers.centre_name)
        store.set_meta("centre_phone", answers.centre_phone)
        store.replace_districts(answers.districts)
        pins.set_pin(store, answers.pin)
    if answers.load_demo:
        from kyojo_desk.demo import load_demo

        load_demo(store, residents=300, seed=1)
    if answers.server_url:
        from kyojo_desk.sync.engine import enroll

        try:
            enroll(store, answers.server_url, answers.enrol_code)
        except KyojoError as error:
            problems.append(
                QCoreApplication.translate(
                    "first_run", "サーバーにつなげませんでした：{message}（あとで設定できます）"
                ).format(message=shown(error.message))
            )
    return problems


def run_first_run(window: Any, context: DeskContext) -> bool:
    """Show the wizard if this desk has no centre yet. True when it was completed."""
    from kyojo_desk.gui import prompts
    from kyojo_desk.gui.dialogs.first_run_wizard import FirstRunWizard

    if not needs_first_run(context):
        return False
    districts = context.taskman.run_on_db_now(lambda store: store.list_districts())
    wizard = FirstRunWizard(districts, parent=window)
    if not wizard.exec():
        return False
    answers = wizard.answers()
    problems = context.taskman.run_on_db_now(lambda store: apply_answers(store, answers))
    context.announce("residents", "consents", "districts")
    if problems:
        prompts.show_message(
            window, QCoreApplication.translate("first_run", "はじめの設定"), "\n".join(problems)
        )
    return True
