"""Resident search: any part of a name or reading, any script or width, phone digits."""

from __future__ import annotations

import pytest


@pytest.fixture
def people(make_resident):
    return {
        "takahashi": make_resident(
            family_name="髙橋",
            given_name="花子",
            family_reading="タカハシ",
            given_reading="ハナコ",
            phone="0554-62-1234",
        ),
        "takada": make_resident(
            family_name="高田",
            given_name="一郎",
            family_reading="たかだ",
            given_reading="いちろう",
            phone="090-1111-2222",
        ),
        "watanabe": make_resident(
            family_name="渡邊", given_name="清", family_reading="わたなべ", given_reading="きよし"
        ),
        "sato": make_resident(
            family_name="佐藤", given_name="たか子", family_reading="さとう", given_reading="たかこ"
        ),
    }


def names(results):
    return [r.family_name for r in results]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("高橋", ["髙橋"]),  # variant kanji folded
        ("髙", ["高田", "髙橋"]),  # 髙 folds to 高: both, in 五十音 order
        ("橋", ["髙橋"]),  # one character in the middle of a name
        ("たかは", ["髙橋"]),
        ("ﾀｶﾊｼ", ["髙橋"]),
        ("タカハシハナコ", ["髙橋"]),
        ("はなこ", ["髙橋"]),
        ("渡辺", ["渡邊"]),
        ("なべ", ["渡邊"]),  # two characters inside a reading
        ("1234", ["髙橋"]),  # last phone digits
        ("2222", ["高田"]),
        ("0554621234", ["髙橋"]),
        ("のぞみ", []),
    ],
)
def test_finds(store, people, query, expected):
    assert names(store.search_residents(query)) == expected


def test_prefix_of_a_reading_finds_all_and_best_match_comes_first(store, people):
    found = names(store.search_residents("たか"))
    assert set(found) == {"髙橋", "高田", "佐藤"}
    # family readings starting with たか come before a given reading that does, in 五十音 order
    assert found.index("高田") < found.index("髙橋")
    exact = names(store.search_residents("たかだ"))
    assert exact[0] == "高田"


def test_results_are_in_gojuon_order_by_reading(store, make_resident):
    for reading, name in (
        ("わだ", "和田"),
        ("あべ", "阿部"),
        ("かとう", "加藤"),
        ("いとう", "伊藤"),
    ):
        make_resident(family_name=name, family_reading=reading, given_name="", given_reading="")
    listed = [r.family_reading for r in store.list_residents()]
    assert listed == sorted(listed)


def test_limit(store, make_resident):
    for i in range(30):
        make_resident(given_name=f"太郎{i}", given_reading="たろう")
    assert len(store.search_residents("やまだ", limit=10)) == 10
    assert len(store.search_residents("や", limit=25)) == 25


def test_deleted_and_merged_residents_are_not_found(store, people):
    store.delete_resident(people["takada"].id)
    assert names(store.search_residents("たかだ")) == []
    store.merge_residents(people["takahashi"].id, people["sato"].id)
    assert names(store.search_residents("さとう")) == []


def test_edits_update_the_index(store, people):
    store.update_resident(
        people["watanabe"].id, {"family_name": "渡部", "family_reading": "わたべ"}
    )
    assert names(store.search_residents("わたべ")) == ["渡部"]
    assert names(store.search_residents("わたなべ")) == []
