"""Record ids made on the desk, so nothing waits for the server."""

from __future__ import annotations

import os
import threading
import time
import uuid

# A fixed namespace for ids derived from other ids (attendance = event + resident).
KYOJO_NAMESPACE = uuid.UUID("6b796f6a-6f2d-4465-736b-000000000001")

_lock = threading.Lock()
_last_ms = 0
_counter = 0


def uuid7() -> str:
    """A time-ordered UUIDv7 string (RFC 9562), monotonic within this process."""
    global _last_ms, _counter
    with _lock:
        now_ms = time.time_ns() // 1_000_000
        if now_ms <= _last_ms:
            _counter += 1
            if _counter >= 1 << 12:
                _last_ms += 1
                _counter = 0
            now_ms = _last_ms
        else:
            _last_ms = now_ms
            _counter = int.from_bytes(os.urandom(2), "big") & 0x3FF
        counter = _counter
    random_tail = int.from_bytes(os.urandom(8), "big") & ((1 << 62) - 1)
    value = (now_ms & ((1 << 48) - 1)) << 80
    value |= 0x7 << 76
    value |= counter << 64
    value |= 0b10 << 62
    value |= random_tail
    return str(uuid.UUID(int=value))


def uuid7_many(count: int) -> list[str]:
    """`count` UUIDv7 strings at once (a roster import), the same as `count` calls of `uuid7`:
    time-ordered and monotonic, but with one clock reading and one read of random bytes."""
    global _last_ms, _counter
    if count <= 0:
        return []
    randomness = os.urandom(8 * count + 2)
    made: list[str] = []
    with _lock:
        now_ms = time.time_ns() // 1_000_000
        if now_ms <= _last_ms:
            now_ms = _last_ms
        else:
            _last_ms = now_ms
            _counter = int.from_bytes(randomness[-2:], "big") & 0x3FF
            _counter -= 1  # the first id below takes this counter itself
        for index in range(count):
            _counter += 1
            if _counter >= 1 << 12:
                _last_ms += 1
                _counter = 0
            value = (_last_ms & ((1 << 48) - 1)) << 80 | 0x7 << 76 | _counter << 64 | 0b10 << 62
            value |= int.from_bytes(randomness[8 * index : 8 * index + 8], "big") & ((1 << 62) - 1)
            digits = f"{value:032x}"
            made.append(
                f"{digits[:8]}-{digits[8:12]}-{digits[12:16]}-{digits[16:20]}-{digits[20:]}"
            )
    return made


def derived_id(*parts: str) -> str:
    """A UUIDv5 made from other ids: the same parts always give the same id on every desk."""
    return str(uuid.uuid5(KYOJO_NAMESPACE, ":".join(parts)))
