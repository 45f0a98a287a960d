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
