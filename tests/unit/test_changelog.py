"""The change log: every synced write is logged in the same transaction, or nothing is."""

from __future__ import annotations

import json
import sqlite3

import pytest

from kyojo_desk.errors import ValidationError
from kyojo_desk.store import Store
from tests.conftest import consent

VALUES = {
    "family_name": "高橋",
    "given_name": "花子",
    "family_reading": "たかはし",
    "given_reading": "はなこ",
}


def counts(store: Store) -> tuple[int, int]:
    rows = store.db.execute("SELECT count(*) FROM residents").fetchone()[0]
    log = store.db.execute("SELECT count(*) FROM outbox WHERE table_name = 'residents'").fetchone()[
        0
    ]
    return rows, log


def test_successful_registration_leaves_row_and_log_entry(store):
    # Shared with the city, so the whole record is sent (a person who is not is sent as a stub).
    resident = store.register_resident(VALUES, consent(shared=True))
    assert counts(store) == (1, 1)
    stamp, fields = store.db.execute(
        "SELECT stamp, fields FROM outbox WHERE table_name = 'residents' AND row_id = ?",
        [resident.id],
    ).fetchone()
    assert fields is None  # a creation: every field, read from the row when sent
    [change] = [c for c in store.outbox_after(0, 10) if c.table == "residents"]
    assert change.fields["family_name"] == "高橋"
    assert change.stamp == stamp and change.created and change.stamps == {}
    row = store.db.execute(
        "SELECT sync_stamp, sync_origin, sync_stamps FROM residents WHERE id = ?", [resident.id]
    ).fetchone()
    assert row == (stamp, 0, None)  # one stamp for the whole row, made here


def test_failure_inside_the_write_leaves_neither_row_nor_log(store, monkeypatch):
    def broken_index(store_, resident_id):
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setitem(Store.after_write, "residents", [broken_index])
    before = store.changelog.next_seq()
    before_clock = store.get_meta("hlc_last")
    with pytest.raises(sqlite3.OperationalError):
        store.register_resident(VALUES, consent())
    assert counts(store) == (0, 0)
    assert store.db.execute("SELECT count(*) FROM consents").fetchone()[0] == 0
    assert store.changelog.next_seq() == before
    assert store.get_meta("hlc_last") == before_clock


def test_failed_consent_write_rolls_back_the_resident_too(store, monkeypatch):
    original = Store.write

    def fail_on_consent(self, table, row_id, values):
        if table == "consents":
            raise sqlite3.IntegrityError("constraint failed")
        return original(self, table, row_id, values)

    monkeypatch.setattr(Store, "write", fail_on_consent)
    with pytest.raises(sqlite3.IntegrityError):
        store.register_resident(VALUES, consent())
    assert counts(store) == (0, 0)


def test_invalid_input_writes_nothing(store):
    before = store.changelog.next_seq()
    with pytest.raises(ValidationError):
        store.register_resident({**VALUES, "family_reading": "takahashi"}, consent())
    assert counts(store) == (0, 0)
    assert store.changelog.next_seq() == before


def test_seq_rises_by_one_per_write_and_only_changed_fields_are_logged(store, make_resident):
    resident = make_resident()
    first = store.changelog.next_seq()
    store.update_resident(
        resident.id, {"phone": "0554-62-1111", "family_name": resident.family_name}
    )
    assert store.changelog.next_seq() == first + 1
    (fields,) = store.db.execute("SELECT fields FROM outbox WHERE seq = ?", [first]).fetchone()
    assert set(json.loads(fields)) == {"phone"}
    store.update_resident(resident.id, {"phone": "0554-62-1111"})  # no change: no entry
    assert store.changelog.next_seq() == first + 1


def test_bulk_creation_logs_like_single_writes(store):
    from kyojo_desk.records.resident import clean_resident_fields

    ids = store.insert_residents([(clean_resident_fields(VALUES), consent()) for _ in range(3)])
    seqs = [r[0] for r in store.db.execute("SELECT seq FROM outbox ORDER BY seq")]
    assert seqs == list(range(1, len(seqs) + 1))
    for resident_id in ids:
        assert (
            store.db.execute(
                "SELECT count(*) FROM outbox WHERE row_id = ? AND created = 1", [resident_id]
            ).fetchone()[0]
            == 1
        )
    assert len(store.search_residents("たかはし")) == 3


def test_rows_created_in_bulk_are_stored_as_single_writes_store_them(store):
    """create_rows encodes values as `write` does: each row's own list as JSON (no row gets
    another's), a missing list as [], flags as 0/1, every row its own rising stamp."""
    needs = [["wheelchair"], [], None, ["hearing", "wheelchair"], ["wheelchair"]]
    rows = [
        (
            f"bulk-{n}",
            {"family_name": "高橋", "support_needs": need, "needs_completion": n % 2 == 0},
        )
        for n, need in enumerate(needs)
    ]
    store.create_rows("residents", rows)
    for n, need in enumerate(needs):
        store.write(
            "residents",
            f"single-{n}",
            {"family_name": "高橋", "support_needs": need, "needs_completion": n % 2 == 0},
        )
    columns = "family_name, support_needs, needs_completion, deleted, sync_origin"
    for n in range(len(needs)):
        bulk, single = (
            store.db.execute(
                f"SELECT {columns} FROM residents WHERE id = ?", [f"{kind}-{n}"]
            ).fetchone()
            for kind in ("bulk", "single")
        )
        assert bulk == single
    assert [
        json.loads(r[0])
        for r in store.db.execute(
            "SELECT support_needs FROM residents WHERE id LIKE 'bulk-%' ORDER BY id"
        )
    ] == [["wheelchair"], [], [], ["hearing", "wheelchair"], ["wheelchair"]]
    stamps = [
        r[0]
        for r in store.db.execute(
            "SELECT sync_stamp FROM residents WHERE id LIKE 'bulk-%' ORDER BY id"
        )
    ]
    assert stamps == sorted(set(stamps))
    logged = store.db.execute(
        "SELECT row_id, stamp FROM outbox WHERE row_id LIKE 'bulk-%' ORDER BY seq"
    ).fetchall()
    assert logged == [(f"bulk-{n}", stamp) for n, stamp in enumerate(stamps)]
    with pytest.raises(ValueError, match="same fields"):
        store.create_rows(
            "residents", [("x-1", {"family_name": "a"}), ("x-2", {"given_name": "b"})]
        )


def test_desk_id_is_made_once_and_kept(data_dir):
    path = data_dir / "desk.db"
    with Store.open(path) as first:
        desk_id = first.desk_id
    with Store.open(path) as again:
        assert again.desk_id == desk_id
    with Store.open(data_dir / "other.db") as other:
        assert other.desk_id != desk_id


def test_clock_survives_reopening(data_dir):
    path = data_dir / "desk.db"
    with Store.open(path) as store:
        store.register_resident(VALUES, consent())
        last = store.db.execute("SELECT max(stamp) FROM outbox").fetchone()[0]
    with Store.open(path) as store:
        store.update_resident(store.list_residents()[0].id, {"notes": "あとで"})
        newest = store.db.execute("SELECT max(stamp) FROM outbox").fetchone()[0]
    assert newest > last
