"""The signed summary on a printed 担い手活動 record, shared by the desk (which signs) and the
central server (which verifies).

Each desk has its own Ed25519 key pair. The private key never leaves the desk (it is kept in the
desk's database, encrypted at rest with it); the public key is registered with the central
server under the desk's id, over the desk's authenticated sync connection. A record's QR code
carries

    KJNR1.<summary>.<signature>

where <summary> is the compact JSON of the summary in base64url (without padding) and
<signature> the Ed25519 signature of the text `KJNR1.<summary>`, base64url too. The summary names
the signing desk (`d`), so the server knows which public key to check it with. Nothing in the
payload is secret: it is a person's own record, which they carry; the signature only proves
that a desk of the city printed exactly this.

Summary keys (short, to keep the code small enough to print large):
d desk id · p person id · y 年度 · n name · r reading · h home municipality · a activities ·
ad activity days · c count · m 年3回 met (0/1) · ds activity dates (ISO) · i issued on (ISO).
"""

from __future__ import annotations

import base64
import binascii
import json
import unicodedata
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

PREFIX = "KJNR1"
RECORD_KEY_PATH = "/v1/record-key"
VERIFY_PATH = "/v1/verify"
VALID = "valid"
ALTERED = "altered"
UNKNOWN = "unknown"
# A payload longer than this is not one of ours (a record of a full year fits in ~1 000).
MAX_PAYLOAD_LENGTH = 4000
SUMMARY_KEYS = ("d", "p", "y", "n", "r", "h", "a", "ad", "c", "m", "ds", "i")


class UnreadableRecord(ValueError):
    """Not a record payload: wrong prefix, broken base64 or JSON, missing keys."""


def _b64encode(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _b64decode(text: str) -> bytes:
    if not text or any(
        c not in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_" for c in text
    ):
        raise UnreadableRecord("not base64url")
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError) as error:
        raise UnreadableRecord("not base64url") from error


def new_private_key() -> str:
    """A new Ed25519 private key as 64 hex digits."""
    return Ed25519PrivateKey.generate().private_bytes_raw().hex()


def public_key_of(private_key_hex: str) -> str:
    """The public key (base64url of its 32 bytes) of a private key in hex."""
    private = Ed25519PrivateKey.from_private_bytes(bytes.fromhex(private_key_hex))
    return _b64encode(private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw))


def is_public_key(text: Any) -> bool:
    """True for the base64url text of a 32-byte Ed25519 public key."""
    if not isinstance(text, str) or len(text) != 43:
        return False
    try:
        Ed25519PublicKey.from_public_bytes(_b64decode(text))
    except (UnreadableRecord, ValueError):
        return False
    return True


def sign_summary(private_key_hex: str, summary: dict[str, Any]) -> str:
    """The QR payload of a summary, signed with the desk's private key."""
    missing = set(SUMMARY_KEYS) - set(summary)
    if missing:
        raise ValueError(f"summary lacks {sorted(missing)}")
    body = json.dumps(summary, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    signed = f"{PREFIX}.{_b64encode(body.encode('utf-8'))}"
    private = Ed25519PrivateKey.from_private_bytes(bytes.fromhex(private_key_hex))
    return f"{signed}.{_b64encode(private.sign(signed.encode('ascii')))}"


def read_payload(payload: str) -> tuple[dict[str, Any], bytes, bytes]:
    """(summary, signed bytes, signature) of a payload as scanned (NFKC, ends stripped).
    Raises UnreadableRecord."""
    text = unicodedata.normalize("NFKC", str(payload)).strip()
    if len(text) > MAX_PAYLOAD_LENGTH:
        raise UnreadableRecord("too long")
    parts = text.split(".")
    if len(parts) != 3 or parts[0] != PREFIX:
        raise UnreadableRecord("not a record payload")
    try:
        summary = json.loads(_b64decode(parts[1]).decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        raise UnreadableRecord("summary is not JSON") from error
    if not isinstance(summary, dict) or set(SUMMARY_KEYS) - set(summary):
        raise UnreadableRecord("summary lacks keys")
    if not isinstance(summary["d"], str):
        raise UnreadableRecord("no desk id")
    signature = _b64decode(parts[2])
    return summary, f"{parts[0]}.{parts[1]}".encode("ascii"), signature


def signature_matches(public_key: str, signed: bytes, signature: bytes) -> bool:
    """True when `signature` is the holder of `public_key`'s signature of `signed`."""
    try:
        Ed25519PublicKey.from_public_bytes(_b64decode(public_key)).verify(signature, signed)
    except (InvalidSignature, UnreadableRecord, ValueError):
        return False
    return True
