"""Reading scanned sign-in sheets in the window: the pages are read on the pool (images only,
with progress), matched to residents on the database thread, and saved — only when the volunteer
confirms — on the database thread."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from kyojo_desk.gui.ops.base import Operation
from kyojo_desk.records.event import WalkIn
from kyojo_desk.scanning.sheet_import import DayChoice, ImportResult, ReadPage, SheetScan

SHEET_SCAN_TABLES = ("attendance", "residents")


class ScanProgress(QObject):
    """Pages read so far, reported from the pool thread (a queued signal reaches the window);
    `cancel()` from the window stops the reading after the page under way."""

    advanced = Signal(int, int)  # pages done, pages in all

    def __init__(self) -> None:
        super().__init__()
        self.cancelled = False

    def cancel(self) -> None:
        self.cancelled = True

    def report(self, done: int, total: int) -> bool:
        self.advanced.emit(done, total)
        return not self.cancelled


@dataclass
class ScanRead:
    """What the window shows after reading: the pages matched, and what saving would record."""

    scan: SheetScan
    new: int  # ticked people not yet checked in
    already: int  # ticked people already checked in
    day_choices: list[DayChoice] = field(default_factory=list)


class ReadSheetScans:
    """Two steps with one pair of callbacks, like an Operation: read the files on the pool,
    then match the pages on the database thread."""

    def __init__(
        self, *, parent: QWidget, paths: list[Path], event_id: str | None, progress: ScanProgress
    ) -> None:
        self.parent = parent
        self.paths = paths
        self.event_id = event_id
        self.progress = progress
        self._on_success: Callable[[ScanRead], None] | None = None
        self._on_failure: Callable[[BaseException], None] | None = None

    def success(self, callback: Callable[[ScanRead], None]) -> ReadSheetScans:
        self._on_success = callback
        return self

    def failure(self, callback: Callable[[BaseException], None]) -> ReadSheetScans:
        self._on_failure = callback
        return self

    def run_in_background(self) -> None:
        from kyojo_desk.scanning.pages import scan_files_in
        from kyojo_desk.scanning.sheet_import import read_files

        def read() -> list[ReadPage]:
            return read_files(scan_files_in(self.paths), self.progress.report)

        def read_done(pages: list[ReadPage]) -> None:
            match = Operation(parent=self.parent, work=lambda store: self._match(store, pages))
            if self._on_success is not None:
                match.success(self._on_success)
            if self._on_failure is not None:
                match.failure(self._on_failure)
            match.run_in_background()

        reading = Operation(parent=self.parent, work=read, in_pool=True).success(read_done)
        if self._on_failure is not None:
            reading.failure(self._on_failure)
        reading.run_in_background()

    def _match(self, store: Any, pages: list[ReadPage]) -> ScanRead:
        from kyojo_desk.scanning.sheet_import import day_choices, import_preview, match_pages

        scan = match_pages(store, pages, self.event_id)
        choices = day_choices(store, scan, dt.date.today().isoformat())
        preview = import_preview(
            store, scan, {choice.event_id: choice.chosen for choice in choices}
        )
        return ScanRead(scan, preview.checked_in, preview.already, choices)


def read_sheet_scans(
    *, parent: QWidget, paths: list[Path], event_id: str | None, progress: ScanProgress
) -> ReadSheetScans:
    """Read scan files (PDF pages, images, folders of them) and match their rows."""
    return ReadSheetScans(parent=parent, paths=paths, event_id=event_id, progress=progress)


def preview_sheet_scan(
    *, parent: QWidget, scan: SheetScan, days: dict[str, str]
) -> Operation[ImportResult]:
    """What saving would record when the undated pages count for `days` (event id → day)."""
    from kyojo_desk.scanning.sheet_import import import_preview

    return Operation(parent=parent, work=lambda store: import_preview(store, scan, days))


def save_sheet_scan(
    *,
    parent: QWidget,
    scan: SheetScan,
    confirmed: dict[tuple[int, int], bool],
    walk_ins: dict[tuple[int, int], WalkIn],
    recorded_by: str = "",
    days: dict[str, str] | None = None,
) -> Operation[ImportResult]:
    """Record what the volunteer confirmed: every clear tick, the unclear rows decided one by
    one, and the walk-ins registered from their rows. A page counts for the day its code names,
    else for the day chosen for its event in `days`."""
    from kyojo_desk.scanning.sheet_import import apply_scan

    return Operation(
        parent=parent,
        work=lambda store: apply_scan(
            store, scan, confirmed, walk_ins, recorded_by=recorded_by, day=days or None
        ),
        changes=SHEET_SCAN_TABLES,
    )
