"""Member cards: 91 × 55 mm, ten to an A4 sheet of business-card label stock (2 × 5).

Each card carries the name with its reading, a large QR code of the card payload (`KJ1:R:…`, no
personal data), and the centre's name and phone — nothing else about the person. The layout can
be moved by an offset (Store meta `card_offset_x` / `card_offset_y`, in mm) found with the
calibration page, which prints the card outlines and a ruler on plain paper.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from kyojo_desk.printing.drawing import draw_qr, draw_ruby_name, fit_font_size
from kyojo_desk.printing.fonts import register_fonts
from kyojo_desk.qr import card_payload

if TYPE_CHECKING:
    from kyojo_desk.records.resident import Resident
    from kyojo_desk.store.store import Store

CARD_WIDTH, CARD_HEIGHT = 91 * mm, 55 * mm
COLUMNS, ROWS = 2, 5
PER_SHEET = COLUMNS * ROWS
DEFAULT_CENTRE = "上野原市 コミュニティセンター"


@dataclass
class CardLayout:
    """Where the ten cards sit on the sheet; offsets move all of them (printer calibration)."""

    offset_x_mm: float = 0.0
    offset_y_mm: float = 0.0

    def origin(self, index: int) -> tuple[float, float]:
        """Lower-left corner of card `index` (0–9), filled row by row from the top."""
        page_width, page_height = A4
        left = (page_width - COLUMNS * CARD_WIDTH) / 2 + self.offset_x_mm * mm
        top = (page_height - ROWS * CARD_HEIGHT) / 2 + self.offset_y_mm * mm  # positive: down
        row, column = divmod(index % PER_SHEET, COLUMNS)
        return left + column * CARD_WIDTH, page_height - top - (row + 1) * CARD_HEIGHT


def layout_of(store: Store) -> CardLayout:
    return CardLayout(
        float(store.get_meta("card_offset_x") or 0), float(store.get_meta("card_offset_y") or 0)
    )


def draw_card(
    canvas: Canvas, resident: Resident, x: float, y: float, centre: str, phone: str
) -> None:
    regular, bold = register_fonts()
    pad = 4 * mm
    qr_size = 30 * mm
    draw_qr(
        canvas,
        card_payload(resident.card_code),
        x + CARD_WIDTH - qr_size - 2 * mm,
        y + (CARD_HEIGHT - qr_size) / 2 + 3 * mm,
        qr_size,
    )
    text_width = CARD_WIDTH - qr_size - pad - 2 * mm
    canvas.setFont(regular, 9)
    canvas.drawString(x + pad, y + CARD_HEIGHT - 6 * mm, "会員カード")
    name_size = fit_font_size(resident.full_name, bold, 20, 14, text_width)
    draw_ruby_name(
        canvas,
        resident.full_name,
        resident.full_reading,
        x + pad,
        y + CARD_HEIGHT - 21 * mm,
        name_size,
    )
    centre_size = fit_font_size(centre, regular, 14, 9, text_width)
    canvas.setFont(regular, centre_size)
    canvas.drawString(x + pad, y + 13 * mm, centre)
    if phone:
        canvas.setFont(regular, 14)
        canvas.drawString(x + pad, y + 6 * mm, f"☎ {phone}")
    canvas.setFont(regular, 8)
    canvas.drawCentredString(x + CARD_WIDTH - qr_size / 2 - 2 * mm, y + 4 * mm, resident.card_code)


def render_cards(store: Store, residents: list[Resident], path: Path) -> int:
    """A PDF of member cards, ten per A4 sheet. Returns the number of pages."""
    register_fonts()
    layout = layout_of(store)
    centre = store.get_meta("centre_name") or DEFAULT_CENTRE
    phone = store.get_meta("centre_phone") or ""
    canvas = Canvas(str(path), pagesize=A4)
    canvas.setTitle("会員カード")
    pages = 0
    for index, resident in enumerate(residents):
        if index and index % PER_SHEET == 0:
            canvas.showPage()
        if index % PER_SHEET == 0:
            pages += 1
        draw_card(canvas, resident, *layout.origin(index), centre, phone)
    if not residents:
        raise ValueError("no residents to print")
    canvas.save()
    return pages


def render_calibration(store: Store, path: Path) -> None:
    """Card outlines at the current offsets, with a millimetre ruler, to hold against the stock."""
    regular, bold = register_fonts()
    layout = layout_of(store)
    canvas = Canvas(str(path), pagesize=A4)
    canvas.setTitle("会員カードの位置あわせ")
    canvas.setLineWidth(0.5)
    for index in range(PER_SHEET):
        x, y = layout.origin(index)
        canvas.rect(x, y, CARD_WIDTH, CARD_HEIGHT)
        canvas.setFont(regular, 14)
        canvas.drawCentredString(x + CARD_WIDTH / 2, y + CARD_HEIGHT / 2, f"カード {index + 1}")
    canvas.setFont(bold, 14)
    canvas.drawString(
        15 * mm,
        A4[1] - 8 * mm,
        f"位置あわせ：横 {layout.offset_x_mm:+.1f} mm　縦 {layout.offset_y_mm:+.1f} mm",
    )
    for millimetre in range(0, 201, 10):
        canvas.line(5 * mm + millimetre * mm, 4 * mm, 5 * mm + millimetre * mm, 7 * mm)
        canvas.setFont(regular, 6)
        canvas.drawCentredString(5 * mm + millimetre * mm, 8 * mm, str(millimetre))
    canvas.save()
