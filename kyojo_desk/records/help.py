"""Volunteers, help sessions (the analog help given at the desk), 共助 requests and the
digital skills a resident can do on their own."""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from kyojo_desk.errors import ValidationError
from kyojo_desk.texts import N_, message

ROLE_LABELS = {
    "concierge": N_("シェア・コンシェルジュ"),
    "digital_supporter": N_("デジタル支援員"),
    "coordinator": N_("コーディネーター"),
}
# The course whose completion the city counts as KPI ② (share concierges trained).
CONCIERGE_COURSE = N_("シェア・コンシェルジュ養成講座")
DIGITAL_SUPPORT_COURSE = N_("デジタル支援員講座")
# Course names are stored in Japanese whatever the GUI language (the KPI counts by name).
COURSES = (CONCIERGE_COURSE, DIGITAL_SUPPORT_COURSE)

DEFAULT_TOPICS = (
    N_("電話のかけ方"),
    "LINE",
    N_("カメラ・写真"),
    N_("アプリの登録"),
    N_("マイナンバーカード・マイナポータル"),
    N_("詐欺の相談"),
    N_("設定"),
    N_("その他"),
)
DEVICE_LABELS = {
    "android": "Android",
    "iphone": "iPhone",
    "raku_raku": N_("らくらくスマホ"),
    "feature_phone": N_("携帯電話（ガラケー）"),
    "tablet": N_("タブレット"),
}
OUTCOME_LABELS = {
    "solved": N_("できた"),
    "partly": N_("一部できた"),
    "continue": N_("次回つづき"),
    "referred": N_("専門の窓口へ"),
}
# Outcomes that call for a follow-up date.
FOLLOW_UP_OUTCOMES = {"continue", "referred"}
MINUTE_PRESETS = (10, 15, 20, 30, 45, 60)

AID_KIND_LABELS = {
    "transport": N_("送迎"),
    "childcare_watch": N_("託児・見守り"),
    "shopping": N_("買い物"),
    "hand_me_down": N_("モノのおゆずり"),
    "company": N_("話し相手"),
    "other": N_("その他"),
}
AID_STATUS_LABELS = {
    "open": N_("受付中"),
    "matched": N_("マッチ済み"),
    "done": N_("完了"),
    "cancelled": N_("取り消し"),
}

SKILL_LABELS = {
    "phone": N_("電話"),
    "line": "LINE",
    "camera": N_("カメラ"),
    "app_registration": N_("アプリ登録"),
    "mynaportal": N_("マイナポータル"),
    "scam_awareness": N_("詐欺に気づく"),
}


@dataclass
class Volunteer:
    name: str
    reading: str
    roles: list[str] = field(default_factory=list)
    trainings: list[dict[str, str]] = field(default_factory=list)  # {"course": …, "date": ISO}
    active: bool = True
    id: str = ""

    @property
    def trained_as_concierge_on(self) -> str | None:
        dates = [t["date"] for t in self.trainings if t.get("course") == CONCIERGE_COURSE]
        return min(dates) if dates else None


@dataclass
class HelpSession:
    volunteer_id: str
    topics: list[str]
    minutes: int
    outcome: str
    device: str = ""
    resident_id: str | None = None
    event_id: str | None = None
    at: str = ""
    follow_up_due: str | None = None
    follow_up_done_at: str | None = None
    notes: str = ""
    id: str = ""


@dataclass
class AidRequest:
    resident_id: str
    kind: str
    needed_by: str | None = None
    details: str = ""
    status: str = "open"
    matched_volunteer_id: str | None = None
    matched_resident_id: str | None = None
    created_at: str = ""
    closed_at: str | None = None
    id: str = ""


def _date(value: Any, field_name: str, message: str) -> str | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    try:
        return dt.date.fromisoformat(str(value).strip().replace("/", "-")).isoformat()
    except ValueError:
        pass
    # As volunteers say it: 「あした」「来週の火曜」「12/1」, 和暦 and 西暦 (kyojo_desk.text.dates).
    from kyojo_desk.text.dates import parse_day

    try:
        day = parse_day(str(value), field_name)
    except ValidationError as refused:
        raise ValidationError(field_name, refused.errors[field_name] or message) from None
    return day.isoformat() if day else None


def clean_volunteer(name: str, reading: str, roles: list[str]) -> dict[str, Any]:
    from kyojo_desk.text.fold import is_kana_reading, normalize_reading

    errors = {}
    if not name.strip():
        errors["name"] = N_("お名前を入力してください。")
    reading = normalize_reading(reading)
    if not reading or not is_kana_reading(reading):
        errors["reading"] = N_("ふりがなを ひらがな か カタカナ で入力してください。")
    unknown = [r for r in roles if r not in ROLE_LABELS]
    if unknown:
        errors["roles"] = message("役割「{roles}」はありません。", roles="、".join(unknown))
    if errors:
        raise ValidationError.many(errors)
    return {"name": name.strip(), "reading": reading, "roles": list(dict.fromkeys(roles))}


def clean_help_session(values: dict[str, Any], topics_allowed: list[str]) -> dict[str, Any]:
    """Check a help session as entered; all errors at once, in plain Japanese."""
    errors: dict[str, str] = {}
    topics = list(dict.fromkeys(values.get("topics") or []))
    if not topics:
        errors["topics"] = N_("相談の内容を1つ以上選んでください。")
    elif any(t not in topics_allowed for t in topics):
        errors["topics"] = N_("相談の内容に一覧にないものがあります。")
    try:
        minutes = int(values.get("minutes") or 0)
    except (TypeError, ValueError):
        minutes = 0
    if not 1 <= minutes <= 480:
        errors["minutes"] = N_("かかった時間（分）を選んでください。")
    outcome = values.get("outcome") or ""
    if outcome not in OUTCOME_LABELS:
        errors["outcome"] = N_("結果を選んでください。")
    device = values.get("device") or ""
    if device and device not in DEVICE_LABELS:
        errors["device"] = N_("機種を一覧から選んでください。")
    if not values.get("volunteer_id"):
        errors["volunteer_id"] = N_("受付をしている人（ボランティア）を選んでください。")
    follow_up = None
    try:
        follow_up = _date(
            values.get("follow_up_due"),
            "follow_up_due",
            N_("次の予定日が読み取れません（例：2026-12-01）。"),
        )
    except ValidationError as error:
        errors.update(error.errors)
    if outcome in FOLLOW_UP_OUTCOMES and not follow_up and "follow_up_due" not in errors:
        errors["follow_up_due"] = N_(
            "「次回つづき」「専門の窓口へ」のときは、次の予定日を入れてください。"
        )
    if errors:
        raise ValidationError.many(errors)
    return {
        "topics": topics,
        "minutes": minutes,
        "outcome": outcome,
        "device": device,
        "volunteer_id": values["volunteer_id"],
        "resident_id": values.get("resident_id") or None,
        "follow_up_due": follow_up,
        "notes": str(values.get("notes") or "").strip(),
    }


def clean_aid_request(values: dict[str, Any]) -> dict[str, Any]:
    errors: dict[str, str] = {}
    if not values.get("resident_id"):
        errors["resident_id"] = N_("依頼した方を選んでください。")
    if values.get("kind") not in AID_KIND_LABELS:
        errors["kind"] = N_("依頼の種類を選んでください。")
    needed_by = None
    try:
        needed_by = _date(
            values.get("needed_by"),
            "needed_by",
            N_("いつまでに必要かが読み取れません（例：2026-12-01）。"),
        )
    except ValidationError as error:
        errors.update(error.errors)
    if errors:
        raise ValidationError.many(errors)
    return {
        "resident_id": values["resident_id"],
        "kind": values["kind"],
        "needed_by": needed_by,
        "details": str(values.get("details") or "").strip(),
    }


# The most a month's app figure may be: far above any town's 共助 count, low enough to catch a
# figure typed with extra zeros.
APP_AID_COUNT_MAX = 100_000


@dataclass
class AppAidCount:
    """The 共助 count of the city's community app (「子育て・生活共助コミュニティアプリ」) for one
    month, entered by a coordinator from the app's own figures; `source` says where it was read."""

    month: str  # 'YYYY-MM'
    count: int
    source: str
    entered_by: str = ""
    entered_at: str = ""
    id: str = ""


def clean_app_aid_count(month: Any, count: Any, source: Any) -> dict[str, Any]:
    """Check a month's app figure as entered; all errors at once, in plain Japanese."""
    errors: dict[str, str] = {}
    month_text = unicodedata.normalize("NFKC", str(month or "")).strip().replace("/", "-")
    try:
        year_part, month_part = month_text.split("-")
        first = dt.date(int(year_part), int(month_part), 1)
        month_text = f"{first:%Y-%m}"
        if not 2000 <= first.year <= 2100:
            raise ValueError
    except ValueError:
        errors["month"] = N_("月は 2026-05 の形で入力してください。")
    number = None
    # NFKC: a figure typed through a Japanese IME arrives as full-width digits (４２).
    text = "" if isinstance(count, bool) or count is None else str(count)
    text = unicodedata.normalize("NFKC", text).strip().replace(",", "")
    if text.isascii() and text.isdigit():
        number = int(text)
    if number is None or not 0 <= number <= APP_AID_COUNT_MAX:
        errors["count"] = N_("件数は 0 以上の数字で入力してください。")
    source_text = str(source or "").strip()
    if not source_text:
        errors["source"] = N_("どこで見た数字かを入力してください（例：アプリ管理画面の月報）。")
    elif len(source_text) > 200:
        errors["source"] = N_("出どころは200文字までにしてください。")
    if errors:
        raise ValidationError.many(errors)
    return {"month": month_text, "count": number, "source": source_text}
