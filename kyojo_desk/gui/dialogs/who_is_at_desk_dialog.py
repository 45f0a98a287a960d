"""「受付をしている人」: a volunteer picks themself once per session; what they record carries
their id."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kyojo_desk.gui.i18n import shown
from kyojo_desk.gui.widgets import hint_label, primary_button, title_label
from kyojo_desk.records.help import ROLE_LABELS, Volunteer


class WhoIsAtDeskDialog(QDialog):
    def __init__(self, volunteers: list[Volunteer], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("受付をしている人"))
        self.list = QListWidget(objectName="volunteers")
        self.list.setAccessibleName(self.tr("ボランティアの一覧"))
        # Long names and roles wrap onto a second line instead of scrolling sideways.
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for volunteer in volunteers:
            roles = self.tr("・").join(shown(ROLE_LABELS.get(r, r)) for r in volunteer.roles)
            item = QListWidgetItem(
                self.tr("{name}（{reading}）　{roles}").format(
                    name=volunteer.name, reading=volunteer.reading, roles=roles
                )
            )
            item.setData(256, volunteer)
            self.list.addItem(item)
        if volunteers:
            self.list.setCurrentRow(0)
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        ok = primary_button(self.tr("わたしです"))
        ok.setObjectName("ok")
        ok.clicked.connect(self.accept)
        cancel = QPushButton(self.tr("やめる"))
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(ok)
        layout = QVBoxLayout(self)
        layout.addWidget(title_label(self.tr("受付をしているのは、どなたですか")))
        layout.addWidget(hint_label(self.tr("ご自分の名前を選んでください。記録に残ります。")))
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self.resize(520, 480)

    def chosen(self) -> Volunteer | None:
        item = self.list.currentItem()
        return item.data(256) if item else None
