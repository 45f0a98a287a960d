"""Payload shapes of sync protocol 2 (kyojo_desk.sync.protocol)."""

from __future__ import annotations

import pytest

from kyojo_desk.sync import protocol
from kyojo_desk.sync.hlc import make_stamp

STAMP = make_stamp(1_765_000_000_000, 3)


def test_change_round_trips_and_sends_only_differing_stamps() -> None:
    change = protocol.Change(
        seq=4,
        table="residents",
        row_id="0193e1a0-0000-7000-8000-000000000001",
        stamp=STAMP,
        fields={"phone": "0554-62-1111", "support_needs": ["hearing"]},
        stamps={"phone": STAMP - 1},
        created=True,
    )
    data = change.to_json()
    assert data["stamp"] == STAMP
    assert data["stamps"] == {"phone": STAMP - 1}
    again = protocol.Change.from_json(data)
    assert again == change
    assert again.stamp_of("phone") == STAMP - 1
    assert again.stamp_of("support_needs") == STAMP
    assert "stamps" not in protocol.Change(1, "residents", "x", STAMP, {}).to_json()


def test_digest_tells_different_changes_under_one_seq() -> None:
    """A desk's stamps never repeat: another change under the same seq differs in its stamp,
    row or fields named, and the fingerprint covers those."""
    one = protocol.Change(1, "residents", "x", STAMP, {"phone": "1", "notes": "a"})
    assert one.digest() == protocol.Change.from_json(one.to_json()).digest()
    reordered = protocol.Change(1, "residents", "x", STAMP, {"notes": "a", "phone": "1"})
    assert one.digest() == reordered.digest()
    for other in (
        protocol.Change(1, "residents", "x", STAMP + 1, {"phone": "1", "notes": "a"}),
        protocol.Change(1, "residents", "y", STAMP, {"phone": "1", "notes": "a"}),
        protocol.Change(1, "consents", "x", STAMP, {"phone": "1", "notes": "a"}),
        protocol.Change(1, "residents", "x", STAMP, {"phone": "1"}),
        protocol.Change(1, "residents", "x", STAMP, {"phone": "1", "notes": "a"}, created=True),
        protocol.Change(1, "residents", "x", STAMP, {"phone": "1", "notes": "a"}, {"phone": 5}),
    ):
        assert one.digest() != other.digest(), other


def test_size_and_the_largest_change_of_a_table() -> None:
    change = protocol.Change(1, "residents", "x", STAMP, {"notes": "長" * 4000})
    assert change.size() > 12_000
    assert protocol.largest_change("residents") >= change.size()
    assert protocol.largest_change("volunteers") > protocol.MAX_CHANGE_BYTES


@pytest.mark.parametrize(
    "data",
    [
        [],
        "change",
        {"table": "residents", "row_id": "x", "stamp": STAMP, "fields": {}},
        {"seq": "1", "table": "residents", "row_id": "x", "stamp": STAMP, "fields": {}},
        {"seq": True, "table": "residents", "row_id": "x", "stamp": STAMP, "fields": {}},
        {"seq": 1, "table": 5, "row_id": "x", "stamp": STAMP, "fields": {}},
        {"seq": 1, "table": "residents", "row_id": None, "stamp": STAMP, "fields": {}},
        {"seq": 1, "table": "residents", "row_id": "x", "stamp": STAMP, "fields": []},
        {"seq": 1, "table": "residents", "row_id": "x", "stamp": STAMP, "stamps": [1]},
        {"seq": 1, "table": "residents", "row_id": "x", "stamp": STAMP, "created": "yes"},
    ],
)
def test_malformed_changes_are_value_errors(data: object) -> None:
    with pytest.raises(ValueError):
        protocol.Change.from_json(data)


@pytest.mark.parametrize("stamp", [None, "1", True, 0, -5, 2**63, 1.5])
def test_bad_stamps_are_found_per_change(stamp: object) -> None:
    change = protocol.Change.from_json(
        {"seq": 1, "table": "residents", "row_id": "x", "stamp": stamp, "fields": {}}
    )
    assert not change.stamps_valid()
    good = protocol.Change(1, "residents", "x", STAMP, {"phone": "1"}, stamps={"phone": stamp})
    assert not good.stamps_valid()


def test_push_request_carries_the_protocol_version() -> None:
    body = protocol.PushRequest("desk", [protocol.Change(1, "residents", "x", STAMP, {})])
    data = body.to_json()
    assert data["protocol"] == protocol.PROTOCOL_VERSION == 2
    assert data["changes"][0]["seq"] == 1


def test_pulled_entry_gives_each_fields_stamp_and_origin() -> None:
    entry = protocol.PulledEntry.from_json(
        {
            "server_seq": 9,
            "kind": "change",
            "table": "residents",
            "row_id": "x",
            "desk_id": "desk-a",
            "stamp": STAMP,
            "fields": {"phone": "1", "notes": "n"},
            "stamps": {"notes": [STAMP - 7, "desk-b"]},
        }
    )
    assert entry.stamp_of("phone") == (STAMP, "desk-a")
    assert entry.stamp_of("notes") == (STAMP - 7, "desk-b")
    assert protocol.PulledEntry.from_json(entry.to_json()) == entry
