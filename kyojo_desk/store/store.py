"""The Store: the one way the desk reads and writes its database.

Intent-named methods take and return dataclasses. Every write to a synced table goes through
`Store.write`, which records the change in the change log inside the same transaction. Record
kinds add their methods as mixins (one module per kind) so this file stays the core.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any, ClassVar

from sqlite_utils import Database

from kyojo_desk.ids import uuid7
from kyojo_desk.store import erasure_ledger
from kyojo_desk.store.app_counts import AppCountsMixin
from kyojo_desk.store.audit import AuditMixin
from kyojo_desk.store.changelog import THIS_DESK, ChangeLog, RowStamps, local_now
from kyojo_desk.store.database import connect, migrate
from kyojo_desk.store.districts import DistrictsMixin
from kyojo_desk.store.events import EventsMixin
from kyojo_desk.store.help_log import HelpLogMixin
from kyojo_desk.store.ninaite import NinaiteMixin
from kyojo_desk.store.residents import (
    ResidentsMixin,
    born_trigger_suspended,
    index_new_residents,
    reindex_residents,
)
from kyojo_desk.store.rows import decode_row, encode_row
from kyojo_desk.store.schema import SYNCED_TABLES
from kyojo_desk.store.sync_state import SyncStateMixin


class Store(
    EventsMixin,
    NinaiteMixin,
    ResidentsMixin,
    DistrictsMixin,
    SyncStateMixin,
    AuditMixin,
    HelpLogMixin,
    AppCountsMixin,
):
    """The desk's database. Open with `Store.open(path)`; close with `close()`."""

    # table name → methods run inside the write's transaction after rows changed (local or
    # pulled; called once per write, bulk import or pulled page with the ids of the rows), e.g.
    # keeping the search index of residents up to date.
    after_write: ClassVar[dict[str, list[Callable[[Store, list[str]], None]]]] = {
        "residents": [reindex_residents],
    }
    # table name → one method for many new rows at once (create_rows), instead of `after_write`
    # per row: it gets (row id, synced values) of every row created.
    after_create_many: ClassVar[
        dict[str, Callable[[Store, list[tuple[str, dict[str, Any]]]], None]]
    ] = {
        "residents": index_new_residents,
    }
    # table name → what surrounds inserting many rows at once (a pulled page), given their ids:
    # per-row work of triggers done once for all of them instead.
    around_insert_many: ClassVar[
        dict[str, Callable[[Store, list[str]], AbstractContextManager[None]]]
    ] = {
        "residents": born_trigger_suspended,
    }

    def __init__(self, db: Database, path: Path | None = None, key: str | None = None) -> None:
        self.db = db
        self.path = path
        self.key = key  # the encryption key of an encrypted database (for its encrypted copies)
        # Rows being reported to `after_write` hooks that were just inserted: id → column values.
        self.just_created: dict[str, dict[str, Any]] = {}
        self.migration_copy = migrate(db, path, key)
        with db.atomic():
            desk_id = self.get_meta("desk_id")
            if desk_id is None:
                desk_id = uuid7()
                self.set_meta("desk_id", desk_id)
                self.set_meta("created_at", local_now())
        self.desk_id = desk_id
        self.changelog = ChangeLog(db, desk_id)
        erasure_ledger.after_open(self)  # erased people stay erased in a restored copy

    @classmethod
    def open(cls, path: str | Path, key: str | None = None) -> Store:
        """Open (creating and migrating as needed) the database at `path` or ':memory:'.

        With `key` (64 hex digits) the file is encrypted at rest (SQLCipher).
        """
        file_path = None if str(path) == ":memory:" else Path(path)
        return cls(connect(path, key), file_path, key)

    def close(self) -> None:
        self.db.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- desk meta (local, never synced) ------------------------------------------------------

    def get_meta(self, key: str, default: str | None = None) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
        return row[0] if row else default

    def set_meta(self, key: str, value: str) -> None:
        self.db.execute(
            "INSERT INTO meta(key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [key, value],
        )

    # -- the one write path for synced tables --------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[Database]:
        """One transaction (nested calls become savepoints)."""
        with self.db.atomic():
            yield self.db

    def write(self, table: str, row_id: str, values: dict[str, Any]) -> dict[str, Any]:
        """Create or update one row of a synced table and log the fields that changed.

        Values are Python values (lists for JSON fields). Returns the changed fields as stored.
        The row, its field stamps and its change-log entry are written in one transaction.
        """
        spec = SYNCED_TABLES[table]
        unknown = set(values) - set(spec.fields)
        if unknown:
            raise ValueError(f"{table} has no synced field(s) {sorted(unknown)}")
        encoded = encode_row(spec, values)
        with self.db.atomic():
            cursor = self.db.conn.execute(f"SELECT * FROM [{table}] WHERE id = ?", [row_id])
            existing = cursor.fetchone()
            if existing is None:
                changed = dict(encoded)
                changed.setdefault("deleted", 0)
                seq, stamp = self.changelog.record(table, row_id, changed, created=True)
                columns = ["id", *changed, "sync_stamp", "sync_origin"]
                self.db.conn.execute(
                    f"INSERT INTO [{table}] ({', '.join(f'[{c}]' for c in columns)}) "
                    f"VALUES ({', '.join('?' for _ in columns)})",
                    [row_id, *changed.values(), stamp, THIS_DESK],
                )
            else:
                names = [d[0] for d in cursor.description]
                current = dict(zip(names, existing, strict=True))
                changed = {k: v for k, v in encoded.items() if current.get(k) != v}
                if not changed:
                    return {}
                row_stamps = RowStamps.unpack(
                    spec, current["sync_stamp"], current["sync_origin"], current["sync_stamps"]
                )
                self.changelog.keep_old_values(table, row_stamps, current, changed)
                seq, stamp = self.changelog.record(table, row_id, changed)
                row_stamps.set(changed, (stamp, THIS_DESK))
                assignments = ", ".join(f"[{name}] = ?" for name in changed)
                self.db.conn.execute(
                    f"UPDATE [{table}] SET {assignments}, sync_stamp = ?, sync_origin = ?,"
                    " sync_stamps = ? WHERE id = ?",
                    [*changed.values(), *row_stamps.pack(), row_id],
                )
            self.run_after_write(table, [row_id])
        return changed

    def create_rows(self, table: str, rows: list[tuple[str, dict[str, Any]]]) -> None:
        """Create many new rows of one synced table at once (roster import, demo data).

        The same rows, stamps and change-log entries as calling `write` for each, in one
        transaction, with a few statements instead of several per row. Every row must be new
        and carry the same fields.
        """
        if not rows:
            return
        spec = SYNCED_TABLES[table]
        allowed = set(spec.fields)
        first_fields = list(rows[0][1])
        if set(first_fields) - allowed:
            raise ValueError(
                f"{table} has no synced field(s) {sorted(set(first_fields) - allowed)}"
            )
        first_keys = rows[0][1].keys()
        json_columns = [name in spec.json_fields for name in first_fields]
        add_deleted = "deleted" not in first_keys
        columns = ["id", *first_fields, *(["deleted"] if add_deleted else []), "sync_stamp"]
        columns.append("sync_origin")
        # The column values of each row as the tuple executemany takes, encoded as `encode_row`
        # does; an import repeats a few lists (no support needs, the same consent scopes), so
        # each different list is turned into JSON once.
        dumped: dict[tuple[str, ...], str] = {}
        encoded_rows: list[list[Any]] = []
        for row_id, values in rows:
            if values.keys() != first_keys:
                if set(values) - allowed:
                    raise ValueError(
                        f"{table} has no synced field(s) {sorted(set(values) - allowed)}"
                    )
                raise ValueError("create_rows needs the same fields in every row")
            encoded = [row_id]
            for name, is_json in zip(first_fields, json_columns, strict=True):
                value = values[name]
                if is_json:
                    value = [] if value is None else value
                    key = None  # only a list of texts is remembered (True and 1 are equal keys)
                    if type(value) is list and all(type(item) is str for item in value):
                        key = tuple(value)
                    text = None if key is None else dumped.get(key)
                    if text is None:
                        text = json.dumps(value, ensure_ascii=False)
                        if key is not None:
                            dumped[key] = text
                    value = text
                elif isinstance(value, bool):
                    value = int(value)
                encoded.append(value)
            if add_deleted:
                encoded.append(0)
            encoded_rows.append(encoded)
        new_stamp = self.changelog.new_stamp
        for encoded in encoded_rows:
            encoded += (new_stamp(), THIS_DESK)
        with self.db.atomic():
            self.db.conn.executemany(
                f"INSERT INTO [{table}] ({', '.join(f'[{c}]' for c in columns)}) "
                f"VALUES ({', '.join('?' for _ in columns)})",
                encoded_rows,
            )
            stamps = [encoded[-2] for encoded in encoded_rows]
            row_ids = [row_id for row_id, _ in rows]
            self.changelog.record_created_rows(table, row_ids, stamps)
            if table in self.after_create_many:
                self.after_create_many[table](self, [(r, dict(v)) for r, v in rows])
            else:
                self.run_after_write(table, row_ids)

    def run_after_write(
        self, table: str, row_ids: list[str], created: dict[str, dict[str, Any]] | None = None
    ) -> None:
        """The `after_write` hooks of `table` for `row_ids`. `created`: the column values of
        those rows just inserted with them (a pulled page's new rows; columns not named hold
        their defaults), which a hook may take from `just_created` instead of reading the
        rows back."""
        self.just_created = created or {}
        try:
            for hook in self.after_write.get(table, ()):
                hook(self, row_ids)
        finally:
            self.just_created = {}

    def get_row(self, table: str, row_id: str) -> dict[str, Any] | None:
        """One row of a synced table, JSON fields decoded; None when there is no such row."""
        rows = list(self.db.query(f"SELECT * FROM [{table}] WHERE id = ?", [row_id]))
        return decode_row(SYNCED_TABLES[table], rows[0]) if rows else None

    def pending_changes(self) -> int:
        """How many changes wait in the outbox to be acknowledged. Seqs rise by one without
        gaps, so the next seq says it without reading the outbox."""
        acked = int(self.get_meta("acked_seq") or 0)
        return max(0, self.changelog.next_seq() - 1 - acked)
