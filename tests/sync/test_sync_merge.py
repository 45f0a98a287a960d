"""Merging field by field (scenarios 4, 5, 6 and 8 of the sync issue)."""

from __future__ import annotations

import time

import pytest
import requests

from kyojo_desk.ids import uuid7
from kyojo_desk.store.districts import District
from kyojo_desk.store.schema import SCHEMA_VERSION
from kyojo_desk.sync import hlc, protocol
from tests.sync.conftest import (
    after_this_millisecond,
    desk_data,
    register,
    server_matches,
    sync,
)


def push_by_hand(central, desk, changes, **body):
    """A push made by hand in protocol 2's shape (tests send what no real desk would)."""
    return requests.post(
        f"{central.url}{protocol.PUSH_PATH}",
        json={
            "desk_id": desk.desk_id,
            "protocol": protocol.PROTOCOL_VERSION,
            "schema_version": SCHEMA_VERSION,
            "acked_seq": desk.acked_seq(),
            "changes": changes,
            **body,
        },
        headers={"Authorization": f"Bearer {desk.desk_token()}"},
        timeout=10,
    )


def current_stamp(desk) -> int:
    """A stamp of now, made by hand as a desk would."""
    return hlc.make_stamp(time.time_ns() // 1_000_000)


def server_state(central):
    with central.storage.transaction() as tx:
        return (
            tx.execute("SELECT * FROM records ORDER BY city, table_name, row_id"),
            tx.execute("SELECT server_seq, fields FROM city_log ORDER BY city, server_seq"),
            tx.execute("SELECT desk_id, last_seq FROM desks ORDER BY desk_id"),
        )


def test_gap_in_seq_is_refused_with_the_expected_seq_and_nothing_stored(central):
    """4a. A push that skips a seq is refused whole; the server is unchanged."""
    desk = central.desk("a")
    register(desk)
    sync(desk)
    before = server_state(central)
    stamp = current_stamp(desk)
    skipped = desk.next_seq() + 1
    answer = push_by_hand(
        central,
        desk,
        [
            {
                "seq": skipped,
                "table": "districts",
                "row_id": "99",
                "stamp": stamp,
                "fields": {"name": "新地区", "deleted": 0},
                "created": True,
            }
        ],
    )
    assert answer.status_code == 409
    assert answer.json()["error"] == protocol.ERROR_GAP
    assert answer.json()["expected_seq"] == desk.next_seq()
    assert server_state(central) == before
    # The desk itself still syncs normally afterwards.
    desk.save_district(District("98", "別地区", "べつちく"))
    sync(desk)
    assert "98" in central.storage.rows("default", "districts")


def test_update_before_its_create_is_rejected_without_blocking_the_rest(central):
    """4b. A change to a row the server never saw created is rejected; later ones apply."""
    desk = central.desk("a")
    sync(desk)
    before = server_state(central)
    stamp = current_stamp(desk)
    unknown_row = uuid7()
    seq = desk.next_seq()
    answer = push_by_hand(
        central,
        desk,
        [
            {
                "seq": seq,
                "table": "residents",
                "row_id": unknown_row,
                "stamp": stamp,
                "fields": {"phone": "0554-00-1111"},
                "created": False,
            },
            {
                "seq": seq + 1,
                "table": "districts",
                "row_id": "77",
                "stamp": stamp,
                "fields": {"name": "七七", "deleted": 0},
                "created": True,
            },
        ],
    )
    assert answer.status_code == 200
    results = answer.json()["results"]
    assert results == [{"seq": seq, "status": "rejected", "reason": "unknown_row"}]
    assert answer.json()["acked_seq"] == seq + 1
    assert unknown_row not in central.storage.rows("default", "residents")
    assert central.storage.rows("default", "districts")["77"]["name"] == "七七"
    assert server_state(central)[0] != before[0]


def test_two_desks_edit_different_fields_offline_and_both_edits_survive(central):
    """5. Different fields of one resident edited on two desks: both kept everywhere."""
    desk_a, desk_b = central.desk("a"), central.desk("b")
    resident_id = register(desk_a)
    sync(desk_a)
    sync(desk_b)
    desk_a.update_resident(resident_id, {"phone": "0554-62-1234"})
    desk_b.update_resident(resident_id, {"notes": "足が不自由"})
    sync(desk_a)
    sync(desk_b)
    sync(desk_a)
    for desk in (desk_a, desk_b):
        resident = desk.get_resident(resident_id)
        assert (resident.phone, resident.notes) == ("0554-62-1234", "足が不自由")
    assert central.storage.conflicts("default") == []
    assert desk_data(desk_a) == desk_data(desk_b)
    assert server_matches(central, desk_a) == []


@pytest.mark.parametrize("later_pushes_first", [True, False])
def test_same_field_later_stamp_wins_and_the_other_is_a_visible_conflict(
    central, later_pushes_first
):
    """6. Same field on two desks: the later stamp wins whichever pushes first; the losing
    value is in the server's conflicts and on both desks."""
    desk_a, desk_b = central.desk("a"), central.desk("b")
    resident_id = register(desk_a)
    sync(desk_a)
    sync(desk_b)
    desk_a.update_resident(resident_id, {"phone": "0554-11-1111"})  # earlier stamp
    after_this_millisecond()
    desk_b.update_resident(resident_id, {"phone": "0554-22-2222"})  # later stamp
    order = [desk_b, desk_a] if later_pushes_first else [desk_a, desk_b]
    for desk in [*order, *order]:
        sync(desk)
    for desk in (desk_a, desk_b):
        assert desk.get_resident(resident_id).phone == "0554-22-2222"
    conflicts = central.storage.conflicts("default")
    assert len(conflicts) == 1
    assert conflicts[0]["lost_value"] == "0554-11-1111"
    assert conflicts[0]["lost_desk"] == desk_a.desk_id
    assert conflicts[0]["kept_desk"] == desk_b.desk_id
    for desk in (desk_a, desk_b):
        [seen] = desk.list_conflicts()
        assert (seen.lost_desk_name, seen.kept_desk_name) == ("a", "b")
        assert (seen.field, seen.lost_value, seen.kept_value) == (
            "phone",
            "0554-11-1111",
            "0554-22-2222",
        )
    assert desk_data(desk_a) == desk_data(desk_b)


def test_coordinator_choosing_the_lost_value_makes_it_win_everywhere(central):
    desk_a, desk_b = central.desk("a"), central.desk("b")
    resident_id = register(desk_a)
    sync(desk_a)
    sync(desk_b)
    desk_a.update_resident(resident_id, {"phone": "0554-11-1111"})
    after_this_millisecond()
    desk_b.update_resident(resident_id, {"phone": "0554-22-2222"})
    for desk in (desk_b, desk_a, desk_b):
        sync(desk)
    [conflict] = desk_b.list_conflicts()
    desk_b.resolve_conflict(conflict.id, choose_lost=True)
    assert desk_b.list_conflicts() == []
    sync(desk_b)
    sync(desk_a)
    assert desk_a.get_resident(resident_id).phone == "0554-11-1111"
    assert desk_data(desk_a) == desk_data(desk_b)


def test_delete_on_one_desk_while_another_edits(central):
    """8a. A delete and an edit of other fields, offline on two desks: the row is deleted
    everywhere and the edit is kept on the tombstone."""
    desk_a, desk_b = central.desk("a"), central.desk("b")
    resident_id = register(desk_a)
    sync(desk_a)
    sync(desk_b)
    desk_a.delete_resident(resident_id)
    desk_b.update_resident(resident_id, {"phone": "0554-33-3333"})
    sync(desk_a)
    sync(desk_b)
    sync(desk_a)
    for desk in (desk_a, desk_b):
        row = desk.get_row("residents", resident_id)
        assert row["deleted"] == 1 and row["phone"] == "0554-33-3333"
        assert desk.search_residents("やまだ") == []
    assert desk_data(desk_a) == desk_data(desk_b)


def test_create_delete_recreate_across_syncs(central):
    """8b. create → sync → delete → sync → re-create → sync, seen by another desk each time."""
    desk_a, desk_b = central.desk("a"), central.desk("b")
    desk_a.save_district(District("10", "新町", "しんまち"))
    sync(desk_a)
    sync(desk_b)
    assert [d.code for d in desk_b.list_districts()] == ["10"]
    desk_a.write("districts", "10", {"deleted": 1})
    sync(desk_a)
    sync(desk_b)
    assert desk_b.list_districts() == []
    desk_a.save_district(District("10", "新町二丁目", "しんまちにちょうめ"))
    sync(desk_a)
    sync(desk_b)
    assert [(d.code, d.name) for d in desk_b.list_districts()] == [("10", "新町二丁目")]
    assert desk_data(desk_a) == desk_data(desk_b)
    assert server_matches(central, desk_b) == []
    with central.storage.transaction() as tx:
        rows = tx.execute("SELECT count(DISTINCT row_id) FROM records")
    assert rows[0][0] == 1


def test_a_stamp_from_far_in_the_future_is_rejected_and_moves_no_clock(central):
    desk, other = central.desk("a"), central.desk("b")
    desk.save_district(District("50", "未来", "みらい"))
    sync(desk)
    seq = desk.next_seq()
    future = hlc.make_stamp(time.time_ns() // 1_000_000 + 2 * 24 * 3600 * 1000)
    answer = push_by_hand(
        central,
        desk,
        [
            {
                "seq": seq,
                "table": "districts",
                "row_id": "50",
                "stamp": future,
                "fields": {"name": "乗っ取り"},
            }
        ],
    )
    assert answer.json()["results"] == [
        {"seq": seq, "status": "rejected", "reason": "future_stamp"}
    ]
    sync(other)
    assert [d.name for d in other.list_districts()] == ["未来"]
    assert hlc.wall_ms(other.changelog.last_stamp) < hlc.wall_ms(future) - 24 * 3600 * 1000
