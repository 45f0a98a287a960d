"""Ruby paragraphs (layout, kinsoku, extraction) and suggested readings."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from pypdf import PdfReader
from reportlab.lib.pagesizes import A5
from reportlab.platypus import SimpleDocTemplate

from kyojo_desk.printing.ruby import NO_LINE_START, RubyParagraph
from kyojo_desk.text.readings import parse_markup, split_okurigana, strip_markup, suggest_markup

TEXT = "{上野原|うえのはら}{市|し}の「スマホ{教室|きょうしつ}」で、{電話|でんわ}の{使|つか}い{方|かた}を{学|まな}びます。"


def test_suggested_readings_use_local_names_and_put_ruby_on_kanji_only() -> None:
    markup = suggest_markup("棡原の秋山巌さんは談合坂で書き方を教えます。")
    assert "{棡原|ゆずりはら}" in markup
    assert "{秋山|あきやま}" in markup
    assert "{巌|いわお}" in markup
    assert "{談合坂|だんごうざか}" in markup
    assert "{書|か}き" in markup
    assert "{教|おし}えます" in markup
    assert strip_markup(markup) == "棡原の秋山巌さんは談合坂で書き方を教えます。"
    assert "{" not in suggest_markup("ひらがなとカタカナだけ")


def test_okurigana_split() -> None:
    parts = split_okurigana("申し込み", "もうしこみ")
    assert [(p.text, p.reading) for p in parts] == [
        ("申", "もう"),
        ("し", ""),
        ("込", "こ"),
        ("み", ""),
    ]


def test_markup_parsing_keeps_written_readings() -> None:
    segments = parse_markup("{上野原|うえのはら}へ行く", suggest=True)
    assert segments[0].reading == "うえのはら"
    assert any(s.text == "行" and s.reading == "い" for s in segments)
    assert all(not s.reading for s in parse_markup("へ行く", suggest=False))


def _build(path: Path, paragraphs: list[RubyParagraph]) -> None:
    SimpleDocTemplate(str(path), pagesize=A5).build(paragraphs)


def test_extracted_text_is_the_base_text_only(tmp_path: Path) -> None:
    path = tmp_path / "ruby.pdf"
    _build(path, [RubyParagraph(TEXT, size=16)])
    text = PdfReader(path).pages[0].extract_text()
    base = "".join(ch for ch in text if ch not in "\u200b\n ")
    assert base == strip_markup(TEXT)
    for reading in ("うえのはら", "きょうしつ", "でんわ"):
        assert reading not in text


def test_lines_obey_kinsoku_and_never_split_a_ruby_word() -> None:
    text = "{電話|でんわ}、" * 40 + "「{教室|きょうしつ}」。" * 30
    paragraph = RubyParagraph(text, size=16)
    paragraph.wrap(200, 1000)
    assert len(paragraph.lines) > 5
    for line in paragraph.lines:
        assert line[0].text[0] not in NO_LINE_START
        assert line[-1].text[-1] != "「"
    words = [unit.text for line in paragraph.lines for unit in line if unit.reading]
    assert set(words) == {"電話", "教室"}


def test_long_reading_gets_room_between_ruby_neighbours() -> None:
    paragraph = RubyParagraph("{巌|いわお}{巌|いわお}{巌|いわお}", size=16)
    paragraph.wrap(400, 100)
    middle = paragraph.lines[0][1]
    # Both neighbours carry ruby: the middle word's box is as wide as its three-kana reading.
    assert middle.box_width >= 3 * 8 - 0.5
    assert middle.box_width > middle.base_width


def test_reading_command_prints_markup() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "kyojo_desk", "reading", "上野原で漢字を読む"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == "{上野原|うえのはら}で{漢字|かんじ}を{読|よ}む"


def test_cards_and_sign_in_names_copy_without_their_readings(store, make_resident, tmp_path):
    from kyojo_desk.printing.cards import render_cards
    from kyojo_desk.printing.signin import render_signin

    resident = make_resident(
        family_name="秋山", given_name="巌", family_reading="あきやま", given_reading="いわお"
    )
    cards = tmp_path / "cards.pdf"
    render_cards(store, [resident], cards)
    text = PdfReader(cards).pages[0].extract_text()
    assert "秋山" in text and "巌" in text
    assert "あきやま" not in text and "いわお" not in text
    event = store.create_event(
        {"title": "スマホ教室", "starts_at": "2026-12-05T10:00:00+09:00", "place": "公民館"}
    )
    store.sign_up(event.id, [resident.id])
    sheet = tmp_path / "signin.pdf"
    render_signin(store, event.id, sheet, blank_rows=2)
    text = PdfReader(sheet).pages[0].extract_text()
    assert "秋山" in text and "あきやま" not in text
