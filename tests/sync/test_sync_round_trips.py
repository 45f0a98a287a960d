"""How a round talks to the server: pushes end with the last batch the server took whole, the
next push batch is read while the server stores the one before, pull pages are fetched one
ahead while the previous one is applied, a desk is not sent back its own records, bodies travel
as UTF-8 JSON, and a round of 1 000 edits takes few requests."""

from __future__ import annotations

import json
import math
import threading
import uuid
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import requests

from kyojo_desk.errors import SyncError, SyncErrorKind
from kyojo_desk.ids import uuid7
from kyojo_desk.store import Store
from kyojo_desk.sync import client as sync_client
from kyojo_desk.sync import json_text, protocol
from kyojo_desk.sync.client import decode_json, encode_json
from tests.sync.conftest import after_this_millisecond, desk_data, server_matches, sync
from tests.sync.test_sync_faults import records_written_more_than_once, tapped_session

SHARED = {
    "scopes": ["keep_record", "share_with_city"],
    "method": "signed_paper",
    "witnessed_by": "受付 花子",
}


def make_people(store: Store, count: int) -> list[str]:
    """`count` residents who share with the city (two changes each: resident and consent)."""
    ids = [uuid7() for _ in range(count)]
    store.create_rows(
        "residents",
        [
            (row_id, {"family_name": f"山田{i}", "family_reading": "やまだ", "phone": ""})
            for i, row_id in enumerate(ids)
        ],
    )
    store.create_rows("consents", [(uuid7(), {"resident_id": row_id, **SHARED}) for row_id in ids])
    return ids


def test_push_sends_no_empty_batch_after_the_last_one(central):
    """1 200 changes go in three pushes (500, 500, 200) and no fourth, empty one; a desk with
    nothing to send, whose mark the server's meta confirms, does not push at all."""
    desk, other = central.desk("a"), central.desk("b")
    make_people(desk, 600)
    pushed: list[int] = []

    def count_pushes(request, response):
        if request.url.endswith(protocol.PUSH_PATH):
            pushed.append(len(json.loads(request.body)["changes"]))

    report = sync(desk, session=tapped_session(count_pushes))
    assert pushed == [500, 500, 200]
    assert report.pushed == 1200 and desk.pending_changes() == 0
    assert server_matches(central, desk) == []
    pushed.clear()
    sync(other, session=tapped_session(count_pushes))
    assert pushed == []
    assert desk_data(other) == desk_data(desk)


def test_pages_are_fetched_one_ahead_and_applied_in_order(central, monkeypatch):
    """The next page arrives while the page before is being applied; each pull asks from where
    the page before it ended, and the other desk ends with every row."""
    desk, other = central.desk("a"), central.desk("b")
    make_people(desk, protocol.MAX_PULL_LIMIT + 100)  # two changes each: three pages
    sync(desk)
    asked: list[int] = []
    answered: list[tuple[int, bool]] = []
    second_page_arrived = threading.Event()
    seen_while_applying: list[bool] = []

    def note_pulls(request, response):
        if urlsplit(request.url).path == protocol.PULL_PATH:
            asked.append(int(parse_qs(urlsplit(request.url).query)["since"][0]))
            page = response.json()
            answered.append((page["next_since"], page["has_more"]))
            if len(asked) == 2:
                second_page_arrived.set()

    def wait_for_the_next_page(_store: Store, _row_ids: list[str]) -> None:
        if not seen_while_applying:  # inside the first page's transaction
            seen_while_applying.append(second_page_arrived.wait(timeout=30))

    hooks = dict(Store.after_write)
    hooks["residents"] = [*hooks.get("residents", []), wait_for_the_next_page]
    monkeypatch.setattr(Store, "after_write", hooks)
    report = sync(other, session=tapped_session(note_pulls))
    assert seen_while_applying == [True]
    assert report.pulled == 2 * protocol.MAX_PULL_LIMIT + 200
    assert len(asked) == 3  # a full page, a full page, 200
    assert asked[0] == 0
    assert asked[1:] == [next_since for next_since, _ in answered[:-1]]
    assert [has_more for _, has_more in answered] == [True, True, False]
    assert other.pull_cursor() == answered[-1][0]
    assert desk_data(other) == desk_data(desk)


def test_the_page_fetched_ahead_is_read_once_the_page_before_commits(central, monkeypatch):
    """The next page's answer arrives while a page is written, but its JSON is read only once
    that page commits (reading holds the interpreter the row-by-row writing needs)."""
    desk, other = central.desk("a"), central.desk("b")
    make_people(desk, protocol.MAX_PULL_LIMIT // 2 + 100)  # a full page and 200 more
    sync(desk)
    pulls_answered: list[str] = []
    second_page_arrived = threading.Event()
    reads: list[int] = []
    second_page_read = threading.Event()
    read_while_writing: list[bool] = []

    def note_pulls(request, response):
        if urlsplit(request.url).path == protocol.PULL_PATH:
            pulls_answered.append(request.url)
            if len(pulls_answered) == 2:
                second_page_arrived.set()

    real_decode = sync_client.decode_json

    def noting_reads(content: bytes) -> Any:
        body = real_decode(content)
        if isinstance(body, dict) and "entries" in body:
            reads.append(len(body["entries"]))
            if len(reads) == 2:
                second_page_read.set()
        return body

    def while_writing_the_first_page(_store: Store, _row_ids: list[str]) -> None:
        if not read_while_writing:
            assert second_page_arrived.wait(timeout=30)
            read_while_writing.append(second_page_read.wait(timeout=1))

    monkeypatch.setattr(sync_client, "decode_json", noting_reads)
    hooks = dict(Store.after_write)
    hooks["residents"] = [*hooks.get("residents", []), while_writing_the_first_page]
    monkeypatch.setattr(Store, "after_write", hooks)
    report = sync(other, session=tapped_session(note_pulls))
    assert read_while_writing == [False]  # arrived, and left unread until the commit
    assert reads == [protocol.MAX_PULL_LIMIT, 200]
    assert report.pulled == protocol.MAX_PULL_LIMIT + 200
    assert desk_data(other) == desk_data(desk)


def test_a_page_fetched_ahead_that_fails_stops_the_round_after_the_page_before(central):
    """The second page cannot be fetched (the connection drops every time): the first page is
    applied with its cursor, the round stops with a network error, and the next round brings
    the rest, nothing lost or doubled."""
    desk, other = central.desk("a"), central.desk("b")
    make_people(desk, protocol.MAX_PULL_LIMIT // 2 + 100)  # a full page and 200 more
    sync(desk)
    pulls: list[str] = []

    def drop_later_pulls(request, response):
        if urlsplit(request.url).path == protocol.PULL_PATH:
            pulls.append(request.url)
            if len(pulls) > 1:
                response.close()
                raise requests.ConnectionError("connection dropped")

    with pytest.raises(SyncError) as stopped:
        sync(other, session=tapped_session(drop_later_pulls), retries=1)
    assert stopped.value.kind == SyncErrorKind.NETWORK
    first_page_end = other.pull_cursor()
    assert first_page_end > 0
    applied = sum(
        other.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        for table in ("residents", "consents")
    )
    assert applied == protocol.MAX_PULL_LIMIT
    report = sync(other)
    assert report.pulled == 200
    assert desk_data(other) == desk_data(desk)


def test_push_body_is_compact_utf8_json():
    body = {"changes": [{"fields": {"family_name": "山田"}}]}
    encoded = encode_json(body)
    assert "山田".encode() in encoded and b"\\u" not in encoded and b" " not in encoded
    assert json.loads(encoded) == body


def test_text_utf8_cannot_hold_is_sent_escaped_for_the_server_to_refuse():
    """A lone surrogate cannot be UTF-8: the body is escaped instead of the push failing, so the
    server refuses only that change (bad_text)."""
    body = {"row_id": str(uuid.uuid4()), "fields": {"notes": "a\ud800"}}
    encoded = encode_json(body)
    assert encoded.isascii()
    assert json.loads(encoded) == body


def test_text_utf8_can_hold_is_the_same_json_by_either_writer(monkeypatch):
    """orjson (when present) and the standard library write bodies that read back alike."""
    body = {"changes": [{"seq": 1, "fields": {"name": "髙橋", "needs": [], "n": None}}]}
    fast = encode_json(body)
    monkeypatch.setattr(sync_client, "orjson", None)
    assert json.loads(fast) == json.loads(encode_json(body)) == body


@pytest.mark.parametrize("value", [math.nan, math.inf, 1.5, [{"x": -math.inf}], 2**70])
def test_a_float_or_a_huge_integer_is_written_as_python_writes_it(value):
    """Floats (NaN and infinity above all, which orjson would write as null, a value a
    nullable field takes) and integers beyond 64 bits reach the server as written by the
    standard library, so it refuses that change alone."""
    body = {"changes": [{"seq": 1, "fields": {"notes": value}}]}
    assert encode_json(body) == json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()


@pytest.mark.parametrize(
    "text",
    [
        '{"entries":[{"fields":{"name":"髙橋𠮷","needs":[],"n":null,"x":-0,"y":1e400}}]}',
        '{"fields":{"notes":NaN,"a":Infinity,"b":-Infinity}}',
        '{"stamp":123456789012345678901234567890,"seq":18446744073709551615}',
        '{"a":18446744073709551616,"b":-9223372036854775809}',
        '{"stamp":-9223372036854775809}',
        '{"notes":"a\\ud800 b\\udfff"}',
        '{"a":1,"a":2}',
        '{"fields":{"f":1.5,"g":0.1,"h":-2.5e-8}}',
    ],
)
def test_an_answer_reads_the_same_with_or_without_orjson(text, monkeypatch):
    """Pulled pages are read by orjson where it can; what it refuses (NaN, integers beyond 64
    bits, lone surrogates) is read by the standard library, so a bad entry still arrives as
    the server sent it, for quarantine."""
    fast = decode_json(text.encode())
    monkeypatch.setattr(json_text, "orjson", None)
    plain = decode_json(text.encode())
    assert json.dumps(fast, sort_keys=True) == json.dumps(plain, sort_keys=True)
    assert json.dumps(plain, sort_keys=True) == json.dumps(json.loads(text), sort_keys=True)


def test_an_answer_neither_reader_can_read_is_a_value_error():
    with pytest.raises(ValueError):
        decode_json(b"<html>502 Bad Gateway</html>")
    with pytest.raises(ValueError):
        decode_json(b"\xff\xfe{")


def answers_of(path: str, requests_made: list[tuple[Any, Any]]) -> list[dict[str, Any]]:
    return [
        response.json() for request, response in requests_made if urlsplit(request.url).path == path
    ]


def edit_phones(store: Store, ids: list[str]) -> None:
    with store.transaction():
        for i, row_id in enumerate(ids):
            store.write("residents", row_id, {"phone": f"090-0000-{i:04d}"})


def test_a_round_of_1000_edits_takes_few_requests_and_brings_back_nothing_of_its_own(central):
    """The pusher: meta and two pushes of 500, the last answer carrying the (empty) first pull
    page, none of its own edits in it; the other desk: meta (which confirms the server holds
    all it sent) and one full pull page, which says it is the last."""
    desk, other = central.desk("a"), central.desk("b")
    ids = make_people(desk, 1000)
    sync(desk)
    sync(other)
    edit_phones(desk, ids)
    requests_made: list[tuple[str, int]] = []

    def note(request, response):
        path = urlsplit(request.url).path
        size = len(json.loads(request.body)["changes"]) if path == protocol.PUSH_PATH else 0
        requests_made.append((path, size))

    pushed = sync(desk, session=tapped_session(note))
    assert pushed.pushed == 1000 and pushed.pulled == 0
    assert requests_made == [
        (protocol.META_PATH, 0),
        (protocol.PUSH_PATH, 500),
        (protocol.PUSH_PATH, 500),
    ]
    requests_made.clear()
    pulled = sync(other, session=tapped_session(note))
    assert pulled.pulled == 1000
    assert requests_made == [
        (protocol.META_PATH, 0),
        (protocol.PULL_PATH, 0),
    ]
    assert desk_data(other) == desk_data(desk)


def test_the_pusher_receives_a_record_holding_another_desks_field(central):
    """Of two records the pusher edited, the one another desk also edited (another field)
    comes back with that desk's value; the one only the pusher wrote does not."""
    desk, other = central.desk("a"), central.desk("b")
    ids = make_people(desk, 2)
    sync(desk)
    sync(other)
    after_this_millisecond()
    other.write("residents", ids[0], {"notes": "別の端末の記入"})
    sync(other)
    edit_phones(desk, ids)
    report = sync(desk)
    assert report.pulled == 1
    assert desk.get_resident(ids[0]).notes == "別の端末の記入"
    sync(other)
    assert desk_data(other) == desk_data(desk)


def test_the_next_batch_is_read_while_the_server_stores_the_one_before(central, monkeypatch):
    """The second batch is read from the outbox before the answer to the first reaches the
    desk (the first answer is held until then; a desk that read only after each answer would
    never get there), and the batches are answered one after the other, in order."""
    desk = central.desk("a")
    make_people(desk, 600)
    events: list[str] = []
    read = Store.outbox_after

    def noting_read(store: Store, seq: int, limit: int):
        events.append(f"read after {seq}")
        return read(store, seq, limit)

    def hold_the_first_answer(request, response):
        if urlsplit(request.url).path == protocol.PUSH_PATH:
            if not any(e.startswith("answer") for e in events):
                for _ in range(500):
                    if "read after 500" in events:
                        break
                    threading.Event().wait(0.01)
            events.append(f"answer for {json.loads(request.body)['changes'][0]['seq']}")

    monkeypatch.setattr(Store, "outbox_after", noting_read)
    report = sync(desk, session=tapped_session(hold_the_first_answer))
    assert report.pushed == 1200
    assert events[:3] == ["read after 0", "read after 500", "answer for 1"]
    assert [e for e in events if e.startswith("answer")] == [
        "answer for 1",
        "answer for 501",
        "answer for 1001",
    ]
    assert server_matches(central, desk) == []


def test_a_push_interrupted_midway_sends_the_unanswered_batches_again_and_loses_nothing(central):
    """The connection drops on the second batch (after it was read ahead): the first stays
    acknowledged, nothing more counts as sent, and the next round sends the rest once."""
    desk, other = central.desk("a"), central.desk("b")
    make_people(desk, 750)
    pushes: list[int] = []

    def drop_second_push(request, response):
        if urlsplit(request.url).path == protocol.PUSH_PATH:
            pushes.append(json.loads(request.body)["changes"][0]["seq"])
            if len(pushes) == 2:
                response.close()
                raise requests.ConnectionError("connection dropped")

    with pytest.raises(SyncError) as stopped:
        sync(desk, session=tapped_session(drop_second_push), retries=0)
    assert stopped.value.kind == SyncErrorKind.NETWORK
    assert pushes == [1, 501]
    assert desk.acked_seq() == 500 and desk.pending_changes() == 1000
    pushes.clear()
    report = sync(desk, session=tapped_session(drop_second_push))
    assert report.pushed == 1000  # the dropped batch again (its answer was lost), then the rest
    assert desk.pending_changes() == 0
    assert records_written_more_than_once(central) == 0
    assert server_matches(central, desk) == []
    sync(other)
    assert desk_data(other) == desk_data(desk)


@pytest.mark.parametrize("server_mark", ["behind", "ahead", "unsaid"])
def test_a_desk_with_nothing_waiting_pushes_when_meta_does_not_confirm_its_mark(
    central, monkeypatch, server_mark
):
    """Meta naming a mark below the desk's (the server restored from a backup), above it (an
    answer lost), or none (an older server): the desk pushes, and the server's answer settles
    it; nothing is lost."""
    desk = central.desk("a")
    make_people(desk, 3)
    sync(desk)
    assert desk.acked_seq() == 6 and desk.pending_changes() == 0
    meta = sync_client.CentralClient.meta

    def changed_meta(client):
        answer = meta(client)
        if server_mark == "unsaid":
            del answer["acked_seq"]
        else:
            answer["acked_seq"] += -1 if server_mark == "behind" else 1
        return answer

    monkeypatch.setattr(sync_client.CentralClient, "meta", changed_meta)
    pushed: list[int] = []

    def count_pushes(request, response):
        if request.url.endswith(protocol.PUSH_PATH):
            pushed.append(len(json.loads(request.body)["changes"]))

    sync(desk, session=tapped_session(count_pushes))
    assert pushed == [0]
    assert desk.acked_seq() == 6 and server_matches(central, desk) == []


def test_the_last_push_answer_carries_the_first_pull_page_and_pulls_go_on_from_it(central):
    """A desk with a page and more of another desk's changes to receive pushes its own edits:
    only its last push asks for the pull page, whose answer brings the first full page (more
    follow), and the one pull after it asks from where that page ends."""
    desk, other = central.desk("a"), central.desk("b")
    ids = make_people(desk, 300)
    sync(desk)
    make_people(other, protocol.MAX_PULL_LIMIT // 2 + 100)
    sync(other)
    edit_phones(desk, ids)
    requests_made: list[tuple[Any, Any]] = []
    report = sync(desk, session=tapped_session(lambda q, a: requests_made.append((q, a))))
    assert report.pushed == 300 and report.pulled == protocol.MAX_PULL_LIMIT + 200
    paths = [urlsplit(q.url).path for q, _ in requests_made]
    assert paths == [protocol.META_PATH, protocol.PUSH_PATH, protocol.PULL_PATH]
    (push_body,) = [json.loads(q.body) for q, _ in requests_made if q.body]
    assert push_body["pull_page"] is True
    (answer,) = answers_of(protocol.PUSH_PATH, requests_made)
    assert (
        len(answer["pull"]["entries"]) == protocol.MAX_PULL_LIMIT
        and answer["pull"]["has_more"] is True
    )
    (pull_request,) = [q for q, _ in requests_made if urlsplit(q.url).path == protocol.PULL_PATH]
    since = int(parse_qs(urlsplit(pull_request.url).query)["since"][0])
    assert since == answer["pull"]["next_since"]
    assert desk.pull_cursor() == answers_of(protocol.PULL_PATH, requests_made)[0]["next_since"]
    sync(other)
    assert desk_data(other) == desk_data(desk)


def test_only_the_last_batch_asks_for_the_pull_page(central):
    desk = central.desk("a")
    make_people(desk, 600)
    asked: list[bool] = []

    def note(request, response):
        if urlsplit(request.url).path == protocol.PUSH_PATH:
            asked.append(json.loads(request.body).get("pull_page", False))
            assert ("pull" in response.json()) is asked[-1]

    sync(desk, session=tapped_session(note))
    assert asked == [False, False, True]


def test_a_server_that_carries_no_pull_page_is_pulled_from_as_before(central):
    """A server that ignores `pull_page` (before it was added) answers without a page: the
    desk asks for the page itself, and receives everything."""
    desk, other = central.desk("a"), central.desk("b")
    make_people(other, 10)
    sync(other)
    make_people(desk, 10)
    paths: list[str] = []

    def strip_the_page(request, response):
        paths.append(urlsplit(request.url).path)
        if paths[-1] == protocol.PUSH_PATH:
            answer = response.json()
            del answer["pull"]
            response._content = json.dumps(answer).encode()

    report = sync(desk, session=tapped_session(strip_the_page))
    assert report.pulled == 20
    assert paths == [protocol.META_PATH, protocol.PUSH_PATH, protocol.PULL_PATH]
    sync(other)
    assert desk_data(other) == desk_data(desk)


def test_a_desk_that_does_not_ask_gets_no_pull_page(central):
    """Desks before `pull_page` was added never ask, and their answers stay as they were."""
    desk = central.desk("a")
    make_people(desk, 2)
    answers: list[dict[str, Any]] = []

    def without_asking(request, response):
        if urlsplit(request.url).path == protocol.PUSH_PATH:
            answers.append(response.json())

    body = protocol.PushRequest(
        desk_id=desk.desk_id,
        changes=desk.outbox_after(0, 500),
        next_seq=desk.next_seq(),
        pending=desk.pending_changes(),
    ).to_json()
    assert "pull_page" not in body
    client = sync_client.CentralClient(
        desk.server_url(), desk.desk_token(), session=tapped_session(without_asking)
    )
    assert client.push(body).acked_seq == 4
    assert set(answers[0]) == {"acked_seq", "results", "conflicts"}
