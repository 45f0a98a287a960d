"""Hybrid logical clocks: stamps that order edits across desks even when wall clocks drift.

A stamp is the string ``WWWWWWWWWWWWWWW:CCCCC:<desk id>`` (wall milliseconds, counter, desk id),
fixed width so that comparing two stamps as strings compares (wall, counter, desk id). The higher
stamp wins a field; equal wall and counter fall to the desk id.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

WALL_WIDTH = 15
COUNTER_WIDTH = 5


@dataclass(frozen=True, order=True)
class Stamp:
    wall_ms: int
    counter: int
    desk_id: str

    def __str__(self) -> str:
        return f"{self.wall_ms:0{WALL_WIDTH}d}:{self.counter:0{COUNTER_WIDTH}d}:{self.desk_id}"

    @classmethod
    def parse(cls, text: str) -> Stamp:
        wall, counter, desk_id = text.split(":", 2)
        return cls(int(wall), int(counter), desk_id)


class HybridClock:
    """One desk's clock. `now()` gives a new stamp; `observe()` folds in a stamp seen elsewhere."""

    def __init__(
        self,
        desk_id: str,
        wall_ms: int = 0,
        counter: int = 0,
        physical_ms: Callable[[], int] | None = None,
    ) -> None:
        self.desk_id = desk_id
        self.wall_ms = wall_ms
        self.counter = counter
        self._physical_ms = physical_ms or (lambda: time.time_ns() // 1_000_000)

    def now(self) -> Stamp:
        physical = self._physical_ms()
        if physical > self.wall_ms:
            self.wall_ms, self.counter = physical, 0
        else:
            self.counter += 1
        return Stamp(self.wall_ms, self.counter, self.desk_id)

    def observe(self, stamp: Stamp | str) -> None:
        """Move past a remote stamp so that later local edits order after it."""
        if isinstance(stamp, str):
            stamp = Stamp.parse(stamp)
        physical = self._physical_ms()
        latest = max(physical, self.wall_ms, stamp.wall_ms)
        if latest == self.wall_ms == stamp.wall_ms:
            self.counter = max(self.counter, stamp.counter) + 1
        elif latest == self.wall_ms:
            self.counter += 1
        elif latest == stamp.wall_ms:
            self.counter = stamp.counter + 1
        else:
            self.counter = 0
        self.wall_ms = latest
