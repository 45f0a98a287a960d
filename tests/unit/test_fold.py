"""Folding keys: spellings a volunteer would call the same name fold to the same key."""

from __future__ import annotations

import pytest

from kyojo_desk.text.fold import fold_key, is_kana_reading, to_hiragana, to_katakana


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("タカハシ", "たかはし"),
        ("ﾀｶﾊｼ", "たかはし"),  # half-width katakana
        ("ｳﾞｧｲｵﾘﾝ", "ゔぁいおりん"),  # half-width voiced marks join their kana
        ("髙橋", "高橋"),
        ("山﨑", "山崎"),
        ("渡邊", "渡辺"),
        ("渡邉", "渡辺"),
        ("齋藤", "斎藤"),
        ("齊藤", "斎藤"),
        ("斉藤", "斎藤"),
        ("高橋　花子", "高橋花子"),  # full-width space
        ("高橋 花子 ", "高橋花子"),
        ("ＴＡＫＡ", "taka"),  # full-width Latin
        ("０５５４", "0554"),
    ],
)
def test_fold_key(typed, expected):
    assert fold_key(typed) == expected


def test_variants_of_one_name_share_a_key():
    assert len({fold_key(n) for n in ("渡辺", "渡邊", "渡邉", "ﾜﾀﾅﾍﾞ", "わたなべ")}) == 2


def test_empty_and_none_fold_to_empty():
    assert fold_key(None) == "" and fold_key("   ") == ""


def test_kana_reading_check():
    assert is_kana_reading("たかはし")
    assert is_kana_reading("タカハシ")
    assert is_kana_reading("ﾀｶﾊｼ")
    assert is_kana_reading("おおの　はなこ")
    assert not is_kana_reading("高橋")
    assert not is_kana_reading("takahashi")
    assert not is_kana_reading("")


def test_script_conversion_round_trip():
    assert to_katakana(to_hiragana("ヴァイオリン")) == "ヴァイオリン"


# -- maintained variant-kanji data, variation selectors, kana forms, 々 ------------------------


@pytest.mark.parametrize(
    ("variant", "common"),
    [
        ("會田", "会田"),  # 旧字体 of the 常用漢字表 (joyokanji data)
        ("關口", "関口"),
        ("檜山", "桧山"),  # Unihan and ja-itaiji agree
        ("澁谷", "渋谷"),
        ("龜井", "亀井"),  # ja-itaiji family
        ("蘆田", "芦田"),
        ("邨上", "村上"),
        ("舍人", "舎人"),  # the reviewed list corrects the data (舍 is 舎, not 捨)
        ("齊藤", "斎藤"),  # chain: data and reviewed list together
    ],
)
def test_variant_kanji_from_maintained_data(variant, common):
    assert fold_key(variant) == fold_key(common)


def test_variant_table_is_loaded_from_the_shipped_data_with_its_licences():
    from kyojo_desk.paths import resources_dir
    from kyojo_desk.text.fold import variant_table

    folder = resources_dir() / "text"
    assert len(variant_table()) > 5000  # far beyond the reviewed list of ~70
    for licence in ("LICENSE-Unihan.txt", "LICENSE-ja-itaiji.txt", "LICENSE-joyokanji.txt"):
        assert (folder / licence).read_text(encoding="utf-8").strip()
    # Common kanji are never folded into each other by the data: 浜 and 沢 stay themselves.
    assert fold_key("浜沢島") == "浜沢島"


@pytest.mark.parametrize("selector", ["\U000e0100", "\U000e0101", "\U000e01ef", "\ufe00", "\ufe0f"])
def test_variation_selectors_are_not_part_of_the_key(selector):
    assert fold_key(f"渡邉{selector}恵") == fold_key("渡辺恵") == "渡辺恵"


@pytest.mark.parametrize("spelling", ["関ヶ原", "関ケ原", "関ｹ原", "関ヵ原", "関ゖ原"])
def test_small_and_large_ke_fold_together(spelling):
    assert fold_key(spelling) == fold_key("関ケ原")


def test_ichi_ga_ya_written_four_ways():
    assert len({fold_key(s) for s in ("一ヶ谷", "一ケ谷", "一ｹ谷", "一ヵ谷")}) == 1


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("ウ゛ァン", "ゔぁん"),  # spacing ゛ typed after the kana
        ("ヴァン", "ゔぁん"),
        ("ｳﾞｧﾝ", "ゔぁん"),
        ("ハ゜ク", "ぱく"),  # spacing ゜
        ("か゛", "が"),
    ],
)
def test_spacing_sound_marks_join_their_kana(typed, expected):
    assert fold_key(typed) == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("佐々木", "佐佐木"), ("野々村", "野野村"), ("奈々子", "奈奈子"), ("々", "々")],
)
def test_iteration_mark_is_written_out(typed, expected):
    assert fold_key(typed) == expected


def test_compatibility_ideograph_folds_to_its_unified_kanji():
    assert fold_key("\ufa10") == fold_key("塚")  # 塚 U+FA10
    assert fold_key("\ufa11") == fold_key("崎")  # 﨑 is unified, folded by the table


# -- reading key ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("オーノ", "おおの"),  # ー and a repeated お
        ("おうの", "オオノ"),  # う after the お row
        ("ユーコ", "ゆうこ"),
        ("きょうこ", "キヨウコ"),  # small and large kana, long vowel
        ("はっとり", "はつとり"),
        ("サトー", "さとう"),
        ("ニーガタ", "にいがた"),
        ("ﾕｳｺ", "ゆーこ"),
        ("ショウヘイ", "しようへい"),
        ("とおる", "トール"),
    ],
)
def test_reading_key_equates_spellings_of_one_reading(one, other):
    from kyojo_desk.text.fold import reading_key

    assert reading_key(one) == reading_key(other)


@pytest.mark.parametrize(
    ("one", "other"), [("おの", "おおの"), ("かこ", "かここ"), ("さと", "さとう")]
)
def test_reading_key_keeps_different_readings_apart(one, other):
    from kyojo_desk.text.fold import reading_key

    assert reading_key(one) != reading_key(other)


def test_stored_text_keeps_variants_and_selectors():
    from kyojo_desk.records.resident import clean_resident_fields

    cleaned = clean_resident_fields(
        {"family_name": "渡邉\U000e0100", "given_name": "惠", "family_reading": "ワタナベ"},
        partial=True,
    )
    assert cleaned["family_name"] == "渡邉\U000e0100" and cleaned["given_name"] == "惠"


def test_to_hiragana_moves_exactly_the_katakana_block_and_leaves_the_rest():
    """Every character of the BMP: ァ…ヶ become the hiragana 0x60 below, everything else
    (ー, ヷ…ヺ, half-width kana, kanji, hiragana) stays."""
    text = "".join(chr(code) for code in range(0xD800)) + "".join(
        chr(code) for code in range(0xE000, 0x10000)
    )
    expected = "".join(chr(ord(ch) - 0x60) if 0x30A1 <= ord(ch) <= 0x30F6 else ch for ch in text)
    assert to_hiragana(text) == expected
    assert to_hiragana("ヴァイオリン・ケーキ ｶﾀｶﾅ") == "ゔぁいおりん・けーき ｶﾀｶﾅ"


def test_fold_key_folds_as_its_steps_one_after_another():
    """The one table fold_key translates with answers as its steps applied in turn, for every
    character of the BMP and for names mixing them."""
    import random

    from kyojo_desk.text.fold import (
        _SMALL_KE,
        _SPACES,
        _expand_iteration_marks,
        normalize_text,
        variant_table,
    )

    def stepwise(text: str) -> str:
        folded = to_hiragana(normalize_text(text)).translate(_SMALL_KE)
        folded = _expand_iteration_marks(folded.translate(variant_table())).lower()
        return _SPACES.sub("", folded)

    characters = [chr(code) for code in range(0x20, 0xD800)]
    for character in characters:
        assert fold_key(character) == stepwise(character), hex(ord(character))
    rng = random.Random(5)
    kana_and_kanji = "ヶヵゖゕカタカナ髙﨑邊邉佐々木〻ー・ 　ＡＢ" + "".join(
        rng.sample(characters, 200)
    )
    for _ in range(500):
        name = "".join(rng.choices(kana_and_kanji, k=rng.randint(1, 8)))
        assert fold_key(name) == stepwise(name), name
