"""The monthly report: the month's and the fiscal year's figures, districts and events, read back."""

from __future__ import annotations

import datetime as dt

import pytest
from pypdf import PdfReader

from kyojo_desk.errors import ValidationError
from kyojo_desk.printing.report import fiscal_year_start, month_bounds, render_report


def test_report_holds_the_figures_districts_and_events(store, make_resident, tmp_path):
    resident = make_resident(district="07")
    volunteer = store.add_volunteer("山田 一郎", "やまだ いちろう")
    event = store.create_event(
        {
            "title": "防災訓練",
            "kind": "disaster_drill",
            "starts_at": "2026-11-08T10:00:00+09:00",
            "volunteer_led": True,
        }
    )
    store.check_in(event.id, resident.id, "card")
    store.log_help_session(
        {
            "volunteer_id": volunteer.id,
            "resident_id": resident.id,
            "topics": ["LINE"],
            "minutes": 15,
            "outcome": "solved",
        },
        at=dt.datetime(2026, 11, 9, 10, tzinfo=dt.timezone(dt.timedelta(hours=9))),
    )
    store.set_meta("centre_name", "上野原市 コミュニティセンター")
    path = tmp_path / "report.pdf"
    render_report(store, "2026-11", path)
    reader = PdfReader(path)
    text = "".join(page.extract_text() for page in reader.pages)
    for expected in (
        "月次報告",
        "2026年11月",
        "上野原市 コミュニティセンター",
        "シェア・コンシェルジュが中心の活動",
        "防災訓練",
        "2026-11-08",
        "棡原",
        "LINE",
        "できた",
        "年度目標",
    ):
        assert expected in text, expected
    fonts = {
        str(f.get_object()["/BaseFont"])
        for page in reader.pages
        for f in page["/Resources"]["/Font"].values()
    }
    assert any("BIZUDPGothic" in name for name in fonts)


def test_month_and_fiscal_year():
    assert month_bounds("2026-02") == (dt.date(2026, 2, 1), dt.date(2026, 2, 28))
    assert fiscal_year_start(dt.date(2026, 3, 31)) == dt.date(2025, 4, 1)
    assert fiscal_year_start(dt.date(2026, 4, 1)) == dt.date(2026, 4, 1)
    with pytest.raises(ValidationError):
        month_bounds("11月")
