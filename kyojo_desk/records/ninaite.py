"""担い手活動 (community "bearer" activities) for the national ふるさと住民登録, and their checks.

The MIC 2026 policy creates ふるさと住民登録 (registration of people connected to a town who live
elsewhere). Its プレミアム登録 needs 「年3回以上、自治体が指定する担い手活動を実施すること」:
at least three designated activities in a 年度 (fiscal year, 1 April to 31 March). An activity is
designated by the city itself (pattern ①) or through a partner organisation whose projects count
(pattern ②: a 自治会, a 地域運営組織, the 消防団 …). For people from far away 「連続する3日間の活動を
3回とカウントする」. This module holds the pure parts: organisations, the checks of a quick
registration at the door, external codes, and the yearly tally with its rule.
"""

from __future__ import annotations

import datetime as dt
import enum
import unicodedata
from dataclasses import dataclass, field

from kyojo_desk.errors import ValidationError
from kyojo_desk.text.fold import is_kana_reading, normalize_reading
from kyojo_desk.text.phone import normalize_phone
from kyojo_desk.text.wareki import age_on, parse_birth_date
from kyojo_desk.texts import N_, label_or_text, message

# Who designated an event as 担い手活動: the city itself, or a partner organisation's id.
DESIGNATED_BY_CITY = "city"
# 「年3回以上」
REQUIRED_COUNT = 3
# 「連続する3日間の活動を3回とカウントする」
CONSECUTIVE_DAYS = 3
# 長期滞在者: 10 or more days a year in the town.
LONG_STAY_DAYS = 10
# Under this age a person registers with a guardian's consent (民法: adults from 18).
ADULT_AGE = 18
EXTERNAL_CODE_MAX_LENGTH = 512


class OrganisationKind(enum.StrEnum):
    NEIGHBOURHOOD = "neighbourhood"  # 自治会: 盆踊り, 清掃活動
    COMMUNITY_MANAGEMENT = "community_management"  # 地域運営組織: 移動販売の買い物支援, 祭り運営
    FIRE_BRIGADE = "fire_brigade"  # 消防団: 防災訓練, 夜警
    NPO = "npo"
    OTHER = "other"


ORGANISATION_KIND_LABELS = {
    OrganisationKind.NEIGHBOURHOOD: N_("自治会"),
    OrganisationKind.COMMUNITY_MANAGEMENT: N_("地域運営組織"),
    OrganisationKind.FIRE_BRIGADE: N_("消防団"),
    OrganisationKind.NPO: N_("NPO"),
    OrganisationKind.OTHER: N_("その他"),
}


@dataclass
class Organisation:
    """A partner organisation whose projects the city counts as 担い手活動 (pattern ②)."""

    name: str
    kind: str = OrganisationKind.OTHER.value
    contact: str = ""
    created_at: str = ""
    deleted: bool = False
    id: str = ""

    @property
    def kind_label(self) -> str:
        return label_or_text(ORGANISATION_KIND_LABELS, self.kind)


def organisation_kind_from_text(text: str) -> str | None:
    """A kind from its value or its Japanese label; None when it is neither."""
    text = text.strip()
    for kind, label in ORGANISATION_KIND_LABELS.items():
        if text in (kind.value, label):
            return kind.value
    return None


def clean_organisation_fields(values: dict[str, object]) -> dict[str, object]:
    """Check a partner organisation's name, kind and contact. Raises ValidationError."""
    errors: dict[str, str] = {}
    name = str(values.get("name") or "").strip()
    if not name:
        errors["name"] = N_("団体の名前を入力してください。")
    elif len(name) > 200:
        errors["name"] = N_("団体の名前が長すぎます（200文字まで）。")
    kind = organisation_kind_from_text(str(values.get("kind") or OrganisationKind.OTHER.value))
    if kind is None:
        errors["kind"] = N_(
            "団体の種類は 自治会・地域運営組織・消防団・NPO・その他 から選んでください。"
        )
    contact = str(values.get("contact") or "").strip()
    if len(contact) > 200:
        errors["contact"] = N_("連絡先が長すぎます（200文字まで）。")
    if errors:
        raise ValidationError.many(errors)
    return {"name": name, "kind": kind, "contact": contact}


def normalize_external_code(payload: str) -> str:
    """An external QR or barcode kept as given after NFKC (never parsed for meaning).

    NFKC makes the same code typed by a scanner through a Japanese IME (full-width letters,
    digits and marks) equal to the code read by a camera; the ends' spaces and line breaks a
    scanner adds are removed."""
    return unicodedata.normalize("NFKC", payload).strip()


def check_external_code(payload: str) -> str:
    """The normalised code, or ValidationError when nothing is left or it is too long."""
    code = normalize_external_code(payload)
    if not code:
        raise ValidationError(
            "code", N_("コードが読み取れていません。もう一度読み取ってください。")
        )
    if len(code) > EXTERNAL_CODE_MAX_LENGTH:
        raise ValidationError("code", N_("コードが長すぎます。"))
    if any(unicodedata.category(c) == "Cc" for c in code):
        raise ValidationError("code", N_("コードに読み取れない文字が入っています。"))
    return code


# The fields of a quick registration at the door (ふるさと住民).
FURUSATO_FIELDS = (
    "family_name",
    "given_name",
    "family_reading",
    "given_reading",
    "home_municipality",
    "phone",
    "birth_date",
    "is_minor",
    "guardian_name",
    "guardian_consent",
)


def clean_furusato_fields(
    values: dict[str, object], today: dt.date | None = None
) -> dict[str, object]:
    """Check a ふるさと住民 registered at the door: name, reading and home municipality; a phone
    number and a birth date if given; a minor (ticked, or under 18 by the birth date) needs a
    guardian's name and consent. Returns resident fields. Raises ValidationError (all at once)."""
    today = today or dt.date.today()
    errors: dict[str, str] = {}
    for name in sorted(set(values) - set(FURUSATO_FIELDS)):
        errors[name] = message("「{name}」という項目はありません。", name=name)

    def text(name: str) -> str:
        return str(values.get(name) or "").strip()

    cleaned: dict[str, object] = {
        "family_name": text("family_name"),
        "given_name": text("given_name"),
    }
    if not cleaned["family_name"]:
        errors["family_name"] = N_("姓（みょうじ）を入力してください。")
    for name in ("family_reading", "given_reading"):
        reading = normalize_reading(text(name))
        if reading and not is_kana_reading(reading):
            errors[name] = N_("ふりがなは ひらがな か カタカナ で入力してください。")
        cleaned[name] = reading
    if not cleaned["family_reading"]:
        errors["family_reading"] = N_("ふりがな（せい）を入力してください。")
    if cleaned["given_name"] and not cleaned["given_reading"]:
        errors["given_reading"] = N_("ふりがな（めい）を入力してください。")
    cleaned["home_municipality"] = text("home_municipality")
    if not cleaned["home_municipality"]:
        errors["home_municipality"] = N_("お住まいの市区町村を入力してください。")
    elif len(str(cleaned["home_municipality"])) > 100:
        errors["home_municipality"] = N_("市区町村の名前が長すぎます。")
    try:
        cleaned["phone"] = normalize_phone(text("phone"))
    except ValidationError as error:
        errors["phone"] = error.message
    birth: dt.date | None = None
    try:
        birth = parse_birth_date(text("birth_date"))
    except ValidationError as error:
        errors["birth_date"] = error.message
    cleaned["birth_date"] = birth.isoformat() if birth else None
    age = age_on(birth, today) if birth else None
    is_minor = bool(values.get("is_minor")) or (age is not None and age < ADULT_AGE)
    cleaned["is_minor"] = is_minor
    cleaned["guardian_name"] = text("guardian_name") if is_minor else ""
    cleaned["guardian_consent_on"] = None
    if is_minor:
        if not cleaned["guardian_name"]:
            errors["guardian_name"] = N_("未成年の方は、保護者の名前を入力してください。")
        if not values.get("guardian_consent"):
            errors["guardian_consent"] = N_("未成年の方は、保護者の同意がないと登録できません。")
        else:
            cleaned["guardian_consent_on"] = today.isoformat()
    if errors:
        raise ValidationError.many(errors)
    return cleaned


def fiscal_year_of(day: dt.date) -> int:
    """The 年度 a day belongs to: 1 April Y to 31 March Y+1 is 年度 Y."""
    return day.year if day.month >= 4 else day.year - 1


def fiscal_year_bounds(year: int) -> tuple[dt.date, dt.date]:
    """First and last day of 年度 `year`."""
    return dt.date(year, 4, 1), dt.date(year + 1, 3, 31)


@dataclass(frozen=True)
class ActivityDay:
    """One day a person took part in one designated activity."""

    day: str  # ISO date
    event_id: str
    title: str
    designated_by: str  # "city" or an organisation's id
    designated_by_name: str = ""


@dataclass
class YearTally:
    """A person's 担い手活動 in one 年度, counted as the policy says (see `tally_year`).

    activities: distinct designated activities (events) taken part in;
    activity_days: distinct days with at least one designated activity;
    counted: the count that the 「年3回」 requirement is measured by;
    days_of_stay: distinct days the person checked in at any event (designated or not);
    long_stay: 10 or more days of stay (長期滞在者); met: counted ≥ 3.
    counted_activities: the activity days that count, one entry per counted time.
    """

    person_id: str
    fiscal_year: int
    activities: int = 0
    activity_days: int = 0
    counted: int = 0
    days_of_stay: int = 0
    long_stay: bool = False
    met: bool = False
    dates: list[str] = field(default_factory=list)
    counted_activities: list[ActivityDay] = field(default_factory=list)


def consecutive_runs(days: list[dt.date]) -> list[list[dt.date]]:
    """Sorted distinct days split into runs of consecutive calendar days."""
    runs: list[list[dt.date]] = []
    for day in sorted(set(days)):
        if runs and (day - runs[-1][-1]).days == 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    return runs


def tally_year(
    person_id: str,
    fiscal_year: int,
    activity_days: list[ActivityDay],
    stay_days: list[str],
    *,
    from_far_away: bool,
) -> YearTally:
    """Count a person's year of 担い手活動.

    The rule, as the policy states it: each designated activity a person takes part in counts
    once (「年3回」 = three activities), however many of its days they came. For a person from
    far away (a 関係人口 / ふるさと住民, who lives elsewhere), 「連続する3日間の活動を3回とカウント
    する」: every day of a run of three or more consecutive days with activity counts once, so a
    three-day activity attended on all three days counts three times. The other activity days
    add the activities among them not already counted (in a run or on an earlier day).
    Days outside the 年度 are ignored.
    """
    first, last = fiscal_year_bounds(fiscal_year)
    in_year = [a for a in activity_days if first <= dt.date.fromisoformat(a.day) <= last]
    tally = YearTally(person_id, fiscal_year)
    tally.activities = len({a.event_id for a in in_year})
    day_dates = sorted({dt.date.fromisoformat(a.day) for a in in_year})
    tally.activity_days = len(day_dates)
    tally.dates = [d.isoformat() for d in day_dates]
    by_day: dict[str, list[ActivityDay]] = {}
    for activity in sorted(in_year, key=lambda a: (a.day, a.title, a.event_id)):
        by_day.setdefault(activity.day, []).append(activity)
    counted_events: set[str] = set()
    other_days: list[str] = []
    for run in consecutive_runs(day_dates):
        run_days = [d.isoformat() for d in run]
        if from_far_away and len(run) >= CONSECUTIVE_DAYS:
            # Every day of the run counts once (the day's first activity names it).
            for day in run_days:
                tally.counted_activities.append(by_day[day][0])
                counted_events.update(a.event_id for a in by_day[day])
        else:
            other_days += run_days
    for day in other_days:
        for activity in by_day[day]:
            if activity.event_id not in counted_events:
                counted_events.add(activity.event_id)
                tally.counted_activities.append(activity)
    tally.counted_activities.sort(key=lambda a: (a.day, a.title, a.event_id))
    tally.counted = len(tally.counted_activities)
    tally.met = tally.counted >= REQUIRED_COUNT
    stays = {d for d in stay_days if first <= dt.date.fromisoformat(d) <= last} | set(tally.dates)
    tally.days_of_stay = len(stays)
    tally.long_stay = tally.days_of_stay >= LONG_STAY_DAYS
    return tally
