"""Operations on residents (registry page, forms, merge)."""

from __future__ import annotations

from typing import Any

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


def load_resident(
    *, parent: QWidget, resident_id: str
) -> Operation[tuple[Resident, list[Consent]]]:
    return Operation(
        parent=parent,
        work=lambda store: (store.get_resident(resident_id), store.consents_of(resident_id)),
    )


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


def merge_residents(*, parent: QWidget, keep_id: str, other_id: str) -> Operation[Resident]:
    return Operation(
        parent=parent,
        work=lambda store: store.merge_residents(keep_id, other_id),
        changes=RESIDENT_TABLES,
    )


def import_roster(
    *, parent: QWidget, path: str, dry_run: bool, rejects_path: str | None, witness: str
) -> Operation:
    """Import (or try, with `dry_run`) a roster CSV; returns the ImportReport."""
    from pathlib import Path

    from kyojo_desk.store.roster_csv import import_roster as run_import

    return Operation(
        parent=parent,
        work=lambda store: run_import(
            store,
            Path(path),
            dry_run=dry_run,
            witness=witness or "名簿取り込み",
            rejects_path=Path(rejects_path) if rejects_path else None,
        ),
        changes=() if dry_run else RESIDENT_TABLES,
    )


def export_roster(*, parent: QWidget, path: str) -> Operation[int]:
    from pathlib import Path

    from kyojo_desk.store.roster_csv import export_roster as run_export

    return Operation(parent=parent, work=lambda store: run_export(store, Path(path)))
