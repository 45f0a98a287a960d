"""Phone numbers as typed at a desk."""

from __future__ import annotations

import pytest

from kyojo_desk.errors import ValidationError
from kyojo_desk.text.phone import normalize_phone, phone_digits


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("0554-62-1111", "0554-62-1111"),
        ("０５５４－６２－１１１１", "0554-62-1111"),  # full-width digits and hyphen
        ("0554ー62ー1111", "0554-62-1111"),  # the IME's long-vowel mark for a hyphen
        ("0554−62−1111", "0554-62-1111"),  # minus sign
        ("(0554) 62 1111", "0554-62-1111"),
        ("09012345678", "090-1234-5678"),  # one national format, hyphens where Japan puts them
        ("0554621111", "0554-62-1111"),
        ("+81 90-1234-5678", "090-1234-5678"),  # international form
        ("+81-3-1234-5678", "03-1234-5678"),
        ("+81 (0)3 1234 5678", "03-1234-5678"),  # the trunk 0 kept in brackets
        ("＋８１９０１２３４５６７８", "090-1234-5678"),
        ("TEL 0554-62-1111", "0554-62-1111"),
        ("Tel: 0554-62-1111", "0554-62-1111"),
        ("℡0554-62-1111", "0554-62-1111"),
        ("電話 03-1234-5678", "03-1234-5678"),
        ("03-1234-5678 内線123", "03-1234-5678 内線123"),  # the extension is kept
        ("03-1234-5678（内線 45）", "03-1234-5678 内線45"),
        ("03-1234-5678 ext. 7", "03-1234-5678 内線7"),
        ("0120-123-456", "0120-123-456"),  # free dial
        ("050-1234-5678", "050-1234-5678"),  # IP phone
        ("070-1234-5678", "070-1234-5678"),
        ("", ""),
    ],
)
def test_normalize(typed, stored):
    assert normalize_phone(typed) == stored


@pytest.mark.parametrize("typed", ["12-34", "0554-62-11", "abc", "1554621111", "0554-62-11111-1"])
def test_bad_numbers_are_refused(typed):
    with pytest.raises(ValidationError) as caught:
        normalize_phone(typed)
    assert "電話番号" in caught.value.message or "番号" in caught.value.message


@pytest.mark.parametrize(
    ("typed", "why"),
    [
        ("090-1234-567", "携帯電話の番号は11桁です（入力は10桁）"),  # a digit missing
        ("080-1234-56789", "携帯電話の番号は11桁です（入力は12桁）"),
        ("03-1234-56789", "固定電話の番号は市外局番から10桁です（入力は11桁）"),
        ("0554-62-11", "固定電話の番号は市外局番から10桁です（入力は8桁）"),
        ("00-1234-5678", "国際電話"),  # 00 is the international prefix
        ("+1 212 555 1234", "日本の電話番号"),
        ("1554621111", "0から始めて"),
        ("011-123-4567", "使われていない番号の形"),  # right length, no such number range
    ],
)
def test_impossible_numbers_are_refused_saying_why(typed, why):
    with pytest.raises(ValidationError) as caught:
        normalize_phone(typed)
    assert why in caught.value.message


def test_extension_digits_are_not_part_of_the_searched_digits():
    assert phone_digits("03-1234-5678 内線123") == "0312345678"


def test_digits():
    assert phone_digits("０５５４－６２－１１１１") == "0554621111"


def test_phone_digits_of_plain_numbers_answer_as_the_general_way():
    """Numbers of ASCII digits and hyphens take a short way; it answers as NFKC, extension
    and non-digit removal would, also for odd shapes (only hyphens, leading or doubled)."""
    import random
    import re
    import unicodedata

    from kyojo_desk.text.phone import _EXTENSION

    def general(text: str) -> str:
        normalized = _EXTENSION.sub("", unicodedata.normalize("NFKC", text))
        return re.sub(r"\D", "", normalized)

    rng = random.Random(3)
    samples = ["-", "--", "0", "-0554-62-1111-", "090--1234-5678", "0554621111"]
    samples += ["".join(rng.choices("0123456789-", k=rng.randint(1, 16))) for _ in range(2000)]
    for text in samples:
        assert phone_digits(text) == general(text), text
