"""Migrations m060 (search keys rebuilt under the new folding, ranked indexes, the index of short
pieces) and m061 (a second phone) on the databases of release 0.1, plain and encrypted."""

from __future__ import annotations

import pytest

from kyojo_desk.security.desk import open_desk_store
from kyojo_desk.store.search import gram_ranks, index_row
from tests.fixtures.release_0_1 import contents, load_desk


@pytest.fixture(params=[False, True], ids=["plain", "encrypted"])
def old_desk(request, tmp_path, monkeypatch):
    monkeypatch.setenv("KYOJO_KEYRING", "file")
    path = load_desk(tmp_path / "desk", request.param)
    with open_desk_store(path) as store:
        yield store


def test_every_resident_is_reindexed_with_the_new_keys(old_desk):
    store = old_desk
    residents = store.db.execute(
        "SELECT * FROM residents WHERE deleted = 0 AND merged_into IS NULL"
    ).fetchall()
    columns = [d[0] for d in store.db.execute("SELECT * FROM residents LIMIT 0").description]
    assert len(residents) == store.count_residents() > 0
    for values in residents:
        row = dict(zip(columns, values, strict=True))
        expected = index_row(row)
        stored = store.db.execute(
            "SELECT sort_key, name_key, family_reading_key FROM resident_index WHERE resident_id = ?",
            [row["id"]],
        ).fetchone()
        assert stored == (
            expected["sort_key"],
            expected["name_key"],
            expected["family_reading_key"],
        )
        grams = store.db.execute(
            "SELECT gram, rank FROM resident_grams g JOIN resident_index i ON i.rowid = "
            "g.index_rowid WHERE i.resident_id = ?",
            [row["id"]],
        ).fetchall()
        assert dict(grams) == gram_ranks(expected)


def test_old_names_are_found_by_the_new_rules_and_stay_as_typed(old_desk):
    store = old_desk
    sasaki = contents.RESIDENT_IDS[6]  # 佐々木 トメ
    assert store.get_resident(sasaki).full_name == "佐々木\u3000トメ"  # not rewritten
    assert [r.id for r in store.search_residents("佐佐木")] == [sasaki]
    assert [r.id for r in store.search_residents("佐")][0] == sasaki  # a short query, from grams
    assert [r.id for r in store.search_residents("すぎもと")] == [contents.RESIDENT_IDS[1]]


def test_the_second_phone_is_a_new_empty_synced_field(old_desk):
    from kyojo_desk.store.schema import SYNCED_TABLES
    from kyojo_desk.sync.fields import validate_value

    store = old_desk
    resident_id = contents.RESIDENT_IDS[2]
    assert store.get_resident(resident_id).phone2 == ""
    pending = store.pending_changes()
    store.update_resident(resident_id, {"phone2": "+81 90-8765-4321"})
    assert store.get_resident(resident_id).phone2 == "090-8765-4321"
    assert store.pending_changes() == pending + 1  # goes out through the change log
    assert [r.id for r in store.search_residents("4321")] == [resident_id]
    spec = SYNCED_TABLES["residents"]
    assert "phone2" in spec.fields and "phone2" in spec.personal_fields
    assert validate_value("residents", "phone2", "090-8765-4321") is None
    assert validate_value("residents", "phone2", "0" * 41) is not None
