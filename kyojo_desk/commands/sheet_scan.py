"""`import sheet`: read scanned paper sign-in sheets back into check-ins."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kyojo_desk.commands.common import CommandError, open_store, print_json


def import_sheet(args: argparse.Namespace) -> int:
    from kyojo_desk.scanning.pages import scan_files_in
    from kyojo_desk.scanning.sheet_import import (
        apply_scan,
        import_preview,
        match_pages,
        read_files,
        scan_json,
    )

    files = scan_files_in([Path(name) for name in args.files])
    if not files:
        raise CommandError("no scan files (PDF, PNG or JPEG) found in the folders given")

    def progress(done: int, total: int) -> bool:
        if not args.json:
            print(f"read page {done}/{total}", file=sys.stderr)
        return True

    read_pages = read_files(files, progress)
    with open_store(args) as store:
        if args.event:
            store.get_event(args.event)
        scan = match_pages(store, read_pages, args.event)
        if args.dry_run:
            result = import_preview(store, scan, args.day)
        else:
            result = apply_scan(store, scan, day=args.day)
    if args.json:
        print_json(scan_json(scan, result))
    else:
        for page in scan.pages:
            where = f"{page.file} p.{page.page}"
            if page.read:
                print(f"{where}: read — {page.message}")
            else:
                print(f"{where}: UNREADABLE — {page.message}")
        verb = "would check in" if args.dry_run else "checked in"
        print(
            f"{verb} {result.checked_in}; already in {result.already};"
            f" unclear {len(scan.unclear_ids())} (confirm them in the window);"
            f" walk-in rows to enter by hand {len(scan.walk_in_rows())}"
        )
    return 0 if scan.all_read else 1


def register(commands: argparse._SubParsersAction) -> None:
    from kyojo_desk.commands.common import command_group

    import_kinds = command_group(commands, "import", "import data from files")
    sheet = import_kinds.add_parser(
        "sheet",
        help="read scanned paper sign-in sheets (PDF, PNG, JPEG) and check in the ticked rows",
        description=(
            "Read scans of printed sign-in sheets: each page is identified by its page code, "
            "straightened by its corner markers, and every ticked row is checked in (method "
            "sheet_scan) once. Unclear marks and walk-in rows are listed, not checked in: "
            "confirm them in the window. Exit 0 when every page was read, 1 when any page "
            "could not be read (each with its reason)."
        ),
    )
    sheet.add_argument(
        "files", nargs="+", metavar="FILE", help="scan files or folders holding them"
    )
    sheet.add_argument(
        "--event",
        metavar="EVENT_ID",
        help="the event the sheets belong to: pages of another event are refused, and a page"
        " whose own code is unreadable is placed by its row codes",
    )
    sheet.add_argument(
        "--day",
        metavar="YYYY-MM-DD",
        help="for the sheets of a multi-day event whose page code names no day (printed before"
        " the code carried it, or the code unreadable): the day they are for (default its first"
        " day); a page whose code names its day counts for that day",
    )
    sheet.add_argument("--json", action="store_true", help="print the result as JSON")
    sheet.add_argument(
        "--dry-run", action="store_true", help="report what would be checked in and write nothing"
    )
    sheet.set_defaults(handler=import_sheet)
