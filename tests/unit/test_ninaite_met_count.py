"""The dashboard's 担い手活動 figures on a random year of designated activities (multi-day
activities, people from far away with runs of consecutive days, people removed, merged and
erased, a check-in pulled for someone not on this desk, days across 31 March, a deleted
activity), for the city and each district: 「年3回を満たした人」 (ninaite_met_count) equals the
count of people whose full tally (ninaite_year) is met, and the people and check-ins taken part
equal a plain join of the rows, as do the 関係人口 who took part."""

from __future__ import annotations

import datetime as dt
import random

from kyojo_desk.ids import uuid7
from kyojo_desk.records.resident import ResidentKind
from kyojo_desk.store import Store
from kyojo_desk.store.events import attendance_id
from kyojo_desk.store.kpi import compute_kpis, ninaite_met_count
from tests.unit.test_kpi_keys import pulled

PERIODS = [
    (dt.date(2026, 4, 1), dt.date(2027, 3, 31)),
    (dt.date(2026, 3, 1), dt.date(2026, 4, 15)),
    (dt.date(2026, 4, 20), dt.date(2026, 4, 20)),
]


def expected_met(store: Store, fiscal_year: int, district: str | None) -> int:
    return sum(
        1
        for resident, tally in store.ninaite_year(fiscal_year)
        if tally.met and (not district or resident.district == district)
    )


def plain_taking_part(store: Store, start: dt.date, end: dt.date, district: str | None):
    """People and check-ins (person, activity, day) at 担い手活動 on the period's days, by a
    join of the rows: only people on this desk and not removed."""
    return store.db.execute(
        "SELECT count(DISTINCT a.resident_id), count(DISTINCT a.resident_id || a.event_id || "
        "a.day) FROM attendance a JOIN events e ON e.id = a.event_id "
        "JOIN residents r ON r.id = a.resident_id AND r.deleted = 0 "
        "WHERE e.deleted = 0 AND e.ninaite_activity = 1 AND a.deleted = 0 "
        "AND a.day BETWEEN ? AND ?" + (" AND r.district = ?" if district else ""),
        [start.isoformat(), end.isoformat(), *([district] if district else [])],
    ).fetchone()


def plain_related(store: Store, start: dt.date, end: dt.date, district: str | None) -> int:
    """関係人口 checked in at any event on the period's days, by a join of the rows."""
    return store.db.execute(
        "SELECT count(DISTINCT a.resident_id) FROM attendance a JOIN residents r "
        "ON r.id = a.resident_id AND r.kind = 'related' AND r.deleted = 0 "
        "WHERE a.deleted = 0 AND a.day BETWEEN ? AND ?"
        + (" AND r.district = ?" if district else ""),
        [start.isoformat(), end.isoformat(), *([district] if district else [])],
    ).fetchone()[0]


def assert_counts_agree(store: Store) -> None:
    for start, end in PERIODS:
        for district in (None, "01", "02"):
            figures = compute_kpis(store, start, end, district)
            taking_part = (figures["ninaite_participants"], figures["ninaite_check_ins"])
            assert taking_part == plain_taking_part(store, start, end, district), (start, district)
            related = plain_related(store, start, end, district)
            assert figures["related_participants"] == related, (start, district)
    for fiscal_year in (2025, 2026):
        for district in (None, "01", "02", "03"):
            expected = expected_met(store, fiscal_year, district)
            assert ninaite_met_count(store, fiscal_year, district) == expected, (
                fiscal_year,
                district,
            )


def test_the_met_count_equals_the_full_tally(store, make_resident):
    rng = random.Random(13)
    people = []
    for n in range(30):
        person = make_resident(
            family_name=f"住民{n}",
            family_reading="じゅうみん",
            district=rng.choice(["01", "02", "03"]),
        )
        if rng.random() < 0.4:  # from far away: consecutive days count each
            store.write("residents", person.id, {"kind": ResidentKind.RELATED.value})
        people.append(person)
    activities = []
    for n in range(14):
        first = dt.date(2026, 3, 20) + dt.timedelta(days=rng.randrange(60))
        last = first + dt.timedelta(days=rng.randrange(4))
        activities.append(
            (
                store.create_event(
                    {
                        "title": f"活動{n}",
                        "starts_at": f"{first}T09:00",
                        "ends_at": f"{last}T17:00",
                        "ninaite_activity": True,
                    }
                ),
                first,
                last,
            )
        )
    salon = store.create_event({"title": "サロン", "starts_at": "2026-04-10T10:00"})
    for activity, first, last in activities:
        for person in rng.sample(people, rng.randrange(4, 16)):
            for offset in range((last - first).days + 1):
                if rng.random() < 0.7:
                    day = (first + dt.timedelta(days=offset)).isoformat()
                    store.check_in(activity.id, person.id, "card", at=f"{day}T10:00:00+09:00")
    for person in people[:10]:
        store.check_in(salon.id, person.id, "card", at="2026-04-10T10:00:00+09:00")
    # Someone another desk checked in, whose record has not reached this desk.
    stranger = uuid7()
    store.apply_pull_page(
        pulled(
            "attendance",
            attendance_id(activities[1][0].id, stranger),
            {
                "event_id": activities[1][0].id,
                "resident_id": stranger,
                "day": str(activities[1][1]),
            },
            1,
        )
    )
    assert_counts_agree(store)
    assert compute_kpis(store, dt.date(2026, 4, 1), dt.date(2027, 3, 31))["ninaite_met"] == (
        expected_met(store, 2026, None)
    )
    assert expected_met(store, 2026, None) > 0, "some people meet it"
    assert plain_taking_part(store, *PERIODS[0], None)[1] > 100, "many check-ins to count"
    assert plain_related(store, *PERIODS[0], None) > 3, "people from far away took part"
    # Removed, merged and erased people, and an activity deleted, leave both counts alike.
    store.write("residents", people[0].id, {"deleted": 1})
    store.merge_residents(people[1].id, people[2].id)
    store.erase_resident(people[3].id)
    store.write("events", activities[0][0].id, {"deleted": 1})
    assert_counts_agree(store)
