"""The city-wide view on the central server for a 年度 of 200 000 help sessions and 500 000
check-ins from five desks: `city_kpis` (what `kyojo-central kpi` and /kpi/CITY compute).

The records are written straight into the server's `records` table (fields as JSON, as the
merge stores them, with the city's seqs), not pushed: the figures measured are the view and
its projection, not the sync. Printed:

- the projection built from the records of an existing server (what migration c010 does);
- the view with the projection current (target: ≤ 1 s), then `kyojo-central kpi --json` as a
  new process (Python's start-up and imports included) and the /kpi/CITY page over HTTP;
- the catch-up after new and edited records (new check-ins and help sessions, edited sessions,
  people who moved district, new people), per record: what the background round, or the next
  view, pays for the changes since the last refresh.

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
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from kyojo_desk.central.city_kpi import city_kpis
from kyojo_desk.central.city_projection import PROJECTION_TABLES, CityProjection
from kyojo_desk.central.migrations import migrate
from kyojo_desk.central.storage import open_storage
from kyojo_desk.records.help import CONCIERGE_COURSE, DEFAULT_TOPICS, OUTCOME_LABELS
from kyojo_desk.store.kpi import fiscal_year_bounds

RESIDENTS, EVENTS, SESSIONS, ATTENDANCE, DESKS = 60_000, 1_000, 200_000, 500_000, 5
# The changes caught up with in the last measure: new check-ins and help sessions, edits.
NEW_CHECK_INS, NEW_SESSIONS, EDITED_SESSIONS, MOVED, NEW_PEOPLE = 4_000, 3_000, 2_000, 500, 500
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


INSERT_RECORD = (
    "INSERT INTO records (city, table_name, row_id, fields, stamp, desk_id, seq, exceptions,"
    " server_seq, resident_id) VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)"
    " ON CONFLICT (city, table_name, row_id) DO UPDATE SET fields = excluded.fields,"
    " stamp = excluded.stamp, desk_id = excluded.desk_id, seq = excluded.seq,"
    " server_seq = excluded.server_seq, resident_id = excluded.resident_id"
)


def write(storage, rng: random.Random, desks: list[str], rows, first_seq: int) -> int:
    """Store (table, row_id, fields, resident_id) rows as records with the next seqs of the
    city, as a merge would; returns the last seq."""
    batch: list[tuple] = []
    seq = first_seq - 1

    def flush() -> None:
        with storage.transaction() as tx:
            tx.executemany(INSERT_RECORD, batch)
            tx.execute(
                "INSERT INTO city_state (city, last_seq) VALUES (?, ?) ON CONFLICT (city)"
                " DO UPDATE SET last_seq = excluded.last_seq",
                [CITY, seq],
            )
        batch.clear()

    for seq, (table, row_id, fields, resident) in enumerate(rows, start=first_seq):
        batch.append(
            (CITY, table, row_id, json.dumps(fields, ensure_ascii=False), seq << 16,
             rng.choice(desks), seq, seq, resident)
        )  # fmt: skip
        if len(batch) >= 20_000:
            flush()
    flush()
    return seq


def fill(storage, rng: random.Random) -> tuple[list[str], int]:
    desks = [
        storage.enroll(storage.create_enroll_code(f"端末{index}", city=CITY))["desk_id"]
        for index in range(DESKS)
    ]
    return desks, write(storage, rng, desks, records(rng, desks), 1)


def changes(storage, rng: random.Random):
    """New check-ins and help sessions, edited help sessions, people who moved, new people."""
    with storage.transaction(write=False) as tx:
        people = tx.execute(
            "SELECT row_id, fields FROM records WHERE city = ? AND table_name = 'residents'",
            [CITY],
        )
        events = [r[0] for r in tx.execute(
            "SELECT row_id FROM records WHERE city = ? AND table_name = 'events'", [CITY]
        )]  # fmt: skip
        sessions = tx.execute(
            "SELECT row_id, fields, resident_id FROM records WHERE city = ?"
            " AND table_name = 'help_sessions' LIMIT ?",
            [CITY, EDITED_SESSIONS],
        )
    residents = [row_id for row_id, _ in people]
    for _ in range(NEW_CHECK_INS):
        resident = rng.choice(residents)
        fields = {"event_id": rng.choice(events), "resident_id": resident, "age_band": "",
                  "deleted": 0}  # fmt: skip
        yield "attendance", str(uuid.uuid4()), fields, resident
    for _ in range(NEW_SESSIONS):
        resident = rng.choice(residents)
        fields = {"resident_id": resident, "at": moment(rng), "topics": ["LINE"],
                  "outcome": "solved", "deleted": 0}  # fmt: skip
        yield "help_sessions", str(uuid.uuid4()), fields, resident
    for row_id, fields, resident in sessions:
        yield "help_sessions", row_id, {**json.loads(fields), "outcome": "referred"}, resident
    for row_id, fields in rng.sample(people, MOVED):
        yield "residents", row_id, {**json.loads(fields), "district": "09"}, row_id
    for _ in range(NEW_PEOPLE):
        resident = str(uuid.uuid4())
        fields = {"district": "01", "birth_date": "1950-01-01", "smartphone": "none",
                  "created_at": moment(rng), "deleted": 0}  # fmt: skip
        yield "residents", resident, fields, resident


def build_as_migration(storage) -> float:
    """Seconds to build the projection from the records, as migration c010 does on a server
    of the release before it."""
    with storage.transaction() as tx:
        for table in (*PROJECTION_TABLES, "kpi_watermarks"):
            tx.execute(f"DROP TABLE IF EXISTS {table}")
        tx.execute(
            "DELETE FROM central_migrations WHERE name IN"
            " ('c010_city_projection', 'c011_city_year_totals')"
        )
    started = time.perf_counter()
    migrate(storage.database)
    return time.perf_counter() - started


def command_and_page(storage) -> tuple[list[float], list[float]]:
    """Seconds of `kyojo-central kpi --json` (a new process: start-up and imports included)
    and of the /kpi/CITY page for a signed-in member of the city's staff (HTTP), three each."""
    import requests

    from kyojo_desk.central.server import BackgroundServer
    from kyojo_desk.central.staff import Staff

    command = [sys.executable, "-m", "kyojo_desk.central.cli", "kpi", "--db", storage.url,
               "--city", CITY, "--fiscal-year", str(YEAR), "--json"]  # fmt: skip
    commands = []
    for _ in range(3):
        started = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        commands.append(time.perf_counter() - started)
    Staff(storage.database).add(CITY, "係長", "bench password 2026")
    pages = []
    with BackgroundServer(storage) as server, requests.Session() as browser:
        browser.post(f"{server.url}/kpi/login",
                     data={"name": "係長", "password": "bench password 2026", "city": CITY})  # fmt: skip
        for _ in range(3):
            started = time.perf_counter()
            page = browser.get(f"{server.url}/kpi/{CITY}", params={"fiscal_year": YEAR})
            pages.append(time.perf_counter() - started)
            assert page.status_code == 200, page.status_code
    return commands, pages


def view(storage, start, end) -> tuple[float, dict]:
    started = time.perf_counter()
    figures = city_kpis(storage.database, CITY, start, end, storage.desks(CITY))
    return time.perf_counter() - started, figures


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
    rng = random.Random(5)
    desks, last_seq = fill(storage, rng)
    print(f"filled {storage.backend} in {time.perf_counter() - started:.1f} s")
    built = build_as_migration(storage)
    print(f"projection built from {last_seq} records (migration c010): {built:.1f} s")
    start, end = fiscal_year_bounds(YEAR)
    runs = []
    for _ in range(5):
        seconds, figures = view(storage, start, end)
        runs.append(seconds)
    print(
        f"city-wide view ({storage.backend}, {figures['help_sessions']} help sessions, "
        f"{figures['attendance_total']} check-ins), projection current: "
        f"{statistics.median(runs) * 1000:.0f} ms median of "
        f"{', '.join(f'{run * 1000:.0f}' for run in runs)} ms"
    )
    commands, pages = command_and_page(storage)
    print(
        f"kyojo-central kpi --json (new process): {statistics.median(commands) * 1000:.0f} ms"
        f" median of {', '.join(f'{run * 1000:.0f}' for run in commands)} ms; /kpi/{CITY}"
        f" page: {statistics.median(pages) * 1000:.0f} ms median of"
        f" {', '.join(f'{run * 1000:.0f}' for run in pages)} ms"
    )
    changed = write(storage, rng, desks, changes(storage, rng), last_seq + 1) - last_seq
    started = time.perf_counter()
    caught_up = CityProjection(storage.database).refresh(CITY)
    catch_up = time.perf_counter() - started
    assert caught_up == changed
    seconds, figures = view(storage, start, end)
    storage.close()
    if directory is not None:
        shutil.rmtree(directory)
    print(
        f"catch-up of {changed} changed records ({storage.backend}): {catch_up * 1000:.0f} ms,"
        f" {catch_up / changed * 1e6:.0f} µs per record; the view after it:"
        f" {seconds * 1000:.0f} ms ({figures['help_sessions']} help sessions,"
        f" {figures['attendance_total']} check-ins)"
    )


if __name__ == "__main__":
    main()
