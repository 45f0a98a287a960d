"""The dashboard's 年度: 「今年度」 in every month, targets and cumulative figures, the match
rate, the digital-divide table and chart, and the app's figure entered by a coordinator."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from kyojo_desk.gui.pages.dashboard_page import DashboardPage
from kyojo_desk.records.help import CONCIERGE_COURSE
from tests.conftest import consent
from tests.gui.conftest import on_db, type_text, wait_idle


@pytest.fixture
def page(qtbot, window, desk_context) -> DashboardPage:
    dashboard = window.show_page(DashboardPage)
    wait_idle(qtbot, desk_context)
    return dashboard


@pytest.mark.parametrize(
    ("today", "first", "last"),
    [
        (dt.date(2026, 1, 15), dt.date(2025, 4, 1), dt.date(2026, 3, 31)),
        (dt.date(2026, 3, 31), dt.date(2025, 4, 1), dt.date(2026, 3, 31)),
        (dt.date(2026, 4, 1), dt.date(2026, 4, 1), dt.date(2027, 3, 31)),
        (dt.date(2026, 12, 7), dt.date(2026, 4, 1), dt.date(2027, 3, 31)),
    ],
)
def test_this_fiscal_year_in_every_month(qtbot, page, desk_context, today, first, last):
    page.set_fiscal_year(today)
    wait_idle(qtbot, desk_context)
    assert page.period()[:2] == (first, last)
    assert page.figures["fiscal_year"] == first.year


def test_targets_cumulative_match_rate_and_digital_divide(qtbot, page, desk_context):
    def town(store):
        leader = store.add_volunteer("山田 一郎", "やまだ いちろう", ["concierge"])
        store.record_training(leader.id, CONCIERGE_COURSE, "2025-02-10")  # 年度 2024
        store.create_event(
            {"title": "サロン", "starts_at": "2025-03-20T10:00", "led_by": leader.id}
        )
        people = [
            store.register_resident(
                {
                    "family_name": "住民",
                    "family_reading": "じゅうみん",
                    "birth_date": born,
                    "district": district,
                    "smartphone": phone,
                },
                consent(),
                allow_duplicate=True,
            )
            for born, district, phone in (
                ("1940-06-01", "01", "none"),
                ("1950-06-01", "01", "android"),
                ("1990-01-01", "02", "iphone"),
            )
        ]
        for person in people:
            store.write("residents", person.id, {"created_at": "2025-01-10T09:00:00+09:00"})
        requests = [
            store.create_aid_request({"resident_id": people[0].id, "kind": "shopping"})
            for _ in range(4)
        ]
        for request in requests:
            store.write("aid_requests", request.id, {"created_at": "2025-02-01T09:00:00+09:00"})
        for request in requests[:3]:
            store.match_aid_request(request.id, volunteer_id=leader.id)
        store.record_app_aid_count("2025-03", 9, "月報")

    on_db(desk_context, town)
    # February–March 2025: 年度 2024, whose targets are 8 / 12 / 30.
    page.set_period(dt.date(2025, 2, 1), dt.date(2025, 3, 31))
    wait_idle(qtbot, desk_context)
    assert page.numbers["volunteers_trained"].text() == "1 / 8"
    assert page.numbers["volunteer_led_events"].text() == "1 / 12"
    assert page.numbers["aid_matches_total"].text() == "9 / 30"  # the app's 9, none done here
    assert page.numbers["match_rate"].text() == "75% / 80%"  # 3 of 4
    assert page.cumulative["volunteer_led_events"].text() == "累計 1 / 12（計画全体 54）"
    # Residents on 2025-03-31: 84 in 01 (no smartphone), 74 in 01 (Android), 35 in 02 (iPhone).
    model = page.divide_model
    cells = [
        [model.data(model.index(row, column)) for column in range(model.columnCount())]
        for row in range(model.rowCount())
    ]
    assert cells == [
        ["上野原", "70代", "1", "1（100%）", "0（0%）", "0"],
        ["上野原", "80歳〜", "1", "0（0%）", "0（0%）", "0"],
        ["大目", "20〜39歳", "1", "1（100%）", "0（0%）", "0"],
    ]
    assert page.divide_chart.bars == [("20〜39歳", 0), ("70代", 0), ("80歳〜", 1)]  # youngest first


def test_a_coordinator_enters_the_apps_monthly_figure(qtbot, page, desk_context, coordinator_pin):
    page.set_period(dt.date(2026, 4, 1), dt.date(2026, 4, 30))
    wait_idle(qtbot, desk_context)
    dialog = page.enter_app_figure()
    assert coordinator_pin["calls"], "the coordinator's PIN was asked"
    dialog.count.setValue(14)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)  # no source yet
    wait_idle(qtbot, desk_context)
    assert dialog.isVisible() and dialog.errors["source"].text()
    assert on_db(desk_context, lambda store: store.list_app_aid_counts()) == []
    type_text(qtbot, dialog.source, "アプリ管理画面の月報")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, desk_context)
    wait_idle(qtbot, desk_context)
    assert not dialog.isVisible()
    [figure] = on_db(desk_context, lambda store: store.list_app_aid_counts())
    assert (figure.month, figure.count, figure.source) == ("2026-04", 14, "アプリ管理画面の月報")
    assert page.numbers["aid_matches_total"].text() == "14 / 100"
