"""Volunteers, help sessions and the KPIs: `volunteer add`, `help log`, `kpi`, `export kpi`."""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
from pathlib import Path

from kyojo_desk.commands.common import (
    CommandError,
    command_group,
    open_store,
    print_json,
    require_coordinator_pin,
)


def _date(text: str, option: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"{option} must be a date like 2026-04-01, not {text!r}") from None


def volunteer_add(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        volunteer = store.add_volunteer(args.name, args.reading, args.role or [])
    if args.json:
        print_json(dataclasses.asdict(volunteer))
    else:
        print(volunteer.id)
    return 0


def help_log(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        session = store.log_help_session(
            {
                "volunteer_id": args.volunteer,
                "resident_id": args.resident,
                "topics": args.topic,
                "minutes": args.minutes,
                "outcome": args.outcome,
                "device": args.device or "",
                "follow_up_due": args.follow_up,
                "notes": args.note or "",
            }
        )
    if args.json:
        print_json(dataclasses.asdict(session))
    else:
        print(session.id)
    return 0


def kpi(args: argparse.Namespace) -> int:
    from kyojo_desk.store.kpi import FLAT_KEYS, KPI_LABELS, compute_kpis

    with open_store(args) as store:
        figures = compute_kpis(
            store, _date(args.date_from, "--from"), _date(args.date_to, "--to"), args.district
        )
    if args.json:
        print_json(figures)
    else:
        for key in FLAT_KEYS:
            print(f"{KPI_LABELS[key]}: {figures[key]}")
    return 0


def export_kpi(args: argparse.Namespace) -> int:
    from kyojo_desk.store.kpi import compute_kpis, export_kpis_csv, export_kpis_xlsx

    output = Path(args.output)
    if output.suffix.lower() not in (".xlsx", ".csv"):
        raise CommandError("the output must end in .xlsx or .csv")
    with open_store(args) as store:
        require_coordinator_pin(store, "exporting the KPIs")
        figures = compute_kpis(
            store, _date(args.date_from, "--from"), _date(args.date_to, "--to"), args.district
        )
    (export_kpis_xlsx if output.suffix.lower() == ".xlsx" else export_kpis_csv)(figures, output)
    print(f"written {output}")
    return 0


def register(commands: argparse._SubParsersAction) -> None:
    from kyojo_desk.records.help import DEVICE_LABELS, OUTCOME_LABELS, ROLE_LABELS

    volunteer = commands.add_parser(
        "volunteer", help="the volunteer roster", description="The volunteer roster."
    )
    volunteer_commands = volunteer.add_subparsers(
        dest="volunteer_command", metavar="COMMAND", required=True
    )
    add = volunteer_commands.add_parser(
        "add", help="add a volunteer", description="Add a volunteer; prints the new id (or JSON)."
    )
    add.add_argument("--name", required=True, help="name, e.g. 山田 一郎")
    add.add_argument("--reading", required=True, help="reading in kana, e.g. やまだ いちろう")
    add.add_argument(
        "--role", action="append", choices=sorted(ROLE_LABELS), help="a role (repeatable)"
    )
    add.add_argument("--json", action="store_true", help="print the volunteer as JSON")
    add.set_defaults(handler=volunteer_add)

    helping = commands.add_parser(
        "help", help="the help log", description="The log of help given at the desk."
    )
    help_commands = helping.add_subparsers(dest="help_command", metavar="COMMAND", required=True)
    log = help_commands.add_parser(
        "log",
        help="record one help session",
        description="Record a help session; prints its id (or JSON).",
    )
    log.add_argument("--volunteer", required=True, metavar="ID", help="the volunteer who helped")
    log.add_argument("--resident", metavar="ID", help="the resident helped (omit for anonymous)")
    log.add_argument(
        "--topic", action="append", required=True, metavar="T", help="a topic (repeatable)"
    )
    log.add_argument("--minutes", type=int, required=True, metavar="M", help="minutes spent")
    log.add_argument(
        "--outcome", required=True, choices=sorted(OUTCOME_LABELS), help="how it ended"
    )
    log.add_argument("--device", choices=sorted(DEVICE_LABELS), help="the device")
    log.add_argument(
        "--follow-up", metavar="DATE", help="follow-up date (needed for continue/referred)"
    )
    log.add_argument("--note", help="a short note")
    log.add_argument("--json", action="store_true", help="print the session as JSON")
    log.set_defaults(handler=help_log)

    figures = commands.add_parser(
        "kpi",
        help="the city's KPIs for a period",
        description="The dashboard's figures for a period.",
    )
    figures.add_argument(
        "--from", dest="date_from", required=True, metavar="DATE", help="first day (ISO)"
    )
    figures.add_argument(
        "--to", dest="date_to", required=True, metavar="DATE", help="last day (ISO, included)"
    )
    figures.add_argument("--district", metavar="D", help="district code")
    figures.add_argument("--json", action="store_true", help="print JSON with stable keys")
    figures.set_defaults(handler=kpi)

    export = command_group(commands, "export", "export data to files").add_parser(
        "kpi",
        help="the KPIs of a period as XLSX (or CSV)",
        description="Export the KPIs to .xlsx or .csv.",
    )
    export.add_argument(
        "--from", dest="date_from", required=True, metavar="DATE", help="first day (ISO)"
    )
    export.add_argument(
        "--to", dest="date_to", required=True, metavar="DATE", help="last day (ISO, included)"
    )
    export.add_argument("--district", metavar="D", help="district code")
    export.add_argument("-o", "--output", required=True, metavar="FILE.xlsx", help="where to write")
    export.set_defaults(handler=export_kpi)
