"""The desk's side of a 10 000-resident pull, without the network: the same pages applied
again and again to the same desk, so that changes to the applying code can be compared.

The wall time of the whole sync round (bench_sync_vs_pouchdb.py) swings by a third on a
shared host from one minute to the next, more than most changes to the code move it. This
benchmark first records a real pull (a central server in its own process, a desk registering
10 000 residents who share with the city, a second desk pulling them) and keeps the pulled
pages and the pulling desk as it was before the pull. Each run then copies that desk and
applies the pages to it through `read_pull_page` and `Store.apply_pull_page`, exactly as a
sync round does after fetching them, and prints the CPU seconds.

Instruction counts do not swing with the host: run one application under callgrind, and once
with `--setup-only` (everything but applying the pages), and subtract:

    python benchmarks/bench_pull_apply.py                     # record, then 5 runs
    python benchmarks/bench_pull_apply.py --record-to DIR     # keep the recording in DIR
    PYTHONHASHSEED=0 valgrind --tool=callgrind --callgrind-out-file=/dev/null \\
        python benchmarks/bench_pull_apply.py --from DIR --runs 1
    PYTHONHASHSEED=0 valgrind --tool=callgrind --callgrind-out-file=/dev/null \\
        python benchmarks/bench_pull_apply.py --from DIR --runs 1 --setup-only

Applying the recorded 10 000 residents takes about 4 550 million instructions (December 2026).
"""

from __future__ import annotations

import argparse
import pickle
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_sync_vs_pouchdb import desks_with_residents_waiting  # noqa: E402
from sync_server import central_process  # noqa: E402

from kyojo_desk.central.storage import open_storage  # noqa: E402
from kyojo_desk.store import Store  # noqa: E402
from kyojo_desk.sync import client as sync_client  # noqa: E402
from kyojo_desk.sync import engine  # noqa: E402
from kyojo_desk.sync.engine import sync_once  # noqa: E402

PAGES_FILE = "pages.pickle"
DESK_FILE = "puller.db"  # the pulling desk, as desks_with_residents_waiting names it


def record(directory: Path, residents: int) -> None:
    """A real pull of `residents` new residents: the pages as read from the server, and the
    pulling desk as it was before (its consents already pulled)."""
    work = Path(tempfile.mkdtemp(prefix="kyojo-bench-pull-record-"))
    db_url = f"sqlite:///{work / 'central.db'}"
    storage = open_storage(db_url)
    codes = [storage.create_enroll_code(name) for name in ("pusher", "puller")]
    storage.close()
    pages: list[Any] = []
    reading = sync_client.read_pull_page

    def kept(data: Any) -> Any:
        pages.append(data)
        return reading(data)

    with central_process(db_url) as url:
        registering, pulling, _ = desks_with_residents_waiting(work, url, codes, residents)
        sync_once(registering)
        pulling.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        directory.mkdir(parents=True, exist_ok=True)
        shutil.copy(work / DESK_FILE, directory / DESK_FILE)
        for companion in work.glob(DESK_FILE + ".*"):  # the desk's identity file
            shutil.copy(companion, directory / companion.name)
        sync_client.read_pull_page = engine.read_pull_page = kept
        try:
            report = sync_once(pulling)
        finally:
            sync_client.read_pull_page = engine.read_pull_page = reading
        assert report.pulled == residents, report
        registering.close()
        pulling.close()
    (directory / PAGES_FILE).write_bytes(pickle.dumps(pages))
    shutil.rmtree(work, ignore_errors=True)


def apply_once(directory: Path, setup_only: bool) -> tuple[float, float, int]:
    """(CPU seconds, wall seconds, residents applied) of applying the recorded pages to a
    copy of the recorded desk."""
    pages = pickle.loads((directory / PAGES_FILE).read_bytes())
    work = Path(tempfile.mkdtemp(prefix="kyojo-bench-pull-apply-"))
    for path in directory.glob(DESK_FILE + "*"):
        shutil.copy(path, work / path.name)
    desk = Store.open(work / DESK_FILE, None)
    applied = 0
    cpu, wall = time.process_time(), time.perf_counter()
    for data in [] if setup_only else pages:
        page, malformed = sync_client.read_pull_page(data)
        applied += desk.apply_pull_page(page, malformed).applied
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    desk.close()
    shutil.rmtree(work, ignore_errors=True)
    return cpu, wall, applied


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--residents", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--record-to", type=Path, help="keep the recording in this folder")
    parser.add_argument("--from", dest="source", type=Path, help="a recording made before")
    parser.add_argument("--setup-only", action="store_true", help="apply nothing")
    args = parser.parse_args()
    directory = args.source
    if directory is None:
        directory = args.record_to or Path(tempfile.mkdtemp(prefix="kyojo-bench-pull-"))
        print(f"recording a pull of {args.residents} residents into {directory} …", flush=True)
        record(directory, args.residents)
    cpus = []
    for run in range(args.runs):
        cpu, wall, applied = apply_once(directory, args.setup_only)
        cpus.append(cpu)
        print(f"run {run + 1}: {applied} residents applied, {cpu:.3f} s CPU, {wall:.3f} s")
    print(f"median CPU of {args.runs}: {statistics.median(cpus):.3f} s")
    if args.source is None and args.record_to is None:
        shutil.rmtree(directory, ignore_errors=True)


if __name__ == "__main__":
    main()
