"""ふるさと住民 at the door: a person who lives elsewhere, registered in a few fields (name,
reading, home municipality; phone and birth date if they like). A minor needs the guardian's
name and consent."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from kyojo_desk.gui.errors import clear_form_error, show_form_error
from kyojo_desk.gui.widgets import (
    FormDialog,
    error_label,
    hint_label,
    line_edit_grid,
    save_and_cancel,
    title_label,
)
from kyojo_desk.texts import N_

FIELDS = (
    ("family_name", N_("姓（みょうじ）"), N_("例：新井")),
    ("given_name", N_("名（なまえ）"), N_("例：誠")),
    ("family_reading", N_("せい（ふりがな）"), N_("例：あらい")),
    ("given_reading", N_("めい（ふりがな）"), N_("例：まこと")),
    ("home_municipality", N_("お住まいの市区町村"), N_("例：東京都八王子市")),
    ("phone", N_("電話番号（任意）"), N_("例：090-1234-5678")),
    ("birth_date", N_("生年月日（任意）"), N_("例：平成20年4月1日")),
)


class FurusatoDialog(FormDialog):
    """Emits `save_requested(values, allow_duplicate)`; answered by `saved()`/`save_failed()`."""

    save_requested = Signal(object, bool)

    def __init__(
        self, code: str = "", typed: dict[str, str] | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("ふるさと住民の登録"))
        self.setModal(True)
        self.inputs: dict[str, QLineEdit] = {}
        self.errors: dict[str, QLabel] = {}
        layout = QVBoxLayout(self)
        layout.addWidget(title_label(self.tr("ふるさと住民の登録")))
        hint = self.tr("市の外にお住まいで、地域の活動に参加する方です。")
        if code:
            hint += self.tr("読み取ったコードも この方に結びつけます。")
        layout.addWidget(hint_label(hint))
        layout.addLayout(self._build_fields())
        layout.addLayout(self._build_minor())
        self.consent = QCheckBox(
            self.tr("記録を残すことに、ご本人が同意しました（口頭）"), objectName="consent"
        )
        self.errors["consent_witness"] = error_label()
        layout.addWidget(self.consent)
        layout.addWidget(self.errors["consent_witness"])
        self.summary = error_label()
        layout.addWidget(self.summary)
        layout.addLayout(self._build_buttons())
        scale = max(1.0, self.fontMetrics().height() / 20)
        self.resize(int(600 * scale), self.sizeHint().height())
        if typed:
            # What was typed in the walk-in form counts as typed here: Esc asks before losing it.
            self._initial_state = self.form_state()
            for name, text in typed.items():
                if name in self.inputs:
                    self.inputs[name].setText(text)

    def _build_fields(self) -> QGridLayout:
        return line_edit_grid(FIELDS, self.inputs, self.errors)

    def _build_minor(self) -> QVBoxLayout:
        self.is_minor = QCheckBox(self.tr("18歳未満の方"), objectName="is_minor")
        self.guardian_name = QLineEdit(objectName="guardian_name")
        self.guardian_name.setAccessibleName(self.tr("保護者の名前"))
        self.guardian_name.setPlaceholderText(self.tr("保護者の名前"))
        self.guardian_consent = QCheckBox(
            self.tr("保護者が同意しました"), objectName="guardian_consent"
        )
        for name in ("guardian_name", "guardian_consent"):
            self.errors[name] = error_label()
        guardian = QHBoxLayout()
        guardian.addWidget(self.guardian_name, 1)
        guardian.addWidget(self.guardian_consent)
        column = QVBoxLayout()
        column.addWidget(self.is_minor)
        column.addLayout(guardian)
        column.addWidget(self.errors["guardian_name"])
        column.addWidget(self.errors["guardian_consent"])
        self.is_minor.toggled.connect(self._minor_toggled)
        self._minor_toggled(False)
        return column

    def _build_buttons(self) -> QHBoxLayout:
        buttons, self.save_button = save_and_cancel(
            self, self.tr("登録して受付する"), self.request_save
        )
        return buttons

    def _minor_toggled(self, minor: bool) -> None:
        self.guardian_name.setEnabled(minor)
        self.guardian_consent.setEnabled(minor)

    def values(self) -> dict[str, Any]:
        values: dict[str, Any] = {name: field.text().strip() for name, field in self.inputs.items()}
        values["is_minor"] = self.is_minor.isChecked()
        values["guardian_name"] = self.guardian_name.text().strip()
        values["guardian_consent"] = self.guardian_consent.isChecked()
        return values

    def request_save(self, allow_duplicate: bool = False) -> None:
        self.clear_errors()
        if not self.consent.isChecked():
            self.errors["consent_witness"].setText(
                self.tr("記録を残すことへの同意を確かめて、チェックしてください。")
            )
            self.errors["consent_witness"].show()
            return
        self.save_requested.emit(self.values(), allow_duplicate)

    def saved(self) -> None:
        self.close_saved()

    def save_failed(self, error: BaseException) -> None:
        show_form_error(
            error, parent=self, labels=self.errors, summary=self.summary, fields=self.inputs
        )

    def clear_errors(self) -> None:
        clear_form_error(labels=self.errors, summary=self.summary, fields=self.inputs)
