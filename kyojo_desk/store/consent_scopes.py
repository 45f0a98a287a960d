"""Which residents are shared with the city, and changing what a resident agreed to.

A resident is shared with the city while one of their consents that is not withdrawn includes
the scope 「市と共有する」 (`share_with_city`). The registry page, the resident dialog and the
roster files show it; sync decides by it what of a person may leave the desk.

Changing scopes keeps the history: the current consent is marked withdrawn today and a new one
with the new scopes is recorded, witnessed by the person who saw the resident agree, and the
change is written in the audit log.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

from kyojo_desk.errors import KyojoError, ValidationError
from kyojo_desk.records.resident import (
    CONSENT_SCOPE_LABELS,
    Consent,
    ConsentMethod,
    ConsentScope,
)
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
        store.record_audit(
            "changed_consent",
            target_table="residents",
            target_id=resident_id,
            detail=" ".join(changes),
            desk_user=by,
        )
    return after
