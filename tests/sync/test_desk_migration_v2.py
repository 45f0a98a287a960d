"""Desks of release 0.1 migrate in place to sync protocol 2 (m010–m012), plain and encrypted,
losing nothing; their unsent changes still reach the central they synced with."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest

from kyojo_desk.central.server import BackgroundServer
from kyojo_desk.central.storage import open_storage
from kyojo_desk.security.desk import open_desk_store
from kyojo_desk.store import Store
from kyojo_desk.sync import hlc
from kyojo_desk.sync.engine import sync_once
from tests.fixtures.release_0_1 import (
    contents,
    load_central_postgres,
    load_central_sqlite,
    load_desk,
    point_desk_at,
)
from tests.sync.conftest import database_url
from tests.sync.test_release_0_1_fixtures import RECORD_TABLES


def migrated_desk(tmp_path: Path, encrypted: bool, monkeypatch: pytest.MonkeyPatch) -> Store:
    monkeypatch.setenv("KYOJO_KEYRING", "file")
    store = open_desk_store(load_desk(tmp_path / "desk", encrypted))
    assert (store.key is not None) is encrypted
    return store


@pytest.mark.parametrize("encrypted", [False, True], ids=["plain", "encrypted"])
def test_a_desk_of_release_0_1_migrates_in_place_and_loses_nothing(
    tmp_path, monkeypatch, encrypted
):
    with migrated_desk(tmp_path, encrypted, monkeypatch) as store:
        assert store.migration_copy is not None and store.migration_copy.exists()
        tables = {r[0] for r in store.db.execute("SELECT name FROM sqlite_master")}
        assert "field_clocks" not in tables
        for table in RECORD_TABLES:
            count = store.db.execute(f"SELECT count(*) FROM [{table}]").fetchone()[0]
            assert count == contents.COUNTS[table], table
            unstamped = store.db.execute(
                f"SELECT count(*) FROM [{table}] WHERE sync_stamp = 0"
            ).fetchone()[0]
            assert unstamped == 0, table
        for resident_id, name in contents.RESIDENT_NAMES.items():
            assert store.get_resident(resident_id).full_name.replace("\u3000", " ") == name
        assert [r.id for r in store.search_residents("すぎもと")] == [contents.RESIDENT_IDS[1]]
        # Identity and sync position are kept: the desk syncs on as the same desk.
        assert store.desk_id == contents.DESK_ID and store.identity_problem() is None
        assert store.acked_seq() == contents.ACKED_SEQ
        assert store.next_seq() == contents.NEXT_SEQ
        assert store.pull_cursor() == contents.PULL_CURSOR
        assert store.pending_changes() == len(contents.PENDING_SEQS)
        pending = store.outbox_after(contents.ACKED_SEQ, 100)
        assert [c.seq for c in pending] == contents.PENDING_SEQS
        assert [(c.table, c.row_id) for c in pending] == [
            tuple(pair) for pair in contents.PENDING_ROWS
        ]
        resident_id, phone = contents.PENDING_PHONE
        assert any(c.row_id == resident_id and c.fields.get("phone") == phone for c in pending)
        assert all(hlc.is_valid_stamp(c.stamp) for c in pending)
        # Acknowledged entries are gone, except the refused one and the erasure request.
        kept = dict(
            store.db.execute(
                "SELECT seq, table_name FROM outbox WHERE seq <= ?", [contents.ACKED_SEQ]
            )
        )
        assert sorted(kept.values()) == ["_erasures", "residents"]
        [rejection] = store.rejections()
        assert rejection["row_id"] == contents.REJECTED_ROW_ID
        assert rejection["reason"] == "too_large"
        [conflict] = store.list_conflicts()
        assert conflict.row_id == contents.CONFLICT_ROW_ID
        assert conflict.lost_value == contents.CONFLICT_LOST_PHONE
        assert conflict.kept_at_ms > 0 and conflict.lost_at_ms > 0
        # Pulled rows keep their origin (desk B), local ones are this desk's (0).
        origin = store.db.execute(
            "SELECT sync_origin FROM residents WHERE id = ?", [contents.DESK_B_RESIDENT_IDS[0]]
        ).fetchone()[0]
        assert store.origin_desk(origin) == contents.DESK_B_ID
        assert (
            store.db.execute(
                "SELECT sync_origin FROM residents WHERE id = ?", [contents.LATE_RESIDENT_ID]
            ).fetchone()[0]
            == 0
        )
        # The clock goes on after every stamp the desk holds.
        newest = store.db.execute("SELECT max(sync_stamp) FROM residents").fetchone()[0]
        store.update_resident(contents.RESIDENT_IDS[2], {"notes": "移行のあと"})
        assert store.changelog.last_stamp > newest


def central_of_release_0_1(tmp_path: Path, backend: str, request: pytest.FixtureRequest) -> str:
    if backend == "sqlite":
        return f"sqlite:///{load_central_sqlite(tmp_path / 'central.db')}"
    import psycopg

    admin = request.getfixturevalue("postgres_admin_url")
    name = f"kyojo_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    url = database_url(admin, name)
    load_central_postgres(url)
    return url


@pytest.mark.parametrize(
    ("encrypted", "backend"),
    [(False, "sqlite"), (True, "sqlite"), (True, "postgresql")],
    ids=["plain-sqlite", "encrypted-sqlite", "encrypted-postgresql"],
)
def test_unsent_changes_of_a_migrated_desk_reach_the_server(
    tmp_path, monkeypatch, request, encrypted, backend
):
    storage = open_storage(central_of_release_0_1(tmp_path, backend, request))
    server = BackgroundServer(storage).start()
    try:
        with migrated_desk(tmp_path, encrypted, monkeypatch) as store:
            point_desk_at(store, server.url)
            report = sync_once(store, backoff_s=0.05)
            assert report.pushed == len(contents.PENDING_SEQS)
            assert store.pending_changes() == 0
            assert store.db.execute("SELECT count(*) FROM outbox WHERE seq > 64").fetchone() == (0,)
            # The refused change stays listed until corrected or discarded.
            assert [r["row_id"] for r in report.rejected] == [contents.REJECTED_ROW_ID]
            resident_id, phone = contents.PENDING_PHONE
        residents = storage.rows(contents.CITY, "residents")
        assert contents.LATE_RESIDENT_ID in residents
        assert residents[resident_id]["phone"] == phone
        requests_ = storage.rows(contents.CITY, "aid_requests")
        assert requests_[contents.AID_REQUEST_IDS[0]]["status"] in ("done", json.dumps("done"))
    finally:
        server.stop()
        storage.close()
