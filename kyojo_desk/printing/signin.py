"""The paper sign-in sheet of an event (受付表), A4 portrait.

Header: title, date, place and the event's QR code. Then the expected people in 五十音 order —
exactly `Store.expected_residents`, the order of the sheet-entry screen too — each with name and
reading (ruby, 16 pt), a tick box and a small QR of their member card; then blank rows for
walk-ins (name, reading, phone). Every page has "1/3" numbering, four corner markers and a QR of
the page (`KJ1:S:<event>:<page>`, with `:<YYYYMMDD>` for the day of a multi-day event's sheet),
so a scanned sheet can be read back later and counted for its day.
"""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path
from typing import TYPE_CHECKING

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from kyojo_desk.printing.drawing import (
    draw_corner_markers,
    draw_qr,
    draw_ruby_name,
    draw_tick_box,
    fit_font_size,
)
from kyojo_desk.printing.fonts import register_fonts
from kyojo_desk.qr import card_payload, event_payload, sheet_payload
from kyojo_desk.text.wareki import format_wareki

if TYPE_CHECKING:
    from kyojo_desk.records.event import Event
    from kyojo_desk.records.resident import Resident
    from kyojo_desk.store.store import Store

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 12 * mm
MARKER = 6 * mm
ROW_HEIGHT = 19 * mm
FIRST_ROW_TOP = PAGE_HEIGHT - 52 * mm
LAST_ROW_BOTTOM = 30 * mm
ROWS_PER_PAGE = int((FIRST_ROW_TOP - LAST_ROW_BOTTOM) // ROW_HEIGHT)
# Where things sit in a row, from the page's left edge and down from the row's top line. The
# sheet reader (kyojo_desk/scanning) finds the tick boxes and codes by these same numbers.
ROW_LEFT = MARGIN + MARKER + 4 * mm
TICK_BOX_LEFT = ROW_LEFT + 11 * mm
TICK_BOX_SIZE = 10 * mm
TICK_BOX_BELOW_TOP = 15 * mm  # from the row's top down to the box's lower edge
ROW_QR_SIZE = 15 * mm
ROW_QR_LEFT = PAGE_WIDTH - ROW_LEFT - ROW_QR_SIZE
PAGE_QR_SIZE = 17 * mm
PAGE_QR_LEFT = PAGE_WIDTH - MARGIN - MARKER - PAGE_QR_SIZE - 2 * mm
PAGE_QR_BOTTOM = MARGIN + 1 * mm
# Centres of the four corner markers, each MARKER wide, MARGIN in from both edges.
MARKER_INSET = MARGIN


def _when(event: Event, day: str | None = None) -> str:
    """The date and times; for a day of a multi-day event, that day and its number."""
    start = dt.datetime.fromisoformat(event.starts_at)
    date = dt.date.fromisoformat(day) if day else start.date()
    text = f"{format_wareki(date)}（{date:%Y/%m/%d}）"
    if event.is_multi_day:
        text += f" {event.day_number(date.isoformat())}日目"
    text += f" {start:%H:%M}"
    if event.ends_at:
        text += f"〜{dt.datetime.fromisoformat(event.ends_at):%H:%M}"
    return text


def _header(canvas: Canvas, event: Event, page: int, pages: int, day: str | None = None) -> None:
    regular, bold = register_fonts()
    left = MARGIN + MARKER + 4 * mm
    qr_size = 26 * mm
    draw_qr(
        canvas,
        event_payload(event.id),
        PAGE_WIDTH - MARGIN - MARKER - qr_size - 2 * mm,
        PAGE_HEIGHT - MARGIN - qr_size - 4 * mm,
        qr_size,
    )
    title_width = PAGE_WIDTH - 2 * left - qr_size
    canvas.setFont(bold, fit_font_size(event.title, bold, 22, 14, title_width))
    canvas.drawString(left, PAGE_HEIGHT - MARGIN - 14 * mm, f"{event.title}　受付表")
    canvas.setFont(regular, 14)
    canvas.drawString(left, PAGE_HEIGHT - MARGIN - 22 * mm, _when(event, day))
    if event.place:
        canvas.drawString(left, PAGE_HEIGHT - MARGIN - 29 * mm, f"場所：{event.place}")
    canvas.setFont(regular, 12)
    canvas.drawString(
        left, PAGE_HEIGHT - MARGIN - 36 * mm, "来られた方の □ に ✓ をつけてください。"
    )


def _footer(canvas: Canvas, event: Event, page: int, pages: int, day: str | None = None) -> None:
    regular, _ = register_fonts()
    canvas.setFont(regular, 14)
    canvas.drawCentredString(PAGE_WIDTH / 2, MARGIN + 6 * mm, f"{page}/{pages}")
    # A multi-day event's sheet is for one day (its first unless chosen, as the header says):
    # the page code carries that day, so reading the sheet back counts its ticks for it.
    code_day = (day or event.first_day) if event.is_multi_day else None
    payload = sheet_payload(event.id, page, code_day)
    draw_qr(canvas, payload, PAGE_QR_LEFT, PAGE_QR_BOTTOM, PAGE_QR_SIZE)
    draw_corner_markers(canvas, PAGE_WIDTH, PAGE_HEIGHT, MARGIN - MARKER / 2, MARKER)


def _expected_row(canvas: Canvas, resident: Resident, number: int, top: float) -> None:
    regular, _ = register_fonts()
    left = ROW_LEFT
    canvas.setLineWidth(0.5)
    canvas.line(left, top - ROW_HEIGHT, PAGE_WIDTH - left, top - ROW_HEIGHT)
    canvas.setFont(regular, 12)
    canvas.drawRightString(left + 8 * mm, top - 12 * mm, str(number))
    draw_tick_box(canvas, TICK_BOX_LEFT, top - TICK_BOX_BELOW_TOP, TICK_BOX_SIZE)
    draw_ruby_name(
        canvas, resident.full_name, resident.full_reading, left + 26 * mm, top - 13.5 * mm, 16
    )
    draw_qr(
        canvas,
        card_payload(resident.card_code),
        ROW_QR_LEFT,
        top - ROW_HEIGHT + 2 * mm,
        ROW_QR_SIZE,
    )


def _blank_row(canvas: Canvas, top: float) -> None:
    regular, _ = register_fonts()
    left = ROW_LEFT
    canvas.setLineWidth(0.5)
    canvas.line(left, top - ROW_HEIGHT, PAGE_WIDTH - left, top - ROW_HEIGHT)
    draw_tick_box(canvas, TICK_BOX_LEFT, top - TICK_BOX_BELOW_TOP, TICK_BOX_SIZE)
    canvas.setFont(regular, 12)
    for label, x in (("お名前", 26), ("ふりがな", 86), ("電話", 136)):
        canvas.drawString(left + x * mm, top - 5 * mm, label)
    canvas.setDash(2, 2)
    for start, end in ((26, 82), (86, 132), (136, 166)):
        canvas.line(left + start * mm, top - 15 * mm, left + end * mm, top - 15 * mm)
    canvas.setDash()


def render_signin(
    store: Store, event_id: str, path: Path, blank_rows: int = 8, day: str | None = None
) -> int:
    """The sign-in sheet PDF of an event (of one `day` of a multi-day event, whose date and
    day number the header shows). Returns the number of pages."""
    register_fonts()
    event = store.get_event(event_id)
    if day is not None and day not in event.days:
        from kyojo_desk.errors import ValidationError
        from kyojo_desk.texts import N_

        raise ValidationError("day", N_("この行事の日ではありません。"))
    expected = store.expected_residents(event_id)
    rows: list[Resident | None] = [*expected, *([None] * max(0, blank_rows))]
    pages = max(1, math.ceil(len(rows) / ROWS_PER_PAGE))
    canvas = Canvas(str(path), pagesize=A4)
    canvas.setTitle(f"{event.title} 受付表")
    for page in range(1, pages + 1):
        _header(canvas, event, page, pages, day)
        for slot, row in enumerate(rows[(page - 1) * ROWS_PER_PAGE : page * ROWS_PER_PAGE]):
            top = FIRST_ROW_TOP - slot * ROW_HEIGHT
            if row is None:
                _blank_row(canvas, top)
            else:
                _expected_row(canvas, row, (page - 1) * ROWS_PER_PAGE + slot + 1, top)
        _footer(canvas, event, page, pages, day)
        canvas.showPage()
    canvas.save()
    return pages
