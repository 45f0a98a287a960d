"""担い手活動 through the Store: partner organisations, ふるさと住民 registered at the door, the
external codes people bring, and each person's yearly tally."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kyojo_desk.errors import NotFound, ValidationError
from kyojo_desk.ids import derived_id, uuid7
from kyojo_desk.qr import UnreadableCode, parse_payload
from kyojo_desk.records.ninaite import (
    DESIGNATED_BY_CITY,
    EXTERNAL_CODE_MAX_LENGTH,
    ActivityDay,
    Organisation,
    YearTally,
    check_external_code,
    clean_furusato_fields,
    clean_organisation_fields,
    fiscal_year_bounds,
    normalize_external_code,
    tally_year,
)
from kyojo_desk.records.resident import Consent, Resident, ResidentKind
from kyojo_desk.store.changelog import local_now
from kyojo_desk.texts import N_, message

if TYPE_CHECKING:
    from kyojo_desk.store.store import Store

CITY_DESIGNATION_NAME = N_("市")


def external_code_id(code: str) -> str:
    """The one id of a linked external code, on every desk."""
    return derived_id("external-code", code)


def organisation_from_row(row: dict[str, Any]) -> Organisation:
    values = {k: row[k] for k in Organisation.__dataclass_fields__ if k in row}
    values["deleted"] = bool(values.get("deleted"))
    return Organisation(**values)


class NinaiteMixin:
    # -- partner organisations -------------------------------------------------------------------

    def create_organisation(self: Store, values: dict[str, Any]) -> Organisation:
        """A new partner organisation (name, kind, contact). Raises ValidationError."""
        cleaned = clean_organisation_fields(values)
        organisation_id = uuid7()
        self.write("organisations", organisation_id, {**cleaned, "created_at": local_now()})
        return self.get_organisation(organisation_id)

    def get_organisation(self: Store, organisation_id: str) -> Organisation:
        row = self.get_row("organisations", organisation_id)
        if row is None or row["deleted"]:
            raise NotFound(N_("この団体が見つかりません。"))
        return organisation_from_row(row)

    def list_organisations(self: Store) -> list[Organisation]:
        """Partner organisations by name."""
        rows = self.db.query("SELECT * FROM organisations WHERE deleted = 0 ORDER BY name, id")
        return [organisation_from_row(row) for row in rows]

    def designation_name(self: Store, designated_by: str) -> str:
        """Who designated an activity, as printed: 「市」 or the organisation's name."""
        if not designated_by or designated_by == DESIGNATED_BY_CITY:
            return CITY_DESIGNATION_NAME
        row = self.get_row("organisations", designated_by)
        return row["name"] if row else designated_by

    def check_designation(self: Store, designated_by: str) -> None:
        """ValidationError unless `designated_by` is "city" or a partner organisation here."""
        if designated_by in ("", DESIGNATED_BY_CITY):
            return
        row = self.get_row("organisations", designated_by)
        if row is None or row["deleted"]:
            raise ValidationError(
                "designated_by",
                N_("指定した団体が見つかりません。「市」か登録済みの団体を選んでください。"),
            )

    # -- ふるさと住民 at the door -------------------------------------------------------------------

    def register_furusato(
        self: Store, values: dict[str, Any], witnessed_by: str, *, allow_duplicate: bool = False
    ) -> Resident:
        """Register a ふるさと住民 (a 関係人口 living elsewhere) in a few fields at the door.

        Name, reading and home municipality are needed; a phone number is optional; a minor
        needs the guardian's name and consent (see `clean_furusato_fields`). The person agreed
        aloud to their record being kept, in front of `witnessed_by`. Raises ValidationError or
        DuplicateSuspected (unless `allow_duplicate`)."""
        errors: dict[str, str] = {}
        cleaned: dict[str, Any] = {}
        try:
            cleaned = clean_furusato_fields(values)
        except ValidationError as error:
            errors.update(error.errors)
        if not witnessed_by.strip():
            errors["consent_witness"] = N_("同意を確認した人の名前を入力してください。")
        if errors:
            raise ValidationError.many(errors)
        consent = Consent(scopes=["keep_record"], method="verbal", witnessed_by=witnessed_by)
        resident_values = {
            "family_name": cleaned["family_name"],
            "given_name": cleaned["given_name"],
            "family_reading": cleaned["family_reading"],
            "given_reading": cleaned["given_reading"],
            "phone": cleaned["phone"],
            "birth_date": cleaned["birth_date"],
            "kind": ResidentKind.RELATED.value,
        }
        with self.transaction():
            resident = self.register_resident(
                resident_values, consent, allow_duplicate=allow_duplicate
            )
            self.write(
                "residents",
                resident.id,
                {
                    "home_municipality": cleaned["home_municipality"],
                    "is_minor": cleaned["is_minor"],
                    "guardian_name": cleaned["guardian_name"],
                    "guardian_consent_on": cleaned["guardian_consent_on"],
                },
            )
        return self.get_resident(resident.id)

    # -- external codes ----------------------------------------------------------------------------

    def link_external_code(self: Store, resident_id: str, payload: str) -> str:
        """Link a QR code or barcode the person brought to them; returns the code as kept.

        Linking the same code to the same person again changes nothing. Refused (ValidationError)
        for the desk's own codes (a member card is already the person's), an empty or unreadable
        code, and a code already linked to someone else."""
        code = check_external_code(payload)
        try:
            parse_payload(code)
        except UnreadableCode:
            pass
        else:
            raise ValidationError(
                "code",
                N_("これは共助デスクのカードや受付表のコードです。そのまま受付に使えます。"),
            )
        resident = self._active_resident(resident_id)
        row_id = external_code_id(code)
        with self.transaction():
            current = self.get_row("external_codes", row_id)
            if current is not None and not current["deleted"] and current["resident_id"]:
                holder = self._resident_id_following_merges(current["resident_id"])
                if holder == resident.id:
                    return code
                if holder is not None:
                    raise ValidationError(
                        "code",
                        message(
                            "このコードはすでに別の方（{name}）に結びついています。",
                            name=self.get_resident(holder).full_name,
                        ),
                    )
            self.write(
                "external_codes",
                row_id,
                {"code": code, "resident_id": resident.id, "linked_at": local_now(), "deleted": 0},
            )
        return code

    def unlink_external_code(self: Store, payload: str) -> bool:
        """Take a linked code back (a tombstone); False when it was not linked."""
        row_id = external_code_id(check_external_code(payload))
        current = self.get_row("external_codes", row_id)
        if current is None or current["deleted"]:
            return False
        self.write("external_codes", row_id, {"deleted": 1})
        return True

    def _resident_id_following_merges(self: Store, resident_id: str) -> str | None:
        """The active resident a record now stands for; None when removed."""
        try:
            return self._active_resident(resident_id).id
        except NotFound:
            return None

    def resident_id_by_external_code(self: Store, payload: str) -> str | None:
        """The person a scanned external code is linked to (following merges), or None."""
        code = normalize_external_code(payload)
        if not code or len(code) > EXTERNAL_CODE_MAX_LENGTH:
            return None
        row = self.db.execute(
            "SELECT resident_id FROM external_codes WHERE code = ? AND deleted = 0"
            " AND resident_id IS NOT NULL ORDER BY id LIMIT 1",
            [code],
        ).fetchone()
        return self._resident_id_following_merges(row[0]) if row else None

    def external_codes_of(self: Store, resident_id: str) -> list[str]:
        return [
            r[0]
            for r in self.db.execute(
                "SELECT code FROM external_codes WHERE resident_id = ? AND deleted = 0"
                " ORDER BY linked_at, id",
                [resident_id],
            )
        ]

    # -- the yearly tally --------------------------------------------------------------------------

    def _activity_days(
        self: Store, fiscal_year: int, resident_id: str | None = None
    ) -> dict[str, list[ActivityDay]]:
        """Designated activity days of the 年度 per person (one per person, event and day)."""
        first, last = fiscal_year_bounds(fiscal_year)
        params: dict[str, Any] = {"first": first.isoformat(), "last": last.isoformat()}
        person = ""
        if resident_id is not None:
            person = "AND a.resident_id = :person"
            params["person"] = resident_id
        rows = self.db.execute(
            # CROSS JOIN: from the few designated events to their check-ins (event index);
            # driven from the check-ins, SQLite read every check-in of the year (1.3 s for
            # 500 000 instead of a few ms).
            "SELECT DISTINCT a.resident_id, a.day, e.id, e.title, e.designated_by"
            " FROM events e CROSS JOIN attendance a ON a.event_id = e.id"
            " WHERE a.deleted = 0 AND e.deleted = 0 AND e.ninaite_activity = 1"
            f" AND a.resident_id IS NOT NULL AND a.day BETWEEN :first AND :last {person}"
            " ORDER BY a.resident_id, a.day, e.title",
            params,
        ).fetchall()
        names: dict[str, str] = {}
        days: dict[str, list[ActivityDay]] = {}
        for person_id, day, event_id, title, designated_by in rows:
            if designated_by not in names:
                names[designated_by] = self.designation_name(designated_by)
            days.setdefault(person_id, []).append(
                ActivityDay(day, event_id, title, designated_by or "city", names[designated_by])
            )
        return days

    def _stay_days(self: Store, fiscal_year: int, resident_ids: list[str]) -> dict[str, list[str]]:
        """Days each person checked in at any event of the 年度 (their days of stay)."""
        first, last = fiscal_year_bounds(fiscal_year)
        stays: dict[str, list[str]] = {rid: [] for rid in resident_ids}
        for start in range(0, len(resident_ids), 500):
            chunk = resident_ids[start : start + 500]
            for person_id, day in self.db.execute(
                "SELECT DISTINCT a.resident_id, a.day FROM attendance a JOIN events e"
                " ON e.id = a.event_id WHERE a.deleted = 0 AND e.deleted = 0"
                f" AND a.resident_id IN ({', '.join('?' for _ in chunk)})"
                " AND a.day BETWEEN ? AND ?",
                [*chunk, first.isoformat(), last.isoformat()],
            ):
                stays[person_id].append(day)
        return stays

    def ninaite_tally(self: Store, resident_id: str, fiscal_year: int) -> YearTally:
        """One person's 担い手活動 in 年度 `fiscal_year` (a person with none has zeros)."""
        resident = self._active_resident(resident_id)
        activities = self._activity_days(fiscal_year, resident.id).get(resident.id, [])
        stays = self._stay_days(fiscal_year, [resident.id])[resident.id]
        return tally_year(
            resident.id,
            fiscal_year,
            activities,
            stays,
            from_far_away=resident.kind == ResidentKind.RELATED.value,
        )

    def ninaite_year(self: Store, fiscal_year: int) -> list[tuple[Resident, YearTally]]:
        """Everyone who took part in a designated activity in the 年度, in 五十音 order."""
        activities = self._activity_days(fiscal_year)
        ids = list(activities)
        stays = self._stay_days(fiscal_year, ids)
        people = []
        for resident in self._residents_in_gojuon_order(ids):
            if resident.deleted:
                continue
            tally = tally_year(
                resident.id,
                fiscal_year,
                activities[resident.id],
                stays[resident.id],
                from_far_away=resident.kind == ResidentKind.RELATED.value,
            )
            people.append((resident, tally))
        return people
