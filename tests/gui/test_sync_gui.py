"""Sync in the window: the status bar, 「今すぐ同期」, background rounds, the conflicts page.

A real central server runs on 127.0.0.1 (SQLite storage); the window's desk and a second desk
are enrolled with it like any desk.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from kyojo_desk.central.server import BackgroundServer
from kyojo_desk.central.storage import open_storage
from kyojo_desk.gui import prompts
from kyojo_desk.gui.models.conflict_table_model import (
    COL_ASIDE_FIELD,
    COL_ASIDE_RECORD,
    COL_KEPT,
    COL_KIND,
    COL_OTHER,
    COL_REASON,
    COL_RECORD,
)
from kyojo_desk.gui.ops import sync as sync_ops
from kyojo_desk.gui.pages.conflicts_page import ConflictsPage
from kyojo_desk.gui.taskman import TaskManager
from kyojo_desk.records.resident import Consent
from kyojo_desk.store import Store
from kyojo_desk.sync.engine import enroll, sync_once
from tests.gui.conftest import on_db, wait_idle
from tests.sync.conftest import after_this_millisecond


@pytest.fixture
def server(tmp_path: Path) -> Iterator[BackgroundServer]:
    storage = open_storage(f"sqlite:///{tmp_path / 'central.db'}")
    running = BackgroundServer(storage).start()
    yield running
    running.stop()
    storage.close()


@pytest.fixture
def other_desk(server: BackgroundServer, tmp_path: Path) -> Iterator[Store]:
    (tmp_path / "other").mkdir()
    store = Store.open(tmp_path / "other" / "kyojo.db")
    enroll(store, server.url, server.storage.create_enroll_code("公民館 2"))
    yield store
    store.close()


@pytest.fixture
def shown_messages(monkeypatch) -> list[tuple[str, str]]:
    messages: list[tuple[str, str]] = []
    monkeypatch.setattr(
        prompts,
        "show_message",
        lambda parent, title, text, icon=None: messages.append((title, text)),
    )
    return messages


def enroll_window_desk(qtbot, window, server) -> None:
    code = server.storage.create_enroll_code("公民館 受付")
    on_db(window.desk_context, lambda store: enroll(store, server.url, code))
    window.sync_status.refresh()
    wait_idle(qtbot, window.desk_context)


def register(store: Store, **values) -> str:
    base = {
        "family_name": "山田",
        "given_name": "花子",
        "family_reading": "やまだ",
        "given_reading": "はなこ",
    }
    base.update(values)
    consent = Consent(
        scopes=["keep_record", "share_with_city"], method="verbal", witnessed_by="受付"
    )
    return store.register_resident(base, consent, allow_duplicate=True).id


def test_status_bar_says_when_the_desk_is_not_enrolled(window):
    bar = window.sync_status
    assert "まだ市のサーバーにつながっていません" in bar.status_label.text()
    assert not bar.sync_button.isEnabled()


def test_sync_now_sends_changes_and_shows_the_time_and_queue(qtbot, window, server):
    context = window.desk_context
    enroll_window_desk(qtbot, window, server)
    resident_id = on_db(context, lambda store: register(store))
    wait_idle(qtbot, context)
    bar = window.sync_status
    waiting = on_db(context, lambda store: store.pending_changes())
    context.announce("residents")
    wait_idle(qtbot, context)
    assert f"送信待ち {waiting}件" in bar.status_label.text()
    assert "まだ同期していません" in bar.status_label.text()
    qtbot.mouseClick(bar.sync_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, context)
    assert "最終同期" in bar.status_label.text() and "送信待ち 0件" in bar.status_label.text()
    assert on_db(context, lambda store: store.pending_changes()) == 0
    assert resident_id in server.storage.rows("default", "residents")
    assert bar.sync_button.isEnabled() and bar.sync_button.text() == "今すぐ同期"


def test_failed_sync_is_never_shown_as_success(qtbot, window, server, shown_messages):
    context = window.desk_context
    enroll_window_desk(qtbot, window, server)
    bar = window.sync_status
    qtbot.mouseClick(bar.sync_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, context)
    last = on_db(context, lambda store: store.last_sync_at())
    on_db(context, lambda store: register(store))
    server.stop()
    qtbot.mouseClick(bar.sync_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, context, timeout=60000)
    text = bar.status_label.text()
    assert text.startswith("同期できませんでした：サーバーにつながりません")
    assert "送信待ち 0件" not in text
    assert bar.status_label.property("role") == "error"
    assert on_db(context, lambda store: store.last_sync_at()) == last
    assert shown_messages and "サーバーにつながりません" in shown_messages[0][1]


def test_background_sync_runs_on_the_timer_without_a_dialog(
    qtbot, window, server, other_desk, shown_messages
):
    context = window.desk_context
    enroll_window_desk(qtbot, window, server)
    bar = window.sync_status
    assert bar.timer.isActive() and bar.timer.interval() == 5 * 60 * 1000
    resident_id = register(other_desk, family_name="遠藤", family_reading="えんどう")
    sync_once(other_desk)
    bar.timer.timeout.emit()
    wait_idle(qtbot, context)
    assert (
        on_db(context, lambda store: store.get_row("residents", resident_id))["family_name"]
        == "遠藤"
    )
    assert "最終同期" in bar.status_label.text()
    # The residents page heard about the pulled rows like about any change.
    page = window.pages[0]
    page.search_box.setText("えんどう")
    wait_idle(qtbot, context)
    assert page.model.rowCount() == 1
    server.stop()
    bar.timer.timeout.emit()
    wait_idle(qtbot, context, timeout=60000)
    assert bar.status_label.text().startswith("同期できませんでした")
    assert shown_messages == []  # a background round does not interrupt with a dialog


def test_conflicts_page_lists_both_values_and_takes_the_other(qtbot, window, server, other_desk):
    context = window.desk_context
    enroll_window_desk(qtbot, window, server)
    resident_id = register(other_desk, phone="0554-00-0000")
    sync_once(other_desk)
    window.sync_status.sync(manual=True)
    wait_idle(qtbot, context)
    on_db(context, lambda store: store.update_resident(resident_id, {"phone": "0554-11-1111"}))
    after_this_millisecond()
    other_desk.update_resident(resident_id, {"phone": "0554-22-2222"})  # later: it wins
    sync_once(other_desk)
    window.sync_status.sync(manual=True)
    wait_idle(qtbot, context)
    page = window.show_page(ConflictsPage)
    wait_idle(qtbot, context)
    model = page.model
    assert model.rowCount() == 1
    assert model.data(model.index(0, COL_RECORD)) == "山田 花子"
    assert model.data(model.index(0, COL_KEPT)) == "0554-22-2222"
    assert model.data(model.index(0, COL_OTHER)) == "0554-11-1111"
    assert "要確認 1件" in window.sync_status.status_label.text()
    qtbot.mouseClick(page.take_other_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, context)
    assert model.rowCount() == 0
    assert "食い違いはありません" in page.summary.text()
    assert on_db(context, lambda store: store.get_resident(resident_id).phone) == "0554-11-1111"
    assert on_db(context, lambda store: store.list_conflicts()) == []
    window.sync_status.sync(manual=True)
    wait_idle(qtbot, context)
    sync_once(other_desk)
    assert other_desk.get_resident(resident_id).phone == "0554-11-1111"


def test_a_refused_change_stays_in_the_status_bar_and_on_the_conflicts_page(qtbot, window, server):
    context = window.desk_context
    enroll_window_desk(qtbot, window, server)
    resident_id = on_db(context, lambda store: register(store))
    # Longer than a note may be (4 000 characters): the server refuses this change alone.
    on_db(context, lambda store: store.update_resident(resident_id, {"notes": "長" * 5_000}))
    window.sync_status.sync(manual=True)
    wait_idle(qtbot, context)
    assert "送れなかった変更 1件" in window.sync_status.status_label.text()
    assert "送信待ち 0件" in window.sync_status.status_label.text()
    page = window.show_page(ConflictsPage)
    wait_idle(qtbot, context)
    aside = page.aside_model
    assert aside.rowCount() == 1
    assert aside.data(aside.index(0, COL_KIND)) == "送れなかった変更"
    assert aside.data(aside.index(0, COL_ASIDE_RECORD)) == "山田 花子"
    assert aside.data(aside.index(0, COL_ASIDE_FIELD)) == "メモ"
    assert aside.data(aside.index(0, COL_REASON)) == "値の形が決まりに合いません"
    page.aside_table.selectRow(0)
    qtbot.mouseClick(page.discard_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, context)
    assert aside.rowCount() == 0
    assert on_db(context, lambda store: store.rejections()) == []
    assert "送れなかった変更" not in window.sync_status.status_label.text()


def test_a_sync_round_gets_the_desks_stopping_signal(qtbot, window):
    """The round is handed the task manager's `stopping` (the round's side of it is tested
    in tests/sync/test_sync_faults.py)."""
    context = window.desk_context
    seen: list[object] = []
    sync_ops.sync_now(
        parent=window, sync_round=lambda store, stop: seen.append(stop)
    ).run_in_background()
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    wait_idle(qtbot, context)
    assert seen == [context.taskman.stopping] and not context.taskman.stopping.is_set()


def test_closing_the_desk_tells_work_on_the_pool_to_stop_before_waiting_for_it(qapp, tmp_path):
    """A round waiting on a slow or busy server ends as soon as the desk closes, instead of
    holding the closing window until the network gives up."""
    taskman = TaskManager(lambda: None)
    seen: list[bool] = []
    nothing = lambda _: None  # noqa: E731
    taskman.run_in_pool(lambda: seen.append(taskman.stopping.wait(30)), nothing, nothing)
    taskman.shutdown()
    assert seen == [True]
