"""The dashboard counts again after a change only while it is shown; out of sight it is marked
stale and counts when shown, so check-ins at reception do not wait behind the KPIs."""

from __future__ import annotations

from kyojo_desk.gui.ops import help_log as ops
from kyojo_desk.gui.pages.dashboard_page import DashboardPage
from kyojo_desk.gui.pages.reception_page import ReceptionPage
from tests.conftest import consent
from tests.gui.conftest import on_db, wait_idle


def test_a_hidden_dashboard_counts_when_shown(qtbot, window, desk_context, monkeypatch):
    page = window.show_page(DashboardPage)
    wait_idle(qtbot, desk_context)
    assert page.numbers["new_residents"].text() == "0"
    counted = []
    compute = ops.compute_kpis
    monkeypatch.setattr(
        ops, "compute_kpis", lambda **kwargs: counted.append(kwargs) or compute(**kwargs)
    )
    window.show_page(ReceptionPage)
    on_db(
        desk_context,
        lambda store: store.register_resident(
            {"family_name": "住民", "family_reading": "じゅうみん"}, consent()
        ),
    )
    desk_context.announce("residents")
    wait_idle(qtbot, desk_context)
    assert counted == [] and page.stale  # out of sight: nothing counted
    assert page.numbers["new_residents"].text() == "0"
    window.show_page(DashboardPage)
    wait_idle(qtbot, desk_context)
    assert len(counted) == 1 and not page.stale
    assert page.numbers["new_residents"].text() == "1"
    # Shown, a change is counted at once.
    on_db(
        desk_context,
        lambda store: store.register_resident(
            {"family_name": "住民", "family_reading": "じゅうみん"}, consent(), allow_duplicate=True
        ),
    )
    desk_context.announce("residents")
    wait_idle(qtbot, desk_context)
    assert len(counted) == 2 and page.numbers["new_residents"].text() == "2"
