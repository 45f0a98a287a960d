"""The resident table model, through data() without a view."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from kyojo_desk.gui.models.resident_table_model import (
    COL_AGE,
    COL_BIRTH,
    COL_DISTRICT,
    COL_NAME,
    COL_READING,
    ResidentTableModel,
)
from kyojo_desk.records.resident import Resident


def test_columns_show_name_reading_age_wareki_and_district():
    model = ResidentTableModel({"01": "上野原"})
    resident = Resident(
        family_name="高橋",
        given_name="花子",
        family_reading="たかはし",
        given_reading="はなこ",
        birth_date="1948-03-02",
        district="01",
        id="x",
    )
    model.set_residents([resident])
    cell = lambda column: model.data(model.index(0, column), Qt.ItemDataRole.DisplayRole)  # noqa: E731
    assert cell(COL_NAME) == "高橋　花子"
    assert cell(COL_READING) == "たかはし　はなこ"
    assert cell(COL_BIRTH) == "昭和23年3月2日"
    assert cell(COL_DISTRICT) == "上野原"
    assert cell(COL_AGE) == f"{resident.age(dt.date.today())}歳"
    assert model.data(model.index(0, 0), Qt.ItemDataRole.UserRole) == "x"


def test_walk_in_needing_completion_is_marked():
    model = ResidentTableModel()
    model.set_residents(
        [Resident(family_name="山田", family_reading="やまだ", needs_completion=True)]
    )
    assert "要追記" in model.data(model.index(0, COL_NAME))
