"""A record as the server merges it: origins made only when asked for, the same either way."""

from __future__ import annotations

import json
from collections import Counter
from types import SimpleNamespace

from hypothesis import given, settings
from hypothesis import strategies as st

from kyojo_desk.central import wire
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


# -- the record without `origins` made, against the record as a plain dict of origins ------

NAMES = ("family_name", "given_name", "phone", "district", "notes", "deleted")
STORED_SEQ_MAX = 50  # seqs given when packing are above every stored one, as in a push

stored_origins = st.tuples(
    st.integers(1, 4), st.sampled_from((DESK_A, DESK_B)), st.integers(1, STORED_SEQ_MAX)
)
batch_origins = st.tuples(st.integers(1, 4), st.sampled_from((DESK_A, DESK_B)), st.none())
field_values = st.one_of(
    st.none(), st.integers(-3, 3), st.text(max_size=3), st.lists(st.text(max_size=2), max_size=2)
)
operations = st.lists(
    st.one_of(
        st.tuples(
            st.just("whole"), batch_origins, st.dictionaries(st.sampled_from(NAMES), field_values)
        ),
        st.tuples(st.just("set"), st.sampled_from(NAMES), field_values, batch_origins),
        st.tuples(st.just("pack"), st.one_of(st.none(), st.integers(STORED_SEQ_MAX + 1, 99))),
        st.tuples(st.just("origins")),
    ),
    max_size=12,
)


class PlainRecord:
    """Values and every field's origin in one dict, packed by counting: what RowState must
    give whichever way it keeps its origins."""

    def __init__(self, values: dict, origins: dict) -> None:
        self.values, self.origins = values, origins

    def pack(self, seq: int | None) -> tuple:
        if seq is not None:
            self.origins = {
                name: origin if origin[2] is not None else (origin[0], origin[1], seq)
                for name, origin in self.origins.items()
            }
        counts = Counter(self.origins.values())
        values_text = wire.canonical_stored(self.values)
        if len(counts) == 1:
            return values_text, next(iter(counts)), None
        base = max(counts, key=counts.__getitem__) if counts else (0, "", 0)
        exceptions = {name: list(o) for name, o in self.origins.items() if o != base}
        return values_text, base, wire.canonical_stored(exceptions) if exceptions else None


@settings(max_examples=400, deadline=None)
@given(
    stored=st.one_of(
        st.none(),
        st.tuples(
            st.dictionaries(st.sampled_from(NAMES), field_values),
            stored_origins,
            st.dictionaries(st.sampled_from(NAMES), stored_origins, max_size=3),
        ),
    ),
    steps=operations,
)
def test_origins_kept_shared_pack_and_read_as_a_plain_dict_of_them(stored, steps):
    if stored is None:
        state, plain = RowState(), PlainRecord({}, {})
    else:
        values, (stamp, desk, seq), own = stored
        state = RowState.unpack(
            json.dumps(values),
            stamp,
            desk,
            seq,
            json.dumps({name: list(origin) for name, origin in own.items()}) if own else None,
        )
        origins = dict.fromkeys(values, (stamp, desk, seq)) | own
        plain = PlainRecord(dict(values), origins)
    for step in steps:
        if step[0] == "whole":
            if state.has_origins() or plain.origins:
                continue  # a whole write is only for a record without origins (merge.apply)
            _, origin, fields = step
            state.values = dict(fields)
            state.share_origin(origin)
            plain.values, plain.origins = dict(fields), dict.fromkeys(fields, origin)
        elif step[0] == "set":
            _, name, value, origin = step
            state.values[name] = value
            state.set_origin(name, origin)
            plain.values[name] = value
            plain.origins[name] = origin
        elif step[0] == "pack":
            assert state.pack(step[1]) == plain.pack(step[1])
        else:
            assert state.origins == plain.origins
        for name in NAMES:
            assert state.origin_of(name) == plain.origins.get(name)
    assert state.pack(STORED_SEQ_MAX + 100) == plain.pack(STORED_SEQ_MAX + 100)
