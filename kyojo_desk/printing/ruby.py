"""Ruby (furigana) for reportlab: base text with its reading centred above at half size.

A word with ruby never breaks across lines; kinsoku rules keep closing punctuation off the start
of a line and opening brackets off its end; a reading wider than its word widens the word's box
so it never touches its neighbours. Readings are drawn in a separate font face whose ToUnicode
map is empty, inside a marked-content /Artifact: copying or extracting text from the PDF gives
the base text only (plus invisible zero-width spaces where readings were, on their own lines:
PDF readers fall back to raw glyph codes when a glyph maps to nothing at all).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from kyojo_desk.paths import resources_dir
from kyojo_desk.printing.fonts import register_fonts
from kyojo_desk.text.readings import Segment, parse_markup

RUBY_FONT = "BIZUDPGothic-Ruby"

# Characters that must not begin a line (closing punctuation, small kana, long vowel mark).
NO_LINE_START = set(
    "。、，．,.」』）)]｝}〉》】〕ー・：；:;！？!?ゃゅょっぁぃぅぇぉャュョッァィゥェォヮヵヶ々〜…‥"
)
# Characters that must not end a line (opening brackets).
NO_LINE_END = set("「『（([｛{〈《【〔")

_EMPTY_CMAP = "\n".join(
    [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CMapName /KyojoRubyNone def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        "<00> <FF>",
        "endcodespacerange",
        "1 beginbfrange",
        "<00> <FF> [" + " ".join(["<200B>"] * 256) + "]",
        "endbfrange",
        "endcmap",
        "CMapName currentdict /CMap defineresource pop",
        "end",
        "end",
    ]
)
_patch_lock = threading.Lock()


class _ReadingOnlyFont(ttfonts.TTFont):
    """A TrueType face whose glyphs all map to U+200B (zero-width space): readings drawn with it are seen but
    not copied, so extracted text holds the base words only."""

    def addObjects(self, doc) -> None:  # noqa: ANN001, N802 - reportlab's interface
        with _patch_lock:
            original = ttfonts.makeToUnicodeCMap
            ttfonts.makeToUnicodeCMap = lambda fontname, subset: _EMPTY_CMAP
            try:
                super().addObjects(doc)
            finally:
                ttfonts.makeToUnicodeCMap = original


_ruby_registered = False


def register_ruby_font() -> str:
    """Register the face used for readings (once per process); returns its name."""
    global _ruby_registered
    if not _ruby_registered:
        path = resources_dir() / "fonts" / "BIZUDPGothic-Regular.ttf"
        font = _ReadingOnlyFont(RUBY_FONT, str(path))
        # reportlab shares one registration per face name: give this face its own name, or
        # the base text would be drawn with the reading-only face too.
        font.face.name = RUBY_FONT.encode()
        register_fonts()
        pdfmetrics.registerFont(font)
        _ruby_registered = True
    return RUBY_FONT


def draw_reading(canvas: Canvas, text: str, x: float, y: float, size: float) -> None:
    """Draw a reading at (x, y) as a layout artifact in the reading-only face."""
    font = register_ruby_font()
    canvas.saveState()
    canvas._code.append("/Artifact BMC")  # noqa: SLF001 - reportlab has no marked-content API
    canvas.setFont(font, size)
    canvas.drawString(x, y, text)
    canvas._code.append("EMC")  # noqa: SLF001
    canvas.restoreState()


@dataclass
class _Unit:
    """An unbreakable piece of a line: one plain character, one Latin word, or one ruby word."""

    text: str
    reading: str
    base_width: float
    box_width: float

    @property
    def first(self) -> str:
        return self.text[:1]

    @property
    def last(self) -> str:
        return self.text[-1:]


def _allow_overhang(units: list[_Unit], ruby_size: float) -> list[_Unit]:
    """A wide reading may overhang a neighbour without ruby by half a ruby character (as in
    JIS X 4051), so short words like 巌 (いわお) need no extra space; beside another ruby word
    the box keeps its full width and the readings stay apart."""
    for index, unit in enumerate(units):
        if not unit.reading or unit.box_width <= unit.base_width:
            continue
        free_sides = sum(
            1
            for neighbour in (index - 1, index + 1)
            if 0 <= neighbour < len(units) and not units[neighbour].reading
        )
        unit.box_width = max(unit.base_width, unit.box_width - free_sides * ruby_size / 2)
    return units


class RubyParagraph(Flowable):
    """A paragraph of `{漢字|かんじ}` markup (or segments) laid out with ruby and kinsoku."""

    def __init__(
        self,
        text: str | list[Segment],
        *,
        size: float = 16,
        bold: bool = False,
        suggest: bool = False,
        leading: float | None = None,
        indent: float = 0,
        color: tuple[float, float, float] = (0, 0, 0),
    ) -> None:
        super().__init__()
        regular, heavy = register_fonts()
        register_ruby_font()
        self.font = heavy if bold else regular
        self.size = size
        self.ruby_size = size / 2
        self.segments = parse_markup(text, suggest=suggest) if isinstance(text, str) else text
        self.has_ruby = any(s.reading for s in self.segments)
        ruby_band = self.ruby_size * 1.3 if self.has_ruby else 0.0
        self.leading = leading if leading is not None else size * 1.35 + ruby_band
        self.indent = indent
        self.color = color
        self.lines: list[list[_Unit]] = []
        self.width = 0.0
        self.height = 0.0

    def _units(self) -> list[_Unit]:
        units: list[_Unit] = []
        for segment in self.segments:
            if segment.reading:
                base = stringWidth(segment.text, self.font, self.size)
                ruby = stringWidth(segment.reading, RUBY_FONT, self.ruby_size)
                # A reading wider than its word widens the word's box (the base is centred
                # in it), so neighbouring readings never collide.
                box = max(base, ruby)
                units.append(_Unit(segment.text, segment.reading, base, box))
                continue
            word = ""
            for char in segment.text:
                if char.isascii() and char.isalnum():
                    word += char
                    continue
                if word:
                    width = stringWidth(word, self.font, self.size)
                    units.append(_Unit(word, "", width, width))
                    word = ""
                width = stringWidth(char, self.font, self.size)
                units.append(_Unit(char, "", width, width))
            if word:
                width = stringWidth(word, self.font, self.size)
                units.append(_Unit(word, "", width, width))
        return _allow_overhang(units, self.ruby_size)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:  # noqa: ARG002
        """Break the units into lines of at most `available_width` (kinsoku applied)."""
        lines: list[list[_Unit]] = [[]]
        used = self.indent
        for unit in self._units():
            line = lines[-1]
            if unit.text == "\n":
                lines.append([])
                used = 0.0
                continue
            if line and used + unit.box_width > available_width:
                if unit.first in NO_LINE_START:
                    # Hanging punctuation: it stays at the end of this line, past the margin.
                    line.append(unit)
                    used += unit.box_width
                    continue
                carried: list[_Unit] = []
                while line and line[-1].last in NO_LINE_END and len(line) > 1:
                    carried.insert(0, line.pop())
                lines.append(carried)
                used = sum(u.box_width for u in carried)
                if unit.text.isspace():
                    continue
            lines[-1].append(unit)
            used += unit.box_width
        self.lines = [line for line in lines if line] or [[]]
        self.width = available_width
        self.height = self.leading * len(self.lines)
        return self.width, self.height

    def draw(self) -> None:
        """Draw the laid-out lines: base words, then readings as artifacts."""
        canvas = self.canv
        canvas.setFillColorRGB(*self.color)
        ruby_band = self.ruby_size * 1.3 if self.has_ruby else 0.0
        for index, line in enumerate(self.lines):
            top = self.height - index * self.leading
            baseline = top - ruby_band - self.size
            x = self.indent if index == 0 else 0.0
            text = canvas.beginText(x, baseline)
            text.setFont(self.font, self.size)
            readings: list[tuple[str, float]] = []
            cursor = x
            for unit in line:
                pad = (unit.box_width - unit.base_width) / 2
                if abs(x + pad - cursor) > 0.01:
                    text.setTextOrigin(x + pad, baseline)
                text.textOut(unit.text)
                cursor = x + pad + unit.base_width
                if unit.reading:
                    ruby_width = stringWidth(unit.reading, RUBY_FONT, self.ruby_size)
                    readings.append((unit.reading, x + pad + (unit.base_width - ruby_width) / 2))
                x += unit.box_width
            canvas.drawText(text)
            for reading, ruby_x in readings:
                draw_reading(canvas, reading, ruby_x, baseline + self.size * 1.02, self.ruby_size)
