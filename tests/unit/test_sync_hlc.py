"""Stamps of sync protocol 2: one integer, ordered, never overflowing (kyojo_desk.sync.hlc)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kyojo_desk.sync import hlc

WALLS = st.integers(min_value=0, max_value=hlc.WALL_MAX - 10)
STAMPS = st.builds(hlc.make_stamp, WALLS, st.integers(0, hlc.COUNTER_MAX))


def test_stamp_packs_wall_and_counter() -> None:
    stamp = hlc.make_stamp(1_765_000_000_000, 7)
    assert hlc.wall_ms(stamp) == 1_765_000_000_000
    assert hlc.counter(stamp) == 7
    assert stamp < 2**63


def test_clock_ahead_starts_a_new_millisecond() -> None:
    last = hlc.make_stamp(1000, 5)
    assert hlc.next_stamp(last, 2000) == hlc.make_stamp(2000, 0)


def test_clock_behind_counts_on() -> None:
    last = hlc.make_stamp(1000, 5)
    assert hlc.next_stamp(last, 900) == hlc.make_stamp(1000, 6)


def test_full_counter_moves_the_wall_forward_instead_of_failing() -> None:
    """A desk whose clock stands behind (another desk 3 minutes fast) importing 50 000 rows:
    the counter would pass its limit; the stamps keep rising and stay valid."""
    remote_fast = hlc.make_stamp(1_765_000_180_000, 0)  # seen from a desk 3 minutes ahead
    stamp = hlc.receive(0, remote_fast, now_ms=1_765_000_000_000)
    stamps = [stamp]
    for _ in range(200_000):
        stamp = hlc.next_stamp(stamp, 1_765_000_000_000)
        stamps.append(stamp)
    assert all(b > a for a, b in zip(stamps, stamps[1:], strict=False))
    assert all(hlc.is_valid_stamp(s) for s in stamps)
    assert hlc.wall_ms(stamps[-1]) == 1_765_000_180_000 + 200_001 // (hlc.COUNTER_MAX + 1)
    assert hlc.counter(hlc.make_stamp(5, hlc.COUNTER_MAX) + 1) == 0


@given(STAMPS, WALLS)
def test_next_stamp_is_always_later_and_valid(last: int, now: int) -> None:
    stamp = hlc.next_stamp(last, now)
    assert stamp > last
    assert hlc.is_valid_stamp(stamp)
    assert hlc.wall_ms(stamp) >= now


@given(STAMPS, STAMPS, WALLS)
def test_receive_orders_after_both(last: int, remote: int, now: int) -> None:
    stamp = hlc.receive(last, remote, now)
    assert stamp > last
    assert stamp > remote
    assert hlc.is_valid_stamp(stamp)


@given(st.one_of(st.booleans(), st.floats(), st.text(), st.none(), st.integers()))
def test_is_valid_stamp_accepts_only_positive_64_bit_ints(value: object) -> None:
    expected = type(value) is int and 0 < value < 2**63
    assert hlc.is_valid_stamp(value) is expected


def test_is_valid_stamp_edges() -> None:
    assert hlc.is_valid_stamp(2**63 - 1)
    assert not hlc.is_valid_stamp(2**63)
    assert not hlc.is_valid_stamp(0)
    assert not hlc.is_valid_stamp(True)
    assert not hlc.is_valid_stamp("123")


def test_protocol_1_stamps_convert_in_order() -> None:
    old = [
        "001765000000000:00000:desk-b",
        "001765000000000:00007:desk-a",
        "001765000000001:00000:a",
    ]
    converted = [hlc.from_v1_stamp(text) for text in old]
    assert converted[0] == (hlc.make_stamp(1_765_000_000_000, 0), "desk-b")
    assert converted[1] == (hlc.make_stamp(1_765_000_000_000, 7), "desk-a")
    assert [s for s, _ in converted] == sorted(s for s, _ in converted)
    for bad in ("", "12:34", "x:1:d", "1:x:d", "1:2:", "١٢:1:d"):
        with pytest.raises(ValueError):
            hlc.from_v1_stamp(bad)
