"""Restored and copied databases, clocks, versions and revoked desks (scenario 12)."""

from __future__ import annotations

import shutil
import sqlite3

import pytest
import requests

from kyojo_desk.errors import SyncError, SyncErrorKind
from kyojo_desk.store import Store
from kyojo_desk.store.schema import SCHEMA_VERSION
from kyojo_desk.sync import protocol
from kyojo_desk.sync.engine import enroll, system_ms
from tests.sync.conftest import desk_data, register, server_matches, sync


def backup_file(store: Store, target) -> None:
    with sqlite3.connect(target) as copy:
        store.db.conn.backup(copy)
    copy.close()


def server_resident_count(central) -> int:
    return len(central.storage.rows("default", "residents"))


def test_restored_desk_backup_is_detected_and_reenrols_without_loss_or_doubles(central, tmp_path):
    desk, other = central.desk("a"), central.desk("b")
    before = [register(desk, family_name=f"前{i}") for i in range(3)]
    sync(desk)
    backup = tmp_path / "desk-backup.db"
    backup_file(desk, backup)
    after = [register(desk, family_name=f"後{i}") for i in range(2)]
    sync(desk)
    path = desk.path
    desk.close()
    shutil.copyfile(backup, path)  # the volunteer restores last week's backup
    for suffix in ("-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    restored = Store.open(path)
    central.desks.append(restored)
    made_after_restore = register(restored, family_name="復元後")
    with pytest.raises(SyncError) as refused:
        sync(restored)
    assert refused.value.kind is SyncErrorKind.REENROL
    assert server_resident_count(central) == 5  # nothing of the restored copy was taken
    enroll(restored, central.url, central.storage.create_enroll_code("a again"))
    sync(restored)
    sync(other)
    sync(restored)
    assert server_resident_count(central) == 6
    assert {r.id for r in restored.list_residents()} == {*before, *after, made_after_restore}
    assert desk_data(restored) == desk_data(other)
    assert server_matches(central, other) == []


def test_database_copied_to_another_machine_must_reenrol(central, tmp_path):
    desk = central.desk("a")
    register(desk)
    sync(desk)
    elsewhere = tmp_path / "other-pc" / "kyojo.db"
    elsewhere.parent.mkdir()
    backup_file(desk, elsewhere)  # the file alone, as a copy to a USB stick would be
    with Store.open(elsewhere) as copy:
        register(copy, family_name="複製")
        with pytest.raises(SyncError) as refused:
            sync(copy)
        assert refused.value.kind is SyncErrorKind.REENROL
        enroll(copy, central.url, central.storage.create_enroll_code("copy"))
        assert copy.desk_id != desk.desk_id
        sync(copy)
    sync(desk)
    assert server_resident_count(central) == 2
    assert desk.count_residents() == 2


def test_copy_with_its_identity_file_is_caught_when_both_copies_push(central, tmp_path):
    desk = central.desk("a")
    register(desk)
    sync(desk)
    twin_dir = tmp_path / "twin"
    twin_dir.mkdir()
    twin_path = twin_dir / "kyojo.db"
    backup_file(desk, twin_path)
    shutil.copyfile(
        desk.path.with_name("kyojo.db.sync-id"), twin_dir / "kyojo.db.sync-id"
    )  # the whole folder was copied
    register(desk, family_name="本物")
    sync(desk)
    with Store.open(twin_path) as twin:
        register(twin, family_name="双子")  # same seq as 本物, different content
        with pytest.raises(SyncError) as refused:
            sync(twin)
        assert refused.value.kind is SyncErrorKind.REENROL
        enroll(twin, central.url, central.storage.create_enroll_code("twin"))
        sync(twin)
    sync(desk)
    names = sorted(r.family_name for r in desk.list_residents())
    assert names == ["双子", "山田", "本物"]


@pytest.mark.parametrize("run_new_epoch_command", [True, False])
def test_restored_server_backup_new_epoch_desks_resend_and_repull(central, run_new_epoch_command):
    desk_a, desk_b = central.desk("a"), central.desk("b")
    early = register(desk_a, family_name="早")
    sync(desk_a)
    sync(desk_b)
    backup = central.backup()
    late_a = register(desk_a, family_name="遅A")
    sync(desk_a)
    late_b = register(desk_b, family_name="遅B")
    desk_b.update_resident(early, {"phone": "0554-10-1010"})
    sync(desk_b)
    sync(desk_a)
    epoch_before = central.storage.epoch()
    central.restore(backup)  # the server lost everything after the backup
    if run_new_epoch_command:
        from kyojo_desk.central.cli import main as central_main

        central.stop()
        assert central_main(["new-epoch", "--db", central.db_url, "--city", "default"]) == 0
        central.restart()
    for _ in range(2):
        sync(desk_a)
        sync(desk_b)
    # Only the operator's command starts a new epoch; a desk acknowledged beyond the restored
    # server is answered ack_ahead and sends again from its rows, without a reset.
    assert (central.storage.epoch() != epoch_before) is run_new_epoch_command
    server = central.storage.rows("default", "residents")
    assert {early, late_a, late_b} <= set(server) and len(server) == 3
    assert server[early]["phone"] == "0554-10-1010"
    assert desk_data(desk_a) == desk_data(desk_b)
    assert server_matches(central, desk_a) == []


def test_desk_clock_ten_minutes_off_stops_before_sending(central):
    desk = central.desk("a")
    register(desk)
    waiting = desk.pending_changes()
    with pytest.raises(SyncError) as refused:
        sync(desk, wall_clock_ms=lambda: system_ms() + 10 * 60 * 1000)
    assert refused.value.kind is SyncErrorKind.CLOCK
    assert "10分" in refused.value.message
    assert desk.pending_changes() == waiting
    assert server_resident_count(central) == 0
    sync(desk)
    assert server_resident_count(central) == 1


def test_old_desk_schema_keeps_its_edits_queued(central):
    desk = central.desk("a")
    resident_id = register(desk)
    waiting = desk.pending_changes()
    central.restart(schema_min=SCHEMA_VERSION + 1, schema_max=SCHEMA_VERSION + 1)
    with pytest.raises(SyncError) as refused:
        sync(desk)
    assert refused.value.kind is SyncErrorKind.SCHEMA
    assert desk.pending_changes() == waiting
    # Even a push that skips the check is refused whole, not dropped.
    answer = requests.post(
        f"{central.url}{protocol.PUSH_PATH}",
        json={
            "schema_version": SCHEMA_VERSION,
            "changes": [c.to_json() for c in desk.outbox_after(0, 10)],
        },
        headers={"Authorization": f"Bearer {desk.desk_token()}"},
        timeout=10,
    )
    assert answer.status_code == 426
    assert server_resident_count(central) == 0
    central.restart()  # the desk was updated / the server accepts it again
    sync(desk)
    assert set(central.storage.rows("default", "residents")) == {resident_id}


def record_server_seq(central, row_id: str) -> int:
    """The server sequence number of the last write of a record (moves when it is written)."""
    with central.storage.transaction() as tx:
        return tx.one("SELECT server_seq FROM records WHERE row_id = ?", [row_id])[0]


def test_revoked_token_is_refused_and_reenrolment_loses_and_doubles_nothing(central):
    from kyojo_desk.central.cli import main as central_main

    desk, other = central.desk("a"), central.desk("b")
    first = register(desk, family_name="一")
    sync(desk)
    written_at = record_server_seq(central, first)
    second = register(desk, family_name="二")
    assert central_main(["revoke", "--db", central.db_url, desk.desk_id]) == 0
    with pytest.raises(SyncError) as refused:
        sync(desk)
    assert refused.value.kind is SyncErrorKind.AUTH
    assert "取り消されました" in refused.value.message
    assert desk.pending_changes() > 0
    enroll(desk, central.url, central.storage.create_enroll_code("a again"))
    sync(desk)
    sync(other)
    assert set(central.storage.rows("default", "residents")) == {first, second}
    assert other.count_residents() == 2
    # What the server had acknowledged is not sent again under the new id.
    assert record_server_seq(central, first) == written_at
