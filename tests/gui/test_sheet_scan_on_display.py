"""The sheet-reading dialog on a real X display (Xvfb, Qt's xcb platform): after reading a scan
it fits a 1366×768 screen at 100 % text and a 1920×1080 screen at 200 % text — the whole dialog
on the screen, its save button and the page view visible and of a usable size.
Set KYOJO_SHOTS=DIR to keep the screen grabs for a person to look at."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.xdisplay import run_on_display, xvfb

DIALOG_SCRIPT = r"""
import random
import sys
from pathlib import Path

import cv2
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

data_dir, out_dir, scale = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
app = QApplication(sys.argv)
app.setCursorFlashTime(0)

from kyojo_desk.gui import prompts
from kyojo_desk.gui.app import create_context, create_window
from kyojo_desk.gui.pages.reception_page import ReceptionPage
from kyojo_desk.printing.signin import render_signin
from tests.sheet_scans import (
    DrawnPage, box_origin_mm, degrade, draw_mark, render_page, save_scan_pdf, sheet_event,
)

context = create_context(data_dir)
context.set_text_scale(scale)
event = context.taskman.run_on_db_now(lambda store: sheet_event(store, "ふれあいサロン", 14))
pdf = data_dir / "sheet.pdf"
context.taskman.run_on_db_now(lambda store: render_signin(store, event.id, pdf, blank_rows=6))
rng = random.Random(4)
images = []
for index, styles in enumerate(
    ({0: "tick", 1: "scribbled", 2: "circle", 4: "filled", 6: "pencil_tick", 8: "dot_beside"},
     {0: "cross", 1: "tick", 3: "tick", 4: "scribbled"})
):
    page = DrawnPage(render_page(pdf, index, 300), 300)
    for slot, style in styles.items():
        draw_mark(page, slot, style, rng)
    if index == 1:
        px = page.dpi / 25.4
        for slot, name in ((5, "Arai Makoto  090-1234-5678"), (6, "Ueno Hanako")):
            _, y_mm = box_origin_mm(slot)
            cv2.putText(page.image, name, (int(52 * px), int((y_mm + 8) * px)), 0, 2.2, 30, 5)
    images.append(degrade(page.image, rng, 300, upside_down=index == 1))
scan = data_dir / "scan.pdf"
save_scan_pdf(images, scan)
prompts.choose_open_paths = lambda *args: [str(scan)]


def wait(ms=300):
    QTest.qWait(ms)
    for _ in range(400):
        if context.taskman.idle:
            break
        QTest.qWait(50)
    QTest.qWait(ms)


window = create_window(context)
window.show()
wait()
page = window.show_page(ReceptionPage)
page.load_events()
wait()
page.scan_sheet()
dialog = page.open_dialog
wait()
dialog.files_button.click()
for _ in range(600):
    if dialog.scan is not None:
        break
    QTest.qWait(100)
wait()
dialog.page_picker.setCurrentIndex(0)
wait()
available = dialog.screen().availableGeometry()
frame = dialog.frameGeometry()
print("screen", available.width(), available.height(), "dialog", frame.x(), frame.y(),
      frame.width(), frame.height())
assert available.contains(frame), (available, frame)
save_at = dialog.save_button.mapTo(dialog, dialog.save_button.rect().bottomRight())
assert dialog.rect().contains(save_at), save_at
assert dialog.page_view.height() >= 250, dialog.page_view.height()
QGuiApplication.primaryScreen().grabWindow(0).save(str(out_dir / f"sheet-scan-{scale}-page1.png"))
dialog.page_picker.setCurrentIndex(1)
wait()
QGuiApplication.primaryScreen().grabWindow(0).save(str(out_dir / f"sheet-scan-{scale}-page2.png"))
print("OK")
dialog.reject()
window.close()
context.taskman.shutdown()
"""


@pytest.mark.parametrize(("width", "height", "scale"), [(1366, 768, 100), (1920, 1080, 200)])
def test_sheet_scan_dialog_fits_the_screen(tmp_path, width, height, scale):
    data_dir, out_dir = tmp_path / "data", tmp_path / "shots"
    data_dir.mkdir()
    out_dir.mkdir()
    with xvfb(width, height) as display:
        result = run_on_display(
            display,
            DIALOG_SCRIPT,
            str(data_dir),
            str(out_dir),
            str(scale),
            timeout=300,
            KYOJO_ENCRYPT="0",
            QT_LOGGING_RULES="qt.multimedia.*=false",
            KYOJO_DATA_DIR=str(data_dir),
        )
    shots = os.environ.get("KYOJO_SHOTS")
    if shots:
        Path(shots).mkdir(parents=True, exist_ok=True)
        for grab in out_dir.glob("*.png"):
            (Path(shots) / grab.name).write_bytes(grab.read_bytes())
    assert result.returncode == 0 and "OK" in result.stdout, result.stderr[-3000:]
