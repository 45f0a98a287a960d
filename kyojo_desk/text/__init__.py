"""Japanese text: folding keys for search and sort, 和暦 (wareki) dates, readings, phones."""

from kyojo_desk.text.fold import fold_key, is_kana_reading, to_hiragana, to_katakana
from kyojo_desk.text.phone import normalize_phone, phone_digits
from kyojo_desk.text.wareki import format_wareki, parse_birth_date

__all__ = [
    "fold_key",
    "format_wareki",
    "is_kana_reading",
    "normalize_phone",
    "parse_birth_date",
    "phone_digits",
    "to_hiragana",
    "to_katakana",
]
