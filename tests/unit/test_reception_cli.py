"""`kyojo-desk event …`, `checkin` and `attendance` as scripts use them."""

from __future__ import annotations

import json

from kyojo_desk.cli import main
from kyojo_desk.qr import card_payload
from kyojo_desk.store import Store


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def resident_in(data_dir) -> tuple[str, str]:
    """Register one resident in the data directory's desk; returns (id, card code)."""
    from kyojo_desk.commands.common import open_store

    class Args:
        pass

    args = Args()
    args.data_dir = str(data_dir)
    from tests.conftest import consent

    with open_store(args) as store:
        resident = store.register_resident(
            {
                "family_name": "山田",
                "given_name": "花子",
                "family_reading": "やまだ",
                "given_reading": "はなこ",
            },
            consent(),
        )
    return resident.id, resident.card_code


def test_event_add_list_signup_checkin_attendance(data_dir, capsys):
    code, out, _ = run(
        capsys,
        "event",
        "add",
        "--title",
        "スマホ教室",
        "--starts",
        "2026-11-23T13:30",
        "--kind",
        "スマホ教室",
        "--place",
        "公民館",
        "--volunteer-led",
        "--json",
    )
    assert code == 0
    event = json.loads(out)
    assert event["kind"] == "smartphone_class" and event["volunteer_led"] is True
    code, out, _ = run(capsys, "event", "add", "--title", "清掃", "--starts", "2026-11-24 09:00")
    assert code == 0 and len(out.strip()) == 36  # the plain form prints only the id

    code, out, _ = run(capsys, "event", "list", "--json")
    assert [e["title"] for e in json.loads(out)] == ["清掃", "スマホ教室"]

    resident_id, card = resident_in(data_dir)
    assert run(capsys, "event", "signup", event["id"], resident_id)[1].startswith("signed up 1")
    assert run(capsys, "event", "signup", event["id"], resident_id)[1].startswith("signed up 0")

    code, out, _ = run(capsys, "checkin", event["id"], card_payload(card), "--json")
    first = json.loads(out)
    assert code == 0 and first["status"] == "new" and first["resident_id"] == resident_id
    full_width = card_payload(card).translate(
        str.maketrans({c: chr(ord(c) + 0xFEE0) for c in map(chr, range(0x21, 0x7F))})
    )
    code, out, _ = run(capsys, "checkin", event["id"], full_width)
    assert code == 0 and out.startswith("already:") and "もう受付済みです" in out

    code, out, err = run(capsys, "checkin", event["id"], "KJ1:R:XXXXXXXX")
    assert code == 1 and out == ""
    assert err.strip() == "error: unreadable: このカードは読み取れませんでした"

    code, out, _ = run(capsys, "attendance", event["id"], "--json")
    rows = json.loads(out)
    assert [(r["resident_id"], r["method"]) for r in rows] == [(resident_id, "card")]
    assert rows[0]["checked_in_at"] == first["checked_in_at"]


def test_unknown_card_and_unknown_event_are_one_line_errors(data_dir, capsys):
    with Store.open(data_dir / "plain.db") as other:
        other_card = other._unused_card_code()  # a valid code nobody on this desk holds
    code, out, _ = run(capsys, "event", "add", "--title", "会", "--starts", "2026-11-23T10:00")
    event_id = out.strip()
    code, _, err = run(capsys, "checkin", event_id, card_payload(other_card))
    assert code == 1 and err.startswith("error: unknown_card:") and err.count("\n") == 1
    code, _, err = run(capsys, "attendance", "no-such-event")
    assert code == 1 and "行事が見つかりません" in err
    code, _, err = run(capsys, "event", "add", "--title", "会", "--starts", "あした")
    assert code == 1 and err.startswith("error: ")
