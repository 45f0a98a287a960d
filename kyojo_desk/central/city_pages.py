"""/kpi/CITY: the city-wide figures for city staff who sign in (kyojo_desk/central/staff.py).

GET /kpi/CITY?fiscal_year=Y shows the sign-in form to a visitor without a session, refuses a
person of another city (403), and otherwise the 年度's figures: counts only, never a person.
POST /kpi/login and POST /kpi/logout take and drop the session cookie (HttpOnly,
SameSite=Strict, Secure over HTTPS).
"""

from __future__ import annotations

import datetime as dt
import html
from typing import Any
from urllib.parse import parse_qs, quote

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from kyojo_desk.central.bodies import read_body
from kyojo_desk.central.city_kpi import city_kpis
from kyojo_desk.central.staff import COOKIE, SESSION_MS, SignInRefused, Staff
from kyojo_desk.central.storage import Storage
from kyojo_desk.store.kpi import (
    AGE_BAND_NAMES,
    FLAT_KEYS,
    KPI_LABELS,
    PLAN_KPIS,
    fiscal_year_bounds,
    fiscal_year_of,
)

FORM_LIMIT = 4096


def _page(title: str, body: str, status: int = 200) -> HTMLResponse:
    return HTMLResponse(
        '<!doctype html><html lang="ja"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title>"
        "<style>body{font-family:sans-serif;margin:2em;font-size:18px}"
        "td,th{padding:.3em .8em;border-bottom:1px solid #ccc;text-align:left}"
        "td.n{text-align:right}.warn{border:3px solid #000;padding:.5em 1em}"
        ".bar{display:inline-block;background:#222;height:1em;vertical-align:middle}</style>"
        f"</head><body><h1>{html.escape(title)}</h1>{body}</body></html>",
        status_code=status,
        headers={"Cache-Control": "no-store"},
    )


def _sign_in_form(city: str, message: str = "", status: int = 401) -> HTMLResponse:
    note = f'<p class="warn" role="alert">{html.escape(message)}</p>' if message else ""
    return _page(
        "市の職員のサインイン",
        f"{note}<form method=post action=/kpi/login>"
        f'<input type=hidden name=city value="{html.escape(city)}">'
        "<p><label>名前 <input name=name autocomplete=username required></label></p>"
        "<p><label>パスワード <input name=password type=password "
        "autocomplete=current-password required></label></p>"
        "<p><button>サインイン</button></p></form>",
        status,
    )


def _figure(key: str, value: Any) -> str:
    if key in ("match_rate", "repeat_rate"):
        return "—" if value is None else f"{value:.0%}"
    return str(value)


def _city_html(figures: dict[str, Any]) -> str:
    parts: list[str] = []
    stale = figures["desks_not_synced"]
    if stale:
        items = "".join(
            f"<li>{html.escape(d['name'])}（最終同期 {_when(d['last_sync_ms'])}）</li>"
            for d in stale
        )
        parts.append(
            '<div class="warn" role="alert"><p>7日以上同期していない端末があります。'
            f"数字はその端末の分が足りないかもしれません。</p><ul>{items}</ul></div>"
        )
    rows = "".join(
        f"<tr><td>{html.escape(KPI_LABELS[k])}</td><td class=n>{_figure(k, figures[k])}</td>"
        f"<td class=n>{figures['targets'].get(k) or ''}</td></tr>"
        for k in FLAT_KEYS
    )
    parts.append(
        "<h2>主な数字</h2><table><tr><th>項目</th><th>この年度</th><th>目標</th></tr>"
        f"{rows}</table>"
    )
    cumulative = figures["cumulative"]
    if cumulative:
        rows = ""
        for kpi in PLAN_KPIS:
            entry = cumulative[kpi]
            share = (
                min(100, round(100 * entry["value"] / entry["target"])) if entry["target"] else 0
            )
            rows += (
                f"<tr><td>{html.escape(KPI_LABELS[kpi])}</td>"
                f"<td class=n>{entry['value']} / {entry['target']}</td>"
                f"<td class=n>{entry['plan_target']}</td>"
                f'<td><span class=bar style="width:{share * 2}px"></span> {share}%</td></tr>'
            )
        parts.append(
            f"<h2>累計（{cumulative['from']}〜{cumulative['to']}）</h2><table><tr><th>KPI</th>"
            f"<th>実績 / 目標</th><th>計画全体</th><th>達成率</th></tr>{rows}</table>"
        )
    desk_rows = "".join(
        f"<tr><td>{html.escape(d['name'])}</td><td class=n>{d['new_residents']}</td>"
        f"<td class=n>{d['help_sessions']}</td><td class=n>{d['events_held']}</td>"
        f"<td class=n>{d['attendance_total']}</td></tr>"
        for d in figures["by_desk"]
    )
    parts.append(
        "<h2>端末ごと</h2><table><tr><th>端末</th><th>新規登録</th><th>相談</th>"
        f"<th>イベント</th><th>参加</th></tr>{desk_rows}</table>"
    )
    district_rows = "".join(
        f"<tr><td>{html.escape(d['district'] or '地区なし')}</td>"
        + "".join(
            f"<td class=n>{d[k]}</td>"
            for k in (
                "new_residents",
                "residents_supported",
                "help_sessions",
                "attendance_total",
                "aid_matches_completed",
            )
        )
        + "</tr>"
        for d in figures["by_district"]
    )
    parts.append(
        "<h2>地区ごと</h2><table><tr><th>地区</th><th>新規登録</th><th>支援した人</th>"
        f"<th>相談</th><th>参加</th><th>共助完了</th></tr>{district_rows}</table>"
    )
    divide_rows = "".join(
        f"<tr><td>{html.escape(r['district'] or '地区なし')}</td>"
        f"<td>{html.escape(AGE_BAND_NAMES[r['age_band']])}</td><td class=n>{r['residents']}</td>"
        f"<td class=n>{r['smartphone']}</td><td class=n>{r['app_registered']}</td>"
        f"<td class=n>{r['skills_gained']}</td></tr>"
        for r in figures["digital_divide"]["rows"]
    )
    parts.append(
        "<h2>スマホとアプリ（地区・年代ごと）</h2><table><tr><th>地区</th><th>年代</th>"
        "<th>登録</th><th>スマホあり</th><th>アプリ登録可</th><th>できるようになったこと</th>"
        f"</tr>{divide_rows}</table>"
    )
    return "".join(parts)


def _when(ms: int | None) -> str:
    if not ms:
        return "なし"
    return dt.datetime.fromtimestamp(ms / 1000).astimezone().strftime("%Y-%m-%d")


def install(app: FastAPI, storage: Storage) -> None:
    """Add /kpi/CITY, /kpi/login and /kpi/logout to the API."""
    staff = Staff(storage.database)

    async def form(request: Request) -> dict[str, str]:
        raw = await read_body(request, FORM_LIMIT)  # refused while read when too large
        fields = parse_qs(raw.decode("utf-8", "replace"), max_num_fields=10)
        return {key: values[0] for key, values in fields.items() if values}

    @app.get("/kpi/{city}", response_class=HTMLResponse, include_in_schema=False)
    async def city_page(city: str, request: Request, fiscal_year: int | None = None) -> Response:
        session = await run_in_threadpool(staff.session, request.cookies.get(COOKIE))
        if session is None:
            return _sign_in_form(city)
        if session.city != city:
            return _page("見られません", "<p>この市の数字を見る権限がありません。</p>", 403)
        year = fiscal_year or fiscal_year_of(dt.date.today())
        if not 2000 <= year <= 2100:
            return _page("見られません", "<p>年度は 2025 のように指定してください。</p>", 400)
        start, end = fiscal_year_bounds(year)
        desks = await run_in_threadpool(storage.desks, city)
        figures = await run_in_threadpool(city_kpis, storage.database, city, start, end, desks)
        body = (
            f"<p>{html.escape(session.name)} さん　<form method=post action=/kpi/logout "
            "style=display:inline><button>サインアウト</button></form></p>"
            f"<p>{year}年度（{start}〜{end}）　"
            f'<a href="?fiscal_year={year - 1}">前の年度</a> '
            f'<a href="?fiscal_year={year + 1}">次の年度</a></p>' + _city_html(figures)
        )
        return _page(f"{city} の共助デスクの数字", body)

    @app.post("/kpi/login", include_in_schema=False)
    async def login(request: Request) -> Response:
        fields = await form(request)
        city = fields.get("city", "")[:100]
        try:
            token = await run_in_threadpool(
                staff.sign_in, fields.get("name", "")[:100], fields.get("password", "")[:200]
            )
        except SignInRefused as refused:
            return _sign_in_form(city, str(refused), 429 if refused.code == "locked" else 401)
        session = await run_in_threadpool(staff.session, token)
        target = f"/kpi/{quote(session.city if session else city, safe='')}"
        response = RedirectResponse(target, status_code=303)
        response.set_cookie(
            COOKIE,
            token,
            max_age=SESSION_MS // 1000,
            path="/kpi",
            httponly=True,
            samesite="strict",
            secure=request.url.scheme == "https",
        )
        return response

    @app.post("/kpi/logout", include_in_schema=False)
    async def logout(request: Request) -> Response:
        await run_in_threadpool(staff.sign_out, request.cookies.get(COOKIE))
        response = _page("サインアウトしました", "<p>サインアウトしました。</p>")
        response.delete_cookie(COOKIE, path="/kpi", httponly=True, samesite="strict")
        return response
