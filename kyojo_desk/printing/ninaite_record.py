"""The 担い手活動 record (活動の記録) a person carries: A4 portrait, large print with furigana.

Name with its reading, the 年度, the count and whether 「年3回以上」 is met, each counted
activity (date, title, who designated it), a box for the coordinator's seal, and a QR code whose
payload is the summary signed by this desk (kyojo_desk/sync/record_proof.py), which the city's
central server verifies. Activities that do not fit on the first page continue on the next.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from kyojo_desk.ninaite_record import signed_record
from kyojo_desk.printing.drawing import draw_qr, draw_ruby_name, fit_font_size
from kyojo_desk.printing.fonts import register_fonts
from kyojo_desk.printing.ruby import RubyParagraph
from kyojo_desk.records.ninaite import REQUIRED_COUNT, fiscal_year_bounds
from kyojo_desk.text.wareki import format_wareki

if TYPE_CHECKING:
    from kyojo_desk.records.ninaite import ActivityDay, YearTally
    from kyojo_desk.records.resident import Resident
    from kyojo_desk.store.store import Store

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 18 * mm
CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN
BODY = 16  # points: large print for seniors (the sheets' minimum is 14)
ROW_HEIGHT = 13 * mm
QR_SIZE = 50 * mm
SEAL_SIZE = 32 * mm
# The activity table stops above the seal box and the QR code.
FOOTER_TOP = MARGIN + 6 * mm + SEAL_SIZE + 16 * mm
WEEKDAYS = "月火水木金土日"


def _ruby(
    canvas: Canvas,
    markup: str,
    x: float,
    top: float,
    size: float,
    width: float,
    bold: bool = False,
    suggest: bool = False,
) -> float:
    """A paragraph of ruby markup with its top at `top`; returns the height used."""
    paragraph = RubyParagraph(markup, size=size, bold=bold, suggest=suggest)
    _, height = paragraph.wrapOn(canvas, width, PAGE_HEIGHT)
    paragraph.drawOn(canvas, x, top - height)
    return height


def _date_text(day: str) -> str:
    date = dt.date.fromisoformat(day)
    return f"{format_wareki(date)}（{WEEKDAYS[date.weekday()]}）"


def _header(canvas: Canvas, name: str, reading: str, home: str, fiscal_year: int) -> float:
    """Title, 年度 and the person; returns the y below them."""
    regular, bold = register_fonts()
    top = PAGE_HEIGHT - MARGIN
    top -= _ruby(
        canvas,
        "{担|にな}い{手|て}{活動|かつどう}の{記録|きろく}",
        MARGIN,
        top,
        26,
        CONTENT_WIDTH,
        bold=True,
    )
    first, last = fiscal_year_bounds(fiscal_year)
    era_year = format_wareki(first).split("年")[0]
    top -= (
        _ruby(
            canvas,
            f"{era_year}{{年度|ねんど}}（{first.year}年{first.month}月〜{last.year}年{last.month}月）",
            MARGIN,
            top - 2 * mm,
            BODY,
            CONTENT_WIDTH,
        )
        + 6 * mm
    )
    size = fit_font_size(name + "　様", bold, 30, 18, CONTENT_WIDTH)
    draw_ruby_name(canvas, f"{name}　様", reading, MARGIN, top - size * 1.6, size)
    top -= size * 1.6 + 4 * mm
    if home:
        canvas.setFont(regular, BODY)
        top -= _ruby(canvas, f"お{{住|す}}まい：{home}", MARGIN, top, BODY, CONTENT_WIDTH)
    return top - 4 * mm


def _summary(
    canvas: Canvas, counted: int, met: bool, days: int, activities: int, top: float
) -> float:
    """The count and whether the requirement is met, in a box; returns the y below it."""
    if met:
        verdict = (
            f"「{{年|ねん}}{REQUIRED_COUNT}{{回|かい}}{{以上|いじょう}}」を{{満|み}}たしています"
        )
    else:
        verdict = (
            f"「{{年|ねん}}{REQUIRED_COUNT}{{回|かい}}{{以上|いじょう}}」まで あと"
            f"{REQUIRED_COUNT - counted}{{回|かい}}です"
        )
    lines = [
        RubyParagraph(
            f"{{活動|かつどう}}の{{回数|かいすう}}：{counted}{{回|かい}}", size=24, bold=True
        ),
        RubyParagraph(verdict, size=18, bold=True),
        RubyParagraph(
            f"{{活動|かつどう}}した{{日数|にっすう}}：{days}{{日|にち}}　"
            f"{{参加|さんか}}した{{活動|かつどう}}：{activities}",
            size=BODY,
        ),
    ]
    inner_width = CONTENT_WIDTH - 12 * mm
    heights = [line.wrapOn(canvas, inner_width, PAGE_HEIGHT)[1] for line in lines]
    height = sum(heights) + 8 * mm
    canvas.setLineWidth(1.5)
    canvas.rect(MARGIN, top - height, CONTENT_WIDTH, height)
    y = top - 4 * mm
    for line, line_height in zip(lines, heights, strict=True):
        line.drawOn(canvas, MARGIN + 6 * mm, y - line_height)
        y -= line_height
    return top - height - 6 * mm


def _table_head(canvas: Canvas, top: float) -> float:
    _, bold = register_fonts()
    height = _ruby(
        canvas,
        "{数|かぞ}えた{活動|かつどう}（{日付|ひづけ}・{活動|かつどう}・{指定|してい}した{人|ひと}）",
        MARGIN,
        top,
        BODY,
        CONTENT_WIDTH,
        bold=True,
    )
    canvas.setLineWidth(1)
    canvas.line(MARGIN, top - height - 1 * mm, PAGE_WIDTH - MARGIN, top - height - 1 * mm)
    return top - height - 2 * mm


def _activity_row(canvas: Canvas, number: int, activity: ActivityDay, top: float) -> None:
    regular, bold = register_fonts()
    baseline = top - ROW_HEIGHT + 3.5 * mm
    canvas.setFont(bold, BODY)
    canvas.drawString(MARGIN, baseline, f"{number}.")
    canvas.setFont(regular, 14)
    canvas.drawString(MARGIN + 9 * mm, baseline, _date_text(activity.day))
    title_x = MARGIN + 66 * mm
    by_width = 40 * mm
    title_width = CONTENT_WIDTH - 66 * mm - by_width - 2 * mm
    title_size = fit_font_size(activity.title, bold, BODY, 11, title_width)
    # Furigana suggested for the title's kanji (titles are typed without readings).
    title = RubyParagraph(activity.title, size=title_size, bold=True, suggest=True)
    _, title_height = title.wrapOn(canvas, title_width + 4 * mm, ROW_HEIGHT * 2)
    title.drawOn(canvas, title_x, baseline - title_size * 0.3)
    by = activity.designated_by_name
    canvas.setFont(regular, fit_font_size(by, regular, 14, 9, by_width))
    canvas.drawRightString(PAGE_WIDTH - MARGIN, baseline, by)
    canvas.setLineWidth(0.4)
    canvas.line(MARGIN, top - ROW_HEIGHT, PAGE_WIDTH - MARGIN, top - ROW_HEIGHT)


def _footer(canvas: Canvas, payload: str, issued_on: dt.date, page: int, pages: int) -> None:
    """The seal box, the signed QR code, the date of issue and the page number."""
    regular, _ = register_fonts()
    bottom = MARGIN + 6 * mm
    # Seal box (コーディネーター印), left.
    canvas.setLineWidth(1)
    canvas.rect(MARGIN, bottom, SEAL_SIZE, SEAL_SIZE)
    _ruby(
        canvas,
        "コーディネーター{印|いん}",
        MARGIN,
        bottom + SEAL_SIZE + 12 * mm,
        12,
        SEAL_SIZE + 20 * mm,
    )
    canvas.setFont(regular, 12)
    canvas.drawString(
        MARGIN + SEAL_SIZE + 5 * mm, bottom + 20 * mm, f"発行日：{format_wareki(issued_on)}"
    )
    canvas.drawString(MARGIN + SEAL_SIZE + 5 * mm, bottom + 13 * mm, f"{page} / {pages}")
    # The QR, right, with what it is for.
    qr_x = PAGE_WIDTH - MARGIN - QR_SIZE
    draw_qr(canvas, payload, qr_x, bottom - 4 * mm, QR_SIZE)
    canvas.setFont(regular, 10)
    canvas.drawRightString(qr_x - 3 * mm, bottom + 6 * mm, "市の確認用コード")


def render_ninaite_record(
    store: Store, person_id: str, fiscal_year: int, path: Path, issued_on: dt.date | None = None
) -> int:
    """Write the record PDF; returns the number of pages."""
    regular, _ = register_fonts()
    issued_on = issued_on or dt.date.today()
    resident, tally, payload = signed_record(store, person_id, fiscal_year, issued_on)
    canvas = Canvas(str(path), pagesize=A4)
    canvas.setTitle(f"担い手活動の記録 {fiscal_year}年度")
    rows = list(tally.counted_activities)
    total_pages = _count_pages(resident, tally)
    number = 0
    page = 1
    while True:
        if page == 1:
            top = _header(
                canvas,
                resident.full_name,
                resident.full_reading,
                resident.home_municipality,
                fiscal_year,
            )
            top = _summary(
                canvas, tally.counted, tally.met, tally.activity_days, tally.activities, top
            )
        else:
            top = PAGE_HEIGHT - MARGIN
        top = _table_head(canvas, top)
        if not rows and page == 1:
            canvas.setFont(regular, BODY)
            canvas.drawString(MARGIN, top - 9 * mm, "この年度の担い手活動はまだありません。")
        while rows and top - ROW_HEIGHT >= FOOTER_TOP:
            number += 1
            _activity_row(canvas, number, rows.pop(0), top)
            top -= ROW_HEIGHT
        _footer(canvas, payload, issued_on, page, total_pages)
        canvas.showPage()
        if not rows:
            break
        page += 1
    canvas.save()
    return page


def _count_pages(resident: Resident, tally: YearTally) -> int:
    """How many pages the record takes (the first page's table starts below the summary),
    measured on a canvas that is never written."""
    scratch = Canvas(str(Path("unused.pdf")), pagesize=A4)
    top = _header(
        scratch,
        resident.full_name,
        resident.full_reading,
        resident.home_municipality,
        tally.fiscal_year,
    )
    top = _summary(scratch, tally.counted, tally.met, tally.activity_days, tally.activities, top)
    first = int((_table_head(scratch, top) - FOOTER_TOP) // ROW_HEIGHT)
    later = int((_table_head(scratch, PAGE_HEIGHT - MARGIN) - FOOTER_TOP) // ROW_HEIGHT)
    rest = max(0, len(tally.counted_activities) - first)
    return 1 + (-(-rest // later) if rest else 0)
