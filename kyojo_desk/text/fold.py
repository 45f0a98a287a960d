"""Folding keys: two spellings a volunteer would call "the same name" fold to the same key.

The key is NFKC (full/half width), katakana turned to hiragana, variant kanji (異体字, itaiji)
turned to their common form, ASCII lower-cased, and every space removed. Names are stored as
typed; only search and sort use the key.
"""

from __future__ import annotations

import re
import unicodedata

# Variant kanji seen in Japanese family names, folded to the form most people type.
ITAIJI = {
    "髙": "高",
    "﨑": "崎",
    "嵜": "崎",
    "碕": "崎",
    "邊": "辺",
    "邉": "辺",
    "齋": "斎",
    "齊": "斎",
    "斉": "斎",
    "濱": "浜",
    "濵": "浜",
    "澤": "沢",
    "櫻": "桜",
    "廣": "広",
    "國": "国",
    "德": "徳",
    "眞": "真",
    "冨": "富",
    "與": "与",
    "龍": "竜",
    "𠮷": "吉",
    "桒": "桑",
    "舘": "館",
    "藪": "薮",
    "籔": "薮",
    "嶋": "島",
    "嶌": "島",
    "峯": "峰",
    "槇": "槙",
    "曾": "曽",
    "惠": "恵",
    "榮": "栄",
    "壽": "寿",
    "實": "実",
    "莊": "荘",
    "條": "条",
    "淵": "渕",
    "淺": "浅",
    "傳": "伝",
    "兒": "児",
    "黑": "黒",
    "靜": "静",
    "驒": "騨",
    "瀨": "瀬",
    "禮": "礼",
    "戶": "戸",
    "靑": "青",
    "瀧": "滝",
    "遙": "遥",
    "凜": "凛",
    "彌": "弥",
    "豐": "豊",
    "綠": "緑",
}
_ITAIJI_TABLE = str.maketrans(ITAIJI)

_KATAKANA_START, _KATAKANA_END = 0x30A1, 0x30F6  # ァ … ヶ
_HIRAGANA_OFFSET = 0x60
_SPACES = re.compile(r"\s+")
_KANA_READING = re.compile(r"^[\u3041-\u3096\u30A1-\u30FA\u30FC\u309D\u309E\u30FD\u30FE・ 　]+$")


def to_hiragana(text: str) -> str:
    """Katakana → hiragana (ヴ → ゔ); other characters are left alone."""
    return "".join(
        chr(ord(ch) - _HIRAGANA_OFFSET) if _KATAKANA_START <= ord(ch) <= _KATAKANA_END else ch
        for ch in text
    )


def to_katakana(text: str) -> str:
    """Hiragana → katakana, for forms printed in katakana."""
    return "".join(
        chr(ord(ch) + _HIRAGANA_OFFSET)
        if _KATAKANA_START - _HIRAGANA_OFFSET <= ord(ch) <= _KATAKANA_END - _HIRAGANA_OFFSET
        else ch
        for ch in text
    )


def fold_key(text: str | None) -> str:
    """The search/sort key of a name, reading or query."""
    if not text:
        return ""
    folded = unicodedata.normalize("NFKC", text)
    folded = to_hiragana(folded).translate(_ITAIJI_TABLE).lower()
    return _SPACES.sub("", folded)


def is_kana_reading(text: str) -> bool:
    """True when `text` is a reading written only in kana (either script, either width)."""
    normalized = unicodedata.normalize("NFKC", text or "").strip()
    return bool(normalized) and bool(_KANA_READING.match(normalized))


def normalize_reading(text: str) -> str:
    """A reading as stored: NFKC (half-width katakana widened), trimmed, inner spaces removed."""
    return _SPACES.sub("", unicodedata.normalize("NFKC", text or ""))
