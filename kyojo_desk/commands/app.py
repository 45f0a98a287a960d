"""`kyojo-desk gui`: start the desk window."""

from __future__ import annotations

import argparse


def run_gui(args: argparse.Namespace) -> int:
    from kyojo_desk.gui.app import run

    return run(data_dir_override=args.data_dir, exit_after_ms=getattr(args, "exit_after_ms", None))


def register(commands: argparse._SubParsersAction) -> None:
    gui = commands.add_parser(
        "gui", help="start the desk window (the default)", description="Start the desk window."
    )
    gui.add_argument(
        "--exit-after-ms",
        type=int,
        metavar="MS",
        help="close the window after MS milliseconds (smoke tests and benchmarks)",
    )
    gui.set_defaults(handler=run_gui)
