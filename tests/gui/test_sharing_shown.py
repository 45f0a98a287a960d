"""The registry page and the resident dialog say plainly whether a person is shared with the city."""

from __future__ import annotations

from PySide6.QtCore import Qt

from kyojo_desk.gui.models.resident_table_model import COL_SHARED
from kyojo_desk.gui.pages.residents_page import ResidentsPage
from kyojo_desk.records.resident import Consent
from tests.gui.conftest import on_db, wait_idle


def register(context, given: str, reading: str, scopes: list[str]) -> str:
    values = {
        "family_name": "共有",
        "given_name": given,
        "family_reading": "きょうゆう",
        "given_reading": reading,
    }
    consent = Consent(scopes=scopes, method="signed_paper", witnessed_by="受付 花子")
    return on_db(context, lambda s: s.register_resident(values, consent, allow_duplicate=True).id)


def test_registry_and_dialog_show_whether_shared(qtbot, window, desk_context):
    shared = register(desk_context, "一郎", "いちろう", ["keep_record", "share_with_city"])
    kept = register(desk_context, "二郎", "じろう", ["keep_record"])
    page = window.show_page(ResidentsPage)
    page.search_box.setText("きょうゆう")
    wait_idle(qtbot, desk_context)
    model = page.model
    assert model.headerData(COL_SHARED, Qt.Orientation.Horizontal) == "市と共有"
    shown = {
        model.resident_at(row).id: model.data(model.index(row, COL_SHARED))
        for row in range(model.rowCount())
    }
    assert shown == {shared: "共有する", kept: "しない"}
    for resident_id, text in ((shared, "市と共有：している"), (kept, "市と共有：していない")):
        page.open_resident(resident_id)
        wait_idle(qtbot, desk_context)
        dialog = page.open_dialog
        assert dialog.sharing.isVisible() and dialog.sharing.text().startswith(text)
        dialog.reject()
    new = page.register_new()
    assert not new.sharing.isVisible()  # registering: the consent boxes say it
    new.reject()
