"""Booklet: a 16-page A5 booklet with ruby on every kanji word, imposed on A4 (target ≤ 5 s)."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from kyojo_desk.paths import printables_dir
from kyojo_desk.printing.booklet import impose, render_booklet
from kyojo_desk.text.readings import suggest_segments


def _sixteen_page_source(directory: Path) -> Path:
    """Both shipped booklets' bodies joined (about 16 pages), without markup so that every
    reading is suggested by the dictionary."""
    from kyojo_desk.text.readings import strip_markup

    parts = [
        strip_markup((printables_dir() / name).read_text(encoding="utf-8"))
        for name in ("community-app.md", "smartphone-basics.md")
    ]
    first, second = parts
    second_body = second.split("---pagebreak---", 1)[1]
    source = directory / "sixteen.md"
    source.write_text(first + "\n---pagebreak---\n" + second_body, encoding="utf-8")
    (directory / "images").symlink_to(printables_dir() / "images")
    return source


def main() -> None:
    directory = Path(tempfile.mkdtemp(prefix="kyojo-booklet-bench-"))
    source = _sixteen_page_source(directory)
    suggest_segments("辞書を読み込む")  # load the dictionary once, as the desk does at first use
    started = time.perf_counter()
    pages = render_booklet(source, directory / "pages.pdf")
    sides = impose(directory / "pages.pdf", directory / "imposed.pdf")
    seconds = time.perf_counter() - started
    print(f"booklet: {pages} A5 pages with suggested ruby, imposed on {sides} A4 sides")
    print(f"{pages}-page A5 booklet with ruby, imposed: {seconds:.2f} s")


if __name__ == "__main__":
    main()
