"""The centre's roster as CSV: import what Excel wrote, export the registry back.

Import accepts UTF-8 (with or without BOM) and CP932 (what Japanese Excel writes), Japanese
headers (氏名 or 姓/名, ふりがな/フリガナ or せい/めい, 生年月日, 電話番号, 地区, 備考 …) or the
English field names, and a full name split at the first space (full or half width). Valid rows go
in one transaction; every rejected row is written to a rejects CSV with its row number and
reason, so nothing disappears silently (a cell longer than its field allows is such a reason,
however long: Python's csv reader would otherwise stop the whole import at 128 KB). A dry run
reports what would happen and writes nothing. An import can be cancelled (`cancelled`); nothing
of it is then written.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kyojo_desk.errors import KyojoError, ValidationError
from kyojo_desk.records.resident import (
    KIND_LABELS,
    SMARTPHONE_LABELS,
    SUPPORT_NEED_LABELS,
    Consent,
    ConsentMethod,
    ConsentScope,
    clean_resident_fields,
)
from kyojo_desk.spreadsheet import csv_writer, read_cell
from kyojo_desk.store.schema import SYNCED_TABLES
from kyojo_desk.text.fold import fold_key
from kyojo_desk.text.phone import phone_digits
from kyojo_desk.text.wareki import format_wareki
from kyojo_desk.texts import N_, message

if TYPE_CHECKING:
    from kyojo_desk.records.resident import Resident
    from kyojo_desk.store.store import Store

# Header (NFKC, lower-case, without spaces or brackets) → field. Full name/reading are split.
HEADER_ALIASES: dict[str, str] = {}
for _field, _names in {
    "family_name": (
        "姓",
        "氏",
        "苗字",
        "名字",
        "みょうじ",
        "family_name",
        "familyname",
        "last_name",
    ),
    "given_name": ("名", "下の名前", "given_name", "givenname", "first_name"),
    "full_name": ("氏名", "名前", "お名前", "おなまえ", "なまえ", "name", "full_name", "fullname"),
    "family_reading": (
        "せい",
        "セイ",
        "姓ふりがな",
        "姓フリガナ",
        "ふりがな姓",
        "フリガナ姓",
        "姓よみ",
        "姓カナ",
        "family_reading",
    ),
    "given_reading": (
        "めい",
        "メイ",
        "名ふりがな",
        "名フリガナ",
        "ふりがな名",
        "フリガナ名",
        "名よみ",
        "名カナ",
        "given_reading",
    ),
    "full_reading": (
        "ふりがな",
        "フリガナ",
        "よみがな",
        "ヨミガナ",
        "よみ",
        "読み",
        "カナ",
        "かな",
        "氏名ふりがな",
        "氏名フリガナ",
        "reading",
        "full_reading",
    ),
    "birth_date": ("生年月日", "誕生日", "生年月日西暦", "birth_date", "birthdate", "birthday"),
    "phone": ("電話番号", "電話", "連絡先", "tel", "phone", "phone_number"),
    "district": ("地区", "地域", "地区名", "district"),
    "kind": ("区分", "種別", "kind"),
    "support_needs": ("必要な配慮", "配慮", "support_needs"),
    "smartphone": ("スマホ", "スマートフォン", "携帯", "smartphone"),
    "notes": ("備考", "メモ", "notes", "note"),
    # Consent to share with the city (absent or blank: not shared).
    "share_with_city": ("市と共有", "市と共有する", "市との共有", "share_with_city"),
}.items():
    for _name in _names:
        HEADER_ALIASES[
            re.sub(r"[\s()（）・_]", "", unicodedata.normalize("NFKC", _name)).lower()
        ] = _field
        HEADER_ALIASES[_name.lower()] = _field

EXPORT_HEADERS = (
    "ID",
    "姓",
    "名",
    "せい",
    "めい",
    "生年月日",
    "生年月日（和暦）",
    "電話番号",
    "地区",
    "区分",
    "必要な配慮",
    "スマホ",
    "備考",
    "カード番号",
    "市と共有",
)

# Answers of the 「市と共有」 column, folded (kana of either script and width, NFKC, lower case).
SHARE_ANSWERS = {
    **dict.fromkeys(("はい", "○", "〇", "◯", "1", "yes", "y", "true", "する", "共有する"), True),
    **dict.fromkeys(
        ("いいえ", "×", "✕", "x", "0", "no", "n", "false", "しない", "共有しない"), False
    ),
}

_NAME_SPLIT = re.compile(r"[ \u3000]+")


# The longest cell any column may hold (the longest text field, notes); a mapped column's own
# limit is its field's (names 100 characters, phone 40 …), so what is imported can also sync.
MAX_CELL_CHARS = 4000


def cell_limit(header: str) -> int:
    """How many characters the column `header` may hold."""
    name = HEADER_ALIASES.get(header_key(header))
    if name in ("full_name", "full_reading"):  # family and given part with a space between
        return 2 * SYNCED_TABLES["residents"].types["family_name"].max_length + 1
    kind = SYNCED_TABLES["residents"].types.get(name or "")
    if kind is not None and kind.max_length:
        return min(kind.max_length, MAX_CELL_CHARS)
    return MAX_CELL_CHARS


class RosterError(KyojoError):
    """The file as a whole cannot be read (encoding, no header, no name column)."""


class ImportCancelled(KyojoError):
    """The import was cancelled before it finished; nothing of it was written."""

    def __init__(self) -> None:
        super().__init__(N_("名簿の取り込みをやめました。だれも登録していません。"))


@dataclass
class RejectedRow:
    row_number: int
    reason: str
    values: dict[str, str]


@dataclass
class ImportReport:
    """What an import did (or, for a dry run, would do)."""

    imported: int = 0
    shared: int = 0  # of the imported, how many agreed to share with the city
    rejected: list[RejectedRow] = field(default_factory=list)
    blank_lines: int = 0
    dry_run: bool = False
    encoding: str = ""
    headers: list[str] = field(default_factory=list)

    @property
    def rejected_count(self) -> int:
        return len(self.rejected)


def header_key(header: str) -> str:
    normalized = unicodedata.normalize("NFKC", header or "").strip().lstrip("\ufeff")
    return re.sub(r"[\s()（）・_]", "", normalized).lower()


def decode_csv_bytes(data: bytes) -> tuple[str, str]:
    """The text of a CSV file and the encoding it was in (UTF-8 with/without BOM, or CP932)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp932"), "cp932"
    except UnicodeDecodeError:
        raise RosterError(
            N_(
                "ファイルの文字コードが読めません。Excelで「CSV UTF-8」か「CSV（コンマ区切り）」で保存してください。"
            )
        ) from None


def _split_full(text: str) -> tuple[str, str]:
    parts = _NAME_SPLIT.split(unicodedata.normalize("NFC", text.strip()), maxsplit=1)
    return (parts[0], parts[1] if len(parts) > 1 else "")


def _label_lookup(labels: dict[Any, str], extra: dict[str, str]) -> dict[str, str]:
    lookup = {fold_key(label): value.value for value, label in labels.items()}
    lookup.update({fold_key(value.value): value.value for value in labels})
    lookup.update({fold_key(k): v for k, v in extra.items()})
    return lookup


KIND_LOOKUP = _label_lookup(
    KIND_LABELS, {"関係人口": "related", "市外": "related", "市内": "resident"}
)
SMARTPHONE_LOOKUP = _label_lookup(
    SMARTPHONE_LABELS,
    {
        "なし": "none",
        "無し": "none",
        "持っていない": "none",
        "ガラケー": "feature_phone",
        "携帯電話": "feature_phone",
        "らくらくホン": "feature_phone",
        "アンドロイド": "android",
        "あいふぉん": "iphone",
        "アイフォン": "iphone",
    },
)
NEED_LOOKUP = _label_lookup(SUPPORT_NEED_LABELS, {})


def share_answer(text: str) -> bool:
    """The 「市と共有」 cell as True/False (blank: False). Raises ValidationError."""
    if not text.strip():
        return False
    answer = SHARE_ANSWERS.get(fold_key(text).lower())
    if answer is None:
        raise ValidationError(
            "share_with_city",
            message(
                "「市と共有」は「はい」か「いいえ」（○/×、1/0、yes/no）で入れてください（「{value}」）。",
                value=text,
            ),
        )
    return answer


def row_to_values(row: dict[str, str], districts: dict[str, str]) -> dict[str, Any]:
    """One CSV row (already keyed by field) → typed values for `clean_resident_fields`.

    `districts` maps folded district names and codes to codes. Raises ValidationError.
    """
    values: dict[str, Any] = {}
    errors: dict[str, str] = {}
    if row.get("full_name") and not row.get("family_name"):
        values["family_name"], values["given_name"] = _split_full(row["full_name"])
    if row.get("full_reading") and not row.get("family_reading"):
        values["family_reading"], values["given_reading"] = _split_full(row["full_reading"])
    for name in (
        "family_name",
        "given_name",
        "family_reading",
        "given_reading",
        "birth_date",
        "phone",
        "notes",
    ):
        if row.get(name):
            values[name] = row[name]
    if row.get("district"):
        code = districts.get(fold_key(row["district"]))
        if code is None:
            errors["district"] = message(
                "地区「{value}」が地区の一覧にありません。", value=row["district"]
            )
        values["district"] = code or ""
    if row.get("kind"):
        values["kind"] = KIND_LOOKUP.get(fold_key(row["kind"]), row["kind"])
    if row.get("smartphone"):
        values["smartphone"] = SMARTPHONE_LOOKUP.get(fold_key(row["smartphone"]), row["smartphone"])
    if row.get("support_needs"):
        needs = [n for n in re.split(r"[、,，/・\s]+", row["support_needs"]) if n]
        values["support_needs"] = [NEED_LOOKUP.get(fold_key(n), n) for n in needs]
    try:
        cleaned = clean_resident_fields(values)
    except ValidationError as error:
        errors.update(error.errors)
        raise ValidationError.many(errors) from None
    if errors:
        raise ValidationError.many(errors)
    return cleaned


def read_roster(
    data: bytes,
) -> tuple[list[tuple[int, dict[str, str], dict[str, str]]], int, str, list[str]]:
    """Rows of a roster file as (row number, field values, raw values), blank lines, encoding,
    headers. Row numbers count lines as a spreadsheet shows them (the header is row 1)."""
    text, encoding = decode_csv_bytes(data)
    reader = csv.reader(io.StringIO(text, newline=""))
    # No cell can be longer than the file: an oversized cell becomes a rejected row (its length
    # is checked by the import), never an error that stops the whole file.
    limit = csv.field_size_limit(max(csv.field_size_limit(), len(text) + 1))
    try:
        headers = [read_cell(header) for header in next(reader)]
        rows, blank = _read_rows(reader, headers)
    except StopIteration:
        raise RosterError(N_("ファイルが空です。")) from None
    finally:
        csv.field_size_limit(limit)
    return rows, blank, encoding, headers


def _read_rows(
    reader: Any, headers: list[str]
) -> tuple[list[tuple[int, dict[str, str], dict[str, str]]], int]:
    """The rows after the header (see `read_roster`) and the number of blank lines."""
    fields = [HEADER_ALIASES.get(header_key(h)) for h in headers]
    if not ({"family_name", "full_name"} & set(fields)):
        raise RosterError(
            N_("「氏名」または「姓」の列が見つかりません。1行目に見出しを入れてください。")
        )
    rows = []
    blank = 0
    for number, written in enumerate(reader, start=2):
        cells = [read_cell(cell) for cell in written]  # what safe_cell protected, as it was
        if not any(cell.strip() for cell in cells):
            blank += 1
            continue
        raw = {
            headers[i] if i < len(headers) else f"列{i + 1}": cell for i, cell in enumerate(cells)
        }
        values: dict[str, str] = {}
        for index, cell in enumerate(cells):
            name = fields[index] if index < len(fields) else None
            if name and cell.strip() and not values.get(name):
                values[name] = cell.strip()
        rows.append((number, values, raw))
    return rows, blank


def import_roster(
    store: Store,
    path: Path,
    *,
    dry_run: bool = False,
    witness: str = "名簿取り込み",
    rejects_path: Path | None = None,
    cancelled: Callable[[], bool] = lambda: False,
) -> ImportReport:
    """Import residents from a roster CSV. Valid rows in one transaction; rejects written out.

    `cancelled` is asked between rows and before the transaction commits; when it answers True
    the import stops with ImportCancelled and nothing is written."""
    rows, blank, encoding, headers = read_roster(Path(path).read_bytes())
    report = ImportReport(blank_lines=blank, dry_run=dry_run, encoding=encoding, headers=headers)
    districts: dict[str, str] = {}
    for district in store.list_districts():
        districts[fold_key(district.name)] = district.code
        districts[fold_key(district.code)] = district.code
        if district.reading:
            districts[fold_key(district.reading)] = district.code
    seen: dict[str, int] = {}
    accepted: list[tuple[dict[str, Any], bool]] = []
    for number, values, raw in rows:
        if cancelled():
            raise ImportCancelled()
        oversized = next(
            ((header, len(cell)) for header, cell in raw.items() if len(cell) > cell_limit(header)),
            None,
        )
        if oversized is not None:
            header, length = oversized
            report.rejected.append(
                RejectedRow(
                    number,
                    message(
                        "「{column}」の欄が長すぎます（{length}文字。{limit}文字までです）。",
                        column=header,
                        length=length,
                        limit=cell_limit(header),
                    ),
                    raw,
                )
            )
            continue
        try:
            shared = share_answer(values.get("share_with_city", ""))
            cleaned = row_to_values(values, districts)
        except ValidationError as error:
            report.rejected.append(RejectedRow(number, " ".join(error.errors.values()), raw))
            continue
        keys = []
        reading = fold_key(cleaned["family_reading"]) + fold_key(cleaned.get("given_reading", ""))
        if cleaned.get("birth_date"):
            keys.append(f"rb:{reading}:{cleaned['birth_date']}")
        if len(phone_digits(cleaned.get("phone"))) >= 10:
            keys.append(f"p:{phone_digits(cleaned['phone'])}")
        earlier = next((seen[k] for k in keys if k in seen), None)
        if earlier is not None:
            report.rejected.append(
                RejectedRow(
                    number,
                    message(
                        "{earlier}行目と同じ方のようです（ふりがなと生年月日、または電話番号が同じ）。",
                        earlier=earlier,
                    ),
                    raw,
                )
            )
            continue
        matches = store.find_duplicates(cleaned)
        if matches:
            who = "、".join(m.full_name for m in matches[:3])
            report.rejected.append(
                RejectedRow(
                    number, message("すでに登録されている方と同じようです（{who}）。", who=who), raw
                )
            )
            continue
        for key in keys:
            seen[key] = number
        accepted.append((cleaned, shared))
    if not dry_run and accepted:
        with store.transaction():
            _insert_accepted(store, accepted, witness)
            if cancelled():  # raising inside the transaction rolls the whole import back
                raise ImportCancelled()
    report.imported = len(accepted)
    report.shared = sum(1 for _, shared in accepted if shared)
    if rejects_path is not None and report.rejected:
        write_rejects(report, rejects_path)
    return report


def _insert_accepted(
    store: Store, accepted: list[tuple[dict[str, Any], bool]], witness: str
) -> None:
    keep_only = [ConsentScope.KEEP_RECORD.value]
    shared = [ConsentScope.KEEP_RECORD.value, ConsentScope.SHARE_WITH_CITY.value]
    store.insert_residents(
        [
            (
                cleaned,
                Consent(
                    scopes=shared if share else keep_only,
                    method=ConsentMethod.SIGNED_PAPER.value,
                    witnessed_by=witness,
                ),
            )
            for cleaned, share in accepted
        ]
    )


def write_rejects(report: ImportReport, path: Path) -> None:
    """The rejected rows with their row number and reason (UTF-8 with BOM, for Excel)."""
    columns = ["行", "理由", *report.headers]
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv_writer(handle)
        writer.writerow(columns)
        for rejected in report.rejected:
            writer.writerow(
                [
                    rejected.row_number,
                    rejected.reason,
                    *(rejected.values.get(h, "") for h in report.headers),
                ]
            )


def resident_export_row(
    resident: Resident, district_names: dict[str, str], shared: bool = False
) -> list[str]:
    return [
        resident.id,
        resident.family_name,
        resident.given_name,
        resident.family_reading,
        resident.given_reading,
        resident.birth_date or "",
        format_wareki(resident.birth),
        resident.phone,
        district_names.get(resident.district, resident.district),
        KIND_LABELS.get(resident.kind, resident.kind),  # type: ignore[call-overload]
        "、".join(SUPPORT_NEED_LABELS.get(n, n) for n in resident.support_needs),  # type: ignore[call-overload]
        SMARTPHONE_LABELS.get(resident.smartphone, resident.smartphone),  # type: ignore[call-overload]
        resident.notes,
        resident.card_code,
        "はい" if shared else "いいえ",
    ]


def export_roster(store: Store, path: Path) -> int:
    """Write every active resident in 五十音 order (UTF-8 with BOM so Excel opens it)."""
    from kyojo_desk.store.consent_scopes import shared_ids

    names = {d.code: d.name for d in store.list_districts()}
    residents = store.list_residents()
    shared = shared_ids(store)
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv_writer(handle)
        writer.writerow(EXPORT_HEADERS)
        for resident in residents:
            writer.writerow(resident_export_row(resident, names, resident.id in shared))
    return len(residents)
