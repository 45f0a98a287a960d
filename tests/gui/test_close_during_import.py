"""Closing the window while a roster import runs asks whether to wait or cancel: waiting lets it
finish and then closes, cancelling rolls it back (nobody registered) and then closes."""

from __future__ import annotations

import threading

import pytest

from kyojo_desk.gui import prompts
from kyojo_desk.gui.pages.residents_page import ResidentsPage
from kyojo_desk.store import roster_csv
from tests.gui.conftest import on_db

ROWS = 5


@pytest.fixture
def held_import(qtbot, window, desk_context, tmp_path, monkeypatch):
    """Start a roster import on the residents page and hold it on its first row (on the
    database thread) until the test releases it. Returns (asked questions, release)."""
    roster = tmp_path / "roster.csv"
    given = ["はなこ", "さくら", "ゆき", "みどり", "あおい"]
    roster.write_text(
        "氏名,ふりがな\n" + "".join(f"高橋 {g},たかはし {g}\n" for g in given[:ROWS]),
        encoding="utf-8",
    )
    armed, reached, release = threading.Event(), threading.Event(), threading.Event()
    # Counted before the import holds the database thread (the test cannot ask it meanwhile).
    before = on_db(desk_context, lambda store: store.count_residents())
    asked: dict = {"titles": [], "close_answer": None, "before": before}
    original = roster_csv.row_to_values

    def held_row_to_values(values, districts, *more):
        if armed.is_set() and not reached.is_set():
            reached.set()
            release.wait(30)
        return original(values, districts, *more)

    def answer(parent, title, text, yes="", no=""):
        asked["titles"].append(title)
        if title == "名簿の取り込み中です":
            return asked["close_answer"]
        armed.set()  # the trial is done: hold the real import
        return True

    monkeypatch.setattr(roster_csv, "row_to_values", held_row_to_values)
    monkeypatch.setattr(prompts, "choose_open_path", lambda *args: str(roster))
    monkeypatch.setattr(prompts, "ask_yes_no", answer)
    monkeypatch.setattr(prompts, "show_message", lambda *args, **kwargs: None)
    window.show_page(ResidentsPage).import_roster()
    qtbot.waitUntil(reached.is_set, timeout=10000)
    yield asked, release
    release.set()


@pytest.mark.parametrize("cancel", [True, False], ids=["cancel", "wait"])
def test_closing_during_an_import_asks_and_then_closes(
    qtbot, window, desk_context, held_import, cancel
):
    asked, release = held_import
    asked["close_answer"] = cancel
    page = window.page(ResidentsPage)
    window.close()
    assert asked["titles"][-1] == "名簿の取り込み中です"
    assert window.isVisible() and page.import_running()  # the import holds the close
    assert page.import_cancel.is_set() is cancel
    window.close()  # asking again while it ends changes nothing
    assert asked["titles"].count("名簿の取り込み中です") == 1 and window.isVisible()
    release.set()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=10000)
    assert not page.import_running()
    after = on_db(desk_context, lambda store: store.count_residents())
    assert after == (asked["before"] if cancel else asked["before"] + ROWS)
    if cancel:  # rolled back: no resident row, no consent either
        tables = on_db(
            desk_context,
            lambda store: [
                store.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                for table in ("residents", "consents")
            ],
        )
        assert tables == [0, 0]


def test_closing_without_an_import_closes_at_once(qtbot, window, monkeypatch):
    asked = []
    monkeypatch.setattr(prompts, "ask_yes_no", lambda *args, **kwargs: asked.append(args) or True)
    window.close()
    assert not window.isVisible() and asked == []
