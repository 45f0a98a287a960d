"""What every sub-command shares: opening the Store, printing JSON, command-line errors."""

from __future__ import annotations

import argparse
import dataclasses
import getpass
import json
import os
import sys
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from kyojo_desk.errors import KyojoError
from kyojo_desk.paths import data_dir, database_path

if TYPE_CHECKING:
    from kyojo_desk.store.store import Store

PIN_VARIABLE = "KYOJO_PIN"
COMMAND_LINE = "コマンド"


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


def print_listing(
    records: Iterable[Any],
    *,
    as_json: bool,
    line: Callable[[Any], str],
    to_json: Callable[[Any], Any] = dataclasses.asdict,
) -> None:
    """A `list` command's output: a JSON array (`--json`), else one line a record."""
    if as_json:
        print_json([to_json(record) for record in records])
    else:
        for record in records:
            print(line(record))


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


def command_user() -> str:
    """Who did an action from the command line, as the audit log names them: the operating
    system's user and 「コマンド」 (the window names the volunteer at the desk instead)."""
    try:
        name = getpass.getuser()
    except (OSError, KeyError):  # no login name in the environment or the password database
        name = "?"
    return f"{name}（{COMMAND_LINE}）"


def require_coordinator_pin(store: Store, action: str) -> None:
    """Refuse `action` unless the coordinator's PIN is given, as the window does.

    The PIN comes from $KYOJO_PIN (scripts) or is asked on the terminal; without either the
    command stops with one line. A wrong PIN counts towards the same back-off as in the window.
    A desk whose coordinator has not set a PIN yet asks for none (nor does the window before the
    first coordinator action sets one).
    """
    from kyojo_desk.security import pin as pins

    if not pins.has_pin(store):
        return
    typed = os.environ.get(PIN_VARIABLE)
    if typed is None:
        if not sys.stdin.isatty():
            raise CommandError(
                f"{action} needs the coordinator PIN: run it on a terminal or set {PIN_VARIABLE}"
            )
        typed = getpass.getpass("coordinator PIN: ")
    if not pins.check_pin(store, typed.strip()):  # raises PinLockedOut while backing off
        raise CommandError("wrong coordinator PIN")
