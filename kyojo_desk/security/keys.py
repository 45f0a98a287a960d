"""The database key: random, kept in the operating system's credential store.

On Windows that is the Credential Manager, on macOS the Keychain, on a Linux desktop the Secret
Service. A machine with none of these (a headless Linux box) gets keyrings.alt's plaintext file
backend in the data directory, readable by its owner only (mode 0600): the database file alone is
still unreadable, but a copy of the whole data directory is not protected there.

The recovery key is the same key written in groups of four characters, shown once to the
coordinator to keep on paper; `kyojo-desk recover-key` puts it back after the credential store
was lost (a new laptop account, a reinstalled system).
"""

from __future__ import annotations

import os
import re
import secrets
from pathlib import Path

import keyring
from keyring.backend import KeyringBackend

from kyojo_desk.errors import ValidationError
from kyojo_desk.texts import N_

SERVICE = "KyojoDesk"
FALLBACK_FILE = "keyring.cfg"


def _is_usable(backend: KeyringBackend) -> bool:
    name = type(backend).__module__ + "." + type(backend).__name__
    if "fail" in name or "chainer" in name.lower() and not getattr(backend, "backends", None):
        return False
    return "Plaintext" not in name  # a plaintext file in the home folder: use ours instead


def credential_store(data_dir: Path) -> KeyringBackend:
    """The OS credential store, or the owner-only file fallback in `data_dir`."""
    if os.environ.get("KYOJO_KEYRING") != "file":
        backend = keyring.get_keyring()
        if _is_usable(backend):
            return backend
    from keyrings.alt.file import PlaintextKeyring

    fallback = PlaintextKeyring()
    fallback.file_path = str(data_dir / FALLBACK_FILE)  # type: ignore[misc]
    return fallback


def _account(database: Path) -> str:
    return str(Path(database).resolve())


def _protect(data_dir: Path) -> None:
    path = data_dir / FALLBACK_FILE
    if path.exists():
        path.chmod(0o600)


def database_key(database: Path) -> str | None:
    """The key of an encrypted desk database, or None when it was never encrypted."""
    return credential_store(Path(database).parent).get_password(SERVICE, _account(database))


def store_key(database: Path, key: str) -> None:
    store = credential_store(Path(database).parent)
    store.set_password(SERVICE, _account(database), key)
    _protect(Path(database).parent)


def new_key() -> str:
    """256 random bits as 64 hex digits (SQLCipher's raw key form: no slow key derivation)."""
    return secrets.token_hex(32)


def recovery_text(key: str) -> str:
    """The key as the coordinator writes it down: 16 groups of 4, upper case."""
    return "-".join(key[i : i + 4].upper() for i in range(0, len(key), 4))


def key_from_recovery(text: str) -> str:
    key = re.sub(r"[\s\-ー－]", "", text).lower()
    if not re.fullmatch(r"[0-9a-f]{64}", key):
        raise ValidationError("recovery_key", N_("回復キーは 4文字ずつ16組（0〜9、A〜F）です。"))
    return key
