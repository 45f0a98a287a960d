"""Printables: a 300-person sign-in sheet (target ≤ 2 s) and 500 member cards (target ≤ 3 s)."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from kyojo_desk.demo import load_demo
from kyojo_desk.printing.cards import render_cards
from kyojo_desk.printing.signin import render_signin
from kyojo_desk.store import Store


def main() -> None:
    directory = Path(tempfile.mkdtemp(prefix="kyojo-print-bench-"))
    store = Store.open(directory / "kyojo.db")
    load_demo(store, 600, seed=9)
    residents = store.list_residents()
    event = store.create_event(
        {"title": "秋の交流会", "starts_at": "2026-11-29T10:00:00+09:00", "place": "公民館"}
    )
    store.sign_up(event.id, [r.id for r in residents[:300]])
    started = time.perf_counter()
    pages = render_signin(store, event.id, directory / "signin.pdf", blank_rows=10)
    sheet_s = time.perf_counter() - started
    print(f"sign-in sheet: 300 people on {pages} pages in {sheet_s:.2f} s")
    started = time.perf_counter()
    sheets = render_cards(store, residents[:500], directory / "cards.pdf")
    cards_s = time.perf_counter() - started
    print(f"member cards: 500 cards on {sheets} sheets in {cards_s:.2f} s")
    print(f"300-person sign-in sheet {sheet_s:.2f} s; 500 member cards {cards_s:.2f} s")


if __name__ == "__main__":
    main()
