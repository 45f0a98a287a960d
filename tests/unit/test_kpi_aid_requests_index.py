"""Migration m111 (the 共助 requests by day made, in a covering index): the match rate read from
it equals the requests counted one by one (matched with a volunteer or a resident, never
matched, cancelled after a match, removed, across 31 March, by district), on the databases of
release 0.1 (plain and encrypted), on a desk made before m111 and on a new desk."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from kyojo_desk.security.desk import open_desk_store
from kyojo_desk.store import Store
from kyojo_desk.store.database import connect
from kyojo_desk.store.kpi import compute_kpis
from kyojo_desk.store.migrations import migrations
from tests.fixtures.release_0_1 import load_desk

PERIODS = [
    (dt.date(2025, 4, 1), dt.date(2026, 3, 31)),
    (dt.date(2026, 3, 15), dt.date(2026, 4, 14)),
    (dt.date(2026, 4, 1), dt.date(2027, 3, 31)),
    (dt.date(2000, 1, 1), dt.date(2030, 12, 31)),
]


def plain_requests(store: Store, start: dt.date, end: dt.date, district: str | None):
    """(made, matched) in the period, from the rows one by one."""
    low, high = start.isoformat(), (end + dt.timedelta(days=1)).isoformat()
    districts = dict(store.db.execute("SELECT id, district FROM residents"))
    made = matched = 0
    for requester, created_at, deleted, by_volunteer, by_resident in store.db.execute(
        "SELECT resident_id, created_at, deleted, matched_volunteer_id, matched_resident_id "
        "FROM aid_requests"
    ):
        if deleted or not low <= created_at < high:
            continue
        if district and districts.get(requester) != district:
            continue
        made += 1
        matched += bool(by_volunteer or by_resident)
    return made, matched


def assert_rate_matches_rows(store: Store) -> None:
    districts = [None] + [
        row[0] for row in store.db.execute("SELECT DISTINCT district FROM residents")
    ]
    for start, end in PERIODS:
        for district in districts:
            figures = compute_kpis(store, start, end, district)
            made, matched = plain_requests(store, start, end, district)
            assert (figures["aid_requests_made"], figures["aid_requests_matched"]) == (
                made,
                matched,
            ), (start, district)
            assert figures["match_rate"] == (round(matched / made, 3) if made else None)


def made_index_read(store: Store) -> bool:
    plan = " ".join(
        row[-1]
        for row in store.db.execute(
            "EXPLAIN QUERY PLAN SELECT count(*), count(matched_volunteer_id) FROM aid_requests "
            "INDEXED BY aid_requests_made WHERE deleted = 0 AND created_at >= '2026-04-01' "
            "AND created_at < '2027-04-01'"
        )
    )
    return "COVERING INDEX aid_requests_made (created_at>? AND created_at<?)" in plan


def test_the_match_rate_counts_the_requests_made(store, make_resident):
    rng = random.Random(11)
    helper = store.add_volunteer("手伝い", "てつだい", ["concierge"])
    people = [make_resident(district=rng.choice(["01", "02", "03"])) for _ in range(8)]
    for _ in range(40):
        person = rng.choice(people)
        request = store.create_aid_request({"resident_id": person.id, "kind": "transport"})
        made = dt.date(2025, 3, 1) + dt.timedelta(days=rng.randrange(800))
        store.write("aid_requests", request.id, {"created_at": f"{made}T09:00:00+09:00"})
        outcome = rng.choice(["open", "volunteer", "resident", "cancelled", "removed"])
        if outcome in ("volunteer", "cancelled"):
            store.match_aid_request(request.id, volunteer_id=helper.id)
        if outcome == "resident":
            store.match_aid_request(request.id, resident_id=rng.choice(people).id)
        if outcome == "cancelled":
            store.close_aid_request(request.id, "cancelled")
        if outcome == "removed":
            store.write("aid_requests", request.id, {"deleted": 1})
    store.update_resident(people[0].id, {"district": "03"})  # a requester who moved
    assert_rate_matches_rows(store)
    assert made_index_read(store)


@pytest.mark.parametrize("encrypted", [False, True], ids=["plain", "encrypted"])
def test_release_0_1_desk_gets_the_index_of_requests_made(tmp_path, monkeypatch, encrypted):
    monkeypatch.setenv("KYOJO_KEYRING", "file")
    with open_desk_store(load_desk(tmp_path / "desk", encrypted)) as store:
        assert made_index_read(store)
        assert store.db.execute("SELECT count(*) FROM aid_requests").fetchone()[0] > 0
        assert_rate_matches_rows(store)


def test_a_desk_made_before_m111_gets_the_index(data_dir):
    path = data_dir / "m110.db"
    db = connect(path)
    migrations.apply(db, stop_before="m111_kpi_aid_requests_made")
    db.conn.execute("INSERT INTO residents(id, family_name, district) VALUES ('r1', '江口', '01')")
    db.conn.executemany(
        "INSERT INTO aid_requests(id, resident_id, kind, status, matched_volunteer_id, "
        "created_at) VALUES (?, 'r1', 'transport', ?, ?, ?)",
        [
            ("q1", "matched", "v1", "2026-04-01T09:00:00+09:00"),
            ("q2", "open", None, "2027-03-31T18:00:00+09:00"),
            ("q3", "open", None, "2026-03-31T18:00:00+09:00"),  # the 年度 before
        ],
    )
    db.conn.commit()
    db.conn.close()
    with Store.open(path) as store:
        assert made_index_read(store)
        figures = compute_kpis(store, dt.date(2026, 4, 1), dt.date(2027, 3, 31))
        assert (figures["aid_requests_made"], figures["aid_requests_matched"]) == (2, 1)
        assert_rate_matches_rows(store)


def test_a_new_desk_has_the_index_of_requests_made(store):
    assert made_index_read(store)
