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


def pulled_page(first_seq: int, people: list[tuple[str, dict]], has_more: bool = True):
    """A pull page creating or changing residents (row id, fields), from another desk."""
    import time

    from kyojo_desk.sync import hlc, protocol

    stamp = hlc.make_stamp(time.time_ns() // 1_000_000 + 1000)
    entries = [
        protocol.PulledEntry(
            server_seq=first_seq + n,
            kind=protocol.KIND_CHANGE,
            table="residents",
            row_id=row_id,
            desk_id="01a25000-0000-7000-8000-00000000beef",
            fields=fields,
            stamp=stamp + n,
        )
        for n, (row_id, fields) in enumerate(people)
    ]
    return protocol.PullPage(
        epoch="e1", entries=entries, next_since=first_seq + len(people), has_more=has_more
    )


def index_rows(store) -> list[tuple]:
    return list(
        store.db.execute(
            "SELECT position, resident_id, family_name_key, given_name_key, family_reading_key,"
            " given_reading_key FROM resident_index ORDER BY position"
        )
    )


def pull_with_interruptions(store, data_dir) -> list[tuple]:
    """Pages of residents of few readings (so they interleave and tie), between them a
    renamed resident (taken out and placed again), a resident registered at this desk, a page
    that fails and is rolled back then applied again, and a resident written by another
    connection to the same file; returns the index in position order."""
    from kyojo_desk.ids import uuid7
    from kyojo_desk.store import Store
    from tests.conftest import consent

    rng = random.Random(11)

    def person() -> tuple[str, dict]:
        reading = "".join(rng.choice("あいうか") for _ in range(rng.randint(1, 3)))
        return uuid7(), {
            "family_name": f"山{rng.randint(0, 30)}",
            "given_name": "花",
            "family_reading": reading,
            "given_reading": "はな",
        }

    seq = 1
    first = [person() for _ in range(40)]
    store.apply_pull_page(pulled_page(seq, first))
    seq += 100
    renamed = (first[0][0], {"family_reading": "んん", "family_name": "末"})
    store.apply_pull_page(pulled_page(seq, [person() for _ in range(40)] + [renamed]))
    seq += 100
    store.register_resident(
        {
            "family_name": "林",
            "given_name": "一",
            "family_reading": "はやし",
            "given_reading": "いち",
        },
        consent(),
        allow_duplicate=True,
    )
    store.apply_pull_page(pulled_page(seq, [person() for _ in range(40)]))
    seq += 100
    failing = pulled_page(seq, [person() for _ in range(40)])

    def broken(_store, _ids) -> None:
        raise RuntimeError("stopped after the index was written")

    Store.after_write["residents"].append(broken)
    try:
        with pytest.raises(RuntimeError):
            store.apply_pull_page(failing)
    finally:
        Store.after_write["residents"].remove(broken)
    store.apply_pull_page(failing)
    seq += 100
    other = Store.open(data_dir / "kyojo.db")
    try:
        other.register_resident(
            {
                "family_name": "森",
                "given_name": "二",
                "family_reading": "あ",
                "given_reading": "に",
            },
            consent(),
            allow_duplicate=True,
        )
    finally:
        other.close()
    store.apply_pull_page(pulled_page(seq, [person() for _ in range(40)]))
    seq += 100
    store.apply_pull_page(pulled_page(seq, [person() for _ in range(40)], has_more=False))
    return index_rows(store)


def test_the_order_kept_between_pages_places_everyone_as_reading_it_again_would(
    store, data_dir, monkeypatch
):
    """Pages placed with the order kept from the page before give the same positions as
    pages that read the whole order each time, through a rename, a local registration, a
    rolled-back page and a write by another connection; and the kept order is used."""
    from kyojo_desk.store.search import _OrderMemo

    used: list[bool] = []
    recall = _OrderMemo.recall.__func__

    def noting(cls, db):
        memo = recall(cls, db)
        used.append(memo is not None)
        return memo

    monkeypatch.setattr(_OrderMemo, "recall", classmethod(noting))
    kept = pull_with_interruptions(store, data_dir)
    # Not kept yet; forgotten by the rename and by the local registration; used for the page
    # that fails; refused after its rollback and after the other connection's write; used.
    assert used == [False, False, False, True, False, False, True]
    orders = [(row[4] + row[5], row[2] + row[3]) for row in kept]
    assert orders == sorted(orders)
    assert len(kept) == 40 * 6 + 2
    assert [row[0] for row in kept] == sorted({row[0] for row in kept})

    reread_dir = data_dir.parent / "reread"
    reread_dir.mkdir()
    monkeypatch.setattr(_OrderMemo, "recall", classmethod(lambda cls, db: None))
    from kyojo_desk.store import Store

    reread = Store.open(reread_dir / "kyojo.db")
    try:
        placed_again = pull_with_interruptions(reread, reread_dir)
    finally:
        reread.close()
    assert [(row[0], *row[2:]) for row in placed_again] == [(row[0], *row[2:]) for row in kept]


def test_a_rebuild_places_everyone_afresh_whatever_order_was_kept(store):
    """`rebuild` empties the index and places everyone again: an order kept from before must
    not be merged with (its residents are no longer there)."""
    from kyojo_desk.store.search import _add, forget_order, rebuild

    readings = [f"か{i:03d}" for i in range(60)]
    people = [(f"r{reading}", keys_for(reading)) for reading in readings]
    with store.transaction():
        _add(store.db, list(people))  # keeps the order for a next merge
    store.db.conn.executemany(
        "INSERT INTO residents (id, family_name, given_name, family_reading) VALUES (?, ?, ?, ?)",
        [(row_id, "山田", "太郎", keys[2]) for row_id, keys in people],
    )
    with store.transaction():
        rebuild(store.db)
    after_kept = index_rows(store)
    forget_order(store.db)
    with store.transaction():
        rebuild(store.db)
    assert index_rows(store) == after_kept
    assert [row[1] for row in after_kept] == [row_id for row_id, _ in people]


def test_a_large_page_into_a_large_registry_is_merged_in_the_order_one_by_one_would_give(
    store, data_dir, monkeypatch
):
    """A page of MERGE_ALWAYS or more new residents is merged into the whole order however
    many residents there are (one by one, each costs index searches and often moves some
    neighbours); the residents stand in the order placing them one by one gives, ties
    included, and few others are moved."""
    from kyojo_desk.store import Store, search
    from kyojo_desk.store.search import MERGE_ALWAYS, _add, forget_order

    rng = random.Random(2)
    registry = [
        (f"r{i:05d}", keys_for("".join(rng.choices("あいうえお", k=3)))) for i in range(9000)
    ]
    page = [
        (f"n{i:05d}", keys_for("".join(rng.choices("あいうえお", k=3))))
        for i in range(MERGE_ALWAYS + 20)
    ]
    assert len(page) * 32 < len(registry)  # not merged for its size alone

    def placed(target, merge_always: int) -> tuple[list[str], int]:
        monkeypatch.setattr(search, "MERGE_ALWAYS", merge_always)
        with target.transaction():
            _add(target.db, list(registry))
        forget_order(target.db)
        work = Work(target)
        work.place([page])
        return in_order(target), work.moved

    merged, moved = placed(store, MERGE_ALWAYS)
    other = Store.open(data_dir / "one_by_one.db")
    try:
        one_by_one, _ = placed(other, 10**9)
    finally:
        other.close()
    assert merged == one_by_one
    assert moved < 4 * len(page)
