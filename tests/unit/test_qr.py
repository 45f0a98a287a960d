"""QR payloads: round trip, check characters, scanner and IME mangling."""

from __future__ import annotations

import random

import pytest

from kyojo_desk.ids import uuid7
from kyojo_desk.qr import (
    ALPHANUMERIC,
    CARD_ALPHABET,
    CARD_BODY_LENGTH,
    CardPayload,
    EventPayload,
    SheetPayload,
    UnreadableCode,
    card_payload,
    check_character,
    event_payload,
    is_valid_card_code,
    new_card_code,
    parse_payload,
    sheet_payload,
)

FULL_WIDTH = str.maketrans(
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ:",
    "０１２３４５６７８９ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ：",
)


def test_round_trips():
    code = new_card_code()
    event_id = uuid7()
    assert parse_payload(card_payload(code)) == CardPayload(code)
    assert parse_payload(event_payload(event_id)) == EventPayload(event_id)
    assert parse_payload(sheet_payload(event_id, 3)) == SheetPayload(event_id, 3)
    day_2 = sheet_payload(event_id, 3, "2026-08-02")
    assert parse_payload(day_2) == SheetPayload(event_id, 3, "2026-08-02")
    assert parse_payload(day_2.translate(FULL_WIDTH)).day == "2026-08-02"


@pytest.mark.parametrize("digits", ["20261332", "2026082", "202608021", "2026080A"])
def test_a_sheet_code_with_an_impossible_day_is_refused(digits):
    body = f"{sheet_payload(uuid7(), 3, '2026-08-02').rsplit(':', 1)[0][:-8]}{digits}"
    with pytest.raises(UnreadableCode):
        parse_payload(f"{body}:{check_character(body)}")


def test_payloads_are_upper_case_ascii_without_personal_data():
    event_id = uuid7()
    for payload in (
        card_payload(new_card_code()),
        event_payload(event_id),
        sheet_payload(event_id, 12),
        sheet_payload(event_id, 12, "2026-12-31"),
    ):
        assert set(payload) <= set(ALPHANUMERIC + ":")


def test_card_codes_are_short_random_and_checked():
    codes = {new_card_code() for _ in range(500)}
    assert len(codes) == 500
    assert all(len(c) == 8 and is_valid_card_code(c) for c in codes)


def test_card_codes_made_in_bulk_are_checked_and_use_the_whole_alphabet_evenly():
    from collections import Counter

    from kyojo_desk.qr import CARD_ALPHABET, new_card_codes

    codes = new_card_codes(3000)
    assert len(set(codes)) == 3000
    assert all(len(c) == 8 and is_valid_card_code(c) for c in codes)
    counts = Counter(character for code in codes for character in code[:7])
    assert set(counts) == set(CARD_ALPHABET)
    expected = 3000 * 7 / len(CARD_ALPHABET)  # 677 each; a bias of 1/31 would be far outside
    assert all(abs(count - expected) < 0.2 * expected for count in counts.values())


@pytest.mark.parametrize(
    "make",
    [
        lambda: card_payload(new_card_code()),
        lambda: event_payload(uuid7()),
        lambda: sheet_payload(uuid7(), 2),
        lambda: sheet_payload(uuid7(), 2, "2026-08-02"),
    ],
)
def test_every_single_character_substitution_is_caught(make):
    payload = make()
    for position, original in enumerate(payload):
        for replacement in ALPHANUMERIC + ":":
            if replacement == original:
                continue
            corrupted = payload[:position] + replacement + payload[position + 1 :]
            with pytest.raises(UnreadableCode):
                parse_payload(corrupted)


def test_a_colon_misread_as_a_digit_in_a_dated_sheet_code_is_caught():
    """Found by the substitution test above: the check character skips colons, so joining the
    page to the day with a digit made a valid-looking undated code of page 2620260802."""
    payload = "KJ1:S:01A250F0384173E99D55D742F6C2015D:2:20260802:V"
    assert parse_payload(payload).page == 2
    with pytest.raises(UnreadableCode):
        parse_payload(payload.replace(":2:", ":26", 1))


def test_swapped_neighbours_in_a_card_code_are_nearly_always_caught():
    """MOD 37,36 is a hybrid system: it misses a few swaps of neighbouring characters (about 1
    in 800), so this counts them over a fixed sample of codes instead of trusting one random
    code. One known miss keeps the count honest."""
    rng = random.Random(7)
    swaps = missed = 0
    for _ in range(2000):
        body = "".join(rng.choice(CARD_ALPHABET) for _ in range(CARD_BODY_LENGTH))
        code = body + check_character(body)
        assert is_valid_card_code(code)
        for i in range(len(code) - 1):
            if code[i] == code[i + 1]:
                continue
            swaps += 1
            missed += is_valid_card_code(code[:i] + code[i + 1] + code[i] + code[i + 2 :])
    assert swaps > 10_000
    assert missed / swaps < 0.005
    assert is_valid_card_code("CJ5447XE") and is_valid_card_code("CJ4547XE")


def test_full_width_and_ime_input_is_read():
    code = new_card_code()
    payload = card_payload(code)
    assert parse_payload(payload.translate(FULL_WIDTH)) == CardPayload(code)
    assert parse_payload(payload.lower()) == CardPayload(code)
    assert parse_payload(payload.replace(":", "；")) == CardPayload(code)
    assert parse_payload(f"  {payload}\n") == CardPayload(code)


@pytest.mark.parametrize(
    "scanned", ["", "hello", "https://example.com", "KJ2:R:ABCDEFGH", "KJ1:X:123", "KJ1:R:"]
)
def test_foreign_codes_are_unreadable_with_the_japanese_message(scanned):
    with pytest.raises(UnreadableCode) as caught:
        parse_payload(scanned)
    assert caught.value.message == "このカードは読み取れませんでした"
