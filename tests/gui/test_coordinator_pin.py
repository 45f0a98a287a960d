"""Coordinator actions need the PIN: set on first use, asked once per session, back-off."""

from __future__ import annotations

import pytest

from kyojo_desk.errors import ValidationError
from kyojo_desk.gui.pages.residents_page import ResidentsPage
from kyojo_desk.gui.roles import require_coordinator
from kyojo_desk.security import pin as pins
from tests.gui.conftest import on_db, wait_idle


def test_first_coordinator_action_sets_the_pin_then_the_session_is_unlocked(
    window, desk_context, coordinator_pin
):
    page = window.page(ResidentsPage)
    assert require_coordinator(page, "名簿の書き出し")
    assert coordinator_pin["calls"][0]["setting"] is True
    assert "名簿の書き出し" in coordinator_pin["calls"][0]["reason"]
    assert on_db(desk_context, pins.has_pin)
    assert desk_context.user.coordinator
    assert require_coordinator(page)  # no second question in the same session
    assert len(coordinator_pin["calls"]) == 1


def test_wrong_pin_is_asked_again_and_cancel_refuses(window, desk_context, coordinator_pin):
    on_db(desk_context, lambda store: pins.set_pin(store, "1357"))
    coordinator_pin["answers"] = ["0000", None]
    page = window.page(ResidentsPage)
    assert not require_coordinator(page, "同じ人をまとめる")
    assert coordinator_pin["calls"][1]["error"] == "PINがちがいます。"
    assert not desk_context.user.coordinator
    coordinator_pin["answers"] = ["1357"]
    assert require_coordinator(page)


def test_merge_is_not_done_without_the_pin(
    qtbot, window, desk_context, coordinator_pin, monkeypatch
):
    from tests.conftest import consent

    for given in ("一", "二"):
        on_db(
            desk_context,
            lambda store, g=given: store.register_resident(
                {
                    "family_name": "山田",
                    "given_name": g,
                    "family_reading": "やまだ",
                    "given_reading": "はじめ",
                },
                consent(),
                allow_duplicate=True,
            ),
        )
    on_db(desk_context, lambda store: pins.set_pin(store, "1357"))
    coordinator_pin["answers"] = [None]
    page = window.page(ResidentsPage)
    page.search_box.setText("やまだ")
    wait_idle(qtbot, desk_context)
    page.table.selectAll()
    assert len(page._selected()) == 2
    page._merge_selected()
    assert len(coordinator_pin["calls"]) == 1  # asked, and cancelled
    assert on_db(desk_context, lambda store: store.count_residents()) == 2


def test_back_off_after_three_wrong_pins_survives_reopening(store):
    clock = [1000.0]
    pins.set_pin(store, "2468")
    for _ in range(3):
        assert not pins.check_pin(store, "1111", now=lambda: clock[0])
    with pytest.raises(pins.PinLockedOut) as locked:
        pins.check_pin(store, "2468", now=lambda: clock[0])
    assert 0 < locked.value.seconds <= 31
    clock[0] += 31
    assert not pins.check_pin(store, "1111", now=lambda: clock[0])  # fourth mistake: 60 s
    with pytest.raises(pins.PinLockedOut) as longer:
        pins.check_pin(store, "2468", now=lambda: clock[0] + 31)
    assert longer.value.seconds > 25
    clock[0] += 61
    assert pins.check_pin(store, "2468", now=lambda: clock[0])
    assert store.get_meta("pin_failures") == "0"


def test_pin_is_stored_as_a_slow_salted_hash(store):
    pins.set_pin(store, "2468")
    stored = store.get_meta("coordinator_pin")
    assert "2468" not in stored and stored.startswith("scrypt$")
    with pytest.raises(ValidationError):
        pins.set_pin(store, "12ab")
