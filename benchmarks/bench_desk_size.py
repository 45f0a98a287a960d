"""Size of a desk database per resident, with 100 000 demo residents (not yet synced, so every
change is still in the outbox). Target: ≤ 1.5 KB per resident.

Prints the file size per resident after VACUUM, every table and index per resident (SQLite's
dbstat; a full-text table is its shadow tables, `<name>_data` …), and the search index's share
(resident_index, its indexes and both full-text tables). KYOJO_BENCH_RESIDENTS sets another
count.

    python benchmarks/bench_desk_size.py
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kyojo_desk.demo import load_demo  # noqa: E402
from kyojo_desk.store import Store  # noqa: E402

RESIDENTS = int(os.environ.get("KYOJO_BENCH_RESIDENTS", "100000"))


def main() -> None:
    path = Path(tempfile.mkdtemp(prefix="kyojo-bench-size-")) / "kyojo.db"
    with Store.open(path) as store:
        started = time.perf_counter()
        load_demo(store, residents=RESIDENTS)
        print(f"{RESIDENTS} demo residents written in {time.perf_counter() - started:.1f} s")
        store.db.execute("VACUUM")
        store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        parts = store.db.execute(
            "SELECT name, sum(pgsize) FROM dbstat GROUP BY name HAVING sum(pgsize) >= ?"
            " ORDER BY 2 DESC",
            [max(RESIDENTS // 2, 3 * 4096)],  # half a byte per resident, or more than a few pages
        ).fetchall()
        search_parts = {
            row[0]
            for row in store.db.execute(
                "SELECT name FROM sqlite_master WHERE tbl_name = 'resident_index'"
                " OR name LIKE 'resident_text%' OR name LIKE 'resident_grams%'"
            )
        }
        waiting = store.pending_changes()
    size = path.stat().st_size
    print(f"outbox entries waiting: {waiting}")
    for name, size_of in parts:
        print(f"  {name:40s} {size_of / RESIDENTS:8.1f} B per resident")
    search_size = sum(size_of for name, size_of in parts if name in search_parts)
    print(
        f"  {'(the search index: resident_index, its indexes, resident_text, resident_grams)':40s} {search_size / RESIDENTS:8.1f} B per resident"
    )
    print(f"desk_bytes_per_resident={size / RESIDENTS:.0f} (target <= 1536)")


if __name__ == "__main__":
    main()
