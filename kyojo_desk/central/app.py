"""The central server's HTTP API (FastAPI): enrolment, sync meta, push, pull, a status page.

Every sync call carries `Authorization: Bearer <token>`; the token names the desk, so a desk
can only push and pull as itself, and only its own city's records. Refusals are JSON bodies
`{"error": code, "message": text}` with the codes of kyojo_desk.sync.protocol.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import logging
from typing import Any

from fastapi import FastAPI, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse
from starlette.concurrency import run_in_threadpool

from kyojo_desk.central.storage import (
    AuthRefused,
    Desk,
    EnrollRefused,
    PushRefused,
    Storage,
    TemporaryFailure,
    now_ms,
)
from kyojo_desk.sync import protocol_v1 as protocol

log = logging.getLogger(__name__)


class Refusal(Exception):
    """A request answered with an error status and a protocol error body."""

    def __init__(self, status: int, code: str, message: str, **extra: Any) -> None:
        super().__init__(message)
        self.status = status
        self.body = protocol.error_body(code, message, **extra)


def create_app(
    storage: Storage,
    *,
    schema_min: int = protocol.SCHEMA_MIN,
    schema_max: int = protocol.SCHEMA_MAX,
) -> FastAPI:
    """The API over `storage`. The schema range may be narrowed (e.g. to retire old desks)."""
    app = FastAPI(title="Kyojo Central", version="1", docs_url="/docs")
    app.state.storage = storage

    @app.exception_handler(Refusal)
    async def refused(_request: Request, error: Refusal) -> JSONResponse:
        return JSONResponse(error.body, status_code=error.status)

    @app.exception_handler(TemporaryFailure)
    async def temporary(_request: Request, error: TemporaryFailure) -> JSONResponse:
        log.warning("temporary failure: %s", error)
        return JSONResponse(
            protocol.error_body(
                "unavailable", "サーバーが混み合っています。少し後で再試行します。"
            ),
            status_code=503,
            headers={"Retry-After": "1"},
        )

    async def authenticated(request: Request) -> Desk:
        header = request.headers.get("authorization", "")
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token:
            raise Refusal(401, protocol.ERROR_AUTH, "この端末は登録されていません。")
        try:
            return await run_in_threadpool(storage.authenticate, token.strip())
        except AuthRefused as error:
            raise Refusal(401, error.code, str(error)) from error

    async def json_body(request: Request, limit: int) -> dict[str, Any]:
        declared = request.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > limit:
            raise Refusal(413, protocol.ERROR_TOO_LARGE, "一度に送る量が多すぎます。")
        raw = await request.body()
        if len(raw) > limit:
            raise Refusal(413, protocol.ERROR_TOO_LARGE, "一度に送る量が多すぎます。")
        try:
            body = json.loads(raw)
        except ValueError as error:
            raise Refusal(400, "bad_request", "JSON として読めません。") from error
        if not isinstance(body, dict):
            raise Refusal(400, "bad_request", "JSON オブジェクトを送ってください。")
        return body

    @app.post(protocol.ENROLL_PATH)
    async def enroll(request: Request) -> dict[str, str]:
        """Exchange a one-time code for a desk id and token."""
        body = await json_body(request, 4096)
        code = body.get("code")
        if not isinstance(code, str) or not code.strip():
            raise Refusal(400, protocol.ERROR_ENROLL, "登録コードを入力してください。")
        try:
            return await run_in_threadpool(storage.enroll, code)
        except EnrollRefused as error:
            raise Refusal(400, protocol.ERROR_ENROLL, str(error)) from error

    @app.get(protocol.META_PATH)
    async def meta(request: Request) -> dict[str, Any]:
        """Server time, epoch and the desk schema versions this server accepts."""
        desk = await authenticated(request)
        epoch = await run_in_threadpool(storage.epoch)
        return {
            "server_time_ms": now_ms(),
            "epoch": epoch,
            "schema_min": schema_min,
            "schema_max": schema_max,
            "desk_id": desk.desk_id,
            "city": desk.city,
            "max_push_changes": protocol.MAX_PUSH_CHANGES,
            "max_pull_limit": protocol.MAX_PULL_LIMIT,
        }

    @app.post(protocol.PUSH_PATH)
    async def push(request: Request) -> dict[str, Any]:
        """Merge a batch of the desk's changes (one transaction)."""
        desk = await authenticated(request)
        body = await json_body(request, protocol.MAX_PUSH_BYTES)
        raw_changes = body.get("changes")
        if not isinstance(raw_changes, list):
            raise Refusal(400, "bad_request", "changes がありません。")
        if len(raw_changes) > protocol.MAX_PUSH_CHANGES:
            raise Refusal(
                413,
                protocol.ERROR_TOO_LARGE,
                f"一度に送れる変更は{protocol.MAX_PUSH_CHANGES}件までです。",
            )
        if body.get("desk_id") not in (None, desk.desk_id):
            raise Refusal(403, protocol.ERROR_AUTH, "他の端末として送ることはできません。")
        desk_schema = body.get("schema_version", protocol.SCHEMA_MAX)
        if not isinstance(desk_schema, int) or not schema_min <= desk_schema <= schema_max:
            raise Refusal(
                426,
                protocol.ERROR_SCHEMA,
                "この端末のソフトウェアは古いため同期できません。更新してください。",
                schema_min=schema_min,
                schema_max=schema_max,
            )
        try:
            changes = [protocol.Change.from_json(item) for item in raw_changes]
        except (ValueError, AttributeError) as error:
            raise Refusal(400, "bad_request", f"変更の形式が正しくありません: {error}") from error

        def integer(name: str) -> int:
            value = body.get(name, 0)
            return value if isinstance(value, int) else 0

        try:
            answer = await run_in_threadpool(
                storage.push,
                desk,
                changes,
                pull_cursor=integer("pull_cursor"),
                desk_acked_seq=integer("acked_seq"),
                desk_next_seq=body.get("next_seq")
                if isinstance(body.get("next_seq"), int)
                else None,
                pending=integer("pending"),
            )
        except PushRefused as error:
            raise Refusal(409, error.code, str(error), **error.extra) from error
        return answer.to_json()

    @app.get(protocol.PULL_PATH)
    async def pull(
        request: Request,
        # Bounded so that no number a client sends can overflow the databases' 64-bit integers.
        since: int = Query(0, ge=0, le=2**63 - 1),
        limit: int = Query(protocol.MAX_PULL_LIMIT, ge=1, le=2**31 - 1),
    ) -> dict[str, Any]:
        """Other desks' entries of the desk's city after `since`."""
        desk = await authenticated(request)
        page = await run_in_threadpool(storage.pull, desk, since, limit)
        return page.to_json()

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
        """One city's desks: last sync and how many changes each still had queued."""
        desks = await run_in_threadpool(storage.desks, city)
        conflicts = await run_in_threadpool(storage.conflicts, city)
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
        table = (
            "<table><tr><th>端末</th><th>ID</th><th>最終送信</th><th>最終受信</th>"
            f"<th>未送信</th><th>状態</th></tr>{rows}</table>"
            f"<p>要確認の競合: {len(conflicts)} 件</p>"
        )
        return page_html(f"{city} の端末", table)

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
