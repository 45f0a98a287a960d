"""Reading one scanned page of a sign-in sheet: which sheet it is, and what is in each row.

The page is found in any of the four orientations and straightened by its corner markers: the
four solid squares give a perspective transform from the printed layout (in millimetres, the
numbers of `kyojo_desk/printing/signin.py`) to the scan, so a page that is rotated, skewed or
slightly bent in the scanner is read as if it lay flat. The QR codes are decoded on the scan
itself (zxing-cpp); the page code says the event and page, each row's code says whose row it is.

Each tick box is then measured on the straightened page, inside its printed frame:
- how much of the inside is ink (darker than the paper by a share of the paper-to-print
  contrast, so a light pencil still counts and scanner noise does not),
- how far the mark reaches (a dot in the corner is not a tick),
- how many closed holes the ink leaves (a tick scribbled over leaves many; ○ leaves one),
- how many strokes a line across the box meets (a scribble: many; ✓, ○, ×: one or two),
- how solid a large mass of ink is (a filled box is solid; a scribble leaves paper between
  its lines, grey after the scanner's blur).

A box is TICKED only when all of that says so clearly, BLANK when there is next to nothing in it,
and UNCLEAR otherwise, for a person to decide. Nothing outside the box counts: a dot beside it,
an underlined name or a note in the margin never ticks a row.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

import cv2
import numpy as np
import zxingcpp
from reportlab.lib.units import mm

from kyojo_desk.printing import signin
from kyojo_desk.qr import CardPayload, EventPayload, SheetPayload, UnreadableCode, parse_payload
from kyojo_desk.texts import N_

# The straightened page is drawn at this many pixels per millimetre (≈ 200 dpi).
SCALE = 8.0
# Scans finer than this (≈ 300 dpi) are read at this resolution.
LARGEST_PIXELS_PER_MM = 12.0
PAGE_WIDTH_MM = signin.PAGE_WIDTH / mm
PAGE_HEIGHT_MM = signin.PAGE_HEIGHT / mm
MARKER_MM = signin.MARKER / mm
# Marker centres in millimetres from the page's top-left corner, clockwise from top-left.
_MARKER_CENTRE_INSET_MM = signin.MARKER_INSET / mm
MARKER_CENTRES_MM = np.array(
    [
        (_MARKER_CENTRE_INSET_MM, _MARKER_CENTRE_INSET_MM),
        (PAGE_WIDTH_MM - _MARKER_CENTRE_INSET_MM, _MARKER_CENTRE_INSET_MM),
        (PAGE_WIDTH_MM - _MARKER_CENTRE_INSET_MM, PAGE_HEIGHT_MM - _MARKER_CENTRE_INSET_MM),
        (_MARKER_CENTRE_INSET_MM, PAGE_HEIGHT_MM - _MARKER_CENTRE_INSET_MM),
    ],
    dtype=np.float32,
)
PAGE_QR_CENTRE_MM = (
    (signin.PAGE_QR_LEFT + signin.PAGE_QR_SIZE / 2) / mm,
    PAGE_HEIGHT_MM - (signin.PAGE_QR_BOTTOM + signin.PAGE_QR_SIZE / 2) / mm,
)
ROW_QR_CENTRE_X_MM = (signin.ROW_QR_LEFT + signin.ROW_QR_SIZE / 2) / mm
ROWS_PER_PAGE = signin.ROWS_PER_PAGE
ROW_HEIGHT_MM = signin.ROW_HEIGHT / mm
BOX_MM = signin.TICK_BOX_SIZE / mm
BOX_LEFT_MM = signin.TICK_BOX_LEFT / mm
ROW_LEFT_MM = signin.ROW_LEFT / mm

# Decision thresholds (shares of the inside of the box, inside = the frame less 1.3 mm a side).
INSET_MM = 1.3
BLANK_INK = 0.012  # less ink than this, and no stroke longer than BLANK_REACH_MM: blank
BLANK_REACH_MM = 1.6
TICK_INK = 0.03  # a tick covers at least this much …
TICK_REACH_MM = 3.0  # … and reaches at least this far
SCRIBBLE_INK = 0.62  # between this and FILLED_INK: a mass of lines, not one tick
FILLED_INK = 0.9
SCRIBBLE_HOLES = 3  # closed holes in the ink: a ○ leaves 1, ◎ 2, a scribble many
HOLE_MM2 = 0.25
SCRIBBLE_STROKES = 3.5  # a line across a scribble meets four strokes or more
# A large mass of ink that is not solid black is scribbled lines, merged by the scanner's blur.
MASS_INK = 0.45
MASS_SOLID = 0.75
MASS_STROKES = 2.5  # … or a mass that a line across meets three times
SPECK_MM2 = 0.12  # ink blobs smaller than this are scanner dust
# Ink is what is darker than paper by this share of the paper-to-print contrast.
INK_CONTRAST = 0.3
CORE_CONTRAST = 0.65


class Mark(enum.StrEnum):
    TICKED = "ticked"
    BLANK = "blank"
    UNCLEAR = "unclear"


class RowKind(enum.StrEnum):
    EXPECTED = "expected"  # a printed name with its member-card code
    WALK_IN = "walk_in"  # a blank row for someone who came without signing up
    EMPTY = "empty"  # below the last row: nothing printed


@dataclass
class RowReading:
    """What one row of a page holds. Rectangles are (x, y, width, height) in pixels of the
    straightened page image."""

    slot: int  # 0-based row on the page
    kind: RowKind
    mark: Mark
    ink: float  # share of the inside of the box that is ink
    card_code: str | None  # from the row's QR code, when it was readable
    box: tuple[int, int, int, int]
    row: tuple[int, int, int, int]
    handwriting: bool = False  # a walk-in row with something written in it


@dataclass
class PageReading:
    """What was read from one page image. `sheet` is None when the page code was unreadable;
    `problem` says in plain words why the page could not be read at all."""

    sheet: SheetPayload | None = None
    event_id: str | None = None  # from the page or header code
    rows: list[RowReading] = field(default_factory=list)
    image: np.ndarray | None = None  # the straightened page, SCALE pixels per mm
    problem: str = ""

    @property
    def read(self) -> bool:
        return not self.problem


NOT_A_SHEET = N_(
    "受付表のコードが見つかりません（受付表ではないか、読み取れないほどかすれています）"
)
NO_MARKERS = N_("四すみの黒い四角が見つかりません（ページの端が切れていませんか）")


def _to_mm_px(value_mm: float) -> int:
    return int(round(value_mm * SCALE))


def _decode_codes(image: np.ndarray) -> list[tuple[str, np.ndarray]]:
    """Every QR code on the page: its text and its four corners in image pixels."""
    found = []
    for barcode in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode):
        position = barcode.position
        corners = np.array(
            [
                (position.top_left.x, position.top_left.y),
                (position.top_right.x, position.top_right.y),
                (position.bottom_right.x, position.bottom_right.y),
                (position.bottom_left.x, position.bottom_left.y),
            ],
            dtype=np.float32,
        )
        found.append((barcode.text, corners))
    return found


def _marker_candidates(image: np.ndarray, pixels_per_mm: float) -> list[np.ndarray]:
    """Centres of solid dark squares about the size of a corner marker."""
    # Markers are found on a copy at ~4 px/mm: large enough for a 6 mm square, and fast.
    factor = min(1.0, 4.0 / pixels_per_mm)
    small = cv2.resize(image, None, fx=factor, fy=factor, interpolation=cv2.INTER_AREA)
    scale = pixels_per_mm * factor
    _, dark = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    count, _, stats, centroids = cv2.connectedComponentsWithStats(dark, connectivity=8)
    expected_area = (MARKER_MM * scale) ** 2
    centres = []
    for index in range(1, count):
        x, y, w, h, area = stats[index]
        if not 0.45 * expected_area <= area <= 1.8 * expected_area:
            continue
        if not 0.7 <= w / h <= 1.45:
            continue
        if area / (w * h) < 0.72:  # a QR finder pattern is a ring (0.67), a marker solid
            continue
        centres.append(np.array(centroids[index], dtype=np.float32) / factor)
    return centres


def _pick_corner_markers(centres: list[np.ndarray], shape: tuple[int, int]) -> np.ndarray | None:
    """The marker nearest each corner of the image (top-left, top-right, bottom-right,
    bottom-left), or None when the four do not make a sheet-shaped quadrilateral."""
    if len(centres) < 4:
        return None
    height, width = shape
    corners = [(0, 0), (width, 0), (width, height), (0, height)]
    points = np.array(centres)
    picked = []
    for cx, cy in corners:
        distances = np.hypot(points[:, 0] - cx, points[:, 1] - cy)
        picked.append(points[int(np.argmin(distances))])
    quad = np.array(picked, dtype=np.float32)
    if len({tuple(p) for p in quad.tolist()}) < 4:
        return None
    sides = [np.linalg.norm(quad[i] - quad[(i + 1) % 4]) for i in range(4)]
    long_side, short_side = (sides[1] + sides[3]) / 2, (sides[0] + sides[2]) / 2
    if min(long_side, short_side) <= 0:
        return None
    ratio = max(long_side, short_side) / min(long_side, short_side)
    expected = (PAGE_HEIGHT_MM - 2 * _MARKER_CENTRE_INSET_MM) / (
        PAGE_WIDTH_MM - 2 * _MARKER_CENTRE_INSET_MM
    )
    if abs(ratio - expected) > 0.12 * expected:
        return None
    if not cv2.isContourConvex(quad.reshape(-1, 1, 2)):
        return None
    return quad


def _orientation_from_codes(
    quad: np.ndarray, codes: list[tuple[str, np.ndarray]]
) -> tuple[np.ndarray, np.ndarray] | None:
    """Which image marker is which printed corner: the one of the four turns that puts the
    page code (or else the row codes) where the sheet prints them. Returns the transform from
    the straightened page (pixels at SCALE) to the image, and its inverse."""
    target = MARKER_CENTRES_MM * SCALE
    best: tuple[float, np.ndarray, np.ndarray] | None = None
    for turn in range(4):
        ordered = np.roll(quad, -turn, axis=0)
        to_image = cv2.getPerspectiveTransform(target, ordered)
        to_page = np.linalg.inv(to_image)
        error = 0.0
        weight = 0
        for text, corners in codes:
            centre = cv2.perspectiveTransform(corners.mean(axis=0).reshape(1, 1, 2), to_page)
            x_mm, y_mm = centre[0, 0] / SCALE
            if text.upper().startswith("KJ1:S:"):
                error += np.hypot(x_mm - PAGE_QR_CENTRE_MM[0], y_mm - PAGE_QR_CENTRE_MM[1]) * 4
                weight += 4
            elif text.upper().startswith("KJ1:R:"):
                error += abs(x_mm - ROW_QR_CENTRE_X_MM)
                weight += 1
        if weight == 0:
            return None
        score = error / weight
        if best is None or score < best[0]:
            best = (score, to_image, to_page)
    if best is None or best[0] > 12:
        return None
    return best[1], best[2]


def _paper_and_print_levels(page: np.ndarray) -> tuple[float, float]:
    """Grey levels of the paper and of printed black on the straightened page."""
    sample = page[::4, ::4]
    paper = float(np.percentile(sample, 90))
    printed = float(np.percentile(sample, 0.5))
    if paper - printed < 40:  # a washed-out scan: assume at least some contrast
        printed = max(0.0, paper - 40)
    return paper, printed


def _find_frame(dark: np.ndarray, nominal: tuple[int, int, int, int]) -> tuple[int, int, int, int]:
    """The printed box frame near its nominal place: the strongest dark column/row pairs
    about one box apart. Falls back to the nominal place when the frame is not clear (a box
    filled in solid has no edges to find)."""
    x, y, size, _ = nominal
    search = _to_mm_px(2.0)
    x0, y0 = max(0, x - search), max(0, y - search)
    window = dark[y0 : y + size + search, x0 : x + size + search] > 0
    if window.size == 0:
        return nominal
    columns = window.sum(axis=0).astype(np.float32)
    rows = window.sum(axis=1).astype(np.float32)

    def edge_shift(profile: np.ndarray, nominal_start: int) -> int | None:
        best_score, best_shift = 0.0, None
        for shift in range(-search, search + 1):
            first = nominal_start + shift
            second = first + size
            if first < 0 or second >= len(profile):
                continue
            score = min(profile[first], profile[second])
            if score > best_score:
                best_score, best_shift = score, shift
        # Both edges must be dark along most of the box's length.
        return best_shift if best_score >= 0.55 * size else None

    dx, dy = edge_shift(columns, x - x0), edge_shift(rows, y - y0)
    return (x + (dx or 0), y + (dy or 0), size, size)


def _strokes_crossed(ink: np.ndarray) -> float:
    """How many separate strokes a straight line across the box meets, typically: over the
    rows and over the columns that meet any ink, the larger of the two. A tick, ○ or × is met
    once or twice, a filled box once, a scribble many times where blur has not merged its lines
    (hence the 80th percentile rather than the median)."""
    typical = []
    for lines in (ink, ink.T):
        starts = np.count_nonzero(lines[:, 1:] & ~lines[:, :-1], axis=1) + lines[:, 0]
        inked = starts[starts > 0]
        typical.append(float(np.percentile(inked, 80)) if inked.size else 0.0)
    return max(typical)


def _measure_box(
    dark: np.ndarray, core: np.ndarray, frame: tuple[int, int, int, int]
) -> tuple[float, float, int, float, float]:
    """Ink share, reach (mm), closed holes, strokes crossed and the solid share of the ink
    inside a box frame. `dark` is
    every pixel that may be ink (light pencil included); `core` only the darkest, where the
    paper showing between the lines of a scribble stays paper."""
    x, y, size, _ = frame
    inset = _to_mm_px(INSET_MM)
    inside = dark[y + inset : y + size - inset, x + inset : x + size - inset]
    inside_core = core[y + inset : y + size - inset, x + inset : x + size - inset] > 0
    if inside.size == 0:
        return 0.0, 0.0, 0, 0.0, 0.0
    count, labels, stats, _ = cv2.connectedComponentsWithStats(inside, connectivity=8)
    speck = SPECK_MM2 * SCALE * SCALE
    keep = np.zeros(count, dtype=bool)
    keep[1:] = stats[1:, cv2.CC_STAT_AREA] >= speck
    ink = keep[labels]
    share = float(ink.mean())
    if not ink.any():
        return 0.0, 0.0, 0, 0.0, 0.0
    reach = 0.0
    for index in np.flatnonzero(keep):
        w, h = stats[index, cv2.CC_STAT_WIDTH], stats[index, cv2.CC_STAT_HEIGHT]
        reach = max(reach, float(np.hypot(w, h)) / SCALE)
    # Holes: paper regions enclosed by ink, not touching the edge of the inside.
    paper = (~ink).astype(np.uint8)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(paper, connectivity=4)
    height, width = paper.shape
    holes = 0
    for index in range(1, count):
        hx, hy, hw, hh, area = stats[index]
        touches = hx == 0 or hy == 0 or hx + hw >= width or hy + hh >= height
        if not touches and area >= HOLE_MM2 * SCALE * SCALE:
            holes += 1
    # A mass of ink that is only partly solid is lines with paper showing between them.
    solid = float(inside_core.mean()) / share
    return share, reach, holes, _strokes_crossed(inside_core), solid


def classify_mark(share: float, reach: float, holes: int, strokes: float, solid: float) -> Mark:
    """TICKED, BLANK or UNCLEAR from what is inside a box (see the module's notes)."""
    if share < BLANK_INK and reach < BLANK_REACH_MM:
        return Mark.BLANK
    if holes >= SCRIBBLE_HOLES or strokes >= SCRIBBLE_STROKES:
        return Mark.UNCLEAR
    if share >= MASS_INK and (solid < MASS_SOLID or strokes >= MASS_STROKES):
        return Mark.UNCLEAR
    if share >= FILLED_INK:
        return Mark.TICKED
    if TICK_INK <= share <= SCRIBBLE_INK and reach >= TICK_REACH_MM:
        return Mark.TICKED
    return Mark.UNCLEAR


def _row_top_px(slot: int) -> int:
    top_points = signin.FIRST_ROW_TOP - slot * signin.ROW_HEIGHT
    return _to_mm_px(PAGE_HEIGHT_MM - top_points / mm)


def _read_rows(page: np.ndarray, codes_on_page: dict[int, str]) -> list[RowReading]:
    paper, printed = _paper_and_print_levels(page)
    threshold = paper - INK_CONTRAST * (paper - printed)
    dark = (page < threshold).astype(np.uint8)
    core = (page < paper - CORE_CONTRAST * (paper - printed)).astype(np.uint8)
    rows = []
    box_px = _to_mm_px(BOX_MM)
    row_height = _to_mm_px(ROW_HEIGHT_MM)
    left = _to_mm_px(ROW_LEFT_MM)
    right = _to_mm_px(PAGE_WIDTH_MM - ROW_LEFT_MM)
    qr_left = _to_mm_px(signin.ROW_QR_LEFT / mm)
    qr_size = _to_mm_px(signin.ROW_QR_SIZE / mm)
    for slot in range(ROWS_PER_PAGE):
        top = _row_top_px(slot)
        box_top = top + _to_mm_px(signin.TICK_BOX_BELOW_TOP / mm) - box_px
        nominal = (_to_mm_px(BOX_LEFT_MM), box_top, box_px, box_px)
        frame = _find_frame(dark, nominal)
        row_rect = (left, top, right - left, row_height)
        # A printed frame: its four edges are dark along most of their length.
        x, y, size, _ = frame
        edge = max(2, _to_mm_px(0.5))
        edge_ink = min(
            dark[y : y + size, max(0, x - edge // 2) : x + edge].max(axis=1).mean(),
            dark[y : y + size, x + size - edge : x + size + edge // 2].max(axis=1).mean(),
            dark[max(0, y - edge // 2) : y + edge, x : x + size].max(axis=0).mean(),
            dark[y + size - edge : y + size + edge // 2, x : x + size].max(axis=0).mean(),
        )
        if edge_ink < 0.6:
            rows.append(RowReading(slot, RowKind.EMPTY, Mark.BLANK, 0.0, None, frame, row_rect))
            continue
        share, reach, holes, strokes, solid = _measure_box(dark, core, frame)
        mark = classify_mark(share, reach, holes, strokes, solid)
        # The row's code region: a printed QR is about half ink; a phone number written on a
        # walk-in row is far less.
        code_region = dark[
            top + _to_mm_px(2) : top + row_height - _to_mm_px(2), qr_left : qr_left + qr_size
        ]
        has_code = slot in codes_on_page or (code_region.size and code_region.mean() > 0.28)
        kind = RowKind.EXPECTED if has_code else RowKind.WALK_IN
        handwriting = False
        if kind == RowKind.WALK_IN:
            handwriting = _has_handwriting(dark, top)
        rows.append(
            RowReading(
                slot, kind, mark, share, codes_on_page.get(slot), frame, row_rect, handwriting
            )
        )
    return rows


def _has_handwriting(dark: np.ndarray, top: int) -> bool:
    """Something written on a walk-in row's lines (the printed labels and dashed lines left
    out): strokes several millimetres long."""
    name_left = _to_mm_px(ROW_LEFT_MM + 26)
    right = _to_mm_px(PAGE_WIDTH_MM - ROW_LEFT_MM)
    # Between the labels (down to 5.5 mm below the row's top) and the dashed lines (15 mm).
    band = dark[top + _to_mm_px(6.0) : top + _to_mm_px(14.2), name_left:right]
    below = dark[top + _to_mm_px(15.8) : top + _to_mm_px(18.5), name_left:right]
    for region in (band, below):
        if region.size == 0:
            continue
        count, _, stats, _ = cv2.connectedComponentsWithStats(region, connectivity=8)
        for index in range(1, count):
            w, h = stats[index, cv2.CC_STAT_WIDTH], stats[index, cv2.CC_STAT_HEIGHT]
            if stats[index, cv2.CC_STAT_AREA] >= 0.5 * SCALE * SCALE and max(w, h) >= 2.5 * SCALE:
                return True
    return False


def read_page(image: np.ndarray) -> PageReading:
    """Read a greyscale page image (any orientation, roughly 150–600 dpi)."""
    if image.ndim == 3:
        image = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    height, width = image.shape
    pixels_per_mm = min(height, width) / PAGE_WIDTH_MM
    if pixels_per_mm < 4:
        return PageReading(problem=N_("画像が小さすぎます（150 dpi 以上で読み取ってください）"))
    if pixels_per_mm > LARGEST_PIXELS_PER_MM:
        # A 600 dpi scan holds nothing the reader needs beyond 300 dpi, and takes 4× as long.
        factor = LARGEST_PIXELS_PER_MM / pixels_per_mm
        image = cv2.resize(image, None, fx=factor, fy=factor, interpolation=cv2.INTER_AREA)
        height, width = image.shape
        pixels_per_mm = min(height, width) / PAGE_WIDTH_MM
    codes = _decode_codes(image)
    ours = []
    sheet: SheetPayload | None = None
    event_id: str | None = None
    for text, corners in codes:
        try:
            payload = parse_payload(text)
        except UnreadableCode:
            continue
        if isinstance(payload, SheetPayload):
            sheet = payload
            event_id = payload.event_id
        elif isinstance(payload, EventPayload) and event_id is None:
            event_id = payload.event_id
        ours.append((text, corners))
    if not ours:
        return PageReading(problem=NOT_A_SHEET)
    quad = _pick_corner_markers(_marker_candidates(image, pixels_per_mm), (height, width))
    if quad is None:
        return PageReading(sheet, event_id, problem=NO_MARKERS)
    transforms = _orientation_from_codes(quad, ours)
    if transforms is None:
        return PageReading(sheet, event_id, problem=NOT_A_SHEET)
    to_image, to_page = transforms
    size = (_to_mm_px(PAGE_WIDTH_MM), _to_mm_px(PAGE_HEIGHT_MM))
    page = cv2.warpPerspective(
        image,
        to_image,
        size,
        flags=cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP,
        borderMode=cv2.BORDER_CONSTANT,
        borderValue=255,
    )
    codes_on_page: dict[int, str] = {}
    for text, corners in ours:
        try:
            payload = parse_payload(text)
        except UnreadableCode:
            continue
        if not isinstance(payload, CardPayload):
            continue
        centre = cv2.perspectiveTransform(corners.mean(axis=0).reshape(1, 1, 2), to_page)[0, 0]
        x_mm, y_mm = centre / SCALE
        first_top_mm = PAGE_HEIGHT_MM - signin.FIRST_ROW_TOP / mm
        slot = int((y_mm - first_top_mm) // ROW_HEIGHT_MM)
        if 0 <= slot < ROWS_PER_PAGE and abs(x_mm - ROW_QR_CENTRE_X_MM) < 10:
            codes_on_page[slot] = payload.card_code
    return PageReading(sheet, event_id, _read_rows(page, codes_on_page), page)
