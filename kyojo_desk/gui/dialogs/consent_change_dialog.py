"""Change what a resident agreed to (a coordinator action): add one consent scope or withdraw
one, with who saw the paper form, after a confirmation that says plainly what will happen.

The same change as `kyojo-desk resident consent ID --add/--remove SCOPE --witness NAME`: the
page runs it (gui/ops/residents.change_consent) when `change_requested` is emitted and answers
with `changed(scopes)` or `change_failed(error)`.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from kyojo_desk.errors import KyojoError, ValidationError
from kyojo_desk.gui import prompts
from kyojo_desk.gui.errors import error_text
from kyojo_desk.gui.flow_layout import flow_row
from kyojo_desk.gui.i18n import shown
from kyojo_desk.gui.widgets import (
    FormDialog,
    error_label,
    hint_label,
    mark_invalid,
    primary_button,
    title_label,
)
from kyojo_desk.records.resident import (
    CONSENT_METHOD_LABELS,
    CONSENT_SCOPE_LABELS,
    ConsentScope,
)

# 「記録を残す」 is not changed here: giving it up is the withdrawal of consent (erasure), on the
# registry page's 「本人の権利」.
CHANGEABLE_SCOPES = [scope for scope in ConsentScope if scope != ConsentScope.KEEP_RECORD]


class ConsentChangeDialog(FormDialog):
    """One scope to add or withdraw, how the person said so, and who witnessed it.

    Emits `change_requested(add, remove, witness, method)` (lists of scope values) once the
    person at the desk has confirmed.
    """

    change_requested = Signal(list, list, str, str)

    def __init__(
        self, full_name: str, scopes: Iterable[str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.full_name = full_name
        self.given = set(scopes)
        self.setWindowTitle(self.tr("同意の項目を変える"))
        self.setModal(True)
        layout = QVBoxLayout(self)
        layout.addWidget(title_label(self.windowTitle()))
        who = QLabel(self.tr("{full_name} さん").format(full_name=full_name))
        who.setWordWrap(True)
        layout.addWidget(who)
        layout.addWidget(self._build_choices())
        layout.addLayout(self._build_how())
        layout.addStretch(1)
        layout.addLayout(self._build_buttons())
        self.witness.setFocus()
        self._size_for_text()

    def _size_for_text(self) -> None:
        """Wide enough for the choices at this text size, and as tall as the wrapped lines
        need at that width (the screen fit shrinks it on a smaller screen)."""
        for child in self.findChildren(QWidget):
            child.ensurePolished()  # measured with the style sheet's fonts and padding
        scale = max(1.0, self.fontMetrics().height() / 20)
        width = max(int(640 * scale), self.minimumSizeHint().width())
        height = max(self.layout().totalHeightForWidth(width), self.sizeHint().height())
        self.resize(width, height)

    def _build_choices(self) -> QWidget:
        """One choice a scope: agree to it when not given yet, stop it when given."""
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(QLabel(self.tr("何を変えますか")))
        self.choice_group = QButtonGroup(self)
        self.choices: dict[str, QRadioButton] = {}
        for scope in CHANGEABLE_SCOPES:
            label = shown(CONSENT_SCOPE_LABELS[scope])
            text = (
                self.tr("「{label}」をやめる（いまは同意あり）").format(label=label)
                if scope.value in self.given
                else self.tr("「{label}」に同意する（いまは同意なし）").format(label=label)
            )
            button = QRadioButton(text, objectName=f"change_{scope.value}")
            self.choice_group.addButton(button)
            self.choices[scope.value] = button
            column.addWidget(button)
        self.choice_error = error_label()
        column.addWidget(self.choice_error)
        column.addWidget(
            hint_label(
                self.tr(
                    "記録そのものを消すときは、「住民をさがす・登録」の「本人の権利」から"
                    "「選んだ方の同意を撤回し、記録を消す」を選んでください。"
                )
            )
        )
        return box

    def _build_how(self) -> QGridLayout:
        grid = QGridLayout()
        grid.setColumnStretch(1, 1)
        self.method_group = QButtonGroup(self)
        method_row = flow_row()
        for value, label in CONSENT_METHOD_LABELS.items():
            button = QRadioButton(shown(label), objectName=f"method_{value.value}")
            button.setProperty("value", value.value)
            self.method_group.addButton(button)
            method_row.addWidget(button)
        self.method_group.buttons()[0].setChecked(True)
        grid.addWidget(QLabel(self.tr("同意の方法")), 0, 0)
        grid.addLayout(method_row, 0, 1)
        self.witness = QLineEdit(objectName="witness")
        self.witness.setPlaceholderText(self.tr("例：山田 一郎"))
        self.witness.setAccessibleName(self.tr("紙の同意書を確認した人"))
        caption = QLabel(self.tr("確認した人"))
        caption.setBuddy(self.witness)
        grid.addWidget(caption, 1, 0)
        grid.addWidget(self.witness, 1, 1)
        self.witness_error = error_label()
        grid.addWidget(self.witness_error, 2, 1)
        return grid

    def _build_buttons(self) -> QHBoxLayout:
        self.summary = error_label()
        self.save_button = primary_button(self.tr("変える"))
        self.save_button.setObjectName("save")
        self.save_button.clicked.connect(self.request_change)
        cancel = QPushButton(self.tr("やめる"), objectName="cancel")
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.summary, 1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.save_button)
        return buttons

    def chosen_scope(self) -> str | None:
        for scope, button in self.choices.items():
            if button.isChecked():
                return scope
        return None

    def confirmation_text(self, scope: str, witness: str) -> str:
        """What will happen, in plain words, before anything is changed."""
        label = shown(CONSENT_SCOPE_LABELS[ConsentScope(scope)])
        name = self.full_name
        if scope == ConsentScope.SHARE_WITH_CITY.value and scope in self.given:
            text = self.tr(
                "{name} さんの記録を、市と共有するのをやめます。\n"
                "次の同期で、名前・ふりがな・電話番号・生年月日・メモなど、この方の個人の情報が"
                "市のサーバーとほかの端末から消えます（市の人数の集計のため、地区などだけが残ります）。\n"
                "この端末の記録はそのまま残ります。"
            ).format(name=name)
        elif scope == ConsentScope.SHARE_WITH_CITY.value:
            text = self.tr(
                "{name} さんの記録を、市と共有します。\n"
                "次の同期で、名前・ふりがな・電話番号などが市のサーバーとほかの端末に送られます。"
            ).format(name=name)
        elif scope in self.given:
            text = self.tr(
                "{name} さんの「{label}」をやめます。\nこの端末の記録はそのまま残ります。"
            ).format(name=name, label=label)
        else:
            text = self.tr("{name} さんが「{label}」に同意したことを記録します。").format(
                name=name, label=label
            )
        text += "\n\n" + self.tr("確認した人：{witness}").format(witness=witness)
        text += "\n" + self.tr("変更は記録（監査ログ）に残ります。よろしいですか。")
        return text

    def request_change(self) -> None:
        """Check the choice and the witness, ask for confirmation, then emit the change."""
        self.clear_errors()
        scope = self.chosen_scope()
        witness = self.witness.text().strip()
        if scope is None:
            self.choice_error.setText(self.tr("変える項目を選んでください。"))
            self.choice_error.show()
        if not witness:
            self.witness_error.setText(self.tr("紙の同意書を確認した人の名前を入力してください。"))
            self.witness_error.show()
            mark_invalid(self.witness, True)
            self.witness.setFocus(Qt.FocusReason.OtherFocusReason)
        if scope is None or not witness:
            self._size_for_text()  # room for the messages, without squeezing the other lines
            return
        yes = self.tr("はい、やめます") if scope in self.given else self.tr("はい、記録します")
        if not prompts.ask_yes_no(
            self,
            self.windowTitle(),
            self.confirmation_text(scope, witness),
            yes=yes,
            no=self.tr("もどる"),
        ):
            return
        method = self.method_group.checkedButton().property("value")
        add, remove = ([], [scope]) if scope in self.given else ([scope], [])
        self.save_button.setEnabled(False)
        self.change_requested.emit(add, remove, witness, method)

    def clear_errors(self) -> None:
        for label in (self.choice_error, self.witness_error, self.summary):
            label.clear()
            label.hide()
        mark_invalid(self.witness, False)

    # -- answers from the page ---------------------------------------------------------------

    def changed(self, scopes: list[str]) -> None:
        self.given = set(scopes)
        self.save_button.setEnabled(True)
        self.close_saved()

    def change_failed(self, error: BaseException) -> None:
        self.save_button.setEnabled(True)
        if isinstance(error, ValidationError) and "consent_witness" in error.errors:
            self.witness_error.setText(shown(error.errors["consent_witness"]))
            self.witness_error.show()
            mark_invalid(self.witness, True)
        elif isinstance(error, KyojoError):
            self.summary.setText(error_text(error))
            self.summary.show()
        else:
            from kyojo_desk.gui.errors import show_error

            show_error(parent=self, error=error)
        self._size_for_text()
