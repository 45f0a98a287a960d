"""Sync commands: enroll (once, with a code from the city), sync (one round), erase."""

from __future__ import annotations

import argparse

from kyojo_desk.commands.common import (
    CommandError,
    command_user,
    open_store,
    print_json,
    require_coordinator_pin,
)


def enroll(args: argparse.Namespace) -> int:
    from kyojo_desk.ninaite_record import register_record_key
    from kyojo_desk.sync.engine import enroll as enroll_desk

    with open_store(args) as store:
        answer = enroll_desk(store, args.server_url, args.code)
        print(f"enrolled as desk {answer['desk_id']} (city {answer.get('city', '')})")
        # The key that signs this desk's 担い手活動 records (retried after each sync if offline).
        register_record_key(store)
    return 0


def sync(args: argparse.Namespace) -> int:
    from kyojo_desk.ninaite_record import register_record_key
    from kyojo_desk.sync.engine import sync_once

    with open_store(args) as store:
        report = sync_once(store)
        register_record_key(store)
    if args.json:
        print_json(report.to_json())
    else:
        print(
            f"pushed {report.pushed}, pulled {report.pulled}, conflicts {report.conflicts},"
            f" refused {len(report.rejected)}, quarantined {report.quarantined},"
            f" waiting {report.pending}"
        )
    return 0


def erase(args: argparse.Namespace) -> int:
    if not args.yes:
        raise CommandError("erasure cannot be undone: add --yes to erase this person on every desk")
    with open_store(args) as store:
        require_coordinator_pin(store, "erasure")
        store.get_resident(args.resident_id)  # NotFound when there is no such person
        store.erase_resident(args.resident_id)
        store.record_audit(
            "erased", target_table="residents", target_id=args.resident_id, desk_user=command_user()
        )
    print(f"erased {args.resident_id} here; the next sync erases them everywhere")
    return 0


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "enroll",
        help="enrol this desk with the central server",
        description="Enrol this desk with the central server using a one-time code from the "
        "city's coordinator (kyojo-central enroll-code).",
    )
    parser.add_argument("server_url", metavar="SERVER_URL", help="e.g. https://sync.example.jp")
    parser.add_argument("code", metavar="CODE", help="the one-time enrolment code")
    parser.set_defaults(handler=enroll)

    parser = commands.add_parser(
        "sync",
        help="send this desk's changes and fetch the others' (one round)",
        description="One sync round: push the changes waiting on this desk, then pull the "
        "other desks' changes. Exits non-zero with one line when it could not finish.",
    )
    parser.add_argument(
        "--json",
        action="store_true",
        help="print {pushed, pulled, conflicts, rejected: [{table, row_id, field, reason}],"
        " rejected_now, quarantined, erased, pending} as JSON",
    )
    parser.set_defaults(handler=sync)

    parser = commands.add_parser(
        "erase",
        help="erase a person everywhere (their right under the personal-information law)",
        description="Erase a person's personal fields on this desk now and, by sync, on the "
        "server and every other desk. It cannot be undone.",
    )
    parser.add_argument("resident_id", metavar="RESIDENT_ID", help="the resident's id")
    parser.add_argument("--yes", action="store_true", help="confirm: erasure cannot be undone")
    parser.set_defaults(handler=erase)
