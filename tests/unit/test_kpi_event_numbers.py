"""Migration m112: every event that check-ins name has a number, each check-in carries its
event's number, and the dashboard reads a period's check-ins from an index keyed by it. The
numbers stay in step with the check-ins' event ids whichever way a check-in is written (at the
desk, as a head count, pulled before its event, moved to another event, removed) and survive
VACUUM; on the databases of release 0.1 (plain and encrypted), on a desk made before m112 and on
a new desk; and the figures read with them equal figures worked out from the rows."""

from __future__ import annotations

import datetime as dt

import pytest

from kyojo_desk.ids import uuid7
from kyojo_desk.security.desk import open_desk_store
from kyojo_desk.store import Store
from kyojo_desk.store.database import connect
from kyojo_desk.store.events import attendance_id
from kyojo_desk.store.kpi import compute_kpis
from kyojo_desk.store.migrations import migrations
from tests.fixtures.release_0_1 import load_desk
from tests.unit.test_kpi_keys import pulled
from tests.unit.test_kpi_number_person import assert_figures_match_rows


def assert_event_numbers_in_step(store: Store) -> None:
    """Each check-in's event number is its event id's, and no two event ids share one."""
    numbers = dict(store.db.execute("SELECT event_id, number FROM event_numbers"))
    assert len(set(numbers.values())) == len(numbers)
    rows = store.db.execute("SELECT id, event_id, event_number FROM attendance").fetchall()
    assert rows, "there are check-ins"
    for row_id, event_id, number in rows:
        assert number == numbers[event_id], row_id


def event_index_read(store: Store) -> bool:
    plan = " ".join(
        row[-1]
        for row in store.db.execute(
            "EXPLAIN QUERY PLAN SELECT a.resident_number FROM event_numbers n "
            "CROSS JOIN attendance a INDEXED BY attendance_event_kpi "
            "ON a.event_number = n.number WHERE a.deleted = 0"
        )
    )
    return "COVERING INDEX attendance_event_kpi (event_number=? AND deleted=?)" in plan


def event(store: Store, day: str, **extra) -> str:
    return store.create_event({"title": f"交流会 {day}", "starts_at": f"{day}T10:00", **extra}).id


def test_event_numbers_follow_every_way_a_check_in_is_written(store, make_resident):
    a = make_resident(family_name="阿部", birth_date="1950-04-02", district="01")
    b = make_resident(family_name="馬場", birth_date="1990-01-01", district="02")
    march = event(store, "2026-03-31")
    april = event(store, "2026-04-01", ninaite_activity=True, designated_by="city")
    store.check_in(march, a.id, "card")
    store.check_in(april, a.id, "card")
    store.check_in(april, b.id, "card")
    store.count_anonymous(april, "70-79")
    assert_event_numbers_in_step(store)
    assert_figures_match_rows(store)

    # A check-in pulled before its event, then the event; a check-in moved to another event.
    later_event = uuid7()
    store.apply_pull_page(
        pulled(
            "attendance",
            attendance_id(later_event, b.id),
            {"event_id": later_event, "resident_id": b.id, "checked_in_at": "2026-06-01T10:00"},
            1,
        )
    )
    assert_event_numbers_in_step(store)
    store.apply_pull_page(
        pulled("events", later_event, {"title": "清掃", "starts_at": "2026-06-01T09:00"}, 2)
    )
    moved = store.db.execute(
        "SELECT id FROM attendance WHERE event_id = ? AND resident_id = ?", [march, a.id]
    ).fetchone()[0]
    store.write("attendance", moved, {"event_id": later_event})
    assert_event_numbers_in_step(store)
    assert_figures_match_rows(store)
    figures = compute_kpis(store, dt.date(2026, 4, 1), dt.date(2027, 3, 31))
    assert figures["attendance_total"] == 5  # a, b and the head count in April; a, b in June
    assert figures["ninaite_check_ins"] == 2

    # A check-in taken back keeps its number and is no longer counted.
    store.write("attendance", moved, {"deleted": 1})
    assert_event_numbers_in_step(store)
    assert_figures_match_rows(store)
    before = store.db.execute("SELECT id, event_number FROM attendance ORDER BY id").fetchall()
    store.db.execute("VACUUM")
    assert store.db.execute("SELECT id, event_number FROM attendance ORDER BY id").fetchall() == (
        before
    )
    assert event_index_read(store)


@pytest.mark.parametrize("encrypted", [False, True], ids=["plain", "encrypted"])
def test_release_0_1_desk_gets_event_numbers(tmp_path, monkeypatch, encrypted):
    monkeypatch.setenv("KYOJO_KEYRING", "file")
    with open_desk_store(load_desk(tmp_path / "desk", encrypted)) as store:
        assert_event_numbers_in_step(store)
        assert event_index_read(store)
        assert_figures_match_rows(store)
        person = store.db.execute("SELECT id FROM residents LIMIT 1").fetchone()[0]
        store.check_in(event(store, "2026-05-01"), person, "card")
        assert_event_numbers_in_step(store)
        assert_figures_match_rows(store)


def test_a_desk_made_before_m112_gets_event_numbers_in_the_order_of_its_days(data_dir):
    path = data_dir / "m111.db"
    db = connect(path)
    migrations.apply(db, stop_before="m112_kpi_event_numbers")
    db.conn.execute(
        "INSERT INTO residents(id, family_name, birth_date, district, created_at) "
        "VALUES ('r1', '江口', '1940-06-01', '01', '2026-04-02T10:00:00+09:00')"
    )
    db.conn.executemany(
        "INSERT INTO events(id, starts_at) VALUES (?, ?)",
        [("e-late", "2026-09-01T10:00"), ("e-early", "2026-05-01T10:00"), ("e-none", "")],
    )
    db.conn.executemany(
        "INSERT INTO attendance(id, event_id, resident_id, checked_in_at) VALUES (?, ?, ?, ?)",
        [
            ("a1", "e-late", "r1", "2026-09-01T10:05"),
            ("a2", "e-early", "r1", "2026-05-01T10:05"),
            ("a3", "e-gone", None, "2026-05-02T10:05"),  # an event this desk does not have
        ],
    )
    db.conn.commit()
    db.conn.close()
    with Store.open(path) as store:
        assert store.db.execute(
            "SELECT event_id FROM event_numbers ORDER BY number"
        ).fetchall() == [
            ("e-gone",),  # no day: first
            ("e-early",),
            ("e-late",),
        ]
        assert_event_numbers_in_step(store)
        assert event_index_read(store)
        figures = compute_kpis(store, dt.date(2026, 4, 1), dt.date(2027, 3, 31))
        assert (figures["attendance_total"], figures["attendance_unique"]) == (2, 1)
        assert figures["attendance_by_age_band"]["80-"] == 2
        assert_figures_match_rows(store)


def test_a_new_desk_numbers_its_events(store, make_resident):
    person = make_resident()
    first, second = event(store, "2026-05-01"), event(store, "2026-05-02")
    store.check_in(second, person.id, "card")
    store.check_in(first, person.id, "card")
    assert store.db.execute("SELECT event_id FROM event_numbers ORDER BY number").fetchall() == [
        (second,),
        (first,),
    ]
    assert_event_numbers_in_step(store)
    assert event_index_read(store)
