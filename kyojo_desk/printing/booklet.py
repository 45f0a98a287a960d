"""A5 booklets from Markdown with ruby markup, and two-up saddle-stitch imposition on A4.

Source format (UTF-8 text, one block per line group):

- ``# タイトル`` — the booklet's title; it and the paragraphs after it, up to the first
  page break, make the cover.
- ``## 見出し`` — a heading.
- ``1. …`` — a numbered step (the number is kept as written).
- ``> …`` — a callout box (consecutive ``>`` lines make one box).
- ``![説明](images/file.png)`` — an image, path relative to the source file.
- ``---pagebreak---`` — start a new page.
- blank line — ends a paragraph; other lines are body text.

Readings are written as ``{漢字|かんじ}``; with furigana on, kanji words without markup get
suggested readings (kyojo_desk.text.readings).
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path

from pypdf import PageObject, PdfReader, PdfWriter, Transformation
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, A5, landscape
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    Image,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Spacer,
    Table,
    TableStyle,
)

from kyojo_desk.errors import ValidationError
from kyojo_desk.printing.fonts import register_fonts
from kyojo_desk.printing.ruby import RubyParagraph
from kyojo_desk.text.readings import Segment, strip_markup

PAGE_BREAK = "---pagebreak---"
BODY_SIZE = 16
HEADING_SIZE = 20
TITLE_SIZE = 22
MARGIN = 14 * mm
_IMAGE = re.compile(r"!\[([^\]]*)\]\(([^)]+)\)")
_STEP = re.compile(r"(\d+)[.．]\s*(.*)")


@dataclass
class BookletOptions:
    """How a booklet is made: furigana suggested on unmarked kanji, and the back cover line."""

    furigana: bool = True
    back_cover_text: str = "上野原市 コミュニティセンター"


def _paragraph(text: str, options: BookletOptions, **style: object) -> RubyParagraph:
    if options.furigana:
        return RubyParagraph(text, suggest=True, **style)
    return RubyParagraph([Segment(strip_markup(text))], **style)


class _CalloutBox(Flowable):
    """A rounded, lightly shaded box around callout paragraphs."""

    def __init__(self, paragraphs: list[RubyParagraph]) -> None:
        super().__init__()
        self.paragraphs = paragraphs
        self.padding = 4 * mm

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        inner = available_width - 2 * self.padding - 2 * mm
        self.heights = [p.wrap(inner, available_height)[1] for p in self.paragraphs]
        self.width = available_width
        self.height = sum(self.heights) + 2 * self.padding
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#FFF4D6"))
        canvas.setStrokeColor(colors.HexColor("#E0A100"))
        canvas.setLineWidth(2)
        canvas.roundRect(0, 0, self.width, self.height, 3 * mm, stroke=1, fill=1)
        canvas.restoreState()
        y = self.height - self.padding
        for paragraph, height in zip(self.paragraphs, self.heights, strict=True):
            y -= height
            paragraph.drawOn(canvas, self.padding + 2 * mm, y)


def booklet_title(source: Path) -> str:
    """The title of a booklet source (its first "# " line, readings dropped), else its name."""
    for line in source.read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            return strip_markup(line[2:].strip())
    return source.stem


def parse_booklet(source: Path, options: BookletOptions) -> tuple[str, list[Flowable]]:
    """The cover title and the flowables of a booklet source file (see the module docstring)."""
    lines = source.read_text(encoding="utf-8").splitlines()
    title = ""
    story: list[Flowable] = [NextPageTemplate("cover")]
    paragraph: list[str] = []
    callout: list[str] = []
    on_cover = True

    def flush() -> None:
        if paragraph:
            story.append(_paragraph("".join(paragraph), options, size=BODY_SIZE))
            story.append(Spacer(1, 3 * mm))
            paragraph.clear()
        if callout:
            boxes = [_paragraph(line, options, size=BODY_SIZE) for line in callout]
            story.append(_CalloutBox(boxes))
            story.append(Spacer(1, 4 * mm))
            callout.clear()

    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if not line.startswith(">") and callout:
            flush()
        if not line:
            flush()
            continue
        if line == PAGE_BREAK:
            flush()
            if on_cover:
                story.append(NextPageTemplate("body"))
                on_cover = False
            story.append(PageBreak())
            continue
        if line.startswith("# "):
            flush()
            title = strip_markup(line[2:].strip())
            story.append(Spacer(1, 40 * mm))
            story.append(_paragraph(line[2:].strip(), options, size=TITLE_SIZE, bold=True))
            story.append(Spacer(1, 10 * mm))
            continue
        if line.startswith("## "):
            flush()
            story.append(Spacer(1, 2 * mm))
            heading = _paragraph(
                line[3:].strip(), options, size=HEADING_SIZE, bold=True, color=(0.1, 0.3, 0.6)
            )
            story.append(KeepTogether([heading, Spacer(1, 3 * mm)]))
            continue
        if line.startswith(">"):
            if paragraph:  # a callout right after body text closes that paragraph
                flush()
            callout.append(line[1:].strip())
            continue
        image = _IMAGE.fullmatch(line)
        if image:
            flush()
            story.append(_image(source.parent / image.group(2), number))
            story.append(Spacer(1, 3 * mm))
            continue
        step = _STEP.fullmatch(line)
        if step:
            flush()
            story.append(_step(step.group(1), step.group(2), options))
            story.append(Spacer(1, 3 * mm))
            continue
        paragraph.append(line)
    flush()
    if not title:
        raise ValidationError("source", f"{source.name}: 「# タイトル」の行がありません")
    return title, story


def _image(path: Path, line_number: int) -> Image:
    if not path.is_file():
        raise ValidationError("source", f"{line_number}行目: 画像 {path.name} が見つかりません")
    image = Image(str(path))
    width = A5[0] - 2 * MARGIN - 20 * mm
    height = 68 * mm
    scale = min(width / image.imageWidth, height / image.imageHeight)
    image.drawWidth = image.imageWidth * scale
    image.drawHeight = image.imageHeight * scale
    return image


def _step(number: str, text: str, options: BookletOptions) -> Table:
    register_fonts()
    badge = _paragraph(number, options, size=BODY_SIZE + 2, bold=True, color=(1, 1, 1))
    body = _paragraph(text, options, size=BODY_SIZE)
    table = Table([[badge, body]], colWidths=[11 * mm, A5[0] - 2 * MARGIN - 11 * mm])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (0, 0), colors.HexColor("#1F5AA6")),
                ("LEFTPADDING", (0, 0), (0, 0), 2 * mm),
                ("LEFTPADDING", (1, 0), (1, 0), 3 * mm),
            ]
        )
    )
    return table


def render_booklet(source: Path, output: Path, options: BookletOptions | None = None) -> int:
    """Write the A5 booklet PDF (cover, numbered pages, back cover); returns the page count."""
    options = options or BookletOptions()
    regular, bold = register_fonts()
    title, story = parse_booklet(source, options)

    def number_page(canvas, doc) -> None:  # noqa: ANN001 - reportlab callback
        canvas.saveState()
        canvas.setFont(regular, 11)
        canvas.drawCentredString(A5[0] / 2, 8 * mm, f"{doc.page - 1}")
        canvas.restoreState()

    def draw_cover(canvas, doc) -> None:  # noqa: ANN001, ARG001 - reportlab callback
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#1F5AA6"))
        canvas.rect(0, A5[1] - 30 * mm, A5[0], 30 * mm, stroke=0, fill=1)
        canvas.restoreState()

    def draw_back(canvas, doc) -> None:  # noqa: ANN001, ARG001 - reportlab callback
        canvas.saveState()
        canvas.setFont(bold, 14)
        canvas.drawCentredString(A5[0] / 2, 30 * mm, options.back_cover_text)
        canvas.setFont(regular, 11)
        canvas.drawCentredString(A5[0] / 2, 22 * mm, title)
        canvas.restoreState()

    frame = Frame(MARGIN, 16 * mm, A5[0] - 2 * MARGIN, A5[1] - 30 * mm, id="body")
    document = BaseDocTemplate(
        str(output),
        pagesize=A5,
        title=title,
        pageTemplates=[
            PageTemplate("cover", frames=[frame], onPage=draw_cover),
            PageTemplate("body", frames=[frame], onPage=number_page),
            PageTemplate("back", frames=[frame], onPage=draw_back),
        ],
    )
    story += [NextPageTemplate("back"), PageBreak(), Spacer(1, 1)]
    document.build(story)
    return len(PdfReader(output).pages)


def saddle_stitch_order(page_count: int) -> list[tuple[int, int]]:
    """Page pairs (left, right), 1-based, for each printed side in order: sheet i front =
    (N−2i, 2i+1), back = (2i+2, N−2i−1), N = page_count rounded up to a multiple of 4.
    Pages past the real count are blanks (placed before the back cover by pad_pages)."""
    total = -(-page_count // 4) * 4
    sides: list[tuple[int, int]] = []
    for sheet in range(total // 4):
        sides.append((total - 2 * sheet, 2 * sheet + 1))
        sides.append((2 * sheet + 2, total - 2 * sheet - 1))
    return sides


def impose(source_pdf: Path, output: Path) -> int:
    """Two A5 pages side by side on A4 landscape in saddle-stitch order; blank pages are
    inserted before the back cover to make 4n pages. Returns the number of printed sides."""
    reader = PdfReader(source_pdf)
    pages: list[PageObject | None] = list(reader.pages)
    total = -(-len(pages) // 4) * 4
    back_cover = pages.pop()
    pages += [None] * (total - len(pages) - 1) + [back_cover]
    sheet_width, sheet_height = landscape(A4)
    writer = PdfWriter()
    for left, right in saddle_stitch_order(total):
        side = writer.add_blank_page(sheet_width, sheet_height)
        for index, offset in ((left, 0.0), (right, sheet_width / 2)):
            page = pages[index - 1]
            if page is None:
                continue
            lift = (sheet_height - float(page.mediabox.height)) / 2
            side.merge_transformed_page(page, Transformation().translate(offset, lift))
    buffer = io.BytesIO()
    writer.write(buffer)
    output.write_bytes(buffer.getvalue())
    return total // 2
