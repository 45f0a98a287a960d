"""Resident commands: search, resident set."""

from __future__ import annotations

import argparse
import dataclasses

from kyojo_desk.commands.common import CommandError, command_user, open_store, print_json
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


def resident_consent(args: argparse.Namespace) -> int:
    from kyojo_desk.records.resident import ConsentMethod
    from kyojo_desk.store.consent_scopes import change_scopes

    with open_store(args) as store:
        scopes = change_scopes(
            store,
            args.id,
            add=[args.add] if args.add else [],
            remove=[args.remove] if args.remove else [],
            witness=args.witness,
            method=ConsentMethod.VERBAL.value if args.verbal else ConsentMethod.SIGNED_PAPER.value,
            by=command_user(),
        )
    print_json({"id": args.id, "scopes": scopes, "shared_with_city": "share_with_city" in scopes})
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
    consent = resident_commands.add_parser(
        "consent",
        help="add or remove a consent scope (e.g. share_with_city), witnessed",
        description="Record that a resident agreed to one more scope or withdrew one "
        "(keep_record, phone_contact, share_with_city, photos; or the Japanese label such as "
        "市と共有する). The change is audited. Without share_with_city the person's personal "
        "fields do not leave this desk.",
    )
    consent.add_argument("id", help="the resident's id")
    change = consent.add_mutually_exclusive_group(required=True)
    change.add_argument("--add", metavar="SCOPE", help="the scope the resident now agrees to")
    change.add_argument("--remove", metavar="SCOPE", help="the scope the resident withdraws")
    consent.add_argument(
        "--witness", required=True, metavar="NAME", help="who saw the resident agree or withdraw"
    )
    consent.add_argument(
        "--verbal", action="store_true", help="given verbally (default: on signed paper)"
    )
    consent.set_defaults(handler=resident_consent)
