"""The dashboard's fast paths answer as plain computations from the rows do, on a random small
town with the awkward cases: birth dates on a band's first and last day, on 29 February, empty
or unknown; residents with no district, moved, removed, merged and erased; a resident pulled
after their check-ins and one never pulled; periods that cross 31 March, a January, one day.

- the digital-divide table (residents by district × age band, smartphones, skills), whose bands
  are ranges of an index per district;
- the attendance figures, whose ages come from each resident number's birth date;
- KPI ③, whose leaders' training days are read once per count.
"""

from __future__ import annotations

import datetime as dt
import json
import random

import pytest

from kyojo_desk.ids import uuid7
from kyojo_desk.records.help import CONCIERGE_COURSE, DIGITAL_SUPPORT_COURSE
from kyojo_desk.store import Store
from kyojo_desk.store.events import attendance_id
from kyojo_desk.store.kpi import (
    AGE_BANDS,
    APP_REGISTRATION_SKILL,
    SMARTPHONES,
    UNKNOWN_AGE,
    compute_kpis,
)
from tests.unit.test_kpi_keys import plain_figures, pulled

PERIODS = [
    (dt.date(2026, 4, 1), dt.date(2027, 3, 31)),
    (dt.date(2026, 1, 1), dt.date(2026, 12, 31)),
    (dt.date(2027, 1, 1), dt.date(2027, 1, 31)),
    (dt.date(2024, 2, 29), dt.date(2024, 2, 29)),
    (dt.date(2026, 3, 15), dt.date(2026, 4, 14)),
]
DISTRICTS = [None, "01", "02", "03"]


def age_band_on(birth_date: str | None, day: dt.date) -> str:
    """The band of someone born on `birth_date` (ISO) on `day`, by whole years of age."""
    if not birth_date:
        return UNKNOWN_AGE
    born = dt.date.fromisoformat(birth_date)
    age = day.year - born.year - ((day.month, day.day) < (born.month, born.day))
    return [name for name, low, _ in AGE_BANDS if age >= low][-1] if age >= 0 else "0-19"


def plain_digital_divide(store: Store, start: dt.date, end: dt.date, district) -> dict:
    """The digital-divide table worked out person by person from the rows."""
    low, high = start.isoformat(), (end + dt.timedelta(days=1)).isoformat()
    cells: dict[tuple[str, str], dict[str, int]] = {}
    people = {}
    for person_id, person_district, birth_date, phone, created_at, deleted in store.db.execute(
        "SELECT id, district, birth_date, smartphone, created_at, deleted FROM residents"
    ):
        if deleted or created_at >= high or (district and person_district != district):
            continue
        key = (person_district, age_band_on(birth_date, end))
        people[person_id] = key
        cell = cells.setdefault(
            key, {"residents": 0, "smartphone": 0, "app_registered": 0, "skills_gained": 0}
        )
        cell["residents"] += 1
        cell["smartphone"] += phone in SMARTPHONES
    for owner, skill, since, deleted in store.db.execute(
        "SELECT resident_id, skill, independent_since, deleted FROM resident_skills"
    ):
        if deleted or since is None or since >= high or owner not in people:
            continue
        cells[people[owner]]["app_registered"] += skill == APP_REGISTRATION_SKILL
        cells[people[owner]]["skills_gained"] += since >= low
    return cells


def dashboard_digital_divide(figures: dict) -> dict:
    return {
        (row["district"], row["age_band"]): {
            key: row[key] for key in ("residents", "smartphone", "app_registered", "skills_gained")
        }
        for row in figures["digital_divide"]["rows"]
    }


def assert_fast_paths_agree(store: Store) -> None:
    for start, end in PERIODS:
        for district in DISTRICTS:
            figures = compute_kpis(store, start, end, district)
            assert dashboard_digital_divide(figures) == plain_digital_divide(
                store, start, end, district
            ), (start, end, district)
            expected = plain_figures(store, start, end, district)
            assert {key: figures[key] for key in expected} == expected, (start, end, district)


def on_band_edges(end: dt.date) -> list[str]:
    """Birth dates on the first and last day of each band for a period ending on `end`."""
    dates = []
    for _, low, _ in AGE_BANDS[1:]:
        try:
            birthday = end.replace(year=end.year - low)
        except ValueError:  # 29 February in a year without one
            birthday = dt.date(end.year - low, 3, 1)
        dates += [birthday.isoformat(), (birthday + dt.timedelta(days=1)).isoformat()]
    return dates


@pytest.fixture
def town(store, make_resident):
    rng = random.Random(13)
    birth_dates = [None, "", "1944-02-29", "1964-02-29", "2004-02-29", "2026-06-01"]
    for _, end in PERIODS:
        birth_dates += on_band_edges(end)
    people = []
    for number in range(70):
        birth = (
            birth_dates[number]
            if number < len(birth_dates)
            else dt.date(
                rng.randrange(1925, 2022), rng.randrange(1, 13), rng.randrange(1, 29)
            ).isoformat()
        )
        person = make_resident(
            family_name=f"住民{number}",
            family_reading="じゅうみん",
            district=rng.choice(["01", "02", "03", ""]),
            birth_date=birth or None,
            smartphone=rng.choice(["none", "android", "iphone", "feature_phone"]),
        )
        created = dt.date(2023, 1, 1) + dt.timedelta(days=rng.randrange(5 * 365))
        values = {"created_at": f"{created.isoformat()}T09:00:00+09:00"}
        if birth == "":
            values["birth_date"] = ""  # an empty text, as an old import could leave it
        store.write("residents", person.id, values)
        people.append(person)
    for person in rng.sample(people, 35):
        for skill in rng.sample([APP_REGISTRATION_SKILL, "line", "camera"], rng.randrange(1, 3)):
            day = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(4 * 365))
            store.mark_skill(person.id, skill, day)
    events = []
    for _ in range(25):
        day = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(4 * 365))
        events.append(store.create_event({"title": f"行事 {day}", "starts_at": f"{day}T10:00"}).id)
    for event_id in events:
        for person in rng.sample(people, rng.randrange(2, 12)):
            store.check_in(event_id, person.id, "card")
        for _ in range(rng.randrange(3)):
            store.count_anonymous(event_id, rng.choice([name for name, _, _ in AGE_BANDS]))
    # A check-in pulled for someone not on this desk, and one for someone pulled later.
    never_pulled, pulled_later = uuid7(), uuid7()
    for seq, person_id in enumerate((never_pulled, pulled_later), start=1):
        store.apply_pull_page(
            pulled(
                "attendance",
                attendance_id(events[seq], person_id),
                {"event_id": events[seq], "resident_id": person_id},
                seq,
            )
        )
    store.apply_pull_page(
        pulled(
            "residents",
            pulled_later,
            {"family_name": "林", "birth_date": "1950-04-01", "district": "02"},
            3,
        )
    )
    return store, people, rng


def test_fast_paths_answer_as_the_rows_say(town):
    store, _, _ = town
    assert_fast_paths_agree(store)


def test_fast_paths_follow_edits_removals_merges_and_erasure(town):
    store, people, rng = town
    for person in rng.sample(people, 6):
        store.update_resident(person.id, {"birth_date": f"{rng.randrange(1930, 2010)}-02-28"})
    store.write("residents", people[20].id, {"birth_date": None})
    store.update_resident(people[21].id, {"district": "03"})
    store.update_resident(people[22].id, {"smartphone": "iphone"})
    store.delete_resident(people[23].id)
    store.merge_residents(people[24].id, people[25].id)
    store.erase_resident(people[26].id)
    assert_fast_paths_agree(store)


def plain_led_by_concierge(store: Store, start: dt.date, end: dt.date) -> int:
    """Events of the period led by a volunteer (not removed) with a share-concierge training
    dated on or before the event's day, from the rows one by one."""
    trainings = {
        volunteer_id: json.loads(trainings)
        for volunteer_id, trainings in store.db.execute(
            "SELECT id, trainings FROM volunteers WHERE deleted = 0"
        )
    }
    count = 0
    for led_by, starts_at in store.db.execute(
        "SELECT led_by, starts_at FROM events WHERE deleted = 0 AND led_by IS NOT NULL"
    ):
        day = starts_at[:10]
        if not start.isoformat() <= day <= end.isoformat():
            continue
        count += any(
            training.get("course") == CONCIERGE_COURSE
            and training.get("date") is not None
            and training["date"] <= day
            for training in trainings.get(led_by, [])
        )
    return count


def test_kpi_3_counts_leaders_trained_by_the_event_day(store):
    """Leaders trained once, twice, in another course only, with a training without a date,
    removed; events on the day of a training, the day before, across 31 March."""
    rng = random.Random(3)
    leaders = []
    for number in range(8):
        leader = store.add_volunteer(f"支援員{number}", "しえんいん", ["concierge"])
        leaders.append(leader)
        for _ in range(rng.randrange(0, 3)):
            day = dt.date(2025, 1, 1) + dt.timedelta(days=rng.randrange(3 * 365))
            course = rng.choice([CONCIERGE_COURSE, CONCIERGE_COURSE, DIGITAL_SUPPORT_COURSE])
            store.record_training(leader.id, course, day.isoformat())
    twice = store.add_volunteer("二回", "にかい", ["concierge"])
    store.record_training(twice.id, CONCIERGE_COURSE, "2025-06-01")
    store.record_training(twice.id, CONCIERGE_COURSE, "2026-06-01")  # again, a year later
    store.create_event({"title": "サロン", "starts_at": "2025-12-01T10:00", "led_by": twice.id})
    undated = store.db.execute("SELECT trainings FROM volunteers WHERE id = ?", [leaders[0].id])
    store.write(
        "volunteers",
        leaders[0].id,
        {"trainings": [*json.loads(undated.fetchone()[0]), {"course": CONCIERGE_COURSE}]},
    )
    days = [dt.date(2025, 1, 1) + dt.timedelta(days=rng.randrange(3 * 365)) for _ in range(40)]
    for (trainings,) in store.db.execute("SELECT trainings FROM volunteers"):
        for training in json.loads(trainings):  # its day and the day before it
            if training.get("date"):
                trained = dt.date.fromisoformat(training["date"])
                days += [trained, trained - dt.timedelta(days=1)]
    for day in days:
        store.create_event(
            {
                "title": f"サロン {day}",
                "starts_at": f"{day}T10:00",
                "led_by": rng.choice(leaders).id,
            }
        )
    store.write("volunteers", leaders[1].id, {"deleted": 1})  # removed after leading
    for start, end in [*PERIODS, (dt.date(2024, 4, 1), dt.date(2027, 3, 31))]:
        figures = compute_kpis(store, start, end)
        assert figures["volunteer_led_events"] == plain_led_by_concierge(store, start, end)
    assert plain_led_by_concierge(store, dt.date(2024, 4, 1), dt.date(2027, 3, 31)) > 0
