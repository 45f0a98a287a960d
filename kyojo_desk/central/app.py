"""The central server's HTTP API (FastAPI): enrolment, sync meta, push, pull, a status page.

Every sync call carries `Authorization: Bearer <token>`; the token names the desk, so a desk
can only push and pull as itself, and only its own city's records. Every refusal is a 4xx JSON
body `{"error": code, "message": text}` with the codes of kyojo_desk.sync.protocol (503 when
the database is busy). Bodies are read in pieces and refused as soon as they pass their limit,
chunked or not, before any JSON parsing.
"""

from __future__ import annotations

import datetime as dt
import html
import logging
import threading
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from kyojo_desk.central import wire
from kyojo_desk.central.bodies import BodyTooLarge, read_body
from kyojo_desk.central.storage import (
    AuthRefused,
    Desk,
    EnrollRefused,
    PushRefused,
    Storage,
    TemporaryFailure,
    now_ms,
)
from kyojo_desk.sync import protocol

log = logging.getLogger(__name__)
INT64_MAX = 2**63 - 1
EMPTY: dict[str, Any] = {}
TOO_LARGE = "一度に送る量が多すぎます。"
UPDATE_DESK = "この端末のソフトウェアは古いため同期できません。更新してください。"


class Refusal(Exception):
    """A request answered with an error status and a protocol error body."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        headers: dict[str, str] | None = None,
        **extra: Any,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.headers = headers
        self.body = protocol.error_body(code, message, **extra)


def bad_request(message: str) -> Refusal:
    return Refusal(400, protocol.ERROR_BAD_REQUEST, message)


class RateLimiter:
    """A token bucket per client address: `burst` requests at once, then `per_second`."""

    def __init__(self, burst: float, per_second: float, max_clients: int = 10_000) -> None:
        self.burst = burst
        self.per_second = per_second
        self.max_clients = max_clients
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def take(self, client: str) -> float:
        """0 when the request may go ahead, else the seconds until it may."""
        now = time.monotonic()
        with self._lock:
            if len(self._buckets) > self.max_clients:
                # Forget clients whose buckets are full again; they lose nothing by it.
                self._buckets = {
                    c: (t, at)
                    for c, (t, at) in self._buckets.items()
                    if t + (now - at) * self.per_second < self.burst
                }
            tokens, at = self._buckets.get(client, (self.burst, now))
            tokens = min(self.burst, tokens + (now - at) * self.per_second)
            if tokens < 1:
                self._buckets[client] = (tokens, now)
                return (1 - tokens) / self.per_second
            self._buckets[client] = (tokens - 1, now)
            return 0.0


async def json_body(request: Request, limit: int) -> dict[str, Any]:
    return parse_json(await raw_body(request, limit))


async def raw_body(request: Request, limit: int) -> bytes:
    try:
        return await read_body(request, limit)
    except BodyTooLarge as error:
        raise Refusal(413, protocol.ERROR_TOO_LARGE, TOO_LARGE) from error


def parse_json(raw: bytes) -> dict[str, Any]:
    """A body that must be one JSON object."""
    return read_json(raw)[0]


def read_json(raw: bytes) -> tuple[dict[str, Any], bool]:
    """A body that must be one JSON object, and whether none of its strings can hold NUL or
    a lone surrogate (kyojo_desk/central/validation.py)."""
    try:
        # NaN and Infinity are read (Python's JSON writer sends them) and refused per change
        # as invalid values, so one such value never blocks a desk's whole queue.
        body, clean = wire.read_object_body(raw)
    except (ValueError, RecursionError) as error:
        raise bad_request("JSON として読めません。") from error
    if not isinstance(body, dict):
        raise bad_request("JSON オブジェクトを送ってください。")
    return body, clean


def integer(body: dict[str, Any], key: str, default: int | None, low: int = 0) -> int | None:
    value = body.get(key, default)
    if value is None and default is None:
        return None
    if type(value) is not int or not low <= value <= INT64_MAX:
        raise bad_request(f"{key} は {low} 以上の整数で送ってください。")
    return value


def parse_push(
    body: dict[str, Any], desk: Desk, schema_min: int, schema_max: int
) -> protocol.PushRequest:
    """Check a push body's shape; a desk speaking an older protocol is told to update (426)."""
    version = body.get("protocol")
    schema_version = body.get("schema_version")
    if (
        type(version) is not int
        or version != protocol.PROTOCOL_VERSION
        or type(schema_version) is not int
        or not schema_min <= schema_version <= schema_max
    ):
        raise Refusal(
            426,
            protocol.ERROR_SCHEMA,
            UPDATE_DESK,
            protocol=protocol.PROTOCOL_VERSION,
            schema_min=schema_min,
            schema_max=schema_max,
        )
    desk_id = body.get("desk_id", desk.desk_id)
    if not isinstance(desk_id, str):
        raise bad_request("desk_id は文字列で送ってください。")
    if desk_id != desk.desk_id:
        raise Refusal(403, protocol.ERROR_AUTH, "他の端末として送ることはできません。")
    raw_changes = body.get("changes")
    if not isinstance(raw_changes, list):
        raise bad_request("changes がありません。")
    if len(raw_changes) > protocol.MAX_PUSH_CHANGES:
        raise Refusal(
            413,
            protocol.ERROR_TOO_LARGE,
            f"一度に送れる変更は{protocol.MAX_PUSH_CHANGES}件までです。",
        )
    changes = []
    make_change = protocol.Change
    for index, item in enumerate(raw_changes):
        # The common shape is read here directly; anything else goes through
        # Change.from_json, which says what is wrong with it.
        if (
            type(item) is dict
            and type(seq := item.get("seq")) is int
            and 1 <= seq <= INT64_MAX
            and type(table := item.get("table")) is str
            and type(row_id := item.get("row_id")) is str
            and type(fields := item.get("fields")) is dict
            and type(stamps := item.get("stamps", EMPTY)) is dict
            and type(created := item.get("created", False)) is bool
        ):
            changes.append(
                make_change(seq, table, row_id, item.get("stamp"), fields, stamps or {}, created)
            )
            continue
        try:
            change = protocol.Change.from_json(item)
        except ValueError as error:
            raise bad_request(f"{index + 1}件目の変更の形式が正しくありません: {error}") from None
        if not 1 <= change.seq <= INT64_MAX:
            raise bad_request(f"{index + 1}件目の変更の seq が範囲外です。")
        changes.append(change)
    if len({c.seq for c in changes}) != len(changes):
        raise bad_request("同じ seq の変更が2つあります。")
    return protocol.PushRequest(
        desk_id=desk_id,
        changes=changes,
        acked_seq=integer(body, "acked_seq", 0) or 0,
        next_seq=integer(body, "next_seq", None, low=1),
        pull_cursor=integer(body, "pull_cursor", 0) or 0,
        pending=integer(body, "pending", 0) or 0,
        protocol=version,
        schema_version=schema_version,
        pull_page=body.get("pull_page") is True,
    )


def json_request_body(schema: dict[str, Any]) -> dict[str, Any]:
    """OpenAPI of a JSON body the route reads itself (it is read in pieces, within limits)."""
    return {"requestBody": {"required": True, "content": {"application/json": {"schema": schema}}}}


ENROLL_BODY = {"type": "object", "properties": {"code": {"type": "string"}}, "required": ["code"]}
INT64 = {"type": "integer", "minimum": 0, "maximum": INT64_MAX}
CHANGE_SCHEMA = {
    "type": "object",
    "properties": {
        "seq": {"type": "integer", "minimum": 1, "maximum": INT64_MAX},
        "table": {"type": "string"},
        "row_id": {"type": "string"},
        "created": {"type": "boolean"},
        "stamp": {"type": "integer", "minimum": 1, "maximum": INT64_MAX},
        "fields": {"type": "object"},
        "stamps": {"type": "object", "additionalProperties": {"type": "integer"}},
    },
    "required": ["seq", "table", "row_id", "stamp", "fields"],
}
PUSH_BODY = {
    "type": "object",
    "properties": {
        "desk_id": {"type": "string"},
        "protocol": {"type": "integer"},
        "schema_version": {"type": "integer"},
        "acked_seq": INT64,
        "next_seq": {"type": ["integer", "null"]},
        "pull_cursor": INT64,
        "pending": INT64,
        "pull_page": {"type": "boolean"},
        "changes": {"type": "array", "items": CHANGE_SCHEMA, "maxItems": protocol.MAX_PUSH_CHANGES},
    },
    "required": ["protocol", "schema_version", "changes"],
}


def printable(text: str, max_length: int = 200) -> bool:
    """Text both databases can store and compare (no NUL, no lone surrogate)."""
    if len(text) > max_length or "\x00" in text:
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def create_app(
    storage: Storage,
    *,
    schema_min: int = protocol.SCHEMA_MIN,
    schema_max: int = protocol.SCHEMA_MAX,
    enroll_burst: float = 30,
    enroll_per_second: float = 0.5,
    compaction_interval_s: float = 60.0,
    workers: int = 1,
) -> FastAPI:
    """The API over `storage`. The schema range may be narrowed (e.g. to retire old desks).

    `/v1/enroll` takes `enroll_burst` requests from one address at once, then one per
    1/`enroll_per_second` seconds. Served by `workers` processes, each keeps its own count and
    takes 1/`workers` of that allowance, so an address spreading its requests over the
    processes still gets no more than the whole. Erasures' compaction runs in the background at most once
    per `compaction_interval_s`.
    """

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        compactor = storage.compactor(compaction_interval_s).start()
        try:
            yield
        finally:
            compactor.stop()

    app = FastAPI(title="Kyojo Central", version="2", docs_url="/docs", lifespan=lifespan)
    app.state.storage = storage
    enroll_limiter = RateLimiter(max(1.0, enroll_burst / workers), enroll_per_second / workers)

    @app.exception_handler(Refusal)
    async def refused(_request: Request, error: Refusal) -> JSONResponse:
        return JSONResponse(error.body, status_code=error.status, headers=error.headers)

    @app.exception_handler(BodyTooLarge)
    async def too_large(_request: Request, _error: BodyTooLarge) -> JSONResponse:
        return JSONResponse(protocol.error_body(protocol.ERROR_TOO_LARGE, TOO_LARGE), 413)

    @app.exception_handler(RequestValidationError)
    async def invalid(_request: Request, error: RequestValidationError) -> JSONResponse:
        fields = ", ".join(str(e.get("loc", ["?"])[-1]) for e in error.errors())
        return JSONResponse(
            protocol.error_body(protocol.ERROR_BAD_REQUEST, f"値が正しくありません: {fields}"),
            status_code=400,
        )

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_request: Request, error: StarletteHTTPException) -> JSONResponse:
        code = protocol.ERROR_NOT_FOUND if error.status_code == 404 else protocol.ERROR_BAD_REQUEST
        message = "そのページはありません。" if error.status_code == 404 else str(error.detail)
        return JSONResponse(
            protocol.error_body(code, message),
            status_code=error.status_code,
            headers=getattr(error, "headers", None),
        )

    @app.exception_handler(TemporaryFailure)
    async def temporary(_request: Request, error: TemporaryFailure) -> JSONResponse:
        log.warning("temporary failure: %s", error)
        return JSONResponse(
            protocol.error_body(
                protocol.ERROR_UNAVAILABLE, "サーバーが混み合っています。少し後で再試行します。"
            ),
            status_code=503,
            headers={"Retry-After": "1"},
        )

    async def authenticated(request: Request) -> Desk:
        header = request.headers.get("authorization", "")
        scheme, _, token = header.partition(" ")
        token = token.strip()
        if scheme.lower() != "bearer" or not token or not printable(token, 512):
            raise Refusal(401, protocol.ERROR_AUTH, "この端末は登録されていません。")
        try:
            return await run_in_threadpool(storage.authenticate, token)
        except AuthRefused as error:
            raise Refusal(401, error.code, str(error)) from error

    @app.post(protocol.ENROLL_PATH, openapi_extra=json_request_body(ENROLL_BODY))
    async def enroll(request: Request) -> dict[str, str]:
        """Exchange a one-time code for a desk id and token."""
        client = request.client.host if request.client else ""
        wait_s = enroll_limiter.take(client)
        if wait_s:
            raise Refusal(
                429,
                protocol.ERROR_RATE_LIMITED,
                "登録の試行が多すぎます。しばらく待ってからやり直してください。",
                headers={"Retry-After": str(max(1, int(wait_s + 0.999)))},
            )
        body = await json_body(request, protocol.MAX_ENROLL_BYTES)
        code = body.get("code")
        if not isinstance(code, str) or not code.strip() or not printable(code, 100):
            raise Refusal(400, protocol.ERROR_ENROLL, "登録コードを入力してください。")
        try:
            return await run_in_threadpool(storage.enroll, code)
        except EnrollRefused as error:
            raise Refusal(400, protocol.ERROR_ENROLL, str(error)) from error

    @app.get(protocol.META_PATH)
    async def meta(request: Request) -> dict[str, Any]:
        """Server time, the city's epoch and what this server speaks."""
        desk = await authenticated(request)
        epoch = await run_in_threadpool(storage.epoch, desk.city)
        return {
            "server_time_ms": now_ms(),
            "protocol": protocol.PROTOCOL_VERSION,
            "epoch": epoch,
            "schema_min": schema_min,
            "schema_max": schema_max,
            "desk_id": desk.desk_id,
            "city": desk.city,
            # The last seq the server holds from this desk: a desk with nothing waiting
            # that sees its own mark here need not push an empty batch to learn it.
            "acked_seq": desk.last_seq,
            "max_push_changes": protocol.MAX_PUSH_CHANGES,
            "max_push_bytes": protocol.MAX_PUSH_BYTES,
            "max_pull_limit": protocol.MAX_PULL_LIMIT,
            "max_clock_skew_ms": protocol.MAX_CLOCK_SKEW_MS,
        }

    def merge_push(desk: Desk, raw: bytes) -> bytes:
        """Parse, check and merge one push body (on a worker thread): the answer's body."""
        body, clean_strings = read_json(raw)
        push_request = parse_push(body, desk, schema_min, schema_max)
        try:
            answer = storage.push(desk, push_request, clean_strings)
        except PushRefused as error:
            raise Refusal(409, error.code, str(error), **error.extra) from error
        body = wire.answer_bytes(answer.to_json())
        if push_request.pull_page:
            # The desk's last batch: the pull page it would ask for next, read after the push
            # was committed, saves it that request.
            page = storage.pull_json(desk, push_request.pull_cursor, protocol.MAX_PULL_LIMIT)
            body = body[:-1] + b',"pull":' + page + b"}"
        return body

    @app.post(protocol.PUSH_PATH, openapi_extra=json_request_body(PUSH_BODY))
    async def push(request: Request) -> Response:
        """Merge a batch of the desk's changes (one transaction); a change that cannot apply
        is refused on its own."""
        desk = await authenticated(request)
        raw = await raw_body(request, protocol.MAX_PUSH_BYTES)
        answer = await run_in_threadpool(merge_push, desk, raw)
        return Response(answer, media_type="application/json")

    @app.get(protocol.PULL_PATH)
    async def pull(
        request: Request,
        # Bounded so that no number a client sends can overflow the databases' 64-bit integers.
        since: int = Query(0, ge=0, le=INT64_MAX),
        limit: int = Query(protocol.MAX_PULL_LIMIT, ge=1, le=2**31 - 1),
    ) -> Response:
        """The desk's city's records changed after `since`, conflict copies and erasures."""
        desk = await authenticated(request)
        page = await run_in_threadpool(storage.pull_json, desk, since, limit)
        return Response(page, media_type="application/json")

    @app.get("/status", response_class=HTMLResponse)
    async def status_index() -> str:
        """Links to each city's status page."""
        cities = await run_in_threadpool(storage.cities)
        items = "".join(
            f'<li><a href="/status/{html.escape(c)}">{html.escape(c)}</a></li>' for c in cities
        )
        return page_html("共助デスク 中央サーバー", f"<ul>{items}</ul>")

    @app.get("/status/{city}", response_class=HTMLResponse)
    async def status_city(city: str) -> str:
        """One city's desks (last sync, changes still queued) and figures."""
        if not printable(city, 100):
            raise Refusal(404, protocol.ERROR_NOT_FOUND, "その市はありません。")
        desks = await run_in_threadpool(storage.desks, city)
        figures = await run_in_threadpool(storage.figures, city)
        rows = "".join(
            "<tr>"
            f"<td>{html.escape(d['name'])}</td>"
            f"<td><code>{html.escape(d['desk_id'])}</code></td>"
            f"<td>{when(d['last_push_ms'])}</td>"
            f"<td>{when(d['last_pull_ms'])}</td>"
            f"<td>{d['pending']}</td>"
            f"<td>{'取り消し済み' if d['revoked_at_ms'] else '有効'}</td>"
            "</tr>"
            for d in desks
        )
        counts = "".join(
            f"<tr><td>{html.escape(table)}</td><td>{count}</td></tr>"
            for table, count in figures.records.items()
        )
        table = (
            "<table><tr><th>端末</th><th>ID</th><th>最終送信</th><th>最終受信</th>"
            f"<th>未送信</th><th>状態</th></tr>{rows}</table>"
            f"<h2>記録</h2><table><tr><th>種類</th><th>件数</th></tr>{counts}</table>"
            f"<p>要確認の競合: {figures.conflicts} 件 / 消去した人: {figures.erasures} 人</p>"
        )
        return page_html(f"{city} の端末", table)

    # Signed 担い手活動 records: desks' keys and the city's check (kyojo_desk/central/verify.py).
    from kyojo_desk.central.verify import install as install_record_routes

    install_record_routes(app, storage)
    # The city-wide figures for signed-in city staff (kyojo_desk/central/city_pages.py).
    from kyojo_desk.central.city_pages import install as install_city_pages

    install_city_pages(app, storage)
    return app


def when(ms: int | None) -> str:
    if not ms:
        return "—"
    return dt.datetime.fromtimestamp(ms / 1000).astimezone().strftime("%Y-%m-%d %H:%M:%S")


def page_html(title: str, body: str) -> str:
    return (
        '<!doctype html><html lang="ja"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title>"
        "<style>body{font-family:sans-serif;margin:2em}td,th{padding:.3em .8em;"
        "border-bottom:1px solid #ccc;text-align:left}</style></head>"
        f"<body><h1>{html.escape(title)}</h1>{body}</body></html>"
    )
