"""Residents as rows: name, reading, age, 和暦 birth date, district, phone, shared with the city."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt

from kyojo_desk.gui.i18n import shown_date
from kyojo_desk.gui.models.row_table_model import RowTableModel
from kyojo_desk.records.resident import Resident
from kyojo_desk.texts import N_

COL_NAME, COL_READING, COL_AGE, COL_BIRTH, COL_DISTRICT, COL_PHONE, COL_SHARED = range(7)
HEADERS = (
    N_("お名前"),
    N_("ふりがな"),
    N_("年齢"),
    N_("生年月日"),
    N_("地区"),
    N_("電話"),
    N_("市と共有"),
)


class ResidentTableModel(RowTableModel):
    HEADERS = HEADERS

    def __init__(self, district_names: dict[str, str] | None = None) -> None:
        super().__init__()
        self.district_names = district_names or {}
        self.shared_ids: set[str] | None = None  # None until known: the column stays empty

    @property
    def residents(self) -> list[Resident]:
        return self.rows

    def set_residents(self, residents: list[Resident]) -> None:
        self.replace_rows(residents)

    def set_district_names(self, names: dict[str, str]) -> None:
        self.district_names = names
        if self.rows:
            self.dataChanged.emit(
                self.index(0, COL_DISTRICT), self.index(self.rowCount() - 1, COL_DISTRICT)
            )

    def set_shared(self, shared_ids: set[str]) -> None:
        """Which residents (of those shown) are shared with the city."""
        self.shared_ids = set(shared_ids)
        if self.rows:
            self.dataChanged.emit(
                self.index(0, COL_SHARED), self.index(self.rowCount() - 1, COL_SHARED)
            )

    def resident_at(self, row: int) -> Resident:
        return self.rows[row]

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        resident = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == COL_NAME:
                mark = self.tr("（要追記）") if resident.needs_completion else ""
                return resident.full_name + mark
            if column == COL_READING:
                return resident.full_reading
            if column == COL_AGE:
                age = resident.age()
                return self.tr("{age}歳").format(age=age) if age is not None else ""
            if column == COL_BIRTH:
                return shown_date(resident.birth, with_western_year=False)
            if column == COL_DISTRICT:
                return self.district_names.get(resident.district, resident.district)
            if column == COL_PHONE:
                return resident.phone
            if column == COL_SHARED and self.shared_ids is not None:
                return self.tr("共有する") if resident.id in self.shared_ids else self.tr("しない")
        if role == Qt.ItemDataRole.TextAlignmentRole and column == COL_AGE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return resident.id
        return None
