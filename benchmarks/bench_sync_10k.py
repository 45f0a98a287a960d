"""10 000 changes pushed by one desk and pulled by a second, over loopback, SQLite backend.

The central server runs as `kyojo-central serve` in its own process. Target: ≤ 10 s in total
(push + pull). The residents' consents to share with the city are written and synced before
the clock starts, so the timed push and pull carry whole records (a person who does not share
would travel as a stub). Prints the push and pull times and the CPU seconds the desks and the
server spent in each. KYOJO_BENCH_ENCRYPTED=1: the desks are encrypted (SQLCipher).
Run from the repository root: python benchmarks/bench_sync_10k.py
"""

from __future__ import annotations

import os
import secrets
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_sync_vs_pouchdb import desks_with_residents_waiting  # noqa: E402
from sync_server import central_process, process_tree_cpu_seconds  # noqa: E402

from kyojo_desk.central.storage import open_storage  # noqa: E402
from kyojo_desk.sync.engine import sync_once  # noqa: E402

CHANGES = int(os.environ.get("KYOJO_BENCH_CHANGES", "10000"))
ENCRYPTED = os.environ.get("KYOJO_BENCH_ENCRYPTED") == "1"


def main() -> None:
    directory = Path(tempfile.mkdtemp(prefix="kyojo-bench-sync-"))
    db_url = f"sqlite:///{directory / 'central.db'}"
    storage = open_storage(db_url)
    codes = [storage.create_enroll_code(name) for name in ("pusher", "puller")]
    storage.close()
    key = secrets.token_hex(32) if ENCRYPTED else None
    with central_process(db_url) as url:
        pusher, puller, _ = desks_with_residents_waiting(directory, url, codes, CHANGES, key)
        server_pid = central_process.pid  # type: ignore[attr-defined]
        timings = []
        for desk in (pusher, puller):
            server_cpu = process_tree_cpu_seconds(server_pid)
            desk_cpu = time.process_time()
            started = time.perf_counter()
            report = sync_once(desk)
            timings.append(
                (
                    report,
                    time.perf_counter() - started,
                    time.process_time() - desk_cpu,
                    process_tree_cpu_seconds(server_pid) - server_cpu,
                )
            )
        (pushed, push_s, push_desk, push_server), (pulled, pull_s, pull_desk, pull_server) = timings
        assert pushed.pushed == CHANGES and pulled.pulled == CHANGES, (pushed, pulled)
        assert puller.count_residents() == CHANGES
        print(f"desks {'encrypted (SQLCipher)' if ENCRYPTED else 'plain SQLite'}")
        print(
            f"pushed {pushed.pushed} changes in {push_s:.2f} s"
            f" (cpu: desk {push_desk:.2f} s, server {push_server:.2f} s)"
        )
        print(
            f"pulled {pulled.pulled} changes in {pull_s:.2f} s"
            f" (cpu: desk {pull_desk:.2f} s, server {pull_server:.2f} s)"
        )
        print(f"sync_10k_total_s={push_s + pull_s:.2f} (target <= 10)")


if __name__ == "__main__":
    main()
