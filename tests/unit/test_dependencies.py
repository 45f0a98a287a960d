"""The desk's own dependencies cover every package its code imports: `pip install .` (what the
README's demo command and the Windows build do) must give a desk that starts and prints, not one
that only works where the test extras are installed too."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# The central server is installed with its own extra ("central").
SERVER_ONLY = ROOT / "kyojo_desk" / "central"


def _normalized(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def imported_top_level_modules() -> dict[str, str]:
    """{module: first file importing it} for every non-stdlib, non-project import of the desk."""
    found: dict[str, str] = {}
    for path in sorted((ROOT / "kyojo_desk").rglob("*.py")):
        if SERVER_ONLY in path.parents:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top != "kyojo_desk" and top not in sys.stdlib_module_names:
                    found.setdefault(top, str(path.relative_to(ROOT)))
    return found


def test_every_import_of_the_desk_is_a_declared_dependency():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = {
        _normalized(re.split(r"[<>=!~\[; ]", requirement, maxsplit=1)[0])
        for requirement in project["dependencies"]
    }
    providers = packages_distributions()
    missing = {
        module: where
        for module, where in imported_top_level_modules().items()
        if not declared.intersection(_normalized(d) for d in providers.get(module, [module]))
    }
    assert missing == {}
