"""The large, calm form to register or edit a resident, with consent when registering."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kyojo_desk.errors import DuplicateSuspected, KyojoError, ValidationError
from kyojo_desk.gui.errors import error_text
from kyojo_desk.gui.flow_layout import flow_row
from kyojo_desk.gui.i18n import shown, shown_date
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
    CURRENT_CONSENT_VERSION,
    KIND_LABELS,
    SMARTPHONE_LABELS,
    SUPPORT_NEED_LABELS,
    Consent,
    ConsentScope,
    Resident,
)
from kyojo_desk.store.districts import District
from kyojo_desk.text.wareki import format_wareki, parse_birth_date
from kyojo_desk.texts import N_

TEXT_FIELDS = (
    (
        "family_name",
        N_("姓（みょうじ）"),
        N_("例：高橋"),
    ),
    (
        "given_name",
        N_("名（なまえ）"),
        N_("例：花子"),
    ),
    (
        "family_reading",
        N_("せい（ふりがな）"),
        N_("例：たかはし"),
    ),
    (
        "given_reading",
        N_("めい（ふりがな）"),
        N_("例：はなこ"),
    ),
    (
        "birth_date",
        N_("生年月日"),
        N_("例：昭和23年3月2日、S23.3.2、1948-03-02"),
    ),
    (
        "phone",
        N_("電話番号"),
        N_("例：0554-62-1111"),
    ),
    (
        "phone2",
        N_("もう一つの電話番号（携帯など）"),
        N_("例：090-1234-5678"),
    ),
)


class ResidentDialog(FormDialog):
    """Register (no `resident`) or edit a resident.

    Emits `save_requested(values, consent_or_None, allow_duplicate)`; the page runs the operation
    and answers with `saved()` or `save_failed(error)`. `open_existing_requested(resident_id)` asks
    the page to open a likely duplicate instead. An existing person's consent is shown with a
    button that emits `consent_change_requested`; the page answers with `show_consent(scopes)`.
    """

    save_requested = Signal(object, object, bool)
    open_existing_requested = Signal(str)
    consent_change_requested = Signal()  # 同意の項目を変える (the page asks for the PIN)

    def __init__(
        self,
        districts: list[District],
        resident: Resident | None = None,
        witness: str = "",
        parent: QWidget | None = None,
        consent_scopes: Iterable[str] = (),
    ) -> None:
        super().__init__(parent)
        self.resident = resident
        self.setWindowTitle(
            self.tr("住民の登録") if resident is None else self.tr("住民の情報を直す")
        )
        self.setModal(True)
        self.inputs: dict[str, QLineEdit] = {}
        self.errors: dict[str, QLabel] = {}

        form = QWidget()
        grid = QGridLayout(form)
        grid.setColumnStretch(1, 1)
        row = 0
        for name, label, placeholder in TEXT_FIELDS:
            label, placeholder = shown(label), shown(placeholder)
            edit = QLineEdit()
            edit.setPlaceholderText(placeholder)
            edit.setAccessibleName(label)
            edit.setObjectName(name)
            self.inputs[name] = edit
            caption = QLabel(label)
            caption.setBuddy(edit)
            grid.addWidget(caption, row, 0)
            grid.addWidget(edit, row, 1)
            row += 1
            self.errors[name] = error_label()
            grid.addWidget(self.errors[name], row, 1)
            row += 1
            if name == "birth_date":
                self.birth_preview = hint_label("")
                grid.addWidget(self.birth_preview, row, 1)
                row += 1
                edit.textChanged.connect(self._preview_birth_date)

        self.district = QComboBox(objectName="district")
        self.district.setAccessibleName(self.tr("地区"))
        self.district.addItem(self.tr("（選んでください）"), "")
        for district in districts:
            self.district.addItem(district.name, district.code)
        grid.addWidget(QLabel(self.tr("地区")), row, 0)
        grid.addWidget(self.district, row, 1)
        row += 1
        self.errors["district"] = error_label()
        grid.addWidget(self.errors["district"], row, 1)
        row += 1

        self.kind_group = QButtonGroup(self)
        # A flowing row: the choices go onto a second line rather than past the right edge
        # when the language is longer or the text larger.
        kind_row = flow_row()
        for value, label in KIND_LABELS.items():
            label = shown(label)
            button = QRadioButton(label)
            button.setProperty("value", value.value)
            self.kind_group.addButton(button)
            kind_row.addWidget(button)
        self.kind_group.buttons()[0].setChecked(True)
        grid.addWidget(QLabel(self.tr("区分")), row, 0)
        grid.addLayout(kind_row, row, 1)
        row += 1

        self.needs: dict[str, QCheckBox] = {}
        needs_row = QGridLayout()  # two columns, so large text does not push the form wider
        for index, (value, label) in enumerate(SUPPORT_NEED_LABELS.items()):
            label = shown(label)
            box = QCheckBox(label)
            box.setObjectName(f"need_{value.value}")
            self.needs[value.value] = box
            needs_row.addWidget(box, index // 2, index % 2)
        grid.addWidget(QLabel(self.tr("必要な配慮")), row, 0)
        grid.addLayout(needs_row, row, 1)
        row += 1

        self.smartphone = QComboBox(objectName="smartphone")
        self.smartphone.setAccessibleName(self.tr("スマートフォン"))
        for value, label in SMARTPHONE_LABELS.items():
            label = shown(label)
            self.smartphone.addItem(label, value.value)
        grid.addWidget(QLabel(self.tr("スマートフォン")), row, 0)
        grid.addWidget(self.smartphone, row, 1)
        row += 1

        self.notes = QPlainTextEdit(objectName="notes")
        self.notes.setAccessibleName(self.tr("メモ"))
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(self.fontMetrics().height() * 4)
        grid.addWidget(QLabel(self.tr("メモ")), row, 0)
        grid.addWidget(self.notes, row, 1)
        row += 1

        # Registering: the consent to record. An existing person: say plainly whether their
        # record is shared with the city and what else they agreed to, with the coordinator's
        # control to change it. Either is placed in _place_consent: beside the form when the
        # screen allows, so it is seen without scrolling.
        self.consent_box = self._build_consent(witness)
        self.consent_summary = self._build_consent_summary()
        self.show_consent(consent_scopes)
        self.consent_side = self.consent_box if resident is None else self.consent_summary
        for unused in (self.consent_box, self.consent_summary):
            if unused is not self.consent_side:
                unused.setParent(form)
                unused.hide()
        consent_row = row
        row += 1
        grid.setRowStretch(row, 1)  # spare height goes below the form, not between its rows

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(form)

        self.summary = error_label()
        self.save_button = primary_button(
            self.tr("登録する") if resident is None else self.tr("保存する")
        )
        self.save_button.setObjectName("save")
        self.save_button.clicked.connect(self.request_save)
        self.save_button.setDefault(True)
        cancel = QPushButton(self.tr("やめる"))
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.summary, 1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.save_button)

        layout = QVBoxLayout(self)
        layout.addWidget(title_label(self.windowTitle()))
        self.body = QHBoxLayout()
        self.body.addWidget(scroll, 1)
        layout.addLayout(self.body, 1)
        layout.addLayout(buttons)
        self._place_consent(grid, consent_row)
        self._size_for_text()
        if resident is not None:
            self._fill(resident)
        self.inputs["family_name"].setFocus()

    def _place_consent(self, grid: QGridLayout, row: int) -> None:
        """The consent (registering: required 「記録を残す」 and who checked the paper; editing:
        what the person agreed to and the button to change it) beside the form when the screen
        is wide enough for both, so it is seen without scrolling; below the form, inside its
        scroll area, when not (200 % text)."""
        screen = self.screen().availableGeometry() if self.screen() else None
        for widget in (grid.parentWidget(), self.consent_side):
            widget.ensurePolished()  # measured with the style sheet's fonts and padding
            for child in widget.findChildren(QWidget):
                child.ensurePolished()
        form_width = grid.parentWidget().minimumSizeHint().width()
        consent_width = self.consent_side.minimumSizeHint().width()
        beside = (
            screen is not None
            # room for the scroll bar, the spacing and the dialog's margins
            and form_width + consent_width + self.fontMetrics().height() * 6 <= screen.width()
        )
        if beside:
            if self.consent_side is self.consent_summary:
                # A few short lines, on one line each where the screen has room to spare; never
                # wider than that, or the form would have to scroll sideways.
                room = screen.width() - form_width - self.fontMetrics().height() * 6
                widest = min(self.fontMetrics().height() * 20, room)
                self.consent_side.setMaximumWidth(max(consent_width, widest))
            column = QVBoxLayout()
            column.addWidget(self.consent_side)
            column.addStretch(1)
            self.body.addLayout(column)
        else:
            grid.addWidget(self.consent_side, row, 0, 1, 2)

    def _size_for_text(self) -> None:
        """Grow with the text size, within the screen."""
        scale = max(1.0, self.fontMetrics().height() / 20)
        width, height = int(820 * scale), int(860 * scale)
        # Never narrower than the form with its scroll bar: it would scroll sideways.
        scroll = self.findChild(QScrollArea)
        if scroll is not None and scroll.widget() is not None:
            margins = self.layout().contentsMargins()
            needed = (
                scroll.widget().minimumSizeHint().width()
                + scroll.verticalScrollBar().sizeHint().width()
                + scroll.frameWidth() * 2
                + margins.left()
                + margins.right()
            )
            if self.consent_side.parentWidget() is self:  # beside the form
                side = self.consent_side.sizeHint().width()
                side = min(side, self.consent_side.maximumWidth()) + self.body.spacing()
                needed += side
                # Registering, the form and the consent share the width; editing, the form
                # keeps its usual width and the short summary goes beside it.
                width = needed if self.resident is None else width + side
            width = max(width, needed)
        screen = self.screen().availableGeometry() if self.screen() else None
        if screen is not None:
            width, height = min(width, screen.width()), min(height, screen.height())
        self.resize(width, height)

    def _build_consent_summary(self) -> QWidget:
        box = QGroupBox(self.tr("同意"), objectName="consent_summary")
        # Wide enough that the list of scopes wraps after a phrase, not after a word.
        box.setMinimumWidth(self.fontMetrics().height() * 13)
        column = QVBoxLayout(box)
        self.sharing = QLabel(objectName="sharing")
        self.sharing.setProperty("role", "title")
        self.sharing.setWordWrap(True)
        column.addWidget(self.sharing)
        self.scopes_given = QLabel(objectName="scopes_given")
        self.scopes_given.setWordWrap(True)
        column.addWidget(self.scopes_given)
        self.change_consent_button = QPushButton(
            self.tr("同意の項目を変える…"), objectName="change_consent"
        )
        self.change_consent_button.setToolTip(
            self.tr("市と共有するなどの同意を加える・やめる（コーディネーター用）")
        )
        self.change_consent_button.clicked.connect(self.consent_change_requested)
        button_row = QHBoxLayout()
        button_row.addWidget(self.change_consent_button)
        button_row.addStretch(1)
        column.addLayout(button_row)
        return box

    def show_consent(self, scopes: Iterable[str]) -> None:
        """The scopes the person has agreed to now (e.g. after a change)."""
        self.consent_scopes = [
            scope for scope in (s.value for s in ConsentScope) if scope in scopes
        ]
        self.sharing.setText(
            self.tr("市と共有：している（同意あり）")
            if ConsentScope.SHARE_WITH_CITY.value in self.consent_scopes
            else self.tr("市と共有：していない（同意なし）")
        )
        labels = self.tr("、").join(
            shown(CONSENT_SCOPE_LABELS[ConsentScope(scope)]) for scope in self.consent_scopes
        )
        self.scopes_given.setText(
            self.tr("同意している項目：{labels}").format(labels=labels)
            if labels
            else self.tr("同意の記録がありません。")
        )

    def _build_consent(self, witness: str) -> QGroupBox:
        box = QGroupBox(self.tr("同意（紙の同意書を確認してください）"))
        layout = QGridLayout(box)
        self.scopes: dict[str, QCheckBox] = {}
        for index, (scope, label) in enumerate(CONSENT_SCOPE_LABELS.items()):
            label = shown(label)
            check = QCheckBox(label)
            check.setObjectName(f"scope_{scope.value}")
            self.scopes[scope.value] = check
            layout.addWidget(check, index // 2, index % 2)
        self.errors["consent_scopes"] = error_label()
        layout.addWidget(self.errors["consent_scopes"], 2, 0, 1, 2)
        self.method_group = QButtonGroup(self)
        method_row = flow_row()
        for value, label in CONSENT_METHOD_LABELS.items():
            label = shown(label)
            button = QRadioButton(label)
            button.setProperty("value", value.value)
            self.method_group.addButton(button)
            method_row.addWidget(button)
        self.method_group.buttons()[0].setChecked(True)
        layout.addWidget(QLabel(self.tr("同意の方法")), 3, 0)
        layout.addLayout(method_row, 3, 1)
        self.errors["consent_method"] = error_label()
        layout.addWidget(self.errors["consent_method"], 4, 1)
        self.witness = QLineEdit(witness, objectName="witness")
        self.witness.setAccessibleName(self.tr("同意を確認した人"))
        layout.addWidget(QLabel(self.tr("確認した人")), 5, 0)
        layout.addWidget(self.witness, 5, 1)
        self.errors["consent_witness"] = error_label()
        layout.addWidget(self.errors["consent_witness"], 6, 1)
        self.consent_version = QComboBox(objectName="consent_version")
        self.consent_version.addItem(
            self.tr("同意書 {CURRENT_CONSENT_VERSION} 版").format(
                CURRENT_CONSENT_VERSION=CURRENT_CONSENT_VERSION
            ),
            CURRENT_CONSENT_VERSION,
        )
        layout.addWidget(QLabel(self.tr("同意書の版")), 7, 0)
        layout.addWidget(self.consent_version, 7, 1)
        return box

    def _fill(self, resident: Resident) -> None:
        for name in (
            "family_name",
            "given_name",
            "family_reading",
            "given_reading",
            "phone",
            "phone2",
        ):
            self.inputs[name].setText(getattr(resident, name))
        # Shown in 和暦, as the person says it; the form accepts it back unchanged.
        self.inputs["birth_date"].setText(format_wareki(resident.birth))
        index = self.district.findData(resident.district)
        self.district.setCurrentIndex(max(0, index))
        for button in self.kind_group.buttons():
            button.setChecked(button.property("value") == resident.kind)
        for value, box in self.needs.items():
            box.setChecked(value in resident.support_needs)
        self.smartphone.setCurrentIndex(max(0, self.smartphone.findData(resident.smartphone)))
        self.notes.setPlainText(resident.notes)

    def _preview_birth_date(self, text: str) -> None:
        try:
            parsed = parse_birth_date(text)
        except ValidationError:
            self.birth_preview.setText("")
            return
        self.birth_preview.setText(f"→ {shown_date(parsed)}" if parsed else "")

    def values(self) -> dict[str, Any]:
        """The typed values, as the Store's validation expects them."""
        values: dict[str, Any] = {name: edit.text() for name, edit in self.inputs.items()}
        values["district"] = self.district.currentData() or ""
        checked_kind = self.kind_group.checkedButton()
        values["kind"] = checked_kind.property("value") if checked_kind else ""
        values["support_needs"] = [value for value, box in self.needs.items() if box.isChecked()]
        values["smartphone"] = self.smartphone.currentData()
        values["notes"] = self.notes.toPlainText()
        return values

    def consent(self) -> Consent | None:
        if self.resident is not None:
            return None
        method = self.method_group.checkedButton()
        return Consent(
            scopes=[scope for scope, box in self.scopes.items() if box.isChecked()],
            method=method.property("value") if method else "",
            witnessed_by=self.witness.text().strip(),
            text_version=self.consent_version.currentData(),
        )

    def request_save(self, allow_duplicate: bool = False) -> None:
        self.clear_errors()
        self.save_button.setEnabled(False)
        self.save_requested.emit(self.values(), self.consent(), bool(allow_duplicate))

    # -- answers from the page ---------------------------------------------------------------

    def saved(self) -> None:
        self.save_button.setEnabled(True)
        self.close_saved()

    def save_failed(self, error: BaseException) -> None:
        self.save_button.setEnabled(True)
        if isinstance(error, DuplicateSuspected):
            self._ask_about_duplicates(error)
        elif isinstance(error, ValidationError):
            self.show_errors(error.errors)
        elif isinstance(error, KyojoError):
            self.summary.setText(error_text(error))
            self.summary.show()
        else:
            from kyojo_desk.gui.errors import show_error

            show_error(parent=self, error=error)

    def clear_errors(self) -> None:
        for name, label in self.errors.items():
            label.clear()
            label.hide()
            widget = self.inputs.get(name) or (self.district if name == "district" else None)
            if widget is not None:
                mark_invalid(widget, False)
        self.summary.hide()

    def show_errors(self, errors: dict[str, str]) -> None:
        """Each message beside its field; the first wrong field gets the focus."""
        first: QWidget | None = None
        for name, message in errors.items():
            label = self.errors.get(name)
            if label is None:
                continue
            label.setText(shown(message))
            label.show()
            widget = self.inputs.get(name) or (self.district if name == "district" else None)
            if widget is None and name.startswith("consent"):
                widget = self.witness if name == "consent_witness" else self.scopes["keep_record"]
            if widget is not None:
                if isinstance(widget, QLineEdit | QComboBox):
                    mark_invalid(widget, True)
                first = first or widget
        self.summary.setText(self.tr("赤い字のところを直してください。"))
        self.summary.show()
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)

    def _ask_about_duplicates(self, error: DuplicateSuspected) -> None:
        from kyojo_desk.gui.dialogs.duplicate_dialog import DuplicateDialog

        names = {
            self.district.itemData(index): self.district.itemText(index)
            for index in range(self.district.count())
            if self.district.itemData(index)
        }
        dialog = DuplicateDialog(error.matches, parent=self, district_names=names)
        choice = dialog.exec_choice()
        if choice == DuplicateDialog.OPEN_EXISTING and dialog.chosen_id:
            self.open_existing_requested.emit(dialog.chosen_id)
            self.close_without_asking()  # the person is already registered: nothing is lost
        elif choice == DuplicateDialog.REGISTER_ANYWAY:
            self.request_save(allow_duplicate=True)
