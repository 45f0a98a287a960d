"""One hierarchy of errors, translated to messages at each edge (GUI, CLI, server).

Messages carried by these errors are written for the person at the desk: plain Japanese.
"""

from __future__ import annotations

import enum


class KyojoError(Exception):
    """Root of every error Kyojo Desk raises on purpose."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ValidationError(KyojoError):
    """Input that cannot be saved. Carries one message per field, fit to show beside it."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.errors: dict[str, str] = {field: message}

    @classmethod
    def many(cls, errors: dict[str, str]) -> ValidationError:
        """One error for several fields at once (a form shows them all)."""
        first_field, first_message = next(iter(errors.items()))
        error = cls(first_field, first_message)
        error.errors = dict(errors)
        error.message = "\n".join(errors.values())
        error.args = (error.message,)
        return error

    @property
    def field(self) -> str:
        return next(iter(self.errors))


class NotFound(KyojoError):
    """A record that does not exist (or was removed)."""


class DuplicateSuspected(KyojoError):
    """A new record looks like one that already exists; carries the likely matches."""

    def __init__(self, message: str, matches: list) -> None:
        super().__init__(message)
        self.matches = matches


class SyncErrorKind(enum.Enum):
    AUTH = "auth"
    NETWORK = "network"
    SERVER = "server"
    SCHEMA = "schema"
    CLOCK = "clock"
    REENROL = "reenrol"


class SyncError(KyojoError):
    """Sync could not finish; `kind` says what the volunteer (or coordinator) can do about it."""

    def __init__(self, kind: SyncErrorKind, message: str) -> None:
        super().__init__(message)
        self.kind = kind
