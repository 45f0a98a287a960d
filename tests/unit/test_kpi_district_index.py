"""Migrations m100 (the residents of a district by id) and m101 (the check-in's day in the
dashboard's attendance index) on the databases of release 0.1 (plain and encrypted) and on a new
desk: the indexes are there, the figures read them, and they equal the figures of the rows."""

from __future__ import annotations

import datetime as dt

import pytest

from kyojo_desk.security.desk import open_desk_store
from kyojo_desk.store import Store
from kyojo_desk.store.database import connect
from kyojo_desk.store.kpi import compute_kpis
from kyojo_desk.store.migrations import migrations
from tests.fixtures.release_0_1 import load_desk
from tests.unit.test_kpi_keys import plain_figures


def district_index_used(store) -> bool:
    plan = store.db.execute(
        "EXPLAIN QUERY PLAN SELECT id FROM residents WHERE district = ?", ["01"]
    ).fetchall()
    return any("residents_district" in row[-1] for row in plan)


@pytest.mark.parametrize("encrypted", [False, True], ids=["plain", "encrypted"])
def test_release_0_1_desk_gets_the_district_index(tmp_path, monkeypatch, encrypted):
    monkeypatch.setenv("KYOJO_KEYRING", "file")
    with open_desk_store(load_desk(tmp_path / "desk", encrypted)) as store:
        assert district_index_used(store)
        districts = [
            row[0]
            for row in store.db.execute(
                "SELECT DISTINCT district FROM residents WHERE district != ''"
            )
        ]
        assert districts, "the fixture has people in districts"
        start, end = dt.date(2000, 1, 1), dt.date(2030, 12, 31)
        for district in districts:
            figures = compute_kpis(store, start, end, district)
            expected = plain_figures(store, start, end, district)
            assert {key: figures[key] for key in expected} == expected, district


def attendance_index_columns(store) -> list[str]:
    return [row[2] for row in store.db.execute("PRAGMA index_info(attendance_kpi)")]


COLUMNS = ["event_id", "deleted", "day", "resident_number", "resident_born", "age_band"]


@pytest.mark.parametrize("encrypted", [False, True], ids=["plain", "encrypted"])
def test_release_0_1_desk_gets_the_day_in_the_attendance_index(tmp_path, monkeypatch, encrypted):
    monkeypatch.setenv("KYOJO_KEYRING", "file")
    with open_desk_store(load_desk(tmp_path / "desk", encrypted)) as store:
        assert attendance_index_columns(store) == COLUMNS
        # Remove one person who came: they are no longer counted as taking part.
        removed = store.db.execute(
            "SELECT resident_id FROM attendance WHERE resident_id IS NOT NULL LIMIT 1"
        ).fetchone()[0]
        store.write("residents", removed, {"deleted": 1})
        # Designate every event of the fixture: its check-ins are then taken part in, counted
        # from the index as a plain join of the rows counts them.
        for event in store.list_events():
            store.write("events", event.id, {"ninaite_activity": 1, "designated_by": "city"})
        start, end = dt.date(2000, 1, 1), dt.date(2030, 12, 31)
        figures = compute_kpis(store, start, end)
        expected = store.db.execute(
            "SELECT count(DISTINCT a.resident_id), count(DISTINCT a.resident_id || a.event_id || "
            "a.day) FROM attendance a JOIN events e ON e.id = a.event_id "
            "JOIN residents r ON r.id = a.resident_id AND r.deleted = 0 "
            "WHERE e.deleted = 0 AND a.deleted = 0"
        ).fetchone()
        assert expected[1] > 0, "the fixture has check-ins"
        assert (figures["ninaite_participants"], figures["ninaite_check_ins"]) == expected
        plan = " ".join(
            row[-1]
            for row in store.db.execute(
                "EXPLAIN QUERY PLAN SELECT a.resident_number, a.day FROM events e "
                "CROSS JOIN attendance a ON a.event_id = e.id WHERE a.deleted = 0 "
                "AND a.day >= '2026-01-01'"
            )
        )
        assert "COVERING INDEX attendance_kpi (event_id=? AND deleted=? AND day>?)" in plan


def test_a_new_desk_has_the_district_index_and_the_day_in_the_attendance_index(store):
    assert district_index_used(store)
    assert attendance_index_columns(store) == COLUMNS
    # No index of residents by (deleted, id) (m102): SQLite chose it for every count of
    # residents not deleted.
    indexes = [row[1] for row in store.db.execute("PRAGMA index_list(residents)")]
    assert "residents_active" not in indexes


def test_a_desk_that_made_the_active_residents_index_loses_it(data_dir):
    """A desk that applied m101 while it also made residents_active: m102 drops it."""
    path = data_dir / "m101.db"
    db = connect(path)
    migrations.apply(db, stop_before="m102_kpi_no_residents_active_index")
    db.execute("CREATE INDEX residents_active ON residents(deleted, id)")
    db.conn.close()
    with Store.open(path) as store:
        indexes = [row[1] for row in store.db.execute("PRAGMA index_list(residents)")]
        assert "residents_active" not in indexes
