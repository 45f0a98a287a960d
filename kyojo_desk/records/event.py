"""Events (行事) and attendance (受付): the records of the reception desk, and their checks.

An event is a community gathering (交流イベント, スマホ教室, 防災訓練, 清掃活動 …). An attendance
row says that a resident (or an anonymous participant, counted by age band only) came to an
event: when, how they were checked in, and who recorded it. Attendance ids are derived from the
event id and the resident id, so two desks that check the same person in offline make the same
row and sync merges them instead of counting the person twice.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field

from kyojo_desk.errors import ValidationError
from kyojo_desk.texts import N_, label_or_text, message


class EventKind(enum.StrEnum):
    EXCHANGE = "exchange"  # 交流イベント
    SMARTPHONE_CLASS = "smartphone_class"  # スマホ教室
    DISASTER_DRILL = "disaster_drill"  # 防災訓練
    CLEAN_UP = "clean_up"  # 清掃活動
    OTHER = "other"


EVENT_KIND_LABELS = {
    EventKind.EXCHANGE: N_("交流イベント"),
    EventKind.SMARTPHONE_CLASS: N_("スマホ教室"),
    EventKind.DISASTER_DRILL: N_("防災訓練"),
    EventKind.CLEAN_UP: N_("清掃活動"),
    EventKind.OTHER: N_("その他"),
}


class CheckInMethod(enum.StrEnum):
    CARD = "card"  # member card scanned (USB scanner or camera)
    SEARCH = "search"  # found by name at the desk
    SHEET = "sheet"  # ticked on the paper sign-in sheet, entered afterwards
    SHEET_SCAN = "sheet_scan"  # ticked on the paper sign-in sheet, read from a scan of it
    WALK_IN = "walk_in"  # registered on the spot with name and reading only
    ANONYMOUS = "anonymous"  # a head count by age band; no person is recorded


CHECK_IN_METHOD_LABELS = {
    CheckInMethod.CARD: N_("カード"),
    CheckInMethod.SEARCH: N_("名前でさがして"),
    CheckInMethod.SHEET: N_("紙の受付表"),
    CheckInMethod.SHEET_SCAN: N_("紙の受付表（読み取り）"),
    CheckInMethod.WALK_IN: N_("その場で登録"),
    CheckInMethod.ANONYMOUS: N_("名前なし"),
}


class AgeBand(enum.StrEnum):
    """Age bands for anonymous head counts (and for the KPI's age breakdown)."""

    UNDER_20 = "0-19"
    FROM_20 = "20-39"
    FROM_40 = "40-59"
    FROM_60 = "60-69"
    FROM_70 = "70-79"
    FROM_80 = "80-"


AGE_BAND_LABELS = {
    AgeBand.UNDER_20: N_("〜19歳"),
    AgeBand.FROM_20: N_("20〜39歳"),
    AgeBand.FROM_40: N_("40〜59歳"),
    AgeBand.FROM_60: N_("60代"),
    AgeBand.FROM_70: N_("70代"),
    AgeBand.FROM_80: N_("80歳〜"),
}

# The fields a person sets on an event (form, `event add`). Everything else is the Store's.
EVENT_FIELDS = (
    "title",
    "kind",
    "starts_at",
    "ends_at",
    "place",
    "organiser",
    "capacity",
    "volunteer_led",
    "ninaite_activity",
    "led_by",
    "designated_by",
)


@dataclass
class Event:
    """A community event.

    `led_by` is the volunteer who led the event: the city's KPI ③ counts events led by a trained
    share concierge. `volunteer_led` says volunteers ran it; `ninaite_activity` marks an
    event that counts as a 担い手活動 (an activity of the community's "bearers", which the national
    furusato-resident registration records), designated by the city or a partner organisation
    (`designated_by`). Times are ISO strings with the desk's offset. An event may span several
    days (`ends_at` on a later day); a person is then checked in once per day.
    """

    title: str
    starts_at: str
    kind: str = EventKind.EXCHANGE.value
    ends_at: str | None = None
    place: str = ""
    organiser: str = ""
    capacity: int | None = None
    volunteer_led: bool = False
    ninaite_activity: bool = False
    led_by: str | None = None
    designated_by: str = ""  # for a 担い手活動: "city" or a partner organisation's id
    created_at: str = ""
    deleted: bool = False
    id: str = ""

    @property
    def kind_label(self) -> str:
        return label_or_text(EVENT_KIND_LABELS, self.kind)

    @property
    def day(self) -> str:
        return self.starts_at[:10]

    @property
    def first_day(self) -> str:
        return self.starts_at[:10]

    @property
    def last_day(self) -> str:
        """The event's last day (its first when it has no end or ends the same day)."""
        end = (self.ends_at or "")[:10]
        return max(end, self.first_day) if end else self.first_day

    @property
    def days(self) -> list[str]:
        """Every day of the event, ISO dates in order."""
        first = dt.date.fromisoformat(self.first_day)
        last = dt.date.fromisoformat(self.last_day)
        return [(first + dt.timedelta(days=n)).isoformat() for n in range((last - first).days + 1)]

    @property
    def is_multi_day(self) -> bool:
        return self.last_day != self.first_day

    def day_for(self, moment: str) -> str:
        """The event day a check-in at `moment` (ISO) counts for: its local date, kept within
        the event's days (a scan before the first day counts for the first, after the last for
        the last), so a one-day event always has one day."""
        return min(max(moment[:10], self.first_day), self.last_day)

    def day_number(self, day: str) -> int:
        """1 for the first day of the event, 2 for the next …"""
        return (dt.date.fromisoformat(day) - dt.date.fromisoformat(self.first_day)).days + 1

    @property
    def time_range(self) -> str:
        """「10:00〜12:00」 (or only the start)."""
        start = self.starts_at[11:16]
        end = self.ends_at[11:16] if self.ends_at else ""
        return f"{start}〜{end}" if end else start


@dataclass
class Attendance:
    """One person (or one anonymous head) at one event."""

    event_id: str
    method: str
    checked_in_at: str
    resident_id: str | None = None
    age_band: str | None = None
    day: str = ""  # the event day counted (ISO date): one check-in per person per day
    recorded_by: str = ""
    desk_id: str = ""
    deleted: bool = False
    id: str = ""

    @property
    def time_of_day(self) -> str:
        """「10:32」: when the person was checked in, as the desk shows it."""
        return self.checked_in_at[11:16]


class CheckInStatus(enum.StrEnum):
    NEW = "new"  # counted now
    ALREADY = "already"  # was already counted: nothing written
    UNREADABLE = "unreadable"  # not one of our codes, or misread: nothing written
    UNKNOWN_CARD = "unknown_card"  # a valid card code that no resident on this desk holds
    UNKNOWN_CODE = "unknown_code"  # another QR code or barcode, linked to nobody yet


@dataclass
class CheckInResult:
    """What a check-in did, with what the screen shows: the person's name and reading."""

    status: CheckInStatus
    message: str
    attendance: Attendance | None = None
    resident_name: str = ""
    resident_reading: str = ""
    first_time: bool = False

    @property
    def counted(self) -> bool:
        """True when the person is now (or was already) counted at the event."""
        return self.status in (CheckInStatus.NEW, CheckInStatus.ALREADY)


@dataclass
class LiveCounts:
    """The counts the reception screen shows while people arrive."""

    checked_in: int = 0  # everyone: residents and anonymous heads
    residents: int = 0
    anonymous: int = 0
    first_time: int = 0  # residents at their first event ever
    returning: int = 0  # residents who came to an earlier event
    capacity: int | None = None

    @property
    def capacity_left(self) -> int | None:
        return None if self.capacity is None else max(0, self.capacity - self.checked_in)


@dataclass
class WalkIn:
    """A person written on a blank row of a paper sheet, or registered at the desk."""

    family_name: str
    family_reading: str
    given_name: str = ""
    given_reading: str = ""
    phone: str = ""

    def values(self) -> dict[str, str]:
        return {
            "family_name": self.family_name,
            "given_name": self.given_name,
            "family_reading": self.family_reading,
            "given_reading": self.given_reading,
            "phone": self.phone,
        }


@dataclass
class SheetEntryResult:
    """What entering a paper sign-in sheet recorded."""

    new: int = 0
    already: int = 0
    walk_ins: list[str] = field(default_factory=list)  # ids of residents registered from rows


def parse_event_time(text: str | dt.datetime | None, field_name: str) -> str | None:
    """An ISO date-time as typed (`2026-11-23T10:00`, `2026-11-23 10:00`, with or without an
    offset) → ISO with the desk's offset, to the second. A time without an offset is local."""
    if text is None or (isinstance(text, str) and not text.strip()):
        return None
    if isinstance(text, dt.datetime):
        moment = text
    else:
        try:
            moment = dt.datetime.fromisoformat(text.strip().replace("/", "-"))
        except ValueError:
            raise ValidationError(
                field_name, N_("日時は 2026-11-23T10:00 のように入力してください。")
            ) from None
    if moment.tzinfo is None:
        moment = moment.astimezone()
    return moment.isoformat(timespec="seconds")


# The longest title, place or organiser, and the longest kind a centre names itself: the
# declared bounds of the synced fields, checked here so the server never has to refuse them.
EVENT_TEXT_MAX_LENGTH = 200
EVENT_KIND_MAX_LENGTH = 100


def kind_from_text(text: str) -> str:
    """An event kind from its value or its Japanese label; other text is kept as typed."""
    text = text.strip()
    for kind, label in EVENT_KIND_LABELS.items():
        if text in (kind.value, label):
            return kind.value
    return text


def clean_event_fields(values: dict[str, object]) -> dict[str, object]:
    """Check and normalise the fields of a new event. Raises ValidationError (all at once)."""
    errors: dict[str, str] = {}
    cleaned: dict[str, object] = {}
    for name in sorted(set(values) - set(EVENT_FIELDS)):
        errors[name] = message("「{name}」という項目はありません。", name=name)
    title = str(values.get("title") or "").strip()
    if not title:
        errors["title"] = N_("行事の名前を入力してください。")
    cleaned["title"] = title
    cleaned["kind"] = kind_from_text(str(values.get("kind") or EventKind.EXCHANGE.value))
    if not cleaned["kind"]:
        cleaned["kind"] = EventKind.EXCHANGE.value
    for name in ("starts_at", "ends_at"):
        raw = values.get(name)
        try:
            cleaned[name] = parse_event_time(raw, name)  # type: ignore[arg-type]
        except ValidationError as error:
            errors[name] = error.message
    if not cleaned.get("starts_at") and "starts_at" not in errors:
        errors["starts_at"] = N_("始まる日時を入力してください。")
    starts, ends = cleaned.get("starts_at"), cleaned.get("ends_at")
    if (
        starts
        and ends
        and dt.datetime.fromisoformat(str(ends)) < dt.datetime.fromisoformat(str(starts))
    ):
        errors["ends_at"] = N_("終わる日時が始まる日時より前になっています。")
    cleaned["place"] = str(values.get("place") or "").strip()
    cleaned["organiser"] = str(values.get("organiser") or "").strip()
    for name in ("title", "place", "organiser"):
        if len(str(cleaned[name])) > EVENT_TEXT_MAX_LENGTH and name not in errors:
            errors[name] = message(
                "{limit}文字までにしてください（いまは{length}文字です）。",
                limit=EVENT_TEXT_MAX_LENGTH,
                length=len(str(cleaned[name])),
            )
    if len(str(cleaned["kind"])) > EVENT_KIND_MAX_LENGTH:
        errors["kind"] = message(
            "行事の種類は{limit}文字までにしてください。", limit=EVENT_KIND_MAX_LENGTH
        )
    capacity = values.get("capacity")
    if capacity in (None, "", 0, "0"):
        cleaned["capacity"] = None
    else:
        try:
            cleaned["capacity"] = int(str(capacity).strip())
            if cleaned["capacity"] < 0:
                raise ValueError
        except ValueError:
            errors["capacity"] = N_("定員は数字で入力してください（なければ空のまま）。")
    cleaned["volunteer_led"] = bool(values.get("volunteer_led"))
    cleaned["ninaite_activity"] = bool(values.get("ninaite_activity"))
    led_by = str(values.get("led_by") or "").strip()
    cleaned["led_by"] = led_by or None
    if led_by:
        cleaned["volunteer_led"] = True  # led by a volunteer is run by volunteers
    designated_by = str(values.get("designated_by") or "").strip()
    if cleaned["ninaite_activity"]:
        # The city designates unless a partner organisation is named (the Store checks it).
        cleaned["designated_by"] = designated_by or "city"
    elif designated_by:
        errors["designated_by"] = N_("指定した団体は、担い手活動の行事にだけ設定できます。")
    else:
        cleaned["designated_by"] = ""
    if errors:
        raise ValidationError.many(errors)
    return cleaned
