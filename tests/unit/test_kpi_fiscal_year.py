"""年度 KPIs on a hand-built town spanning the plan (2024–2026) and the year after it: targets
and cumulative figures, KPI ③ by who led, KPI ④ with the app's figure, the match rate, the
digital-divide table and first-time participants over years of history. Every expected number
is worked out by hand in the comments."""

from __future__ import annotations

import datetime as dt

import pytest

from kyojo_desk.errors import ValidationError
from kyojo_desk.records.help import CONCIERGE_COURSE, DIGITAL_SUPPORT_COURSE
from kyojo_desk.store.kpi import (
    compute_kpis,
    fiscal_year_bounds,
    fiscal_year_of,
    kpi_plan,
)


def test_fiscal_years_run_from_april_to_march():
    assert fiscal_year_of(dt.date(2026, 3, 31)) == 2025
    assert fiscal_year_of(dt.date(2026, 4, 1)) == 2026
    assert fiscal_year_of(dt.date(2027, 1, 15)) == 2026
    assert fiscal_year_bounds(2025) == (dt.date(2025, 4, 1), dt.date(2026, 3, 31))


def test_the_plan_and_its_cumulative_targets():
    plan = kpi_plan()
    assert (plan.first_year, plan.last_year, plan.match_rate) == (2024, 2026, 0.8)
    # 8 + 10 + 10, 12 + 18 + 24, 30 + 70 + 100
    assert [plan.plan_target(k) for k in ("volunteers_trained", "volunteer_led_events")] == [28, 54]
    assert plan.plan_target("aid_matches_total") == 200
    assert plan.cumulative_target("volunteer_led_events", 2025) == 30  # 12 + 18
    assert plan.cumulative_target("volunteers_trained", 2023) is None
    assert plan.cumulative_target("aid_matches_total", 2030) == 200  # capped at the plan


@pytest.fixture
def town(store, make_resident):
    """Volunteers, events, check-ins, 共助 requests, app figures and skills from 2024 to 2027."""

    def volunteer(name, course, day):
        person = store.add_volunteer(name, "やまだ", ["concierge"])
        store.record_training(person.id, course, day)
        return person

    va = volunteer("A", CONCIERGE_COURSE, "2024-06-01")  # FY2024
    vb = volunteer("B", CONCIERGE_COURSE, "2025-02-10")  # FY2024 (February)
    vc = volunteer("C", CONCIERGE_COURSE, "2025-04-01")  # FY2025, its first day
    vd = volunteer("D", CONCIERGE_COURSE, "2027-01-15")  # FY2026 (January, last plan year)
    ve = volunteer("E", DIGITAL_SUPPORT_COURSE, "2025-05-01")  # not a share concierge
    volunteer("F", CONCIERGE_COURSE, "2027-04-10")  # FY2027, after the plan

    def resident(district, born, phone, created="2024-05-01"):
        person = make_resident(
            family_name="住民", district=district, birth_date=born, smartphone=phone
        )
        store.write("residents", person.id, {"created_at": f"{created}T09:00:00+09:00"})
        return person

    r1 = resident("01", "1940-06-01", "none")
    r2 = resident("01", "1950-04-01", "android")
    r3 = resident("02", "1990-01-01", "iphone")
    resident("02", None, "feature_phone", created="2026-05-01")  # r4
    r5 = resident("01", "1946-03-31", "none")

    def event(day, kind="exchange", led_by=None, **extra):
        return store.create_event(
            {
                "title": f"行事 {day}",
                "kind": kind,
                "starts_at": f"{day}T10:00",
                "led_by": led_by.id if led_by else None,
                **extra,
            }
        ).id

    events = {
        "E1": event("2024-05-10", led_by=va),  # va trained only on 06-01: not KPI ③
        "E2": event("2025-03-20", "smartphone_class", led_by=va),  # KPI ③, FY2024
        "E3": event("2025-04-05", led_by=vb),  # KPI ③, FY2025
        "E4": event("2025-04-06", "clean_up", led_by=ve),  # ve is no concierge
        "E5": event("2026-01-20", volunteer_led=True),  # run by volunteers, nobody named
        "E6": event("2027-01-10", "disaster_drill", led_by=vc),  # KPI ③, FY2026
        "E7": event("2027-02-01", led_by=vd),  # KPI ③, FY2026 (vd trained 01-15)
        "E8": event("2027-05-01", led_by=vc),  # KPI ③, FY2027 (after the plan)
        "E9": event("2025-06-01", led_by=vc),  # deleted below
    }
    store.write("events", events["E9"], {"deleted": 1})
    for name, person in (("E1", r1), ("E3", r1), ("E3", r2), ("E5", r3), ("E6", r3)):
        store.check_in(events[name], person.id, "card")

    def aid(person, created, closed=None, final="done", matched=True):
        request = store.create_aid_request({"resident_id": person.id, "kind": "transport"})
        store.write("aid_requests", request.id, {"created_at": f"{created}T09:00:00+09:00"})
        if matched:
            store.match_aid_request(request.id, volunteer_id=va.id)
        if closed:
            store.close_aid_request(request.id, final)
            store.write("aid_requests", request.id, {"closed_at": f"{closed}T15:00:00+09:00"})

    aid(r1, "2025-03-01", "2025-03-25")  # Q1: done in FY2024
    aid(r2, "2025-03-30", "2025-04-02")  # Q2: made in FY2024, done in FY2025
    aid(r1, "2025-05-01", matched=False)  # Q3: never matched
    aid(r3, "2025-05-02", "2025-05-03", final="cancelled")  # Q4: matched, then cancelled
    aid(r2, "2027-01-05", "2027-01-20")  # Q5: done in FY2026

    for month, count in (
        ("2025-03", 5),
        ("2025-04", 7),
        ("2026-03", 11),
        ("2027-01", 20),
        ("2027-03", 4),
    ):
        store.record_app_aid_count(month, count, "アプリ管理画面の月報")

    store.mark_skill(r2.id, "app_registration", dt.date(2025, 6, 1))
    store.mark_skill(r2.id, "line", dt.date(2025, 7, 1))
    store.mark_skill(r3.id, "camera", dt.date(2024, 12, 1))
    store.mark_skill(r5.id, "app_registration", dt.date(2026, 4, 10))
    store.test_events = events
    return store


def plan_kpis(figures):
    return (
        figures["volunteers_trained"],
        figures["volunteer_led_events"],
        figures["aid_matches_completed"],
        figures["aid_matches_app"],
        figures["aid_matches_total"],
    )


def test_each_fiscal_year_of_the_plan(town):
    fy2024 = compute_kpis(town, *fiscal_year_bounds(2024))
    # va, vb; E2; Q1 + app March 2025 (5)
    assert plan_kpis(fy2024) == (2, 1, 1, 5, 6)
    assert fy2024["fiscal_year"] == 2024
    assert fy2024["targets"] == {
        "volunteers_trained": 8,
        "volunteer_led_events": 12,
        "aid_matches_total": 30,
    }
    # Q1 and Q2 were made in FY2024, both matched.
    assert (fy2024["aid_requests_made"], fy2024["aid_requests_matched"]) == (2, 2)
    assert fy2024["match_rate"] == 1.0 and fy2024["match_rate_target"] == 0.8

    fy2025 = compute_kpis(town, *fiscal_year_bounds(2025))
    # vc; E3 (E4's leader is no concierge, E5 names nobody, E9 deleted); Q2 + app 7 + 11
    assert plan_kpis(fy2025) == (1, 1, 1, 18, 19)
    assert fy2025["events_held"] == 3  # E3, E4, E5
    assert fy2025["events_by_kind"] == {"exchange": 2, "clean_up": 1}
    # Q3 (never matched) and Q4 (matched, then cancelled): 1 of 2
    assert (fy2025["aid_requests_made"], fy2025["aid_requests_matched"]) == (2, 1)
    assert fy2025["match_rate"] == 0.5
    assert fy2025["cumulative"] == {
        "from": "2024-04-01",
        "to": "2026-03-31",
        "volunteers_trained": {"value": 3, "target": 18, "plan_target": 28},
        "volunteer_led_events": {"value": 2, "target": 30, "plan_target": 54},
        "aid_matches_total": {"value": 25, "target": 100, "plan_target": 200},
    }

    fy2026 = compute_kpis(town, *fiscal_year_bounds(2026))
    assert plan_kpis(fy2026) == (1, 2, 1, 24, 25)  # vd; E6, E7; Q5 + 20 + 4
    assert fy2026["aid_requests_made"] == 1 and fy2026["match_rate"] == 1.0


def test_february_reads_the_targets_of_its_fiscal_year(town):
    """February 2025 belongs to 年度 2024: 8 / 12 / 30, not 2025's 10 / 18 / 70."""
    february = compute_kpis(town, dt.date(2025, 2, 1), dt.date(2025, 2, 28))
    assert february["fiscal_year"] == 2024
    assert february["targets"] == {
        "volunteers_trained": 8,
        "volunteer_led_events": 12,
        "aid_matches_total": 30,
    }
    assert february["volunteers_trained"] == 1  # vb on 02-10
    assert february["cumulative"]["volunteers_trained"] == {
        "value": 2,  # va, vb since 2024-04-01
        "target": 8,
        "plan_target": 28,
    }


def test_a_january_in_the_last_year_of_the_plan(town):
    january = compute_kpis(town, dt.date(2027, 1, 1), dt.date(2027, 1, 31))
    assert january["fiscal_year"] == 2026
    assert january["targets"] == {
        "volunteers_trained": 10,
        "volunteer_led_events": 24,
        "aid_matches_total": 100,
    }
    # vd (01-15); E6 (E7 is in February); Q5 + the app's January (20)
    assert plan_kpis(january) == (1, 1, 1, 20, 21)
    assert january["cumulative"] == {
        "from": "2024-04-01",
        "to": "2027-01-31",
        "volunteers_trained": {"value": 4, "target": 28, "plan_target": 28},  # va vb vc vd
        "volunteer_led_events": {"value": 3, "target": 54, "plan_target": 54},  # E2 E3 E6
        # Q1 Q2 Q5 + 5 + 7 + 11 + 20
        "aid_matches_total": {"value": 46, "target": 200, "plan_target": 200},
    }


def test_a_period_crossing_31_march(town):
    """March–April 2025: the figures of both 年度, the targets of the one it ends in."""
    spring = compute_kpis(town, dt.date(2025, 3, 1), dt.date(2025, 4, 30))
    assert spring["fiscal_year"] == 2025
    assert spring["targets"]["volunteer_led_events"] == 18
    # vc (04-01); E2 (03-20) and E3 (04-05); Q1, Q2 + app 5 + 7
    assert plan_kpis(spring) == (1, 2, 2, 12, 14)
    assert spring["cumulative"]["volunteers_trained"]["value"] == 3  # va, vb, vc
    assert spring["cumulative"]["volunteers_trained"]["target"] == 18  # 8 + 10


def test_before_and_after_the_plan(town):
    before = compute_kpis(town, *fiscal_year_bounds(2023))
    assert before["cumulative"] is None
    assert set(before["targets"].values()) == {None}
    after = compute_kpis(town, *fiscal_year_bounds(2027))
    assert set(after["targets"].values()) == {None}
    assert plan_kpis(after)[:2] == (1, 1)  # vf; E8
    # The cumulative figures stop at the plan's last day.
    assert after["cumulative"]["to"] == "2027-03-31"
    assert after["cumulative"]["volunteer_led_events"]["value"] == 4  # E2 E3 E6 E7
    assert after["cumulative"]["aid_matches_total"]["value"] == 50  # 3 desk + 47 app


def test_first_time_participants_over_years_of_history(town):
    fy2025 = compute_kpis(town, *fiscal_year_bounds(2025))
    # E3: r1 (came to E1 in 2024), r2; E5: r3 → 3 people, r2 and r3 for the first time
    assert fy2025["attendance_unique"] == 3
    assert (fy2025["first_time_participants"], fy2025["returning_participants"]) == (2, 1)
    fy2026 = compute_kpis(town, *fiscal_year_bounds(2026))
    assert (fy2026["first_time_participants"], fy2026["returning_participants"]) == (0, 1)
    # Without E1, r1's first event is E3: all three are new in FY2025.
    town.write("events", town.test_events["E1"], {"deleted": 1})
    again = compute_kpis(town, *fiscal_year_bounds(2025))
    assert (again["first_time_participants"], again["returning_participants"]) == (3, 0)
    # E1 back: r1 returns.
    town.write("events", town.test_events["E1"], {"deleted": 0})
    assert compute_kpis(town, *fiscal_year_bounds(2025))["first_time_participants"] == 2


def test_the_digital_divide_by_district_and_age_band(town):
    fy2025 = compute_kpis(town, *fiscal_year_bounds(2025))
    # On 2026-03-31: r1 85, r5 80 that day, r2 75, r3 36; r4 registered only in May 2026.
    assert fy2025["digital_divide"] == {
        "rows": [
            row("01", "70-79", 1, 1, 1, 2),  # r2: android, app registration + LINE in FY2025
            row("01", "80-", 2, 0, 0, 0),  # r1, r5 (r5's app registration is in April 2026)
            row("02", "20-39", 1, 1, 0, 0),  # r3: iPhone; the camera was in 2024
        ],
        "total": {"residents": 4, "smartphone": 2, "app_registered": 1, "skills_gained": 2},
    }
    # A day earlier r5 was still 79.
    day_before = compute_kpis(town, dt.date(2025, 4, 1), dt.date(2026, 3, 30))
    assert [r["residents"] for r in day_before["digital_divide"]["rows"]] == [2, 1, 1]
    district = compute_kpis(town, *fiscal_year_bounds(2026), district="02")
    assert district["digital_divide"]["rows"] == [
        row("02", "20-39", 1, 1, 0, 0),
        row("02", "unknown", 1, 0, 0, 0),  # r4: no birth date, a feature phone is no smartphone
    ]
    fy2026 = compute_kpis(town, *fiscal_year_bounds(2026))
    assert row("01", "80-", 2, 0, 1, 1) in fy2026["digital_divide"]["rows"]  # r5 in April 2026


def row(district, band, residents, smartphone, registered, gained):
    return {
        "district": district,
        "age_band": band,
        "residents": residents,
        "smartphone": smartphone,
        "app_registered": registered,
        "skills_gained": gained,
    }


def test_the_app_figure_is_corrected_and_checked(town):
    town.record_app_aid_count("２０２５/４", "９", "訂正：アプリ管理画面")  # IME input
    figures = {f.month: f for f in town.list_app_aid_counts()}
    assert figures["2025-04"].count == 9 and figures["2025-04"].source == "訂正：アプリ管理画面"
    assert len(figures) == 5  # one row per month, corrected in place
    with pytest.raises(ValidationError) as refused:
        town.record_app_aid_count("2025-13", "-3", "")
    assert set(refused.value.errors) == {"month", "count", "source"}
    assert compute_kpis(town, *fiscal_year_bounds(2025))["aid_matches_app"] == 20  # 9 + 11
    # The app knows no districts.
    assert compute_kpis(town, *fiscal_year_bounds(2025), district="01")["aid_matches_app"] == 0


def test_an_event_leader_must_be_on_the_roster(town):
    with pytest.raises(ValidationError) as refused:
        town.create_event({"title": "会", "starts_at": "2025-05-01T10:00", "led_by": "nobody"})
    assert "led_by" in refused.value.errors
    led = town.create_event(
        {"title": "会", "starts_at": "2025-05-01T10:00", "led_by": town.list_volunteers()[0].id}
    )
    assert led.volunteer_led and led.led_by
