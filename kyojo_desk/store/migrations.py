"""The schema, as a `Migrations` set applied at start-up (after the file is copied aside).

Each migration is a function named `mNNN_…`, applied in the order written here, each in its own
transaction together with the record of it having been applied.
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

migrations = Migrations("kyojo_desk")


@migrations()
def m001_registry(db: Database) -> None:
    """Desk meta, change log, field clocks, districts, residents, consents and the search index."""
    db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    # The change log (outbox). `seq` rises by one per desk; `fields` is JSON {field: [value, hlc]}.
    db.execute(
        """CREATE TABLE outbox (
            seq INTEGER PRIMARY KEY,
            table_name TEXT NOT NULL,
            row_id TEXT NOT NULL,
            fields TEXT NOT NULL,
            schema_version INTEGER NOT NULL,
            created_at TEXT NOT NULL
        )"""
    )
    db.execute("CREATE INDEX outbox_row ON outbox(table_name, row_id)")
    # The winning stamp of every synced field, so sync can settle edits field by field.
    db.execute(
        """CREATE TABLE field_clocks (
            table_name TEXT NOT NULL,
            row_id TEXT NOT NULL,
            field TEXT NOT NULL,
            hlc TEXT NOT NULL,
            PRIMARY KEY (table_name, row_id, field)
        ) WITHOUT ROWID"""
    )
    db.execute(
        """CREATE TABLE districts (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL DEFAULT '',
            reading TEXT NOT NULL DEFAULT '',
            sort_order INTEGER NOT NULL DEFAULT 0,
            deleted INTEGER NOT NULL DEFAULT 0
        )"""
    )
    db.execute(
        """CREATE TABLE residents (
            id TEXT PRIMARY KEY,
            family_name TEXT NOT NULL DEFAULT '',
            given_name TEXT NOT NULL DEFAULT '',
            family_reading TEXT NOT NULL DEFAULT '',
            given_reading TEXT NOT NULL DEFAULT '',
            birth_date TEXT,
            phone TEXT NOT NULL DEFAULT '',
            district TEXT NOT NULL DEFAULT '',
            kind TEXT NOT NULL DEFAULT 'resident',
            support_needs TEXT NOT NULL DEFAULT '[]',
            smartphone TEXT NOT NULL DEFAULT 'none',
            notes TEXT NOT NULL DEFAULT '',
            card_code TEXT NOT NULL DEFAULT '',
            needs_completion INTEGER NOT NULL DEFAULT 0,
            merged_into TEXT,
            created_at TEXT NOT NULL DEFAULT '',
            deleted INTEGER NOT NULL DEFAULT 0
        )"""
    )
    db.execute("CREATE INDEX residents_card_code ON residents(card_code)")
    db.execute(
        """CREATE TABLE consents (
            id TEXT PRIMARY KEY,
            resident_id TEXT NOT NULL,
            scopes TEXT NOT NULL DEFAULT '[]',
            method TEXT NOT NULL DEFAULT '',
            witnessed_by TEXT NOT NULL DEFAULT '',
            text_version TEXT NOT NULL DEFAULT '',
            given_on TEXT NOT NULL DEFAULT '',
            withdrawn_on TEXT,
            deleted INTEGER NOT NULL DEFAULT 0
        )"""
    )
    db.execute("CREATE INDEX consents_resident ON consents(resident_id)")
    # Local search keys (never synced): folded name/reading keys and phone digits.
    db.execute(
        """CREATE TABLE resident_index (
            resident_id TEXT PRIMARY KEY,
            sort_key TEXT NOT NULL,
            family_name_key TEXT NOT NULL,
            given_name_key TEXT NOT NULL,
            family_reading_key TEXT NOT NULL,
            given_reading_key TEXT NOT NULL,
            full_text TEXT NOT NULL,
            phone_reversed TEXT NOT NULL,
            birth_date TEXT
        )"""
    )
    for column in (
        "sort_key",
        "family_name_key",
        "given_name_key",
        "family_reading_key",
        "given_reading_key",
        "phone_reversed",
    ):
        db.execute(f"CREATE INDEX resident_index_{column} ON resident_index({column})")
    db.execute("CREATE INDEX resident_index_birth ON resident_index(birth_date)")
    db.execute(
        "CREATE VIRTUAL TABLE resident_fts USING fts5(full_text, content='resident_index',"
        " content_rowid='rowid', tokenize='trigram')"
    )
    db.execute(
        """CREATE TRIGGER resident_index_ai AFTER INSERT ON resident_index BEGIN
            INSERT INTO resident_fts(rowid, full_text) VALUES (new.rowid, new.full_text);
        END"""
    )
    db.execute(
        """CREATE TRIGGER resident_index_ad AFTER DELETE ON resident_index BEGIN
            INSERT INTO resident_fts(resident_fts, rowid, full_text)
            VALUES ('delete', old.rowid, old.full_text);
        END"""
    )
    db.execute(
        """CREATE TRIGGER resident_index_au AFTER UPDATE ON resident_index BEGIN
            INSERT INTO resident_fts(resident_fts, rowid, full_text)
            VALUES ('delete', old.rowid, old.full_text);
            INSERT INTO resident_fts(rowid, full_text) VALUES (new.rowid, new.full_text);
        END"""
    )


@migrations()
def m004_sync(db: Database) -> None:
    """Sync state on the desk: which outbox entries create a row, conflicts, rejections."""
    # A change for a row the server does not know must be the row's creation; an update
    # arriving without it is refused. Written by Store.write.
    db.execute("ALTER TABLE outbox ADD COLUMN created INTEGER NOT NULL DEFAULT 0")
    # Values that lost on the server (pulled from it), for a coordinator to review.
    db.execute(
        """CREATE TABLE sync_conflicts (
            id TEXT PRIMARY KEY,
            table_name TEXT NOT NULL,
            row_id TEXT NOT NULL,
            field TEXT NOT NULL,
            kept_value TEXT NOT NULL,
            kept_stamp TEXT NOT NULL,
            kept_desk TEXT NOT NULL,
            lost_value TEXT NOT NULL,
            lost_stamp TEXT NOT NULL,
            lost_desk TEXT NOT NULL,
            kept_desk_name TEXT NOT NULL DEFAULT '',
            lost_desk_name TEXT NOT NULL DEFAULT '',
            recorded_at TEXT NOT NULL,
            resolved_at TEXT,
            resolution TEXT
        )"""
    )
    db.execute("CREATE INDEX sync_conflicts_row ON sync_conflicts(table_name, row_id)")
    # Changes the server refused for good; they stay in the outbox but no longer block it.
    db.execute(
        """CREATE TABLE sync_rejections (
            seq INTEGER PRIMARY KEY,
            table_name TEXT NOT NULL,
            row_id TEXT NOT NULL,
            reason TEXT NOT NULL,
            rejected_at TEXT NOT NULL
        )"""
    )


@migrations()
def m002_search_scan_index(db: Database) -> None:
    """A covering index for the substring scan of short queries: reading it is a fraction of
    reading the whole resident index."""
    db.execute(
        "CREATE INDEX resident_index_scan ON resident_index(full_text, sort_key, resident_id)"
    )


@migrations()
def m003_reception(db: Database) -> None:
    """Events, advance sign-ups and attendance (reception)."""
    db.execute(
        """CREATE TABLE events (
            id TEXT PRIMARY KEY,
            title TEXT NOT NULL DEFAULT '',
            kind TEXT NOT NULL DEFAULT 'exchange',
            starts_at TEXT NOT NULL DEFAULT '',
            ends_at TEXT,
            place TEXT NOT NULL DEFAULT '',
            organiser TEXT NOT NULL DEFAULT '',
            capacity INTEGER,
            volunteer_led INTEGER NOT NULL DEFAULT 0,
            ninaite_activity INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL DEFAULT '',
            deleted INTEGER NOT NULL DEFAULT 0
        )"""
    )
    db.execute("CREATE INDEX events_starts ON events(starts_at)")
    db.execute("CREATE INDEX events_kind ON events(kind, starts_at)")
    db.execute(
        """CREATE TABLE event_signups (
            id TEXT PRIMARY KEY,
            event_id TEXT NOT NULL DEFAULT '',
            resident_id TEXT,
            signed_up_at TEXT NOT NULL DEFAULT '',
            recorded_by TEXT NOT NULL DEFAULT '',
            deleted INTEGER NOT NULL DEFAULT 0
        )"""
    )
    db.execute("CREATE INDEX event_signups_event ON event_signups(event_id)")
    db.execute("CREATE INDEX event_signups_resident ON event_signups(resident_id)")
    # resident_id is NULL for an anonymous head count (age_band set) and after erasure.
    db.execute(
        """CREATE TABLE attendance (
            id TEXT PRIMARY KEY,
            event_id TEXT NOT NULL DEFAULT '',
            resident_id TEXT,
            age_band TEXT,
            method TEXT NOT NULL DEFAULT '',
            checked_in_at TEXT NOT NULL DEFAULT '',
            recorded_by TEXT NOT NULL DEFAULT '',
            desk_id TEXT NOT NULL DEFAULT '',
            deleted INTEGER NOT NULL DEFAULT 0
        )"""
    )
    db.execute("CREATE INDEX attendance_event ON attendance(event_id, deleted)")
    db.execute("CREATE INDEX attendance_resident ON attendance(resident_id, deleted, event_id)")


@migrations()
def m006_security(db: Database) -> None:
    """The audit log."""
    db.execute(
        """CREATE TABLE audit_log (
            id TEXT PRIMARY KEY,
            at TEXT NOT NULL DEFAULT '',
            desk_user TEXT NOT NULL DEFAULT '',
            volunteer_id TEXT,
            action TEXT NOT NULL DEFAULT '',
            target_table TEXT NOT NULL DEFAULT '',
            target_id TEXT NOT NULL DEFAULT '',
            detail TEXT NOT NULL DEFAULT '',
            deleted INTEGER NOT NULL DEFAULT 0
        )"""
    )
    db.execute("CREATE INDEX audit_log_at ON audit_log(at)")
    db.execute("CREATE INDEX audit_log_target ON audit_log(target_id)")


@migrations()
def m005_help_kpi(db: Database) -> None:
    """Volunteers, help sessions, 共助 requests, digital skills, with the dashboard's indexes."""
    db.execute(
        """CREATE TABLE volunteers (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL DEFAULT '',
            reading TEXT NOT NULL DEFAULT '',
            roles TEXT NOT NULL DEFAULT '[]',
            trainings TEXT NOT NULL DEFAULT '[]',
            active INTEGER NOT NULL DEFAULT 1,
            created_at TEXT NOT NULL DEFAULT '',
            deleted INTEGER NOT NULL DEFAULT 0
        )"""
    )
    db.execute(
        """CREATE TABLE help_sessions (
            id TEXT PRIMARY KEY,
            resident_id TEXT,
            volunteer_id TEXT,
            event_id TEXT,
            at TEXT NOT NULL DEFAULT '',
            minutes INTEGER NOT NULL DEFAULT 0,
            topics TEXT NOT NULL DEFAULT '[]',
            device TEXT NOT NULL DEFAULT '',
            outcome TEXT NOT NULL DEFAULT '',
            follow_up_due TEXT,
            follow_up_done_at TEXT,
            notes TEXT NOT NULL DEFAULT '',
            deleted INTEGER NOT NULL DEFAULT 0
        )"""
    )
    db.execute("CREATE INDEX help_sessions_at ON help_sessions(at)")
    db.execute("CREATE INDEX help_sessions_resident ON help_sessions(resident_id, at)")
    db.execute(
        "CREATE INDEX help_sessions_follow_up ON help_sessions(follow_up_due) "
        "WHERE follow_up_due IS NOT NULL AND follow_up_done_at IS NULL"
    )
    db.execute(
        """CREATE TABLE aid_requests (
            id TEXT PRIMARY KEY,
            resident_id TEXT,
            kind TEXT NOT NULL DEFAULT '',
            needed_by TEXT,
            details TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT 'open',
            matched_volunteer_id TEXT,
            matched_resident_id TEXT,
            created_at TEXT NOT NULL DEFAULT '',
            closed_at TEXT,
            deleted INTEGER NOT NULL DEFAULT 0
        )"""
    )
    db.execute("CREATE INDEX aid_requests_status ON aid_requests(status, closed_at)")
    db.execute(
        """CREATE TABLE resident_skills (
            id TEXT PRIMARY KEY,
            resident_id TEXT,
            skill TEXT NOT NULL DEFAULT '',
            independent_since TEXT,
            deleted INTEGER NOT NULL DEFAULT 0
        )"""
    )
    db.execute("CREATE INDEX resident_skills_resident ON resident_skills(resident_id)")
    db.execute("CREATE INDEX residents_created ON residents(created_at)")
    db.execute("CREATE INDEX attendance_checked_in ON attendance(checked_in_at)")


@migrations()
def m007_kpi_covering_indexes(db: Database) -> None:
    """Covering indexes so the dashboard reads a year of help sessions and attendance from
    indexes alone (a year of 200 000 sessions and 500 000 check-ins in well under a second)."""
    db.execute(
        "CREATE INDEX help_sessions_kpi ON help_sessions(at, deleted, resident_id, outcome, topics)"
    )
    db.execute(
        "CREATE INDEX attendance_kpi ON attendance(event_id, deleted, resident_id, age_band)"
    )


# A date or moment (ISO text) as the integer YYYYMMDD, NULL when empty. Integers compare and
# subtract in SQL without string work: someone is at least N years old on day D when their
# YYYYMMDD is at most D - N * 10000.
YMD = "CAST(replace(substr(NULLIF({}, ''), 1, 10), '-', '') AS INTEGER)"


@migrations()
def m008_kpi_integer_keys(db: Database) -> None:
    """Integer keys the dashboard counts with, kept by triggers (local, never synced).

    - resident_numbers: a small integer for every resident id that attendance or help sessions
      name (an INTEGER PRIMARY KEY, so VACUUM keeps it); rows are never removed, so a number
      never changes meaning.
    - attendance.resident_number / help_sessions.resident_number: that number (NULL exactly when
      resident_id is NULL), so distinct people are counted as integers, not 36-character ids.
    - attendance.resident_born: the resident's birth date as YYYYMMDD (NULL when unknown or
      when no such resident is on this desk), so ages on an event's day are banded within the
      attendance index, without looking up each person.
    - help_session_kinds: every (outcome, topics) pair ever written, so sessions of a period are
      counted per pair from an index instead of sorting every session of the period.

    The triggers follow every way a row changes (Store.write, create_rows, pulled changes,
    merges, erasure, a corrected birth date), since all of them are SQL inserts and updates.
    """
    db.execute(
        "CREATE TABLE resident_numbers ("
        "number INTEGER PRIMARY KEY, resident_id TEXT NOT NULL UNIQUE)"
    )
    db.execute("ALTER TABLE attendance ADD COLUMN resident_number INTEGER")
    db.execute("ALTER TABLE attendance ADD COLUMN resident_born INTEGER")
    db.execute("ALTER TABLE help_sessions ADD COLUMN resident_number INTEGER")
    db.execute(
        "CREATE TABLE help_session_kinds (outcome TEXT NOT NULL, topics TEXT NOT NULL, "
        "PRIMARY KEY (outcome, topics)) WITHOUT ROWID"
    )

    # Rows written before this migration.
    db.execute(
        "INSERT INTO resident_numbers(resident_id) "
        "SELECT resident_id FROM attendance WHERE resident_id IS NOT NULL "
        "UNION SELECT resident_id FROM help_sessions WHERE resident_id IS NOT NULL"
    )
    db.execute(
        "UPDATE attendance SET resident_number = (SELECT number FROM resident_numbers n "
        "WHERE n.resident_id = attendance.resident_id), "
        f"resident_born = (SELECT {YMD.format('r.birth_date')} FROM residents r "
        "WHERE r.id = attendance.resident_id) WHERE resident_id IS NOT NULL"
    )
    db.execute(
        "UPDATE help_sessions SET resident_number = (SELECT number FROM resident_numbers n "
        "WHERE n.resident_id = help_sessions.resident_id) WHERE resident_id IS NOT NULL"
    )
    db.execute(
        "INSERT INTO help_session_kinds(outcome, topics) "
        "SELECT DISTINCT outcome, topics FROM help_sessions"
    )

    # Attendance: a row's number and birth date follow its resident_id.
    attendance_keys = (
        "INSERT OR IGNORE INTO resident_numbers(resident_id) "
        "SELECT new.resident_id WHERE new.resident_id IS NOT NULL; "
        "UPDATE attendance SET resident_number = (SELECT number FROM resident_numbers "
        "WHERE resident_id = new.resident_id), "
        f"resident_born = (SELECT {YMD.format('birth_date')} FROM residents "
        "WHERE id = new.resident_id) WHERE rowid = new.rowid;"
    )
    db.execute(
        f"CREATE TRIGGER attendance_kpi_keys_insert AFTER INSERT ON attendance BEGIN "
        f"{attendance_keys} END"
    )
    db.execute(
        "CREATE TRIGGER attendance_kpi_keys_update AFTER UPDATE OF resident_id ON attendance "
        f"BEGIN {attendance_keys} END"
    )
    # Residents: a new, edited or removed resident's birth date reaches their attendance (a
    # pulled check-in may arrive before the person it names).
    born_again = (
        f"UPDATE attendance SET resident_born = (SELECT {YMD.format('r.birth_date')} "
        "FROM residents r WHERE r.id = attendance.resident_id) WHERE resident_id IN ({ids});"
    )
    db.execute(
        "CREATE TRIGGER residents_kpi_born_insert AFTER INSERT ON residents BEGIN "
        f"{born_again.format(ids='new.id')} END"
    )
    db.execute(
        "CREATE TRIGGER residents_kpi_born_update AFTER UPDATE OF id, birth_date ON residents "
        "WHEN old.id IS NOT new.id OR old.birth_date IS NOT new.birth_date BEGIN "
        f"{born_again.format(ids='old.id, new.id')} END"
    )
    db.execute(
        "CREATE TRIGGER residents_kpi_born_delete AFTER DELETE ON residents BEGIN "
        f"{born_again.format(ids='old.id')} END"
    )
    # Help sessions: a row's number follows its resident_id; its kind joins the list.
    help_number = (
        "INSERT OR IGNORE INTO resident_numbers(resident_id) "
        "SELECT new.resident_id WHERE new.resident_id IS NOT NULL; "
        "UPDATE help_sessions SET resident_number = (SELECT number FROM resident_numbers "
        "WHERE resident_id = new.resident_id) WHERE rowid = new.rowid;"
    )
    help_kind = (
        "INSERT OR IGNORE INTO help_session_kinds(outcome, topics) "
        "VALUES (new.outcome, new.topics);"
    )
    db.execute(
        "CREATE TRIGGER help_sessions_kpi_keys_insert AFTER INSERT ON help_sessions BEGIN "
        f"{help_number} {help_kind} END"
    )
    db.execute(
        "CREATE TRIGGER help_sessions_kpi_keys_update AFTER UPDATE OF resident_id "
        f"ON help_sessions BEGIN {help_number} END"
    )
    db.execute(
        "CREATE TRIGGER help_sessions_kpi_kind_update AFTER UPDATE OF outcome, topics "
        f"ON help_sessions BEGIN {help_kind} END"
    )

    # The dashboard's indexes, replacing m007's string-keyed ones (and residents_created, a
    # prefix of the new residents index).
    db.execute("DROP INDEX attendance_kpi")
    db.execute("DROP INDEX help_sessions_kpi")
    db.execute("DROP INDEX residents_created")
    db.execute(
        "CREATE INDEX attendance_kpi ON attendance"
        "(event_id, deleted, resident_number, resident_born, age_band)"
    )
    db.execute("CREATE INDEX help_sessions_kpi ON help_sessions(at, deleted, resident_number)")
    db.execute(
        "CREATE INDEX help_sessions_kpi_kind ON help_sessions(outcome, topics, deleted, at, "
        "resident_number)"
    )
    db.execute("CREATE INDEX residents_kpi ON residents(created_at, deleted, district)")


@migrations()
def m009_kpi_open_follow_ups(db: Database) -> None:
    """A covering index of the follow-ups still open, by date of the session: the dashboard
    counts them from the index alone. Without it, on a desk whose database was never ANALYZEd,
    SQLite picks the sessions-by-date index and reads every session's row from the table
    (0.13 s for a year of 200 000 sessions instead of 1 ms)."""
    db.execute(
        "CREATE INDEX help_sessions_open_follow_ups ON help_sessions(at, deleted, resident_number) "
        "WHERE follow_up_due IS NOT NULL AND follow_up_done_at IS NULL"
    )


# The event day a check-in counts for (as Event.day_for): its local date, within the event's
# days; its own date when the event is not on this desk.
EVENT_DAY = (
    "coalesce((SELECT min(max(substr({row}.checked_in_at, 1, 10), substr(e.starts_at, 1, 10)), "
    "max(substr(coalesce(e.ends_at, ''), 1, 10), substr(e.starts_at, 1, 10))) FROM events e "
    "WHERE e.id = {row}.event_id), substr({row}.checked_in_at, 1, 10))"
)


@migrations()
def m070_sheet_scan_pages(db: Database) -> None:
    """Which page of a paper sign-in sheet each check-in read from a scan came from (local,
    never synced: the paper is kept at this centre). Keyed by the attendance id, which names
    no person, so erasure has nothing to remove here."""
    db.execute(
        "CREATE TABLE sheet_scan_pages ("
        "attendance_id TEXT PRIMARY KEY, event_id TEXT NOT NULL, sheet_page INTEGER NOT NULL,"
        " read_at TEXT NOT NULL)"
    )


# The earliest day (YYYYMMDD) a resident came to an event that is not deleted: the minimum of the
# event days of their attendance rows, read through the attendance_resident index.
FIRST_ATTENDED = (
    f"(SELECT min({YMD.format('e.starts_at')}) FROM attendance a JOIN events e "
    "ON e.id = a.event_id AND e.deleted = 0 WHERE a.resident_id = {resident} AND a.deleted = 0)"
)


@migrations()
def m030_fiscal_year_kpis(db: Database) -> None:
    """The city's 年度 KPIs: who led an event, the app's monthly 共助 figure, and each resident's
    first event day.

    - events.led_by (synced): the volunteer who led the event; KPI ③ counts events led by a
      volunteer who had finished the share-concierge course by the event's day.
    - app_aid_counts (synced): the 共助 count of the city's community app for one month, entered
      by a coordinator (one row per month: its id derives from the month).
    - resident_numbers.first_attended (local): the day of the resident's first event, kept by
      triggers, so "came for the first time in the period" is a range of an index instead of
      every check-in before the period (which grows with every year of history).
    - residents_digital: a covering index of what the digital-divide table counts.
    """
    db.execute("ALTER TABLE events ADD COLUMN led_by TEXT")
    db.execute("CREATE INDEX events_led_by ON events(led_by)")
    db.execute(
        """CREATE TABLE app_aid_counts (
            id TEXT PRIMARY KEY,
            month TEXT NOT NULL DEFAULT '',
            count INTEGER NOT NULL DEFAULT 0,
            source TEXT NOT NULL DEFAULT '',
            entered_by TEXT NOT NULL DEFAULT '',
            entered_at TEXT NOT NULL DEFAULT '',
            deleted INTEGER NOT NULL DEFAULT 0
        )"""
    )
    db.execute("CREATE INDEX app_aid_counts_month ON app_aid_counts(month, deleted, count)")

    db.execute("ALTER TABLE resident_numbers ADD COLUMN first_attended INTEGER")
    db.execute(
        "UPDATE resident_numbers SET first_attended = "
        + FIRST_ATTENDED.format(resident="resident_numbers.resident_id")
    )
    db.execute("CREATE INDEX resident_numbers_first ON resident_numbers(first_attended)")
    # A new check-in can only move a first day earlier: no recount of the person's history.
    db.execute(
        "CREATE TRIGGER attendance_first_insert AFTER INSERT ON attendance "
        "WHEN new.resident_id IS NOT NULL AND new.deleted = 0 BEGIN "
        "INSERT OR IGNORE INTO resident_numbers(resident_id) VALUES (new.resident_id); "
        "UPDATE resident_numbers SET first_attended = nullif(min(coalesce(first_attended, "
        f"99999999), coalesce((SELECT {YMD.format('starts_at')} FROM events "
        "WHERE id = new.event_id AND deleted = 0), 99999999)), 99999999) "
        "WHERE resident_id = new.resident_id; END"
    )
    # Any other change (undone, moved to another person by a merge, erased, removed) recounts
    # the people it touches.
    recount = (
        "UPDATE resident_numbers SET first_attended = "
        + FIRST_ATTENDED.format(resident="resident_numbers.resident_id")
        + " WHERE resident_id IN ({ids});"
    )
    db.execute(
        "CREATE TRIGGER attendance_first_update AFTER UPDATE OF resident_id, event_id, deleted "
        "ON attendance BEGIN "
        "INSERT OR IGNORE INTO resident_numbers(resident_id) "
        "SELECT new.resident_id WHERE new.resident_id IS NOT NULL; "
        f"{recount.format(ids='old.resident_id, new.resident_id')} END"
    )
    db.execute(
        "CREATE TRIGGER attendance_first_delete AFTER DELETE ON attendance BEGIN "
        f"{recount.format(ids='old.resident_id')} END"
    )
    # An event that arrives after its check-ins (sync), moves to another day, or is deleted.
    attendees = "SELECT resident_id FROM attendance WHERE event_id = {event}"
    db.execute(
        "CREATE TRIGGER events_first_insert AFTER INSERT ON events BEGIN "
        f"{recount.format(ids=attendees.format(event='new.id'))} END"
    )
    db.execute(
        "CREATE TRIGGER events_first_update AFTER UPDATE OF id, starts_at, deleted ON events "
        "WHEN old.id IS NOT new.id OR old.starts_at IS NOT new.starts_at "
        "OR old.deleted IS NOT new.deleted BEGIN "
        f"{recount.format(ids=attendees.format(event='old.id') + ' UNION ' + attendees.format(event='new.id'))} END"
    )
    db.execute(
        "CREATE TRIGGER events_first_delete AFTER DELETE ON events BEGIN "
        f"{recount.format(ids=attendees.format(event='old.id'))} END"
    )
    db.execute(
        "CREATE INDEX residents_digital ON residents"
        "(deleted, district, birth_date, smartphone, created_at)"
    )


@migrations()
def m040_ninaite(db: Database) -> None:
    """担い手活動 for ふるさと住民登録: partner organisations, who designated an event, one
    check-in per person per day of an event, people from elsewhere (home municipality, a minor's
    guardian and consent) and the external codes they bring.

    Existing rows are migrated in place: an event already marked 担い手活動 was designated by the
    city (the only designation there was); every check-in gets the event day it counts for: its
    local date as recorded, kept within the event's days (Event.day_for), so every check-in at a
    one-day event is on its day. Attendance ids stay as they are: a check-in on an event's first
    day has the id `derived_id(event, resident)` it always had (see events.attendance_id), so no
    row that a desk or the server already holds is renamed and sync keeps merging it."""
    db.execute(
        """CREATE TABLE organisations (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL DEFAULT '',
            kind TEXT NOT NULL DEFAULT 'other',
            contact TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL DEFAULT '',
            deleted INTEGER NOT NULL DEFAULT 0
        )"""
    )
    db.execute("ALTER TABLE events ADD COLUMN designated_by TEXT NOT NULL DEFAULT ''")
    db.execute("UPDATE events SET designated_by = 'city' WHERE ninaite_activity = 1")
    db.execute("ALTER TABLE attendance ADD COLUMN day TEXT NOT NULL DEFAULT ''")
    db.execute(f"UPDATE attendance SET day = {EVENT_DAY.format(row='attendance')}")
    # A check-in pulled from a desk that sent no day (written before this migration) gets its
    # day the same way.
    for timing in ("INSERT", "UPDATE OF checked_in_at, day, event_id"):
        name = "insert" if timing == "INSERT" else "update"
        db.execute(
            f"CREATE TRIGGER attendance_day_{name} AFTER {timing} ON attendance "
            "WHEN new.day = '' AND new.checked_in_at != '' BEGIN "
            f"UPDATE attendance SET day = {EVENT_DAY.format(row='new')} "
            "WHERE rowid = new.rowid; END"
        )
    db.execute("CREATE INDEX attendance_person_day ON attendance(resident_id, day, event_id)")
    db.execute("ALTER TABLE residents ADD COLUMN home_municipality TEXT NOT NULL DEFAULT ''")
    db.execute("ALTER TABLE residents ADD COLUMN is_minor INTEGER NOT NULL DEFAULT 0")
    db.execute("ALTER TABLE residents ADD COLUMN guardian_name TEXT NOT NULL DEFAULT ''")
    db.execute("ALTER TABLE residents ADD COLUMN guardian_consent_on TEXT")
    db.execute(
        """CREATE TABLE external_codes (
            id TEXT PRIMARY KEY,
            code TEXT NOT NULL DEFAULT '',
            resident_id TEXT,
            linked_at TEXT NOT NULL DEFAULT '',
            deleted INTEGER NOT NULL DEFAULT 0
        )"""
    )
    db.execute("CREATE INDEX external_codes_code ON external_codes(code, deleted)")
    db.execute("CREATE INDEX external_codes_resident ON external_codes(resident_id)")


@migrations()
def m060_search_keys_and_grams(db: Database) -> None:
    """Search keys made again under the new folding rules (maintained variant-kanji data,
    variation selectors, ヶ/ヵ, ゛゜, 々, long vowels and small kana in readings), with the keys
    the ranked search reads in order: (key, sort_key) indexes, the whole name, the second phone,
    and `resident_grams`, the index of one- and two-character pieces (no scan for short
    queries). Residents' stored names are not touched. (Its index is filled by m080, which
    made it again in a smaller shape.)"""
    db.execute("ALTER TABLE resident_index ADD COLUMN name_key TEXT NOT NULL DEFAULT ''")
    db.execute("ALTER TABLE resident_index ADD COLUMN phone2_reversed TEXT NOT NULL DEFAULT ''")
    db.execute("DROP INDEX IF EXISTS resident_index_scan")
    for column in ("family_name_key", "given_name_key", "family_reading_key", "given_reading_key"):
        db.execute(f"DROP INDEX IF EXISTS resident_index_{column}")
        db.execute(f"CREATE INDEX resident_index_{column} ON resident_index({column}, sort_key)")
    db.execute("CREATE INDEX resident_index_name_key ON resident_index(name_key, sort_key)")
    db.execute("CREATE INDEX resident_index_phone2_reversed ON resident_index(phone2_reversed)")
    db.execute(
        """CREATE TABLE resident_grams (
            gram TEXT NOT NULL,
            rank INTEGER NOT NULL,
            sort_key TEXT NOT NULL,
            index_rowid INTEGER NOT NULL,
            PRIMARY KEY (gram, rank, sort_key, index_rowid)
        ) WITHOUT ROWID"""
    )


@migrations()
def m061_second_phone(db: Database) -> None:
    """Residents gain a second phone number (携帯 beside 自宅電話), a synced field; its digits
    are searched like the first number's (resident_index.phone2_reversed, made by m060)."""
    db.execute("ALTER TABLE residents ADD COLUMN phone2 TEXT NOT NULL DEFAULT ''")


# -- sync protocol 2 (m010–m012): stamps per row, a compact outbox, rejections and quarantine --


def synced_tables_present(db: Database) -> list[str]:
    """The declared synced tables that this database has (made by earlier migrations)."""
    from kyojo_desk.store.schema import SYNCED_TABLES

    present = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    return [name for name in SYNCED_TABLES if name in present]


STAMP_COLUMNS = (
    ("sync_stamp", "INTEGER NOT NULL DEFAULT 0"),
    ("sync_origin", "INTEGER NOT NULL DEFAULT 0"),
    ("sync_stamps", "TEXT"),
)


def ensure_stamp_columns(db: Database) -> None:
    """Every synced table has the stamp columns of protocol 2 (run after the migrations, so a
    synced table created by a later migration without them gets them too)."""
    for table in synced_tables_present(db):
        have = {row[1] for row in db.execute(f"PRAGMA table_info([{table}])").fetchall()}
        for name, declaration in STAMP_COLUMNS:
            if name not in have:
                db.execute(f"ALTER TABLE [{table}] ADD COLUMN {name} {declaration}")


def v1_stamp_to_int(text: str) -> tuple[int, str]:
    """A stamp of protocol 1 as (integer stamp, desk id), converted as the server's migration
    converts it (kyojo_desk.sync.hlc.from_v1_stamp), so both hold the same stamps. A stamp
    that cannot be read counts as none (0): any value pulled later wins over it."""
    from kyojo_desk.sync.hlc import from_v1_stamp

    try:
        return from_v1_stamp(text)
    except ValueError:
        return 0, ""


@migrations()
def m010_sync_row_stamps(db: Database) -> None:
    """Field stamps per row instead of one `field_clocks` row per field.

    Each synced row gets `sync_stamp` + `sync_origin` (the stamp most of its fields carry and
    the desk that made it: 0 is this desk, other desks are numbered in `sync_origins`) and
    `sync_stamps`, JSON {field: [stamp, origin]} for the fields whose stamp differs, NULL for
    most rows. The clocks of protocol 1 are carried over, then `field_clocks` is dropped.
    """
    import json
    from collections import Counter

    db.execute(
        "CREATE TABLE sync_origins (number INTEGER PRIMARY KEY, desk_id TEXT NOT NULL UNIQUE)"
    )
    ensure_stamp_columns(db)
    tables = set(synced_tables_present(db))
    row = db.execute("SELECT value FROM meta WHERE key = 'desk_id'").fetchone()
    own_desk = row[0] if row else None
    origins: dict[str, int] = {}

    def origin_number(desk_id: str) -> int:
        if desk_id == own_desk:
            return 0
        if desk_id not in origins:
            origins[desk_id] = len(origins) + 1
        return origins[desk_id]

    def flush(table: str, batch: list[tuple]) -> None:
        db.conn.executemany(
            f"UPDATE [{table}] SET sync_stamp = ?, sync_origin = ?, sync_stamps = ? WHERE id = ?",
            batch,
        )
        batch.clear()

    current: tuple[str, str] | None = None
    clocks: dict[str, tuple[int, int]] = {}
    batches: dict[str, list[tuple]] = {}

    def finish_row() -> None:
        if current is None or not clocks:
            return
        table, row_id = current
        base = Counter(clocks.values()).most_common(1)[0][0]
        exceptions = {f: list(s) for f, s in clocks.items() if s != base}
        batch = batches.setdefault(table, [])
        batch.append((base[0], base[1], json.dumps(exceptions) if exceptions else None, row_id))
        if len(batch) >= 5000:
            flush(table, batch)

    cursor = db.conn.execute(
        "SELECT table_name, row_id, field, hlc FROM field_clocks ORDER BY table_name, row_id"
    )
    for table, row_id, field, hlc in cursor:
        if table not in tables:
            continue
        if (table, row_id) != current:
            finish_row()
            current, clocks = (table, row_id), {}
        stamp, desk_id = v1_stamp_to_int(hlc)
        clocks[field] = (stamp, origin_number(desk_id))
    finish_row()
    for table, batch in batches.items():
        if batch:
            flush(table, batch)
    db.conn.executemany(
        "INSERT INTO sync_origins (number, desk_id) VALUES (?, ?)",
        [(number, desk_id) for desk_id, number in origins.items()],
    )
    db.execute("DROP TABLE field_clocks")


@migrations()
def m011_sync_compact_outbox(db: Database) -> None:
    """The outbox of protocol 2: one stamp per entry, values read from the row when sent.

    An entry names its fields (NULL: every field, for a row's creation); `kept` holds values
    that the row no longer has (a field written again before the entry was acknowledged, and
    every value of an entry carried over from protocol 1), `stamps` the fields whose stamp is
    not the entry's (a re-send from the rows' state). Acknowledged entries are removed, except
    rejected ones (shown until corrected or discarded) and erasure requests (sent again to a
    server restored from a backup). The desk's clock becomes one integer (`hlc_last`).
    """
    import json

    def meta(key: str) -> str | None:
        row = db.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
        return row[0] if row else None

    acked = int(meta("acked_seq") or 0)
    db.execute(
        """CREATE TABLE outbox_v2 (
            seq INTEGER PRIMARY KEY,
            table_name TEXT NOT NULL,
            row_id TEXT NOT NULL,
            stamp INTEGER NOT NULL,
            fields TEXT,
            created INTEGER NOT NULL DEFAULT 0,
            kept TEXT,
            stamps TEXT
        )"""
    )
    rejected = {r[0] for r in db.execute("SELECT seq FROM sync_rejections").fetchall()}
    last_stamp = 0
    acked_stamp = 0
    rows = []
    for seq, table, row_id, fields_text, created in db.execute(
        "SELECT seq, table_name, row_id, fields, created FROM outbox ORDER BY seq"
    ).fetchall():
        fields = json.loads(fields_text)
        stamps = {name: v1_stamp_to_int(pair[1])[0] for name, pair in fields.items()}
        # Entries of protocol 1 had one stamp for all their fields; stamps must rise with seq
        # (the clamped counter could make two equal).
        stamp = max([*stamps.values(), last_stamp + 1])
        last_stamp = stamp
        if seq <= acked:
            acked_stamp = stamp
            if seq not in rejected and table != "_erasures":
                continue
        kept = {name: pair[0] for name, pair in fields.items()}
        own = {name: s for name, s in stamps.items() if s != stamp}
        rows.append(
            (
                seq,
                table,
                row_id,
                stamp,
                # Carried over: exactly the fields protocol 1 logged, creations too.
                json.dumps(sorted(fields)),
                int(created),
                json.dumps(kept, ensure_ascii=False) if kept else None,
                json.dumps(own) if own else None,
            )
        )
    db.conn.executemany("INSERT INTO outbox_v2 VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
    db.execute("DROP TABLE outbox")
    db.execute("ALTER TABLE outbox_v2 RENAME TO outbox")
    wall = int(meta("hlc_wall_ms") or 0)
    counter = int(meta("hlc_counter") or 0)
    clock = max((wall << 16) + counter, last_stamp)
    db.execute("DELETE FROM meta WHERE key IN ('hlc_wall_ms', 'hlc_counter')")
    db.conn.executemany(
        "INSERT INTO meta (key, value) VALUES (?, ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [("hlc_last", str(clock)), ("acked_stamp", str(acked_stamp))],
    )


@migrations()
def m012_sync_rejections_and_quarantine(db: Database) -> None:
    """Refused changes name their field; pulled rows that cannot apply are kept aside.

    `sync_quarantine` holds pulled entries this desk could not apply (a value its declaration
    refuses, an unknown table): kept whole, shown on the conflicts page until a coordinator
    discards them or a newer desk applies them."""
    db.execute("ALTER TABLE sync_rejections ADD COLUMN field TEXT NOT NULL DEFAULT ''")
    db.execute(
        """CREATE TABLE sync_quarantine (
            id INTEGER PRIMARY KEY,
            server_seq INTEGER NOT NULL UNIQUE,
            table_name TEXT NOT NULL,
            row_id TEXT NOT NULL,
            field TEXT NOT NULL,
            reason TEXT NOT NULL,
            entry TEXT NOT NULL,
            recorded_at TEXT NOT NULL
        )"""
    )


@migrations()
def m100_kpi_district_index(db: Database) -> None:
    """The residents of a district by id: the dashboard's district figures find a district's
    people (about a ninth of the town) in this index instead of reading every resident's row,
    once for each figure (some 40 ms each for 60 000 residents)."""
    db.execute("CREATE INDEX residents_district ON residents(district, id)")


@migrations()
def m080_compact_search_index(db: Database) -> None:
    """The search index made again about a third of its size (it was two thirds of a desk).

    `resident_index` is keyed by its 五十音 position, so every index on a key column lists
    equal keys in 五十音 order without holding a sort key; the whole name and whole reading
    are expression indexes instead of columns; phone indexes leave out empty numbers. The
    one- and two-character pieces (m060's `resident_grams`, a row per piece with the sort key)
    and the trigram text become contentless full-text tables that return rows in position
    order. Search answers as before; see kyojo_desk/store/search.py."""
    from kyojo_desk.store.search import rebuild

    for name in ("resident_index_ai", "resident_index_ad", "resident_index_au"):
        db.execute(f"DROP TRIGGER IF EXISTS {name}")
    for name in ("resident_fts", "resident_grams", "resident_index"):
        db.execute(f"DROP TABLE IF EXISTS {name}")
    db.execute(
        """CREATE TABLE resident_index (
            position INTEGER PRIMARY KEY,
            resident_id TEXT NOT NULL UNIQUE,
            family_name_key TEXT NOT NULL,
            given_name_key TEXT NOT NULL,
            family_reading_key TEXT NOT NULL,
            given_reading_key TEXT NOT NULL,
            phone_reversed TEXT NOT NULL,
            phone2_reversed TEXT NOT NULL
        )"""
    )
    for column in ("family_name_key", "given_name_key", "family_reading_key", "given_reading_key"):
        db.execute(f"CREATE INDEX resident_index_{column} ON resident_index({column})")
    db.execute(
        "CREATE INDEX resident_index_name ON resident_index(family_name_key || given_name_key)"
    )
    db.execute(
        "CREATE INDEX resident_index_reading ON resident_index"
        "(family_reading_key || given_reading_key)"
    )
    for column in ("phone_reversed", "phone2_reversed"):
        db.execute(
            f"CREATE INDEX resident_index_{column} ON resident_index({column}) WHERE {column} != ''"
        )
    db.execute(
        "CREATE VIRTUAL TABLE resident_text USING fts5(full_text, content='', columnsize=0,"
        " tokenize='trigram')"
    )
    db.execute(
        "CREATE VIRTUAL TABLE resident_grams USING fts5(grams, content='', columnsize=0,"
        " detail='none', tokenize='ascii')"
    )
    rebuild(db)


@migrations()
def m101_kpi_designated_check_ins(db: Database) -> None:
    """The dashboard's attendance index (m008) gains the check-in's day after the event, so the
    check-ins of a period's 担い手活動 (counted by day, m040) are a range of the index for each
    designated event, read with their resident numbers, instead of every check-in's row: 0.5 s
    or more for a year with 50 000 designated check-ins, more with each year of history.
    Replaces the index rather than adding one, so a check-in or a pulled page writes no more
    index entries than before; the dashboard's pass over a period's check-ins reads the same
    columns from it."""
    db.execute("DROP INDEX attendance_kpi")
    db.execute(
        "CREATE INDEX attendance_kpi ON attendance"
        "(event_id, deleted, day, resident_number, resident_born, age_band)"
    )


@migrations()
def m102_kpi_no_residents_active_index(db: Database) -> None:
    """m101 as first released also indexed residents by (deleted, id): on a desk without
    statistics SQLite then chose it for every count of residents "not deleted and …" and read
    them all (new residents of a 年度: 0.2 s instead of 5 ms). Dropped where it was made."""
    db.execute("DROP INDEX IF EXISTS residents_active")


@migrations()
def m103_kpi_skill_owner_indexes(db: Database) -> None:
    """The digital-divide table's skills counted from two covering indexes: the skills by
    resident with what is counted (replacing the index of resident_id alone, whose lookups it
    still answers, so a skill writes no more index entries), and each resident by id with what
    the table groups by. The skills are then read in resident order and each person's district
    and birth date found in one index search, instead of a table row for every skill and an
    index and a table search for its owner: 55 ms for 30 000 skills of 60 000 people, 24 ms."""
    db.execute("DROP INDEX IF EXISTS resident_skills_resident")
    db.execute(
        "CREATE INDEX resident_skills_owner ON resident_skills"
        "(resident_id, deleted, independent_since, skill)"
    )
    db.execute(
        "CREATE INDEX residents_skill_owner ON residents"
        "(id, deleted, created_at, district, birth_date)"
    )


# A resident number's person as the dashboard needs them (m110): their birth date as YYYYMMDD
# (NULL when unknown or when no row of theirs is on this desk, as attendance.resident_born), and
# whether they are removed (no row on this desk, or a row deleted or merged away).
NUMBER_PERSON = (
    f"born = (SELECT {YMD.format('r.birth_date')} FROM residents r "
    "WHERE r.id = resident_numbers.resident_id), "
    "removed = NOT EXISTS (SELECT 1 FROM residents r "
    "WHERE r.id = resident_numbers.resident_id AND r.deleted = 0)"
)


@migrations()
def m110_kpi_resident_number_person(db: Database) -> None:
    """Each resident number (m008) keeps its person's birth date and whether they are removed
    (`NUMBER_PERSON`), kept by triggers, and the 関係人口 have an index of their own.

    The dashboard then bands a period's check-ins by age from one compact read of the numbers
    (about 60 000) instead of a birth date read from the index for each of 500 000 check-ins,
    finds the few removed people in a partial index instead of looking up every number's
    person (18 ms, and some 10 MB of pages that pushed the year's other pages out of the
    cache), and finds the 関係人口 without reading every resident's row.

    The new resident's part goes into residents_kpi_born_insert (so a roster import, which
    takes that trigger out for its own statement, does it once for all its rows:
    kyojo_desk/store/residents.py); a changed birth date, removal or id and a removed row
    have their own triggers; a number given to someone (by a check-in or a help session)
    finds its person when it is made."""
    db.execute("ALTER TABLE resident_numbers ADD COLUMN born INTEGER")
    db.execute("ALTER TABLE resident_numbers ADD COLUMN removed INTEGER NOT NULL DEFAULT 1")
    db.execute(f"UPDATE resident_numbers SET {NUMBER_PERSON}")
    db.execute(
        "CREATE INDEX resident_numbers_removed ON resident_numbers(number) WHERE removed != 0"
    )
    db.execute(
        "CREATE TRIGGER resident_numbers_kpi_person AFTER INSERT ON resident_numbers BEGIN "
        f"UPDATE resident_numbers SET {NUMBER_PERSON} WHERE number = new.number; END"
    )
    born_again = (
        f"UPDATE attendance SET resident_born = (SELECT {YMD.format('r.birth_date')} "
        "FROM residents r WHERE r.id = attendance.resident_id) WHERE resident_id IN ({ids});"
    )
    number_again = f"UPDATE resident_numbers SET {NUMBER_PERSON} WHERE resident_id IN ({{ids}});"
    db.execute("DROP TRIGGER IF EXISTS residents_kpi_born_insert")
    db.execute(
        "CREATE TRIGGER residents_kpi_born_insert AFTER INSERT ON residents BEGIN "
        f"{born_again.format(ids='new.id')} {number_again.format(ids='new.id')} END"
    )
    db.execute(
        "CREATE TRIGGER residents_kpi_number_update AFTER UPDATE OF id, birth_date, deleted "
        "ON residents WHEN old.id IS NOT new.id OR old.birth_date IS NOT new.birth_date "
        "OR old.deleted IS NOT new.deleted BEGIN "
        f"{number_again.format(ids='old.id, new.id')} END"
    )
    db.execute(
        "CREATE TRIGGER residents_kpi_number_delete AFTER DELETE ON residents BEGIN "
        f"{number_again.format(ids='old.id')} END"
    )
    db.execute(
        "CREATE INDEX residents_related ON residents(kind, deleted, district, id) "
        "WHERE kind = 'related'"
    )


@migrations()
def m111_kpi_aid_requests_made(db: Database) -> None:
    """The 共助 requests made in a period (the match rate) as a range of a covering index by
    day made, with what the rate counts and the requester for a district: the count read every
    request of every year (5 000 a year: 2.3 ms with three earlier 年度, more with each)."""
    db.execute(
        "CREATE INDEX aid_requests_made ON aid_requests"
        "(created_at, deleted, resident_id, matched_volunteer_id, matched_resident_id)"
    )


@migrations()
def m112_kpi_event_numbers(db: Database) -> None:
    """A small integer for every event that check-ins name (`event_numbers`, local, never
    synced: like resident_numbers, an INTEGER PRIMARY KEY that VACUUM keeps and a row never
    removed), each check-in's in `attendance.event_number`, kept by triggers, and the dashboard's
    pass over a period's check-ins in an index keyed by it.

    The index of m101 starts with the 36-character event id: a year of 500 000 check-ins
    filled 37 MB of it, the largest part of what the year's dashboard reads. Keyed by the
    number, the same check-ins take a third of that, so the year's pages stay in the page cache
    between refreshes and each is quicker to read (m101's index stays for what reads it by
    event id). Numbers are given in the order of the events' days here, and then as check-ins
    come, so one period's check-ins lie together.

    A new check-in's number is set by the trigger that sets its resident number (one update of
    the row, not two); a check-in moved to another event gets the other event's number."""
    db.execute(
        "CREATE TABLE event_numbers (number INTEGER PRIMARY KEY, event_id TEXT NOT NULL UNIQUE)"
    )
    db.execute("ALTER TABLE attendance ADD COLUMN event_number INTEGER")
    db.execute(
        "INSERT INTO event_numbers(event_id) SELECT named.event_id "
        "FROM (SELECT DISTINCT event_id FROM attendance) named "
        "LEFT JOIN events e ON e.id = named.event_id ORDER BY e.starts_at, named.event_id"
    )
    db.execute(
        "UPDATE attendance SET event_number = (SELECT number FROM event_numbers n "
        "WHERE n.event_id = attendance.event_id)"
    )
    event_number = (
        "INSERT OR IGNORE INTO event_numbers(event_id) VALUES (new.event_id); "
        "UPDATE attendance SET event_number = (SELECT number FROM event_numbers "
        "WHERE event_id = new.event_id) WHERE rowid = new.rowid;"
    )
    db.execute("DROP TRIGGER attendance_kpi_keys_insert")
    db.execute(
        "CREATE TRIGGER attendance_kpi_keys_insert AFTER INSERT ON attendance BEGIN "
        "INSERT OR IGNORE INTO resident_numbers(resident_id) "
        "SELECT new.resident_id WHERE new.resident_id IS NOT NULL; "
        "INSERT OR IGNORE INTO event_numbers(event_id) VALUES (new.event_id); "
        "UPDATE attendance SET resident_number = (SELECT number FROM resident_numbers "
        "WHERE resident_id = new.resident_id), "
        f"resident_born = (SELECT {YMD.format('birth_date')} FROM residents "
        "WHERE id = new.resident_id), "
        "event_number = (SELECT number FROM event_numbers WHERE event_id = new.event_id) "
        "WHERE rowid = new.rowid; END"
    )
    db.execute(
        "CREATE TRIGGER attendance_kpi_event_update AFTER UPDATE OF event_id ON attendance "
        f"BEGIN {event_number} END"
    )
    db.execute(
        "CREATE INDEX attendance_event_kpi ON attendance"
        "(event_number, deleted, day, resident_number, age_band)"
    )
