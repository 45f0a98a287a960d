"""担い手活動 commands: `org add/list`, `person link-code/register-furusato`, `ninaite list`."""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
from pathlib import Path

from kyojo_desk.commands.common import (
    CommandError,
    command_group,
    command_user,
    open_store,
    print_json,
    print_listing,
    require_coordinator_pin,
)
from kyojo_desk.ninaite_list import city_list, write_city_list_csv
from kyojo_desk.records.ninaite import ORGANISATION_KIND_LABELS, fiscal_year_of


def org_add(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        organisation = store.create_organisation(
            {"name": args.name, "kind": args.kind, "contact": args.contact or ""}
        )
    if args.json:
        print_json(dataclasses.asdict(organisation))
    else:
        print(organisation.id)
    return 0


def org_list(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        organisations = store.list_organisations()
    print_listing(
        organisations,
        as_json=args.json,
        line=lambda o: f"{o.id}\t{o.kind_label}\t{o.name}\t{o.contact}",
    )
    return 0


def link_code(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        code = store.link_external_code(args.resident_id, args.payload)
    print(f"linked {code!r} to {args.resident_id}")
    return 0


def register_furusato(args: argparse.Namespace) -> int:
    values = {
        "family_name": args.family_name,
        "given_name": args.given_name or "",
        "family_reading": args.family_reading,
        "given_reading": args.given_reading or "",
        "home_municipality": args.home,
        "phone": args.phone or "",
        "birth_date": args.birth_date or "",
        "is_minor": args.minor,
        "guardian_name": args.guardian or "",
        "guardian_consent": args.guardian_consent,
    }
    with open_store(args) as store:
        resident = store.register_furusato(values, args.witnessed_by, allow_duplicate=args.force)
        if args.code:
            store.link_external_code(resident.id, args.code)
    if args.json:
        print_json(dataclasses.asdict(resident))
    else:
        print(resident.id)
    return 0


def ninaite_list(args: argparse.Namespace) -> int:
    if args.csv and not args.output:
        raise CommandError("--csv needs -o FILE")
    year = args.fiscal_year if args.fiscal_year is not None else fiscal_year_of(dt.date.today())
    if not 2000 <= year <= 2200:
        raise CommandError("--fiscal-year must be a year such as 2026")
    with open_store(args) as store:
        if args.csv:
            # A file of people's names leaves the desk: as for other exports.
            require_coordinator_pin(store, "writing the list of 担い手活動")
        rows = city_list(store, year)
        if args.csv:
            write_city_list_csv(rows, Path(args.output))
            store.record_audit(
                "exported",
                target_table="attendance",
                detail=f"担い手活動 {year}年度 {len(rows)}人",
                desk_user=command_user(),
            )
    if args.csv:
        print(f"wrote {len(rows)} people to {args.output}")
    elif args.json:
        print_json(rows)
    else:
        for row in rows:
            met = "met" if row["met"] else "-"
            print(f"{row['person_id']}\t{row['name']}\t{row['counted']}\t{met}")
    return 0


def print_ninaite_record(args: argparse.Namespace) -> int:
    from kyojo_desk.ninaite_record import register_record_key
    from kyojo_desk.printing.ninaite_record import render_ninaite_record

    output = Path(args.output)
    if output.suffix.lower() != ".pdf":
        raise CommandError("the output must end in .pdf")
    with open_store(args) as store:
        # So the server can verify it: sends the desk's public key if it has not got it yet
        # (offline, the next sync does).
        register_record_key(store)
        pages = render_ninaite_record(store, args.person_id, args.fiscal_year, output)
        store.record_audit(
            "exported_person",
            target_table="residents",
            target_id=args.person_id,
            detail=f"担い手活動の記録 {args.fiscal_year}年度",
            desk_user=command_user(),
        )
    print(f"written {output}: {pages} page(s)")
    return 0


def register(commands: argparse._SubParsersAction) -> None:
    kinds = ", ".join(f"{k.value} ({label})" for k, label in ORGANISATION_KIND_LABELS.items())
    org = commands.add_parser(
        "org",
        help="partner organisations whose projects count as 担い手活動",
        description="Partner organisations (pattern ②: 自治会, 地域運営組織, 消防団, NPO …).",
    )
    org_commands = org.add_subparsers(dest="org_command", metavar="COMMAND", required=True)
    add = org_commands.add_parser(
        "add", help="add a partner organisation and print its id", description="Add one."
    )
    add.add_argument("--name", required=True, help="the organisation's name")
    add.add_argument("--kind", required=True, help=f"kind: {kinds}")
    add.add_argument("--contact", help="who to contact (name, phone)")
    add.add_argument("--json", action="store_true", help="print the organisation as JSON")
    add.set_defaults(handler=org_add)
    listing = org_commands.add_parser(
        "list", help="list partner organisations", description="List partner organisations."
    )
    listing.add_argument("--json", action="store_true", help="print a JSON array")
    listing.set_defaults(handler=org_list)

    person_commands = command_group(
        commands,
        "person",
        "a person's records: disclosure, withdrawal of consent, people from elsewhere",
    )
    link = person_commands.add_parser(
        "link-code",
        help="link a QR code or barcode a person brought to them",
        description="Link any QR code or barcode (e.g. from the national registration app) to"
        " a person, so `checkin EVENT PAYLOAD` recognises it. The code is kept as given (after"
        " NFKC), never parsed.",
    )
    link.add_argument("resident_id", metavar="RESIDENT_ID", help="the person's id")
    link.add_argument("payload", metavar="PAYLOAD", help="the code's text as scanned")
    link.set_defaults(handler=link_code)

    furusato = person_commands.add_parser(
        "register-furusato",
        help="register a ふるさと住民 (関係人口) in a few fields and print the id",
        description="Register a person who lives elsewhere: name, reading, home municipality;"
        " a minor needs --guardian and --guardian-consent.",
    )
    furusato.add_argument("--family-name", required=True, help="family name (姓)")
    furusato.add_argument("--given-name", help="given name (名)")
    furusato.add_argument("--family-reading", required=True, help="reading of the family name")
    furusato.add_argument("--given-reading", help="reading of the given name")
    furusato.add_argument("--home", required=True, help="home municipality, e.g. 東京都八王子市")
    furusato.add_argument("--phone", help="contact phone (optional)")
    furusato.add_argument("--birth-date", help="birth date (和暦 or 西暦, optional)")
    furusato.add_argument("--minor", action="store_true", help="the person is under 18")
    furusato.add_argument("--guardian", help="a minor's guardian's name")
    furusato.add_argument(
        "--guardian-consent",
        action="store_true",
        help="the guardian consented (needed for a minor)",
    )
    furusato.add_argument(
        "--witnessed-by", required=True, help="who heard the person agree to the record being kept"
    )
    furusato.add_argument("--code", help="an external QR/barcode to link at once")
    furusato.add_argument(
        "--force", action="store_true", help="register even if a similar person exists"
    )
    furusato.add_argument("--json", action="store_true", help="print the person as JSON")
    furusato.set_defaults(handler=register_furusato)

    ninaite = commands.add_parser(
        "ninaite",
        help="担い手活動 per person and 年度 (the city's list)",
        description="担い手活動 per person and 年度 (fiscal year from April).",
    )
    ninaite_commands = ninaite.add_subparsers(
        dest="ninaite_command", metavar="COMMAND", required=True
    )
    year_list = ninaite_commands.add_parser(
        "list",
        help="everyone's designated activities in a 年度",
        description="One row per person with a designated activity in the 年度: activity days,"
        " distinct activities, the count (consecutive-three-days rule for people from far away),"
        " days of stay and whether 年3回 is met. Columns: see docs/ninaite.md.",
    )
    year_list.add_argument(
        "--fiscal-year",
        type=int,
        metavar="Y",
        help="年度 Y runs from 1 April Y to 31 March Y+1 (default: the current one)",
    )
    output = year_list.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="print a JSON array")
    output.add_argument("--csv", action="store_true", help="write a CSV file (needs -o)")
    year_list.add_argument("-o", "--output", metavar="FILE", help="where to write the CSV")
    year_list.set_defaults(handler=ninaite_list)

    record = command_group(commands, "print", "make printable PDFs").add_parser(
        "ninaite-record",
        help="a person's 担い手活動 record for a 年度, with a QR the city can verify",
        description="An A4 record in large print: the counted activities, the count, whether"
        " 年3回 is met, a seal box and a QR code signed by this desk (`kyojo-central verify`).",
    )
    record.add_argument("person_id", metavar="PERSON_ID", help="the person's id")
    record.add_argument("--fiscal-year", type=int, required=True, metavar="Y", help="年度 Y")
    record.add_argument("-o", "--output", required=True, metavar="FILE", help="the PDF to write")
    record.set_defaults(handler=print_ninaite_record)
