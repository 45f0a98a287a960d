"""Migration m103 (the digital-divide table's skills and their owners in covering indexes): the
table's figures equal a plain join of the skill and resident rows, worked out here row by row,
through edits, deletes, merges and erasure; on the databases of release 0.1 (plain and
encrypted), on a desk made before m103 and on a new desk the indexes are there and read."""

from __future__ import annotations

import datetime as dt

import pytest

from kyojo_desk.security.desk import open_desk_store
from kyojo_desk.store import Store
from kyojo_desk.store.database import connect
from kyojo_desk.store.kpi import AGE_BANDS, APP_REGISTRATION_SKILL, UNKNOWN_AGE, compute_kpis
from kyojo_desk.store.migrations import migrations
from tests.fixtures.release_0_1 import load_desk

PERIODS = (
    (dt.date(2025, 4, 1), dt.date(2026, 3, 31)),
    (dt.date(2026, 4, 1), dt.date(2027, 3, 31)),
    (dt.date(2000, 1, 1), dt.date(2030, 12, 31)),
)


def band_on(birth_date: str | None, day: dt.date) -> str:
    if not birth_date:
        return UNKNOWN_AGE
    born = dt.date.fromisoformat(birth_date)
    age = day.year - born.year - ((day.month, day.day) < (born.month, born.day))
    return [name for name, low, _ in AGE_BANDS if age >= low][-1]


def plain_skill_cells(store: Store, start: dt.date, end: dt.date, district: str | None) -> dict:
    """(district, age band) → [app registered, skills gained], from the rows one by one."""
    low, high = start.isoformat(), (end + dt.timedelta(days=1)).isoformat()
    people = {
        row[0]: row[1:]
        for row in store.db.execute(
            "SELECT id, district, birth_date, created_at, deleted FROM residents"
        )
    }
    cells: dict[tuple[str, str], list[int]] = {}
    for owner, skill, since, deleted in store.db.execute(
        "SELECT resident_id, skill, independent_since, deleted FROM resident_skills"
    ):
        if deleted or since is None or since >= high or owner not in people:
            continue
        person_district, birth_date, created_at, person_deleted = people[owner]
        if person_deleted or created_at >= high or (district and person_district != district):
            continue
        cell = cells.setdefault((person_district, band_on(birth_date, end)), [0, 0])
        cell[0] += skill == APP_REGISTRATION_SKILL
        cell[1] += since >= low
    return {key: cell for key, cell in cells.items() if any(cell)}


def dashboard_skill_cells(store: Store, start: dt.date, end: dt.date, district) -> dict:
    rows = compute_kpis(store, start, end, district)["digital_divide"]["rows"]
    return {
        (row["district"], row["age_band"]): [row["app_registered"], row["skills_gained"]]
        for row in rows
        if row["app_registered"] or row["skills_gained"]
    }


def assert_figures_match_rows(store: Store) -> None:
    districts = [None] + [
        row[0] for row in store.db.execute("SELECT DISTINCT district FROM residents")
    ]
    for start, end in PERIODS:
        for district in districts:
            expected = plain_skill_cells(store, start, end, district)
            assert dashboard_skill_cells(store, start, end, district) == expected, (
                start,
                district,
            )


def skill_indexes_read(store: Store) -> bool:
    plan = " ".join(
        row[-1]
        for row in store.db.execute(
            "EXPLAIN QUERY PLAN SELECT r.district FROM resident_skills s "
            "INDEXED BY resident_skills_owner CROSS JOIN residents r "
            "INDEXED BY residents_skill_owner ON r.id = s.resident_id "
            "WHERE s.deleted = 0 AND r.deleted = 0"
        )
    )
    return "COVERING INDEX resident_skills_owner" in plan and (
        "COVERING INDEX residents_skill_owner" in plan
    )


def test_skill_figures_follow_edits_deletes_merges_and_erasure(store, make_resident):
    a = make_resident(family_name="阿部", family_reading="あべ", district="01")
    b = make_resident(
        family_name="馬場", family_reading="ばば", birth_date="1940-06-01", district="02"
    )
    c = make_resident(
        family_name="千葉", family_reading="ちば", birth_date="1990-01-01", district="01"
    )
    d = make_resident(
        family_name="土井", family_reading="どい", birth_date="1955-09-30", district="02"
    )
    store.mark_skill(a.id, APP_REGISTRATION_SKILL, dt.date(2025, 6, 1))
    store.mark_skill(a.id, "line", dt.date(2026, 5, 1))
    store.mark_skill(b.id, APP_REGISTRATION_SKILL, dt.date(2026, 4, 10))
    store.mark_skill(b.id, "camera", dt.date(2024, 12, 1))
    store.mark_skill(c.id, "line", dt.date(2026, 7, 1))
    store.mark_skill(d.id, APP_REGISTRATION_SKILL, dt.date(2025, 9, 1))
    store.mark_skill(d.id, "line", dt.date(2025, 9, 2))
    assert_figures_match_rows(store)
    assert sum(cell[0] for cell in plain_skill_cells(store, *PERIODS[2], None).values()) == 3

    # An earlier date, a moved person, a corrected and a cleared birth date.
    store.mark_skill(c.id, "line", dt.date(2025, 5, 1))
    store.update_resident(a.id, {"district": "02"})
    store.update_resident(c.id, {"birth_date": "1950-01-01"})
    store.write("residents", b.id, {"birth_date": None})
    assert_figures_match_rows(store)

    # A skill taken back, then given again; a deleted person's skills no longer count.
    skill = store.db.execute(
        "SELECT id FROM resident_skills WHERE resident_id = ? AND skill = 'line'", [a.id]
    ).fetchone()[0]
    store.write("resident_skills", skill, {"deleted": 1})
    assert_figures_match_rows(store)
    store.mark_skill(a.id, "line", dt.date(2026, 6, 1))
    store.delete_resident(c.id)
    assert_figures_match_rows(store)

    # A merge keeps one of the two; erasure removes the person and what is theirs.
    store.merge_residents(a.id, d.id)
    assert_figures_match_rows(store)
    store.erase_resident(b.id)
    assert_figures_match_rows(store)
    assert skill_indexes_read(store)


@pytest.mark.parametrize("encrypted", [False, True], ids=["plain", "encrypted"])
def test_release_0_1_desk_gets_the_skill_owner_indexes(tmp_path, monkeypatch, encrypted):
    monkeypatch.setenv("KYOJO_KEYRING", "file")
    with open_desk_store(load_desk(tmp_path / "desk", encrypted)) as store:
        assert skill_indexes_read(store)
        indexes = [row[1] for row in store.db.execute("PRAGMA index_list(resident_skills)")]
        assert "resident_skills_resident" not in indexes
        people = [row[0] for row in store.db.execute("SELECT id FROM residents LIMIT 3")]
        assert people, "the fixture has residents"
        for number, person in enumerate(people):
            store.mark_skill(person, APP_REGISTRATION_SKILL, dt.date(2026, 4 + number, 1))
        assert_figures_match_rows(store)


def test_a_desk_made_before_m103_gets_the_indexes_and_keeps_its_figures(data_dir):
    path = data_dir / "m102.db"
    db = connect(path)
    migrations.apply(db, stop_before="m103_kpi_skill_owner_indexes")
    db.execute(
        "INSERT INTO residents(id, family_name, family_reading, district, created_at) "
        "VALUES ('r1', '江口', 'えぐち', '03', '2026-04-02T10:00:00+09:00')"
    )
    db.execute(
        "INSERT INTO resident_skills(id, resident_id, skill, independent_since) "
        f"VALUES ('s1', 'r1', '{APP_REGISTRATION_SKILL}', '2026-05-01')"
    )
    db.conn.commit()
    db.conn.close()
    with Store.open(path) as store:
        store.mark_skill("r1", "line", dt.date(2026, 6, 1))
        assert skill_indexes_read(store)
        indexes = [row[1] for row in store.db.execute("PRAGMA index_list(resident_skills)")]
        assert "resident_skills_resident" not in indexes
        assert_figures_match_rows(store)
        assert dashboard_skill_cells(store, *PERIODS[1], None) == {("03", UNKNOWN_AGE): [1, 2]}


def test_a_new_desk_has_the_skill_owner_indexes(store):
    assert skill_indexes_read(store)
