"""Resident commands: search, resident set."""

from __future__ import annotations

import argparse
import dataclasses

from kyojo_desk.commands.common import CommandError, open_store, print_json
from kyojo_desk.records.resident import Resident


def resident_json(resident: Resident) -> dict:
    """The stable JSON form of a resident used by every command."""
    return dataclasses.asdict(resident)


def search(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        found = store.search_residents(args.query, limit=args.limit)
        if args.json:
            print_json([resident_json(r) for r in found])
        else:
            for r in found:
                print(f"{r.id}\t{r.full_name}\t{r.full_reading}\t{r.birth_date or ''}\t{r.phone}")
    return 0


def resident_set(args: argparse.Namespace) -> int:
    changes: dict[str, str] = {}
    for assignment in args.assignments:
        field, sep, value = assignment.partition("=")
        if not sep or not field:
            raise CommandError(f"expected FIELD=VALUE, got {assignment!r}")
        changes[field.strip()] = value
    with open_store(args) as store:
        resident = store.update_resident(args.id, changes)
        print_json(resident_json(resident))
    return 0


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "search",
        help="find residents by name, reading or phone digits",
        description="Find residents by any part of the name (kanji or kana) or the last phone digits.",
    )
    parser.add_argument("query", help="part of a name or reading, or phone digits")
    parser.add_argument("--json", action="store_true", help="print a JSON array, best match first")
    parser.add_argument(
        "--limit", type=int, default=50, help="at most this many results (default 50)"
    )
    parser.set_defaults(handler=search)

    resident = commands.add_parser(
        "resident", help="edit residents from scripts", description="Edit residents."
    )
    resident_commands = resident.add_subparsers(
        dest="resident_command", metavar="COMMAND", required=True
    )
    set_parser = resident_commands.add_parser(
        "set",
        help="set fields of a resident (same checks as the form)",
        description="Set fields of a resident, e.g. phone=0554-62-1111 birth_date=S23.3.2",
    )
    set_parser.add_argument("id", help="the resident's id")
    set_parser.add_argument(
        "assignments", nargs="+", metavar="FIELD=VALUE", help="fields to change"
    )
    set_parser.set_defaults(handler=resident_set)
