"""The fast path for phone numbers written as digits and hyphens gives exactly what the
libphonenumber path gives: the same stored form for every valid number, and no answer (so
libphonenumber explains) for every number that is not valid."""

from __future__ import annotations

import random
import re

from kyojo_desk.demo import demo_people
from kyojo_desk.errors import ValidationError
from kyojo_desk.text import phone


def by_libphonenumber(text: str) -> str | None:
    try:
        return phone._checked_with_libphonenumber(text, re.sub(r"\D", "", text), "", "phone")
    except ValidationError:
        return None


def hyphenated(digits: str, rng: random.Random) -> str:
    """The digits as people write them: no hyphens, or hyphens after random groups."""
    if rng.random() < 0.3:
        return digits
    cuts = sorted(rng.sample(range(1, len(digits)), rng.choice([1, 2, 2, 3])))
    parts = [digits[a:b] for a, b in zip([0, *cuts], [*cuts, len(digits)], strict=True)]
    return "-".join(parts)


def numbers(count: int, seed: int) -> list[str]:
    """Random numbers of every length a Japanese number may have and then some, from a trunk 0,
    with prefixes chosen so that every kind of number turns up (fixed lines of each area-code
    length, mobiles, 050 IP phones, 0120/0800 free dial, 0570, 020 pagers, 060, 0990)."""
    rng = random.Random(seed)
    prefixes = ["0", "03", "06", "0554", "0120", "0800", "0570", "050", "020", "060", "070"]
    prefixes += ["080", "090", "0990", "011", "0123", "0466", "04992", "09802"]
    made = []
    for _ in range(count):
        start = rng.choice(prefixes) if rng.random() < 0.6 else "0" + str(rng.randint(1, 9))
        length = rng.choice([9, 10, 10, 10, 11, 11, 12])
        digits = start + "".join(rng.choice("0123456789") for _ in range(length - len(start)))
        made.append(hyphenated(digits, rng))
    return made


def test_fast_path_agrees_with_libphonenumber_on_many_numbers():
    written = numbers(12_000, seed=5)
    written += [p["phone"] for p in demo_people(500, seed=3) if p["phone"]]
    valid = 0
    for text in written:
        expected = by_libphonenumber(text)
        digits = re.sub(r"\D", "", text)
        assert phone._national_format_from_metadata(text, digits) == expected, text
        valid += expected is not None
    assert valid > 3000  # many valid numbers of each kind were compared, not only refusals


def test_fast_path_takes_only_the_plain_shape():
    for text in ("+81 90-1234-5678", "0554 62 1111", "(0554) 62-1111", "0554.62.1111"):
        assert phone._national_format_from_metadata(text, re.sub(r"\D", "", text)) is None
        assert phone.normalize_phone(text) == phone._normalize(text)  # libphonenumber's answer


def test_numbers_stored_the_same_either_way():
    assert phone.normalize_phone("0554621111") == "0554-62-1111"
    assert phone.normalize_phone("09012345678") == "090-1234-5678"
    assert phone.normalize_phone("0120-123-456") == "0120-123-456"
    assert phone.normalize_phone("03-1234-5678 内線12") == "03-1234-5678 内線12"
