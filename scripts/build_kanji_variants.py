"""Build resources/text/kanji_variants.tsv: variant kanji → the form most people type.

Run by hand when a source is updated; the desk only reads the TSV. Sources, in order of trust
(an earlier source wins):
1. joyokanji (PyPI, Apache-2.0): the 旧字体 → 新字体 pairs of the 常用漢字表 and a few
   name variants (config/kanji.json, config/variants.json).
2. An edge attested by BOTH the Unihan database (Unicode, kSemanticVariant, kZVariant,
   kSpecializedSemanticVariant, kSimplifiedVariant, kTraditionalVariant) and ja-itaiji (PyPI,
   MIT, data/term/ja-itaiji.json), towards a JIS X 0208 level-1 kanji.
3. A ja-itaiji family in which exactly one member is in a more common JIS level than the
   variant (level 1 over level 2 over JIS X 0212 over anything else) and lists it back.
A common (JIS level-1) kanji is never folded by 2 and 3: 斉 and 斎 stay apart unless the
desk's own reviewed list (kyojo_desk/text/fold.py) says otherwise.

Usage: python scripts/build_kanji_variants.py UNIHAN_DIR JA_ITAIJI_JSON JOYOKANJI_CONFIG_DIR
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path

OUTPUT = Path(__file__).resolve().parent.parent / "resources" / "text" / "kanji_variants.tsv"
UNIHAN_FIELDS = (
    "kSemanticVariant",
    "kZVariant",
    "kSpecializedSemanticVariant",
    "kSimplifiedVariant",
    "kTraditionalVariant",
)


def jis_level(char: str) -> int:
    """1 and 2: JIS X 0208 kanji levels; 3: JIS X 0212; 9: neither (EUC-JP byte ranges)."""
    try:
        encoded = char.encode("euc_jp")
    except UnicodeEncodeError:
        return 9
    if len(encoded) == 3:
        return 3
    if len(encoded) == 2 and 0xB0 <= encoded[0] <= 0xCF:
        return 1
    if len(encoded) == 2 and 0xD0 <= encoded[0] <= 0xF4:
        return 2
    return 9


def is_kanji(char: str) -> bool:
    code = ord(char)
    return 0x3400 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF or 0x20000 <= code <= 0x3FFFF


def unihan_edges(directory: Path) -> dict[str, set[str]]:
    edges: dict[str, set[str]] = defaultdict(set)
    for name in UNIHAN_FIELDS:
        for line in (directory / f"{name}.txt").read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            parts = line.split("\t")
            source = chr(int(parts[0].split()[0][2:], 16))
            for value in parts[2].split():
                target = chr(int(value.split("<")[0][2:], 16))
                edges[source].add(target)
                edges[target].add(source)
    return edges


def build(unihan_dir: Path, itaiji_json: Path, joyokanji_dir: Path) -> dict[str, tuple[str, str]]:
    families: dict[str, list[str]] = json.loads(itaiji_json.read_text(encoding="utf-8"))
    unihan = unihan_edges(unihan_dir)
    table: dict[str, tuple[str, str]] = {}
    for name in ("kanji.json", "variants.json"):
        for variant, common in json.loads((joyokanji_dir / name).read_text("utf-8")).items():
            if variant != common:
                table.setdefault(variant, (common, "joyokanji"))
    for char in sorted(set(families) | set(unihan)):
        if char in table or not is_kanji(char) or jis_level(char) == 1:
            continue
        both = {
            t
            for t in set(families.get(char, ())) & unihan.get(char, set())
            if t != char and is_kanji(t) and jis_level(t) == 1
        }
        if len(both) == 1:
            table[char] = (both.pop(), "unihan+ja-itaiji")
    for char in sorted(families):
        if char in table or not is_kanji(char) or jis_level(char) == 1:
            continue
        better = [
            t
            for t in families[char]
            if t != char
            and is_kanji(t)
            and jis_level(t) < jis_level(char)
            and char in families.get(t, ())
        ]
        if better:
            best_level = min(jis_level(t) for t in better)
            best = {t for t in better if jis_level(t) == best_level}
            if len(best) == 1:
                table[char] = (best.pop(), "ja-itaiji")
    # Follow chains (a → b → c) so one pass of str.translate reaches the final form.
    for variant, (common, source) in list(table.items()):
        seen = {variant}
        while common in table and common not in seen:
            seen.add(common)
            common = table[common][0]
        table[variant] = (common, source)
    return {v: t for v, t in table.items() if v != t[0]}


def main() -> None:
    unihan_dir, itaiji_json, joyokanji_dir = (Path(a) for a in sys.argv[1:4])
    table = build(unihan_dir, itaiji_json, joyokanji_dir)
    lines = ["# variant\tcommon form\tsource (see README.md beside this file)"]
    lines += [f"{v}\t{c}\t{s}" for v, (c, s) in sorted(table.items())]
    OUTPUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(table)} variants written to {OUTPUT}")


if __name__ == "__main__":
    main()
