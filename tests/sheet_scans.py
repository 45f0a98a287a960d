"""Scans of printed sign-in sheets, made by the tests themselves: a sheet PDF is rendered, the
marks people make are drawn into its boxes (✓ thin and thick at any angle, ○, ×, a filled box,
a light pencil tick, a tick overshooting the box; and marks that are no tick: a dot beside the
box, an underlined name, a note in the margin, a tick scribbled over), then the page is degraded
the way an office scanner does it (rotation, perspective, blur, JPEG, a page fed upside down).

Each drawn page keeps its truth: which slots carry a clear mark, which must never be read as
ticked. The accuracy tests and the benchmark compare the reader against it.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from pathlib import Path

import cv2
import numpy as np
import pypdfium2 as pdfium
from reportlab.lib.units import mm

from kyojo_desk.printing import signin

CLEAR_STYLES = ("tick", "thick_tick", "circle", "cross", "filled", "pencil_tick", "overshoot")
NOT_A_TICK_STYLES = ("none", "dot_beside", "underline", "margin_note", "scribbled")
PAGE_HEIGHT_MM = signin.PAGE_HEIGHT / mm


@dataclass
class DrawnPage:
    """A rendered page with marks, and what was drawn on each slot."""

    image: np.ndarray  # greyscale, `dpi` dots per inch, upright, before degradation
    dpi: float
    styles: dict[int, str] = field(default_factory=dict)  # slot → style

    def clear_slots(self) -> set[int]:
        return {slot for slot, style in self.styles.items() if style in CLEAR_STYLES}

    def unmarked_slots(self) -> set[int]:
        return {slot for slot, style in self.styles.items() if style not in CLEAR_STYLES}


def render_page(pdf: Path, index: int, dpi: float) -> np.ndarray:
    """A page of a PDF as a greyscale image."""
    document = pdfium.PdfDocument(str(pdf))
    try:
        bitmap = document[index].render(scale=dpi / 72, grayscale=True)
        image = np.array(bitmap.to_numpy(), copy=True)
    finally:
        document.close()
    return image if image.ndim == 2 else cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)


def box_origin_mm(slot: int) -> tuple[float, float]:
    """Top-left corner of a slot's tick box, millimetres from the page's top-left."""
    top_points = signin.FIRST_ROW_TOP - slot * signin.ROW_HEIGHT
    box_bottom = top_points - signin.TICK_BOX_BELOW_TOP
    return signin.TICK_BOX_LEFT / mm, PAGE_HEIGHT_MM - (box_bottom + signin.TICK_BOX_SIZE) / mm


def _hand_drawn(points_mm: list[tuple[float, float]], rng: random.Random) -> np.ndarray:
    """A polyline as a hand draws it: each segment cut into short pieces that wander a little."""
    wobbly = [points_mm[0]]
    for (x0, y0), (x1, y1) in zip(points_mm, points_mm[1:], strict=False):
        pieces = max(2, int(math.hypot(x1 - x0, y1 - y0) / 1.2))
        for k in range(1, pieces + 1):
            t = k / pieces
            drift = 0.0 if k == pieces else 0.18
            wobbly.append(
                (
                    x0 + (x1 - x0) * t + rng.uniform(-drift, drift),
                    y0 + (y1 - y0) * t + rng.uniform(-drift, drift),
                )
            )
    return np.array(wobbly, dtype=np.float64)


def _stroke(
    image: np.ndarray,
    points_mm: list[tuple[float, float]],
    px: float,
    width_mm: float,
    grey: int,
    rng: random.Random | None = None,
) -> None:
    points = _hand_drawn(points_mm, rng or random.Random(0)) * px
    shift = 4  # sub-pixel precision
    scaled = np.round(points * (1 << shift)).astype(np.int32).reshape(-1, 1, 2)
    thickness = max(1, int(round(width_mm * px)))
    cv2.polylines(image, [scaled], False, grey, thickness, cv2.LINE_AA, shift)


def draw_mark(page: DrawnPage, slot: int, style: str, rng: random.Random) -> None:
    """Draw one style of mark on a slot's row."""
    px = page.dpi / 25.4
    bx, by = box_origin_mm(slot)
    size = signin.TICK_BOX_SIZE / mm
    # People do not aim at the centre.
    cx, cy = bx + size / 2 + rng.uniform(-1.2, 1.2), by + size / 2 + rng.uniform(-1.2, 1.2)
    angle = math.radians(rng.uniform(-25, 25))
    scale = rng.uniform(0.75, 1.0)

    def place(u: float, v: float, reach: float = size) -> tuple[float, float]:
        """Box-relative (-0.5…0.5) to page millimetres, turned and scaled."""
        x, y = u * reach * scale, v * reach * scale
        return (
            cx + x * math.cos(angle) - y * math.sin(angle),
            cy + x * math.sin(angle) + y * math.cos(angle),
        )

    tick = [
        place(-0.35 + rng.uniform(-0.05, 0.05), rng.uniform(-0.05, 0.1)),
        place(-0.1 + rng.uniform(-0.05, 0.05), 0.3),
        place(0.38, -0.35 + rng.uniform(-0.05, 0.1)),
    ]
    image = page.image
    if style == "tick":
        _stroke(image, tick, px, rng.uniform(0.35, 0.8), rng.randint(0, 60), rng)
    elif style == "thick_tick":
        _stroke(image, tick, px, rng.uniform(1.5, 2.5), rng.randint(0, 50), rng)
    elif style == "pencil_tick":
        _stroke(image, tick, px, rng.uniform(0.4, 0.6), rng.randint(120, 160), rng)
    elif style == "overshoot":
        long_tick = [place(-0.35, 0.02), place(-0.1, 0.3), place(0.9, -0.9)]
        _stroke(image, long_tick, px, rng.uniform(0.4, 1.0), rng.randint(0, 60), rng)
    elif style == "circle":
        ring = [
            place(0.33 * math.cos(t / 20 * math.tau), 0.3 * math.sin(t / 20 * math.tau))
            for t in range(21)
        ]
        _stroke(image, ring, px, rng.uniform(0.4, 0.9), rng.randint(0, 60), rng)
    elif style == "cross":
        _stroke(image, [place(-0.32, -0.32), place(0.32, 0.32)], px, rng.uniform(0.4, 0.9), 30, rng)
        _stroke(image, [place(0.32, -0.32), place(-0.32, 0.32)], px, rng.uniform(0.4, 0.9), 30, rng)
    elif style == "filled":
        corners = np.array(
            [[(bx + 0.3) * px, (by + 0.3) * px], [(bx + size - 0.3) * px, (by + size - 0.3) * px]]
        ).astype(int)
        cv2.rectangle(image, tuple(corners[0]), tuple(corners[1]), rng.randint(0, 50), -1)
    elif style == "dot_beside":
        centre = (int((bx + size + 3.5) * px), int((cy + rng.uniform(-3, 3)) * px))
        cv2.circle(image, centre, max(2, int(0.7 * px)), 20, -1, cv2.LINE_AA)
    elif style == "underline":
        y = by + size + 0.4
        _stroke(
            image, [(bx + size + 5, y), (bx + size + 45, y + rng.uniform(-1, 1))], px, 0.5, 30, rng
        )
    elif style == "margin_note":
        # A few scrawled strokes in the right-hand margin, left of the row code.
        x0 = 130.0
        for line in range(2):
            wave = [(x0 + k * 1.5, cy - 2 + line * 4 + (1.2 if k % 2 else -1.2)) for k in range(12)]
            _stroke(image, wave, px, 0.4, 40, rng)
    elif style == "scribbled":
        _stroke(image, tick, px, 0.6, 30, rng)
        # Back and forth across the box, a stroke every 1–1.5 mm.
        zigzag = []
        step = rng.uniform(1.0, 1.5) / size
        v = -0.4
        while v < 0.4:
            zigzag += [place(-0.42, v), place(0.42, v + step / 2)]
            v += step
        _stroke(image, zigzag, px, 0.45, 30, rng)
    elif style != "none":
        raise ValueError(style)
    page.styles[slot] = style


def cover(image: np.ndarray, x_mm: float, y_mm: float, w_mm: float, h_mm: float, dpi: float):
    """Paint white over part of a page (a code torn off or taped over)."""
    px = dpi / 25.4
    top_left = (int(x_mm * px), int(y_mm * px))
    cv2.rectangle(image, top_left, (int((x_mm + w_mm) * px), int((y_mm + h_mm) * px)), 255, -1)


def degrade(
    image: np.ndarray,
    rng: random.Random,
    from_dpi: float,
    to_dpi: float = 200,
    max_rotation: float = 3.0,
    upside_down: bool = False,
    jpeg_quality: int = 40,
) -> np.ndarray:
    """What an office scanner makes of a page: turned up to ±max_rotation degrees, a slight
    perspective, blurred, resampled to `to_dpi`, JPEG-compressed; optionally fed upside down."""
    height, width = image.shape
    factor = to_dpi / from_dpi
    # Perspective: each corner moved by up to 0.8 % of the page, then the rotation.
    source = np.float32([[0, 0], [width, 0], [width, height], [0, height]])
    jitter = 0.008 * min(width, height)
    moved = source + np.float32(
        [[rng.uniform(-jitter, jitter), rng.uniform(-jitter, jitter)] for _ in range(4)]
    )
    angle = math.radians(rng.uniform(-max_rotation, max_rotation))
    centre = np.float32([width / 2, height / 2])
    rotation = np.float32([[math.cos(angle), -math.sin(angle)], [math.sin(angle), math.cos(angle)]])
    moved = (moved - centre) @ rotation.T + centre
    moved *= factor
    out_size = (int(round(width * factor)), int(round(height * factor)))
    transform = cv2.getPerspectiveTransform(source, moved.astype(np.float32))
    scanned = cv2.warpPerspective(image, transform, out_size, flags=cv2.INTER_AREA, borderValue=235)
    # Paper is not white in a scan, and the scanner's optics blur.
    scanned = (scanned.astype(np.float32) * rng.uniform(0.88, 0.97) + rng.uniform(0, 8)).clip(
        0, 255
    )
    scanned = cv2.GaussianBlur(scanned.astype(np.uint8), (0, 0), rng.uniform(0.6, 1.3))
    noise = np.random.default_rng(rng.randrange(1 << 30)).normal(0, 3, scanned.shape)
    scanned = (scanned + noise).clip(0, 255).astype(np.uint8)
    if upside_down:
        scanned = cv2.rotate(scanned, cv2.ROTATE_180)
    ok, encoded = cv2.imencode(".jpg", scanned, [cv2.IMWRITE_JPEG_QUALITY, jpeg_quality])
    assert ok
    return cv2.imdecode(encoded, cv2.IMREAD_GRAYSCALE)


def marked_pages(
    pdf: Path, pages: int, rows_on_page: list[int], rng: random.Random, dpi: float = 300
) -> list[DrawnPage]:
    """Every page of a sheet with a random mark (or none, or a non-tick) on each row."""
    styles = [*CLEAR_STYLES, *NOT_A_TICK_STYLES]
    drawn = []
    for index in range(pages):
        page = DrawnPage(render_page(pdf, index, dpi), dpi)
        for slot in range(rows_on_page[index]):
            draw_mark(page, slot, rng.choice(styles), rng)
        drawn.append(page)
    return drawn


def save_scan_pdf(images: list[np.ndarray], path: Path, dpi: float = 200) -> None:
    """Images as a multi-page PDF, one JPEG per A4 page, as a multifunction printer saves."""
    from PIL import Image

    pil_pages = [Image.fromarray(image) for image in images]
    pil_pages[0].save(path, save_all=True, append_images=pil_pages[1:], resolution=dpi)


def sheet_event(store, title: str, signed_up: int, seed: int = 4, day: str = "2026-12-05"):
    """An event with `signed_up` residents signed up (demo people are added when the desk has
    too few). Returns the event."""
    from kyojo_desk.demo import load_demo

    people = store.list_residents()
    if len(people) < signed_up:
        load_demo(store, signed_up - len(people), seed=seed)
        people = store.list_residents()
    event = store.create_event(
        {"title": title, "kind": "exchange", "starts_at": f"{day}T10:00:00+09:00"}
    )
    store.sign_up(event.id, [r.id for r in people[:signed_up]])
    return event


def rows_on_pages(expected: int, blank_rows: int, pages: int) -> list[int]:
    """How many printed rows each page of a sheet has."""
    total = expected + blank_rows
    rows_per_page = signin.ROWS_PER_PAGE
    return [min(rows_per_page, total - index * rows_per_page) for index in range(pages)]
