"""A pulled entry this desk could not apply is kept in quarantine; once the desk is updated to a
release that can apply it (a newer field, a longer text, a new table), the next round applies
it, and nothing another desk wrote stays lost here."""

from __future__ import annotations

import json

import pytest

from kyojo_desk.store import Store
from kyojo_desk.store import sync_state as sync_state_module
from kyojo_desk.store.schema import SYNCED_TABLES
from kyojo_desk.store.sync_state import QUARANTINE_RULES, applying_rules
from kyojo_desk.sync import fields, protocol
from tests.unit.test_sync_desk_storage import change_entry, page, remote_stamp

LONG_NAME = "上野原東部ふれあい地区" * 3  # 33 characters: longer than the older release allows


class Releases:
    """This process's desk as an older release (district names of at most 20 characters)
    and then as today's: the declarations, their compiled checks and the rules' fingerprint
    change together, as they do when a desk is updated."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.monkeypatch = monkeypatch

    def older(self) -> None:
        self.monkeypatch.setitem(SYNCED_TABLES["districts"].types, "name", fields.text(20))
        self.monkeypatch.setattr(fields, "_TABLE_CHECKS", {})
        self.monkeypatch.setattr(fields, "_TABLE_COLUMN_CHECKS", {})
        applying_rules.cache_clear()

    def today(self) -> None:
        self.monkeypatch.undo()
        applying_rules.cache_clear()


@pytest.fixture
def releases(monkeypatch: pytest.MonkeyPatch):
    releases = Releases(monkeypatch)
    yield releases
    releases.today()


def test_an_updated_desk_applies_what_its_older_release_quarantined(store: Store, releases):
    releases.older()
    store.retry_quarantined()  # the older release has checked its (empty) quarantine
    outcome = store.apply_pull_page(page(change_entry(1, "districts", "11", {"name": LONG_NAME})))
    assert outcome.quarantined == 1
    [kept] = store.quarantined()
    assert (kept["row_id"], kept["field"], kept["reason"]) == ("11", "name", "too_long")
    assert store.retry_quarantined().applied == 0  # same release: nothing new can apply
    assert store.quarantine_count() == 1
    assert store.get_row("districts", "11") is None

    releases.today()
    retried = store.retry_quarantined()
    assert retried.applied == 1
    assert store.quarantine_count() == 0
    assert store.get_row("districts", "11")["name"] == LONG_NAME
    assert store.pull_cursor() == 1  # applying kept entries does not move the cursor
    assert store.get_meta(QUARANTINE_RULES) == applying_rules()


def test_a_kept_entry_does_not_undo_a_later_edit_of_the_same_field(store: Store, releases):
    releases.older()
    first = remote_stamp(0)
    later = remote_stamp(5_000)
    # The server sends a record whole: the later entry carries the sort order too, under the
    # stamp it was written with.
    edited = change_entry(2, "districts", "12", {"name": "新町", "sort_order": 3}, later)
    edited.stamps = {"sort_order": [first, edited.desk_id]}
    store.apply_pull_page(
        page(
            change_entry(1, "districts", "12", {"name": LONG_NAME, "sort_order": 3}, first),
            edited,
        )
    )
    assert store.quarantine_count() == 1
    assert store.get_row("districts", "12")["name"] == "新町"

    releases.today()
    assert store.retry_quarantined().applied == 1
    assert store.quarantine_count() == 0
    row = store.get_row("districts", "12")
    assert (row["name"], row["sort_order"]) == ("新町", 3)  # the later edit stands


def test_what_still_cannot_apply_stays_as_it_was_kept(store: Store, releases):
    unknown_table = change_entry(3, "no_such_kind", "x", {"a": 1})
    bad_stamp = change_entry(4, "districts", "13", {"name": "x"}, stamp=-5)
    releases.older()
    store.apply_pull_page(
        page(change_entry(5, "districts", "14", {"name": LONG_NAME}), unknown_table, bad_stamp)
    )
    before = {q["server_seq"]: q for q in store.quarantined()}
    assert set(before) == {3, 4, 5}

    releases.today()
    assert store.retry_quarantined().applied == 1
    after = {q["server_seq"]: q for q in store.quarantined()}
    assert after == {3: before[3], 4: before[4]}  # same ids, reasons and times
    assert store.get_row("districts", "14")["name"] == LONG_NAME


def test_an_entry_of_a_kind_this_release_did_not_know_applies_after_the_update(
    store: Store, monkeypatch: pytest.MonkeyPatch
):
    # The older release quarantined an entry kind it did not know (kept as it came).
    store.quarantine(
        7,
        "districts",
        "15",
        "",
        "unknown_kind",
        {
            **change_entry(7, "districts", "15", {"name": "北町"}).to_json(),
            "kind": protocol.KIND_CHANGE,
        },
    )
    unreadable = {"server_seq": 8, "kind": "change", "table": "districts", "fields": "none"}
    store.quarantine(8, "districts", "", "", "malformed", unreadable)
    monkeypatch.setattr(sync_state_module, "__version__", "9.9.9")
    applying_rules.cache_clear()
    try:
        assert store.retry_quarantined().applied == 1
    finally:
        monkeypatch.undo()
        applying_rules.cache_clear()
    assert store.get_row("districts", "15")["name"] == "北町"
    [still] = store.quarantined()
    assert still["reason"] == "malformed"
    assert json.loads(store.db.execute("SELECT entry FROM sync_quarantine").fetchone()[0]) == (
        unreadable
    )


def test_the_quarantine_is_read_again_only_when_the_rules_change(
    store: Store, monkeypatch: pytest.MonkeyPatch
):
    store.apply_pull_page(page(change_entry(1, "districts", "d-bad", {"name": "x" * 10_000})))
    read: list[str] = []
    real = sync_state_module.applicable_now

    def counting(kept: str, reason: str):
        read.append(reason)
        return real(kept, reason)

    monkeypatch.setattr(sync_state_module, "applicable_now", counting)
    store.retry_quarantined()
    store.retry_quarantined()
    assert read == ["too_long"]  # once for these rules, not every round
    assert store.quarantine_count() == 1


def test_kept_entries_that_fail_to_apply_stay_kept_and_do_not_stop_the_desk(
    store: Store, releases, monkeypatch: pytest.MonkeyPatch
):
    releases.older()
    store.retry_quarantined()
    store.apply_pull_page(page(change_entry(1, "districts", "16", {"name": LONG_NAME})))
    kept = store.quarantined()
    releases.today()

    def failing(*args, **kwargs):
        raise store.db.conn.OperationalError("disk I/O error")

    monkeypatch.setattr(Store, "apply_pull_page", failing)
    assert store.retry_quarantined().applied == 0  # no exception reaches the round
    assert store.quarantined() == kept  # rolled back: still kept, still shown
    assert store.get_row("districts", "16") is None
    assert store.get_meta(QUARANTINE_RULES) == applying_rules()  # not tried every round
