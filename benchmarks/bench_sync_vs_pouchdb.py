"""Kyojo's sync beside PouchDB 9 + express-pouchdb, the same work in one run, over loopback.

Each side: one desk (database) writes 10 000 records, pushes them to its server, a second desk
pulls them (timed: push + pull); then the first desk edits 1 000 of them and the round is
pushed and pulled again (timed). Kyojo: `kyojo-central serve` (SQLite) in its own process, desks
as SQLite files. PouchDB: express-pouchdb in its own Node process, desks as LevelDB PouchDBs.
The records are the same resident rows on both sides. Each side runs RUNS times on fresh
databases; medians are printed, and the ratio PouchDB / Kyojo (above 1: Kyojo is faster).

A Kyojo desk sends a person's record only while they agree to 「市と共有する」: the consents that
say so are written and synced before the clock starts, so the timed rounds carry the same
full resident records as PouchDB's documents.

PouchDB 9, express-pouchdb and express are installed by npm into ~/.cache/kyojo-bench/pouchdb9
on the first run (node and npm must be on PATH; without them only Kyojo is measured).

Each Kyojo run also prints the CPU seconds the desks and the server spent in each timed round
(the rest of the time is HTTP, waiting, and other processes); KYOJO_BENCH_ENCRYPTED=1 makes the
Kyojo desks encrypted (SQLCipher), as in real use.

    python benchmarks/bench_sync_vs_pouchdb.py            # 10 000 records, 1 000 edits, 3 runs
    KYOJO_BENCH_CHANGES=2000 KYOJO_BENCH_RUNS=1 python benchmarks/bench_sync_vs_pouchdb.py
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sync_server import central_process, process_tree_cpu_seconds  # noqa: E402

from kyojo_desk.central.storage import open_storage  # noqa: E402
from kyojo_desk.ids import uuid7  # noqa: E402
from kyojo_desk.store import Store  # noqa: E402
from kyojo_desk.sync.engine import SyncReport, enroll, sync_once  # noqa: E402

CHANGES = int(os.environ.get("KYOJO_BENCH_CHANGES", "10000"))
EDITS = int(os.environ.get("KYOJO_BENCH_EDITS", "1000"))
RUNS = int(os.environ.get("KYOJO_BENCH_RUNS", "3"))
ENCRYPTED = os.environ.get("KYOJO_BENCH_ENCRYPTED") == "1"
POUCH_DIR = Path.home() / ".cache" / "kyojo-bench" / "pouchdb9"
POUCH_PACKAGES = ("pouchdb@9", "express-pouchdb@4", "express@4")


def resident(i: int) -> dict[str, object]:
    return {
        "family_name": f"山田{i}",
        "given_name": "太郎",
        "family_reading": "やまだ",
        "given_reading": "たろう",
        "birth_date": f"19{40 + i % 50}-0{1 + i % 9}-1{i % 10}",
        "phone": f"0554-62-{i % 10000:04d}",
        "district": "01",
        "kind": "resident",
        "support_needs": [],
        "smartphone": "none",
        "notes": "",
        "card_code": f"C{i:07d}",
        "created_at": "2026-12-07T10:00:00+09:00",
    }


def consent(resident_id: str) -> dict[str, object]:
    """A resident's agreement to share their record with the city (so sync sends all of it)."""
    return {
        "resident_id": resident_id,
        "scopes": ["keep_record", "share_with_city"],
        "method": "signed_paper",
        "witnessed_by": "受付 花子",
        "given_on": "2026-12-07",
    }


# -- Kyojo ---------------------------------------------------------------------------------


def desks_with_residents_waiting(
    directory: Path, url: str, codes: list[str], count: int, key: str | None = None
) -> tuple[Store, Store, list[str]]:
    """(pusher, puller, resident ids): two desks enrolled with `codes`, the consents of
    `count` residents synced to both (so sync sends their whole records), and the residents
    registered on the pusher, waiting to be pushed."""
    pusher = Store.open(directory / "pusher.db", key)
    puller = Store.open(directory / "puller.db", key)
    enroll(pusher, url, codes[0])
    enroll(puller, url, codes[1])
    ids = [uuid7() for _ in range(count)]
    pusher.create_rows("consents", [(uuid7(), consent(row_id)) for row_id in ids])
    sync_once(pusher)
    sync_once(puller)
    pusher.create_rows("residents", [(row_id, resident(i)) for i, row_id in enumerate(ids)])
    return pusher, puller, ids


def timed_round(*desks: Store) -> tuple[list[SyncReport], float, float, float]:
    """One sync of each desk in turn: reports, seconds, desk CPU seconds, server CPU seconds."""
    server_pid = central_process.pid  # type: ignore[attr-defined]
    server_cpu = process_tree_cpu_seconds(server_pid)
    desk_cpu = time.process_time()
    started = time.perf_counter()
    reports = [sync_once(desk) for desk in desks]
    return (
        reports,
        time.perf_counter() - started,
        time.process_time() - desk_cpu,
        process_tree_cpu_seconds(server_pid) - server_cpu,
    )


def kyojo_run(directory: Path) -> tuple[float, float]:
    db_url = f"sqlite:///{directory / 'central.db'}"
    storage = open_storage(db_url)
    codes = [storage.create_enroll_code(name) for name in ("pusher", "puller")]
    storage.close()
    key = secrets.token_hex(32) if ENCRYPTED else None
    with central_process(db_url) as url:
        pusher, puller, ids = desks_with_residents_waiting(directory, url, codes, CHANGES, key)
        (pushed, pulled), round_10k, desk_10k, server_10k = timed_round(pusher, puller)
        assert pushed.pushed == CHANGES and pulled.pulled == CHANGES, (pushed, pulled)
        with pusher.transaction():
            for i, row_id in enumerate(ids[:EDITS]):
                pusher.write("residents", row_id, {"phone": f"090-0000-{i:04d}"})
        (pushed, pulled), round_edits, desk_edits, server_edits = timed_round(pusher, puller)
        assert pushed.pushed == EDITS and pulled.pulled == EDITS, (pushed, pulled)
        assert puller.get_resident(ids[0]).phone == "090-0000-0000"
        pusher.close()
        puller.close()
    print(
        f"  cpu seconds: {CHANGES} changes desks {desk_10k:.3f}, server {server_10k:.3f};"
        f" {EDITS} edits desks {desk_edits:.3f}, server {server_edits:.3f}"
    )
    return round_10k, round_edits


# -- PouchDB -------------------------------------------------------------------------------

SERVER_JS = """
const express = require('express');
const [dir, port] = process.argv.slice(2);
const PouchDB = require('pouchdb').defaults({prefix: dir + '/'});
const app = express();
app.use('/', require('express-pouchdb')(PouchDB, {
  mode: 'minimumForPouchDB', logPath: dir + '/express-pouchdb.log',
}));
app.listen(Number(port), '127.0.0.1');
"""

CLIENT_JS = """
const PouchDB = require('pouchdb');
const [url, dir, changes, edits] = process.argv.slice(2);
const rows = JSON.parse(require('fs').readFileSync(dir + '/rows.json', 'utf8'));
(async () => {
  const pusher = new PouchDB(dir + '/pusher');
  const puller = new PouchDB(dir + '/puller');
  const remote = new PouchDB(url);
  for (let i = 0; i < rows.length; i += 1000) await pusher.bulkDocs(rows.slice(i, i + 1000));
  let started = process.hrtime.bigint();
  await pusher.replicate.to(remote, {batch_size: 500});
  const pulled = await puller.replicate.from(remote, {batch_size: 500});
  const round10k = Number(process.hrtime.bigint() - started) / 1e9;
  if (pulled.docs_written !== Number(changes)) throw new Error('pulled ' + pulled.docs_written);
  const some = await pusher.allDocs({include_docs: true, limit: Number(edits)});
  const edited = some.rows.map((r, i) => ({...r.doc, phone: '090-0000-' + String(i).padStart(4, '0')}));
  await pusher.bulkDocs(edited);
  started = process.hrtime.bigint();
  await pusher.replicate.to(remote, {batch_size: 500});
  const again = await puller.replicate.from(remote, {batch_size: 500});
  const roundEdits = Number(process.hrtime.bigint() - started) / 1e9;
  if (again.docs_written !== Number(edits)) throw new Error('pulled edits ' + again.docs_written);
  console.log(JSON.stringify({round_10k: round10k, round_edits: roundEdits}));
})().catch((error) => { console.error(error); process.exit(1); });
"""


def pouch_installed() -> bool:
    if not (shutil.which("node") and shutil.which("npm")):
        return False
    if not (POUCH_DIR / "node_modules" / "express-pouchdb").exists():
        POUCH_DIR.mkdir(parents=True, exist_ok=True)
        print(f"installing {', '.join(POUCH_PACKAGES)} into {POUCH_DIR} …", flush=True)
        subprocess.run(
            ["npm", "install", "--no-audit", "--no-fund", "--silent", *POUCH_PACKAGES],
            cwd=POUCH_DIR,
            check=True,
        )
    (POUCH_DIR / "server.js").write_text(SERVER_JS, encoding="utf-8")
    (POUCH_DIR / "client.js").write_text(CLIENT_JS, encoding="utf-8")
    return True


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def pouch_run(directory: Path) -> tuple[float, float]:
    (directory / "server").mkdir()
    rows = [{"_id": uuid7(), **resident(i)} for i in range(CHANGES)]
    (directory / "rows.json").write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    port = free_port()
    server = subprocess.Popen(
        ["node", str(POUCH_DIR / "server.js"), str(directory / "server"), str(port)],
        cwd=POUCH_DIR,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise SystemExit("express-pouchdb did not start") from None
                time.sleep(0.1)
        result = subprocess.run(
            [
                "node",
                str(POUCH_DIR / "client.js"),
                f"http://127.0.0.1:{port}/bench",
                str(directory),
                str(CHANGES),
                str(EDITS),
            ],
            cwd=POUCH_DIR,
            capture_output=True,
            text=True,
            check=True,
        )
    finally:
        server.terminate()
        server.wait(timeout=30)
    times = json.loads(result.stdout.strip().splitlines()[-1])
    return times["round_10k"], times["round_edits"]


def median_of(runs: list[tuple[float, float]]) -> tuple[float, float]:
    return statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)


def main() -> None:
    base = Path(tempfile.mkdtemp(prefix="kyojo-bench-pouch-"))
    kyojo_runs, pouch_runs = [], []
    with_pouch = pouch_installed()
    for run in range(RUNS):
        directory = base / f"kyojo-{run}"
        directory.mkdir()
        kyojo_runs.append(kyojo_run(directory))
        print(f"kyojo run {run + 1}: {kyojo_runs[-1][0]:.3f} s, {kyojo_runs[-1][1]:.3f} s")
        if with_pouch:
            directory = base / f"pouch-{run}"
            directory.mkdir()
            pouch_runs.append(pouch_run(directory))
            print(f"pouchdb run {run + 1}: {pouch_runs[-1][0]:.3f} s, {pouch_runs[-1][1]:.3f} s")
    kyojo = median_of(kyojo_runs)
    print(f"kyojo desks: {'encrypted (SQLCipher)' if ENCRYPTED else 'plain SQLite'}")
    print(f"{CHANGES} changes push + pull, median of {RUNS}:")
    print(f"  kyojo   {kyojo[0]:.3f} s (target <= 1.0)")
    if pouch_runs:
        pouch = median_of(pouch_runs)
        print(f"  pouchdb {pouch[0]:.3f} s")
        print(f"  ratio pouchdb/kyojo {pouch[0] / kyojo[0]:.2f} (target >= 2)")
    print(f"{EDITS} edits push + pull, median of {RUNS}:")
    print(f"  kyojo   {kyojo[1]:.3f} s (target <= 0.15)")
    if pouch_runs:
        print(f"  pouchdb {pouch[1]:.3f} s")
        print(f"  ratio pouchdb/kyojo {pouch[1] / kyojo[1]:.2f}")
    else:
        print("node/npm not found: PouchDB was not measured")
    shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
