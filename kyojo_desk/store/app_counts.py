"""The app's monthly 共助 figures: KPI ④ counts the desk's completed matches and the 共助 that
happened inside the city's community app, which only the app knows and a coordinator enters."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kyojo_desk.ids import derived_id
from kyojo_desk.records.help import AppAidCount, clean_app_aid_count
from kyojo_desk.store.changelog import local_now

if TYPE_CHECKING:
    from kyojo_desk.store.store import Store


def app_aid_count_id(month: str) -> str:
    """One row per month for the whole city, so two desks entering the same month make one row
    (the later entry wins, as a correction)."""
    return derived_id("app_aid_count", month)


def _app_count(row: dict[str, Any]) -> AppAidCount:
    return AppAidCount(
        month=row["month"],
        count=row["count"],
        source=row["source"],
        entered_by=row["entered_by"],
        entered_at=row["entered_at"],
        id=row["id"],
    )


class AppCountsMixin:
    def record_app_aid_count(
        self: Store, month: Any, count: Any, source: Any, entered_by: str = ""
    ) -> AppAidCount:
        """Enter (or correct) the app's 共助 count for a month. Raises ValidationError."""
        cleaned = clean_app_aid_count(month, count, source)
        row_id = app_aid_count_id(cleaned["month"])
        self.write(
            "app_aid_counts",
            row_id,
            {**cleaned, "entered_by": entered_by, "entered_at": local_now(), "deleted": 0},
        )
        return _app_count(self.get_row("app_aid_counts", row_id) or {})

    def list_app_aid_counts(self: Store) -> list[AppAidCount]:
        """Every month's figure, the latest month first."""
        rows = self.db.query(
            "SELECT * FROM app_aid_counts WHERE deleted = 0 ORDER BY month DESC, id"
        )
        return [_app_count(row) for row in rows]
