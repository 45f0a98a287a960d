"""Folding keys: two spellings a volunteer would call "the same name" fold to the same key.

The key is the text without variation selectors, NFKC (full/half width), katakana turned to
hiragana (ヶ, ヵ and ケ alike), a spacing ゛/゜ joined to its kana, variant kanji (異体字, itaiji)
turned to their common form, 々 written out, ASCII lower-cased, and every space removed. The
reading key (`reading_key`) goes further for kana: small and large kana are equal and every
spelling of a long vowel (ー, a repeated vowel, う or お after the お row) is the same.
Names are stored as typed; only search and sort use the keys.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from kyojo_desk.paths import resources_dir

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
    # Where the maintained tables pick another common kanji than the one a name means.
    "舍": "舎",
    "繫": "繋",
    "巖": "巌",
}


@functools.cache
def variant_table() -> dict[int, str]:
    """Variant kanji → common form: the maintained data in resources/text/kanji_variants.tsv
    (sources and licences in its README), then the reviewed list above, chains followed."""
    mapping: dict[str, str] = {}
    path = resources_dir() / "text" / "kanji_variants.tsv"
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            variant, common, *_source = line.split("\t")
            mapping[variant] = common
    mapping.update(ITAIJI)
    for variant, common in list(mapping.items()):
        seen = {variant}
        while common in mapping and common not in seen:
            seen.add(common)
            common = mapping[common]
        mapping[variant] = common
    return str.maketrans({v: c for v, c in mapping.items() if v != c})


_KATAKANA_START, _KATAKANA_END = 0x30A1, 0x30F6  # ァ … ヶ
_HIRAGANA_OFFSET = 0x60
_SPACES = re.compile(r"\s+")
_KANA_READING = re.compile(r"^[\u3041-\u3096\u30A1-\u30FA\u30FC\u309D\u309E\u30FD\u30FE・ 　]+$")


# Katakana → hiragana as one table (str.translate runs in C: every name folded goes through it).
_TO_HIRAGANA = {code: code - _HIRAGANA_OFFSET for code in range(_KATAKANA_START, _KATAKANA_END + 1)}


def to_hiragana(text: str) -> str:
    """Katakana → hiragana (ヴ → ゔ); other characters are left alone."""
    return text.translate(_TO_HIRAGANA)


def to_katakana(text: str) -> str:
    """Hiragana → katakana, for forms printed in katakana."""
    return "".join(
        chr(ord(ch) + _HIRAGANA_OFFSET)
        if _KATAKANA_START - _HIRAGANA_OFFSET <= ord(ch) <= _KATAKANA_END - _HIRAGANA_OFFSET
        else ch
        for ch in text
    )


# Variation selectors (U+FE00–FE0F, and the ideographic ones U+E0100–E01EF that IMEs and MJ
# fonts put after 邉, 葛 …) choose a glyph, not a character: never part of a key.
_VARIATION_SELECTORS = re.compile("[\ufe00-\ufe0f\U000e0100-\U000e01ef]")
# A spacing ゛/゜ typed after a kana (ウ゛ァン) is the combining mark NFKC joins to it.
_SPACING_SOUND_MARKS = str.maketrans({"\u309b": "\u3099", "\u309c": "\u309a"})
# ヶ and ヵ (関ヶ原, 一ヵ谷) are written for ケ; after the hiragana step all are け.
_SMALL_KE = str.maketrans({"ゖ": "け", "ゕ": "け"})
_ITERATION_MARKS = "々〻"


def _expand_iteration_marks(text: str) -> str:
    """佐々木 → 佐佐木: an iteration mark repeats the character before it."""
    if not any(map(text.__contains__, _ITERATION_MARKS)):
        return text
    out: list[str] = []
    for ch in text:
        out.append(out[-1] if ch in _ITERATION_MARKS and out else ch)
    return "".join(out)


def normalize_text(text: str) -> str:
    """Variation selectors dropped, spacing ゛/゜ joined to their kana, then NFKC."""
    text = _VARIATION_SELECTORS.sub("", text).translate(_SPACING_SOUND_MARKS)
    return unicodedata.normalize("NFKC", text)


# Both folds are pure and names repeat (a town has a few hundred family names): remembered, a
# roster import or a rebuild folds each different name once.
@functools.lru_cache(maxsize=1 << 16)
def fold_key(text: str | None) -> str:
    """The search/sort key of a name, reading or query."""
    if not text:
        return ""
    folded = _expand_iteration_marks(normalize_text(text).translate(_fold_table())).lower()
    return _SPACES.sub("", folded)


@functools.cache
def _fold_table() -> dict[int, str]:
    """Katakana → hiragana, then ヶ/ヵ → け, then variant kanji → common form, as one table
    (each step maps one character at a time, so one pass through the table is the three)."""
    steps = (_TO_HIRAGANA, _SMALL_KE, variant_table())
    table: dict[int, str] = {}
    for code in set().union(*steps):
        folded = chr(code)
        for step in steps:
            folded = folded.translate(step)
        table[code] = folded
    return table


_SMALL_TO_LARGE = str.maketrans(
    {"ぁ": "あ", "ぃ": "い", "ぅ": "う", "ぇ": "え", "ぉ": "お", "っ": "つ", "ゃ": "や",
     "ゅ": "ゆ", "ょ": "よ", "ゎ": "わ", "ゕ": "か", "ゖ": "け"}
)  # fmt: skip
_VOWEL_OF: dict[str, str] = {}
for _vowel, _row in {
    "あ": "あぁかがさざただなはばぱまやゃらわゎ",
    "い": "いぃきぎしじちぢにひびぴみり",
    "う": "うぅくぐすずつづっぬふぶぷむゆゅるゔ",
    "え": "えぇけげせぜてでねへべぺめれ",
    "お": "おぉこごそぞとどのほぼぽもよょろを",
}.items():
    for _kana in _row:
        _VOWEL_OF[_kana] = _vowel


@functools.lru_cache(maxsize=1 << 16)
def reading_key(text: str | None) -> str:
    """The key of a reading: `fold_key`, then every spelling of a long vowel written as its
    vowel (お row + お/う/ー → う, ゆー → ゆう, かあ/かー → かあ) and small kana as large.

    おおの, オーノ and おうの share a key; so do ゆうこ and ユーコ, きょうこ and キヨウコ,
    はっとり and はつとり. The fold is for finding people, never for what is stored.
    """
    folded = fold_key(text)
    out: list[str] = []
    vowel = ""
    for ch in folded:
        extends = ch == "ー" or (vowel and (ch == vowel or (vowel == "お" and ch == "う")))
        if vowel and extends:
            out.append("う" if vowel == "お" else vowel)
            continue  # the vowel stays the same: おおお is one long お
        out.append(ch)
        vowel = _VOWEL_OF.get(ch, "")
    return "".join(out).translate(_SMALL_TO_LARGE)


# Readings repeat as names do: a roster import checks each different one once.
@functools.lru_cache(maxsize=1 << 14)
def is_kana_reading(text: str) -> bool:
    """True when `text` is a reading written only in kana (either script, either width)."""
    normalized = normalize_text(text or "").strip()
    return bool(normalized) and bool(_KANA_READING.match(normalized))


@functools.lru_cache(maxsize=1 << 14)
def normalize_reading(text: str) -> str:
    """A reading as stored: NFKC (half-width katakana widened), trimmed, inner spaces removed."""
    return _SPACES.sub("", normalize_text(text or ""))
