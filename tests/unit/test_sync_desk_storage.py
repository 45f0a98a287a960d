"""The desk's side of sync protocol 2 inside the Store: stamps per row, a compact outbox pruned
after acknowledgement, refused changes kept, pulled pages applied set-wise with every value
checked (quarantine), and a re-send from the rows' state."""

from __future__ import annotations

import json
import math
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kyojo_desk.ids import uuid7
from kyojo_desk.records.resident import Consent
from kyojo_desk.store import Store, changelog
from kyojo_desk.store.schema import SYNCED_TABLES
from kyojo_desk.store.sync_state import changes_certainly_applicable, entry_problem
from kyojo_desk.sync import hlc, protocol
from kyojo_desk.sync.client import read_pull_page

OTHER = "01a25000-0000-7000-8000-00000000beef"


def remote_stamp(offset_ms: int = 0) -> int:
    return hlc.make_stamp(time.time_ns() // 1_000_000 + 1000 + offset_ms)


def change_entry(
    server_seq: int, table: str, row_id: str, fields: dict, stamp: int | None = None
) -> protocol.PulledEntry:
    return protocol.PulledEntry(
        server_seq=server_seq,
        kind=protocol.KIND_CHANGE,
        table=table,
        row_id=row_id,
        desk_id=OTHER,
        fields=fields,
        stamp=stamp if stamp is not None else remote_stamp(server_seq),
    )


def page(*entries: protocol.PulledEntry) -> protocol.PullPage:
    last = max((e.server_seq for e in entries), default=0)
    return protocol.PullPage(epoch="e1", entries=list(entries), next_since=last, has_more=False)


def acknowledge(store: Store, results: list[protocol.ChangeResult] | None = None) -> None:
    sent = store.outbox_after(store.acked_seq(), 10_000)
    answer = protocol.PushAnswer(acked_seq=sent[-1].seq, results=results or [])
    store.record_push_answer(answer, sent)


@pytest.fixture
def make_resident(store: Store):
    """Register a resident who shares with the city: these tests are about what sync sends
    (what a person who does not share sends is tested in tests/sync/test_consent_sync.py)."""

    def make(**values):
        defaults = {
            "family_name": "山田",
            "given_name": "太郎",
            "family_reading": "やまだ",
            "given_reading": "たろう",
            "district": "01",
        }
        defaults.update(values)
        consent = Consent(
            scopes=["keep_record", "share_with_city"],
            method="signed_paper",
            witnessed_by="受付 花子",
        )
        return store.register_resident(defaults, consent, allow_duplicate=True)

    return make


def test_a_row_carries_its_stamps_and_no_table_has_a_row_per_field(store, make_resident):
    tables = {r[0] for r in store.db.execute("SELECT name FROM sqlite_master")}
    assert "field_clocks" not in tables
    resident = make_resident()
    created = store.db.execute(
        "SELECT sync_stamp, sync_origin, sync_stamps FROM residents WHERE id = ?", [resident.id]
    ).fetchone()
    assert created[1:] == (0, None) and hlc.is_valid_stamp(created[0])
    store.update_resident(resident.id, {"phone": "0554-62-1111"})
    stamp, origin, packed = store.db.execute(
        "SELECT sync_stamp, sync_origin, sync_stamps FROM residents WHERE id = ?", [resident.id]
    ).fetchone()
    exceptions = json.loads(packed)
    assert (stamp, origin) == created[:2]  # most fields keep the creation's stamp
    assert list(exceptions) == ["phone"] and exceptions["phone"][0] > stamp


def test_outbox_entries_hold_no_values_and_send_what_the_row_holds(store, make_resident):
    resident = make_resident()
    store.update_resident(resident.id, {"phone": "0554-62-1111"})
    rows = store.db.execute(
        "SELECT fields, kept FROM outbox WHERE row_id = ? ORDER BY seq", [resident.id]
    ).fetchall()
    # The creation was not sent yet when the phone changed: it keeps the phone it made.
    assert rows == [(None, '{"phone": ""}'), ('["phone"]', None)]
    created, edited = [c for c in store.outbox_after(0, 100) if c.row_id == resident.id]
    assert created.created and created.fields["family_name"] == "山田"
    assert created.fields["phone"] == ""
    assert edited.fields == {"phone": "0554-62-1111"} and edited.stamp > created.stamp
    assert isinstance(created.fields["support_needs"], list)  # JSON lists travel as lists


def test_a_field_written_again_before_it_was_sent_keeps_its_first_value(store, make_resident):
    resident = make_resident()
    acknowledge(store)
    store.update_resident(resident.id, {"phone": "0554-62-1111"})
    first = store.outbox_after(store.acked_seq(), 10)
    store.update_resident(resident.id, {"phone": "0554-62-2222"})
    again = store.outbox_after(store.acked_seq(), 10)
    assert again[0].to_json() == first[0].to_json()  # the same entry sent twice is the same
    assert again[1].fields == {"phone": "0554-62-2222"}


def test_acknowledged_entries_leave_the_outbox(store, make_resident):
    before = store.pending_changes()  # the districts of the fixture
    for _ in range(3):
        make_resident()
    assert store.pending_changes() == before + 6
    acknowledge(store)
    assert store.pending_changes() == 0
    assert store.db.execute("SELECT count(*) FROM outbox").fetchone() == (0,)
    make_resident()
    next_seqs = [before + 7, before + 8]
    assert [c.seq for c in store.outbox_after(store.acked_seq(), 10)] == next_seqs


def test_a_refused_change_is_kept_until_corrected_or_discarded(store, make_resident):
    resident = make_resident()
    acknowledge(store)
    store.update_resident(resident.id, {"notes": "とても長いメモ"})
    [sent] = store.outbox_after(store.acked_seq(), 10)
    refusal = protocol.ChangeResult(sent.seq, protocol.REJECTED, "invalid_value", "notes")
    acknowledge(store, [refusal])
    assert store.rejections()[0] | {"rejected_at": ""} == {
        "seq": sent.seq,
        "table_name": "residents",
        "row_id": resident.id,
        "field": "notes",
        "reason": "invalid_value",
        "rejected_at": "",
    }
    assert store.db.execute("SELECT seq FROM outbox").fetchall() == [(sent.seq,)]
    # Another field of the row applying does not correct it; the same field does.
    store.update_resident(resident.id, {"phone": "0554-62-3333"})
    acknowledge(store)
    assert store.rejection_count() == 1
    store.update_resident(resident.id, {"notes": "短いメモ"})
    acknowledge(store)
    assert store.rejection_count() == 0
    assert store.db.execute("SELECT count(*) FROM outbox").fetchone() == (0,)
    # Discarded by a coordinator.
    store.update_resident(resident.id, {"notes": "もう一度"})
    [sent] = store.outbox_after(store.acked_seq(), 10)
    acknowledge(store, [protocol.ChangeResult(sent.seq, protocol.REJECTED, "too_large")])
    store.discard_rejection(sent.seq)
    assert store.rejections() == []
    assert store.db.execute("SELECT count(*) FROM outbox").fetchone() == (0,)


def test_a_pulled_page_is_applied_set_wise_and_reindexed_once(store, monkeypatch):
    calls: list[list[str]] = []
    original = Store.after_write["residents"]

    def counting(store_: Store, ids: list[str]) -> None:
        calls.append(list(ids))
        for hook in original:
            hook(store_, ids)

    monkeypatch.setitem(Store.after_write, "residents", [counting])
    ids = [uuid7() for _ in range(50)]
    entries = [
        change_entry(
            n + 1,
            "residents",
            row_id,
            {"family_name": f"木村{n}", "family_reading": "きむら", "support_needs": ["hearing"]},
        )
        for n, row_id in enumerate(ids)
    ]
    entries.append(change_entry(51, "residents", ids[0], {"phone": "0554-62-4444"}))
    outcome = store.apply_pull_page(page(*entries))
    assert outcome.applied == 51
    assert len(calls) == 1 and sorted(calls[0]) == sorted(ids)
    assert len(store.search_residents("きむら", limit=100)) == 50
    assert store.get_resident(ids[0]).phone == "0554-62-4444"
    assert store.get_resident(ids[1]).support_needs == ["hearing"]
    assert store.pull_cursor() == 51
    origin = store.db.execute("SELECT sync_origin FROM residents WHERE id = ?", [ids[1]]).fetchone()
    assert store.origin_desk(origin[0]) == OTHER


@pytest.mark.parametrize(
    ("fields", "field_name", "reason"),
    [
        ({"family_name": {"a": 1}}, "family_name", "not_text"),
        ({"family_name": ["a"]}, "family_name", "not_text"),
        ({"sort_order": math.nan}, "sort_order", "not_finite"),
        ({"sort_order": 2**70}, "sort_order", "out_of_range"),
        ({"sort_order": True}, "sort_order", "not_integer"),
        ({"deleted": None}, "deleted", "null"),
        ({"name": "x" * 10_000}, "name", "too_long"),
        ({"colour": "red"}, "colour", "unknown_field"),
    ],
)
def test_a_pulled_value_that_cannot_apply_is_quarantined_and_the_pull_goes_on(
    store, fields, field_name, reason
):
    good = uuid7()
    bad = change_entry(1, "districts", "d-bad", fields)
    after = change_entry(2, "districts", good, {"name": "新町", "reading": "しんまち"})
    outcome = store.apply_pull_page(page(bad, after))
    assert outcome.quarantined == 1 and outcome.applied == 1
    [kept] = store.quarantined()
    assert (kept["table_name"], kept["row_id"], kept["field"]) == ("districts", "d-bad", field_name)
    assert kept["reason"]  # the field type's own reason, e.g. not_text
    assert store.get_row("districts", "d-bad") is None
    assert store.get_row("districts", good)["name"] == "新町"
    assert store.pull_cursor() == 2
    assert reason  # named for the reader of the test


def test_unknown_tables_bad_stamps_and_unreadable_entries_are_quarantined(store):
    data = {
        "epoch": "e1",
        "next_since": 4,
        "has_more": False,
        "entries": [
            change_entry(1, "no_such_kind", "x", {"a": 1}).to_json(),
            change_entry(2, "districts", "d2", {"name": "x"}, stamp=-5).to_json(),
            {"server_seq": 3, "kind": "change", "table": "districts", "fields": "not an object"},
            change_entry(4, "districts", "d4", {"name": "残る"}).to_json(),
        ],
    }
    pulled, malformed = read_pull_page(data)
    outcome = store.apply_pull_page(pulled, malformed)
    assert outcome.quarantined == 3
    assert sorted(q["reason"] for q in store.quarantined()) == [
        "bad_stamp",
        "malformed",
        "unknown_table",
    ]
    assert store.get_row("districts", "d4")["name"] == "残る"
    assert store.quarantine_count() == 3
    store.discard_quarantined(store.quarantined()[0]["id"])
    assert store.quarantine_count() == 2


def test_every_unreadable_entry_without_a_server_seq_is_kept_page_after_page(store):
    """Entries whose server seq cannot be read are each kept (they are numbered below the
    others), in one page and in the pages and rounds after it; one kept under its own seq
    and fetched again is kept once."""

    def page_data(next_since, *entries):
        return {"epoch": "e1", "next_since": next_since, "has_more": False, "entries": [*entries]}

    for next_since, unreadable in ((1, ["not an entry", {"kind": "change"}]), (2, [7]), (3, [[]])):
        pulled, malformed = read_pull_page(page_data(next_since, *unreadable))
        assert store.apply_pull_page(pulled, malformed).quarantined == len(unreadable)
    assert store.quarantine_count() == 4
    assert sorted(q["server_seq"] for q in store.quarantined()) == [-4, -3, -2, -1]
    with_seq = {"server_seq": 5, "kind": "change", "table": "districts", "fields": "x"}
    for _ in range(2):
        pulled, malformed = read_pull_page(page_data(5, with_seq))
        store.apply_pull_page(pulled, malformed)
    assert store.quarantine_count() == 5


def test_a_value_the_server_kept_over_ours_is_checked_as_a_pulled_one(store, make_resident):
    """A push answer's superseded values are the server's: each is checked as a pulled value
    is. One that passes is taken; one of the wrong type, with a bad stamp or unreadable is kept
    aside (shown, counted) and the desk keeps its own value, never a value it cannot hold."""
    resident = make_resident(phone="0554-62-1111", notes="受付で")
    store.update_resident(resident.id, {"given_name": "次郎", "phone": "0554-62-2222"})
    sent = store.outbox_after(store.acked_seq(), 10_000)
    edit = sent[-1]
    newer = remote_stamp(60_000)
    answer = protocol.PushAnswer(
        acked_seq=edit.seq,
        results=[
            protocol.ChangeResult(
                edit.seq,
                protocol.APPLIED,
                superseded={
                    "given_name": ["三郎", newer, OTHER],
                    "phone": [{"not": "a phone"}, newer, OTHER],
                    "family_name": ["山本", "not a stamp", OTHER],
                    "notes": "just a value",
                },
            )
        ],
    )
    store.record_push_answer(answer, sent)
    current = store.get_resident(resident.id)
    assert current.given_name == "三郎"
    assert (current.phone, current.family_name, current.notes) == ("0554-62-2222", "山田", "受付で")
    kept = {q["field"]: q["reason"] for q in store.quarantined()}
    assert kept == {"phone": "not_text", "family_name": "malformed", "notes": "malformed"}
    assert store.pending_changes() == 0


def test_a_push_answer_erases_here_only_the_person_the_change_is_about(
    store, make_resident, caplog
):
    """An answer saying a change's person was erased erases them on this desk; naming anyone
    else (a confused server) erases nobody (a real erasure reaches every desk by the pull)."""
    first, second = make_resident(family_name="一郎"), make_resident(family_name="二郎")
    acknowledge(store)
    store.update_resident(first.id, {"notes": "一"})
    store.update_resident(second.id, {"notes": "二"})
    sent = store.outbox_after(store.acked_seq(), 10_000)
    about_first = next(c for c in sent if c.row_id == first.id)
    about_second = next(c for c in sent if c.row_id == second.id)
    erased = protocol.ERASED
    answer = protocol.PushAnswer(
        acked_seq=sent[-1].seq,
        results=[
            protocol.ChangeResult(about_first.seq, erased, "erased", resident_id=second.id),
            protocol.ChangeResult(about_second.seq, erased, "erased", resident_id=second.id),
        ],
    )
    store.record_push_answer(answer, sent)
    assert store.get_resident(first.id).family_name == "一郎"
    assert store.get_row("residents", second.id) is None
    assert "another person" in caplog.text


def test_a_local_edit_not_yet_acknowledged_is_not_overwritten_by_a_pull(store, make_resident):
    resident = make_resident()
    acknowledge(store)
    store.update_resident(resident.id, {"phone": "0554-62-5555"})
    later = remote_stamp(60_000)
    store.apply_pull_page(
        page(change_entry(1, "residents", resident.id, {"phone": "X", "notes": "他の端末"}, later))
    )
    current = store.get_resident(resident.id)
    assert current.phone == "0554-62-5555"  # the server settles it when the edit is pushed
    assert current.notes == "他の端末"
    acknowledge(store)
    store.apply_pull_page(
        page(change_entry(2, "residents", resident.id, {"phone": "0554-62-6666"}, later + 1))
    )
    assert store.get_resident(resident.id).phone == "0554-62-6666"


def test_an_older_or_equal_pulled_stamp_changes_nothing(store):
    stamp = remote_stamp()
    store.apply_pull_page(page(change_entry(1, "districts", "d1", {"name": "新"}, stamp)))
    store.apply_pull_page(page(change_entry(2, "districts", "d1", {"name": "古"}, stamp - 1)))
    store.apply_pull_page(page(change_entry(3, "districts", "d1", {"name": "同"}, stamp)))
    assert store.get_row("districts", "d1")["name"] == "新"


def test_resend_from_state_sends_every_field_this_desk_wrote_last(store, make_resident):
    first = make_resident(family_name="一")
    second = make_resident(family_name="二")
    acknowledge(store)
    store.apply_pull_page(
        page(change_entry(1, "residents", second.id, {"notes": "他の端末"}, remote_stamp(90_000)))
    )
    store.update_resident(first.id, {"phone": "0554-62-7777"})
    acknowledge(store)
    erased = make_resident(family_name="消")
    store.erase_resident(erased.id)
    acknowledge(store)
    assert store.db.execute("SELECT table_name FROM outbox").fetchall() == [("_erasures",)]
    waiting = store.resend_from_state(1)
    changes = store.outbox_after(0, 100)
    assert [c.seq for c in changes] == list(range(1, waiting + 1))
    assert store.acked_seq() == 0 and store.pending_changes() == waiting
    by_row = {(c.table, c.row_id): c for c in changes}
    resent = by_row[("residents", first.id)]
    assert resent.fields["phone"] == "0554-62-7777" and resent.fields["family_name"] == "一"
    # The entry carries the newest stamp (the phone's); the other fields their own, older one.
    assert resent.created and "phone" not in resent.stamps
    assert resent.stamps and all(s < resent.stamp for s in resent.stamps.values())
    assert "notes" not in by_row[("residents", second.id)].fields  # another desk's value
    assert changes[-1].table == "_erasures" and changes[-1].row_id == erased.id
    assert ("residents", erased.id) not in by_row
    stamps = [c.stamp for c in changes]
    assert stamps == sorted(stamps)


def test_a_stalled_clock_never_overflows(store, monkeypatch):
    """65 536 stamps in one millisecond (a clock behind a stamp pulled from a desk whose clock
    runs fast): the counter carries into the wall part instead of failing."""
    monkeypatch.setattr(changelog, "system_now_ms", lambda: 1_800_000_000_000)
    stamps = [store.changelog.new_stamp() for _ in range(70_000)]
    assert stamps == sorted(set(stamps))
    assert hlc.wall_ms(stamps[-1]) == 1_800_000_000_001
    assert all(hlc.is_valid_stamp(s) for s in stamps)


def test_residents_new_to_the_desk_are_indexed_from_the_values_inserted(store):
    """Residents a page creates are indexed from the values inserted, not read back; their
    keys equal those of the stored rows, people who are deleted, merged or nameless (a stub of
    a person who does not share) stay out, and a row named twice in the page is indexed as it
    ends up."""
    from kyojo_desk.store import search

    shared = {
        "family_name": "髙橋",
        "given_name": "花子",
        "family_reading": "タカハシ",
        "given_reading": "はなこ",
        "phone": "0554-62-1234",
        "phone2": "090-1111-2222",
        "deleted": 0,
        "merged_into": None,
        "district": "01",
    }
    people = {
        "whole": shared,
        "deleted": {**shared, "deleted": 1},
        "merged": {**shared, "merged_into": uuid7()},
        "stub": {"district": "02", "kind": "resident"},
        "some fields": {"family_name": "佐藤", "family_reading": "さとう"},
        "renamed in the page": {**shared, "family_name": "斉藤", "family_reading": "さいとう"},
    }
    ids = {label: uuid7() for label in people}
    entries = [
        change_entry(n + 1, "residents", ids[label], dict(values))
        for n, (label, values) in enumerate(people.items())
    ]
    entries.append(
        change_entry(
            len(entries) + 1,
            "residents",
            ids["renamed in the page"],
            {"family_name": "渡邊", "family_reading": "わたなべ"},
        )
    )
    assert store.apply_pull_page(page(*entries)).applied == len(entries)
    indexed = {
        row[0]: tuple(row[1:])
        for row in store.db.execute(
            f"SELECT resident_id, {', '.join(search.KEY_COLUMNS)} FROM resident_index"
        )
    }
    rows = {row["id"]: row for row in store.db.query("SELECT * FROM residents")}
    expected = {
        row_id: search.index_keys(row) for row_id, row in rows.items() if search.listed(row)
    }
    assert indexed == expected
    assert set(indexed) == {ids["whole"], ids["some fields"], ids["renamed in the page"]}
    assert indexed[ids["renamed in the page"]][0] == "渡辺"
    assert [r.id for r in store.search_residents("わたなべ")] == [ids["renamed in the page"]]
    found = [r.id for r in store.search_residents("2222")]
    assert sorted(found) == sorted([ids["whole"], ids["renamed in the page"]])


RESIDENT_ID_TEXT = "0190a3c4-1d2e-7f00-8000-000000000001"
ROW_IDS = ("0190a3c4-1d2e-7f00-8000-00000000000a", "0190a3c4-1d2e-7f00-8000-00000000000b")
PULLED_STAMP = hlc.make_stamp(1_800_000_000_000)
PULLED_VALUES = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**64), max_value=2**64)
    | st.floats()
    | st.text(max_size=12)
    | st.sampled_from(["", "resident", "none", "large_print", "01", "2026-12-07", "\x00", "\ud800"])
    | st.sampled_from(["2026-12-07T10:00:00+09:00", "x" * 300, RESIDENT_ID_TEXT])
    | st.lists(st.sampled_from(["large_print", "hearing", "LINE", 1, "\x00"]), max_size=4)
    | st.just({"a": 1})
)


@st.composite
def pulled_changes(draw) -> list[protocol.PulledEntry]:
    """A page of changes in a few shapes (table and fields), each shape with several rows,
    valid or not anywhere: table, row id, stamp, field names, values, field stamps."""
    entries = []
    for _ in range(draw(st.integers(1, 3))):
        table = draw(st.sampled_from(["residents", "districts", "consents", "no_such_table"]))
        known = list(SYNCED_TABLES[table].fields) if table in SYNCED_TABLES else ["name"]
        names = draw(st.lists(st.sampled_from([*known, "colour"]), unique=True, max_size=5))
        for _ in range(draw(st.integers(1, 4))):
            values = {name: draw(PULLED_VALUES) for name in names}
            entries.append(
                protocol.PulledEntry(
                    server_seq=len(entries) + 1,
                    kind=draw(st.sampled_from([protocol.KIND_CHANGE] * 4 + ["conflict"])),
                    table=table,
                    row_id=draw(st.sampled_from([*ROW_IDS, "01", "", "x" * 70])),
                    desk_id=OTHER,
                    fields=values,
                    stamp=draw(
                        st.sampled_from([PULLED_STAMP, PULLED_STAMP + 1, 0, -1, 2**63, True])
                    ),
                    stamps=draw(
                        st.sampled_from(
                            [
                                {},
                                {},
                                {names[0]: [PULLED_STAMP, OTHER]},
                                {names[-1]: [PULLED_STAMP - 5, OTHER]},
                                {names[0]: [0, OTHER]},
                                {names[0]: [PULLED_STAMP, 5]},
                                {names[0]: [PULLED_STAMP]},
                                {names[0]: (PULLED_STAMP, OTHER)},
                                {names[0]: [True, OTHER]},
                                {names[0]: "x"},
                                {"not_carried": "x"},
                            ]
                        )
                        if names
                        else st.just({})
                    ),
                )
            )
    return entries


@given(pulled_changes())
def test_changes_checked_a_column_at_a_time_are_those_checked_alone_find_nothing_wrong_with(
    entries: list[protocol.PulledEntry],
) -> None:
    """The page-wide check only ever lets through a change the one-by-one check
    (`entry_problem`) finds nothing wrong with, so what is quarantined, and why, stays as the
    one-by-one check decides."""
    for entry in entries:
        if id(entry) in changes_certainly_applicable(entries):
            assert entry.kind == protocol.KIND_CHANGE
            assert entry_problem(entry) is None, entry


def test_a_page_of_ordinary_changes_is_checked_a_column_at_a_time():
    entries = [
        change_entry(
            n + 1,
            "residents",
            uuid7(),
            {"family_name": f"山田{n}", "birth_date": "1950-01-02", "support_needs": []},
        )
        for n in range(20)
    ]
    entries.append(change_entry(21, "residents", uuid7(), {"family_name": "x\x00"}))
    applicable = changes_certainly_applicable(entries)
    assert applicable == {id(entry) for entry in entries[:20]}


def test_a_page_of_edits_whose_other_fields_are_older_is_checked_a_column_at_a_time():
    """An edited record comes with the stamps of its fields older than the edit: valid ones
    do not send its change to the one-by-one check; a malformed one does."""
    entries = [
        change_entry(
            n + 1,
            "residents",
            uuid7(),
            {"family_name": f"山田{n}", "phone": f"090-0000-{n:04d}"},
        )
        for n in range(20)
    ]
    for entry in entries:
        entry.stamps = {"family_name": [PULLED_STAMP - 1000, OTHER]}
    entries[-1].stamps = {"family_name": [PULLED_STAMP, None]}
    applicable = changes_certainly_applicable(entries)
    assert applicable == set()  # one bad stamp in the group: each is checked alone
    assert [entry_problem(entry) for entry in entries[-2:]] == [
        None,
        ("family_name", protocol.REASON_BAD_STAMP),
    ]
    del entries[-1]
    assert changes_certainly_applicable(entries) == {id(entry) for entry in entries}


def test_a_pulled_page_is_applied_without_cycle_collection(store, monkeypatch):
    """Applying a page pauses the cycle collector (its row objects would be walked again and
    again) and gives it back as it was, also when the page fails; a page applied while
    collection was off leaves it off."""
    import gc

    seen_during: list[bool] = []

    def note(_store: Store, _ids: list[str]) -> None:
        seen_during.append(gc.isenabled())

    monkeypatch.setitem(Store.after_write, "residents", [*Store.after_write["residents"], note])
    assert gc.isenabled()
    store.apply_pull_page(page(change_entry(1, "residents", uuid7(), {"family_name": "林"})))
    assert seen_during == [False]
    assert gc.isenabled()

    def broken(_store: Store, _ids: list[str]) -> None:
        raise RuntimeError("index broken")

    monkeypatch.setitem(Store.after_write, "residents", [broken])
    with pytest.raises(RuntimeError):
        store.apply_pull_page(page(change_entry(2, "residents", uuid7(), {"family_name": "森"})))
    assert gc.isenabled()
    gc.disable()
    try:
        store.apply_pull_page(page(change_entry(3, "districts", "d3", {"name": "中町"})))
        assert not gc.isenabled()
    finally:
        gc.enable()
