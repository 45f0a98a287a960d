"""Operations of 担い手活動: partner organisations, ふるさと住民 at the door, external codes, the
yearly tally, the city's list and the signed record."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from kyojo_desk.gui.ops.base import Operation


def list_organisations(*, parent: QWidget) -> Operation:
    return Operation(parent=parent, work=lambda store: store.list_organisations())


def add_organisation(*, parent: QWidget, values: dict[str, Any]) -> Operation:
    return Operation(
        parent=parent,
        work=lambda store: store.create_organisation(values),
        changes=("organisations",),
    )


def search_people(*, parent: QWidget, query: str) -> Operation:
    return Operation(parent=parent, work=lambda store: store.search_residents(query, limit=30))


def load_year(*, parent: QWidget, fiscal_year: int) -> Operation[list[dict[str, Any]]]:
    """Everyone with a designated activity in the 年度 (the city's list, as rows)."""
    from kyojo_desk.ninaite_list import city_list

    return Operation(parent=parent, work=lambda store: city_list(store, fiscal_year))


def load_person_year(*, parent: QWidget, person_id: str, fiscal_year: int) -> Operation:
    """(resident, tally, linked codes) of one person's 年度."""

    def work(store) -> tuple[Any, Any, list[str]]:
        tally = store.ninaite_tally(person_id, fiscal_year)
        resident = store.get_resident(tally.person_id)
        return resident, tally, store.external_codes_of(resident.id)

    return Operation(parent=parent, work=work)


def make_record(
    *, parent: QWidget, person_id: str, fiscal_year: int, by: str = ""
) -> Operation[Path]:
    """The person's record PDF (signed by this desk), in a temporary folder."""
    from kyojo_desk.printing.ninaite_record import render_ninaite_record

    def work(store) -> Path:
        name = QCoreApplication.translate("ninaite", "担い手活動の記録")
        path = Path(tempfile.mkdtemp(prefix="kyojo-print-")) / f"{name}_{fiscal_year}.pdf"
        render_ninaite_record(store, person_id, fiscal_year, path)
        store.record_audit(
            "exported_person",
            target_table="residents",
            target_id=person_id,
            detail=f"担い手活動の記録 {fiscal_year}年度",
            desk_user=by,
        )
        return path

    return Operation(parent=parent, work=work, changes=("audit_log",))


def export_year(*, parent: QWidget, fiscal_year: int, path: Path, by: str = "") -> Operation[int]:
    """The city's list of the 年度 as a spreadsheet-safe CSV; returns how many people."""
    from kyojo_desk.ninaite_list import city_list, write_city_list_csv

    def work(store) -> int:
        rows = city_list(store, fiscal_year)
        write_city_list_csv(rows, path)
        store.record_audit(
            "exported",
            target_table="attendance",
            detail=f"担い手活動 {fiscal_year}年度 {len(rows)}人",
            desk_user=by,
        )
        return len(rows)

    return Operation(parent=parent, work=work, changes=("audit_log",))


def register_furusato(
    *, parent: QWidget, values: dict[str, Any], witnessed_by: str, allow_duplicate: bool = False
) -> Operation:
    return Operation(
        parent=parent,
        work=lambda store: store.register_furusato(
            values, witnessed_by, allow_duplicate=allow_duplicate
        ),
        changes=("residents", "consents"),
    )


def link_code(*, parent: QWidget, resident_id: str, payload: str) -> Operation[str]:
    return Operation(
        parent=parent,
        work=lambda store: store.link_external_code(resident_id, payload),
        changes=("external_codes",),
    )


def link_code_and_check_in(
    *, parent: QWidget, event_id: str, resident_id: str, code: str, recorded_by: str
) -> Operation:
    """Link a code a person brought to them, then check them in with it (one transaction)."""

    def work(store) -> tuple[Any, Any]:
        with store.transaction():
            store.link_external_code(resident_id, code)
            result = store.check_in_by_scan(event_id, code, recorded_by=recorded_by)
        return result, store.live_counts(event_id)

    return Operation(
        parent=parent, work=work, changes=("external_codes", "attendance", "resident_numbers")
    )


def register_furusato_and_check_in(
    *,
    parent: QWidget,
    event_id: str,
    values: dict[str, Any],
    witnessed_by: str,
    code: str = "",
    allow_duplicate: bool = False,
) -> Operation:
    """Register a ふるさと住民 at the door, link the code they showed (if any) and check them
    in, all or nothing."""

    def work(store) -> tuple[Any, Any]:
        with store.transaction():
            person = store.register_furusato(values, witnessed_by, allow_duplicate=allow_duplicate)
            if code:
                store.link_external_code(person.id, code)
            result = store.check_in(event_id, person.id, "walk_in", recorded_by=witnessed_by)
        return result, store.live_counts(event_id)

    return Operation(
        parent=parent,
        work=work,
        changes=("residents", "consents", "external_codes", "attendance", "resident_numbers"),
    )
