"""The ordinary round: enrol, push, pull; the CLI commands; the status page; cities apart."""

from __future__ import annotations

import gc
import json
import time

import pytest
import requests

from kyojo_desk.cli import main as desk_main
from kyojo_desk.errors import SyncError, SyncErrorKind
from kyojo_desk.sync import hlc, protocol
from tests.sync.conftest import desk_data, register, server_matches, sync


def test_registration_on_one_desk_reaches_another(central):
    desk_a, desk_b = central.desk("a"), central.desk("b")
    resident_id = register(desk_a, phone="0554-62-1111")
    report = sync(desk_a)
    assert report.pushed == desk_a.next_seq() - 1
    assert desk_a.pending_changes() == 0
    report_b = sync(desk_b)
    assert report_b.pulled >= 2  # the resident and the consent
    assert desk_b.get_resident(resident_id).phone == "0554-62-1111"
    assert [r.id for r in desk_b.search_residents("やまだ")] == [resident_id]
    assert desk_data(desk_a) == desk_data(desk_b)
    assert server_matches(central, desk_b) == []


def test_pulled_stamps_move_the_desk_clock_forward(central):
    desk_a, desk_b = central.desk("a"), central.desk("b")
    resident_id = register(desk_a)
    sync(desk_a)
    sync(desk_b)
    pulled, origin = desk_b.db.execute(
        "SELECT sync_stamp, sync_origin FROM residents WHERE id = ?", [resident_id]
    ).fetchone()
    assert origin != 0  # made on desk A
    desk_b.update_resident(resident_id, {"phone": "0554-00-0000"})
    [mine] = [c.stamp for c in desk_b.outbox_after(0, 10) if c.fields.get("phone")]
    assert mine > pulled


def test_the_cycle_collector_rests_during_a_round_and_works_after_it(central):
    """A round's batches and pages are tens of thousands of objects alive until it ends: the
    collector is paused for it (a full pass took some 30 ms mid-round) and on again after,
    also when the round fails."""
    gc.enable()  # as in the desk's process
    desk_a, desk_b = central.desk("a"), central.desk("b")
    register(desk_a)
    on_during: list[bool] = []
    sync(desk_a, progress=lambda stage, count: on_during.append(gc.isenabled()))
    sync(desk_b, progress=lambda stage, count: on_during.append(gc.isenabled()))
    assert on_during and not any(on_during)
    assert gc.isenabled()
    central.server.stop()
    central.server = None
    with pytest.raises(SyncError):
        sync(desk_a, retries=0)
    assert gc.isenabled()


def test_cli_enroll_and_sync_json(central, tmp_path, capsys):
    data = tmp_path / "cli-desk"
    code = central.storage.create_enroll_code("CLI", ttl_s=60)
    assert desk_main(["--data-dir", str(data), "enroll", central.url, code]) == 0
    assert "enrolled as desk" in capsys.readouterr().out
    assert desk_main(["--data-dir", str(data), "sync", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert set(report) >= {"pushed", "pulled", "conflicts", "rejected", "quarantined"}
    assert report["rejected"] == [] and report["quarantined"] == 0


def test_cli_sync_fails_with_one_line_when_the_server_is_gone(central, tmp_path, capsys):
    data = tmp_path / "cli-desk"
    code = central.storage.create_enroll_code("CLI", ttl_s=60)
    assert desk_main(["--data-dir", str(data), "enroll", central.url, code]) == 0
    central.server.stop()
    central.server = None
    assert desk_main(["--data-dir", str(data), "sync"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("error: サーバーにつながりません")


def test_enrolment_code_is_single_use_and_expires(central, tmp_path):
    from kyojo_desk.store import Store
    from kyojo_desk.sync.engine import enroll

    code = central.storage.create_enroll_code("once", ttl_s=60)
    with Store.open(tmp_path / "x.db") as first, Store.open(tmp_path / "y.db") as second:
        enroll(first, central.url, code)
        with pytest.raises(SyncError) as refused:
            enroll(second, central.url, code)
        assert refused.value.kind is SyncErrorKind.AUTH
        expired = central.storage.create_enroll_code("late", ttl_s=-1)
        with pytest.raises(SyncError):
            enroll(second, central.url, expired)


def test_server_keeps_only_a_hash_of_the_token(central):
    desk = central.desk("a")
    token = desk.desk_token()
    with central.storage.transaction() as tx:
        stored = [row[0] for row in tx.execute("SELECT token_hash FROM desks")]
    assert token not in stored and len(stored) == 1


def test_status_page_lists_the_city_desks(central):
    desk = central.desk("上野原 受付")
    register(desk)
    sync(desk)
    page = requests.get(f"{central.url}/status/default", timeout=10)
    assert page.status_code == 200
    assert "上野原 受付" in page.text and desk.desk_id in page.text


def test_a_desk_of_one_city_cannot_read_or_write_another_citys_records(central):
    uenohara = central.desk("u", city="uenohara")
    otsuki = central.desk("o", city="otsuki")
    resident_id = register(uenohara, family_name="上野")
    sync(uenohara)
    sync(otsuki)
    assert otsuki.get_row("residents", resident_id) is None
    headers = {"Authorization": f"Bearer {otsuki.desk_token()}"}
    # A hand-made pull from the start sees nothing of the other city.
    pulled = requests.get(
        f"{central.url}{protocol.PULL_PATH}", params={"since": 0}, headers=headers, timeout=10
    ).json()
    assert all(e["row_id"] != resident_id for e in pulled["entries"])
    # A hand-made push at the other city's row id changes nothing there.
    stamp = hlc.make_stamp(time.time_ns() // 1_000_000 + 1000)
    body = protocol.PushRequest(
        desk_id=otsuki.desk_id,
        changes=[
            protocol.Change(
                seq=otsuki.next_seq(),
                table="residents",
                row_id=resident_id,
                stamp=stamp,
                fields={"family_name": "乗っ取り"},
                created=True,
            )
        ],
        acked_seq=otsuki.acked_seq(),
        next_seq=otsuki.next_seq() + 1,
    ).to_json()
    answer = requests.post(
        f"{central.url}{protocol.PUSH_PATH}", json=body, headers=headers, timeout=10
    )
    assert answer.status_code == 200
    assert central.storage.rows("uenohara", "residents")[resident_id]["family_name"] == "上野"
    sync(uenohara)
    assert uenohara.get_resident(resident_id).family_name == "上野"
    # Nor can a desk push as another desk.
    body["desk_id"] = uenohara.desk_id
    refused = requests.post(
        f"{central.url}{protocol.PUSH_PATH}", json=body, headers=headers, timeout=10
    )
    assert refused.status_code == 403


def test_cli_erase_needs_confirmation_then_erases_everywhere(central, tmp_path, capsys):
    from kyojo_desk.security.desk import open_desk_store

    data = tmp_path / "cli-desk"
    code = central.storage.create_enroll_code("CLI", ttl_s=60)
    assert desk_main(["--data-dir", str(data), "enroll", central.url, code]) == 0
    with open_desk_store(data / "kyojo.db") as store:
        resident_id = register(store, family_name="消去")
    other = central.desk("other")
    assert desk_main(["--data-dir", str(data), "sync"]) == 0
    sync(other)
    assert other.get_row("residents", resident_id) is not None
    capsys.readouterr()
    assert desk_main(["--data-dir", str(data), "erase", resident_id]) == 1
    assert "--yes" in capsys.readouterr().err
    assert desk_main(["--data-dir", str(data), "erase", resident_id, "--yes"]) == 0
    assert desk_main(["--data-dir", str(data), "sync"]) == 0
    sync(other)
    assert other.get_row("residents", resident_id) is None
    assert desk_main(["--data-dir", str(data), "erase", "no-such-id", "--yes"]) == 1
