"""Pausing the cycle collector around bulk work: counted across threads, always given back."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator

import pytest

from kyojo_desk.store.garbage import paused_garbage_collection


@pytest.fixture(autouse=True)
def collector_on() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.enable()
    yield
    if was_enabled:
        gc.enable()
    else:
        gc.disable()


def test_the_collector_is_off_inside_and_on_again_after():
    with paused_garbage_collection():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_it_is_on_again_after_the_work_fails():
    with pytest.raises(RuntimeError), paused_garbage_collection():
        raise RuntimeError("the work failed")
    assert gc.isenabled()


def test_nested_pauses_give_it_back_only_at_the_outermost_end():
    with paused_garbage_collection():
        with paused_garbage_collection():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the outer work still runs
    assert gc.isenabled()


def test_a_collector_that_was_off_stays_off():
    gc.disable()
    with paused_garbage_collection():
        assert not gc.isenabled()
    assert not gc.isenabled()


def test_pauses_on_two_threads_that_end_out_of_order():
    """A sync round on one thread and an import on another: the first to end does not switch
    the collector back on under the other."""
    first_began, second_began = threading.Event(), threading.Event()
    first_may_end, second_may_end = threading.Event(), threading.Event()
    seen: dict[str, bool] = {}

    def first() -> None:
        with paused_garbage_collection():
            first_began.set()
            first_may_end.wait(10)
        seen["after the first ended"] = gc.isenabled()
        second_may_end.set()

    def second() -> None:
        first_began.wait(10)
        with paused_garbage_collection():
            second_began.set()
            second_may_end.wait(10)
            seen["inside the second, after the first ended"] = gc.isenabled()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    second_began.wait(10)
    first_may_end.set()
    for thread in threads:
        thread.join(10)
    assert seen == {
        "after the first ended": False,
        "inside the second, after the first ended": False,
    }
    assert gc.isenabled()
