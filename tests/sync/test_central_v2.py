"""The central server speaking protocol 2, tried as a hostile or unlucky desk would, on
127.0.0.1 with SQLite and PostgreSQL storage (the `central` fixture). Each reproduction of
issue 11 is a test here: wrong-type values, bad and future stamps, chunked bodies, an
acknowledgement beyond the server, erasure of unknown ids, requests of an old desk."""

from __future__ import annotations

import json
import math
import socket
import time

import pytest
import requests

from kyojo_desk.central.desks import DEFAULT_CITY
from kyojo_desk.central.server import BackgroundServer
from kyojo_desk.sync import protocol
from kyojo_desk.sync.fields import validate_value
from kyojo_desk.sync.hlc import make_stamp, next_stamp, receive, wall_ms
from tests.sync.v2_desk import RESIDENT, RawDesk, new_id, results_by_seq

# A training of the largest size its type allows (100 of them make a change over 64 KB).
TRAINING = {"course": "講" * 200, "date": "日" * 200}


def desks(central, *names: str, city: str = DEFAULT_CITY) -> list[RawDesk]:
    return [RawDesk(central.url, central.storage, name, city) for name in names]


def assert_all_valid(entries: list[dict]) -> None:
    for entry in entries:
        if entry["kind"] == protocol.KIND_CHANGE:
            for name, value in entry["fields"].items():
                assert validate_value(entry["table"], name, value) is None, (entry, name)


WRONG_VALUES = [
    ("residents", "family_name", {"kanji": "山田"}),
    ("residents", "family_name", ["山田"]),
    ("residents", "family_name", None),
    ("residents", "phone", 5541234567),
    ("residents", "needs_completion", True),
    ("residents", "needs_completion", 2**64),
    ("residents", "notes", "長" * 5000),
    ("residents", "kind", "alien"),
    ("residents", "birth_date", "1948-02-30"),
    ("residents", "support_needs", '["hearing"]'),
]


@pytest.mark.parametrize(("table", "name", "value"), WRONG_VALUES)
def test_a_wrong_type_value_refuses_only_its_change_and_other_desks_still_pull(
    central, table, name, value
):
    a, b = desks(central, "a", "b")
    row_id = a.create(table, RESIDENT)
    bad = a.change(table, row_id, {"given_name": "拒否される", name: value})
    good = a.change(table, row_id, {"phone": "0554-62-2222"})
    answer = a.push([bad, good])
    assert answer["acked_seq"] == good["seq"]  # the queue moves on
    assert answer["results"] == [
        {"seq": bad["seq"], "status": "rejected", "reason": "invalid_value", "field": name}
    ]
    stored = central.storage.rows(DEFAULT_CITY, table)[row_id]
    assert stored["phone"] == "0554-62-2222"  # the rest of the batch applied
    assert stored["given_name"] == "花子"  # nothing of the refused change
    entries = b.pull_all()
    assert [e["row_id"] for e in entries] == [row_id]
    assert_all_valid(entries)
    # ... and after a restart too.
    central.restart()
    b.cursor = 0
    assert_all_valid(b.pull_all())


def test_nan_and_infinity_are_refused_per_change(central):
    a, b = desks(central, "a", "b")
    row_id = a.create("help_sessions", {"minutes": 10, "topics": ["LINE"], "deleted": 0})
    changes = [
        a.change("help_sessions", row_id, {"minutes": math.nan}),
        a.change("help_sessions", row_id, {"minutes": math.inf}),
        a.change("help_sessions", row_id, {"minutes": 20}),
    ]
    # Written as Python's JSON writer does by default (NaN and Infinity, not strict JSON).
    response = a.post_push(
        data=json.dumps(a.body(changes)), headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 200, response.text
    answer = response.json()
    assert "NaN" in json.dumps(a.body(changes))
    reasons = {r["seq"]: (r["reason"], r["field"]) for r in answer["results"]}
    assert reasons == {
        changes[0]["seq"]: ("invalid_value", "minutes"),
        changes[1]["seq"]: ("invalid_value", "minutes"),
    }
    assert central.storage.rows(DEFAULT_CITY, "help_sessions")[row_id]["minutes"] == 20
    assert_all_valid(b.pull_all())


@pytest.mark.parametrize(
    "stamp",
    [
        "001796639291534:00000:01a2500b-f870-7175-affb-6cc09a7c1e0d",  # a protocol-1 stamp
        f"{make_stamp(1_796_000_000_000, 1)}\n",  # trailing newline
        str(make_stamp(1_796_000_000_000, 1)),
        True,
        0,
        -5,
        2**63,
        2**70,
        1.5e18,
        None,
        [1, 2],
    ],
)
def test_malformed_stamps_are_refused_per_change(central, stamp):
    (a,) = desks(central, "a")
    row_id = a.create("residents", RESIDENT)
    bad = a.change("residents", row_id, {"phone": "1"}, stamp=stamp)
    good = a.change("residents", row_id, {"notes": "ok"})
    answer = a.push([bad, good])
    assert results_by_seq(answer) == {
        bad["seq"]: {"seq": bad["seq"], "status": "rejected", "reason": "bad_stamp"}
    }
    assert central.storage.rows(DEFAULT_CITY, "residents")[row_id]["notes"] == "ok"


def test_a_bad_field_stamp_is_refused(central):
    (a,) = desks(central, "a")
    row_id = a.create("residents", RESIDENT)
    change = a.change("residents", row_id, {"phone": "1"}, stamps={"phone": "x"})
    unknown = a.change("residents", row_id, {"phone": "1"}, stamps={"notes": a.stamp()})
    answer = a.push([change, unknown])
    assert [r["reason"] for r in answer["results"]] == ["bad_stamp", "bad_stamp"]


def test_stamps_ahead_of_the_server_clock_beyond_the_skew_are_refused(central):
    a, b = desks(central, "a", "b")
    row_id = a.create("residents", RESIDENT)
    now = time.time_ns() // 1_000_000
    within = a.change("residents", row_id, {"phone": "1"}, stamp=make_stamp(now + 3 * 60_000))
    beyond = a.change("residents", row_id, {"notes": "x"}, stamp=make_stamp(now + 6 * 60_000))
    answer = a.push([within, beyond])
    assert results_by_seq(answer) == {
        beyond["seq"]: {"seq": beyond["seq"], "status": "rejected", "reason": "future_stamp"}
    }
    [entry] = b.pull_all()
    assert entry["fields"]["phone"] == "1"


def test_a_desk_cannot_write_as_another_desk(central):
    a, b = desks(central, "a", "b")
    body = a.body([a.change("residents", new_id(), RESIDENT, created=True)], desk_id=b.desk_id)
    response = a.post_push(body)
    assert response.status_code == 403
    assert response.json()["error"] == protocol.ERROR_AUTH
    a.next_seq = 1  # nothing was acknowledged
    # The origin of what a desk writes is the desk of the token, whatever the change says.
    row_id = a.create("residents", RESIDENT)
    [entry] = b.pull_all()
    assert (entry["row_id"], entry["desk_id"]) == (row_id, a.desk_id)


def test_unknown_tables_fields_and_rows_are_refused_per_change(central):
    (a,) = desks(central, "a")
    changes = [
        a.change("secrets", new_id(), {"x": 1}, created=True),
        a.change("residents", new_id(), {"password": "x"}, created=True),
        a.change("residents", new_id(), {"phone": "1"}),  # an update of a row never created
        a.change("residents", "not-a-uuid", {"phone": "1"}, created=True),
        a.change("residents", new_id(), {"notes": "x" * 70_000}, created=True),
        a.change("volunteers", new_id(), {"trainings": [TRAINING] * 100}, created=True),
    ]
    answer = a.push(changes)
    assert [(r["reason"], r.get("field", "")) for r in answer["results"]] == [
        ("unknown_table", ""),
        ("unknown_field", "password"),
        ("unknown_row", ""),
        ("invalid_value", "id"),
        ("invalid_value", "notes"),  # longer than its type allows
        ("too_large", ""),  # each value valid, the whole over MAX_CHANGE_BYTES
    ]
    assert answer["acked_seq"] == changes[-1]["seq"]


def test_concurrent_edits_of_different_fields_both_survive_in_one_row(central):
    a, b, c = desks(central, "a", "b", "c")
    row_id = a.create("residents", RESIDENT)
    b.pull_all()
    a.push([a.change("residents", row_id, {"phone": "0554-00-0001"})])
    b.push([b.change("residents", row_id, {"notes": "Bのメモ"})])
    stored = central.storage.rows(DEFAULT_CITY, "residents")[row_id]
    assert (stored["phone"], stored["notes"]) == ("0554-00-0001", "Bのメモ")
    with central.storage.transaction() as tx:
        rows = tx.execute("SELECT exceptions FROM records WHERE row_id = ?", [row_id])
    assert len(rows) == 1  # one row per record, the two later edits as packed exceptions
    [entry] = c.pull_all()
    assert entry["fields"]["notes"] == "Bのメモ"
    assert entry["stamps"]["notes"][1] == b.desk_id
    assert entry["stamps"]["phone"][1] == a.desk_id


def test_a_concurrent_edit_of_one_field_is_kept_as_a_conflict(central):
    a, b = desks(central, "a", "b")
    row_id = a.create("residents", RESIDENT)
    b.pull_all()
    now = time.time_ns() // 1_000_000
    early = b.change("residents", row_id, {"phone": "0554-62-2222"}, stamp=make_stamp(now))
    late = a.change("residents", row_id, {"phone": "0554-62-3333"}, stamp=make_stamp(now + 5))
    a.push([late])
    answer = b.push([early])
    [result] = answer["results"]
    assert result["superseded"] == {"phone": ["0554-62-3333", late["stamp"], a.desk_id]}
    assert answer["conflicts"] == 1
    [conflict] = central.storage.conflicts(DEFAULT_CITY)
    assert (conflict["kept_value"], conflict["lost_value"]) == ("0554-62-3333", "0554-62-2222")
    kinds = [e["kind"] for e in b.pull_all()]
    assert protocol.KIND_CONFLICT in kinds


def test_a_re_sent_batch_is_acknowledged_without_applying_twice(central):
    a, b = desks(central, "a", "b")
    row_id = new_id()
    changes = [a.change("residents", row_id, RESIDENT, created=True)]
    a.push(changes)
    again = a.push(changes, acked_seq=0)
    assert again["acked_seq"] == changes[0]["seq"]
    assert len(b.pull_all()) == 1
    different = dict(changes[0], fields={"phone": "9"})
    response = a.post_push(a.body([different], acked_seq=0))
    assert response.status_code == 409
    assert response.json()["error"] == protocol.ERROR_REENROL


def test_re_sent_changes_are_compared_with_the_pushes_that_held_them(central):
    """One row per push remembers what was sent: a re-send spanning three earlier pushes is
    acknowledged when every change is the same, and refused when one differs."""
    a, b = desks(central, "a", "b")
    changes = [a.change("residents", new_id(), RESIDENT, created=True) for _ in range(6)]
    for part in (changes[:2], changes[2:5], changes[5:]):
        a.push(part)
    with central.storage.transaction() as tx:
        rows = tx.execute(
            "SELECT first_seq, last_seq FROM received_batches WHERE desk_id = ? ORDER BY 1",
            [a.desk_id],
        )
        assert [tuple(map(int, r)) for r in rows] == [(1, 2), (3, 5), (6, 6)]
        assert not central.storage.database.table_exists(tx, "received")
    again = a.push(changes[1:], acked_seq=1)
    assert again["acked_seq"] == 6 and again["results"] == []
    assert len(b.pull_all()) == 6
    altered = [*changes[1:3], dict(changes[3], fields={"phone": "9"}), *changes[4:]]
    response = a.post_push(a.body(altered, acked_seq=1))
    assert response.status_code == 409
    assert response.json()["error"] == protocol.ERROR_REENROL


def test_changes_received_one_row_each_before_c020_are_still_compared(central):
    """A server database of before c020 holds one `received` row per change; c021 joins them
    into `received_batches`, and a re-send of those seqs is still acknowledged when the same
    and refused when different."""
    from kyojo_desk.central.migrations import migrate
    from kyojo_desk.central.records import digest

    a, b = desks(central, "a", "b")
    changes = [a.change("residents", new_id(), RESIDENT, created=True) for _ in range(2)]
    a.push(changes)
    database = central.storage.database
    with central.storage.transaction() as tx:  # the database as c020 left it
        tx.execute("DELETE FROM received_batches WHERE desk_id = ?", [a.desk_id])
        tx.execute(
            "CREATE TABLE received (desk_id TEXT NOT NULL, seq BIGINT NOT NULL,"
            " digest TEXT NOT NULL, PRIMARY KEY (desk_id, seq))"
        )
        for change in changes:
            tx.execute(
                "INSERT INTO received (desk_id, seq, digest) VALUES (?, ?, ?)",
                [a.desk_id, change["seq"], digest(protocol.Change.from_json(change))],
            )
        tx.execute("DELETE FROM central_migrations WHERE name = 'c021_received_into_batches'")
    assert migrate(database) == ["c021_received_into_batches"]
    with central.storage.transaction() as tx:
        assert not database.table_exists(tx, "received")
        rows = tx.execute(
            "SELECT first_seq, last_seq FROM received_batches WHERE desk_id = ?", [a.desk_id]
        )
        assert [tuple(map(int, row)) for row in rows] == [(1, 2)]
    assert a.push(changes, acked_seq=0)["acked_seq"] == 2
    assert len(b.pull_all()) == 2
    response = a.post_push(a.body([changes[0], dict(changes[1], created=False)], acked_seq=0))
    assert response.status_code == 409
    assert response.json()["error"] == protocol.ERROR_REENROL


def test_a_gap_in_seqs_is_refused_with_the_expected_seq(central):
    (a,) = desks(central, "a")
    a.next_seq = 5
    response = a.post_push(a.body([a.change("residents", new_id(), RESIDENT, created=True)]))
    assert response.status_code == 409
    assert response.json()["error"] == protocol.ERROR_GAP
    assert response.json()["expected_seq"] == 1


def test_an_acknowledgement_beyond_the_server_is_refused_never_a_reset(central):
    a, b = desks(central, "a", "b")
    (other_city,) = desks(central, "o", city="otsuki")
    a.create("residents", RESIDENT)
    other_city.create("residents", RESIDENT)
    epochs = {city: central.storage.epoch(city) for city in (DEFAULT_CITY, "otsuki")}
    response = a.post_push(a.body([], acked_seq=10**6))
    assert response.status_code == 409
    body = response.json()
    assert (body["error"], body["acked_seq"], body["expected_seq"]) == ("ack_ahead", 1, 2)
    assert {city: central.storage.epoch(city) for city in epochs} == epochs
    # Nobody pulls everything again: cursors stay valid.
    assert len(b.pull_all()) == 1
    assert b.pull_all() == []
    other = RawDesk(central.url, central.storage, "o2", "otsuki")
    assert len(other.pull_all()) == 1
    assert other.pull_all() == []


def test_erasure_only_of_an_existing_resident_of_the_own_city(central):
    a, b = desks(central, "a", "b")
    (stranger,) = desks(central, "x", city="otsuki")
    row_id = a.create("residents", dict(RESIDENT, notes="消す人"))
    consent = a.create(
        "consents", {"resident_id": row_id, "scopes": ["keep_record"], "witnessed_by": "受付"}
    )
    foreign = stranger.create("residents", RESIDENT)
    unknown = [a.change(protocol.ERASURE_TABLE, new_id(), {}) for _ in range(20)]
    cross_city = a.change(protocol.ERASURE_TABLE, foreign, {})
    malformed = a.change(protocol.ERASURE_TABLE, "'; DROP TABLE records; --", {})
    answer = a.push([*unknown, cross_city, malformed])
    assert {r["reason"] for r in answer["results"]} == {"unknown_row"}
    assert len(answer["results"]) == 22
    assert central.storage.compact_if_due() is False  # nothing was erased, nothing to compact
    assert "family_name" in central.storage.rows("otsuki", "residents")[foreign]

    erase = a.change(protocol.ERASURE_TABLE, row_id, {})
    answer = a.push([erase])
    assert answer["results"] == [{"seq": erase["seq"], "status": "applied", "reason": "erasure"}]
    assert central.storage.rows(DEFAULT_CITY, "residents")[row_id] == {"deleted": 1}
    assert "witnessed_by" not in central.storage.rows(DEFAULT_CITY, "consents")[consent]
    # Compaction was not run by the request: it is due, for the next background round.
    assert central.storage.compact_if_due() is True
    assert central.storage.compact_if_due() is False
    kinds = [(e["kind"], e["row_id"]) for e in b.pull_all()]
    assert (protocol.KIND_ERASURE, row_id) in kinds
    later = a.change("residents", row_id, {"notes": "戻そうとする"})
    [result] = a.push([later])["results"]
    assert (result["status"], result["resident_id"]) == ("erased", row_id)


def test_the_background_round_compacts_after_an_erasure(central):
    central.stop()
    central.storage = type(central.storage)(central.storage.database)
    server = BackgroundServer(central.storage, compaction_interval_s=0.05).start()
    try:
        a = RawDesk(server.url, central.storage, "a")
        row_id = a.create("residents", dict(RESIDENT, notes="消す"))
        a.push([a.change(protocol.ERASURE_TABLE, row_id, {})])
        deadline = time.monotonic() + 60
        while central.storage.erasures.is_due() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not central.storage.erasures.is_due()  # run by the server's own thread
    finally:
        server.stop()
    central.start()


def test_a_desk_of_protocol_1_is_told_to_update_and_keeps_its_changes(central):
    (a,) = desks(central, "a")
    old_body = {
        "desk_id": a.desk_id,
        "schema_version": 1,
        "acked_seq": 0,
        "next_seq": 2,
        "pull_cursor": 0,
        "pending": 1,
        "changes": [
            {
                "seq": 1,
                "table": "residents",
                "row_id": new_id(),
                "created": True,
                "schema_version": 1,
                "fields": {"phone": ["1", "001796639291534:00000:" + a.desk_id]},
            }
        ],
    }
    response = a.post_push(old_body)
    assert response.status_code == 426
    assert response.json()["error"] == protocol.ERROR_SCHEMA
    assert central.storage.rows(DEFAULT_CITY, "residents") == {}
    assert central.storage.desks(DEFAULT_CITY)[0]["last_seq"] == 0  # nothing acknowledged
    meta = a.session.get(central.url + protocol.META_PATH, timeout=10).json()
    assert (meta["protocol"], meta["schema_min"]) == (2, protocol.SCHEMA_MIN)


def send_chunked(
    url: str, path: str, chunk: bytes, limit_bytes: int, token: str = ""
) -> tuple[int, int]:
    """POST a chunked body of up to `limit_bytes`, chunk by chunk, stopping as soon as the
    server answers. Returns (HTTP status, bytes sent)."""
    host, port = url.removeprefix("http://").split(":")
    sock = socket.create_connection((host, int(port)), timeout=30)
    headers = f"POST {path} HTTP/1.1\r\nHost: {host}\r\nTransfer-Encoding: chunked\r\n"
    headers += "Content-Type: application/json\r\n"
    if token:
        headers += f"Authorization: Bearer {token}\r\n"
    sock.sendall((headers + "\r\n").encode())
    sent = 0
    sock.setblocking(False)
    answer = b""
    try:
        while sent < limit_bytes:
            try:
                answer += sock.recv(65536)
                if answer:
                    break
            except BlockingIOError:
                pass
            frame = f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n"
            try:
                sock.setblocking(True)
                sock.sendall(frame)
                sock.setblocking(False)
            except (BrokenPipeError, ConnectionResetError):
                break
            sent += len(chunk)
        sock.setblocking(True)
        while b"\r\n" not in answer:
            data = sock.recv(65536)
            if not data:
                break
            answer += data
    finally:
        sock.close()
    status = int(answer.split(b" ", 2)[1]) if answer.startswith(b"HTTP/") else 0
    return status, sent


def test_a_chunked_body_is_cut_off_at_the_limit_while_it_is_read(central):
    """256 MB sent chunked to /v1/enroll without a token: refused after about the limit, never
    read whole (the first design read it all and grew by half a gigabyte)."""
    status, sent = send_chunked(central.url, protocol.ENROLL_PATH, b"x" * 65536, 256 * 1024 * 1024)
    assert status == 413
    assert sent < 32 * 1024 * 1024  # stopped long before the end
    (a,) = desks(central, "a")
    status, sent = send_chunked(
        central.url, protocol.PUSH_PATH, b" " * 65536, 256 * 1024 * 1024, token=a.token
    )
    assert status == 413
    assert sent < 64 * 1024 * 1024


@pytest.mark.parametrize(
    ("path", "expected"), [("/kpi/login", 413), ("/v1/verify", 413), ("/v1/record-key", 401)]
)
def test_every_body_without_a_token_is_cut_off_while_it_is_read(central, path, expected):
    """Other routes too: a body is refused once past its limit (or, where a token is needed,
    before it is read at all)."""
    status, sent = send_chunked(central.url, path, b"x" * 65536, 256 * 1024 * 1024)
    assert status == expected
    assert sent < 32 * 1024 * 1024


def test_enrolment_is_rate_limited_per_client_address(central):
    central.stop()
    central.storage = type(central.storage)(central.storage.database)
    server = BackgroundServer(central.storage, enroll_burst=3, enroll_per_second=0.01).start()
    try:
        answers = [
            requests.post(server.url + protocol.ENROLL_PATH, json={"code": "WRONG"}, timeout=10)
            for _ in range(5)
        ]
    finally:
        server.stop()
    assert [a.status_code for a in answers] == [400, 400, 400, 429, 429]
    assert answers[3].json()["error"] == protocol.ERROR_RATE_LIMITED
    assert int(answers[3].headers["Retry-After"]) >= 1
    central.start()


def test_each_worker_process_takes_its_share_of_the_enrolment_rate(central):
    """Three worker processes with a burst of 3 in all: one process lets one through at once."""
    central.stop()
    central.storage = type(central.storage)(central.storage.database)
    server = BackgroundServer(
        central.storage, enroll_burst=3, enroll_per_second=0.01, workers=3
    ).start()
    try:
        answers = [
            requests.post(server.url + protocol.ENROLL_PATH, json={"code": "WRONG"}, timeout=10)
            for _ in range(3)
        ]
    finally:
        server.stop()
    assert [a.status_code for a in answers] == [400, 429, 429]
    central.start()


def test_pull_pages_follow_the_city_sequence_without_gaps(central):
    a, b = desks(central, "a", "b")
    ids = []
    for start in range(0, 1200, 400):
        batch = [
            a.change("residents", new_id(), dict(RESIDENT, notes=str(i)), created=True)
            for i in range(start, start + 400)
        ]
        ids += [c["row_id"] for c in batch]
        a.push(batch)
    pages = []
    while True:
        page = b.session.get(
            central.url + protocol.PULL_PATH, params={"since": b.cursor, "limit": 500}, timeout=30
        ).json()
        pages.append(len(page["entries"]))
        b.cursor = page["next_since"]
        if not page["has_more"]:
            break
    assert pages[:2] == [500, 500]
    assert sum(pages) == 1200
    assert a.pull_all() == []  # a desk's own records are not sent back to it


def test_a_desk_is_not_sent_back_records_whose_every_field_it_wrote(central):
    """Records the pusher created and then edited field by field (their fields carry several
    of its stamps) do not come back to it, while the other desk receives them whole."""
    a, b = desks(central, "a", "b")
    row_ids = [a.create("residents", RESIDENT) for _ in range(3)]
    a.push([a.change("residents", row_ids[0], {"phone": "090-1"})])
    a.push(
        [
            a.change("residents", row_ids[1], {"notes": "一"}),
            a.change("residents", row_ids[1], {"phone": "090-2"}),
        ]
    )
    stored = central.storage.rows(DEFAULT_CITY, "residents")
    assert stored[row_ids[0]]["phone"] == "090-1" and stored[row_ids[1]]["notes"] == "一"
    assert a.pull_all() == []
    pulled = {e["row_id"]: e for e in b.pull_all() if e["kind"] == protocol.KIND_CHANGE}
    assert sorted(pulled) == sorted(row_ids)
    assert pulled[row_ids[1]]["fields"]["phone"] == "090-2"
    # The fields with stamps of their own are listed, each with the pusher as origin.
    assert {origin for _, origin in pulled[row_ids[1]]["stamps"].values()} == {a.desk_id}


def test_a_desk_receives_every_record_holding_another_desks_field(central):
    """A record the pusher wrote all but one field of (another desk's edit, older or newer
    than the pusher's) still comes to it, with that field and its origin."""
    a, b = desks(central, "a", "b")
    created_by_a, created_by_b = a.create("residents", RESIDENT), b.create("residents", RESIDENT)
    a.pull_all()
    b.pull_all()
    b.push([b.change("residents", created_by_a, {"notes": "Bの記入"})])
    a.push([a.change("residents", created_by_a, {"phone": "090-3"})])
    # a then overwrites every field of b's record but one
    a.push(
        [a.change("residents", created_by_b, {n: v for n, v in RESIDENT.items() if n != "phone"})]
    )
    entries = {e["row_id"]: e for e in a.pull_all() if e["kind"] == protocol.KIND_CHANGE}
    assert sorted(entries) == sorted([created_by_a, created_by_b])
    assert entries[created_by_a]["fields"]["notes"] == "Bの記入"
    assert entries[created_by_a]["stamps"]["notes"][1] == b.desk_id
    held_by_b = [
        name
        for name in entries[created_by_b]["fields"]
        if entries[created_by_b]["stamps"].get(name, [0, entries[created_by_b]["desk_id"]])[1]
        == b.desk_id
    ]
    assert held_by_b == ["phone"]


def test_a_full_last_page_says_nothing_more_follows(central):
    """1 000 records in pages of 500: the second page is full and is the last, so no empty
    page is asked for after it."""
    a, b = desks(central, "a", "b")
    for start in range(0, 1000, 500):
        a.push(
            [
                a.change("residents", new_id(), dict(RESIDENT, notes=str(i)), created=True)
                for i in range(start, start + 500)
            ]
        )
    answers = []
    while True:
        page = b.session.get(
            central.url + protocol.PULL_PATH, params={"since": b.cursor, "limit": 500}, timeout=30
        ).json()
        answers.append((len(page["entries"]), page["has_more"]))
        b.cursor = page["next_since"]
        if not page["has_more"]:
            break
    assert answers == [(500, True), (500, False)]
    assert b.pull_all() == []


def test_stamps_keep_order_across_desks_with_the_desk_id_breaking_ties(central):
    a, b, c = desks(central, "a", "b", "c")
    row_id = a.create("residents", RESIDENT)
    b.pull_all()
    stamp = next_stamp(max(a.last_stamp, b.last_stamp), time.time_ns() // 1_000_000)
    a.push([a.change("residents", row_id, {"phone": "A"}, stamp=stamp)])
    b.push([b.change("residents", row_id, {"phone": "B"}, stamp=stamp)])
    winner = "A" if a.desk_id > b.desk_id else "B"
    assert central.storage.rows(DEFAULT_CITY, "residents")[row_id]["phone"] == winner
    [entry] = [e for e in c.pull_all() if e["kind"] == protocol.KIND_CHANGE]
    assert entry["fields"]["phone"] == winner


def test_a_50000_row_import_behind_a_desk_3_minutes_fast_loses_nothing(central):
    """The reproduction of issue 11: one desk's clock 3 minutes fast (allowed), another desk
    that has seen its stamps imports 50 000 rows. Its counter passes 65 535 many times over;
    every stamp stays valid and ahead of the last, and the server applies every change."""
    fast, importer, reader = desks(central, "fast", "importer", "reader")
    now = time.time_ns() // 1_000_000
    # The fast desk had itself written 40 000 rows within that millisecond of its clock.
    fast_stamp = make_stamp(now + 3 * 60_000, 40_000)
    fast.push([fast.change("residents", new_id(), RESIDENT, created=True, stamp=fast_stamp)])
    importer.pull_all()
    importer.last_stamp = receive(importer.last_stamp, fast_stamp, now)
    ids, stamps = [], []
    for _ in range(100):
        batch = []
        for _ in range(500):
            row_id = new_id()
            ids.append(row_id)
            # The import runs within one wall-clock millisecond of the slow desk's clock.
            importer.last_stamp = next_stamp(importer.last_stamp, now)
            stamps.append(importer.last_stamp)
            batch.append(
                importer.change(
                    "residents", row_id, RESIDENT, created=True, stamp=importer.last_stamp
                )
            )
        answer = importer.push(batch)
        assert answer["results"] == []
    assert all(b > a for a, b in zip(stamps, stamps[1:], strict=False))
    # The counter really passed its limit: the wall part moved on by a millisecond.
    assert wall_ms(stamps[-1]) == wall_ms(stamps[0]) + 1 == now + 3 * 60_000 + 1
    assert importer.acked_seq == 50_000
    assert set(ids) <= set(central.storage.rows(DEFAULT_CITY, "residents"))
    pulled = {e["row_id"] for e in reader.pull_all() if e["kind"] == protocol.KIND_CHANGE}
    assert set(ids) <= pulled


def test_districts_are_named_by_their_codes(central):
    a, b = desks(central, "a", "b")
    district = {"name": "上野原", "reading": "うえのはら", "sort_order": 1, "deleted": 0}
    a.create("districts", district, row_id="08")
    bad = [
        a.change("districts", code, district, created=True)
        for code in ("", "0 8", "08\n", "地区", "x" * 65)
    ]
    answer = a.push(bad)
    assert [(r["reason"], r["field"]) for r in answer["results"]] == [("invalid_value", "id")] * 5
    assert set(central.storage.rows(DEFAULT_CITY, "districts")) == {"08"}
    assert [e["row_id"] for e in b.pull_all()] == ["08"]


def test_no_trace_of_an_erased_person_stays_in_the_server_files(central):
    (a,) = desks(central, "a")
    traces = ["消去太郎XQ", "けしょたろXQ", "0554-99-4242", "残らないメモZZQ"]
    person = dict(
        RESIDENT,
        family_name=traces[0],
        family_reading=traces[1],
        phone=traces[2],
        notes=traces[3],
    )
    row_id = a.create("residents", person)
    later = a.change("residents", row_id, {"notes": traces[3] + "2"})
    a.push([later])
    a.push([a.change(protocol.ERASURE_TABLE, row_id, {})])
    assert central.storage.compact_if_due()  # the background round
    if central.backend == "sqlite":
        from pathlib import Path

        from kyojo_desk.central.storage import sqlite_path

        database = Path(sqlite_path(central.db_url))
        files = [p for p in database.parent.iterdir() if p.name.startswith(database.name)]
        found = [(p.name, t) for p in files for t in traces if t.encode("utf-8") in p.read_bytes()]
    else:
        found = []
        with central.storage.transaction() as tx:
            for table in ("records", "city_log", "conflicts", "received_batches"):
                for trace in traces:
                    hits = tx.one(
                        f"SELECT count(*) FROM {table} t WHERE t::text LIKE ?", [f"%{trace}%"]
                    )[0]
                    if hits:
                        found.append((table, trace))
    assert found == []
