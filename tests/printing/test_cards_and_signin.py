"""Member cards and sign-in sheets, read back: text, embedded fonts, page counts, every QR decoded."""

from __future__ import annotations

import subprocess
import sys

import pypdfium2 as pdfium
import pytest
import zxingcpp
from pypdf import PdfReader

from kyojo_desk.demo import load_demo
from kyojo_desk.printing.cards import CardLayout, render_calibration, render_cards
from kyojo_desk.printing.signin import ROWS_PER_PAGE, render_signin
from kyojo_desk.qr import card_payload, event_payload, sheet_payload


def decoded(path, page_index: int) -> list[str]:
    page = pdfium.PdfDocument(str(path))[page_index]
    return sorted(
        result.text for result in zxingcpp.read_barcodes(page.render(scale=200 / 72).to_pil())
    )


def embedded_fonts(reader: PdfReader) -> set[str]:
    """Names of the fonts whose program is inside the PDF (standard fonts never are)."""
    names = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:
                descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            if descriptor is None:
                continue
            descriptor = descriptor.get_object()
            if any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")):
                names.add(str(font["/BaseFont"]))
    return names


@pytest.fixture
def people(store):
    load_demo(store, 23, seed=4)
    store.set_meta("centre_name", "上野原市 コミュニティセンター")
    store.set_meta("centre_phone", "0554-62-3111")
    return store.list_residents()


def test_cards_ten_per_sheet_each_qr_decodes_to_its_card(store, people, tmp_path):
    path = tmp_path / "cards.pdf"
    assert render_cards(store, people, path) == 3
    reader = PdfReader(path)
    assert len(reader.pages) == 3
    text = "".join(page.extract_text() for page in reader.pages)
    for resident in people:
        assert resident.family_name in text
    assert "上野原市 コミュニティセンター" in text and "0554-62-3111" in text
    assert any("BIZUDPGothic" in name for name in embedded_fonts(reader))
    expected = sorted(card_payload(r.card_code) for r in people)
    found = decoded(path, 0) + decoded(path, 1) + decoded(path, 2)
    assert sorted(found) == expected
    for resident in people:  # no personal data in any code
        assert all(
            resident.family_name not in code and resident.phone not in code
            for code in found
            if resident.phone
        )


def test_card_offsets_move_every_card(store):
    plain, moved = CardLayout(), CardLayout(offset_x_mm=2, offset_y_mm=3)
    for index in range(10):
        (x0, y0), (x1, y1) = plain.origin(index), moved.origin(index)
        assert round(x1 - x0, 2) == round(2 * 72 / 25.4, 2) and round(y0 - y1, 2) == round(
            3 * 72 / 25.4, 2
        )


def test_calibration_page(store, tmp_path):
    store.set_meta("card_offset_x", "1.5")
    path = tmp_path / "calibration.pdf"
    render_calibration(store, path)
    text = PdfReader(path).pages[0].extract_text()
    assert "カード 10" in text and "+1.5 mm" in text


def test_signin_sheet_rows_in_the_entry_screen_order_and_every_qr_decodes(store, people, tmp_path):
    event = store.create_event(
        {
            "title": "スマホ教室",
            "kind": "smartphone_class",
            "starts_at": "2026-12-05T10:00:00+09:00",
            "place": "上野原公民館",
        }
    )
    store.sign_up(event.id, [r.id for r in people[:15]])
    expected = store.expected_residents(event.id)
    path = tmp_path / "signin.pdf"
    pages = render_signin(store, event.id, path, blank_rows=6)
    assert pages == -(-(15 + 6) // ROWS_PER_PAGE)
    reader = PdfReader(path)
    assert len(reader.pages) == pages
    text = "".join(page.extract_text() for page in reader.pages)
    positions = [text.index(r.full_name) for r in expected]
    assert positions == sorted(positions)  # 五十音 order, as on the sheet-entry screen
    assert "スマホ教室" in text and "上野原公民館" in text and f"1/{pages}" in text
    assert any("BIZUDPGothic" in name for name in embedded_fonts(reader))
    codes: list[str] = []
    for index in range(pages):
        page_codes = decoded(path, index)
        assert event_payload(event.id) in page_codes
        assert sheet_payload(event.id, index + 1) in page_codes
        codes += [c for c in page_codes if c.startswith("KJ1:R:")]
    assert sorted(codes) == sorted(card_payload(r.card_code) for r in expected)


def test_print_commands(data_dir, tmp_path):
    command = [sys.executable, "-m", "kyojo_desk", "--data-dir", str(data_dir)]
    subprocess.run(
        [*command, "demo", "--residents", "4"], check=True, capture_output=True, timeout=60
    )
    made = subprocess.run(
        [*command, "print", "cards", "-o", str(tmp_path / "c.pdf")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert made.returncode == 0, made.stderr
    assert len(decoded(tmp_path / "c.pdf", 0)) == 4
    event = subprocess.run(
        [*command, "event", "add", "--title", "交流会", "--starts", "2026-12-01T10:00:00+09:00"],
        capture_output=True,
        text=True,
        timeout=60,
    ).stdout.strip()
    sheet = subprocess.run(
        [*command, "print", "signin", event, "-o", str(tmp_path / "s.pdf"), "--blank-rows", "3"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert sheet.returncode == 0, sheet.stderr
    bad = subprocess.run(
        [*command, "print", "signin", "no-such-event", "-o", str(tmp_path / "x.pdf")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert bad.returncode == 1 and len(bad.stderr.strip().splitlines()) == 1
