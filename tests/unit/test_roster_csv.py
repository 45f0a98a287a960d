"""Importing the centre's roster CSV and exporting the registry back."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from kyojo_desk.store.roster_csv import RosterError, export_roster, import_roster


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


JAPANESE = """氏名,ふりがな,生年月日,電話番号,地区,備考
高橋 花子,たかはし はなこ,昭和23年3月2日,０５５４－６２－１１１１,上野原,足が弱い
佐藤　一郎,サトウ　イチロウ,S10.1.1,,大目,
"""


def test_cp932_with_japanese_headers_and_full_names(store, tmp_path):
    path = write(tmp_path / "roster.csv", JAPANESE, "cp932")
    report = import_roster(store, path)
    assert (report.imported, report.rejected_count, report.encoding) == (2, 0, "cp932")
    hanako = store.search_residents("たかはし")[0]
    assert (hanako.family_name, hanako.given_name, hanako.given_reading) == (
        "高橋",
        "花子",
        "はなこ",
    )
    assert (hanako.birth_date, hanako.phone, hanako.district, hanako.notes) == (
        "1948-03-02",
        "0554-62-1111",
        "01",
        "足が弱い",
    )
    ichiro = store.search_residents("いちろう")[0]
    assert (ichiro.family_name, ichiro.given_name, ichiro.district) == ("佐藤", "一郎", "02")
    assert store.consents_of(hanako.id)[0].scopes == ["keep_record"]


def test_utf8_with_bom_and_separate_columns(store, tmp_path):
    text = "\ufeff姓,名,せい,めい,生年月日,電話\n山田,太郎,やまだ,たろう,1950/4/5,0554-11-2222\n"
    report = import_roster(store, write(tmp_path / "r.csv", text))
    assert report.imported == 1 and report.encoding == "utf-8-sig"
    assert store.search_residents("やまだ")[0].birth_date == "1950-04-05"


def test_english_field_names(store, tmp_path):
    text = "family_name,given_name,family_reading,given_reading,birth_date,district,smartphone\n鈴木,次郎,すずき,じろう,1960-01-02,02,android\n"
    report = import_roster(store, write(tmp_path / "r.csv", text))
    assert report.imported == 1
    assert store.search_residents("すずき")[0].smartphone == "android"


def test_bad_rows_are_rejected_with_row_number_and_reason(store, tmp_path):
    text = (
        "氏名,ふりがな,生年月日,地区\n"
        "高橋 花子,たかはし はなこ,昭和23年3月2日,上野原\n"
        "\n"
        "読み 無し,,S10.1.1,上野原\n"
        "日付 悪い,ひづけ わるい,平成31年5月1日,上野原\n"
        "地区 違い,ちく ちがい,S20.1.1,東京\n"
        ",,,\n"
        "高橋 花子,タカハシ ハナコ,1948-03-02,上野原\n"
    )
    rejects = tmp_path / "rejects.csv"
    report = import_roster(store, write(tmp_path / "r.csv", text), rejects_path=rejects)
    assert report.imported == 1
    assert report.blank_lines == 2
    reasons = {r.row_number: r.reason for r in report.rejected}
    assert set(reasons) == {4, 5, 6, 8}
    assert "ふりがな" in reasons[4]
    assert "平成31年5月1日はありません" in reasons[5]
    assert "東京" in reasons[6]
    assert "2行目と同じ方" in reasons[8]
    with open(rejects, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [int(r["行"]) for r in rows] == [4, 5, 6, 8]
    assert rows[0]["氏名"] == "読み 無し" and rows[0]["理由"]
    assert store.count_residents() == 1


def test_rows_already_registered_are_rejected_as_duplicates(store, tmp_path, make_resident):
    make_resident(
        family_name="高橋",
        given_name="花子",
        family_reading="たかはし",
        given_reading="はなこ",
        birth_date="1948-03-02",
    )
    report = import_roster(store, write(tmp_path / "r.csv", JAPANESE))
    assert report.imported == 1
    assert "すでに登録" in report.rejected[0].reason


def test_registry_duplicates_are_found_as_a_set_the_same_as_one_by_one(
    store, tmp_path, make_resident
):
    """Rows are compared with the registry in one set-based look-up: by whole reading and
    birth date, by either phone of either side; the same people as `find_duplicates` gives
    for each row, and a row like a rejected one is compared with the registry, not with it."""
    from kyojo_desk.text.fold import reading_key
    from kyojo_desk.text.phone import phone_digits

    make_resident(family_name="高橋", family_reading="たかはし", given_name="花子",
                  given_reading="はなこ", birth_date="1948-03-02")  # fmt: skip
    make_resident(family_name="佐藤", family_reading="さとう", given_name="一",
                  given_reading="はじめ", phone2="090-1111-2222")  # fmt: skip
    text = (
        "氏名,ふりがな,生年月日,自宅電話,携帯,地区\n"
        "髙橋 花子,タカハシ ハナコ,S23.3.2,,,上野原\n"  # reading and birth, other script
        "別人 一,べつじん はじめ,1950-01-01,,09011112222,上野原\n"  # the other's second phone
        "別人 二,べつじん じろう,1951-01-01,090-1111-2222,,上野原\n"  # the same, as first phone
        "髙橋 花子,たかはし はなこ,1948-03-02,,,上野原\n"  # like row 2, which was refused
        "新人 三,しんじん さぶろう,1952-01-01,0554-62-3333,,上野原\n"
        "新人 三,しんじん さぶろう,1952-01-01,,,上野原\n"  # like row 6, which is taken
    )
    report = import_roster(store, write(tmp_path / "r.csv", text))
    reasons = {r.row_number: r.reason for r in report.rejected}
    assert set(reasons) == {2, 3, 4, 5, 7} and report.imported == 1
    assert all("すでに登録" in reasons[n] for n in (2, 3, 4, 5))
    assert "高橋" in reasons[2] and "佐藤" in reasons[3] and "佐藤" in reasons[4]
    assert "6行目と同じ方" in reasons[7]
    people = [
        {"family_reading": "たかはし", "given_reading": "はなこ", "birth_date": "1948-03-02"},
        {"family_reading": "x", "phone": "090-1111-2222"},
        {"family_reading": "しんじん", "given_reading": "さぶろう", "birth_date": "1952-01-01",
         "phone2": "0554-62-3333"},
        {"family_reading": "だれも", "birth_date": "1952-01-01"},
    ]  # fmt: skip
    many = store.find_duplicates_many(
        [
            (
                reading_key(p["family_reading"]) + reading_key(p.get("given_reading", "")),
                p.get("birth_date"),
                [phone_digits(p.get("phone")), phone_digits(p.get("phone2"))],
            )
            for p in people
        ]
    )
    assert many == [store.find_duplicates(p) for p in people]
    assert [len(found) for found in many] == [1, 1, 1, 0]


def test_dry_run_writes_nothing(store, tmp_path):
    before = store.changelog.next_seq()
    report = import_roster(store, write(tmp_path / "r.csv", JAPANESE), dry_run=True)
    assert report.imported == 2 and report.dry_run
    assert store.count_residents() == 0
    assert store.changelog.next_seq() == before


def test_unreadable_files_are_refused_whole(store, tmp_path):
    with pytest.raises(RosterError):
        import_roster(store, write(tmp_path / "a.csv", "電話,備考\n0554,x\n"))
    with pytest.raises(RosterError):
        import_roster(store, write(tmp_path / "b.csv", ""))
    (tmp_path / "c.csv").write_bytes(b"\xff\xfe\x00\x81\x00")
    with pytest.raises(RosterError):
        import_roster(store, tmp_path / "c.csv")
    assert store.count_residents() == 0


def test_ten_thousand_rows_in_one_transaction(store, tmp_path):
    from kyojo_desk.demo import demo_people

    lines = ["姓,名,せい,めい,生年月日,電話番号,地区"]
    for person in demo_people(10_000, seed=5):
        lines.append(
            ",".join(
                [
                    person["family_name"],
                    person["given_name"],
                    person["family_reading"],
                    person["given_reading"],
                    person["birth_date"],
                    person["phone"],
                    person["district"],
                ]
            )
        )
    report = import_roster(store, write(tmp_path / "big.csv", "\n".join(lines) + "\n", "cp932"))
    assert report.imported + report.rejected_count == 10_000
    assert all("同じ方" in r.reason for r in report.rejected)  # only look-alikes are refused
    assert store.count_residents() == report.imported
    assert (
        store.db.execute("SELECT count(*) FROM outbox WHERE table_name='residents'").fetchone()[0]
        == report.imported
    )


def test_export_then_import_round_trips(store, tmp_path, make_resident, data_dir):
    from kyojo_desk.store import Store
    from tests.conftest import UENOHARA_DISTRICTS

    make_resident(
        family_name="髙橋",
        given_name="花子",
        family_reading="たかはし",
        given_reading="はなこ",
        birth_date="1948-03-02",
        phone="0554-62-1111",
        district="07",
        kind="related",
        support_needs=["large_print", "hearing"],
        smartphone="feature_phone",
        notes="第2火曜に来館",
    )
    exported = tmp_path / "out.csv"
    assert export_roster(store, exported) == 1
    assert exported.read_bytes().startswith(b"\xef\xbb\xbf")
    with Store.open(data_dir / "other.db") as other:
        other.replace_districts(list(UENOHARA_DISTRICTS))
        report = import_roster(other, exported)
        assert report.imported == 1
        copy = other.list_residents()[0]
    original = store.list_residents()[0]
    for field in (
        "family_name",
        "given_name",
        "family_reading",
        "given_reading",
        "birth_date",
        "phone",
        "district",
        "kind",
        "support_needs",
        "smartphone",
        "notes",
    ):
        assert getattr(copy, field) == getattr(original, field), field


# -- rosters as Excel and people save them ----------------------------------------------------


def _tsv(rows: list[list[str]]) -> str:
    return "\r\n".join("\t".join(cells) for cells in rows) + "\r\n"


UNICODE_TEXT_ROWS = [
    ["氏名", "ふりがな", "生年月日", "自宅電話", "携帯", "地区"],
    ["高橋 花子", "たかはし はなこ", "昭和23年3月2日", "0554-62-1111", "090-1234-5678", "上野原"],
    ["佐藤 一郎", "さとう いちろう", "1935/1/1", "", "080-2222-3333", "大目"],
]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_excel_unicode_text_utf16_tab_separated(store, tmp_path, encoding):
    path = write(tmp_path / "名簿.txt", _tsv(UNICODE_TEXT_ROWS), encoding)
    report = import_roster(store, path)
    assert (report.imported, report.rejected_count, report.delimiter) == (2, 0, "\t")
    assert report.encoding.startswith("utf-16")
    hanako = store.search_residents("たかはし")[0]
    assert (hanako.phone, hanako.phone2) == ("0554-62-1111", "090-1234-5678")


def test_tab_separated_utf8_and_cp932(store, tmp_path):
    write(tmp_path / "a.txt", _tsv(UNICODE_TEXT_ROWS[:2]), "utf-8")
    write(tmp_path / "b.txt", _tsv([UNICODE_TEXT_ROWS[0], UNICODE_TEXT_ROWS[2]]), "cp932")
    assert import_roster(store, tmp_path / "a.txt").imported == 1
    assert import_roster(store, tmp_path / "b.txt").imported == 1
    assert store.count_residents() == 2


@pytest.mark.parametrize(
    ("above", "header_row"),
    [
        ("令和8年度 ふれあいサロン名簿\n", 2),  # a title row
        ("\n", 2),  # an empty first row
        (",,,\n,,,\n", 3),  # empty cells Excel writes for blank rows
        ("上野原市 社会福祉協議会,,,\n作成日：2026年4月1日,,,\n\n", 4),
    ],
)
def test_title_and_empty_rows_above_the_header(store, tmp_path, above, header_row):
    text = above + "氏名,ふりがな,生年月日,地区\n高橋 花子,たかはし はなこ,S23.3.2,上野原\n"
    report = import_roster(store, write(tmp_path / "r.csv", text, "cp932"))
    assert (report.imported, report.header_row) == (1, header_row)


def test_row_numbers_count_the_lines_above_the_header(store, tmp_path):
    text = "サロン名簿\n\n氏名,ふりがな\n高橋 花子,たかはし はなこ\n読み 無し,\n"
    report = import_roster(store, write(tmp_path / "r.csv", text))
    assert [r.row_number for r in report.rejected] == [5]  # as Excel numbers the row


def test_no_header_in_the_first_rows_is_refused_saying_where_it_was_looked_for(store, tmp_path):
    text = "\n" * 12 + "氏名,ふりがな\n高橋 花子,たかはし はなこ\n"
    with pytest.raises(RosterError) as caught:
        import_roster(store, write(tmp_path / "r.csv", text))
    assert "最初の10行" in caught.value.message


@pytest.mark.parametrize(
    ("home_header", "mobile_header"),
    [
        ("自宅電話", "携帯"),
        ("電話番号", "携帯電話"),
        ("自宅", "携帯番号"),
        ("電話番号（自宅）", "電話番号（携帯）"),
        ("TEL", "ケータイ"),
    ],
)
def test_home_and_mobile_columns_are_two_phone_fields(store, tmp_path, home_header, mobile_header):
    text = (
        f"氏名,ふりがな,{home_header},{mobile_header},スマホ\n"
        "高橋 花子,たかはし はなこ,0554-62-1111,090-1234-5678,らくらくホン\n"
        "佐藤 一郎,さとう いちろう,0554-62-2222,,\n"
    )
    report = import_roster(store, write(tmp_path / "r.csv", text))
    assert (report.imported, report.rejected_count) == (2, 0)
    hanako = store.search_residents("たかはし")[0]
    assert (hanako.phone, hanako.phone2, hanako.smartphone) == (
        "0554-62-1111",
        "090-1234-5678",
        "feature_phone",
    )
    assert [r.family_name for r in store.search_residents("5678")] == ["高橋"]  # either phone


def test_keitai_column_is_a_phone_never_the_smartphone_kind(store, tmp_path):
    text = "氏名,ふりがな,携帯\n高橋 花子,たかはし はなこ,090-1234-5678\n"
    report = import_roster(store, write(tmp_path / "r.csv", text))
    assert (report.imported, report.rejected_count) == (1, 0)
    hanako = store.search_residents("たかはし")[0]
    assert (hanako.phone2, hanako.smartphone) == ("090-1234-5678", "none")


@pytest.mark.parametrize(
    ("cell", "stored"),
    [("554621111", "0554-62-1111"), ("9012345678", "090-1234-5678"), ("312345678", "03-1234-5678")],
)
def test_phone_that_lost_its_leading_zero_in_excel_is_read_and_explained(
    store, tmp_path, cell, stored
):
    text = f"氏名,ふりがな,電話番号\n高橋 花子,たかはし はなこ,{cell}\n"
    report = import_roster(store, write(tmp_path / "r.csv", text))
    assert report.imported == 1
    assert store.search_residents("たかはし")[0].phone == stored
    [repaired] = report.repaired
    assert repaired.row_number == 2
    assert "Excelで先頭の0が消えたようです" in repaired.reason and stored in repaired.reason


@pytest.mark.parametrize(
    ("cell", "why"),
    [
        (
            "111111111",
            "Excelで先頭の0が消えたようです（111111111）。0を足しても電話番号になりません",
        ),
        ("5.54621E+08", "Excelが電話番号を数として「5.54621E+08」と表示した"),
        ("9.01235E+9", "文字列"),
    ],
)
def test_excel_phone_damage_that_cannot_be_undone_is_refused_saying_so(store, tmp_path, cell, why):
    text = f"氏名,ふりがな,電話番号\n高橋 花子,たかはし はなこ,{cell}\n"
    report = import_roster(store, write(tmp_path / "r.csv", text))
    assert report.imported == 0
    assert why in report.rejected[0].reason


@pytest.mark.parametrize(
    ("cell", "birth_date", "repaired"),
    [
        ("17594", "1948-03-02", "Excelの日付の通し番号"),  # the column lost its date format
        ("12785", "1935-01-01", "昭和10年1月1日（1935年）として読みました"),
        ("17594.0", "1948-03-02", "通し番号"),
        ("1948/3/2 0:00", "1948-03-02", ""),  # a date cell saved with its time
        ("1948/03/02 00:00:00", "1948-03-02", ""),
        ("1948-3-2 12:30", "1948-03-02", ""),
        ("1948", None, None),  # a year alone is not a serial: refused as an unreadable date
    ],
)
def test_excel_dates_are_read(store, tmp_path, cell, birth_date, repaired):
    text = f"氏名,ふりがな,生年月日\n高橋 花子,たかはし はなこ,{cell}\n"
    report = import_roster(store, write(tmp_path / "r.csv", text))
    if birth_date is None:
        assert report.imported == 0 and "生年月日" in report.rejected[0].reason
        return
    assert store.search_residents("たかはし")[0].birth_date == birth_date
    reasons = [r.reason for r in report.repaired]
    assert (reasons and repaired in reasons[0]) if repaired else reasons == []


def test_export_has_the_second_phone_and_imports_back(store, tmp_path, make_resident):
    make_resident(phone="0554-62-1111", phone2="090-1234-5678")
    path = tmp_path / "out.csv"
    export_roster(store, path)
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows[0]["携帯電話"] == "090-1234-5678"


def test_the_cycle_collector_waits_during_an_import_and_runs_again_after(store, tmp_path):
    """An import pauses garbage collection (its many row objects would be walked again and
    again) and gives it back as it was, also when the import is cancelled; an import started
    while collection was already off leaves it off."""
    import gc

    from kyojo_desk.store.roster_csv import ImportCancelled

    path = write(tmp_path / "roster.csv", JAPANESE, "cp932")
    seen_during: list[bool] = []

    def asked() -> bool:
        seen_during.append(gc.isenabled())
        return False

    assert gc.isenabled()
    assert import_roster(store, path, dry_run=True, cancelled=asked).imported == 2
    assert seen_during and not any(seen_during)
    assert gc.isenabled()
    with pytest.raises(ImportCancelled):
        import_roster(store, path, cancelled=lambda: True)
    assert gc.isenabled()
    gc.disable()
    try:
        import_roster(store, path)
        assert not gc.isenabled()
    finally:
        gc.enable()
    assert len(store.search_residents("たかはし")) == 1
