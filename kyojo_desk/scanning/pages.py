"""Scanned pages from files: a PDF (one or many pages, as an office multifunction printer saves
a scan) or PNG/JPEG images, each as a greyscale image."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np

from kyojo_desk.texts import N_, message

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp")
SCAN_SUFFIXES = (".pdf", *IMAGE_SUFFIXES)
# PDF pages are rendered at this resolution: enough for the 15 mm row codes, and fast.
PDF_RENDER_DPI = 200
# A PDF page larger than this (in points) is no scanned A4/A3 sheet; refuse instead of
# rendering a gigantic image.
LARGEST_PAGE_POINTS = 1800
# An A3 page at 600 dpi; anything larger is no scanned sheet.
LARGEST_IMAGE_PIXELS = 7100 * 10000


@dataclass
class ScannedPage:
    """One page of a scan file: its greyscale image, or why it could not be loaded."""

    file: str
    page: int  # 1-based within the file
    image: np.ndarray | None
    problem: str = ""


def scan_files_in(paths: list[Path]) -> list[Path]:
    """The scan files named, folders expanded to the scans directly inside them (sorted)."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += sorted(p for p in path.iterdir() if p.suffix.lower() in SCAN_SUFFIXES)
        else:
            files.append(path)
    return files


def count_pages(path: Path) -> int:
    """How many pages a scan file holds (1 for an image; 1 when the PDF cannot be opened, so
    its problem is reported as one page)."""
    if path.suffix.lower() != ".pdf":
        return 1
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(str(path))
    except (pdfium.PdfiumError, OSError):
        return 1
    try:
        return max(1, len(document))
    finally:
        document.close()


def load_pages(path: Path) -> Iterator[ScannedPage]:
    """The pages of one scan file, one at a time (a 40-page PDF is never all in memory)."""
    name = str(path)
    if not path.is_file():
        yield ScannedPage(name, 1, None, message(N_("ファイルがありません：{name}"), name=name))
        return
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        yield from _pdf_pages(path)
    elif suffix in IMAGE_SUFFIXES:
        image = cv2.imread(name, cv2.IMREAD_GRAYSCALE)
        if image is None:
            yield ScannedPage(name, 1, None, N_("画像として開けませんでした"))
        elif image.size > LARGEST_IMAGE_PIXELS:
            yield ScannedPage(name, 1, None, N_("画像が大きすぎます（A4 の受付表ではありません）"))
        else:
            yield ScannedPage(name, 1, image)
    else:
        yield ScannedPage(name, 1, None, N_("PDF か PNG・JPEG の画像を選んでください"))


def _pdf_pages(path: Path) -> Iterator[ScannedPage]:
    import pypdfium2 as pdfium

    name = str(path)
    try:
        document = pdfium.PdfDocument(name)
    except (pdfium.PdfiumError, OSError):
        yield ScannedPage(name, 1, None, N_("PDF として開けませんでした"))
        return
    try:
        for index in range(len(document)):
            page = document[index]
            width, height = page.get_size()
            if max(width, height) > LARGEST_PAGE_POINTS:
                yield ScannedPage(
                    name, index + 1, None, N_("ページが大きすぎます（A4 の受付表ではありません）")
                )
                continue
            bitmap = page.render(scale=PDF_RENDER_DPI / 72, grayscale=True)
            image = np.array(bitmap.to_numpy(), copy=True)
            if image.ndim == 3:
                image = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
            yield ScannedPage(name, index + 1, image)
    finally:
        document.close()
