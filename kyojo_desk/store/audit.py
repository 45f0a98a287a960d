"""The audit log: who viewed a full record, exported, printed cards or sheets, merged, erased.

Coordinators read it; it is kept on the desk and synced like any record. Entries name records by
id and people at the desk by the name they gave, never a resident's personal data.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from kyojo_desk.ids import uuid7
from kyojo_desk.store.changelog import local_now
from kyojo_desk.texts import N_

if TYPE_CHECKING:
    from kyojo_desk.store.store import Store

ACTION_LABELS = {
    "viewed_record": N_("記録を開いた"),
    "exported": N_("書き出した"),
    "imported": N_("取り込んだ"),
    "printed_cards": N_("会員カードを印刷した"),
    "printed_sheet": N_("受付名簿を印刷した"),
    "merged": N_("記録をまとめた"),
    "erased": N_("記録を消去した"),
    "exported_person": N_("本人の記録を書き出した"),
    "showed_recovery_key": N_("回復キーを表示した"),
    "backed_up": N_("別の場所にバックアップした"),
    "changed_consent": N_("同意の範囲を変えた"),
}


@dataclass
class AuditEntry:
    id: str
    at: str
    desk_user: str
    volunteer_id: str | None
    action: str
    target_table: str
    target_id: str
    detail: str

    @property
    def action_label(self) -> str:
        return ACTION_LABELS.get(self.action, self.action)


class AuditMixin:
    def record_audit(
        self: Store,
        action: str,
        *,
        target_table: str = "",
        target_id: str = "",
        detail: str = "",
        desk_user: str = "",
        volunteer_id: str | None = None,
    ) -> str:
        """Add an entry (through the change log, so it syncs). Returns its id."""
        entry_id = uuid7()
        self.write(
            "audit_log",
            entry_id,
            {
                "at": local_now(),
                "desk_user": desk_user,
                "volunteer_id": volunteer_id,
                "action": action,
                "target_table": target_table,
                "target_id": target_id,
                "detail": detail,
            },
        )
        return entry_id

    def list_audit(self: Store, limit: int = 500, target_id: str | None = None) -> list[AuditEntry]:
        """Newest first; optionally only about one record."""
        sql = "SELECT id, at, desk_user, volunteer_id, action, target_table, target_id, detail FROM audit_log WHERE deleted = 0"
        params: list = []
        if target_id:
            sql += " AND target_id = ?"
            params.append(target_id)
        sql += " ORDER BY at DESC, id DESC LIMIT ?"
        params.append(limit)
        return [AuditEntry(*row) for row in self.db.execute(sql, params)]
