"""Encryption overhead, plain and encrypted (SQLCipher) side by side at 100 000 residents:

- the search benchmark's keystroke queries on the same residents;
- the reception benchmark (bench_checkin.py: the real window, scan to confirmation), run once on
  a plain desk and once on an encrypted one, each in its own process;
- then the nightly backup of the encrypted desk (target ≤ 10 s).

    python benchmarks/bench_encryption.py [--skip-checkin]
"""

from __future__ import annotations

import os
import random
import re
import statistics
import subprocess
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


def checkin_figures(encrypted: bool) -> tuple[float, float]:
    """(p50, p95) in ms of bench_checkin.py on a new desk, encrypted or not."""
    directory = tempfile.mkdtemp(prefix="kyojo-checkin-" + ("enc-" if encrypted else "plain-"))
    environment = {**os.environ, "KYOJO_ENCRYPT": "1" if encrypted else "0"}
    environment.setdefault("KYOJO_KEYRING", "file")
    run = subprocess.run(
        [sys.executable, str(Path(__file__).parent / "bench_checkin.py"), directory],
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    found = re.search(r"p50 ([\d.]+) ms, p95 ([\d.]+) ms", run.stdout)
    if found is None:
        raise RuntimeError(f"bench_checkin.py printed no figures:\n{run.stdout}\n{run.stderr}")
    return float(found.group(1)), float(found.group(2))


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
    checkin = {}
    if "--skip-checkin" not in sys.argv:
        for label, encrypted in (("plain", False), ("encrypted", True)):
            checkin[label] = checkin_figures(encrypted)
    print(
        f"{'':10} {'search p50':>11} {'search p95':>11} {'check-in p50':>13} {'check-in p95':>13}"
    )
    for label, (p50, p95) in figures.items():
        scan_p50, scan_p95 = checkin.get(label, (float("nan"), float("nan")))
        print(f"{label:10} {p50:8.2f} ms {p95:8.2f} ms {scan_p50:10.1f} ms {scan_p95:10.1f} ms")
    print(
        f"search p95 plain {figures['plain'][1]:.2f} ms vs encrypted {figures['encrypted'][1]:.2f} ms; "
        f"nightly backup of {RESIDENTS} residents {backup_s:.2f} s"
    )


if __name__ == "__main__":
    main()
