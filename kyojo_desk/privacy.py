"""A resident's rights under Japan's personal-information law (個人情報保護法):

- disclosure: everything held about one person, as a readable PDF and as CSV;
- withdrawal of consent, which leads to erasure (here and, through sync, everywhere);
- a retention review: residents with no activity for a number of years, for the coordinator to
  decide about.

What belongs to a person is found generically: their resident row and every row of every synced
table whose `resident_field` names them, so a new record kind is covered by its declaration.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kyojo_desk.spreadsheet import csv_writer
from kyojo_desk.store.changelog import local_now
from kyojo_desk.store.rows import decode_row
from kyojo_desk.store.schema import SYNCED_TABLES
from kyojo_desk.sync import hlc
from kyojo_desk.texts import N_

if TYPE_CHECKING:
    from kyojo_desk.store.store import Store

TABLE_TITLES = {
    "residents": "ご本人の登録内容",
    "consents": "同意の記録",
    "event_signups": "イベントの参加申込",
    "attendance": "イベントへの参加",
    "help_sessions": "スマホ相談などの記録",
    "aid_requests": "共助（たすけあい）の依頼",
    "resident_skills": "できるようになったこと",
}
FIELD_LABELS = {
    "family_name": N_("姓"),
    "given_name": N_("名"),
    "family_reading": N_("せい"),
    "given_reading": N_("めい"),
    "birth_date": N_("生年月日"),
    "phone": N_("電話番号"),
    "phone2": N_("もう一つの電話番号"),
    "district": N_("地区"),
    "kind": N_("区分"),
    "support_needs": N_("必要な配慮"),
    "smartphone": N_("スマートフォン"),
    "notes": N_("メモ"),
    "card_code": N_("会員カード番号"),
    "created_at": N_("登録した日時"),
    "scopes": N_("同意した項目"),
    "method": N_("同意の方法"),
    "witnessed_by": N_("確認した人"),
    "text_version": N_("同意書の版"),
    "given_on": N_("同意した日"),
    "withdrawn_on": N_("撤回した日"),
    "event_id": N_("イベント"),
    "checked_in_at": N_("受付の日時"),
    "signed_up_at": N_("申込の日時"),
    "recorded_by": N_("記録した人"),
}
SKIPPED_FIELDS = {"deleted", "merged_into", "needs_completion", "resident_id", "desk_id", "id"}


@dataclass
class Section:
    title: str
    table: str
    rows: list[list[tuple[str, str]]]  # each row: (label, value) pairs


def _labels() -> dict[str, dict[str, str]]:
    from kyojo_desk.records import resident as records

    def plain(labels: dict) -> dict[str, str]:
        return {key.value: label for key, label in labels.items()}

    return {
        "kind": plain(records.KIND_LABELS),
        "smartphone": plain(records.SMARTPHONE_LABELS),
        "support_needs": plain(records.SUPPORT_NEED_LABELS),
        "scopes": plain(records.CONSENT_SCOPE_LABELS),
        "method": plain(records.CONSENT_METHOD_LABELS),
    }


def _text(store: Store, field: str, value: Any, labels: dict[str, dict[str, str]]) -> str:
    """A stored value as the person reads it (labels for codes, district names, 和暦 dates)."""
    if value is None:
        return ""
    names = labels.get(field, {})
    if isinstance(value, list):
        return "、".join(names.get(str(v), str(v)) for v in value)
    if field == "district":
        return store.district_name(str(value))
    if field == "birth_date" and value:
        from kyojo_desk.text.wareki import format_both

        return format_both(dt.date.fromisoformat(str(value)))
    if field.endswith("_at") and value:
        moment = dt.datetime.fromisoformat(str(value))
        return f"{moment:%Y年%m月%d日 %H:%M}"
    return names.get(str(value), str(value))


def collect_person(store: Store, resident_id: str) -> list[Section]:
    """Every record held about one person, table by table (tombstones left out)."""
    sections = []
    labels = _labels()
    for spec in SYNCED_TABLES.values():
        if spec.resident_field is None:
            continue
        rows = store.db.query(
            f"SELECT * FROM [{spec.name}] WHERE [{spec.resident_field}] = ? AND deleted = 0",
            [resident_id],
        )
        shown = []
        for row in rows:
            decoded = decode_row(spec, row)
            # Synced fields only: local keys kept for counting (resident_number …) are not
            # something recorded about the person.
            shown.append(
                [
                    (FIELD_LABELS.get(name, name), _text(store, name, value, labels))
                    for name, value in decoded.items()
                    if name in spec.fields
                    and name not in SKIPPED_FIELDS
                    and value not in (None, "", [])
                ]
            )
        if shown:
            sections.append(Section(TABLE_TITLES.get(spec.name, spec.name), spec.name, shown))
    return sections


def export_person_csv(store: Store, resident_id: str, path: Path) -> Path:
    """The disclosure as CSV (UTF-8 with BOM for Excel): 区分, 番号, 項目, 内容."""
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv_writer(handle)
        writer.writerow(["区分", "番号", "項目", "内容"])
        for section in collect_person(store, resident_id):
            for number, row in enumerate(section.rows, start=1):
                for label, value in row:
                    writer.writerow([section.title, number, label, value])
    return path


def export_person_pdf(store: Store, resident_id: str, path: Path) -> Path:
    """The disclosure as a large-print A4 PDF in BIZ UDPGothic."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    from kyojo_desk.printing.fonts import register_fonts

    regular, bold = register_fonts()
    title_style = ParagraphStyle("title", fontName=bold, fontSize=20, leading=28)
    heading = ParagraphStyle("heading", fontName=bold, fontSize=16, leading=22, spaceBefore=6 * mm)
    body = ParagraphStyle("body", fontName=regular, fontSize=13, leading=19)
    centre = store.get_meta("centre_name") or ""
    story: list[Any] = [
        Paragraph("保有している個人情報の開示", title_style),
        Paragraph(f"{centre}　作成日：{dt.date.today():%Y年%m月%d日}", body),
        Spacer(1, 4 * mm),
    ]
    for section in collect_person(store, resident_id):
        story.append(Paragraph(section.title, heading))
        for row in section.rows:
            cells = [
                [Paragraph(label, body), Paragraph(value.replace("\n", "<br/>"), body)]
                for label, value in row
            ]
            table = Table(cells, colWidths=[45 * mm, 125 * mm])
            table.setStyle(
                TableStyle(
                    [
                        ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
                        ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ]
                )
            )
            story += [table, Spacer(1, 3 * mm)]
    document = SimpleDocTemplate(
        str(path), pagesize=A4, title="個人情報の開示", leftMargin=18 * mm, rightMargin=18 * mm
    )
    document.build(story)
    return path


def withdraw_consent(store: Store, resident_id: str) -> None:
    """The person withdraws their consent: it is dated, then they are erased — here now, and
    everywhere through sync. Nothing of them stays in this database file afterwards."""
    today = local_now()[:10]
    with store.transaction():
        for consent in store.consents_of(resident_id):
            store.write("consents", consent.id, {"withdrawn_on": today})
    store.erase_resident(resident_id)


@dataclass
class RetentionCandidate:
    resident_id: str
    name: str
    last_activity: dt.date


def retention_review(
    store: Store, years: int = 3, today: dt.date | None = None
) -> list[RetentionCandidate]:
    """Residents with no activity for `years`: nothing written about them (registration,
    edit, attendance, help …) since then. Activity is read from the rows' stamps, so every
    record kind counts."""
    latest: dict[str, int] = {}
    for spec in SYNCED_TABLES.values():
        if spec.resident_field is None:
            continue
        rows = store.db.execute(
            f"SELECT [{spec.resident_field}], max(sync_stamp), group_concat(sync_stamps, '|')"
            f" FROM [{spec.name}] WHERE [{spec.resident_field}] IS NOT NULL"
            f" GROUP BY [{spec.resident_field}]"
        )
        for resident_id, stamp, packed in rows:
            newest = stamp or 0
            for part in (packed or "").split("|") if packed else ():
                newest = max([newest, *(s for s, _ in json.loads(part).values())])
            latest[resident_id] = max(latest.get(resident_id, 0), hlc.wall_ms(newest))
    today = today or dt.date.today()
    cutoff = dt.date(today.year - years, today.month, min(today.day, 28))
    candidates = []
    for resident in store.list_residents():
        wall = latest.get(resident.id)
        last = dt.datetime.fromtimestamp(wall / 1000).date() if wall else dt.date.min
        if last < cutoff:
            candidates.append(RetentionCandidate(resident.id, resident.full_name, last))
    return sorted(candidates, key=lambda c: c.last_activity)


def person_json(store: Store, resident_id: str) -> str:
    """The disclosure as JSON (for scripts)."""
    return json.dumps(
        [
            {"section": s.title, "rows": [dict(r) for r in s.rows]}
            for s in collect_person(store, resident_id)
        ],
        ensure_ascii=False,
        indent=2,
    )
