"""A person's 担い手活動 record for one 年度: its summary, signed by this desk for the QR code on
the printed record, and the registration of the desk's public key with the central server.

Key handling (see docs/sync-protocol.md, "Signed activity records"): each desk id has its own
Ed25519 key pair, made on first use. The private key stays in the desk's meta table (inside the
database, so encrypted at rest with it, and never synced); a new desk id after re-enrolment
gets a new key. The public key is sent to the server with the desk's token (`register_record_key`,
tried after enrolment and after each sync until the server has it), so the server can tell a
record this desk signed from an altered or forged one. A record printed before the key reached
the server verifies once it has.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from typing import TYPE_CHECKING, Any

import requests

from kyojo_desk.errors import SyncError
from kyojo_desk.records.ninaite import YearTally
from kyojo_desk.records.resident import Resident
from kyojo_desk.sync.record_proof import (
    RECORD_KEY_PATH,
    new_private_key,
    public_key_of,
    sign_summary,
)

if TYPE_CHECKING:
    from kyojo_desk.store.store import Store

log = logging.getLogger(__name__)
SIGNING_KEY_META = "record_signing_key"  # "<desk id>:<private key hex>"
REGISTERED_META = "record_key_registered"  # "<desk id>:<public key>" once the server has it
REGISTER_TIMEOUT_S = 10.0
ANSWER_BYTES = 64 * 1024


def _desk_id(store: Store) -> str:
    return str(store.get_meta("desk_id"))


def signing_key(store: Store) -> str:
    """This desk's private key (hex), made on first use and again for a new desk id."""
    desk_id = _desk_id(store)
    stored = store.get_meta(SIGNING_KEY_META) or ""
    owner, _, key = stored.partition(":")
    if owner != desk_id or len(key) != 64:
        key = new_private_key()
        store.set_meta(SIGNING_KEY_META, f"{desk_id}:{key}")
    return key


def record_public_key(store: Store) -> str:
    return public_key_of(signing_key(store))


def record_key_registered(store: Store) -> bool:
    """True when the server has this desk's current public key."""
    return store.get_meta(REGISTERED_META) == f"{_desk_id(store)}:{record_public_key(store)}"


def register_record_key(store: Store, session: requests.Session | None = None) -> bool:
    """Send this desk's public key to the central server (once; again after re-enrolment).

    Returns True when the server has it. A desk not enrolled, or a server that cannot be
    reached, answers False and nothing changes: the next sync tries again."""
    if record_key_registered(store):
        return True
    if not store.is_enrolled():
        return False
    public_key = record_public_key(store)
    from kyojo_desk.sync.client import read_answer  # imports the store, as this module's users do

    try:
        response = (session or requests).post(
            f"{store.server_url()}{RECORD_KEY_PATH}",
            json={"public_key": public_key},
            headers={"Authorization": f"Bearer {store.desk_token()}"},
            timeout=REGISTER_TIMEOUT_S,
            stream=True,
        )
        # The answer is a few dozen bytes: read no more, for no longer, than such an answer.
        content = read_answer(response, limit=ANSWER_BYTES, deadline_s=REGISTER_TIMEOUT_S)
    except (requests.RequestException, SyncError) as error:
        log.info("record key not registered: %s", type(error).__name__)
        return False
    if response.status_code != 200:
        log.warning("record key refused by the server: %s", response.status_code)
        return False
    try:
        answer = json.loads(content)
    except ValueError:
        answer = None
    # Only the server's own answer counts (a Wi-Fi login page answers 200 to everything).
    if not (
        isinstance(answer, dict)
        and answer.get("registered") is True
        and answer.get("desk_id") == _desk_id(store)
    ):
        log.warning("record key: the answer was not the server's")
        return False
    store.set_meta(REGISTERED_META, f"{_desk_id(store)}:{public_key}")
    return True


def record_summary(
    resident: Resident, tally: YearTally, desk_id: str, issued_on: dt.date
) -> dict[str, Any]:
    """The summary the record's QR carries (keys: kyojo_desk/sync/record_proof.py)."""
    return {
        "d": desk_id,
        "p": resident.id,
        "y": tally.fiscal_year,
        "n": resident.full_name,
        "r": resident.full_reading,
        "h": resident.home_municipality,
        "a": tally.activities,
        "ad": tally.activity_days,
        "c": tally.counted,
        "m": 1 if tally.met else 0,
        "ds": list(tally.dates),
        "i": issued_on.isoformat(),
    }


def signed_record(
    store: Store, person_id: str, fiscal_year: int, issued_on: dt.date | None = None
) -> tuple[Resident, YearTally, str]:
    """The person, their year and the signed QR payload of their record."""
    tally = store.ninaite_tally(person_id, fiscal_year)  # follows merges; NotFound if removed
    resident = store.get_resident(tally.person_id)
    summary = record_summary(resident, tally, _desk_id(store), issued_on or dt.date.today())
    return resident, tally, sign_summary(signing_key(store), summary)
