"""The audit log: opening a full record, merging, exporting and importing are written down;
coordinators read it after the PIN; it syncs like any record."""

from __future__ import annotations

import json

from kyojo_desk.gui.pages.audit_page import AuditPage
from kyojo_desk.gui.pages.residents_page import ResidentsPage
from kyojo_desk.store.schema import SYNCED_TABLES
from tests.conftest import consent
from tests.gui.conftest import on_db, wait_idle


def register(context, **values):
    base = {
        "family_name": "監査",
        "given_name": "太郎",
        "family_reading": "かんさ",
        "given_reading": "たろう",
    }
    return on_db(
        context,
        lambda store: store.register_resident({**base, **values}, consent(), allow_duplicate=True),
    )


def test_opening_merging_and_exporting_are_audited(
    qtbot, window, desk_context, tmp_path, monkeypatch
):
    from kyojo_desk.gui import prompts
    from kyojo_desk.gui.context import DeskUser

    desk_context.set_user(DeskUser(None, "受付の山田"))
    first, second = register(desk_context), register(desk_context, given_name="次郎")
    page = window.page(ResidentsPage)
    page.open_resident(first.id)
    wait_idle(qtbot, desk_context)
    page.open_dialog.reject()
    monkeypatch.setattr(prompts, "choose_save_path", lambda *a: str(tmp_path / "out.csv"))
    monkeypatch.setattr(prompts, "show_message", lambda *a, **k: None)
    page.export_roster()
    wait_idle(qtbot, desk_context)
    on_db(desk_context, lambda store: store.merge_residents(first.id, second.id, by="受付の山田"))
    entries = on_db(desk_context, lambda store: store.list_audit())
    actions = [(e.action, e.target_id, e.desk_user) for e in reversed(entries)]
    assert actions == [
        ("viewed_record", first.id, "受付の山田"),
        ("exported", "", "受付の山田"),
        ("merged", first.id, "受付の山田"),
    ]
    assert "audit_log" in SYNCED_TABLES
    logged = on_db(
        desk_context,
        lambda store: [c.fields for c in store.outbox_after(0, 1000) if c.table == "audit_log"],
    )
    assert len(logged) == 3 and "監査" not in json.dumps(logged, ensure_ascii=False)
    assert logged[0]["action"] == "viewed_record"


def test_audit_page_needs_the_coordinator(qtbot, window, desk_context, coordinator_pin):
    resident = register(desk_context)
    on_db(
        desk_context,
        lambda store: store.record_audit("viewed_record", target_id=resident.id, desk_user="山田"),
    )
    page = window.show_page(AuditPage)
    assert not page.table.isVisible()
    coordinator_pin["answers"] = [None]
    page.unlock()
    assert not page.table.isVisible()
    coordinator_pin["answers"] = None
    page.unlock()
    wait_idle(qtbot, desk_context)
    assert page.table.isVisible() and page.table.rowCount() == 1
    assert page.table.item(0, 2).text() == "記録を開いた"
    from kyojo_desk.gui.context import DeskUser

    desk_context.set_user(DeskUser())  # the idle lock or a new volunteer hides it again
    assert not page.table.isVisible() and page.table.rowCount() == 0
