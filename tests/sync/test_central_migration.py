"""Central databases made by release 0.1 (tests/fixtures/release_0_1) migrate in place to one
row per record, on SQLite and PostgreSQL, and a protocol-2 desk syncs with them afterwards."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from kyojo_desk.central.desks import token_hash
from kyojo_desk.central.migrations import MIGRATIONS, UNKNOWN_DIGEST, applied
from kyojo_desk.central.server import BackgroundServer
from kyojo_desk.central.storage import open_storage
from kyojo_desk.sync import protocol
from kyojo_desk.sync.fields import validate_value
from kyojo_desk.sync.hlc import from_v1_stamp
from tests.fixtures.release_0_1 import contents, load_central_sqlite
from tests.fixtures.release_0_1.dump import load_sqlite
from tests.sync.v2_desk import RawDesk, new_id


def v1_field_values(tmp_path: Path) -> list[tuple]:
    """The per-field rows of the release 0.1 central, read before any migration."""
    conn = sqlite3.connect(":memory:")
    load_sqlite(conn, (Path(contents.__file__).parent / "central_sqlite.sql").read_text("utf-8"))
    rows = conn.execute(
        "SELECT city, table_name, row_id, field, value, stamp, desk_id FROM field_values"
    ).fetchall()
    conn.close()
    return rows


def test_every_field_value_survives_as_one_row_per_record(release_0_1_central, tmp_path):
    assert applied(release_0_1_central.database) == [name for name, _ in MIGRATIONS]
    old = v1_field_values(tmp_path)
    records = {(c, t, r) for c, t, r, *_ in old}
    with release_0_1_central.transaction() as tx:
        assert tx.one("SELECT count(*) FROM records")[0] == len(records)
        assert not release_0_1_central.database.table_exists(tx, "field_values")
        assert not release_0_1_central.database.table_exists(tx, "entries")
    for city, table, row_id, name, value, _stamp, _desk_id in old:
        new_value = release_0_1_central.rows(city, table)[row_id][name]
        expected = json.loads(value)
        if name in ("support_needs", "scopes", "topics", "roles", "trainings"):
            expected = json.loads(expected)  # lists travelled as JSON text in protocol 1
        assert new_value == expected, (table, row_id, name)
        assert validate_value(table, name, new_value) is None, (table, name, new_value)


def test_epochs_conflicts_erasures_and_desks_are_kept(release_0_1_central):
    assert release_0_1_central.epoch(contents.CITY) == contents.EPOCH
    assert release_0_1_central.epoch(contents.OTHER_CITY) == contents.EPOCH
    residents = release_0_1_central.rows(contents.CITY, "residents")
    assert set(contents.DESK_B_RESIDENT_IDS) <= set(residents)
    assert set(contents.DESK_C_RESIDENT_IDS) == set(
        release_0_1_central.rows(contents.OTHER_CITY, "residents")
    )
    assert residents[contents.CONFLICT_ROW_ID]["phone"] == contents.CONFLICT_KEPT_PHONE
    [conflict] = release_0_1_central.conflicts(contents.CITY)
    assert conflict["lost_value"] == contents.CONFLICT_LOST_PHONE
    assert isinstance(conflict["kept_stamp"], int) and conflict["kept_stamp"] > 0
    assert {d["desk_id"] for d in release_0_1_central.desks(contents.CITY)} == {
        contents.DESK_ID,
        contents.DESK_B_ID,
    }
    with release_0_1_central.transaction() as tx:
        erased = tx.one("SELECT count(*) FROM erasures")[0]
        logged = tx.execute("SELECT kind, fields FROM city_log ORDER BY server_seq")
    assert erased == contents.CENTRAL_ROWS["erasures"]
    assert [kind for kind, _ in logged] == ["erasure", "conflict"]
    assert isinstance(json.loads(logged[1][1])["lost_stamp"], int)


def test_the_row_stamp_and_exceptions_keep_every_fields_stamp(release_0_1_central, tmp_path):
    with release_0_1_central.transaction() as tx:
        rows = tx.execute(
            "SELECT city, table_name, row_id, stamp, desk_id, exceptions FROM records"
        )
    origins = {}
    for city, table, row_id, stamp, desk_id, exceptions in rows:
        packed = json.loads(exceptions) if exceptions else {}
        for name in release_0_1_central.rows(city, table)[row_id]:
            own = packed.get(name)
            origins[(city, table, row_id, name)] = (
                (own[0], own[1]) if own else (int(stamp), desk_id)
            )
    for city, table, row_id, name, _value, stamp, desk_id in v1_field_values(tmp_path):
        assert origins[(city, table, row_id, name)] == (from_v1_stamp(stamp)[0], desk_id)


def test_a_migrated_server_takes_protocol_2_desks_and_keeps_cursors(release_0_1_central):
    """A new desk of a migrated city pulls every record once; a desk whose cursor is at the
    last sequence number of release 0.1 pulls only what came after."""
    with BackgroundServer(release_0_1_central) as server:
        newcomer = RawDesk(server.url, release_0_1_central, "new", contents.CITY)
        entries = newcomer.pull_all()
        changes = [e for e in entries if e["kind"] == protocol.KIND_CHANGE]
        expected = sum(
            len(release_0_1_central.rows(contents.CITY, table))
            for table in protocol.synced_fields()
        )
        assert len(changes) == expected
        assert {e["kind"] for e in entries} == {"change", "erasure", "conflict"}
        assert newcomer.pull_all() == []
        assert newcomer.cursor == contents.CENTRAL_ROWS["entries"]
        before = newcomer.cursor
        row_id = newcomer.create(
            "residents", {"family_name": "新", "given_name": "人", "deleted": 0}
        )
        assert release_0_1_central.rows(contents.CITY, "residents")[row_id]["family_name"] == "新"
        other = RawDesk(server.url, release_0_1_central, "other", contents.CITY)
        other.cursor = before  # as desk B of release 0.1, which had pulled everything
        assert [e["row_id"] for e in other.pull_all()] == [row_id]
        stranger = RawDesk(server.url, release_0_1_central, "stranger", contents.OTHER_CITY)
        assert new_id() not in {e["row_id"] for e in stranger.pull_all()}
        assert row_id not in {e["row_id"] for e in stranger.pull_all()}


def test_migration_runs_once(tmp_path):
    path = load_central_sqlite(tmp_path / "central.db")
    first = open_storage(f"sqlite:///{path}")
    first.close()
    again = open_storage(f"sqlite:///{path}")
    try:
        assert applied(again.database) == [name for name, _ in MIGRATIONS]
        assert len(again.rows(contents.CITY, "residents")) > 0
    finally:
        again.close()


def v1_received(tmp_path: Path) -> dict[str, list[int]]:
    """The seqs release 0.1 remembered receiving, by desk (one row per change then)."""
    conn = sqlite3.connect(":memory:")
    load_sqlite(conn, (Path(contents.__file__).parent / "central_sqlite.sql").read_text("utf-8"))
    seqs: dict[str, list[int]] = {}
    for desk_id, seq in conn.execute("SELECT desk_id, seq FROM received ORDER BY desk_id, seq"):
        seqs.setdefault(desk_id, []).append(seq)
    conn.close()
    return seqs


def test_changes_received_by_release_0_1_are_remembered_in_batches(release_0_1_central, tmp_path):
    """c021: each change release 0.1 received (one `received` row each) is in
    `received_batches`, its fingerprint unknown (protocol 1), and `received` is gone; the desk
    that sent them re-sends one and it is taken as the same change, not refused."""
    expected = v1_received(tmp_path)
    assert sum(map(len, expected.values())) == contents.CENTRAL_ROWS["received"]
    database = release_0_1_central.database
    with release_0_1_central.transaction() as tx:
        assert not database.table_exists(tx, "received")
        rows = tx.execute(
            "SELECT desk_id, first_seq, last_seq, digests FROM received_batches"
            " ORDER BY desk_id, first_seq"
        )
    remembered: dict[str, list[int]] = {}
    for desk_id, first, last, digests in rows:
        seqs = list(range(int(first), int(last) + 1))
        assert digests == UNKNOWN_DIGEST * len(seqs)
        remembered.setdefault(desk_id, []).extend(seqs)
    assert remembered == expected

    # The release 0.1 desk, given a token here, sends its first change again.
    with release_0_1_central.transaction() as tx:
        tx.execute(
            "UPDATE desks SET token_hash = ? WHERE desk_id = ?",
            [token_hash("0.1-desk-token"), contents.DESK_ID],
        )
        last_seq = int(
            tx.one("SELECT last_seq FROM desks WHERE desk_id = ?", [contents.DESK_ID])[0]
        )
    assert 1 in expected[contents.DESK_ID]
    with BackgroundServer(release_0_1_central) as server:
        desk = RawDesk(server.url, release_0_1_central, "stand-in", contents.CITY)
        desk.desk_id = contents.DESK_ID
        desk.session.headers["Authorization"] = "Bearer 0.1-desk-token"
        desk.next_seq = 1
        again = desk.change("residents", new_id(), {"family_name": "再", "deleted": 0})
        answer = desk.push([again], acked_seq=0, next_seq=last_seq + 1)
        assert answer["acked_seq"] == last_seq


def test_c021_reads_the_received_rows_a_chunk_at_a_time(tmp_path, monkeypatch):
    """Read in chunks of 7 (runs of seqs crossing each chunk's end), c021 writes the same
    batches as read whole."""
    from kyojo_desk.central import migrations

    def batches_after_migration(name: str) -> list[tuple]:
        storage = open_storage(f"sqlite:///{load_central_sqlite(tmp_path / name)}")
        try:
            with storage.transaction() as tx:
                return tx.execute(
                    "SELECT desk_id, first_seq, last_seq, digests FROM received_batches"
                    " ORDER BY desk_id, first_seq"
                )
        finally:
            storage.close()

    whole = batches_after_migration("whole.db")
    monkeypatch.setattr(migrations, "RECEIVED_CHUNK", 7)
    assert batches_after_migration("chunked.db") == whole
    assert (
        sum(int(last) - int(first) + 1 for _, first, last, _ in whole)
        == (contents.CENTRAL_ROWS["received"])
    )
