"""Where the desk keeps its data: `--data-dir`, else $KYOJO_DATA_DIR, else the platform's folder."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "KyojoDesk"
DATABASE_FILE = "kyojo.db"
PACKAGE_ROOT = Path(__file__).resolve().parent
PROJECT_ROOT = PACKAGE_ROOT.parent


def data_dir(override: str | os.PathLike | None = None) -> Path:
    """The data directory, created if missing. `override` (from --data-dir) wins over the env."""
    if override:
        chosen = Path(override)
    elif os.environ.get("KYOJO_DATA_DIR"):
        chosen = Path(os.environ["KYOJO_DATA_DIR"])
    else:
        chosen = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    chosen.mkdir(parents=True, exist_ok=True)
    return chosen


def database_path(directory: Path) -> Path:
    return directory / DATABASE_FILE


def resources_dir() -> Path:
    """resources/ beside the package (source checkout) or inside a frozen bundle."""
    import sys

    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return PROJECT_ROOT / "resources"


def printables_dir() -> Path:
    import sys

    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "printables"
    return PROJECT_ROOT / "printables"
