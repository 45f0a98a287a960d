"""Erasure of a person on the central server, and the compaction that removes their traces.

Erasing blanks the person's personal fields in every record about them (their own resident
record keeps only its tombstone), removes conflict copies of those records, remembers the
erasure (later changes about the person are answered `erased`) and logs it so every desk of
the city erases too. Compaction (which makes the databases' files forget the old bytes) is
batched: a push that erases only marks it due, and a background thread runs it at most once
per interval, so no request ever waits for it and no desk can make the server compact at will.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable

from kyojo_desk.central.city_projection import PROJECTION_TABLES
from kyojo_desk.central.db import Database, Tx, now_ms
from kyojo_desk.store.schema import SYNCED_TABLES
from kyojo_desk.sync import protocol

log = logging.getLogger(__name__)
# The city-wide view's projection copies district and birth date: it is compacted too.
COMPACTED_TABLES = ("records", "city_log", "conflicts", *PROJECTION_TABLES)


class Erasures:
    def __init__(self, database: Database) -> None:
        self.database = database
        self._due = threading.Event()
        self._compact_lock = threading.Lock()

    def erased_among(
        self, tx: Tx, city: str, resident_ids: list[str], city_has_erasures: bool = True
    ) -> set[str]:
        """Which of these people of `city` were erased (`city_has_erasures` False: the caller
        knows nobody of the city was, and nothing is looked up)."""
        found: set[str] = set()
        if not resident_ids or not city_has_erasures:
            return found
        for start in range(0, len(resident_ids), 500):
            chunk = resident_ids[start : start + 500]
            found.update(
                row[0]
                for row in tx.execute(
                    "SELECT resident_id FROM erasures WHERE city = ? AND resident_id IN"
                    f" ({', '.join('?' * len(chunk))})",
                    [city, *chunk],
                )
            )
        return found

    def erase(self, tx: Tx, city: str, resident_id: str) -> bool:
        """Erase a person of `city` inside `tx` (which holds the city's lock). False when the
        person was erased before (nothing to do)."""
        from kyojo_desk.central.records import RowState, next_seqs

        if tx.one("SELECT 1 FROM erasures WHERE city = ? AND resident_id = ?", [city, resident_id]):
            return False
        now = now_ms()
        tx.execute(
            "INSERT INTO erasures (city, resident_id, erased_at_ms) VALUES (?, ?, ?)",
            [city, resident_id, now],
        )
        rows = tx.execute(
            "SELECT table_name, row_id, fields, stamp, desk_id, seq, exceptions FROM records"
            " WHERE city = ? AND resident_id = ?",
            [city, resident_id],
        )
        updates = []
        for table, row_id, fields, stamp, desk_id, seq, exceptions in rows:
            spec = SYNCED_TABLES.get(table)
            if spec is None:
                continue
            state = RowState.unpack(fields, stamp, desk_id, seq, exceptions)
            if spec.resident_field == "id":
                # The person's own record keeps only its tombstone.
                keep = {"deleted"}
                state.values["deleted"] = 1
            else:
                keep = set(state.values) - set(spec.personal_fields)
            state.values = {k: v for k, v in state.values.items() if k in keep}
            state.origins = {k: o for k, o in state.origins.items() if k in keep}
            if not state.origins:
                state.origins = {"deleted": (int(stamp), desk_id, int(seq))}
                state.values.setdefault("deleted", 1)
            packed, (row_stamp, row_desk, row_seq), packed_exceptions = state.pack()
            # The person's id stays only on their own tombstone, where it is the row's id.
            person = resident_id if spec.resident_field == "id" else None
            updates.append(
                (
                    packed,
                    row_stamp,
                    row_desk,
                    row_seq,
                    packed_exceptions,
                    person,
                    city,
                    table,
                    row_id,
                )
            )
            tx.execute(
                "DELETE FROM conflicts WHERE city = ? AND table_name = ? AND row_id = ?",
                [city, table, row_id],
            )
            tx.execute(
                "DELETE FROM city_log WHERE city = ? AND kind = ? AND table_name = ?"
                " AND row_id = ?",
                [city, protocol.KIND_CONFLICT, table, row_id],
            )
        tx.executemany(
            "UPDATE records SET fields = ?, stamp = ?, desk_id = ?, seq = ?, exceptions = ?,"
            " resident_id = ? WHERE city = ? AND table_name = ? AND row_id = ?",
            updates,
        )
        seq = next_seqs(tx, city, 1)
        tx.execute(
            "INSERT INTO city_log (city, server_seq, kind, table_name, row_id, fields, created_ms)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            [city, seq, protocol.KIND_ERASURE, "residents", resident_id, json.dumps({}), now],
        )
        return True

    def unshare(self, tx: Tx, city: str, resident_id: str, desk_id: str) -> None:
        """A person of `city` stopped sharing with the city: blank every field their stub
        withholds in every record about them (kyojo_desk/sync/consent.py), drop conflict copies
        of those records, and log it so the city's other desks blank them too; `desk_id`, where
        the person consented, keeps the full record."""
        from kyojo_desk.central.records import RowState, next_seqs
        from kyojo_desk.sync.consent import fields_withheld

        rows = tx.execute(
            "SELECT table_name, row_id, fields, stamp, desk_id, seq, exceptions FROM records"
            " WHERE city = ? AND resident_id = ?",
            [city, resident_id],
        )
        updates = []
        for table, row_id, fields, stamp, origin, seq, exceptions in rows:
            if table not in SYNCED_TABLES:
                continue
            withheld = fields_withheld(table)
            state = RowState.unpack(fields, stamp, origin, seq, exceptions)
            state.values = {k: v for k, v in state.values.items() if k not in withheld}
            state.origins = {k: o for k, o in state.origins.items() if k not in withheld}
            if not state.origins:
                continue
            packed, (row_stamp, row_desk, row_seq), packed_exceptions = state.pack()
            updates.append(
                (packed, row_stamp, row_desk, row_seq, packed_exceptions, city, table, row_id)
            )
            tx.execute(
                "DELETE FROM conflicts WHERE city = ? AND table_name = ? AND row_id = ?",
                [city, table, row_id],
            )
        tx.executemany(
            "UPDATE records SET fields = ?, stamp = ?, desk_id = ?, seq = ?, exceptions = ?"
            " WHERE city = ? AND table_name = ? AND row_id = ?",
            updates,
        )
        seq = next_seqs(tx, city, 1)
        tx.execute(
            "INSERT INTO city_log (city, server_seq, kind, table_name, row_id, fields, created_ms)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                city,
                seq,
                protocol.KIND_UNSHARE,
                "residents",
                resident_id,
                json.dumps({"desk_id": desk_id}),
                now_ms(),
            ],
        )

    # -- compaction ----------------------------------------------------------------------------

    def compaction_due(self) -> None:
        """Ask for a compaction in the next background round."""
        self._due.set()

    def is_due(self) -> bool:
        """Whether an erasure asked for a compaction that has not run yet."""
        return self._due.is_set()

    def compact_if_due(self) -> bool:
        """Compact now if an erasure asked for it since the last compaction."""
        with self._compact_lock:
            if not self._due.is_set():
                return False
            self._due.clear()
            self.database.compact(COMPACTED_TABLES)
            return True

    def compact(self) -> None:
        """Compact now (the admin `erase` command)."""
        with self._compact_lock:
            self._due.clear()
            self.database.compact(COMPACTED_TABLES)


class Compactor:
    """A background thread that runs due compactions at most once per `interval_s`, each round
    after `before_round` (the city-wide view's catch-up, so that compaction also clears what
    it removed of an erased person)."""

    def __init__(
        self,
        erasures: Erasures,
        interval_s: float = 60.0,
        before_round: Callable[[], object] | None = None,
    ) -> None:
        self.erasures = erasures
        self.interval_s = interval_s
        self.before_round = before_round
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="kyojo-compactor", daemon=True)

    def start(self) -> Compactor:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=30)

    def _run(self) -> None:
        while not self._stop.wait(self.interval_s):
            if self.before_round is not None:
                try:
                    self.before_round()
                except Exception:  # the database may be busy; the next round tries again
                    log.exception("background round failed; retried in the next round")
            try:
                self.erasures.compact_if_due()
            except Exception:  # the database may be busy; the next round tries again
                log.exception("compaction failed; retried in the next round")
                self.erasures.compaction_due()
