"""Migration m100 (the residents of a district by id) on the databases of release 0.1 (plain and
encrypted) and on a new desk: the index is there and the district figures read it."""

from __future__ import annotations

import datetime as dt

import pytest

from kyojo_desk.security.desk import open_desk_store
from kyojo_desk.store.kpi import compute_kpis
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


def test_a_new_desk_has_the_district_index(store):
    assert district_index_used(store)
