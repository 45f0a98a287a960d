"""Erasure of a person everywhere, for good (scenario 9 of the sync issue)."""

from __future__ import annotations

import time
from pathlib import Path

import requests

from kyojo_desk.records.resident import Consent
from kyojo_desk.sync import hlc, protocol
from tests.sync.conftest import desk_data, sync

PERSONAL = {
    "family_name": "忘却",
    "given_name": "願子",
    "family_reading": "ぼうきゃく",
    "given_reading": "ねがいこ",
    "phone": "0554-99-8877",
    "notes": "初回のメモQRX",
}
OFFLINE_EDIT = {"notes": "秘密のメモXYZ", "phone": "090-5555-4444"}
WITNESS = "証人三郎"
TRACES = [*PERSONAL.values(), *OFFLINE_EDIT.values(), WITNESS, "0554998877", "09055554444"]


def files_of(path: Path) -> list[Path]:
    return [p for p in path.parent.iterdir() if p.name.startswith(path.name)]


def traces_in_files(paths: list[Path]) -> list[str]:
    found = []
    for path in paths:
        data = path.read_bytes()
        found += [f"{path.name}: {t}" for t in TRACES if t.encode("utf-8") in data]
    return found


def traces_on_server(central) -> list[str]:
    # Compaction is batched: run the round the server's background thread would run.
    central.storage.compact_if_due()
    if central.backend == "sqlite":
        from kyojo_desk.central.storage import sqlite_path

        return traces_in_files(files_of(Path(sqlite_path(central.db_url))))
    found = []
    with central.storage.transaction() as tx:
        for table in ("records", "city_log", "conflicts", "received_batches", "desks"):
            for trace in TRACES:
                hits = tx.one(
                    f"SELECT count(*) FROM {table} t WHERE t::text LIKE ?", [f"%{trace}%"]
                )[0]
                if hits:
                    found.append(f"{table}: {trace}")
    return found


def test_erasure_while_another_desk_is_offline_with_edits(central):
    desk_a, desk_b = central.desk("a"), central.desk("b")
    resident = desk_a.register_resident(
        dict(PERSONAL),
        Consent(
            scopes=["keep_record", "share_with_city"], method="signed_paper", witnessed_by=WITNESS
        ),
        allow_duplicate=True,
    )
    other = desk_a.register_resident(
        {"family_name": "残留", "family_reading": "ざんりゅう"},
        Consent(scopes=["keep_record", "share_with_city"], method="verbal", witnessed_by="受付"),
        allow_duplicate=True,
    )
    sync(desk_a)
    sync(desk_b)
    assert desk_b.get_resident(resident.id).phone == PERSONAL["phone"]
    # Desk B is offline and edits the person; meanwhile a coordinator on desk A erases them.
    desk_b.update_resident(resident.id, dict(OFFLINE_EDIT))
    desk_a.erase_resident(resident.id)
    assert desk_a.get_row("residents", resident.id) is None
    sync(desk_a)
    report = sync(desk_b)
    assert report.erased >= 1
    sync(desk_a)
    latecomer = central.desk("c")
    sync(latecomer)
    for desk in (desk_a, desk_b, latecomer):
        assert desk.get_row("residents", resident.id) is None
        assert desk.search_residents("ぼうきゃく") == []
        consents = desk.db.execute(
            "SELECT witnessed_by FROM consents WHERE resident_id = ?", [resident.id]
        ).fetchall()
        assert consents in ([], [("",)])
        assert desk.get_resident(other.id).family_name == "残留"
        assert desk.list_conflicts() == []
    assert desk_data(desk_a) == desk_data(desk_b) == desk_data(latecomer)
    # Any later change to that person is answered `erased` and dropped.
    body = protocol.PushRequest(
        desk_id=desk_b.desk_id,
        changes=[
            protocol.Change(
                seq=desk_b.next_seq(),
                table="residents",
                row_id=resident.id,
                stamp=hlc.make_stamp(time.time_ns() // 1_000_000),
                fields={"family_name": "忘却"},
                created=True,
            )
        ],
        acked_seq=desk_b.acked_seq(),
    )
    answer = requests.post(
        f"{central.url}{protocol.PUSH_PATH}",
        json=body.to_json(),
        headers={"Authorization": f"Bearer {desk_b.desk_token()}"},
        timeout=10,
    ).json()
    assert answer["results"][0]["status"] == protocol.ERASED
    # No trace of the personal fields in any database file.
    for desk in (desk_a, desk_b, latecomer):
        assert traces_in_files(files_of(desk.path)) == []
    assert traces_on_server(central) == []
    assert "残留".encode() in desk_b.path.read_bytes()  # the search did look at real data


def test_erasure_from_the_server_command_reaches_desks(central, capsys):
    from kyojo_desk.central.cli import main as central_main

    desk = central.desk("a")
    resident = desk.register_resident(
        dict(PERSONAL),
        Consent(
            scopes=["keep_record", "share_with_city"], method="signed_paper", witnessed_by=WITNESS
        ),
        allow_duplicate=True,
    )
    sync(desk)
    central.stop()
    assert central_main(["erase", "--db", central.db_url, resident.id]) == 0
    central.restart()
    sync(desk)
    assert desk.get_row("residents", resident.id) is None
    assert traces_in_files(files_of(desk.path)) == []
    assert traces_on_server(central) == []
