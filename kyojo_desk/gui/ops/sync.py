"""Operations for sync: one round now, the status bar's numbers, conflicts and their choice.

A sync round talks to the server for seconds at a time, so it runs on the pool and reaches the
Store through `StoreOnDatabaseThread`: each Store call is carried to the database thread and
waited for, so the database thread is free for the volunteer's own work during network waits.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtWidgets import QWidget

from kyojo_desk.gui.context import DeskContext
from kyojo_desk.gui.ops.base import Operation, context_of
from kyojo_desk.store.schema import SYNCED_TABLES
from kyojo_desk.store.sync_state import SyncConflict

CONFLICT_TABLE = "sync_conflicts"
REJECTION_TABLE = "sync_rejections"
QUARANTINE_TABLE = "sync_quarantine"
# After a round every synced table may have changed (pulled), and so may the conflicts, the
# refused changes and the rows kept aside.
SYNC_CHANGES = (*SYNCED_TABLES, CONFLICT_TABLE, REJECTION_TABLE, QUARANTINE_TABLE)


class StoreOnDatabaseThread:
    """Stands in for the Store on another thread: every attribute and call runs on the
    database thread (one at a time, like every other Store use)."""

    def __init__(self, context: DeskContext) -> None:
        self._context = context

    def __getattr__(self, name: str) -> Any:
        value = self._context.taskman.run_on_db_now(lambda store: getattr(store, name))
        if not callable(value):
            return value

        def call(*args: Any, **kwargs: Any) -> Any:
            return self._context.taskman.run_on_db_now(
                lambda store: getattr(store, name)(*args, **kwargs)
            )

        return call


@dataclass
class SyncStatus:
    """What the status bar shows."""

    enrolled: bool
    last_sync_at: str | None
    pending: int
    open_conflicts: int
    rejected: int = 0  # changes the server refused, kept until corrected or discarded
    quarantined: int = 0  # pulled rows this desk could not apply


def load_sync_status(*, parent: QWidget) -> Operation[SyncStatus]:
    return Operation(
        parent=parent,
        work=lambda store: SyncStatus(
            enrolled=store.is_enrolled(),
            last_sync_at=store.last_sync_at(),
            pending=store.pending_changes(),
            open_conflicts=len(store.list_conflicts()),
            rejected=store.rejection_count(),
            quarantined=store.quarantine_count(),
        ),
    )


def sync_now(*, parent: QWidget, sync_round: Callable[..., Any] | None = None) -> Operation[Any]:
    """One push-then-pull round (kyojo_desk.sync.engine.sync_once) off the database thread."""
    from kyojo_desk.sync.engine import sync_once

    context = context_of(parent)
    run_round = sync_round or sync_once
    stop = context.taskman.stopping
    return Operation(
        parent=parent,
        work=lambda: _round_then_record_key(run_round, StoreOnDatabaseThread(context), stop),
        changes=SYNC_CHANGES,
        in_pool=True,
    )


def _round_then_record_key(run_round: Callable[..., Any], store: Any, stop: Any) -> Any:
    """The sync round (ended early when the desk closes: `stop`), then this desk's
    record-signing key to the server if it lacks it (so the 担い手活動 records this desk
    prints can be verified)."""
    from kyojo_desk.ninaite_record import register_record_key

    report = run_round(store, stop=stop)
    if not stop.is_set():
        register_record_key(store)
    return report


@dataclass
class ConflictRow:
    """A conflict with what the coordinator needs to recognise the record."""

    conflict: SyncConflict
    record: str  # e.g. the person's name, or the row id when the record is not a person's


def describe_record(store: Any, table: str, row_id: str) -> str:
    """A human name for a row: the person it belongs to when the table declares one."""
    spec = SYNCED_TABLES.get(table)
    resident_id = None
    if spec is not None and spec.resident_field == "id":
        resident_id = row_id
    elif spec is not None and spec.resident_field:
        row = store.get_row(table, row_id)
        resident_id = row.get(spec.resident_field) if row else None
    if resident_id:
        person = store.get_row("residents", resident_id)
        if person:
            name = f"{person.get('family_name', '')} {person.get('given_name', '')}".strip()
            if name:
                return name
    if spec is not None and "name" in spec.fields:
        row = store.get_row(table, row_id)
        if row and row.get("name"):
            return str(row["name"])
    return row_id


def list_conflicts(*, parent: QWidget) -> Operation[list[ConflictRow]]:
    return Operation(
        parent=parent,
        work=lambda store: [
            ConflictRow(c, describe_record(store, c.table, c.row_id))
            for c in store.list_conflicts()
        ],
    )


def resolve_conflict(
    *, parent: QWidget, conflict: SyncConflict, choose_lost: bool
) -> Operation[None]:
    return Operation(
        parent=parent,
        work=lambda store: store.resolve_conflict(conflict.id, choose_lost=choose_lost),
        changes=(CONFLICT_TABLE, conflict.table),
    )


@dataclass
class SetAsideRow:
    """A refused change or a quarantined pulled row, as the conflicts page lists them."""

    kind: str  # "rejected" (refused by the server) or "quarantined" (could not apply here)
    key: int  # the outbox seq of a refused change, the quarantine id of a pulled row
    table: str
    record: str
    field: str
    reason: str
    at: str


def list_set_aside(*, parent: QWidget) -> Operation[list[SetAsideRow]]:
    """Refused changes first (this desk's own work that did not reach the city), then pulled
    rows kept aside."""

    def work(store: Any) -> list[SetAsideRow]:
        rows = [
            SetAsideRow(
                "rejected",
                r["seq"],
                r["table_name"],
                describe_record(store, r["table_name"], r["row_id"]),
                r["field"],
                r["reason"],
                r["rejected_at"],
            )
            for r in store.rejections()
        ]
        rows += [
            SetAsideRow(
                "quarantined",
                q["id"],
                q["table_name"],
                q["row_id"],
                q["field"],
                q["reason"],
                q["recorded_at"],
            )
            for q in store.quarantined()
        ]
        return rows

    return Operation(parent=parent, work=work)


def discard_set_aside(*, parent: QWidget, item: SetAsideRow) -> Operation[None]:
    """A coordinator gives up a refused change or a quarantined row."""

    def work(store: Any) -> None:
        if item.kind == "rejected":
            store.discard_rejection(item.key)
        else:
            store.discard_quarantined(item.key)

    return Operation(parent=parent, work=work, changes=(REJECTION_TABLE, QUARANTINE_TABLE))
