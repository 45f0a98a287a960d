"""Reading scanned sign-in sheets: seconds per page at 300 dpi greyscale (target ≤ 1 s).

A three-page sheet is printed, ticked in every style and degraded as an office scanner would
(±3°, perspective, blur, JPEG 40; one page upside down), then saved as one 300 dpi PDF. Timed:
loading each page from the PDF and reading it (codes, markers, every box); also the reading
alone on images already in memory. Run from the repository root (it borrows the tests' scan
maker): `PYTHONPATH=. python benchmarks/bench_sheet_scan.py`.
"""

from __future__ import annotations

import random
import statistics
import tempfile
import time
from pathlib import Path

from kyojo_desk.printing.signin import render_signin
from kyojo_desk.scanning.pages import load_pages
from kyojo_desk.scanning.reader import read_page
from kyojo_desk.scanning.sheet_import import read_files
from kyojo_desk.store import Store
from tests.sheet_scans import degrade, marked_pages, rows_on_pages, save_scan_pdf, sheet_event

DPI = 300
ROUNDS = 3


def main() -> None:
    directory = Path(tempfile.mkdtemp(prefix="kyojo-sheet-bench-"))
    store = Store.open(directory / "kyojo.db")
    event = sheet_event(store, "交流サロン", 26)
    pages = render_signin(store, event.id, directory / "sheet.pdf", blank_rows=6)
    store.close()
    rng = random.Random(1)
    drawn = marked_pages(directory / "sheet.pdf", pages, rows_on_pages(26, 6, pages), rng, DPI)
    scans = [
        degrade(page.image, rng, DPI, DPI, upside_down=index == 1)
        for index, page in enumerate(drawn)
    ]
    scan_pdf = directory / "scan.pdf"
    save_scan_pdf(scans, scan_pdf, DPI)

    reading_only = []
    for _ in range(ROUNDS):
        for image in scans:
            started = time.perf_counter()
            read_page(image)
            reading_only.append(time.perf_counter() - started)
    from_pdf = []
    for _ in range(ROUNDS):
        started = time.perf_counter()
        read = read_files([scan_pdf])
        from_pdf.append((time.perf_counter() - started) / len(read))
    assert all(page.reading.read for page in read), [p.reading.problem for p in read]
    loaded = next(load_pages(scan_pdf)).image
    print(
        f"sheet scan: {pages} pages, scanned {scans[0].shape[1]}×{scans[0].shape[0]} px"
        f" ({DPI} dpi), PDF pages rendered at {loaded.shape[1]}×{loaded.shape[0]} px"
    )
    print(
        f"reading one page image: median {statistics.median(reading_only):.3f} s,"
        f" worst {max(reading_only):.3f} s"
    )
    print(f"sheet scan at {DPI} dpi, PDF to result: {statistics.median(from_pdf):.3f} s per page")


if __name__ == "__main__":
    main()
