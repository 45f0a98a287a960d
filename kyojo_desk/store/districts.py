"""Districts (地区): the city's own list, configurable, synced like any record."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kyojo_desk.errors import ValidationError
from kyojo_desk.texts import N_, message

if TYPE_CHECKING:
    from kyojo_desk.store.store import Store


@dataclass
class District:
    code: str
    name: str
    reading: str = ""
    sort_order: int = 0


def read_districts_csv(path: Path) -> list[District]:
    """A district list from CSV with the columns code,name,reading (UTF-8, BOM allowed)."""
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    districts = []
    for number, row in enumerate(rows, start=1):
        code, name = (row.get("code") or "").strip(), (row.get("name") or "").strip()
        if not code or not name:
            raise ValidationError(
                "districts",
                message("地区の一覧の{number}行目に番号か名前がありません。", number=number),
            )
        districts.append(District(code, name, (row.get("reading") or "").strip(), number))
    return districts


class DistrictsMixin:
    def list_districts(self: Store) -> list[District]:
        rows = self.db.execute(
            "SELECT id, name, reading, sort_order FROM districts WHERE deleted = 0 "
            "ORDER BY sort_order, id"
        ).fetchall()
        return [District(*row) for row in rows]

    def save_district(self: Store, district: District) -> None:
        if not district.code.strip() or not district.name.strip():
            raise ValidationError("district", N_("地区の番号と名前を入力してください。"))
        self.write(
            "districts",
            district.code.strip(),
            {
                "name": district.name.strip(),
                "reading": district.reading.strip(),
                "sort_order": district.sort_order,
                "deleted": 0,
            },
        )

    def replace_districts(self: Store, districts: list[District]) -> None:
        """Make the city's list exactly `districts` (others become tombstones), atomically."""
        with self.transaction():
            keep = {d.code for d in districts}
            for existing in self.list_districts():
                if existing.code not in keep:
                    self.write("districts", existing.code, {"deleted": 1})
            for order, district in enumerate(districts, start=1):
                district.sort_order = order
                self.save_district(district)

    def district_name(self: Store, code: str) -> str:
        row = self.db.execute("SELECT name FROM districts WHERE id = ?", [code]).fetchone()
        return row[0] if row else code


def default_districts() -> list[District]:
    """The default district list shipped in resources/ (Uenohara's nine 地区)."""
    from kyojo_desk.paths import resources_dir

    return read_districts_csv(resources_dir() / "districts-uenohara.csv")


def ensure_districts(store: Store) -> bool:
    """Give a desk with no districts yet the default list. Returns True when it did."""
    if store.list_districts():
        return False
    store.replace_districts(default_districts())
    return True
