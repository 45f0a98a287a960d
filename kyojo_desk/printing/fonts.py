"""The shipped BIZ UDPGothic, registered once with reportlab (embedded as a subset)."""

from __future__ import annotations

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from kyojo_desk.paths import resources_dir

REGULAR = "BIZUDPGothic"
BOLD = "BIZUDPGothic-Bold"

_registered = False


def register_fonts() -> tuple[str, str]:
    """Register the regular and bold faces (once per process); returns their names."""
    global _registered
    if not _registered:
        fonts = resources_dir() / "fonts"
        pdfmetrics.registerFont(TTFont(REGULAR, str(fonts / "BIZUDPGothic-Regular.ttf")))
        pdfmetrics.registerFont(TTFont(BOLD, str(fonts / "BIZUDPGothic-Bold.ttf")))
        addMapping(REGULAR, 0, 0, REGULAR)
        addMapping(REGULAR, 1, 0, BOLD)
        addMapping(REGULAR, 0, 1, REGULAR)
        addMapping(REGULAR, 1, 1, BOLD)
        _registered = True
    return REGULAR, BOLD
