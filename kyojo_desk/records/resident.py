"""A resident (住民) and the consent they gave for their record to be kept."""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field

from kyojo_desk.errors import ValidationError
from kyojo_desk.text.fold import is_kana_reading, normalize_reading
from kyojo_desk.text.phone import normalize_phone
from kyojo_desk.text.wareki import age_on, format_wareki, parse_birth_date
from kyojo_desk.texts import N_, message


class ResidentKind(enum.StrEnum):
    RESIDENT = "resident"
    RELATED = "related"  # 関係人口: connected to the town but living elsewhere


class SupportNeed(enum.StrEnum):
    LARGE_PRINT = "large_print"
    READ_ALOUD = "read_aloud"
    HEARING = "hearing"
    MOBILITY = "mobility"


class Smartphone(enum.StrEnum):
    NONE = "none"
    ANDROID = "android"
    IPHONE = "iphone"
    FEATURE_PHONE = "feature_phone"


class ConsentScope(enum.StrEnum):
    KEEP_RECORD = "keep_record"  # required: without it nothing may be kept
    PHONE_CONTACT = "phone_contact"
    SHARE_WITH_CITY = "share_with_city"
    PHOTOS = "photos"


class ConsentMethod(enum.StrEnum):
    SIGNED_PAPER = "signed_paper"
    VERBAL = "verbal"


KIND_LABELS = {ResidentKind.RESIDENT: N_("住民"), ResidentKind.RELATED: N_("関係人口（市外の方）")}
SUPPORT_NEED_LABELS = {
    SupportNeed.LARGE_PRINT: N_("大きな文字"),
    SupportNeed.READ_ALOUD: N_("読み上げ"),
    SupportNeed.HEARING: N_("耳が不自由"),
    SupportNeed.MOBILITY: N_("足が不自由"),
}
SMARTPHONE_LABELS = {
    Smartphone.NONE: N_("持っていない"),
    Smartphone.ANDROID: "Android",
    Smartphone.IPHONE: "iPhone",
    Smartphone.FEATURE_PHONE: N_("携帯電話（ガラケー）"),
}
CONSENT_SCOPE_LABELS = {
    ConsentScope.KEEP_RECORD: N_("記録を残す（必須）"),
    ConsentScope.PHONE_CONTACT: N_("電話で連絡する"),
    ConsentScope.SHARE_WITH_CITY: N_("市と共有する"),
    ConsentScope.PHOTOS: N_("写真を撮る"),
}
CONSENT_METHOD_LABELS = {
    ConsentMethod.SIGNED_PAPER: N_("紙の同意書に署名"),
    ConsentMethod.VERBAL: N_("口頭で同意"),
}
CURRENT_CONSENT_VERSION = "2026-04"

# The fields a person edits (form, CSV, `resident set`). Everything else is managed by the Store.
EDITABLE_FIELDS = (
    "family_name",
    "given_name",
    "family_reading",
    "given_reading",
    "birth_date",
    "phone",
    "phone2",
    "district",
    "kind",
    "support_needs",
    "smartphone",
    "notes",
)
# The same as sets, and the known values of each choice (a roster import checks 10 000 rows).
_EDITABLE = frozenset(EDITABLE_FIELDS)
_KINDS = frozenset(kind.value for kind in ResidentKind)
_NEEDS = frozenset(need.value for need in SupportNeed)
_SMARTPHONES = frozenset(phone.value for phone in Smartphone)


@dataclass
class Consent:
    """What the resident agreed to, how, and who saw them agree."""

    scopes: list[str]
    method: str = ConsentMethod.SIGNED_PAPER.value
    witnessed_by: str = ""
    text_version: str = CURRENT_CONSENT_VERSION
    given_on: str = ""
    withdrawn_on: str | None = None
    id: str = ""
    resident_id: str = ""

    def validate(self) -> None:
        errors: dict[str, str] = {}
        unknown = [s for s in self.scopes if s not in ConsentScope.__members__.values()]
        if unknown:
            errors["consent_scopes"] = N_("同意の項目に不明なものがあります。")
        elif ConsentScope.KEEP_RECORD.value not in self.scopes:
            errors["consent_scopes"] = N_("「記録を残す」への同意がないと登録できません。")
        if self.method not in ConsentMethod.__members__.values():
            errors["consent_method"] = N_("同意の方法を選んでください。")
        if not (self.witnessed_by or "").strip():
            errors["consent_witness"] = N_("同意を確認した人の名前を入力してください。")
        if errors:
            raise ValidationError.many(errors)


@dataclass
class Resident:
    """A resident as the desk knows them. Dates are ISO strings; lists are of enum values."""

    family_name: str
    family_reading: str
    given_name: str = ""
    given_reading: str = ""
    birth_date: str | None = None
    phone: str = ""
    phone2: str = ""  # a second number, usually the mobile (携帯) beside the home phone
    district: str = ""
    kind: str = ResidentKind.RESIDENT.value
    support_needs: list[str] = field(default_factory=list)
    smartphone: str = Smartphone.NONE.value
    notes: str = ""
    card_code: str = ""
    needs_completion: bool = False
    home_municipality: str = ""  # where a 関係人口 / ふるさと住民 lives (市区町村)
    is_minor: bool = False
    guardian_name: str = ""  # a minor's guardian, who consented on guardian_consent_on
    guardian_consent_on: str | None = None
    merged_into: str | None = None
    deleted: bool = False
    created_at: str = ""
    id: str = ""

    @property
    def full_name(self) -> str:
        return f"{self.family_name}　{self.given_name}".strip("　")

    @property
    def full_reading(self) -> str:
        return f"{self.family_reading}　{self.given_reading}".strip("　")

    @property
    def birth(self) -> dt.date | None:
        return dt.date.fromisoformat(self.birth_date) if self.birth_date else None

    def age(self, on: dt.date | None = None) -> int | None:
        return age_on(self.birth, on)

    @property
    def birth_wareki(self) -> str:
        return format_wareki(self.birth)


def clean_resident_fields(values: dict[str, object], *, partial: bool = False) -> dict[str, object]:
    """Check and normalise typed values for a resident. Raises ValidationError (all fields at once).

    `values` holds strings as typed (birth date in 和暦 or 西暦, full-width phone …) or already
    clean values. With `partial`, only the given fields are checked (an edit).
    """
    errors: dict[str, str] = {}
    cleaned: dict[str, object] = {}

    def text(name: str) -> str:
        return str(values.get(name) or "").strip()

    unknown = values.keys() - _EDITABLE
    for name in sorted(unknown):
        errors[name] = message("「{name}」という項目はありません。", name=name)

    def wanted(name: str) -> bool:
        return not partial or name in values

    if wanted("family_name"):
        family_name = text("family_name")
        if not family_name:
            errors["family_name"] = N_("姓（みょうじ）を入力してください。")
        cleaned["family_name"] = family_name
    if wanted("given_name"):
        cleaned["given_name"] = text("given_name")
    for name, label in (("family_reading", N_("せい")), ("given_reading", N_("めい"))):
        if not wanted(name):
            continue
        reading = normalize_reading(text(name))
        if not reading and name == "family_reading":
            errors[name] = N_("ふりがな（せい）を入力してください。")
        elif reading and not is_kana_reading(reading):
            errors[name] = message(
                "ふりがな（{label}）は ひらがな か カタカナ で入力してください。", label=label
            )
        cleaned[name] = reading
    if not partial and cleaned.get("given_name") and not cleaned.get("given_reading"):
        errors.setdefault("given_reading", N_("ふりがな（めい）を入力してください。"))
    if wanted("birth_date"):
        raw = values.get("birth_date")
        if isinstance(raw, dt.date):
            cleaned["birth_date"] = raw.isoformat()
        else:
            try:
                parsed = parse_birth_date(str(raw or ""))
                cleaned["birth_date"] = parsed.isoformat() if parsed else None
            except ValidationError as error:
                errors["birth_date"] = error.message
    for name in ("phone", "phone2"):
        if wanted(name):
            try:
                cleaned[name] = normalize_phone(text(name), field=name)
            except ValidationError as error:
                errors[name] = error.message
    if wanted("district"):
        cleaned["district"] = text("district")
    if wanted("kind"):
        kind = text("kind") or ResidentKind.RESIDENT.value
        if kind not in _KINDS:
            errors["kind"] = N_("区分は「住民」か「関係人口」を選んでください。")
        cleaned["kind"] = kind
    if wanted("support_needs"):
        needs = values.get("support_needs") or []
        if isinstance(needs, str):
            needs = [n.strip() for n in needs.replace("、", ",").split(",") if n.strip()]
        needs = list(dict.fromkeys(str(n) for n in needs))
        if not _NEEDS.issuperset(needs):
            errors["support_needs"] = N_("必要な配慮に不明な項目があります。")
        cleaned["support_needs"] = needs
    if wanted("smartphone"):
        phone_kind = text("smartphone") or Smartphone.NONE.value
        if phone_kind not in _SMARTPHONES:
            errors["smartphone"] = N_("スマートフォンの種類を選んでください。")
        cleaned["smartphone"] = phone_kind
    if wanted("notes"):
        cleaned["notes"] = str(values.get("notes") or "").strip()
    if errors:
        raise ValidationError.many(errors)
    return cleaned
