"""Events, sign-ups and attendance through the Store: the reception desk's data.

A person's attendance at an event has the id `derived_id(event_id, resident_id)`: checking the
same person in twice (two scans, two desks offline, a scan and the paper sheet) always lands on
the same row, so nobody is ever counted twice. Anonymous head counts have their own ids.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from kyojo_desk.errors import NotFound, ValidationError
from kyojo_desk.ids import derived_id, uuid7
from kyojo_desk.qr import (
    PREFIX,
    UNREADABLE,
    CardPayload,
    SheetPayload,
    UnreadableCode,
    is_valid_card_code,
    normalize_scan,
    parse_payload,
)
from kyojo_desk.records.event import (
    AgeBand,
    Attendance,
    CheckInMethod,
    CheckInResult,
    CheckInStatus,
    Event,
    LiveCounts,
    SheetEntryResult,
    WalkIn,
    clean_event_fields,
)
from kyojo_desk.records.resident import Resident
from kyojo_desk.store import search
from kyojo_desk.store.changelog import local_now
from kyojo_desk.store.schema import SYNCED_TABLES
from kyojo_desk.texts import N_, message

if TYPE_CHECKING:
    from kyojo_desk.store.store import Store

UNKNOWN_CARD = N_("このカードの方は、この端末に登録されていません")
UNKNOWN_CODE = N_("このコードはまだどなたにも結びついていません。名前でさがして結びつけてください")
ALREADY = N_("もう受付済みです（{time}）")
CHECKED_IN = N_("受付しました")
_MANGLED_CARD = re.compile(r"KJ1[^A-Z0-9]R[^A-Z0-9]([A-Z0-9]{8})")
# How many earlier events of the same kind decide who the regulars are.
REGULAR_LOOKBACK_EVENTS = 3


def attendance_id(
    event_id: str, resident_id: str, day: str | None = None, first_day: str | None = None
) -> str:
    """The one id a person's check-in on one day of an event has, on every desk.

    UUIDv5 of event, resident and day; on the event's first day the day is left out, so the id
    is the one every check-in had before events spanned several days (derived from event and
    resident only) and rows that desks and the server already hold keep merging. Without a day,
    the first day's id."""
    if day is None or day == first_day:
        return derived_id(event_id, resident_id)
    return derived_id(event_id, resident_id, day)


def signup_id(event_id: str, resident_id: str) -> str:
    """The one id of a person's sign-up for an event, on every desk."""
    return derived_id("signup", event_id, resident_id)


def card_payload_with_mangled_separators(scanned_text: str) -> CardPayload | None:
    """A member-card scan whose ':' a keyboard layout or IME turned into another mark.

    A scanner set up for a US keyboard on a Japanese one types '+' or '*' for ':', and an IME
    in kana mode may type 'ー'. Any single mark between the parts is accepted; the card code's
    own check character still rejects every misread."""
    match = _MANGLED_CARD.fullmatch(normalize_scan(scanned_text))
    if match and is_valid_card_code(match.group(1)):
        return CardPayload(match.group(1))
    return None


def event_from_row(row: dict[str, Any]) -> Event:
    values = {k: row[k] for k in Event.__dataclass_fields__ if k in row}
    values["designated_by"] = values.get("designated_by") or ""
    for flag in ("volunteer_led", "ninaite_activity", "deleted"):
        values[flag] = bool(values.get(flag))
    return Event(**values)


def attendance_from_row(row: dict[str, Any]) -> Attendance:
    values = {k: row[k] for k in Attendance.__dataclass_fields__ if k in row}
    values["deleted"] = bool(values.get("deleted"))
    return Attendance(**values)


@dataclass
class UndoResult:
    """The check-in that was taken back (None when there was nothing to undo)."""

    attendance: Attendance | None
    resident_name: str = ""
    message: str = ""


class EventsMixin:
    # -- events --------------------------------------------------------------------------------

    def create_event(self: Store, values: dict[str, Any]) -> Event:
        """A new event from typed values (see `clean_event_fields`). Raises ValidationError."""
        cleaned = clean_event_fields(values)
        if cleaned["led_by"]:
            self.check_event_leader(str(cleaned["led_by"]))
        self.check_designation(str(cleaned["designated_by"]))
        event_id = uuid7()
        self.write("events", event_id, {**cleaned, "created_at": local_now()})
        return self.get_event(event_id)

    def check_event_leader(self: Store, volunteer_id: str) -> None:
        """An event's leader must be a volunteer on this desk's roster."""
        row = self.get_row("volunteers", volunteer_id)
        if row is None or row["deleted"]:
            raise ValidationError(
                "led_by", N_("中心になった人が、ボランティアの名簿に見つかりません。")
            )

    def get_event(self: Store, event_id: str) -> Event:
        row = self.get_row("events", event_id)
        if row is None or row["deleted"]:
            raise NotFound(N_("この行事が見つかりません。"))
        return event_from_row(row)

    def list_events(self: Store, limit: int | None = None) -> list[Event]:
        """Events, the latest first."""
        sql = "SELECT * FROM events WHERE deleted = 0 ORDER BY starts_at DESC, id DESC"
        params: list[Any] = []
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        return [event_from_row(row) for row in self.db.query(sql, params)]

    def events_on(self: Store, day: dt.date | str) -> list[Event]:
        """Events held on a day (the desk's local date), earliest first."""
        day_text = day.isoformat() if isinstance(day, dt.date) else str(day)[:10]
        rows = self.db.query(
            "SELECT * FROM events WHERE deleted = 0 AND substr(starts_at, 1, 10) <= :day AND"
            " substr(coalesce(ends_at, starts_at), 1, 10) >= :day ORDER BY starts_at, id",
            {"day": day_text},
        )
        return [event_from_row(row) for row in rows]

    # -- sign-ups and who is expected ------------------------------------------------------------

    def sign_up(self: Store, event_id: str, resident_ids: list[str], recorded_by: str = "") -> int:
        """Sign residents up for an event in advance; returns how many were newly signed up.

        Idempotent: signing a person up again changes nothing. All or nothing when one id is
        unknown."""
        self.get_event(event_id)
        residents = [self._active_resident(rid) for rid in dict.fromkeys(resident_ids)]
        added = 0
        with self.transaction():
            for resident in residents:
                row_id = signup_id(event_id, resident.id)
                current = self.get_row("event_signups", row_id)
                if current is not None and not current["deleted"]:
                    continue
                self.write(
                    "event_signups",
                    row_id,
                    {
                        "event_id": event_id,
                        "resident_id": resident.id,
                        "signed_up_at": local_now(),
                        "recorded_by": recorded_by,
                        "deleted": 0,
                    },
                )
                added += 1
        return added

    def cancel_sign_up(self: Store, event_id: str, resident_id: str) -> bool:
        """Take a sign-up back (a tombstone); False when there was none."""
        row_id = signup_id(event_id, resident_id)
        current = self.get_row("event_signups", row_id)
        if current is None or current["deleted"]:
            return False
        self.write("event_signups", row_id, {"deleted": 1})
        return True

    def signed_up_ids(self: Store, event_id: str) -> list[str]:
        return [
            r[0]
            for r in self.db.execute(
                "SELECT resident_id FROM event_signups WHERE event_id = ? AND deleted = 0"
                " AND resident_id IS NOT NULL",
                [event_id],
            )
        ]

    def expected_residents(self: Store, event_id: str) -> list[Resident]:
        """Who is expected, in 五十音 order — also the row order of the printed sign-in sheet and
        of the sheet-entry screen.

        The residents signed up; for an open event with no sign-ups, the regulars: those who came
        to at least two of the last three earlier events of the same kind (to the one, when only
        one was held)."""
        event = self.get_event(event_id)
        ids = self.signed_up_ids(event_id)
        if not ids:
            earlier = [
                r[0]
                for r in self.db.execute(
                    "SELECT id FROM events WHERE kind = ? AND deleted = 0 AND starts_at < ?"
                    " AND id != ? ORDER BY starts_at DESC LIMIT ?",
                    [event.kind, event.starts_at, event_id, REGULAR_LOOKBACK_EVENTS],
                )
            ]
            if not earlier:
                return []
            needed = min(2, len(earlier))
            ids = [
                r[0]
                for r in self.db.execute(
                    "SELECT resident_id FROM attendance WHERE deleted = 0 AND resident_id IS NOT"
                    f" NULL AND event_id IN ({', '.join('?' for _ in earlier)})"
                    " GROUP BY resident_id HAVING count(DISTINCT event_id) >= ?",
                    [*earlier, needed],
                )
            ]
        return self._residents_in_gojuon_order(ids)

    def _residents_in_gojuon_order(self: Store, ids: list[str]) -> list[Resident]:
        """Active residents among `ids` in 五十音 order (their positions in the search index)."""
        keys = search.positions_of(self.db, ids)
        ordered = sorted(keys, key=lambda rid: (keys[rid], rid))
        residents: list[Resident] = []
        for start in range(0, len(ordered), 500):
            residents += self._residents_by_ids(ordered[start : start + 500])
        return residents

    # -- checking in -------------------------------------------------------------------------------

    def _active_resident(self: Store, resident_id: str) -> Resident:
        """The resident a record now stands for (following merges); NotFound when removed."""
        resident = self.get_resident(resident_id)
        hops = 0
        while resident.merged_into and hops < 10:
            resident = self.get_resident(resident.merged_into)
            hops += 1
        if resident.deleted or resident.merged_into:
            raise NotFound(N_("この方の記録は削除されています。"))
        return resident

    def _resident_id_by_card(self: Store, card_code: str) -> str | None:
        """The resident holding a card code; a merged record's card still finds the person."""
        rows = self.db.execute(
            "SELECT id, deleted, merged_into FROM residents WHERE card_code = ?"
            " ORDER BY deleted, id",
            [card_code],
        ).fetchall()
        for resident_id, deleted, merged_into in rows:
            if not deleted:
                return resident_id
            if merged_into:
                return merged_into
        return None

    def _first_event_for(self: Store, resident_id: str, event: Event) -> bool:
        """True when the resident came to no earlier event."""
        return (
            self.db.execute(
                "SELECT 1 FROM attendance a JOIN events e ON e.id = a.event_id WHERE"
                " a.resident_id = ? AND a.deleted = 0 AND a.event_id != ? AND e.deleted = 0"
                " AND e.starts_at < ? LIMIT 1",
                [resident_id, event.id, event.starts_at],
            ).fetchone()
            is None
        )

    def check_in_by_scan(
        self: Store,
        event_id: str,
        scanned_text: str,
        method: str = CheckInMethod.CARD.value,
        recorded_by: str = "",
    ) -> CheckInResult:
        """Check in the holder of a scanned member card (full-width or IME-mangled text is read).

        Any other QR code or barcode linked to a person (`link_external_code`) checks them in
        too. A misread card answers UNREADABLE, a card nobody here holds UNKNOWN_CARD and a
        code linked to nobody UNKNOWN_CODE; none of them changes anything."""
        try:
            payload = parse_payload(scanned_text)
        except UnreadableCode:
            payload = card_payload_with_mangled_separators(scanned_text)
            if payload is None:
                return self._check_in_by_external_code(event_id, scanned_text, method, recorded_by)
        if isinstance(payload, SheetPayload):
            # A page of a sign-in sheet held to the scanner: say where sheets are read.
            return CheckInResult(
                CheckInStatus.UNREADABLE,
                N_(
                    "受付表のページのコードです。印のついた受付表は、スキャンして"
                    "「紙の受付表を読み取る」で読み取れます"
                ),
            )
        if not isinstance(payload, CardPayload):
            return CheckInResult(
                CheckInStatus.UNREADABLE,
                N_("参加者のカードではありません（行事や受付表のコードです）"),
            )
        resident_id = self._resident_id_by_card(payload.card_code)
        if resident_id is None:
            return CheckInResult(CheckInStatus.UNKNOWN_CARD, UNKNOWN_CARD)
        return self.check_in(event_id, resident_id, method, recorded_by=recorded_by)

    def _check_in_by_external_code(
        self: Store, event_id: str, scanned_text: str, method: str, recorded_by: str
    ) -> CheckInResult:
        resident_id = self.resident_id_by_external_code(scanned_text)
        if resident_id is not None:
            return self.check_in(event_id, resident_id, method, recorded_by=recorded_by)
        # A misread of the desk's own codes stays "unreadable", never a code to link.
        if normalize_scan(scanned_text).startswith(PREFIX) or not scanned_text.strip():
            return CheckInResult(CheckInStatus.UNREADABLE, UNREADABLE)
        return CheckInResult(CheckInStatus.UNKNOWN_CODE, UNKNOWN_CODE)

    def check_in(
        self: Store,
        event_id: str,
        resident_id: str,
        method: str,
        recorded_by: str = "",
        at: str | None = None,
        day: str | None = None,
    ) -> CheckInResult:
        """Count a resident once per day of an event. A second check-in the same day (any desk,
        any method) answers ALREADY with the time of the first and writes nothing; the next day
        of a multi-day event is a new check-in. `at` defaults to now; the day is `at`'s date
        within the event's days (see Event.day_for) unless given."""
        if method not in CheckInMethod.__members__.values() or method == CheckInMethod.ANONYMOUS:
            raise ValidationError(
                "method", message("受付の方法 {method} はありません。", method=method)
            )
        event = self.get_event(event_id)
        resident = self._active_resident(resident_id)
        moment = at or local_now()
        if day is None:
            day = event.day_for(moment)
        elif day not in event.days:
            raise ValidationError("day", N_("この行事の日ではありません。"))
        row_id = attendance_id(event_id, resident.id, day, event.first_day)
        with self.transaction():
            # By person and day, not only by id: a row written before ids were per day (a later
            # day's check-in under its old id) counts for its day too.
            current_id = self.db.execute(
                "SELECT id FROM attendance WHERE event_id = ? AND resident_id = ? AND day = ?"
                " AND deleted = 0 ORDER BY checked_in_at, id LIMIT 1",
                [event_id, resident.id, day],
            ).fetchone()
            if current_id is not None:
                attendance = attendance_from_row(self.get_row("attendance", current_id[0]))
                return CheckInResult(
                    CheckInStatus.ALREADY,
                    message(ALREADY, time=attendance.time_of_day),
                    attendance,
                    resident.full_name,
                    resident.full_reading,
                    self._first_event_for(resident.id, event),
                )
            self.write(
                "attendance",
                row_id,
                {
                    "event_id": event_id,
                    "resident_id": resident.id,
                    "age_band": None,
                    "method": method,
                    "checked_in_at": moment,
                    "day": day,
                    "recorded_by": recorded_by,
                    "desk_id": self.desk_id,
                    "deleted": 0,
                },
            )
            attendance = attendance_from_row(self.get_row("attendance", row_id))
            return CheckInResult(
                CheckInStatus.NEW,
                CHECKED_IN,
                attendance,
                resident.full_name,
                resident.full_reading,
                self._first_event_for(resident.id, event),
            )

    def register_walk_in(
        self: Store,
        event_id: str,
        walk_in: WalkIn,
        recorded_by: str = "",
        method: str = CheckInMethod.WALK_IN.value,
        allow_duplicate: bool = False,
        at: str | None = None,
        day: str | None = None,
    ) -> CheckInResult:
        """Register a person who just walked in — name and reading only, marked for completion
        and without a consent yet — and check them in, in one transaction.

        Raises ValidationError for a missing name or reading, DuplicateSuspected (unless
        `allow_duplicate`) when they look like someone already registered."""
        self.get_event(event_id)
        with self.transaction():
            resident = self.register_resident(
                walk_in.values(), None, allow_duplicate=allow_duplicate, needs_completion=True
            )
            return self.check_in(
                event_id, resident.id, method, recorded_by=recorded_by, at=at, day=day
            )

    def count_anonymous(
        self: Store, event_id: str, age_band: str, recorded_by: str = ""
    ) -> Attendance:
        """Count one participant who does not want to register, by age band only."""
        if age_band not in AgeBand.__members__.values():
            raise ValidationError("age_band", N_("年代を選んでください。"))
        event = self.get_event(event_id)
        row_id = uuid7()
        moment = local_now()
        self.write(
            "attendance",
            row_id,
            {
                "event_id": event_id,
                "resident_id": None,
                "age_band": age_band,
                "method": CheckInMethod.ANONYMOUS.value,
                "checked_in_at": moment,
                "day": event.day_for(moment),
                "recorded_by": recorded_by,
                "desk_id": self.desk_id,
                "deleted": 0,
            },
        )
        return attendance_from_row(self.get_row("attendance", row_id))

    def undo_last_check_in(self: Store, event_id: str) -> UndoResult:
        """Take back the last check-in (or head count) this desk made at the event, as a
        tombstone through the change log. Repeating undoes the one before."""
        # The newest check-in written here: the row this desk stamped last (stamps rise).
        row = self.db.execute(
            "SELECT id FROM attendance WHERE event_id = ? AND deleted = 0 AND sync_origin = 0"
            " ORDER BY sync_stamp DESC LIMIT 1",
            [event_id],
        ).fetchone()
        if row is None:
            return UndoResult(None, message=N_("取り消す受付はありません"))
        with self.transaction():
            self.write("attendance", row[0], {"deleted": 1})
            attendance = attendance_from_row(self.get_row("attendance", row[0]))
        name = N_("名前なしの方")
        if attendance.resident_id:
            name = self.get_resident(attendance.resident_id).full_name
        return UndoResult(attendance, name, message("取り消しました：{name}", name=name))

    def enter_sheet(
        self: Store,
        event_id: str,
        ticked_resident_ids: list[str],
        walk_ins: list[WalkIn],
        day: str | None = None,
    ) -> SheetEntryResult:
        """Enter a paper sign-in sheet after the event: the ticked residents and the people
        written on blank rows, on the sheet's day (the first day unless given) at the event's
        start time with the method "sheet". One transaction; people already checked in that day
        (e.g. scanned at the desk) are not counted again."""
        event = self.get_event(event_id)
        day = day or event.first_day
        if day not in event.days:
            raise ValidationError("day", N_("この行事の日ではありません。"))
        at = day + event.starts_at[10:]
        problems: dict[str, str] = {}
        for number, walk_in in enumerate(walk_ins, start=1):
            if not walk_in.family_name.strip() or not walk_in.family_reading.strip():
                problems[f"walk_in_{number}"] = message(
                    "{number}行目：姓（みょうじ）と ふりがな を入力してください。", number=number
                )
        if problems:
            raise ValidationError.many(problems)
        result = SheetEntryResult()
        method = CheckInMethod.SHEET.value
        with self.transaction():
            for resident_id in dict.fromkeys(ticked_resident_ids):
                checked = self.check_in(event_id, resident_id, method, at=at, day=day)
                if checked.status == CheckInStatus.NEW:
                    result.new += 1
                else:
                    result.already += 1
            for walk_in in walk_ins:
                checked = self.register_walk_in(
                    event_id, walk_in, method=method, allow_duplicate=True, at=at, day=day
                )
                result.new += 1
                if checked.attendance and checked.attendance.resident_id:
                    result.walk_ins.append(checked.attendance.resident_id)
        return result

    def check_in_from_sheet_scan(
        self: Store,
        event_id: str,
        sheet_page: int,
        ticked_resident_ids: list[str],
        walk_ins: Sequence[WalkIn] = (),
        recorded_by: str = "",
        day: str | None = None,
    ) -> SheetEntryResult:
        """Check in the people ticked on one page of a scanned sign-in sheet, and register the
        people a volunteer read from its walk-in rows, at the event's start time with the
        method "sheet_scan"; the page is kept beside each new check-in. A multi-day event's
        sheet counts for `day` (the first day unless given). One transaction; people already
        checked in that day (scanned at the desk, or by an earlier import of the same scan) are
        not counted again."""
        event = self.get_event(event_id)
        day = day or event.first_day
        if day not in event.days:
            raise ValidationError("day", N_("この行事の日ではありません。"))
        at = day + event.starts_at[10:]
        if sheet_page < 1:
            raise ValidationError("sheet_page", N_("受付表のページ番号が正しくありません。"))
        problems: dict[str, str] = {}
        for number, walk_in in enumerate(walk_ins, start=1):
            if not walk_in.family_name.strip() or not walk_in.family_reading.strip():
                problems[f"walk_in_{number}"] = message(
                    "{number}行目：姓（みょうじ）と ふりがな を入力してください。", number=number
                )
        if problems:
            raise ValidationError.many(problems)
        result = SheetEntryResult()
        method = CheckInMethod.SHEET_SCAN.value
        with self.transaction():
            new_ids: list[str] = []
            for resident_id in dict.fromkeys(ticked_resident_ids):
                checked = self.check_in(
                    event_id, resident_id, method, recorded_by=recorded_by, at=at, day=day
                )
                if checked.status == CheckInStatus.NEW:
                    result.new += 1
                    new_ids.append(checked.attendance.id)  # type: ignore[union-attr]
                else:
                    result.already += 1
            for walk_in in walk_ins:
                checked = self.register_walk_in(
                    event_id,
                    walk_in,
                    recorded_by=recorded_by,
                    method=method,
                    allow_duplicate=True,
                    at=at,
                    day=day,
                )
                result.new += 1
                if checked.attendance and checked.attendance.resident_id:
                    result.walk_ins.append(checked.attendance.resident_id)
                    new_ids.append(checked.attendance.id)
            self.db.conn.executemany(
                "INSERT OR REPLACE INTO sheet_scan_pages(attendance_id, event_id, sheet_page,"
                " read_at) VALUES (?, ?, ?, ?)",
                [(row_id, event_id, sheet_page, local_now()) for row_id in new_ids],
            )
        return result

    def sheet_page_of(self: Store, attendance_id: str) -> int | None:
        """The sign-in sheet page a check-in was read from (None when it was not scanned)."""
        row = self.db.execute(
            "SELECT sheet_page FROM sheet_scan_pages WHERE attendance_id = ?", [attendance_id]
        ).fetchone()
        return row[0] if row else None

    # -- reading attendance ----------------------------------------------------------------------

    def list_attendance(self: Store, event_id: str, day: str | None = None) -> list[Attendance]:
        """Who was counted at an event (tombstones left out), on one day or all, in the order
        they came."""
        rows = self.db.query(
            "SELECT * FROM attendance WHERE event_id = :event AND deleted = 0"
            " AND (:day IS NULL OR day = :day) ORDER BY checked_in_at, id",
            {"event": event_id, "day": day},
        )
        return [attendance_from_row(row) for row in rows]

    def attended_ids(self: Store, event_id: str, day: str | None = None) -> set[str]:
        """Residents checked in at an event: on `day`; by default on today's day of the event
        (every day of a one-day event is its first)."""
        if day is None:
            day = self.get_event(event_id).day_for(local_now())
        return {
            r[0]
            for r in self.db.execute(
                "SELECT resident_id FROM attendance WHERE event_id = ? AND deleted = 0"
                " AND resident_id IS NOT NULL AND day = ?",
                [event_id, day],
            )
        }

    def today_of_event(self: Store, event_id: str) -> str:
        """The event day reception is taking now (today, kept within the event's days)."""
        return self.get_event(event_id).day_for(local_now())

    def live_counts(self: Store, event_id: str, day: str | None = None) -> LiveCounts:
        """Checked in, first-time and returning residents, anonymous heads, capacity left: on
        `day` of the event, by default the day reception is taking now (Event.day_for)."""
        event = self.get_event(event_id)
        day = day or event.day_for(local_now())
        residents, anonymous, returning = self.db.execute(
            "SELECT count(a.resident_id), count(*) - count(a.resident_id),"
            " coalesce(sum(EXISTS (SELECT 1 FROM attendance b JOIN events e ON e.id = b.event_id"
            "  WHERE b.resident_id = a.resident_id AND b.deleted = 0 AND b.event_id != a.event_id"
            "  AND e.deleted = 0 AND e.starts_at < :starts)), 0)"
            " FROM attendance a WHERE a.event_id = :event AND a.deleted = 0 AND a.day = :day",
            {"event": event_id, "starts": event.starts_at, "day": day},
        ).fetchone()
        return LiveCounts(
            checked_in=residents + anonymous,
            residents=residents,
            anonymous=anonymous,
            first_time=residents - returning,
            returning=returning,
            capacity=event.capacity,
        )

    # -- merges ------------------------------------------------------------------------------------

    def repoint_resident_rows(self: Store, old_id: str, new_id: str) -> None:
        """Merge hook: attendance and sign-ups move to the kept person's derived ids.

        Re-pointing an attendance row in place would leave its id derived from the other record,
        so a later scan would make a second row, and when both records came to the same event
        the person would be counted twice. Instead the kept person's row is made (or kept, when
        they came too) and the other record's row becomes a tombstone. Then every other table is
        re-pointed as usual (tombstones included, so erasure still finds them)."""
        first_days = dict(
            self.db.execute("SELECT id, substr(starts_at, 1, 10) FROM events").fetchall()
        )

        def id_for(table: str, row: dict[str, Any]) -> str:
            if table == "event_signups":
                return signup_id(row["event_id"], new_id)
            day = row["day"] or row["checked_in_at"][:10]
            return attendance_id(row["event_id"], new_id, day, first_days.get(row["event_id"], ""))

        for table in ("attendance", "event_signups"):
            rows = self.db.query(
                f"SELECT * FROM [{table}] WHERE resident_id = ? AND deleted = 0", [old_id]
            )
            for row in list(rows):
                target_id = id_for(table, row)
                target = self.get_row(table, target_id)
                if target is None or target["deleted"]:
                    # Synced fields only: the row also holds local keys (resident_number …)
                    # that follow resident_id by themselves.
                    values = {
                        k: row[k]
                        for k in SYNCED_TABLES[table].fields
                        if k not in ("resident_id", "deleted")
                    }
                    self.write(table, target_id, {**values, "resident_id": new_id, "deleted": 0})
                elif (
                    table == "attendance"
                    and row["checked_in_at"]
                    and row["checked_in_at"] < target["checked_in_at"]
                ):
                    # Both came: one count, at the earlier arrival.
                    self.write(table, target_id, {"checked_in_at": row["checked_in_at"]})
                self.write(table, row["id"], {"deleted": 1})
        super().repoint_resident_rows(old_id, new_id)  # type: ignore[misc]
