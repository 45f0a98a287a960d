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
from bisect import bisect_left, bisect_right
from concurrent.futures import ThreadPoolExecutor
from functools import cache
from itertools import repeat
from typing import TYPE_CHECKING, Any

from kyojo_desk.paths import resources_dir
from kyojo_desk.records.help import CONCIERGE_COURSE
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


def _band(age: int) -> str:
    return next(name for name, low, high in AGE_BANDS if low <= age <= high)


def compute_kpis(
    store: Store, start: dt.date, end: dt.date, district: str | None = None
) -> dict[str, Any]:
    """The dashboard's figures for [start, end] (both days included).

    The attendance figures (the bulk of the work: every check-in of the period) are computed on
    the store's connection while the other counts run at the same time on a second, read-only
    connection to the same file: SQLite releases the GIL while it steps, so the two halves use
    two cores. A database in memory, or a call inside an open transaction (whose changes a
    second connection could not see), computes both halves on the one connection.
    """
    if end < start:
        from kyojo_desk.errors import ValidationError

        raise ValidationError("period", N_("期間の終わりが始まりより前になっています。"))
    low, high = start.isoformat(), (end + dt.timedelta(days=1)).isoformat()
    params = {"low": low, "high": high, "district": district}
    if store.path is None or store.db.conn.in_transaction:
        figures = _period_figures(store.db, params)
        attendance = _attendance_figures(store.db, params)
    else:
        with ThreadPoolExecutor(max_workers=1) as pool:
            period = pool.submit(_period_figures, _reader(store), params)
            attendance = _attendance_figures(store.db, params)
            figures = period.result()
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


def _reader(store: Store) -> Database:
    """The store's second connection, opened on first use and kept (its page cache stays warm
    for the next period asked). Opened before any query of the period starts: setting up a
    connection (WAL mode) waits for other connections' reads to end."""
    if store.kpi_reader is None:
        from kyojo_desk.store.database import connect

        assert store.path is not None
        reader = connect(store.path, store.key)
        reader.execute("PRAGMA query_only = ON")
        store.kpi_reader = reader
    return store.kpi_reader


def _period_figures(db: Database, params: dict[str, Any]) -> dict[str, Any]:
    """Everything but attendance, and `came_before`: residents who attended before the period."""
    district = params["district"]
    figures: dict[str, Any] = {}
    in_district = "AND r.district = :district" if district else ""
    figures["new_residents"] = db.execute(
        f"SELECT count(*) FROM residents r WHERE r.deleted = 0 AND r.created_at >= :low "
        f"AND r.created_at < :high {in_district}",
        params,
    ).fetchone()[0]

    # A district is a small set of ids built once (IN subquery), cheaper than joining every row.
    help_district = (
        "AND h.resident_id IN (SELECT id FROM residents WHERE district = :district)"
        if district
        else ""
    )
    help_where = f"h.deleted = 0 AND h.at >= :low AND h.at < :high {help_district}"
    figures["help_sessions"], figures["residents_supported"] = db.execute(
        f"SELECT count(*), count(DISTINCT h.resident_id) FROM help_sessions h WHERE {help_where}",
        params,
    ).fetchone()
    # One grouped pass: the few distinct (outcome, topics) pairs are split here, not per row.
    by_topic: dict[str, int] = {}
    by_outcome: dict[str, int] = {}
    for outcome, topics, count in db.execute(
        f"SELECT h.outcome, h.topics, count(*) FROM help_sessions h WHERE {help_where} "
        "GROUP BY h.outcome, h.topics",
        params,
    ):
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
        resident_id
        for (resident_id,) in db.execute(
            "SELECT DISTINCT a.resident_id FROM events e JOIN attendance a ON a.event_id = e.id "
            "AND a.deleted = 0 WHERE e.deleted = 0 AND e.starts_at < :low AND a.resident_id IS NOT NULL",
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


def _attendance_figures(db: Database, params: dict[str, Any]) -> dict[str, Any]:
    """Attendance of the period, with `attendees`: the residents who came."""
    district = params["district"]
    figures: dict[str, Any] = {}
    # Attendance: one grouped query gives each event's day and its attendees as one string, so
    # the 500 000 check-ins of a year never pass through a Python loop one by one. Ages are
    # banded by counting, per event, how many attendees were born on or before the day that
    # makes them 20, 40, 60, 70, 80 (bisect over birth dates sorted once).
    births: list[tuple[int, str]] = []
    undated: list[str] = []
    home_of: dict[str, str] = {}
    for resident_id, birth, home in db.execute("SELECT id, birth_date, district FROM residents"):
        home_of[resident_id] = home
        if birth:
            births.append(
                (int(birth[:4]) * 10000 + int(birth[5:7]) * 100 + int(birth[8:10]), resident_id)
            )
        else:
            undated.append(resident_id)
    births.sort()
    birth_ordinals = [ordinal for ordinal, _ in births]
    # Ranks are small ints (people with a birth date first, in birth order): sorting, counting
    # and de-duplicating ints is far cheaper than strings. People without a date rank after
    # everyone dated, so no age threshold ever counts them.
    district_ids = {resident_id for resident_id, home in home_of.items() if home == district}
    rank_of = {resident_id: rank for rank, (_, resident_id) in enumerate(births)}
    rank_of.update({resident_id: len(births) + n for n, resident_id in enumerate(undated)})
    band_names = [name for name, _, _ in AGE_BANDS]
    band_floors = [low for _, low, _ in AGE_BANDS]  # 0, 20, 40, 60, 70, 80
    band_counts = [0] * len(band_names)
    anonymous: dict[str, int] = {}
    attendee_ranks: set[int] = set()
    strangers: set[str] = set()  # ids no longer in residents (never expected, kept exact anyway)
    total = 0
    separator = "\x1f"
    for day, joined in db.execute(
        "SELECT substr(e.starts_at, 1, 10), group_concat(coalesce(a.resident_id, '~' || "
        "coalesce(a.age_band, '')), char(31)) FROM events e JOIN attendance a ON a.event_id = e.id "
        "AND a.deleted = 0 WHERE e.deleted = 0 AND e.starts_at >= :low AND e.starts_at < :high "
        "GROUP BY e.id",
        params,
    ):
        ids = joined.split(separator)
        if "~" in joined:
            heads = [entry[1:] for entry in ids if entry.startswith("~")]
            ids = [entry for entry in ids if not entry.startswith("~")]
            if not district:
                for band in heads:
                    if band:
                        anonymous[band] = anonymous.get(band, 0) + 1
                total += len(heads)
        if district:  # one resident appears once per event, so a set intersection keeps them all
            ids = list(district_ids.intersection(ids))
        total += len(ids)
        ranks = sorted(map(rank_of.get, ids, repeat(-1)))
        unknown = bisect_left(ranks, 0)
        if unknown:
            strangers.update(resident_id for resident_id in ids if resident_id not in rank_of)
        attendee_ranks.update(ranks)
        year, month_day = int(day[:4]), int(day[5:7]) * 100 + int(day[8:10])
        # at_least[i]: attendees at least band_floors[i] years old on the day
        at_least = [
            bisect_left(ranks, bisect_right(birth_ordinals, (year - floor) * 10000 + month_day))
            - unknown
            for floor in band_floors
        ]
        at_least.append(0)
        for index in range(len(band_names)):
            band_counts[index] += at_least[index] - at_least[index + 1]
    attendee_ranks.discard(-1)
    attendees = {
        births[r][1] if r < len(births) else undated[r - len(births)] for r in attendee_ranks
    }
    attendees |= strangers
    bands = dict(zip(band_names, band_counts, strict=True))
    for band, count in anonymous.items():
        bands[band] = bands.get(band, 0) + count
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
    import csv

    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["区分", "項目", "値"])
        writer.writerows(kpi_rows(figures))


def export_kpis_xlsx(figures: dict[str, Any], path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "KPI"
    period = figures["period"]
    sheet.append(
        [
            f"共助デスク KPI　{period['from']} 〜 {period['to']}"
            + (f"（地区 {period['district']}）" if period["district"] else "")
        ]
    )
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append(["区分", "項目", "値"])
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for row in kpi_rows(figures):
        sheet.append(list(row))
    sheet.column_dimensions["A"].width = 16
    sheet.column_dimensions["B"].width = 40
    sheet.column_dimensions["C"].width = 12
    book.save(path)
