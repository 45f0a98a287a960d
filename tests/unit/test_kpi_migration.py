"""Migration m030 on the databases of release 0.1 (plain and encrypted): events gain a leader,
the app's figures a table, and every resident's first event day is filled in from their rows."""

from __future__ import annotations

import datetime as dt

import pytest

from kyojo_desk.security.desk import open_desk_store
from kyojo_desk.store.kpi import compute_kpis, fiscal_year_bounds, fiscal_year_of
from tests.fixtures.release_0_1 import contents, load_desk


@pytest.mark.parametrize("encrypted", [False, True], ids=["plain", "encrypted"])
def test_release_0_1_desk_gets_the_fiscal_year_kpis(tmp_path, monkeypatch, encrypted):
    monkeypatch.setenv("KYOJO_KEYRING", "file")
    with open_desk_store(load_desk(tmp_path / "desk", encrypted)) as store:
        events = store.list_events()
        assert len(events) == contents.COUNTS["events"]
        assert {event.led_by for event in events} == {None}
        assert store.list_app_aid_counts() == []
        # Each person's first event day, worked out row by row from the old rows.
        expected: dict[str, int] = {}
        for resident_id, starts_at in store.db.execute(
            "SELECT a.resident_id, e.starts_at FROM attendance a JOIN events e "
            "ON e.id = a.event_id WHERE a.deleted = 0 AND e.deleted = 0 "
            "AND a.resident_id IS NOT NULL"
        ):
            day = int(starts_at[:10].replace("-", ""))
            expected[resident_id] = min(expected.get(resident_id, day), day)
        assert expected, "the fixture has check-ins"
        kept = dict(
            store.db.execute(
                "SELECT resident_id, first_attended FROM resident_numbers "
                "WHERE first_attended IS NOT NULL"
            ).fetchall()
        )
        assert kept == expected
        # The first-time count of the events' 年度 is everyone whose first day falls in it.
        first_day = dt.date.fromisoformat(str(min(expected.values())))
        year = fiscal_year_of(first_day)
        start, end = fiscal_year_bounds(year)
        figures = compute_kpis(store, start, end)
        low, high = int(f"{start:%Y%m%d}"), int(f"{end:%Y%m%d}")
        assert figures["first_time_participants"] == sum(
            low <= day <= high for day in expected.values()
        )
        # A new leader and a month's app figure can be recorded on the migrated desk.
        leader = store.list_volunteers()[0]
        led = store.create_event(
            {"title": "サロン", "starts_at": f"{end}T10:00", "led_by": leader.id}
        )
        assert store.get_event(led.id).led_by == leader.id
        store.record_app_aid_count(f"{end:%Y-%m}", 3, "月報")
        assert compute_kpis(store, start, end)["aid_matches_app"] == 3
