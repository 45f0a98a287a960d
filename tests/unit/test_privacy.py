"""A resident's rights: disclosure (PDF and CSV), withdrawal of consent, retention review."""

from __future__ import annotations

import csv
import datetime as dt
import subprocess
import sys

from pypdf import PdfReader

from kyojo_desk.privacy import (
    collect_person,
    export_person_csv,
    export_person_pdf,
    retention_review,
    withdraw_consent,
)

PERSON = {
    "family_name": "開示",
    "given_name": "花子",
    "family_reading": "かいじ",
    "given_reading": "はなこ",
    "phone": "0554-11-2222",
    "district": "07",
    "birth_date": "S23.3.2",
    "support_needs": ["large_print"],
}


def test_disclosure_holds_everything_readably(store, tmp_path):
    from tests.conftest import consent

    resident = store.register_resident(PERSON, consent())
    titles = [s.title for s in collect_person(store, resident.id)]
    assert titles[:2] == ["ご本人の登録内容", "同意の記録"]
    csv_path = export_person_csv(store, resident.id, tmp_path / "p.csv")
    with open(csv_path, encoding="utf-8-sig", newline="") as handle:
        rows = {(r["項目"], r["内容"]) for r in csv.DictReader(handle)}
    assert {
        ("姓", "開示"),
        ("地区", "棡原"),
        ("生年月日", "昭和23年3月2日（1948年）"),
        ("必要な配慮", "大きな文字"),
        ("同意した項目", "記録を残す（必須）"),
    } <= rows
    pdf = PdfReader(export_person_pdf(store, resident.id, tmp_path / "p.pdf"))
    text = "".join(page.extract_text() for page in pdf.pages)
    for expected in (
        "保有している個人情報の開示",
        "開示",
        "0554-11-2222",
        "棡原",
        "紙の同意書に署名",
    ):
        assert expected in text
    fonts = {str(f) for page in pdf.pages for f in page["/Resources"]["/Font"].values()}
    assert fonts


def test_withdrawal_erases_the_person_from_the_file(store, tmp_path):
    from tests.conftest import consent

    resident = store.register_resident(PERSON, consent())
    other = store.register_resident(
        {
            **PERSON,
            "family_name": "残留",
            "family_reading": "ざんりゅう",
            "phone": "0554-33-4444",
            "birth_date": "",
        },
        consent(),
    )
    withdraw_consent(store, resident.id)
    assert [r.id for r in store.list_residents()] == [other.id]
    # What stays is only the dated withdrawal, tied to an id that names no one any more.
    remaining = collect_person(store, resident.id)
    assert [s.table for s in remaining] == ["consents"]
    assert ("撤回した日", dt.date.today().isoformat()) in remaining[0].rows[0]
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    raw = b"".join(p.read_bytes() for p in store.path.parent.glob(store.path.name + "*"))
    assert "開示".encode() not in raw and b"0554-11-2222" not in raw
    assert "残留".encode() in raw


def test_retention_review_finds_residents_with_no_recent_activity(store, make_resident):
    quiet = make_resident(family_name="静香", family_reading="しずか")
    busy = make_resident(family_name="活発", family_reading="かっぱつ")
    ten_years_ago = int((dt.datetime.now() - dt.timedelta(days=3650)).timestamp() * 1000)
    old_stamp = ten_years_ago << 16
    for table, column in (("residents", "id"), ("consents", "resident_id")):
        ids = [
            r[0] for r in store.db.execute(f"SELECT id FROM {table} WHERE {column} = ?", [quiet.id])
        ]
        for row_id in ids:
            store.db.execute(
                f"UPDATE {table} SET sync_stamp = ?, sync_stamps = NULL WHERE id = ?",
                [old_stamp, row_id],
            )
    found = retention_review(store, years=3)
    assert [c.resident_id for c in found] == [quiet.id]
    assert busy.id not in [c.resident_id for c in retention_review(store, years=3)]
    assert found[0].last_activity.year == (dt.date.today() - dt.timedelta(days=3650)).year


def test_person_commands(data_dir, tmp_path):
    command = [sys.executable, "-m", "kyojo_desk", "--data-dir", str(data_dir)]
    subprocess.run(
        [*command, "demo", "--residents", "3"], check=True, capture_output=True, timeout=60
    )
    import json

    people = json.loads(
        subprocess.run(
            [*command, "search", "あ", "--json"], capture_output=True, text=True, timeout=60
        ).stdout
        or "[]"
    )
    target = (
        people[0]["id"]
        if people
        else json.loads(
            subprocess.run(
                [*command, "search", "い", "--json"], capture_output=True, text=True, timeout=60
            ).stdout
        )[0]["id"]
    )
    exported = subprocess.run(
        [*command, "person", "export", target, "-o", str(tmp_path / "out")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert exported.returncode == 0, exported.stderr
    assert len(list((tmp_path / "out").glob("開示_*"))) == 2
    refused = subprocess.run(
        [*command, "person", "withdraw", target], capture_output=True, text=True, timeout=60
    )
    assert refused.returncode == 1 and "--yes" in refused.stderr
    done = subprocess.run(
        [*command, "person", "withdraw", target, "--yes"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    review = subprocess.run(
        [*command, "retention", "--years", "1", "--json"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert review.returncode == 0 and json.loads(review.stdout) == []
