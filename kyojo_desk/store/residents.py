"""Residents through the Store: register, edit, search, find duplicates, merge."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from kyojo_desk.errors import DuplicateSuspected, NotFound, ValidationError
from kyojo_desk.ids import uuid7, uuid7_many
from kyojo_desk.qr import new_card_code, new_card_codes
from kyojo_desk.records.resident import Consent, Resident, clean_resident_fields
from kyojo_desk.store import search
from kyojo_desk.store.changelog import local_now
from kyojo_desk.store.migrations import NUMBER_PERSON, YMD
from kyojo_desk.store.rows import decode_row
from kyojo_desk.store.schema import SYNCED_TABLES
from kyojo_desk.text.fold import reading_key
from kyojo_desk.text.phone import phone_digits
from kyojo_desk.texts import N_

if TYPE_CHECKING:
    from kyojo_desk.store.store import Store

RESIDENT_COLUMNS = tuple(Resident.__dataclass_fields__)
log = logging.getLogger(__name__)


# Fields stored as 0/1 that the dataclass holds as bool.
_FLAG_FIELDS = ("needs_completion", "is_minor", "deleted")


def resident_from_row(row: dict[str, Any]) -> Resident:
    values = {k: row[k] for k in RESIDENT_COLUMNS if k in row}
    for name in _FLAG_FIELDS:
        values[name] = bool(values.get(name))
    return Resident(**values)


def _resident_columns(store: Store) -> list[str]:
    """The Resident fields that are columns of this database (read once per connection)."""
    cached = getattr(store, "_resident_column_cache", None)
    if cached is None:
        present = {row[1] for row in store.db.conn.execute("PRAGMA table_info(residents)")}
        cached = [name for name in RESIDENT_COLUMNS if name in present]
        store._resident_column_cache = cached
    return cached


def index_new_residents(store: Store, rows: list[tuple[str, dict[str, Any]]]) -> None:
    """Bulk-create hook: the search index of many new residents at once (roster import)."""
    search.index_created(store.db, rows)


def reindex_residents(store: Store, resident_ids: list[str]) -> None:
    """After-write hook: keep the search index of the residents written current (the keys of
    residents just inserted made from the values inserted)."""
    search.reindex_many(store.db, resident_ids, store.just_created)


# The KPI trigger that copies a new resident's birth date into their attendance (m-kpi keys), and
# their birth date and presence into their resident number if they have one (m110), runs as a
# sub-program for every inserted row: two thirds of the cost of inserting 10 000 residents.
# A bulk insert takes it out inside its own transaction (so any rollback restores it), then does
# its work once for all the new rows and puts it back as it was.
_BORN_TRIGGER = "residents_kpi_born_insert"
_BORN_FOR_IDS = (
    f"UPDATE attendance SET resident_born = (SELECT {YMD.format('r.birth_date')} "
    "FROM residents r WHERE r.id = attendance.resident_id) "
    "WHERE resident_id IN (SELECT value FROM json_each(?))"
)
_NUMBERS_FOR_IDS = (
    f"UPDATE resident_numbers SET {NUMBER_PERSON} "
    "WHERE resident_id IN (SELECT value FROM json_each(?))"
)


def _suspend_born_trigger(store: Store) -> str | None:
    """Drop the per-row birth-date trigger for a bulk insert; its SQL, or None when it is
    not there (an older schema) or cannot be dropped now (then it simply stays)."""
    row = store.db.conn.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", [_BORN_TRIGGER]
    ).fetchone()
    if row is None:
        return None
    try:
        store.db.conn.execute(f"DROP TRIGGER {_BORN_TRIGGER}")
    except store.db.conn.OperationalError:  # a statement still reading on this connection
        return None
    return str(row[0])


def _resume_born_trigger(store: Store, trigger_sql: str, resident_ids: list[str]) -> None:
    """What the dropped trigger would have done for `resident_ids`, then the trigger again."""
    ids = json.dumps(resident_ids)
    store.db.conn.execute(_BORN_FOR_IDS, [ids])
    store.db.conn.execute(_NUMBERS_FOR_IDS, [ids])
    store.db.conn.execute(trigger_sql)


@contextmanager
def born_trigger_suspended(store: Store, resident_ids: list[str]) -> Iterator[None]:
    """Around inserting many residents at once (an import, a pulled page), inside its
    transaction: the per-row birth-date trigger is taken out, and its work done once for
    `resident_ids` afterwards."""
    trigger_sql = _suspend_born_trigger(store)
    try:
        yield
    finally:
        if trigger_sql is not None:
            _resume_born_trigger(store, trigger_sql, resident_ids)


class ResidentsMixin:
    # -- reading -----------------------------------------------------------------------------

    def get_resident(self: Store, resident_id: str) -> Resident:
        """A resident by id (merged and deleted ones too: callers check `merged_into`)."""
        row = self.get_row("residents", resident_id)
        if row is None:
            raise NotFound(N_("この方の記録が見つかりません。"))
        return resident_from_row(row)

    def _residents_by_ids(self: Store, ids: list[str]) -> list[Resident]:
        """Residents in the order of `ids`, read by primary key straight into the dataclass
        (no row dictionaries: this is on the path of every keystroke of a search)."""
        if not ids:
            return []
        columns = _resident_columns(self)
        rows = self.db.conn.execute(
            f"SELECT {', '.join(columns)} FROM residents WHERE id IN ({', '.join('?' for _ in ids)})",
            ids,
        ).fetchall()
        by_id: dict[str, Resident] = {}
        if len(columns) == len(RESIDENT_COLUMNS):  # every field is a column, in field order
            id_at, needs_at = columns.index("id"), columns.index("support_needs")
            flags_at = [columns.index(name) for name in _FLAG_FIELDS]
            for row in rows:
                values = list(row)
                values[needs_at] = json.loads(values[needs_at] or "[]")
                for index in flags_at:
                    values[index] = bool(values[index])
                by_id[values[id_at]] = Resident(*values)
        else:  # a database between migrations: by name, missing fields at their defaults
            for row in rows:
                values = dict(zip(columns, row, strict=True))
                by_id[values["id"]] = resident_from_row(decode_row("residents", values))
        return [by_id[i] for i in ids if i in by_id]

    def search_residents(self: Store, query: str, limit: int = 50) -> list[Resident]:
        """Residents matching part of a name or reading (kanji, kana, either width) or the last
        digits of a phone number; best match first, then 五十音 order."""
        return self._residents_by_ids(search.search_ids(self.db, query, limit))

    def list_residents(self: Store, limit: int | None = None, offset: int = 0) -> list[Resident]:
        """Active residents in 五十音 order (merged and deleted ones are left out)."""
        sql = (
            "SELECT r.* FROM resident_index i JOIN residents r ON r.id = i.resident_id "
            "ORDER BY i.position"
        )
        params: list[Any] = []
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params = [limit, offset]
        return [
            resident_from_row(decode_row("residents", row)) for row in self.db.query(sql, params)
        ]

    def count_residents(self: Store) -> int:
        return self.db.execute("SELECT count(*) FROM resident_index").fetchone()[0]

    def resident_by_card_code(self: Store, card_code: str) -> Resident | None:
        row = self.db.execute(
            "SELECT id FROM residents WHERE card_code = ? AND deleted = 0", [card_code]
        ).fetchone()
        return self.get_resident(row[0]) if row else None

    def consents_of(self: Store, resident_id: str) -> list[Consent]:
        rows = self.db.query(
            "SELECT * FROM consents WHERE resident_id = ? AND deleted = 0 ORDER BY given_on, id",
            [resident_id],
        )
        consents = []
        for row in rows:
            row = decode_row("consents", row)
            consents.append(Consent(**{k: row[k] for k in Consent.__dataclass_fields__}))
        return consents

    def find_duplicates(
        self: Store, values: dict[str, Any], exclude_id: str | None = None
    ) -> list[Resident]:
        """Residents who are probably the same person: same reading and birth date, or same phone."""
        reading = reading_key(str(values.get("family_reading") or "")) + reading_key(
            str(values.get("given_reading") or "")
        )
        numbers = [phone_digits(str(values.get(name) or "")) for name in ("phone", "phone2")]
        ids = search.same_person_ids(self.db, reading, values.get("birth_date"), numbers)
        ids = [i for i in dict.fromkeys(ids) if i != exclude_id]
        return self._residents_by_ids(ids)

    def find_duplicates_many(
        self: Store, people: list[tuple[str, str | None, list[str]]]
    ) -> list[list[Resident]]:
        """`find_duplicates` for many people at once (a roster import), each given as its
        whole reading key, birth date and phone digits; the look-up is set-based."""
        found = search.same_person_ids_many(self.db, people)
        matched = list(dict.fromkeys(i for ids in found for i in ids))
        residents: dict[str, Resident] = {}
        for start in range(0, len(matched), 500):
            residents.update(
                (r.id, r) for r in self._residents_by_ids(matched[start : start + 500])
            )
        return [[residents[i] for i in ids if i in residents] for ids in found]

    # -- writing -----------------------------------------------------------------------------

    def _unused_card_code(self: Store) -> str:
        while True:
            code = new_card_code()
            if not self.db.execute(
                "SELECT 1 FROM residents WHERE card_code = ?", [code]
            ).fetchone():
                return code

    def _unused_card_codes(self: Store, count: int) -> list[str]:
        """`count` different card codes no resident holds, checked a few hundred at a time."""
        codes: dict[str, None] = {}
        while len(codes) < count:
            fresh = list(set(new_card_codes(count - len(codes))) - codes.keys())
            taken: set[str] = set()
            for start in range(0, len(fresh), 500):
                chunk = fresh[start : start + 500]
                taken.update(
                    row[0]
                    for row in self.db.execute(
                        "SELECT card_code FROM residents WHERE card_code IN"
                        f" ({', '.join('?' for _ in chunk)})",
                        chunk,
                    )
                )
            codes.update(dict.fromkeys(code for code in fresh if code not in taken))
        return list(codes)[:count]

    def register_resident(
        self: Store,
        values: dict[str, Any],
        consent: Consent | None,
        *,
        allow_duplicate: bool = False,
        needs_completion: bool = False,
    ) -> Resident:
        """Register a new resident with their consent, in one transaction.

        Raises ValidationError (every bad field at once), or DuplicateSuspected with the likely
        matches unless `allow_duplicate`. Without consent to keep the record nothing is saved;
        only a walk-in (`needs_completion`) may come without a consent, to be completed later.
        """
        errors: dict[str, str] = {}
        cleaned: dict[str, Any] = {}
        try:
            cleaned = clean_resident_fields(values)
        except ValidationError as error:
            errors.update(error.errors)
        if consent is not None:
            try:
                consent.validate()
            except ValidationError as error:
                errors.update(error.errors)
        elif not needs_completion:
            errors["consent_scopes"] = N_("「記録を残す」への同意がないと登録できません。")
        if cleaned.get("district") and cleaned["district"] not in {
            d.code for d in self.list_districts()
        }:
            errors["district"] = N_("地区を一覧から選んでください。")
        if errors:
            raise ValidationError.many(errors)
        if not allow_duplicate:
            matches = self.find_duplicates(cleaned)
            if matches:
                raise DuplicateSuspected(
                    N_("同じ方がすでに登録されているかもしれません。"), matches
                )
        resident_id = self.insert_resident(cleaned, consent, needs_completion)
        log.info("resident registered: %s", resident_id)
        return self.get_resident(resident_id)

    def insert_resident(
        self: Store,
        cleaned: dict[str, Any],
        consent: Consent | None,
        needs_completion: bool = False,
    ) -> str:
        """Write an already-checked resident (and consent) with a new card code; returns the id.

        For callers that validated in bulk (roster import); others use `register_resident`.
        """
        resident_id = uuid7()
        with self.transaction():
            self.write(
                "residents",
                resident_id,
                {
                    **cleaned,
                    "card_code": self._unused_card_code(),
                    "needs_completion": needs_completion,
                    "created_at": local_now(),
                },
            )
            if consent is not None:
                self.record_consent(resident_id, consent)
        return resident_id

    def insert_residents(self: Store, people: list[tuple[dict[str, Any], Consent]]) -> list[str]:
        """Write many already-checked residents with their consents in one transaction (roster
        import, demo data); the change log is written as for single registrations."""
        now = local_now()
        codes = self._unused_card_codes(len(people))
        ids = iter(uuid7_many(2 * len(people)))
        resident_rows: list[tuple[str, dict[str, Any]]] = []
        consent_rows: list[tuple[str, dict[str, Any]]] = []
        validated: set[int] = set()  # an import hands the same few consents to every row
        for (cleaned, consent), code in zip(people, codes, strict=True):
            if id(consent) not in validated:
                consent.validate()
                validated.add(id(consent))
            resident_id = next(ids)
            resident_rows.append(
                (
                    resident_id,
                    {**cleaned, "card_code": code, "needs_completion": False, "created_at": now},
                )
            )
            consent_rows.append((next(ids), self._consent_values(resident_id, consent, now[:10])))
        with self.transaction():
            with born_trigger_suspended(self, [row_id for row_id, _ in resident_rows]):
                self.create_rows("residents", resident_rows)
            self.create_rows("consents", consent_rows)
        log.info("residents registered in bulk: %d", len(resident_rows))
        return [row_id for row_id, _ in resident_rows]

    def _consent_values(
        self: Store, resident_id: str, consent: Consent, today: str | None = None
    ) -> dict[str, Any]:
        return {
            "resident_id": resident_id,
            "scopes": list(consent.scopes),
            "method": consent.method,
            "witnessed_by": consent.witnessed_by.strip(),
            "text_version": consent.text_version,
            "given_on": consent.given_on or today or local_now()[:10],
            "withdrawn_on": consent.withdrawn_on,
        }

    def record_consent(self: Store, resident_id: str, consent: Consent) -> Consent:
        consent.validate()
        consent.id = consent.id or uuid7()
        consent.resident_id = resident_id
        consent.given_on = consent.given_on or local_now()[:10]
        self.write("consents", consent.id, self._consent_values(resident_id, consent))
        return consent

    def update_resident(self: Store, resident_id: str, changes: dict[str, Any]) -> Resident:
        """Edit some fields of a resident with the same checks as registration."""
        current = self.get_resident(resident_id)
        if current.deleted or current.merged_into:
            raise NotFound(N_("この方の記録は統合または削除されています。"))
        cleaned = clean_resident_fields(changes, partial=True)
        if (
            "district" in cleaned
            and cleaned["district"]
            and cleaned["district"] not in {d.code for d in self.list_districts()}
        ):
            raise ValidationError("district", N_("地区を一覧から選んでください。"))
        merged = {**{k: getattr(current, k) for k in cleaned}, **cleaned}
        if current.needs_completion and (merged.get("birth_date") or current.birth_date):
            merged["needs_completion"] = False
        self.write("residents", resident_id, merged)
        log.info("resident edited: %s (%s)", resident_id, ", ".join(sorted(cleaned)))
        return self.get_resident(resident_id)

    def delete_resident(self: Store, resident_id: str) -> None:
        """A tombstone: the row stays (for sync) but is hidden everywhere."""
        self.get_resident(resident_id)
        self.write("residents", resident_id, {"deleted": 1})

    def merge_residents(self: Store, keep_id: str, other_id: str, by: str = "") -> Resident:
        """Two records of one person become one (a coordinator action).

        The kept record gains every field it lacked from the other, needs are joined, notes are
        both kept; every row of every synced table that pointed at the other now points at the
        kept one; the other becomes a tombstone pointing at the kept one. One transaction.
        """
        if keep_id == other_id:
            raise ValidationError("merge", N_("同じ記録どうしは統合できません。"))
        keep, other = self.get_resident(keep_id), self.get_resident(other_id)
        for resident in (keep, other):
            if resident.deleted or resident.merged_into:
                raise ValidationError("merge", N_("統合または削除された記録は統合できません。"))
        gained: dict[str, Any] = {}
        for name in ("given_name", "given_reading", "birth_date", "phone", "phone2", "district"):
            if not getattr(keep, name) and getattr(other, name):
                gained[name] = getattr(other, name)
        needs = list(dict.fromkeys([*keep.support_needs, *other.support_needs]))
        if needs != keep.support_needs:
            gained["support_needs"] = needs
        if keep.smartphone == "none" and other.smartphone != "none":
            gained["smartphone"] = other.smartphone
        if other.notes and other.notes not in keep.notes:
            gained["notes"] = "\n".join(n for n in (keep.notes, other.notes) if n)
        with self.transaction():
            if gained:
                self.write("residents", keep_id, gained)
            self.repoint_resident_rows(other_id, keep_id)
            self.write("residents", other_id, {"merged_into": keep_id, "deleted": 1})
            self.record_audit(
                "merged", target_table="residents", target_id=keep_id, detail=other_id, desk_user=by
            )
        return self.get_resident(keep_id)

    def repoint_resident_rows(self: Store, old_id: str, new_id: str) -> None:
        """Every synced row that belongs to `old_id` now belongs to `new_id` (through the log)."""
        for spec in SYNCED_TABLES.values():
            if spec.resident_field in (None, "id"):
                continue
            rows = self.db.execute(
                f"SELECT id FROM [{spec.name}] WHERE [{spec.resident_field}] = ?", [old_id]
            ).fetchall()
            for (row_id,) in rows:
                self.write(spec.name, row_id, {spec.resident_field: new_id})
