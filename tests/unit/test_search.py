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


# -- folding rules reach the search ---------------------------------------------------------


@pytest.mark.parametrize(
    ("stored", "query"),
    [
        (("渡邉\U000e0100", "恵", "わたなべ", "めぐみ"), "渡辺恵"),  # IVS after 邉
        (("渡辺", "恵", "わたなべ", "めぐみ"), "渡邉\U000e0100恵"),
        (("會田", "一", "あいだ", "はじめ"), "会田"),
        (("関", "太", "せき", "ふとし"), "關"),
        (("檜山", "茂", "ひやま", "しげる"), "桧山"),
        (("澁谷", "進", "しぶや", "すすむ"), "渋谷"),
        (("龜井", "修", "かめい", "おさむ"), "亀井"),
        (("蘆田", "実", "あしだ", "みのる"), "芦田"),
        (("邨上", "春", "むらかみ", "はる"), "村上"),
        (("関ヶ原", "一", "せきがはら", "はじめ"), "関ケ原"),
        (("一ヵ谷", "二郎", "いちがや", "じろう"), "一ヶ谷"),
        (("ヴァン", "太郎", "ゔぁん", "たろう"), "ウ゛ァン"),
        (("大野", "花", "おおの", "はな"), "オーノ"),
        (("林", "優子", "はやし", "ゆうこ"), "ユーコ"),
        (("森", "京子", "もり", "きょうこ"), "キヨウコ"),
        (("服部", "桂", "はっとり", "かつら"), "はつとり"),
        (("佐佐木", "正", "ささき", "ただし"), "佐々木"),
        (("佐々木", "正", "ささき", "ただし"), "佐佐木"),
    ],
)
def test_spellings_people_type_find_the_stored_name(store, make_resident, stored, query):
    family, given, family_reading, given_reading = stored
    make_resident(
        family_name=family,
        given_name=given,
        family_reading=family_reading,
        given_reading=given_reading,
    )
    make_resident(
        family_name="別人", given_name="次郎", family_reading="べつ", given_reading="じろう"
    )
    assert names(store.search_residents(query)) == [family]


def test_names_are_stored_as_typed_only_keys_fold(store, make_resident):
    resident = make_resident(
        family_name="渡邉\U000e0100",
        given_name="惠",
        family_reading="ワタナベ",
        given_reading="メグミ",
    )
    assert store.get_resident(resident.id).family_name == "渡邉\U000e0100"
    assert store.get_resident(resident.id).family_reading == "ワタナベ"


# -- ranking: exact, family prefix, given prefix, anywhere; ties in 五十音 order ------------------


@pytest.fixture
def taka_people(make_resident):
    made = {}
    for family, given, fr, gr in [
        ("大塚", "隆", "おおつか", "たかし"),  # given name starts with たか
        ("高木", "一", "たかぎ", "はじめ"),
        ("高田", "二郎", "たかだ", "じろう"),
        ("坂上", "貴子", "さかがみ", "たかこ"),
        ("若林", "一", "わかばやし", "はじめ"),  # たか nowhere; か in the middle
        ("多賀", "三郎", "たか", "さぶろう"),  # exact family reading
        ("中高", "四郎", "なかたか", "しろう"),  # たか inside the reading
    ]:
        made[family] = make_resident(
            family_name=family, given_name=given, family_reading=fr, given_reading=gr
        )
    return made


def test_short_query_ranks_family_before_given_before_anywhere(store, taka_people):
    assert names(store.search_residents("たか")) == [
        "多賀",  # exact
        "高木",  # family prefix, 五十音: たかぎ < たかだ
        "高田",
        "大塚",  # given prefix, 五十音: おおつか < さかがみ
        "坂上",
        "中高",  # anywhere
    ]


def test_long_query_ranks_the_same_way(store, make_resident):
    for family, given, fr, gr in [
        ("高橋", "一", "たかはし", "はじめ"),
        ("高橋", "花子", "たかはし", "はなこ"),
        ("高島", "明", "たかしま", "あきら"),
        ("林", "孝史", "はやし", "たかし"),
        ("中高島", "三", "なかたかしま", "さん"),
    ]:
        make_resident(family_name=family, given_name=given, family_reading=fr, given_reading=gr)
    found = store.search_residents("たかし")
    assert [r.full_name for r in found] == [
        "林　孝史",  # exact given reading
        "高島　明",  # family prefix
        "中高島　三",  # anywhere
    ]
    assert [r.full_name for r in store.search_residents("たかはし")] == ["高橋　一", "高橋　花子"]


def test_exact_kanji_name_comes_before_longer_names(store, make_resident):
    for family in ("高橋", "高橋田", "小高橋"):
        make_resident(
            family_name=family, given_name="一", family_reading="よみ", given_reading="かず"
        )
    assert names(store.search_residents("高橋")) == ["高橋", "高橋田", "小高橋"]


def test_one_character_query_is_answered_from_the_gram_index(store, taka_people):
    plan = store.db.execute(
        "EXPLAIN QUERY PLAN SELECT i.resident_id, g.rank, g.sort_key FROM resident_grams g "
        "JOIN resident_index i ON i.rowid = g.index_rowid "
        "WHERE g.gram = ? ORDER BY g.rank, g.sort_key LIMIT ?",
        ["た", 50],
    ).fetchall()
    details = " ".join(row[-1] for row in plan)
    assert "SCAN" not in details.replace("SCAN CONSTANT", "")  # no full scan
    assert "TEMP B-TREE" not in details  # read in index order, no sort
    assert names(store.search_residents("塚")) == ["大塚"]
    assert names(store.search_residents("林")) == ["若林"]


def test_grams_follow_edits_and_deletes(store, taka_people):
    resident = taka_people["若林"]
    store.update_resident(resident.id, {"family_name": "森", "family_reading": "もり"})
    assert names(store.search_residents("林")) == []
    assert names(store.search_residents("森")) == ["森"]
    store.delete_resident(resident.id)
    assert names(store.search_residents("森")) == []
    left = store.db.execute("SELECT count(*) FROM resident_grams WHERE gram = '森'").fetchone()[0]
    assert left == 0


def test_rebuild_gives_the_same_index_as_writes(store, taka_people, make_resident):
    from kyojo_desk.store.search import rebuild

    before = store.db.execute("SELECT * FROM resident_grams ORDER BY 1, 2, 3").fetchall()
    with store.transaction():
        assert rebuild(store.db) == len(taka_people)
    after = store.db.execute("SELECT gram, rank, sort_key FROM resident_grams ORDER BY 1, 2, 3")
    assert [tuple(r[:3]) for r in before] == [tuple(r) for r in after.fetchall()]
    assert names(store.search_residents("かしろ")) == ["中高"]  # trigram index refilled
    make_resident(
        family_name="森", given_name="一", family_reading="もりか", given_reading="しろう"
    )
    assert names(store.search_residents("かしろ")) == ["中高", "森"]  # its trigger is back


def test_search_results_are_the_whole_records(store, make_resident):
    """Results are read column by column into the dataclass: every field as `get_resident`."""
    resident = make_resident(
        family_name="高橋",
        given_name="花子",
        family_reading="たかはし",
        given_reading="はなこ",
        birth_date="S23.3.2",
        phone="0554-62-1111",
        phone2="090-1234-5678",
        support_needs=["large_print", "hearing"],
        smartphone="feature_phone",
        notes="足が弱い",
    )
    store.update_resident(resident.id, {"kind": "related"})
    [found] = store.search_residents("たかはし")
    assert found == store.get_resident(resident.id)
    assert found.support_needs == ["large_print", "hearing"] and found.needs_completion is False


def test_bulk_created_residents_are_indexed_as_single_writes_are(store):
    """Roster import and demo data index many residents at once (one sorted batch of grams)."""
    from kyojo_desk.demo import demo_people
    from kyojo_desk.records.resident import Consent, clean_resident_fields
    from kyojo_desk.store.search import rebuild

    people = [clean_resident_fields(p) for p in demo_people(40, seed=5)]
    consent = Consent(scopes=["keep_record"], witnessed_by="受付")
    ids = store.insert_residents([(person, consent) for person in people])
    query = "SELECT gram, rank, sort_key FROM resident_grams ORDER BY 1, 2, 3"
    bulk = store.db.execute(query).fetchall()
    with store.transaction():
        rebuild(store.db)
    assert store.db.execute(query).fetchall() == bulk and len(bulk) > 40 * 10
    first = store.get_resident(ids[0])
    assert first.id in [r.id for r in store.search_residents(first.family_reading[:2])]
    assert [r.id for r in store.search_residents(first.full_name.replace("\u3000", ""))][0] == (
        first.id
    )
