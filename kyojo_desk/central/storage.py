"""Storage of the central server: one object over the database and its parts.

- kyojo_desk.central.db: connections and transactions (SQLite or PostgreSQL)
- kyojo_desk.central.migrations: the schema, migrated in place at start-up
- kyojo_desk.central.desks: enrolment, tokens, revocation, epochs per city
- kyojo_desk.central.records: push (merge), pull, merged records, conflict copies
- kyojo_desk.central.erasure: erasure of a person and batched compaction
- kyojo_desk.central.figures: one city's figures for the status page
- kyojo_desk.central.city_projection: the city-wide view's counted facts, kept up with records
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from kyojo_desk.central.city_projection import CityProjection
from kyojo_desk.central.db import (
    Database,
    StorageError,
    TemporaryFailure,
    Tx,
    now_ms,
    open_database,
    sqlite_path,
)
from kyojo_desk.central.desks import DEFAULT_CITY, AuthRefused, Desk, Desks, EnrollRefused
from kyojo_desk.central.erasure import Compactor, Erasures
from kyojo_desk.central.figures import CityFigures, city_figures
from kyojo_desk.central.migrations import migrate
from kyojo_desk.central.records import PushRefused, Records
from kyojo_desk.sync import protocol

__all__ = [
    "DEFAULT_CITY",
    "AuthRefused",
    "Desk",
    "EnrollRefused",
    "PushRefused",
    "Storage",
    "StorageError",
    "TemporaryFailure",
    "now_ms",
    "open_storage",
    "sqlite_path",
]


class Storage:
    """What the HTTP API and the admin commands need, on either backend."""

    def __init__(self, database: Database) -> None:
        self.database = database
        self.backend = database.backend
        self.url = database.url
        self.desk_registry = Desks(database)
        self.erasures = Erasures(database)
        self.records = Records(database, self.erasures)
        self.city_projection = CityProjection(database)

    @contextmanager
    def transaction(self, write: bool = True) -> Iterator[Tx]:
        with self.database.transaction(write) as tx:
            yield tx

    def connection(self) -> Any:
        """This thread's connection to the database (for inspection in tests and tools)."""
        return self.database.connection()

    def close(self) -> None:
        self.database.close()

    # -- desks and epochs ----------------------------------------------------------------------

    def epoch(self, city: str = DEFAULT_CITY) -> str:
        return self.desk_registry.epoch(city)

    def new_epoch(self, city: str) -> str:
        return self.desk_registry.new_epoch(city)

    def create_enroll_code(self, desk_name: str, city: str = DEFAULT_CITY, ttl_s: int = 900) -> str:
        return self.desk_registry.create_enroll_code(desk_name, city, ttl_s)

    def enroll(self, code: str) -> dict[str, str]:
        return self.desk_registry.enroll(code)

    def authenticate(self, token: str) -> Desk:
        return self.desk_registry.authenticate(token)

    def revoke(self, desk_id: str) -> bool:
        return self.desk_registry.revoke(desk_id)

    def desks(self, city: str) -> list[dict[str, Any]]:
        return self.desk_registry.desks(city)

    def cities(self) -> list[str]:
        return self.desk_registry.cities()

    # -- changes and records -------------------------------------------------------------------

    def push(
        self, desk: Desk, request: protocol.PushRequest, clean_strings: bool = False
    ) -> protocol.PushAnswer:
        return self.records.push(desk, request, clean_strings)

    def pull(self, desk: Desk, since: int, limit: int) -> protocol.PullPage:
        return self.records.pull(desk, since, limit)

    def pull_json(self, desk: Desk, since: int, limit: int) -> bytes:
        """The pull page as the response body (JSON text, UTF-8)."""
        return self.records.pull_json(desk, since, limit)

    def rows(self, city: str, table: str) -> dict[str, dict[str, Any]]:
        return self.records.rows(city, table)

    def change_count(self) -> int:
        return self.records.change_count()

    def conflicts(self, city: str) -> list[dict[str, Any]]:
        return self.records.conflicts(city)

    def figures(self, city: str) -> CityFigures:
        return city_figures(self.database, city)

    # -- erasure -------------------------------------------------------------------------------

    def erase(self, city: str, resident_id: str) -> bool:
        """Erase a person of `city` (admin command) and compact at once; desks receive the
        erasure by pull. False when the person was erased before."""
        with self.database.transaction() as tx:
            tx.lock_city(city)
            erased = self.erasures.erase(tx, city, resident_id)
        self.city_projection.refresh(city)  # before compaction, which then clears it too
        self.erasures.compact()
        return erased

    def compact_if_due(self) -> bool:
        """Run the compaction erasures asked for since the last one (a background round)."""
        return self.erasures.compact_if_due()

    def compactor(self, interval_s: float = 60.0) -> Compactor:
        """The background round: the city-wide view's catch-up, then due compactions."""
        return Compactor(self.erasures, interval_s, before_round=self.city_projection.refresh_all)


def open_storage(url: str, lock_timeout_ms: int = 5000) -> Storage:
    """The storage for a database URL, migrated: `sqlite:///path` or `postgresql://…`."""
    database = open_database(url, lock_timeout_ms)
    migrate(database)
    return Storage(database)
