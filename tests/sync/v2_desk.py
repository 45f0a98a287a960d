"""A desk speaking sync protocol 2 over plain HTTP, for tests of the central server alone:
it builds changes and bodies by hand, so tests can also send what no real desk would."""

from __future__ import annotations

import time
import uuid
from typing import Any

import requests

from kyojo_desk.central.desks import DEFAULT_CITY
from kyojo_desk.sync import protocol
from kyojo_desk.sync.hlc import next_stamp

# A resident's fields as a desk of protocol 2 sends them, for tests to create or vary.
RESIDENT = {
    "family_name": "山田",
    "given_name": "花子",
    "family_reading": "やまだ",
    "given_reading": "はなこ",
    "phone": "0554-62-1111",
    "support_needs": ["hearing"],
    "needs_completion": 0,
    "deleted": 0,
}

# `stamp=FRESH` (the default) takes the desk clock's next stamp; anything else is sent as is.
FRESH: Any = object()


def new_id() -> str:
    return str(uuid.uuid4())


class RawDesk:
    """One enrolled desk: its token, its next seq, its clock and its pull cursor."""

    def __init__(self, url: str, storage: Any, name: str, city: str = DEFAULT_CITY) -> None:
        self.url = url
        code = storage.create_enroll_code(name, city=city)
        answer = requests.post(url + protocol.ENROLL_PATH, json={"code": code}, timeout=30)
        answer.raise_for_status()
        data = answer.json()
        self.desk_id: str = data["desk_id"]
        self.token: str = data["token"]
        self.city = city
        self.next_seq = 1
        self.acked_seq = 0
        self.last_stamp = 0
        self.cursor = 0
        self.session = requests.Session()
        self.session.headers["Authorization"] = f"Bearer {self.token}"

    def stamp(self, ahead_ms: int = 0) -> int:
        self.last_stamp = next_stamp(self.last_stamp, time.time_ns() // 1_000_000 + ahead_ms)
        return self.last_stamp

    def change(
        self,
        table: str,
        row_id: str,
        fields: dict[str, Any],
        *,
        created: bool = False,
        stamp: Any = FRESH,
        stamps: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        """A change with the next seq and a fresh stamp (or the one given, even malformed)."""
        data = {
            "seq": self.next_seq,
            "table": table,
            "row_id": row_id,
            "created": created,
            "stamp": self.stamp() if stamp is FRESH else stamp,
            "fields": fields,
        }
        if stamps:
            data["stamps"] = stamps
        self.next_seq += 1
        return data

    def body(self, changes: list[dict[str, Any]], **overrides: Any) -> dict[str, Any]:
        body = {
            "desk_id": self.desk_id,
            "protocol": protocol.PROTOCOL_VERSION,
            "schema_version": protocol.SCHEMA_MAX,
            "acked_seq": self.acked_seq,
            "next_seq": self.next_seq,
            "pull_cursor": self.cursor,
            "pending": len(changes),
            "changes": changes,
        }
        body.update(overrides)
        return body

    def post_push(self, body: Any = None, **kwargs: Any) -> requests.Response:
        return self.session.post(self.url + protocol.PUSH_PATH, json=body, timeout=60, **kwargs)

    def push(self, changes: list[dict[str, Any]], **overrides: Any) -> dict[str, Any]:
        """Push and return the answer (which must be 200); results by seq."""
        response = self.post_push(self.body(changes, **overrides))
        assert response.status_code == 200, response.text
        answer = response.json()
        self.acked_seq = answer["acked_seq"]
        return answer

    def create(self, table: str, fields: dict[str, Any], row_id: str | None = None) -> str:
        row_id = row_id or new_id()
        answer = self.push([self.change(table, row_id, fields, created=True)])
        assert answer["results"] == [], answer
        return row_id

    def pull_all(self) -> list[dict[str, Any]]:
        """Pull until the end; every page must be 200."""
        entries: list[dict[str, Any]] = []
        while True:
            response = self.session.get(
                self.url + protocol.PULL_PATH, params={"since": self.cursor}, timeout=60
            )
            assert response.status_code == 200, response.text
            page = response.json()
            entries += page["entries"]
            self.cursor = page["next_since"]
            if not page["has_more"]:
                return entries


def results_by_seq(answer: dict[str, Any]) -> dict[int, dict[str, Any]]:
    return {r["seq"]: r for r in answer["results"]}
