"""Japanese phone numbers as typed at a desk: full-width digits, any kind of dash."""

from __future__ import annotations

import re
import unicodedata

from kyojo_desk.errors import ValidationError

# Dashes people (and IMEs) put in phone numbers: ASCII, minus sign, hyphens, the long-vowel mark.
_DASHES = re.compile(r"[\-‐‑‒–—―−ーｰ－]")
_SEPARATORS = re.compile(r"[\s()（）]")


def phone_digits(text: str | None) -> str:
    """Only the digits of a phone number ("0554-62-1111" → "0554621111")."""
    return re.sub(r"\D", "", unicodedata.normalize("NFKC", text or ""))


def normalize_phone(text: str | None, field: str = "phone") -> str:
    """A phone number as stored: ASCII digits with hyphens where they were typed.

    Empty input gives "". Raises ValidationError for anything that is not a Japanese number
    (10 or 11 digits starting with 0).
    """
    normalized = unicodedata.normalize("NFKC", text or "").strip()
    if not normalized:
        return ""
    normalized = _DASHES.sub("-", normalized)
    normalized = _SEPARATORS.sub("-", normalized)
    normalized = re.sub(r"-{2,}", "-", normalized).strip("-")
    if not re.fullmatch(r"[0-9\-]+", normalized):
        raise ValidationError(field, "電話番号は数字とハイフンで入力してください。")
    digits = normalized.replace("-", "")
    if not digits.startswith("0") or len(digits) not in (10, 11):
        raise ValidationError(field, "電話番号は0から始まる10桁か11桁で入力してください。")
    return normalized
