"""協力団体: the partner organisations whose projects the city counts as 担い手活動 (pattern ②:
自治会, 地域運営組織, 消防団, NPO …). An event names one of them as who designated it."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from kyojo_desk.gui.context import Changes, DeskContext
from kyojo_desk.gui.errors import show_in_label
from kyojo_desk.gui.flow_layout import flow_row
from kyojo_desk.gui.i18n import shown
from kyojo_desk.gui.ops import ninaite as ops
from kyojo_desk.gui.widgets import error_label, hint_label, primary_button, title_label
from kyojo_desk.records.ninaite import ORGANISATION_KIND_LABELS, Organisation


class OrganisationsPage(QWidget):
    title = QT_TRANSLATE_NOOP("OrganisationsPage", "協力団体")

    def __init__(self, desk_context: DeskContext) -> None:
        super().__init__()
        self.desk_context = desk_context
        layout = QVBoxLayout(self)
        layout.addWidget(title_label(self.tr(self.title)))
        layout.addWidget(
            hint_label(
                self.tr(
                    "市が担い手活動として認める活動を行う団体です。行事を作るときに、"
                    "どの団体が指定した活動かを選べます。"
                )
            )
        )
        layout.addLayout(self._build_form())
        self.error = error_label()
        layout.addWidget(self.error)
        self.list = QListWidget(objectName="organisation_list")
        self.list.setAccessibleName(self.tr("協力団体の一覧"))
        # Long names wrap instead of widening the list (200 % text).
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout.addWidget(self.list, 1)
        desk_context.changes_applied.connect(self._changes_applied)
        self.reload()

    def _build_form(self) -> QHBoxLayout:
        self.name = QLineEdit(objectName="organisation_name")
        self.name.setAccessibleName(self.tr("団体の名前"))
        self.name.setPlaceholderText(self.tr("団体の名前（例：上野原東自治会）"))
        self.kind = QComboBox(objectName="organisation_kind")
        self.kind.setAccessibleName(self.tr("団体の種類"))
        for kind, label in ORGANISATION_KIND_LABELS.items():
            self.kind.addItem(shown(label), kind.value)
        self.contact = QLineEdit(objectName="organisation_contact")
        self.contact.setAccessibleName(self.tr("連絡先"))
        self.contact.setPlaceholderText(self.tr("連絡先（任意）"))
        add = primary_button(self.tr("団体を登録"))
        add.setObjectName("add_organisation")
        add.clicked.connect(self.add)
        form = QVBoxLayout()
        names = QHBoxLayout()
        names.addWidget(self.name, 2)
        names.addWidget(self.contact, 1)
        form.addLayout(names)
        form.addLayout(flow_row(self.kind, add))
        wrapper = QHBoxLayout()
        wrapper.addLayout(form, 1)
        return wrapper

    def focus_first(self) -> None:
        self.name.setFocus()

    def reload(self) -> None:
        ops.list_organisations(parent=self).success(self._show).run_in_background()

    def _show(self, organisations: list[Organisation]) -> None:
        self.list.clear()
        for organisation in organisations:
            contact = (
                self.tr("　連絡先：{contact}").format(contact=organisation.contact)
                if organisation.contact
                else ""
            )
            self.list.addItem(
                self.tr("{name}（{kind}）{contact}").format(
                    name=organisation.name, kind=shown(organisation.kind_label), contact=contact
                )
            )

    def unsaved_input(self) -> bool:
        """A new partner typed but not added, which closing the window would lose."""
        return bool(self.name.text().strip() or self.contact.text().strip())

    def add(self) -> None:
        self.error.hide()

        def added(_organisation: Organisation) -> None:
            self.name.clear()
            self.contact.clear()

        ops.add_organisation(
            parent=self,
            values={
                "name": self.name.text(),
                "kind": self.kind.currentData(),
                "contact": self.contact.text(),
            },
        ).success(added).failure(
            lambda error: show_in_label(self.error, error, self)
        ).run_in_background()

    def _changes_applied(self, changes: Changes) -> None:
        if changes.touches("organisations"):
            self.reload()
