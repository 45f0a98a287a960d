"""How a round talks to the server: pushes end with the last batch the server took whole, pull
pages are fetched one ahead while the previous one is applied, bodies travel as UTF-8 JSON."""

from __future__ import annotations

import json
import threading
import uuid
from urllib.parse import parse_qs, urlsplit

import pytest
import requests

from kyojo_desk.errors import SyncError, SyncErrorKind
from kyojo_desk.ids import uuid7
from kyojo_desk.store import Store
from kyojo_desk.sync import protocol
from kyojo_desk.sync.client import encode_json
from tests.sync.conftest import desk_data, server_matches, sync
from tests.sync.test_sync_faults import tapped_session

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
    nothing to send still pushes once, so the server hears from it."""
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
    assert pushed == [0]
    assert desk_data(other) == desk_data(desk)


def test_pages_are_fetched_one_ahead_and_applied_in_order(central, monkeypatch):
    """The next page arrives while the page before is being applied; each pull asks from where
    the page before it ended, and the other desk ends with every row."""
    desk, other = central.desk("a"), central.desk("b")
    make_people(desk, 600)
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
    assert report.pulled == 1200
    assert len(asked) == 3  # 500 + 500 + 200
    assert asked[0] == 0
    assert asked[1:] == [next_since for next_since, _ in answered[:-1]]
    assert [has_more for _, has_more in answered] == [True, True, False]
    assert other.pull_cursor() == answered[-1][0]
    assert desk_data(other) == desk_data(desk)


def test_a_page_fetched_ahead_that_fails_stops_the_round_after_the_page_before(central):
    """The second page cannot be fetched (the connection drops every time): the first page is
    applied with its cursor, the round stops with a network error, and the next round brings
    the rest, nothing lost or doubled."""
    desk, other = central.desk("a"), central.desk("b")
    make_people(desk, 600)
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
    assert applied == 500
    report = sync(other)
    assert report.pulled == 700
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
