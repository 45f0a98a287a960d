"""The KPI dashboard for a 年度 with 200 000 help sessions and 500 000 attendance rows.

The rows are inserted in bulk with SQL straight into the tables (not through the change log): the
figure measured is the dashboard's computation, `compute_kpis`, for the whole 年度 and for one
district, not the cost of writing the data. The dashboard's integer keys (migrations m008, m030)
are filled by their triggers, as for rows the Store writes, and the residents are indexed for
search as registered ones are. One event in ten is a 担い手活動 (designated activity), so the
「年3回」 figure has some 50 000 designated check-ins a year to count. Target: ≤ 0.3 s.

`--history-years N` adds N earlier 年度 of the same size (sessions, check-ins, events) before the
one measured, as a desk has after years of use. Target with three: ≤ 0.35 s.

`--desk PATH` keeps the filled desk at PATH and measures it again on the next run (filling takes
minutes per 年度); without it the desk is made in a temporary folder and removed.

`--encrypted` measures an encrypted desk (SQLCipher), as desks are at rest: a new desk is made
encrypted under a new key kept beside it in PATH.key; a kept desk is opened with that key, or,
when it has none, copied encrypted to PATH-encrypted.db (with its key file) first and that copy
measured. Every page the dashboard reads from the file is then also decrypted.
"""

from __future__ import annotations

import argparse
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
from kyojo_desk.security.keys import new_key
from kyojo_desk.store import Store
from kyojo_desk.store.districts import ensure_districts
from kyojo_desk.store.kpi import compute_kpis
from kyojo_desk.store.search import rebuild as rebuild_search_index

RESIDENTS, EVENTS, SESSIONS, ATTENDANCE = 60_000, 1_000, 200_000, 500_000
YEAR = 2026  # the 年度 measured: 2026-04-01 … 2027-03-31


def moment(rng: random.Random, year: int = YEAR) -> str:
    day = dt.date(year, 4, 1) + dt.timedelta(days=rng.randrange(365))
    return f"{day.isoformat()}T{rng.randrange(9, 17):02d}:{rng.randrange(60):02d}:00+09:00"


def fill(store: Store, rng: random.Random, history_years: int = 0) -> None:
    db = store.db.conn
    residents = [str(uuid.uuid4()) for _ in range(RESIDENTS)]
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
    leaders = [row[0] for row in db.execute("SELECT id FROM volunteers")]
    db.executemany(
        "INSERT INTO residents(id, family_name, family_reading, birth_date, district, smartphone, "
        "created_at) VALUES (?,?,?,?,?,?,?)",
        [
            (
                r,
                "山田",
                "やまだ",
                f"{rng.randrange(1930, 2015)}-0{rng.randrange(1, 10)}-1{rng.randrange(0, 9)}",
                f"0{rng.randrange(1, 10)}",
                rng.choice(["none", "android", "iphone", "feature_phone"]),
                moment(rng, YEAR - history_years),
            )
            for r in residents
        ],
    )
    db.executemany(
        "INSERT INTO resident_skills(id, resident_id, skill, independent_since) VALUES (?,?,?,?)",
        [
            (
                str(uuid.uuid4()),
                r,
                skill,
                moment(rng, rng.randrange(YEAR - history_years, YEAR + 1))[:10],
            )
            for r in rng.sample(residents, RESIDENTS // 4)
            for skill in ("app_registration", "line")
        ],
    )
    rebuild_search_index(store.db)
    for year in range(YEAR - history_years, YEAR + 1):
        fill_year(db, rng, residents, leaders, year)
    db.execute("ANALYZE")


def fill_year(db, rng: random.Random, residents: list[str], leaders: list[str], year: int) -> None:
    """One 年度 of events, check-ins, help sessions and 共助 requests."""
    events = [str(uuid.uuid4()) for _ in range(EVENTS)]
    db.executemany(
        "INSERT INTO events(id, title, starts_at, volunteer_led, led_by, ninaite_activity, "
        "designated_by) VALUES (?,?,?,?,?,?,?)",
        [
            (
                e,
                "交流会",
                moment(rng, year),
                led,
                rng.choice(leaders) if led else None,
                int(designated),
                "city" if designated else "",
            )
            for e in events
            for led, designated in [(rng.random() < 0.4, rng.random() < 0.1)]
        ],
    )
    seen = set()
    rows = []
    while len(rows) < ATTENDANCE:
        pair = (rng.choice(events), rng.choice(residents))
        if pair in seen:
            continue
        seen.add(pair)
        rows.append((str(uuid.uuid4()), pair[0], pair[1], "card", moment(rng, year)))
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
                moment(rng, year),
                15,
                json.dumps(rng.sample(DEFAULT_TOPICS, rng.randrange(1, 3)), ensure_ascii=False),
                rng.choice(outcomes),
                f"{year}-12-01" if rng.random() < 0.1 else None,
            )
            for _ in range(SESSIONS)
        ],
    )
    db.executemany(
        "INSERT INTO aid_requests(id, resident_id, kind, status, matched_volunteer_id, "
        "created_at, closed_at) VALUES (?,?,?,?,?,?,?)",
        [
            (
                str(uuid.uuid4()),
                rng.choice(residents),
                "shopping",
                status,
                None if status == "open" else rng.choice(leaders),
                moment(rng, year),
                moment(rng, year),
            )
            for _ in range(5_000)
            for status in [rng.choice(["done", "open", "matched"])]
        ],
    )
    db.executemany(
        "INSERT INTO app_aid_counts(id, month, count, source) VALUES (?,?,?,?)",
        [
            (str(uuid.uuid4()), f"{year + (month < 4)}-{month:02d}", rng.randrange(50), "月報")
            for month in range(1, 13)
        ],
    )


def encrypted_desk(path: Path) -> tuple[Path, str]:
    """The encrypted desk to measure for `path` and its key (see the module's text): the desk
    itself when new or already encrypted, else an encrypted copy of the plain desk, made here
    the first time."""
    target = path
    if path.exists() and not path.with_name(path.name + ".key").exists():
        target = path.with_name(f"{path.stem}-encrypted{path.suffix}")
    key_file = target.with_name(target.name + ".key")
    if key_file.exists():
        return target, key_file.read_text(encoding="ascii").strip()
    key = new_key()
    if target != path:
        import sqlcipher3

        plain = sqlcipher3.connect(str(path))  # no key: reads the plain file
        plain.execute(f"ATTACH DATABASE ? AS encrypted KEY \"x'{key}'\"", [str(target)])
        plain.execute("SELECT sqlcipher_export('encrypted')")
        plain.execute("DETACH DATABASE encrypted")
        plain.close()
        print(f"copied {path} encrypted to {target}")
    key_file.write_text(key, encoding="ascii")
    key_file.chmod(0o600)
    return target, key


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--history-years", type=int, default=0, help="earlier 年度 of the same size (e.g. 3)"
    )
    parser.add_argument(
        "--desk", type=Path, help="keep the filled desk at this path and measure it again later"
    )
    parser.add_argument(
        "--encrypted", action="store_true", help="measure an encrypted desk (key in PATH.key)"
    )
    arguments = parser.parse_args()
    history = arguments.history_years
    directory = None if arguments.desk else Path(tempfile.mkdtemp(prefix="kyojo-kpi-"))
    path = arguments.desk or directory / "kyojo.db"
    key = None
    if arguments.encrypted:
        path, key = encrypted_desk(path)
    filled = path.exists()
    store = Store.open(path, key)
    if filled:
        print(f"measuring the desk filled before at {path}")
    else:
        ensure_districts(store)
        started = time.perf_counter()
        # One transaction: committing each of the 760 000 rows alone took minutes.
        with store.db.atomic():
            fill(store, random.Random(5), history)
        print(
            f"filled {SESSIONS} help sessions and {ATTENDANCE} attendance rows per 年度 for "
            f"{history + 1} 年度 in {time.perf_counter() - started:.1f} s"
        )
    # Wall time, and the process's CPU time: on a shared, busy machine the wall time grows
    # with the load, the CPU time much less (print `uptime` beside the figures).
    timings, cpu = {}, {}
    first, last = dt.date(YEAR, 4, 1), dt.date(YEAR + 1, 3, 31)
    for label, district in (("whole city", None), ("one district", "03")):
        runs, cpu_runs = [], []
        for _ in range(5):
            started, cpu_started = time.perf_counter(), time.process_time()
            figures = compute_kpis(store, first, last, district)
            runs.append(time.perf_counter() - started)
            cpu_runs.append(time.process_time() - cpu_started)
        timings[label] = statistics.median(runs)
        cpu[label] = statistics.median(cpu_runs)
        print(
            f"{label}: {timings[label] * 1000:.0f} ms median of "
            f"{', '.join(f'{run * 1000:.0f}' for run in runs)} ms, CPU "
            f"{cpu[label] * 1000:.0f} ms (help sessions "
            f"{figures['help_sessions']}, attendance {figures['attendance_total']}, "
            f"first time {figures['first_time_participants']}, "
            f"年3回 met {figures['ninaite_met']})"
        )
    store.close()
    if directory is not None:
        shutil.rmtree(directory)  # some 350 MB per 年度
    print(
        f"KPI dashboard for a 年度 (200 000 help sessions, 500 000 attendance rows, "
        f"{history} earlier 年度{', encrypted' if key else ''}): "
        f"{timings['whole city'] * 1000:.0f} ms city-wide, "
        f"{timings['one district'] * 1000:.0f} ms one district (CPU "
        f"{cpu['whole city'] * 1000:.0f} ms, {cpu['one district'] * 1000:.0f} ms)"
    )


if __name__ == "__main__":
    main()
