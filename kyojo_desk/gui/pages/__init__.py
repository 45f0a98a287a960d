"""The pages of the main window, in navigation order. Each is one class in its own file with a
`title` (the navigation label) and a constructor taking the DeskContext."""

from __future__ import annotations

from kyojo_desk.gui.pages.aid_requests_page import AidRequestsPage
from kyojo_desk.gui.pages.audit_page import AuditPage
from kyojo_desk.gui.pages.conflicts_page import ConflictsPage
from kyojo_desk.gui.pages.dashboard_page import DashboardPage
from kyojo_desk.gui.pages.follow_ups_page import FollowUpsPage
from kyojo_desk.gui.pages.help_log_page import HelpLogPage
from kyojo_desk.gui.pages.ninaite_page import NinaitePage
from kyojo_desk.gui.pages.organisations_page import OrganisationsPage
from kyojo_desk.gui.pages.print_page import PrintPage
from kyojo_desk.gui.pages.reception_page import ReceptionPage
from kyojo_desk.gui.pages.residents_page import ResidentsPage
from kyojo_desk.gui.pages.volunteers_page import VolunteersPage

PAGE_CLASSES: list[type] = [
    ResidentsPage,
    ReceptionPage,
    HelpLogPage,
    FollowUpsPage,
    AidRequestsPage,
    PrintPage,
    DashboardPage,
    VolunteersPage,
    NinaitePage,
    OrganisationsPage,
    ConflictsPage,
    AuditPage,
]
