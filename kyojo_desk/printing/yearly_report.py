"""The yearly report for the まちづくり委員会 (reported every 年度 in August): the plan's KPIs ② ③ ④
year by year and cumulative against their targets, the match rate against 80 %, KPI ④'s desk
and app parts, the digital-divide table by district × age band, events by kind, help topics and
outcomes. A4 portrait, BIZ UD fonts, charts with their numbers written on them (nothing is told
by colour alone)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, PageBreak, Paragraph, SimpleDocTemplate, Spacer

from kyojo_desk.errors import ValidationError
from kyojo_desk.printing.fonts import register_fonts
from kyojo_desk.printing.report import _chart, _table, digital_divide_table, figure_text
from kyojo_desk.records.event import EVENT_KIND_LABELS
from kyojo_desk.records.help import OUTCOME_LABELS
from kyojo_desk.store.kpi import (
    AGE_BAND_NAMES,
    FLAT_KEYS,
    KPI_LABELS,
    PLAN_KPIS,
    compute_kpis,
    fiscal_year_bounds,
    kpi_plan,
)
from kyojo_desk.text.wareki import era_of
from kyojo_desk.texts import label_or_text

if TYPE_CHECKING:
    from kyojo_desk.store.store import Store

ACTUAL_COLOUR = colors.HexColor("#222222")
TARGET_COLOUR = colors.HexColor("#bbbbbb")
KPI_SHORT = {
    "volunteers_trained": "KPI② シェア・コンシェルジュ養成（人）",
    "volunteer_led_events": "KPI③ コンシェルジュが中心の活動（回）",
    "aid_matches_total": "KPI④ 共助の件数（件）",
}


def fiscal_year_name(year: int) -> str:
    """2025 → 「2025年度（令和7年度）」: the era of the 年度's last day names it."""
    era = era_of(dt.date(year + 1, 3, 31))
    era_year = year - era.first_day.year + 1
    return f"{year}年度（{era.name}{'元' if era_year == 1 else era_year}年度）"


def _year_chart(kpi: str, years: list[int], actual: list[int], targets: list[int], font: str):
    """Actual beside target for each 年度 of the plan, each bar with its number."""
    drawing = Drawing(84 * mm, 62 * mm)
    drawing.add(String(0, 62 * mm - 12, KPI_SHORT[kpi], fontName=font, fontSize=10.5))
    chart = VerticalBarChart()
    chart.x, chart.y = 12 * mm, 14 * mm
    chart.width, chart.height = 68 * mm, 38 * mm
    chart.data = [actual, targets]
    chart.categoryAxis.categoryNames = [f"{year}年度" for year in years]
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 9
    chart.valueAxis.valueMin = 0
    top = max([*actual, *targets, 1])
    chart.valueAxis.valueMax = top * 1.2
    chart.valueAxis.valueStep = max(1, -(-top // 4))
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = 8
    chart.bars[0].fillColor = ACTUAL_COLOUR
    chart.bars[1].fillColor = TARGET_COLOUR
    chart.bars[1].strokeColor = colors.black
    chart.barLabelFormat = "%d"
    chart.barLabels.fontName = font
    chart.barLabels.fontSize = 9
    chart.barLabels.nudge = 6
    drawing.add(chart)
    legend = Legend()
    legend.x, legend.y = 14 * mm, 5 * mm
    legend.fontName = font
    legend.fontSize = 9
    legend.columnMaximum = 1
    legend.deltax = 22 * mm
    legend.alignment = "right"
    legend.colorNamePairs = [(ACTUAL_COLOUR, "実績"), (TARGET_COLOUR, "目標")]
    drawing.add(legend)
    return drawing


def _achievement_chart(rows: list[tuple[str, int, int]], font: str) -> Drawing:
    """How far each KPI is along its cumulative target, in %, labelled 「KPI④ 57 / 100」."""
    height = 62 * mm
    drawing = Drawing(84 * mm, height)
    drawing.add(
        String(0, height - 12, "累計の達成率（計画のはじめから）", fontName=font, fontSize=10.5)
    )
    chart = HorizontalBarChart()
    chart.x, chart.y = 30 * mm, 14 * mm
    chart.width, chart.height = 46 * mm, height - 30 * mm
    chart.data = [[round(100 * value / target) if target else 0 for _, value, target in rows]]
    chart.categoryAxis.categoryNames = [
        f"{label} {value} / {target}" for label, value, target in rows
    ]
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 9
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = max(100, *chart.data[0]) * 1.25
    chart.valueAxis.valueStep = 50
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = 8
    chart.valueAxis.labelTextFormat = "%d%%"
    chart.bars[0].fillColor = ACTUAL_COLOUR
    chart.barLabelFormat = "%d%%"
    chart.barLabels.fontName = font
    chart.barLabels.fontSize = 9
    chart.barLabels.boxAnchor = "w"  # the number starts after the bar's end, not over it
    chart.barLabels.nudge = 3
    drawing.add(chart)
    return drawing


def render_yearly_report(store: Store, fiscal_year: int, path: Path) -> None:
    """Write the report of `fiscal_year` (1 April – 31 March) as an A4 PDF."""
    if not 2000 <= fiscal_year <= 2100:
        raise ValidationError("fiscal_year", "年度は 2025 のように西暦で指定してください。")
    regular, bold = register_fonts()
    plan = kpi_plan()
    first, last = fiscal_year_bounds(fiscal_year)
    figures = compute_kpis(store, first, last)
    plan_years = list(range(plan.first_year, min(fiscal_year, plan.last_year) + 1))
    per_year = {year: compute_kpis(store, *fiscal_year_bounds(year)) for year in plan_years}
    title = ParagraphStyle("title", fontName=bold, fontSize=20, leading=28)
    heading = ParagraphStyle(
        "heading", fontName=bold, fontSize=14, leading=20, spaceBefore=5 * mm, spaceAfter=2 * mm
    )
    body = ParagraphStyle("body", fontName=regular, fontSize=11, leading=17)
    centre = store.get_meta("centre_name") or ""
    story: list[Any] = [
        Paragraph(f"共助デスク 年度報告　{fiscal_year_name(fiscal_year)}", title),
        Paragraph(
            f"{centre}　期間：{first:%Y年%m月%d日}〜{last:%Y年%m月%d日}　"
            f"計画：{plan.first_year}〜{plan.last_year}年度",
            body,
        ),
        Paragraph("計画のKPI（年度ごとの実績と目標、累計）", heading),
    ]
    story.append(_plan_table(figures, per_year, plan_years, regular, bold))
    if plan_years:
        charts = [
            _year_chart(
                kpi,
                plan_years,
                [per_year[year][kpi] for year in plan_years],
                [plan.target(kpi, year) or 0 for year in plan_years],
                regular,
            )
            for kpi in PLAN_KPIS
        ]
        story.append(_table([charts[:2]], [85 * mm, 85 * mm], regular, bold, grid=False))
        cumulative = figures["cumulative"]
        story.append(
            _table(
                [
                    [
                        charts[2],
                        _achievement_chart(
                            [
                                (
                                    KPI_SHORT[kpi].split(" ")[0],
                                    cumulative[kpi]["value"],
                                    cumulative[kpi]["target"] or 0,
                                )
                                for kpi in PLAN_KPIS
                            ],
                            regular,
                        ),
                    ]
                ],
                [85 * mm, 85 * mm],
                regular,
                bold,
                grid=False,
            )
        )
    else:
        story.append(Paragraph("この年度は計画の期間より前です。", body))
    # The plan's KPIs fill the first page; the matching and the digital divide start the next.
    story.append(PageBreak())
    story.append(Paragraph("共助の依頼と件数（KPI④）", heading))
    story.append(_matching_table(figures, regular, bold))
    story.append(Paragraph("デジタルの状況（地区・年代ごと）", heading))
    story.append(
        Paragraph(
            f"{last:%Y年%m月%d日} に登録している人。年代はその日の年齢。"
            "「アプリ登録ができる」はその日までに、「できるようになったこと」はこの年度に記録されたもの。",
            body,
        )
    )
    story.append(Spacer(1, 2 * mm))
    story.append(_phone_chart(figures, regular))
    story.append(Spacer(1, 3 * mm))
    story.append(digital_divide_table(store, figures, regular, bold))
    kinds = {
        label_or_text(EVENT_KIND_LABELS, kind): count
        for kind, count in figures["events_by_kind"].items()
    }
    story.append(
        KeepTogether(
            [
                Paragraph("イベントと相談", heading),
                _chart("イベントの種類（回）", kinds, regular, empty="この年度はありません"),
            ]
        )
    )
    story.append(
        KeepTogether(
            _chart(
                "相談の内容（件）",
                figures["help_sessions_by_topic"],
                regular,
                empty="この年度はありません",
            )
        )
    )
    outcomes = {OUTCOME_LABELS.get(k, k): v for k, v in figures["help_sessions_by_outcome"].items()}
    story.append(
        KeepTogether(_chart("相談の結果（件）", outcomes, regular, empty="この年度はありません"))
    )
    story.append(Paragraph("この年度の主な数字", heading))
    rows = [["項目", "この年度"]]
    rows += [[KPI_LABELS[key], figure_text(key, figures[key])] for key in FLAT_KEYS]
    story.append(_table(rows, [120 * mm, 40 * mm], regular, bold))
    SimpleDocTemplate(
        str(path),
        pagesize=A4,
        title=f"年度報告 {fiscal_year}年度",
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=16 * mm,
        bottomMargin=16 * mm,
    ).build(story)


def _plan_table(
    figures: dict[str, Any],
    per_year: dict[int, dict[str, Any]],
    plan_years: list[int],
    font: str,
    bold: str,
):
    plan = kpi_plan()
    header = [
        "KPI",
        *[f"{year}年度\n実績 / 目標" for year in plan_years],
        "累計\n実績 / 目標",
        "計画全体\nの目標",
    ]
    rows: list[list[Any]] = [header]
    cumulative = figures["cumulative"]
    for kpi in PLAN_KPIS:
        row: list[Any] = [KPI_SHORT[kpi].replace(" ", "\n", 1)]
        for year in plan_years:
            row.append(f"{per_year[year][kpi]} / {plan.target(kpi, year) or '—'}")
        if cumulative:
            entry = cumulative[kpi]
            row += [f"{entry['value']} / {entry['target']}", str(entry["plan_target"])]
        else:
            row += ["—", str(plan.plan_target(kpi))]
        rows.append(row)
    year_width = (174 - 62 - 26 - 24) / max(1, len(plan_years))
    widths = [62 * mm, *[year_width * mm for _ in plan_years], 26 * mm, 24 * mm]
    return _table(rows, widths, font, bold)


def _matching_table(figures: dict[str, Any], font: str, bold: str):
    rate = figures["match_rate"]
    target = figures["match_rate_target"]
    verdict = "" if rate is None else ("達成" if rate >= target else "未達成")
    rows = [
        ["項目", "この年度"],
        ["共助の依頼（件）", figures["aid_requests_made"]],
        ["手伝う人が決まった依頼（件）", figures["aid_requests_matched"]],
        [
            f"依頼のうち、手伝う人が決まった割合（目標 {target:.0%} 以上）",
            f"{figure_text('match_rate', rate)} {verdict}".strip(),
        ],
        ["デスクで終わった共助（件）", figures["aid_matches_completed"]],
        ["アプリでの共助（件、毎月入れた数の合計）", figures["aid_matches_app"]],
        ["共助の件数（KPI④ ＝ デスク＋アプリ）", figures["aid_matches_total"]],
    ]
    return _table(rows, [120 * mm, 40 * mm], font, bold)


def _phone_chart(figures: dict[str, Any], font: str) -> Drawing:
    """Share of registered residents owning a smartphone, by age band (the whole area), the
    youngest band on top, each bar with its percentage and the band's head count."""
    residents: dict[str, int] = {}
    phones: dict[str, int] = {}
    for row in figures["digital_divide"]["rows"]:
        band = row["age_band"]
        residents[band] = residents.get(band, 0) + row["residents"]
        phones[band] = phones.get(band, 0) + row["smartphone"]
    bands = [band for band in AGE_BAND_NAMES if residents.get(band)]
    height = 18 * len(bands) + 50
    drawing = Drawing(170 * mm, height)
    drawing.add(
        String(0, height - 12, "スマホを持っている人の割合（年代ごと）", fontName=font, fontSize=12)
    )
    if not bands:
        drawing.add(String(0, height - 32, "登録している人がいません", fontName=font, fontSize=12))
        return drawing
    chart = HorizontalBarChart()
    chart.x, chart.y = 45 * mm, 18
    chart.width, chart.height = 100 * mm, height - 40
    ordered = list(reversed(bands))  # reportlab draws the first category at the bottom
    chart.data = [[round(100 * phones[band] / residents[band]) for band in ordered]]
    chart.categoryAxis.categoryNames = [
        f"{AGE_BAND_NAMES[band]}（{residents[band]}人）" for band in ordered
    ]
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 10
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = 100
    chart.valueAxis.valueStep = 25
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = 9
    chart.valueAxis.labelTextFormat = "%d%%"
    chart.bars[0].fillColor = ACTUAL_COLOUR
    chart.barLabelFormat = "%d%%"
    chart.barLabels.fontName = font
    chart.barLabels.fontSize = 10
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.nudge = 3
    drawing.add(chart)
    return drawing
