"""Migration m110: each resident number keeps its person's birth date and whether they are
removed, and the 関係人口 have their own index. The kept values equal what the residents' rows
say, whichever way a row is written (registration, roster import, edit, removal, merge,
erasure, a check-in pulled before its person or for someone never pulled); on the databases of
release 0.1 (plain and encrypted), on a desk made before m110 and on a new desk; and the
dashboard's figures read with them equal figures worked out from the rows."""

from __future__ import annotations

import datetime as dt

import pytest

from kyojo_desk.ids import uuid7
from kyojo_desk.records.resident import Consent, ResidentKind
from kyojo_desk.security.desk import open_desk_store
from kyojo_desk.store import Store
from kyojo_desk.store.database import connect
from kyojo_desk.store.events import attendance_id
from kyojo_desk.store.kpi import compute_kpis
from kyojo_desk.store.migrations import migrations
from tests.fixtures.release_0_1 import load_desk
from tests.unit.test_kpi_fast_paths import plain_digital_divide
from tests.unit.test_kpi_keys import plain_figures, pulled
from tests.unit.test_ninaite_met_count import plain_related, plain_taking_part

PERIODS = [
    (dt.date(2025, 4, 1), dt.date(2026, 3, 31)),
    (dt.date(2026, 4, 1), dt.date(2027, 3, 31)),
    (dt.date(2000, 1, 1), dt.date(2030, 12, 31)),
]


def assert_numbers_know_their_people(store: Store) -> None:
    """Every number's birth date (YYYYMMDD) and removal equal its person's row now."""
    people = {
        row[0]: row[1:] for row in store.db.execute("SELECT id, birth_date, deleted FROM residents")
    }
    kept = store.db.execute("SELECT resident_id, born, removed FROM resident_numbers").fetchall()
    assert kept, "some people have numbers"
    for resident_id, born, removed in kept:
        birth_date, deleted = people.get(resident_id, (None, None))
        assert born == (int(birth_date[:10].replace("-", "")) if birth_date else None), resident_id
        assert removed == (deleted is None or deleted != 0), resident_id


def assert_figures_match_rows(store: Store) -> None:
    districts = [None] + [
        row[0] for row in store.db.execute("SELECT DISTINCT district FROM residents")
    ]
    for start, end in PERIODS:
        for district in districts:
            figures = compute_kpis(store, start, end, district)
            expected = plain_figures(store, start, end, district)
            assert {key: figures[key] for key in expected} == expected, (start, district)
            assert (figures["ninaite_participants"], figures["ninaite_check_ins"]) == tuple(
                plain_taking_part(store, start, end, district)
            ), (start, district)
            assert figures["related_participants"] == plain_related(store, start, end, district)
            rows = {
                (row["district"], row["age_band"]): {
                    key: row[key]
                    for key in ("residents", "smartphone", "app_registered", "skills_gained")
                }
                for row in figures["digital_divide"]["rows"]
            }
            assert rows == plain_digital_divide(store, start, end, district), (start, district)


def related_index_read(store: Store) -> bool:
    plan = " ".join(
        row[-1]
        for row in store.db.execute(
            "EXPLAIN QUERY PLAN SELECT r.id FROM residents r INDEXED BY residents_related "
            "WHERE r.kind = 'related' AND r.deleted = 0 AND r.district = '01'"
        )
    )
    return "COVERING INDEX residents_related" in plan


def designated_event(store: Store, day: str) -> str:
    return store.create_event(
        {
            "title": f"清掃 {day}",
            "starts_at": f"{day}T09:00",
            "ninaite_activity": True,
            "designated_by": "city",
        }
    ).id


def test_numbers_follow_every_way_a_person_changes(store, make_resident):
    a = make_resident(family_name="阿部", birth_date="1950-04-02", district="01")
    b = make_resident(family_name="馬場", district="02")  # no birth date
    c = make_resident(family_name="千葉", birth_date="1980-12-31", district="01")
    d = make_resident(family_name="土井", birth_date="1944-02-29", district="02")
    far = make_resident(family_name="遠藤", district="01", kind=ResidentKind.RELATED.value)
    e1 = designated_event(store, "2026-05-01")
    e2 = store.create_event({"title": "交流会", "starts_at": "2027-02-01T10:00"}).id
    for person in (a, b, c, d, far):
        store.check_in(e1, person.id, "card")
    store.check_in(e2, a.id, "card")
    store.check_in(e2, far.id, "card")
    # A check-in for someone never pulled here, and one for someone pulled afterwards.
    never, later = uuid7(), uuid7()
    store.apply_pull_page(
        pulled("attendance", attendance_id(e1, never), {"event_id": e1, "resident_id": never}, 1)
    )
    store.apply_pull_page(
        pulled("attendance", attendance_id(e2, later), {"event_id": e2, "resident_id": later}, 2)
    )
    assert_numbers_know_their_people(store)
    store.apply_pull_page(
        pulled("residents", later, {"family_name": "林", "birth_date": "1960-06-06"}, 3)
    )
    assert_numbers_know_their_people(store)
    assert_figures_match_rows(store)

    store.update_resident(b.id, {"birth_date": "1990-01-01"})
    store.update_resident(a.id, {"birth_date": "1951-04-02"})
    store.write("residents", c.id, {"birth_date": None})
    store.update_resident(far.id, {"district": "02"})
    assert_numbers_know_their_people(store)
    assert_figures_match_rows(store)

    # Changes pulled from another desk: a corrected birth date, then the person removed.
    store.apply_pull_page(pulled("residents", later, {"birth_date": "1961-07-07"}, 4))
    assert_numbers_know_their_people(store)
    store.apply_pull_page(pulled("residents", later, {"deleted": 1}, 5))
    assert store.db.execute(
        "SELECT born, removed FROM resident_numbers WHERE resident_id = ?", [later]
    ).fetchone() == (19610707, 1)

    store.delete_resident(c.id)
    store.merge_residents(a.id, d.id)
    store.erase_resident(b.id)
    assert_numbers_know_their_people(store)
    assert_figures_match_rows(store)
    assert related_index_read(store)


def test_a_roster_import_gives_pulled_check_ins_numbers_their_people(store, monkeypatch):
    """A bulk insert takes the new-resident trigger out for its statement: the numbers made
    for check-ins pulled before the people still get their birth dates and presence."""
    e1 = store.create_event({"title": "交流会", "starts_at": "2026-05-01T10:00"}).id
    arrived_late = uuid7()
    store.apply_pull_page(
        pulled(
            "attendance",
            attendance_id(e1, arrived_late),
            {"event_id": e1, "resident_id": arrived_late},
            1,
        )
    )
    assert store.db.execute(
        "SELECT born, removed FROM resident_numbers WHERE resident_id = ?", [arrived_late]
    ).fetchone() == (None, 1)
    paper = Consent(scopes=["keep_record"], method="signed_paper", witnessed_by="受付 花子")
    import kyojo_desk.store.residents as residents_module

    real_many = residents_module.uuid7_many
    monkeypatch.setattr(
        residents_module, "uuid7_many", lambda count: [arrived_late, *real_many(count - 1)]
    )
    store.insert_residents(
        [
            (
                {"family_name": "遠藤", "family_reading": "えんどう", "birth_date": "1955-05-05"},
                paper,
            ),
            (
                {"family_name": "小林", "family_reading": "こばやし", "birth_date": "1962-02-02"},
                paper,
            ),
        ]
    )
    assert store.db.execute(
        "SELECT born, removed FROM resident_numbers WHERE resident_id = ?", [arrived_late]
    ).fetchone() == (19550505, 0)
    assert_numbers_know_their_people(store)
    bands = compute_kpis(store, dt.date(2026, 4, 1), dt.date(2027, 3, 31))["attendance_by_age_band"]
    assert bands["70-79"] == 1  # 70 on 1 May 2026


@pytest.mark.parametrize("encrypted", [False, True], ids=["plain", "encrypted"])
def test_release_0_1_desk_numbers_know_their_people(tmp_path, monkeypatch, encrypted):
    monkeypatch.setenv("KYOJO_KEYRING", "file")
    with open_desk_store(load_desk(tmp_path / "desk", encrypted)) as store:
        assert_numbers_know_their_people(store)
        assert related_index_read(store)
        assert_figures_match_rows(store)
        people = [row[0] for row in store.db.execute("SELECT id FROM residents LIMIT 2")]
        store.update_resident(people[0], {"birth_date": "1945-08-15"})
        store.delete_resident(people[1])
        assert_numbers_know_their_people(store)
        assert_figures_match_rows(store)


def test_a_desk_made_before_m110_gets_its_numbers_people(data_dir):
    path = data_dir / "m103.db"
    db = connect(path)
    migrations.apply(db, stop_before="m110_kpi_resident_number_person")
    db.conn.executemany(
        "INSERT INTO residents(id, family_name, birth_date, district, kind, deleted, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?, '2026-04-02T10:00:00+09:00')",
        [
            ("r1", "江口", "1940-06-01", "01", "resident", 0),
            ("r2", "大野", "", "01", "related", 0),
            ("r3", "加藤", "1990-12-31", "02", "resident", 1),
        ],
    )
    db.conn.execute("INSERT INTO events(id, starts_at) VALUES ('e1', '2026-05-01T10:00')")
    db.conn.executemany(
        "INSERT INTO attendance(id, event_id, resident_id, checked_in_at) VALUES (?, 'e1', ?, ?)",
        [(f"a{n}", person, "2026-05-01T10:05") for n, person in enumerate(["r1", "r2", "r3", "x"])],
    )
    db.conn.commit()
    db.conn.close()
    with Store.open(path) as store:
        assert store.db.execute(
            "SELECT resident_id, born, removed FROM resident_numbers ORDER BY resident_id"
        ).fetchall() == [("r1", 19400601, 0), ("r2", None, 0), ("r3", 19901231, 1), ("x", None, 1)]
        assert_numbers_know_their_people(store)
        assert related_index_read(store)
        figures = compute_kpis(store, dt.date(2026, 4, 1), dt.date(2027, 3, 31))
        assert figures["attendance_by_age_band"]["80-"] == 1  # r1
        assert figures["attendance_by_age_band"]["20-39"] == 1  # r3: removed, but came
        assert figures["related_participants"] == 1  # r2
        assert_figures_match_rows(store)


def test_a_new_desk_keeps_its_numbers_people(store, make_resident):
    person = make_resident(birth_date="1936-07-07")
    e1 = store.create_event({"title": "交流会", "starts_at": "2026-05-01T10:00"}).id
    store.check_in(e1, person.id, "card")
    assert store.db.execute("SELECT born, removed FROM resident_numbers").fetchall() == [
        (19360707, 0)
    ]
    assert related_index_read(store)


def test_a_pulled_page_of_many_people_reaches_their_numbers(store):
    """A page that brings many people at once takes the new-resident trigger out for its
    insert: check-ins pulled before them still get their birth dates and presence."""
    from kyojo_desk.sync import protocol
    from tests.unit.test_kpi_keys import remote_stamp

    e1 = store.create_event({"title": "交流会", "starts_at": "2026-05-01T10:00"}).id
    people = [uuid7() for _ in range(40)]
    for seq, person in enumerate(people[:3], start=1):
        store.apply_pull_page(
            pulled(
                "attendance",
                attendance_id(e1, person),
                {"event_id": e1, "resident_id": person},
                seq,
            )
        )
    entries = [
        protocol.PulledEntry(
            server_seq=10 + number,
            kind=protocol.KIND_CHANGE,
            table="residents",
            row_id=person,
            desk_id="other-desk",
            fields={"family_name": f"住民{number}", "birth_date": f"19{40 + number}-05-05"},
            stamp=remote_stamp(10 + number),
        )
        for number, person in enumerate(people)
    ]
    store.apply_pull_page(
        protocol.PullPage(epoch="e1", entries=entries, next_since=60, has_more=False)
    )
    assert store.db.execute(
        "SELECT born, removed FROM resident_numbers WHERE resident_id = ?", [people[2]]
    ).fetchone() == (19420505, 0)
    assert_numbers_know_their_people(store)
    bands = compute_kpis(store, dt.date(2026, 4, 1), dt.date(2027, 3, 31))["attendance_by_age_band"]
    assert bands["80-"] == 3  # born 1940–1942, all over 80 on 1 May 2026
