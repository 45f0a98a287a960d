"""From scan files to check-ins: read every page, match each row to its resident, and record
the ticked rows with the method "sheet_scan".

Three steps, so the window can run each where it belongs: `read_files` works on images only
(no database; a worker thread of the pool), `match_pages` asks the Store who each row is (the
database thread, fast), and `apply_scan` writes (the database thread). The command line runs
them one after the other.

A row is matched by its own QR code. When that code is unreadable, the row's place on the page
stands in for it only if every code that was read on the page sits where the sheet's current
list puts it (the list has not changed since printing); otherwise a tick on that row becomes
unclear, for a person to confirm. Only rows read as ticked with their person known are checked
in without a person's look: nobody is checked in for a row without a clear mark.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from kyojo_desk.errors import NotFound
from kyojo_desk.records.event import Event, SheetEntryResult, WalkIn
from kyojo_desk.scanning.pages import ScannedPage, count_pages, load_pages
from kyojo_desk.scanning.reader import (
    ROWS_PER_PAGE,
    Mark,
    PageReading,
    RowKind,
    RowReading,
    read_page,
)
from kyojo_desk.texts import N_, message

if TYPE_CHECKING:
    from kyojo_desk.records.resident import Resident
    from kyojo_desk.store.store import Store

# Called with (pages done, pages in all); returns False to stop.
Progress = Callable[[int, int], bool]


@dataclass
class ReadPage:
    """A page of a file and what the reader found on it (no database involved)."""

    file: str
    page: int
    reading: PageReading


@dataclass
class RowResult:
    """One row of a read page, with its person when known."""

    slot: int
    number: int  # the row number printed on the sheet (1, 2, … over all pages)
    kind: RowKind
    mark: Mark
    resident_id: str | None = None
    name: str = ""
    reading: str = ""
    matched_by_code: bool = False
    box: tuple[int, int, int, int] = (0, 0, 0, 0)
    row: tuple[int, int, int, int] = (0, 0, 0, 0)
    handwriting: bool = False
    note: str = ""

    @property
    def sure_tick(self) -> bool:
        """Ticked, with the person known: checked in without a person's look."""
        return self.mark == Mark.TICKED and self.resident_id is not None


@dataclass
class PageResult:
    """One page of the import: read (with its rows) or unreadable (with the reason)."""

    file: str
    page: int
    status: str  # "read" | "unreadable"
    message: str = ""
    event_id: str | None = None
    event_title: str = ""
    sheet_page: int | None = None
    # The day of a multi-day event the page was printed for, from its page code (None: the
    # code names no day — an older sheet, or its code was unreadable).
    day: str | None = None
    rows: list[RowResult] = field(default_factory=list)
    image: np.ndarray | None = None  # the straightened page (reader.SCALE pixels per mm)

    @property
    def read(self) -> bool:
        return self.status == "read"

    def as_json(self) -> dict:
        return {
            "file": self.file,
            "page": self.page,
            "event_id": self.event_id,
            "sheet_page": self.sheet_page,
            "day": self.day,
            "status": self.status,
            "message": self.message,
        }


@dataclass
class SheetScan:
    """Everything read from the files of one import."""

    pages: list[PageResult] = field(default_factory=list)

    @property
    def all_read(self) -> bool:
        return all(page.read for page in self.pages)

    def ticked_ids(self) -> list[str]:
        return list(
            dict.fromkeys(
                row.resident_id  # type: ignore[misc]
                for page in self.pages
                for row in page.rows
                if row.sure_tick
            )
        )

    def unclear_ids(self) -> list[str]:
        ticked = set(self.ticked_ids())
        return list(
            dict.fromkeys(
                row.resident_id  # type: ignore[misc]
                for page in self.pages
                for row in page.rows
                if row.mark == Mark.UNCLEAR and row.resident_id and row.resident_id not in ticked
            )
        )

    def walk_in_rows(self) -> list[tuple[PageResult, RowResult]]:
        """Walk-in rows with something on them (writing or a mark), page by page."""
        return [
            (page, row)
            for page in self.pages
            for row in page.rows
            if row.kind == RowKind.WALK_IN and (row.handwriting or row.mark != Mark.BLANK)
        ]


@dataclass
class ImportResult:
    checked_in: int = 0
    already: int = 0
    walk_ins: list[str] = field(default_factory=list)


def count_scan_pages(files: Iterable[Path]) -> int:
    return sum(count_pages(path) for path in files)


def read_files(files: list[Path], progress: Progress | None = None) -> list[ReadPage]:
    """Read every page of the files (no database). Stops early when `progress` says so."""
    total = count_scan_pages(files)
    done = 0
    read: list[ReadPage] = []
    for path in files:
        for scanned in load_pages(path):
            read.append(_read_one(scanned))
            done += 1
            if progress is not None and progress(done, total) is False:
                return read
    return read


def _read_one(scanned: ScannedPage) -> ReadPage:
    if scanned.image is None:
        return ReadPage(scanned.file, scanned.page, PageReading(problem=scanned.problem))
    return ReadPage(scanned.file, scanned.page, read_page(scanned.image))


class _Events:
    """Events and their expected lists, each looked up once per import."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.events: dict[str, Event | None] = {}
        self.expected: dict[str, list[Resident]] = {}

    def event(self, event_id: str) -> Event | None:
        if event_id not in self.events:
            try:
                self.events[event_id] = self.store.get_event(event_id)
            except NotFound:
                self.events[event_id] = None
        return self.events[event_id]

    def title(self, event_id: str) -> str | None:
        event = self.event(event_id)
        return event.title if event is not None else None

    def expected_list(self, event_id: str) -> list[Resident]:
        if event_id not in self.expected:
            self.expected[event_id] = self.store.expected_residents(event_id)
        return self.expected[event_id]


def _page_from_codes(
    rows: list[RowReading], card_to_id: dict[str, str | None], expected: list[Resident]
) -> int | None:
    """The sheet page, from where the row codes' people stand in the expected list (for a page
    whose own code was unreadable). None unless every code read agrees."""
    index_of = {resident.id: index for index, resident in enumerate(expected)}
    pages = set()
    for row in rows:
        resident_id = card_to_id.get(row.card_code or "")
        if resident_id is None or resident_id not in index_of:
            continue
        index = index_of[resident_id]
        if index % ROWS_PER_PAGE != row.slot:
            return None
        pages.add(index // ROWS_PER_PAGE + 1)
    return pages.pop() if len(pages) == 1 else None


def match_pages(store: Store, read_pages: list[ReadPage], event_id: str | None = None) -> SheetScan:
    """Who each row is. `event_id`, when given, is the event every page must belong to, and
    the event of a page whose codes are unreadable."""
    events = _Events(store)
    scan = SheetScan()
    for read in read_pages:
        scan.pages.append(_match_page(store, events, read, event_id))
    return scan


def _unreadable(read: ReadPage, reason: str, **values: object) -> PageResult:
    return PageResult(read.file, read.page, "unreadable", reason, **values)  # type: ignore[arg-type]


def _match_page(
    store: Store, events: _Events, read: ReadPage, wanted_event: str | None
) -> PageResult:
    reading = read.reading
    if reading.problem:
        return _unreadable(read, reading.problem, event_id=reading.event_id)
    event_id = reading.event_id or wanted_event
    if event_id is None:
        return _unreadable(read, N_("どの行事の受付表か分かりません（ページのコードが読めません）"))
    if wanted_event is not None and event_id != wanted_event:
        other = events.title(event_id)
        text = (
            message(N_("別の行事の受付表です（{title}）"), title=other)
            if other
            else N_("別の行事の受付表です")
        )
        return _unreadable(read, text, event_id=event_id)
    title = events.title(event_id)
    if title is None:
        return _unreadable(
            read, N_("この受付表の行事は、この端末に登録されていません"), event_id=event_id
        )
    expected = events.expected_list(event_id)
    card_to_id = {
        row.card_code: store._resident_id_by_card(row.card_code)
        for row in reading.rows
        if row.card_code
    }
    sheet_page = reading.sheet.page if reading.sheet else None
    if sheet_page is None:
        sheet_page = _page_from_codes(reading.rows, card_to_id, expected)
        if sheet_page is None:
            return _unreadable(
                read,
                N_("ページ番号のコードが読めず、行のコードからもページが分かりません"),
                event_id=event_id,
            )
    event = events.event(event_id)
    printed_day = reading.sheet.day if reading.sheet else None
    result = PageResult(
        read.file,
        read.page,
        "read",
        event_id=event_id,
        event_title=title,
        sheet_page=sheet_page,
        # A day the event no longer has (its dates were changed since printing) names nothing.
        day=printed_day if event is not None and printed_day in event.days else None,
        image=reading.image,
    )
    first_index = (sheet_page - 1) * ROWS_PER_PAGE
    codes_agree = any(row.card_code for row in reading.rows) and all(
        first_index + row.slot < len(expected)
        and card_to_id.get(row.card_code) == expected[first_index + row.slot].id
        for row in reading.rows
        if row.card_code
    )
    names = {r.id: r for r in expected}
    unclear_rows = 0
    for row in reading.rows:
        if row.kind == RowKind.EMPTY:
            continue
        matched = RowResult(
            row.slot,
            first_index + row.slot + 1,
            row.kind,
            row.mark,
            box=row.box,
            row=row.row,
            handwriting=row.handwriting,
        )
        if row.kind == RowKind.EXPECTED:
            _who(store, matched, row, card_to_id, expected, first_index, codes_agree, names)
        if matched.mark == Mark.UNCLEAR:
            unclear_rows += 1
        result.rows.append(matched)
    ticked = sum(1 for row in result.rows if row.sure_tick)
    result.message = message(
        N_("{title} {page}ページ：✓ {ticked}人、はっきりしない {unclear}行"),
        title=title,
        page=sheet_page,
        ticked=ticked,
        unclear=unclear_rows,
    )
    return result


def _who(
    store: Store,
    matched: RowResult,
    row: RowReading,
    card_to_id: dict[str, str | None],
    expected: list[Resident],
    first_index: int,
    codes_agree: bool,
    names: dict[str, Resident],
) -> None:
    """Fill in the row's person: by its code, or by its place when the page's codes confirm
    the list; a tick whose person is only guessed becomes unclear."""
    position = first_index + row.slot
    resident: Resident | None = None
    if row.card_code:
        resident_id = card_to_id.get(row.card_code)
        if resident_id is None:
            matched.note = N_("この行のカードの方は、この端末に登録されていません")
            if matched.mark == Mark.TICKED:
                matched.mark = Mark.UNCLEAR
            return
        resident = names.get(resident_id) or store.get_resident(resident_id)
        matched.matched_by_code = True
    elif position < len(expected):
        resident = expected[position]
        if not codes_agree:
            matched.note = N_("行のコードが読めないため、名簿の順番から推定しました")
            if matched.mark == Mark.TICKED:
                matched.mark = Mark.UNCLEAR
    else:
        matched.note = N_("この行の方が分かりません")
        if matched.mark == Mark.TICKED:
            matched.mark = Mark.UNCLEAR
        return
    matched.resident_id = resident.id
    matched.name = resident.full_name
    matched.reading = resident.full_reading


# The day pages whose code names none count for: one day for every event, or a day for each
# event by its id (None, or an event not named: the event's first day).
ChosenDay = str | Mapping[str, str] | None


def page_day(page: PageResult, day: ChosenDay) -> str | None:
    """The day a page's ticks count for: the day its code names, else the chosen one."""
    if page.day:
        return page.day
    if isinstance(day, Mapping):
        return day.get(page.event_id or "")
    return day


@dataclass
class DayChoice:
    """A multi-day event with pages whose code names no day: which of its days they are for."""

    event_id: str
    title: str
    days: list[str]
    chosen: str  # to begin with: today when today is one of its days, else its first day


def day_choices(store: Store, scan: SheetScan, today: str) -> list[DayChoice]:
    """The multi-day events with read pages whose code names no day (sheets printed before the
    code carried the day, or a page whose own code was unreadable): someone chooses the day."""
    found: dict[str, DayChoice] = {}
    for page in scan.pages:
        if page.read and page.event_id and page.day is None and page.event_id not in found:
            event = store.get_event(page.event_id)
            if event.is_multi_day:
                chosen = today if today in event.days else event.first_day
                found[event.id] = DayChoice(event.id, event.title, event.days, chosen)
    return list(found.values())


def import_preview(store: Store, scan: SheetScan, day: ChosenDay = None) -> ImportResult:
    """What applying the scan would do (nothing is written); `day` as for `apply_scan`."""
    result = ImportResult()
    attended: dict[tuple[str, str], set[str]] = {}
    seen: set[tuple[str, str, str]] = set()
    for page in scan.pages:
        if not page.read or page.event_id is None:
            continue
        key = (page.event_id, page_day(page, day) or store.get_event(page.event_id).first_day)
        if key not in attended:
            attended[key] = store.attended_ids(*key)
        for row in page.rows:
            if not row.sure_tick or (*key, row.resident_id) in seen:
                continue
            seen.add((*key, row.resident_id))  # type: ignore[arg-type]
            if row.resident_id in attended[key]:
                result.already += 1
            else:
                result.checked_in += 1
    return result


def apply_scan(
    store: Store,
    scan: SheetScan,
    confirmed: dict[tuple[int, int], bool] | None = None,
    walk_ins: dict[tuple[int, int], WalkIn] | None = None,
    recorded_by: str = "",
    day: ChosenDay = None,
) -> ImportResult:
    """Record the scan: every sure tick, plus the rows a person confirmed (`confirmed` maps
    (page index, slot) to True for "came" and False for "did not"; it also overrides a sure
    tick), plus walk-ins registered from their rows (by the same key). A page of a multi-day
    event counts for the day its code names (sheets print one day each); a page whose code
    names none (printed by an older version, or its code unreadable) for the chosen `day`, or
    the event's first day.
    One transaction: a walk-in refused (no reading, say) saves nothing at all."""
    confirmed = confirmed or {}
    walk_ins = walk_ins or {}
    with store.transaction():
        return _apply_pages(store, scan, confirmed, walk_ins, recorded_by, day)


def _apply_pages(
    store: Store,
    scan: SheetScan,
    confirmed: dict[tuple[int, int], bool],
    walk_ins: dict[tuple[int, int], WalkIn],
    recorded_by: str,
    day: ChosenDay = None,
) -> ImportResult:
    result = ImportResult()
    for page_index, page in enumerate(scan.pages):
        if not page.read or page.event_id is None or page.sheet_page is None:
            continue
        ticked = []
        for row in page.rows:
            decision = confirmed.get((page_index, row.slot))
            came = row.sure_tick if decision is None else decision
            if came and row.resident_id:
                ticked.append(row.resident_id)
        page_walk_ins = [
            walk_in for (index, _slot), walk_in in sorted(walk_ins.items()) if index == page_index
        ]
        if not ticked and not page_walk_ins:
            continue
        entered: SheetEntryResult = store.check_in_from_sheet_scan(
            page.event_id,
            page.sheet_page,
            ticked,
            page_walk_ins,
            recorded_by=recorded_by,
            day=page_day(page, day),
        )
        result.checked_in += entered.new
        result.already += entered.already
        result.walk_ins += entered.walk_ins
    return result


def scan_json(scan: SheetScan, result: ImportResult) -> dict:
    """The command line's report of an import (see `kyojo-desk import sheet --help`)."""
    return {
        "pages": [page.as_json() for page in scan.pages],
        "ticked": scan.ticked_ids(),
        "unclear": scan.unclear_ids(),
        "checked_in": result.checked_in,
        "already": result.already,
        "walk_in_rows": [
            {"file": page.file, "page": page.page, "row": row.number}
            for page, row in scan.walk_in_rows()
        ],
    }
