"""Operations of the help log, follow-ups, volunteers, 共助 requests and the dashboard."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from kyojo_desk.gui.ops.base import Operation


def load_help_setup(*, parent: QWidget) -> Operation[dict[str, Any]]:
    """What the quick entry needs: topics, active volunteers, today's sessions with names."""

    def work(store) -> dict[str, Any]:
        return {
            "topics": store.help_topics(),
            "volunteers": store.list_volunteers(active_only=True),
            "today": _sessions_with_names(store, store.help_sessions_on(dt.date.today())),
        }

    return Operation(parent=parent, work=work)


def _sessions_with_names(store, sessions) -> list[tuple[Any, str]]:
    named = []
    for session in sessions:
        name = QCoreApplication.translate("help_log", "（匿名）")
        if session.resident_id:
            try:
                name = store.get_resident(session.resident_id).full_name
            except Exception:  # erased since: the session stays, the name is gone
                name = QCoreApplication.translate("help_log", "（記録なし）")
        named.append((session, name))
    return named


def log_help_session(*, parent: QWidget, values: dict[str, Any]) -> Operation:
    return Operation(
        parent=parent, work=lambda store: store.log_help_session(values), changes=("help_sessions",)
    )


def _follow_ups_with_contacts(store) -> list[tuple[Any, str, str]]:
    """(session, name, phone) of each follow-up due: the number to call is the point of it."""
    found = []
    for session in store.follow_ups():
        try:
            resident = store.get_resident(session.resident_id)
        except Exception:  # erased since: the session stays, the name and number are gone
            name, phone = QCoreApplication.translate("help_log", "（記録なし）"), ""
        else:
            name, phone = resident.full_name, resident.phone or ""
        found.append((session, name, phone))
    return found


def load_follow_ups(*, parent: QWidget) -> Operation:
    """The follow-ups due, each with the resident's name and phone number."""
    return Operation(parent=parent, work=_follow_ups_with_contacts)


def close_follow_up(*, parent: QWidget, session_id: str) -> Operation:
    return Operation(
        parent=parent,
        work=lambda store: store.close_follow_up(session_id),
        changes=("help_sessions",),
    )


def list_volunteers(*, parent: QWidget, active_only: bool = False) -> Operation:
    return Operation(
        parent=parent, work=lambda store: store.list_volunteers(active_only=active_only)
    )


def add_volunteer(*, parent: QWidget, name: str, reading: str, roles: list[str]) -> Operation:
    return Operation(
        parent=parent,
        work=lambda store: store.add_volunteer(name, reading, roles),
        changes=("volunteers",),
    )


def record_training(*, parent: QWidget, volunteer_id: str, course: str, on: dt.date) -> Operation:
    return Operation(
        parent=parent,
        work=lambda store: store.record_training(volunteer_id, course, on),
        changes=("volunteers",),
    )


def set_volunteer_active(*, parent: QWidget, volunteer_id: str, active: bool) -> Operation:
    return Operation(
        parent=parent,
        work=lambda store: store.set_volunteer_active(volunteer_id, active),
        changes=("volunteers",),
    )


def resident_history(*, parent: QWidget, resident_id: str) -> Operation:
    return Operation(
        parent=parent,
        work=lambda store: (store.get_resident(resident_id), store.resident_history(resident_id)),
    )


def mark_skill(*, parent: QWidget, resident_id: str, skill: str) -> Operation:
    return Operation(
        parent=parent,
        work=lambda store: store.mark_skill(resident_id, skill),
        changes=("resident_skills",),
    )


def load_aid_requests(*, parent: QWidget) -> Operation:
    def work(store):
        requests = store.list_aid_requests(("open", "matched"))
        names = {}
        for request in requests:
            for resident_id in (request.resident_id, request.matched_resident_id):
                if resident_id and resident_id not in names:
                    try:
                        names[resident_id] = store.get_resident(resident_id).full_name
                    except Exception:
                        names[resident_id] = QCoreApplication.translate("help_log", "（記録なし）")
        volunteers = {v.id: v.name for v in store.list_volunteers()}
        return requests, names, volunteers

    return Operation(parent=parent, work=work)


def create_aid_request(*, parent: QWidget, values: dict[str, Any]) -> Operation:
    return Operation(
        parent=parent,
        work=lambda store: store.create_aid_request(values),
        changes=("aid_requests",),
    )


def match_aid_request(*, parent: QWidget, request_id: str, volunteer_id: str) -> Operation:
    return Operation(
        parent=parent,
        work=lambda store: store.match_aid_request(request_id, volunteer_id=volunteer_id),
        changes=("aid_requests",),
    )


def close_aid_request(*, parent: QWidget, request_id: str, status: str) -> Operation:
    return Operation(
        parent=parent,
        work=lambda store: store.close_aid_request(request_id, status),
        changes=("aid_requests",),
    )


def compute_kpis(
    *, parent: QWidget, start: dt.date, end: dt.date, district: str | None
) -> Operation:
    from kyojo_desk.store.kpi import compute_kpis as compute

    return Operation(parent=parent, work=lambda store: compute(store, start, end, district))


def record_app_aid_count(*, parent: QWidget, values: dict[str, Any]) -> Operation:
    """Enter (or correct) the city app's 共助 count for one month."""
    return Operation(
        parent=parent,
        work=lambda store: store.record_app_aid_count(
            values["month"], values["count"], values["source"], values.get("entered_by", "")
        ),
        changes=("app_aid_counts",),
    )
