"""The print page makes the A5 booklets: previewed, imposed on A4, furigana on or off."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt

from kyojo_desk.gui.pages.print_page import PrintPage
from tests.gui.conftest import wait_idle


def choose(page: PrintPage, kind: str) -> None:
    next(b for b in page.kind_group.buttons() if b.property("value") == kind).setChecked(True)


def test_booklet_is_made_with_ruby_and_imposed(qtbot, window, desk_context, tmp_path, monkeypatch):
    from pypdf import PdfReader

    from kyojo_desk.gui import prompts

    page = window.show_page(PrintPage)
    choose(page, "booklet")
    page.booklet.setCurrentIndex(page.booklet.findText("スマホの基本"))
    qtbot.mouseClick(page.make_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, desk_context)
    qtbot.waitUntil(lambda: page.print_button.isEnabled())
    assert 8 <= len(page.images) <= 16
    # A5 portrait preview.
    assert page.images[0].height() > page.images[0].width()
    for box in (page.imposed, page.furigana):
        # On the tick box itself: a stretched check box only reacts near its text.
        qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
    assert page.imposed.isChecked() and not page.furigana.isChecked()
    qtbot.mouseClick(page.make_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, desk_context)
    qtbot.waitUntil(lambda: page.pdf is not None and "A4" in page.pdf.name)
    assert page.images[0].width() > page.images[0].height()  # A4 landscape
    target = tmp_path / "booklet.pdf"
    monkeypatch.setattr(prompts, "choose_save_path", lambda *a: str(target))
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    reader = PdfReader(target)
    assert len(reader.pages) == len(page.images) and len(reader.pages) % 2 == 0
    text = "".join(p.extract_text() for p in reader.pages)
    assert "電源" in text and "\u200b" not in text  # no readings drawn
