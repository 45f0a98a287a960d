"""Every KPI on a hand-built data set whose answers were worked out by hand (see comments)."""

from __future__ import annotations

import datetime as dt

import pytest

from kyojo_desk.records.help import CONCIERGE_COURSE
from kyojo_desk.store.kpi import compute_kpis

START, END = dt.date(2026, 4, 1), dt.date(2026, 6, 30)
TZ = dt.timezone(dt.timedelta(hours=9))


def at(day: str, hour: int = 10) -> dt.datetime:
    return dt.datetime.fromisoformat(day).replace(hour=hour, tzinfo=TZ)


@pytest.fixture
def town(store, make_resident):
    """Residents A, B, C (+ D merged into A), events E0 (before), E1, E2 (in), E3 (after)."""
    a = make_resident(
        family_name="阿部", family_reading="あべ", birth_date="1940-06-01", district="01"
    )
    b = make_resident(
        family_name="馬場", family_reading="ばば", birth_date="1990-01-01", district="02"
    )
    c = make_resident(
        family_name="千葉", family_reading="ちば", birth_date="1950-01-01", district="01"
    )
    d = make_resident(
        family_name="阿部",
        family_reading="あべ",
        given_name="二",
        birth_date="1940-06-01",
        district="01",
    )
    for resident, created in (
        (a, "2026-04-05"),
        (b, "2026-05-01"),
        (c, "2025-12-01"),
        (d, "2026-04-10"),
    ):
        store.write("residents", resident.id, {"created_at": f"{created}T09:00:00+09:00"})
    store.merge_residents(a.id, d.id)

    v1 = store.add_volunteer("山田 一郎", "やまだ いちろう", ["concierge"])
    v2 = store.add_volunteer("佐藤 花", "さとう はな", ["concierge"])
    v3 = store.add_volunteer("鈴木 次郎", "すずき じろう", ["digital_supporter"])
    store.record_training(v1.id, CONCIERGE_COURSE, "2026-05-20")
    store.record_training(v2.id, CONCIERGE_COURSE, "2025-11-01")
    store.record_training(v3.id, "デジタル支援員講座", "2026-05-01")

    def event(day, led_by):
        return store.create_event(
            {
                "title": f"交流会 {day}",
                "kind": "exchange",
                "starts_at": f"{day}T10:00:00+09:00",
                "ends_at": f"{day}T12:00:00+09:00",
                "led_by": led_by.id if led_by else None,
            }
        ).id

    # E1 is led by v2, a share concierge since 2025; E2 by v3, who is not one; E3 by v1.
    e0, e1, e2, e3 = (
        event("2026-03-01", None),
        event("2026-04-20", v2),
        event("2026-05-15", v3),
        event("2026-07-02", v1),
    )
    for event_id, resident in ((e0, c), (e1, a), (e1, c), (e2, a), (e2, b), (e3, c)):
        store.check_in(event_id, resident.id, "card")
    store.count_anonymous(e2, "70-79")

    def session(resident, day, topics, outcome, follow_up=None):
        return store.log_help_session(
            {
                "volunteer_id": v1.id,
                "resident_id": resident.id if resident else None,
                "topics": topics,
                "minutes": 20,
                "outcome": outcome,
                "follow_up_due": follow_up,
            },
            at=at(day),
        )

    session(a, "2026-04-20", ["LINE", "カメラ・写真"], "solved")
    session(a, "2026-05-01", ["LINE"], "continue", "2026-05-08")
    s3 = session(b, "2026-05-02", ["詐欺の相談"], "referred", "2026-05-10")
    store.close_follow_up(s3.id)
    session(None, "2026-06-01", ["設定"], "partly")
    session(c, "2026-07-05", ["LINE"], "continue", "2026-07-12")

    def aid(resident, final, closed):
        request = store.create_aid_request({"resident_id": resident.id, "kind": "transport"})
        if final in ("matched", "done"):
            store.match_aid_request(request.id, volunteer_id=v1.id)
        if final in ("done", "cancelled"):
            store.close_aid_request(request.id, final)
            store.write("aid_requests", request.id, {"closed_at": f"{closed}T15:00:00+09:00"})

    aid(a, "done", "2026-05-03")
    aid(b, "matched", None)
    aid(a, "cancelled", "2026-05-04")
    aid(b, "done", "2026-06-10")
    aid(b, "done", "2026-07-10")  # after the period
    return store


def test_every_kpi_for_the_whole_town(town):
    k = compute_kpis(town, START, END)
    assert k["new_residents"] == 2  # A and B; C before; D merged away
    assert k["help_sessions"] == 4  # A twice, B, one anonymous; C's is in July
    assert k["residents_supported"] == 2  # A, B
    assert k["help_sessions_by_topic"] == {"LINE": 2, "カメラ・写真": 1, "詐欺の相談": 1, "設定": 1}
    assert k["help_sessions_by_outcome"] == {"solved": 1, "continue": 1, "referred": 1, "partly": 1}
    assert k["events_held"] == 2 and k["volunteer_led_events"] == 1  # E1, E2; E1 led by v2
    assert k["attendance_total"] == 5  # E1: A, C; E2: A, B, one head count
    assert k["attendance_unique"] == 3  # A, B, C
    assert k["first_time_participants"] == 2  # A, B (C came to E0 in March)
    assert k["returning_participants"] == 1
    assert k["repeat_rate"] == pytest.approx(0.333)
    # A is 85 at both events, C 76, B 36, the head count was given as 70-79.
    assert k["attendance_by_age_band"] == {
        "0-19": 0,
        "20-39": 1,
        "40-59": 0,
        "60-69": 0,
        "70-79": 2,
        "80-": 2,
    }
    assert k["volunteers_trained"] == 1  # only v1 finished the concierge course in the period
    assert k["aid_matches_completed"] == 2  # two done in the period; cancelled and matched not
    assert k["open_follow_ups"] == 1  # A's 次回つづき; B's was closed; C's is after the period
    assert k["fiscal_year"] == 2026
    assert k["targets"] == {
        "volunteers_trained": 10,
        "volunteer_led_events": 24,
        "aid_matches_total": 100,
    }


def test_every_kpi_for_one_district(town):
    k = compute_kpis(town, START, END, district="01")
    assert k["new_residents"] == 1  # A
    assert k["help_sessions"] == 2 and k["residents_supported"] == 1  # A's two
    assert k["attendance_total"] == 3 and k["attendance_unique"] == 2  # A twice, C once
    assert k["first_time_participants"] == 1 and k["returning_participants"] == 1
    assert k["attendance_by_age_band"]["80-"] == 2 and k["attendance_by_age_band"]["70-79"] == 1
    assert k["aid_matches_completed"] == 1  # A's
    assert k["open_follow_ups"] == 1
    assert k["events_held"] == 2  # events belong to the whole centre


def test_an_empty_period_and_a_backwards_period(town):
    from kyojo_desk.errors import ValidationError

    k = compute_kpis(town, dt.date(2020, 1, 1), dt.date(2020, 1, 31))
    assert k["help_sessions"] == 0 and k["repeat_rate"] == 0.0
    with pytest.raises(ValidationError):
        compute_kpis(town, END, START)


def test_figures_inside_an_open_transaction_see_its_changes(town):
    """The dashboard run inside a transaction (as a report printed after a write would be)
    counts what the transaction wrote."""
    before = compute_kpis(town, START, END)
    with town.transaction():
        town.create_event({"title": "サロン", "starts_at": "2026-05-20T10:00"})
        inside = compute_kpis(town, START, END)
    assert inside["events_held"] == before["events_held"] + 1


def test_figures_follow_a_new_help_session(town):
    before = compute_kpis(town, START, END)
    volunteer = town.list_volunteers()[0]
    town.log_help_session(
        {"volunteer_id": volunteer.id, "topics": ["LINE"], "minutes": 10, "outcome": "solved"},
        at=at("2026-06-01"),
    )
    after = compute_kpis(town, START, END)
    assert after["help_sessions"] == before["help_sessions"] + 1
    assert after["help_sessions_by_topic"]["LINE"] == before["help_sessions_by_topic"]["LINE"] + 1


def test_figures_of_an_encrypted_desk_and_a_desk_in_memory(data_dir):
    from kyojo_desk.security import keys
    from kyojo_desk.store import Store

    for store in (Store.open(data_dir / "secret.db", keys.new_key()), Store.open(":memory:")):
        with store:
            store.create_event({"title": "サロン", "starts_at": "2026-05-01T10:00"})
            figures = compute_kpis(store, START, END)
            assert figures["events_held"] == 1
