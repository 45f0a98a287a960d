"""The city-wide KPIs on the central server: the desk's `kpi --json` keys counted over every
record of the city that the desks have synced, plus breakdowns per desk and per district, and
the desks that have not synced for 7 days.

The figures follow the desk's definitions (kyojo_desk/store/kpi.py) row for row. Records hold
their fields as JSON; only the fields a figure needs are taken out, in SQL (json_extract on
SQLite, ->> on PostgreSQL), and counted here. Only counts leave this module: no id, name or
other value of a person.

"Per desk" is the desk whose change last wrote the record (its origin). A person known to the
city only as a pseudonymous stub (no consent to share) has a district and a birth year: their
age band is taken at the middle of that year.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from typing import Any

from kyojo_desk.central.db import Database, now_ms
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
NEEDED = {
    "residents": ("district", "birth_date", "smartphone", "created_at", "kind", "deleted"),
    "events": (
        "starts_at",
        "kind",
        "led_by",
        "title",
        "ninaite_activity",
        "designated_by",
        "deleted",
    ),
    "attendance": ("event_id", "resident_id", "age_band", "day", "deleted"),
    "help_sessions": (
        "resident_id",
        "at",
        "topics",
        "outcome",
        "follow_up_due",
        "follow_up_done_at",
        "deleted",
    ),
    "volunteers": ("trainings", "deleted"),
    "aid_requests": (
        "resident_id",
        "status",
        "created_at",
        "closed_at",
        "matched_volunteer_id",
        "matched_resident_id",
        "deleted",
    ),
    "app_aid_counts": ("month", "count", "deleted"),
    "resident_skills": ("resident_id", "skill", "independent_since", "deleted"),
}


def _extract(database: Database, name: str) -> str:
    if database.backend == "postgresql":
        return f"(fields::jsonb ->> '{name}')"
    return f"json_extract(fields, '$.{name}')"


def _load(database: Database, city: str) -> dict[str, list[tuple]]:
    """(row_id, origin desk, *needed fields) of every record of the city, per table; values as
    text or numbers as the backend gives them (normalised where used)."""
    tables: dict[str, list[tuple]] = {}
    with database.transaction() as tx:
        for table, names in NEEDED.items():
            columns = ", ".join(_extract(database, name) for name in names)
            tables[table] = tx.execute(
                f"SELECT row_id, desk_id, {columns} FROM records WHERE city = ? AND table_name = ?",
                [city, table],
            )
    return tables


def _ninaite_figures(
    data: CityData, low: str, high: str, end: dt.date, district: str | None
) -> dict[str, Any]:
    """関係人口 and 担い手活動, as the desk counts them (kyojo_desk/store/kpi.py)."""

    def counted(resident_id: str) -> bool:
        person = data.residents.get(resident_id)
        return person is not None and (not district or person["district"] == district)

    figures: dict[str, Any] = {}
    in_period = [
        (event_id, resident_id, day)
        for event_id, resident_id, day in set(data.check_in_days)
        if low <= day < high and counted(resident_id) and event_id in data.events
    ]
    figures["related_participants"] = len(
        {r for _, r, _ in in_period if data.residents[r]["kind"] == "related"}
    )
    figures["ninaite_activities"] = sum(
        1 for e in data.events.values() if e["ninaite"] and low <= e["starts_at"] < high
    )
    designated = [(e, r, d) for e, r, d in in_period if data.events[e]["ninaite"]]
    figures["ninaite_participants"] = len({r for _, r, _ in designated})
    figures["ninaite_check_ins"] = len(designated)
    year = fiscal_year_of(end)
    first, last = fiscal_year_bounds(year)
    activities: dict[str, list[ActivityDay]] = {}
    stays: dict[str, list[str]] = {}
    for event_id, resident_id, day in set(data.check_in_days):
        event = data.events.get(event_id)
        if event is None or not counted(resident_id):
            continue
        if not first.isoformat() <= day <= last.isoformat():
            continue
        stays.setdefault(resident_id, []).append(day)
        if event["ninaite"]:
            activities.setdefault(resident_id, []).append(
                ActivityDay(day, event_id, event["title"], event["designated_by"])
            )
    figures["ninaite_met"] = sum(
        1
        for resident_id, days in activities.items()
        if tally_year(
            resident_id,
            year,
            days,
            stays.get(resident_id, []),
            from_far_away=data.residents[resident_id]["kind"] == "related",
        ).met
    )
    return figures


def _flag(value: Any) -> bool:
    return str(value) in ("1", "true", "True")


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _birth_ymd(value: Any) -> int | None:
    """A birth date as YYYYMMDD; a bare year (a pseudonymous stub) at the middle of the year."""
    text = _text(value)
    if len(text) >= 10 and text[4] == "-":
        try:
            return int(text[:10].replace("-", ""))
        except ValueError:
            return None
    if len(text) == 4 and text.isdigit():
        return int(text) * 10000 + 701
    return None


def _ymd(text: str) -> int:
    return int(text[:10].replace("-", "")) if len(text) >= 10 else 0


def _band(born: int | None, on_ymd: int) -> str:
    if born is None:
        return UNKNOWN_AGE
    for name, low, _ in reversed(AGE_BANDS):
        if on_ymd - born >= low * 10000:
            return name
    return AGE_BANDS[0][0]


class CityData:
    """The city's records as the figures need them, decoded once."""

    def __init__(self, tables: dict[str, list[tuple]]) -> None:
        self.residents = {
            row_id: {
                "desk": desk,
                "district": _text(district),
                "born": _birth_ymd(birth),
                "smartphone": _text(phone),
                "created_at": _text(created),
                "kind": _text(kind),
            }
            for row_id, desk, district, birth, phone, created, kind, deleted in tables["residents"]
            if not _flag(deleted)
        }
        self.events = {
            row_id: {
                "desk": desk,
                "starts_at": _text(starts),
                "kind": _text(kind),
                "led_by": _text(led_by),
                "title": _text(title),
                "ninaite": _flag(ninaite),
                "designated_by": _text(designated_by) or "city",
            }
            for row_id, desk, starts, kind, led_by, title, ninaite, designated_by, deleted in tables[
                "events"
            ]
            if not _flag(deleted)
        }
        self.attendance = [
            (desk, _text(event_id), _text(resident_id), _text(band))
            for _, desk, event_id, resident_id, band, _day, deleted in tables["attendance"]
            if not _flag(deleted)
        ]
        # (event, resident, day) of every person's check-in: one per person per event day; a
        # check-in sent before check-ins had days counts for its event's first day.
        self.check_in_days = [
            (
                _text(event_id),
                _text(resident_id),
                _text(day)[:10] or self.events.get(_text(event_id), {}).get("starts_at", "")[:10],
            )
            for _, _, event_id, resident_id, _, day, deleted in tables["attendance"]
            if not _flag(deleted) and _text(resident_id)
        ]
        self.help_sessions = [
            {
                "desk": desk,
                "resident_id": _text(resident_id),
                "at": _text(at),
                "topics": json.loads(topics) if isinstance(topics, str) and topics else [],
                "outcome": _text(outcome),
                "follow_up_open": bool(_text(due)) and not _text(done),
            }
            for _, desk, resident_id, at, topics, outcome, due, done, deleted in tables[
                "help_sessions"
            ]
            if not _flag(deleted)
        ]
        # Each volunteer's dates of finishing the share-concierge course; a volunteer counts
        # as a concierge from the first of them.
        self.trainings: list[list[str]] = []
        self.concierge_since: dict[str, str] = {}
        for row_id, _, trainings, deleted in tables["volunteers"]:
            if _flag(deleted):
                continue
            items = json.loads(trainings) if isinstance(trainings, str) and trainings else []
            dates = [
                str(item.get("date", ""))
                for item in items
                if isinstance(item, dict) and item.get("course") == CONCIERGE_COURSE
            ]
            self.trainings.append(dates)
            if dates:
                self.concierge_since[row_id] = min(dates)
        self.aid_requests = [
            {
                "resident_id": _text(resident_id),
                "status": _text(status),
                "created_at": _text(created),
                "closed_at": _text(closed),
                "matched": bool(_text(by_volunteer) or _text(by_resident)),
            }
            for _, _, resident_id, status, created, closed, by_volunteer, by_resident, deleted in (
                tables["aid_requests"]
            )
            if not _flag(deleted)
        ]
        self.app_counts = [
            (_text(month), int(count or 0))
            for _, _, month, count, deleted in tables["app_aid_counts"]
            if not _flag(deleted)
        ]
        self.skills = [
            (_text(resident_id), _text(skill), _text(since))
            for _, _, resident_id, skill, since, deleted in tables["resident_skills"]
            if not _flag(deleted)
        ]

    def district_of(self, resident_id: str) -> str | None:
        person = self.residents.get(resident_id)
        return person["district"] if person else None


def _period_events(data: CityData, low: str, high: str) -> dict[str, dict[str, Any]]:
    return {
        event_id: event
        for event_id, event in data.events.items()
        if low <= event["starts_at"] < high
    }


def _plan_figures(data: CityData, low: str, high: str, district: str | None) -> dict[str, int]:
    trained = sum(1 for dates in data.trainings if any(low <= day < high for day in dates))
    led = sum(
        1
        for event in _period_events(data, low, high).values()
        if event["led_by"] in data.concierge_since
        and data.concierge_since[event["led_by"]] <= event["starts_at"][:10]
    )
    completed = sum(
        1
        for request in data.aid_requests
        if request["status"] == "done"
        and low <= request["closed_at"] < high
        and (district is None or data.district_of(request["resident_id"]) == district)
    )
    low_month, high_month = (
        low[:7],
        (dt.date.fromisoformat(high) - dt.timedelta(days=1)).isoformat()[:7],
    )
    app = (
        0
        if district
        else sum(count for month, count in data.app_counts if low_month <= month <= high_month)
    )
    return {
        "volunteers_trained": trained,
        "volunteer_led_events": led,
        "aid_matches_completed": completed,
        "aid_matches_app": app,
        "aid_matches_total": completed + app,
    }


def figures_of(
    data: CityData, start: dt.date, end: dt.date, district: str | None = None
) -> dict[str, Any]:
    """The desk's KPI keys for [start, end] over the city's records (one district or all)."""
    low, high = start.isoformat(), (end + dt.timedelta(days=1)).isoformat()
    in_district = (
        (lambda resident_id: data.district_of(resident_id) == district)
        if district
        else (lambda resident_id: True)
    )
    figures: dict[str, Any] = {}
    figures["new_residents"] = sum(
        1
        for person in data.residents.values()
        if low <= person["created_at"] < high and (not district or person["district"] == district)
    )
    sessions = [
        s
        for s in data.help_sessions
        if low <= s["at"] < high
        and (not district or (s["resident_id"] and in_district(s["resident_id"])))
    ]
    figures["help_sessions"] = len(sessions)
    figures["residents_supported"] = len({s["resident_id"] for s in sessions if s["resident_id"]})
    topics: Counter[str] = Counter()
    outcomes: Counter[str] = Counter()
    for session in sessions:
        outcomes[session["outcome"]] += 1
        topics.update(session["topics"])
    figures["help_sessions_by_topic"] = dict(sorted(topics.items(), key=lambda item: -item[1]))
    figures["help_sessions_by_outcome"] = dict(sorted(outcomes.items()))
    events = _period_events(data, low, high)
    kinds = Counter(event["kind"] for event in events.values())
    figures["events_held"] = len(events)
    figures["events_by_kind"] = dict(sorted(kinds.items(), key=lambda item: (-item[1], item[0])))
    figures["open_follow_ups"] = sum(
        1
        for s in data.help_sessions
        if s["follow_up_open"]
        and s["at"] < high
        and (not district or (s["resident_id"] and in_district(s["resident_id"])))
    )
    figures.update(_plan_figures(data, low, high, district))
    # Attendance: check-ins at the period's events; first time = first event ever in the period.
    first_day: dict[str, int] = {}
    for _, event_id, resident_id, _ in data.attendance:
        event = data.events.get(event_id)
        if resident_id and event:
            day = _ymd(event["starts_at"])
            if day and (resident_id not in first_day or day < first_day[resident_id]):
                first_day[resident_id] = day
    bands = {name: 0 for name, _, _ in AGE_BANDS}
    total = 0
    attendees: set[str] = set()
    for _, event_id, resident_id, band in data.attendance:
        event = events.get(event_id)
        if event is None:
            continue
        if resident_id:
            if district and not in_district(resident_id):
                continue
            total += 1
            attendees.add(resident_id)
            person = data.residents.get(resident_id)
            if person and person["born"] is not None:
                name = _band(person["born"], _ymd(event["starts_at"]))
                bands[name] += 1
        elif not district:
            total += 1
            if band:
                bands[band] = bands.get(band, 0) + 1
    figures["attendance_total"] = total
    figures["attendance_unique"] = len(attendees)
    figures["attendance_by_age_band"] = bands
    low_ymd, high_ymd = _ymd(low), _ymd(high)
    first_time = sum(1 for person in attendees if low_ymd <= first_day.get(person, 0) < high_ymd)
    figures["first_time_participants"] = first_time
    figures["returning_participants"] = len(attendees) - first_time
    figures["repeat_rate"] = (
        round((len(attendees) - first_time) / len(attendees), 3) if attendees else 0.0
    )
    made = [
        r
        for r in data.aid_requests
        if low <= r["created_at"] < high and (not district or in_district(r["resident_id"]))
    ]
    matched = sum(1 for r in made if r["matched"])
    plan = kpi_plan()
    figures["aid_requests_made"] = len(made)
    figures["aid_requests_matched"] = matched
    figures["match_rate"] = round(matched / len(made), 3) if made else None
    figures["match_rate_target"] = plan.match_rate
    figures["digital_divide"] = _digital_divide(data, low, high, _ymd(end.isoformat()), district)
    figures.update(_ninaite_figures(data, low, high, end, district))
    year = fiscal_year_of(end)
    figures["fiscal_year"] = year
    figures["targets"] = {kpi: plan.target(kpi, year) for kpi in PLAN_KPIS}
    plan_start = fiscal_year_bounds(plan.first_year)[0]
    if end < plan_start:
        figures["cumulative"] = None
    else:
        last = min(end, fiscal_year_bounds(plan.last_year)[1])
        so_far = _plan_figures(
            data, plan_start.isoformat(), (last + dt.timedelta(days=1)).isoformat(), district
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
    figures["period"] = {"from": start.isoformat(), "to": end.isoformat(), "district": district}
    return figures


def _digital_divide(
    data: CityData, low: str, high: str, end_ymd: int, district: str | None
) -> dict[str, Any]:
    cells: dict[tuple[str, str], dict[str, int]] = {}
    band_of: dict[str, tuple[str, str]] = {}
    for resident_id, person in data.residents.items():
        if person["created_at"] >= high or (district and person["district"] != district):
            continue
        key = (person["district"], _band(person["born"], end_ymd))
        band_of[resident_id] = key
        cell = cells.setdefault(
            key, {"residents": 0, "smartphone": 0, "app_registered": 0, "skills_gained": 0}
        )
        cell["residents"] += 1
        cell["smartphone"] += person["smartphone"] in SMARTPHONES
    for resident_id, skill, since in data.skills:
        key = band_of.get(resident_id)
        if key is None or not since or since >= high:
            continue
        cells[key]["app_registered"] += skill == APP_REGISTRATION_SKILL
        cells[key]["skills_gained"] += since >= low
    order = {name: index for index, (name, _, _) in enumerate(AGE_BANDS)}
    order[UNKNOWN_AGE] = len(AGE_BANDS)
    rows = [
        {"district": key[0], "age_band": key[1], **counts}
        for key, counts in sorted(cells.items(), key=lambda item: (item[0][0], order[item[0][1]]))
    ]
    total = {
        key: sum(row[key] for row in rows)
        for key in ("residents", "smartphone", "app_registered", "skills_gained")
    }
    return {"rows": rows, "total": total}


def _by_desk(
    data: CityData, low: str, high: str, desks: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """Per desk (the origin of each record): new residents, help sessions, events, check-ins."""
    counts: dict[str, Counter[str]] = {d["desk_id"]: Counter() for d in desks}
    for person in data.residents.values():
        if low <= person["created_at"] < high:
            counts.setdefault(person["desk"], Counter())["new_residents"] += 1
    for session in data.help_sessions:
        if low <= session["at"] < high:
            counts.setdefault(session["desk"], Counter())["help_sessions"] += 1
    events = _period_events(data, low, high)
    for event in events.values():
        counts.setdefault(event["desk"], Counter())["events_held"] += 1
    for desk, event_id, _, _ in data.attendance:
        if event_id in events:
            counts.setdefault(desk, Counter())["attendance_total"] += 1
    names = {d["desk_id"]: d["name"] for d in desks}
    return [
        {
            "desk_id": desk_id,
            "name": names.get(desk_id, ""),
            **{
                key: found[key]
                for key in ("new_residents", "help_sessions", "events_held", "attendance_total")
            },
        }
        for desk_id, found in sorted(counts.items(), key=lambda item: names.get(item[0], item[0]))
    ]


BY_DISTRICT_KEYS = (
    "new_residents",
    "residents_supported",
    "help_sessions",
    "attendance_total",
    "attendance_unique",
    "aid_matches_completed",
)


def _by_district(data: CityData, low: str, high: str) -> list[dict[str, Any]]:
    """Per district of the person: the figures a district filter gives on the desk."""
    counts: dict[str, Counter[str]] = {}
    people: dict[str, dict[str, set[str]]] = {}

    def bump(district: str | None, key: str) -> None:
        if district is not None:
            counts.setdefault(district, Counter())[key] += 1

    def person(district: str | None, key: str, resident_id: str) -> None:
        if district is not None:
            people.setdefault(district, {}).setdefault(key, set()).add(resident_id)

    for resident in data.residents.values():
        counts.setdefault(resident["district"], Counter())
        if low <= resident["created_at"] < high:
            bump(resident["district"], "new_residents")
    for session in data.help_sessions:
        if session["resident_id"] and low <= session["at"] < high:
            district = data.district_of(session["resident_id"])
            bump(district, "help_sessions")
            person(district, "residents_supported", session["resident_id"])
    events = _period_events(data, low, high)
    for _, event_id, resident_id, _ in data.attendance:
        if resident_id and event_id in events:
            district = data.district_of(resident_id)
            bump(district, "attendance_total")
            person(district, "attendance_unique", resident_id)
    for request in data.aid_requests:
        if request["status"] == "done" and low <= request["closed_at"] < high:
            bump(data.district_of(request["resident_id"]), "aid_matches_completed")
    rows = []
    for district in sorted(counts):
        found = counts[district]
        for key, ids in people.get(district, {}).items():
            found[key] = len(ids)
        rows.append({"district": district, **{key: found[key] for key in BY_DISTRICT_KEYS}})
    return rows


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
    `desks_not_synced` (7 days or more)."""
    data = CityData(_load(database, city))
    figures = figures_of(data, start, end)
    low, high = start.isoformat(), (end + dt.timedelta(days=1)).isoformat()
    figures["city"] = city
    figures["by_desk"] = _by_desk(data, low, high, desks)
    figures["by_district"] = _by_district(data, low, high)
    figures["desks_not_synced"] = stale_desks(desks, now_ms() if now is None else now)
    return figures
