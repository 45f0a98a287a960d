"""The city's KPIs for a period (and optionally a district): `compute_kpis(store, start, end)`.

The city plans and reports by 年度 (fiscal year, 1 April – 31 March): `fiscal_year_bounds(2025)`
is 2025-04-01 … 2026-03-31, and targets are read for the 年度 the period ends in.

Keys of the returned dict (stable; the CLI's JSON, the exports and the reports use them):

- new_residents: residents registered in the period (merged duplicates not counted)
- residents_supported: different residents given help in the period
- help_sessions: help sessions in the period (anonymous ones only without a district filter)
- help_sessions_by_topic / help_sessions_by_outcome: {topic or outcome: sessions}
- events_held: events that started in the period; volunteer_led_events (KPI ③): those of them
  led by a volunteer who had finished the share-concierge course by the event's day (`led_by`);
  events belong to the whole centre, so a district filter does not apply to them
- events_by_kind: {kind: events held}
- attendance_total: check-ins at events of the period (anonymous head counts included without a
  district filter), attendance_unique: different residents among them
- first_time_participants: residents whose first event ever was in the period
- returning_participants, repeat_rate: attendees of the period who had come before, and their
  share of attendance_unique (0.0 when nobody came)
- attendance_by_age_band: {age band: check-ins}, by age on the event's day (head counts by the
  band they were given)
- volunteers_trained: volunteers who completed the share-concierge course in the period (KPI ②)
- aid_matches_completed: the desk's 共助 requests completed in the period; aid_matches_app: the
  city app's 共助 count for the months the period touches (entered by a coordinator; the app
  knows no districts, so 0 with a district filter); aid_matches_total: their sum (KPI ④)
- aid_requests_made: 共助 requests made in the period; aid_requests_matched: those of them that
  found a helper (matched, done, or cancelled after a match); match_rate: matched ÷ made (None
  when none were made); match_rate_target: the plan's rate (0.8)
- open_follow_ups: follow-ups not yet closed from help sessions up to the end of the period
- related_participants: different 関係人口 (people of the town living elsewhere, ふるさと住民
  among them) checked in at any event on a day of the period
- ninaite_activities: 担い手活動 (designated activities) that started in the period
- ninaite_participants: different people checked in at a 担い手活動 on a day of the period;
  ninaite_check_ins: their check-ins (one per person per day of an activity)
- ninaite_met: people whose 年度 (the one the period ends in) meets 「年3回」 so far
  (kyojo_desk/records/ninaite.py counts it)
- digital_divide: {"rows": [{district, age_band, residents, smartphone, app_registered,
  skills_gained}], "total": {…}}: registered residents by district × age band (age on the
  period's last day; "unknown" without a birth date), how many own a smartphone (Android or
  iPhone), how many can register in an app on their own by the period's end, and how many skills
  they gained in the period
- fiscal_year: the 年度 the period ends in
- targets: that 年度's targets for KPIs ② ③ ④ (None outside the plan's years)
- cumulative: None before the plan, else {"from", "to", kpi: {"value", "target",
  "plan_target"}} for KPIs ② ③ ④: each summed from the plan's first day to the period's end
  (at most the plan's last day), with the targets of the plan's 年度 up to the period's, and the
  whole plan's
- period: {"from", "to", "district"}
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from kyojo_desk.paths import resources_dir
from kyojo_desk.records.help import CONCIERGE_COURSE
from kyojo_desk.records.ninaite import REQUIRED_COUNT, ActivityDay, tally_year
from kyojo_desk.store.migrations import YMD
from kyojo_desk.texts import N_

if TYPE_CHECKING:
    import numpy
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
UNKNOWN_AGE = "unknown"
# The KPIs the plan sets yearly targets for: ② ③ ④.
PLAN_KPIS = ("volunteers_trained", "volunteer_led_events", "aid_matches_total")
SMARTPHONES = ("android", "iphone")
APP_REGISTRATION_SKILL = "app_registration"


def fiscal_year_of(day: dt.date) -> int:
    """The 年度 a day belongs to: 2026-03-31 → 2025, 2026-04-01 → 2026."""
    return day.year if day.month >= 4 else day.year - 1


def fiscal_year_bounds(year: int) -> tuple[dt.date, dt.date]:
    """The first and last day of a 年度: 2025 → (2025-04-01, 2026-03-31)."""
    return dt.date(year, 4, 1), dt.date(year + 1, 3, 31)


@dataclass(frozen=True)
class KpiPlan:
    """The city's plan (resources/kpi-targets.json): its 年度, yearly targets and match rate."""

    first_year: int
    last_year: int
    match_rate: float
    targets: dict[str, dict[int, int]]

    def target(self, kpi: str, year: int) -> int | None:
        return self.targets.get(kpi, {}).get(year)

    def cumulative_target(self, kpi: str, year: int) -> int | None:
        """The sum of the yearly targets from the plan's first 年度 to `year` (capped at the
        last); None before the plan."""
        if year < self.first_year:
            return None
        per_year = self.targets.get(kpi, {})
        return sum(
            per_year.get(y, 0) for y in range(self.first_year, min(year, self.last_year) + 1)
        )

    def plan_target(self, kpi: str) -> int | None:
        return self.cumulative_target(kpi, self.last_year)


@cache
def kpi_plan() -> KpiPlan:
    data = json.loads((resources_dir() / "kpi-targets.json").read_text(encoding="utf-8"))
    return KpiPlan(
        first_year=int(data["plan_years"]["first"]),
        last_year=int(data["plan_years"]["last"]),
        match_rate=float(data["match_rate"]),
        targets={
            kpi: {int(year): int(value) for year, value in per_year.items()}
            for kpi, per_year in data["targets"].items()
        },
    )


def _ymd(day: dt.date) -> int:
    return day.year * 10000 + day.month * 100 + day.day


def compute_kpis(
    store: Store, start: dt.date, end: dt.date, district: str | None = None
) -> dict[str, Any]:
    """The dashboard's figures for [start, end] (both days included).

    Read from indexes on integer keys kept by triggers (migrations m008, m030, m100, m101, m110,
    m112) and counted in SQL or, for the many rows of a period, in arrays (see `_integers`), so
    a year of 500 000 check-ins never passes through Python row by row, and years of earlier
    history cost nothing.
    """
    if end < start:
        from kyojo_desk.errors import ValidationError

        raise ValidationError("period", N_("期間の終わりが始まりより前になっています。"))
    params = _params(start, end, district)
    members = _district_members(store.db, params)
    figures = _period_figures(store.db, params, members)
    figures.update(_plan_figures(store.db, params))
    figures.update(_attendance_figures(store.db, params, members))
    attendees = figures["attendance_unique"]
    first_time = _first_time_participants(store.db, params)
    figures["first_time_participants"] = first_time
    returning = attendees - first_time
    figures["returning_participants"] = returning
    figures["repeat_rate"] = round(returning / attendees, 3) if attendees else 0.0
    figures.update(_aid_request_figures(store.db, params))
    figures.update(_ninaite_figures(store, params, members))
    figures["digital_divide"] = _digital_divide(store.db, params)
    plan = kpi_plan()
    year = fiscal_year_of(end)
    figures["fiscal_year"] = year
    figures["targets"] = {kpi: plan.target(kpi, year) for kpi in PLAN_KPIS}
    figures["cumulative"] = _cumulative(store.db, plan, end, district)
    figures["period"] = {"from": start.isoformat(), "to": end.isoformat(), "district": district}
    return figures


def _ninaite_figures(
    store: Store, params: dict[str, Any], members: numpy.ndarray | None
) -> dict[str, Any]:
    """関係人口 who took part, and 担い手活動 held and taken part in (see the module's keys)."""
    district = params["district"]
    in_district = "AND r.district = :district" if district else ""
    figures: dict[str, Any] = {}
    figures["related_participants"] = store.db.execute(
        # CROSS JOIN: from the 関係人口 (a few of the registered, in their own index: m110) to
        # their check-ins by person and day; driven from the period's check-ins SQLite read
        # every one of their rows (5 s for a year of 500 000 on a desk with statistics).
        "SELECT count(DISTINCT a.resident_id) FROM residents r INDEXED BY residents_related "
        "CROSS JOIN attendance a "
        "INDEXED BY attendance_person_day ON a.resident_id = r.id "
        "AND a.day >= :low AND a.day < :high AND a.deleted = 0 "
        f"WHERE r.kind = 'related' AND r.deleted = 0 {in_district}",
        params,
    ).fetchone()[0]
    figures["ninaite_activities"] = store.db.execute(
        "SELECT count(*) FROM events WHERE deleted = 0 AND ninaite_activity = 1 "
        "AND starts_at >= :low AND starts_at < :high",
        params,
    ).fetchone()[0]
    check_ins = _designated_check_ins(store.db, params["low"], params["high"])
    figures["ninaite_participants"], figures["ninaite_check_ins"] = _ninaite_take_part(
        store.db, check_ins, members
    )
    # 「年3回」 is counted for the 年度 the period ends in: the same check-ins when the period
    # is that 年度.
    end = dt.date.fromisoformat(params["high"]) - dt.timedelta(days=1)
    year = fiscal_year_of(end)
    same_days = fiscal_year_bounds(year) == (dt.date.fromisoformat(params["low"]), end)
    figures["ninaite_met"] = ninaite_met_count(
        store, year, district, check_ins if same_days else None, members
    )
    return figures


# Resident numbers, activities (event rowid) and days (YYYYMMDD) of check-ins, in one order.
DesignatedCheckIns = tuple["numpy.ndarray", "numpy.ndarray", "numpy.ndarray"]


def _designated_check_ins(db: Database, low: str, high: str) -> DesignatedCheckIns:
    """The check-ins at 担い手活動 on days low ≤ day < high (ISO), one per person, activity and
    day: their resident numbers, activities (event rowid) and days (YYYYMMDD), in the same order.

    From the few designated events to their check-ins (CROSS JOIN), each event's days a range
    of the attendance index by event number (migrations m101, m112), made distinct in arrays;
    reading each check-in's row and person took 0.5 s or more for 50 000 designated check-ins."""
    import numpy

    # One row per activity and day (the index's order: no sorting), its day made an integer
    # once rather than for every check-in (that alone took two thirds of the query).
    groups = db.execute(
        f"SELECT e.rowid, {YMD.format('a.day')}, count(*), group_concat(a.resident_number) "
        "FROM events e CROSS JOIN event_numbers n ON n.event_id = e.id "
        "CROSS JOIN attendance a INDEXED BY attendance_event_kpi ON a.event_number = n.number "
        "WHERE e.deleted = 0 AND e.ninaite_activity = 1 AND a.deleted = 0 AND a.day >= ? "
        "AND a.day < ? "
        "AND a.resident_number IS NOT NULL GROUP BY e.rowid, a.day",
        [low, high],
    ).fetchall()
    counts = numpy.array([group[2] for group in groups], dtype=numpy.int64)
    numbers = _integers(",".join(group[3] for group in groups))
    events = numpy.repeat(numpy.array([group[0] for group in groups], dtype=numpy.int64), counts)
    days = numpy.repeat(numpy.array([group[1] for group in groups], dtype=numpy.int64), counts)
    # Sorted by person, then activity, then day; a row equal to the one before is left out.
    order = numpy.lexsort((days, events, numbers))
    numbers, events, days = numbers[order], events[order], days[order]
    new = numpy.ones(len(numbers), dtype=bool)
    new[1:] = (numbers[1:] != numbers[:-1]) | (events[1:] != events[:-1]) | (days[1:] != days[:-1])
    return numbers[new], events[new], days[new]


def _ninaite_take_part(
    db: Database, check_ins: DesignatedCheckIns, members: numpy.ndarray | None
) -> tuple[int, int]:
    """Different people among `check_ins` (those of the period), and their check-ins (one per
    person, activity and day), counting only people on this desk who are not removed."""
    numbers, _, _ = check_ins
    if not len(numbers):
        return 0, 0
    kept = ~_among(numbers, _removed_residents(db))
    if members is not None:
        kept &= _among(numbers, members)
    return _distinct_count(numbers[kept]), int(kept.sum())


def ninaite_met_count(
    store: Store,
    fiscal_year: int,
    district: str | None = None,
    check_ins: DesignatedCheckIns | None = None,
    members: numpy.ndarray | None = None,
) -> int:
    """How many people's 年度 meets 「年3回」: the people of `Store.ninaite_year` whose tally is
    `met` (of one district, when given), for the dashboard.

    Only what decides it is read: each person's designated activity days (not their other
    days of stay, names or designations). A person counts at most once per activity day, so
    fewer than three never meet it; someone living here meets it with three different
    activities; only a person from far away, whose consecutive days count each, needs the whole
    tally. (With 50 000 designated check-ins in a year, the full yearly tally took seconds.)
    `check_ins`: the 年度's, when already read; `members`: the district's people, when
    already found (`_district_members`)."""
    import numpy

    first, last = fiscal_year_bounds(fiscal_year)
    numbers, events, days = check_ins or _designated_check_ins(
        store.db, first.isoformat(), (last + dt.timedelta(days=1)).isoformat()
    )
    if not len(numbers):
        return 0
    # The rows come sorted by person, then activity, then day: a person's rows are one
    # stretch, and a new activity starts wherever the person or the activity changes.
    new_person = numpy.ones(len(numbers), dtype=bool)
    new_person[1:] = numbers[1:] != numbers[:-1]
    new_activity = new_person.copy()
    new_activity[1:] |= events[1:] != events[:-1]
    starts = numpy.flatnonzero(new_person)
    people = numbers[starts]
    rows_each = numpy.diff(numpy.append(starts, len(numbers)))
    activities_each = numpy.add.reduceat(new_activity, starts)
    # The people ninaite_year lists: on this desk and not removed (m110), of the district,
    # and in the registry (an index row); found from the numbers and the registry's index
    # without reading the people's rows.
    kept = (rows_each >= REQUIRED_COUNT) & ~_among(people, _removed_residents(store.db))
    if district:
        if members is None:
            members = _district_members(store.db, {"district": district})
        kept &= _among(people, members)
    from_far_away = dict(
        store.db.execute(
            "SELECT n.number, r.id FROM residents r INDEXED BY residents_related "
            "JOIN resident_numbers n ON n.resident_id = r.id "
            "WHERE r.kind = 'related' AND r.deleted = 0"
        ).fetchall()
    )
    candidates = people[kept].tolist()
    activities_of = dict(zip(candidates, activities_each[kept].tolist(), strict=True))
    met = 0
    for start in range(0, len(candidates), 500):
        chunk = candidates[start : start + 500]
        for (number,) in store.db.execute(
            "SELECT n.number FROM resident_numbers n "
            f"WHERE n.number IN ({', '.join('?' for _ in chunk)}) "
            "AND EXISTS (SELECT 1 FROM resident_index i WHERE i.resident_id = n.resident_id)",
            chunk,
        ):
            if number not in from_far_away:
                met += activities_of[number] >= REQUIRED_COUNT
                continue
            theirs = slice(
                numpy.searchsorted(numbers, number, "left"),
                numpy.searchsorted(numbers, number, "right"),
            )
            activities = [
                ActivityDay(_iso_day(int(day)), str(event), "", "")
                for event, day in zip(events[theirs], days[theirs], strict=True)
            ]
            met += tally_year(
                from_far_away[number], fiscal_year, activities, [], from_far_away=True
            ).met
    return met


def _iso_day(ymd: int) -> str:
    """20260401 → '2026-04-01'."""
    return f"{ymd // 10000:04d}-{ymd // 100 % 100:02d}-{ymd % 100:02d}"


def _removed_residents(db: Database) -> numpy.ndarray:
    """Indexed by resident number: True for the people whose row is not on this desk (erased,
    or not yet pulled) or is removed. Few, and listed in their own partial index (m110)."""
    import numpy

    numbers = _integers(
        db.execute(
            "SELECT group_concat(number) FROM resident_numbers "
            "INDEXED BY resident_numbers_removed WHERE removed != 0"
        ).fetchone()[0]
    )
    removed = numpy.zeros(int(numbers.max()) + 1 if len(numbers) else 1, dtype=bool)
    removed[numbers] = True
    return removed


def _births(db: Database) -> numpy.ndarray:
    """Indexed by resident number: the person's birth date as YYYYMMDD, -1 when unknown (or
    when their row is not on this desk), kept with the numbers by triggers (m110)."""
    import numpy

    numbers, born = db.execute(
        "SELECT group_concat(number), group_concat(born) FROM resident_numbers "
        "WHERE born IS NOT NULL"
    ).fetchone()
    numbers, born = _integers(numbers), _integers(born)
    births = numpy.full(int(numbers.max()) + 1 if len(numbers) else 1, -1, dtype=numpy.int64)
    births[numbers] = born
    return births


def _params(start: dt.date, end: dt.date, district: str | None) -> dict[str, Any]:
    return {
        "low": start.isoformat(),
        "high": (end + dt.timedelta(days=1)).isoformat(),
        "low_ymd": _ymd(start),
        "high_ymd": _ymd(end + dt.timedelta(days=1)),
        "end_ymd": _ymd(end),
        "low_month": f"{start:%Y-%m}",
        "high_month": f"{end:%Y-%m}",
        "district": district,
        "course": CONCIERGE_COURSE,
    }


def _cumulative(
    db: Database, plan: KpiPlan, end: dt.date, district: str | None
) -> dict[str, Any] | None:
    """KPIs ② ③ ④ from the plan's first day to the period's end (never past the plan)."""
    plan_start = fiscal_year_bounds(plan.first_year)[0]
    if end < plan_start:
        return None
    last = min(end, fiscal_year_bounds(plan.last_year)[1])
    figures = _plan_figures(db, _params(plan_start, last, district))
    year = fiscal_year_of(last)
    cumulative: dict[str, Any] = {"from": plan_start.isoformat(), "to": last.isoformat()}
    for kpi in PLAN_KPIS:
        cumulative[kpi] = {
            "value": figures[kpi],
            "target": plan.cumulative_target(kpi, year),
            "plan_target": plan.plan_target(kpi),
        }
    return cumulative


# The people of a district as resident numbers (see migration m008): a small set built once per
# statement (IN subquery), cheaper than joining every row of the period.
DISTRICT_NUMBERS = (
    "(SELECT n.number FROM residents r JOIN resident_numbers n ON n.resident_id = r.id "
    "WHERE r.district = :district)"
)

# The volunteers who finished the share-concierge course, each with the day they first did:
# an event counts for KPI ③ when its leader's day is on or before the event's. Read once per
# count instead of each led event's leader's trainings (which grew with every year counted).
CONCIERGES_TRAINED = (
    "SELECT v.id, min(json_extract(t.value, '$.date')) AS since "
    "FROM volunteers v, json_each(v.trainings) t "
    "WHERE v.deleted = 0 AND json_extract(t.value, '$.course') = :course GROUP BY v.id"
)


def _plan_figures(db: Database, params: dict[str, Any]) -> dict[str, Any]:
    """KPIs ② ③ ④ (small tables: volunteers, events, 共助 requests, the app's months)."""
    district = params["district"]
    figures: dict[str, Any] = {}
    figures["volunteers_trained"] = db.execute(
        "SELECT count(DISTINCT v.id) FROM volunteers v, json_each(v.trainings) t WHERE v.deleted = 0 "
        "AND json_extract(t.value, '$.course') = :course "
        "AND json_extract(t.value, '$.date') >= :low AND json_extract(t.value, '$.date') < :high",
        params,
    ).fetchone()[0]
    figures["volunteer_led_events"] = db.execute(
        f"WITH trained AS MATERIALIZED ({CONCIERGES_TRAINED}) SELECT count(*) FROM events e "
        "JOIN trained c ON c.id = e.led_by WHERE e.deleted = 0 AND e.starts_at >= :low "
        "AND e.starts_at < :high AND c.since <= substr(e.starts_at, 1, 10)",
        params,
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
    figures["aid_matches_app"] = (
        0
        if district
        else db.execute(
            "SELECT coalesce(sum(count), 0) FROM app_aid_counts WHERE deleted = 0 "
            "AND month >= :low_month AND month <= :high_month",
            params,
        ).fetchone()[0]
    )
    figures["aid_matches_total"] = figures["aid_matches_completed"] + figures["aid_matches_app"]
    return figures


def _aid_request_figures(db: Database, params: dict[str, Any]) -> dict[str, Any]:
    """The match rate: of the 共助 requests made in the period, how many found a helper (a
    range of their index by day made: m111)."""
    in_district = (
        "AND q.resident_id IN (SELECT id FROM residents WHERE district = :district)"
        if params["district"]
        else ""
    )
    made, matched = db.execute(
        "SELECT count(*), coalesce(sum(coalesce(q.matched_volunteer_id, q.matched_resident_id, '') "
        "!= ''), 0) FROM aid_requests q INDEXED BY aid_requests_made "
        "WHERE q.deleted = 0 AND q.created_at >= :low "
        f"AND q.created_at < :high {in_district}",
        params,
    ).fetchone()
    return {
        "aid_requests_made": made,
        "aid_requests_matched": matched,
        "match_rate": round(matched / made, 3) if made else None,
        "match_rate_target": kpi_plan().match_rate,
    }


def _first_time_participants(db: Database, params: dict[str, Any]) -> int:
    """Residents whose first event ever falls in the period: a range of the first-day index
    (migration m030), however many years of check-ins came before."""
    in_district = (
        "AND n.resident_id IN (SELECT id FROM residents WHERE district = :district)"
        if params["district"]
        else ""
    )
    return db.execute(
        "SELECT count(*) FROM resident_numbers n WHERE n.first_attended >= :low_ymd "
        f"AND n.first_attended < :high_ymd {in_district}",
        params,
    ).fetchone()[0]


def _born_by(end_ymd: int, years: int) -> str:
    """The latest birth date ('YYYY-MM-DD') of someone at least `years` old on `end_ymd`: the
    same day `years` earlier (as text it compares like the date, even for a 29 February)."""
    digits = f"{end_ymd - years * 10000:08d}"
    return f"{digits[:4]}-{digits[4:6]}-{digits[6:]}"


# The birth dates of each age band as a range of the residents_digital index (deleted,
# district, birth_date, …), in the order the CASE of the skills' query tests them: unknown
# (NULL or ''), then from the oldest band to the youngest. ISO dates compare as text; '' sorts
# before any date, so "older than the next band and not unknown" is `> ''`.
def _band_ranges() -> list[tuple[str, str]]:
    ranges = [(UNKNOWN_AGE, "r.birth_date IS NULL"), (UNKNOWN_AGE, "r.birth_date = ''")]
    above = "''"
    for name, low, _ in reversed(AGE_BANDS[1:]):
        ranges.append((name, f"r.birth_date > {above} AND r.birth_date <= :born_by_{low}"))
        above = f":born_by_{low}"
    ranges.append((AGE_BANDS[0][0], f"r.birth_date > {above}"))
    return ranges


def _residents_by_band(db: Database, query: dict[str, Any]) -> list[tuple[str, str, int, int]]:
    """(district, age band, residents, smartphone owners) of the registered residents, with
    an age band's two kinds of unknown birth date in two rows.

    Each district's bands are ranges of the residents_digital index, counted there (found in
    the index rather than tested per person: the bands' CASE took two thirds of 30 ms for
    60 000 residents). The districts are found by stepping from one to the next in the same
    index, so each resident's entry is read once, by the one range it falls in."""
    phone = "r.smartphone IN ({})".format(", ".join(f"'{kind}'" for kind in SMARTPHONES))
    if query["district"]:  # as everywhere here, an empty district is no filter
        districts = [query["district"]]
    else:
        districts = [
            row[0]
            for row in db.execute(
                "WITH RECURSIVE found(district) AS ("
                "SELECT min(district) FROM residents INDEXED BY residents_digital "
                "WHERE deleted = 0 UNION ALL SELECT (SELECT min(r.district) FROM residents r "
                "INDEXED BY residents_digital WHERE r.deleted = 0 AND r.district > f.district) "
                "FROM found f WHERE f.district IS NOT NULL) "
                "SELECT district FROM found WHERE district IS NOT NULL"
            )
        ]
    per_band = " UNION ALL ".join(
        f"SELECT '{name}', count(*), coalesce(sum({phone}), 0) FROM residents r "
        f"INDEXED BY residents_digital WHERE r.deleted = 0 AND r.district = :in_district "
        f"AND {condition} AND r.created_at < :high"
        for name, condition in _band_ranges()
    )
    rows = []
    for district in districts:
        for band_name, residents, smartphone in db.execute(
            per_band, {**query, "in_district": district}
        ):
            if residents:
                rows.append((district, band_name, residents, smartphone))
    return rows


def _digital_divide(db: Database, params: dict[str, Any]) -> dict[str, Any]:
    """Registered residents by district × age band: smartphone, app registration, skills.

    The band is found by comparing the ISO birth date as text with the latest birth date of
    each band's floor (no date arithmetic per person): residents are counted by band as ranges
    of a covering index (`_residents_by_band`), and skills, summed per person, joined to their
    owner in a covering index (m103) and banded there."""
    born_by = {f"born_by_{low}": _born_by(params["end_ymd"], low) for _, low, _ in AGE_BANDS[1:]}
    band = (
        f"CASE WHEN r.birth_date IS NULL OR r.birth_date = '' THEN '{UNKNOWN_AGE}' "
        + " ".join(
            f"WHEN r.birth_date <= :born_by_{low} THEN '{name}'"
            for name, low, _ in reversed(AGE_BANDS[1:])
        )
        + f" ELSE '{AGE_BANDS[0][0]}' END"
    )
    query = {**params, **born_by}
    in_district = "AND r.district = :district" if params["district"] else ""
    cells: dict[tuple[str, str], dict[str, int]] = {}
    for district, band_name, residents, smartphone in _residents_by_band(db, query):
        cell = cells.setdefault(
            (district, band_name),
            {"residents": 0, "smartphone": 0, "app_registered": 0, "skills_gained": 0},
        )
        cell["residents"] += residents
        cell["smartphone"] += smartphone
    # Each person's skills are summed first, read in resident order from a covering index
    # (m103), then the owner is found once in its own covering index; the CROSS JOIN keeps the
    # skills as the outer loop: driven from the residents, SQLite would look up every
    # resident's skills (0.7 s for 60 000 people instead of 0.02 s).
    for district, band_name, registered, gained in db.execute(
        "WITH owners AS (SELECT resident_id, "
        f"sum(skill = '{APP_REGISTRATION_SKILL}') AS registered, "
        "sum(independent_since >= :low) AS gained "
        "FROM resident_skills INDEXED BY resident_skills_owner "
        "WHERE deleted = 0 AND independent_since < :high GROUP BY resident_id) "
        f"SELECT r.district, {band} AS band, sum(s.registered), sum(s.gained) "
        "FROM owners s CROSS JOIN residents r INDEXED BY residents_skill_owner "
        "ON r.id = s.resident_id WHERE r.deleted = 0 "
        f"AND r.created_at < :high {in_district} GROUP BY 1, 2",
        query,
    ):
        cell = cells[(district, band_name)]
        cell["app_registered"], cell["skills_gained"] = registered, gained
    band_order = {name: index for index, (name, _, _) in enumerate(AGE_BANDS)}
    band_order[UNKNOWN_AGE] = len(AGE_BANDS)
    rows = [
        {"district": district, "age_band": band_name, **counts}
        for (district, band_name), counts in sorted(
            cells.items(), key=lambda item: (item[0][0], band_order[item[0][1]])
        )
    ]
    total = {
        key: sum(row[key] for row in rows)
        for key in ("residents", "smartphone", "app_registered", "skills_gained")
    }
    return {"rows": rows, "total": total}


def _period_figures(
    db: Database, params: dict[str, Any], members: numpy.ndarray | None
) -> dict[str, Any]:
    """New residents, help sessions, follow-ups and events held (`members`: see
    `_district_members`)."""
    import numpy

    district = params["district"]
    figures: dict[str, Any] = {}
    in_district = "AND r.district = :district" if district else ""
    figures["new_residents"] = db.execute(
        f"SELECT count(*) FROM residents r WHERE r.deleted = 0 AND r.created_at >= :low "
        f"AND r.created_at < :high {in_district}",
        params,
    ).fetchone()[0]

    # The sessions of the period by resident number (0: anonymous), per (outcome, topics) pair,
    # each pair a stretch of its index: a GROUP BY would sort every session of the period, and
    # a second pass over the sessions by time for the people read twice as many pages. The few
    # pairs are split here, and come in (outcome, topics) order as a GROUP BY would give them;
    # pairs no session of the period has are left out. A district keeps its people's sessions
    # (anonymous ones belong to no district).
    pairs = [
        (outcome, topics, numbers)
        for outcome, topics, numbers in db.execute(
            "SELECT k.outcome, k.topics, (SELECT group_concat(coalesce(h.resident_number, 0)) "
            "FROM help_sessions h WHERE h.outcome = k.outcome AND h.topics = k.topics "
            "AND h.deleted = 0 AND h.at >= :low AND h.at < :high) "
            "FROM help_session_kinds k ORDER BY k.outcome, k.topics",
            params,
        )
        if numbers
    ]
    numbers = _integers(",".join(text for _, _, text in pairs))
    pair_of = numpy.repeat(numpy.arange(len(pairs)), [text.count(",") + 1 for _, _, text in pairs])
    if members is not None:
        kept = _among(numbers, members)
        numbers, pair_of = numbers[kept], pair_of[kept]
    figures["help_sessions"] = len(numbers)
    figures["residents_supported"] = _distinct_count(numbers)
    by_topic: dict[str, int] = {}
    by_outcome: dict[str, int] = {}
    for (outcome, topics, _), count in zip(
        pairs, numpy.bincount(pair_of, minlength=len(pairs)).tolist(), strict=True
    ):
        if not count:
            continue
        by_outcome[outcome] = by_outcome.get(outcome, 0) + count
        for topic in json.loads(topics or "[]"):
            by_topic[topic] = by_topic.get(topic, 0) + count
    figures["help_sessions_by_topic"] = dict(sorted(by_topic.items(), key=lambda item: -item[1]))
    figures["help_sessions_by_outcome"] = by_outcome

    events_by_kind = dict(
        db.execute(
            "SELECT kind, count(*) FROM events WHERE deleted = 0 AND starts_at >= :low "
            "AND starts_at < :high GROUP BY kind ORDER BY count(*) DESC, kind",
            params,
        ).fetchall()
    )
    figures["events_held"] = sum(events_by_kind.values())
    figures["events_by_kind"] = events_by_kind
    # Open follow-ups of every year so far, from their covering index (m009); a district's by
    # their resident numbers, as the sessions above.
    open_follow_ups = db.execute(
        f"SELECT {'count(*)' if members is None else 'group_concat(h.resident_number)'} "
        "FROM help_sessions h WHERE h.deleted = 0 AND h.follow_up_due IS NOT NULL "
        "AND h.follow_up_done_at IS NULL AND h.at < :high",
        params,
    ).fetchone()[0]
    figures["open_follow_ups"] = (
        open_follow_ups
        if members is None
        else len(_in_district(_integers(open_follow_ups), members))
    )
    return figures


# Many rows of a period (a year: 200 000 help sessions, 500 000 check-ins) are read from their
# indexes as one group_concat of integers and counted in arrays: a Python set of a year's
# check-in numbers took about 90 ms, SQL's count(DISTINCT) 110 ms more than the scan itself,
# one SQL sum per age band 0.2 s, and a district filter tested on each row in SQL 0.3 s; in
# arrays each is a few milliseconds.


def _integers(text: str | None) -> numpy.ndarray:
    """The integers of a comma-separated group_concat (none for NULL)."""
    import numpy

    if not text:
        return numpy.zeros(0, dtype=numpy.int64)
    return numpy.fromstring(text, dtype=numpy.int64, sep=",")


def _district_members(db: Database, params: dict[str, Any]) -> numpy.ndarray | None:
    """None without a district filter; else, indexed by resident number (migration m008), True
    for the people registered in the district. Number 0 (used here for "no resident") is
    nobody's: resident numbers start at 1."""
    import numpy

    if not params["district"]:
        return None
    numbers = _integers(
        db.execute(f"SELECT group_concat(number) FROM {DISTRICT_NUMBERS}", params).fetchone()[0]
    )
    highest = db.execute("SELECT coalesce(max(number), 0) FROM resident_numbers").fetchone()[0]
    members = numpy.zeros(highest + 1, dtype=bool)
    members[numbers] = True
    return members


def _among(numbers: numpy.ndarray, marked: numpy.ndarray) -> numpy.ndarray:
    """Which of `numbers` are marked in `marked` (an array indexed by resident number)."""
    import numpy

    known = numbers < len(marked)
    return known & marked[numpy.where(known, numbers, 0)]


def _in_district(numbers: numpy.ndarray, members: numpy.ndarray | None) -> numpy.ndarray:
    """`numbers` without those outside the district (all of them without a district filter)."""
    return numbers if members is None else numbers[_among(numbers, members)]


def _distinct_count(numbers: numpy.ndarray) -> int:
    """How many different people (resident numbers above 0) are among `numbers`."""
    import numpy

    if not len(numbers):
        return 0
    seen = numpy.zeros(int(numbers.max()) + 1, dtype=bool)
    seen[numbers] = True
    seen[0] = False
    return int(numpy.count_nonzero(seen))


def _attendance_figures(
    db: Database, params: dict[str, Any], members: numpy.ndarray | None
) -> dict[str, Any]:
    """Attendance of the period: check-ins, different people, check-ins by age band.

    One pass over the check-ins of the period's events, all in the attendance index by event
    number (m112): for each event its day and its check-ins' resident numbers (0 for an anonymous head count:
    resident_number is NULL exactly when resident_id is). A check-in's age on the event's day is
    the event's YYYYMMDD minus the person's birth YYYYMMDD (`_births`): someone is at least N
    years old exactly when it is at least N * 10000. Reading the birth date of each check-in
    from the index as well cost a second text of 500 000 numbers for a year."""
    import numpy

    groups = db.execute(
        f"SELECT {YMD.format('e.starts_at')}, (SELECT group_concat(coalesce(a.resident_number, "
        "0)) FROM attendance a INDEXED BY attendance_event_kpi WHERE a.event_number = n.number "
        "AND a.deleted = 0) FROM events e CROSS JOIN event_numbers n ON n.event_id = e.id "
        "WHERE e.deleted = 0 AND e.starts_at >= :low AND e.starts_at < :high",
        params,
    ).fetchall()
    texts = [numbers for _, numbers in groups if numbers]
    numbers = _integers(",".join(texts))
    days = numpy.repeat(
        numpy.array([day for day, numbers in groups if numbers], dtype=numpy.int64),
        [text.count(",") + 1 for text in texts],
    )
    if members is not None:
        kept = _among(numbers, members)
        numbers, days = numbers[kept], days[kept]
    total = len(numbers)
    births = _births(db)
    born = numpy.where(numbers < len(births), births[numpy.minimum(numbers, len(births) - 1)], -1)
    # -1 (no band) without a known birth date.
    ages = numpy.where(born >= 0, days - born, -1)
    # How many were at least 0, 20, 40 … years old; each band is the difference to the next.
    at_least = [int(numpy.count_nonzero(ages >= low * 10000)) for _, low, _ in AGE_BANDS]
    at_least.append(0)
    band_names = [name for name, _, _ in AGE_BANDS]
    bands = {name: at_least[index] - at_least[index + 1] for index, name in enumerate(band_names)}
    # Anonymous head counts count by the band they were given, and only without a district
    # filter. A band name not among AGE_BANDS is added after them, in the order the events (by
    # id) first show it.
    if members is None and numpy.count_nonzero(numbers == 0):
        for band, count in db.execute(
            "WITH period_events AS MATERIALIZED (SELECT e.id, n.number FROM events e "
            "JOIN event_numbers n ON n.event_id = e.id WHERE e.deleted = 0 "
            "AND e.starts_at >= :low AND e.starts_at < :high) "
            "SELECT a.age_band, count(*) FROM period_events e CROSS JOIN attendance a "
            "INDEXED BY attendance_event_kpi ON a.event_number = e.number AND a.deleted = 0 "
            "AND a.resident_number IS NULL "
            "WHERE a.age_band != '' GROUP BY a.age_band ORDER BY min(e.id), a.age_band",
            params,
        ):
            bands[band] = bands.get(band, 0) + count
    return {
        "attendance_total": total,
        "attendance_unique": _distinct_count(numbers),
        "attendance_by_age_band": bands,
    }


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
    "aid_matches_app",
    "aid_matches_total",
    "aid_requests_made",
    "aid_requests_matched",
    "match_rate",
    "open_follow_ups",
    "related_participants",
    "ninaite_activities",
    "ninaite_participants",
    "ninaite_check_ins",
    "ninaite_met",
)
KPI_LABELS = {
    "new_residents": N_("新しく登録した住民"),
    "residents_supported": N_("支援した住民（人）"),
    "help_sessions": N_("相談の件数"),
    "events_held": N_("イベントの回数"),
    "volunteer_led_events": N_("シェア・コンシェルジュが中心の活動（KPI③）"),
    "attendance_total": N_("参加（のべ人数）"),
    "attendance_unique": N_("参加（実人数）"),
    "first_time_participants": N_("はじめて参加した人"),
    "returning_participants": N_("くり返し参加した人"),
    "repeat_rate": N_("くり返し参加の割合"),
    "volunteers_trained": N_("シェア・コンシェルジュ養成（KPI②）"),
    "aid_matches_completed": N_("デスクで終わった共助"),
    "aid_matches_app": N_("アプリでの共助"),
    "aid_matches_total": N_("共助の件数（デスク＋アプリ、KPI④）"),
    "aid_requests_made": N_("共助の依頼"),
    "aid_requests_matched": N_("手伝う人が決まった依頼"),
    "match_rate": N_("依頼のうち、手伝う人が決まった割合"),
    "open_follow_ups": N_("まだ終わっていないフォロー"),
    "related_participants": N_("参加した関係人口（人）"),
    "ninaite_activities": N_("担い手活動の回数"),
    "ninaite_participants": N_("担い手活動に参加した人"),
    "ninaite_check_ins": N_("担い手活動への参加（のべ）"),
    "ninaite_met": N_("年3回を満たした人（年度）"),
}
DIGITAL_DIVIDE_LABELS = {
    "residents": N_("登録している人"),
    "smartphone": N_("スマホを持っている"),
    "app_registered": N_("アプリ登録ができる"),
    "skills_gained": N_("できるようになったこと"),
}
AGE_BAND_NAMES = {
    "0-19": N_("〜19歳"),
    "20-39": N_("20〜39歳"),
    "40-59": N_("40〜59歳"),
    "60-69": N_("60代"),
    "70-79": N_("70代"),
    "80-": N_("80歳〜"),
    UNKNOWN_AGE: N_("生年月日なし"),
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
    year = figures["fiscal_year"]
    rows += [
        (f"目標（{year}年度）", KPI_LABELS.get(k, k), v)
        for k, v in figures["targets"].items()
        if v is not None
    ]
    rows.append(("目標（年度）", KPI_LABELS["match_rate"], figures["match_rate_target"]))
    cumulative = figures["cumulative"]
    if cumulative:
        section = f"累計（{cumulative['from']}〜{cumulative['to']}）"
        for kpi in PLAN_KPIS:
            entry = cumulative[kpi]
            rows.append((section, KPI_LABELS[kpi], entry["value"]))
            rows.append((section, f"{KPI_LABELS[kpi]} 累計目標", entry["target"]))
            rows.append((section, f"{KPI_LABELS[kpi]} 計画全体の目標", entry["plan_target"]))
    for row in figures["digital_divide"]["rows"]:
        section = (
            f"デジタル（地区 {row['district'] or '未設定'}・{AGE_BAND_NAMES[row['age_band']]}）"
        )
        rows += [(section, label, row[key]) for key, label in DIGITAL_DIVIDE_LABELS.items()]
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
