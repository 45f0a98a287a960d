"""フォローの予定: follow-ups due today and overdue; close them when done."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kyojo_desk.gui.context import Changes, DeskContext
from kyojo_desk.gui.i18n import shown, shown_day
from kyojo_desk.gui.ops import help_log as ops
from kyojo_desk.gui.widgets import hint_label, primary_button, title_label
from kyojo_desk.records.help import OUTCOME_LABELS


class FollowUpsPage(QWidget):
    title = QT_TRANSLATE_NOOP("FollowUpsPage", "フォローの予定")

    def __init__(self, desk_context: DeskContext) -> None:
        super().__init__()
        self.desk_context = desk_context
        self.list = QListWidget(objectName="follow_ups")
        self.list.setAccessibleName(self.tr("今日まで・期限切れのフォロー"))
        self.summary = hint_label("")
        self.close_button = primary_button(self.tr("終わった（フォロー済み）"))
        self.close_button.setObjectName("close_follow_up")
        self.close_button.clicked.connect(self.close_selected)
        refresh = QPushButton(self.tr("最新にする"))
        refresh.clicked.connect(self.reload)
        buttons = QHBoxLayout()
        buttons.addWidget(self.summary, 1)
        buttons.addWidget(refresh)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(title_label(self.tr(self.title)))
        layout.addWidget(
            hint_label(self.tr("「次回つづき」「専門の窓口へ」の方で、予定日が今日までの方です。"))
        )
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        desk_context.changes_applied.connect(self._changes_applied)
        self.reload()

    def focus_first(self) -> None:
        self.list.setFocus()

    def reload(self) -> None:
        ops.load_follow_ups(parent=self).success(self._show).run_in_background()

    def _show(self, items) -> None:
        self.list.clear()
        today = dt.date.today().isoformat()
        overdue = 0
        for session, name, phone in items:
            late = session.follow_up_due < today
            overdue += late
            mark = self.tr("！期限切れ") if late else self.tr("今日")
            text = self.tr("{mark}　{follow_up_due}　{name}　{value}（{value2}）").format(
                mark=mark,
                follow_up_due=shown_day(dt.date.fromisoformat(session.follow_up_due)),
                name=name,
                value=self.tr("・").join(shown(topic) for topic in session.topics),
                value2=shown(OUTCOME_LABELS.get(session.outcome, "")),
            )
            text += "\n　" + (
                self.tr("電話 {phone}").format(phone=phone)
                if phone
                else self.tr("電話番号の登録がありません")
            )
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, session.id)
            self.list.addItem(item)
        self.summary.setText(
            self.tr("{value}件（うち期限切れ {overdue}件）").format(
                value=len(items), overdue=overdue
            )
            if items
            else self.tr("今日までのフォローはありません。")
        )
        self.close_button.setEnabled(bool(items))

    def close_selected(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        ops.close_follow_up(
            parent=self, session_id=item.data(Qt.ItemDataRole.UserRole)
        ).run_in_background()

    def _changes_applied(self, changes: Changes) -> None:
        if changes.touches("help_sessions", "residents"):
            self.reload()
