"""The shipped BIZ UDPGothic, registered once with reportlab (embedded as a subset), and a
fallback face for the characters of names that BIZ UDPGothic lacks.

BIZ UDPGothic has no 𠮷 (U+20BB7) and other JIS X 0213 / 人名用 characters. IPAmj明朝 (IPA's
font of the 戸籍統一文字 and 住基ネット統一文字, IPA Font License v1.0, licence text in
resources/fonts/) covers them. It is found in resources/fonts/ (the Windows bundle copies it
there), else where Debian's fonts-ipamj-mincho installs it, else in the system's font folder.
Text is split into runs: each character in the first face that has a glyph for it.

Variation selectors (渡邉 + U+E0100) choose a glyph shape; reportlab draws by code point only,
so the selector is left out and the base character is printed (邉, not a box).
"""

from __future__ import annotations

import logging
import os
import re
from functools import cache
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont

from kyojo_desk.paths import resources_dir

REGULAR = "BIZUDPGothic"
BOLD = "BIZUDPGothic-Bold"
NAME_FALLBACK = "IPAmjMincho"
FALLBACK_FILE = "ipamjm.ttf"

log = logging.getLogger(__name__)
_registered = False
_VARIATION_SELECTORS = re.compile("[\ufe00-\ufe0f\U000e0100-\U000e01ef]")


_ASTRAL_MAPPING = re.compile(r"<([0-9A-F]{2})> <([0-9A-F]{5,6})>")
_reportlab_to_unicode_cmap = ttfonts.makeToUnicodeCMap


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """reportlab's ToUnicode CMap with characters beyond U+FFFF (𠮷) written as UTF-16, as
    the PDF format wants: reportlab writes <20BB7>, which readers reject, so the name could not
    be searched or copied from the PDF."""

    def utf16(match: re.Match[str]) -> str:
        code = chr(int(match.group(2), 16)).encode("utf-16-be").hex().upper()
        return f"<{match.group(1)}> <{code}>"

    return _ASTRAL_MAPPING.sub(utf16, _reportlab_to_unicode_cmap(fontname, subset))


def register_fonts() -> tuple[str, str]:
    """Register the regular and bold faces (once per process); returns their names."""
    global _registered
    if not _registered:
        ttfonts.makeToUnicodeCMap = _to_unicode_cmap
        fonts = resources_dir() / "fonts"
        pdfmetrics.registerFont(TTFont(REGULAR, str(fonts / "BIZUDPGothic-Regular.ttf")))
        pdfmetrics.registerFont(TTFont(BOLD, str(fonts / "BIZUDPGothic-Bold.ttf")))
        addMapping(REGULAR, 0, 0, REGULAR)
        addMapping(REGULAR, 1, 0, BOLD)
        addMapping(REGULAR, 0, 1, REGULAR)
        addMapping(REGULAR, 1, 1, BOLD)
        _registered = True
    return REGULAR, BOLD


def fallback_font_paths() -> list[Path]:
    """Where the fallback face is looked for, in order."""
    paths = [
        resources_dir() / "fonts" / FALLBACK_FILE,
        Path("/usr/share/fonts/truetype/ipamj") / FALLBACK_FILE,
        Path("/usr/local/share/fonts") / FALLBACK_FILE,
        Path.home() / ".local" / "share" / "fonts" / FALLBACK_FILE,
    ]
    if os.name == "nt":
        windows = Path(os.environ.get("WINDIR", r"C:\Windows"))
        local = Path(os.environ.get("LOCALAPPDATA", str(Path.home())))
        paths += [
            windows / "Fonts" / FALLBACK_FILE,
            local / "Microsoft/Windows/Fonts" / FALLBACK_FILE,
        ]
    return paths


@cache
def fallback_font() -> str | None:
    """The registered name of the fallback face, or None (logged) when it is not installed."""
    register_fonts()
    for path in fallback_font_paths():
        if path.is_file():
            pdfmetrics.registerFont(TTFont(NAME_FALLBACK, str(path)))
            return NAME_FALLBACK
    log.warning("fallback name font %s not found; rare kanji print as boxes", FALLBACK_FILE)
    return None


def has_glyph(font_name: str, char: str) -> bool:
    """Whether a registered TrueType face has a glyph for `char`."""
    return ord(char) in pdfmetrics.getFont(font_name).face.charToGlyph


def printable(text: str) -> str:
    """The text as it can be drawn: variation selectors left out (see the module docstring)."""
    return _VARIATION_SELECTORS.sub("", text)


def font_runs(text: str, font_name: str) -> list[tuple[str, str]]:
    """`text` as (run, face) pairs: each character in `font_name` if it has the glyph, else in
    the fallback face if that has it, else in `font_name` (where it shows as a box)."""
    register_fonts()
    fallback = fallback_font()
    runs: list[tuple[str, str]] = []
    for char in printable(text):
        face = font_name
        if fallback and not has_glyph(font_name, char) and has_glyph(fallback, char):
            face = fallback
        if runs and runs[-1][1] == face:
            runs[-1] = (runs[-1][0] + char, face)
        else:
            runs.append((char, face))
    return runs


def text_width(text: str, font_name: str, size: float) -> float:
    """The width of `text` drawn with `draw_text` (the fallback face's characters included)."""
    return sum(pdfmetrics.stringWidth(run, face, size) for run, face in font_runs(text, font_name))


def draw_text(canvas, text: str, x: float, y: float, font_name: str, size: float) -> float:
    """Draw `text` at (x, y) face by face; returns its width. The canvas font is left as
    `font_name` afterwards."""
    width = 0.0
    for run, face in font_runs(text, font_name):
        canvas.setFont(face, size)
        canvas.drawString(x + width, y, run)
        width += pdfmetrics.stringWidth(run, face, size)
    canvas.setFont(font_name, size)
    return width
