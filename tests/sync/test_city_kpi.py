"""The city-wide view on the central server, with SQLite and PostgreSQL storage: the desk's KPI
keys over every desk of a city (checked by hand and against a desk that pulled the whole city),
per desk and per district, the warning about desks not synced for 7 days, and the /kpi/CITY
page for signed-in staff (a cookie-keeping HTTP client, requests.Session: sign-in, lockout, one city, sign-out,
counts only)."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import time

import pytest
import requests

from kyojo_desk.central.city_kpi import STALE_AFTER_MS, city_kpis
from kyojo_desk.central.staff import MAX_FAILURES, Staff
from kyojo_desk.records.help import CONCIERGE_COURSE
from kyojo_desk.store import Store
from kyojo_desk.store.districts import ensure_districts
from kyojo_desk.store.kpi import compute_kpis, fiscal_year_bounds
from kyojo_desk.store.schema import SYNCED_TABLES
from kyojo_desk.sync import protocol
from kyojo_desk.sync.hlc import next_stamp
from tests.sync.conftest import register, sync

PASSWORD = "correct horse 2025"
DESK_KEYS_SKIPPED = {"period"}


def upload(central, store, city, desk_name, rows):
    """Send `rows` ((table, row_id) of `store`) to the central as one enrolled desk would:
    protocol-2 pushes of typed values, through the server's own merge."""
    storage = central.storage
    enrolled = storage.enroll(storage.create_enroll_code(desk_name, city=city))
    desk = storage.authenticate(enrolled["token"])
    stamp, changes = 0, []
    for seq, (table, row_id) in enumerate(rows, start=1):
        spec = SYNCED_TABLES[table]
        row = store.get_row(table, row_id)
        stamp = next_stamp(stamp, int(time.time() * 1000))
        fields = {name: row[name] for name in spec.fields}
        changes.append(
            protocol.Change(
                seq=seq, table=table, row_id=row_id, created=True, stamp=stamp, fields=fields
            )
        )
    for first in range(0, len(changes), protocol.MAX_PUSH_CHANGES):
        batch = changes[first : first + protocol.MAX_PUSH_CHANGES]
        answer = storage.push(
            desk,
            protocol.PushRequest(
                desk_id=desk.desk_id, changes=batch, acked_seq=first, next_seq=first + 1
            ),
        )
        assert all(r.status == "applied" for r in answer.results), answer.results


def all_rows(store):
    """Every record of the tables the figures read (districts are the city's own list)."""
    return [
        (table, row["id"])
        for table in SYNCED_TABLES
        if table != "districts"
        for row in store.db.query(f"SELECT id FROM [{table}]")
    ]


def build_town(store):
    """年度 2024 and 2025 of a town, made on one desk database; returns the rows that the
    second desk (大目出張所) made: its resident, its event and the two check-ins there."""
    leader = store.add_volunteer("山田 一郎", "やまだ いちろう", ["concierge"])
    store.record_training(leader.id, CONCIERGE_COURSE, "2025-02-10")  # 年度 2024
    names = {}
    for name, district, born, phone in (
        ("阿部", "01", "1940-06-01", "none"),
        ("馬場", "02", "1990-01-01", "iphone"),
        ("千葉", "01", "1950-04-01", "android"),
    ):
        names[name] = register(
            store,
            family_name=name,
            family_reading="あべ",
            district=district,
            birth_date=born,
            smartphone=phone,
        )
        store.write("residents", names[name], {"created_at": "2024-06-01T09:00:00+09:00"})
    early = store.create_event(
        {"title": "会", "starts_at": "2025-03-20T10:00", "led_by": leader.id}
    )  # 年度 2024
    salon = store.create_event(
        {"title": "サロン", "kind": "smartphone_class", "starts_at": "2025-05-10T10:00",
         "led_by": leader.id}
    )  # fmt: skip
    store.check_in(early.id, names["阿部"], "card")
    store.check_in(salon.id, names["阿部"], "card")
    store.check_in(salon.id, names["馬場"], "card")
    store.count_anonymous(salon.id, "70-79")
    store.mark_skill(names["千葉"], "app_registration", dt.date(2025, 6, 1))
    for index in range(3):
        request = store.create_aid_request({"resident_id": names["阿部"], "kind": "shopping"})
        store.write("aid_requests", request.id, {"created_at": "2025-07-01T09:00:00+09:00"})
        if index < 2:
            store.match_aid_request(request.id, volunteer_id=leader.id)
        if index == 0:
            store.close_aid_request(request.id, "done")
            store.write("aid_requests", request.id, {"closed_at": "2025-07-20T09:00:00+09:00"})
    store.record_app_aid_count("2025-08", 6, "月報")
    store.log_help_session(
        {"volunteer_id": leader.id, "resident_id": names["千葉"], "topics": ["LINE"],
         "minutes": 15, "outcome": "solved"},
        at=dt.datetime(2025, 9, 1, 10, tzinfo=dt.timezone(dt.timedelta(hours=9))),
    )  # fmt: skip
    walk = store.create_event({"title": "防災さんぽ", "kind": "disaster_drill",
                               "starts_at": "2026-01-15T10:00"})  # fmt: skip
    names["小林"] = register(store, family_name="小林", family_reading="こばやし", district="02",
                             birth_date="2001-05-05", smartphone="android")  # fmt: skip
    store.write("residents", names["小林"], {"created_at": "2025-10-01T09:00:00+09:00"})
    second_desk = [("events", walk.id), ("residents", names["小林"])]
    for person in (names["小林"], names["馬場"]):
        checked = store.check_in(walk.id, person, "card")
        second_desk.append(("attendance", checked.attendance.id))
    return names, second_desk


@pytest.fixture
def town(central, tmp_path):
    store = Store.open(tmp_path / "town.db")
    ensure_districts(store)
    names, second_desk = build_town(store)
    first_desk = [row for row in all_rows(store) if row not in second_desk]
    upload(central, store, "uenohara", "上野原公民館", first_desk)
    upload(central, store, "uenohara", "大目出張所", second_desk)
    other = Store.open(tmp_path / "other.db")
    ensure_districts(other)
    stranger = register(other, family_name="他市", family_reading="たし", district="01")
    away = other.create_event({"title": "よその会", "starts_at": "2025-06-01T10:00"})
    other.check_in(away.id, stranger, "card")
    upload(central, other, "otsuki", "大月市役所", all_rows(other))
    yield central, store, names
    store.close()
    other.close()


def figures_for(central, year):
    start, end = fiscal_year_bounds(year)
    return city_kpis(
        central.storage.database, "uenohara", start, end, central.storage.desks("uenohara")
    )


def test_the_city_wide_figures_by_hand_and_as_the_desk_counts_them(town):
    central, store, _ = town
    fy2025 = figures_for(central, 2025)
    # Events salon (led by a concierge) and the walk; 2 check-ins + 1 head count at the salon
    # and 2 at the walk; 阿部 came in March 2025 (年度 2024), 馬場 and 小林 are new.
    assert (fy2025["events_held"], fy2025["volunteer_led_events"]) == (2, 1)
    assert (fy2025["attendance_total"], fy2025["attendance_unique"]) == (5, 3)
    assert (fy2025["first_time_participants"], fy2025["returning_participants"]) == (2, 1)
    assert (fy2025["aid_matches_completed"], fy2025["aid_matches_app"]) == (1, 6)
    assert fy2025["aid_matches_total"] == 7
    assert (fy2025["aid_requests_made"], fy2025["aid_requests_matched"]) == (3, 2)
    assert fy2025["match_rate"] == 0.667
    assert fy2025["new_residents"] == 1  # 小林 (the others in 2024)
    assert fy2025["cumulative"]["volunteer_led_events"] == {
        "value": 2,
        "target": 30,
        "plan_target": 54,
    }
    assert fy2025["digital_divide"]["total"] == {
        "residents": 4,
        "smartphone": 3,
        "app_registered": 1,
        "skills_gained": 1,
    }
    # Every key of the desk's JSON, as a desk holding the whole city counts it.
    for start, end in (
        fiscal_year_bounds(2025),
        fiscal_year_bounds(2024),
        (dt.date(2025, 3, 1), dt.date(2025, 5, 31)),  # across 31 March
    ):
        city = city_kpis(
            central.storage.database, "uenohara", start, end, central.storage.desks("uenohara")
        )
        desk = compute_kpis(store, start, end)
        for key, value in desk.items():
            if key not in DESK_KEYS_SKIPPED:
                assert city[key] == value, (start, key)
    # The other city's event and person are not the city's.
    assert "よその会" not in json.dumps(fy2025, ensure_ascii=False)


def test_per_desk_per_district_and_desks_not_synced(town):
    central, _, _ = town
    fy2025 = figures_for(central, 2025)
    by_desk = {row["name"]: row for row in fy2025["by_desk"]}
    assert by_desk["上野原公民館"]["events_held"] == 1  # the salon
    assert by_desk["大目出張所"]["events_held"] == 1  # the walk
    assert by_desk["大目出張所"]["attendance_total"] == 2
    assert by_desk["上野原公民館"]["attendance_total"] == 3  # two people and one head count
    by_district = {row["district"]: row for row in fy2025["by_district"]}
    assert by_district["01"]["attendance_total"] == 1  # 阿部 at the salon
    assert by_district["02"]["attendance_total"] == 3  # 馬場 twice, 小林 once
    assert by_district["02"]["attendance_unique"] == 2
    assert by_district["01"]["help_sessions"] == 1  # 千葉
    assert fy2025["desks_not_synced"] == []
    later = city_kpis(
        central.storage.database,
        "uenohara",
        *fiscal_year_bounds(2025),
        central.storage.desks("uenohara"),
        now=int(dt.datetime.now().timestamp() * 1000) + STALE_AFTER_MS + 60_000,
    )
    assert {d["name"] for d in later["desks_not_synced"]} == {"上野原公民館", "大目出張所"}


def test_staff_sign_in_lockout_one_city_and_sign_out(town):
    central, _, names = town
    staff = Staff(central.storage.database)
    staff.add("uenohara", "市 職員", PASSWORD)
    staff.add("otsuki", "大月 職員", PASSWORD)
    with requests.Session() as browser:
        page = browser.get(f"{central.url}/kpi/uenohara")
        assert page.status_code == 401 and "サインイン" in page.text
        wrong = browser.post(
            f"{central.url}/kpi/login", data={"name": "市 職員", "password": "nope"}
        )
        assert wrong.status_code == 401 and "ちがいます" in wrong.text
        signed = browser.post(
            f"{central.url}/kpi/login",
            data={"name": "市 職員", "password": PASSWORD, "city": "uenohara"},
        )
        assert signed.status_code == 200 and signed.url.endswith("/kpi/uenohara")
        cookie = signed.history[0].headers["set-cookie"].lower()
        assert "httponly" in cookie and "samesite=strict" in cookie and "path=/kpi" in cookie
        page = browser.get(f"{central.url}/kpi/uenohara", params={"fiscal_year": 2025})
        assert page.status_code == 200
        assert "シェア・コンシェルジュが中心の活動" in page.text and "大目出張所" in page.text
        # Counts only: no person's id or name reaches the page.
        for name, resident_id in names.items():
            assert resident_id not in page.text and name not in page.text
        assert browser.get(f"{central.url}/kpi/otsuki").status_code == 403  # one city per account
        out = browser.post(f"{central.url}/kpi/logout")
        assert out.status_code == 200 and "kyojo_staff" not in browser.cookies
        assert browser.get(f"{central.url}/kpi/uenohara").status_code == 401
    # The old cookie is worthless after signing out.
    token = signed.history[0].cookies["kyojo_staff"]
    replay = requests.get(f"{central.url}/kpi/uenohara", cookies={"kyojo_staff": token})
    assert replay.status_code == 401


def test_an_account_is_locked_after_repeated_failures(town):
    central, _, _ = town
    Staff(central.storage.database).add("uenohara", "市 職員", PASSWORD)
    with requests.Session() as browser:
        for _ in range(MAX_FAILURES):
            assert (
                browser.post(
                    f"{central.url}/kpi/login", data={"name": "市 職員", "password": "x"}
                ).status_code
                == 401
            )
        locked = browser.post(
            f"{central.url}/kpi/login", data={"name": "市 職員", "password": PASSWORD}
        )
        assert locked.status_code == 429 and "しばらく" in locked.text
        assert "kyojo_staff" not in browser.cookies


def test_staff_add_and_kpi_from_the_command_line(town):
    central, _, _ = town

    def run(*args, stdin=""):
        return subprocess.run(
            [sys.executable, "-m", "kyojo_desk.central.cli", *args],
            input=stdin, capture_output=True, text=True, timeout=120,
        )  # fmt: skip

    added = run("staff", "add", "--db", central.db_url, "--city", "uenohara", "--name", "係長",
                stdin=f"{PASSWORD}\n{PASSWORD}\n")  # fmt: skip
    assert added.returncode == 0, added.stderr
    differ = run("staff", "add", "--db", central.db_url, "--city", "uenohara", "--name", "課長",
                 stdin=f"{PASSWORD}\nother password\n")  # fmt: skip
    assert differ.returncode == 1 and "differ" in differ.stderr
    stored = central.storage.database
    with stored.transaction() as tx:
        (hashed,) = tx.one("SELECT password_hash FROM staff WHERE name = ?", ["係長"])
    assert hashed.startswith("scrypt$") and PASSWORD not in hashed
    result = run("kpi", "--db", central.db_url, "--city", "uenohara", "--fiscal-year", "2025",
                 "--json")  # fmt: skip
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout)
    assert figures["attendance_total"] == 5 and figures["fiscal_year"] == 2025
    assert {"by_desk", "by_district", "desks_not_synced"} <= set(figures)


def test_an_event_leader_and_the_apps_figure_travel_between_desks(central):
    """The new synced fields reach another desk of the city and the city-wide view."""
    first = central.desk("上野原公民館", city="uenohara")
    second = central.desk("大目出張所", city="uenohara")
    for desk in (first, second):
        ensure_districts(desk)
    leader = first.add_volunteer("山田 一郎", "やまだ いちろう", ["concierge"])
    first.record_training(leader.id, CONCIERGE_COURSE, "2025-04-01")
    event = first.create_event(
        {"title": "会", "starts_at": "2025-05-01T10:00", "led_by": leader.id}
    )
    first.record_app_aid_count("2025-05", 8, "月報")
    sync(first)
    sync(second)
    assert second.get_event(event.id).led_by == leader.id
    assert [(f.month, f.count) for f in second.list_app_aid_counts()] == [("2025-05", 8)]
    assert compute_kpis(second, *fiscal_year_bounds(2025))["volunteer_led_events"] == 1
    city = figures_for(central, 2025)
    assert (city["volunteer_led_events"], city["aid_matches_app"]) == (1, 8)
