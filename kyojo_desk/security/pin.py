"""The coordinator's PIN: a slow salted hash in the desk's meta, with back-off after mistakes.

Coordinator actions (export, merge, erase, conflicts, settings, enrol) ask for it. After three
wrong PINs the desk waits 30 seconds before the next try, doubling with each further mistake;
the count survives a restart, so closing the window does not reset it.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from kyojo_desk.errors import KyojoError, ValidationError
from kyojo_desk.texts import N_, message

if TYPE_CHECKING:
    from kyojo_desk.store.store import Store

SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
FREE_ATTEMPTS = 3
FIRST_WAIT_S = 30


class PinLockedOut(KyojoError):
    """Too many wrong PINs: wait before trying again."""

    def __init__(self, seconds: int) -> None:
        super().__init__(
            message(
                "PINの入力をまちがえた回数が多いため、{seconds}秒後にもう一度試してください。",
                seconds=seconds,
            )
        )
        self.seconds = seconds


def _hash(pin: str, salt: bytes) -> bytes:
    return hashlib.scrypt(pin.encode(), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, dklen=32)


def has_pin(store: Store) -> bool:
    return store.get_meta("coordinator_pin") is not None


def set_pin(store: Store, pin: str) -> None:
    """Set or change the PIN (4–8 digits)."""
    if not pin.isdigit() or not 4 <= len(pin) <= 8 or not pin.isascii():
        raise ValidationError("pin", N_("PINは4〜8けたの数字にしてください。"))
    salt = secrets.token_bytes(16)
    with store.transaction():
        store.set_meta("coordinator_pin", f"scrypt${salt.hex()}${_hash(pin, salt).hex()}")
        store.set_meta("pin_failures", "0")
        store.set_meta("pin_locked_until", "0")


def check_pin(store: Store, pin: str, now: Callable[[], float] = time.time) -> bool:
    """True for the right PIN. A wrong one counts towards the back-off; while locked out,
    raises PinLockedOut without checking."""
    locked_until = float(store.get_meta("pin_locked_until") or 0)
    if now() < locked_until:
        raise PinLockedOut(int(locked_until - now()) + 1)
    stored = store.get_meta("coordinator_pin")
    if stored is None:
        raise KyojoError(N_("コーディネーターのPINがまだ決められていません。"))
    _, salt_hex, hash_hex = stored.split("$")
    right = hmac.compare_digest(_hash(pin, bytes.fromhex(salt_hex)).hex(), hash_hex)
    with store.transaction():
        if right:
            store.set_meta("pin_failures", "0")
            return True
        failures = int(store.get_meta("pin_failures") or 0) + 1
        store.set_meta("pin_failures", str(failures))
        if failures >= FREE_ATTEMPTS:
            wait = FIRST_WAIT_S * 2 ** (failures - FREE_ATTEMPTS)
            store.set_meta("pin_locked_until", str(now() + wait))
    return False
