"""Drawing helpers shared by sheets and cards: a name with its reading above (ruby), QR codes,
tick boxes and the corner markers a scanned page is read back by."""

from __future__ import annotations

import qrcode
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from kyojo_desk.printing.fonts import draw_text, register_fonts, text_width


def qr_matrix(payload: str) -> list[list[bool]]:
    """The modules of a QR code (error correction M), quiet zone of four modules included."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=4)
    code.add_data(payload)
    code.make(fit=True)
    return code.get_matrix()


def draw_qr(canvas: Canvas, payload: str, x: float, y: float, size: float) -> None:
    """A QR code of `size` points square (quiet zone included) with its lower-left corner at
    (x, y). Dark modules of a row are joined into one rectangle: a sheet of 300 codes stays
    small and fast."""
    matrix = qr_matrix(payload)
    module = size / len(matrix)
    path = canvas.beginPath()
    for row_index, row in enumerate(matrix):
        top = y + size - (row_index + 1) * module
        column = 0
        while column < len(row):
            if not row[column]:
                column += 1
                continue
            start = column
            while column < len(row) and row[column]:
                column += 1
            path.rect(x + start * module, top, (column - start) * module, module)
    canvas.saveState()
    canvas.setFillColorRGB(0, 0, 0)
    canvas.drawPath(path, stroke=0, fill=1)
    canvas.restoreState()


def draw_ruby_name(
    canvas: Canvas, name: str, reading: str, x: float, y: float, size: float, bold: bool = True
) -> float:
    """A name at `size` points with its reading centred above at half size; (x, y) is the
    baseline start of the name. Returns the width used. A reading longer than the name
    overhangs both sides evenly (the name is shifted so the reading never starts before x)."""
    regular, heavy = register_fonts()
    font = heavy if bold else regular
    ruby_size = size / 2
    # A character BIZ UDPGothic lacks (𠮷) is drawn in the fallback face, never as a box.
    name_width = text_width(name, font, size)
    ruby_width = stringWidth(reading, regular, ruby_size)
    shift = max(0.0, (ruby_width - name_width) / 2)
    draw_text(canvas, name, x + shift, y, font, size)
    if reading:
        # The reading-only face, as an artifact: copied text gives the name without it.
        from kyojo_desk.printing.ruby import draw_reading

        draw_reading(
            canvas, reading, x + shift + (name_width - ruby_width) / 2, y + size * 0.95, ruby_size
        )
    return max(name_width, ruby_width)


def fit_font_size(text: str, font: str, largest: float, smallest: float, width: float) -> float:
    """The largest size between the bounds at which `text` fits `width` (never below smallest)."""
    size = largest
    while size > smallest and text_width(text, font, size) > width:
        size -= 0.5
    return size


def draw_tick_box(canvas: Canvas, x: float, y: float, size: float) -> None:
    canvas.setLineWidth(1.5)
    canvas.rect(x, y, size, size, stroke=1, fill=0)


def draw_corner_markers(
    canvas: Canvas, width: float, height: float, margin: float, size: float
) -> None:
    """Four solid squares near the corners, so a scanned sheet can be straightened and read."""
    for x in (margin, width - margin - size):
        for y in (margin, height - margin - size):
            canvas.rect(x, y, size, size, stroke=0, fill=1)
