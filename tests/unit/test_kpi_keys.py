"""The integer keys the dashboard counts with (migration m008) stay in step with the rows they
are derived from, whichever way a row is written, and the figures computed with them equal
figures worked out plainly from the rows."""

from __future__ import annotations

import datetime as dt
import json
import random
import time
from collections import Counter
from typing import Any

import pytest

from kyojo_desk.ids import uuid7
from kyojo_desk.records.help import DEFAULT_TOPICS, OUTCOME_LABELS
from kyojo_desk.store import Store
from kyojo_desk.store.database import connect
from kyojo_desk.store.events import attendance_id
from kyojo_desk.store.kpi import AGE_BANDS, compute_kpis
from kyojo_desk.store.migrations import migrations
from kyojo_desk.sync import hlc, protocol

START, END = dt.date(2026, 4, 1), dt.date(2026, 6, 30)
TZ = dt.timezone(dt.timedelta(hours=9))
PERIODS = [
    (START, END),
    (dt.date(2026, 1, 1), dt.date(2026, 12, 31)),
    (dt.date(2026, 5, 15), dt.date(2026, 5, 15)),
]


def assert_keys_in_step(store: Store) -> None:
    """Every derived key equals what the rows it comes from say now."""
    db = store.db.conn
    numbers = dict(db.execute("SELECT resident_id, number FROM resident_numbers"))
    assert len(set(numbers.values())) == len(numbers)
    births = dict(db.execute("SELECT id, birth_date FROM residents"))
    for resident_id, number, born in db.execute(
        "SELECT resident_id, resident_number, resident_born FROM attendance"
    ):
        if resident_id is None:
            assert (number, born) == (None, None)
            continue
        assert number == numbers[resident_id]
        birth = births.get(resident_id)
        assert born == (int(birth.replace("-", "")) if birth else None), resident_id
    for resident_id, number in db.execute("SELECT resident_id, resident_number FROM help_sessions"):
        assert number == (None if resident_id is None else numbers[resident_id])
    kinds = set(db.execute("SELECT outcome, topics FROM help_session_kinds"))
    assert set(db.execute("SELECT outcome, topics FROM help_sessions")) <= kinds


def band_of(age: int) -> str:
    return [name for name, low, _ in AGE_BANDS if low <= age][-1]


def plain_figures(store: Store, start: dt.date, end: dt.date, district: str | None) -> dict:
    """The attendance and help figures worked out row by row from resident ids and dates."""
    db = store.db.conn
    low, high = start.isoformat(), (end + dt.timedelta(days=1)).isoformat()
    people = {
        row[0]: row[1:] for row in db.execute("SELECT id, birth_date, district FROM residents")
    }

    def counted(resident_id: str | None) -> bool:
        if not district:
            return True
        return resident_id in people and people[resident_id][1] == district

    days = dict(
        db.execute(
            "SELECT id, substr(starts_at, 1, 10) FROM events WHERE deleted = 0 "
            "AND starts_at >= ? AND starts_at < ?",
            [low, high],
        )
    )
    bands = {name: 0 for name, _, _ in AGE_BANDS}
    total = 0
    came: set[str] = set()
    for event_id, resident_id, age_band in db.execute(
        "SELECT event_id, resident_id, age_band FROM attendance WHERE deleted = 0"
    ):
        if event_id not in days:
            continue
        if resident_id is None:
            if not district:
                total += 1
                if age_band:
                    bands[age_band] += 1
            continue
        if not counted(resident_id):
            continue
        total += 1
        came.add(resident_id)
        birth = people.get(resident_id, (None,))[0]
        if birth:
            day, born = dt.date.fromisoformat(days[event_id]), dt.date.fromisoformat(birth)
            age = day.year - born.year - ((day.month, day.day) < (born.month, born.day))
            if age >= 0:
                bands[band_of(age)] += 1
    before = {
        resident_id
        for (resident_id,) in db.execute(
            "SELECT a.resident_id FROM attendance a JOIN events e ON e.id = a.event_id "
            "WHERE a.deleted = 0 AND e.deleted = 0 AND e.starts_at < ? "
            "AND a.resident_id IS NOT NULL",
            [low],
        )
    }
    sessions = [
        (resident_id, outcome, topics)
        for resident_id, outcome, topics in db.execute(
            "SELECT resident_id, outcome, topics FROM help_sessions WHERE deleted = 0 "
            "AND at >= ? AND at < ?",
            [low, high],
        )
        if not district or (resident_id is not None and counted(resident_id))
    ]
    open_follow_ups = sum(
        1
        for (resident_id,) in db.execute(
            "SELECT resident_id FROM help_sessions WHERE deleted = 0 "
            "AND follow_up_due IS NOT NULL AND follow_up_done_at IS NULL AND at < ?",
            [high],
        )
        if not district or (resident_id is not None and counted(resident_id))
    )
    by_topic: Counter[str] = Counter()
    for _, _, topics in sessions:
        by_topic.update(json.loads(topics))
    returning = len(came & before)
    return {
        "attendance_total": total,
        "attendance_unique": len(came),
        "attendance_by_age_band": bands,
        "first_time_participants": len(came - before),
        "returning_participants": returning,
        "repeat_rate": round(returning / len(came), 3) if came else 0.0,
        "help_sessions": len(sessions),
        "residents_supported": len({r for r, _, _ in sessions if r is not None}),
        "help_sessions_by_outcome": dict(Counter(outcome for _, outcome, _ in sessions)),
        "help_sessions_by_topic": dict(by_topic),
        "open_follow_ups": open_follow_ups,
    }


def assert_figures_match_rows(store: Store) -> None:
    for start, end in PERIODS:
        for district in (None, "01", "02"):
            figures = compute_kpis(store, start, end, district)
            expected = plain_figures(store, start, end, district)
            assert {key: figures[key] for key in expected} == expected, (start, end, district)
            by_topic = list(figures["help_sessions_by_topic"].values())
            assert by_topic == sorted(by_topic, reverse=True)
            with store.transaction():  # the one-connection way gives the same
                assert compute_kpis(store, start, end, district) == figures


def at(day: str) -> dt.datetime:
    return dt.datetime.fromisoformat(day).replace(hour=10, tzinfo=TZ)


def remote_stamp(offset_ms: int = 0) -> int:
    """A stamp from another desk, newer than anything written here."""
    return hlc.make_stamp(time.time_ns() // 1_000_000 + 60_000 + offset_ms)


def pulled(table: str, row_id: str, values: dict[str, Any], seq: int) -> protocol.PullPage:
    """A page from the server with one change made on another desk."""
    stamp = remote_stamp(seq)
    entry = protocol.PulledEntry(
        server_seq=seq,
        kind=protocol.KIND_CHANGE,
        table=table,
        row_id=row_id,
        desk_id="other-desk",
        fields=values,
        stamp=stamp,
    )
    return protocol.PullPage(epoch="e1", entries=[entry], next_since=seq, has_more=False)


@pytest.fixture
def volunteer(store):
    return store.add_volunteer("山田 一郎", "やまだ いちろう", ["concierge"])


def event(store: Store, day: str) -> str:
    return store.create_event({"title": f"交流会 {day}", "starts_at": f"{day}T10:00"}).id


def session(store: Store, volunteer, resident_id: str | None, day: str, outcome="solved"):
    return store.log_help_session(
        {
            "volunteer_id": volunteer.id,
            "resident_id": resident_id,
            "topics": ["LINE"],
            "minutes": 10,
            "outcome": outcome,
        },
        at=at(day),
    )


def test_a_check_in_and_a_help_session_get_the_resident_number_and_birth_date(
    store, make_resident, volunteer
):
    a = make_resident(birth_date="1950-04-02", district="01")
    b = make_resident(district="02")  # no birth date
    e1 = event(store, "2026-05-01")
    store.check_in(e1, a.id, "card")
    store.check_in(e1, b.id, "card")
    store.count_anonymous(e1, "70-79")
    session(store, volunteer, a.id, "2026-05-01")
    session(store, volunteer, None, "2026-05-01")
    rows = dict(
        (r[0], r[1:])
        for r in store.db.execute(
            "SELECT coalesce(resident_id, '-'), resident_number, resident_born FROM attendance"
        )
    )
    numbers = dict(store.db.execute("SELECT resident_id, number FROM resident_numbers"))
    assert rows[a.id] == (numbers[a.id], 19500402)
    assert rows[b.id] == (numbers[b.id], None)
    assert rows["-"] == (None, None)
    assert_keys_in_step(store)
    assert_figures_match_rows(store)


def test_keys_follow_edits_merges_tombstones_and_erasure(store, make_resident, volunteer):
    a = make_resident(family_name="阿部", family_reading="あべ", district="01")
    d = make_resident(
        family_name="阿部", family_reading="あべ", birth_date="1940-06-01", district="02"
    )
    c = make_resident(family_name="千葉", family_reading="ちば", birth_date="1950-01-01")
    e0, e1, e2 = (event(store, day) for day in ("2026-03-01", "2026-04-20", "2026-05-15"))
    for event_id, person in ((e0, d), (e1, a), (e1, d), (e2, d), (e1, c), (e2, c)):
        store.check_in(event_id, person.id, "card")
    help_d = session(store, volunteer, d.id, "2026-04-21")
    assert_keys_in_step(store)

    # A corrected birth date reaches every check-in of the person; a cleared one too.
    store.update_resident(c.id, {"birth_date": "1960-01-01"})
    assert_keys_in_step(store)
    assert_figures_match_rows(store)
    store.write("residents", c.id, {"birth_date": None})
    assert_keys_in_step(store)
    store.update_resident(c.id, {"birth_date": "1950-01-01"})

    # A merge moves D's check-ins and help session to A, who gains D's birth date (A had none)
    # and keeps their own district.
    store.merge_residents(a.id, d.id)
    assert store.get_resident(a.id).birth_date == "1940-06-01"
    assert_keys_in_step(store)
    assert_figures_match_rows(store)
    assert store.get_row("help_sessions", help_d.id)["resident_id"] == a.id

    # A help session moved to another person, and a changed outcome (a new kind of session).
    store.write("help_sessions", help_d.id, {"resident_id": c.id, "outcome": "referred"})
    assert_keys_in_step(store)
    assert_figures_match_rows(store)

    # Tombstones: a check-in taken back and a deleted resident keep their keys.
    store.write("attendance", attendance_id(e2, c.id), {"deleted": 1})
    store.delete_resident(c.id)
    assert_keys_in_step(store)
    assert_figures_match_rows(store)

    # Erasure removes the person's row and blanks their rows elsewhere: no number, no birth.
    store.erase_resident(a.id)
    assert store.db.execute(
        "SELECT count(*) FROM attendance WHERE resident_id = ?", [a.id]
    ).fetchone() == (0,)
    assert store.db.execute(
        "SELECT count(*) FROM resident_numbers WHERE resident_id = ?", [a.id]
    ).fetchone() == (0,)
    assert_keys_in_step(store)
    assert_figures_match_rows(store)


def test_a_resident_row_removed_leaves_their_check_ins_without_a_birth_date(store, make_resident):
    """No desk action removes a resident row but erasure (which also blanks their check-ins);
    the birth date is dropped all the same, as the figures read it from the resident's row."""
    a = make_resident(birth_date="1950-04-02")
    store.check_in(event(store, "2026-05-01"), a.id, "card")
    store.db.execute("DELETE FROM residents WHERE id = ?", [a.id])
    assert store.db.execute(
        "SELECT resident_number IS NOT NULL, resident_born FROM attendance"
    ).fetchone() == (1, None)
    assert_keys_in_step(store)
    assert_figures_match_rows(store)


def test_keys_of_rows_written_in_bulk(store, make_resident):
    people = [make_resident(birth_date=f"19{40 + n}-0{n + 1}-10") for n in range(3)]
    e1 = event(store, "2026-05-01")
    store.create_rows(
        "attendance",
        [
            (
                attendance_id(e1, person.id),
                {"event_id": e1, "resident_id": person.id, "method": "sheet"},
            )
            for person in people
        ],
    )
    assert_keys_in_step(store)
    assert compute_kpis(store, START, END)["attendance_unique"] == 3


def test_keys_of_pulled_rows_whoever_arrives_first(store, make_resident, volunteer):
    """Another desk's check-in may be pulled before the person it names: the birth date
    follows when the person arrives, and a birth date corrected on that desk follows too."""
    e1 = event(store, "2026-05-01")
    stranger = uuid7()
    row_id = attendance_id(e1, stranger)
    store.apply_pull_page(
        pulled("attendance", row_id, {"event_id": e1, "resident_id": stranger}, 1)
    )
    assert store.db.execute(
        "SELECT resident_born FROM attendance WHERE id = ?", [row_id]
    ).fetchone() == (None,)
    assert_keys_in_step(store)
    assert_figures_match_rows(store)  # counted, but in no age band and in no district
    store.apply_pull_page(
        pulled(
            "residents",
            stranger,
            {"family_name": "遠藤", "birth_date": "1955-05-05", "district": "02"},
            2,
        )
    )
    assert_keys_in_step(store)
    store.apply_pull_page(pulled("residents", stranger, {"birth_date": "1945-05-05"}, 3))
    assert store.db.execute(
        "SELECT resident_born FROM attendance WHERE id = ?", [row_id]
    ).fetchone() == (19450505,)
    session_id = uuid7()
    store.apply_pull_page(
        pulled(
            "help_sessions",
            session_id,
            {"resident_id": stranger, "at": "2026-05-02T10:00:00+09:00", "outcome": "partly"},
            4,
        )
    )
    assert_keys_in_step(store)
    assert_figures_match_rows(store)


def test_numbers_survive_vacuum(store, make_resident):
    people = [make_resident() for _ in range(3)]
    e1 = event(store, "2026-05-01")
    for person in people:
        store.check_in(e1, person.id, "card")
    before = list(store.db.execute("SELECT id, resident_number FROM attendance ORDER BY id"))
    store.db.execute("VACUUM")
    assert (
        list(store.db.execute("SELECT id, resident_number FROM attendance ORDER BY id")) == before
    )
    assert_keys_in_step(store)


def test_keys_of_a_pulled_page_of_many_residents_after_their_check_ins(store):
    """A page with enough new people to be inserted together (the per-row birth-date trigger
    taken out and its work done once): the check-ins pulled before them get their birth
    dates, and the trigger is back for the next person registered alone."""
    from kyojo_desk.store.sync_state import INSERT_MANY

    e1 = event(store, "2026-05-01")
    people = [uuid7() for _ in range(INSERT_MANY + 8)]
    store.apply_pull_page(
        protocol.PullPage(
            epoch="e1",
            entries=[
                pulled(
                    "attendance",
                    attendance_id(e1, person),
                    {"event_id": e1, "resident_id": person},
                    n + 1,
                ).entries[0]
                for n, person in enumerate(people)
            ],
            next_since=len(people),
            has_more=False,
        )
    )
    births = [f"19{40 + n % 50}-0{1 + n % 9}-1{n % 10}" for n in range(len(people))]
    store.apply_pull_page(
        protocol.PullPage(
            epoch="e1",
            entries=[
                pulled(
                    "residents",
                    person,
                    {"family_name": f"遠藤{n}", "birth_date": birth, "district": "02"},
                    100 + n,
                ).entries[0]
                for n, (person, birth) in enumerate(zip(people, births, strict=True))
            ],
            next_since=100 + len(people),
            has_more=False,
        )
    )
    assert store.db.execute(
        "SELECT count(*) FROM attendance WHERE resident_born IS NOT NULL"
    ).fetchone() == (len(people),)
    assert_keys_in_step(store)
    assert store.db.execute(
        "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name = ?",
        ["residents_kpi_born_insert"],
    ).fetchone() == (1,)
    late = uuid7()
    store.apply_pull_page(
        pulled("attendance", attendance_id(e1, late), {"event_id": e1, "resident_id": late}, 500)
    )
    store.apply_pull_page(pulled("residents", late, {"birth_date": "1960-01-02"}, 501))
    assert_keys_in_step(store)


def test_an_existing_database_gets_its_keys_when_migrated(data_dir):
    """Rows written before migration m008 (straight into the tables) get their keys."""
    path = data_dir / "old.db"
    db = connect(path)
    migrations.apply(db, stop_before="m008_kpi_integer_keys")
    db.conn.executemany(
        "INSERT INTO residents(id, birth_date, district) VALUES (?, ?, ?)",
        [("r1", "1940-06-01", "01"), ("r2", "", "01"), ("r3", "1990-12-31", "02")],
    )
    db.conn.executemany(
        "INSERT INTO events(id, starts_at) VALUES (?, ?)",
        [("e1", "2026-03-01T10:00"), ("e2", "2026-05-01T10:00")],
    )
    db.conn.executemany(
        "INSERT INTO attendance(id, event_id, resident_id, age_band) VALUES (?, ?, ?, ?)",
        [
            ("a1", "e1", "r1", None),
            ("a2", "e2", "r1", None),
            ("a3", "e2", "r2", None),
            ("a4", "e2", "r3", None),
            ("a5", "e2", "gone", None),  # a person this desk no longer has
            ("a6", "e2", None, "60-69"),
        ],
    )
    db.conn.executemany(
        "INSERT INTO help_sessions(id, resident_id, at, outcome, topics) VALUES (?, ?, ?, ?, ?)",
        [
            ("h1", "r1", "2026-05-01T10:00", "solved", '["LINE"]'),
            ("h2", None, "2026-05-02T10:00", "partly", '["LINE", "設定"]'),
            ("h3", "r3", "2026-07-01T10:00", "solved", '["LINE"]'),
        ],
    )
    db.conn.close()
    with Store.open(path) as store:
        assert store.migration_copy is not None
        assert_keys_in_step(store)
        assert_figures_match_rows(store)
        figures = compute_kpis(store, START, END)
        assert figures["attendance_total"] == 5 and figures["attendance_unique"] == 4
        assert figures["returning_participants"] == 1  # r1 came in March
        assert figures["attendance_by_age_band"]["80-"] == 1  # r1; r2 has no birth date
        assert figures["attendance_by_age_band"]["60-69"] == 1  # the head count
        assert figures["attendance_by_age_band"]["20-39"] == 1  # r3 (35 on the day)


def test_random_data_gives_the_figures_worked_out_from_the_rows(store, make_resident, volunteer):
    rng = random.Random(7)
    people = []
    for n in range(40):
        birth = dt.date(rng.randrange(1925, 2020), rng.randrange(1, 13), rng.randrange(1, 29))
        people.append(
            make_resident(
                family_name=f"住民{n}",
                family_reading="じゅうみん",
                district=rng.choice(["01", "02", "03"]),
                birth_date=birth.isoformat() if rng.random() < 0.85 else None,
            )
        )
    days = [dt.date(2026, 1, 1) + dt.timedelta(days=rng.randrange(365)) for _ in range(12)]
    events = [event(store, day.isoformat()) for day in days]
    for event_id in events:
        for person in rng.sample(people, rng.randrange(3, 15)):
            store.check_in(event_id, person.id, "card")
        for _ in range(rng.randrange(3)):
            store.count_anonymous(event_id, rng.choice([name for name, _, _ in AGE_BANDS]))
    outcomes = list(OUTCOME_LABELS)
    for _ in range(60):
        day = dt.date(2026, 1, 1) + dt.timedelta(days=rng.randrange(365))
        store.log_help_session(
            {
                "volunteer_id": volunteer.id,
                "resident_id": rng.choice(people).id if rng.random() < 0.8 else None,
                "topics": rng.sample(DEFAULT_TOPICS, rng.randrange(1, 3)),
                "minutes": 10,
                "outcome": rng.choice(outcomes),
                "follow_up_due": "2026-12-01",
            },
            at=at(day.isoformat()),
        )
    # Edits after the fact: birth dates corrected, two merges, an erasure, a deleted event.
    for person in rng.sample(people, 5):
        store.update_resident(person.id, {"birth_date": f"{rng.randrange(1930, 2010)}-03-03"})
    store.merge_residents(people[0].id, people[1].id)
    store.merge_residents(people[2].id, people[3].id)
    store.erase_resident(people[4].id)
    store.write("events", events[0], {"deleted": 1})
    assert_keys_in_step(store)
    assert_figures_match_rows(store)


def test_residents_inserted_in_bulk_reach_their_check_ins_and_the_trigger_stays(
    store, make_resident, monkeypatch
):
    """A bulk insert (roster import) takes the per-row birth-date trigger out for its own
    statement: a check-in pulled before the person still gets the birth date, and the trigger
    is back afterwards, also when the insert is rolled back."""
    from kyojo_desk.records.resident import Consent
    from kyojo_desk.store import residents as residents_module

    def trigger_present() -> bool:
        return store.db.execute(
            "SELECT count(*) FROM sqlite_master WHERE name = 'residents_kpi_born_insert'"
        ).fetchone() == (1,)

    e1 = event(store, "2026-05-01")
    arrived_late = uuid7()
    row_id = attendance_id(e1, arrived_late)
    store.apply_pull_page(
        pulled("attendance", row_id, {"event_id": e1, "resident_id": arrived_late}, 1)
    )
    real_many = residents_module.uuid7_many
    monkeypatch.setattr(
        residents_module, "uuid7_many", lambda count: [arrived_late, *real_many(count - 1)]
    )
    paper = Consent(scopes=["keep_record"], method="signed_paper", witnessed_by="受付 花子")
    people = [
        {"family_name": "遠藤", "family_reading": "えんどう", "birth_date": "1955-05-05"},
        {"family_name": "小林", "family_reading": "こばやし", "birth_date": "1960-01-02"},
    ]
    ids = store.insert_residents([(person, paper) for person in people])
    assert ids[0] == arrived_late
    assert store.db.execute(
        "SELECT resident_born FROM attendance WHERE id = ?", [row_id]
    ).fetchone() == (19550505,)
    assert trigger_present()
    monkeypatch.setattr(residents_module, "uuid7_many", real_many)
    with pytest.raises(RuntimeError), store.transaction():
        store.insert_residents([({"family_name": "森", "family_reading": "もり"}, paper)])
        raise RuntimeError("cancelled")
    assert trigger_present()
    # The trigger still works for a single registration after a bulk insert.
    late_again = uuid7()
    store.apply_pull_page(
        pulled(
            "attendance",
            attendance_id(e1, late_again),
            {"event_id": e1, "resident_id": late_again},
            2,
        )
    )
    store.apply_pull_page(
        pulled("residents", late_again, {"family_name": "林", "birth_date": "1970-07-07"}, 3)
    )
    assert_keys_in_step(store)
