"""The central server under load: 20 simulated desks replay pre-built push batches at once,
against the SQLite and the PostgreSQL backends (the server in its own process, as deployed).

A simulated desk is a thread with a keep-alive HTTP session, not a desk process: the batches
(protocol 2, 500 changes each: new residents and edits of the desk's earlier ones, row ids
UUIDv7 as desks make them) are built and encoded before the clock starts, so the figure is the
server's. Every change must be
accounted for: acknowledged, none refused, the server's records and each desk's acknowledged
seq as sent, and a final pull by another desk of the city returns every record. Any non-200
answer counts as an error (there must be none). Besides changes per second (which on a shared
machine depend on what else runs), it prints the CPU time the server's processes used per
change, which does not, and the load average before and after (other work on the machine).

$KYOJO_BENCH_DESKS (default 20) desks, $KYOJO_BENCH_BATCHES (default 10) batches each,
$KYOJO_BENCH_BATCH (default 500) changes per batch, $KYOJO_BENCH_WORKERS (default 2, one per
core of the 2-core reference machine) server worker processes. Run from the repository root.
"""

from __future__ import annotations

import json
import os
import random
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sync_server import (  # noqa: E402
    central_process,
    postgres_database,
    process_tree_cpu_seconds,
)

from kyojo_desk.central.storage import open_storage  # noqa: E402
from kyojo_desk.ids import uuid7  # noqa: E402
from kyojo_desk.sync import protocol  # noqa: E402
from kyojo_desk.sync.hlc import next_stamp  # noqa: E402

DESKS = int(os.environ.get("KYOJO_BENCH_DESKS", "20"))
BATCHES = int(os.environ.get("KYOJO_BENCH_BATCHES", "10"))
BATCH = int(os.environ.get("KYOJO_BENCH_BATCH", "500"))
WORKERS = int(os.environ.get("KYOJO_BENCH_WORKERS", "2"))
TARGET = 5000
FAMILY = ["山田", "佐藤", "鈴木", "高橋", "田中", "渡辺", "小俣", "杉本", "尾形", "水越"]
GIVEN = ["花子", "太郎", "ハル", "正一", "ふみ子", "健", "和子", "翔太"]


@dataclass
class SimulatedDesk:
    name: str
    desk_id: str = ""
    token: str = ""
    bodies: list[bytes] = field(default_factory=list)
    counts: list[int] = field(default_factory=list)
    created: set[str] = field(default_factory=set)
    acked: int = 0
    last_seq: int = 0
    rejected: int = 0
    errors: list[str] = field(default_factory=list)
    seconds: list[float] = field(default_factory=list)


def build_batches(desk: SimulatedDesk, rng: random.Random) -> None:
    """Pre-build and encode the desk's push bodies: mostly new residents, some edits."""
    seq, stamp = 0, 0
    now = time.time_ns() // 1_000_000
    created: list[str] = []
    for _ in range(BATCHES):
        changes = []
        for _ in range(BATCH):
            seq += 1
            stamp = next_stamp(stamp, now)
            if created and rng.random() < 0.2:
                row_id = rng.choice(created)
                fields = {"phone": f"0554-6{rng.randrange(10)}-{rng.randrange(10000):04d}"}
                changes.append(
                    {"seq": seq, "table": "residents", "row_id": row_id, "created": False,
                     "stamp": stamp, "fields": fields}
                )  # fmt: skip
                continue
            row_id = uuid7()
            created.append(row_id)
            fields = {
                "family_name": rng.choice(FAMILY),
                "given_name": rng.choice(GIVEN),
                "family_reading": "やまだ",
                "given_reading": "はなこ",
                "birth_date": f"19{rng.randrange(30, 99)}-0{rng.randrange(1, 10)}-1{rng.randrange(10)}",
                "phone": "0554-62-1111",
                "district": f"{rng.randrange(1, 20):02d}",
                "kind": "resident",
                "support_needs": rng.choice([[], ["hearing"], ["large_print", "mobility"]]),
                "smartphone": rng.choice(["none", "android", "iphone"]),
                "notes": "",
                "needs_completion": 0,
                "created_at": "2026-12-07T10:00:00+09:00",
                "deleted": 0,
            }
            changes.append(
                {"seq": seq, "table": "residents", "row_id": row_id, "created": True,
                 "stamp": stamp, "fields": fields}
            )  # fmt: skip
        body = {
            "desk_id": desk.desk_id,
            "protocol": protocol.PROTOCOL_VERSION,
            "schema_version": protocol.SCHEMA_MAX,
            "acked_seq": seq - len(changes),
            "next_seq": seq + 1,
            "pull_cursor": 0,
            "pending": len(changes),
            "changes": changes,
        }
        desk.bodies.append(json.dumps(body, ensure_ascii=False).encode("utf-8"))
        desk.counts.append(len(changes))
    desk.created = set(created)
    desk.last_seq = seq


def replay(desk: SimulatedDesk, url: str, start: threading.Barrier) -> None:
    session = requests.Session()
    session.headers.update(
        {"Authorization": f"Bearer {desk.token}", "Content-Type": "application/json"}
    )
    start.wait()
    for body, count in zip(desk.bodies, desk.counts, strict=True):
        began = time.perf_counter()
        response = session.post(url + protocol.PUSH_PATH, data=body, timeout=120)
        desk.seconds.append(time.perf_counter() - began)
        if response.status_code != 200:
            desk.errors.append(f"{response.status_code} {response.text[:200]}")
            return
        answer = response.json()
        desk.acked = answer["acked_seq"]
        desk.rejected += sum(1 for r in answer["results"] if r["status"] == "rejected")
        desk.acked_changes = getattr(desk, "acked_changes", 0) + count


def postgres_server_pid(db_url: str) -> int | None:
    """The process id of the PostgreSQL server of `db_url` when it runs on this machine (its
    CPU time is then measured too), else None."""
    if not db_url.startswith("postgres"):
        return None
    import psycopg

    with psycopg.connect(db_url) as conn:
        backend_pid = conn.execute("SELECT pg_backend_pid()").fetchone()[0]  # type: ignore[index]
    try:
        with open(f"/proc/{backend_pid}/stat") as stat:
            return int(stat.read().rsplit(")", 1)[1].split()[1])  # the backend's parent
    except OSError:
        return None  # a server on another machine


def enrol(url: str, code: str) -> dict:
    """Enrol one simulated desk, waiting as told when the server's enrolment limit (a burst
    shared by its worker processes) is reached: enrolment is not what is measured."""
    while True:
        answer = requests.post(url + protocol.ENROLL_PATH, json={"code": code}, timeout=30)
        if answer.status_code != 429:
            answer.raise_for_status()
            return answer.json()
        time.sleep(float(answer.headers.get("Retry-After", "1")))


def run(backend: str, db_url: str) -> float:
    storage = open_storage(db_url)
    desks = [SimulatedDesk(f"desk {i}") for i in range(DESKS)]
    codes = [storage.create_enroll_code(d.name, city="loadtown") for d in desks]
    reader_code = storage.create_enroll_code("reader", city="loadtown")
    storage.close()
    with central_process(db_url, WORKERS) as url:
        for desk, code in zip(desks, codes, strict=True):
            data = enrol(url, code)
            desk.desk_id, desk.token = data["desk_id"], data["token"]
        rng = random.Random(11)
        built = time.perf_counter()
        for desk in desks:
            build_batches(desk, rng)
        built = time.perf_counter() - built
        load_before = os.getloadavg()[0]
        start = threading.Barrier(DESKS + 1)
        threads = [threading.Thread(target=replay, args=(d, url, start)) for d in desks]
        for thread in threads:
            thread.start()
        server_pid = central_process.pid  # type: ignore[attr-defined]
        cpu_before = process_tree_cpu_seconds(server_pid)
        database_pid = postgres_server_pid(db_url)
        database_cpu_before = process_tree_cpu_seconds(database_pid) if database_pid else 0.0
        start.wait()
        began = time.perf_counter()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - began
        server_cpu = process_tree_cpu_seconds(server_pid) - cpu_before
        database_cpu = (
            process_tree_cpu_seconds(database_pid) - database_cpu_before if database_pid else 0.0
        )
        load_after = os.getloadavg()[0]

        # A desk of the city pulls everything afterwards.
        reader = enrol(url, reader_code)
        session = requests.Session()
        session.headers["Authorization"] = f"Bearer {reader['token']}"
        pulled: set[str] = set()
        since, pull_began = 0, time.perf_counter()
        while True:
            page = session.get(url + protocol.PULL_PATH, params={"since": since}, timeout=120)
            page.raise_for_status()
            data = page.json()
            pulled.update(e["row_id"] for e in data["entries"] if e["kind"] == "change")
            since = data["next_since"]
            if not data["has_more"]:
                break
        pull_seconds = time.perf_counter() - pull_began

    storage = open_storage(db_url)
    stored = set(storage.rows("loadtown", "residents"))
    server_seqs = {d["desk_id"]: d["last_seq"] for d in storage.desks("loadtown")}
    storage.close()
    sent = sum(sum(d.counts) for d in desks)
    acknowledged = sum(getattr(d, "acked_changes", 0) for d in desks)
    errors = [e for d in desks for e in d.errors]
    rejected = sum(d.rejected for d in desks)
    created = set().union(*(d.created for d in desks))
    unaccounted = []
    if acknowledged != sent:
        unaccounted.append(f"{sent - acknowledged} changes not acknowledged")
    if rejected:
        unaccounted.append(f"{rejected} changes refused")
    if stored != created:
        unaccounted.append(f"server records differ: {len(created ^ stored)}")
    if pulled != created:
        unaccounted.append(f"pulled records differ: {len(created ^ pulled)}")
    for desk in desks:
        if desk.acked != desk.last_seq or server_seqs.get(desk.desk_id) != desk.last_seq:
            unaccounted.append(f"{desk.name}: acknowledged {desk.acked} of {desk.last_seq}")
    rate = sent / elapsed
    latencies = sorted(s for d in desks for s in d.seconds)
    median = latencies[len(latencies) // 2] if latencies else 0.0
    print(
        f"{backend}: {DESKS} desks x {BATCHES} batches x {BATCH} changes = {sent} changes in"
        f" {elapsed:.2f} s -> {rate:.0f} changes/s (push median {median * 1000:.0f} ms,"
        f" max {max(latencies, default=0) * 1000:.0f} ms); {len(errors)} errors;"
        f" {len(created)} records stored and pulled by another desk in {pull_seconds:.2f} s"
        f" (batches built in {built:.1f} s, before the clock); the server's processes used"
        f" {server_cpu:.1f} CPU s = {server_cpu / sent * 1e6:.0f} µs per change"
        f" ({sent / server_cpu if server_cpu else 0:.0f} changes per CPU second"
        f"{', PostgreSQL itself not counted' if backend == 'postgresql' else ''})"
        + (
            f"; PostgreSQL's processes used {database_cpu:.1f} CPU s ="
            f" {database_cpu / sent * 1e6:.0f} µs per change"
            if database_pid
            else ""
        )
        + ";"
        f" load average {load_before:.1f} before, {load_after:.1f} after"
    )
    for error in errors[:5]:
        print(f"  error: {error}")
    for problem in unaccounted:
        print(f"  unaccounted: {problem}")
    if errors or unaccounted:
        raise SystemExit(f"{backend}: errors or changes not accounted for")
    return rate


def main() -> None:
    directory = Path(tempfile.mkdtemp(prefix="kyojo-bench-load-"))
    print(
        f"central load: {DESKS} simulated desks replaying pre-built batches, {WORKERS} server"
        f" worker(s) (target {TARGET}/s)"
    )
    rates = {"sqlite": run("sqlite", f"sqlite:///{directory / 'central.db'}")}
    with postgres_database() as pg_url:
        if pg_url is None:
            print("postgresql: no server found (set KYOJO_TEST_POSTGRES_URL)")
        else:
            rates["postgresql"] = run("postgresql", pg_url)
    print("central_changes_per_s " + " ".join(f"{b}={r:.0f}" for b, r in rates.items()))
    below = [b for b, r in rates.items() if r < TARGET]
    if below:
        print(f"below the target of {TARGET} changes/s: {', '.join(below)}")


if __name__ == "__main__":
    main()
