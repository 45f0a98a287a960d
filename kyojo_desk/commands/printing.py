"""Printables: `print cards`, `print signin`, `print calibration`, `print report`."""

from __future__ import annotations

import argparse
from pathlib import Path

from kyojo_desk.commands.common import CommandError, command_group, command_user, open_store


def print_cards(args: argparse.Namespace) -> int:
    from kyojo_desk.printing.cards import render_cards

    with open_store(args) as store:
        residents = (
            [store.get_resident(i) for i in args.resident]
            if args.resident
            else store.list_residents()
        )
        residents = [r for r in residents if not r.deleted and not r.merged_into]
        if not residents:
            raise CommandError("no residents to print")
        pages = render_cards(store, residents, Path(args.output))
        store.record_audit(
            "printed_cards",
            target_table="residents",
            detail=f"{len(residents)}人",
            desk_user=command_user(),
        )
    print(f"written {args.output}: {len(residents)} cards on {pages} sheets")
    return 0


def print_signin(args: argparse.Namespace) -> int:
    from kyojo_desk.printing.signin import render_signin

    if args.blank_rows < 0:
        raise CommandError("--blank-rows must be 0 or more")
    with open_store(args) as store:
        pages = render_signin(
            store, args.event_id, Path(args.output), blank_rows=args.blank_rows, day=args.day
        )
        store.record_audit(
            "printed_sheet",
            target_table="events",
            target_id=args.event_id,
            desk_user=command_user(),
        )
    print(f"written {args.output}: {pages} pages")
    return 0


def print_calibration(args: argparse.Namespace) -> int:
    from kyojo_desk.printing.cards import render_calibration

    with open_store(args) as store:
        if args.offset_x is not None:
            store.set_meta("card_offset_x", str(args.offset_x))
        if args.offset_y is not None:
            store.set_meta("card_offset_y", str(args.offset_y))
        render_calibration(store, Path(args.output))
    print(f"written {args.output}")
    return 0


def print_report(args: argparse.Namespace) -> int:
    from kyojo_desk.printing.report import render_report
    from kyojo_desk.printing.yearly_report import render_yearly_report

    if (args.month is None) == (args.fiscal_year is None):
        raise CommandError("give either --month YYYY-MM or --fiscal-year Y")
    with open_store(args) as store:
        if args.fiscal_year is not None:
            render_yearly_report(store, args.fiscal_year, Path(args.output))
        else:
            render_report(store, args.month, Path(args.output))
    print(f"written {args.output}")
    return 0


def print_booklet(args: argparse.Namespace) -> int:
    """Make an A5 booklet from a Markdown source, optionally imposed two-up on A4."""
    import tempfile

    from kyojo_desk.errors import ValidationError
    from kyojo_desk.printing.booklet import BookletOptions, impose, render_booklet

    source = Path(args.source)
    if not source.is_file():
        raise CommandError(f"no such booklet source: {source}")
    output = Path(args.output)
    options = BookletOptions(furigana=not args.no_furigana)
    try:
        if args.impose:
            with tempfile.TemporaryDirectory() as scratch:
                pages = render_booklet(source, Path(scratch) / "pages.pdf", options)
                sides = impose(Path(scratch) / "pages.pdf", output)
            print(
                f"written {output}: {pages} A5 pages on {sides} A4 sides (print both sides, fold)"
            )
        else:
            pages = render_booklet(source, output, options)
            print(f"written {output}: {pages} A5 pages")
    except ValidationError as error:
        raise CommandError(str(error)) from error
    return 0


def show_reading(args: argparse.Namespace) -> int:
    """Print the text with suggested readings as {漢字|かんじ} markup."""
    from kyojo_desk.text.readings import suggest_markup

    if not args.text.strip():
        raise CommandError("give some text to read")
    print(suggest_markup(args.text))
    return 0


def register(commands: argparse._SubParsersAction) -> None:
    reading = commands.add_parser(
        "reading",
        help="suggest furigana for Japanese text",
        description="Print the text with suggested readings as {漢字|かんじ} markup.",
    )
    reading.add_argument("text", metavar="TEXT", help="the Japanese text to read")
    reading.set_defaults(handler=show_reading)
    # Shared with `print ninaite-record` (commands/ninaite.py).
    kinds = command_group(commands, "print", "make printable PDFs")
    cards = kinds.add_parser(
        "cards",
        help="member cards, ten per A4 label sheet",
        description="Member cards (91 × 55 mm, 10 per A4).",
    )
    cards.add_argument(
        "--resident", action="append", metavar="ID", help="only these residents (repeatable)"
    )
    cards.add_argument(
        "-o", "--output", required=True, metavar="FILE.pdf", help="where to write the PDF"
    )
    cards.set_defaults(handler=print_cards)
    signin = kinds.add_parser(
        "signin",
        help="the paper sign-in sheet of an event",
        description="A4 sign-in sheet with QR codes.",
    )
    signin.add_argument("event_id", help="the event's id")
    signin.add_argument(
        "-o", "--output", required=True, metavar="FILE.pdf", help="where to write the PDF"
    )
    signin.add_argument(
        "--blank-rows", type=int, default=8, metavar="N", help="blank rows for walk-ins (default 8)"
    )
    signin.add_argument(
        "--day",
        metavar="YYYY-MM-DD",
        help="for a multi-day event: the day the sheet is for (printed with its day number)",
    )
    signin.set_defaults(handler=print_signin)
    calibration = kinds.add_parser(
        "calibration",
        help="a page to align member cards with the printer",
        description="Card outlines and a ruler; --offset-x/--offset-y (mm) move all cards and are kept.",
    )
    calibration.add_argument(
        "--offset-x", type=float, metavar="MM", help="move the cards right (mm)"
    )
    calibration.add_argument(
        "--offset-y", type=float, metavar="MM", help="move the cards down (mm)"
    )
    calibration.add_argument(
        "-o", "--output", required=True, metavar="FILE.pdf", help="where to write the PDF"
    )
    calibration.set_defaults(handler=print_calibration)
    booklet = kinds.add_parser(
        "booklet",
        help="an A5 booklet from a Markdown source in printables/",
        description=(
            "A5 booklet from Markdown with {漢字|かんじ} readings: '# ' title (cover), '## ' "
            "headings, '1. ' steps, '> ' callout boxes, ![alt](image.png), and a line "
            "---pagebreak--- for a new page."
        ),
    )
    booklet.add_argument("source", metavar="SOURCE.md", help="the booklet's Markdown source")
    booklet.add_argument(
        "-o", "--output", required=True, metavar="FILE.pdf", help="where to write the PDF"
    )
    booklet.add_argument(
        "--impose",
        action="store_true",
        help="two A5 pages per A4 landscape side in saddle-stitch order, padded to 4n pages",
    )
    booklet.add_argument(
        "--no-furigana",
        action="store_true",
        help="no readings at all (by default every kanji word gets one)",
    )
    booklet.set_defaults(handler=print_booklet)
    report = kinds.add_parser(
        "report",
        help="the monthly or yearly report for the city's review committee",
        description="The monthly report (--month: KPIs of the month and the 年度 to date, "
        "charts, districts, events) or the yearly report (--fiscal-year: the plan's KPIs year "
        "by year and cumulative against their targets, the match rate, the digital-divide "
        "table, events by kind, help topics and outcomes).",
    )
    report.add_argument("--month", metavar="YYYY-MM", help="the month, e.g. 2026-11")
    report.add_argument(
        "--fiscal-year", type=int, metavar="Y", help="the 年度 Y (1 April Y – 31 March Y+1)"
    )
    report.add_argument(
        "-o", "--output", required=True, metavar="FILE.pdf", help="where to write the PDF"
    )
    report.set_defaults(handler=print_report)
