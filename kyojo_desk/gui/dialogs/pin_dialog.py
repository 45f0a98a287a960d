"""Asking for (or setting) the coordinator's PIN."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kyojo_desk.gui.widgets import error_label, hint_label, primary_button, title_label


class PinDialog(QDialog):
    """One PIN field (two when setting a new PIN). `pin()` gives what was typed."""

    def __init__(
        self, *, setting: bool = False, reason: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setting = setting
        self.setWindowTitle(self.tr("コーディネーターのPIN"))
        self.pin_edit = QLineEdit(objectName="pin")
        self.pin_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_edit.setAccessibleName("PIN")
        self.repeat_edit = QLineEdit(objectName="pin_repeat")
        self.repeat_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat_edit.setAccessibleName(self.tr("PIN（もう一度）"))
        self.error = error_label()
        ok = primary_button(self.tr("決定"))
        ok.setObjectName("ok")
        ok.setDefault(True)
        ok.clicked.connect(self._accept_if_valid)
        cancel = QPushButton(self.tr("やめる"))
        cancel.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(
            title_label(
                self.tr("PINを決めてください") if setting else self.tr("PINを入れてください")
            )
        )
        if reason:
            layout.addWidget(hint_label(reason))
        layout.addWidget(QLabel(self.tr("PIN（4〜8けたの数字）")))
        layout.addWidget(self.pin_edit)
        if setting:
            layout.addWidget(QLabel(self.tr("もう一度")))
            layout.addWidget(self.repeat_edit)
        else:
            self.repeat_edit.hide()
        layout.addWidget(self.error)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(ok)
        layout.addLayout(buttons)

    def _accept_if_valid(self) -> None:
        if self.setting and self.pin_edit.text() != self.repeat_edit.text():
            self.show_error(self.tr("2回の入力が同じではありません。"))
            return
        self.accept()

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()

    def pin(self) -> str:
        return self.pin_edit.text().strip()
