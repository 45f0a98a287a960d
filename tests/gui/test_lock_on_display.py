"""What the idle lock leaves visible on a real X display (Xvfb, Qt's xcb platform).

The whole screen is grabbed while locked, once on a desk whose registry shows residents and has a
resident's record open with a half-typed edit, once on a desk with no residents at all. If the
lock hid everything, the two grabs are the same image, pixel for pixel. The grab of the first desk
before locking must differ from its locked grab, or the test could not see personal text at all.
Set KYOJO_SHOTS=DIR to keep the grabs for a person to look at.
"""

from __future__ import annotations

import os
from pathlib import Path

from tests.xdisplay import run_on_display, xvfb

DESK_SCRIPT = r"""
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

data_dir, out_dir, with_residents = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3] == "1"
app = QApplication(sys.argv)
app.setApplicationName("Kyojo Desk")
app.setCursorFlashTime(0)  # a blinking caret would make two grabs of the same screen differ

from kyojo_desk.gui.app import create_context, create_window
from kyojo_desk.gui.pages.residents_page import ResidentsPage
from kyojo_desk.records.resident import Consent
from kyojo_desk.store.districts import ensure_districts

context = create_context(data_dir)
context.taskman.run_on_db_now(ensure_districts)


def wait(ms=300):
    QTest.qWait(ms)
    deadline = 100
    while not context.taskman.idle and deadline:
        QTest.qWait(50)
        deadline -= 1
    QTest.qWait(ms)


def grab(name):
    wait()
    image = QGuiApplication.primaryScreen().grabWindow(0)
    image.save(str(out_dir / name))


if with_residents:
    consent = Consent(scopes=["keep_record"], method="signed_paper", witnessed_by="受付 花子")
    for family, given, family_reading, given_reading, phone in (
        ("高橋", "花子", "たかはし", "はなこ", "0554-62-1111"),
        ("高橋", "次郎", "たかはし", "じろう", "0554-62-2222"),
        ("髙橋", "三郎", "たかはし", "さぶろう", "0554-62-3333"),
    ):
        context.taskman.run_on_db_now(
            lambda store, v=dict(
                family_name=family, given_name=given, family_reading=family_reading,
                given_reading=given_reading, phone=phone, district="01",
                birth_date="1948-03-02",
            ): store.register_resident(v, consent, allow_duplicate=True)
        )
window = create_window(context)
window.setGeometry(0, 0, 1366, 740)
window.show()
wait()
page = window.show_page(ResidentsPage)
if with_residents:
    page.search_box.setText("たかはし")
    wait()
    page.open_resident(page.model.resident_at(0).id)
    wait()
    dialog = page.open_dialog
    dialog.inputs["phone"].setText("090-1234-5678")  # an edit under way
    grab("before-lock.png")
window.idle_lock.lock()
grab("locked.png")
# Ctrl+F, a reading and Return, as the platform delivers them, must not reach the desk.
QTest.keyClick(window.windowHandle(), Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
for letter in "TAKAHASHI":
    QTest.keyClick(window.windowHandle(), Qt.Key(ord(letter)))
QTest.keyClick(window.windowHandle(), Qt.Key.Key_Return)
grab("locked-after-keys.png")
if with_residents:
    assert page.search_box.text() == "たかはし", page.search_box.text()
    assert not dialog.isVisible()
    screen = window.idle_lock.screen
    screen.name.setText("山田")
    QTest.keyClick(screen.name, Qt.Key.Key_Return)
    wait()
    assert dialog.isVisible() and dialog.inputs["phone"].text() == "090-1234-5678"
    grab("unlocked.png")
print("OK")
window.close()
context.taskman.shutdown()
"""


def run_desk(display: str, data_dir: Path, out_dir: Path, with_residents: bool) -> None:
    data_dir.mkdir(parents=True)
    out_dir.mkdir(parents=True)
    result = run_on_display(
        display,
        DESK_SCRIPT,
        str(data_dir),
        str(out_dir),
        "1" if with_residents else "0",
        KYOJO_ENCRYPT="0",
        QT_LOGGING_RULES="qt.multimedia.*=false",
        KYOJO_DATA_DIR=str(data_dir),
    )
    assert result.returncode == 0 and "OK" in result.stdout, result.stderr[-3000:]


def pixels(path: Path) -> bytes:
    from PySide6.QtGui import QImage

    image = QImage(str(path)).convertToFormat(QImage.Format.Format_RGB32)
    assert not image.isNull(), path
    return bytes(image.constBits())


def test_the_locked_screen_shows_nothing_of_the_residents_or_the_open_record(tmp_path):
    shots = Path(os.environ["KYOJO_SHOTS"]) if os.environ.get("KYOJO_SHOTS") else None
    with xvfb(1366, 768) as display:
        run_desk(display, tmp_path / "with-data", tmp_path / "with", with_residents=True)
        run_desk(display, tmp_path / "empty-data", tmp_path / "empty", with_residents=False)
    if shots is not None:
        shots.mkdir(parents=True, exist_ok=True)
        for folder in ("with", "empty"):
            for grab in (tmp_path / folder).glob("*.png"):
                (shots / f"{folder}-{grab.name}").write_bytes(grab.read_bytes())
    locked_empty = pixels(tmp_path / "empty" / "locked.png")
    assert pixels(tmp_path / "with" / "before-lock.png") != locked_empty
    assert pixels(tmp_path / "with" / "locked.png") == locked_empty
    assert pixels(tmp_path / "with" / "locked-after-keys.png") == locked_empty
    assert pixels(tmp_path / "with" / "unlocked.png") != locked_empty
