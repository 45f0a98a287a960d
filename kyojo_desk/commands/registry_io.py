"""Registry data in and out: `demo`, `import residents`, `export residents`."""

from __future__ import annotations

import argparse
from pathlib import Path

from kyojo_desk.commands.common import (
    command_group,
    command_user,
    open_store,
    require_coordinator_pin,
)


def demo(args: argparse.Namespace) -> int:
    from kyojo_desk.demo import load_demo, remove_demo

    with open_store(args) as store:
        if args.remove:
            require_coordinator_pin(store, "removing the demo residents")
            print(f"removed {remove_demo(store)} demo residents")
            return 0
        count = load_demo(store, residents=args.residents, seed=args.seed)
        print(f"added {count} demo residents (total {store.count_residents()})")
    return 0


def import_residents(args: argparse.Namespace) -> int:
    from kyojo_desk.store.districts import ensure_districts
    from kyojo_desk.store.roster_csv import import_roster

    with open_store(args) as store:
        require_coordinator_pin(store, "importing a roster")
        ensure_districts(store)
        report = import_roster(
            store,
            Path(args.file),
            dry_run=args.dry_run,
            witness=args.witness,
            rejects_path=Path(args.rejects) if args.rejects else None,
        )
        if not report.dry_run:
            store.record_audit(
                "imported",
                target_table="residents",
                detail=f"{report.imported}人",
                desk_user=command_user(),
            )
    verb = "would import" if report.dry_run else "imported"
    print(
        f"{verb} {report.imported} rows; rejected {report.rejected_count}; blank lines {report.blank_lines};"
        f" shared with the city {report.shared}"
    )
    for repaired in report.repaired[:20]:
        print(f"  row {repaired.row_number} read after undoing Excel: {repaired.reason}")
    for rejected in report.rejected[:20]:
        print(f"  row {rejected.row_number}: {rejected.reason}")
    if report.rejected_count > 20:
        print(f"  … and {report.rejected_count - 20} more")
    if report.rejected and args.rejects:
        print(f"rejected rows written to {args.rejects}")
    return 0


def export_residents(args: argparse.Namespace) -> int:
    from kyojo_desk.store.roster_csv import export_roster

    with open_store(args) as store:
        require_coordinator_pin(store, "exporting the registry")
        count = export_roster(store, Path(args.output))
        store.record_audit(
            "exported", target_table="residents", detail=f"{count}人", desk_user=command_user()
        )
    print(f"exported {count} residents to {args.output}")
    return 0


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "demo",
        help="fill the data directory with realistic synthetic residents",
        description="Add synthetic residents (names with readings, districts, birth dates 1930–2015) for practice and benchmarks.",
    )
    parser.add_argument(
        "--residents", type=int, default=300, help="how many residents (default 300)"
    )
    parser.add_argument(
        "--seed", type=int, default=1, help="random seed: the same seed gives the same people"
    )
    parser.add_argument("--remove", action="store_true", help="erase every demo resident instead")
    parser.set_defaults(handler=demo)

    import_kinds = command_group(commands, "import", "import data from files")
    residents = import_kinds.add_parser(
        "residents",
        help="import the centre's roster CSV (UTF-8 or CP932, Japanese or English headers)",
        description="Import residents from a roster CSV. Valid rows are imported in one transaction; rejected rows are reported with their row number and reason.",
    )
    residents.add_argument("file", help="the CSV file")
    residents.add_argument(
        "--dry-run", action="store_true", help="report what would happen and write nothing"
    )
    residents.add_argument(
        "--rejects", metavar="OUT.csv", help="write rejected rows with their reasons to this CSV"
    )
    residents.add_argument(
        "--witness",
        default="名簿取り込み",
        help="who checked the paper consents of the roster (default 名簿取り込み)",
    )
    residents.set_defaults(handler=import_residents)

    export_kinds = command_group(commands, "export", "export data to files")
    residents_out = export_kinds.add_parser(
        "residents",
        help="export the registry to CSV (UTF-8 with BOM, opens in Excel)",
        description="Export every active resident to CSV in 五十音 order.",
    )
    residents_out.add_argument(
        "-o", "--output", required=True, metavar="FILE.csv", help="where to write the CSV"
    )
    residents_out.set_defaults(handler=export_residents)
