"""The city-wide view on the central server for a 年度 of 200 000 help sessions and 500 000
check-ins from five desks: `city_kpis` (what `kyojo-central kpi` and /kpi/CITY compute).

The records are written straight into the server's `records` table (fields as JSON, as the
merge stores them), not pushed: the figure measured is the view, not the sync. Target: ≤ 1 s.

    python benchmarks/bench_city_kpi.py                      # SQLite in a temporary directory
    python benchmarks/bench_city_kpi.py --db postgresql://user@host/empty_database
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

from kyojo_desk.central.city_kpi import city_kpis
from kyojo_desk.central.storage import open_storage
from kyojo_desk.records.help import CONCIERGE_COURSE, DEFAULT_TOPICS, OUTCOME_LABELS
from kyojo_desk.store.kpi import fiscal_year_bounds

RESIDENTS, EVENTS, SESSIONS, ATTENDANCE, DESKS = 60_000, 1_000, 200_000, 500_000, 5
YEAR = 2026
CITY = "uenohara"


def moment(rng: random.Random) -> str:
    day = dt.date(YEAR, 4, 1) + dt.timedelta(days=rng.randrange(365))
    return f"{day.isoformat()}T{rng.randrange(9, 17):02d}:{rng.randrange(60):02d}:00+09:00"


def records(rng: random.Random, desks: list[str]):
    """(table, row_id, fields, resident_id) of a 年度 of one city."""
    residents = [str(uuid.uuid4()) for _ in range(RESIDENTS)]
    for resident in residents:
        yield (
            "residents",
            resident,
            {
                "district": f"0{rng.randrange(1, 10)}",
                "birth_date": f"{rng.randrange(1930, 2015)}-0{rng.randrange(1, 10)}-1{rng.randrange(9)}",
                "smartphone": rng.choice(["none", "android", "iphone", "feature_phone"]),
                "created_at": moment(rng),
                "deleted": 0,
            },
            resident,
        )
    volunteers = [str(uuid.uuid4()) for _ in range(200)]
    for volunteer in volunteers:
        trainings = [{"course": CONCIERGE_COURSE, "date": moment(rng)[:10]}]
        yield "volunteers", volunteer, {"trainings": trainings, "deleted": 0}, None
    events = [str(uuid.uuid4()) for _ in range(EVENTS)]
    for event in events:
        yield (
            "events",
            event,
            {
                "starts_at": moment(rng),
                "kind": rng.choice(["exchange", "smartphone_class", "clean_up"]),
                "led_by": rng.choice(volunteers) if rng.random() < 0.4 else None,
                "deleted": 0,
            },
            None,
        )
    seen: set[tuple[str, str]] = set()
    while len(seen) < ATTENDANCE:
        pair = (rng.choice(events), rng.choice(residents))
        if pair in seen:
            continue
        seen.add(pair)
        yield (
            "attendance",
            str(uuid.uuid4()),
            {
                "event_id": pair[0],
                "resident_id": pair[1],
                "age_band": "",
                "deleted": 0,
            },
            pair[1],
        )
    outcomes = list(OUTCOME_LABELS)
    for _ in range(SESSIONS):
        resident = rng.choice(residents) if rng.random() < 0.9 else None
        yield (
            "help_sessions",
            str(uuid.uuid4()),
            {
                "resident_id": resident,
                "at": moment(rng),
                "topics": rng.sample(DEFAULT_TOPICS, rng.randrange(1, 3)),
                "outcome": rng.choice(outcomes),
                "follow_up_due": f"{YEAR}-12-01" if rng.random() < 0.1 else None,
                "follow_up_done_at": None,
                "deleted": 0,
            },
            resident,
        )
    for _ in range(5_000):
        resident = rng.choice(residents)
        status = rng.choice(["done", "open", "matched"])
        yield (
            "aid_requests",
            str(uuid.uuid4()),
            {
                "resident_id": resident,
                "status": status,
                "created_at": moment(rng),
                "closed_at": moment(rng),
                "matched_volunteer_id": None if status == "open" else rng.choice(volunteers),
                "matched_resident_id": None,
                "deleted": 0,
            },
            resident,
        )


def fill(storage, rng: random.Random) -> list[str]:
    desks = [
        storage.enroll(storage.create_enroll_code(f"端末{index}", city=CITY))["desk_id"]
        for index in range(DESKS)
    ]
    batch: list[tuple] = []

    def flush() -> None:
        with storage.transaction() as tx:
            tx.executemany(
                "INSERT INTO records (city, table_name, row_id, fields, stamp, desk_id, seq,"
                " exceptions, server_seq, resident_id) VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)",
                batch,
            )
        batch.clear()

    for seq, (table, row_id, fields, resident) in enumerate(records(rng, desks), start=1):
        batch.append(
            (CITY, table, row_id, json.dumps(fields, ensure_ascii=False), seq << 16,
             rng.choice(desks), seq, seq, resident)
        )  # fmt: skip
        if len(batch) >= 20_000:
            flush()
    flush()
    return desks


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="an empty PostgreSQL database (default: SQLite, temporary)")
    parser.add_argument("--keep", metavar="DIR", help="keep the SQLite database in DIR")
    options = parser.parse_args()
    url = options.db
    directory = None
    if url is None and options.keep:
        Path(options.keep).mkdir(parents=True, exist_ok=True)
        url = f"sqlite:///{Path(options.keep) / 'central.db'}"
    if url is None:
        directory = Path(tempfile.mkdtemp(prefix="kyojo-city-"))
        url = f"sqlite:///{directory / 'central.db'}"
    storage = open_storage(url)
    started = time.perf_counter()
    fill(storage, random.Random(5))
    print(f"filled {storage.backend} in {time.perf_counter() - started:.1f} s")
    start, end = fiscal_year_bounds(YEAR)
    runs = []
    for _ in range(3):
        started = time.perf_counter()
        figures = city_kpis(storage.database, CITY, start, end, storage.desks(CITY))
        runs.append(time.perf_counter() - started)
    storage.close()
    if directory is not None:
        shutil.rmtree(directory)
    print(
        f"city-wide view ({storage.backend}, {figures['help_sessions']} help sessions, "
        f"{figures['attendance_total']} check-ins): {statistics.median(runs) * 1000:.0f} ms median "
        f"of {', '.join(f'{run * 1000:.0f}' for run in runs)} ms"
    )


if __name__ == "__main__":
    main()
