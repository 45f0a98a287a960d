"""20 desks pushing at once for a minute, against the SQLite and the PostgreSQL backends.

Each desk is its own process: it writes a few residents, syncs, and again, until the time is
up. Any sync error is counted (there must be none). Prints the central server's changes per
second for each backend. $KYOJO_BENCH_SECONDS sets the duration (default 60),
$KYOJO_BENCH_DESKS the number of desks (default 20). Run from the repository root.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sync_server import central_process, postgres_database  # noqa: E402

from kyojo_desk.central.storage import open_storage  # noqa: E402

SECONDS = float(os.environ.get("KYOJO_BENCH_SECONDS", "60"))
DESKS = int(os.environ.get("KYOJO_BENCH_DESKS", "20"))
WRITES_PER_ROUND = 50


def desk_loop(args: tuple[str, str, str, float]) -> tuple[int, int, list[str]]:
    """One desk: write and sync until `until`. Returns (changes pushed, rounds, errors)."""
    from kyojo_desk.errors import KyojoError
    from kyojo_desk.ids import uuid7
    from kyojo_desk.store import Store
    from kyojo_desk.sync.engine import enroll, sync_once

    url, code, path, until = args
    store = Store.open(path)
    enroll(store, url, code)
    pushed = rounds = 0
    errors: list[str] = []
    while time.time() < until:
        for i in range(WRITES_PER_ROUND):
            store.write("residents", uuid7(), {"family_name": f"机{i}", "phone": "0554-00-0000"})
        try:
            report = sync_once(store)
            pushed += report.pushed
            rounds += 1
        except KyojoError as error:
            errors.append(error.message)
    store.close()
    return pushed, rounds, errors


def run(backend: str, db_url: str, directory: Path) -> float:
    storage = open_storage(db_url)
    codes = [storage.create_enroll_code(f"desk {i}") for i in range(DESKS)]
    storage.close()
    with central_process(db_url) as url:
        start = time.time() + 3  # every desk enrolled before the clock starts
        until = start + SECONDS
        jobs = [(url, codes[i], str(directory / f"{backend}-{i}.db"), until) for i in range(DESKS)]
        with multiprocessing.Pool(DESKS) as pool:
            results = pool.map(desk_loop, jobs)
        elapsed = time.time() - start
    storage = open_storage(db_url)
    stored = storage.change_count()
    storage.close()
    pushed = sum(r[0] for r in results)
    rounds = sum(r[1] for r in results)
    errors = [e for r in results for e in r[2]]
    rate = stored / elapsed
    print(
        f"{backend}: {DESKS} desks, {elapsed:.0f} s, {rounds} sync rounds, {pushed} changes"
        f" pushed, {stored} stored, {len(errors)} errors, {rate:.0f} changes/s"
    )
    for error in errors[:5]:
        print(f"  error: {error}")
    if errors or stored != pushed:
        raise SystemExit(f"{backend}: errors or lost changes")
    return rate


def main() -> None:
    directory = Path(tempfile.mkdtemp(prefix="kyojo-bench-desks-"))
    print(f"{DESKS} desks pushing at once for {SECONDS:.0f} s per backend")
    rates = {"sqlite": run("sqlite", f"sqlite:///{directory / 'central.db'}", directory)}
    with postgres_database() as pg_url:
        if pg_url is None:
            print("postgresql: no server found (set KYOJO_TEST_POSTGRES_URL)")
        else:
            rates["postgresql"] = run("postgresql", pg_url, directory)
    print(
        "server_changes_per_s "
        + " ".join(f"{backend}={rate:.0f}" for backend, rate in rates.items())
    )


if __name__ == "__main__":
    main()
