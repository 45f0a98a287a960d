"""共助の依頼: requests made for residents without a smartphone (送迎, 買い物, 話し相手 …),
followed from 受付中 to マッチ済み to 完了 (or 取り消し)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kyojo_desk.gui import prompts
from kyojo_desk.gui.context import Changes, DeskContext
from kyojo_desk.gui.errors import show_in_label
from kyojo_desk.gui.flow_layout import flow_row
from kyojo_desk.gui.i18n import shown, shown_day
from kyojo_desk.gui.ops import help_log as ops
from kyojo_desk.gui.ops import residents as resident_ops
from kyojo_desk.gui.widgets import DayInput, SavedNote, error_label, primary_button, title_label
from kyojo_desk.records.help import AID_KIND_LABELS, AID_STATUS_LABELS


class AidRequestsPage(QWidget):
    title = QT_TRANSLATE_NOOP("AidRequestsPage", "共助の依頼")

    def __init__(self, desk_context: DeskContext) -> None:
        super().__init__()
        self.desk_context = desk_context
        self.resident_id: str | None = None
        self.search = QLineEdit(objectName="aid_resident_search")
        self.search.setAccessibleName(self.tr("依頼した方をさがす"))
        self.search.setPlaceholderText(self.tr("依頼した方のお名前・ふりがな"))
        self.search.textChanged.connect(self._search)
        self.found = QComboBox(objectName="aid_resident")
        self.found.setAccessibleName(self.tr("依頼した方"))
        self.kind = QComboBox(objectName="aid_kind")
        self.kind.setAccessibleName(self.tr("依頼の種類"))
        for value, label in AID_KIND_LABELS.items():
            label = shown(label)
            self.kind.addItem(label, value)
        self.needed_by = DayInput("needed_by", self.tr("例：あした、来週の火曜、12/1"))
        self.needed_by.edit.setAccessibleName(self.tr("いつまでに"))
        self.details = QLineEdit(objectName="details")
        self.details.setAccessibleName(self.tr("くわしい内容"))
        self.details.setPlaceholderText(self.tr("例：病院への送迎、10時に家の前"))
        self.error = error_label()
        self.saved_note = SavedNote()
        create = primary_button(self.tr("依頼を受け付ける"))
        create.setObjectName("create_aid")
        create.clicked.connect(self.create)
        self.list = QListWidget(objectName="aid_list")
        self.list.setAccessibleName(self.tr("受付中とマッチ済みの依頼"))
        self.volunteer = QComboBox(objectName="aid_volunteer")
        self.volunteer.setAccessibleName(self.tr("手伝うボランティア"))
        match = QPushButton(self.tr("この人とマッチ"), objectName="match")
        match.clicked.connect(self.match)
        done = QPushButton(self.tr("完了"), objectName="done")
        done.clicked.connect(lambda: self.close_selected("done"))
        cancel = QPushButton(self.tr("取り消し"), objectName="cancel")
        cancel.clicked.connect(lambda: self.close_selected("cancelled"))

        # Each field with its name beside it: a placeholder disappears as soon as one types.
        form = QGridLayout()
        form.addWidget(QLabel(self.tr("依頼した方")), 0, 0)
        form.addWidget(self.search, 0, 1)
        form.addWidget(self.found, 0, 2)
        form.addWidget(QLabel(self.tr("依頼の種類")), 1, 0)
        form.addWidget(self.kind, 1, 1)
        form.addWidget(QLabel(self.tr("いつまでに")), 2, 0, Qt.AlignmentFlag.AlignTop)
        form.addWidget(self.needed_by, 2, 1)
        form.addWidget(QLabel(self.tr("くわしい内容")), 3, 0)
        form.addWidget(self.details, 3, 1, 1, 2)
        form.addWidget(create, 4, 2)
        form.setColumnStretch(1, 1)
        form.setColumnStretch(2, 1)
        actions = QHBoxLayout()
        actions.addWidget(QLabel(self.tr("手伝う人")))
        actions.addWidget(self.volunteer, 2)
        actions.addWidget(match)
        closing = flow_row(done, cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(title_label(self.tr(self.title)))
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.saved_note)
        layout.addWidget(self.list, 1)
        layout.addLayout(actions)
        layout.addLayout(closing)
        desk_context.changes_applied.connect(self._changes_applied)
        self.reload()

    def focus_first(self) -> None:
        self.search.setFocus()

    def _search(self, text: str) -> None:
        if not text.strip():
            self.found.clear()
            return

        def found(residents) -> None:
            self.found.clear()
            for resident in residents[:20]:
                self.found.addItem(
                    self.tr("{full_name}（{full_reading}）").format(
                        full_name=resident.full_name, full_reading=resident.full_reading
                    ),
                    resident.id,
                )

        resident_ops.search_residents(parent=self, query=text, limit=20).success(
            found
        ).run_in_background()

    def reload(self) -> None:
        ops.load_aid_requests(parent=self).success(self._show).run_in_background()

    def _show(self, result) -> None:
        requests, names, volunteers = result
        self.list.clear()
        for request in requests:
            helper = (
                volunteers.get(request.matched_volunteer_id)
                or names.get(request.matched_resident_id)
                or ""
            )
            when = (
                self.tr("{day}までに").format(
                    day=shown_day(dt.date.fromisoformat(request.needed_by))
                )
                if request.needed_by
                else self.tr("期限なし")
            )
            text = self.tr("【{value}】{value2}　{value3}　{when}　{details}").format(
                value=shown(AID_STATUS_LABELS[request.status]),
                value2=shown(AID_KIND_LABELS.get(request.kind, request.kind)),
                value3=names.get(request.resident_id, ""),
                when=when,
                details=request.details,
            ) + (self.tr("　→ {helper}").format(helper=helper) if helper else "")
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, request.id)
            self.list.addItem(item)
        current = self.volunteer.currentData()
        self.volunteer.clear()
        for volunteer_id, name in volunteers.items():
            self.volunteer.addItem(name, volunteer_id)
        if current:
            self.volunteer.setCurrentIndex(max(0, self.volunteer.findData(current)))

    def _failed(self, error: BaseException) -> None:
        show_in_label(self.error, error, self)

    def unsaved_input(self) -> bool:
        """Something typed for a new request that closing the window would lose."""
        return any(field.text().strip() for field in (self.search, self.needed_by, self.details))

    def create(self) -> None:
        self.error.hide()
        values = {
            "resident_id": self.found.currentData(),
            "kind": self.kind.currentData(),
            "needed_by": self.needed_by.text().strip(),
            "details": self.details.text(),
        }

        def created(_request) -> None:
            self.search.clear()
            self.needed_by.clear()
            self.details.clear()
            self.saved_note.show_for_a_moment(self.tr("依頼を受け付けました。"))

        ops.create_aid_request(parent=self, values=values).success(created).failure(
            self._failed
        ).run_in_background()

    def _selected_id(self) -> str | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def _selected_or_explain(self) -> str | None:
        """The chosen request, or None after saying (beside the list) that one must be chosen."""
        self.error.hide()
        request_id = self._selected_id()
        if request_id is None:
            self.error.setText(self.tr("先に、一覧から依頼を選んでください。"))
            self.error.show()
        return request_id

    def match(self) -> None:
        request_id = self._selected_or_explain()
        if request_id is None:
            return
        if not self.volunteer.currentData():
            self.error.setText(self.tr("手伝う人を選んでください。"))
            self.error.show()
            return
        ops.match_aid_request(
            parent=self, request_id=request_id, volunteer_id=self.volunteer.currentData()
        ).success(
            lambda _request: self.saved_note.show_for_a_moment(self.tr("マッチしました。"))
        ).failure(self._failed).run_in_background()

    def close_selected(self, status: str) -> None:
        request_id = self._selected_or_explain()
        if request_id is None:
            return
        question = (
            self.tr("この依頼を「完了」にしますか。")
            if status == "done"
            else self.tr("この依頼を取り消しますか。")
        )
        if not prompts.ask_yes_no(
            self, self.tr("共助の依頼"), f"{question}\n\n{self.list.currentItem().text()}"
        ):
            return
        done_text = self.tr("完了にしました。") if status == "done" else self.tr("取り消しました。")
        ops.close_aid_request(parent=self, request_id=request_id, status=status).success(
            lambda _request: self.saved_note.show_for_a_moment(done_text)
        ).failure(self._failed).run_in_background()

    def _changes_applied(self, changes: Changes) -> None:
        if changes.touches("aid_requests", "volunteers", "residents"):
            self.reload()
