"""The databases of release 0.1 (tests/fixtures/release_0_1) load, open with this code, and
hold what their contents say; desk A's unsent changes reach the central it synced with."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from kyojo_desk.central.server import BackgroundServer
from kyojo_desk.central.storage import open_storage
from kyojo_desk.security.desk import open_desk_store
from kyojo_desk.store import Store
from kyojo_desk.sync.engine import sync_once
from tests.fixtures.release_0_1 import (
    contents,
    load_central_postgres,
    load_central_sqlite,
    load_desk,
    point_desk_at,
)
from tests.sync.conftest import database_url

# Tables whose row count the fixture records and every later release keeps.
RECORD_TABLES = (
    "districts",
    "residents",
    "consents",
    "events",
    "event_signups",
    "attendance",
    "volunteers",
    "help_sessions",
    "aid_requests",
    "resident_skills",
    "audit_log",
)


def open_loaded_desk(tmp_path: Path, encrypted: bool, monkeypatch: pytest.MonkeyPatch) -> Store:
    monkeypatch.setenv("KYOJO_KEYRING", "file")
    path = load_desk(tmp_path / "desk", encrypted)
    store = open_desk_store(path)
    assert (store.key is not None) is encrypted
    return store


@pytest.mark.parametrize("encrypted", [False, True], ids=["plain", "encrypted"])
def test_desk_fixture_opens_with_everything_in_it(tmp_path, monkeypatch, encrypted):
    with open_loaded_desk(tmp_path, encrypted, monkeypatch) as store:
        assert store.desk_id == contents.DESK_ID
        assert store.identity_problem() is None
        for table in RECORD_TABLES:
            count = store.db.execute(f"SELECT count(*) FROM [{table}]").fetchone()[0]
            assert count == contents.COUNTS[table], table
        for resident_id, name in contents.RESIDENT_NAMES.items():
            assert store.get_resident(resident_id).full_name.replace("\u3000", " ") == name
        assert [r.id for r in store.search_residents("すぎもと")] == [contents.RESIDENT_IDS[1]]
        assert store.get_row("residents", contents.WITHDRAWN_RESIDENT_ID) is None
        assert store.acked_seq() == contents.ACKED_SEQ
        assert store.pending_changes() == len(contents.PENDING_SEQS)
        assert store.pull_cursor() == contents.PULL_CURSOR
        [conflict] = store.list_conflicts()
        assert conflict.row_id == contents.CONFLICT_ROW_ID
        assert conflict.lost_value == contents.CONFLICT_LOST_PHONE
        [rejection] = store.rejections()
        assert rejection["row_id"] == contents.REJECTED_ROW_ID
        pulled_from_b = [store.get_resident(r).district for r in contents.DESK_B_RESIDENT_IDS]
        assert pulled_from_b == ["08", "07"]


def test_central_sqlite_fixture_opens(tmp_path):
    path = load_central_sqlite(tmp_path / "central.db")
    storage = open_storage(f"sqlite:///{path}")
    try:
        check_central(storage)
    finally:
        storage.close()


def test_central_postgres_fixture_opens(postgres_admin_url):
    import psycopg

    name = f"kyojo_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(postgres_admin_url, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    try:
        load_central_postgres(database_url(postgres_admin_url, name))
        storage = open_storage(database_url(postgres_admin_url, name))
        try:
            check_central(storage)
        finally:
            storage.close()
    finally:
        with psycopg.connect(postgres_admin_url, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


# Records (city, table, row) the per-field rows of release 0.1 make (central_sqlite.sql).
CENTRAL_RECORDS = 58


def check_central(storage) -> None:
    assert storage.epoch(contents.CITY) == contents.EPOCH
    # Opened by this code, the central is migrated to one row per record.
    assert storage.change_count() == CENTRAL_RECORDS
    residents = storage.rows(contents.CITY, "residents")
    other_city = storage.rows(contents.OTHER_CITY, "residents")
    assert set(contents.DESK_B_RESIDENT_IDS) <= set(residents)
    assert set(contents.DESK_C_RESIDENT_IDS) == set(other_city)
    assert not set(contents.DESK_C_RESIDENT_IDS) & set(residents)
    assert contents.WITHDRAWN_RESIDENT_ID not in residents
    phone = residents[contents.CONFLICT_ROW_ID]["phone"]
    assert phone == contents.CONFLICT_KEPT_PHONE
    assert contents.LATE_RESIDENT_ID not in residents  # still in desk A's outbox
    assert {d["desk_id"] for d in storage.desks(contents.CITY)} == {
        contents.DESK_ID,
        contents.DESK_B_ID,
    }


def test_unsent_changes_of_the_desk_fixture_reach_the_central_fixture(tmp_path, monkeypatch):
    central = load_central_sqlite(tmp_path / "central.db")
    storage = open_storage(f"sqlite:///{central}")
    server = BackgroundServer(storage).start()
    try:
        with open_loaded_desk(tmp_path, True, monkeypatch) as store:
            point_desk_at(store, server.url)
            report = sync_once(store, backoff_s=0.05)
            assert report.pushed == len(contents.PENDING_SEQS)
            assert store.pending_changes() == 0
        residents = storage.rows(contents.CITY, "residents")
        assert contents.LATE_RESIDENT_ID in residents
        resident_id, phone = contents.PENDING_PHONE
        assert residents[resident_id]["phone"] == phone
    finally:
        server.stop()
        storage.close()
