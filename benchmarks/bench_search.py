"""Search-as-you-type at 100 000 residents: p50 and p95 per keystroke query. Target p95 ≤ 10 ms.

Each sampled resident is "typed" one keystroke at a time — the family reading (1–4 characters),
the full kanji name, the reading in katakana, and the last 1–4 phone digits — and every prefix is
one query through `Store.search_residents` (index lookup and fetching the rows shown).
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from kyojo_desk.demo import load_demo
from kyojo_desk.store import Store
from kyojo_desk.text.fold import to_katakana
from kyojo_desk.text.phone import phone_digits

RESIDENTS = 100_000
SAMPLED = 300


def keystroke_queries(store: Store, rng: random.Random) -> list[str]:
    residents = store.list_residents()
    queries: list[str] = []
    for resident in rng.sample(residents, SAMPLED):
        reading = resident.family_reading
        queries += [reading[:n] for n in range(1, min(4, len(reading)) + 1)]
        name = resident.family_name + resident.given_name
        queries += [name[:n] for n in range(1, len(name) + 1)]
        katakana = to_katakana(reading + resident.given_reading)
        queries += [katakana[:n] for n in range(2, len(katakana) + 1, 2)]
        digits = phone_digits(resident.phone)
        if digits:
            queries += [digits[-n:] for n in range(1, 5)]
    return queries


def main() -> None:
    directory = (
        Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp(prefix="kyojo-search-"))
    )
    store = Store.open(directory / "kyojo.db")
    if store.count_residents() < RESIDENTS:
        started = time.perf_counter()
        load_demo(store, RESIDENTS - store.count_residents(), seed=11)
        print(f"made {RESIDENTS} residents in {time.perf_counter() - started:.1f} s")
    queries = keystroke_queries(store, random.Random(3))
    for query in queries[:50]:  # warm the page cache as a desk in use would be
        store.search_residents(query)
    timings = []
    for query in queries:
        started = time.perf_counter()
        store.search_residents(query)
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    p50 = statistics.median(timings)
    p95 = timings[int(len(timings) * 0.95)]
    print(f"{len(queries)} keystroke queries; max {timings[-1]:.2f} ms")
    print(f"search-as-you-type at {RESIDENTS} residents: p50 {p50:.2f} ms, p95 {p95:.2f} ms")
    store.close()


if __name__ == "__main__":
    main()
