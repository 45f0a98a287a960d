"""What the QR codes on member cards and sign-in sheets say, and how a scan is read back.

Payloads are short, versioned, upper-case ASCII (digits, A–Z and ':') so that they survive a USB
scanner typing through a Japanese IME; a scan is NFKC-folded before parsing, so full-width input
works. No personal data is ever in a payload.

- member card  ``KJ1:R:<card code>``; the card code carries its own check character
- event        ``KJ1:E:<event id as 32 hex digits>:<check>``
- sheet page   ``KJ1:S:<event id as 32 hex digits>:<page>[:<day as YYYYMMDD>]:<check>``; the
  day only on the sheets of a multi-day event, which print one day each

Check characters are ISO/IEC 7064 MOD 37,36 over the alphanumerics, which catches every
single-character substitution and nearly every swap of two neighbouring characters (a hybrid
system misses about 1 in 800 such swaps, e.g. CJ5447XE → CJ4547XE). A scanner reads the QR code,
whose own error correction makes either mistake impossible; the check character guards a code
typed by hand.
"""

from __future__ import annotations

import datetime as dt
import secrets
import unicodedata
import uuid
from dataclasses import dataclass

from kyojo_desk.errors import KyojoError
from kyojo_desk.texts import N_

PREFIX = "KJ1"
ALPHANUMERIC = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
# Card codes avoid characters a person could misread when typing one by hand (0/O, 1/I/L).
CARD_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CARD_BODY_LENGTH = 7
UNREADABLE = N_("このカードは読み取れませんでした")

# IMEs and scanner keyboard layouts turn some characters into look-alikes; NFKC does the rest.
_LOOKALIKES = str.maketrans({"：": ":", "；": ":", ";": ":", "ー": "-", "−": "-"})


class UnreadableCode(KyojoError):
    """A scan that is not one of ours, or was misread."""

    def __init__(self, message: str = UNREADABLE) -> None:
        super().__init__(message)


def check_character(text: str) -> str:
    """ISO/IEC 7064 MOD 37,36 check character for the alphanumerics of `text`."""
    modulus = 36
    product = modulus
    for ch in text:
        if ch not in ALPHANUMERIC:
            continue
        total = (product + ALPHANUMERIC.index(ch)) % modulus or modulus
        product = (total * 2) % (modulus + 1)
    return ALPHANUMERIC[(modulus + 1 - product) % modulus]


def new_card_code() -> str:
    """A random member-card code: 7 characters and a check character, e.g. ``K7PX3M9Q``."""
    body = "".join(secrets.choice(CARD_ALPHABET) for _ in range(CARD_BODY_LENGTH))
    return body + check_character(body)


def new_card_codes(count: int) -> list[str]:
    """`count` random member-card codes made at once (a roster import), drawn like
    `new_card_code`'s from the system's random source, but in one read of it: each random byte
    below the largest multiple of the alphabet's size gives one character, the rest are
    dropped so that every character stays equally likely."""
    size = len(CARD_ALPHABET)
    below = 256 - 256 % size
    needed = count * CARD_BODY_LENGTH
    characters: list[str] = []
    while len(characters) < needed:
        characters += [
            CARD_ALPHABET[byte % size]
            for byte in secrets.token_bytes(needed - len(characters) + 16)
            if byte < below
        ]
    bodies = (
        "".join(characters[i : i + CARD_BODY_LENGTH]) for i in range(0, needed, CARD_BODY_LENGTH)
    )
    return [body + check_character(body) for body in bodies]


def is_valid_card_code(code: str) -> bool:
    code = normalize_scan(code)
    return (
        len(code) == CARD_BODY_LENGTH + 1
        and all(ch in ALPHANUMERIC for ch in code)
        and check_character(code[:-1]) == code[-1]
    )


def normalize_scan(text: str) -> str:
    """What a scanner typed, folded back to the payload alphabet (full width, IME colons, case)."""
    folded = unicodedata.normalize("NFKC", text or "").translate(_LOOKALIKES)
    return "".join(folded.split()).upper()


@dataclass(frozen=True)
class CardPayload:
    card_code: str


@dataclass(frozen=True)
class EventPayload:
    event_id: str


@dataclass(frozen=True)
class SheetPayload:
    event_id: str
    page: int
    day: str | None = None  # ISO date: the day of a multi-day event the page is for


Payload = CardPayload | EventPayload | SheetPayload


def _hex_id(record_id: str) -> str:
    return uuid.UUID(record_id).hex.upper()


def card_payload(card_code: str) -> str:
    return f"{PREFIX}:R:{card_code}"


def event_payload(event_id: str) -> str:
    body = f"{PREFIX}:E:{_hex_id(event_id)}"
    return f"{body}:{check_character(body)}"


def sheet_payload(event_id: str, page: int, day: str | None = None) -> str:
    """A sign-in sheet page's code; `day` (ISO) for a page of one day of a multi-day event."""
    body = f"{PREFIX}:S:{_hex_id(event_id)}:{page}"
    if day is not None:
        body += ":" + dt.date.fromisoformat(day).strftime("%Y%m%d")
    return f"{body}:{check_character(body)}"


def _day(digits: str) -> str:
    """An ISO date from the YYYYMMDD of a sheet code."""
    if len(digits) != 8 or not digits.isdigit():
        raise UnreadableCode()
    try:
        return dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:])).isoformat()
    except ValueError:
        raise UnreadableCode() from None


def parse_payload(scanned: str) -> Payload:
    """Read a scan back. Raises UnreadableCode for a misread, foreign or corrupted code."""
    text = normalize_scan(scanned)
    parts = text.split(":")
    if len(parts) < 3 or parts[0] != PREFIX:
        raise UnreadableCode()
    kind = parts[1]
    if kind == "R" and len(parts) == 3 and is_valid_card_code(parts[2]):
        return CardPayload(parts[2])
    if kind in ("E", "S") and check_character(":".join(parts[:-1])) == parts[-1]:
        try:
            event_id = str(uuid.UUID(hex=parts[2]))
        except ValueError:
            raise UnreadableCode() from None
        if kind == "E" and len(parts) == 4:
            return EventPayload(event_id)
        # The check character skips the colons, so a colon misread as a digit joins the page
        # to the day ("2:20260802" → "2620260802") and still checks: no sheet has 10 000 pages.
        if kind == "S" and len(parts) in (5, 6) and parts[3].isdigit() and len(parts[3]) <= 4:
            day = _day(parts[4]) if len(parts) == 6 else None
            return SheetPayload(event_id, int(parts[3]), day)
    raise UnreadableCode()
