"""The reproduction of issue 11's lost consents: one desk's clock 3 minutes fast, another desk
importing 50 000 people (100 000 stamps, past a 16-bit counter). Nothing may be lost."""

from __future__ import annotations

import time

import pytest

from kyojo_desk.records.resident import Consent
from kyojo_desk.store import changelog
from kyojo_desk.sync import hlc
from tests.sync.conftest import register, sync

SKEW_MS = 3 * 60 * 1000
IMPORTED = 50_000


def real_ms() -> int:
    return time.time_ns() // 1_000_000


@pytest.mark.parametrize("central", ["sqlite"], indirect=True)
def test_counter_overflow_under_a_three_minute_skew_with_a_50000_row_import_loses_nothing(
    central, monkeypatch
):
    fast, slow = central.desk("fast clock"), central.desk("importing")
    # Desk "fast clock" runs 3 minutes ahead (within the protocol's 5) and syncs an edit.
    monkeypatch.setattr(changelog, "system_now_ms", lambda: real_ms() + SKEW_MS)
    fast_one = register(fast, family_name="早川", family_reading="はやかわ")
    sync(fast, wall_clock_ms=lambda: real_ms() + SKEW_MS)
    fast_stamp = fast.changelog.last_stamp
    monkeypatch.setattr(changelog, "system_now_ms", real_ms)
    # The other desk pulls it: its clock now stands 3 minutes ahead of its wall clock, so
    # every stamp of the import comes from the counter.
    sync(slow)
    assert slow.changelog.last_stamp >= fast_stamp
    people = [
        (
            {
                "family_name": "取込",
                "given_name": f"{n:05d}",
                "family_reading": "とりこみ",
                "given_reading": "",
                "district": "",
            },
            Consent(scopes=["keep_record", "share_with_city"], witnessed_by="名簿"),
        )
        for n in range(IMPORTED)
    ]
    imported = slow.insert_residents(people)
    stamps = [row[0] for row in slow.db.execute("SELECT stamp FROM outbox ORDER BY seq")]
    assert stamps == sorted(set(stamps)) and all(hlc.is_valid_stamp(s) for s in stamps)
    # More stamps than one millisecond's counter holds: the wall part moved on instead.
    assert len(stamps) > hlc.COUNTER_MAX + 1
    assert hlc.wall_ms(stamps[-1]) > hlc.wall_ms(fast_stamp)
    report = sync(slow)
    assert report.rejected == [] and slow.pending_changes() == 0
    assert report.pushed == 2 * IMPORTED
    server_residents = central.storage.rows("default", "residents")
    server_consents = central.storage.rows("default", "consents")
    assert set(imported) <= set(server_residents) and fast_one in server_residents
    assert len(server_consents) == IMPORTED + 1
    sync(fast, wall_clock_ms=lambda: real_ms() + SKEW_MS)
    assert fast.count_residents() == IMPORTED + 1
    assert fast.db.execute("SELECT count(*) FROM consents").fetchone() == (IMPORTED + 1,)
