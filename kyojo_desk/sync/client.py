"""HTTP calls to the central server (requests), with retries and errors the desk understands.

Temporary failures (no connection, timeouts, 5xx) are retried with growing pauses; whatever
is still failing after that, and every refusal, becomes a SyncError whose message can be shown
to the volunteer as it is. Two refusals are for the engine to act on: BatchTooLarge (413:
send fewer at once) and SequenceGap (409: send from the seq the server expects).
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from typing import Any

import requests

try:
    import orjson
except ImportError:  # the standard library writes the same JSON, only slower
    orjson = None  # type: ignore[assignment]

from kyojo_desk.errors import SyncError, SyncErrorKind
from kyojo_desk.sync import protocol
from kyojo_desk.sync.json_text import loads as decode_json  # answers read as json reads them
from kyojo_desk.texts import N_, message


class BatchTooLarge(Exception):
    """The server refused the request as too large (413)."""


class SequenceGap(Exception):
    """The server expects changes from `expected_seq` on (409 gap)."""

    def __init__(self, expected_seq: int) -> None:
        super().__init__(f"expected seq {expected_seq}")
        self.expected_seq = expected_seq


NETWORK_MESSAGE = N_(
    "サーバーにつながりません。インターネット接続を確かめてください。変更は端末に残っています。"
)
NOT_THE_SERVER_MESSAGE = N_(
    "サーバーではないページが応答しました。Wi-Fiのログイン画面などが出ていないか確かめてください。"
    "変更は端末に残っています。"
)
# The largest answer a sound server gives is a full pull page of changes of the largest size,
# with a push's results; and the longest it may take to arrive, however slowly it trickles.
MAX_ANSWER_BYTES = 2 * protocol.MAX_PULL_LIMIT * protocol.MAX_CHANGE_BYTES
ANSWER_DEADLINE_S = 600.0
ANSWER_CHUNK_BYTES = 256 * 1024
STOPPED_MESSAGE = N_("同期を途中で止めました。変更は端末に残っていて、次の同期で送ります。")
# The numbers of the server's meta a round reads (each an integer).
META_NUMBERS = ("server_time_ms", "schema_min", "schema_max")
SERVER_MESSAGE = N_(
    "サーバーが応答しません。しばらくしてからもう一度同期してください。変更は端末に残っています。"
)


class CentralClient:
    """One desk's connection to the central server."""

    def __init__(
        self,
        base_url: str,
        token: str | None = None,
        *,
        session: requests.Session | None = None,
        timeout_s: float = 30.0,
        retries: int = 4,
        backoff_s: float = 0.5,
        sleep: Callable[[float], None] = time.sleep,
        stop: threading.Event | None = None,
    ) -> None:
        """`stop`: once set (the desk's window is closing), no request is begun, a pause
        between attempts ends and an answer is no longer read: SyncError(STOPPED_MESSAGE).
        A request already waiting on the network ends within its timeout."""
        self.base_url = base_url.rstrip("/")
        self.stop = stop
        self.token = token
        self.session = session or requests.Session()
        self.timeout_s = timeout_s
        self.retries = retries
        self.backoff_s = backoff_s
        self.sleep = sleep
        self.retried = 0  # how many attempts were repeated (shown in reports and tests)

    def _request(
        self,
        method: str,
        path: str,
        before_reading: Callable[[], None] | None = None,
        **kwargs: Any,
    ) -> dict[str, Any]:
        """One request with retries; its answer's JSON. `before_reading`: called once the
        answer has arrived, before its JSON is read."""
        headers = kwargs.pop("headers", {})
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        url = self.base_url + path
        for attempt in range(self.retries + 1):
            last_attempt = attempt == self.retries
            self.check_stop()
            try:
                response = self.session.request(
                    method, url, headers=headers, timeout=self.timeout_s, stream=True, **kwargs
                )
                if response.status_code >= 500:
                    response.close()
                    if last_attempt:
                        raise SyncError(SyncErrorKind.SERVER, SERVER_MESSAGE)
                    self._pause(attempt, response.headers.get("Retry-After"))
                    continue
                content = read_answer(response, stop=self.stop)
            except (requests.ConnectionError, requests.Timeout) as error:
                if last_attempt:
                    raise SyncError(SyncErrorKind.NETWORK, NETWORK_MESSAGE) from error
                self._pause(attempt)
                continue
            return self._answer(response, content, before_reading)
        raise SyncError(SyncErrorKind.SERVER, SERVER_MESSAGE)

    def check_stop(self) -> None:
        """SyncError(STOPPED_MESSAGE) once the round has been asked to stop."""
        if self.stop is not None and self.stop.is_set():
            raise SyncError(SyncErrorKind.NETWORK, STOPPED_MESSAGE)

    def _pause(self, attempt: int, retry_after: str | None = None) -> None:
        self.retried += 1
        pause = self.backoff_s * (2**attempt)
        if retry_after and retry_after.isdigit():
            pause = max(pause, min(float(retry_after), 30.0))
        if self.stop is None:
            self.sleep(pause)
        elif self.stop.wait(pause):
            self.check_stop()

    def _answer(
        self,
        response: requests.Response,
        content: bytes,
        before_reading: Callable[[], None] | None = None,
    ) -> dict[str, Any]:
        if before_reading is not None:
            before_reading()
        try:
            body = decode_json(content)
        except ValueError:
            body = None
        if response.status_code < 300:
            if not isinstance(body, dict):
                # Every answer of the server is a JSON object: this is another page, as a
                # Wi-Fi login page answers every address until someone signs in.
                raise SyncError(SyncErrorKind.NETWORK, NOT_THE_SERVER_MESSAGE)
            return body
        body = body if isinstance(body, dict) else {}
        code = body.get("error", "")
        text = body.get("message", "")
        text = text if isinstance(text, str) else ""
        status = response.status_code
        if status == 413:
            raise BatchTooLarge(text)
        if status == 409 and code in (protocol.ERROR_GAP, protocol.ERROR_ACK_AHEAD):
            expected = body.get("expected_seq")
            if type(expected) is not int or expected < 1:
                raise SyncError(SyncErrorKind.SERVER, text or SERVER_MESSAGE)
            raise SequenceGap(expected)
        if status == 409 and code == protocol.ERROR_REENROL:
            raise SyncError(SyncErrorKind.REENROL, text)
        if status in (401, 403):
            raise SyncError(
                SyncErrorKind.AUTH, text or N_("この端末はサーバーに認められていません。")
            )
        if status == 426 or code == protocol.ERROR_SCHEMA:
            raise SyncError(
                SyncErrorKind.SCHEMA,
                text or N_("ソフトウェアが古いため同期できません。更新してください。"),
            )
        if code == protocol.ERROR_ENROLL:
            raise SyncError(SyncErrorKind.AUTH, text)
        raise SyncError(
            SyncErrorKind.SERVER,
            text or message("サーバーが要求を受け付けませんでした({status})。", status=status),
        )

    def enroll(self, code: str) -> dict[str, str]:
        """Exchange a one-time code for {desk_id, token, epoch, city}."""
        answer = self._request("POST", protocol.ENROLL_PATH, json={"code": code})
        answer.setdefault("city", "")
        if not all(
            isinstance(answer.get(key), str) and answer[key]
            for key in ("desk_id", "token", "epoch")
        ) or not isinstance(answer["city"], str):
            raise SyncError(SyncErrorKind.SERVER, SERVER_MESSAGE)
        return answer

    def meta(self) -> dict[str, Any]:
        """The server's meta, its numbers checked (what the round reads of it)."""
        meta = self._request("GET", protocol.META_PATH)
        if not (
            all(type(meta.get(key)) is int for key in META_NUMBERS)
            and isinstance(meta.get("epoch"), str)
        ):
            raise SyncError(SyncErrorKind.SERVER, SERVER_MESSAGE)
        return meta

    def push(self, body: dict[str, Any] | bytes) -> protocol.PushAnswer:
        """Send one push body (a dict, or its JSON already encoded by `encode_json`)."""
        answer = self._request(
            "POST",
            protocol.PUSH_PATH,
            data=body if isinstance(body, bytes) else encode_json(body),
            headers={"Content-Type": "application/json"},
        )
        try:
            return protocol.PushAnswer.from_json(answer)
        except (KeyError, TypeError, ValueError, AttributeError):
            raise SyncError(SyncErrorKind.SERVER, SERVER_MESSAGE) from None

    def pull(
        self,
        since: int,
        limit: int = protocol.MAX_PULL_LIMIT,
        before_reading: Callable[[], None] | None = None,
    ) -> tuple[protocol.PullPage, list[Any]]:
        """One page, and the entries in it that could not even be read (kept by the desk in
        quarantine, so one bad entry never stops the pull). `before_reading`: as for
        `_request`."""
        return read_pull_page(
            self._request(
                "GET",
                protocol.PULL_PATH,
                before_reading,
                params={"since": since, "limit": limit},
            )
        )


def read_answer(
    response: requests.Response,
    limit: int | None = None,
    deadline_s: float | None = None,
    stop: threading.Event | None = None,
) -> bytes:
    """An answer's body, read as it comes, up to `limit` bytes and `deadline_s` seconds
    (MAX_ANSWER_BYTES and ANSWER_DEADLINE_S unless given), and only until `stop` is set: a
    body without end, or one that trickles in a byte at a time (each within the read
    timeout), stops the round instead of holding the desk for ever. Raises requests'
    ConnectionError when the connection fails while reading (retried as any other)."""
    limit = MAX_ANSWER_BYTES if limit is None else limit
    deadline_s = ANSWER_DEADLINE_S if deadline_s is None else deadline_s
    started = time.monotonic()
    chunks: list[bytes] = []
    size = 0
    try:
        for chunk in response.iter_content(chunk_size=ANSWER_CHUNK_BYTES):
            size += len(chunk)
            if size > limit or time.monotonic() - started > deadline_s:
                raise SyncError(SyncErrorKind.SERVER, SERVER_MESSAGE)
            if stop is not None and stop.is_set():
                raise SyncError(SyncErrorKind.NETWORK, STOPPED_MESSAGE)
            chunks.append(chunk)
    except requests.exceptions.ChunkedEncodingError as error:
        raise requests.ConnectionError(str(error)) from error
    except requests.exceptions.ContentDecodingError:
        # Compressed and not readable as such: no answer of the server.
        raise SyncError(SyncErrorKind.SERVER, SERVER_MESSAGE) from None
    finally:
        response.close()
    return b"".join(chunks)


def encode_json(body: Any) -> bytes:
    """A request body as compact UTF-8 JSON: a third smaller than ASCII-escaped Japanese, and
    quicker for the server to read. Text that UTF-8 cannot hold (a lone surrogate) is sent
    escaped instead, so the server refuses that one change rather than the desk failing the
    whole push. NaN and infinity are written as Python writes them: the server reads them and
    refuses only the change that holds one.

    orjson writes the same JSON some twenty times faster, but it writes NaN and infinity as
    null (which a nullable field would take) and refuses lone surrogates and integers beyond
    64 bits: a body holding a float (never a valid value) or one orjson refuses is written by
    the standard library instead."""
    if orjson is not None and not protocol.holds_float(body):
        try:
            return orjson.dumps(body)
        except (TypeError, orjson.JSONEncodeError):
            pass
    try:
        return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(body, separators=(",", ":")).encode("ascii")


def read_pull_page(data: Any) -> tuple[protocol.PullPage, list[Any]]:
    """A pull page from its JSON, entry by entry: (page of readable entries, unreadable ones).
    A page whose own keys are wrong is a server error (nothing applied, the round stops)."""
    try:
        epoch = str(data["epoch"])
        next_since = int(data["next_since"])
        has_more = bool(data.get("has_more", False))
        raw_entries = data.get("entries") or []
        if not isinstance(raw_entries, list):
            raise TypeError("entries")
    except (KeyError, TypeError, ValueError, AttributeError):
        raise SyncError(SyncErrorKind.SERVER, SERVER_MESSAGE) from None
    entries = []
    malformed = []
    for raw in raw_entries:
        try:
            entry = protocol.PulledEntry.from_json(raw)
            if not isinstance(entry.fields, dict) or not isinstance(entry.stamps, dict):
                raise TypeError("fields")
            entries.append(entry)
        except (KeyError, TypeError, ValueError, AttributeError):
            malformed.append(raw)
    return protocol.PullPage(epoch, entries, next_since, has_more), malformed
