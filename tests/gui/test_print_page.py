"""The print page: made in the background, previewed page by page, saved as PDF."""

from __future__ import annotations

import zxingcpp
from PIL import Image

from kyojo_desk.demo import load_demo
from kyojo_desk.gui.pages.print_page import PrintPage
from kyojo_desk.qr import card_payload
from tests.gui.conftest import on_db, wait_idle


def choose(page: PrintPage, kind: str) -> None:
    next(b for b in page.kind_group.buttons() if b.property("value") == kind).setChecked(True)


def test_cards_are_made_previewed_and_saved(qtbot, window, desk_context, tmp_path, monkeypatch):
    from kyojo_desk.gui import prompts

    on_db(desk_context, lambda store: load_demo(store, 12, 3))
    page = window.show_page(PrintPage)
    assert not page.print_button.isEnabled()
    choose(page, "cards")
    page.make()
    wait_idle(qtbot, desk_context)
    assert len(page.images) == 2 and page.print_button.isEnabled()
    assert page.page_label.text() == "1 / 2 ページ"
    page.show_page(1)
    assert not page.next_button.isEnabled()
    target = tmp_path / "cards.pdf"
    monkeypatch.setattr(prompts, "choose_save_path", lambda *a: str(target))
    page.save_pdf()
    assert target.read_bytes().startswith(b"%PDF")
    # The preview is the real page: its QR codes decode to the members' cards.
    image = page.images[1]
    ptr = image.constBits()
    picture = Image.frombuffer(
        "RGB", (image.width(), image.height()), bytes(ptr), "raw", "RGB", image.bytesPerLine()
    )
    codes = {result.text for result in zxingcpp.read_barcodes(picture)}
    residents = on_db(desk_context, lambda store: store.list_residents())
    assert codes and codes <= {card_payload(r.card_code) for r in residents}
    assert "printed_cards" in [
        e.action for e in on_db(desk_context, lambda store: store.list_audit())
    ]


def test_signin_sheet_needs_an_event_and_report_is_made(qtbot, window, desk_context, monkeypatch):
    from kyojo_desk.gui import prompts

    shown: list[str] = []
    monkeypatch.setattr(prompts, "show_message", lambda parent, title, text, *a: shown.append(text))
    page = window.show_page(PrintPage)
    choose(page, "signin")
    page.make()
    assert shown and "イベント" in shown[0]
    on_db(
        desk_context,
        lambda store: store.create_event(
            {"title": "交流会", "starts_at": "2026-12-01T10:00:00+09:00"}
        ),
    )
    desk_context.announce("events")
    wait_idle(qtbot, desk_context)
    page.make()
    wait_idle(qtbot, desk_context)
    assert len(page.images) == 1
    choose(page, "report")
    page.make()
    wait_idle(qtbot, desk_context)
    assert len(page.images) >= 1 and "できました" in page.status.text()


def test_the_yearly_report_is_made_on_the_print_page(qtbot, window, desk_context):
    """The 年度 chosen on the page is the 年度 the report covers."""
    from pypdf import PdfReader

    page = window.show_page(PrintPage)
    choose(page, "yearly_report")
    assert page.kind_options["yearly_report"].isVisibleTo(page)
    page.fiscal_year.setValue(2025)
    page.make()
    wait_idle(qtbot, desk_context)
    assert len(page.images) >= 3 and "できました" in page.status.text()
    text = "".join(p.extract_text() for p in PdfReader(page.pdf).pages)
    assert "2025年度（令和7年度）" in text
