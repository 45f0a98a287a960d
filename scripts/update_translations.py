"""Collect the desk's translatable texts into resources/i18n/*.ts and compile the .qm files.

Usage:
    python scripts/update_translations.py          # update the .ts files, then compile .qm
    python scripts/update_translations.py --check  # exit 1 if a .ts is stale or unfinished

What counts as a translatable text (read from the source with `ast`, so implicitly joined
literals and any quoting work):
- `self.tr("…")` — context: the class the call is written in (what PySide6 looks up);
- `QCoreApplication.translate("context", "…")` and `QT_TRANSLATE_NOOP("context", "…")`;
- with a literal second argument to `self.tr` (third to `translate`), the same text in one context
  gets a separate translation per meaning (Qt's disambiguation, the .ts `<comment>`);
- `N_("…")` and `message("…", …)` from kyojo_desk.texts — context `kyojo`.

Existing translations are kept; texts no longer in the source are dropped; new ones are added
unfinished for a translator (Qt Linguist opens the .ts files).
"""

from __future__ import annotations

import argparse
import ast
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE_DIR = ROOT / "kyojo_desk"
I18N_DIR = ROOT / "resources" / "i18n"
LANGUAGES = {"en": "en_GB"}
DOMAIN_CONTEXT = "kyojo"


@dataclass
class Catalog:
    """Source texts (with their disambiguation, "" if none) by context, in the order first met,
    with where each was found."""

    texts: dict[str, dict[tuple[str, str], list[str]]] = field(default_factory=dict)

    def add(self, context: str, source: str, location: str, comment: str = "") -> None:
        self.texts.setdefault(context, {}).setdefault((source, comment), []).append(location)


def _literal(node: ast.AST) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def _call_name(node: ast.Call) -> tuple[str, str]:
    """(owner, name) of a call: ('self', 'tr'), ('QCoreApplication', 'translate'), ('', 'N_')."""
    function = node.func
    if isinstance(function, ast.Attribute):
        owner = function.value.id if isinstance(function.value, ast.Name) else ""
        return owner, function.attr
    if isinstance(function, ast.Name):
        return "", function.id
    return "", ""


class _Collector(ast.NodeVisitor):
    def __init__(self, catalog: Catalog, path: str) -> None:
        self.catalog = catalog
        self.path = path
        self.classes: list[str] = []

    def visit_ClassDef(self, node: ast.ClassDef) -> None:  # noqa: N802 - ast's visitor names
        self.classes.append(node.name)
        self.generic_visit(node)
        self.classes.pop()

    def visit_Call(self, node: ast.Call) -> None:  # noqa: N802
        owner, name = _call_name(node)
        args = node.args
        where = f"{self.path}:{node.lineno}"
        if owner == "self" and name == "tr" and args and self.classes:
            text = _literal(args[0])
            comment = (_literal(args[1]) if len(args) > 1 else "") or ""
            if text is not None:
                self.catalog.add(self.classes[-1], text, where, comment)
        elif (owner, name) in (("QCoreApplication", "translate"), ("", "QT_TRANSLATE_NOOP")):
            if len(args) >= 2:
                context, text = _literal(args[0]), _literal(args[1])
                comment = (_literal(args[2]) if len(args) > 2 else "") or ""
                if context is not None and text is not None:
                    self.catalog.add(context, text, where, comment)
        elif owner == "" and name in ("N_", "message") and args:
            text = _literal(args[0])
            if text is not None:
                self.catalog.add(DOMAIN_CONTEXT, text, where)
        self.generic_visit(node)


def collect(source_dir: Path = SOURCE_DIR) -> Catalog:
    catalog = Catalog()
    for path in sorted(source_dir.rglob("*.py")):
        relative = path.relative_to(source_dir.parent).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=relative)
        _Collector(catalog, relative).visit(tree)
    return catalog


def read_translations(ts_path: Path) -> dict[tuple[str, str, str], str]:
    """{(context, source, disambiguation): translation} of the finished entries of a .ts file."""
    if not ts_path.exists():
        return {}
    found: dict[tuple[str, str], str] = {}
    for context in ElementTree.parse(ts_path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for entry in context.iter("message"):
            translation = entry.find("translation")
            if translation is None or translation.get("type") in ("unfinished", "obsolete"):
                continue
            key = (name, entry.findtext("source") or "", entry.findtext("comment") or "")
            found[key] = translation.text or ""
    return found


def render_ts(
    catalog: Catalog, language: str, translations: dict[tuple[str, str, str], str]
) -> str:
    root = ElementTree.Element("TS", version="2.1", language=language, sourcelanguage="ja_JP")
    for context_name in sorted(catalog.texts):
        context = ElementTree.SubElement(root, "context")
        ElementTree.SubElement(context, "name").text = context_name
        for (source, comment), locations in catalog.texts[context_name].items():
            entry = ElementTree.SubElement(context, "message")
            # Files only, not lines: an edit elsewhere in a file must not make the .ts stale.
            for filename in dict.fromkeys(location.rsplit(":", 1)[0] for location in locations):
                ElementTree.SubElement(entry, "location", filename=f"../../{filename}")
            ElementTree.SubElement(entry, "source").text = source
            if comment:
                ElementTree.SubElement(entry, "comment").text = comment
            translation = ElementTree.SubElement(entry, "translation")
            known = translations.get((context_name, source, comment))
            if known:
                translation.text = known
            else:
                translation.set("type", "unfinished")
    ElementTree.indent(root, space="    ")
    body = ElementTree.tostring(root, encoding="unicode")
    return f'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n{body}\n'


def unfinished(ts_text: str) -> list[str]:
    root = ElementTree.fromstring(ts_text)
    return [
        f"{context.findtext('name')}: {entry.findtext('source')}"
        for context in root.iter("context")
        for entry in context.iter("message")
        if entry.find("translation").get("type") == "unfinished"
    ]


def lrelease_program() -> str:
    found = shutil.which("pyside6-lrelease")
    if found:
        return found
    import PySide6

    return str(Path(PySide6.__file__).parent / "lrelease")


def compile_qm(ts_path: Path) -> Path:
    qm_path = ts_path.with_suffix(".qm")
    subprocess.run(
        [lrelease_program(), "-silent", str(ts_path), "-qm", str(qm_path)],
        check=True,
    )
    return qm_path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check; change nothing")
    arguments = parser.parse_args(argv)
    catalog = collect()
    problems: list[str] = []
    for code, language in LANGUAGES.items():
        ts_path = I18N_DIR / f"kyojo_desk_{code}.ts"
        text = render_ts(catalog, language, read_translations(ts_path))
        missing = unfinished(text)
        if arguments.check:
            if not ts_path.exists() or ts_path.read_text(encoding="utf-8") != text:
                problems.append(f"{ts_path.name} is stale: run scripts/update_translations.py")
            problems += [f"{ts_path.name}: not translated: {item}" for item in missing]
            continue
        I18N_DIR.mkdir(parents=True, exist_ok=True)
        ts_path.write_text(text, encoding="utf-8")
        compile_qm(ts_path)
        print(f"{ts_path.relative_to(ROOT)}: {len(missing)} text(s) still to translate")
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
