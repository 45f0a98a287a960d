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
        ("09012345678", "09012345678"),
        ("", ""),
    ],
)
def test_normalize(typed, stored):
    assert normalize_phone(typed) == stored


@pytest.mark.parametrize("typed", ["12-34", "0554-62-11", "abc", "1554621111", "0554-62-11111-1"])
def test_bad_numbers_are_refused(typed):
    with pytest.raises(ValidationError) as caught:
        normalize_phone(typed)
    assert "電話番号" in caught.value.message


def test_digits():
    assert phone_digits("０５５４－６２－１１１１") == "0554621111"
