"""Operations of the reception desk: events, check-ins, walk-ins, head counts, undo, sheets.

Check-in operations return the result together with the live counts, read in the same job on
the database thread, so one round trip updates the whole screen.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtWidgets import QWidget

from kyojo_desk.gui.ops.base import Operation
from kyojo_desk.records.event import (
    Attendance,
    CheckInResult,
    Event,
    LiveCounts,
    SheetEntryResult,
    WalkIn,
)
from kyojo_desk.records.resident import Resident
from kyojo_desk.store.events import UndoResult

ATTENDANCE_TABLES = ("attendance",)
WALK_IN_TABLES = ("attendance", "residents")


def list_events_around(*, parent: QWidget, day: dt.date) -> Operation[list[Event]]:
    """Today's events first, then the latest others (for picking one to receive)."""

    def work(store: Any) -> list[Event]:
        today = store.events_on(day)
        seen = {e.id for e in today}
        return today + [e for e in store.list_events(limit=30) if e.id not in seen]

    return Operation(parent=parent, work=work)


def create_event(*, parent: QWidget, values: dict[str, Any]) -> Operation[Event]:
    return Operation(
        parent=parent, work=lambda store: store.create_event(values), changes=("events",)
    )


def live_counts(*, parent: QWidget, event_id: str) -> Operation[LiveCounts]:
    return Operation(parent=parent, work=lambda store: store.live_counts(event_id))


def check_in_by_scan(
    *, parent: QWidget, event_id: str, scanned_text: str, recorded_by: str
) -> Operation[tuple[CheckInResult, LiveCounts]]:
    def work(store: Any) -> tuple[CheckInResult, LiveCounts]:
        result = store.check_in_by_scan(event_id, scanned_text, recorded_by=recorded_by)
        return result, store.live_counts(event_id)

    return Operation(parent=parent, work=work, changes=ATTENDANCE_TABLES)


def check_in(
    *, parent: QWidget, event_id: str, resident_id: str, method: str, recorded_by: str
) -> Operation[tuple[CheckInResult, LiveCounts]]:
    def work(store: Any) -> tuple[CheckInResult, LiveCounts]:
        result = store.check_in(event_id, resident_id, method, recorded_by=recorded_by)
        return result, store.live_counts(event_id)

    return Operation(parent=parent, work=work, changes=ATTENDANCE_TABLES)


def register_walk_in(
    *,
    parent: QWidget,
    event_id: str,
    walk_in: WalkIn,
    recorded_by: str,
    allow_duplicate: bool = False,
) -> Operation[tuple[CheckInResult, LiveCounts]]:
    def work(store: Any) -> tuple[CheckInResult, LiveCounts]:
        result = store.register_walk_in(
            event_id, walk_in, recorded_by=recorded_by, allow_duplicate=allow_duplicate
        )
        return result, store.live_counts(event_id)

    return Operation(parent=parent, work=work, changes=WALK_IN_TABLES)


def count_anonymous(
    *, parent: QWidget, event_id: str, age_band: str, recorded_by: str
) -> Operation[tuple[Attendance, LiveCounts]]:
    def work(store: Any) -> tuple[Attendance, LiveCounts]:
        head = store.count_anonymous(event_id, age_band, recorded_by=recorded_by)
        return head, store.live_counts(event_id)

    return Operation(parent=parent, work=work, changes=ATTENDANCE_TABLES)


def undo_last_check_in(
    *, parent: QWidget, event_id: str
) -> Operation[tuple[UndoResult, LiveCounts]]:
    def work(store: Any) -> tuple[UndoResult, LiveCounts]:
        return store.undo_last_check_in(event_id), store.live_counts(event_id)

    return Operation(parent=parent, work=work, changes=ATTENDANCE_TABLES)


def load_sheet(
    *, parent: QWidget, event_id: str
) -> Operation[tuple[Event, list[Resident], set[str]]]:
    """The event, its expected people in sign-in sheet order, and who is already counted."""
    return Operation(
        parent=parent,
        work=lambda store: (
            store.get_event(event_id),
            store.expected_residents(event_id),
            store.attended_ids(event_id),
        ),
    )


def enter_sheet(
    *,
    parent: QWidget,
    event_id: str,
    ticked_resident_ids: list[str],
    walk_ins: list[WalkIn],
    day: str | None = None,
) -> Operation[SheetEntryResult]:
    return Operation(
        parent=parent,
        work=lambda store: store.enter_sheet(event_id, ticked_resident_ids, walk_ins, day=day),
        changes=WALK_IN_TABLES,
    )


def search_for_check_in(
    *, parent: QWidget, query: str, event_id: str | None, limit: int = 30
) -> Operation[tuple[list[Resident], set[str]]]:
    """Residents matching a name or reading, and which of them are already counted."""

    def work(store: Any) -> tuple[list[Resident], set[str]]:
        found = store.search_residents(query, limit=limit)
        attended = store.attended_ids(event_id) if event_id else set()
        return found, {r.id for r in found} & attended

    return Operation(parent=parent, work=work)
