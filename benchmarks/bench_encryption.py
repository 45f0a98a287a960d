"""Encryption overhead: the search benchmark's keystroke queries on the same 100 000 residents,
plain and encrypted (SQLCipher), side by side; then the nightly backup of the encrypted desk
(target ≤ 10 s). Check-in figures join when the reception benchmark exists (bench_checkin.py)."""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from bench_search import keystroke_queries  # noqa: E402

from kyojo_desk.backup import make_backup  # noqa: E402
from kyojo_desk.demo import load_demo  # noqa: E402
from kyojo_desk.security import keys  # noqa: E402
from kyojo_desk.store import Store  # noqa: E402

RESIDENTS = 100_000


def search_figures(store: Store) -> tuple[float, float]:
    queries = keystroke_queries(store, random.Random(3))
    for query in queries[:50]:
        store.search_residents(query)
    timings = []
    for query in queries:
        started = time.perf_counter()
        store.search_residents(query)
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    return statistics.median(timings), timings[int(len(timings) * 0.95)]


def main() -> None:
    directory = Path(tempfile.mkdtemp(prefix="kyojo-encryption-"))
    key = keys.new_key()
    figures = {}
    for label, path, with_key in (
        ("plain", directory / "plain.db", None),
        ("encrypted", directory / "encrypted.db", key),
    ):
        store = Store.open(path, with_key)
        started = time.perf_counter()
        load_demo(store, RESIDENTS, seed=11)
        print(f"{label}: made {RESIDENTS} residents in {time.perf_counter() - started:.1f} s")
        figures[label] = search_figures(store)
        if with_key:
            started = time.perf_counter()
            made = make_backup(store, directory / "backups")
            backup_s = time.perf_counter() - started
            print(f"encrypted backup: {made.stat().st_size / 1e6:.0f} MB in {backup_s:.2f} s")
        store.close()
    print(f"{'':10} {'p50 ms':>8} {'p95 ms':>8}")
    for label, (p50, p95) in figures.items():
        print(f"{label:10} {p50:8.2f} {p95:8.2f}")
    print(
        f"search p95 plain {figures['plain'][1]:.2f} ms vs encrypted {figures['encrypted'][1]:.2f} ms; "
        f"nightly backup of {RESIDENTS} residents {backup_s:.2f} s"
    )


if __name__ == "__main__":
    main()
