"""Through the real server: a desk of an older release keeps aside a record it cannot apply,
and the first round after its update applies it and says so."""

from __future__ import annotations

from tests.sync.conftest import Central, sync
from tests.unit.test_quarantine_after_update import (
    LONG_NAME,
    Releases,
    releases,  # noqa: F401 (a fixture)
)


def test_the_round_after_an_update_applies_what_was_kept_aside(
    central: Central,
    releases: Releases,  # noqa: F811
):
    writer, older = central.desk("writer"), central.desk("older")
    writer.write("districts", "21", {"name": LONG_NAME, "reading": "ひがし", "sort_order": 4})
    sync(writer)

    releases.older()
    report = sync(older)
    assert (report.pulled, report.quarantined) == (0, 1)
    assert older.get_row("districts", "21") is None

    releases.today()
    report = sync(older)
    assert (report.pulled, report.quarantined) == (1, 0)
    row = older.get_row("districts", "21")
    assert (row["name"], row["reading"], row["sort_order"]) == (LONG_NAME, "ひがし", 4)
    assert sync(older).pulled == 0  # applied once
