"""The yearly report: the plan's KPIs year by year and cumulative, the match rate, the
digital-divide table, events, help — read back from the PDF (text, fonts, page size)."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest
from pypdf import PdfReader

from kyojo_desk.errors import ValidationError
from kyojo_desk.printing.yearly_report import fiscal_year_name, render_yearly_report
from kyojo_desk.records.help import CONCIERGE_COURSE


@pytest.fixture
def town(store, make_resident):
    """年度 2024: 1 concierge trained, 1 event led by one; 年度 2025: 2 trained, 3 events led,
    2 desk matches done + app 9 + 4; 3 requests made in 2025, 2 matched."""
    leader = store.add_volunteer("山田 一郎", "やまだ いちろう", ["concierge"])
    store.record_training(leader.id, CONCIERGE_COURSE, "2024-05-01")
    for name, day in (("佐藤 花", "2025-06-01"), ("鈴木 次郎", "2026-02-01")):
        volunteer = store.add_volunteer(name, "さとう はな", ["concierge"])
        store.record_training(volunteer.id, CONCIERGE_COURSE, day)
    for day, kind in (
        ("2024-10-01", "exchange"),
        ("2025-05-10", "smartphone_class"),
        ("2025-09-10", "smartphone_class"),
        ("2026-03-31", "disaster_drill"),
    ):
        store.create_event(
            {"title": "会", "kind": kind, "starts_at": f"{day}T10:00", "led_by": leader.id}
        )
    people = [
        make_resident(district="07", birth_date="1940-01-01", smartphone="none"),
        make_resident(district="07", birth_date="1985-01-01", smartphone="iphone"),
    ]
    for person in people:
        store.write("residents", person.id, {"created_at": "2024-06-01T09:00:00+09:00"})
    store.mark_skill(people[1].id, "app_registration", dt.date(2025, 8, 1))
    for index in range(3):
        request = store.create_aid_request({"resident_id": people[0].id, "kind": "shopping"})
        store.write("aid_requests", request.id, {"created_at": "2025-07-01T09:00:00+09:00"})
        if index < 2:
            store.match_aid_request(request.id, volunteer_id=leader.id)
            store.close_aid_request(request.id, "done")
            store.write("aid_requests", request.id, {"closed_at": "2025-07-20T09:00:00+09:00"})
    store.record_app_aid_count("2025-04", 9, "月報")
    store.record_app_aid_count("2026-03", 4, "月報")
    store.log_help_session(
        {
            "volunteer_id": leader.id,
            "resident_id": people[0].id,
            "topics": ["LINE"],
            "minutes": 15,
            "outcome": "solved",
        },
        at=dt.datetime(2025, 11, 9, 10, tzinfo=dt.timezone(dt.timedelta(hours=9))),
    )
    store.set_meta("centre_name", "上野原市 コミュニティセンター")
    return store


def pdf_text(path) -> str:
    return "".join(page.extract_text() for page in PdfReader(path).pages)


def test_the_yearly_report_holds_every_figure(town, tmp_path):
    path = tmp_path / "yearly.pdf"
    render_yearly_report(town, 2025, path)
    reader = PdfReader(path)
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4
    text = pdf_text(path).replace(" ", "")
    for expected in (
        "2025年度（令和7年度）",
        "上野原市コミュニティセンター",
        "1/8",  # 年度 2024: one concierge trained, target 8
        "2/10",  # 年度 2025: two trained, target 10
        "3/18",  # 年度 2025: three events led, target 18
        "15/70",  # 年度 2025: 2 at the desk + 9 + 4 in the app, target 70
        "3/18",  # cumulative concierges 1 + 2 against 8 + 10
        "4/30",  # cumulative events 1 + 3 against 12 + 18
        "15/100",  # cumulative 共助 against 30 + 70
        "67%未達成",  # match rate: 2 of 3 requests against 80 %
        "棡原",
        "スマホあり",
        "1（50%）",  # one of the two in 棡原 has a smartphone
        "スマホ教室",
        "LINE",
        "できた",
    ):
        assert expected in text, expected
    fonts = {
        str(font.get_object()["/BaseFont"])
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }
    # (reportlab's canvas starts in Helvetica and lists it even when nothing is written in it)
    assert {"/AAAAAA+BIZUDPGothic-Regular", "/AAAAAA+BIZUDPGothic-Bold"} <= fonts


def test_a_year_before_the_plan_and_a_wrong_year(town, tmp_path):
    path = tmp_path / "early.pdf"
    render_yearly_report(town, 2023, path)
    assert "計画の期間より前" in pdf_text(path)
    with pytest.raises(ValidationError):
        render_yearly_report(town, 25, tmp_path / "bad.pdf")
    assert fiscal_year_name(2019) == "2019年度（令和元年度）"


def test_print_report_by_fiscal_year_from_the_command_line(town, data_dir, tmp_path):
    town.close()
    output = tmp_path / "report.pdf"
    done = subprocess.run(
        [sys.executable, "-m", "kyojo_desk", "--data-dir", str(data_dir), "print", "report",
         "--fiscal-year", "2025", "-o", str(output)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "年度報告" in pdf_text(output)
    both = subprocess.run(
        [sys.executable, "-m", "kyojo_desk", "--data-dir", str(data_dir), "print", "report",
         "--fiscal-year", "2025", "--month", "2025-05", "-o", str(output)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert both.returncode != 0 and "either" in both.stderr
