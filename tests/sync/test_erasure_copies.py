"""Erasure reaches every copy: a desk backup restored after an erasure, the server's planner
statistics (PostgreSQL) and the file mode of the central SQLite database."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from kyojo_desk.backup import make_backup, restore_backup
from kyojo_desk.errors import SyncError, SyncErrorKind
from kyojo_desk.store import Store
from kyojo_desk.sync.engine import enroll
from tests.sync.conftest import register, sync

PERSON = {
    "family_name": "統計消",
    "given_name": "願子",
    "family_reading": "とうけいけし",
    "given_reading": "ねがいこ",
    "phone": "0554-61-4242",
    "notes": "統計に残らないメモWQX",
}
TRACES = ["統計消", "とうけいけし", "0554-61-4242", "統計に残らないメモWQX"]


def server_traces(central, resident_id: str) -> dict:
    rows = central.storage.rows("default", "residents")
    return {k: v for k, v in rows.get(resident_id, {}).items() if v not in (None, "", 0, 1, [])}


def test_restored_backup_keeps_the_person_erased_and_sync_does_not_bring_them_back(
    central, tmp_path
):
    desk, other = central.desk("a"), central.desk("b")
    erased = register(desk, **PERSON)
    kept = register(desk, family_name="残る", family_reading="のこる")
    sync(desk)
    sync(other)
    yesterday = make_backup(desk, tmp_path / "backups")
    desk.erase_resident(erased)
    sync(desk)
    sync(other)
    assert other.get_row("residents", erased) is None
    path = desk.path
    desk.close()

    restore_backup(path, yesterday, None)
    restored = Store.open(path)
    central.desks.append(restored)
    assert restored.get_row("residents", erased) is None
    assert restored.get_row("residents", kept) is not None
    with pytest.raises(SyncError) as refused:
        sync(restored)
    assert refused.value.kind is SyncErrorKind.REENROL
    enroll(restored, central.url, central.storage.create_enroll_code("a again"))
    sync(restored)
    sync(other)
    sync(restored)
    for store in (restored, other):
        assert store.get_row("residents", erased) is None
        assert store.search_residents("とうけいけし") == []
    values = central.storage.rows("default", "residents").get(erased, {})
    assert not any(trace in str(values) for trace in TRACES), values


def pg_stats_traces(central) -> list[str]:
    conn = central.storage.connection()
    found = []
    for trace in TRACES:
        rows = conn.execute(
            "SELECT tablename, attname FROM pg_stats WHERE schemaname = 'public' AND ("
            " coalesce(most_common_vals::text, '') LIKE %s OR"
            " coalesce(histogram_bounds::text, '') LIKE %s)",
            [f"%{trace}%", f"%{trace}%"],
        ).fetchall()
        found += [f"{table}.{column}: {trace}" for table, column in rows]
    return found


def test_erasure_leaves_no_value_in_postgresql_planner_statistics(central):
    if central.backend != "postgresql":
        pytest.skip("pg_stats is PostgreSQL's")
    desk = central.desk("a")
    erased = register(desk, **PERSON)
    for number in range(30):
        register(desk, family_name=f"隣人{number}", family_reading="となり")
    sync(desk)
    central.storage.connection().execute("ANALYZE")  # as autovacuum would, some time later
    assert pg_stats_traces(central)  # the statistics did sample the person's values
    desk.erase_resident(erased)
    sync(desk)
    assert central.storage.compact_if_due()  # the batched compaction, a background round
    assert pg_stats_traces(central) == []


def test_central_sqlite_files_are_owner_only(central):
    if central.backend != "sqlite":
        pytest.skip("a file mode of the SQLite storage")
    desk = central.desk("a")
    register(desk, **PERSON)
    sync(desk)
    from kyojo_desk.central.storage import sqlite_path

    database = Path(sqlite_path(central.db_url))
    files = [p for p in database.parent.iterdir() if p.name.startswith(database.name)]
    assert database in files and len(files) >= 2  # the database and its write-ahead log
    for path in files:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
