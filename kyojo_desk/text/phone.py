"""Japanese phone numbers as typed at a desk, checked against libphonenumber's data.

Accepted: full-width digits, any kind of dash or bracket, `+81` (with or without the trunk 0),
a `TEL`/`℡`/`電話` label in front, and an extension (内線 123, ext. 123) kept after the number.
Numbers are stored in one national format (`0554-62-1111`, `090-1234-5678`,
`03-1234-5678 内線123`). A number that cannot exist is refused with the reason.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Any

import phonenumbers
from phonenumbers import NumberParseException, ValidationResult

from kyojo_desk.errors import ValidationError
from kyojo_desk.texts import N_, message

EXTENSION_LABEL = "内線"
# Dashes people (and IMEs) put in phone numbers: ASCII, minus sign, hyphens, the long-vowel mark.
_DASHES = re.compile(r"[\-‐‑‒–—―−ーｰ－]")
_LABEL = re.compile(r"^(?:tel|phone|電話番号|電話|携帯|自宅)\s*[.:：]?\s*", re.IGNORECASE)
_EXTENSION = re.compile(
    r"\s*\(?\s*(?:内線|内|ext\.?|extension|x)\s*[.:：]?\s*(\d{1,6})\s*\)?\s*$", re.IGNORECASE
)
_MOBILE = re.compile(r"0[6789]0")  # 060/070/080/090: mobile numbers are always 11 digits
_ALLOWED = re.compile(r"[0-9+\-\s().]+")


_NOT_DIGIT = re.compile(r"\D")
# A number as the desk stores it (ASCII digits and hyphens, no extension): its digits are
# simply those characters without the hyphens.
_PLAIN_NUMBER = re.compile(r"[0-9\-]*")


@functools.lru_cache(maxsize=1 << 14)  # asked again for the same numbers by search and import
def phone_digits(text: str | None) -> str:
    """Only the digits of a phone number, without its extension ("0554-62-1111" → "0554621111")."""
    if text and _PLAIN_NUMBER.fullmatch(text):
        return text.replace("-", "")
    normalized = unicodedata.normalize("NFKC", text or "")
    normalized = _EXTENSION.sub("", normalized)
    return _NOT_DIGIT.sub("", normalized)


def normalize_phone(text: str | None, field: str = "phone") -> str:
    """A phone number as stored: national format, hyphens where Japan puts them, the extension
    after `内線`. Empty input gives "". Raises ValidationError saying why a number is refused."""
    stored, reason = _checked(text or "")
    if reason is not None:
        raise ValidationError(field, reason)
    return stored


@functools.lru_cache(maxsize=50_000)
def _checked(text: str) -> tuple[str, str | None]:
    """(the number as stored, None) or ("", why it is refused). Remembered: libphonenumber takes
    ~0.1 ms a number, and a roster import reads every row twice (the trial, then the import)."""
    try:
        return _normalize(text), None
    except ValidationError as error:
        return "", error.message


def _normalize(text: str, field: str = "phone") -> str:
    """The checks of `normalize_phone`, raising ValidationError (not remembered)."""
    normalized = unicodedata.normalize("NFKC", text or "").strip()  # ℡ → TEL, full width
    if not normalized:
        return ""
    normalized = _LABEL.sub("", normalized)
    extension = ""
    found = _EXTENSION.search(normalized)
    if found:
        extension = found.group(1)
        normalized = normalized[: found.start()]
    normalized = _DASHES.sub("-", normalized).strip()
    if not normalized or not _ALLOWED.fullmatch(normalized):
        raise ValidationError(field, N_("電話番号は数字とハイフンで入力してください。"))
    digits = _NOT_DIGIT.sub("", normalized)
    fast = _national_format_from_metadata(normalized, digits)
    if fast is not None:
        return f"{fast} {EXTENSION_LABEL}{extension}" if extension else fast
    return _checked_with_libphonenumber(normalized, digits, extension, field)


def _checked_with_libphonenumber(normalized: str, digits: str, extension: str, field: str) -> str:
    """libphonenumber's parser and checks, for every number the fast path does not take, with
    the reason a number is refused."""
    if not normalized.startswith("+") and not digits.startswith("0"):
        raise ValidationError(
            field,
            N_("電話番号は0から始めてください（市外局番から。携帯は090・080・070など）。"),
        )
    if digits.startswith("00"):
        raise ValidationError(
            field, N_("00で始まる番号は国際電話の番号です。日本の番号は0を1つにしてください。")
        )
    try:
        number = phonenumbers.parse(normalized, "JP")
    except NumberParseException:
        raise ValidationError(field, N_("電話番号として読み取れません。")) from None
    if number.country_code != 81:
        raise ValidationError(field, N_("日本の電話番号を入力してください。"))
    possible = phonenumbers.is_possible_number_with_reason(number)
    if possible == ValidationResult.TOO_SHORT:
        raise ValidationError(
            field,
            message("電話番号の桁が足りません（{count}桁）。", count=len(_national(number))),
        )
    if possible == ValidationResult.TOO_LONG:
        raise ValidationError(
            field,
            message("電話番号の桁が多すぎます（{count}桁）。", count=len(_national(number))),
        )
    national = _national(number)
    if _MOBILE.match(national) and len(national) != 11:
        raise ValidationError(
            field,
            message("携帯電話の番号は11桁です（入力は{count}桁）。", count=len(national)),
        )
    if possible != ValidationResult.IS_POSSIBLE or not phonenumbers.is_valid_number(number):
        if national[:4] not in ("0120", "0570", "0800") and len(national) != 10:
            raise ValidationError(
                field,
                message(
                    "固定電話の番号は市外局番から10桁です（入力は{count}桁）。",
                    count=len(national),
                ),
            )
        raise ValidationError(
            field,
            message(
                "{number} は使われていない番号の形です。市外局番からもう一度確かめてください。",
                number=_national(number),
            ),
        )
    formatted = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return f"{formatted} {EXTENSION_LABEL}{extension}" if extension else formatted


def _national(number: phonenumbers.PhoneNumber) -> str:
    """The digits as dialled inside Japan (with the trunk 0)."""
    return "0" + str(number.national_number)


# -- the common shape without the parser -------------------------------------------------------
#
# Nearly every number on a roster is written as digits and hyphens from a single trunk 0
# (0554-62-1111, 090-1234-5678). For those, the same answer as libphonenumber's parse, validity
# check and national format is read straight from its metadata for Japan, about twenty times
# faster; anything else, and every number that is not valid, goes through libphonenumber
# itself (which then says why). tests/unit/test_phone_fast_path.py compares both over many
# thousands of numbers.

_PLAIN = re.compile(r"[0-9\-]+")
_TRUNK_ZERO = re.compile(r"0[1-9]")
_MOBILE_PREFIX = re.compile(r"[6789]0")  # after the trunk 0: 060/070/080/090


@functools.cache
def _japan_metadata() -> tuple[
    tuple[tuple[int, ...], re.Pattern[str]],
    list[tuple[tuple[int, ...], re.Pattern[str]]],
    list[tuple[re.Pattern[str] | None, re.Pattern[str], str]],
]:
    """libphonenumber's patterns for Japan, compiled once: the general description, every
    number type (a valid number matches the first and one of the others; lengths first, as
    libphonenumber checks them), and the national formats in its order of preference, each
    with its rule for the trunk prefix already applied to the first group."""
    from phonenumbers import PhoneMetadata

    metadata = PhoneMetadata.metadata_for_region("JP")

    def description(desc: Any) -> tuple[tuple[int, ...], re.Pattern[str]]:
        return tuple(desc.possible_length), re.compile(desc.national_number_pattern)

    kinds = [
        getattr(metadata, name)
        # Any one matching makes a number valid; the common kinds are tried first.
        for name in (
            "fixed_line",
            "mobile",
            "premium_rate",
            "toll_free",
            "shared_cost",
            "voip",
            "personal_number",
            "pager",
            "uan",
            "voicemail",
        )
    ]
    formats = []
    for number_format in metadata.number_format:
        leading = number_format.leading_digits_pattern
        rule = number_format.format
        if number_format.national_prefix_formatting_rule:
            rule = re.sub(r"(\\\d)", number_format.national_prefix_formatting_rule, rule, count=1)
        formats.append(
            (re.compile(leading[-1]) if leading else None, re.compile(number_format.pattern), rule)
        )
    return (
        description(metadata.general_desc),
        [description(kind) for kind in kinds if kind is not None],
        formats,
    )


def _matches(national: str, desc: tuple[tuple[int, ...], re.Pattern[str]]) -> bool:
    lengths, pattern = desc
    return (not lengths or len(national) in lengths) and pattern.fullmatch(national) is not None


def _national_format_from_metadata(normalized: str, digits: str) -> str | None:
    """The stored form of a valid number written as digits and hyphens from one trunk 0, as
    libphonenumber would give it; None for any other input or any number not valid."""
    if not _PLAIN.fullmatch(normalized) or not _TRUNK_ZERO.match(digits):
        return None
    national = digits[1:]  # what libphonenumber keeps after taking off the trunk 0
    if _MOBILE_PREFIX.match(national) and len(digits) != 11:
        return None  # refused with its own message (a mobile number is 11 digits)
    general, kinds, formats = _japan_metadata()
    if not _matches(national, general) or not any(_matches(national, kind) for kind in kinds):
        return None
    for leading, pattern, rule in formats:
        if (leading is None or leading.match(national)) and pattern.fullmatch(national):
            return pattern.sub(rule, national)
    return national
