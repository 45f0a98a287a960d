"""Events, sign-ups and attendance in the Store: never a double count."""

from __future__ import annotations

import pytest

from kyojo_desk.errors import DuplicateSuspected, NotFound, ValidationError
from kyojo_desk.ids import derived_id
from kyojo_desk.qr import card_payload, event_payload
from kyojo_desk.records.event import CheckInStatus, WalkIn
from kyojo_desk.store import Store
from kyojo_desk.store.events import attendance_id


def make_event(store: Store, **values):
    base = {"title": "ふれあい交流会", "starts_at": "2026-11-23T10:00", "kind": "交流イベント"}
    base.update(values)
    return store.create_event(base)


def outbox_rows(store: Store, table: str) -> list[tuple[str, dict]]:
    """(row id, fields as they would be sent) of the table's unsent changes, in order."""
    return [
        (change.row_id, change.fields)
        for change in store.outbox_after(0, 100_000)
        if change.table == table
    ]


def test_create_event_validates_and_lists(store):
    event = make_event(store, ends_at="2026-11-23 12:00", capacity="30", volunteer_led=True)
    assert event.kind == "exchange" and event.kind_label == "交流イベント"
    assert event.capacity == 30 and event.volunteer_led
    assert event.time_range == "10:00〜12:00"
    assert [e.id for e in store.list_events()] == [event.id]
    assert [e.id for e in store.events_on("2026-11-23")] == [event.id]
    assert store.events_on("2026-11-24") == []
    with pytest.raises(ValidationError) as error:
        store.create_event({"title": "", "starts_at": "あした", "capacity": "たくさん"})
    assert set(error.value.errors) == {"title", "starts_at", "capacity"}
    with pytest.raises(ValidationError) as error:
        make_event(store, ends_at="2026-11-23T09:00")
    assert "ends_at" in error.value.errors
    assert outbox_rows(store, "events")[0][0] == event.id  # written through the change log


def test_card_scan_checks_in_once_and_second_scan_says_already(store, make_resident):
    event = make_event(store)
    resident = make_resident()
    first = store.check_in_by_scan(event.id, card_payload(resident.card_code))
    assert first.status == CheckInStatus.NEW
    assert first.resident_name == "山田　太郎" and first.resident_reading == "やまだ　たろう"
    assert first.first_time
    assert first.attendance.id == derived_id(event.id, resident.id)
    second = store.check_in_by_scan(event.id, card_payload(resident.card_code))
    assert second.status == CheckInStatus.ALREADY
    assert second.message == f"もう受付済みです（{first.attendance.checked_in_at[11:16]}）"
    assert len(store.list_attendance(event.id)) == 1
    assert len(outbox_rows(store, "attendance")) == 1  # the second scan wrote nothing


@pytest.mark.parametrize(
    "mangle",
    [
        lambda p: p.translate(
            str.maketrans(
                "KJ1:RABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789",
                "ＫＪ１：ＲＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ０１２３４５６７８９",
            )
        ),
        lambda p: p.lower(),
        lambda p: p.replace(":", "；"),
        lambda p: f" {p} \n",
        lambda p: p.replace(":", "ー"),  # an IME in kana mode
        lambda p: p.replace(":", "+"),  # a US-layout scanner on a Japanese keyboard
    ],
    ids=["full-width", "lower-case", "ime-semicolons", "whitespace", "long-vowel", "plus"],
)
def test_mangled_scans_still_check_in(store, make_resident, mangle):
    event = make_event(store)
    resident = make_resident()
    result = store.check_in_by_scan(event.id, mangle(card_payload(resident.card_code)))
    assert result.status == CheckInStatus.NEW
    assert store.attended_ids(event.id) == {resident.id}


def test_unreadable_unknown_and_foreign_codes_change_nothing(store, make_resident):
    event = make_event(store)
    resident = make_resident()
    code = resident.card_code
    corrupted = code[:-1] + ("A" if code[-1] != "A" else "B")
    before = store.next_seq()
    assert store.check_in_by_scan(event.id, card_payload(corrupted)).status == "unreadable"
    mangled = card_payload(corrupted).replace(":", "ー")  # lenient separators, strict code
    assert store.check_in_by_scan(event.id, mangled).status == "unreadable"
    # Any other code may be someone's external id: unknown until it is linked.
    foreign = store.check_in_by_scan(event.id, "https://example.com")
    assert foreign.status == "unknown_code"
    assert foreign.message.startswith("このコードはまだどなたにも結びついていません")
    assert store.check_in_by_scan(event.id, event_payload(event.id)).status == "unreadable"
    assert store.check_in_by_scan(event.id, card_payload("22222222")).status in (
        "unknown_card",
        "unreadable",
    )
    valid_unknown = next(
        c
        for c in (f"2345678{x}" for x in "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        if store.check_in_by_scan(event.id, card_payload(c)).status != "unreadable"
    )
    assert store.check_in_by_scan(event.id, card_payload(valid_unknown)).status == "unknown_card"
    assert store.next_seq() == before
    assert store.list_attendance(event.id) == []


def test_two_desks_make_the_same_attendance_id(data_dir, make_resident, store):
    resident = make_resident()
    event = make_event(store)
    other = Store.open(data_dir / "other.db")
    try:
        # The other desk knows the same resident and event (as sync would bring them).
        for table, row_id in (("residents", resident.id), ("events", event.id)):
            row = store.get_row(table, row_id)
            other.write(table, row_id, {k: v for k, v in row.items() if k != "id"})
        here = store.check_in(event.id, resident.id, "card")
        there = other.check_in(event.id, resident.id, "search")
        assert here.attendance.id == there.attendance.id == attendance_id(event.id, resident.id)
        assert other.desk_id != store.desk_id
    finally:
        other.close()


def test_sign_up_is_idempotent_and_expected_is_in_gojuon_order(store, make_resident):
    event = make_event(store)
    watanabe = make_resident(family_name="渡辺", family_reading="わたなべ")
    abe = make_resident(family_name="阿部", family_reading="あべ")
    kato = make_resident(family_name="加藤", family_reading="カトウ")
    assert store.sign_up(event.id, [watanabe.id, abe.id, kato.id]) == 3
    assert store.sign_up(event.id, [abe.id, abe.id]) == 0
    assert len(outbox_rows(store, "event_signups")) == 3
    assert [r.family_name for r in store.expected_residents(event.id)] == ["阿部", "加藤", "渡辺"]
    with pytest.raises(NotFound):
        store.sign_up(event.id, [abe.id, "no-such-id"])
    assert store.cancel_sign_up(event.id, abe.id)
    assert [r.family_name for r in store.expected_residents(event.id)] == ["加藤", "渡辺"]


def test_open_event_expects_the_regulars_of_the_same_kind(store, make_resident):
    regular = make_resident(family_name="佐藤", family_reading="さとう")
    once = make_resident(family_name="井上", family_reading="いのうえ")
    other_kind = make_resident(family_name="上田", family_reading="うえだ")
    past = [make_event(store, starts_at=f"2026-1{m}-01T10:00") for m in (0, 1)]
    drill = make_event(store, kind="防災訓練", starts_at="2026-10-15T10:00")
    for event in past:
        store.check_in(event.id, regular.id, "card")
    store.check_in(past[0].id, once.id, "card")
    store.check_in(drill.id, other_kind.id, "card")
    store.check_in(drill.id, regular.id, "card")
    today = make_event(store, starts_at="2026-11-23T10:00")
    assert [r.id for r in store.expected_residents(today.id)] == [regular.id]
    first_ever = make_event(store, kind="清掃活動", starts_at="2026-11-24T09:00")
    assert store.expected_residents(first_ever.id) == []
    store.sign_up(today.id, [once.id])  # sign-ups, once there are any, are the list
    assert [r.id for r in store.expected_residents(today.id)] == [once.id]


def test_walk_in_registers_for_completion_and_checks_in(store):
    event = make_event(store)
    result = store.register_walk_in(
        event.id,
        WalkIn(
            family_name="新井", family_reading="アライ", given_name="誠", given_reading="まこと"
        ),
    )
    assert result.status == CheckInStatus.NEW and result.attendance.method == "walk_in"
    resident = store.get_resident(result.attendance.resident_id)
    assert resident.needs_completion and resident.family_reading == "アライ"
    assert store.consents_of(resident.id) == []
    with pytest.raises(ValidationError):
        store.register_walk_in(event.id, WalkIn(family_name="名無し", family_reading=""))
    assert store.count_residents() == 1


def test_walk_in_that_looks_like_someone_registered_is_flagged(store, make_resident):
    event = make_event(store)
    make_resident(phone="0554-62-1111")
    walk_in = WalkIn(family_name="山田", family_reading="やまだ", phone="0554621111")
    with pytest.raises(DuplicateSuspected):
        store.register_walk_in(event.id, walk_in)
    assert store.list_attendance(event.id) == []
    assert store.register_walk_in(event.id, walk_in, allow_duplicate=True).status == "new"


def test_anonymous_counts_undo_and_live_counts(store, make_resident):
    earlier = make_event(store, starts_at="2026-11-01T10:00")
    event = make_event(store, capacity=10)
    returning = make_resident(family_name="佐藤", family_reading="さとう")
    newcomer = make_resident(family_name="鈴木", family_reading="すずき")
    store.check_in(earlier.id, returning.id, "card")
    store.check_in(event.id, returning.id, "card")
    store.check_in(event.id, newcomer.id, "search")
    head = store.count_anonymous(event.id, "70-79")
    assert head.resident_id is None and head.id != store.count_anonymous(event.id, "70-79").id
    counts = store.live_counts(event.id)
    assert (counts.checked_in, counts.residents, counts.anonymous) == (4, 2, 2)
    assert (counts.first_time, counts.returning, counts.capacity_left) == (1, 1, 6)
    with pytest.raises(ValidationError):
        store.count_anonymous(event.id, "elderly")

    undone = store.undo_last_check_in(event.id)  # the second head count
    assert undone.attendance.resident_id is None and undone.resident_name == "名前なしの方"
    store.undo_last_check_in(event.id)
    undone = store.undo_last_check_in(event.id)
    assert undone.resident_name == "鈴木　太郎"
    assert store.get_row("attendance", attendance_id(event.id, newcomer.id))["deleted"] == 1
    assert outbox_rows(store, "attendance")[-1][1]["deleted"] == 1  # a tombstone, logged
    assert store.live_counts(event.id).checked_in == 1
    # Checked in again after an undo: the same row comes back, counted once.
    again = store.check_in(event.id, newcomer.id, "card")
    assert again.status == CheckInStatus.NEW
    assert again.attendance.id == attendance_id(event.id, newcomer.id)
    assert store.live_counts(event.id).checked_in == 2
    store.undo_last_check_in(event.id)
    store.undo_last_check_in(event.id)
    assert store.undo_last_check_in(event.id).attendance is None


def test_sheet_entry_uses_event_time_and_never_double_counts(store, make_resident):
    event = make_event(store)
    scanned = make_resident(family_name="佐藤", family_reading="さとう")
    ticked = make_resident(family_name="鈴木", family_reading="すずき")
    first = store.check_in(event.id, scanned.id, "card")
    result = store.enter_sheet(
        event.id,
        [scanned.id, ticked.id],
        [WalkIn(family_name="新井", family_reading="あらい", phone="090-1234-5678")],
    )
    assert (result.new, result.already, len(result.walk_ins)) == (2, 1, 1)
    rows = {a.resident_id: a for a in store.list_attendance(event.id)}
    assert rows[scanned.id].method == "card"
    assert rows[scanned.id].checked_in_at == first.attendance.checked_in_at
    assert rows[ticked.id].method == "sheet"
    assert rows[ticked.id].checked_in_at == event.starts_at
    walk_in = store.get_resident(result.walk_ins[0])
    assert walk_in.needs_completion and rows[walk_in.id].method == "sheet"
    before = store.next_seq()
    with pytest.raises(ValidationError):  # a bad row: nothing written, not even the ticks
        store.enter_sheet(event.id, [ticked.id], [WalkIn(family_name="", family_reading="")])
    assert store.next_seq() == before


def test_merge_keeps_one_attendance_when_both_records_came(store, make_resident):
    event = make_event(store)
    other_event = make_event(store, title="スマホ教室", kind="スマホ教室")
    keep = make_resident(family_name="高橋", family_reading="たかはし")
    duplicate = make_resident(family_name="髙橋", family_reading="たかはし")
    store.check_in(event.id, keep.id, "card")
    store.check_in(event.id, duplicate.id, "search")
    store.check_in(other_event.id, duplicate.id, "card")
    store.sign_up(other_event.id, [duplicate.id])
    assert store.live_counts(event.id).checked_in == 2
    store.merge_residents(keep.id, duplicate.id)
    assert store.live_counts(event.id).checked_in == 1
    assert store.attended_ids(event.id) == {keep.id}
    # The other record's visit now sits at the kept person's derived id, so a later scan of
    # the kept card at that event is "already", not a second row.
    moved = store.get_row("attendance", attendance_id(other_event.id, keep.id))
    assert moved["deleted"] == 0 and moved["method"] == "card"
    again = store.check_in_by_scan(other_event.id, card_payload(keep.card_code))
    assert again.status == CheckInStatus.ALREADY
    assert store.live_counts(other_event.id).checked_in == 1
    assert [r.id for r in store.expected_residents(other_event.id)] == [keep.id]
    # The merged record's old card still finds the person.
    old_card = store.check_in_by_scan(event.id, card_payload(duplicate.card_code))
    assert old_card.status == CheckInStatus.ALREADY and old_card.resident_name == "高橋　太郎"


def test_erasure_leaves_an_anonymous_count(store, make_resident):
    event = make_event(store)
    resident = make_resident()
    store.check_in(event.id, resident.id, "card")
    store.sign_up(event.id, [resident.id])
    store.erase_resident(resident.id)
    counts = store.live_counts(event.id)
    assert (counts.checked_in, counts.residents, counts.anonymous) == (1, 0, 1)
    assert store.signed_up_ids(event.id) == []
    leftovers = store.db.execute(
        "SELECT count(*) FROM outbox WHERE table_name IN ('attendance', 'event_signups')"
        " AND fields LIKE ?",
        [f"%{resident.id}%"],
    ).fetchone()[0]
    assert leftovers == 0
