"""The digital-divide table of the dashboard: one row per district × age band, with how many
registered residents own a smartphone, can register in an app on their own, and gained skills."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt

from kyojo_desk.gui.i18n import shown
from kyojo_desk.gui.models.row_table_model import RowTableModel
from kyojo_desk.store.kpi import AGE_BAND_NAMES
from kyojo_desk.texts import N_

COL_DISTRICT, COL_AGE, COL_RESIDENTS, COL_SMARTPHONE, COL_APP, COL_SKILLS = range(6)
COUNT_KEYS = {
    COL_RESIDENTS: "residents",
    COL_SMARTPHONE: "smartphone",
    COL_APP: "app_registered",
    COL_SKILLS: "skills_gained",
}


class DigitalDivideModel(RowTableModel):
    """Rows of `figures["digital_divide"]["rows"]`; districts shown by name when known."""

    HEADERS = (
        N_("地区"),
        N_("年代"),
        N_("登録している人"),
        N_("スマホを持っている"),
        N_("アプリ登録ができる"),
        N_("期間にできるようになったこと"),
    )

    def __init__(self) -> None:
        super().__init__()
        self.district_names: dict[str, str] = {}

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.TextAlignmentRole and column in COUNT_KEYS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == COL_DISTRICT:
            code = row["district"]
            return self.district_names.get(code, code) or shown(N_("地区なし"))
        if column == COL_AGE:
            return shown(AGE_BAND_NAMES.get(row["age_band"], row["age_band"]))
        count = row[COUNT_KEYS[column]]
        if column in (COL_SMARTPHONE, COL_APP) and row["residents"]:
            return f"{count}（{count / row['residents']:.0%}）"
        return str(count)
