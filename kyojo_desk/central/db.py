"""Connections and transactions of the central server, over SQLite (default) or PostgreSQL.

Both backends run the same SQL, written with `?` placeholders (the PostgreSQL backend turns
them into `%s`). Each thread has its own connection. Busy or unreachable databases become
`TemporaryFailure` (HTTP 503, the desk retries); nothing else of a backend leaks out.

Writes that change what desks pull are serialised per city (`lock_city`: SQLite has one writer
at a time anyway; PostgreSQL takes an advisory transaction lock per city), so server sequence
numbers of one city become visible in order and a pull cursor never jumps over a row still
being written.
"""

from __future__ import annotations

import abc
import contextlib
import hashlib
import json
import os
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any

try:
    import fcntl
except ImportError:  # not on Windows: SQLite's own busy handler queues the processes
    fcntl = None  # type: ignore[assignment]

# The SQLite writer connection's page cache, and how many pages its WAL may grow to before a
# commit copies them back into the database file (SQLite's default is 1000): a page written by
# many pushes in a row (an index's last page, the city's counter) is copied back once.
WRITER_CACHE_KIB = 64 * 1024
WAL_CHECKPOINT_PAGES = 4000

# How long a write waits in the queue of its city (or, on SQLite, of the database) before it
# is answered 503: longer than a busy minute's queue of full batches.
QUEUE_TIMEOUT_S = 30.0


def now_ms() -> int:
    return time.time_ns() // 1_000_000


class StorageError(Exception):
    """A storage failure, or an administrative request that cannot be done."""


class TemporaryFailure(StorageError):
    """The database is busy or unreachable for now: the request may be retried (HTTP 503)."""


class Tx:
    """One open transaction: `execute` returns all rows (as tuples) of a statement."""

    def __init__(self, database: Database, cursor: Any) -> None:
        self.database = database
        self.cursor = cursor

    def execute(self, sql: str, params: list[Any] | tuple = ()) -> list[tuple]:
        self.cursor.execute(self.database.sql(sql), params)
        if self.cursor.description is None:
            return []
        return [tuple(row) for row in self.cursor.fetchall()]

    def executemany(self, sql: str, rows: list[tuple]) -> None:
        if rows:
            self.cursor.executemany(self.database.sql(sql), rows)

    def insert_many(
        self, table: str, columns: dict[str, str], rows: list[tuple], on_conflict: str = ""
    ) -> None:
        """INSERT many rows at once (`columns`: name → SQL type, in the rows' order), with an
        optional ON CONFLICT clause: COPY (without ON CONFLICT) or one statement over a JSON
        document on PostgreSQL, `executemany` on SQLite."""
        if rows:
            self.database.insert_many(self, table, columns, rows, on_conflict)

    def update_many(
        self, table: str, columns: dict[str, str], key: tuple[str, ...], rows: list[tuple]
    ) -> None:
        """UPDATE many rows at once, each found by the `key` columns; `rows` hold the values
        of all `columns` (name → SQL type) in order, key columns included."""
        if rows:
            self.database.update_many(self, table, columns, key, rows)

    def one(self, sql: str, params: list[Any] | tuple = ()) -> tuple | None:
        rows = self.execute(sql, params)
        return rows[0] if rows else None

    def lock_city(self, city: str) -> None:
        self.database.lock_city(self, city)

    def read_in_index_order(self) -> None:
        self.database.read_in_index_order(self)


class Database(abc.ABC):
    """Per-thread connections and transactions of one backend."""

    backend = "base"

    def __init__(self, url: str, lock_timeout_ms: int = 5000) -> None:
        self.url = url
        self.lock_timeout_ms = lock_timeout_ms
        self._local = threading.local()
        self._all_connections: list[Any] = []
        self._connections_lock = threading.Lock()

    def sql(self, text: str) -> str:
        return text

    @abc.abstractmethod
    def _connect(self) -> Any:
        """A new connection of this backend."""

    @abc.abstractmethod
    def _begin(self, conn: Any, write: bool) -> AbstractContextManager[Any]:
        """A context that opens a transaction on `conn` and yields a cursor."""

    @abc.abstractmethod
    def lock_city(self, tx: Tx, city: str) -> None:
        """Serialise writers of one city's rows (until the transaction ends)."""

    @abc.abstractmethod
    def read_in_index_order(self, tx: Tx) -> None:
        """Make the rest of the transaction read pages in index order rather than gather
        and sort (a page of a pull is the next LIMIT rows of an index)."""

    @abc.abstractmethod
    def compact(self, tables: tuple[str, ...]) -> None:
        """Leave no trace of deleted or overwritten data in the database's files."""

    @abc.abstractmethod
    def table_exists(self, tx: Tx, table: str) -> bool:
        """Whether a table of this name exists."""

    def _is_temporary(self, error: Exception) -> bool:
        return False

    def insert_many(
        self, tx: Tx, table: str, columns: dict[str, str], rows: list[tuple], on_conflict: str
    ) -> None:
        names = ", ".join(columns)
        marks = ", ".join("?" * len(columns))
        tx.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks}) {on_conflict}", rows)

    def update_many(
        self, tx: Tx, table: str, columns: dict[str, str], key: tuple[str, ...], rows: list[tuple]
    ) -> None:
        names = list(columns)
        values = [n for n in names if n not in key]
        order = [names.index(n) for n in (*values, *key)]
        assignments = ", ".join(f"{n} = ?" for n in values)
        where = " AND ".join(f"{n} = ?" for n in key)
        tx.executemany(
            f"UPDATE {table} SET {assignments} WHERE {where}",
            [tuple(row[i] for i in order) for row in rows],
        )

    def connection(self) -> Any:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._connect()
            self._local.conn = conn
            with self._connections_lock:
                self._all_connections.append(conn)
        return conn

    def _connection_for(self, write: bool) -> Any:
        """The connection a transaction runs on (this thread's, unless a backend says)."""
        return self.connection()

    @contextmanager
    def transaction(self, write: bool = True) -> Iterator[Tx]:
        """One transaction (`write=False`: one that only reads); busy or unreachable databases
        become TemporaryFailure."""
        conn = self._connection_for(write)
        try:
            with self._begin(conn, write) as cursor:
                yield Tx(self, cursor)
        except StorageError:
            raise
        except Exception as error:
            if self._is_temporary(error):
                if getattr(conn, "closed", False):
                    self._local.conn = None
                raise TemporaryFailure(str(error)) from error
            raise

    def close(self) -> None:
        with self._connections_lock:
            for conn in self._all_connections:
                with contextlib.suppress(Exception):  # it may already be gone
                    conn.close()
            self._all_connections.clear()
        self._local = threading.local()


def sqlite_path(url: str) -> str:
    """The file path of a `sqlite:///path` URL (`sqlite:////abs` or `sqlite:///rel`)."""
    return url[len("sqlite:///") :]


class WriterTurns:
    """An exclusive lock on a file beside the database, taken by the one writer of a process at
    a time: a process waiting for it polls every half millisecond, so it gets its turn as soon
    as another process's writer is done (where fcntl exists; elsewhere a no-op)."""

    POLL_S = 0.0005

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    def take(self, deadline: float) -> None:
        if fcntl is None:
            return
        if self._fd is None:
            self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        while True:
            try:
                fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise TemporaryFailure("too many writers waiting") from None
                time.sleep(self.POLL_S)

    def give_back(self) -> None:
        if fcntl is not None and self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


class SqliteDatabase(Database):
    """One SQLite file (WAL); the default for one city."""

    backend = "sqlite"

    def __init__(self, url: str, lock_timeout_ms: int = 5000) -> None:
        super().__init__(url, lock_timeout_ms)
        self.path = Path(sqlite_path(url))
        owner_only(self.path)
        # Writers of this process queue here, in order, instead of polling SQLite's busy
        # handler (which under load lets a writer wait past any timeout while others pass).
        self._write_lock = threading.Lock()
        # The one connection writers of this process use, in turn (under _write_lock): its
        # page cache and prepared statements stay warm from one push to the next.
        self._writer: sqlite3.Connection | None = None
        # Writers of all the server's processes (`serve --workers N`) take turns by this lock
        # file before SQLite's own lock, which a waiting process would otherwise poll with
        # sleeps of up to 100 ms while the others' writers pass.
        self._turns = WriterTurns(self.path.with_name(self.path.name + "-writer"))

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(str(self.path), isolation_level=None, check_same_thread=False)
        conn.execute(f"PRAGMA busy_timeout = {int(self.lock_timeout_ms)}")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        # Deleted and overwritten content is zeroed in place, so an erased person leaves no
        # trace in the file without rewriting it (compaction only checkpoints the WAL).
        conn.execute("PRAGMA secure_delete = ON")
        return conn

    def _connection_for(self, write: bool) -> sqlite3.Connection:
        if not write:
            return self.connection()
        writer = self._writer
        if writer is None:
            with self._connections_lock:
                if self._writer is None:
                    self._writer = self._connect()
                    # Enough cache for the index pages a stream of pushes keeps touching
                    # (SQLite's default is 2 MiB).
                    self._writer.execute(f"PRAGMA cache_size = -{WRITER_CACHE_KIB}")
                    self._writer.execute(f"PRAGMA wal_autocheckpoint = {WAL_CHECKPOINT_PAGES}")
                    self._all_connections.append(self._writer)
                writer = self._writer
        return writer

    @contextmanager
    def _begin(self, conn: sqlite3.Connection, write: bool) -> Iterator[sqlite3.Cursor]:
        if write:
            deadline = time.monotonic() + QUEUE_TIMEOUT_S
            if not self._write_lock.acquire(timeout=QUEUE_TIMEOUT_S):
                raise TemporaryFailure("too many writers waiting")
            try:
                self._turns.take(deadline)
            except BaseException:
                self._write_lock.release()
                raise
        cursor = conn.cursor()
        try:
            # IMMEDIATE takes the write lock at once: writers queue instead of failing mid-way.
            # A reader sees one snapshot (WAL) and never waits for writers.
            cursor.execute("BEGIN IMMEDIATE" if write else "BEGIN")
            try:
                yield cursor
            except BaseException:
                conn.rollback()
                raise
            else:
                conn.commit()
        finally:
            cursor.close()
            if write:
                self._turns.give_back()
                self._write_lock.release()

    def close(self) -> None:
        super().close()
        self._writer = None
        self._turns.close()

    def lock_city(self, tx: Tx, city: str) -> None:
        """Nothing to do: BEGIN IMMEDIATE already makes one writer at a time."""

    def read_in_index_order(self, tx: Tx) -> None:
        """Nothing to do: SQLite walks the index its ORDER BY names."""

    def table_exists(self, tx: Tx, table: str) -> bool:
        return (
            tx.one("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [table])
            is not None
        )

    def _is_temporary(self, error: Exception) -> bool:
        return isinstance(error, sqlite3.OperationalError) and (
            "locked" in str(error) or "busy" in str(error)
        )

    def compact(self, tables: tuple[str, ...]) -> None:
        # secure_delete zeroed the content in the pages; the WAL still holds old page images
        # until a checkpoint copies the pages back and truncates it.
        self.connection().execute("PRAGMA wal_checkpoint(TRUNCATE)")


class PostgresDatabase(Database):
    """PostgreSQL through psycopg 3, for a prefecture-wide or national deployment."""

    backend = "postgresql"

    def sql(self, text: str) -> str:
        return text.replace("?", "%s")

    def _connect(self) -> Any:
        import psycopg

        try:
            conn = psycopg.connect(self.url, autocommit=True)
        except psycopg.OperationalError as error:
            raise TemporaryFailure(f"PostgreSQL unreachable: {error}") from error
        conn.execute(f"SET lock_timeout = {int(self.lock_timeout_ms)}")
        return conn

    @contextmanager
    def _begin(self, conn: Any, write: bool) -> Iterator[Any]:
        with conn.transaction(), conn.cursor() as cursor:
            yield cursor

    def lock_city(self, tx: Tx, city: str) -> None:
        key = int.from_bytes(hashlib.sha256(city.encode()).digest()[:8], "big", signed=True)
        # Pushes of one city queue for this lock: wait as long as a queue may take, not only
        # as long as a row lock may (lock_timeout applies to advisory locks too).
        # One statement (each round trip counts while the city waits).
        tx.cursor.execute(
            "SELECT set_config('lock_timeout', %s, true), pg_advisory_xact_lock(%s)",
            [str(int(QUEUE_TIMEOUT_S * 1000)), key],
        )

    def read_in_index_order(self, tx: Tx) -> None:
        # Before the table's first ANALYZE (a new city, a burst of pushes) the planner takes
        # it for a few rows and gathers every row after the cursor to sort them, for each
        # page: the pull of a large city turns quadratic. Without sorting, it walks the index.
        tx.cursor.execute("SELECT set_config('enable_sort', 'off', true)")

    def table_exists(self, tx: Tx, table: str) -> bool:
        return tx.one("SELECT to_regclass(?) IS NOT NULL", [table])[0]  # type: ignore[index]

    def insert_many(
        self, tx: Tx, table: str, columns: dict[str, str], rows: list[tuple], on_conflict: str
    ) -> None:
        names = ", ".join(columns)
        if not on_conflict:
            # COPY: the rows stream in one round trip, each written by psycopg's C code, and
            # the server inserts them without planning a statement.
            with tx.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        # One statement whose rows come from one JSON document: one round trip and one plan
        # for the whole batch instead of one per row, and the encoding is json's (in C), not
        # a per-element quoting of arrays.
        shape = ", ".join(f"{name} {kind}" for name, kind in columns.items())
        document = json.dumps([dict(zip(columns, row, strict=True)) for row in rows])
        tx.cursor.execute(
            f"INSERT INTO {table} ({names}) SELECT {names} FROM"
            f" json_to_recordset(%s::json) AS r({shape}) {on_conflict}",
            [document],
        )

    def update_many(
        self, tx: Tx, table: str, columns: dict[str, str], key: tuple[str, ...], rows: list[tuple]
    ) -> None:
        # One statement over one JSON document, as insert_many with ON CONFLICT.
        shape = ", ".join(f"{name} {kind}" for name, kind in columns.items())
        assignments = ", ".join(f"{n} = r.{n}" for n in columns if n not in key)
        where = " AND ".join(f"t.{n} = r.{n}" for n in key)
        document = json.dumps([dict(zip(columns, row, strict=True)) for row in rows])
        tx.cursor.execute(
            f"UPDATE {table} AS t SET {assignments} FROM"
            f" json_to_recordset(%s::json) AS r({shape}) WHERE {where}",
            [document],
        )

    def _is_temporary(self, error: Exception) -> bool:
        import psycopg
        from psycopg import errors

        return isinstance(
            error,
            psycopg.OperationalError
            | errors.LockNotAvailable
            | errors.SerializationFailure
            | errors.DeadlockDetected
            | errors.QueryCanceled,
        )

    def compact(self, tables: tuple[str, ...]) -> None:
        conn = self.connection()
        # VACUUM FULL rewrites the tables into new files, leaving no erased value in them.
        for table in tables:
            conn.execute(f"VACUUM FULL {table}")
        # The planner's statistics (pg_stats) hold sampled column values: take them again.
        conn.execute("ANALYZE")


def owner_only(database: Path) -> None:
    """Make the central SQLite database readable by its owner only (0600): it holds every
    city's residents. SQLite creates the -wal and -shm files with the database file's mode."""
    if not database.exists():
        database.parent.mkdir(parents=True, exist_ok=True)
        os.close(os.open(database, os.O_WRONLY | os.O_CREAT, 0o600))
    for path in (database, *(database.with_name(database.name + s) for s in ("-wal", "-shm"))):
        if path.exists():
            path.chmod(0o600)


def open_database(url: str, lock_timeout_ms: int = 5000) -> Database:
    """The database of a URL: `sqlite:///path` or `postgresql://…`."""
    if url.startswith("sqlite:///"):
        return SqliteDatabase(url, lock_timeout_ms)
    if url.startswith(("postgresql://", "postgres://")):
        return PostgresDatabase(url, lock_timeout_ms)
    raise ValueError(f"unsupported database URL {url!r}: use sqlite:///path or postgresql://…")
