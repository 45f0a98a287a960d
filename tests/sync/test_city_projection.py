"""The city-wide view's projection (kyojo_desk/central/city_projection.py) on SQLite and
PostgreSQL: the view equals the sum of two desks' own `kpi --json` figures before and after
edits, deletes, a merge and an erasure; unsharing leaves only the stub's facts; the projection
kept up change by change equals one built afresh from the records; the background round
catches up without a view; release 0.1 centrals and centrals of the release before the
projection build it when they migrate."""

from __future__ import annotations

import datetime as dt
import time
import uuid
from typing import Any

from kyojo_desk.central import migrations
from kyojo_desk.central.city_kpi import city_kpis
from kyojo_desk.central.city_projection import (
    PROJECTED,
    PROJECTION_TABLES,
    YEAR_TOTALS,
    CityProjection,
)
from kyojo_desk.central.storage import open_storage
from kyojo_desk.records.help import CONCIERGE_COURSE
from kyojo_desk.store import Store
from kyojo_desk.store.consent_scopes import change_scopes
from kyojo_desk.store.districts import ensure_districts
from kyojo_desk.store.kpi import FLAT_KEYS, PLAN_KPIS, compute_kpis, fiscal_year_bounds
from kyojo_desk.sync.engine import SyncReport, client_for, push_all
from tests.fixtures.release_0_1 import contents
from tests.sync.conftest import database_url, register
from tests.sync.test_city_kpi import all_rows, build_town, upload

CITY = "uenohara"
JST = dt.timezone(dt.timedelta(hours=9))
PERIODS = (
    fiscal_year_bounds(2025),
    (dt.date(2026, 2, 1), dt.date(2026, 5, 31)),  # across 31 March
)
RATES = ("repeat_rate", "match_rate")
TALLIES = (
    "help_sessions_by_topic",
    "help_sessions_by_outcome",
    "events_by_kind",
    "attendance_by_age_band",
)
WITNESS = "受付 花子"


def push(store: Store) -> None:
    """Send the desk's changes without pulling anyone else's: its own figures stay its own."""
    push_all(store, client_for(store, backoff_s=0.05), SyncReport())


def desks_sum(first: dict[str, Any], second: dict[str, Any]) -> dict[str, Any]:
    """Two desks' `kpi --json` figures added up, for desks whose people are not shared."""
    total: dict[str, Any] = {key: first[key] + second[key] for key in FLAT_KEYS if key not in RATES}
    for key in TALLIES:
        total[key] = {
            name: first[key].get(name, 0) + second[key].get(name, 0)
            for name in {*first[key], *second[key]}
        }
    unique = total["attendance_unique"]
    total["repeat_rate"] = round(total["returning_participants"] / unique, 3) if unique else 0.0
    made = total["aid_requests_made"]
    total["match_rate"] = round(total["aid_requests_matched"] / made, 3) if made else None
    cells: dict[tuple[str, str], dict[str, int]] = {}
    for figures in (first, second):
        for row in figures["digital_divide"]["rows"]:
            cell = cells.setdefault((row["district"], row["age_band"]), {})
            for name, value in row.items():
                if isinstance(value, int):
                    cell[name] = cell.get(name, 0) + value
    total["digital_divide"] = cells
    total["cumulative"] = {
        kpi: first["cumulative"][kpi]["value"] + second["cumulative"][kpi]["value"]
        for kpi in PLAN_KPIS
    }
    return total


def comparable(figures: dict[str, Any]) -> dict[str, Any]:
    """The keys `desks_sum` adds up, as it shapes them."""
    shaped = {key: figures[key] for key in (*FLAT_KEYS, *TALLIES)}
    shaped["digital_divide"] = {
        (row["district"], row["age_band"]): {
            name: value for name, value in row.items() if isinstance(value, int)
        }
        for row in figures["digital_divide"]["rows"]
    }
    shaped["cumulative"] = {kpi: figures["cumulative"][kpi]["value"] for kpi in PLAN_KPIS}
    return shaped


def view(central, start: dt.date, end: dt.date, city: str = CITY) -> dict[str, Any]:
    storage = central.storage if hasattr(central, "storage") else central
    return city_kpis(storage.database, city, start, end, storage.desks(city))


def projected_afresh(storage, city: str, start: dt.date, end: dt.date) -> dict[str, Any]:
    """The view over a projection made anew from all of the city's records."""
    with storage.transaction() as tx:
        for table in (*PROJECTION_TABLES, "kpi_watermarks"):
            tx.execute(f"DELETE FROM {table} WHERE city = ?", [city])
    return view(storage, start, end, city)


def at(day: str) -> dt.datetime:
    return dt.datetime.fromisoformat(f"{day}T10:00").replace(tzinfo=JST)


def make_desk(store: Store, prefix: str, district: str) -> dict[str, Any]:
    """A year of one desk: a trained leader, people, events across 31 March, check-ins, a head
    count, help sessions, a 共助 request and a skill. Returns the ids the edits need."""
    ensure_districts(store)
    leader = store.add_volunteer(f"{prefix} 一郎", "いちろう", ["concierge"])
    store.record_training(leader.id, CONCIERGE_COURSE, "2025-05-01")
    people = {}
    for name, born, phone in (
        ("阿部", "1940-06-01", "none"),
        ("馬場", "1990-01-01", "iphone"),
        ("千葉", "1950-04-01", "android"),
        ("土井", "2001-05-05", "android"),
    ):
        people[name] = register(
            store, family_name=f"{prefix}{name}", family_reading="あべ", district=district,
            birth_date=born, smartphone=phone,
        )  # fmt: skip
        store.write("residents", people[name], {"created_at": "2025-06-01T09:00:00+09:00"})
    spring = store.create_event(
        {"title": "春の会", "kind": "smartphone_class", "starts_at": "2025-05-10T10:00",
         "led_by": leader.id}
    )  # fmt: skip
    winter = store.create_event(
        {"title": "冬の会", "kind": "exchange", "starts_at": "2026-02-15T10:00"}
    )
    april = store.create_event(
        {"title": "四月の会", "kind": "exchange", "starts_at": "2026-04-05T10:00"}
    )
    check_ins = {}
    for event, names in ((spring, ("阿部", "馬場", "千葉")), (winter, ("阿部", "土井")),
                         (april, ("馬場",))):  # fmt: skip
        for name in names:
            check_ins[(event.id, name)] = store.check_in(event.id, people[name], "card")
    store.count_anonymous(spring.id, "70-79")
    sessions = [
        store.log_help_session(
            {
                "volunteer_id": leader.id,
                "resident_id": people[name],
                "topics": topics,
                "minutes": 15,
                "outcome": outcome,
                "follow_up_due": due,
            },
            at=at(day),
        )  # fmt: skip
        for name, topics, outcome, due, day in (
            ("阿部", ["LINE"], "solved", None, "2025-07-01"),
            ("千葉", ["LINE", "カメラ・写真"], "continue", "2025-08-01", "2025-07-15"),
            ("土井", ["カメラ・写真"], "partly", None, "2026-03-01"),
        )
    ]
    request = store.create_aid_request({"resident_id": people["千葉"], "kind": "shopping"})
    store.match_aid_request(request.id, volunteer_id=leader.id)
    store.close_aid_request(request.id, "done")
    store.mark_skill(people["馬場"], "app_registration", dt.date(2025, 9, 1))
    return {
        "people": people,
        "events": {"spring": spring.id, "winter": winter.id, "april": april.id},
        "sessions": [s.id for s in sessions],
        "check_ins": {key: c.attendance.id for key, c in check_ins.items()},
    }


def assert_city_is_the_sum(central, first: Store, second: Store) -> None:
    for start, end in PERIODS:
        city = view(central, start, end)
        expected = desks_sum(compute_kpis(first, start, end), compute_kpis(second, start, end))
        shaped = comparable(city)
        for key, value in expected.items():
            assert shaped[key] == value, (start, key)


def test_the_city_is_the_sum_of_its_desks_before_and_after_edits_and_erasure(central):
    east = central.desk("東公民館", city=CITY)
    west = central.desk("西出張所", city=CITY)
    east_ids = make_desk(east, "東", "01")
    west_ids = make_desk(west, "西", "02")
    east.record_app_aid_count("2025-08", 4, "月報")
    push(east)
    push(west)
    assert_city_is_the_sum(central, east, west)
    before = view(central, *PERIODS[0])
    assert before["attendance_total"] == 2 * 7 - 2  # the April check-ins are in 年度 2026
    # Edits: a person moves district, an event moves into the next 年度, a help session and a
    # check-in are deleted, a follow-up is closed, two records of one person are merged.
    people = east_ids["people"]
    east.update_resident(people["千葉"], {"district": "03"})
    east.write("events", east_ids["events"]["winter"], {"starts_at": "2026-04-20T10:00"})
    east.write("help_sessions", east_ids["sessions"][0], {"deleted": 1})
    east.write("attendance", east_ids["check_ins"][(east_ids["events"]["spring"], "馬場")],
               {"deleted": 1})  # fmt: skip
    east.close_follow_up(east_ids["sessions"][1])
    east.merge_residents(people["阿部"], people["土井"], by="山田")
    # The other desk: a person erased (their check-ins and help stay as counts without them),
    # another deleted, a new person who comes for the first time.
    west_people = west_ids["people"]
    west.erase_resident(west_people["土井"])
    west.delete_resident(west_people["馬場"])
    newcomer = register(west, family_name="西新井", family_reading="にしあらい", district="02",
                        birth_date="1960-01-01", smartphone="iphone")  # fmt: skip
    west.check_in(west_ids["events"]["winter"], newcomer, "card")
    push(east)
    push(west)
    assert_city_is_the_sum(central, east, west)
    after = view(central, *PERIODS[0])
    assert after["open_follow_ups"] == before["open_follow_ups"] - 1
    by_district = {row["district"]: row for row in after["by_district"]}
    assert by_district["03"]["help_sessions"] == 1  # 千葉 moved with their help session
    # Kept up change by change, the projection equals one built afresh from the records.
    for start, end in PERIODS:
        kept = view(central, start, end)
        assert projected_afresh(central.storage, CITY, start, end) == kept


def test_an_event_moved_to_another_day_takes_its_check_ins_along(central):
    """Nothing but the event changes: its check-ins, their age bands and first-time people
    follow it into the next 年度."""
    desk = central.desk("東公民館", city=CITY)
    ensure_districts(desk)
    event = desk.create_event({"title": "会", "starts_at": "2026-03-20T10:00"})
    for name, born in (("阿部", "1956-03-25"), ("馬場", "1990-01-01")):
        person = register(desk, family_name=name, family_reading="あべ", district="01",
                          birth_date=born)  # fmt: skip
        desk.check_in(event.id, person, "card")
    push(desk)
    this_year, next_year = fiscal_year_bounds(2025), fiscal_year_bounds(2026)
    assert view(central, *this_year)["attendance_by_age_band"]["60-69"] == 1  # 69 on the day
    desk.write("events", event.id, {"starts_at": "2026-04-02T10:00"})
    push(desk)
    for year in (this_year, next_year):
        city, own = view(central, *year), compute_kpis(desk, *year)
        for key in ("attendance_total", "attendance_unique", "first_time_participants",
                    "attendance_by_age_band", "events_held"):  # fmt: skip
            assert city[key] == own[key], (year, key)
    moved = view(central, *next_year)
    assert moved["attendance_total"] == 2 and moved["attendance_by_age_band"]["70-79"] == 1


def test_unsharing_leaves_only_the_stubs_facts(central):
    desk = central.desk("東公民館", city=CITY)
    ensure_districts(desk)
    person = register(desk, family_name="杉本", family_reading="すぎもと", district="04",
                      birth_date="1945-03-01", smartphone="iphone")  # fmt: skip
    desk.write("residents", person, {"created_at": "2025-06-01T09:00:00+09:00"})
    event = desk.create_event({"title": "会", "starts_at": "2025-07-01T10:00"})
    desk.check_in(event.id, person, "card")
    helper = desk.add_volunteer("山田 一郎", "やまだ いちろう", ["digital_supporter"])
    desk.log_help_session(
        {"volunteer_id": helper.id, "resident_id": person, "topics": ["LINE"], "minutes": 10,
         "outcome": "solved"},
        at=at("2025-07-01"),
    )  # fmt: skip
    push(desk)
    year = fiscal_year_bounds(2025)
    shared = view(central, *year)
    assert shared["digital_divide"]["rows"] == [
        {"district": "04", "age_band": "80-", "residents": 1, "smartphone": 1,
         "app_registered": 0, "skills_gained": 0}
    ]  # fmt: skip
    assert shared["attendance_by_age_band"]["80-"] == 1 and shared["new_residents"] == 1
    change_scopes(desk, person, remove=["share_with_city"], witness=WITNESS, by="山田")
    push(desk)
    stub = view(central, *year)
    # The city keeps the stub (district, kind): the person still counts where they came and
    # were helped, in their district, without age, phone or the day they registered.
    assert stub["digital_divide"]["rows"] == [
        {"district": "04", "age_band": "unknown", "residents": 1, "smartphone": 0,
         "app_registered": 0, "skills_gained": 0}
    ]  # fmt: skip
    assert stub["new_residents"] == 0 and stub["attendance_by_age_band"]["80-"] == 0
    assert (stub["attendance_total"], stub["attendance_unique"], stub["residents_supported"]) == (
        1,
        1,
        1,
    )
    by_district = {row["district"]: row for row in stub["by_district"]}
    assert by_district["04"]["attendance_unique"] == 1
    with central.storage.transaction(write=False) as tx:
        assert tx.execute(
            "SELECT born, smartphone, created_at FROM kpi_residents WHERE row_id = ?", [person]
        ) == [(None, "", "")]
        assert tx.execute("SELECT born FROM kpi_attendance WHERE resident_id = ?", [person]) == [
            (None,)
        ]
    assert projected_afresh(central.storage, CITY, *year) == stub


def test_erasure_removes_the_person_from_the_projection(central):
    """The admin command and a desk's erasure alike: no projected row names the person or
    keeps their birth date, and the counts stay as counts."""
    desk = central.desk("東公民館", city=CITY)
    ids = make_desk(desk, "東", "01")
    push(desk)
    erased = ids["people"]["阿部"]
    year = fiscal_year_bounds(2025)
    before = view(central, *year)
    assert central.storage.erase(CITY, erased)
    after = view(central, *year)
    with central.storage.transaction(write=False) as tx:
        # Their own record is a bare tombstone, as in `records`: nothing of them is left.
        assert tx.execute(
            "SELECT district, born, smartphone, created_at, kind, deleted FROM kpi_residents"
            " WHERE row_id = ?",
            [erased],
        ) == [("", None, "", "", "", 1)]
        for projected in PROJECTED:
            if any(column == "resident_id" for column, _, _ in projected.columns):
                assert not tx.execute(
                    f"SELECT 1 FROM {projected.table} WHERE resident_id = ?", [erased]
                ), projected.table
        assert not tx.execute("SELECT 1 FROM kpi_first_check_ins WHERE resident_id = ?", [erased])
    # 阿部 came twice and was helped once: still counted, no longer as a person.
    assert after["attendance_total"] == before["attendance_total"]
    assert after["attendance_unique"] == before["attendance_unique"] - 1
    assert after["help_sessions"] == before["help_sessions"]
    assert after["residents_supported"] == before["residents_supported"] - 1
    assert projected_afresh(central.storage, CITY, *year) == after


def test_the_background_round_catches_up_without_a_view(central):
    central.restart(compaction_interval_s=0.1)
    desk = central.desk("東公民館", city=CITY)
    make_desk(desk, "東", "01")
    push(desk)
    projection = CityProjection(central.storage.database)
    deadline = time.monotonic() + 30
    while True:
        top, mark = projection.behind(CITY)
        if mark == top or time.monotonic() > deadline:
            break
        time.sleep(0.05)
    assert top > 0 and mark == top


def projected_rows(storage, city: str) -> dict[str, int]:
    with storage.transaction(write=False) as tx:
        return {
            p.source: int(tx.one(f"SELECT count(*) FROM {p.table} WHERE city = ?", [city])[0])
            for p in PROJECTED
        }


def live_records(storage, city: str) -> dict[str, int]:
    return {
        p.source: sum(
            1
            for fields in storage.rows(city, p.source).values()
            if str(fields.get("deleted", 0)) not in ("1", "True", "true")
        )
        for p in PROJECTED
    }


def test_a_release_0_1_central_builds_its_projection_when_it_migrates(release_0_1_central):
    storage = release_0_1_central
    for city in (contents.CITY, contents.OTHER_CITY):
        top, mark = CityProjection(storage.database).behind(city)
        assert mark == top > 0  # built by the migration, before any view
        assert projected_rows(storage, city) == live_records(storage, city)
    assert projected_rows(storage, contents.CITY)["residents"] > 0
    year = fiscal_year_bounds(2025)
    built = view(storage, *year, city=contents.CITY)
    assert projected_afresh(storage, contents.CITY, *year) == built


def test_a_central_of_the_release_before_builds_its_projection_when_it_migrates(
    central, tmp_path, monkeypatch
):
    """A central without the projection (c010–c012) and filled by pushes (as main was before
    it) gains it on its next start, with the same figures as a desk holding the whole town.
    The later migrations stay: today's push code, which fills it, writes their tables."""
    if central.backend == "sqlite":
        url = f"sqlite:///{tmp_path / 'before.db'}"
    else:
        import psycopg

        name = f"kyojo_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(central.admin_url, autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name}")
        url = database_url(central.admin_url, name)
    before = [m for m in migrations.MIGRATIONS if not "c010" <= m[0] < "c020"]
    monkeypatch.setattr(migrations, "MIGRATIONS", before)
    old = open_storage(url)
    with old.transaction(write=False) as tx:
        assert not old.database.table_exists(tx, "kpi_residents")
    store = Store.open(tmp_path / "town.db")
    ensure_districts(store)
    build_town(store)

    class Uploading:
        storage = old

    upload(Uploading, store, CITY, "上野原公民館", all_rows(store))
    old.close()
    monkeypatch.undo()
    migrated = open_storage(url)
    try:
        top, mark = CityProjection(migrated.database).behind(CITY)
        assert mark == top > 0
        for start, end in PERIODS:
            city = view(migrated, start, end)
            desk = compute_kpis(store, start, end)
            for key, value in desk.items():
                if key != "period":
                    assert city[key] == value, (start, key)
    finally:
        migrated.close()
        store.close()
        if central.backend == "postgresql":
            import psycopg

            with psycopg.connect(central.admin_url, autocommit=True) as conn:
                conn.execute(f"DROP DATABASE IF EXISTS {url.rpartition('/')[2]} WITH (FORCE)")


def test_a_projection_without_year_totals_is_made_again(central, tmp_path):
    """A central migrated by the first c010 (no year totals) gets them from c011, built from
    its records, with the figures of a desk holding the whole town."""
    store = Store.open(tmp_path / "town.db")
    ensure_districts(store)
    build_town(store)
    upload(central, store, CITY, "上野原公民館", all_rows(store))
    storage = central.storage
    with storage.transaction() as tx:
        for totals in YEAR_TOTALS:
            tx.execute(f"DROP TABLE {totals.table}")
        tx.execute("DELETE FROM central_migrations WHERE name = 'c011_city_year_totals'")
    assert migrations.migrate(storage.database) == ["c011_city_year_totals"]
    try:
        top, mark = CityProjection(storage.database).behind(CITY)
        assert mark == top > 0
        year = fiscal_year_bounds(2025)
        city, desk = view(central, *year), compute_kpis(store, *year)
        for key, value in desk.items():
            if key != "period":
                assert city[key] == value, key
    finally:
        store.close()


def test_year_totals_that_come_to_nothing_have_their_own_index(central):
    """Migration c012 adds it to a projection made before it; a catch-up removes such totals."""
    storage = central.storage
    with storage.transaction() as tx:
        for totals in YEAR_TOTALS:
            tx.execute(f"DROP INDEX {totals.table}_emptied")
        tx.execute("DELETE FROM central_migrations WHERE name = 'c012_emptied_year_totals'")
    assert migrations.migrate(storage.database) == ["c012_emptied_year_totals"]
    with storage.transaction(write=False) as tx:
        names = (
            "SELECT indexname FROM pg_indexes"
            if storage.backend == "postgresql"
            else "SELECT name FROM sqlite_master WHERE type = 'index'"
        )
        indexes = {row[0] for row in tx.execute(names)}
    assert {f"{totals.table}_emptied" for totals in YEAR_TOTALS} <= indexes
    desk = central.desk("東公民館", city=CITY)
    ensure_districts(desk)
    person = register(desk, family_name="阿部", family_reading="あべ", district="01")
    event = desk.create_event({"title": "会", "starts_at": "2025-07-01T10:00"})
    check_in = desk.check_in(event.id, person, "card")
    push(desk)
    assert view(central, *fiscal_year_bounds(2025))["attendance_unique"] == 1
    desk.write("attendance", check_in.attendance.id, {"deleted": 1})
    push(desk)
    assert view(central, *fiscal_year_bounds(2025))["attendance_unique"] == 0
    with storage.transaction(write=False) as tx:
        assert tx.execute("SELECT count(*) FROM kpi_attendance_years WHERE city = ?", [CITY]) == [
            (0,)
        ]
