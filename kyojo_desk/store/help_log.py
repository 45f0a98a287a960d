"""Volunteers, help sessions, follow-ups, 共助 requests and digital skills through the Store."""

from __future__ import annotations

import datetime as dt
import json
import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from kyojo_desk.errors import NotFound, ValidationError
from kyojo_desk.ids import derived_id, uuid7
from kyojo_desk.records.help import (
    AID_STATUS_LABELS,
    DEFAULT_TOPICS,
    SKILL_LABELS,
    AidRequest,
    HelpSession,
    Volunteer,
    clean_aid_request,
    clean_help_session,
    clean_volunteer,
)
from kyojo_desk.store.changelog import local_now
from kyojo_desk.store.rows import decode_row
from kyojo_desk.texts import N_, message

if TYPE_CHECKING:
    from kyojo_desk.store.store import Store

log = logging.getLogger(__name__)


@dataclass
class ResidentHistory:
    """Everything a resident did with the centre, newest first, and their digital skills."""

    help_sessions: list[HelpSession] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)  # {"title", "starts_at", "method"}
    skills: dict[str, str] = field(default_factory=dict)  # skill → date first done alone


def _volunteer(row: dict[str, Any]) -> Volunteer:
    row = decode_row("volunteers", row)
    return Volunteer(
        row["name"], row["reading"], row["roles"], row["trainings"], bool(row["active"]), row["id"]
    )


def _session(row: dict[str, Any]) -> HelpSession:
    row = decode_row("help_sessions", row)
    return HelpSession(
        volunteer_id=row["volunteer_id"],
        topics=row["topics"],
        minutes=row["minutes"],
        outcome=row["outcome"],
        device=row["device"],
        resident_id=row["resident_id"],
        event_id=row["event_id"],
        at=row["at"],
        follow_up_due=row["follow_up_due"],
        follow_up_done_at=row["follow_up_done_at"],
        notes=row["notes"],
        id=row["id"],
    )


def _aid(row: dict[str, Any]) -> AidRequest:
    names = AidRequest.__dataclass_fields__
    return AidRequest(**{k: row[k] for k in names if k in row})


class HelpLogMixin:
    # -- volunteers --------------------------------------------------------------------------

    def add_volunteer(
        self: Store, name: str, reading: str, roles: list[str] | None = None
    ) -> Volunteer:
        cleaned = clean_volunteer(name, reading, roles or [])
        volunteer_id = uuid7()
        self.write(
            "volunteers",
            volunteer_id,
            {**cleaned, "trainings": [], "active": True, "created_at": local_now()},
        )
        return self.get_volunteer(volunteer_id)

    def get_volunteer(self: Store, volunteer_id: str) -> Volunteer:
        rows = list(
            self.db.query("SELECT * FROM volunteers WHERE id = ? AND deleted = 0", [volunteer_id])
        )
        if not rows:
            raise NotFound(N_("このボランティアの記録が見つかりません。"))
        return _volunteer(rows[0])

    def list_volunteers(self: Store, active_only: bool = False) -> list[Volunteer]:
        sql = "SELECT * FROM volunteers WHERE deleted = 0" + (
            " AND active = 1" if active_only else ""
        )
        volunteers = [_volunteer(r) for r in self.db.query(sql)]
        from kyojo_desk.text.fold import fold_key

        return sorted(volunteers, key=lambda v: fold_key(v.reading))

    def record_training(
        self: Store, volunteer_id: str, course: str, on: dt.date | str
    ) -> Volunteer:
        volunteer = self.get_volunteer(volunteer_id)
        if not course.strip():
            raise ValidationError("course", N_("講座の名前を入力してください。"))
        day = on if isinstance(on, str) else on.isoformat()
        trainings = [*volunteer.trainings, {"course": course.strip(), "date": day}]
        self.write("volunteers", volunteer_id, {"trainings": trainings})
        return self.get_volunteer(volunteer_id)

    def set_volunteer_active(self: Store, volunteer_id: str, active: bool) -> None:
        self.get_volunteer(volunteer_id)
        self.write("volunteers", volunteer_id, {"active": active})

    # -- help sessions -----------------------------------------------------------------------

    def help_topics(self: Store) -> list[str]:
        """The topic buttons of the quick entry (configurable per desk or city)."""
        stored = self.get_meta("help_topics")
        return json.loads(stored) if stored else list(DEFAULT_TOPICS)

    def set_help_topics(self: Store, topics: list[str]) -> None:
        cleaned = [t.strip() for t in topics if t.strip()]
        if not cleaned:
            raise ValidationError("topics", N_("相談の内容を1つ以上入れてください。"))
        self.set_meta("help_topics", json.dumps(list(dict.fromkeys(cleaned)), ensure_ascii=False))

    def event_in_progress(self: Store, at: dt.datetime | None = None) -> str | None:
        """The event running now (started, not yet ended, or started within 3 hours)."""
        moment = (at or dt.datetime.now().astimezone()).isoformat(timespec="seconds")
        earliest = ((at or dt.datetime.now().astimezone()) - dt.timedelta(hours=3)).isoformat(
            timespec="seconds"
        )
        row = self.db.execute(
            "SELECT id FROM events WHERE deleted = 0 AND starts_at <= ? AND "
            "(ends_at >= ? OR (coalesce(ends_at, '') = '' AND starts_at >= ?)) ORDER BY starts_at DESC LIMIT 1",
            [moment, moment, earliest],
        ).fetchone()
        return row[0] if row else None

    def log_help_session(
        self: Store, values: dict[str, Any], at: dt.datetime | None = None
    ) -> HelpSession:
        """Record one help session; the event in progress is linked automatically."""
        cleaned = clean_help_session(values, self.help_topics())
        self.get_volunteer(cleaned["volunteer_id"])
        if cleaned["resident_id"]:
            self.get_resident(cleaned["resident_id"])
        moment = at or dt.datetime.now().astimezone()
        session_id = uuid7()
        self.write(
            "help_sessions",
            session_id,
            {
                **cleaned,
                "at": moment.isoformat(timespec="seconds"),
                "event_id": self.event_in_progress(moment),
                "follow_up_done_at": None,
            },
        )
        log.info("help session logged: %s", session_id)
        return self.get_help_session(session_id)

    def get_help_session(self: Store, session_id: str) -> HelpSession:
        rows = list(
            self.db.query("SELECT * FROM help_sessions WHERE id = ? AND deleted = 0", [session_id])
        )
        if not rows:
            raise NotFound(N_("この相談の記録が見つかりません。"))
        return _session(rows[0])

    def help_sessions_on(self: Store, day: dt.date) -> list[HelpSession]:
        rows = self.db.query(
            "SELECT * FROM help_sessions WHERE deleted = 0 AND at >= ? AND at < ? ORDER BY at DESC",
            [day.isoformat(), (day + dt.timedelta(days=1)).isoformat()],
        )
        return [_session(r) for r in rows]

    def follow_ups(self: Store, today: dt.date | None = None) -> list[HelpSession]:
        """Open follow-ups due today or overdue, oldest due first. Sessions without a named
        resident are left out: nobody could call an anonymous person back."""
        today = today or dt.date.today()
        rows = self.db.query(
            "SELECT * FROM help_sessions WHERE deleted = 0 AND follow_up_due IS NOT NULL AND "
            "follow_up_done_at IS NULL AND follow_up_due <= ? AND resident_id IS NOT NULL "
            "ORDER BY follow_up_due, at",
            [today.isoformat()],
        )
        return [_session(r) for r in rows]

    def close_follow_up(self: Store, session_id: str) -> None:
        self.get_help_session(session_id)
        self.write("help_sessions", session_id, {"follow_up_done_at": local_now()})

    # -- digital skills and history ----------------------------------------------------------

    def mark_skill(self: Store, resident_id: str, skill: str, on: dt.date | None = None) -> None:
        """The resident did this on their own; the first date seen is kept."""
        if skill not in SKILL_LABELS:
            raise ValidationError("skill", N_("その項目はありません。"))
        self.get_resident(resident_id)
        skill_id = derived_id("skill", resident_id, skill)
        existing = self.get_row("resident_skills", skill_id)
        day = (on or dt.date.today()).isoformat()
        if existing and not existing["deleted"] and existing["independent_since"] <= day:
            return
        self.write(
            "resident_skills",
            skill_id,
            {"resident_id": resident_id, "skill": skill, "independent_since": day, "deleted": 0},
        )

    def resident_history(self: Store, resident_id: str) -> ResidentHistory:
        history = ResidentHistory()
        history.help_sessions = [
            _session(r)
            for r in self.db.query(
                "SELECT * FROM help_sessions WHERE resident_id = ? AND deleted = 0 ORDER BY at DESC",
                [resident_id],
            )
        ]
        history.events = [
            dict(r)
            for r in self.db.query(
                "SELECT e.title, e.starts_at, a.method FROM attendance a JOIN events e ON e.id = a.event_id "
                "WHERE a.resident_id = ? AND a.deleted = 0 AND e.deleted = 0 ORDER BY e.starts_at DESC",
                [resident_id],
            )
        ]
        history.skills = {
            skill: since
            for skill, since in self.db.execute(
                "SELECT skill, independent_since FROM resident_skills WHERE resident_id = ? AND deleted = 0",
                [resident_id],
            )
        }
        return history

    # -- 共助 requests -----------------------------------------------------------------------

    def create_aid_request(self: Store, values: dict[str, Any]) -> AidRequest:
        cleaned = clean_aid_request(values)
        self.get_resident(cleaned["resident_id"])
        request_id = uuid7()
        self.write(
            "aid_requests", request_id, {**cleaned, "status": "open", "created_at": local_now()}
        )
        return self.get_aid_request(request_id)

    def get_aid_request(self: Store, request_id: str) -> AidRequest:
        rows = list(
            self.db.query("SELECT * FROM aid_requests WHERE id = ? AND deleted = 0", [request_id])
        )
        if not rows:
            raise NotFound(N_("この依頼の記録が見つかりません。"))
        return _aid(rows[0])

    def list_aid_requests(
        self: Store, statuses: tuple[str, ...] = ("open", "matched")
    ) -> list[AidRequest]:
        rows = self.db.query(
            f"SELECT * FROM aid_requests WHERE deleted = 0 AND status IN ({', '.join('?' for _ in statuses)}) "
            "ORDER BY coalesce(needed_by, '9999'), created_at",
            list(statuses),
        )
        return [_aid(r) for r in rows]

    def match_aid_request(
        self: Store,
        request_id: str,
        *,
        volunteer_id: str | None = None,
        resident_id: str | None = None,
    ) -> AidRequest:
        """open → matched, with a volunteer or a resident who will help."""
        request = self.get_aid_request(request_id)
        if request.status != "open":
            raise ValidationError(
                "status",
                message(
                    "この依頼は「{value}」なので、マッチできません。",
                    value=AID_STATUS_LABELS[request.status],
                ),
            )
        if bool(volunteer_id) == bool(resident_id):
            raise ValidationError(
                "match", N_("手伝う人（ボランティアか住民）を1人選んでください。")
            )
        if volunteer_id:
            self.get_volunteer(volunteer_id)
        if resident_id:
            self.get_resident(resident_id)
        self.write(
            "aid_requests",
            request_id,
            {
                "status": "matched",
                "matched_volunteer_id": volunteer_id,
                "matched_resident_id": resident_id,
            },
        )
        return self.get_aid_request(request_id)

    def close_aid_request(self: Store, request_id: str, status: str) -> AidRequest:
        """matched → done, or open/matched → cancelled."""
        request = self.get_aid_request(request_id)
        allowed = {"done": {"matched"}, "cancelled": {"open", "matched"}}
        if status not in allowed or request.status not in allowed[status]:
            raise ValidationError(
                "status",
                message(
                    "「{value}」の依頼は、その状態にできません。",
                    value=AID_STATUS_LABELS[request.status],
                ),
            )
        self.write("aid_requests", request_id, {"status": status, "closed_at": local_now()})
        return self.get_aid_request(request_id)
