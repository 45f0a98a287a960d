"""Which tables are synced, declared once, with the type of every synced field. Sync, erasure
and the change log read this list.

A new record kind joins sync by adding a `SyncedTable` here and a migration that creates its
table; nothing else needs to know about it. The types (kyojo_desk/sync/fields.py) are what the
server accepts in a push and what a desk accepts in a pull; choice lists mirror the enums in
kyojo_desk/records (a unit test keeps them equal).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from kyojo_desk.records.event import EVENT_KIND_MAX_LENGTH, EVENT_TEXT_MAX_LENGTH
from kyojo_desk.records.help import APP_AID_COUNT_MAX
from kyojo_desk.sync.fields import (
    JSON_LIST,
    FieldType,
    choice,
    date,
    datetime,
    flag,
    integer,
    json_list,
    text,
    uuid_id,
)

# Version 2: typed values, one stamp per change (sync protocol 2).
SCHEMA_VERSION = 2

NAME = text(100)
LONG_TEXT = text(4000)
DESK_USER = text(100)
DELETED = flag()


@dataclass(frozen=True)
class SyncedTable:
    """A table whose rows are written through the change log and exchanged by sync.

    types: every synced column besides `id`, in column order, with its type (`deleted` is
        always one of them).
    personal_fields: columns blanked when a person is erased.
    resident_field: the column naming the resident a row belongs to ("id" for residents
        themselves), so erasure finds every row about a person; None when rows are not personal.
    """

    name: str
    types: dict[str, FieldType] = field(hash=False)
    personal_fields: tuple[str, ...] = ()
    resident_field: str | None = None
    # Rows named by a short code instead of a UUID (districts: the town's codes, e.g. "01").
    code_ids: bool = False

    # Cached: asked for every value written, sent and pulled (the declaration never changes).
    @cached_property
    def fields(self) -> tuple[str, ...]:
        """The synced columns besides `id`."""
        return tuple(self.types)

    @cached_property
    def json_fields(self) -> tuple[str, ...]:
        """Columns holding JSON text (lists) on the desk; they travel as JSON arrays."""
        return tuple(name for name, kind in self.types.items() if kind.kind == JSON_LIST)


SYNCED_TABLES: dict[str, SyncedTable] = {}


def register(table: SyncedTable) -> SyncedTable:
    if "deleted" not in table.types:
        raise ValueError(f"{table.name}: every synced table has a 'deleted' field")
    unknown = set(table.personal_fields) - set(table.types)
    if unknown or (table.resident_field not in (None, "id", *table.types)):
        raise ValueError(f"{table.name}: personal or resident field not declared")
    SYNCED_TABLES[table.name] = table
    return table


RESIDENTS = register(
    SyncedTable(
        name="residents",
        types={
            "family_name": NAME,
            "given_name": NAME,
            "family_reading": NAME,
            "given_reading": NAME,
            "birth_date": date(nullable=True, blank=True),
            "phone": text(40),
            # A second number (携帯 beside 自宅): rosters often list both.
            "phone2": text(40),
            "district": text(64),
            "kind": choice("resident", "related"),
            "support_needs": json_list(
                10, 32, choices=("large_print", "read_aloud", "hearing", "mobility")
            ),
            "smartphone": choice("none", "android", "iphone", "feature_phone"),
            "notes": LONG_TEXT,
            "card_code": text(64),
            "needs_completion": flag(),
            "merged_into": uuid_id(nullable=True),
            "created_at": datetime(blank=True),
            "deleted": DELETED,
            # A 関係人口 / ふるさと住民: where they live; a minor's guardian and consent.
            "home_municipality": text(100),
            "is_minor": flag(),
            "guardian_name": NAME,
            "guardian_consent_on": date(nullable=True, blank=True),
        },
        personal_fields=(
            "family_name",
            "given_name",
            "family_reading",
            "given_reading",
            "birth_date",
            "phone",
            "phone2",
            "notes",
            "support_needs",
            "home_municipality",
            "guardian_name",
        ),
        resident_field="id",
    )
)

CONSENTS = register(
    SyncedTable(
        name="consents",
        types={
            "resident_id": uuid_id(),
            "scopes": json_list(
                10, 32, choices=("keep_record", "phone_contact", "share_with_city", "photos")
            ),
            "method": choice("signed_paper", "verbal", blank=True),
            "witnessed_by": NAME,
            "text_version": text(32),
            "given_on": date(blank=True),
            "withdrawn_on": date(nullable=True, blank=True),
            "deleted": DELETED,
        },
        personal_fields=("witnessed_by",),
        resident_field="resident_id",
    )
)

DISTRICTS = register(
    SyncedTable(
        name="districts",
        types={
            "name": NAME,
            "reading": NAME,
            "sort_order": integer(-(2**31), 2**31 - 1),
            "deleted": DELETED,
        },
        code_ids=True,
    )
)

EVENTS = register(
    SyncedTable(
        name="events",
        types={
            "title": text(200),
            # The known kinds or any kind a centre names itself (`event add --kind` keeps it).
            "kind": text(EVENT_KIND_MAX_LENGTH),
            "starts_at": datetime(blank=True),
            "ends_at": datetime(nullable=True, blank=True),
            "place": text(EVENT_TEXT_MAX_LENGTH),
            "organiser": text(EVENT_TEXT_MAX_LENGTH),
            "capacity": integer(0, 1_000_000, nullable=True),
            "volunteer_led": flag(),
            "ninaite_activity": flag(),
            "created_at": datetime(blank=True),
            "deleted": DELETED,
            "led_by": uuid_id(nullable=True),
            # Who designated a 担い手活動: "city" or a partner organisation's id ("" otherwise).
            "designated_by": text(64),
        },
    )
)

# Sign-ups (参加申込) made in advance. Ids derive from ("signup", event, resident), so two desks
# signing the same person up make one row.
EVENT_SIGNUPS = register(
    SyncedTable(
        name="event_signups",
        types={
            "event_id": uuid_id(blank=True),
            "resident_id": uuid_id(nullable=True),
            "signed_up_at": datetime(blank=True),
            "recorded_by": DESK_USER,
            "deleted": DELETED,
        },
        personal_fields=("resident_id",),
        resident_field="resident_id",
    )
)

# Attendance: one row per person per day of an event; id = attendance_id(event, resident, day)
# (store/events.py), so two desks make the same row. An anonymous head count (no resident, an
# age band) has its own uuid7. Erasure blanks the resident: the row stays a count.
ATTENDANCE = register(
    SyncedTable(
        name="attendance",
        types={
            "event_id": uuid_id(blank=True),
            "resident_id": uuid_id(nullable=True),
            "age_band": choice("0-19", "20-39", "40-59", "60-69", "70-79", "80-", nullable=True),
            "method": choice(
                "card", "search", "sheet", "sheet_scan", "walk_in", "anonymous", blank=True
            ),
            "checked_in_at": datetime(blank=True),
            "recorded_by": DESK_USER,
            "desk_id": text(64),
            "deleted": DELETED,
            # The event day counted (one check-in per person per day of an event).
            "day": date(blank=True),
        },
        personal_fields=("resident_id",),
        resident_field="resident_id",
    )
)

# Who did what with residents' data (viewed a full record, exported, printed, merged, erased).
# Kept on the desk and synced; it names records by id, never by name.
AUDIT_LOG = register(
    SyncedTable(
        name="audit_log",
        types={
            "at": datetime(blank=True),
            "desk_user": DESK_USER,
            "volunteer_id": uuid_id(nullable=True),
            "action": text(64),
            "target_table": text(64),
            "target_id": text(200),
            "detail": LONG_TEXT,
            "deleted": DELETED,
        },
    )
)

# Volunteers (share concierges, digital supporters, coordinators); trainings as JSON
# [{"course": …, "date": ISO}]. Not residents: erasure does not touch them.
VOLUNTEERS = register(
    SyncedTable(
        name="volunteers",
        types={
            "name": NAME,
            "reading": NAME,
            "roles": json_list(10, 32, choices=("concierge", "digital_supporter", "coordinator")),
            "trainings": json_list(100, 200, item_keys=("course", "date")),
            "active": flag(),
            "created_at": datetime(blank=True),
            "deleted": DELETED,
        },
    )
)

# Analog help given at the desk (smartphone help, consultations); resident may be anonymous.
HELP_SESSIONS = register(
    SyncedTable(
        name="help_sessions",
        types={
            "resident_id": uuid_id(nullable=True),
            "volunteer_id": uuid_id(nullable=True),
            "event_id": uuid_id(nullable=True),
            "at": datetime(blank=True),
            "minutes": integer(0, 24 * 60),
            # Topics are the city's own list (settings), so any short text.
            "topics": json_list(50, 100),
            "device": choice(
                "android", "iphone", "raku_raku", "feature_phone", "tablet", blank=True
            ),
            "outcome": choice("solved", "partly", "continue", "referred", blank=True),
            "follow_up_due": date(nullable=True, blank=True),
            "follow_up_done_at": datetime(nullable=True, blank=True),
            "notes": LONG_TEXT,
            "deleted": DELETED,
        },
        personal_fields=("resident_id", "notes"),
        resident_field="resident_id",
    )
)

# 共助 requests made for a resident without a smartphone, followed to done or cancelled.
AID_REQUESTS = register(
    SyncedTable(
        name="aid_requests",
        types={
            "resident_id": uuid_id(nullable=True),
            "kind": choice(
                "transport",
                "childcare_watch",
                "shopping",
                "hand_me_down",
                "company",
                "other",
                blank=True,
            ),
            "needed_by": date(nullable=True, blank=True),
            "details": LONG_TEXT,
            "status": choice("open", "matched", "done", "cancelled"),
            "matched_volunteer_id": uuid_id(nullable=True),
            "matched_resident_id": uuid_id(nullable=True),
            "created_at": datetime(blank=True),
            "closed_at": datetime(nullable=True, blank=True),
            "deleted": DELETED,
        },
        personal_fields=("resident_id", "details", "matched_resident_id"),
        resident_field="resident_id",
    )
)

# Digital skills a resident does on their own (「ひとりでできる」), first seen on a date.
# Id = derived_id("skill", resident, skill): two desks marking it make one row.
RESIDENT_SKILLS = register(
    SyncedTable(
        name="resident_skills",
        types={
            "resident_id": uuid_id(nullable=True),
            "skill": choice(
                "phone", "line", "camera", "app_registration", "mynaportal", "scam_awareness"
            ),
            "independent_since": date(nullable=True, blank=True),
            "deleted": DELETED,
        },
        personal_fields=("resident_id",),
        resident_field="resident_id",
    )
)

# The 共助 count of the city's community app for one month ('YYYY-MM'), as a coordinator read it
# from the app's figures (source says where). Id = derived_id("app_aid_count", month): one
# figure per month for the whole city, corrected by entering it again.
APP_AID_COUNTS = register(
    SyncedTable(
        name="app_aid_counts",
        types={
            "month": text(7),
            "count": integer(0, APP_AID_COUNT_MAX),
            "source": text(200),
            "entered_by": DESK_USER,
            "entered_at": datetime(blank=True),
            "deleted": DELETED,
        },
    )
)

# Partner organisations (自治会, 地域運営組織, 消防団, NPO …) whose projects the city counts as
# 担い手活動 (pattern ②): an event's `designated_by` names one of them, or "city".
ORGANISATIONS = register(
    SyncedTable(
        name="organisations",
        types={
            "name": text(200),
            "kind": choice("neighbourhood", "community_management", "fire_brigade", "npo", "other"),
            "contact": text(200),
            "created_at": datetime(blank=True),
            "deleted": DELETED,
        },
    )
)

# A QR code or barcode a person brings (e.g. from the national registration app), linked to
# them at the door. Id = derived_id("external-code", code): two desks linking the same code make
# one row. The code is kept as given after NFKC; erasure blanks it with the person.
EXTERNAL_CODES = register(
    SyncedTable(
        name="external_codes",
        types={
            "code": text(512),
            "resident_id": uuid_id(nullable=True),
            "linked_at": datetime(blank=True),
            "deleted": DELETED,
        },
        personal_fields=("code", "resident_id"),
        resident_field="resident_id",
    )
)
