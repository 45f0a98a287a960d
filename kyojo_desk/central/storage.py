"""Storage of the central server, over SQLite (default) or PostgreSQL (psycopg 3).

Both backends run the same SQL (written with `?` placeholders; the PostgreSQL backend turns
them into `%s`). The data model is generic: every synced field of every row is one row of
`field_values` with its winning stamp, so a record kind declared on the desk is stored without
new code here. `entries` is the server-wide sequence that desks pull, per city.

Writes that change what desks pull are serialised per city (SQLite: one writer; PostgreSQL: an
advisory transaction lock per city), so entries become visible in sequence order and a pull
cursor never jumps over an entry still being written.
"""

from __future__ import annotations

import abc
import contextlib
import hashlib
import json
import os
import re
import secrets
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kyojo_desk.hlc import Stamp
from kyojo_desk.ids import uuid7
from kyojo_desk.sync import protocol_v1 as protocol

DEFAULT_CITY = "default"
# Fixed width, so that stamps compare as strings (kyojo_desk.hlc).
STAMP_PATTERN = re.compile(r"^[0-9]{15}:[0-9]{5}:[^:]+$")
ENROLL_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no I/O/0/1 to misread


def now_ms() -> int:
    return time.time_ns() // 1_000_000


def token_hash(token: str) -> str:
    """Only this hash of a desk token (or an enrolment code) is stored."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def canonical(value: Any) -> str:
    """JSON text of a field value, the same for equal values (compared for conflicts)."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


class StorageError(Exception):
    """A storage failure."""


class TemporaryFailure(StorageError):
    """The database is busy or unreachable for now: the request may be retried (HTTP 503)."""


class EnrollRefused(StorageError):
    """The enrolment code is unknown, used or expired."""


class AuthRefused(StorageError):
    """The token is unknown or revoked; `code` is protocol.ERROR_AUTH or ERROR_REVOKED."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


class PushRefused(StorageError):
    """The whole push is refused (gap, re-enrol, schema); nothing of it was stored."""

    def __init__(self, code: str, message: str, **extra: Any) -> None:
        super().__init__(message)
        self.code = code
        self.extra = extra


@dataclass
class Desk:
    desk_id: str
    city: str
    name: str
    revoked: bool
    last_seq: int


SCHEMA_STATEMENTS = [
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
    """CREATE INDEX IF NOT EXISTS field_values_lookup
        ON field_values (city, table_name, field, value)""",
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
]

ENTRIES_TABLE = """CREATE TABLE IF NOT EXISTS entries (
    server_seq {serial},
    city TEXT NOT NULL,
    kind TEXT NOT NULL,
    table_name TEXT NOT NULL,
    row_id TEXT NOT NULL,
    desk_id TEXT NOT NULL,
    fields TEXT NOT NULL,
    created_ms BIGINT NOT NULL
)"""
ENTRIES_INDEXES = [
    "CREATE INDEX IF NOT EXISTS entries_city_seq ON entries (city, server_seq)",
    "CREATE INDEX IF NOT EXISTS entries_row ON entries (city, table_name, row_id)",
]


class Tx:
    """One open transaction: `execute` returns all rows (as tuples) of a statement."""

    def __init__(self, storage: Storage, cursor: Any) -> None:
        self.storage = storage
        self.cursor = cursor

    def execute(self, sql: str, params: list[Any] | tuple = ()) -> list[tuple]:
        self.cursor.execute(self.storage.sql(sql), params)
        if self.cursor.description is None:
            return []
        return [tuple(row) for row in self.cursor.fetchall()]

    def executemany(self, sql: str, rows: list[tuple]) -> None:
        if rows:
            self.cursor.executemany(self.storage.sql(sql), rows)

    def one(self, sql: str, params: list[Any] | tuple = ()) -> tuple | None:
        rows = self.execute(sql, params)
        return rows[0] if rows else None


class Storage(abc.ABC):
    """What the HTTP API and the admin commands need, on either backend."""

    backend = "base"

    def __init__(self, url: str, lock_timeout_ms: int = 5000) -> None:
        self.url = url
        self.lock_timeout_ms = lock_timeout_ms
        self._local = threading.local()
        self._all_connections: list[Any] = []
        self._connections_lock = threading.Lock()

    # -- backend specifics ---------------------------------------------------------------------

    def sql(self, text: str) -> str:
        return text

    @abc.abstractmethod
    def _connect(self) -> Any:
        """A new connection of this backend."""

    @abc.abstractmethod
    def _begin(self, conn: Any) -> AbstractContextManager[Any]:
        """A context that opens a transaction on `conn` and yields a cursor."""

    @abc.abstractmethod
    def _insert_entry(self, tx: Tx, values: tuple) -> int:
        """Insert one row of `entries` and return its server_seq."""

    @abc.abstractmethod
    def _reserve_seqs(self, tx: Tx, count: int) -> list[int]:
        """`count` new server sequence numbers, ascending (inside the city lock)."""

    @abc.abstractmethod
    def _lock_city(self, tx: Tx, city: str) -> None:
        """Serialise writers of one city's entries."""

    @abc.abstractmethod
    def compact(self) -> None:
        """Reclaim the space of erased data so that no trace of it stays in the files."""

    def _is_temporary(self, error: Exception) -> bool:
        return False

    # -- connections and transactions ---------------------------------------------------------

    def connection(self) -> Any:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._connect()
            self._local.conn = conn
            with self._connections_lock:
                self._all_connections.append(conn)
        return conn

    @contextmanager
    def transaction(self) -> Iterator[Tx]:
        """One transaction; busy or unreachable databases become TemporaryFailure."""
        conn = self.connection()
        try:
            with self._begin(conn) as cursor:
                yield Tx(self, cursor)
        except StorageError:
            raise
        except Exception as error:
            if self._is_temporary(error):
                self._drop_connection_if_broken(conn)
                raise TemporaryFailure(str(error)) from error
            raise

    def _drop_connection_if_broken(self, conn: Any) -> None:
        if getattr(conn, "closed", False):
            self._local.conn = None

    def close(self) -> None:
        with self._connections_lock:
            for conn in self._all_connections:
                with contextlib.suppress(Exception):  # it may already be gone
                    conn.close()
            self._all_connections.clear()
        self._local = threading.local()

    def initialise(self) -> None:
        """Create the tables (idempotent) and the epoch on first use."""
        with self.transaction() as tx:
            for statement in self._schema_statements():
                tx.execute(statement)
            if tx.one("SELECT value FROM server_meta WHERE key = 'epoch'") is None:
                tx.execute("INSERT INTO server_meta (key, value) VALUES ('epoch', ?)", [uuid7()])

    @abc.abstractmethod
    def _schema_statements(self) -> list[str]:
        """The DDL of this backend."""

    # -- epoch ---------------------------------------------------------------------------------

    def epoch(self) -> str:
        with self.transaction() as tx:
            return self._epoch(tx)

    def _epoch(self, tx: Tx) -> str:
        row = tx.one("SELECT value FROM server_meta WHERE key = 'epoch'")
        if row is None:
            raise StorageError("the database has not been initialised")
        return row[0]

    def new_epoch(self) -> str:
        """Start a new epoch (after restoring a backup): every desk pulls everything again."""
        epoch = uuid7()
        with self.transaction() as tx:
            tx.execute("UPDATE server_meta SET value = ? WHERE key = 'epoch'", [epoch])
        return epoch

    # -- enrolment and desks -------------------------------------------------------------------

    def create_enroll_code(self, desk_name: str, city: str = DEFAULT_CITY, ttl_s: int = 900) -> str:
        """A one-time enrolment code for one desk of `city`, valid for `ttl_s` seconds."""
        raw = "".join(secrets.choice(ENROLL_CODE_ALPHABET) for _ in range(12))
        code = f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"
        with self.transaction() as tx:
            tx.execute(
                "INSERT INTO enroll_codes (code_hash, city, desk_name, expires_at_ms)"
                " VALUES (?, ?, ?, ?)",
                [token_hash(normalise_code(code)), city, desk_name, now_ms() + ttl_s * 1000],
            )
        return code

    def enroll(self, code: str) -> dict[str, str]:
        """Use a code once: a new desk id and token (only the token's hash is kept)."""
        code_hash = token_hash(normalise_code(code))
        with self.transaction() as tx:
            row = tx.one(
                "SELECT city, desk_name, expires_at_ms, used_at_ms FROM enroll_codes"
                " WHERE code_hash = ?",
                [code_hash],
            )
            if row is None or row[3] is not None or row[2] < now_ms():
                raise EnrollRefused("登録コードが正しくないか、使用済みか、期限が切れています。")
            city, desk_name = row[0], row[1]
            desk_id, token = uuid7(), secrets.token_urlsafe(32)
            tx.execute(
                "UPDATE enroll_codes SET used_at_ms = ? WHERE code_hash = ?", [now_ms(), code_hash]
            )
            tx.execute(
                "INSERT INTO desks (desk_id, city, name, token_hash, enrolled_at_ms)"
                " VALUES (?, ?, ?, ?, ?)",
                [desk_id, city, desk_name, token_hash(token), now_ms()],
            )
            epoch = self._epoch(tx)
        return {"desk_id": desk_id, "token": token, "epoch": epoch, "city": city}

    def authenticate(self, token: str) -> Desk:
        """The desk a bearer token belongs to; AuthRefused when unknown or revoked."""
        with self.transaction() as tx:
            row = tx.one(
                "SELECT desk_id, city, name, revoked_at_ms, last_seq FROM desks"
                " WHERE token_hash = ?",
                [token_hash(token)],
            )
        if row is None:
            raise AuthRefused(protocol.ERROR_AUTH, "この端末は登録されていません。")
        if row[3] is not None:
            raise AuthRefused(
                protocol.ERROR_REVOKED,
                "この端末の登録は取り消されました。市の担当者に新しい登録コードを依頼してください。",
            )
        return Desk(row[0], row[1], row[2], False, int(row[4]))

    def revoke(self, desk_id: str) -> bool:
        """Revoke a desk's token; False when there is no such desk."""
        with self.transaction() as tx:
            found = tx.one("SELECT 1 FROM desks WHERE desk_id = ?", [desk_id])
            if found:
                tx.execute(
                    "UPDATE desks SET revoked_at_ms = ? WHERE desk_id = ? AND revoked_at_ms IS NULL",
                    [now_ms(), desk_id],
                )
        return found is not None

    def desks(self, city: str) -> list[dict[str, Any]]:
        """The desks of one city with their last sync and queue length (for the status page)."""
        with self.transaction() as tx:
            rows = tx.execute(
                "SELECT desk_id, name, enrolled_at_ms, revoked_at_ms, last_seq, last_push_ms,"
                " last_pull_ms, pending FROM desks WHERE city = ? ORDER BY name, desk_id",
                [city],
            )
        keys = (
            "desk_id",
            "name",
            "enrolled_at_ms",
            "revoked_at_ms",
            "last_seq",
            "last_push_ms",
            "last_pull_ms",
            "pending",
        )
        return [dict(zip(keys, row, strict=True)) for row in rows]

    def cities(self) -> list[str]:
        with self.transaction() as tx:
            rows = tx.execute("SELECT DISTINCT city FROM desks ORDER BY city")
        return [row[0] for row in rows]

    # -- push ----------------------------------------------------------------------------------

    def push(
        self,
        desk: Desk,
        changes: list[protocol.Change],
        *,
        pull_cursor: int = 0,
        desk_acked_seq: int = 0,
        desk_next_seq: int | None = None,
        pending: int = 0,
    ) -> protocol.PushAnswer:
        """Merge a desk's batch of changes in one transaction (see docs/sync-protocol.md)."""
        changes = sorted(changes, key=lambda c: c.seq)
        with self.transaction() as tx:
            self._lock_city(tx, desk.city)
            row = tx.one("SELECT last_seq FROM desks WHERE desk_id = ?", [desk.desk_id])
            last_seq = int(row[0]) if row else 0
            restored_from_backup = desk_acked_seq > last_seq
            if restored_from_backup:
                # The desk saw acknowledgements this database no longer has: it was restored
                # from a backup. A new epoch makes every desk pull everything again, and this
                # desk is asked (after the commit, below) to send again from what is here.
                tx.execute("UPDATE server_meta SET value = ? WHERE key = 'epoch'", [uuid7()])
                fresh, results, conflicts, acked = [], [], 0, last_seq
            elif desk_next_seq is not None and last_seq >= desk_next_seq:
                raise PushRefused(
                    protocol.ERROR_REENROL,
                    "この端末のデータベースはバックアップから戻されたか、複製されています。"
                    "登録し直してください。",
                )
            else:
                fresh, results, conflicts, acked = self._merge_batch(
                    tx, desk, changes, last_seq, pull_cursor
                )
            tx.execute(
                "UPDATE desks SET last_seq = ?, last_push_ms = ?, pending = ? WHERE desk_id = ?",
                [acked, now_ms(), max(0, pending - len(fresh)), desk.desk_id],
            )
        if restored_from_backup:
            raise PushRefused(
                protocol.ERROR_GAP,
                f"サーバーがバックアップから戻されました({last_seq + 1}番から送り直してください)。",
                expected_seq=last_seq + 1,
            )
        if any(r.status == protocol.APPLIED and r.reason == "erasure" for r in results):
            self.compact()
        return protocol.PushAnswer(acked_seq=acked, results=results, conflicts=conflicts)

    def _merge_batch(
        self, tx: Tx, desk: Desk, changes: list[protocol.Change], last_seq: int, pull_cursor: int
    ) -> tuple[list[protocol.Change], list[protocol.ChangeResult], int, int]:
        """Check and merge a batch: (new changes, their results, conflicts made, acked seq).

        The rows a batch touches are read in a few queries and its writes go out in a few
        `executemany` calls (one round trip each on PostgreSQL), not statement by statement.
        """
        fresh = self._check_sequence(tx, desk, changes, last_seq)
        merge = BatchMerge(self, tx, desk, pull_cursor)
        merge.prefetch(fresh)
        results: list[protocol.ChangeResult] = []
        for change in fresh:
            result = merge.merge(change)
            if result is not None:
                results.append(result)
        merge.flush()
        tx.executemany(
            "INSERT INTO received (desk_id, seq, digest) VALUES (?, ?, ?)",
            [(desk.desk_id, c.seq, c.digest()) for c in fresh],
        )
        return fresh, results, merge.conflicts, fresh[-1].seq if fresh else last_seq

    def _check_sequence(
        self, tx: Tx, desk: Desk, changes: list[protocol.Change], last_seq: int
    ) -> list[protocol.Change]:
        """The changes not yet received, after checking that re-sent ones are the same and
        that the new ones follow on without a gap."""
        resent = [c for c in changes if c.seq <= last_seq]
        if resent:
            digests = dict(
                tx.execute(
                    f"SELECT seq, digest FROM received WHERE desk_id = ? AND seq IN "
                    f"({', '.join('?' for _ in resent)})",
                    [desk.desk_id, *[c.seq for c in resent]],
                )
            )
            for change in resent:
                known = digests.get(change.seq)
                if known is not None and known != change.digest():
                    raise PushRefused(
                        protocol.ERROR_REENROL,
                        "この端末の送信済みの変更と食い違っています(データベースが複製または"
                        "復元されています)。登録し直してください。",
                    )
        fresh = [c for c in changes if c.seq > last_seq]
        expected = last_seq + 1
        for change in fresh:
            if change.seq != expected:
                raise PushRefused(
                    protocol.ERROR_GAP,
                    f"変更の番号が飛んでいます({expected}番から送ってください)。",
                    expected_seq=last_seq + 1,
                )
            expected += 1
        return fresh

    def _record_conflict(
        self,
        tx: Tx,
        city: str,
        table: str,
        row_id: str,
        field: str,
        kept_value: str,
        kept_stamp: str,
        kept_desk: str,
        lost_value: str,
        lost_stamp: str,
        lost_desk: str,
    ) -> int:
        """Keep a losing value for a coordinator, once (a re-sent change makes no copy)."""
        conflict_id = hashlib.sha256(
            "\x1f".join([city, table, row_id, field, kept_stamp, lost_stamp]).encode()
        ).hexdigest()[:32]
        if tx.one("SELECT 1 FROM conflicts WHERE id = ?", [conflict_id]):
            return 0
        created = now_ms()
        tx.execute(
            "INSERT INTO conflicts (id, city, table_name, row_id, field, kept_value, kept_stamp,"
            " kept_desk, lost_value, lost_stamp, lost_desk, created_ms)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                conflict_id,
                city,
                table,
                row_id,
                field,
                kept_value,
                kept_stamp,
                kept_desk,
                lost_value,
                lost_stamp,
                lost_desk,
                created,
            ],
        )
        names = dict(
            tx.execute(
                "SELECT desk_id, name FROM desks WHERE desk_id IN (?, ?)", [kept_desk, lost_desk]
            )
        )
        payload = {
            "id": conflict_id,
            "kept_desk_name": names.get(kept_desk, ""),
            "lost_desk_name": names.get(lost_desk, ""),
            "field": field,
            "kept_value": json.loads(kept_value),
            "kept_stamp": kept_stamp,
            "kept_desk": kept_desk,
            "lost_value": json.loads(lost_value),
            "lost_stamp": lost_stamp,
            "lost_desk": lost_desk,
            "created_ms": created,
        }
        # Broadcast (desk_id '') so every desk of the city, the two involved too, sees it.
        self._insert_entry(
            tx, (city, protocol.KIND_CONFLICT, table, row_id, "", canonical(payload), created)
        )
        return 1

    def conflicts(self, city: str) -> list[dict[str, Any]]:
        """The conflict copies of one city, newest first."""
        with self.transaction() as tx:
            rows = tx.execute(
                "SELECT id, table_name, row_id, field, kept_value, kept_stamp, kept_desk,"
                " lost_value, lost_stamp, lost_desk, created_ms FROM conflicts WHERE city = ?"
                " ORDER BY created_ms DESC, id",
                [city],
            )
        keys = (
            "id",
            "table",
            "row_id",
            "field",
            "kept_value",
            "kept_stamp",
            "kept_desk",
            "lost_value",
            "lost_stamp",
            "lost_desk",
            "created_ms",
        )
        result = []
        for row in rows:
            item = dict(zip(keys, row, strict=True))
            item["kept_value"] = json.loads(item["kept_value"])
            item["lost_value"] = json.loads(item["lost_value"])
            result.append(item)
        return result

    # -- erasure -------------------------------------------------------------------------------

    def erase(self, city: str, resident_id: str) -> None:
        """Erase a person of `city` (admin command); desks receive the erasure by pull."""
        with self.transaction() as tx:
            self._lock_city(tx, city)
            self._erase(tx, city, resident_id)
        self.compact()

    def _erase(self, tx: Tx, city: str, resident_id: str) -> None:
        """Blank every personal field of the person in values, entries and conflict copies,
        remember the erasure, and queue it for every desk of the city."""
        if tx.one("SELECT 1 FROM erasures WHERE city = ? AND resident_id = ?", [city, resident_id]):
            return
        tx.execute(
            "INSERT INTO erasures (city, resident_id, erased_at_ms) VALUES (?, ?, ?)",
            [city, resident_id, now_ms()],
        )
        for target in protocol.erasure_targets():
            if target.resident_field == "id":
                row_ids = [resident_id]
            else:
                row_ids = [
                    row[0]
                    for row in tx.execute(
                        "SELECT row_id FROM field_values WHERE city = ? AND table_name = ?"
                        " AND field = ? AND value = ?",
                        [city, target.table, target.resident_field, canonical(resident_id)],
                    )
                ]
            personal = set(target.personal_fields)
            whole_row = target.resident_field == "id"
            for row_id in row_ids:
                if whole_row:
                    # The person's own row keeps only its tombstone.
                    tx.execute(
                        "DELETE FROM field_values WHERE city = ? AND table_name = ? AND row_id = ?"
                        " AND field <> 'deleted'",
                        [city, target.table, row_id],
                    )
                    tx.execute(
                        "UPDATE field_values SET value = '1' WHERE city = ? AND table_name = ?"
                        " AND row_id = ? AND field = 'deleted'",
                        [city, target.table, row_id],
                    )
                elif personal:
                    tx.execute(
                        f"DELETE FROM field_values WHERE city = ? AND table_name = ? AND"
                        f" row_id = ? AND field IN ({', '.join('?' for _ in personal)})",
                        [city, target.table, row_id, *sorted(personal)],
                    )
                tx.execute(
                    "DELETE FROM conflicts WHERE city = ? AND table_name = ? AND row_id = ?",
                    [city, target.table, row_id],
                )
                for server_seq, kind, fields_text in tx.execute(
                    "SELECT server_seq, kind, fields FROM entries WHERE city = ? AND"
                    " table_name = ? AND row_id = ?",
                    [city, target.table, row_id],
                ):
                    if kind == protocol.KIND_CONFLICT:
                        tx.execute("DELETE FROM entries WHERE server_seq = ?", [server_seq])
                        continue
                    fields = json.loads(fields_text)
                    kept = {
                        k: v
                        for k, v in fields.items()
                        if (k == "deleted" if whole_row else k not in personal)
                    }
                    tx.execute(
                        "UPDATE entries SET fields = ? WHERE server_seq = ?",
                        [canonical(kept), server_seq],
                    )
        self._insert_entry(
            tx,
            (city, protocol.KIND_ERASURE, "residents", resident_id, "", "{}", now_ms()),
        )

    # -- pull ----------------------------------------------------------------------------------

    def pull(self, desk: Desk, since: int, limit: int) -> protocol.PullPage:
        """Other desks' entries of the desk's city after `since`, in sequence order."""
        limit = max(1, min(limit, protocol.MAX_PULL_LIMIT))
        with self.transaction() as tx:
            epoch = self._epoch(tx)
            rows = tx.execute(
                "SELECT server_seq, kind, table_name, row_id, desk_id, fields FROM entries"
                " WHERE city = ? AND server_seq > ? AND desk_id <> ? ORDER BY server_seq LIMIT ?",
                [desk.city, since, desk.desk_id, limit],
            )
            tx.execute(
                "UPDATE desks SET last_pull_ms = ? WHERE desk_id = ?", [now_ms(), desk.desk_id]
            )
        entries = [
            protocol.PulledEntry(
                server_seq=int(row[0]),
                kind=row[1],
                table=row[2],
                row_id=row[3],
                desk_id=row[4],
                fields=json.loads(row[5]),
            )
            for row in rows
        ]
        next_since = entries[-1].server_seq if entries else since
        return protocol.PullPage(epoch, entries, next_since, len(entries) == limit)

    # -- reading the merged data (status, tests, reports) --------------------------------------

    def rows(self, city: str, table: str) -> dict[str, dict[str, Any]]:
        """Every row of one table of a city as {row_id: {field: value}}."""
        with self.transaction() as tx:
            found = tx.execute(
                "SELECT row_id, field, value FROM field_values WHERE city = ? AND table_name = ?",
                [city, table],
            )
        result: dict[str, dict[str, Any]] = {}
        for row_id, name, value in found:
            result.setdefault(row_id, {})[name] = json.loads(value)
        return result

    def change_count(self) -> int:
        """How many change entries the server holds (all cities)."""
        with self.transaction() as tx:
            row = tx.one("SELECT count(*) FROM entries WHERE kind = ?", [protocol.KIND_CHANGE])
        return int(row[0]) if row else 0


def normalise_code(code: str) -> str:
    """Codes are typed by people: ignore case, spaces and dashes."""
    return "".join(ch for ch in code.upper() if ch.isalnum())


class SqliteStorage(Storage):
    """One SQLite file (WAL); the default for one city."""

    backend = "sqlite"

    def __init__(self, url: str, lock_timeout_ms: int = 5000) -> None:
        super().__init__(url, lock_timeout_ms)
        self.path = Path(sqlite_path(url))
        owner_only(self.path)

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(str(self.path), isolation_level=None, check_same_thread=False)
        conn.execute(f"PRAGMA busy_timeout = {int(self.lock_timeout_ms)}")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        return conn

    @contextmanager
    def _begin(self, conn: sqlite3.Connection) -> Iterator[sqlite3.Cursor]:
        cursor = conn.cursor()
        # IMMEDIATE takes the write lock at once: writers queue instead of failing mid-way.
        cursor.execute("BEGIN IMMEDIATE")
        try:
            yield cursor
        except BaseException:
            conn.rollback()
            raise
        else:
            conn.commit()
        finally:
            cursor.close()

    def _schema_statements(self) -> list[str]:
        return [
            *SCHEMA_STATEMENTS,
            ENTRIES_TABLE.format(serial="INTEGER PRIMARY KEY AUTOINCREMENT"),
            *ENTRIES_INDEXES,
        ]

    def _insert_entry(self, tx: Tx, values: tuple) -> int:
        tx.cursor.execute(
            "INSERT INTO entries (city, kind, table_name, row_id, desk_id, fields, created_ms)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            values,
        )
        return int(tx.cursor.lastrowid)

    def _lock_city(self, tx: Tx, city: str) -> None:
        """Nothing to do: BEGIN IMMEDIATE already makes one writer at a time."""

    def _reserve_seqs(self, tx: Tx, count: int) -> list[int]:
        # One writer at a time: the numbers after the highest ever used are free. Inserting
        # them explicitly moves AUTOINCREMENT's counter past them.
        row = tx.one("SELECT seq FROM sqlite_sequence WHERE name = 'entries'")
        base = int(row[0]) if row else 0
        return list(range(base + 1, base + 1 + count))

    def _is_temporary(self, error: Exception) -> bool:
        return isinstance(error, sqlite3.OperationalError) and (
            "locked" in str(error) or "busy" in str(error)
        )

    def compact(self) -> None:
        conn = self.connection()
        conn.execute("VACUUM")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


class PostgresStorage(Storage):
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
    def _begin(self, conn: Any) -> Iterator[Any]:
        with conn.transaction(), conn.cursor() as cursor:
            yield cursor

    def _schema_statements(self) -> list[str]:
        return [
            *SCHEMA_STATEMENTS,
            ENTRIES_TABLE.format(serial="BIGSERIAL PRIMARY KEY"),
            *ENTRIES_INDEXES,
        ]

    def initialise(self) -> None:
        # Two servers starting at once on an empty database must not both create the tables.
        conn = self.connection()
        with conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(4242)")
        super().initialise()

    def _insert_entry(self, tx: Tx, values: tuple) -> int:
        tx.cursor.execute(
            "INSERT INTO entries (city, kind, table_name, row_id, desk_id, fields, created_ms)"
            " VALUES (%s, %s, %s, %s, %s, %s, %s) RETURNING server_seq",
            values,
        )
        return int(tx.cursor.fetchone()[0])

    def _reserve_seqs(self, tx: Tx, count: int) -> list[int]:
        rows = tx.execute(
            "SELECT nextval(pg_get_serial_sequence('entries', 'server_seq'))"
            " FROM generate_series(1, ?) ORDER BY 1",
            [count],
        )
        return [int(row[0]) for row in rows]

    def _lock_city(self, tx: Tx, city: str) -> None:
        key = int.from_bytes(hashlib.sha256(city.encode()).digest()[:8], "big", signed=True)
        tx.cursor.execute("SELECT pg_advisory_xact_lock(%s)", [key])

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

    def compact(self) -> None:
        conn = self.connection()
        # VACUUM FULL rewrites the tables into new files, leaving no erased value in them.
        for table in ("field_values", "entries", "conflicts"):
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


def sqlite_path(url: str) -> str:
    """The file path of a `sqlite:///path` URL (`sqlite:////abs` or `sqlite:///rel`)."""
    return url[len("sqlite:///") :]


def open_storage(url: str, lock_timeout_ms: int = 5000) -> Storage:
    """The storage for a database URL, initialised: `sqlite:///path` or `postgresql://…`."""
    if url.startswith("sqlite:///"):
        storage: Storage = SqliteStorage(url, lock_timeout_ms)
    elif url.startswith(("postgresql://", "postgres://")):
        storage = PostgresStorage(url, lock_timeout_ms)
    else:
        raise ValueError(f"unsupported database URL {url!r}: use sqlite:///path or postgresql://…")
    storage.initialise()
    return storage


class BatchMerge:
    """Merges one push batch field by field (docs/sync-protocol.md, push rule 7).

    Holds the current values of the rows the batch touches (read up front), applies each change
    to them in seq order, and writes the winners at the end with `flush`.
    """

    def __init__(self, storage: Storage, tx: Tx, desk: Desk, pull_cursor: int) -> None:
        self.storage = storage
        self.tx = tx
        self.desk = desk
        self.pull_cursor = pull_cursor
        self.conflicts = 0
        # (table, row id) → field → [value JSON, stamp, desk id, server seq or None (this batch)]
        self.rows: dict[tuple[str, str], dict[str, list[Any]]] = {}
        self.erased: set[str] = set()
        self.checked_residents: set[str] = set()
        self.pending_entries: list[tuple[str, str, str]] = []  # (table, row id, fields JSON)
        self.pending_values: list[tuple[int, str, str, str, str, str]] = []

    def prefetch(self, changes: list[protocol.Change]) -> None:
        """Read the touched rows and the erasures that concern them, in a few queries."""
        keys = {(c.table, c.row_id) for c in changes if c.table != protocol.ERASURE_TABLE}
        ids = sorted({row_id for _, row_id in keys})
        for key in keys:
            self.rows.setdefault(key, {})
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            for table, row_id, field, value, stamp, desk_id, server_seq in self.tx.execute(
                "SELECT table_name, row_id, field, value, stamp, desk_id, server_seq"
                f" FROM field_values WHERE city = ? AND row_id IN ({', '.join('?' for _ in chunk)})",
                [self.desk.city, *chunk],
            ):
                if (table, row_id) in keys:
                    self.rows[(table, row_id)][field] = [value, stamp, desk_id, int(server_seq)]
        people = sorted({p for c in changes if (p := self.resident_of(c))})
        for start in range(0, len(people), 500):
            chunk = people[start : start + 500]
            self.erased.update(
                row[0]
                for row in self.tx.execute(
                    "SELECT resident_id FROM erasures WHERE city = ? AND resident_id IN"
                    f" ({', '.join('?' for _ in chunk)})",
                    [self.desk.city, *chunk],
                )
            )
        self.checked_residents.update(people)

    def row(self, table: str, row_id: str) -> dict[str, list[Any]]:
        key = (table, row_id)
        if key not in self.rows:
            self.rows[key] = {
                field: [value, stamp, desk_id, int(server_seq)]
                for field, value, stamp, desk_id, server_seq in self.tx.execute(
                    "SELECT field, value, stamp, desk_id, server_seq FROM field_values"
                    " WHERE city = ? AND table_name = ? AND row_id = ?",
                    [self.desk.city, table, row_id],
                )
            }
        return self.rows[key]

    def resident_of(self, change: protocol.Change) -> str | None:
        """The person a change is about, by the schema's resident_field."""
        for target in protocol.erasure_targets():
            if target.table != change.table:
                continue
            if target.resident_field == "id":
                return change.row_id
            pair = change.fields.get(target.resident_field)
            if isinstance(pair, list) and pair:
                return str(pair[0]) if pair[0] else None
            stored = self.row(change.table, change.row_id).get(target.resident_field)
            return json.loads(stored[0]) if stored else None
        return None

    def is_erased(self, resident_id: str) -> bool:
        if resident_id not in self.checked_residents:
            self.checked_residents.add(resident_id)
            if self.tx.one(
                "SELECT 1 FROM erasures WHERE city = ? AND resident_id = ?",
                [self.desk.city, resident_id],
            ):
                self.erased.add(resident_id)
        return resident_id in self.erased

    def merge(self, change: protocol.Change) -> protocol.ChangeResult | None:
        """Merge one change; its result, or None when it simply applied."""

        def rejected(reason: str) -> protocol.ChangeResult:
            return protocol.ChangeResult(change.seq, protocol.REJECTED, reason)

        if change.size() > protocol.MAX_CHANGE_BYTES:
            return rejected("too_large")
        if not protocol.SCHEMA_MIN <= change.schema_version <= protocol.SCHEMA_MAX:
            return rejected("schema")
        if change.table == protocol.ERASURE_TABLE:
            self.flush()
            self.storage._erase(self.tx, self.desk.city, change.row_id)
            self.rows.clear()  # erasure rewrote rows: read them again when needed
            self.erased.add(change.row_id)
            return protocol.ChangeResult(change.seq, protocol.APPLIED, "erasure")
        known_fields = protocol.synced_fields().get(change.table)
        if known_fields is None:
            return rejected("unknown_table")
        if not change.row_id or len(change.row_id) > 200:
            return rejected("bad_row_id")
        for name, pair in change.fields.items():
            if name not in known_fields:
                return rejected("unknown_field")
            if not isinstance(pair, list) or len(pair) != 2 or not isinstance(pair[1], str):
                return rejected("bad_field")
            if not STAMP_PATTERN.match(pair[1]):
                return rejected("bad_stamp")
        resident_id = self.resident_of(change)
        if resident_id and self.is_erased(resident_id):
            return protocol.ChangeResult(
                change.seq, protocol.ERASED, "erased", resident_id=resident_id
            )
        latest_allowed = now_ms() + protocol.MAX_FUTURE_STAMP_MS
        if any(Stamp.parse(stamp).wall_ms > latest_allowed for _, stamp in change.fields.values()):
            # A stamp from far in the future would win every later edit of the field and drag
            # every desk's clock along: it can never apply.
            return rejected("future_stamp")
        existing = self.row(change.table, change.row_id)
        if not existing and not change.created:
            return rejected("unknown_row")
        desk_id = self.desk.desk_id
        winners: dict[str, list[Any]] = {}
        superseded: dict[str, list[Any]] = {}
        for name, (value, stamp) in change.fields.items():
            new_text = canonical(value)
            old = existing.get(name)
            if old is None:
                winners[name] = [value, stamp]
                existing[name] = [new_text, stamp, desk_id, None]
                continue
            old_text, old_stamp, old_desk, old_seq = old
            if stamp == old_stamp:
                continue  # the same edit again
            differs = old_text != new_text and old_desk != desk_id
            if stamp > old_stamp:
                winners[name] = [value, stamp]
                existing[name] = [new_text, stamp, desk_id, None]
                if differs and old_seq is not None and old_seq > self.pull_cursor:
                    # The desk had not seen the value it overwrites: a concurrent edit.
                    self.conflicts += self.storage._record_conflict(
                        self.tx,
                        self.desk.city,
                        change.table,
                        change.row_id,
                        name,
                        new_text,
                        stamp,
                        desk_id,
                        old_text,
                        old_stamp,
                        old_desk,
                    )
            else:
                superseded[name] = [json.loads(old_text), old_stamp]
                if differs:
                    self.conflicts += self.storage._record_conflict(
                        self.tx,
                        self.desk.city,
                        change.table,
                        change.row_id,
                        name,
                        old_text,
                        old_stamp,
                        old_desk,
                        new_text,
                        stamp,
                        desk_id,
                    )
        if winners:
            index = len(self.pending_entries)
            self.pending_entries.append((change.table, change.row_id, canonical(winners)))
            self.pending_values += [
                (index, change.table, change.row_id, name, canonical(value), stamp)
                for name, (value, stamp) in winners.items()
            ]
        if superseded:
            return protocol.ChangeResult(change.seq, protocol.APPLIED, superseded=superseded)
        return None

    def flush(self) -> None:
        """Write the winners gathered so far: their entries, then their field values."""
        if not self.pending_entries:
            return
        seqs = self.storage._reserve_seqs(self.tx, len(self.pending_entries))
        city, desk_id, created = self.desk.city, self.desk.desk_id, now_ms()
        self.tx.executemany(
            "INSERT INTO entries (server_seq, city, kind, table_name, row_id, desk_id, fields,"
            " created_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (seq, city, protocol.KIND_CHANGE, table, row_id, desk_id, fields, created)
                for seq, (table, row_id, fields) in zip(seqs, self.pending_entries, strict=True)
            ],
        )
        self.tx.executemany(
            "INSERT INTO field_values (city, table_name, row_id, field, value, stamp, desk_id,"
            " server_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (city, table_name,"
            " row_id, field) DO UPDATE SET value = excluded.value, stamp = excluded.stamp,"
            " desk_id = excluded.desk_id, server_seq = excluded.server_seq",
            [
                (city, table, row_id, name, value, stamp, desk_id, seqs[index])
                for index, table, row_id, name, value, stamp in self.pending_values
            ],
        )
        for values in self.rows.values():
            for cell in values.values():
                if cell[3] is None:
                    cell[3] = seqs[-1]
        self.pending_entries.clear()
        self.pending_values.clear()
