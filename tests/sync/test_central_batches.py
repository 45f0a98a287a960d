"""Full batches through the central server's bulk paths, on SQLite and PostgreSQL: values
checked by column with bad ones among them, new records inserted (COPY on PostgreSQL) and
stored ones updated in the same batch, a record created and edited within one batch, and what
another desk pulls afterwards. Also the turns SQLite writers of several processes take."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from kyojo_desk.central import db as central_db
from kyojo_desk.central.desks import DEFAULT_CITY
from kyojo_desk.central.storage import TemporaryFailure, open_storage
from kyojo_desk.sync import protocol
from tests.sync.v2_desk import RawDesk, new_id, results_by_seq

RESIDENT = {
    "family_name": "山田",
    "given_name": "花子",
    "family_reading": "やまだ",
    "given_reading": "はなこ",
    "birth_date": "1948-03-02",
    "phone": "0554-62-1111",
    "district": "01",
    "kind": "resident",
    "support_needs": ["hearing"],
    "smartphone": "none",
    "notes": "",
    "needs_completion": 0,
    "created_at": "2026-12-07T10:00:00+09:00",
    "deleted": 0,
}


def test_a_full_batch_with_bad_values_among_creations_and_edits(central):
    a, b = RawDesk(central.url, central.storage, "a"), RawDesk(central.url, central.storage, "b")
    stored = [a.create("residents", {**RESIDENT, "phone": f"0554-60-{i:04d}"}) for i in range(3)]
    changes, expected, refused = [], {}, {}
    for i in range(protocol.MAX_PUSH_CHANGES - 10):
        row_id = new_id()
        values = {**RESIDENT, "given_name": f"花子{i}", "phone": f"0554-62-{i:04d}"}
        if i in (7, 250, 480):  # a bad value in the middle of a column of good ones
            values["support_needs"] = ["hearing", 5] if i == 7 else values["support_needs"]
            values["kind"] = "alien" if i == 250 else values["kind"]
            values["birth_date"] = "1948-02-30" if i == 480 else values["birth_date"]
            change = a.change("residents", row_id, values, created=True)
            refused[change["seq"]] = {7: "support_needs", 250: "kind", 480: "birth_date"}[i]
        else:
            change = a.change("residents", row_id, values, created=True)
            expected[row_id] = values
        changes.append(change)
    # Created and edited within the batch, and edits of records stored before it.
    twice = new_id()
    changes.append(a.change("residents", twice, RESIDENT, created=True))
    changes.append(a.change("residents", twice, {"phone": "090-0000-0001"}))
    expected[twice] = {**RESIDENT, "phone": "090-0000-0001"}
    for row_id in stored:
        changes.append(a.change("residents", row_id, {"notes": "更新"}))
    changes.append(a.change("residents", new_id(), {"phone": "1"}))  # never created
    answer = a.push(changes)

    assert answer["acked_seq"] == changes[-1]["seq"]
    results = results_by_seq(answer)
    for seq, name in refused.items():
        assert results.pop(seq) == {
            "seq": seq,
            "status": "rejected",
            "reason": "invalid_value",
            "field": name,
        }
    assert list(results.values()) == [
        {"seq": changes[-1]["seq"], "status": "rejected", "reason": "unknown_row"}
    ]
    rows = central.storage.rows(DEFAULT_CITY, "residents")
    assert len(rows) == len(expected) + len(stored)
    for row_id, values in expected.items():
        assert rows[row_id] == values
    assert all(rows[row_id]["notes"] == "更新" for row_id in stored)

    pulled = {e["row_id"]: e for e in b.pull_all() if e["kind"] == protocol.KIND_CHANGE}
    assert {row_id: e["fields"] for row_id, e in pulled.items()} == rows
    assert all(e["desk_id"] == a.desk_id for e in pulled.values())


def test_a_batch_of_another_desk_updates_some_fields_of_stored_records(central):
    """Stored records updated field by field (exceptions packed per row) and pulled."""
    a, b = RawDesk(central.url, central.storage, "a"), RawDesk(central.url, central.storage, "b")
    people = [a.create("residents", RESIDENT) for _ in range(20)]
    b.pull_all()
    answer = b.push(
        [b.change("residents", p, {"phone": f"090-1111-{i:04d}"}) for i, p in enumerate(people)]
    )
    assert answer["results"] == []
    entries = {e["row_id"]: e for e in a.pull_all() if e["kind"] == protocol.KIND_CHANGE}
    for i, person in enumerate(people):
        entry = entries[person]
        assert entry["fields"]["phone"] == f"090-1111-{i:04d}"
        assert entry["fields"]["family_name"] == "山田"
        assert entry["desk_id"] == a.desk_id  # most fields are a's
        assert entry["stamps"]["phone"][1] == b.desk_id


def test_writers_of_two_processes_take_turns(tmp_path: Path, monkeypatch):
    """Two storages on one SQLite file stand for two server processes: while one writes, the
    other waits for its turn (and is answered 503 when the wait passes the queue's limit),
    then writes."""
    url = f"sqlite:///{tmp_path / 'central.db'}"
    first, second = open_storage(url), open_storage(url)
    monkeypatch.setattr(central_db, "QUEUE_TIMEOUT_S", 0.3)
    inside, release = threading.Event(), threading.Event()

    def hold() -> None:
        with first.transaction() as tx:
            tx.execute("UPDATE server_meta SET value = value WHERE key = 'epoch'")
            inside.set()
            release.wait(10)

    holder = threading.Thread(target=hold)
    holder.start()
    assert inside.wait(10)
    with pytest.raises(TemporaryFailure), second.transaction() as tx:
        tx.execute("SELECT 1")
    monkeypatch.setattr(central_db, "QUEUE_TIMEOUT_S", 30.0)
    done = threading.Event()

    def write_when_free() -> None:
        second.create_enroll_code("後の端末")
        done.set()

    waiter = threading.Thread(target=write_when_free)
    waiter.start()
    assert not done.wait(0.1)  # still the first's turn
    release.set()
    holder.join(10)
    waiter.join(10)
    assert done.is_set()
    first.close()
    second.close()
