"""担い手活動: designation, one check-in per person per day, ふるさと住民 at the door, external
codes, and the yearly tally on a hand-built year whose answers are worked out by hand."""

from __future__ import annotations

import csv
import json
import subprocess
import sys

import pytest

from kyojo_desk.errors import ValidationError
from kyojo_desk.ids import derived_id
from kyojo_desk.ninaite_list import CITY_LIST_COLUMNS, city_list, write_city_list_csv
from kyojo_desk.qr import card_payload
from kyojo_desk.records.event import CheckInStatus
from kyojo_desk.records.ninaite import ActivityDay, fiscal_year_of, tally_year
from kyojo_desk.store import Store
from kyojo_desk.store.events import attendance_id

FURUSATO = {
    "family_name": "山田",
    "given_name": "花子",
    "family_reading": "やまだ",
    "given_reading": "はなこ",
    "home_municipality": "東京都八王子市",
}


def at(day: str, time: str = "10:00") -> str:
    return f"{day}T{time}:00+09:00"


def event(store: Store, title: str, starts: str, ends: str | None = None, **values):
    return store.create_event(
        {
            "title": title,
            "starts_at": at(starts, "09:00"),
            "ends_at": ends and at(ends, "17:00"),
            **values,
        }
    )


def test_designation_by_the_city_or_a_partner_organisation(store):
    fire = store.create_organisation({"name": "上野原市消防団 第3分団", "kind": "消防団"})
    assert fire.kind == "fire_brigade" and fire.kind_label == "消防団"
    drill = event(store, "夜警", "2026-12-28", ninaite_activity=True, designated_by=fire.id)
    assert drill.designated_by == fire.id
    assert store.designation_name(drill.designated_by) == "上野原市消防団 第3分団"
    by_city = event(store, "清掃", "2026-06-01", ninaite_activity=True)
    assert by_city.designated_by == "city" and store.designation_name("city") == "市"
    with pytest.raises(ValidationError) as error:
        event(store, "x", "2026-06-01", ninaite_activity=True, designated_by="no-such-org")
    assert error.value.field == "designated_by"
    with pytest.raises(ValidationError) as error:
        event(store, "x", "2026-06-01", designated_by=fire.id)  # not a 担い手活動
    assert error.value.field == "designated_by"
    with pytest.raises(ValidationError):
        store.create_organisation({"name": "", "kind": "unknown"})
    assert [o.name for o in store.list_organisations()] == ["上野原市消防団 第3分団"]


def test_multi_day_activity_counts_once_per_person_per_day(store, make_resident):
    festival = event(store, "夏まつり運営", "2026-08-01", "2026-08-03", ninaite_activity=True)
    person = make_resident()
    first = store.check_in(festival.id, person.id, "search", at=at("2026-08-01"))
    assert first.status == CheckInStatus.NEW and first.attendance.day == "2026-08-01"
    # The same day again (another method, later): already checked in, nothing written.
    before = store.next_seq()
    again = store.check_in(festival.id, person.id, "card", at=at("2026-08-01", "15:00"))
    assert again.status == CheckInStatus.ALREADY and store.next_seq() == before
    # The next day is a new check-in; so is the third.
    second = store.check_in(festival.id, person.id, "card", at=at("2026-08-02"))
    third = store.check_in(festival.id, person.id, "card", at=at("2026-08-03"))
    assert second.status == third.status == CheckInStatus.NEW
    days = [a.day for a in store.list_attendance(festival.id)]
    assert days == ["2026-08-01", "2026-08-02", "2026-08-03"]
    assert [a.day for a in store.list_attendance(festival.id, "2026-08-02")] == ["2026-08-02"]
    # Ids: the first day keeps the id of before; later days add the day.
    assert first.attendance.id == attendance_id(festival.id, person.id)
    assert second.attendance.id == derived_id(festival.id, person.id, "2026-08-02")
    assert store.live_counts(festival.id, "2026-08-02").checked_in == 1
    assert store.ninaite_tally(person.id, 2026).activity_days == 3


def test_a_one_day_event_has_one_day_even_when_scanned_after_midnight(store, make_resident):
    salon = event(store, "サロン", "2026-11-05")
    person = make_resident()
    store.check_in(salon.id, person.id, "card", at=at("2026-11-05"))
    late = store.check_in(salon.id, person.id, "card", at=at("2026-11-06", "00:10"))
    assert late.status == CheckInStatus.ALREADY
    with pytest.raises(ValidationError):
        store.check_in(salon.id, person.id, "card", day="2026-11-06")


def test_two_desks_checking_in_on_the_same_later_day_make_one_row(data_dir, make_resident, store):
    festival = event(store, "祭り", "2026-08-01", "2026-08-03", ninaite_activity=True)
    person = make_resident()
    with Store.open(data_dir / "other.db") as other:
        here = store.check_in(festival.id, person.id, "card", at=at("2026-08-02"))
        there_event = {k: getattr(festival, k) for k in ("title", "starts_at", "ends_at")}
        other.write("events", festival.id, {**there_event, "ninaite_activity": 1, "deleted": 0})
        other.write("residents", person.id, {"family_name": "x", "family_reading": "x"})
        there = other.check_in(festival.id, person.id, "card", at=at("2026-08-02", "11:00"))
        assert here.attendance.id == there.attendance.id


def test_sign_in_sheet_entered_for_a_later_day(store, make_resident):
    festival = event(store, "祭り", "2026-08-01", "2026-08-03", ninaite_activity=True)
    person = make_resident()
    result = store.enter_sheet(festival.id, [person.id], [], day="2026-08-02")
    assert result.new == 1
    [row] = store.list_attendance(festival.id)
    assert row.day == "2026-08-02" and row.checked_in_at.startswith("2026-08-02T09:00")
    assert store.enter_sheet(festival.id, [person.id], [], day="2026-08-02").already == 1
    with pytest.raises(ValidationError):
        store.enter_sheet(festival.id, [person.id], [], day="2026-08-09")


def test_furusato_registration_and_a_minor_without_a_guardian(store):
    person = store.register_furusato(FURUSATO, "受付 望月")
    assert person.kind == "related" and person.home_municipality == "東京都八王子市"
    assert not person.is_minor and person.guardian_name == ""
    assert store.consents_of(person.id)[0].witnessed_by == "受付 望月"
    with pytest.raises(ValidationError) as error:
        store.register_furusato({**FURUSATO, "given_name": "太郎", "is_minor": True}, "受付")
    assert set(error.value.errors) >= {"guardian_name", "guardian_consent"}
    # Under 18 by the birth date is a minor too, ticked or not.
    with pytest.raises(ValidationError) as error:
        store.register_furusato(
            {
                **FURUSATO,
                "given_name": "次郎",
                "birth_date": "2015-04-01",
                "guardian_name": "山田 一郎",
            },
            "受付",
        )
    assert set(error.value.errors) == {"guardian_consent"}
    minor = store.register_furusato(
        {
            **FURUSATO,
            "given_name": "次郎",
            "given_reading": "じろう",
            "birth_date": "2015-04-01",
            "guardian_name": "山田 一郎",
            "guardian_consent": True,
        },
        "受付",
    )
    assert minor.is_minor and minor.guardian_name == "山田 一郎" and minor.guardian_consent_on
    with pytest.raises(ValidationError) as error:
        store.register_furusato({**FURUSATO, "home_municipality": ""}, "受付")
    assert error.value.field == "home_municipality"


def test_external_code_linked_then_recognised(store, make_resident):
    salon = event(store, "サロン", "2026-11-05")
    person = store.register_furusato(FURUSATO, "受付")
    scanned = "ＦＵＲＵＳＡＴＯ：１２３４－ａｂ"  # as a scanner types it through an IME
    assert store.check_in_by_scan(salon.id, scanned).status == CheckInStatus.UNKNOWN_CODE
    assert store.list_attendance(salon.id) == []
    code = store.link_external_code(person.id, scanned)
    assert code == "FURUSATO:1234-ab"  # kept as given after NFKC, case and marks included
    result = store.check_in_by_scan(salon.id, "FURUSATO:1234-ab")
    assert result.status == CheckInStatus.NEW and result.attendance.resident_id == person.id
    assert store.check_in_by_scan(salon.id, scanned).status == CheckInStatus.ALREADY
    assert store.external_codes_of(person.id) == ["FURUSATO:1234-ab"]
    # The same code for another person is refused; the desk's own card codes are not linked.
    other = make_resident()
    with pytest.raises(ValidationError):
        store.link_external_code(other.id, scanned)
    with pytest.raises(ValidationError):
        store.link_external_code(other.id, card_payload(other.card_code))
    with pytest.raises(ValidationError):
        store.link_external_code(other.id, "  ")
    assert store.link_external_code(person.id, scanned) == code  # again: nothing changes


def test_tally_rule_on_hand_built_days():
    def days(*specs):
        return [ActivityDay(d, e, e, "city") for d, e in specs]

    # Far away, three consecutive days across two activities: three times.
    far = days(("2026-08-01", "X"), ("2026-08-02", "Y"), ("2026-08-03", "X"))
    assert tally_year("p", 2026, far, [], from_far_away=True).counted == 3
    # The same days for a resident of the town: two activities, twice.
    assert tally_year("p", 2026, far, [], from_far_away=False).counted == 2
    # Two consecutive days of one activity: once, near or far.
    two = days(("2026-10-10", "G"), ("2026-10-11", "G"))
    assert tally_year("p", 2026, two, [], from_far_away=True).counted == 1
    # Days outside the 年度 (it starts on 1 April) do not count.
    edge = days(("2026-03-31", "A"), ("2026-04-01", "B"), ("2027-03-31", "C"), ("2027-04-01", "D"))
    tally = tally_year("p", 2026, edge, [], from_far_away=False)
    assert tally.dates == ["2026-04-01", "2027-03-31"] and tally.counted == 2 and not tally.met
    assert fiscal_year_of(__import__("datetime").date(2027, 3, 31)) == 2026


@pytest.fixture
def year(store, make_resident):
    """A hand-built 年度 2026 (see the test below for what each person did)."""
    town = store.create_organisation({"name": "上野原東自治会", "kind": "自治会"})
    a = event(store, "公園清掃", "2026-05-10", ninaite_activity=True)
    b = event(
        store,
        "夏まつり運営",
        "2026-07-01",
        "2026-07-03",
        ninaite_activity=True,
        designated_by=town.id,
    )
    c = event(store, "お茶会", "2026-09-01")  # not designated: a day of stay only
    d = event(store, "防災訓練", "2027-03-31", ninaite_activity=True)
    e = event(store, "盆踊り", "2027-04-01", ninaite_activity=True)  # next 年度
    g = event(store, "移動販売の買い物支援", "2026-10-10", "2026-10-11", ninaite_activity=True)
    resident = make_resident()
    far = store.register_furusato(FURUSATO, "受付", allow_duplicate=True)
    gaps = store.register_furusato(
        {**FURUSATO, "given_name": "三郎", "given_reading": "さぶろう"},
        "受付",
        allow_duplicate=True,
    )
    for person, visits in (
        (
            resident,
            [
                (a, "2026-05-10"),
                (b, "2026-07-01"),
                (b, "2026-07-02"),
                (b, "2026-07-03"),
                (c, "2026-09-01"),
                (d, "2027-03-31"),
                (e, "2027-04-01"),
            ],
        ),
        (
            far,
            [
                (a, "2026-05-10"),
                (b, "2026-07-01"),
                (b, "2026-07-02"),
                (b, "2026-07-03"),
                (g, "2026-10-10"),
                (g, "2026-10-11"),
            ],
        ),
        (gaps, [(b, "2026-07-01"), (b, "2026-07-03")]),
    ):
        for ev, day in visits:
            store.check_in(ev.id, person.id, "card", at=at(day))
    store.link_external_code(far.id, '=HYPERLINK("http://x")')
    return {"resident": resident, "far": far, "gaps": gaps, "town": town}


def test_year_tally_worked_out_by_hand(store, year):
    resident = store.ninaite_tally(year["resident"].id, 2026)
    # 公園清掃, 夏まつり運営 (3 days), 防災訓練 on 31 March; 盆踊り is 年度 2027.
    assert (resident.activities, resident.activity_days, resident.counted) == (3, 5, 3)
    assert resident.met and resident.days_of_stay == 6 and not resident.long_stay
    assert [a.designated_by_name for a in resident.counted_activities] == [
        "市",
        "上野原東自治会",
        "市",
    ]
    far = store.ninaite_tally(year["far"].id, 2026)
    # From far away: the three consecutive days count 3, 公園清掃 1, the two-day 買い物支援 1.
    assert (far.activities, far.activity_days, far.counted, far.met) == (3, 6, 5, True)
    gaps = store.ninaite_tally(year["gaps"].id, 2026)
    # Two days of one activity, not consecutive: once.
    assert (gaps.activities, gaps.activity_days, gaps.counted, gaps.met) == (1, 2, 1, False)
    assert store.ninaite_tally(year["resident"].id, 2027).counted == 1


def test_city_list_json_and_spreadsheet_safe_csv(store, year, tmp_path):
    rows = city_list(store, 2026)
    assert [r["reading"] for r in rows] == ["やまだ　さぶろう", "やまだ　たろう", "やまだ　はなこ"]
    far = next(r for r in rows if r["person_id"] == year["far"].id)
    for key in (
        "person_id",
        "name",
        "reading",
        "home_municipality",
        "external_ids",
        "activities",
        "activity_days",
        "counted",
        "met",
        "dates",
    ):
        assert key in far
    assert far["external_ids"] == ['=HYPERLINK("http://x")'] and far["counted"] == 5
    path = write_city_list_csv(rows, tmp_path / "list.csv")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    table = list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines()))
    assert table[0] == [header for _, header in CITY_LIST_COLUMNS]
    far_row = next(r for r in table if r[1] == year["far"].id)
    assert far_row[5] == '\'=HYPERLINK("http://x")'  # shown as text, never run
    assert far_row[8:10] == ["5", "1"]


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "kyojo_desk.cli", *args], capture_output=True, text=True
    )


def test_command_line(data_dir, tmp_path):
    org = run_cli("org", "add", "--name", "NPO上野原", "--kind", "npo", "--json")
    assert org.returncode == 0, org.stderr
    org_id = json.loads(org.stdout)["id"]
    ev = run_cli(
        "event",
        "add",
        "--title",
        "祭り運営",
        "--starts",
        "2020-08-01T09:00",
        "--ends",
        "2020-08-03T17:00",
        "--ninaite",
        "--designated-by",
        org_id,
        "--json",
    )
    event_id = json.loads(ev.stdout)["id"]
    assert json.loads(ev.stdout)["designated_by"] == org_id
    person = run_cli(
        "person",
        "register-furusato",
        "--family-name",
        "山田",
        "--family-reading",
        "やまだ",
        "--home",
        "甲府市",
        "--witnessed-by",
        "受付",
    )
    person_id = person.stdout.strip()
    minor = run_cli(
        "person",
        "register-furusato",
        "--family-name",
        "山田",
        "--family-reading",
        "やまだ",
        "--home",
        "甲府市",
        "--witnessed-by",
        "受付",
        "--minor",
        "--force",
    )
    assert minor.returncode == 1 and "保護者" in minor.stderr
    unknown = run_cli("checkin", event_id, "APP-0001")
    assert unknown.returncode == 1 and "unknown_code" in unknown.stderr
    assert run_cli("person", "link-code", person_id, "APP-0001").returncode == 0
    checked = run_cli("checkin", event_id, "APP-0001", "--json")
    assert checked.returncode == 0, checked.stderr
    day = json.loads(checked.stdout)["day"]
    listed = json.loads(run_cli("attendance", event_id, "--json").stdout)
    assert [a["day"] for a in listed] == [day]
    assert day == "2020-08-03"  # today is after the event: its last day
    year = json.loads(run_cli("ninaite", "list", "--fiscal-year", "2020", "--json").stdout)
    assert [p["person_id"] for p in year] == [person_id]
    assert year[0]["external_ids"] == ["APP-0001"]
    written = run_cli(
        "ninaite", "list", "--fiscal-year", "2026", "--csv", "-o", str(tmp_path / "l.csv")
    )
    assert written.returncode == 0 and (tmp_path / "l.csv").exists()
    assert run_cli("ninaite", "list", "--csv").returncode == 1


@pytest.mark.parametrize("encrypted", [False, True], ids=["plain", "encrypted"])
def test_release_0_1_desk_is_migrated_in_place(tmp_path, monkeypatch, encrypted):
    """Every check-in gets its day, ids stay, designated events name the city, and a scan on a
    day already counted is not counted again."""
    from kyojo_desk.security.desk import open_desk_store
    from tests.fixtures.release_0_1 import contents, load_desk

    monkeypatch.setenv("KYOJO_KEYRING", "file")
    path = load_desk(tmp_path / "desk", encrypted)
    import sqlite3

    if not encrypted:
        with sqlite3.connect(path) as old:
            before = old.execute("SELECT id, checked_in_at FROM attendance ORDER BY id").fetchall()
    with open_desk_store(path) as store:
        rows = store.db.execute("SELECT id, checked_in_at, day FROM attendance ORDER BY id")
        rows = rows.fetchall()
        assert len(rows) == contents.COUNTS["attendance"]
        # The fixture's check-ins were scanned days after their one-day events: each counts
        # for its event's day, so its id is the per-day id it already had.
        for row_id, _, day in rows:
            row = store.get_row("attendance", row_id)
            event = store.get_event(row["event_id"])
            assert day == event.first_day
            if row["resident_id"]:
                assert row_id == attendance_id(event.id, row["resident_id"], day, event.first_day)
        if not encrypted:
            assert [(i, c) for i, c, _ in rows] == before
        for event_id in contents.EVENT_IDS:
            designated = store.get_event(event_id)
            assert designated.designated_by == ("city" if designated.ninaite_activity else "")
        person_rows = store.db.execute(
            "SELECT event_id, resident_id, day FROM attendance WHERE resident_id IS NOT NULL"
            " AND deleted = 0"
        ).fetchall()
        event_id, resident_id, day = person_rows[0]
        event = store.get_event(event_id)
        assert (
            store.get_row("attendance", attendance_id(event_id, resident_id, day, event.first_day))
            is not None
        )
        again = store.check_in(event_id, resident_id, "card", at=f"{day}T15:00:00+09:00")
        assert again.status == CheckInStatus.ALREADY
        assert store.get_resident(contents.RESIDENT_IDS[0]).home_municipality == ""
        assert store.list_organisations() == []


def test_sign_in_sheet_printed_for_one_day(store, make_resident, tmp_path):
    from pypdf import PdfReader

    from kyojo_desk.printing.signin import render_signin

    festival = event(store, "夏まつり運営", "2026-08-01", "2026-08-03", ninaite_activity=True)
    store.sign_up(festival.id, [make_resident().id])
    render_signin(store, festival.id, tmp_path / "day2.pdf", day="2026-08-02")
    text = PdfReader(tmp_path / "day2.pdf").pages[0].extract_text()
    assert "2026/08/02" in text and "2日目" in text
    with pytest.raises(ValidationError):
        render_signin(store, festival.id, tmp_path / "x.pdf", day="2026-08-05")


def test_erasure_removes_the_codes_and_home_of_a_person(store):
    """An erased ふるさと住民's code no longer finds anyone, and nothing personal stays."""
    salon = event(store, "サロン", "2026-11-05")
    person = store.register_furusato(
        {**FURUSATO, "is_minor": True, "guardian_name": "山田 一郎", "guardian_consent": True},
        "受付",
    )
    store.link_external_code(person.id, "APP-0042")
    store.check_in_by_scan(salon.id, "APP-0042")
    store.erase_resident(person.id)
    assert store.resident_id_by_external_code("APP-0042") is None
    assert store.check_in_by_scan(salon.id, "APP-0042").status == CheckInStatus.UNKNOWN_CODE
    codes = store.db.execute("SELECT code, resident_id FROM external_codes").fetchall()
    assert codes == [("", None)]
    assert store.get_row("residents", person.id) is None
    dump = "\n".join(str(row) for row in store.db.execute("SELECT * FROM outbox").fetchall())
    assert "APP-0042" not in dump and "八王子" not in dump and "山田 一郎" not in dump


def test_scanned_sheet_of_a_later_day(store, make_resident):
    festival = event(store, "祭り", "2026-08-01", "2026-08-03", ninaite_activity=True)
    person = make_resident()
    first = store.check_in_from_sheet_scan(festival.id, 1, [person.id])
    second = store.check_in_from_sheet_scan(festival.id, 1, [person.id], day="2026-08-02")
    again = store.check_in_from_sheet_scan(festival.id, 1, [person.id], day="2026-08-02")
    assert (first.new, second.new, again.already) == (1, 1, 1)
    assert [a.day for a in store.list_attendance(festival.id)] == ["2026-08-01", "2026-08-02"]
    with pytest.raises(ValidationError):
        store.check_in_from_sheet_scan(festival.id, 1, [person.id], day="2026-07-31")


def test_kpis_count_related_people_and_designated_activities(store, year):
    import datetime as dt

    from kyojo_desk.store.kpi import compute_kpis

    figures = compute_kpis(store, dt.date(2026, 4, 1), dt.date(2027, 3, 31))
    # 関係人口: the two people from 八王子; activities: 公園清掃, 夏まつり運営, 買い物支援, 防災訓練.
    assert figures["related_participants"] == 2
    assert figures["ninaite_activities"] == 4
    assert figures["ninaite_participants"] == 3
    # Check-ins one per person per day: 5 (the resident) + 6 (far away) + 2 (gaps).
    assert figures["ninaite_check_ins"] == 13
    assert figures["ninaite_met"] == 2
