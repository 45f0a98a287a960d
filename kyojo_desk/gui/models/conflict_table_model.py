"""Sync conflicts as rows: which record and field, the value kept and the other, desks, when."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from kyojo_desk.gui.ops.sync import ConflictRow

COL_RECORD, COL_FIELD, COL_KEPT, COL_KEPT_BY, COL_OTHER, COL_OTHER_BY = range(6)
HEADERS = ("記録", "項目", "いまの値", "入力した端末・日時", "もう一方の値", "入力した端末・日時")

# Labels for the fields people see most; any other field shows its name.
FIELD_LABELS = {
    "family_name": "姓",
    "given_name": "名",
    "family_reading": "せい(ふりがな)",
    "given_reading": "めい(ふりがな)",
    "birth_date": "生年月日",
    "phone": "電話",
    "district": "地区",
    "kind": "区分",
    "support_needs": "配慮",
    "smartphone": "スマホ",
    "notes": "メモ",
    "deleted": "削除",
    "name": "名前",
    "reading": "ふりがな",
}


def value_text(value: Any) -> str:
    if value is None or value == "":
        return "(空欄)"
    return str(value)


def desk_and_time(name: str, desk_id: str, wall_ms: int) -> str:
    when = dt.datetime.fromtimestamp(wall_ms / 1000).astimezone() if wall_ms else None
    label = name or desk_id[:8]
    return f"{label}\n{when.month}月{when.day}日 {when:%H:%M}" if when else label


class ConflictTableModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self.rows: list[ConflictRow] = []

    def set_rows(self, rows: list[ConflictRow]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> ConflictRow:
        return self.rows[row]

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        item = self.rows[index.row()]
        conflict = item.conflict
        column = index.column()
        if column == COL_RECORD:
            return item.record
        if column == COL_FIELD:
            return FIELD_LABELS.get(conflict.field, conflict.field)
        if column == COL_KEPT:
            return value_text(conflict.kept_value)
        if column == COL_KEPT_BY:
            return desk_and_time(conflict.kept_desk_name, conflict.kept_desk, conflict.kept_at_ms)
        if column == COL_OTHER:
            return value_text(conflict.lost_value)
        if column == COL_OTHER_BY:
            return desk_and_time(conflict.lost_desk_name, conflict.lost_desk, conflict.lost_at_ms)
        return None
