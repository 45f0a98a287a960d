"""City staff who may read their city's figures on the central server (/kpi/CITY).

An account belongs to one city. Passwords are kept only as scrypt hashes (a slow, salted hash:
guessing from a stolen database costs ~50 ms of work per try). Signing in makes a session: a
random token in an HttpOnly, SameSite=Strict cookie, kept on the server as its SHA-256 only, for
8 hours or until signing out. After five wrong passwords in a row the account is locked for 15
minutes, whatever is typed during that time.

The tables are made on first use (CREATE TABLE IF NOT EXISTS) on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass

from kyojo_desk.central.db import Database, StorageError, now_ms
from kyojo_desk.ids import uuid7

SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1
MAX_FAILURES = 5
LOCK_MS = 15 * 60 * 1000
SESSION_MS = 8 * 60 * 60 * 1000
MIN_PASSWORD = 10
COOKIE = "kyojo_staff"

TABLES = (
    """CREATE TABLE IF NOT EXISTS staff (
        staff_id TEXT PRIMARY KEY,
        city TEXT NOT NULL,
        name TEXT NOT NULL UNIQUE,
        password_hash TEXT NOT NULL,
        failures BIGINT NOT NULL DEFAULT 0,
        locked_until_ms BIGINT NOT NULL DEFAULT 0,
        created_ms BIGINT NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS staff_sessions (
        token_hash TEXT PRIMARY KEY,
        staff_id TEXT NOT NULL,
        city TEXT NOT NULL,
        expires_ms BIGINT NOT NULL
    )""",
)


class SignInRefused(StorageError):
    """Wrong name or password, or a locked account (the message says which to the person)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class StaffSession:
    staff_id: str
    name: str
    city: str


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(
        password.encode("utf-8"),
        salt=salt,
        n=SCRYPT_N,
        r=SCRYPT_R,
        p=SCRYPT_P,
        maxmem=64 * 1024 * 1024,
    )
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${salt.hex()}${digest.hex()}"


def password_matches(password: str, stored: str) -> bool:
    try:
        kind, n, r, p, salt, digest = stored.split("$")
        if kind != "scrypt":
            return False
        computed = hashlib.scrypt(
            password.encode("utf-8"),
            salt=bytes.fromhex(salt),
            n=int(n),
            r=int(r),
            p=int(p),
            maxmem=64 * 1024 * 1024,
        )
    except ValueError:
        return False
    return hmac.compare_digest(computed.hex(), digest)


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


# A hash to compare against when the name is unknown, so a wrong name costs as long as a wrong
# password and the time taken does not tell which names exist.
_DUMMY_HASH = hash_password(secrets.token_hex(8))


class Staff:
    """Accounts and sessions of city staff."""

    def __init__(self, database: Database) -> None:
        self.database = database
        with database.transaction() as tx:
            for statement in TABLES:
                tx.execute(statement)

    def add(self, city: str, name: str, password: str) -> str:
        """A new account of `city`; returns its id. Names are unique across cities."""
        name = name.strip()
        if not name or len(name) > 100:
            raise StorageError("the name must be 1 to 100 characters")
        if not city.strip() or len(city) > 100:
            raise StorageError("the city must be 1 to 100 characters")
        if len(password) < MIN_PASSWORD:
            raise StorageError(f"the password must have at least {MIN_PASSWORD} characters")
        staff_id = uuid7()
        password_hash = hash_password(password)
        with self.database.transaction() as tx:
            if tx.one("SELECT 1 FROM staff WHERE name = ?", [name]):
                raise StorageError(f"there is already an account named {name!r}")
            tx.execute(
                "INSERT INTO staff (staff_id, city, name, password_hash, created_ms)"
                " VALUES (?, ?, ?, ?, ?)",
                [staff_id, city, name, password_hash, now_ms()],
            )
        return staff_id

    def sign_in(self, name: str, password: str, now: int | None = None) -> str:
        """A new session token for a right name and password; SignInRefused otherwise."""
        now = now_ms() if now is None else now
        with self.database.transaction() as tx:
            row = tx.one(
                "SELECT staff_id, city, password_hash, failures, locked_until_ms FROM staff"
                " WHERE name = ?",
                [name.strip()],
            )
        if row is None:
            password_matches(password, _DUMMY_HASH)
            raise SignInRefused("wrong", "名前かパスワードがちがいます。")
        staff_id, city, stored, failures, locked_until = row
        if int(locked_until) > now:
            raise SignInRefused(
                "locked",
                "パスワードを何度もまちがえたため、しばらく入れません。15分ほどたってからもう一度どうぞ。",
            )
        if not password_matches(password, stored):
            failures = int(failures) + 1
            locked = now + LOCK_MS if failures >= MAX_FAILURES else 0
            with self.database.transaction() as tx:
                tx.execute(
                    "UPDATE staff SET failures = ?, locked_until_ms = ? WHERE staff_id = ?",
                    [0 if locked else failures, locked, staff_id],
                )
            raise SignInRefused("wrong", "名前かパスワードがちがいます。")
        token = secrets.token_urlsafe(32)
        with self.database.transaction() as tx:
            tx.execute(
                "UPDATE staff SET failures = 0, locked_until_ms = 0 WHERE staff_id = ?", [staff_id]
            )
            tx.execute("DELETE FROM staff_sessions WHERE expires_ms <= ?", [now])
            tx.execute(
                "INSERT INTO staff_sessions (token_hash, staff_id, city, expires_ms)"
                " VALUES (?, ?, ?, ?)",
                [_token_hash(token), staff_id, city, now + SESSION_MS],
            )
        return token

    def session(self, token: str | None, now: int | None = None) -> StaffSession | None:
        """The signed-in person of a cookie's token (None when absent, unknown or expired)."""
        if not token or len(token) > 200:
            return None
        now = now_ms() if now is None else now
        with self.database.transaction() as tx:
            row = tx.one(
                "SELECT s.staff_id, a.name, s.city FROM staff_sessions s JOIN staff a"
                " ON a.staff_id = s.staff_id WHERE s.token_hash = ? AND s.expires_ms > ?",
                [_token_hash(token), now],
            )
        return StaffSession(*row) if row else None

    def sign_out(self, token: str | None) -> None:
        if token:
            with self.database.transaction() as tx:
                tx.execute("DELETE FROM staff_sessions WHERE token_hash = ?", [_token_hash(token)])
