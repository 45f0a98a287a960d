"""Sync conflicts as rows: which record and field, the value kept and the other, desks, when."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt

from kyojo_desk.gui.i18n import shown
from kyojo_desk.gui.models.row_table_model import RowTableModel
from kyojo_desk.gui.ops.sync import ConflictRow
from kyojo_desk.texts import N_

COL_RECORD, COL_FIELD, COL_KEPT, COL_KEPT_BY, COL_OTHER, COL_OTHER_BY = range(6)
HEADERS = (
    N_("記録"),
    N_("項目"),
    N_("いまの値"),
    N_("入力した端末・日時"),
    N_("もう一方の値"),
    N_("入力した端末・日時"),
)

# Labels for the fields people see most; any other field shows its name.
FIELD_LABELS = {
    "family_name": N_("姓"),
    "given_name": N_("名"),
    "family_reading": N_("せい(ふりがな)"),
    "given_reading": N_("めい(ふりがな)"),
    "birth_date": N_("生年月日"),
    "phone": N_("電話"),
    "phone2": N_("電話（2つ目）"),
    "district": N_("地区"),
    "kind": N_("区分"),
    "support_needs": N_("配慮"),
    "smartphone": N_("スマホ"),
    "notes": N_("メモ"),
    "deleted": N_("削除"),
    "name": N_("名前"),
    "reading": N_("ふりがな"),
}


def value_text(value: Any) -> str:
    if value is None or value == "":
        return QCoreApplication.translate("conflict_table_model", "(空欄)")
    return str(value)


def desk_and_time(name: str, desk_id: str, wall_ms: int) -> str:
    when = dt.datetime.fromtimestamp(wall_ms / 1000).astimezone() if wall_ms else None
    label = name or desk_id[:8]
    return (
        QCoreApplication.translate(
            "conflict_table_model", "{label}\n{month}月{day}日 {when:%H:%M}"
        ).format(label=label, month=when.month, day=when.day, when=when)
        if when
        else label
    )


class ConflictTableModel(RowTableModel):
    HEADERS = HEADERS

    def set_rows(self, rows: list[ConflictRow]) -> None:
        self.replace_rows(rows)

    def row_at(self, row: int) -> ConflictRow:
        return self.rows[row]

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        item = self.rows[index.row()]
        conflict = item.conflict
        column = index.column()
        if column == COL_RECORD:
            return item.record
        if column == COL_FIELD:
            return shown(FIELD_LABELS.get(conflict.field, conflict.field))
        if column == COL_KEPT:
            return value_text(conflict.kept_value)
        if column == COL_KEPT_BY:
            return desk_and_time(conflict.kept_desk_name, conflict.kept_desk, conflict.kept_at_ms)
        if column == COL_OTHER:
            return value_text(conflict.lost_value)
        if column == COL_OTHER_BY:
            return desk_and_time(conflict.lost_desk_name, conflict.lost_desk, conflict.lost_at_ms)
        return None
