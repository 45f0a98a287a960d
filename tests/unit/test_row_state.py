"""A record as the server merges it: origins made only when asked for, the same either way."""

from __future__ import annotations

import json
from types import SimpleNamespace

from kyojo_desk.central.records import BatchMerge, RowState
from kyojo_desk.sync import protocol

DESK_A, DESK_B = "desk-a", "desk-b"
ROW = "0190a7b2-1234-7abc-8def-0123456789ab"


def merge_for(desk_id: str, pull_cursor: int = 0) -> BatchMerge:
    """A merge of one desk's batch, with no database (no conflict copy is made here)."""
    desk = SimpleNamespace(desk_id=desk_id, city="uenohara")
    return BatchMerge(
        tx=None,  # type: ignore[arg-type]
        desk=desk,  # type: ignore[arg-type]
        pull_cursor=pull_cursor,
        erasures=None,  # type: ignore[arg-type]
        city_has_erasures=False,
    )


def whole(stamp: int) -> protocol.Change:
    fields = {"family_name": "山田", "given_name": "太郎", "phone": "0554-62-0001"}
    return protocol.Change(1, "residents", ROW, stamp, fields, created=True)


def test_a_record_written_whole_packs_with_one_origin_and_no_exceptions():
    state = RowState()
    assert merge_for(DESK_A).apply(whole(100), state) is None
    fields, origin, exceptions = state.pack(seq=7)
    assert json.loads(fields) == {
        "family_name": "山田",
        "given_name": "太郎",
        "phone": "0554-62-0001",
    }
    assert (origin, exceptions) == ((100, DESK_A, 7), None)
    assert state.origins == dict.fromkeys(state.values, (100, DESK_A, 7))


def test_a_field_edited_after_a_whole_write_keeps_its_own_origin():
    """Written whole (origins not made), packed, then one field edited by another desk in
    the same round: that field's origin is its own, every other field keeps the shared one.
    (Desk B has pulled the record, seq 7: not a concurrent edit.)"""
    state = RowState()
    merge_for(DESK_A).apply(whole(100), state)
    state.pack(seq=7)
    edit = protocol.Change(2, "residents", ROW, 200, {"phone": "090-0000-0000"})
    assert merge_for(DESK_B, pull_cursor=7).apply(edit, state) is None
    fields, origin, exceptions = state.pack(seq=8)
    assert json.loads(fields)["phone"] == "090-0000-0000"
    assert origin == (100, DESK_A, 7)
    assert json.loads(exceptions) == {"phone": [200, DESK_B, 8]}


def test_an_older_edit_after_a_whole_write_loses_and_says_so():
    state = RowState()
    merge_for(DESK_A).apply(whole(300), state)
    older = protocol.Change(2, "residents", ROW, 200, {"phone": "090-0000-0000"})
    merge = merge_for(DESK_A)
    result = merge.apply(older, state)
    assert result is not None and result.superseded == {"phone": ["0554-62-0001", 300, DESK_A]}
    assert state.values["phone"] == "0554-62-0001"
    assert state.pack(seq=9)[1:] == ((300, DESK_A, 9), None)
