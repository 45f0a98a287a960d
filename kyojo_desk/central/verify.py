"""Signed 担い手活動 records on the central server: desks register their public keys, and the
city checks a record's QR payload (`kyojo-central verify`, POST /v1/verify, the page /verify).

A desk registers one Ed25519 public key per desk id, with its own token, so only that desk can
register it; a key once registered is never replaced (a stolen token cannot swap in a key of
its own; a desk restored from a copy re-enrols and gets a new id and key). A payload is
- valid: its signature is the signature of the desk it names, by that desk's registered key;
- altered: it names a desk with a key, but the signature does not match what it says (changed
  after printing, or a signature made up);
- unknown: not a record's payload at all, or signed by a desk this server has no key for.
Only "valid" is accepted. The server keeps no copy of the records it verifies.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass, field
from typing import Any

from fastapi import FastAPI, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse
from starlette.concurrency import run_in_threadpool

from kyojo_desk.central.bodies import read_body
from kyojo_desk.central.storage import AuthRefused, Desk, Storage, now_ms
from kyojo_desk.sync import protocol
from kyojo_desk.sync.record_proof import (
    ALTERED,
    RECORD_KEY_PATH,
    UNKNOWN,
    VALID,
    VERIFY_PATH,
    UnreadableRecord,
    is_public_key,
    read_payload,
    signature_matches,
)

RECORD_KEYS_TABLE = """CREATE TABLE IF NOT EXISTS record_keys (
    desk_id TEXT PRIMARY KEY,
    city TEXT NOT NULL,
    public_key TEXT NOT NULL,
    registered_ms BIGINT NOT NULL
)"""
STATUS_TEXT = {
    VALID: "正しい記録です（市の端末が発行したまま、変更されていません）",
    ALTERED: "内容が書き換えられています。この記録は認められません",
    UNKNOWN: "確認できません（この市の端末が発行した記録ではありません）",
}


class KeyRefused(Exception):
    """A public key the server does not take (malformed, or a different one already held)."""


@dataclass
class Verdict:
    """What a payload is (VALID / ALTERED / UNKNOWN) and, when readable, what it says."""

    status: str
    summary: dict[str, Any] = field(default_factory=dict)
    desk_name: str = ""
    city: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "message": STATUS_TEXT[self.status],
            "desk": self.desk_name,
            "city": self.city,
            "summary": self.summary if self.status == VALID else {},
        }


def ensure_table(storage: Storage) -> None:
    with storage.transaction() as tx:
        tx.execute(RECORD_KEYS_TABLE)


def register_key(storage: Storage, desk: Desk, public_key: Any) -> None:
    """Keep `desk`'s public key; the same key again is fine, another one is refused."""
    if not is_public_key(public_key):
        raise KeyRefused("公開鍵の形式が正しくありません。")
    with storage.transaction() as tx:
        row = tx.one("SELECT public_key FROM record_keys WHERE desk_id = ?", [desk.desk_id])
        if row is None:
            tx.execute(
                "INSERT INTO record_keys (desk_id, city, public_key, registered_ms)"
                " VALUES (?, ?, ?, ?)",
                [desk.desk_id, desk.city, public_key, now_ms()],
            )
        elif row[0] != public_key:
            raise KeyRefused("この端末の鍵はすでに登録されています。")


def verify_payload(storage: Storage, payload: str) -> Verdict:
    """Check a record's QR payload against the key of the desk it names."""
    try:
        summary, signed, signature = read_payload(payload)
    except UnreadableRecord:
        return Verdict(UNKNOWN)
    with storage.transaction() as tx:
        row = tx.one(
            "SELECT k.public_key, k.city, d.name FROM record_keys k"
            " LEFT JOIN desks d ON d.desk_id = k.desk_id WHERE k.desk_id = ?",
            [summary["d"]],
        )
    if row is None:
        return Verdict(UNKNOWN)
    public_key, city, desk_name = row
    if not signature_matches(public_key, signed, signature):
        return Verdict(ALTERED, desk_name=desk_name or "", city=city)
    return Verdict(VALID, summary, desk_name or "", city)


def verdict_html(verdict: Verdict | None, payload: str) -> str:
    """The /verify page: a form for the payload and, when one was given, the verdict."""
    form = (
        f'<form method="get" action="/verify"><p><label>記録のQRコードの内容<br>'
        f'<textarea name="payload" rows="4" cols="70">{html.escape(payload)}</textarea>'
        "</label></p><p><button>確認する</button></p></form>"
    )
    if verdict is None:
        return form
    result = (
        f'<p class="{verdict.status}"><strong>{html.escape(verdict.status)}</strong>：'
        f"{html.escape(STATUS_TEXT[verdict.status])}</p>"
    )
    if verdict.status == VALID:
        s = verdict.summary
        rows = [
            ("氏名", f"{s['n']}（{s['r']}）"),
            ("住所地", s["h"]),
            ("年度", s["y"]),
            ("活動の回数（カウント）", f"{s['c']} 回"),
            ("年3回以上", "達成" if s["m"] else "未達成"),
            ("活動日数 / 活動の数", f"{s['ad']} 日 / {s['a']}"),
            ("活動日", "、".join(str(d) for d in s["ds"])),
            ("発行日", s["i"]),
            ("発行した端末", f"{verdict.desk_name}（{verdict.city}）"),
        ]
        result += (
            "<table>"
            + "".join(
                f"<tr><th>{html.escape(k)}</th><td>{html.escape(str(v))}</td></tr>" for k, v in rows
            )
            + "</table>"
        )
    return result + form


def install(app: FastAPI, storage: Storage) -> None:
    """Add the record routes to the API."""
    ensure_table(storage)

    async def desk_of(request: Request) -> Desk | JSONResponse:
        scheme, _, token = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not token:
            return JSONResponse(
                protocol.error_body(protocol.ERROR_AUTH, "この端末は登録されていません。"), 401
            )
        try:
            return await run_in_threadpool(storage.authenticate, token.strip())
        except AuthRefused as error:
            return JSONResponse(protocol.error_body(error.code, str(error)), 401)

    async def small_json(request: Request) -> dict[str, Any] | None:
        raw = await read_body(request, 8192)  # refused while read when too large
        try:
            body = json.loads(raw)
        except (ValueError, RecursionError):
            return None
        return body if isinstance(body, dict) else None

    @app.post(RECORD_KEY_PATH)
    async def record_key(request: Request) -> Any:
        """Register the calling desk's public key for signing activity records."""
        desk = await desk_of(request)
        if isinstance(desk, JSONResponse):
            return desk
        body = await small_json(request)
        if body is None:
            return JSONResponse(protocol.error_body("bad_request", "JSON を送ってください。"), 400)
        try:
            await run_in_threadpool(register_key, storage, desk, body.get("public_key"))
        except KeyRefused as error:
            return JSONResponse(protocol.error_body("key_refused", str(error)), 409)
        return {"desk_id": desk.desk_id, "registered": True}

    @app.post(VERIFY_PATH)
    async def verify_json(request: Request) -> Any:
        """Verify a record's QR payload: {"payload": text} → {"status", "message", …}."""
        body = await small_json(request)
        if body is None or not isinstance(body.get("payload"), str):
            return JSONResponse(
                protocol.error_body("bad_request", "payload を送ってください。"), 400
            )
        verdict = await run_in_threadpool(verify_payload, storage, body["payload"])
        return verdict.to_json()

    @app.get("/verify", response_class=HTMLResponse)
    async def verify_page(payload: str = Query("", max_length=8000)) -> str:
        """The same check as a page a city officer can open."""
        from kyojo_desk.central.app import page_html

        verdict = await run_in_threadpool(verify_payload, storage, payload) if payload else None
        return page_html("担い手活動の記録の確認", verdict_html(verdict, payload))
