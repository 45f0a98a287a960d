"""The desk's side of sync inside the Store: what was acknowledged, where pulling stands, which
server and token, applying pulled pages, conflicts, and erasure.

Everything here works on every table of SYNCED_TABLES alike; only erasure names `residents`
(the person's own row), and it finds the person's rows in other tables through each table's
declared `resident_field` and `personal_fields`.

State kept in `meta` (local, never synced):
- `acked_seq`: the highest outbox seq the server acknowledged (Store.pending_changes reads it).
- `sync_cursor`: the server sequence number up to which pulled entries are applied.
- `sync_epoch`: the server's epoch when the cursor was set; a new epoch resets the cursor.
- `sync_server_url`, `sync_city`, `sync_token` (read only through `desk_token()`).
- `sync_nonce`: a random value also written to a file beside the database (`<db>.sync-id`),
  so a database file copied elsewhere without it is noticed (see docs/sync-protocol.md).
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kyojo_desk.hlc import Stamp
from kyojo_desk.store import erasure_ledger
from kyojo_desk.store.changelog import local_now
from kyojo_desk.store.schema import SYNCED_TABLES
from kyojo_desk.sync import protocol_v1 as protocol
from kyojo_desk.texts import N_

if TYPE_CHECKING:
    from kyojo_desk.store.store import Store


@dataclass
class SyncConflict:
    """A value that lost on the server, kept for a coordinator to review."""

    id: str
    table: str
    row_id: str
    field: str
    kept_value: Any
    kept_stamp: str
    kept_desk: str
    lost_value: Any
    lost_stamp: str
    lost_desk: str
    kept_desk_name: str
    lost_desk_name: str
    recorded_at: str
    resolved_at: str | None = None
    resolution: str | None = None

    @property
    def kept_at_ms(self) -> int:
        """When the kept value was entered (wall clock of its stamp)."""
        return stamp_wall_ms(self.kept_stamp)

    @property
    def lost_at_ms(self) -> int:
        """When the other value was entered (wall clock of its stamp)."""
        return stamp_wall_ms(self.lost_stamp)


def stamp_wall_ms(stamp: str) -> int:
    try:
        return Stamp.parse(stamp).wall_ms
    except ValueError:
        return 0


@dataclass
class PushOutcome:
    rejected: int = 0
    erased: int = 0
    superseded: int = 0


@dataclass
class PageOutcome:
    applied: int = 0
    conflicts: int = 0
    erasures: list[str] = field(default_factory=list)


def _chunks(items: list[Any], size: int = 400) -> list[list[Any]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


class SyncStateMixin:
    # -- settings and identity -----------------------------------------------------------------

    def desk_token(self: Store) -> str | None:
        """The token the server gave this desk at enrolment (the one place it is read)."""
        return self.get_meta("sync_token")

    def set_desk_token(self: Store, token: str) -> None:
        """Keep the desk token (the one place it is written)."""
        self.set_meta("sync_token", token)

    def server_url(self: Store) -> str | None:
        return self.get_meta("sync_server_url")

    def is_enrolled(self: Store) -> bool:
        return bool(self.desk_token() and self.server_url())

    def acked_seq(self: Store) -> int:
        return int(self.get_meta("acked_seq") or 0)

    def set_acked_seq(self: Store, seq: int) -> None:
        """Move the acknowledged mark (down too: a restored server asks for changes again)."""
        self.set_meta("acked_seq", str(max(0, seq)))

    def next_seq(self: Store) -> int:
        return self.changelog.next_seq()

    def pull_cursor(self: Store) -> int:
        return int(self.get_meta("sync_cursor") or 0)

    def sync_epoch(self: Store) -> str:
        return self.get_meta("sync_epoch") or ""

    def reset_pull(self: Store, epoch: str) -> None:
        """A new server epoch: pull everything again from the start (applying is idempotent)."""
        with self.transaction():
            self.set_meta("sync_epoch", epoch)
            self.set_meta("sync_cursor", "0")

    def last_sync_at(self: Store) -> str | None:
        """Local time of the last sync round that finished, or None."""
        return self.get_meta("last_sync_at")

    def record_sync_finished(self: Store) -> None:
        self.set_meta("last_sync_at", local_now())

    def _identity_file(self: Store) -> Path | None:
        return None if self.path is None else self.path.with_name(self.path.name + ".sync-id")

    def identity_problem(self: Store) -> str | None:
        """Why this database may not sync under its desk id (copied elsewhere), or None."""
        if not self.is_enrolled():
            return None
        identity_file = self._identity_file()
        if identity_file is None:
            return None
        try:
            saved = json.loads(identity_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            saved = None
        if (
            not isinstance(saved, dict)
            or saved.get("desk_id") != self.desk_id
            or saved.get("nonce") != self.get_meta("sync_nonce")
        ):
            return N_(
                "このデータベースは別の場所からコピーされたか、バックアップから戻されています。"
                "同じ変更が二重に送られないよう、登録し直してください(kyojo-desk enroll)。"
            )
        return None

    def adopt_enrolment(
        self: Store, server_url: str, desk_id: str, token: str, epoch: str, city: str
    ) -> None:
        """Become the desk the server enrolled. A desk that synced before (restored or copied)
        gets a new id: its whole outbox is numbered again from 1 and sent again, which the
        server merges without doubling anything (same stamps change nothing)."""
        nonce = secrets.token_hex(16)
        with self.transaction():
            self.db.execute(
                "CREATE TEMP TABLE IF NOT EXISTS outbox_renumber (old INTEGER, new INTEGER)"
            )
            self.db.execute("DELETE FROM outbox_renumber")
            self.db.execute(
                "INSERT INTO outbox_renumber SELECT seq, ROW_NUMBER() OVER (ORDER BY seq)"
                " FROM outbox"
            )
            self.db.execute(
                "UPDATE outbox SET seq = -(SELECT new FROM outbox_renumber WHERE old = seq)"
            )
            self.db.execute("UPDATE outbox SET seq = -seq")
            count = self.db.execute("SELECT count(*) FROM outbox").fetchone()[0]
            self.db.execute("DROP TABLE outbox_renumber")
            self.db.execute("DELETE FROM sync_rejections")
            self.set_meta("next_seq", str(count + 1))
            self.set_meta("acked_seq", "0")
            self.set_meta("sync_cursor", "0")
            self.set_meta("sync_epoch", epoch)
            self.set_meta("sync_server_url", server_url.rstrip("/"))
            self.set_meta("sync_city", city)
            self.set_meta("sync_nonce", nonce)
            self.set_meta("desk_id", desk_id)
            self.set_desk_token(token)
        self.desk_id = desk_id
        self.changelog.clock.desk_id = desk_id
        identity_file = self._identity_file()
        if identity_file is not None:
            identity_file.write_text(
                json.dumps({"desk_id": desk_id, "nonce": nonce}), encoding="utf-8"
            )

    # -- pushing -------------------------------------------------------------------------------

    def outbox_after(self: Store, seq: int, limit: int) -> list[protocol.Change]:
        """Up to `limit` outbox entries after `seq`, as protocol changes, in seq order."""
        rows = self.db.execute(
            "SELECT seq, table_name, row_id, fields, schema_version, created FROM outbox"
            " WHERE seq > ? ORDER BY seq LIMIT ?",
            [seq, limit],
        ).fetchall()
        return [
            protocol.Change(
                seq=row[0],
                table=row[1],
                row_id=row[2],
                fields=json.loads(row[3]),
                schema_version=row[4],
                created=bool(row[5]),
            )
            for row in rows
        ]

    def mark_change_unsendable(self: Store, seq: int, reason: str) -> None:
        """A change the server can never take even alone (too large to send): keep its seq in
        the outbox with no fields so the numbering has no gap, and note the rejection."""
        with self.transaction():
            row = self.db.execute(
                "SELECT table_name, row_id FROM outbox WHERE seq = ?", [seq]
            ).fetchone()
            if row is None:
                return
            self.db.execute("UPDATE outbox SET fields = '{}' WHERE seq = ?", [seq])
            self._note_rejection(seq, row[0], row[1], reason)

    def _note_rejection(self: Store, seq: int, table: str, row_id: str, reason: str) -> None:
        self.db.execute(
            "INSERT INTO sync_rejections (seq, table_name, row_id, reason, rejected_at)"
            " VALUES (?, ?, ?, ?, ?) ON CONFLICT(seq) DO UPDATE SET reason = excluded.reason",
            [seq, table, row_id, reason, local_now()],
        )

    def rejections(self: Store) -> list[dict[str, Any]]:
        """Changes the server refused for good (they did not block the others)."""
        return [
            dict(row)
            for row in self.db.query(
                "SELECT seq, table_name, row_id, reason, rejected_at FROM sync_rejections"
                " ORDER BY seq"
            )
        ]

    def record_push_answer(
        self: Store, answer: protocol.PushAnswer, sent: list[protocol.Change]
    ) -> PushOutcome:
        """Store what the server acknowledged, in one transaction: the new mark, rejections,
        erasures it reported, and the values that won over ours."""
        by_seq = {change.seq: change for change in sent}
        outcome = PushOutcome()
        with self.transaction():
            self.set_acked_seq(max(self.acked_seq(), answer.acked_seq))
            for result in answer.results:
                change = by_seq.get(result.seq)
                if change is None:
                    continue
                if result.status == protocol.REJECTED:
                    self._note_rejection(result.seq, change.table, change.row_id, result.reason)
                    outcome.rejected += 1
                elif result.status == protocol.ERASED:
                    if result.resident_id:
                        self.apply_erasure(result.resident_id)
                    outcome.erased += 1
                elif result.superseded:
                    protected = self._unacked_fields([(change.table, change.row_id)])
                    self.apply_remote_fields(
                        change.table,
                        change.row_id,
                        result.superseded,
                        protected.get((change.table, change.row_id), set()),
                    )
                    outcome.superseded += 1
        return outcome

    # -- pulling -------------------------------------------------------------------------------

    def _unacked_fields(self: Store, rows: list[tuple[str, str]]) -> dict[tuple[str, str], set]:
        """(table, row id) → fields with a local edit the server has not acknowledged yet."""
        acked = self.acked_seq()
        wanted = set(rows)
        found: dict[tuple[str, str], set] = {}
        ids = sorted({row_id for _, row_id in wanted})
        for chunk in _chunks(ids):
            for table, row_id, fields in self.db.execute(
                f"SELECT table_name, row_id, fields FROM outbox WHERE seq > ? AND row_id IN "
                f"({', '.join('?' for _ in chunk)})",
                [acked, *chunk],
            ):
                if (table, row_id) in wanted:
                    found.setdefault((table, row_id), set()).update(json.loads(fields))
        return found

    def apply_remote_fields(
        self: Store,
        table: str,
        row_id: str,
        fields: dict[str, list[Any]],
        protected: set[str] | frozenset[str] = frozenset(),
    ) -> dict[str, Any]:
        """Apply field values that came from the server (no outbox entry): each field only
        when its stamp is newer than the one held, and never a `protected` field (one with an
        unacknowledged local edit). Runs the table's after-write hooks. Returns what changed.
        """
        spec = SYNCED_TABLES.get(table)
        if spec is None:
            return {}  # a kind this desk does not know yet (kept on the server)
        clocks = dict(
            self.db.execute(
                "SELECT field, hlc FROM field_clocks WHERE table_name = ? AND row_id = ?",
                [table, row_id],
            ).fetchall()
        )
        taken: dict[str, Any] = {}
        stamps: dict[str, str] = {}
        for name, pair in fields.items():
            value, stamp = pair
            self.changelog.clock.observe(stamp)
            if name not in spec.fields or name in protected:
                continue
            held = clocks.get(name)
            if held is not None and stamp <= held:
                continue
            taken[name] = value
            stamps[name] = stamp
        self.changelog.save_clock()
        if not taken:
            return {}
        with self.transaction():
            exists = self.db.execute(f"SELECT 1 FROM [{table}] WHERE id = ?", [row_id]).fetchone()
            if exists:
                self.db.execute(
                    f"UPDATE [{table}] SET {', '.join(f'[{n}] = ?' for n in taken)} WHERE id = ?",
                    [*taken.values(), row_id],
                )
            else:
                columns = ["id", *taken]
                self.db.execute(
                    f"INSERT INTO [{table}] ({', '.join(f'[{c}]' for c in columns)})"
                    f" VALUES ({', '.join('?' for _ in columns)})",
                    [row_id, *taken.values()],
                )
            self.db.conn.executemany(
                "INSERT INTO field_clocks(table_name, row_id, field, hlc) VALUES (?, ?, ?, ?) "
                "ON CONFLICT(table_name, row_id, field) DO UPDATE SET hlc = excluded.hlc",
                [(table, row_id, name, stamp) for name, stamp in stamps.items()],
            )
            self.run_after_write(table, row_id)
        return taken

    def apply_pull_page(self: Store, page: protocol.PullPage) -> PageOutcome:
        """Apply one pulled page and move the cursor past it, in one transaction: after a
        crash either all of the page is applied and the cursor moved, or neither."""
        outcome = PageOutcome()
        with self.transaction():
            protected = self._unacked_fields(
                [(e.table, e.row_id) for e in page.entries if e.kind == protocol.KIND_CHANGE]
            )
            for entry in page.entries:
                if entry.kind == protocol.KIND_CHANGE:
                    self.apply_remote_fields(
                        entry.table,
                        entry.row_id,
                        entry.fields,
                        protected.get((entry.table, entry.row_id), set()),
                    )
                    outcome.applied += 1
                elif entry.kind == protocol.KIND_CONFLICT:
                    outcome.conflicts += self._store_conflict(entry)
                elif entry.kind == protocol.KIND_ERASURE:
                    self.apply_erasure(entry.row_id)
                    outcome.erasures.append(entry.row_id)
            self.set_meta("sync_cursor", str(max(self.pull_cursor(), page.next_since)))
        return outcome

    # -- conflicts -----------------------------------------------------------------------------

    def _store_conflict(self: Store, entry: protocol.PulledEntry) -> int:
        data = entry.fields
        cursor = self.db.execute(
            "INSERT OR IGNORE INTO sync_conflicts (id, table_name, row_id, field, kept_value,"
            " kept_stamp, kept_desk, lost_value, lost_stamp, lost_desk, kept_desk_name,"
            " lost_desk_name, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                data["id"],
                entry.table,
                entry.row_id,
                data["field"],
                json.dumps(data.get("kept_value"), ensure_ascii=False),
                data.get("kept_stamp", ""),
                data.get("kept_desk", ""),
                json.dumps(data.get("lost_value"), ensure_ascii=False),
                data.get("lost_stamp", ""),
                data.get("lost_desk", ""),
                data.get("kept_desk_name", ""),
                data.get("lost_desk_name", ""),
                local_now(),
            ],
        )
        return cursor.rowcount

    def list_conflicts(self: Store, include_resolved: bool = False) -> list[SyncConflict]:
        """Conflicts for a coordinator: both values, which desk, when; open ones by default."""
        sql = "SELECT * FROM sync_conflicts"
        if not include_resolved:
            sql += " WHERE resolved_at IS NULL"
        sql += " ORDER BY recorded_at DESC, id"
        conflicts = []
        for row in self.db.query(sql):
            conflicts.append(
                SyncConflict(
                    id=row["id"],
                    table=row["table_name"],
                    row_id=row["row_id"],
                    field=row["field"],
                    kept_value=json.loads(row["kept_value"]),
                    kept_stamp=row["kept_stamp"],
                    kept_desk=row["kept_desk"],
                    lost_value=json.loads(row["lost_value"]),
                    lost_stamp=row["lost_stamp"],
                    lost_desk=row["lost_desk"],
                    kept_desk_name=row["kept_desk_name"],
                    lost_desk_name=row["lost_desk_name"],
                    recorded_at=row["recorded_at"],
                    resolved_at=row["resolved_at"],
                    resolution=row["resolution"],
                )
            )
        return conflicts

    def resolve_conflict(self: Store, conflict_id: str, choose_lost: bool) -> None:
        """A coordinator's choice. Choosing the value that lost writes it again as a new edit
        (so it wins everywhere by sync); keeping the winner only closes the conflict."""
        row = self.db.execute(
            "SELECT table_name, row_id, field, lost_value FROM sync_conflicts WHERE id = ?",
            [conflict_id],
        ).fetchone()
        if row is None:
            from kyojo_desk.errors import NotFound

            raise NotFound(N_("この競合は見つかりません(すでに解決されたか消去されています)。"))
        table, row_id, name, lost_text = row
        with self.transaction():
            if choose_lost and self.get_row(table, row_id) is not None:
                value = json.loads(lost_text)
                if name in SYNCED_TABLES[table].json_fields and isinstance(value, str):
                    value = json.loads(value or "[]")
                self.write(table, row_id, {name: value})
            self.db.execute(
                "UPDATE sync_conflicts SET resolved_at = ?, resolution = ? WHERE id = ?",
                [local_now(), "lost" if choose_lost else "kept", conflict_id],
            )

    # -- erasure -------------------------------------------------------------------------------

    def erase_resident(self: Store, resident_id: str) -> None:
        """Erase a person on this desk now and ask the server to erase them everywhere."""
        with self.transaction():
            self.apply_erasure(resident_id)
            self.changelog.record(protocol.ERASURE_TABLE, resident_id, {})
        self.compact_after_erasure()

    def apply_erasure(self: Store, resident_id: str) -> None:
        """Remove a person from this database: their own row, the personal fields of their
        rows in other tables, those fields in the outbox, and conflict copies. Outbox entries
        keep their seq (emptied), so the numbering the server expects has no gap. Call
        `compact_after_erasure` after the transaction so no trace stays in the file."""
        erasure_ledger.record_erasure(self.path, resident_id)  # outside every backup
        with self.transaction():
            for target in protocol.erasure_targets():
                spec = SYNCED_TABLES[target.table]
                whole_row = target.resident_field == "id"
                if whole_row:
                    row_ids = [resident_id]
                else:
                    row_ids = [
                        r[0]
                        for r in self.db.execute(
                            f"SELECT id FROM [{spec.name}] WHERE [{target.resident_field}] = ?",
                            [resident_id],
                        )
                    ]
                    # Rows only the outbox still knows (e.g. already removed locally).
                    row_ids += [
                        r[0]
                        for r in self.db.execute(
                            "SELECT DISTINCT row_id FROM outbox WHERE table_name = ? AND"
                            " json_extract(fields, ?) = ?",
                            [spec.name, f'$."{target.resident_field}"[0]', resident_id],
                        )
                        if r[0] not in row_ids
                    ]
                personal = set(target.personal_fields)
                defaults = self._column_defaults(spec.name)
                for row_id in row_ids:
                    if whole_row:
                        self.db.execute(f"DELETE FROM [{spec.name}] WHERE id = ?", [row_id])
                        self.db.execute(
                            "DELETE FROM field_clocks WHERE table_name = ? AND row_id = ?",
                            [spec.name, row_id],
                        )
                    elif personal:
                        self.db.execute(
                            f"UPDATE [{spec.name}] SET "
                            + ", ".join(f"[{name}] = ?" for name in sorted(personal))
                            + " WHERE id = ?",
                            [*[defaults.get(name) for name in sorted(personal)], row_id],
                        )
                        self.db.conn.executemany(
                            "DELETE FROM field_clocks WHERE table_name = ? AND row_id = ?"
                            " AND field = ?",
                            [(spec.name, row_id, name) for name in personal],
                        )
                    for seq, fields_text in self.db.execute(
                        "SELECT seq, fields FROM outbox WHERE table_name = ? AND row_id = ?",
                        [spec.name, row_id],
                    ).fetchall():
                        fields = json.loads(fields_text)
                        kept = (
                            {}
                            if whole_row
                            else {k: v for k, v in fields.items() if k not in personal}
                        )
                        self.db.execute(
                            "UPDATE outbox SET fields = ? WHERE seq = ?",
                            [json.dumps(kept, ensure_ascii=False), seq],
                        )
                    self.db.execute(
                        "DELETE FROM sync_conflicts WHERE table_name = ? AND row_id = ?",
                        [spec.name, row_id],
                    )
                    self.run_after_write(spec.name, row_id)
            # The dashboard's number for the person (migration m008): no row names them now.
            self.db.execute("DELETE FROM resident_numbers WHERE resident_id = ?", [resident_id])
            self.set_meta("erasure_compact_due", "1")

    def _column_defaults(self: Store, table: str) -> dict[str, Any]:
        """Column → its declared default as a value (what a blanked field becomes)."""
        defaults: dict[str, Any] = {}
        for _cid, name, _type, _notnull, default, _pk in self.db.execute(
            f"PRAGMA table_info([{table}])"
        ).fetchall():
            if default is None:
                defaults[name] = None
            elif default.startswith("'") and default.endswith("'"):
                defaults[name] = default[1:-1].replace("''", "'")
            else:
                try:
                    defaults[name] = int(default)
                except ValueError:
                    defaults[name] = None
        return defaults

    def compact_after_erasure(self: Store) -> None:
        """Rewrite the file so erased values leave no trace: merge full-text indexes, VACUUM,
        and empty the write-ahead log. Must run outside a transaction."""
        if self.get_meta("erasure_compact_due") != "1":
            return
        for (name,) in self.db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE"
            " 'CREATE VIRTUAL TABLE%USING fts5%'"
        ).fetchall():
            self.db.execute(f"INSERT INTO [{name}]([{name}]) VALUES ('optimize')")
        self.db.execute("DELETE FROM meta WHERE key = 'erasure_compact_due'")
        if self.path is not None:
            self.db.execute("VACUUM")
            self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
