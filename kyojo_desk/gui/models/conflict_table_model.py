"""Sync conflicts as rows: which record and field, the value kept and the other, desks, when."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt

from kyojo_desk.gui.i18n import shown
from kyojo_desk.gui.models.row_table_model import RowTableModel
from kyojo_desk.gui.ops.sync import ConflictRow, SetAsideRow
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


# Why a change was refused or a pulled row kept aside, in plain words (reasons of the protocol
# and of the field types; any other shows as 「決まりに合わない値」).
REASON_LABELS = {
    "invalid_value": N_("値の形が決まりに合いません"),
    "unknown_table": N_("この版では扱えない種類の記録です"),
    "unknown_field": N_("この版では扱えない項目です"),
    "unknown_row": N_("サーバーにない記録への変更です"),
    "bad_stamp": N_("変更の日時が読み取れません"),
    "future_stamp": N_("変更の日時が先すぎます(パソコンの時計を確かめてください)"),
    "too_large": N_("大きすぎて送れません"),
    "bad_row_id": N_("記録の番号が正しくありません"),
    "malformed": N_("読み取れない形で届きました"),
    "too_long": N_("文字が多すぎます"),
}
OTHER_REASON = N_("決まりに合わない値です")
SET_ASIDE_KINDS = {
    "rejected": N_("送れなかった変更"),
    "quarantined": N_("受け取れなかった記録"),
}
COL_KIND, COL_ASIDE_RECORD, COL_ASIDE_FIELD, COL_REASON, COL_WHEN = range(5)


def reason_text(reason: str) -> str:
    return shown(REASON_LABELS.get(reason, OTHER_REASON))


class SetAsideTableModel(RowTableModel):
    """Changes the server refused and pulled rows this desk could not apply."""

    HEADERS = (N_("種類"), N_("記録"), N_("項目"), N_("理由"), N_("日時"))

    def set_rows(self, rows: list[SetAsideRow]) -> None:
        self.replace_rows(rows)

    def row_at(self, row: int) -> SetAsideRow:
        return self.rows[row]

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        item = self.rows[index.row()]
        column = index.column()
        if column == COL_KIND:
            return shown(SET_ASIDE_KINDS.get(item.kind, item.kind))
        if column == COL_ASIDE_RECORD:
            return item.record
        if column == COL_ASIDE_FIELD:
            return shown(FIELD_LABELS.get(item.field, item.field)) if item.field else ""
        if column == COL_REASON:
            return reason_text(item.reason)
        if column == COL_WHEN:
            moment = dt.datetime.fromisoformat(item.at)
            return QCoreApplication.translate(
                "conflict_table_model", "{month}月{day}日 {when:%H:%M}"
            ).format(month=moment.month, day=moment.day, when=moment)
        return None
