"""Helpers for the sync benchmarks: a central server in its own process, and a PostgreSQL
database (from $KYOJO_TEST_POSTGRES_URL or a throwaway cluster like the tests use)."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import requests


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def process_tree_cpu_seconds(pid: int) -> float:
    """CPU seconds (user + system) used so far by a process and its running descendants
    (Linux /proc)."""
    tick = os.sysconf("SC_CLK_TCK")
    parents: dict[int, int] = {}
    times: dict[int, float] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(entry)] = int(fields[1])
        times[int(entry)] = (int(fields[11]) + int(fields[12])) / tick
    tree, added = {pid}, True
    while added:
        children = {p for p, parent in parents.items() if parent in tree} - tree
        added = bool(children)
        tree |= children
    return sum(times.get(p, 0.0) for p in tree)


def code_root() -> str:
    """The folder of the kyojo_desk this process imported: the server process runs from it
    (`-m` puts the working folder first on the path), so a benchmark's desks and server are
    always the code of one tree, whichever folder it is started from."""
    import kyojo_desk

    return str(Path(kyojo_desk.__file__).resolve().parents[1])


@contextlib.contextmanager
def central_process(db_url: str, workers: int = 1) -> Iterator[str]:
    """`kyojo-central serve` in a separate process (its own CPU time, like production), with
    `workers` worker processes. `central_process.pid` is the server's process id meanwhile."""
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "kyojo_desk.central.cli",
            "serve",
            "--db",
            db_url,
            "--port",
            str(port),
            "--workers",
            str(workers),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=code_root(),
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                requests.get(f"{url}/status", timeout=1)
                break
            except requests.ConnectionError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise SystemExit("the central server did not start") from None
                time.sleep(0.1)
        central_process.pid = process.pid  # type: ignore[attr-defined]
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)


@contextlib.contextmanager
def postgres_database() -> Iterator[str | None]:
    """A fresh PostgreSQL database URL, or None when no server can be found."""
    import psycopg

    sys.path.insert(0, os.getcwd())
    admin = os.environ.get("KYOJO_TEST_POSTGRES_URL")
    cluster = None
    if not admin:
        from tests.sync.conftest import ThrowawayCluster, find_postgres_bin

        bin_dir = find_postgres_bin()
        if bin_dir is None:
            yield None
            return
        cluster = ThrowawayCluster(bin_dir)
        admin = cluster.start()
    name = f"kyojo_bench_{uuid.uuid4().hex[:8]}"
    try:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name}")
        yield f"{admin.rpartition('/')[0]}/{name}"
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    finally:
        if cluster is not None:
            cluster.stop()
