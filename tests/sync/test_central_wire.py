"""Pull pages are served as text assembled from the stored JSON of each record
(kyojo_desk/central/wire.py): the text must be the page `Storage.pull` describes, for records
written whole, records whose fields come from several desks (own stamps), conflict copies and
erasures, across page boundaries, on both backends."""

from __future__ import annotations

import json

import pytest

from kyojo_desk.central.wire import canonical
from kyojo_desk.sync import protocol
from tests.sync.v2_desk import RawDesk, new_id

RESIDENT = {
    "family_name": "山田",
    "given_name": "花子",
    "family_reading": "やまだ",
    "given_reading": "はなこ",
    "phone": "0554-62-1111",
    "support_needs": ["hearing"],
    "notes": 'メモ "引用" \\ と改行\nと𠮷',
    "needs_completion": 0,
    "deleted": 0,
}


def pages(central, desk_id: str, limit: int) -> list[tuple[dict, dict]]:
    """Every page for one desk, as (served text parsed, Storage.pull's page as JSON)."""
    desk = central.storage.authenticate(desk_id)
    found, since = [], 0
    while True:
        served = json.loads(central.storage.pull_json(desk, since, limit))
        described = central.storage.pull(desk, since, limit).to_json()
        found.append((served, described))
        since = described["next_since"]
        if not described["has_more"]:
            return found


@pytest.mark.parametrize("limit", [1, 3, 500])
def test_served_pages_are_the_pages_storage_describes(central, limit):
    a = RawDesk(central.url, central.storage, "a")
    b = RawDesk(central.url, central.storage, "b")
    reader = RawDesk(central.url, central.storage, "reader")
    people = [a.create("residents", {**RESIDENT, "phone": f"0554-62-{i:04d}"}) for i in range(4)]
    # Another desk edits one field of two records (the rows get own stamps), and a
    # concurrent edit of the same field makes a conflict copy.
    b.push([b.change("residents", people[0], {"phone": "090-1111-2222"})])
    b.push([b.change("residents", people[1], {"notes": "別の端末から"})])
    a.push([a.change("residents", people[1], {"notes": "同時の書き込み"})])
    a.push([a.change(protocol.ERASURE_TABLE, people[3], {})])
    results = pages(central, reader.token, limit)
    for served, described in results:
        assert served == described
    entries = [e for served, _ in results for e in served["entries"]]
    kinds = {e["kind"] for e in entries}
    assert {protocol.KIND_CHANGE, protocol.KIND_CONFLICT, protocol.KIND_ERASURE} <= kinds
    assert any("stamps" in e for e in entries)  # a row with a field of another origin
    by_id = {e["row_id"]: e for e in entries if e["kind"] == protocol.KIND_CHANGE}
    assert by_id[people[0]]["fields"]["phone"] == "090-1111-2222"
    assert by_id[people[2]]["fields"]["notes"] == RESIDENT["notes"]


def test_served_pages_skip_the_desks_own_records(central):
    a = RawDesk(central.url, central.storage, "a")
    a.create("residents", RESIDENT, row_id=new_id())
    ((served, described),) = pages(central, a.token, 500)
    assert served == described
    assert served["entries"] == []
    assert served["next_since"] > 0


def test_canonical_text_is_the_protocols():
    values = [
        {"b": [1, "二", None], "a": {"z": 0.5, "y": True}, "c": 'q"\\\n\u2028𠮷'},
        [],
        "",
        2**63 - 1,
    ]
    for value in values:
        assert canonical(value) == protocol.canonical_json(value)
