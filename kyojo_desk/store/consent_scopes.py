"""Which residents are shared with the city, and changing what a resident agreed to.

A resident is shared with the city while one of their consents that is not withdrawn includes
the scope 「市と共有する」 (`share_with_city`). The registry page, the resident dialog and the
roster files show it, and sync decides by it what of a person leaves the desk
(kyojo_desk/sync/consent.py): a person who is not shared is sent as a pseudonymous stub; when they
agree later, their withheld fields are published with new stamps so the next sync sends them;
when they stop sharing, the server and the other desks are asked to keep only the stub.

Changing scopes keeps the history: the current consent is marked withdrawn today and a new one
with the new scopes is recorded, witnessed by the person who saw the resident agree, and the
change is written in the audit log.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from kyojo_desk.errors import KyojoError, ValidationError
from kyojo_desk.records.resident import (
    CONSENT_SCOPE_LABELS,
    Consent,
    ConsentMethod,
    ConsentScope,
)
from kyojo_desk.store.changelog import THIS_DESK, RowStamps
from kyojo_desk.store.schema import SYNCED_TABLES
from kyojo_desk.sync import protocol
from kyojo_desk.sync.consent import fields_leaving, fields_withheld, resident_of
from kyojo_desk.text.fold import fold_key
from kyojo_desk.texts import N_, message

if TYPE_CHECKING:
    from kyojo_desk.store.store import Store

SHARE = ConsentScope.SHARE_WITH_CITY.value
SCOPE_ORDER = [scope.value for scope in ConsentScope]


def parse_scope(text: str) -> str:
    """A scope from its value (`share_with_city`) or its Japanese label (「市と共有する」)."""
    wanted = fold_key(text.strip().strip("「」"))
    for scope, label in CONSENT_SCOPE_LABELS.items():
        if wanted in (fold_key(scope.value), fold_key(label), fold_key(label.split("（")[0])):
            return scope.value
    raise ValidationError(
        "consent_scopes",
        message(
            "同意の項目「{value}」はありません（{choices}）。",
            value=text,
            choices="、".join(scope.value for scope in ConsentScope),
        ),
    )


def current_consents(store: Store, resident_id: str) -> list[Consent]:
    """The resident's consents that are not withdrawn, oldest first."""
    return [c for c in store.consents_of(resident_id) if not c.withdrawn_on]


def current_scopes(store: Store, resident_id: str) -> list[str]:
    scopes = {scope for consent in current_consents(store, resident_id) for scope in consent.scopes}
    return [scope for scope in SCOPE_ORDER if scope in scopes]


def shared_ids(store: Store, resident_ids: Iterable[str] | None = None) -> set[str]:
    """Which of these residents (all, when None) are shared with the city."""
    sql = (
        "SELECT DISTINCT c.resident_id FROM consents c, json_each(c.scopes) s"
        " WHERE c.deleted = 0 AND coalesce(c.withdrawn_on, '') = '' AND s.value = ?"
    )
    if resident_ids is None:
        return {row[0] for row in store.db.execute(sql, [SHARE])}
    ids = list(resident_ids)
    found: set[str] = set()
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        found |= {
            row[0]
            for row in store.db.execute(
                sql + f" AND c.resident_id IN ({', '.join('?' for _ in chunk)})", [SHARE, *chunk]
            )
        }
    return found


def is_shared(store: Store, resident_id: str) -> bool:
    return resident_id in shared_ids(store, [resident_id])


def change_scopes(
    store: Store,
    resident_id: str,
    *,
    add: Iterable[str] = (),
    remove: Iterable[str] = (),
    witness: str,
    method: str = ConsentMethod.SIGNED_PAPER.value,
    by: str = "",
) -> list[str]:
    """Add or remove consent scopes of a resident; returns the scopes now given.

    「記録を残す」 cannot be removed here: that is the withdrawal of consent (erasure).
    """
    added, removed = [parse_scope(s) for s in add], [parse_scope(s) for s in remove]
    if ConsentScope.KEEP_RECORD.value in removed:
        raise ValidationError(
            "consent_scopes",
            N_("「記録を残す」をやめるときは、同意の撤回（記録の消去）をしてください。"),
        )
    if not witness.strip():
        raise ValidationError("consent_witness", N_("同意を確認した人の名前を入力してください。"))
    resident = store.get_resident(resident_id)
    if resident.deleted or resident.merged_into:
        raise KyojoError(N_("この方の記録は統合または削除されています。"))
    before = current_scopes(store, resident_id)
    if not before:
        raise KyojoError(N_("この方にはまだ同意の記録がありません。先に同意を記録してください。"))
    after = [s for s in SCOPE_ORDER if (s in before or s in added) and s not in removed]
    if after == before:
        return before
    today = dt.date.today().isoformat()
    with store.transaction():
        for consent in current_consents(store, resident_id):
            store.write("consents", consent.id, {"withdrawn_on": today})
        store.record_consent(
            resident_id, Consent(scopes=after, method=method, witnessed_by=witness.strip())
        )
        changes = [f"+{s}" for s in after if s not in before]
        changes += [f"-{s}" for s in before if s not in after]
        if SHARE in after and SHARE not in before:
            publish_person(store, resident_id)
        elif SHARE in before and SHARE not in after:
            # The server and the other desks keep only the stub from now on.
            store.changelog.record(protocol.UNSHARE_TABLE, resident_id, [])
        store.record_audit(
            "changed_consent",
            target_table="residents",
            target_id=resident_id,
            detail=" ".join(changes),
            desk_user=by,
        )
    return after


def limit_to_consent(
    store: Store, changes: list[protocol.Change], rows: dict[str, dict[str, dict[str, Any]]]
) -> list[protocol.Change]:
    """The changes of a push with what a person who is not shared must not send taken out."""
    people: dict[int, str] = {}
    for index, change in enumerate(changes):
        row = rows.get(change.table, {}).get(change.row_id) or change.fields
        person = resident_of(change.table, change.row_id, row)
        if person is not None:
            people[index] = person
    if not people:
        return changes
    shared = shared_ids(store, sorted(set(people.values())))
    limited = []
    for index, change in enumerate(changes):
        person = people.get(index)
        if person is None or person in shared:
            limited.append(change)
            continue
        fields = fields_leaving(change.table, change.fields, shared=False)
        stamps = {name: stamp for name, stamp in change.stamps.items() if name in fields}
        limited.append(dataclasses.replace(change, fields=fields, stamps=stamps))
    return limited


def publish_person(store: Store, resident_id: str) -> int:
    """A person has just agreed to share: stamp anew the fields their stub withheld (those this
    desk wrote) and log them, so the next sync sends the full record. Returns how many rows.
    Inside the transaction that records the consent."""
    published = 0
    for spec in SYNCED_TABLES.values():
        if spec.resident_field is None:
            continue
        withheld = fields_withheld(spec.name)
        if not withheld:
            continue
        cursor = store.db.conn.execute(
            f"SELECT * FROM [{spec.name}] WHERE [{spec.resident_field}] = ?", [resident_id]
        )
        names = [d[0] for d in cursor.description]
        for values in [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]:
            row_stamps = RowStamps.unpack(
                spec, values["sync_stamp"], values["sync_origin"], values["sync_stamps"]
            )
            local = sorted(name for name in withheld if row_stamps.of(name)[1] == THIS_DESK)
            if not local:
                continue
            _, stamp = store.changelog.record(spec.name, values["id"], local)
            row_stamps.set(local, (stamp, THIS_DESK))
            store.db.conn.execute(
                f"UPDATE [{spec.name}] SET sync_stamp = ?, sync_origin = ?, sync_stamps = ?"
                " WHERE id = ?",
                [*row_stamps.pack(), values["id"]],
            )
            published += 1
    return published


def withhold_personal_fields(store: Store, resident_id: str) -> None:
    """Another desk's person stopped sharing with the city: blank here every field their stub
    withholds, in every row about them (not logged: the server did the same), so this desk
    keeps only the stub and no longer lists them."""
    from kyojo_desk.store import search

    for spec in SYNCED_TABLES.values():
        if spec.resident_field is None:
            continue
        withheld = sorted(fields_withheld(spec.name))
        if not withheld:
            continue
        defaults = store._column_defaults(spec.name)
        store.db.execute(
            f"UPDATE [{spec.name}] SET "
            + ", ".join(f"[{name}] = ?" for name in withheld)
            + f" WHERE [{spec.resident_field}] = ?",
            [*(defaults.get(name) for name in withheld), resident_id],
        )
    search.reindex(store.db, store.get_row("residents", resident_id), resident_id)
