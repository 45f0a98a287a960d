"""Desks of the central server: enrolment codes, enrolment, tokens, revocation, and the
epoch of each city."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from typing import Any

from kyojo_desk.central.db import Database, StorageError, Tx, now_ms
from kyojo_desk.ids import uuid7
from kyojo_desk.sync import protocol

DEFAULT_CITY = "default"
ENROLL_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no I/O/0/1 to misread


def token_hash(token: str) -> str:
    """Only this hash of a desk token (or an enrolment code) is stored."""
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def normalise_code(code: str) -> str:
    """Codes are typed by people: ignore case, spaces and dashes."""
    return "".join(ch for ch in code.upper() if ch.isascii() and ch.isalnum())


class EnrollRefused(StorageError):
    """The enrolment code is unknown, used or expired."""


class AuthRefused(StorageError):
    """The token is unknown or revoked; `code` is protocol.ERROR_AUTH or ERROR_REVOKED."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass
class Desk:
    desk_id: str
    city: str
    name: str
    revoked: bool
    last_seq: int


def city_epoch(tx: Tx, city: str) -> str:
    """A city's epoch: its own after `new-epoch --city`, else the server's first epoch."""
    row = tx.one("SELECT epoch FROM city_state WHERE city = ? AND epoch IS NOT NULL", [city])
    if row is not None:
        return str(row[0])
    row = tx.one("SELECT value FROM server_meta WHERE key = 'epoch'")
    if row is None:
        raise StorageError("the database has not been initialised")
    return str(row[0])


class Desks:
    def __init__(self, database: Database) -> None:
        self.database = database

    def epoch(self, city: str = DEFAULT_CITY) -> str:
        with self.database.transaction(write=False) as tx:
            return city_epoch(tx, city)

    def new_epoch(self, city: str) -> str:
        """Start a new epoch for one city (after restoring a backup): its desks pull
        everything again and send again what the server lacks. Other cities go on as they
        were."""
        epoch = uuid7()
        with self.database.transaction() as tx:
            tx.lock_city(city)
            tx.execute(
                "INSERT INTO city_state (city, last_seq, epoch) VALUES (?, 0, ?)"
                " ON CONFLICT (city) DO UPDATE SET epoch = excluded.epoch",
                [city, epoch],
            )
        return epoch

    def create_enroll_code(self, desk_name: str, city: str = DEFAULT_CITY, ttl_s: int = 900) -> str:
        """A one-time enrolment code for one desk of `city`, valid for `ttl_s` seconds."""
        raw = "".join(secrets.choice(ENROLL_CODE_ALPHABET) for _ in range(12))
        code = f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"
        with self.database.transaction() as tx:
            tx.execute(
                "INSERT INTO enroll_codes (code_hash, city, desk_name, expires_at_ms)"
                " VALUES (?, ?, ?, ?)",
                [token_hash(normalise_code(code)), city, desk_name, now_ms() + ttl_s * 1000],
            )
        return code

    def enroll(self, code: str) -> dict[str, str]:
        """Use a code once: a new desk id and token (only the token's hash is kept)."""
        code_hash = token_hash(normalise_code(code))
        with self.database.transaction() as tx:
            row = tx.one(
                "SELECT city, desk_name, expires_at_ms, used_at_ms FROM enroll_codes"
                " WHERE code_hash = ?",
                [code_hash],
            )
            if row is None or row[3] is not None or row[2] < now_ms():
                raise EnrollRefused("登録コードが正しくないか、使用済みか、期限が切れています。")
            city, desk_name = row[0], row[1]
            desk_id, token = uuid7(), secrets.token_urlsafe(32)
            tx.execute(
                "UPDATE enroll_codes SET used_at_ms = ? WHERE code_hash = ?", [now_ms(), code_hash]
            )
            tx.execute(
                "INSERT INTO desks (desk_id, city, name, token_hash, enrolled_at_ms)"
                " VALUES (?, ?, ?, ?, ?)",
                [desk_id, city, desk_name, token_hash(token), now_ms()],
            )
            epoch = city_epoch(tx, city)
        return {"desk_id": desk_id, "token": token, "epoch": epoch, "city": city}

    def authenticate(self, token: str) -> Desk:
        """The desk a bearer token belongs to; AuthRefused when unknown or revoked."""
        with self.database.transaction(write=False) as tx:
            row = tx.one(
                "SELECT desk_id, city, name, revoked_at_ms, last_seq FROM desks"
                " WHERE token_hash = ?",
                [token_hash(token)],
            )
        if row is None:
            raise AuthRefused(protocol.ERROR_AUTH, "この端末は登録されていません。")
        if row[3] is not None:
            raise AuthRefused(
                protocol.ERROR_REVOKED,
                "この端末の登録は取り消されました。市の担当者に新しい登録コードを依頼してください。",
            )
        return Desk(row[0], row[1], row[2], False, int(row[4]))

    def revoke(self, desk_id: str) -> bool:
        """Revoke a desk's token; False when there is no such desk."""
        with self.database.transaction() as tx:
            found = tx.one("SELECT 1 FROM desks WHERE desk_id = ?", [desk_id])
            if found:
                tx.execute(
                    "UPDATE desks SET revoked_at_ms = ? WHERE desk_id = ? AND revoked_at_ms IS NULL",
                    [now_ms(), desk_id],
                )
        return found is not None

    def desks(self, city: str) -> list[dict[str, Any]]:
        """The desks of one city with their last sync and queue length (for the status page)."""
        with self.database.transaction(write=False) as tx:
            rows = tx.execute(
                "SELECT desk_id, name, enrolled_at_ms, revoked_at_ms, last_seq, last_push_ms,"
                " last_pull_ms, pending FROM desks WHERE city = ? ORDER BY name, desk_id",
                [city],
            )
        keys = (
            "desk_id",
            "name",
            "enrolled_at_ms",
            "revoked_at_ms",
            "last_seq",
            "last_push_ms",
            "last_pull_ms",
            "pending",
        )
        return [dict(zip(keys, row, strict=True)) for row in rows]

    def cities(self) -> list[str]:
        with self.database.transaction(write=False) as tx:
            rows = tx.execute("SELECT DISTINCT city FROM desks ORDER BY city")
        return [row[0] for row in rows]
