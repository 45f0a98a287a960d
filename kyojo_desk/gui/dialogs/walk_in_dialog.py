"""A person who walked in without being registered: name and reading only, the rest later."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QPushButton,
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
from kyojo_desk.records.event import WalkIn
from kyojo_desk.texts import N_

FIELDS = (
    (
        "family_name",
        N_("姓（みょうじ）"),
        N_("例：新井"),
    ),
    (
        "given_name",
        N_("名（なまえ）"),
        N_("例：誠"),
    ),
    (
        "family_reading",
        N_("せい（ふりがな）"),
        N_("例：あらい"),
    ),
    (
        "given_reading",
        N_("めい（ふりがな）"),
        N_("例：まこと"),
    ),
    (
        "phone",
        N_("電話番号（わかれば）"),
        N_("例：090-1234-5678"),
    ),
)


class WalkInDialog(FormDialog):
    """Emits `save_requested(walk_in, allow_duplicate)`; answered by `saved()`/`save_failed()`.
    `furusato_requested()`: the person lives outside the city (a ふるさと住民 is registered with
    their home municipality instead)."""

    save_requested = Signal(object, bool)
    furusato_requested = Signal()

    def __init__(self, prefill: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("はじめての方の受付"))
        self.setModal(True)
        self.inputs: dict[str, QLineEdit] = {}
        self.errors: dict[str, QLabel] = {}
        grid = line_edit_grid(FIELDS, self.inputs, self.errors)
        if prefill:
            from kyojo_desk.text.fold import is_kana_reading

            target = "family_reading" if is_kana_reading(prefill) else "family_name"
            self.inputs[target].setText(prefill)
        self.summary = error_label()
        buttons, self.save_button = save_and_cancel(
            self, self.tr("登録して受付する"), self.request_save
        )
        furusato = QPushButton(self.tr("市外にお住まいの方"), objectName="furusato")
        furusato.setToolTip(
            self.tr("市の外にお住まいの方を、お住まいの市区町村と いっしょに登録します")
        )
        furusato.clicked.connect(self.furusato_requested.emit)
        buttons.insertWidget(0, furusato)
        layout = QVBoxLayout(self)
        layout.addWidget(title_label(self.tr("はじめての方の受付")))
        layout.addWidget(
            hint_label(
                self.tr(
                    "お名前と ふりがな だけで受付できます。生年月日や同意書は あとで登録します。"
                )
            )
        )
        layout.addLayout(grid)
        layout.addWidget(self.summary)
        layout.addLayout(buttons)
        scale = max(1.0, self.fontMetrics().height() / 20)
        self.resize(int(600 * scale), self.sizeHint().height())

    def walk_in(self) -> WalkIn:
        return WalkIn(**{name: field.text().strip() for name, field in self.inputs.items()})

    def request_save(self, allow_duplicate: bool = False) -> None:
        self.clear_errors()
        self.save_requested.emit(self.walk_in(), allow_duplicate)

    def saved(self) -> None:
        self.close_saved()

    def save_failed(self, error: BaseException) -> None:
        show_form_error(
            error, parent=self, labels=self.errors, summary=self.summary, fields=self.inputs
        )

    def clear_errors(self) -> None:
        clear_form_error(labels=self.errors, summary=self.summary, fields=self.inputs)
