"""The layering rules of DESIGN.md: Qt only in gui/, the desk never imports central/."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "kyojo_desk"


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def python_files(exclude: str) -> list[Path]:
    return [p for p in PACKAGE.rglob("*.py") if exclude not in p.relative_to(PACKAGE).parts]


def test_nothing_outside_gui_imports_qt():
    offenders = [
        str(path.relative_to(PACKAGE))
        for path in python_files("gui")
        if any(
            name.split(".")[0] in {"PySide6", "PyQt5", "PyQt6", "shiboken6"}
            for name in imported_modules(path)
        )
    ]
    assert offenders == []


def test_desk_never_imports_central():
    offenders = [
        str(path.relative_to(PACKAGE))
        for path in python_files("central")
        if any(name.startswith("kyojo_desk.central") for name in imported_modules(path))
    ]
    assert offenders == []


def test_layer_check_sees_the_package():
    # Guards the two tests above against passing because they looked at nothing.
    assert len(python_files("gui")) > 10
