"""The desk's log: a rotating file in the data directory, for support.

It records what happened (operations, timings, record ids, errors) and never who it happened to:
no names, readings, phones or birth dates. Messages of our own errors can quote what was typed,
so only their kind is logged; a test greps the log of a whole session for personal data.
"""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

LOG_FILE = "kyojo.log"
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def configure_logging(data_dir: Path, level: int = logging.INFO) -> Path:
    """Send the package's log to <data_dir>/logs/kyojo.log (1 MB × 5 files). Returns the path."""
    directory = Path(data_dir) / "logs"
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / LOG_FILE
    logger = logging.getLogger("kyojo_desk")
    for handler in list(logger.handlers):
        if getattr(handler, "kyojo_file", False):
            logger.removeHandler(handler)
            handler.close()
    handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=1_000_000, backupCount=5, encoding="utf-8"
    )
    handler.kyojo_file = True  # type: ignore[attr-defined]
    handler.setFormatter(logging.Formatter(FORMAT))
    logger.addHandler(handler)
    logger.setLevel(level)
    return path
