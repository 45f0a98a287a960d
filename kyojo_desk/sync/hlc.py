"""Hybrid-logical-clock stamps: one 64-bit-safe integer per change.

A stamp is ``wall_ms << 16 | counter``: the wall-clock milliseconds of the edit and a counter
(0..65535) that orders edits made within the same millisecond, or while the wall clock stands
still or runs behind a stamp already seen. Comparing two stamps as integers compares
(wall, counter). Ties between desks are broken by the origin desk id: compare
``(stamp, desk_id)``. A stamp carries no desk id; the server takes the origin from the pushing
desk's token, so a desk can never stamp as another desk.

A full counter never fails: the wall part moves forward by one millisecond with counter 0 (the
standard hybrid-logical-clock rule). At one stamp per microsecond for ~290 years the wall part
still fits in 47 bits, so a stamp stays below 2**63 (a signed 64-bit database integer).
"""

from __future__ import annotations

COUNTER_BITS = 16
COUNTER_MAX = (1 << COUNTER_BITS) - 1
# Largest valid stamp: stamps are stored in signed 64-bit integers (SQLite, PostgreSQL BIGINT).
STAMP_MAX = (1 << 63) - 1
WALL_MAX = STAMP_MAX >> COUNTER_BITS


def make_stamp(wall_ms: int, counter: int = 0) -> int:
    """The stamp of (wall milliseconds, counter); ValueError when out of range."""
    if not 0 <= counter <= COUNTER_MAX:
        raise ValueError(f"counter {counter} outside 0..{COUNTER_MAX}")
    if not 0 <= wall_ms <= WALL_MAX:
        raise ValueError(f"wall time {wall_ms} ms outside 0..{WALL_MAX}")
    return (wall_ms << COUNTER_BITS) | counter


def wall_ms(stamp: int) -> int:
    """The wall-clock milliseconds of a stamp."""
    return stamp >> COUNTER_BITS


def counter(stamp: int) -> int:
    """The counter of a stamp."""
    return stamp & COUNTER_MAX


def is_valid_stamp(value: object) -> bool:
    """True for an int (not a bool) with 0 < value < 2**63."""
    return type(value) is int and 0 < value <= STAMP_MAX


def _after(last: int, floor_ms: int) -> int:
    """The smallest stamp above `last` whose wall part is at least `floor_ms`."""
    if floor_ms > wall_ms(last):
        return make_stamp(min(floor_ms, WALL_MAX), 0)
    # last + 1 is (wall, counter + 1), or (wall + 1, 0) when the counter was full.
    if last >= STAMP_MAX:
        raise OverflowError("stamp space exhausted")
    return last + 1


def next_stamp(last: int, now_ms: int) -> int:
    """A new local stamp after `last` (0 when none yet) at physical time `now_ms`.

    When the wall clock is ahead of `last`, the stamp is (now_ms, 0); otherwise `last`'s wall
    with the counter plus one, moving the wall part forward by 1 ms when the counter is full.
    """
    return _after(last, now_ms)


def receive(last: int, remote: int, now_ms: int) -> int:
    """The clock's new stamp after seeing a `remote` stamp (a pulled change).

    The result is above both `last` and `remote`, so local edits made afterwards order after
    everything the desk has seen.
    """
    return _after(max(last, remote), now_ms)


def from_v1_stamp(text: str) -> tuple[int, str]:
    """(stamp, origin desk id) of a protocol-1 stamp ``WWWWWWWWWWWWWWW:CCCCC:<desk id>``.

    Used by the desk's and the server's migrations alike, so both hold the same stamps. The
    old counter (up to 99 999) is added to the wall part shifted left: order is kept for every
    counter below 65 536, which is every counter ever stored (the old clock failed before).
    ValueError when the text is not such a stamp.
    """
    wall, counter_text, desk_id = text.split(":", 2)
    digits = wall + counter_text
    if not (digits.isascii() and digits.isdigit() and wall and counter_text and desk_id):
        raise ValueError(f"not a protocol-1 stamp: {text!r}")
    stamp = (int(wall) << COUNTER_BITS) + int(counter_text)
    if not is_valid_stamp(stamp):
        raise ValueError(f"protocol-1 stamp out of range: {text!r}")
    return stamp, desk_id
