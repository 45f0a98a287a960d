"""Record ids: UUIDv7 made one at a time or many at once, always rising."""

from __future__ import annotations

import uuid

from kyojo_desk.ids import uuid7, uuid7_many


def test_ids_made_many_at_once_are_version_7_unique_and_in_order_with_single_ones():
    before = [uuid7() for _ in range(3)]
    many = uuid7_many(6000)  # more than the 4 096 counter values of one millisecond
    after = [uuid7() for _ in range(3)]
    every = before + many + after
    assert every == sorted(every) and len(set(every)) == len(every)
    for text in many:
        parsed = uuid.UUID(text)
        assert str(parsed) == text and parsed.version == 7 and parsed.variant == uuid.RFC_4122
    assert uuid7_many(0) == []
