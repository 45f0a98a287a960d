"""Which tables are synced, declared once. Sync, erasure and the change log read this list.

A new record kind joins sync by adding a `SyncedTable` here and a migration that creates its
table; nothing else needs to know about it.
"""

from __future__ import annotations

from dataclasses import dataclass

SCHEMA_VERSION = 1


@dataclass(frozen=True)
class SyncedTable:
    """A table whose rows are written through the change log and exchanged by sync.

    fields: synced columns besides `id` (`deleted` is always one of them, with its own clock).
    json_fields: columns holding JSON text (lists) — the Store encodes and decodes them.
    personal_fields: columns blanked when a person is erased.
    resident_field: the column naming the resident a row belongs to ("id" for residents
        themselves), so erasure finds every row about a person; None when rows are not personal.
    """

    name: str
    fields: tuple[str, ...]
    json_fields: tuple[str, ...] = ()
    personal_fields: tuple[str, ...] = ()
    resident_field: str | None = None


SYNCED_TABLES: dict[str, SyncedTable] = {}


def register(table: SyncedTable) -> SyncedTable:
    if "deleted" not in table.fields:
        raise ValueError(f"{table.name}: every synced table has a 'deleted' field")
    SYNCED_TABLES[table.name] = table
    return table


RESIDENTS = register(
    SyncedTable(
        name="residents",
        fields=(
            "family_name",
            "given_name",
            "family_reading",
            "given_reading",
            "birth_date",
            "phone",
            "district",
            "kind",
            "support_needs",
            "smartphone",
            "notes",
            "card_code",
            "needs_completion",
            "merged_into",
            "created_at",
            "deleted",
        ),
        json_fields=("support_needs",),
        personal_fields=(
            "family_name",
            "given_name",
            "family_reading",
            "given_reading",
            "birth_date",
            "phone",
            "notes",
            "support_needs",
        ),
        resident_field="id",
    )
)

CONSENTS = register(
    SyncedTable(
        name="consents",
        fields=(
            "resident_id",
            "scopes",
            "method",
            "witnessed_by",
            "text_version",
            "given_on",
            "withdrawn_on",
            "deleted",
        ),
        json_fields=("scopes",),
        personal_fields=("witnessed_by",),
        resident_field="resident_id",
    )
)

DISTRICTS = register(
    SyncedTable(name="districts", fields=("name", "reading", "sort_order", "deleted"))
)

EVENTS = register(
    SyncedTable(
        name="events",
        fields=(
            "title",
            "kind",
            "starts_at",
            "ends_at",
            "place",
            "organiser",
            "capacity",
            "volunteer_led",
            "ninaite_activity",
            "created_at",
            "deleted",
        ),
    )
)

# Sign-ups (参加申込) made in advance. Ids derive from ("signup", event, resident), so two desks
# signing the same person up make one row.
EVENT_SIGNUPS = register(
    SyncedTable(
        name="event_signups",
        fields=("event_id", "resident_id", "signed_up_at", "recorded_by", "deleted"),
        personal_fields=("resident_id",),
        resident_field="resident_id",
    )
)

# Attendance: id = derived_id(event, resident) for a person; an anonymous head count (no
# resident, an age band) has its own uuid7. Erasure blanks the resident: the row stays a count.
ATTENDANCE = register(
    SyncedTable(
        name="attendance",
        fields=(
            "event_id",
            "resident_id",
            "age_band",
            "method",
            "checked_in_at",
            "recorded_by",
            "desk_id",
            "deleted",
        ),
        personal_fields=("resident_id",),
        resident_field="resident_id",
    )
)

# Who did what with residents' data (viewed a full record, exported, printed, merged, erased).
# Kept on the desk and synced; it names records by id, never by name.
AUDIT_LOG = register(
    SyncedTable(
        name="audit_log",
        fields=(
            "at",
            "desk_user",
            "volunteer_id",
            "action",
            "target_table",
            "target_id",
            "detail",
            "deleted",
        ),
    )
)

# Volunteers (share concierges, digital supporters, coordinators); trainings as JSON
# [{"course": …, "date": ISO}]. Not residents: erasure does not touch them.
VOLUNTEERS = register(
    SyncedTable(
        name="volunteers",
        fields=("name", "reading", "roles", "trainings", "active", "created_at", "deleted"),
        json_fields=("roles", "trainings"),
    )
)

# Analog help given at the desk (smartphone help, consultations); resident may be anonymous.
HELP_SESSIONS = register(
    SyncedTable(
        name="help_sessions",
        fields=(
            "resident_id",
            "volunteer_id",
            "event_id",
            "at",
            "minutes",
            "topics",
            "device",
            "outcome",
            "follow_up_due",
            "follow_up_done_at",
            "notes",
            "deleted",
        ),
        json_fields=("topics",),
        personal_fields=("resident_id", "notes"),
        resident_field="resident_id",
    )
)

# 共助 requests made for a resident without a smartphone, followed to done or cancelled.
AID_REQUESTS = register(
    SyncedTable(
        name="aid_requests",
        fields=(
            "resident_id",
            "kind",
            "needed_by",
            "details",
            "status",
            "matched_volunteer_id",
            "matched_resident_id",
            "created_at",
            "closed_at",
            "deleted",
        ),
        personal_fields=("resident_id", "details", "matched_resident_id"),
        resident_field="resident_id",
    )
)

# Digital skills a resident does on their own (「ひとりでできる」), first seen on a date.
# Id = derived_id("skill", resident, skill): two desks marking it make one row.
RESIDENT_SKILLS = register(
    SyncedTable(
        name="resident_skills",
        fields=("resident_id", "skill", "independent_since", "deleted"),
        personal_fields=("resident_id",),
        resident_field="resident_id",
    )
)
