"""The KPI dashboard for a year with 200 000 help sessions and 500 000 attendance rows.

The rows are inserted in bulk with SQL straight into the tables (not through the change log): the
figure measured is the dashboard's computation, `compute_kpis`, for the whole year and for one
district, not the cost of writing the data. The dashboard's integer keys (migration m008) are
filled by their triggers, as for rows the Store writes. Target: ≤ 1 s.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import shutil
import statistics
import tempfile
import time
import uuid
from pathlib import Path

from kyojo_desk.records.help import CONCIERGE_COURSE, DEFAULT_TOPICS, OUTCOME_LABELS
from kyojo_desk.store import Store
from kyojo_desk.store.districts import ensure_districts
from kyojo_desk.store.kpi import compute_kpis

RESIDENTS, EVENTS, SESSIONS, ATTENDANCE = 60_000, 1_000, 200_000, 500_000
YEAR = 2026


def moment(rng: random.Random) -> str:
    day = dt.date(YEAR, 1, 1) + dt.timedelta(days=rng.randrange(365))
    return f"{day.isoformat()}T{rng.randrange(9, 17):02d}:{rng.randrange(60):02d}:00+09:00"


def fill(store: Store, rng: random.Random) -> None:
    db = store.db.conn
    residents = [str(uuid.uuid4()) for _ in range(RESIDENTS)]
    db.executemany(
        "INSERT INTO residents(id, family_name, family_reading, birth_date, district, created_at) VALUES (?,?,?,?,?,?)",
        [
            (
                r,
                "山田",
                "やまだ",
                f"{rng.randrange(1930, 2015)}-0{rng.randrange(1, 10)}-1{rng.randrange(0, 9)}",
                f"0{rng.randrange(1, 10)}",
                moment(rng),
            )
            for r in residents
        ],
    )
    events = [str(uuid.uuid4()) for _ in range(EVENTS)]
    db.executemany(
        "INSERT INTO events(id, title, starts_at, volunteer_led) VALUES (?,?,?,?)",
        [(e, "交流会", moment(rng), rng.random() < 0.4) for e in events],
    )
    seen = set()
    rows = []
    while len(rows) < ATTENDANCE:
        pair = (rng.choice(events), rng.choice(residents))
        if pair in seen:
            continue
        seen.add(pair)
        rows.append((str(uuid.uuid4()), pair[0], pair[1], "card", moment(rng)))
    db.executemany(
        "INSERT INTO attendance(id, event_id, resident_id, method, checked_in_at) VALUES (?,?,?,?,?)",
        rows,
    )
    outcomes = list(OUTCOME_LABELS)
    db.executemany(
        "INSERT INTO help_sessions(id, resident_id, volunteer_id, at, minutes, topics, outcome, follow_up_due) "
        "VALUES (?,?,?,?,?,?,?,?)",
        [
            (
                str(uuid.uuid4()),
                rng.choice(residents) if rng.random() < 0.9 else None,
                "v",
                moment(rng),
                15,
                json.dumps(rng.sample(DEFAULT_TOPICS, rng.randrange(1, 3)), ensure_ascii=False),
                rng.choice(outcomes),
                f"{YEAR}-12-01" if rng.random() < 0.1 else None,
            )
            for _ in range(SESSIONS)
        ],
    )
    db.executemany(
        "INSERT INTO volunteers(id, name, reading, trainings) VALUES (?,?,?,?)",
        [
            (
                str(uuid.uuid4()),
                "支援員",
                "しえんいん",
                json.dumps(
                    [{"course": CONCIERGE_COURSE, "date": moment(rng)[:10]}], ensure_ascii=False
                ),
            )
            for _ in range(200)
        ],
    )
    db.executemany(
        "INSERT INTO aid_requests(id, resident_id, kind, status, closed_at) VALUES (?,?,?,?,?)",
        [
            (
                str(uuid.uuid4()),
                rng.choice(residents),
                "shopping",
                rng.choice(["done", "open", "matched"]),
                moment(rng),
            )
            for _ in range(5_000)
        ],
    )
    db.execute("ANALYZE")


def main() -> None:
    directory = Path(tempfile.mkdtemp(prefix="kyojo-kpi-"))
    store = Store.open(directory / "kyojo.db")
    ensure_districts(store)
    started = time.perf_counter()
    # One transaction: committing each of the 760 000 rows alone took minutes.
    with store.db.atomic():
        fill(store, random.Random(5))
    print(
        f"filled {SESSIONS} help sessions and {ATTENDANCE} attendance rows in {time.perf_counter() - started:.1f} s"
    )
    timings = {}
    for label, district in (("whole city", None), ("one district", "03")):
        runs = []
        for _ in range(3):
            started = time.perf_counter()
            figures = compute_kpis(store, dt.date(YEAR, 1, 1), dt.date(YEAR, 12, 31), district)
            runs.append(time.perf_counter() - started)
        timings[label] = statistics.median(runs)
        print(
            f"{label}: {timings[label] * 1000:.0f} ms median of "
            f"{', '.join(f'{run * 1000:.0f}' for run in runs)} ms (help sessions "
            f"{figures['help_sessions']}, "
            f"attendance {figures['attendance_total']})"
        )
    store.close()
    shutil.rmtree(directory)  # some 350 MB
    print(
        f"KPI dashboard for a year (200 000 help sessions, 500 000 attendance rows): "
        f"{timings['whole city'] * 1000:.0f} ms city-wide, {timings['one district'] * 1000:.0f} ms one district"
    )


if __name__ == "__main__":
    main()
