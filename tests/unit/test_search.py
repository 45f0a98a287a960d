"""Resident search: any part of a name or reading, any script or width, phone digits."""

from __future__ import annotations

import pytest
from hypothesis import given as for_examples
from hypothesis import settings
from hypothesis import strategies as st

from kyojo_desk.store import search


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


def index_state(store):
    """What the index holds, independent of the positions chosen (which it checks are in
    五十音 order): every row's keys, and every token of both full-text tables with how many residents have it
    (read back through fts5vocab, so anything left behind by a removal would show)."""
    assert_in_order(store)
    rows = store.db.execute(  # people of the same order may stand in any order among themselves
        "SELECT resident_id, family_name_key, given_name_key, family_reading_key,"
        " given_reading_key, phone_reversed, phone2_reversed FROM resident_index"
        " ORDER BY family_reading_key || given_reading_key, family_name_key || given_name_key,"
        " resident_id"
    ).fetchall()
    vocabulary = {}
    for table in ("resident_text", "resident_grams"):
        store.db.execute(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.{table}_terms"
            f" USING fts5vocab(main, {table}, 'row')"
        )
        vocabulary[table] = sorted(
            store.db.execute(f"SELECT term, doc FROM temp.{table}_terms").fetchall()
        )
    return rows, vocabulary


def assert_in_order(store):
    """Positions rise in 五十音 order: whole reading, then whole name."""
    from kyojo_desk.store.search import order_of

    rows = store.db.execute(
        "SELECT family_name_key, given_name_key, family_reading_key, given_reading_key,"
        " phone_reversed, phone2_reversed FROM resident_index ORDER BY position"
    ).fetchall()
    orders = [order_of(tuple(row)) for row in rows]
    assert orders == sorted(orders)


def rebuilt_state(store):
    from kyojo_desk.store.search import rebuild

    with store.transaction():
        rebuild(store.db)
    return index_state(store)


def test_one_character_query_is_answered_from_the_gram_index(store, taka_people):
    from kyojo_desk.store.search import _GRAMS_SQL, gram_token

    plan = store.db.execute(
        "EXPLAIN QUERY PLAN " + _GRAMS_SQL, [f'"{gram_token("た", 1)}"', 50]
    ).fetchall()
    details = [row[-1] for row in plan]
    # The full-text table answers the MATCH itself (idxStr with M), in rowid order (no sort),
    # and each row found is one primary-key lookup: nothing is scanned.
    assert any("VIRTUAL TABLE INDEX" in d and ":M" in d for d in details), details
    assert any("SEARCH i USING INTEGER PRIMARY KEY" in d for d in details), details
    assert not any("TEMP B-TREE" in d for d in details), details
    assert names(store.search_residents("塚")) == ["大塚"]
    assert names(store.search_residents("林")) == ["若林"]


def test_a_short_query_reads_only_the_rows_it_shows(store):
    """The work of a one-character query stays the same when the registry grows tenfold."""
    from kyojo_desk.demo import demo_people
    from kyojo_desk.records.resident import Consent, clean_resident_fields

    consent = Consent(scopes=["keep_record"], witnessed_by="受付")

    def steps_for(query):
        counted = [0]

        def count():
            counted[0] += 1
            return 0

        store.db.conn.set_progress_handler(count, 1)
        try:
            store.search_residents(query, limit=20)
        finally:
            store.db.conn.set_progress_handler(None, 1)
        return counted[0]

    people = [clean_resident_fields(p) for p in demo_people(2200, seed=9)]
    store.insert_residents([(person, consent) for person in people[:200]])
    small = steps_for("た")
    store.insert_residents([(person, consent) for person in people[200:]])
    assert len(store.search_residents("た", limit=500)) == 500  # many more rows match now
    assert steps_for("た") < small * 1.5


def test_grams_follow_edits_and_deletes(store, taka_people):
    from kyojo_desk.store.search import gram_token

    resident = taka_people["若林"]
    store.update_resident(resident.id, {"family_name": "森", "family_reading": "もり"})
    assert names(store.search_residents("林")) == []
    assert names(store.search_residents("森")) == ["森"]
    store.delete_resident(resident.id)
    assert names(store.search_residents("森")) == []
    for rank in range(4):
        left = store.db.execute(
            "SELECT count(*) FROM resident_grams WHERE resident_grams MATCH ?",
            [f'"{gram_token("森", rank)}"'],
        ).fetchone()[0]
        assert left == 0
    assert index_state(store) == rebuilt_state(store)


def test_rebuild_gives_the_same_index_as_writes(store, taka_people, make_resident):
    from kyojo_desk.store.search import rebuild

    before = index_state(store)
    with store.transaction():
        assert rebuild(store.db) == len(taka_people)
    assert index_state(store) == before
    assert names(store.search_residents("かしろ")) == ["中高"]  # trigram index refilled
    make_resident(
        family_name="森", given_name="一", family_reading="もりか", given_reading="しろう"
    )
    assert names(store.search_residents("かしろ")) == ["中高", "森"]


def test_people_registered_one_by_one_into_a_full_gap_keep_order(store, make_resident):
    """Each new person goes before all the others, halving the first gap until it is full;
    then the people around it are spread out again. Order, search and the full-text tables
    stay exactly what a rebuild makes."""
    kana = "んをわろれるりらよゆやもめむみまほへふひはのねぬになとてつちたそせすしさこけくきかおえういあ"
    made = []
    for index, first in enumerate(kana):
        made.append(
            make_resident(
                family_name="林",
                given_name=f"{index}",
                family_reading=first + "はやし",
                given_reading="いち",
                phone=f"0554-62-{1000 + index}",
            )
        )
        assert_in_order(store)
    positions = [
        r[0] for r in store.db.execute("SELECT position FROM resident_index ORDER BY position")
    ]
    assert positions[0] < positions[-1] and len(set(positions)) == len(kana)
    assert [r.id for r in store.search_residents("林", limit=100)] == [m.id for m in made[::-1]]
    assert [r.id for r in store.search_residents("はやし", limit=100)] == [m.id for m in made[::-1]]
    assert [r.id for r in store.search_residents("1003")] == [made[3].id]
    assert index_state(store) == rebuilt_state(store)


def test_edits_moves_and_removals_leave_the_index_as_a_rebuild_makes_it(store, make_resident):
    """A mixed history (new names, phone changes kept in place, name changes that move a
    person, deletes, merges) ends with the same index as one made from scratch."""
    import random

    rng = random.Random(17)
    family = [("高橋", "たかはし"), ("佐藤", "さとう"), ("鈴木", "すずき"), ("田中", "たなか")]
    given = [("花子", "はなこ"), ("一郎", "いちろう"), ("恵", "めぐみ"), ("隆", "たかし")]
    live = []
    for step in range(160):
        action = rng.random()
        if action < 0.5 or len(live) < 4:
            (fn, fr), (gn, gr) = rng.choice(family), rng.choice(given)
            live.append(
                make_resident(family_name=fn, given_name=gn, family_reading=fr, given_reading=gr).id
            )
        elif action < 0.65:
            store.update_resident(rng.choice(live), {"phone": f"090-1234-{step:04d}"})
        elif action < 0.85:
            fn, fr = rng.choice(family)
            store.update_resident(rng.choice(live), {"family_name": fn, "family_reading": fr})
        elif action < 0.95:
            store.delete_resident(live.pop(rng.randrange(len(live))))
        else:
            keep, other = rng.sample(live, 2)
            store.merge_residents(keep, other)
            live.remove(other)
        assert_in_order(store)
    assert store.count_residents() == len(live)
    assert index_state(store) == rebuilt_state(store)


def test_a_pulled_page_is_reindexed_as_a_set(store, make_resident):
    """reindex_many with new, changed, unchanged and removed residents at once (what a pulled
    page hands it) gives the index a rebuild gives."""
    from kyojo_desk.store.search import reindex_many

    made = [
        make_resident(family_name=f, family_reading=r, phone=p)
        for f, r, p in [
            ("上野", "うえの", "0554-62-0001"),
            ("原", "はら", "0554-62-0002"),
            ("秋山", "あきやま", ""),
        ]
    ]
    with store.transaction():
        store.db.execute(
            "UPDATE residents SET phone = '0554-62-9999' WHERE id = ?", [made[0].id]
        )  # in place
        store.db.execute(
            "UPDATE residents SET family_name = '大原', family_reading = 'おおはら' WHERE id = ?",
            [made[1].id],
        )  # moves
        store.db.execute("UPDATE residents SET deleted = 1 WHERE id = ?", [made[2].id])
        reindex_many(store.db, [m.id for m in made] + ["no-such-resident"])
    assert names(store.search_residents("9999")) == ["上野"]
    assert names(store.search_residents("おおは")) == ["大原"]
    assert names(store.search_residents("秋")) == []
    assert_in_order(store)
    assert index_state(store) == rebuilt_state(store)


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


def test_bulk_created_residents_are_indexed_as_single_writes_are(store, make_resident):
    """Roster import and demo data index many residents at once, merged into the order of
    those already there."""
    from kyojo_desk.demo import demo_people
    from kyojo_desk.records.resident import Consent, clean_resident_fields

    for reading in ("あ", "さとう", "ん"):
        make_resident(family_name="前", family_reading=reading)
    people = [clean_resident_fields(p) for p in demo_people(120, seed=5)]
    consent = Consent(scopes=["keep_record"], witnessed_by="受付")
    ids = store.insert_residents([(person, consent) for person in people])
    assert_in_order(store)
    bulk = index_state(store)
    assert bulk == rebuilt_state(store) and len(bulk[0]) == 123
    first = store.get_resident(ids[0])
    assert first.id in [r.id for r in store.search_residents(first.family_reading[:2], 500)]
    assert [r.id for r in store.search_residents(first.full_name.replace("\u3000", ""))][0] == (
        first.id
    )


def gram_ranks_offered_best_first(keys: tuple[str, ...]) -> dict[str, int]:
    """The pieces' ranks as the search rules read: each piece offered from the best rank to
    the worst, and the first offer kept."""
    family_name, given_name, family_reading, given_reading = keys[:4]
    name, reading = family_name + given_name, family_reading + given_reading
    ranks: dict[str, int] = {}
    for key in (name, reading, family_name, given_name, family_reading, given_reading):
        if key and len(key) <= search.SHORT_QUERY:
            ranks.setdefault(key, search.EXACT)
    for key in (name, reading):
        if key:
            ranks.setdefault(key[:1], search.FAMILY_PREFIX)
            ranks.setdefault(key[:2], search.FAMILY_PREFIX)
    for key in (given_name, given_reading):
        if key:
            ranks.setdefault(key[:1], search.GIVEN_PREFIX)
            ranks.setdefault(key[:2], search.GIVEN_PREFIX)
    for key in (name, reading):
        for start in range(len(key)):
            ranks.setdefault(key[start], search.ANYWHERE)
            if start + 1 < len(key):
                ranks.setdefault(key[start : start + 2], search.ANYWHERE)
    return ranks


@settings(max_examples=400, deadline=None)
@for_examples(
    st.lists(st.text(alphabet="やまだたろう山田太郎あ", max_size=4), min_size=6, max_size=6)
)
def test_every_piece_gets_its_best_rank(parts):
    """Short names, repeated characters, a given name equal to a family name's start, empty
    keys: each piece's rank is the best any rule gives it."""
    keys = tuple(parts)
    assert search.gram_ranks(keys) == gram_ranks_offered_best_first(keys)


def grams_document_written_out(keys: tuple[str, ...]) -> str:
    """The grams document as the index has always held it: every piece of the whole name,
    then of the whole reading (characters, then pairs), in the order first met, each with the
    best rank any rule gives it, written as its token."""
    family_name, given_name, family_reading, given_reading = keys[:4]
    best = gram_ranks_offered_best_first(keys)
    order: list[str] = []
    for whole in (family_name + given_name, family_reading + given_reading):
        for piece in [*whole, *(whole[i : i + 2] for i in range(len(whole) - 1))]:
            if piece not in order:
                order.append(piece)
    return " ".join(str(best[piece]) + "".join(f"{ord(c):06x}" for c in piece) for piece in order)


@settings(max_examples=400, deadline=None)
@for_examples(
    st.lists(st.text(alphabet="やまだたろう山田太郎あ1", max_size=4), min_size=6, max_size=6)
)
def test_grams_document_is_the_same_text_as_indexed_before(parts):
    """The document a resident's pieces make is the same text, token for token and in the same
    order, however the pieces are made (a resident indexed by an older release is taken out
    of the contentless table with the document made now)."""
    keys = tuple(parts)
    assert search.grams_document(keys) == grams_document_written_out(keys)


def test_tokens_are_made_again_past_the_kept_number(monkeypatch):
    monkeypatch.setattr(search, "TOKENS_KEPT", 3)
    search._TOKENS.clear()
    tokens = [search.gram_token(piece, 3) for piece in "山田太郎"]
    assert tokens == [f"3{ord(c):06x}" for c in "山田太郎"]
    assert len(search._TOKENS) <= 3
