"""The monthly report for the city's review committee: the dashboard's figures for the month and
the fiscal year to date (from 1 April), bar charts, the figures by district, and the events held."""

from __future__ import annotations

import calendar
import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

from kyojo_desk.errors import ValidationError
from kyojo_desk.printing.fonts import register_fonts
from kyojo_desk.records.help import OUTCOME_LABELS
from kyojo_desk.store.kpi import AGE_BAND_NAMES, FLAT_KEYS, KPI_LABELS, compute_kpis

if TYPE_CHECKING:
    from kyojo_desk.store.store import Store

DISTRICT_COLUMNS = (
    ("new_residents", "新規登録"),
    ("residents_supported", "支援した人"),
    ("help_sessions", "相談"),
    ("attendance_total", "参加"),
    ("aid_matches_completed", "共助完了"),
)


def month_bounds(month: str) -> tuple[dt.date, dt.date]:
    """'2026-11' → (2026-11-01, 2026-11-30)."""
    try:
        year, number = (int(part) for part in month.split("-"))
        first = dt.date(year, number, 1)
    except ValueError:
        raise ValidationError("month", "月は 2026-11 の形で指定してください。") from None
    return first, first.replace(day=calendar.monthrange(year, number)[1])


def figure_text(key: str, value: Any) -> str:
    """A figure as printed: rates as percentages, a rate of nothing as a dash."""
    if key in ("match_rate", "repeat_rate", "match_rate_target"):
        return "—" if value is None else f"{value:.0%}"
    return str(value)


def fiscal_year_start(day: dt.date) -> dt.date:
    return dt.date(day.year if day.month >= 4 else day.year - 1, 4, 1)


def _chart(
    title: str, bars: dict[str, int], font: str, empty: str = "この月はありません"
) -> Drawing:
    height = max(60, 16 * len(bars) + 40)
    drawing = Drawing(170 * mm, height)
    drawing.add(String(0, height - 12, title, fontName=font, fontSize=12))
    if not bars:
        drawing.add(String(0, height - 32, empty, fontName=font, fontSize=12))
        return drawing
    chart = HorizontalBarChart()
    chart.x, chart.y = 55 * mm, 10
    chart.width, chart.height = 100 * mm, height - 30
    chart.data = [list(bars.values())]
    chart.categoryAxis.categoryNames = list(bars)
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 10
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueStep = max(
        1, -(-max(bars.values()) // 5)
    )  # whole numbers: these are counts
    chart.valueAxis.labels.fontName = font
    chart.bars[0].fillColor = colors.HexColor("#333333")
    chart.barLabelFormat = "%d"
    chart.barLabels.fontName = font
    chart.barLabels.nudge = 8
    drawing.add(chart)
    return drawing


def _table(
    rows: list[list[Any]], widths: list[float], font: str, bold: str, grid: bool = True
) -> Table:
    table = Table(rows, colWidths=widths, repeatRows=1 if grid else 0)
    if not grid:  # a row of charts side by side
        table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
        return table
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), font),
                ("FONTNAME", (0, 0), (-1, 0), bold),
                ("FONTSIZE", (0, 0), (-1, -1), 11),
                ("LEADING", (0, 0), (-1, -1), 14),
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")),
            ]
        )
    )
    return table


def digital_divide_table(store: Store, figures: dict[str, Any], font: str, bold: str) -> Table:
    """The digital-divide rows (district × age band) with shares of smartphone owners and of
    people who can register in an app, and the total."""
    names = {district.code: district.name for district in store.list_districts()}

    def share(count: int, residents: int) -> str:
        return f"{count}（{count / residents:.0%}）" if residents else str(count)

    rows: list[list[Any]] = [
        ["地区", "年代", "登録", "スマホあり", "アプリ登録可", "できるように\nなったこと"]
    ]
    for row in figures["digital_divide"]["rows"]:
        rows.append(
            [
                names.get(row["district"], row["district"]) or "地区なし",
                AGE_BAND_NAMES[row["age_band"]],
                row["residents"],
                share(row["smartphone"], row["residents"]),
                share(row["app_registered"], row["residents"]),
                row["skills_gained"],
            ]
        )
    total = figures["digital_divide"]["total"]
    rows.append(
        [
            "合計",
            "",
            total["residents"],
            share(total["smartphone"], total["residents"]),
            share(total["app_registered"], total["residents"]),
            total["skills_gained"],
        ]
    )
    table = _table(rows, [26 * mm, 26 * mm, 20 * mm, 32 * mm, 32 * mm, 30 * mm], font, bold)
    table.setStyle(
        TableStyle([("FONTNAME", (0, -1), (-1, -1), bold), ("ALIGN", (1, 1), (1, -1), "LEFT")])
    )
    return table


def render_report(store: Store, month: str, path: Path) -> None:
    """Write the monthly report PDF for `month` ('YYYY-MM')."""
    regular, bold = register_fonts()
    first, last = month_bounds(month)
    month_figures = compute_kpis(store, first, last)
    year_figures = compute_kpis(store, fiscal_year_start(first), last)
    title = ParagraphStyle("title", fontName=bold, fontSize=20, leading=28)
    heading = ParagraphStyle(
        "heading", fontName=bold, fontSize=14, leading=20, spaceBefore=5 * mm, spaceAfter=2 * mm
    )
    body = ParagraphStyle("body", fontName=regular, fontSize=11, leading=16)
    centre = store.get_meta("centre_name") or ""
    story: list[Any] = [
        Paragraph(f"共助デスク 月次報告　{first.year}年{first.month}月", title),
        Paragraph(f"{centre}　年度累計は {fiscal_year_start(first):%Y年%m月%d日} から", body),
        Paragraph("主な数字（KPI②③④は年度の目標と並べています）", heading),
    ]
    rows = [["項目", "この月", "年度累計", "年度目標"]]
    for key in FLAT_KEYS:
        rows.append(
            [
                KPI_LABELS[key],
                figure_text(key, month_figures[key]),
                figure_text(key, year_figures[key]),
                figure_text(key, year_figures["match_rate_target"])
                if key == "match_rate"
                else year_figures["targets"].get(key) or "",
            ]
        )
    story.append(_table(rows, [85 * mm, 28 * mm, 28 * mm, 28 * mm], regular, bold))
    story.append(Paragraph("相談の内容と結果（この月）", heading))
    story.append(_chart("相談の内容（件）", month_figures["help_sessions_by_topic"], regular))
    outcomes = {
        OUTCOME_LABELS.get(k, k): v for k, v in month_figures["help_sessions_by_outcome"].items()
    }
    story.append(_chart("相談の結果（件）", outcomes, regular))
    story.append(Paragraph("地区ごと（この月）", heading))
    district_rows = [["地区", *[label for _, label in DISTRICT_COLUMNS]]]
    for district in store.list_districts():
        figures = compute_kpis(store, first, last, district.code)
        district_rows.append([district.name, *[figures[key] for key, _ in DISTRICT_COLUMNS]])
    story.append(
        _table(district_rows, [30 * mm] + [28 * mm] * len(DISTRICT_COLUMNS), regular, bold)
    )
    story.append(Paragraph("デジタルの状況（月末、地区・年代ごと）", heading))
    story.append(digital_divide_table(store, month_figures, regular, bold))
    story.append(Paragraph("この月のイベント", heading))
    events = store.db.execute(
        "SELECT e.starts_at, e.title, e.volunteer_led, "
        "(SELECT count(*) FROM attendance a WHERE a.event_id = e.id AND a.deleted = 0) "
        "FROM events e WHERE e.deleted = 0 AND e.starts_at >= ? AND e.starts_at < ? ORDER BY e.starts_at",
        [first.isoformat(), (last + dt.timedelta(days=1)).isoformat()],
    ).fetchall()
    event_rows = [["日にち", "イベント", "ボランティア主体", "参加"]]
    event_rows += [
        [start[:10], name, "○" if led else "", count] for start, name, led, count in events
    ]
    if len(event_rows) == 1:
        story.append(Paragraph("この月のイベントはありません。", body))
    else:
        story.append(_table(event_rows, [28 * mm, 85 * mm, 32 * mm, 20 * mm], regular, bold))
    SimpleDocTemplate(
        str(path), pagesize=A4, title=f"月次報告 {month}", leftMargin=18 * mm, rightMargin=18 * mm
    ).build(story)
