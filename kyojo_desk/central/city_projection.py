"""The city-wide view's projection: the facts the KPIs count, as typed columns, one table per
record kind (`kpi_residents`, `kpi_events`, `kpi_attendance`, …), kept beside `records`.

The records hold their fields as JSON, which the view cannot count quickly; the push path must
not do any extra work either. So the projection follows the records behind them: every city has
a watermark (the last server seq projected), and a refresh reads only the records whose seq is
above it, decodes their JSON in SQL (json_extract on SQLite, ->> on PostgreSQL) and replaces
their projected rows, set-based. It runs in the server's background round (beside compaction)
and as a catch-up before every answer of the view, so the view is always current.

What the projection copies from the person into the rows about them (their district and birth
date into check-ins and help sessions, an event's day into its check-ins) is copied again when
the person or the event changes. Erasure and unsharing rewrite records without a new seq: the
entry they log in `city_log` makes the refresh project every row about the person again.
Deleted records have no projected row (a deleted person keeps one, marked deleted: as on the
desk, their check-ins still count with their age and district).

A refresh of one city is serialised (SQLite: its one writer; PostgreSQL: an advisory lock of the
projection, not the city's push lock) and works in batches of seqs, each one transaction, so a
long catch-up never holds the database for long.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass

from kyojo_desk.central.db import Database, Tx
from kyojo_desk.store.kpi import AGE_BANDS
from kyojo_desk.sync import protocol

log = logging.getLogger(__name__)

# Seqs projected per transaction (a catch-up of more runs in several): on SQLite a batch holds
# the one writer, so it stays a few seconds at most and pushes wait little.
BATCH_SEQS = 5_000
# The SQLite page cache of a refresh, in KiB.
CACHE_KIB = 64 * 1024
# The kinds of kpi_touched that are not record tables: people whose first check-in is counted
# again.
PEOPLE = "@people"
TEXT, INTEGER = "TEXT", "BIGINT"


def band_sql(born: str, on: str) -> str:
    """The age band (kyojo_desk/store/kpi.py AGE_BANDS) of a person born `born` (YYYYMMDD) on
    the day `on` (YYYYMMDD): NULL without a birth date; not yet born counts in the first."""
    cases = " ".join(
        f"WHEN {on} - {born} >= {low * 10000} THEN '{name}'"
        for name, low, _ in reversed(AGE_BANDS[1:])
    )
    return f"(CASE WHEN {born} IS NULL THEN NULL {cases} ELSE '{AGE_BANDS[0][0]}' END)"


@dataclass(frozen=True)
class Projected:
    """One record kind's projection: its table, and each column with the SQL that takes it
    from a record's fields (`{text:name}`, `{flag:name}`, … are filled in per backend)."""

    source: str
    table: str
    columns: tuple[tuple[str, str, str], ...]  # (column, SQL type, expression)
    # Columns copied from other projected rows (filled by `join`), with their types.
    copied: tuple[tuple[str, str, str], ...] = ()
    join: str = ""
    # Deleted records keep a row (with a `deleted` column) instead of none.
    keeps_deleted: bool = False


RESIDENTS = Projected(
    "residents",
    "kpi_residents",
    (
        ("district", TEXT, "{text:district}"),
        ("born", INTEGER, "{born:birth_date}"),
        ("smartphone", TEXT, "{text:smartphone}"),
        ("created_at", TEXT, "{text:created_at}"),
        ("kind", TEXT, "{text:kind}"),
        ("deleted", INTEGER, "{flag:deleted}"),
    ),
    # As on the desk, a deleted person's check-ins and help keep their age and district.
    keeps_deleted=True,
)
EVENTS = Projected(
    "events",
    "kpi_events",
    (
        ("starts_at", TEXT, "{text:starts_at}"),
        ("start_ymd", INTEGER, "{ymd:starts_at}"),
        ("kind", TEXT, "{text:kind}"),
        ("led_by", TEXT, "{text:led_by}"),
        ("title", TEXT, "{text:title}"),
        ("ninaite", INTEGER, "{flag:ninaite_activity}"),
        ("designated_by", TEXT, "coalesce(nullif({text:designated_by}, ''), 'city')"),
    ),
)
VOLUNTEERS = Projected("volunteers", "kpi_volunteers", (("trainings", TEXT, "{value:trainings}"),))
AID_REQUESTS = Projected(
    "aid_requests",
    "kpi_aid_requests",
    (
        ("resident_id", TEXT, "{person:resident_id}"),
        ("status", TEXT, "{text:status}"),
        ("created_at", TEXT, "{text:created_at}"),
        ("closed_at", TEXT, "{text:closed_at}"),
        (
            "matched",
            INTEGER,
            "CASE WHEN {text:matched_volunteer_id} <> '' OR {text:matched_resident_id} <> ''"
            " THEN 1 ELSE 0 END",
        ),
    ),
)
APP_AID_COUNTS = Projected(
    "app_aid_counts",
    "kpi_app_aid_counts",
    (
        ("month", TEXT, "{text:month}"),
        ("count", INTEGER, "CAST(coalesce({value:count}, '0') AS BIGINT)"),
    ),
)
RESIDENT_SKILLS = Projected(
    "resident_skills",
    "kpi_resident_skills",
    (
        ("resident_id", TEXT, "{person:resident_id}"),
        ("skill", TEXT, "{text:skill}"),
        ("since", TEXT, "{text:independent_since}"),
    ),
)
# Check-ins carry their event's first day (NULL: no such event) and their person's birth date
# and district (NULL: no such person), so a year of them is counted from one index.
ATTENDANCE = Projected(
    "attendance",
    "kpi_attendance",
    (
        ("event_id", TEXT, "{text:event_id}"),
        ("resident_id", TEXT, "{person:resident_id}"),
        ("age_band", TEXT, "{text:age_band}"),
        ("day", TEXT, "substr({text:day}, 1, 10)"),
    ),
    copied=(
        ("event_ymd", INTEGER, "e.start_ymd"),
        ("born", INTEGER, "p.born"),
        ("district", TEXT, "p.district"),
        # The age band counted: a person's on the event's first day (none without a birth
        # date), a head count's as given.
        (
            "band",
            TEXT,
            "CASE WHEN s.resident_id IS NULL THEN nullif(s.age_band, '')"
            " WHEN e.start_ymd IS NULL THEN NULL"
            " ELSE " + band_sql("p.born", "e.start_ymd") + " END",
        ),
    ),
    join=(
        " LEFT JOIN kpi_events e ON e.city = s.city AND e.row_id = s.event_id"
        " LEFT JOIN kpi_residents p ON p.city = s.city AND p.row_id = s.resident_id"
    ),
)
HELP_SESSIONS = Projected(
    "help_sessions",
    "kpi_help_sessions",
    (
        ("resident_id", TEXT, "{person:resident_id}"),
        ("at", TEXT, "{text:at}"),
        ("at_ymd", INTEGER, "{ymd:at}"),
        ("topics", TEXT, "coalesce({value:topics}, '')"),
        ("outcome", TEXT, "{text:outcome}"),
        (
            "follow_up_open",
            INTEGER,
            "CASE WHEN {text:follow_up_due} <> '' AND {text:follow_up_done_at} = '' THEN 1"
            " ELSE 0 END",
        ),
    ),
    copied=(("district", TEXT, "p.district"),),
    join=" LEFT JOIN kpi_residents p ON p.city = s.city AND p.row_id = s.resident_id",
)
# In this order: what other rows copy from is projected first.
PROJECTED = (
    RESIDENTS,
    EVENTS,
    VOLUNTEERS,
    AID_REQUESTS,
    APP_AID_COUNTS,
    RESIDENT_SKILLS,
    ATTENDANCE,
    HELP_SESSIONS,
)
ABOUT_PEOPLE = tuple(p for p in PROJECTED if any(c[0] == "resident_id" for c in p.columns))


def fiscal_year_sql(ymd: str) -> str:
    """The 年度 of a YYYYMMDD (April to March); integer division on both backends (no `%`,
    which the PostgreSQL driver reads as a placeholder)."""
    return f"({ymd} / 10000 - CASE WHEN {ymd} - {ymd} / 10000 * 10000 < 401 THEN 1 ELSE 0 END)"


@dataclass(frozen=True)
class YearTotals:
    """Sums of a projected table per 年度 and key, kept up with every row the projection
    writes or removes (added and taken away in the same statements), so the view of a 年度
    reads one row per person or per kind instead of every check-in or help session."""

    table: str
    source: Projected
    fiscal_year: str  # the row's 年度, in SQL over the source row `x`
    where: str  # which source rows count (besides the city)
    keys: tuple[tuple[str, str, str], ...]  # (column, SQL type, expression)
    sums: tuple[tuple[str, str], ...]  # (column, expression summed)
    carried: tuple[tuple[str, str, str], ...] = ()  # (column, type, expression): the latest


BAND_SUMS = tuple(
    (f"band_{low}", f"CASE WHEN x.band = '{name}' THEN 1 ELSE 0 END") for name, low, _ in AGE_BANDS
)
YEAR_TOTALS = (
    # Check-ins per person (head counts under ''), with their district and age bands.
    YearTotals(
        "kpi_attendance_years",
        ATTENDANCE,
        fiscal_year_sql("x.event_ymd"),
        "x.event_ymd > 0",
        (("resident_id", TEXT, "coalesce(x.resident_id, '')"),),
        (("check_ins", "1"), *BAND_SUMS),
        (("district", TEXT, "x.district"),),
    ),
    YearTotals(
        "kpi_attendance_desk_years",
        ATTENDANCE,
        fiscal_year_sql("x.event_ymd"),
        "x.event_ymd > 0",
        (("desk_id", TEXT, "x.desk_id"),),
        (("check_ins", "1"),),
    ),
    YearTotals(
        "kpi_help_years",
        HELP_SESSIONS,
        fiscal_year_sql("x.at_ymd"),
        "x.at_ymd > 0",
        (
            ("outcome", TEXT, "x.outcome"),
            ("topics", TEXT, "x.topics"),
            ("desk_id", TEXT, "x.desk_id"),
        ),
        (("sessions", "1"),),
    ),
    YearTotals(
        "kpi_help_person_years",
        HELP_SESSIONS,
        fiscal_year_sql("x.at_ymd"),
        "x.at_ymd > 0 AND x.resident_id IS NOT NULL",
        (("resident_id", TEXT, "x.resident_id"),),
        (("sessions", "1"),),
        (("district", TEXT, "x.district"),),
    ),
)


# Every table of the projection (compaction rewrites them after an erasure).
PROJECTION_TABLES = (
    *(p.table for p in PROJECTED),
    *(t.table for t in YEAR_TOTALS),
    "kpi_first_check_ins",
    "kpi_touched",
)


def schema_statements() -> list[str]:
    """CREATE statements of the projection (migration c010)."""
    statements = [
        "CREATE TABLE kpi_watermarks (city TEXT PRIMARY KEY, seq BIGINT NOT NULL)",
        # The rows one refresh re-projects (record tables) and the people whose first check-in
        # it counts again; empty between refreshes.
        "CREATE TABLE kpi_touched (city TEXT NOT NULL, kind TEXT NOT NULL, id TEXT NOT NULL,"
        " PRIMARY KEY (city, kind, id))",
        # Each person's first event ever (YYYYMMDD of its start), for first-time participants.
        "CREATE TABLE kpi_first_check_ins (city TEXT NOT NULL, resident_id TEXT NOT NULL,"
        " first_ymd BIGINT NOT NULL, PRIMARY KEY (city, resident_id))",
        "CREATE INDEX kpi_first_check_ins_day ON kpi_first_check_ins (city, first_ymd)",
    ]
    for projected in PROJECTED:
        columns = ", ".join(
            f"{name} {kind}" for name, kind, _ in (*projected.columns, *projected.copied)
        )
        statements.append(
            f"CREATE TABLE {projected.table} (city TEXT NOT NULL, row_id TEXT NOT NULL,"
            f" desk_id TEXT NOT NULL, {columns}, PRIMARY KEY (city, row_id))"
        )
    for totals in YEAR_TOTALS:
        keys = [name for name, _, _ in totals.keys]
        columns = ", ".join(
            [f"{name} {kind}" for name, kind, _ in (*totals.keys, *totals.carried)]
            + [f"{name} BIGINT NOT NULL" for name, _ in totals.sums]
        )
        statements.append(
            f"CREATE TABLE {totals.table} (city TEXT NOT NULL, fiscal_year BIGINT NOT NULL,"
            f" {columns}, PRIMARY KEY (city, fiscal_year, {', '.join(keys)}))"
        )
    return statements


def index_statements() -> list[str]:
    """The projection's indexes: each lets one count of the view read its rows in the order it
    groups them (SQLite sorts every GROUP BY otherwise), or finds the rows about a person or an
    event that changed."""
    return [
        # Check-ins per person (different people per district, age bands) and the rows about
        # a person.
        "CREATE INDEX kpi_attendance_person ON kpi_attendance"
        " (city, resident_id, district, band, event_ymd)",
        # Check-ins per event (per desk, 担い手活動) and the rows about an event.
        "CREATE INDEX kpi_attendance_event ON kpi_attendance (city, event_id, desk_id)",
        "CREATE INDEX kpi_help_sessions_person ON kpi_help_sessions"
        " (city, resident_id, district, at)",
        "CREATE INDEX kpi_help_sessions_kind ON kpi_help_sessions"
        " (city, outcome, topics, desk_id, at)",
        "CREATE INDEX kpi_help_sessions_open ON kpi_help_sessions (city, at)"
        " WHERE follow_up_open = 1",
        "CREATE INDEX kpi_aid_requests_person ON kpi_aid_requests (city, resident_id)",
        "CREATE INDEX kpi_resident_skills_person ON kpi_resident_skills (city, resident_id)",
        *emptied_total_indexes(),
    ]


def emptied_total_indexes() -> list[str]:
    """Year totals that came down to nothing, found without reading the others (a catch-up
    removes them; they are few)."""
    return [
        f"CREATE INDEX IF NOT EXISTS {totals.table}_emptied ON {totals.table} (city)"
        f" WHERE {totals.sums[0][0]} = 0"
        for totals in YEAR_TOTALS
    ]


class Dialect:
    """The SQL that reads one field of a record's JSON (`j`), per backend."""

    def __init__(self, backend: str) -> None:
        self.postgres = backend == "postgresql"

    def value(self, name: str) -> str:
        """The field as text (arrays as JSON text), NULL when absent or null."""
        return f"(j ->> '{name}')" if self.postgres else f"json_extract(j, '$.{name}')"

    def text(self, name: str) -> str:
        return f"coalesce(CAST({self.value(name)} AS TEXT), '')"

    def person(self, name: str) -> str:
        return f"nullif({self.text(name)}, '')"

    def flag(self, name: str) -> str:
        return f"CASE WHEN CAST({self.value(name)} AS TEXT) IN ('1', 'true') THEN 1 ELSE 0 END"

    def _is_date(self, expression: str) -> str:
        if self.postgres:
            return f"{expression} ~ '^[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}'"
        return f"{expression} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*'"

    def _digits(self, expression: str) -> str:
        return f"CAST(replace(substr({expression}, 1, 10), '-', '') AS BIGINT)"

    def ymd(self, name: str) -> str:
        """A date or datetime field as YYYYMMDD (0 when blank)."""
        value = self.text(name)
        return f"CASE WHEN {self._is_date(value)} THEN {self._digits(value)} ELSE 0 END"

    def born(self, name: str) -> str:
        """A birth date as YYYYMMDD; a bare year (a pseudonymous stub) as the middle of that
        year; NULL when unknown."""
        value = self.text(name)
        year = (
            f"{value} ~ '^[0-9]{{4}}$'"
            if self.postgres
            else f"({value} GLOB '[0-9][0-9][0-9][0-9]' AND length({value}) = 4)"
        )
        return (
            f"CASE WHEN {self._is_date(value)} THEN {self._digits(value)}"
            f" WHEN {year} THEN CAST({value} AS BIGINT) * 10000 + 701 ELSE NULL END"
        )

    def fill(self, expression: str) -> str:
        """`expression` with each `{kind:field}` replaced by its SQL."""
        out, rest = [], expression
        while "{" in rest:
            before, _, tail = rest.partition("{")
            inner, _, rest = tail.partition("}")
            kind, _, name = inner.partition(":")
            out += [before, getattr(self, kind)(name)]
        return "".join(out) + rest

    @property
    def cross(self) -> str:
        """A join whose order is as written (SQLite's CROSS JOIN; PostgreSQL plans it)."""
        return "JOIN" if self.postgres else "CROSS JOIN"

    def records(self, only_touched: bool) -> str:
        """The records of one city and table (two parameters), with their fields as `j`; only
        those in kpi_touched, or all. On PostgreSQL each record's JSON is parsed once (OFFSET 0
        keeps the planner from inlining `j` into every column that reads it)."""
        fields, fence = ("r.fields::jsonb", " OFFSET 0") if self.postgres else ("r.fields", "")
        if only_touched:
            return (
                f"SELECT r.city, r.row_id, r.desk_id, {fields} AS j FROM kpi_touched t"
                f" {self.cross} records r ON r.city = t.city AND r.table_name = t.kind"
                f" AND r.row_id = t.id WHERE t.city = ? AND t.kind = ?{fence}"
            )
        return (
            f"SELECT r.city, r.row_id, r.desk_id, {fields} AS j FROM records r"
            f" WHERE r.city = ? AND r.table_name = ?{fence}"
        )


def _lock_key(city: str) -> int:
    digest = hashlib.sha256(f"kpi projection\x1f{city}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


class CityProjection:
    """Keeps the projection of every city up to its records (see the module's docstring)."""

    def __init__(self, database: Database) -> None:
        self.database = database
        self.dialect = Dialect(database.backend)

    def behind(self, city: str) -> tuple[int, int]:
        """(the city's last seq, the last seq projected)."""
        with self.database.transaction(write=False) as tx:
            row = tx.one(
                "SELECT (SELECT last_seq FROM city_state WHERE city = ?),"
                " (SELECT seq FROM kpi_watermarks WHERE city = ?)",
                [city, city],
            )
        assert row is not None
        return int(row[0] or 0), int(row[1] or 0)

    def refresh(self, city: str) -> int:
        """Bring one city's projection up to its last seq (a catch-up); returns how many seqs
        it projected (0 when it was current: then without a write transaction)."""
        top, mark = self.behind(city)
        if mark >= top:
            return 0
        try:
            return self._catch_up(city, mark, top)
        finally:
            if self.database.backend == "sqlite":
                # Back to SQLite's default: the view's reads need no more.
                self.database.connection().execute("PRAGMA cache_size = -2000")

    def _catch_up(self, city: str, mark: int, top: int) -> int:
        done = 0
        while mark < top:
            with self.database.transaction() as tx:
                if self.database.backend == "postgresql":
                    tx.execute("SELECT pg_advisory_xact_lock(?)", [_lock_key(city)])
                else:
                    # Room for the indexes' pages a batch touches (the default is 2 MB).
                    tx.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
                row = tx.one("SELECT seq FROM kpi_watermarks WHERE city = ?", [city])
                mark = int(row[0]) if row else 0  # another refresh may have done it
                top_row = tx.one("SELECT last_seq FROM city_state WHERE city = ?", [city])
                top = int(top_row[0]) if top_row else 0
                if mark >= top:
                    break
                high = min(top, mark + BATCH_SEQS)
                project_seqs(tx, self.dialect, city, mark, high)
                done += high - mark
                mark = high
        return done

    def refresh_all(self) -> int:
        """Refresh every city (the background round); returns the seqs projected."""
        with self.database.transaction(write=False) as tx:
            cities = [row[0] for row in tx.execute("SELECT city FROM city_state ORDER BY city")]
        return sum(self.refresh(city) for city in cities)


# -- the statements -------------------------------------------------------------------------------


def _touched(kind: str) -> str:
    return f"(SELECT id FROM kpi_touched WHERE city = ? AND kind = '{kind}')"


def _insert(tx: Tx, dialect: Dialect, city: str, projected: Projected, only_touched: bool) -> None:
    """Project the records of one table (all of the city's, or only those touched)."""
    names = [name for name, _, _ in projected.columns]
    selected = ", ".join(
        f"{dialect.fill(expression)} AS {name}" for name, _, expression in projected.columns
    )
    source = dialect.records(only_touched)
    params: list[object] = [city, projected.source]
    decoded = f"SELECT city, row_id, desk_id, {selected} FROM ({source}) r"
    if not projected.keeps_deleted:
        decoded += f" WHERE NOT ({dialect.fill('{flag:deleted}')} = 1)"
    copied = [name for name, _, _ in projected.copied]
    columns = ", ".join(["city", "row_id", "desk_id", *names, *copied])
    values = ", ".join(
        [*(f"s.{n}" for n in ["city", "row_id", "desk_id", *names])]
        + [expression for _, _, expression in projected.copied]
    )
    tx.execute(
        f"INSERT INTO {projected.table} ({columns}) SELECT {values} FROM ({decoded}) s"
        f"{projected.join}",
        params,
    )


def _first_check_ins(tx: Tx, dialect: Dialect, city: str, only_touched: bool) -> None:
    insert = "INSERT INTO kpi_first_check_ins (city, resident_id, first_ymd)"
    if not only_touched:
        tx.execute(
            f"{insert} SELECT city, resident_id, min(event_ymd) FROM kpi_attendance"
            " WHERE city = ? AND resident_id IS NOT NULL AND event_ymd > 0"
            " GROUP BY city, resident_id",
            [city],
        )
        return
    tx.execute(
        f"DELETE FROM kpi_first_check_ins WHERE city = ? AND resident_id IN {_touched(PEOPLE)}",
        [city, city],
    )
    tx.execute(
        f"{insert} SELECT a.city, a.resident_id, min(a.event_ymd) FROM kpi_touched t"
        f" {dialect.cross} kpi_attendance a ON a.city = t.city AND a.resident_id = t.id"
        f" WHERE t.city = ? AND t.kind = '{PEOPLE}' AND a.event_ymd > 0"
        " GROUP BY a.city, a.resident_id",
        [city],
    )


def _add_year_totals(
    tx: Tx, dialect: Dialect, city: str, source: Projected, sign: int, only_touched: bool
) -> None:
    """Add (sign 1) or take away (sign -1) the rows of `source` (all of the city's, or the
    touched ones) to or from its year totals."""
    rows = f"{source.table} x WHERE x.city = ?"
    params: list[object] = [city]
    if only_touched:
        rows = (
            f"kpi_touched t {dialect.cross} {source.table} x ON x.city = t.city"
            f" AND x.row_id = t.id WHERE t.city = ? AND t.kind = '{source.source}'"
        )
    for totals in YEAR_TOTALS:
        if totals.source is not source:
            continue
        keys = [name for name, _, _ in totals.keys]
        carried = [name for name, _, _ in totals.carried]
        sums = [name for name, _ in totals.sums]
        selected = ", ".join(
            [totals.fiscal_year]
            + [expression for _, _, expression in totals.keys]
            + [f"max({expression})" for _, _, expression in totals.carried]
            + [f"{sign} * sum({expression})" for _, expression in totals.sums]
        )
        grouped = ", ".join([totals.fiscal_year, *(expression for _, _, expression in totals.keys)])
        updates = ", ".join(
            [f"{name} = {totals.table}.{name} + excluded.{name}" for name in sums]
            + [f"{name} = excluded.{name}" for name in carried]
        )
        tx.execute(
            f"INSERT INTO {totals.table} (city, fiscal_year, {', '.join(keys + carried + sums)})"
            f" SELECT x.city, {selected} FROM {rows} AND {totals.where}"
            f" GROUP BY x.city, {grouped}"
            f" ON CONFLICT (city, fiscal_year, {', '.join(keys)}) DO UPDATE SET {updates}",
            params,
        )
        if sign < 0:
            tx.execute(f"DELETE FROM {totals.table} WHERE city = ? AND {sums[0]} = 0", [city])


def build(tx: Tx, dialect: Dialect, city: str, top: int) -> None:
    """Project every record of a city into the empty projection (migration c010, before the
    indexes are made: sorting once is far quicker than growing them row by row)."""
    for projected in PROJECTED:
        _insert(tx, dialect, city, projected, only_touched=False)
    for projected in (ATTENDANCE, HELP_SESSIONS):
        _add_year_totals(tx, dialect, city, projected, 1, only_touched=False)
    _first_check_ins(tx, dialect, city, only_touched=False)
    _set_watermark(tx, city, top)


def _set_watermark(tx: Tx, city: str, seq: int) -> None:
    tx.execute(
        "INSERT INTO kpi_watermarks (city, seq) VALUES (?, ?)"
        " ON CONFLICT (city) DO UPDATE SET seq = excluded.seq",
        [city, seq],
    )


def _touch(tx: Tx, city: str, kind: str, select: str, params: list[object]) -> None:
    """Add to the touched set of `kind` the ids that `select` gives (one column)."""
    tx.execute(
        f"INSERT INTO kpi_touched (city, kind, id) SELECT DISTINCT CAST(? AS TEXT), '{kind}', id"
        f" FROM ({select}) t WHERE id IS NOT NULL ON CONFLICT DO NOTHING",
        [city, *params],
    )


def project_seqs(tx: Tx, dialect: Dialect, city: str, low: int, high: int) -> None:
    """Project again the records of `city` changed by seqs low < seq <= high, every row about a
    person erased or unshared by one of them, and every row that copies from a person or an
    event that changed; the watermark becomes `high`."""
    sources = [p.source for p in PROJECTED]
    marks = ", ".join("?" * len(sources))
    tx.execute(
        "INSERT INTO kpi_touched (city, kind, id) SELECT city, table_name, row_id FROM records"
        f" WHERE city = ? AND server_seq > ? AND server_seq <= ? AND table_name IN ({marks})",
        [city, low, high, *sources],
    )
    people = [
        row[0]
        for row in tx.execute(
            "SELECT row_id FROM city_log WHERE city = ? AND server_seq > ? AND server_seq <= ?"
            " AND kind IN (?, ?)",
            [city, low, high, protocol.KIND_ERASURE, protocol.KIND_UNSHARE],
        )
    ]
    for start in range(0, len(people), 500):
        chunk = people[start : start + 500]
        among = f"({', '.join('?' * len(chunk))})"
        # Erasure takes the person's id out of the records about them (the projected rows
        # still know it); unsharing keeps it.
        _touch(tx, city, "residents", f"SELECT row_id AS id FROM records WHERE city = ?"
               f" AND table_name = 'residents' AND row_id IN {among}", [city, *chunk])  # fmt: skip
        for projected in ABOUT_PEOPLE:
            for select in (
                f"SELECT row_id AS id FROM {projected.table} WHERE city = ?"
                f" AND resident_id IN {among}",
                f"SELECT row_id AS id FROM records WHERE city = ?"
                f" AND table_name = '{projected.source}' AND resident_id IN {among}",
            ):
                _touch(tx, city, projected.source, select, [city, *chunk])
    # Rows that copy from a person or an event that changed.
    cross = dialect.cross

    def about(kind: str, table: str, column: str, wanted: str = "row_id") -> str:
        """The `wanted` of the rows of `table` whose `column` is touched as `kind`."""
        return (
            f"SELECT x.{wanted} AS id FROM kpi_touched t {cross} {table} x ON x.city = t.city"
            f" AND x.{column} = t.id WHERE t.city = ? AND t.kind = '{kind}'"
        )

    for projected in (ATTENDANCE, HELP_SESSIONS):
        _touch(tx, city, projected.source, about("residents", projected.table, "resident_id"),
               [city])  # fmt: skip
    _touch(tx, city, "attendance", about("events", "kpi_attendance", "event_id"), [city])
    # The people whose first check-in may move: of the touched check-ins, as they were …
    people_checked_in = about("attendance", "kpi_attendance", "row_id", "resident_id")
    _touch(tx, city, PEOPLE, people_checked_in, [city])
    for projected in PROJECTED:
        totalled = projected in (ATTENDANCE, HELP_SESSIONS)
        if totalled:
            _add_year_totals(tx, dialect, city, projected, -1, only_touched=True)
        tx.execute(
            f"DELETE FROM {projected.table} WHERE city = ? AND row_id IN"
            f" {_touched(projected.source)}",
            [city, city],
        )
        _insert(tx, dialect, city, projected, only_touched=True)
        if totalled:
            _add_year_totals(tx, dialect, city, projected, 1, only_touched=True)
    _touch(tx, city, PEOPLE, people_checked_in, [city])  # … and as they are
    _first_check_ins(tx, dialect, city, only_touched=True)
    tx.execute("DELETE FROM kpi_touched WHERE city = ?", [city])
    _set_watermark(tx, city, high)
