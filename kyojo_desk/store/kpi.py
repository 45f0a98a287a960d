"""The city's KPIs for a period (and optionally a district): `compute_kpis(store, start, end)`.

Keys of the returned dict (stable; the CLI's JSON, the exports and the monthly report use them):

- new_residents: residents registered in the period (merged duplicates not counted)
- residents_supported: different residents given help in the period
- help_sessions: help sessions in the period (anonymous ones only without a district filter)
- help_sessions_by_topic / help_sessions_by_outcome: {topic or outcome: sessions}
- events_held / volunteer_led_events: events that started in the period (KPI ③ is the second);
  events belong to the whole centre, so a district filter does not apply to them
- attendance_total: check-ins at events of the period (anonymous head counts included without a
  district filter), attendance_unique: different residents among them
- first_time_participants: residents whose first event ever was in the period
- returning_participants, repeat_rate: attendees of the period who had come before, and their
  share of attendance_unique (0.0 when nobody came)
- attendance_by_age_band: {age band: check-ins}, by age on the event's day (head counts by the
  band they were given)
- volunteers_trained: volunteers who completed the share-concierge course in the period (KPI ②)
- aid_matches_completed: 共助 requests completed in the period (KPI ④)
- open_follow_ups: follow-ups not yet closed from help sessions up to the end of the period
- targets: the city's targets for the year of the period's end, for the three KPIs above
"""

from __future__ import annotations

import datetime as dt
import json
from functools import cache
from typing import TYPE_CHECKING, Any

from kyojo_desk.paths import resources_dir
from kyojo_desk.records.help import CONCIERGE_COURSE
from kyojo_desk.store.migrations import YMD
from kyojo_desk.texts import N_

if TYPE_CHECKING:
    from sqlite_utils import Database

    from kyojo_desk.store.store import Store

AGE_BANDS = (
    ("0-19", 0, 19),
    ("20-39", 20, 39),
    ("40-59", 40, 59),
    ("60-69", 60, 69),
    ("70-79", 70, 79),
    ("80-", 80, 200),
)


@cache
def kpi_targets() -> dict[str, dict[str, int]]:
    data = json.loads((resources_dir() / "kpi-targets.json").read_text(encoding="utf-8"))
    return {k: v for k, v in data.items() if isinstance(v, dict)}


def compute_kpis(
    store: Store, start: dt.date, end: dt.date, district: str | None = None
) -> dict[str, Any]:
    """The dashboard's figures for [start, end] (both days included).

    Counted in SQL on integer keys kept by triggers (migration m008), so a year of 500 000
    check-ins never passes through Python row by row.
    """
    if end < start:
        from kyojo_desk.errors import ValidationError

        raise ValidationError("period", N_("期間の終わりが始まりより前になっています。"))
    low, high = start.isoformat(), (end + dt.timedelta(days=1)).isoformat()
    params = {"low": low, "high": high, "district": district}
    figures = _period_figures(store.db, params)
    attendance = _attendance_figures(store.db, params)
    came_before: set[str] = figures.pop("came_before")
    attendees: set[str] = attendance.pop("attendees")
    figures.update(attendance)
    figures["first_time_participants"] = len(attendees - came_before)
    returning = len(attendees & came_before)
    figures["returning_participants"] = returning
    figures["repeat_rate"] = round(returning / len(attendees), 3) if attendees else 0.0
    year = str(end.year)
    figures["targets"] = {kpi: per_year.get(year) for kpi, per_year in kpi_targets().items()}
    figures["period"] = {"from": start.isoformat(), "to": end.isoformat(), "district": district}
    return figures


# The people of a district as resident numbers (see migration m008): a small set built once per
# statement (IN subquery), cheaper than joining every row of the period.
DISTRICT_NUMBERS = (
    "(SELECT n.number FROM residents r JOIN resident_numbers n ON n.resident_id = r.id "
    "WHERE r.district = :district)"
)


def _period_figures(db: Database, params: dict[str, Any]) -> dict[str, Any]:
    """Everything but attendance, and `came_before`: the resident numbers of people who attended
    before the period."""
    district = params["district"]
    figures: dict[str, Any] = {}
    in_district = "AND r.district = :district" if district else ""
    figures["new_residents"] = db.execute(
        f"SELECT count(*) FROM residents r WHERE r.deleted = 0 AND r.created_at >= :low "
        f"AND r.created_at < :high {in_district}",
        params,
    ).fetchone()[0]

    help_district = f"AND h.resident_number IN {DISTRICT_NUMBERS}" if district else ""
    help_where = f"h.deleted = 0 AND h.at >= :low AND h.at < :high {help_district}"
    figures["help_sessions"], figures["residents_supported"] = db.execute(
        "SELECT count(*), count(DISTINCT h.resident_number) FROM help_sessions h "
        f"WHERE {help_where}",
        params,
    ).fetchone()
    # Sessions per (outcome, topics) pair, each counted from its own stretch of an index: a
    # GROUP BY would sort every session of the period. The few pairs are split here, and come
    # in (outcome, topics) order as a GROUP BY would give them; pairs no session of the period
    # has are left out.
    by_topic: dict[str, int] = {}
    by_outcome: dict[str, int] = {}
    for outcome, topics, count in db.execute(
        "SELECT k.outcome, k.topics, (SELECT count(*) FROM help_sessions h "
        f"WHERE h.outcome = k.outcome AND h.topics = k.topics AND {help_where}) "
        "FROM help_session_kinds k ORDER BY k.outcome, k.topics",
        params,
    ):
        if not count:
            continue
        by_outcome[outcome] = by_outcome.get(outcome, 0) + count
        for topic in json.loads(topics or "[]"):
            by_topic[topic] = by_topic.get(topic, 0) + count
    figures["help_sessions_by_topic"] = dict(sorted(by_topic.items(), key=lambda item: -item[1]))
    figures["help_sessions_by_outcome"] = by_outcome

    figures["events_held"], figures["volunteer_led_events"] = db.execute(
        "SELECT count(*), coalesce(sum(volunteer_led), 0) FROM events "
        "WHERE deleted = 0 AND starts_at >= :low AND starts_at < :high",
        params,
    ).fetchone()

    figures["came_before"] = {
        number
        for (number,) in db.execute(
            "SELECT DISTINCT a.resident_number FROM events e JOIN attendance a "
            "ON a.event_id = e.id AND a.deleted = 0 WHERE e.deleted = 0 AND e.starts_at < :low "
            "AND a.resident_number IS NOT NULL",
            params,
        )
    }

    figures["volunteers_trained"] = db.execute(
        "SELECT count(DISTINCT v.id) FROM volunteers v, json_each(v.trainings) t WHERE v.deleted = 0 "
        "AND json_extract(t.value, '$.course') = :course "
        "AND json_extract(t.value, '$.date') >= :low AND json_extract(t.value, '$.date') < :high",
        {**params, "course": CONCIERGE_COURSE},
    ).fetchone()[0]

    figures["aid_matches_completed"] = db.execute(
        "SELECT count(*) FROM aid_requests q WHERE q.deleted = 0 AND q.status = 'done' "
        "AND q.closed_at >= :low AND q.closed_at < :high "
        + (
            "AND q.resident_id IN (SELECT id FROM residents WHERE district = :district)"
            if district
            else ""
        ),
        params,
    ).fetchone()[0]
    figures["open_follow_ups"] = db.execute(
        f"SELECT count(*) FROM help_sessions h WHERE h.deleted = 0 AND h.follow_up_due IS NOT NULL "
        f"AND h.follow_up_done_at IS NULL AND h.at < :high {help_district}",
        params,
    ).fetchone()[0]
    return figures


def _attendance_sql(district: str | None) -> str:
    """One pass over the check-ins of the period's events, all in the attendance index: the
    count, the residents among them, how many were at least 0, 20, 40 … years old on the day
    (born on or before the event's YYYYMMDD minus that many times 10000), and their numbers.

    The events' thresholds are worked out once per event (MATERIALIZED), not once per check-in.
    People without a known birth date (resident_born NULL) reach no threshold."""
    floors = [low for _, low, _ in AGE_BANDS]
    thresholds = ", ".join(
        f"{YMD.format('starts_at')} - {floor * 10000} AS born_by_{floor}" for floor in floors
    )
    at_least = ", ".join(f"sum(a.resident_born <= e.born_by_{floor})" for floor in floors)
    # "+" keeps the district's numbers a filter on each row: as an index term SQLite would seek
    # every number of the district in every event (1.6 s for a year instead of 0.1 s).
    in_district = f"AND +a.resident_number IN {DISTRICT_NUMBERS}" if district else ""
    return (
        f"WITH period_events AS MATERIALIZED (SELECT id, {thresholds} FROM events "
        "WHERE deleted = 0 AND starts_at >= :low AND starts_at < :high) "
        f"SELECT count(*), count(a.resident_number), {at_least}, group_concat(a.resident_number) "
        "FROM period_events e JOIN attendance a ON a.event_id = e.id AND a.deleted = 0 "
        f"{in_district}"
    )


def _attendance_figures(db: Database, params: dict[str, Any]) -> dict[str, Any]:
    """Attendance of the period, with `attendees`: the resident numbers of the people who came."""
    district = params["district"]
    figures: dict[str, Any] = {}
    total, residents, *at_least, numbers = db.execute(_attendance_sql(district), params).fetchone()
    at_least = [count or 0 for count in at_least]  # sums of no rows are NULL
    at_least.append(0)
    band_names = [name for name, _, _ in AGE_BANDS]
    bands = {name: at_least[index] - at_least[index + 1] for index, name in enumerate(band_names)}
    # Anonymous head counts (no resident: resident_number is NULL exactly when resident_id is)
    # count by the band they were given, and only without a district filter. A band name not
    # among AGE_BANDS is added after them, in the order the events (by id) first show it.
    if not district and total > residents:
        for band, count in db.execute(
            "WITH period_events AS MATERIALIZED (SELECT id FROM events WHERE deleted = 0 "
            "AND starts_at >= :low AND starts_at < :high) "
            "SELECT a.age_band, count(*) FROM period_events e JOIN attendance a "
            "ON a.event_id = e.id AND a.deleted = 0 AND a.resident_number IS NULL "
            "WHERE a.age_band != '' GROUP BY a.age_band ORDER BY min(e.id), a.age_band",
            params,
        ):
            bands[band] = bands.get(band, 0) + count
    # The numbers come as one string of the whole period: de-duplicated as short strings first,
    # so only the different people (not every check-in) are turned into ints.
    attendees = {int(number) for number in set(numbers.split(","))} if numbers else set()
    figures["attendance_total"] = total
    figures["attendance_unique"] = len(attendees)
    figures["attendance_by_age_band"] = bands
    figures["attendees"] = attendees
    return figures


FLAT_KEYS = (
    "new_residents",
    "residents_supported",
    "help_sessions",
    "events_held",
    "volunteer_led_events",
    "attendance_total",
    "attendance_unique",
    "first_time_participants",
    "returning_participants",
    "repeat_rate",
    "volunteers_trained",
    "aid_matches_completed",
    "open_follow_ups",
)
KPI_LABELS = {
    "new_residents": N_("新しく登録した住民"),
    "residents_supported": N_("支援した住民（人）"),
    "help_sessions": N_("相談の件数"),
    "events_held": N_("イベントの回数"),
    "volunteer_led_events": N_("ボランティアが主体のイベント（KPI③）"),
    "attendance_total": N_("参加（のべ人数）"),
    "attendance_unique": N_("参加（実人数）"),
    "first_time_participants": N_("はじめて参加した人"),
    "returning_participants": N_("くり返し参加した人"),
    "repeat_rate": N_("くり返し参加の割合"),
    "volunteers_trained": N_("シェア・コンシェルジュ養成（KPI②）"),
    "aid_matches_completed": N_("共助のマッチング完了（KPI④）"),
    "open_follow_ups": N_("まだ終わっていないフォロー"),
}


def kpi_rows(figures: dict[str, Any]) -> list[tuple[str, str, Any]]:
    """(section, label, value) rows for CSV and spreadsheet exports."""
    rows = [("主な数字", KPI_LABELS[key], figures[key]) for key in FLAT_KEYS]
    rows += [
        ("相談の内容", topic, count) for topic, count in figures["help_sessions_by_topic"].items()
    ]
    rows += [
        ("相談の結果", outcome, count)
        for outcome, count in figures["help_sessions_by_outcome"].items()
    ]
    rows += [
        ("参加者の年代", band, count) for band, count in figures["attendance_by_age_band"].items()
    ]
    rows += [
        ("目標（年度）", KPI_LABELS.get(k, k), v)
        for k, v in figures["targets"].items()
        if v is not None
    ]
    return rows


def export_kpis_csv(figures: dict[str, Any], path) -> None:
    from kyojo_desk.spreadsheet import csv_writer

    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv_writer(handle)
        writer.writerow(["区分", "項目", "値"])
        writer.writerows(kpi_rows(figures))


def export_kpis_xlsx(figures: dict[str, Any], path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from kyojo_desk.spreadsheet import append_xlsx_row

    book = Workbook()
    sheet = book.active
    sheet.title = "KPI"
    period = figures["period"]
    append_xlsx_row(
        sheet,
        [
            f"共助デスク KPI　{period['from']} 〜 {period['to']}"
            + (f"（地区 {period['district']}）" if period["district"] else "")
        ],
    )
    sheet["A1"].font = Font(bold=True, size=14)
    append_xlsx_row(sheet, ["区分", "項目", "値"])
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for row in kpi_rows(figures):
        append_xlsx_row(sheet, row)
    sheet.column_dimensions["A"].width = 16
    sheet.column_dimensions["B"].width = 40
    sheet.column_dimensions["C"].width = 12
    book.save(path)
