"""Signed 担い手活動 records: a desk's key reaches the real central server, which tells a record
the desk printed (valid) from an altered or forged one (altered) and from one no desk of its
knows (unknown), by `verify_payload`, POST /v1/verify, the /verify page and `kyojo-central
verify`; the record PDF carries the payload in a QR code that reads back from a rendered page."""

from __future__ import annotations

import base64
import contextlib
import http.server
import json
import threading

import pypdfium2
import requests
import zxingcpp

from kyojo_desk.central.cli import main as central_main
from kyojo_desk.central.verify import verify_payload
from kyojo_desk.ninaite_record import record_key_registered, register_record_key, signed_record
from kyojo_desk.printing.ninaite_record import render_ninaite_record
from kyojo_desk.sync.record_proof import new_private_key, public_key_of, sign_summary
from tests.sync.test_sync_faults import LoginPage

FURUSATO = {
    "family_name": "髙橋",
    "given_name": "花子",
    "family_reading": "たかはし",
    "given_reading": "はなこ",
    "home_municipality": "東京都八王子市",
}


def a_year(store) -> str:
    """A person from far away with a three-day activity and one more: counted 4, met."""
    festival = store.create_event(
        {
            "title": "夏まつり運営",
            "starts_at": "2026-08-01T09:00",
            "ends_at": "2026-08-03T17:00",
            "ninaite_activity": True,
        }
    )
    cleaning = store.create_event(
        {"title": "公園清掃", "starts_at": "2026-05-10T09:00", "ninaite_activity": True}
    )
    person = store.register_furusato(FURUSATO, "受付")
    for day in ("2026-08-01", "2026-08-02", "2026-08-03"):
        store.check_in(festival.id, person.id, "card", at=f"{day}T10:00:00+09:00")
    store.check_in(cleaning.id, person.id, "card", at="2026-05-10T10:00:00+09:00")
    return person.id


def altered(payload: str, **changes) -> str:
    prefix, body, signature = payload.split(".")
    summary = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    summary.update(changes)
    text = json.dumps(summary, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    new_body = base64.urlsafe_b64encode(text.encode()).rstrip(b"=").decode()
    return f"{prefix}.{new_body}.{signature}"


def test_a_record_is_verified_and_an_altered_or_forged_one_refused(central, tmp_path):
    desk = central.desk("a")
    person_id = a_year(desk)
    assert not record_key_registered(desk)
    assert register_record_key(desk) and record_key_registered(desk)
    _, tally, payload = signed_record(desk, person_id, 2026)
    assert tally.counted == 4 and tally.met

    verdict = verify_payload(central.storage, payload)
    assert verdict.status == "valid"
    assert verdict.summary["c"] == 4 and verdict.summary["m"] == 1
    assert verdict.summary["p"] == person_id and verdict.summary["d"] == desk.desk_id

    # The count changed after printing: the signature no longer matches.
    assert verify_payload(central.storage, altered(payload, c=9)).status == "altered"
    # A record made up and signed with another key, naming this desk.
    forger = new_private_key()
    forged = sign_summary(forger, {**verdict.summary, "n": "偽者"})
    assert verify_payload(central.storage, forged).status == "altered"
    # Signed by a desk the server has no key for; not a record at all.
    stranger = sign_summary(
        forger, {**verdict.summary, "d": "01a25000-0000-7000-8000-000000000000"}
    )
    assert verify_payload(central.storage, stranger).status == "unknown"
    for junk in ("", "KJNR1.x.y", "KJ1:R:ABCDEFGH", "KJNR1." + "A" * 5000):
        assert verify_payload(central.storage, junk).status == "unknown"

    answer = requests.post(f"{central.url}/v1/verify", json={"payload": payload}, timeout=10)
    assert answer.status_code == 200 and answer.json()["status"] == "valid"
    bad = requests.post(f"{central.url}/v1/verify", json={"payload": forged}, timeout=10).json()
    assert bad["status"] == "altered" and bad["summary"] == {}
    page = requests.get(f"{central.url}/verify", params={"payload": payload}, timeout=10).text
    assert "valid" in page and "髙橋" in page and "4 回" in page
    page = requests.get(f"{central.url}/verify", params={"payload": forged}, timeout=10).text
    assert "altered" in page and "偽者" not in page

    assert central_main(["verify", "--db", central.db_url, payload]) == 0
    assert central_main(["verify", "--db", central.db_url, forged]) == 1

    # The printed record's QR reads back as the same signed payload.
    pdf = tmp_path / "record.pdf"
    assert render_ninaite_record(desk, person_id, 2026, pdf) == 1
    image = pypdfium2.PdfDocument(str(pdf))[0].render(scale=150 / 72).to_pil()
    [code] = [c.text for c in zxingcpp.read_barcodes(image) if c.text.startswith("KJNR1.")]
    assert verify_payload(central.storage, code).status == "valid"


def test_a_desk_key_is_registered_once_and_never_replaced(central):
    desk = central.desk("a")
    assert register_record_key(desk)
    assert register_record_key(desk)  # again: nothing to do
    token = {"Authorization": f"Bearer {desk.desk_token()}"}
    other_key = public_key_of(new_private_key())
    replaced = requests.post(
        f"{central.url}/v1/record-key", json={"public_key": other_key}, headers=token, timeout=10
    )
    assert replaced.status_code == 409 and replaced.json()["error"] == "key_refused"
    for body in ({"public_key": "short"}, {"public_key": 5}, {}):
        refused = requests.post(
            f"{central.url}/v1/record-key", json=body, headers=token, timeout=10
        )
        assert refused.status_code == 409
    anonymous = requests.post(
        f"{central.url}/v1/record-key", json={"public_key": other_key}, timeout=10
    )
    assert anonymous.status_code == 401
    # A desk that is not enrolled keeps its key to itself and reports so.
    from kyojo_desk.store import Store

    with Store.open(":memory:") as offline:
        assert not register_record_key(offline)


@contextlib.contextmanager
def pointed_at(desk, handler):
    """The desk's server address pointed at a page served by `handler` on 127.0.0.1 (the
    enrolment is kept), then back."""
    page = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=page.serve_forever, daemon=True).start()
    server_url = desk.server_url()
    try:
        desk.set_meta("sync_server_url", f"http://127.0.0.1:{page.server_address[1]}")
        yield
    finally:
        desk.set_meta("sync_server_url", server_url)
        page.shutdown()


def test_a_login_page_answering_200_does_not_count_as_the_key_registered(central):
    """The key counts as registered only on the server's own answer: after a Wi-Fi login page
    answered (a real one, on 127.0.0.1), the next sync sends it again."""
    desk = central.desk("a")
    with pointed_at(desk, LoginPage):
        assert not register_record_key(desk) and not record_key_registered(desk)
    assert register_record_key(desk) and record_key_registered(desk)


def test_a_key_answer_longer_than_any_the_server_gives_is_not_read_to_its_end(central):
    """The server's answer is a few dozen bytes; one of more than 64 KiB (here the right
    words after 100 KiB of spaces) is a page that is not the server's, and is not read on."""
    desk = central.desk("a")
    answer = b" " * 100 * 1024 + json.dumps({"desk_id": desk.desk_id, "registered": True}).encode()
    with pointed_at(desk, type("Padded", (LoginPage,), {"body": answer})):
        assert not register_record_key(desk) and not record_key_registered(desk)
