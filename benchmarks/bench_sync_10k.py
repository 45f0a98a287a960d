"""10 000 changes pushed by one desk and pulled by a second, over loopback, SQLite backend.

The central server runs as `kyojo-central serve` in its own process. Target: ≤ 10 s in total
(push + pull). Run from the repository root: python benchmarks/bench_sync_10k.py
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sync_server import central_process  # noqa: E402

from kyojo_desk.central.storage import open_storage  # noqa: E402
from kyojo_desk.ids import uuid7  # noqa: E402
from kyojo_desk.store import Store  # noqa: E402
from kyojo_desk.sync.engine import enroll, sync_once  # noqa: E402

CHANGES = int(os.environ.get("KYOJO_BENCH_CHANGES", "10000"))


def main() -> None:
    directory = Path(tempfile.mkdtemp(prefix="kyojo-bench-sync-"))
    db_url = f"sqlite:///{directory / 'central.db'}"
    storage = open_storage(db_url)
    codes = [storage.create_enroll_code(name) for name in ("pusher", "puller")]
    storage.close()
    with central_process(db_url) as url:
        pusher = Store.open(directory / "pusher.db")
        puller = Store.open(directory / "puller.db")
        enroll(pusher, url, codes[0])
        enroll(puller, url, codes[1])
        for i in range(CHANGES):
            pusher.write(
                "residents",
                uuid7(),
                {
                    "family_name": f"山田{i}",
                    "given_name": "太郎",
                    "family_reading": "やまだ",
                    "given_reading": "たろう",
                    "phone": f"0554-62-{i % 10000:04d}",
                },
            )
        started = time.perf_counter()
        pushed = sync_once(pusher)
        push_s = time.perf_counter() - started
        started = time.perf_counter()
        pulled = sync_once(puller)
        pull_s = time.perf_counter() - started
        assert pushed.pushed == CHANGES and pulled.pulled == CHANGES, (pushed, pulled)
        assert puller.count_residents() == CHANGES
        print(f"pushed {pushed.pushed} changes in {push_s:.2f} s")
        print(f"pulled {pulled.pulled} changes in {pull_s:.2f} s")
        print(f"sync_10k_total_s={push_s + pull_s:.2f} (target <= 10)")


if __name__ == "__main__":
    main()
