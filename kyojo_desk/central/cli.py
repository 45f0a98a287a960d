"""`kyojo-central`: serve the API and administer desks (enrolment codes, revocation, epochs,
erasure) directly on the database."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from kyojo_desk.central.storage import DEFAULT_CITY, StorageError, open_storage


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kyojo-central",
        description="Kyojo Desk central server: sync API and desk administration.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def with_db(sub: argparse.ArgumentParser) -> argparse.ArgumentParser:
        sub.add_argument(
            "--db",
            required=True,
            metavar="URL",
            help="database URL: sqlite:///path/to/central.db or postgresql://user@host/dbname",
        )
        return sub

    staff = commands.add_parser(
        "staff", help="city staff who read the city's figures", description="City staff."
    )
    staff_commands = staff.add_subparsers(
        dest="staff_command", metavar="COMMAND", required=True, help="add a staff account"
    )
    staff_add = with_db(
        staff_commands.add_parser(
            "add",
            help="add a staff account of one city (password asked twice)",
            description="Add a staff account that may sign in at /kpi/CITY of its one city. "
            "The password is asked twice (two lines of stdin when not on a terminal).",
        )
    )
    staff_add.add_argument("--city", required=True, help="the one city the account may see")
    staff_add.add_argument("--name", required=True, help="the name to sign in with")
    staff_add.set_defaults(handler=run_staff_add)

    kpi = with_db(
        commands.add_parser(
            "kpi",
            help="the city's KPIs for a 年度 across its desks",
            description="The desk's KPI keys counted over every desk of the city, with "
            "breakdowns per desk and per district and the desks not synced for 7 days.",
        )
    )
    kpi.add_argument("--city", default=DEFAULT_CITY, help=f"the city ({DEFAULT_CITY!r})")
    kpi.add_argument("--fiscal-year", type=int, required=True, metavar="Y", help="the 年度 Y")
    kpi.add_argument("--json", action="store_true", help="print JSON with stable keys")
    kpi.set_defaults(handler=run_kpi)

    serve = with_db(
        commands.add_parser("serve", help="run the sync API", description="Run the sync API.")
    )
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (127.0.0.1)")
    serve.add_argument("--port", type=int, default=8765, help="port to listen on (8765)")
    serve.add_argument(
        "--workers",
        type=int,
        default=1,
        help="worker processes (default 1; about one per CPU core for many desks)",
    )
    serve.set_defaults(handler=run_serve)

    code = with_db(
        commands.add_parser(
            "enroll-code",
            help="print a one-time code that enrols one desk",
            description="Create a one-time enrolment code for one desk of one city.",
        )
    )
    code.add_argument("--desk-name", required=True, help="name of the desk, e.g. 上野原公民館 受付")
    code.add_argument(
        "--city", default=DEFAULT_CITY, help=f"city the desk belongs to ({DEFAULT_CITY!r})"
    )
    code.add_argument(
        "--ttl", type=int, default=900, help="seconds until the code expires (default 900)"
    )
    code.set_defaults(handler=run_enroll_code)

    revoke = with_db(
        commands.add_parser(
            "revoke",
            help="revoke a desk's token",
            description="Revoke a desk: its token stops working at once.",
        )
    )
    revoke.add_argument("desk_id", metavar="DESK_ID", help="the desk's id (see the status page)")
    revoke.set_defaults(handler=run_revoke)

    epoch = with_db(
        commands.add_parser(
            "new-epoch",
            help="start a new epoch of one city after restoring a backup",
            description="Start a new epoch for one city: run it after restoring the database "
            "from a backup, so that the city's desks pull everything again and send again what "
            "the backup lacks. Other cities are not touched.",
        )
    )
    epoch.add_argument("--city", required=True, help="the city whose desks start again")
    epoch.set_defaults(handler=run_new_epoch)

    erase = with_db(
        commands.add_parser(
            "erase",
            help="erase a person everywhere",
            description="Erase a person's personal fields on the server and on every desk.",
        )
    )
    erase.add_argument("resident_id", metavar="RESIDENT_ID", help="the resident's id")
    erase.add_argument("--city", default=DEFAULT_CITY, help=f"the city ({DEFAULT_CITY!r})")
    erase.set_defaults(handler=run_erase)

    verify = with_db(
        commands.add_parser(
            "verify",
            help="check the QR code of a printed 担い手活動 record",
            description="Check a record's QR payload against the key of the desk that signed it."
            " Prints valid, altered or unknown (then what the record says, when valid); exit 0"
            " only when valid.",
        )
    )
    verify.add_argument("payload", metavar="PAYLOAD", help="the QR code's text (KJNR1.…)")
    verify.add_argument("--json", action="store_true", help="print the verdict as JSON")
    verify.set_defaults(handler=run_verify)
    return parser


def read_new_password() -> str:
    """The password, typed twice: hidden on a terminal, two lines of stdin in a script."""
    import getpass

    if sys.stdin.isatty():
        first = getpass.getpass("password: ")
        second = getpass.getpass("password again: ")
    else:
        first = sys.stdin.readline().rstrip("\n")
        second = sys.stdin.readline().rstrip("\n")
    if first != second:
        raise StorageError("the two passwords differ")
    return first


def run_staff_add(args: argparse.Namespace) -> int:
    from kyojo_desk.central.staff import Staff

    storage = open_storage(args.db)
    staff_id = Staff(storage.database).add(args.city, args.name, read_new_password())
    print(staff_id)
    return 0


def run_kpi(args: argparse.Namespace) -> int:
    import json

    from kyojo_desk.central.city_kpi import city_kpis
    from kyojo_desk.store.kpi import FLAT_KEYS, fiscal_year_bounds

    if not 2000 <= args.fiscal_year <= 2100:
        raise StorageError(f"--fiscal-year must be a year like 2025, not {args.fiscal_year}")
    storage = open_storage(args.db)
    start, end = fiscal_year_bounds(args.fiscal_year)
    figures = city_kpis(storage.database, args.city, start, end, storage.desks(args.city))
    if args.json:
        print(json.dumps(figures, ensure_ascii=False, indent=2))
        return 0
    for key in FLAT_KEYS:
        print(f"{key}: {figures[key]}")
    for desk in figures["desks_not_synced"]:
        print(f"warning: desk {desk['name']} has not synced for 7 days or more")
    return 0


def run_serve(args: argparse.Namespace) -> int:
    try:
        from kyojo_desk.central.server import serve
    except ImportError as error:  # the desk's install does not carry the server's libraries
        raise StorageError(
            f"the server needs the 'central' extra ({error.name} is missing):"
            " pip install -e '.[central]'"
        ) from error

    if args.workers < 1:
        raise StorageError("--workers must be at least 1")
    serve(open_storage(args.db), args.host, args.port, workers=args.workers)
    return 0


def run_enroll_code(args: argparse.Namespace) -> int:
    if args.ttl <= 0:
        raise StorageError("--ttl must be a positive number of seconds")
    storage = open_storage(args.db)
    print(storage.create_enroll_code(args.desk_name, city=args.city, ttl_s=args.ttl))
    return 0


def run_revoke(args: argparse.Namespace) -> int:
    storage = open_storage(args.db)
    if not storage.revoke(args.desk_id):
        raise StorageError(f"no desk {args.desk_id}")
    print(f"revoked {args.desk_id}")
    return 0


def run_new_epoch(args: argparse.Namespace) -> int:
    print(open_storage(args.db).new_epoch(args.city))
    return 0


def run_erase(args: argparse.Namespace) -> int:
    if open_storage(args.db).erase(args.city, args.resident_id):
        print(f"erased {args.resident_id}")
    else:
        print(f"{args.resident_id} was erased before")
    return 0


def run_verify(args: argparse.Namespace) -> int:
    import json

    from kyojo_desk.central.verify import ensure_table, verify_payload

    storage = open_storage(args.db)
    ensure_table(storage)
    verdict = verify_payload(storage, args.payload)
    if args.json:
        print(json.dumps(verdict.to_json(), ensure_ascii=False, indent=2))
    else:
        print(verdict.status)
        if verdict.status == "valid":
            s = verdict.summary
            print(
                f"{s['n']}（{s['r']}） {s['y']}年度: {s['c']}回, 年3回 {'met' if s['m'] else 'not met'}"
            )
            print(f"issued {s['i']} by {verdict.desk_name} ({verdict.city})")
    return 0 if verdict.status == "valid" else 1


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.handler(args) or 0)
    except (StorageError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except Exception as error:  # the database could not be reached or opened
        if type(error).__module__.startswith(("psycopg", "sqlite3")):
            print(f"error: database: {error}", file=sys.stderr)
            return 1
        raise


if __name__ == "__main__":
    sys.exit(main())
