"""The central server's schema, as migrations applied in place at start-up (SQLite and
PostgreSQL alike), each in its own transaction together with the record of it being applied.

c001 is the schema of release 0.1 (created only where missing, so a database of that release
is recognised as having it); c002 moves to one row per record (protocol 2).
"""

from __future__ import annotations

import json
from collections.abc import Callable

from kyojo_desk.central.db import Database, Tx, now_ms
from kyojo_desk.ids import uuid7
from kyojo_desk.store.schema import SYNCED_TABLES
from kyojo_desk.sync import protocol
from kyojo_desk.sync.fields import FLAG, INTEGER, JSON_LIST
from kyojo_desk.sync.hlc import from_v1_stamp

Migration = Callable[[Database, Tx], None]


def c001_release_0_1(database: Database, tx: Tx) -> None:
    """Server meta, enrolment codes, desks, received seqs, per-field values, the entries log,
    conflict copies and erasures (release 0.1)."""
    serial = (
        "BIGSERIAL PRIMARY KEY"
        if database.backend == "postgresql"
        else "INTEGER PRIMARY KEY AUTOINCREMENT"
    )
    for statement in [
        "CREATE TABLE IF NOT EXISTS server_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        """CREATE TABLE IF NOT EXISTS enroll_codes (
            code_hash TEXT PRIMARY KEY,
            city TEXT NOT NULL,
            desk_name TEXT NOT NULL,
            expires_at_ms BIGINT NOT NULL,
            used_at_ms BIGINT
        )""",
        """CREATE TABLE IF NOT EXISTS desks (
            desk_id TEXT PRIMARY KEY,
            city TEXT NOT NULL,
            name TEXT NOT NULL,
            token_hash TEXT NOT NULL UNIQUE,
            enrolled_at_ms BIGINT NOT NULL,
            revoked_at_ms BIGINT,
            last_seq BIGINT NOT NULL DEFAULT 0,
            last_push_ms BIGINT,
            last_pull_ms BIGINT,
            pending BIGINT NOT NULL DEFAULT 0
        )""",
        """CREATE TABLE IF NOT EXISTS received (
            desk_id TEXT NOT NULL,
            seq BIGINT NOT NULL,
            digest TEXT NOT NULL,
            PRIMARY KEY (desk_id, seq)
        )""",
        """CREATE TABLE IF NOT EXISTS field_values (
            city TEXT NOT NULL,
            table_name TEXT NOT NULL,
            row_id TEXT NOT NULL,
            field TEXT NOT NULL,
            value TEXT NOT NULL,
            stamp TEXT NOT NULL,
            desk_id TEXT NOT NULL,
            server_seq BIGINT NOT NULL,
            PRIMARY KEY (city, table_name, row_id, field)
        )""",
        """CREATE TABLE IF NOT EXISTS conflicts (
            id TEXT PRIMARY KEY,
            city TEXT NOT NULL,
            table_name TEXT NOT NULL,
            row_id TEXT NOT NULL,
            field TEXT NOT NULL,
            kept_value TEXT NOT NULL,
            kept_stamp TEXT NOT NULL,
            kept_desk TEXT NOT NULL,
            lost_value TEXT NOT NULL,
            lost_stamp TEXT NOT NULL,
            lost_desk TEXT NOT NULL,
            created_ms BIGINT NOT NULL
        )""",
        "CREATE INDEX IF NOT EXISTS conflicts_row ON conflicts (city, table_name, row_id)",
        """CREATE TABLE IF NOT EXISTS erasures (
            city TEXT NOT NULL,
            resident_id TEXT NOT NULL,
            erased_at_ms BIGINT NOT NULL,
            PRIMARY KEY (city, resident_id)
        )""",
        f"""CREATE TABLE IF NOT EXISTS entries (
            server_seq {serial},
            city TEXT NOT NULL,
            kind TEXT NOT NULL,
            table_name TEXT NOT NULL,
            row_id TEXT NOT NULL,
            desk_id TEXT NOT NULL,
            fields TEXT NOT NULL,
            created_ms BIGINT NOT NULL
        )""",
    ]:
        tx.execute(statement)
    if tx.one("SELECT value FROM server_meta WHERE key = 'epoch'") is None:
        tx.execute("INSERT INTO server_meta (key, value) VALUES ('epoch', ?)", [uuid7()])


def v2_value(table: str, name: str, value: object) -> object:
    """A value as protocol 1 stored it, as protocol 2 types it (lists travelled as JSON text,
    flags sometimes as true/false)."""
    spec = SYNCED_TABLES.get(table)
    kind = spec.types[name].kind if spec and name in spec.types else None
    if kind == JSON_LIST and isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            return value
    if kind in (FLAG, INTEGER) and isinstance(value, bool):
        return int(value)
    return value


def v2_stamp(text: str) -> int:
    try:
        return from_v1_stamp(text)[0]
    except ValueError:
        return 1


def c002_records(database: Database, tx: Tx) -> None:
    """One row per record instead of one per field; per-city sequence counters and epochs;
    a log of conflict copies and erasures; integer stamps.

    Every city's counter starts at the highest sequence number of release 0.1, so the pull
    cursors desks hold stay valid; each record keeps the sequence of its latest field.
    """
    from kyojo_desk.central.records import RowState, resident_of

    for statement in [
        """CREATE TABLE city_state (
            city TEXT PRIMARY KEY,
            last_seq BIGINT NOT NULL DEFAULT 0,
            epoch TEXT
        )""",
        """CREATE TABLE records (
            city TEXT NOT NULL,
            table_name TEXT NOT NULL,
            row_id TEXT NOT NULL,
            fields TEXT NOT NULL,
            stamp BIGINT NOT NULL,
            desk_id TEXT NOT NULL,
            seq BIGINT NOT NULL,
            exceptions TEXT,
            server_seq BIGINT NOT NULL,
            resident_id TEXT,
            PRIMARY KEY (city, table_name, row_id)
        )""",
        "CREATE INDEX records_city_seq ON records (city, server_seq)",
        "CREATE INDEX records_resident ON records (city, resident_id)",
        """CREATE TABLE city_log (
            city TEXT NOT NULL,
            server_seq BIGINT NOT NULL,
            kind TEXT NOT NULL,
            table_name TEXT NOT NULL,
            row_id TEXT NOT NULL,
            fields TEXT NOT NULL,
            created_ms BIGINT NOT NULL,
            PRIMARY KEY (city, server_seq)
        )""",
        "CREATE INDEX city_log_row ON city_log (city, table_name, row_id)",
    ]:
        tx.execute(statement)

    top = tx.one("SELECT max(server_seq) FROM entries")
    base_seq = int(top[0]) if top and top[0] is not None else 0
    cities = {
        row[0]
        for row in tx.execute(
            "SELECT city FROM desks UNION SELECT city FROM field_values"
            " UNION SELECT city FROM entries"
        )
    }
    tx.executemany(
        "INSERT INTO city_state (city, last_seq) VALUES (?, ?)",
        [(city, base_seq) for city in sorted(cities)],
    )

    # Records, grouped from the per-field rows (read in key order, one record at a time).
    batch: list[tuple] = []
    current: tuple[str, str, str] | None = None
    state = RowState()
    top_seq = 0

    def finish() -> None:
        if current is None or not state.origins:
            return
        city, table, row_id = current
        fields, (stamp, desk_id, seq), exceptions = state.pack()
        person = resident_of(table, row_id, state.values)
        batch.append(
            (city, table, row_id, fields, stamp, desk_id, seq, exceptions, top_seq, person)
        )

    insert = (
        "INSERT INTO records (city, table_name, row_id, fields, stamp, desk_id, seq,"
        " exceptions, server_seq, resident_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
    )
    for city, table, row_id, name, value, stamp, desk_id, server_seq in tx.execute(
        "SELECT city, table_name, row_id, field, value, stamp, desk_id, server_seq"
        " FROM field_values ORDER BY city, table_name, row_id, field"
    ):
        key = (city, table, row_id)
        if key != current:
            finish()
            current, state, top_seq = key, RowState(exists=True), 0
            if len(batch) >= 1000:
                tx.executemany(insert, batch)
                batch = []
        state.values[name] = v2_value(table, name, json.loads(value))
        state.origins[name] = (v2_stamp(stamp), desk_id, int(server_seq))
        top_seq = max(top_seq, int(server_seq))
    finish()
    tx.executemany(insert, batch)

    # Conflict copies and erasures move to the city log, stamps as integers.
    log_rows = []
    for seq, city, kind, table, row_id, fields, created in tx.execute(
        "SELECT server_seq, city, kind, table_name, row_id, fields, created_ms FROM entries"
        " WHERE kind <> ? ORDER BY server_seq",
        [protocol.KIND_CHANGE],
    ):
        payload = json.loads(fields)
        for key in ("kept_stamp", "lost_stamp"):
            if isinstance(payload.get(key), str):
                payload[key] = v2_stamp(payload[key])
        log_rows.append(
            (city, int(seq), kind, table, row_id, protocol.canonical_json(payload), created)
        )
    tx.executemany(
        "INSERT INTO city_log (city, server_seq, kind, table_name, row_id, fields, created_ms)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        log_rows,
    )
    conflicts = tx.execute("SELECT id, kept_stamp, lost_stamp FROM conflicts")
    tx.execute("ALTER TABLE conflicts RENAME TO conflicts_v1")
    tx.execute("DROP INDEX IF EXISTS conflicts_row")
    tx.execute(
        """CREATE TABLE conflicts (
            id TEXT PRIMARY KEY,
            city TEXT NOT NULL,
            table_name TEXT NOT NULL,
            row_id TEXT NOT NULL,
            field TEXT NOT NULL,
            kept_value TEXT NOT NULL,
            kept_stamp BIGINT NOT NULL,
            kept_desk TEXT NOT NULL,
            lost_value TEXT NOT NULL,
            lost_stamp BIGINT NOT NULL,
            lost_desk TEXT NOT NULL,
            created_ms BIGINT NOT NULL
        )"""
    )
    tx.execute("CREATE INDEX conflicts_row ON conflicts (city, table_name, row_id)")
    tx.execute(
        "INSERT INTO conflicts (id, city, table_name, row_id, field, kept_value, kept_stamp,"
        " kept_desk, lost_value, lost_stamp, lost_desk, created_ms) SELECT id, city,"
        " table_name, row_id, field, kept_value, 0, kept_desk, lost_value, 0, lost_desk,"
        " created_ms FROM conflicts_v1"
    )
    tx.executemany(
        "UPDATE conflicts SET kept_stamp = ?, lost_stamp = ? WHERE id = ?",
        [(v2_stamp(kept), v2_stamp(lost), conflict_id) for conflict_id, kept, lost in conflicts],
    )
    tx.execute("DROP TABLE conflicts_v1")
    # Digests of protocol-1 changes cannot be compared with protocol-2 ones: a re-sent seq
    # of that time is taken as the same change.
    tx.execute("UPDATE received SET digest = ''")
    tx.execute("DROP TABLE field_values")
    tx.execute("DROP TABLE entries")


MIGRATIONS: list[tuple[str, Migration]] = [
    ("c001_release_0_1", c001_release_0_1),
    ("c002_records", c002_records),
]


def applied(database: Database) -> list[str]:
    with database.transaction() as tx:
        if not database.table_exists(tx, "central_migrations"):
            return []
        return [row[0] for row in tx.execute("SELECT name FROM central_migrations ORDER BY name")]


def migrate(database: Database) -> list[str]:
    """Apply the migrations not yet applied; returns their names."""
    done: list[str] = []
    for name, migration in MIGRATIONS:
        with database.transaction() as tx:
            if database.backend == "postgresql":
                # Two servers starting at once on one database must not both migrate.
                tx.execute("SELECT pg_advisory_xact_lock(4242)")
            tx.execute(
                "CREATE TABLE IF NOT EXISTS central_migrations"
                " (name TEXT PRIMARY KEY, applied_ms BIGINT NOT NULL)"
            )
            if tx.one("SELECT 1 FROM central_migrations WHERE name = ?", [name]):
                continue
            migration(database, tx)
            tx.execute(
                "INSERT INTO central_migrations (name, applied_ms) VALUES (?, ?)", [name, now_ms()]
            )
            done.append(name)
    return done


def c010_city_projection(database: Database, tx: Tx) -> None:
    """The city-wide view's projection (kyojo_desk/central/city_projection.py): typed columns
    of the facts the KPIs count, built here from every city's records."""
    from kyojo_desk.central.city_projection import (
        Dialect,
        build,
        index_statements,
        schema_statements,
    )

    for statement in schema_statements():
        tx.execute(statement)
    dialect = Dialect(database.backend)
    for city, last_seq in tx.execute("SELECT city, last_seq FROM city_state ORDER BY city"):
        build(tx, dialect, city, int(last_seq))
    for statement in index_statements():
        tx.execute(statement)
    if database.backend == "postgresql":
        # The planner's statistics of the new tables (autovacuum would take them much later).
        tx.execute("ANALYZE")


def c011_city_year_totals(database: Database, tx: Tx) -> None:
    """The projection gains per-年度 totals (check-ins per person and per desk, help sessions
    per kind and per person): a projection made by the first c010 is made again."""
    from kyojo_desk.central.city_projection import PROJECTION_TABLES

    if database.table_exists(tx, "kpi_attendance_years"):
        return  # c010 made the projection with them
    for table in (*PROJECTION_TABLES, "kpi_watermarks"):
        tx.execute(f"DROP TABLE IF EXISTS {table}")
    c010_city_projection(database, tx)


def c012_emptied_year_totals(database: Database, tx: Tx) -> None:
    """Year totals that came down to nothing are found by an index of their own, so a small
    catch-up does not read every total of the city."""
    from kyojo_desk.central.city_projection import emptied_total_indexes

    for statement in emptied_total_indexes():
        tx.execute(statement)


MIGRATIONS.append(("c010_city_projection", c010_city_projection))
MIGRATIONS.append(("c011_city_year_totals", c011_city_year_totals))
MIGRATIONS.append(("c012_emptied_year_totals", c012_emptied_year_totals))


# The characters of a change's fingerprint kept in `received_batches` (64 bits of SHA-256:
# enough to tell a copied database's different change from the one sent under its seq), and
# what stands for a change whose fingerprint cannot be compared (received under protocol 1).
BATCH_DIGEST_LENGTH = 16
UNKNOWN_DIGEST = "?" * BATCH_DIGEST_LENGTH


def c020_received_batches(database: Database, tx: Tx) -> None:
    """What a desk sent is remembered one row per push instead of one per change: the seqs it
    numbered and a short fingerprint of each change, in seq order (a row per change was about
    a quarter of a push's time on PostgreSQL). Rows of `received` written before join it in
    c021."""
    tx.execute(
        """CREATE TABLE received_batches (
            desk_id TEXT NOT NULL,
            first_seq BIGINT NOT NULL,
            last_seq BIGINT NOT NULL,
            digests TEXT NOT NULL,
            PRIMARY KEY (desk_id, first_seq)
        )"""
    )


MIGRATIONS.append(("c020_received_batches", c020_received_batches))


def c021_received_into_batches(database: Database, tx: Tx) -> None:
    """The changes received one row each before c020 join `received_batches` too — a row per
    run of following seqs, at most a push's worth (MAX_PUSH_CHANGES) — and `received` goes:
    one place to compare re-sent changes with, about a tenth of the space. A fingerprint of
    protocol 1 ('') is kept as UNKNOWN_DIGEST, still taken as the same change. Each desk's
    rows are read RECEIVED_CHUNK at a time, so a server of millions of changes migrates in
    little memory."""
    insert = (
        "INSERT INTO received_batches (desk_id, first_seq, last_seq, digests) VALUES (?, ?, ?, ?)"
    )
    for (desk_id,) in tx.execute("SELECT DISTINCT desk_id FROM received"):
        run: list[tuple[int, str]] = []
        after = -1
        while True:
            chunk = tx.execute(
                "SELECT seq, digest FROM received WHERE desk_id = ? AND seq > ?"
                " ORDER BY seq LIMIT ?",
                [desk_id, after, RECEIVED_CHUNK],
            )
            batches: list[tuple[str, int, int, str]] = []
            for seq, digest in chunk:
                seq = int(seq)
                if run and (seq != run[-1][0] + 1 or len(run) == protocol.MAX_PUSH_CHANGES):
                    batches.append(_received_batch(desk_id, run))
                    run = []
                run.append((seq, str(digest)))
            if len(chunk) < RECEIVED_CHUNK and run:
                batches.append(_received_batch(desk_id, run))
            tx.executemany(insert, batches)
            if len(chunk) < RECEIVED_CHUNK:
                break
            after = int(chunk[-1][0])
    tx.execute("DROP TABLE received")


RECEIVED_CHUNK = 50_000


def _received_batch(desk_id: str, run: list[tuple[int, str]]) -> tuple[str, int, int, str]:
    """A `received_batches` row for a run of following seqs and their fingerprints."""
    return (
        desk_id,
        run[0][0],
        run[-1][0],
        "".join(
            text[:BATCH_DIGEST_LENGTH] if len(text) >= BATCH_DIGEST_LENGTH else UNKNOWN_DIGEST
            for _, text in run
        ),
    )


MIGRATIONS.append(("c021_received_into_batches", c021_received_into_batches))
