"""A QR code or barcode nobody has yet (for example from the national registration app): find
the person it belongs to and link it, or register them as a ふるさと住民. Afterwards the code
checks them in at once."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kyojo_desk.gui.errors import show_in_label
from kyojo_desk.gui.widgets import error_label, hint_label, primary_button, title_label
from kyojo_desk.records.resident import Resident

SHOWN_CODE_LENGTH = 40


class LinkCodeDialog(QDialog):
    """Emits `link_requested(resident_id)` or `register_requested()`; the page searches with
    the `search` callback (text, answer) and answers with `linked()` or `link_failed(error)`."""

    link_requested = Signal(str)
    register_requested = Signal()

    def __init__(
        self,
        code: str,
        search: Callable[[str, Callable[[list[Resident]], None]], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("コードを結びつける"))
        self.setModal(True)
        self.code = code
        self._search = search
        layout = QVBoxLayout(self)
        layout.addWidget(title_label(self.tr("はじめて見るコードです")))
        shown_code = code if len(code) <= SHOWN_CODE_LENGTH else code[:SHOWN_CODE_LENGTH] + "…"
        code_label = QLabel(self.tr("コード：{code}").format(code=shown_code))
        code_label.setTextFormat(Qt.TextFormat.PlainText)
        code_label.setWordWrap(True)
        layout.addWidget(code_label)
        layout.addWidget(
            hint_label(
                self.tr(
                    "この方のお名前をさがして結びつけると、次からはこのコードで受付できます。"
                    "見つからないときは、ふるさと住民として登録します。"
                )
            )
        )
        self.search_box = QLineEdit(objectName="link_search")
        self.search_box.setPlaceholderText(self.tr("名前・ふりがなでさがす"))
        self.search_box.setAccessibleName(self.tr("名前でさがす"))
        self.search_box.textChanged.connect(self.search)
        self.results = QListWidget(objectName="link_results")
        self.results.setAccessibleName(self.tr("見つかった方"))
        self.results.itemDoubleClicked.connect(lambda _item: self.request_link())
        self.error = error_label()
        layout.addWidget(self.search_box)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.error)
        link = primary_button(self.tr("この方に結びつけて受付"))
        link.setObjectName("link")
        link.clicked.connect(self.request_link)
        register = QPushButton(self.tr("ふるさと住民として登録"), objectName="register_furusato")
        register.clicked.connect(self.register_requested.emit)
        cancel = QPushButton(self.tr("やめる"))
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(register)
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(link)
        layout.addLayout(buttons)
        scale = max(1.0, self.fontMetrics().height() / 20)
        self.resize(int(600 * scale), int(480 * scale))

    def search(self, text: str) -> None:
        if not text.strip():
            self.results.clear()
            return

        def found(residents: list[Resident]) -> None:
            if self.search_box.text() != text:
                return  # a later search is on its way
            self.results.clear()
            for resident in residents:
                item = QListWidgetItem(
                    self.tr("{name}（{reading}）").format(
                        name=resident.full_name, reading=resident.full_reading
                    )
                )
                item.setData(Qt.ItemDataRole.UserRole, resident.id)
                self.results.addItem(item)
            if residents:
                self.results.setCurrentRow(0)

        self._search(text, found)

    def request_link(self) -> None:
        self.error.hide()
        item = self.results.currentItem()
        if item is None:
            self.error.setText(self.tr("お名前をさがして、一覧から選んでください。"))
            self.error.show()
            return
        self.link_requested.emit(str(item.data(Qt.ItemDataRole.UserRole)))

    def linked(self) -> None:
        self.accept()

    def link_failed(self, error: BaseException) -> None:
        show_in_label(self.error, error, self)
