"""Suggested readings (furigana) for Japanese text, as `{漢字|かんじ}` ruby markup.

SudachiPy with the core dictionary reads whole words (it was the most accurate of the readers
measured on ten sentences; see FACTS). Local place and person names the dictionary misreads are
fixed by an override table. Ruby is put on the kanji part only: 書き → {書|か}き.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kyojo_desk.text.fold import to_hiragana

# Names of the Uenohara area (and common local given names) read as people here read them.
LOCAL_READINGS: dict[str, str] = {
    "上野原": "うえのはら",
    "談合坂": "だんごうざか",
    "棡原": "ゆずりはら",
    "秋山": "あきやま",
    "大目": "おおめ",
    "甲東": "こうとう",
    "巌": "いわお",
    "鶴島": "つるしま",
    "大鶴": "おおつる",
    "西原": "さいはら",
    "島田": "しまだ",
    "四方津": "しおつ",
    "新田": "しんでん",
    "共助": "きょうじょ",
}

_KANJI = re.compile(r"[\u3400-\u9fff\uf900-\ufaff々〆ヶ]")
_MARKUP = re.compile(r"\{([^{}|]+)\|([^{}|]+)\}")


@dataclass(frozen=True)
class Segment:
    """A piece of text; `reading` is the ruby over it (empty when it needs none)."""

    text: str
    reading: str = ""


def has_kanji(text: str) -> bool:
    """True when the text holds at least one kanji (or 々 / ヶ)."""
    return bool(_KANJI.search(text))


@lru_cache(maxsize=1)
def _tokenizer():  # noqa: ANN202 - sudachipy's Tokenizer type
    from sudachipy import Dictionary

    return Dictionary(dict="core").tokenizer()


def split_okurigana(word: str, reading: str) -> list[Segment]:
    """Put the reading on the kanji parts only: kana at either end (and in between) of the word
    that also appear in the reading are left without ruby. 書き/かき → [書|か] き."""
    parts = re.findall(
        r"[\u3400-\u9fff\uf900-\ufaff々〆ヶ]+|[^\u3400-\u9fff\uf900-\ufaff々〆ヶ]+", word
    )
    if len(parts) == 1:
        return [Segment(word, reading)]
    # Build a regex: kanji runs capture one or more characters, kana runs match literally.
    pattern = "".join(
        "(.+?)" if has_kanji(part) else re.escape(to_hiragana(part)) for part in parts
    )
    match = re.fullmatch(pattern, reading)
    if match is None:
        return [Segment(word, reading)]
    groups = iter(match.groups())
    return [Segment(part, next(groups)) if has_kanji(part) else Segment(part) for part in parts]


def _apply_overrides(text: str) -> list[tuple[str, str | None]]:
    """Split the text around local names; a found name carries its fixed reading."""
    names = sorted(LOCAL_READINGS, key=len, reverse=True)
    pattern = re.compile("|".join(map(re.escape, names)))
    pieces: list[tuple[str, str | None]] = []
    position = 0
    for match in pattern.finditer(text):
        if match.start() > position:
            pieces.append((text[position : match.start()], None))
        pieces.append((match.group(), LOCAL_READINGS[match.group()]))
        position = match.end()
    if position < len(text):
        pieces.append((text[position:], None))
    return pieces


def suggest_segments(text: str) -> list[Segment]:
    """The text cut into segments, a suggested hiragana reading on each kanji word."""
    segments: list[Segment] = []
    for piece, fixed in _apply_overrides(text):
        if fixed is not None:
            segments.append(Segment(piece, fixed))
            continue
        if not has_kanji(piece):
            segments.append(Segment(piece))
            continue
        for morpheme in _tokenizer().tokenize(piece):
            surface = morpheme.surface()
            if not has_kanji(surface):
                segments.append(Segment(surface))
                continue
            reading = to_hiragana(morpheme.reading_form())
            segments.extend(split_okurigana(surface, reading))
    return _merge_plain(segments)


def _merge_plain(segments: list[Segment]) -> list[Segment]:
    merged: list[Segment] = []
    for segment in segments:
        if merged and not segment.reading and not merged[-1].reading:
            merged[-1] = Segment(merged[-1].text + segment.text)
        else:
            merged.append(segment)
    return merged


def to_markup(segments: list[Segment]) -> str:
    """Segments as `{漢字|かんじ}` markup."""
    return "".join(f"{s.text}" if not s.reading else f"{{{s.text}|{s.reading}}}" for s in segments)


def suggest_markup(text: str) -> str:
    """The text with `{漢字|かんじ}` markup on every kanji word (suggested readings)."""
    return to_markup(suggest_segments(text))


def parse_markup(text: str, suggest: bool = False) -> list[Segment]:
    """Segments from text with `{漢字|かんじ}` markup. With `suggest`, kanji outside the markup
    get suggested readings too; without, they are left without ruby."""
    segments: list[Segment] = []
    position = 0
    for match in _MARKUP.finditer(text):
        plain = text[position : match.start()]
        if plain:
            segments.extend(suggest_segments(plain) if suggest else [Segment(plain)])
        segments.append(Segment(match.group(1), match.group(2)))
        position = match.end()
    rest = text[position:]
    if rest:
        segments.extend(suggest_segments(rest) if suggest else [Segment(rest)])
    return _merge_plain(segments)


def strip_markup(text: str) -> str:
    """The base text of `{漢字|かんじ}` markup (readings dropped)."""
    return _MARKUP.sub(lambda m: m.group(1), text)
