"""Operations on residents (registry page, forms, merge)."""

from __future__ import annotations

import threading
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from kyojo_desk.gui.ops.base import Operation
from kyojo_desk.records.resident import Consent, Resident
from kyojo_desk.store.districts import District

RESIDENT_TABLES = ("residents", "consents")


def search_residents(*, parent: QWidget, query: str, limit: int = 200) -> Operation[list[Resident]]:
    return Operation(parent=parent, work=lambda store: store.search_residents(query, limit=limit))


def count_residents(*, parent: QWidget) -> Operation[int]:
    return Operation(parent=parent, work=lambda store: store.count_residents())


def list_districts(*, parent: QWidget) -> Operation[list[District]]:
    return Operation(parent=parent, work=lambda store: store.list_districts())


def shared_with_city(*, parent: QWidget, resident_ids: list[str]) -> Operation[set[str]]:
    """Which of these residents agreed to share their record with the city."""
    from kyojo_desk.store.consent_scopes import shared_ids

    return Operation(parent=parent, work=lambda store: shared_ids(store, resident_ids))


def load_resident(
    *, parent: QWidget, resident_id: str, viewer: str = ""
) -> Operation[tuple[Resident, list[Consent]]]:
    """The full record of a resident; opening it is written in the audit log."""

    def work(store):
        resident = store.get_resident(resident_id)
        store.record_audit(
            "viewed_record", target_table="residents", target_id=resident_id, desk_user=viewer
        )
        return resident, store.consents_of(resident_id)

    return Operation(parent=parent, work=work, changes=("audit_log",))


def register_resident(
    *,
    parent: QWidget,
    values: dict[str, Any],
    consent: Consent | None,
    allow_duplicate: bool = False,
) -> Operation[Resident]:
    return Operation(
        parent=parent,
        work=lambda store: store.register_resident(
            values, consent, allow_duplicate=allow_duplicate
        ),
        changes=RESIDENT_TABLES,
    )


def update_resident(
    *, parent: QWidget, resident_id: str, changes: dict[str, Any]
) -> Operation[Resident]:
    return Operation(
        parent=parent,
        work=lambda store: store.update_resident(resident_id, changes),
        changes=RESIDENT_TABLES,
    )


def change_consent(
    *,
    parent: QWidget,
    resident_id: str,
    add: list[str],
    remove: list[str],
    witness: str,
    method: str,
    by: str = "",
) -> Operation[list[str]]:
    """Add or withdraw consent scopes, witnessed and audited, exactly as `kyojo-desk resident
    consent` does (store.consent_scopes.change_scopes); returns the scopes now given."""
    from kyojo_desk.store.consent_scopes import change_scopes

    return Operation(
        parent=parent,
        work=lambda store: change_scopes(
            store, resident_id, add=add, remove=remove, witness=witness, method=method, by=by
        ),
        changes=(*RESIDENT_TABLES, "audit_log"),
    )


def merge_residents(
    *, parent: QWidget, keep_id: str, other_id: str, by: str = ""
) -> Operation[Resident]:
    return Operation(
        parent=parent,
        work=lambda store: store.merge_residents(keep_id, other_id, by=by),
        changes=(*RESIDENT_TABLES, "audit_log"),
    )


def import_roster(
    *,
    parent: QWidget,
    path: str,
    dry_run: bool,
    rejects_path: str | None,
    witness: str,
    cancel: threading.Event | None = None,
    progress=None,
) -> Operation:
    """Import (or try, with `dry_run`) a roster CSV; returns the ImportReport. Setting `cancel`
    stops it with ImportCancelled, nothing written; `progress` (an ImportProgress) counts the
    rows read."""
    from pathlib import Path

    from kyojo_desk.store.roster_csv import import_roster as run_import

    def work(store):
        report = run_import(
            store,
            Path(path),
            dry_run=dry_run,
            witness=witness or "名簿取り込み",
            rejects_path=Path(rejects_path) if rejects_path else None,
            cancelled=cancel.is_set if cancel is not None else lambda: False,
            progress=progress,
        )
        if not dry_run:
            store.record_audit(
                "imported",
                target_table="residents",
                detail=f"{report.imported}人",
                desk_user=witness,
            )
        return report

    return Operation(
        parent=parent, work=work, changes=() if dry_run else (*RESIDENT_TABLES, "audit_log")
    )


def export_roster(*, parent: QWidget, path: str, by: str = "") -> Operation[int]:
    from pathlib import Path

    from kyojo_desk.store.roster_csv import export_roster as run_export

    def work(store) -> int:
        count = run_export(store, Path(path))
        store.record_audit(
            "exported",
            target_table="residents",
            detail=f"{count}人",
            desk_user=by,
        )
        return count

    return Operation(parent=parent, work=work, changes=("audit_log",))


def export_person(*, parent: QWidget, resident_id: str, folder: str, by: str = "") -> Operation:
    """The disclosure of one person as PDF and CSV in `folder`; returns the two paths."""
    from pathlib import Path

    from kyojo_desk.privacy import export_person_csv, export_person_pdf

    def work(store):
        stem = Path(folder) / QCoreApplication.translate("residents", "開示_{value}").format(
            value=resident_id[:8]
        )
        pdf = export_person_pdf(store, resident_id, stem.with_suffix(".pdf"))
        csv_path = export_person_csv(store, resident_id, stem.with_suffix(".csv"))
        store.record_audit(
            "exported_person", target_table="residents", target_id=resident_id, desk_user=by
        )
        return pdf, csv_path

    return Operation(parent=parent, work=work, changes=("audit_log",))


def withdraw_consent(*, parent: QWidget, resident_id: str, by: str = "") -> Operation:
    """Withdrawal of consent: the person is erased here and, through sync, everywhere."""
    from kyojo_desk.privacy import withdraw_consent as withdraw

    def work(store) -> None:
        withdraw(store, resident_id)
        store.record_audit("erased", target_table="residents", target_id=resident_id, desk_user=by)

    return Operation(parent=parent, work=work, changes=(*RESIDENT_TABLES, "audit_log"))


def retention_review(*, parent: QWidget, years: int) -> Operation:
    from kyojo_desk.privacy import retention_review as review

    return Operation(parent=parent, work=lambda store: review(store, years=years))
