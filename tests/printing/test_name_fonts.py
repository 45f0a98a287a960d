"""Every name prints: characters BIZ UDPGothic lacks (𠮷, and any not in its cmap) are drawn in
the fallback face, checked by reading the PDF back (which embedded face drew each character)."""

from __future__ import annotations

import re

import pytest
from pypdf import PdfReader
from reportlab.pdfbase import pdfmetrics

from kyojo_desk.printing.cards import render_cards
from kyojo_desk.printing.fonts import (
    NAME_FALLBACK,
    REGULAR,
    fallback_font,
    font_runs,
    has_glyph,
    register_fonts,
)
from kyojo_desk.printing.ruby import RUBY_FONT
from kyojo_desk.printing.signin import render_signin

# Names as they come: a character outside BIZ UDPGothic (𠮷), 人名用 variants, an ideographic
# variation selector after 邉, a CJK compatibility ideograph (U+FA10) and 々.
ROSTER = [
    ("𠮷田", "花", "よしだ", "はな"),
    ("髙橋", "一郎", "たかはし", "いちろう"),
    ("山﨑", "次郎", "やまさき", "じろう"),
    ("渡邉\U000e0100", "恵", "わたなべ", "めぐみ"),
    ("\ufa10本", "三郎", "つかもと", "さぶろう"),
    ("佐々木", "𠮷子", "ささき", "よしこ"),
]
SELECTORS = re.compile("[\ufe00-\ufe0f\U000e0100-\U000e01ef]")


@pytest.fixture
def roster(store, make_resident):
    if fallback_font() is None:
        pytest.fail("the fallback name font is not installed (Debian: fonts-ipamj-mincho)")
    return [
        make_resident(family_name=f, given_name=g, family_reading=fr, given_reading=gr)
        for f, g, fr, gr in ROSTER
    ]


def drawn_characters(path) -> list[tuple[str, str]]:
    """(character, base font name of the embedded face that drew it) for every drawn character."""
    drawn: list[tuple[str, str]] = []

    def visit(text, _cm, _tm, font_dict, _size):
        if font_dict is not None and text.strip():
            base = str(font_dict["/BaseFont"]).lstrip("/").split("+")[-1]
            drawn.extend((char, base) for char in text if not char.isspace())

    for page in PdfReader(path).pages:
        page.extract_text(visitor_text=visit)
    return drawn


def registered_face(base_font: str) -> str:
    """The reportlab font registered under the name reportlab gave the embedded subset."""
    by_file_name = {}
    for name in pdfmetrics.getRegisteredFontNames():
        face = getattr(pdfmetrics.getFont(name), "face", None)
        if face is not None:
            ps_name = face.name.decode() if isinstance(face.name, bytes) else face.name
            by_file_name.setdefault(ps_name, name)
    assert base_font in by_file_name, base_font
    return by_file_name[base_font]


@pytest.mark.parametrize("render", ["signin", "cards"])
def test_every_character_of_the_roster_has_a_glyph_in_an_embedded_font(
    store, roster, tmp_path, render
):
    path = tmp_path / f"{render}.pdf"
    if render == "signin":
        event = store.create_event(
            {
                "title": "防災訓練",
                "kind": "disaster_drill",
                "starts_at": "2026-12-05T10:00:00+09:00",
            }
        )
        store.sign_up(event.id, [r.id for r in roster])
        render_signin(store, event.id, path, blank_rows=2)
    else:
        render_cards(store, roster, path)
    drawn = drawn_characters(path)
    name_characters = {c for r in roster for c in SELECTORS.sub("", r.family_name + r.given_name)}
    seen = {char for char, _ in drawn}
    assert name_characters <= seen  # every name was drawn whole
    for char, base in drawn:
        if registered_face(base) == RUBY_FONT:
            continue  # readings: their face copies as U+200B by design (printing/ruby.py)
        assert has_glyph(registered_face(base), char), (char, base)
    faces = {base for char, base in drawn if char == "𠮷"}
    assert faces and all(face.startswith(NAME_FALLBACK) for face in faces)


def test_runs_keep_the_main_face_where_it_has_the_glyph():
    regular, _bold = register_fonts()
    assert fallback_font() == NAME_FALLBACK
    assert font_runs("𠮷田花子", regular) == [("𠮷", NAME_FALLBACK), ("田花子", REGULAR)]
    assert font_runs("渡邉\U000e0100恵", regular) == [("渡邉恵", REGULAR)]  # selector left out
    assert not has_glyph(regular, "𠮷") and has_glyph(NAME_FALLBACK, "𠮷")
