"""Cycle collection paused around bulk work (a roster import, a sync round, a pulled page)."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_pausing = 0  # how many pauses are under way, on any thread
_resume = False  # whether the collector was on when the first of them began


@contextmanager
def paused_garbage_collection() -> Iterator[None]:
    """No cycle collection while bulk work runs. Every row leaves a few dicts and lists that
    live until the work ends, and each pass of the collector walks all of them (with every
    other object the program keeps, the window's included): a fifth of the processor time of a
    10 000-row import, a tenth of a 10 000-row pull, and a full pass now and then of some
    30 ms in the middle of a sync round. The work makes no garbage cycles worth collecting
    meanwhile; the collector runs as usual afterwards.

    The collector is one for the whole process, so pauses are counted: a sync round on one
    thread and an import on another each keep it paused until the last of them ends, and it
    is switched back on only if it was on when the first began."""
    global _pausing, _resume
    with _lock:
        if _pausing == 0:
            _resume = gc.isenabled()
            gc.disable()
        _pausing += 1
    try:
        yield
    finally:
        with _lock:
            _pausing -= 1
            if _pausing == 0 and _resume:
                gc.enable()
