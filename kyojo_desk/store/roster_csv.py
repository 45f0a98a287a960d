"""The centre's roster as CSV: import what Excel wrote, export the registry back.

Import accepts rosters as Excel and people save them: UTF-8 (with or without BOM), CP932
(「CSV（コンマ区切り）」) and UTF-16 tab-separated text (「Unicode テキスト」); a title or empty
rows above the header (the header is looked for in the first HEADER_SEARCH_ROWS rows); Japanese
headers (氏名 or 姓/名, ふりがな/フリガナ or せい/めい, 生年月日, 電話番号 or 自宅電話 and 携帯 as
two numbers, 地区, 備考 …) or the English field names; a full name split at the first space.

Excel's damage is recognised and explained: a phone number that lost its leading 0 (stored as a
number) is read with the 0 when the result is a real number, a date serial (17594) is read as
the date it counts, and a date with a time (`1948/3/2 0:00`) as the date. Each such repair is
listed in the report (`repaired`) so a person can check it.

Valid rows go in one transaction; every rejected row is written to a rejects CSV with its row number and
reason, so nothing disappears silently (a cell longer than its field allows is such a reason,
however long: Python's csv reader would otherwise stop the whole import at 128 KB). A dry run
reports what would happen and writes nothing. An import can be cancelled (`cancelled`); nothing
of it is then written.
"""

from __future__ import annotations

import csv
import datetime as dt
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
from kyojo_desk.store.garbage import paused_garbage_collection
from kyojo_desk.store.schema import SYNCED_TABLES
from kyojo_desk.text.fold import fold_key, reading_key
from kyojo_desk.text.phone import normalize_phone, phone_digits
from kyojo_desk.text.wareki import format_both, format_wareki
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
    "phone": (
        "電話番号",
        "電話",
        "連絡先",
        "自宅電話",
        "自宅電話番号",
        "自宅",
        "固定電話",
        "電話番号（自宅）",
        "tel",
        "phone",
        "phone_number",
    ),
    # 携帯 is a phone number, never the smartphone kind (that column is スマホ).
    "phone2": (
        "携帯",
        "携帯電話",
        "携帯番号",
        "携帯電話番号",
        "ケータイ",
        "電話番号（携帯）",
        "電話2",
        "電話番号2",
        "mobile",
        "phone2",
    ),
    "district": ("地区", "地域", "地区名", "district"),
    "kind": ("区分", "種別", "kind"),
    "support_needs": ("必要な配慮", "配慮", "support_needs"),
    "smartphone": ("スマホ", "スマートフォン", "スマホの種類", "smartphone"),
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
    "携帯電話",
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
HEADER_SEARCH_ROWS = 10  # a title, a date line, empty rows … the header is within these
# Excel counts days from 1899-12-30 (its 1900 leap-year bug included) in the 1900 date system.
EXCEL_EPOCH = dt.date(1899, 12, 30)
EXCEL_SERIAL_MIN = 3654
_EXCEL_SERIAL = re.compile(r"^(\d{1,5})(?:\.0+)?$")
_DATE_WITH_TIME = re.compile(r"^(\d{4}[/\-.]\d{1,2}[/\-.]\d{1,2})\s+\d{1,2}:\d{2}(?::\d{2})?$")
_EXPONENT = re.compile(r"^\d(?:\.\d+)?e\+?\d+$", re.IGNORECASE)


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


class ImportProgress:
    """How far an import has read: written by the import (on the database thread), read by
    the window (on its own) to draw a progress bar. Plain numbers only: the window polls them,
    the import never touches a widget."""

    def __init__(self) -> None:
        self.done = 0
        self.total = 0


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
    repaired: list[RejectedRow] = field(default_factory=list)  # rows read after undoing Excel
    delimiter: str = ","
    header_row: int = 1

    @property
    def rejected_count(self) -> int:
        return len(self.rejected)

    @property
    def looks_like_a_roster(self) -> bool:
        """False when more rows are refused than accepted: likely some other file whose first
        line happens to name a column 氏名, not a list of residents."""
        return self.rejected_count <= self.imported


def header_key(header: str) -> str:
    normalized = unicodedata.normalize("NFKC", header or "").strip().lstrip("\ufeff")
    return re.sub(r"[\s()（）・_]", "", normalized).lower()


def decode_csv_bytes(data: bytes) -> tuple[str, str]:
    """The text of a roster file and the encoding it was in (UTF-8 with/without BOM, UTF-16 as
    Excel's 「Unicode テキスト」 writes it, or CP932)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "utf-8-sig"
    utf16 = _utf16_byte_order(data)
    if utf16:
        try:
            return data.decode(utf16).lstrip("\ufeff"), "utf-16"
        except UnicodeDecodeError:
            raise RosterError(
                N_("UTF-16のファイルが途中で壊れています。Excelでもう一度保存してください。")
            ) from None
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


def _utf16_byte_order(data: bytes) -> str:
    """ "utf-16" (with its BOM), "utf-16-le"/"utf-16-be" for BOM-less text whose every other
    byte is zero (Japanese text in UTF-16 still has ASCII tabs, digits, line ends), or ""."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    sample = data[: min(len(data), 2000) // 2 * 2]
    if len(sample) >= 8:
        even, odd = sample[0::2].count(0), sample[1::2].count(0)
        # UTF-8 and CP932 text has no zero bytes at all; UTF-16 has one in every ASCII char.
        if odd > len(sample) // 20 and even * 4 < odd:
            return "utf-16-le"
        if even > len(sample) // 20 and odd * 4 < even:
            return "utf-16-be"
    return ""


def sniff_delimiter(text: str) -> str:
    """Tab for Excel's 「テキスト（タブ区切り）」 and 「Unicode テキスト」, otherwise comma: the
    character found more often in the first lines that have either."""
    lines = [line for line in text.splitlines()[: HEADER_SEARCH_ROWS * 2] if line.strip()]
    tabs = sum(line.count("\t") for line in lines)
    commas = sum(line.count(",") for line in lines)
    return "\t" if tabs > commas else ","


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


def undo_excel_phone(text: str, field: str = "phone") -> tuple[str, str]:
    """A phone cell as Excel may have left it → (the number to read, what was repaired or "").

    Excel stores 0554621111 typed in a General cell as the number 554621111, and shows long
    numbers as 5.54621E+08. Raises ValidationError when the damage cannot be undone."""
    cell = unicodedata.normalize("NFKC", text).strip()
    if _EXPONENT.match(cell):
        raise ValidationError(
            field,
            message(
                "Excelが電話番号を数として「{cell}」と表示したため、元の番号が分かりません。"
                "元の名簿で電話番号の列を「文字列」にしてから保存し直してください。",
                cell=cell,
            ),
        )
    if re.fullmatch(r"[1-9]\d{8,9}", cell):
        try:
            repaired = normalize_phone("0" + cell, field)
        except ValidationError:
            raise ValidationError(
                field,
                message(
                    "Excelで先頭の0が消えたようです（{cell}）。0を足しても電話番号になりません。"
                    "元の番号を確かめてください。",
                    cell=cell,
                ),
            ) from None
        return repaired, message(
            "Excelで先頭の0が消えたようです：{cell} を {repaired} として読みました。",
            cell=cell,
            repaired=repaired,
        )
    return text, ""


def undo_excel_date(text: str) -> tuple[str, str]:
    """A birth-date cell as Excel may have left it → (the date to read, what was repaired).

    A date serial (17594 = 1948-03-02, shown when the column's format was lost) becomes the date
    it counts; `1948/3/2 0:00` (a date cell saved with its time) becomes the date."""
    cell = unicodedata.normalize("NFKC", text).strip()
    with_time = _DATE_WITH_TIME.match(cell)
    if with_time:
        return with_time.group(1), ""
    serial = _EXCEL_SERIAL.match(cell)
    # From 3654 (1910-01-01) on: a smaller number is more likely a year typed alone (1948).
    if serial and int(serial.group(1)) >= EXCEL_SERIAL_MIN:
        day = EXCEL_EPOCH + dt.timedelta(days=int(serial.group(1)))
        return day.isoformat(), message(
            "生年月日「{cell}」はExcelの日付の通し番号なので、{day}として読みました。",
            cell=cell,
            day=format_both(day),
        )
    return text, ""


def row_to_values(
    row: dict[str, str], districts: dict[str, str], repairs: list[str] | None = None
) -> dict[str, Any]:
    """One CSV row (already keyed by field) → typed values for `clean_resident_fields`.

    `districts` maps folded district names and codes to codes. What was read after undoing
    Excel's damage is appended to `repairs`. Raises ValidationError.
    """
    values: dict[str, Any] = {}
    errors: dict[str, str] = {}
    row = dict(row)
    notes: list[str] = []
    for name in ("phone", "phone2"):
        if row.get(name):
            try:
                row[name], note = undo_excel_phone(row[name], name)
                notes.append(note)
            except ValidationError as error:
                errors.update(error.errors)
                row[name] = ""
    if row.get("birth_date"):
        row["birth_date"], note = undo_excel_date(row["birth_date"])
        notes.append(note)
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
        "phone2",
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
    if repairs is not None:
        repairs.extend(note for note in notes if note)
    return cleaned


@dataclass
class RosterFile:
    """A roster file as read: its rows keyed by field, and how it was written."""

    rows: list[tuple[int, dict[str, str], dict[str, str]]]
    blank_lines: int
    encoding: str
    headers: list[str]
    delimiter: str = ","
    header_row: int = 1


def read_roster_file(data: bytes) -> RosterFile:
    """Rows of a roster file as (row number, field values, raw values). Row numbers count lines
    as a spreadsheet shows them (the first line is row 1, whatever is above the header)."""
    text, encoding = decode_csv_bytes(data)
    delimiter = sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    # No cell can be longer than the file: an oversized cell becomes a rejected row (its length
    # is checked by the import), never an error that stops the whole file.
    limit = csv.field_size_limit(max(csv.field_size_limit(), len(text) + 1))
    try:
        headers, header_row = _find_header(reader, text)
        rows, blank = _read_rows(reader, headers, header_row)
    finally:
        csv.field_size_limit(limit)
    return RosterFile(rows, blank, encoding, headers, delimiter, header_row)


def read_roster(
    data: bytes,
) -> tuple[list[tuple[int, dict[str, str], dict[str, str]]], int, str, list[str]]:
    """Rows, blank lines, encoding and headers of a roster file (see `read_roster_file`)."""
    roster = read_roster_file(data)
    return roster.rows, roster.blank_lines, roster.encoding, roster.headers


def _find_header(reader: Any, text: str) -> tuple[list[str], int]:
    """The header (the first row naming a name column, within HEADER_SEARCH_ROWS rows: titles
    and empty rows above it are skipped) and its row number. Raises RosterError."""
    for number, written in enumerate(reader, start=1):
        cells = [read_cell(cell) for cell in written]  # what safe_cell protected, as it was
        if {"family_name", "full_name"} & {HEADER_ALIASES.get(header_key(h)) for h in cells}:
            return cells, number
        if number >= HEADER_SEARCH_ROWS:
            break
    if not text.strip():
        raise RosterError(N_("ファイルが空です。"))
    raise RosterError(
        message(
            "「氏名」または「姓」の見出しが最初の{count}行に見つかりません。"
            "見出しの行を入れてください。",
            count=HEADER_SEARCH_ROWS,
        )
    )


def _read_rows(
    reader: Any, headers: list[str], header_row: int
) -> tuple[list[tuple[int, dict[str, str], dict[str, str]]], int]:
    """The rows after the header (see `read_roster_file`) and the number of blank lines."""
    fields = [HEADER_ALIASES.get(header_key(h)) for h in headers]
    rows = []
    blank = 0
    for number, written in enumerate(reader, start=header_row + 1):
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
    progress: ImportProgress | None = None,
) -> ImportReport:
    """Import residents from a roster CSV. Valid rows in one transaction; rejects written out.

    `cancelled` is asked between rows and before the transaction commits; when it answers True
    the import stops with ImportCancelled and nothing is written. `progress`, when given, counts
    the rows checked."""
    with paused_garbage_collection():
        return _import_roster(
            store,
            path,
            dry_run=dry_run,
            witness=witness,
            rejects_path=rejects_path,
            cancelled=cancelled,
            progress=progress,
        )


def _import_roster(
    store: Store,
    path: Path,
    *,
    dry_run: bool,
    witness: str,
    rejects_path: Path | None,
    cancelled: Callable[[], bool],
    progress: ImportProgress | None,
) -> ImportReport:
    roster = read_roster_file(Path(path).read_bytes())
    rows = roster.rows
    if progress is not None:
        progress.total = len(rows)
    report = ImportReport(
        blank_lines=roster.blank_lines,
        dry_run=dry_run,
        encoding=roster.encoding,
        headers=roster.headers,
        delimiter=roster.delimiter,
        header_row=roster.header_row,
    )
    districts: dict[str, str] = {}
    for district in store.list_districts():
        districts[fold_key(district.name)] = district.code
        districts[fold_key(district.code)] = district.code
        if district.reading:
            districts[fold_key(district.reading)] = district.code
    # First every row is read and checked (the long part: progress and cancel between rows),
    # then the rows are compared with the registry in one set-based look-up, then with each
    # other in file order.
    limits: dict[str, int] = {}
    checked: list[tuple[int, dict[str, Any], bool, list[str], dict[str, str]]] = []
    for index, (number, values, raw) in enumerate(rows):
        if cancelled():
            raise ImportCancelled()
        if progress is not None:
            progress.done = index
        oversized = None
        for header, cell in raw.items():
            limit = limits.get(header)
            if limit is None:
                limit = limits[header] = cell_limit(header)
            if len(cell) > limit:
                oversized = (header, len(cell))
                break
        if oversized is not None:
            header, length = oversized
            report.rejected.append(
                RejectedRow(
                    number,
                    message(
                        "「{column}」の欄が長すぎます（{length}文字。{limit}文字までです）。",
                        column=header,
                        length=length,
                        limit=limits[header],
                    ),
                    raw,
                )
            )
            continue
        repairs: list[str] = []
        try:
            shared = share_answer(values.get("share_with_city", ""))
            cleaned = row_to_values(values, districts, repairs)
        except ValidationError as error:
            report.rejected.append(RejectedRow(number, " ".join(error.errors.values()), raw))
            continue
        checked.append((number, cleaned, shared, repairs, raw))
    if cancelled():
        raise ImportCancelled()
    people = [_same_person_keys(cleaned) for _, cleaned, _, _, _ in checked]
    registered = store.find_duplicates_many(
        [
            (reading, cleaned.get("birth_date"), phones)
            for (reading, phones), (_, cleaned, *_) in zip(people, checked, strict=True)
        ]
    )
    seen: dict[str, int] = {}
    accepted: list[tuple[dict[str, Any], bool]] = []
    for (number, cleaned, shared, repairs, raw), (reading, phones), matches in zip(
        checked, people, registered, strict=True
    ):
        keys = []
        if cleaned.get("birth_date"):
            keys.append(f"rb:{reading}:{cleaned['birth_date']}")
        keys += [f"p:{digits}" for digits in phones if len(digits) >= 10]
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
        if repairs:
            report.repaired.append(RejectedRow(number, " ".join(repairs), raw))
        accepted.append((cleaned, shared))
    report.rejected.sort(key=lambda rejected: rejected.row_number)
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


def _same_person_keys(cleaned: dict[str, Any]) -> tuple[str, list[str]]:
    """The whole reading key and the phone digits by which a row is compared with others."""
    reading = reading_key(cleaned["family_reading"]) + reading_key(cleaned.get("given_reading", ""))
    return reading, [phone_digits(cleaned.get(name)) for name in ("phone", "phone2")]


def _insert_accepted(
    store: Store, accepted: list[tuple[dict[str, Any], bool]], witness: str
) -> None:
    # Two consents for every row (one object each, so they are checked once).
    keep_only, shared = (
        Consent(scopes=scopes, method=ConsentMethod.SIGNED_PAPER.value, witnessed_by=witness)
        for scopes in (
            [ConsentScope.KEEP_RECORD.value],
            [ConsentScope.KEEP_RECORD.value, ConsentScope.SHARE_WITH_CITY.value],
        )
    )
    store.insert_residents(
        [(cleaned, shared if share else keep_only) for cleaned, share in accepted]
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
        resident.phone2,
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
