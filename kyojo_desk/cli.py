"""`kyojo-desk`: the GUI by default, and sub-commands for scripts and set-up.

The library does the work; this module only parses arguments, opens the Store and turns library
errors into one clear line on stderr with a non-zero exit.
"""

from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
import threading
from collections.abc import Sequence

from kyojo_desk import __version__
from kyojo_desk.commands import COMMAND_MODULES
from kyojo_desk.errors import KyojoError
from kyojo_desk.logging_setup import configure_logging
from kyojo_desk.paths import data_dir

log = logging.getLogger("kyojo_desk.cli")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kyojo-desk",
        description="Kyojo Desk (共助デスク): the community-centre desk. Without a command, starts the GUI.",
    )
    parser.add_argument("--version", action="version", version=f"kyojo-desk {__version__}")
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="folder holding the desk database (overrides $KYOJO_DATA_DIR and the default)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands")
    for module in COMMAND_MODULES:
        module.register(commands)
    return parser


def _stop_on_terminate(signum: int, _frame: object) -> None:
    """SIGTERM ends a command like Ctrl+C does: through its clean-up (a backup's partial file is
    removed, a transaction rolled back) instead of in the middle of it."""
    raise SystemExit(128 + signum)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", None)
    if handler is None:
        from kyojo_desk.commands.app import run_gui

        return run_gui(args)
    configure_logging(data_dir(args.data_dir))
    if threading.current_thread() is threading.main_thread():  # only there can it be set
        signal.signal(signal.SIGTERM, _stop_on_terminate)
    log.info("command %s", args.command)
    try:
        return int(handler(args) or 0)
    except KyojoError as error:
        log.info("command refused: %s", type(error).__name__)
        print(f"error: {error.message}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        # The reader went away (`| head`): stop quietly, as other command-line tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except FileNotFoundError as error:
        print(f"error: file not found: {error.filename}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
