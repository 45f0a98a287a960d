"""Figures of one city for the status page: records per table, conflicts, erasures, desks."""

from __future__ import annotations

from dataclasses import dataclass

from kyojo_desk.central.db import Database


@dataclass
class CityFigures:
    city: str
    records: dict[str, int]
    conflicts: int
    erasures: int
    last_seq: int


def city_figures(database: Database, city: str) -> CityFigures:
    with database.transaction(write=False) as tx:
        records = {
            table: int(count)
            for table, count in tx.execute(
                "SELECT table_name, count(*) FROM records WHERE city = ? GROUP BY table_name"
                " ORDER BY table_name",
                [city],
            )
        }
        conflicts = tx.one("SELECT count(*) FROM conflicts WHERE city = ?", [city])
        erasures = tx.one("SELECT count(*) FROM erasures WHERE city = ?", [city])
        last_seq = tx.one("SELECT last_seq FROM city_state WHERE city = ?", [city])
    return CityFigures(
        city=city,
        records=records,
        conflicts=int(conflicts[0]) if conflicts else 0,
        erasures=int(erasures[0]) if erasures else 0,
        last_seq=int(last_seq[0]) if last_seq else 0,
    )
