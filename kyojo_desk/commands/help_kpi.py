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
    print_listing,
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


def period_of(args: argparse.Namespace) -> tuple[dt.date, dt.date]:
    """The period of `--fiscal-year Y` or of `--from` and `--to` (both needed without it)."""
    if args.fiscal_year is not None:
        if args.date_from or args.date_to:
            raise CommandError("give either --fiscal-year or --from/--to, not both")
        if not 2000 <= args.fiscal_year <= 2100:
            raise CommandError(f"--fiscal-year must be a year like 2025, not {args.fiscal_year}")
        from kyojo_desk.store.kpi import fiscal_year_bounds

        return fiscal_year_bounds(args.fiscal_year)
    if not (args.date_from and args.date_to):
        raise CommandError("give --fiscal-year Y, or both --from DATE and --to DATE")
    return _date(args.date_from, "--from"), _date(args.date_to, "--to")


def kpi(args: argparse.Namespace) -> int:
    from kyojo_desk.store.kpi import FLAT_KEYS, KPI_LABELS, PLAN_KPIS, compute_kpis

    start, end = period_of(args)
    with open_store(args) as store:
        figures = compute_kpis(store, start, end, args.district)
    if args.json:
        print_json(figures)
        return 0
    print(
        f"{figures['period']['from']} .. {figures['period']['to']} (年度 {figures['fiscal_year']})"
    )
    for key in FLAT_KEYS:
        value = figures[key]
        target = figures["targets"].get(key)
        if key == "match_rate":
            shown = "—" if value is None else f"{value:.0%}"
            print(f"{KPI_LABELS[key]}: {shown} (target {figures['match_rate_target']:.0%})")
        else:
            print(f"{KPI_LABELS[key]}: {value}" + (f" (target {target})" if target else ""))
    cumulative = figures["cumulative"]
    if cumulative:
        print(f"累計 {cumulative['from']} .. {cumulative['to']}")
        for key in PLAN_KPIS:
            entry = cumulative[key]
            print(
                f"  {KPI_LABELS[key]}: {entry['value']} "
                f"(target {entry['target']}, plan {entry['plan_target']})"
            )
    return 0


def export_kpi(args: argparse.Namespace) -> int:
    from kyojo_desk.store.kpi import compute_kpis, export_kpis_csv, export_kpis_xlsx

    output = Path(args.output)
    if output.suffix.lower() not in (".xlsx", ".csv"):
        raise CommandError("the output must end in .xlsx or .csv")
    start, end = period_of(args)
    with open_store(args) as store:
        require_coordinator_pin(store, "exporting the KPIs")
        figures = compute_kpis(store, start, end, args.district)
    (export_kpis_xlsx if output.suffix.lower() == ".xlsx" else export_kpis_csv)(figures, output)
    print(f"written {output}")
    return 0


def app_figure_set(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        require_coordinator_pin(store, "entering the app's figure")
        figure = store.record_app_aid_count(
            args.month, args.count, args.source, entered_by=args.entered_by or ""
        )
    if args.json:
        print_json(dataclasses.asdict(figure))
    else:
        print(f"{figure.month}: {figure.count}")
    return 0


def app_figure_list(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        figures = store.list_app_aid_counts()
    print_listing(figures, as_json=args.json, line=lambda f: f"{f.month}\t{f.count}\t{f.source}")
    return 0


def _period_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--fiscal-year",
        type=int,
        metavar="Y",
        help="the 年度 Y: 1 April Y to 31 March Y+1 (instead of --from/--to)",
    )
    parser.add_argument("--from", dest="date_from", metavar="DATE", help="first day (ISO)")
    parser.add_argument("--to", dest="date_to", metavar="DATE", help="last day (ISO, included)")
    parser.add_argument("--district", metavar="D", help="district code")


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
        help="the city's KPIs for a 年度 or a period",
        description="The dashboard's figures for a 年度 (--fiscal-year) or a period.",
    )
    _period_arguments(figures)
    figures.add_argument("--json", action="store_true", help="print JSON with stable keys")
    figures.set_defaults(handler=kpi)

    export = command_group(commands, "export", "export data to files").add_parser(
        "kpi",
        help="the KPIs of a 年度 or a period as XLSX (or CSV)",
        description="Export the KPIs to .xlsx or .csv.",
    )
    _period_arguments(export)
    export.add_argument("-o", "--output", required=True, metavar="FILE.xlsx", help="where to write")
    export.set_defaults(handler=export_kpi)

    app_figure = commands.add_parser(
        "app-figure",
        help="the city app's monthly 共助 count (KPI ④)",
        description="The 共助 count of the city's community app, entered month by month.",
    )
    app_commands = app_figure.add_subparsers(
        dest="app_figure_command", metavar="COMMAND", required=True
    )
    entering = app_commands.add_parser(
        "set",
        help="enter or correct a month's figure",
        description="Enter (or correct) the app's 共助 count for one month.",
    )
    entering.add_argument("month", help="the month, e.g. 2026-05")
    entering.add_argument("count", help="the app's 共助 count for that month")
    entering.add_argument(
        "--source", required=True, help="where the figure was read, e.g. アプリ管理画面の月報"
    )
    entering.add_argument("--entered-by", metavar="NAME", help="the coordinator who entered it")
    entering.add_argument("--json", action="store_true", help="print the figure as JSON")
    entering.set_defaults(handler=app_figure_set)
    listing = app_commands.add_parser(
        "list", help="every month's figure", description="Every month's figure, latest first."
    )
    listing.add_argument("--json", action="store_true", help="print a JSON array")
    listing.set_defaults(handler=app_figure_list)
