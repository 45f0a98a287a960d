"""A resident's rights: `person export`, `person withdraw`, `retention`."""

from __future__ import annotations

import argparse
from pathlib import Path

from kyojo_desk.commands.common import (
    CommandError,
    command_group,
    command_user,
    open_store,
    print_json,
    require_coordinator_pin,
)


def person_export(args: argparse.Namespace) -> int:
    from kyojo_desk.privacy import export_person_csv, export_person_pdf

    folder = Path(args.output)
    with open_store(args) as store:
        require_coordinator_pin(store, "disclosing a person's records")
        store.get_resident(args.id)
        folder.mkdir(parents=True, exist_ok=True)
        pdf = export_person_pdf(store, args.id, folder / f"開示_{args.id[:8]}.pdf")
        csv_path = export_person_csv(store, args.id, folder / f"開示_{args.id[:8]}.csv")
        store.record_audit(
            "exported_person",
            target_table="residents",
            target_id=args.id,
            desk_user=command_user(),
        )
    print(f"written {pdf} and {csv_path}")
    return 0


def person_withdraw(args: argparse.Namespace) -> int:
    from kyojo_desk.privacy import withdraw_consent

    if not args.yes:
        raise CommandError("withdrawing consent erases the person everywhere; add --yes to confirm")
    with open_store(args) as store:
        require_coordinator_pin(store, "withdrawing consent")
        store.get_resident(args.id)
        withdraw_consent(store, args.id)
        store.record_audit(
            "erased",
            target_table="residents",
            target_id=args.id,
            detail="同意の撤回",
            desk_user=command_user(),
        )
    print(
        "consent withdrawn; the person is erased here and will be erased everywhere at the next sync"
    )
    return 0


def retention(args: argparse.Namespace) -> int:
    from kyojo_desk.privacy import retention_review

    with open_store(args) as store:
        require_coordinator_pin(store, "the retention review")
        found = retention_review(store, years=args.years)
    if args.json:
        print_json(
            [{"id": c.resident_id, "last_activity": c.last_activity.isoformat()} for c in found]
        )
    else:
        for candidate in found:
            print(f"{candidate.resident_id}\t{candidate.last_activity}\t{candidate.name}")
        print(f"{len(found)} residents with no activity for {args.years} years")
    return 0


def register(commands: argparse._SubParsersAction) -> None:
    # Shared with the 担い手活動 commands (`person link-code`, `person register-furusato`).
    kinds = command_group(
        commands,
        "person",
        "a person's records: disclosure, withdrawal of consent, people from elsewhere",
    )
    export = kinds.add_parser(
        "export",
        help="everything held about one person, as PDF and CSV",
        description="Write a readable PDF and a CSV of everything held about one resident.",
    )
    export.add_argument("id", help="the resident's id")
    export.add_argument(
        "-o", "--output", required=True, metavar="DIR", help="folder for the PDF and CSV"
    )
    export.set_defaults(handler=person_export)
    withdraw = kinds.add_parser(
        "withdraw",
        help="withdraw consent: the person is erased here and, by sync, everywhere",
        description="Record the withdrawal of consent and erase the person.",
    )
    withdraw.add_argument("id", help="the resident's id")
    withdraw.add_argument("--yes", action="store_true", help="confirm: this cannot be undone")
    withdraw.set_defaults(handler=person_withdraw)
    review = commands.add_parser(
        "retention",
        help="residents with no activity for some years (retention review)",
        description="List residents with nothing recorded about them for --years years.",
    )
    review.add_argument("--years", type=int, default=3, help="years without activity (default 3)")
    review.add_argument("--json", action="store_true", help="print JSON")
    review.set_defaults(handler=retention)
