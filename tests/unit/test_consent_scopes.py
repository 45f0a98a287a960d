"""Consent to share with the city: read from the roster, changed with a witness (also from the
command line), audited, and written back in the registry export."""

from __future__ import annotations

import getpass
import json
import subprocess
import sys

import pytest

from kyojo_desk.errors import ValidationError
from kyojo_desk.store import Store
from kyojo_desk.store.consent_scopes import (
    change_scopes,
    current_scopes,
    is_shared,
    shared_ids,
)
from kyojo_desk.store.districts import District
from kyojo_desk.store.roster_csv import export_roster, import_roster
from tests.conftest import UENOHARA_DISTRICTS

ANSWERS = [
    ("はい", True),
    ("いいえ", False),
    ("○", True),
    ("×", False),
    ("1", True),
    ("0", False),
    ("yes", True),
    ("No", False),
    ("ハイ", True),
    ("", False),
]
GIVEN = [
    "はなこ",
    "さくら",
    "ゆき",
    "みどり",
    "あおい",
    "かえで",
    "すみれ",
    "ひかり",
    "なぎさ",
    "あかね",
]


def roster_with(path, header: str, answers: list[str]) -> None:
    lines = ["氏名,ふりがな," + header]
    lines += [f"高橋 {g},たかはし {g},{a}" for g, a in zip(GIVEN, answers, strict=False)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def shared_readings(store: Store) -> set[str]:
    shared = shared_ids(store)
    return {r.given_reading for r in store.list_residents() if r.id in shared}


@pytest.mark.parametrize("header", ["市と共有", "share_with_city", "市と共有する"])
def test_roster_import_reads_the_consent_column(store, tmp_path, header):
    roster = tmp_path / "roster.csv"
    roster_with(roster, header, [answer for answer, _ in ANSWERS])
    report = import_roster(store, roster)
    assert report.rejected == [] and report.imported == len(ANSWERS)
    expected = {g for g, (_, shared) in zip(GIVEN, ANSWERS, strict=False) if shared}
    assert shared_readings(store) == expected and report.shared == len(expected)
    for resident in store.list_residents():  # every one agreed at least to keep the record
        assert "keep_record" in current_scopes(store, resident.id)


def test_without_the_column_nobody_is_shared_and_a_wrong_answer_is_a_rejected_row(store, tmp_path):
    roster = tmp_path / "plain.csv"
    roster.write_text("氏名,ふりがな\n高橋 はなこ,たかはし はなこ\n", encoding="utf-8")
    assert import_roster(store, roster).imported == 1
    assert shared_ids(store) == set()
    wrong = tmp_path / "wrong.csv"
    roster_with(wrong, "市と共有", ["たぶん"])
    report = import_roster(store, wrong)
    assert report.imported == 0 and "「市と共有」" in report.rejected[0].reason


def test_registry_export_writes_sharing_and_the_import_reads_it_back(store, tmp_path):
    roster = tmp_path / "roster.csv"
    roster_with(roster, "市と共有", ["はい", "いいえ", "○"])
    import_roster(store, roster)
    exported = tmp_path / "registry.csv"
    export_roster(store, exported)
    assert "市と共有" in exported.read_text(encoding="utf-8-sig").splitlines()[0]
    fresh = Store.open(tmp_path / "fresh.db")
    try:
        fresh.replace_districts([District(d.code, d.name, d.reading) for d in UENOHARA_DISTRICTS])
        import_roster(fresh, exported)
        assert shared_readings(fresh) == shared_readings(store) == {"はなこ", "ゆき"}
    finally:
        fresh.close()


def test_changing_scopes_keeps_history_and_is_audited(store, make_resident):
    person = make_resident()
    assert not is_shared(store, person.id)
    assert change_scopes(
        store, person.id, add=["市と共有する"], witness="受付 花子", by="山田"
    ) == [
        "keep_record",
        "share_with_city",
    ]
    assert is_shared(store, person.id)
    consents = store.consents_of(person.id)
    assert len(consents) == 2 and consents[0].withdrawn_on and not consents[1].withdrawn_on
    assert consents[1].witnessed_by == "受付 花子"
    change_scopes(store, person.id, remove=["share_with_city"], witness="受付 花子", by="山田")
    assert not is_shared(store, person.id)
    entries = [e for e in store.list_audit() if e.action == "changed_consent"]
    assert sorted(e.detail for e in entries) == ["+share_with_city", "-share_with_city"]
    assert {e.desk_user for e in entries} == {"山田"} and {e.target_id for e in entries} == {
        person.id
    }
    # Nothing changes, nothing is recorded.
    change_scopes(store, person.id, remove=["share_with_city"], witness="受付 花子")
    assert len([e for e in store.list_audit() if e.action == "changed_consent"]) == 2


def test_keep_record_and_unknown_scopes_and_a_missing_witness_are_refused(store, make_resident):
    person = make_resident()
    for change in (
        {"remove": ["keep_record"], "witness": "受付"},
        {"add": ["everything"], "witness": "受付"},
        {"add": ["share_with_city"], "witness": " "},
    ):
        with pytest.raises(ValidationError):
            change_scopes(store, person.id, **change)
    assert current_scopes(store, person.id) == ["keep_record"]


def test_resident_consent_command(store, make_resident, data_dir):
    person = make_resident()
    store.close()
    command = [sys.executable, "-m", "kyojo_desk", "--data-dir", str(data_dir), "resident"]
    added = subprocess.run(
        [*command, "consent", person.id, "--add", "share_with_city", "--witness", "受付 花子"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert added.returncode == 0, added.stderr
    assert json.loads(added.stdout)["shared_with_city"] is True
    both = subprocess.run(
        [*command, "consent", person.id, "--add", "photos", "--remove", "photos", "--witness", "x"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert both.returncode == 2  # --add or --remove, not both
    removed = subprocess.run(
        [*command, "consent", person.id, "--remove", "市と共有する", "--witness", "受付 花子"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert json.loads(removed.stdout)["shared_with_city"] is False
    with Store.open(data_dir / "kyojo.db") as reopened:
        entries = [e for e in reopened.list_audit() if e.action == "changed_consent"]
    assert {e.desk_user for e in entries} == {f"{getpass.getuser()}（コマンド）"}
    assert len(entries) == 2
