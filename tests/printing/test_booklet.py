"""Booklets: Markdown to A5 pages with ruby, saddle-stitch imposition, the shipped sources."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from kyojo_desk.errors import ValidationError
from kyojo_desk.paths import printables_dir
from kyojo_desk.printing.booklet import (
    BookletOptions,
    impose,
    render_booklet,
    saddle_stitch_order,
)

SOURCE = """# {地域|ちいき}の{冊子|さっし}

{表紙|ひょうし}の{説明|せつめい}です。

---pagebreak---

## {電話|でんわ}

1. {緑|みどり}のボタンを押します。
2. 話します。

> {注意|ちゅうい}してください。

---pagebreak---

ページ{三|さん}です。{上野原|うえのはら}へ行きます。

---pagebreak---

ページ{四|よん}です。
"""


def _source(tmp_path: Path, text: str = SOURCE) -> Path:
    path = tmp_path / "test.md"
    path.write_text(text, encoding="utf-8")
    return path


def test_saddle_stitch_order_for_eight_and_padded_pages() -> None:
    assert saddle_stitch_order(8) == [(8, 1), (2, 7), (6, 3), (4, 5)]
    assert saddle_stitch_order(5) == [(8, 1), (2, 7), (6, 3), (4, 5)]
    # Every page of a 16-page booklet appears exactly once.
    pages = [page for side in saddle_stitch_order(16) for page in side]
    assert sorted(pages) == list(range(1, 17))


def test_booklet_pages_text_and_fonts(tmp_path: Path) -> None:
    output = tmp_path / "booklet.pdf"
    pages = render_booklet(_source(tmp_path), output)
    reader = PdfReader(output)
    # Cover, three body pages, back cover.
    assert pages == len(reader.pages) == 5
    width, height = (float(v) for v in reader.pages[0].mediabox.upper_right)
    assert (round(width), round(height)) == (420, 595)
    body = reader.pages[1].extract_text()
    assert "緑のボタンを押します" in body
    assert "みどり" not in body and "ちゅうい" not in body
    assert "上野原へ行きます" in reader.pages[2].extract_text()
    assert "2" in reader.pages[2].extract_text().split()  # page number
    fonts = reader.pages[1]["/Resources"]["/Font"]
    japanese = [
        f.get_object() for f in fonts.values() if "BIZUDPGothic" in f.get_object()["/BaseFont"]
    ]
    assert japanese
    assert all("/FontFile2" in f["/FontDescriptor"] for f in japanese)
    assert "上野原市 コミュニティセンター" in reader.pages[4].extract_text()


def test_imposed_booklet_puts_pages_in_saddle_stitch_order(tmp_path: Path) -> None:
    flat = tmp_path / "flat.pdf"
    render_booklet(_source(tmp_path), flat)
    imposed = tmp_path / "imposed.pdf"
    sides = impose(flat, imposed)
    reader = PdfReader(imposed)
    assert sides == len(reader.pages) == 4  # 5 pages padded to 8
    width, height = (float(v) for v in reader.pages[0].mediabox.upper_right)
    assert (round(width), round(height)) == (842, 595)
    # Side 1 = (back cover 8, cover 1): back cover on the left, the cover on the right.
    first = reader.pages[0].extract_text()
    assert first.index("コミュニティセンター") < first.index("表紙")
    # Side 3 = (6, 3): page 6 is a blank pad, page 3 holds body page "ページ三".
    assert "ページ三" in reader.pages[2].extract_text()
    # Side 4 = (4, 5): page 4 "ページ四", page 5 blank.
    assert "ページ四" in reader.pages[3].extract_text()


def test_no_furigana_draws_no_readings(tmp_path: Path) -> None:
    with_ruby = tmp_path / "ruby.pdf"
    without = tmp_path / "plain.pdf"
    render_booklet(_source(tmp_path), with_ruby)
    render_booklet(_source(tmp_path), without, BookletOptions(furigana=False))
    assert "\u200b" in PdfReader(with_ruby).pages[1].extract_text()
    assert "\u200b" not in PdfReader(without).pages[1].extract_text()


def test_missing_image_and_title_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="画像"):
        render_booklet(_source(tmp_path, "# 題\n\n![絵](nothing.png)\n"), tmp_path / "x.pdf")
    with pytest.raises(ValidationError, match="タイトル"):
        render_booklet(_source(tmp_path, "本文だけ\n"), tmp_path / "y.pdf")


@pytest.mark.parametrize("name", ["community-app.md", "smartphone-basics.md"])
def test_shipped_booklets_are_8_to_16_pages_and_impose(tmp_path: Path, name: str) -> None:
    output = tmp_path / "booklet.pdf"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "kyojo_desk",
            "print",
            "booklet",
            str(printables_dir() / name),
            "-o",
            str(output),
            "--impose",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "A4 sides" in result.stdout
    sides = len(PdfReader(output).pages)
    assert 4 <= sides <= 8  # 8–16 A5 pages, two per side
    flat = tmp_path / "flat.pdf"
    pages = render_booklet(printables_dir() / name, flat)
    assert 8 <= pages <= 16
    assert sides == -(-pages // 4) * 2
