"""The city-wide KPIs on the central server: the desk's `kpi --json` keys counted over every
record of the city that the desks have synced, plus breakdowns per desk and per district, and
the desks that have not synced for 7 days.

The figures follow the desk's definitions (kyojo_desk/store/kpi.py) row for row. They are
counted in SQL over the projection (kyojo_desk/central/city_projection.py), which is first
brought up to the city's last change, so the answer is always current. Only counts leave this
module: no id, name or other value of a person.

"Per desk" is the desk whose change last wrote the record (its origin). A person known to the
city only as a pseudonymous stub (no consent to share) has a district and, where given, a birth
year: their age band is taken at the middle of that year.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from kyojo_desk.central.city_projection import CityProjection, band_sql
from kyojo_desk.central.db import Database, Tx, now_ms
from kyojo_desk.records.help import CONCIERGE_COURSE
from kyojo_desk.records.ninaite import ActivityDay, tally_year
from kyojo_desk.store.kpi import (
    AGE_BANDS,
    APP_REGISTRATION_SKILL,
    PLAN_KPIS,
    SMARTPHONES,
    UNKNOWN_AGE,
    fiscal_year_bounds,
    fiscal_year_of,
    kpi_plan,
)

STALE_AFTER_MS = 7 * 24 * 60 * 60 * 1000
# PostgreSQL's memory for one sort or hash of the view (its default, 4 MB, spills to disk).
WORK_MEM = "64MB"
BY_DESK_KEYS = ("new_residents", "help_sessions", "events_held", "attendance_total")
BY_DISTRICT_KEYS = (
    "new_residents",
    "residents_supported",
    "help_sessions",
    "attendance_total",
    "attendance_unique",
    "aid_matches_completed",
)


def _ymd(day: dt.date) -> int:
    return day.year * 10000 + day.month * 100 + day.day


class Period:
    """[start, end] as the queries compare it: ISO texts (low ≤ x < high) and YYYYMMDD."""

    def __init__(self, start: dt.date, end: dt.date) -> None:
        after = end + dt.timedelta(days=1)
        self.start, self.end = start, end
        # A whole 年度 is read from the projection's year totals.
        year = fiscal_year_of(end)
        self.fiscal_year = year if (start, end) == fiscal_year_bounds(year) else None
        self.low, self.high = start.isoformat(), after.isoformat()
        self.low_ymd, self.high_ymd, self.end_ymd = _ymd(start), _ymd(after), _ymd(end)


class CityFigures:
    """The counts of one city for one period, read in one transaction."""

    def __init__(self, tx: Tx, city: str, period: Period) -> None:
        self.tx, self.city, self.period = tx, city, period
        self.sqlite = tx.database.backend == "sqlite"
        # SQLite is told the join order and the index whose order a GROUP BY follows (it
        # cannot group by hashing: it would sort every row); PostgreSQL plans these itself.
        self.join = "CROSS JOIN" if self.sqlite else "JOIN"
        self.by_desk: dict[str, dict[str, int]] = {}
        self.by_district: dict[str, dict[str, int]] = {}
        # The digital-divide cells (district, age band) that `residents` counts.
        self.divide: dict[tuple[str, str], dict[str, int]] = {}

    def by(self, index: str) -> str:
        return f" INDEXED BY {index}" if self.sqlite else ""

    def _desk(self, desk_id: str, key: str, count: int) -> None:
        row = self.by_desk.setdefault(desk_id, dict.fromkeys(BY_DESK_KEYS, 0))
        row[key] += int(count)

    def _district(self, district: str, key: str, count: int) -> None:
        row = self.by_district.setdefault(district, dict.fromkeys(BY_DISTRICT_KEYS, 0))
        row[key] += int(count)

    # -- residents -----------------------------------------------------------------------------

    def residents(self) -> dict[str, Any]:
        """New residents (per district and desk), and the digital-divide cells of the people
        registered by the period's end: one pass over the city's people."""
        p = self.period
        band = band_sql("born", str(p.end_ymd))
        phone = "smartphone IN ({})".format(", ".join(f"'{kind}'" for kind in SMARTPHONES))
        new = 0
        for district, desk_id, band_name, count, registered, smartphone in self.tx.execute(
            "SELECT district, desk_id, band, sum(new), sum(registered), sum(phone) FROM ("
            "SELECT district, desk_id, coalesce("
            f"{band}, '{UNKNOWN_AGE}') AS band,"
            " CASE WHEN created_at >= ? AND created_at < ? THEN 1 ELSE 0 END AS new,"
            " CASE WHEN created_at < ? THEN 1 ELSE 0 END AS registered,"
            f" CASE WHEN created_at < ? AND {phone} THEN 1 ELSE 0 END AS phone"
            " FROM kpi_residents WHERE city = ? AND deleted = 0) r"
            " GROUP BY district, desk_id, band",
            [p.low, p.high, p.high, p.high, self.city],
        ):
            count = int(count or 0)
            new += count
            self._district(district, "new_residents", count)  # every district of a person
            if count:
                self._desk(desk_id, "new_residents", count)
            if registered:
                cell = self.divide.setdefault(
                    (district, band_name),
                    {"residents": 0, "smartphone": 0, "app_registered": 0, "skills_gained": 0},
                )
                cell["residents"] += int(registered)
                cell["smartphone"] += int(smartphone or 0)
        return {"new_residents": new}

    # -- help sessions -------------------------------------------------------------------------

    def help_sessions(self) -> dict[str, Any]:
        p = self.period
        if p.fiscal_year is not None:
            kinds = self.tx.execute(
                "SELECT outcome, topics, desk_id, sessions FROM kpi_help_years WHERE city = ?"
                " AND fiscal_year = ? ORDER BY outcome, topics, desk_id",
                [self.city, p.fiscal_year],
            )
            people = self.tx.execute(
                "SELECT district, sum(sessions), count(*) FROM kpi_help_person_years"
                " WHERE city = ? AND fiscal_year = ? GROUP BY district",
                [self.city, p.fiscal_year],
            )
        else:
            kinds = self.tx.execute(
                "SELECT outcome, topics, desk_id, count(*) FROM kpi_help_sessions"
                f"{self.by('kpi_help_sessions_kind')} WHERE city = ? AND at >= ? AND at < ?"
                " GROUP BY outcome, topics, desk_id ORDER BY outcome, topics, desk_id",
                [self.city, p.low, p.high],
            )
            # Per person first, then per district: the different people of a district add up
            # to the city's, since a person has one district.
            people = self.tx.execute(
                "SELECT district, sum(sessions), count(*) FROM (SELECT resident_id, district,"
                f" count(*) AS sessions FROM kpi_help_sessions{self.by('kpi_help_sessions_person')}"
                " WHERE city = ? AND resident_id IS NOT NULL AND at >= ? AND at < ?"
                " GROUP BY resident_id, district) s GROUP BY district",
                [self.city, p.low, p.high],
            )
        total = 0
        topics: dict[str, int] = {}
        outcomes: dict[str, int] = {}
        for outcome, topic_list, desk_id, count in kinds:
            count = int(count)
            total += count
            outcomes[outcome] = outcomes.get(outcome, 0) + count
            for topic in _topics(topic_list):
                topics[topic] = topics.get(topic, 0) + count
            self._desk(desk_id, "help_sessions", count)
        supported = 0
        for district, sessions, people_count in people:
            supported += int(people_count)
            if district is not None:
                self._district(district, "help_sessions", sessions)
                self._district(district, "residents_supported", people_count)
        (open_follow_ups,) = self.tx.one(
            "SELECT count(*) FROM kpi_help_sessions WHERE city = ? AND follow_up_open = 1"
            " AND at < ?",
            [self.city, p.high],
        ) or (0,)
        return {
            "help_sessions": total,
            "residents_supported": supported,
            "help_sessions_by_topic": dict(sorted(topics.items(), key=lambda item: -item[1])),
            "help_sessions_by_outcome": dict(sorted(outcomes.items())),
            "open_follow_ups": int(open_follow_ups),
        }

    # -- events and check-ins ------------------------------------------------------------------

    def events(self) -> dict[str, Any]:
        p = self.period
        kinds: dict[str, int] = {}
        for kind, desk_id, count in self.tx.execute(
            "SELECT kind, desk_id, count(*) FROM kpi_events WHERE city = ? AND starts_at >= ?"
            " AND starts_at < ? GROUP BY kind, desk_id",
            [self.city, p.low, p.high],
        ):
            kinds[kind] = kinds.get(kind, 0) + int(count)
            self._desk(desk_id, "events_held", count)
        return {
            "events_held": sum(kinds.values()),
            "events_by_kind": dict(sorted(kinds.items(), key=lambda item: (-item[1], item[0]))),
        }

    def attendance(self) -> dict[str, Any]:
        """Check-ins at the period's events: in all, per age band, per district of the person
        (and the different people), per desk; first-time participants."""
        p = self.period
        bands = {name: 0 for name, _, _ in AGE_BANDS}
        band_columns = [f"band_{low}" for _, low, _ in AGE_BANDS]
        if p.fiscal_year is not None:
            # One row per person (head counts under ''), their age bands counted.
            per_district = self.tx.execute(
                "SELECT district, sum(check_ins), sum(CASE WHEN resident_id <> '' THEN 1 ELSE 0"
                f" END), {', '.join(f'sum({c})' for c in band_columns)}"
                " FROM kpi_attendance_years WHERE city = ? AND fiscal_year = ? GROUP BY district",
                [self.city, p.fiscal_year],
            )
            per_desk = self.tx.execute(
                "SELECT desk_id, check_ins FROM kpi_attendance_desk_years WHERE city = ?"
                " AND fiscal_year = ?",
                [self.city, p.fiscal_year],
            )
        else:
            # Per person and band first (in the index's order: no sort), then per district
            # (the different people of a district add up to the city's: a person has one
            # district).
            per_district = self.tx.execute(
                "SELECT district, sum(check_ins), count(resident_id),"
                f" {', '.join(f'sum({c})' for c in band_columns)} FROM (SELECT resident_id,"
                " district, count(*) AS check_ins, "
                + ", ".join(
                    f"sum(CASE WHEN band = '{name}' THEN 1 ELSE 0 END) AS band_{low}"
                    for name, low, _ in AGE_BANDS
                )
                + f" FROM kpi_attendance{self.by('kpi_attendance_person')} WHERE city = ?"
                " AND event_ymd >= ? AND event_ymd < ? GROUP BY resident_id, district) s"
                " GROUP BY district",
                [self.city, p.low_ymd, p.high_ymd],
            )
            per_desk = self.tx.execute(
                f"SELECT a.desk_id, count(*) FROM kpi_events e {self.join} kpi_attendance a"
                f"{self.by('kpi_attendance_event')} ON a.city = e.city AND a.event_id = e.row_id"
                " WHERE e.city = ? AND e.start_ymd >= ? AND e.start_ymd < ?"
                " GROUP BY e.row_id, a.desk_id",
                [self.city, p.low_ymd, p.high_ymd],
            )
        total = unique = 0
        for district, check_ins, people, *counts in per_district:
            total += int(check_ins)
            unique += int(people)
            for (name, _, _), count in zip(AGE_BANDS, counts, strict=True):
                bands[name] += int(count or 0)
            if district is not None:
                self._district(district, "attendance_total", check_ins)
                self._district(district, "attendance_unique", people)
        for desk_id, count in per_desk:
            self._desk(desk_id, "attendance_total", count)
        (first_time,) = self.tx.one(
            "SELECT count(*) FROM kpi_first_check_ins WHERE city = ? AND first_ymd >= ?"
            " AND first_ymd < ?",
            [self.city, p.low_ymd, p.high_ymd],
        ) or (0,)
        first_time = int(first_time)
        return {
            "attendance_total": total,
            "attendance_unique": unique,
            "attendance_by_age_band": bands,
            "first_time_participants": first_time,
            "returning_participants": unique - first_time,
            "repeat_rate": round((unique - first_time) / unique, 3) if unique else 0.0,
        }

    # -- the plan's KPIs, 共助 requests --------------------------------------------------------

    def concierges(self) -> tuple[list[list[str]], dict[str, str]]:
        """Each volunteer's dates of finishing the share-concierge course, and the first of
        them per volunteer (a volunteer counts as a concierge from then)."""
        dates_of: list[list[str]] = []
        since: dict[str, str] = {}
        for row_id, trainings in self.tx.execute(
            "SELECT row_id, trainings FROM kpi_volunteers WHERE city = ?", [self.city]
        ):
            try:
                items = json.loads(trainings) if trainings else []
            except ValueError:
                items = []
            dates = [
                str(item.get("date", ""))
                for item in items if isinstance(items, list)
                if isinstance(item, dict) and item.get("course") == CONCIERGE_COURSE
            ]  # fmt: skip
            dates_of.append(dates)
            if dates:
                since[row_id] = min(dates)
        return dates_of, since

    def plan(self, low: str, high: str, concierges: tuple[list[list[str]], dict[str, str]]) -> dict:
        """KPIs ② ③ ④ for [low, high)."""
        trainings, since = concierges
        trained = sum(1 for dates in trainings if any(low <= day < high for day in dates))
        led = sum(
            int(count)
            for led_by, day, count in self.tx.execute(
                "SELECT led_by, substr(starts_at, 1, 10), count(*) FROM kpi_events"
                " WHERE city = ? AND starts_at >= ? AND starts_at < ? AND led_by <> ''"
                " GROUP BY led_by, substr(starts_at, 1, 10)",
                [self.city, low, high],
            )
            if led_by in since and since[led_by] <= day
        )
        (completed,) = self.tx.one(
            "SELECT count(*) FROM kpi_aid_requests WHERE city = ? AND status = 'done'"
            " AND closed_at >= ? AND closed_at < ?",
            [self.city, low, high],
        ) or (0,)
        last_day = (dt.date.fromisoformat(high) - dt.timedelta(days=1)).isoformat()
        (app,) = self.tx.one(
            "SELECT coalesce(sum(count), 0) FROM kpi_app_aid_counts WHERE city = ?"
            " AND month >= ? AND month <= ?",
            [self.city, low[:7], last_day[:7]],
        ) or (0,)
        completed, app = int(completed), int(app)
        return {
            "volunteers_trained": trained,
            "volunteer_led_events": led,
            "aid_matches_completed": completed,
            "aid_matches_app": app,
            "aid_matches_total": completed + app,
        }

    def aid_requests(self) -> dict[str, Any]:
        p = self.period
        made, matched = self.tx.one(
            "SELECT count(*), coalesce(sum(matched), 0) FROM kpi_aid_requests WHERE city = ?"
            " AND created_at >= ? AND created_at < ?",
            [self.city, p.low, p.high],
        ) or (0, 0)
        made, matched = int(made), int(matched)
        for district, count in self.tx.execute(
            "SELECT r.district, count(*) FROM kpi_aid_requests q JOIN kpi_residents r"
            " ON r.city = q.city AND r.row_id = q.resident_id WHERE q.city = ?"
            " AND q.status = 'done' AND q.closed_at >= ? AND q.closed_at < ? GROUP BY r.district",
            [self.city, p.low, p.high],
        ):
            self._district(district, "aid_matches_completed", count)
        return {
            "aid_requests_made": made,
            "aid_requests_matched": matched,
            "match_rate": round(matched / made, 3) if made else None,
            "match_rate_target": kpi_plan().match_rate,
        }

    # -- digital divide ------------------------------------------------------------------------

    def digital_divide(self) -> dict[str, Any]:
        """The cells `residents` counted, with the skills of their people (call it after)."""
        p = self.period
        band = band_sql("r.born", str(p.end_ymd))
        cells = self.divide
        for district, band_name, registered, gained in self.tx.execute(
            "SELECT district, band, sum(registered), sum(gained) FROM (SELECT r.district,"
            f" coalesce({band}, '{UNKNOWN_AGE}') AS band,"
            f" CASE WHEN s.skill = '{APP_REGISTRATION_SKILL}' THEN 1 ELSE 0 END AS registered,"
            " CASE WHEN s.since >= ? THEN 1 ELSE 0 END AS gained FROM kpi_resident_skills s"
            " JOIN kpi_residents r ON r.city = s.city AND r.row_id = s.resident_id"
            " WHERE s.city = ? AND s.since <> '' AND s.since < ? AND r.deleted = 0"
            " AND r.created_at < ?) k"
            " GROUP BY district, band",
            [p.low, self.city, p.high, p.high],
        ):
            cell = cells[(district, band_name)]
            cell["app_registered"], cell["skills_gained"] = int(registered), int(gained)
        order = {name: index for index, (name, _, _) in enumerate(AGE_BANDS)}
        order[UNKNOWN_AGE] = len(AGE_BANDS)
        rows = [
            {"district": key[0], "age_band": key[1], **counts}
            for key, counts in sorted(
                cells.items(), key=lambda item: (item[0][0], order[item[0][1]])
            )
        ]
        total = {
            key: sum(row[key] for row in rows)
            for key in ("residents", "smartphone", "app_registered", "skills_gained")
        }
        return {"rows": rows, "total": total}

    # -- 関係人口 and 担い手活動 ---------------------------------------------------------------

    def ninaite(self) -> dict[str, Any]:
        """As the desk counts them (kyojo_desk/store/kpi.py): each person's check-in days (a
        check-in without a day counts for its event's first day), one per person per event
        day, of people the city knows at events it has. Driven from the few 関係人口 and
        designated events, never from every check-in."""
        p = self.period
        day = "CASE WHEN a.day <> '' THEN a.day ELSE substr(e.starts_at, 1, 10) END"
        join = self.join
        by_person = self.by("kpi_attendance_person")
        by_event = self.by("kpi_attendance_event")
        figures: dict[str, Any] = {}
        (figures["related_participants"],) = self.tx.one(
            f"SELECT count(DISTINCT a.resident_id) FROM kpi_residents r {join} kpi_attendance a"
            f"{by_person} ON a.city = r.city AND a.resident_id = r.row_id"
            f" {join} kpi_events e ON e.city = a.city AND e.row_id = a.event_id"
            f" WHERE r.city = ? AND r.kind = 'related' AND r.deleted = 0 AND {day} >= ?"
            f" AND {day} < ?",
            [self.city, p.low, p.high],
        ) or (0,)
        (figures["ninaite_activities"],) = self.tx.one(
            "SELECT count(*) FROM kpi_events WHERE city = ? AND ninaite = 1"
            " AND starts_at >= ? AND starts_at < ?",
            [self.city, p.low, p.high],
        ) or (0,)
        designated = (
            f"SELECT DISTINCT a.event_id, a.resident_id, {day} AS day FROM kpi_events e"
            f" {join} kpi_attendance a{by_event} ON a.city = e.city AND a.event_id = e.row_id"
            f" {join} kpi_residents r ON r.city = a.city AND r.row_id = a.resident_id"
            " AND r.deleted = 0 WHERE e.city = ? AND e.ninaite = 1"
        )
        figures["ninaite_participants"], figures["ninaite_check_ins"] = self.tx.one(
            f"SELECT count(DISTINCT resident_id), count(*) FROM ({designated}) c"
            " WHERE day >= ? AND day < ?",
            [self.city, p.low, p.high],
        ) or (0, 0)
        year = fiscal_year_of(p.end)
        first, last = (d.isoformat() for d in fiscal_year_bounds(year))
        # Every check-in day of the year of the people who took part in a 担い手活動 in it.
        activities: dict[str, list[ActivityDay]] = {}
        stays: dict[str, list[str]] = {}
        related: set[str] = set()
        for event_id, resident_id, when, ninaite, title, designated_by, kind in self.tx.execute(
            f"SELECT DISTINCT a.event_id, a.resident_id, {day}, e.ninaite, e.title,"
            " e.designated_by, r.kind FROM (SELECT DISTINCT resident_id FROM"
            f" ({designated}) c WHERE day >= ? AND day <= ?) x {join} kpi_residents r"
            f" ON r.city = ? AND r.row_id = x.resident_id AND r.deleted = 0"
            f" {join} kpi_attendance a{by_person}"
            f" ON a.city = r.city AND a.resident_id = r.row_id {join} kpi_events e"
            f" ON e.city = a.city AND e.row_id = a.event_id WHERE {day} >= ? AND {day} <= ?",
            [self.city, first, last, self.city, first, last],
        ):
            stays.setdefault(resident_id, []).append(when)
            if ninaite:
                activities.setdefault(resident_id, []).append(
                    ActivityDay(when, event_id, title, designated_by)
                )
            if kind == "related":
                related.add(resident_id)
        figures["ninaite_met"] = sum(
            1
            for resident_id, days in activities.items()
            if tally_year(
                resident_id, year, days, stays[resident_id], from_far_away=resident_id in related
            ).met
        )
        return {key: int(value) for key, value in figures.items()}


def _topics(text: str | None) -> list[str]:
    try:
        topics = json.loads(text) if text else []
    except ValueError:
        return []
    return [str(topic) for topic in topics] if isinstance(topics, list) else []


def _plan_start_and_last(end: dt.date) -> tuple[dt.date, dt.date] | None:
    plan = kpi_plan()
    plan_start = fiscal_year_bounds(plan.first_year)[0]
    if end < plan_start:
        return None
    return plan_start, min(end, fiscal_year_bounds(plan.last_year)[1])


def count_figures(tx: Tx, city: str, start: dt.date, end: dt.date) -> dict[str, Any]:
    """The desk's KPI keys for [start, end] over the city's projection, with the per-desk and
    per-district counts (`by_desk` by desk id, `by_district` by district)."""
    period = Period(start, end)
    counts = CityFigures(tx, city, period)
    figures: dict[str, Any] = {}
    figures.update(counts.residents())
    figures.update(counts.help_sessions())
    figures.update(counts.events())
    concierges = counts.concierges()
    figures.update(counts.plan(period.low, period.high, concierges))
    figures.update(counts.attendance())
    figures.update(counts.aid_requests())
    figures["digital_divide"] = counts.digital_divide()
    figures.update(counts.ninaite())
    plan = kpi_plan()
    year = fiscal_year_of(end)
    figures["fiscal_year"] = year
    figures["targets"] = {kpi: plan.target(kpi, year) for kpi in PLAN_KPIS}
    span = _plan_start_and_last(end)
    if span is None:
        figures["cumulative"] = None
    else:
        plan_start, last = span
        so_far = counts.plan(
            plan_start.isoformat(), (last + dt.timedelta(days=1)).isoformat(), concierges
        )
        figures["cumulative"] = {
            "from": plan_start.isoformat(),
            "to": last.isoformat(),
            **{
                kpi: {
                    "value": so_far[kpi],
                    "target": plan.cumulative_target(kpi, fiscal_year_of(last)),
                    "plan_target": plan.plan_target(kpi),
                }
                for kpi in PLAN_KPIS
            },
        }
    figures["period"] = {"from": start.isoformat(), "to": end.isoformat(), "district": None}
    figures["by_desk"] = counts.by_desk
    figures["by_district"] = counts.by_district
    return figures


def stale_desks(desks: list[dict[str, Any]], now: int) -> list[dict[str, Any]]:
    """Desks (not revoked) whose last push or pull is more than 7 days old, or never was."""
    stale = []
    for desk in desks:
        if desk.get("revoked_at_ms"):
            continue
        last = max(desk.get("last_push_ms") or 0, desk.get("last_pull_ms") or 0)
        # A desk that never synced is late from its enrolment on.
        if now - (last or desk.get("enrolled_at_ms") or 0) > STALE_AFTER_MS:
            stale.append(
                {"desk_id": desk["desk_id"], "name": desk["name"], "last_sync_ms": last or None}
            )
    return stale


def city_kpis(
    database: Database,
    city: str,
    start: dt.date,
    end: dt.date,
    desks: list[dict[str, Any]],
    now: int | None = None,
) -> dict[str, Any]:
    """The desk's KPI keys for the whole city, with `by_desk`, `by_district` and
    `desks_not_synced` (7 days or more). The projection catches up with the city's records
    first."""
    CityProjection(database).refresh(city)
    with database.transaction(write=False) as tx:
        if database.backend == "postgresql":
            # The counts group a year's rows by person: in memory, not in batches on disk.
            tx.execute(f"SET LOCAL work_mem = '{WORK_MEM}'")
        figures = count_figures(tx, city, start, end)
    names = {d["desk_id"]: d["name"] for d in desks}
    per_desk = {d["desk_id"]: dict.fromkeys(BY_DESK_KEYS, 0) for d in desks}
    per_desk.update(figures["by_desk"])
    figures["city"] = city
    figures["by_desk"] = [
        {"desk_id": desk_id, "name": names.get(desk_id, ""), **counts}
        for desk_id, counts in sorted(
            per_desk.items(), key=lambda item: names.get(item[0], item[0])
        )
    ]
    figures["by_district"] = [
        {"district": district, **figures["by_district"][district]}
        for district in sorted(figures["by_district"])
    ]
    figures["desks_not_synced"] = stale_desks(desks, now_ms() if now is None else now)
    return figures
