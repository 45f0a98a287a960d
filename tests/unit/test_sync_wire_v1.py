"""Speaking protocol 1 to a central server of release 0.1 (kyojo_desk/sync/wire_v1.py)."""

from __future__ import annotations

from kyojo_desk.sync import hlc, protocol, wire_v1

DESK = "01a25000-0000-7000-8000-0000000000aa"
OTHER = "01a25000-0000-7000-8000-0000000000bb"


def test_a_server_without_a_protocol_in_its_meta_speaks_protocol_1():
    assert not wire_v1.speaks_v2({"epoch": "e"})
    assert wire_v1.speaks_v2({"protocol": 2})


def test_a_push_goes_out_with_values_as_stored_and_one_stamp_text_per_field():
    stamp = hlc.make_stamp(1_765_000_000_000, 65_535)
    change = protocol.Change(
        seq=3,
        table="residents",
        row_id="r1",
        stamp=stamp,
        fields={"support_needs": ["hearing"], "phone": "0554"},
        stamps={"phone": stamp - 1},
        created=True,
    )
    body = protocol.PushRequest(desk_id=DESK, changes=[change]).to_json()
    [sent] = wire_v1.push_body(body)["changes"]
    assert sent["fields"]["support_needs"] == ['["hearing"]', f"001765000000000:65535:{DESK}"]
    assert sent["fields"]["phone"][1] == f"001765000000000:65534:{DESK}"
    assert "protocol" not in wire_v1.push_body(body)
    # Read back as the server's migration reads them: the same integer stamps.
    assert hlc.from_v1_stamp(sent["fields"]["support_needs"][1]) == (stamp, DESK)


def test_pulled_entries_and_superseded_values_come_back_as_protocol_2():
    newer = f"001765000000002:00000:{OTHER}"
    older = f"001765000000001:00007:{OTHER}"
    entry = protocol.PulledEntry.from_json(
        {
            "server_seq": 9,
            "kind": "change",
            "table": "residents",
            "row_id": "r1",
            "desk_id": OTHER,
            "fields": {"support_needs": ['["large_print"]', newer], "phone": ["1", older]},
        }
    )
    bad = protocol.PulledEntry.from_json(
        {
            "server_seq": 10,
            "kind": "change",
            "table": "residents",
            "row_id": "r2",
            "fields": {"phone": ["1", "not a stamp"]},
        }
    )
    wire_v1.pull_page(protocol.PullPage("e", [entry, bad], 10, False))
    assert entry.fields == {"support_needs": ["large_print"], "phone": "1"}
    assert (entry.stamp, entry.desk_id) == hlc.from_v1_stamp(newer)
    assert entry.stamps == {"phone": list(hlc.from_v1_stamp(older))}
    assert bad.stamp == 0  # quarantined by the desk as bad_stamp
    change = protocol.Change(seq=4, table="residents", row_id="r1", stamp=1, fields={})
    answer = protocol.PushAnswer(
        acked_seq=4,
        results=[protocol.ChangeResult(4, "applied", superseded={"phone": ["2", newer]})],
    )
    wire_v1.push_answer(answer, [change])
    assert answer.results[0].superseded == {"phone": ["2", *hlc.from_v1_stamp(newer)]}


def test_an_unreadable_superseded_value_of_protocol_1_is_passed_on_as_it_came():
    """The desk keeps it aside as malformed (tests/unit/test_sync_desk_storage.py), instead
    of losing the value the server kept; results for seqs the batch did not send are left."""
    change = protocol.Change(seq=4, table="residents", row_id="r1", stamp=1, fields={})
    answer = protocol.PushAnswer(
        acked_seq=4,
        results=[
            protocol.ChangeResult(4, "applied", superseded={"phone": ["2", "not a stamp"]}),
            protocol.ChangeResult(9, "applied", superseded={"phone": ["3", "not a stamp"]}),
        ],
    )
    wire_v1.push_answer(answer, [change])
    assert answer.results[0].superseded == {"phone": ["2", "not a stamp"]}
    assert answer.results[1].superseded == {}
