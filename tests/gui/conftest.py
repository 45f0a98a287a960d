"""GUI fixtures: a real DeskContext (database thread, settings) over a tmp data directory."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kyojo_desk.gui.app import create_context, create_window
from kyojo_desk.gui.context import DeskContext
from kyojo_desk.store.districts import District
from tests.conftest import UENOHARA_DISTRICTS


@pytest.fixture
def desk_context(qapp, data_dir: Path) -> Iterator[DeskContext]:
    """A DeskContext whose Store (on its own thread) has Uenohara's districts."""
    context = create_context(data_dir)
    context.taskman.run_on_db_now(
        lambda store: store.replace_districts(
            [District(d.code, d.name, d.reading) for d in UENOHARA_DISTRICTS]
        )
    )
    yield context
    context.taskman.shutdown()


@pytest.fixture
def window(qtbot, desk_context: DeskContext):
    """The main window over `desk_context`, shown offscreen."""
    main_window = create_window(desk_context)
    qtbot.addWidget(main_window)
    main_window.resize(1280, 800)
    main_window.show()
    wait_idle(qtbot, desk_context)
    # A test may leave a page's form typed into; closing at teardown (pytest-qt closes the
    # window before fixtures end) must not ask. Tests of that question remove this override.
    main_window._unsaved_input_holds_the_close = lambda: False
    return main_window


def wait_idle(qtbot, context: DeskContext, timeout: int = 5000) -> None:
    """Wait until every background operation has finished and delivered its result."""
    qtbot.waitUntil(lambda: context.taskman.idle, timeout=timeout)
    qtbot.wait(10)
    qtbot.waitUntil(lambda: context.taskman.idle, timeout=timeout)


def on_db(context: DeskContext, work):
    """Run `work(store)` on the database thread and return its result (assertions on the Store)."""
    return context.taskman.run_on_db_now(work)


def reception_with_event(qtbot, window, context: DeskContext, title: str, start: str = "10:00"):
    """The reception page with a new event of today (`title`, starting at `start`) chosen;
    returns the page and the event."""
    import datetime as dt

    from kyojo_desk.gui.pages.reception_page import ReceptionPage

    event = on_db(
        context,
        lambda store: store.create_event(
            {"title": title, "starts_at": f"{dt.date.today()}T{start}"}
        ),
    )
    page = window.show_page(ReceptionPage)
    page.load_events()
    wait_idle(qtbot, context)
    return page, event


def type_text(qtbot, widget, text: str) -> None:
    """Type `text` into a widget as key presses, one character at a time.

    QTest.keyClicks aborts the process on characters outside Latin-1 (qasciikey.cpp), so
    Japanese text is sent as real QKeyEvents carrying the character — what a widget receives when
    an IME commits a character or a scanner types one.
    """
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    widget.setFocus()
    for character in text:
        if character.isascii() and character.isprintable():
            qtbot.keyClick(widget, character)
            continue
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(
                widget,
                QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, character),
            )


@pytest.fixture(autouse=True)
def coordinator_pin(monkeypatch):
    """Coordinator actions ask for the PIN through roles.ask_pin: answer 2580 (set, then typed).

    A test that checks the PIN itself replaces `answers` with its own sequence.
    """
    from kyojo_desk.gui import roles

    asked: dict = {"answers": None, "calls": []}

    def answer(parent, *, setting, reason, error=""):
        asked["calls"].append({"setting": setting, "reason": reason, "error": error})
        if asked["answers"] is not None:
            return asked["answers"].pop(0)
        return "2580"

    monkeypatch.setattr(roles, "ask_pin", answer)
    return asked


@pytest.fixture(autouse=True)
def no_unanswered_questions(monkeypatch):
    """A message box that a test did not answer (through gui.prompts) fails the test at once,
    instead of waiting forever for a click that never comes."""
    from PySide6.QtWidgets import QMessageBox

    def unanswered(box, *args):
        pytest.fail(f"an unanswered message box: {box.windowTitle()!r} {box.text()[:80]!r}")

    monkeypatch.setattr(QMessageBox, "exec", unanswered)
