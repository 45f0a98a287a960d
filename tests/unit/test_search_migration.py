"""Migrations of the search index on desks made by earlier code, plain and encrypted:
m060 (keys under the new folding), m061 (a second phone) and m080 (the compact index keyed by
五十音 position, with contentless full-text tables) on release 0.1's desk, and m080 on a desk
made just before it (m060's gram table already filled)."""

from __future__ import annotations

import pytest

from kyojo_desk.security.desk import open_desk_store
from kyojo_desk.store.search import documents, gram_token, index_keys, order_of
from tests.fixtures import desk_before_m080, release_0_1
from tests.fixtures.release_0_1 import contents


@pytest.fixture(params=[False, True], ids=["plain", "encrypted"])
def old_desk(request, tmp_path, monkeypatch):
    monkeypatch.setenv("KYOJO_KEYRING", "file")
    path = release_0_1.load_desk(tmp_path / "desk", request.param)
    with open_desk_store(path) as store:
        yield store


@pytest.fixture(params=[False, True], ids=["plain", "encrypted"])
def desk_before_compact_index(request, tmp_path, monkeypatch):
    monkeypatch.setenv("KYOJO_KEYRING", "file")
    path = desk_before_m080.load_desk(tmp_path / "desk", request.param)
    with open_desk_store(path) as store:
        yield store


def assert_indexed_from_stored_names(store):
    """Every listed resident has the keys its stored names give, in 五十音 order of position,
    and both full-text tables hold exactly its tokens; the old tables are gone."""
    residents = store.db.execute(
        "SELECT * FROM residents WHERE deleted = 0 AND merged_into IS NULL"
    ).fetchall()
    columns = [d[0] for d in store.db.execute("SELECT * FROM residents LIMIT 0").description]
    assert len(residents) == store.count_residents() > 0
    stored = {
        row[0]: (row[1], tuple(row[2:]))
        for row in store.db.execute(
            "SELECT resident_id, position, family_name_key, given_name_key, family_reading_key,"
            " given_reading_key, phone_reversed, phone2_reversed FROM resident_index"
        )
    }
    for values in residents:
        row = dict(zip(columns, values, strict=True))
        position, keys = stored[row["id"]]
        assert keys == index_keys(row)
        text, grams = documents(keys)
        for token in grams.split():
            found = store.db.execute(
                "SELECT rowid FROM resident_grams WHERE resident_grams MATCH ?", [f'"{token}"']
            ).fetchall()
            assert (position,) in found
    by_position = sorted(stored.values())
    orders = [order_of(keys) for _, keys in by_position]
    assert orders == sorted(orders)
    tables = {r[0] for r in store.db.execute("SELECT name FROM sqlite_master")}
    assert "resident_fts" not in tables and "resident_index_ai" not in tables
    terms = store.db.execute(
        "CREATE VIRTUAL TABLE temp.grams_terms USING fts5vocab(main, resident_grams, 'row')"
    )
    terms = store.db.execute("SELECT sum(doc) FROM temp.grams_terms").fetchone()[0]
    expected = sum(len(documents(keys)[1].split()) for _, keys in stored.values())
    assert terms == expected  # nothing else in the table


def test_every_resident_of_release_0_1_is_reindexed_with_the_new_keys(old_desk):
    assert_indexed_from_stored_names(old_desk)


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


def test_a_desk_with_the_gram_table_gets_the_compact_index(desk_before_compact_index):
    store = desk_before_compact_index
    assert_indexed_from_stored_names(store)
    applied = {r[0] for r in store.db.execute("SELECT name FROM _sqlite_migrations")}
    assert {"m060_search_keys_and_grams", "m080_compact_search_index"} <= applied


@pytest.mark.parametrize(
    ("query", "family_name"),
    [
        ("佐佐木", "佐々木"),
        ("渡辺", "渡邉\U000e0100"),  # variation selector and variant kanji folded
        ("関ケ原", "関ヶ原"),
        ("おおの", "大野"),  # stored as オーノ
        ("高橋", "髙橋"),
        ("5678", "渡邉\U000e0100"),  # the end of a phone number
        ("6666", "髙橋"),  # the end of the second phone
        ("和男", "杉本"),  # the edited name
    ],
)
def test_the_migrated_desk_answers_as_before(desk_before_compact_index, query, family_name):
    found = desk_before_compact_index.search_residents(query)
    assert [r.family_name for r in found][:1] == [family_name]


def test_the_migrated_desk_ranks_short_queries_and_hides_removed_people(desk_before_compact_index):
    store = desk_before_compact_index
    assert [r.family_name for r in store.search_residents("たか")][:2] == ["高木", "髙橋"]
    assert store.search_residents("消") == []  # deleted
    assert len(store.search_residents("重複")) == 1  # merged into one
    [sugimoto] = [r for r in store.search_residents("杉本") if r.given_name == "和男"]
    store.update_resident(sugimoto.id, {"family_name": "杉山", "family_reading": "すぎやま"})
    assert [r.id for r in store.search_residents("すぎや")] == [sugimoto.id]
    assert sugimoto.id not in [r.id for r in store.search_residents("すぎもと")]
    token = gram_token("杉山", 0)  # the new family name, exactly
    assert (
        store.db.execute(
            "SELECT count(*) FROM resident_grams WHERE resident_grams MATCH ?", [f'"{token}"']
        ).fetchone()[0]
        == 1
    )
