"""Cold start to a shown main window, on a desk database of 100 000 residents.

Runs `kyojo-desk gui` in a new process (offscreen) five times and measures from process launch to
the moment the window reports it is shown. Target: ≤ 2 s. The database is made once with
`kyojo-desk demo`; pass a directory as the first argument to reuse one.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RESIDENTS = int(os.environ.get("KYOJO_BENCH_RESIDENTS", "100000"))
RUNS = 5


def kyojo(*args: str, env: dict[str, str]) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "kyojo_desk", *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )


def main() -> None:
    directory = (
        Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp(prefix="kyojo-bench-"))
    )
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "KYOJO_REPORT_STARTUP": "1",
        "LANG": "C.UTF-8",
    }
    if not (directory / "kyojo.db").exists():
        started = time.perf_counter()
        made = kyojo(
            "--data-dir",
            str(directory),
            "demo",
            "--residents",
            str(RESIDENTS),
            "--seed",
            "7",
            env=env,
        )
        made.communicate()
        if made.returncode:
            raise SystemExit("demo data could not be made")
        print(f"made {RESIDENTS} residents in {time.perf_counter() - started:.1f} s")
    timings = []
    for _ in range(RUNS):
        started = time.perf_counter()
        process = kyojo("--data-dir", str(directory), "gui", "--exit-after-ms", "50", env=env)
        assert process.stdout is not None
        for line in process.stdout:
            if line.startswith("startup_ms="):
                timings.append((time.perf_counter() - started) * 1000)
                break
        process.communicate(timeout=60)
    print(f"runs: {', '.join(f'{t:.0f}' for t in timings)} ms")
    print(
        f"cold start to shown main window (median of {RUNS}, {RESIDENTS} residents): {statistics.median(timings):.0f} ms"
    )


if __name__ == "__main__":
    main()
