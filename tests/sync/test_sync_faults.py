"""Faults on the wire and in the desk process (scenarios 1, 2, 3, 10 and 11 of the sync issue)."""

from __future__ import annotations

import http.server
import json
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import requests
from requests.adapters import HTTPAdapter

from kyojo_desk.errors import SyncError, SyncErrorKind
from kyojo_desk.store import Store
from kyojo_desk.sync import client as client_module
from kyojo_desk.sync import protocol
from kyojo_desk.sync.engine import enroll
from tests.sync.conftest import desk_data, register, server_matches, sync

REPO = Path(__file__).resolve().parents[2]


class WireTap(HTTPAdapter):
    """Real requests to the real server, with a hook on each answer (to drop or count it)."""

    def __init__(self, on_answer) -> None:
        super().__init__()
        self.on_answer = on_answer

    def send(self, request, **kwargs):
        response = super().send(request, **kwargs)
        # Read whole here (the desk reads answers as they stream in), so the hook and the
        # test can look at it after the desk has.
        response.content  # noqa: B018
        self.on_answer(request, response)
        return response


def tapped_session(on_answer) -> requests.Session:
    session = requests.Session()
    session.mount("http://", WireTap(on_answer))
    return session


def records_written_more_than_once(central, city: str = "default") -> int:
    """How many more record writes the city's server sequence counted than it holds records:
    0 when every record was written once (a change applied twice would count again)."""
    with central.storage.transaction() as tx:
        last_seq = tx.one("SELECT last_seq FROM city_state WHERE city = ?", [city])[0]
        records = tx.one("SELECT count(*) FROM records WHERE city = ?", [city])[0]
        logged = tx.one("SELECT count(*) FROM city_log WHERE city = ?", [city])[0]
    return last_seq - records - logged


def test_answer_lost_after_the_server_committed_a_push_makes_no_duplicate(central):
    """1. The connection drops after the push is committed; the retry is acknowledged again."""
    desk, other = central.desk("a"), central.desk("b")
    resident_id = register(desk, phone="0554-11-2222")
    dropped: list[int] = []

    def drop_first_push_answer(request, response):
        if request.url.endswith(protocol.PUSH_PATH) and not dropped:
            dropped.append(response.status_code)
            response.close()
            raise requests.ConnectionError("connection dropped before the answer was read")

    report = sync(desk, session=tapped_session(drop_first_push_answer))
    assert dropped == [200]  # the server had answered: the push was committed
    assert desk.pending_changes() == 0
    assert report.pushed >= 2
    assert records_written_more_than_once(central) == 0
    assert central.storage.rows("default", "residents")[resident_id]["phone"] == "0554-11-2222"
    assert len(central.storage.rows("default", "residents")) == 1
    sync(other)
    assert desk_data(other) == desk_data(desk)


def run_crashing_desk(path: Path, *args: str) -> int:
    return subprocess.run(
        [sys.executable, "-m", "tests.sync.crashing_desk", str(path), *args],
        cwd=REPO,
        capture_output=True,
        timeout=120,
    ).returncode


def test_crash_after_fetching_a_page_leaves_the_cursor_and_applies_it_once_later(central):
    """2. The desk dies after a pull page arrived and before applying it."""
    source = central.desk("a")
    ids = [register(source, family_name=f"田中{i}") for i in range(5)]
    sync(source)
    target = central.desk("b")
    path = target.path
    target.close()
    assert run_crashing_desk(path, "after-fetch") == 3
    with Store.open(path) as reopened:
        assert reopened.pull_cursor() == 0
        assert reopened.db.execute("SELECT count(*) FROM residents").fetchone()[0] == 0
        report = sync(reopened)
        assert report.pulled == 10  # five residents and their consents, once
        assert sorted(r.id for r in reopened.list_residents()) == sorted(ids)
        assert reopened.db.execute("SELECT count(*) FROM residents").fetchone()[0] == 5
        assert server_matches(central, reopened) == []


def test_desk_killed_while_applying_a_page_rolls_back_and_syncs_cleanly(central):
    """3. SIGKILL in the middle of applying a page: nothing of the page stays, cursor too."""
    source = central.desk("a")
    for i in range(40):
        register(source, family_name=f"佐藤{i}")
    sync(source)
    target = central.desk("b")
    path = target.path
    target.close()
    assert run_crashing_desk(path, "mid-apply", "25") == -9
    with Store.open(path) as reopened:
        assert reopened.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert reopened.pull_cursor() == 0
        assert reopened.db.execute("SELECT count(*) FROM residents").fetchone()[0] == 0
        assert reopened.db.execute("SELECT count(*) FROM resident_index").fetchone()[0] == 0
        sync(reopened)
        assert reopened.count_residents() == 40
        assert desk_data(reopened) == desk_data(source)


def test_permanent_rejection_and_temporary_failure_in_one_session(central):
    """10. A change that can never apply is rejected without blocking; a 503 is retried."""
    desk = central.desk("a")
    central.restart(lock_timeout_ms=200)
    first = register(desk, family_name="前")
    with desk.transaction():
        # A kind of record this server does not know: it can never apply.
        desk.changelog.record("no_such_kind", "x-1", {"deleted": 0}, created=True)
    after = register(desk, family_name="後")
    release = threading.Event()
    locked = threading.Event()

    def hold_the_database_lock():
        if central.backend == "sqlite":
            import sqlite3

            from kyojo_desk.central.storage import sqlite_path

            conn = sqlite3.connect(sqlite_path(central.db_url), isolation_level=None)
            conn.execute("BEGIN IMMEDIATE")
            locked.set()
            release.wait(60)
            conn.execute("ROLLBACK")
            conn.close()
        else:
            import psycopg

            with psycopg.connect(central.db_url) as conn:
                conn.execute("LOCK TABLE desks IN ACCESS EXCLUSIVE MODE")
                locked.set()
                release.wait(60)
                conn.rollback()

    holder = threading.Thread(target=hold_the_database_lock)
    holder.start()
    locked.wait(10)
    statuses = []

    def release_after_first_503(request, response):
        statuses.append(response.status_code)
        if response.status_code == 503:
            release.set()

    try:
        report = sync(desk, session=tapped_session(release_after_first_503))
    finally:
        release.set()
        holder.join()
    assert 503 in statuses and statuses[-1] == 200
    assert len(report.rejected) == 1 and report.rejected_now == 1
    assert [r["reason"] for r in desk.rejections()] == ["unknown_table"]
    assert desk.pending_changes() == 0
    server = central.storage.rows("default", "residents")
    assert {first, after} <= set(server)


def test_too_large_batch_is_split_and_an_oversized_change_rejected_alone(central):
    """11. A 413 halves the batch; a change too large to ever apply is rejected by itself."""
    desk, other = central.desk("a"), central.desk("b")
    ids = [register(desk, family_name=f"鈴木{i}") for i in range(20)]
    big_note = "長いメモ" * 900  # ~11 KB of UTF-8, within the field's 4000 characters
    for resident_id in ids:
        desk.write("residents", resident_id, {"notes": big_note + resident_id})
    oversized = ids[3]
    desk.write("residents", oversized, {"phone": "0" * (protocol.MAX_CHANGE_BYTES + 10)})
    unsendable = ids[4]
    desk.write("residents", unsendable, {"given_name": "x" * (protocol.MAX_PUSH_BYTES + 10)})
    desk.write("residents", ids[5], {"phone": "0554-62-0005"})
    statuses = []
    report = sync(desk, session=tapped_session(lambda req, resp: statuses.append(resp.status_code)))
    assert 413 in statuses
    assert len(report.rejected) == 2
    # The overlong phone is refused as a value of its field (far beyond its 40 characters);
    # the name too large for any request is refused by the desk itself, alone.
    refused = {r["row_id"]: (r["field"], r["reason"]) for r in desk.rejections()}
    assert refused == {oversized: ("phone", "invalid_value"), unsendable: ("", "too_large")}
    assert desk.pending_changes() == 0
    server = central.storage.rows("default", "residents")
    assert all(server[i]["notes"] == big_note + i for i in ids)
    assert server[ids[5]]["phone"] == "0554-62-0005"
    assert server[oversized].get("phone", "") == ""
    sync(other)
    assert other.get_resident(ids[5]).phone == "0554-62-0005"


def answers_rewritten(path: str, rewrite, seen: list) -> requests.Session:
    """A session whose answers from `path` are rewritten (`rewrite(request, answer)` gives
    the JSON the desk reads instead); each such request is noted in `seen`, and a desk asking
    more than 20 times (round after round of the same answer) fails the test."""

    def on_answer(request, response):
        if path in request.url:
            seen.append(request.url)
            if len(seen) > 20:
                raise AssertionError(f"the desk kept asking {path}")
            answer = rewrite(request, json.loads(response.content))
            response._content = json.dumps(answer).encode()

    return tapped_session(on_answer)


def test_a_page_that_says_more_follow_but_does_not_move_on_stops_the_round(central):
    """A server (or a proxy) that answers every pull with "more follow" and the cursor it was
    asked from would have the desk ask for the same page for ever: the round stops with the
    server's message, nothing is lost, and a sound answer later brings everything."""
    desk, other = central.desk("a"), central.desk("b")
    resident_id = register(desk, phone="0554-11-3333")
    sync(desk)
    pulls: list[str] = []

    def a_page_that_stays(request, page):
        since = int(request.url.split("since=")[1].split("&")[0])
        return {**page, "entries": [], "next_since": since, "has_more": True}

    with pytest.raises(SyncError) as stopped:
        sync(other, session=answers_rewritten(protocol.PULL_PATH, a_page_that_stays, pulls))
    assert stopped.value.kind == SyncErrorKind.SERVER
    assert "サーバー" in str(stopped.value) and "変更は端末に残っています" in str(stopped.value)
    assert len(pulls) == 1
    assert other.pull_cursor() == 0
    report = sync(other)
    assert report.pulled >= 1
    assert desk_data(other) == desk_data(desk)
    assert other.get_resident(resident_id).phone == "0554-11-3333"


@pytest.mark.parametrize("acked", ["nothing of the batch", "changes never made"])
def test_a_push_answer_that_acknowledges_what_it_cannot_is_not_taken(central, acked):
    """An answer acknowledging none of the batch would have the desk send it for ever; one
    acknowledging seqs the desk never made would prune its outbox of changes never sent. The
    round stops with the server's message, the outbox is as it was, and the next sound round
    sends all of it."""
    desk, other = central.desk("a"), central.desk("b")
    resident_id = register(desk, phone="0554-11-4444")
    pending = desk.pending_changes()
    pushes: list[str] = []

    def acknowledged_wrongly(request, answer):
        body = json.loads(request.body)
        wrong = body["acked_seq"] if acked == "nothing of the batch" else body["next_seq"] + 10**6
        return {**answer, "results": [], "acked_seq": wrong}

    with pytest.raises(SyncError) as stopped:
        sync(desk, session=answers_rewritten(protocol.PUSH_PATH, acknowledged_wrongly, pushes))
    assert stopped.value.kind == SyncErrorKind.SERVER
    assert len(pushes) == 1
    assert desk.pending_changes() == pending and desk.acked_seq() == 0
    report = sync(desk)
    assert report.pushed == pending and desk.pending_changes() == 0
    sync(other)
    assert other.get_resident(resident_id).phone == "0554-11-4444"
    assert desk_data(other) == desk_data(desk)


class LoginPage(http.server.BaseHTTPRequestHandler):
    """A Wi-Fi login page: every address answered 200 with `body`, as such pages do."""

    body = b"<html><body>Wi-Fi login</body></html>"
    encoding = ""  # a Content-Encoding to claim, when not ""

    def do_GET(self) -> None:
        self.answer()

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.answer()

    def answer(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(self.body)))
        if self.encoding:
            self.send_header("Content-Encoding", self.encoding)
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, *args) -> None:
        pass


@pytest.mark.parametrize(
    ("body", "kind", "encoding"),
    [
        (b"<html><body>Wi-Fi login</body></html>", SyncErrorKind.NETWORK, ""),
        (b"[1, 2]", SyncErrorKind.NETWORK, ""),
        (b'{"epoch": "e1"}', SyncErrorKind.SERVER, ""),
        (
            b'{"server_time_ms": "soon", "schema_min": 1, "schema_max": 9, "epoch": "e"}',
            SyncErrorKind.SERVER,
            "",
        ),
        (b"not compressed at all", SyncErrorKind.SERVER, "gzip"),
    ],
)
def test_a_page_that_is_not_the_server_stops_sync_and_enrolment_with_a_message(
    tmp_path, body, kind, encoding
):
    """A login page between the desk and the server (or a server answering what it should
    not, or claiming a compression its answer does not have): a plain message, not a crash,
    and the desk's changes stay."""
    handler = type("Page", (LoginPage,), {"body": body, "encoding": encoding})
    page = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=page.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{page.server_address[1]}"
    try:
        desk = Store.open(tmp_path / "desk.db", None)
        desk.adopt_enrolment(url, "01a25000-0000-7000-8000-0000000000aa", "token", "e1", "")
        register(desk, phone="0554-11-5555")
        pending = desk.pending_changes()
        for attempt in (lambda: sync(desk, retries=0), lambda: enroll(desk, url, "CODE")):
            with pytest.raises(SyncError) as stopped:
                attempt()
            assert stopped.value.kind == kind
            assert "変更は端末に残っています" in str(stopped.value)
        assert desk.pending_changes() == pending and desk.acked_seq() == 0
        assert desk.desk_id == "01a25000-0000-7000-8000-0000000000aa"
        desk.close()
    finally:
        page.shutdown()


def test_a_push_answer_that_is_not_one_stops_the_round_and_keeps_the_outbox(central):
    desk = central.desk("a")
    register(desk, phone="0554-11-6666")
    pending = desk.pending_changes()

    pushes: list[str] = []
    something_else = answers_rewritten(
        protocol.PUSH_PATH, lambda request, answer: {"acked": "all of it"}, pushes
    )
    with pytest.raises(SyncError) as stopped:
        sync(desk, session=something_else)
    assert stopped.value.kind == SyncErrorKind.SERVER
    assert desk.pending_changes() == pending and desk.acked_seq() == 0
    assert sync(desk).pushed == pending


class EndlessAnswer(http.server.BaseHTTPRequestHandler):
    """An answer as good as endless: chunk after chunk, `pause` seconds apart, until twice
    the size or time the desk is allowed to read (then it ends, not as JSON: a desk that
    read it all would say it was not the server's page, and the test would see that)."""

    protocol_version = "HTTP/1.1"
    pause = 0.0

    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        piece = b"[" * 64 * 1024 if not self.pause else b"["
        sent, started = 0, time.monotonic()
        try:
            while sent <= 2 * client_module.MAX_ANSWER_BYTES and (
                time.monotonic() - started <= 2 * client_module.ANSWER_DEADLINE_S
            ):
                self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
                self.wfile.flush()
                sent += len(piece)
                time.sleep(self.pause)
            self.wfile.write(b"0\r\n\r\n")
        except (BrokenPipeError, ConnectionResetError):
            pass

    def log_message(self, *args) -> None:
        pass


@pytest.mark.parametrize("pause", [0.0, 0.05], ids=["without end", "a byte at a time"])
def test_an_answer_without_end_stops_the_round_instead_of_holding_the_desk(
    tmp_path, monkeypatch, pause
):
    """A body without end is read only up to the largest answer a server gives, and a body
    that trickles in only for so long: the round stops with the server's message."""
    monkeypatch.setattr(client_module, "MAX_ANSWER_BYTES", 4 * 1024 * 1024)
    monkeypatch.setattr(client_module, "ANSWER_DEADLINE_S", 1.0)
    handler = type("Endless", (EndlessAnswer,), {"pause": pause})
    endless = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    endless.daemon_threads = True
    threading.Thread(target=endless.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{endless.server_address[1]}"
    try:
        desk = Store.open(tmp_path / "desk.db", None)
        desk.adopt_enrolment(url, "01a25000-0000-7000-8000-0000000000aa", "token", "e1", "")
        with pytest.raises(SyncError) as stopped:
            sync(desk, retries=0)
        assert stopped.value.kind == SyncErrorKind.SERVER
        desk.close()
    finally:
        endless.shutdown()


class Busy(http.server.BaseHTTPRequestHandler):
    """A server that is always busy and asks to be tried again in 30 s."""

    def do_GET(self) -> None:
        self.send_response(503)
        self.send_header("Retry-After", "30")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args) -> None:
        pass


def test_a_round_asked_to_stop_ends_without_waiting_out_its_pauses(tmp_path):
    """A window closing while the round waits to try a busy server again: the pause ends at
    once and the round stops, its changes kept."""
    busy = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Busy)
    threading.Thread(target=busy.serve_forever, daemon=True).start()
    stop = threading.Event()
    try:
        desk = Store.open(tmp_path / "desk.db", None)
        url = f"http://127.0.0.1:{busy.server_address[1]}"
        desk.adopt_enrolment(url, "01a25000-0000-7000-8000-0000000000aa", "token", "e1", "")
        register(desk, phone="0554-11-7777")
        pending = desk.pending_changes()
        threading.Timer(0.3, stop.set).start()
        with pytest.raises(SyncError) as stopped:
            sync(desk, retries=1, stop=stop)
        assert str(stopped.value) == client_module.STOPPED_MESSAGE
        assert desk.pending_changes() == pending
        with pytest.raises(SyncError) as again:  # asked to stop: not even begun
            sync(desk, retries=1, stop=stop)
        assert str(again.value) == client_module.STOPPED_MESSAGE
        desk.close()
    finally:
        busy.shutdown()


def test_a_pull_stopped_between_pages_keeps_whole_pages_and_goes_on_next_time(central):
    """Stopped while pulling: every page applied is whole with its cursor, and the next round
    brings the rest."""
    from tests.sync.test_sync_round_trips import make_people  # it imports this module

    desk, other = central.desk("a"), central.desk("b")
    make_people(desk, protocol.MAX_PULL_LIMIT + 200)
    sync(desk)
    stop = threading.Event()

    def stop_at_the_first_page(stage: str, count: int) -> None:
        if stage == "pulled-page":
            stop.set()

    with pytest.raises(SyncError) as stopped:
        sync(other, stop=stop, progress=stop_at_the_first_page)
    assert str(stopped.value) == client_module.STOPPED_MESSAGE
    cursor = other.pull_cursor()
    residents = other.db.execute("SELECT count(*) FROM residents").fetchone()[0]
    assert residents < protocol.MAX_PULL_LIMIT + 200
    assert cursor == 0 or residents > 0
    report = sync(other)
    assert report.pulled >= 1
    assert desk_data(other) == desk_data(desk)
