"""Positions in 五十音 order stay cheap to keep: placing n residents in any order rewrites and
reads a bounded amount per resident, never an amount that grows with the residents placed."""

from __future__ import annotations

import random

import pytest

SAME_KEYS = ("山田", "太郎", "やまだ", "たろう", "", "")


def keys_for(reading: str) -> tuple[str, str, str, str, str, str]:
    return ("山田", "太郎", reading, "", "", "")


class Work:
    """Rows moved (taken out and put back at a new position) and SQLite steps run (counted
    in thousands through the progress handler), while placing residents."""

    def __init__(self, store) -> None:
        self.store = store
        self.steps = 0
        store.db.execute("CREATE TEMP TABLE moved_rows(n INTEGER)")
        store.db.execute("INSERT INTO moved_rows VALUES (0)")
        store.db.execute(
            "CREATE TEMP TRIGGER count_moved AFTER DELETE ON resident_index"
            " BEGIN UPDATE moved_rows SET n = n + 1; END"
        )

    def place(self, pages: list[list[tuple[str, tuple[str, ...]]]]) -> None:
        from kyojo_desk.store.search import _add

        def step() -> int:
            self.steps += 1
            return 0

        self.store.db.conn.set_progress_handler(step, 1000)
        try:
            for page in pages:
                with self.store.transaction():
                    _add(self.store.db, list(page))
        finally:
            self.store.db.conn.set_progress_handler(None, 0)

    @property
    def moved(self) -> int:
        return self.store.db.execute("SELECT n FROM moved_rows").fetchone()[0]


def in_order(store) -> list[str]:
    return [
        row[0]
        for row in store.db.execute("SELECT resident_id FROM resident_index ORDER BY position")
    ]


def pages_of(items: list, size: int) -> list[list]:
    return [items[start : start + size] for start in range(0, len(items), size)]


def test_many_residents_of_one_reading_appended_page_by_page(store):
    """A 20 000-row import or sync of the same name: each goes at the end of its reading,
    found without reading all the others each time."""
    count = 20_000
    work = Work(store)
    work.place(pages_of([(f"r{i:06d}", SAME_KEYS) for i in range(count)], 500))
    assert work.moved == 0
    # Reading every row of the reading again for each new one costs thousands of steps each.
    assert work.steps < 40 * count / 10
    assert in_order(store) == [f"r{i:06d}" for i in range(count)]


@pytest.mark.parametrize("arrangement", ["reversed", "one spot", "random"])
def test_residents_placed_one_at_a_time_move_few_others(store, arrangement):
    """Each new resident before all the others (reversed order), always into the same spot
    between two neighbours, or anywhere: the others moved to make room stay within a small
    multiple of the residents placed."""
    count = 3_000
    work = Work(store)
    work.place([[("first", keys_for("あ")), ("last", keys_for("ん"))]])
    if arrangement == "reversed":
        readings = [f"い{count - i:06d}" for i in range(count)]
    elif arrangement == "one spot":
        readings = [f"い{i:06d}" for i in range(count)]  # each just before "last"
    else:
        readings = [f"い{i:06d}" for i in random.Random(7).sample(range(count), count)]
    work.place([[(f"r{reading}", keys_for(reading))] for reading in readings])
    assert work.moved < 12 * count
    assert in_order(store) == ["first", *sorted(f"r{r}" for r in readings), "last"]
