"""What every sub-command shares: opening the Store, printing JSON, command-line errors."""

from __future__ import annotations

import argparse
import json
from typing import Any

from kyojo_desk.errors import KyojoError
from kyojo_desk.paths import data_dir, database_path


class CommandError(KyojoError):
    """A command-line mistake (bad argument value), shown as one line."""


def open_store(args: argparse.Namespace):
    """The Store of the chosen data directory (created and migrated on first use)."""
    from kyojo_desk.security.desk import open_desk_store

    # A new database is encrypted; its recovery key is shown by the window at its first start
    # or by `kyojo-desk recovery-key`, never mixed into a command's output.
    return open_desk_store(database_path(data_dir(args.data_dir)))


def print_json(value: Any) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=2))


def command_group(
    commands: argparse._SubParsersAction, name: str, help_text: str
) -> argparse._SubParsersAction:
    """The sub-commands of a shared verb (`export`, `import`, `print` …), created once.

    Several areas add kinds to one verb (`export residents`, `export kpi`), so the verb's parser is
    made by whichever module registers first and reused by the others. The groups are kept on the
    parser being built (not in a global keyed by id(), which a later parser could reuse).
    """
    groups: dict[str, argparse._SubParsersAction] = commands.__dict__.setdefault("kyojo_groups", {})
    if name not in groups:
        parser = commands.add_parser(name, help=help_text, description=help_text)
        groups[name] = parser.add_subparsers(dest=f"{name}_kind", metavar="KIND", required=True)
    return groups[name]
