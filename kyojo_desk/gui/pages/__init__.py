"""The pages of the main window, in navigation order. Each is one class in its own file with a
`title` (the navigation label) and a constructor taking the DeskContext."""

from __future__ import annotations

from kyojo_desk.gui.pages.audit_page import AuditPage
from kyojo_desk.gui.pages.conflicts_page import ConflictsPage
from kyojo_desk.gui.pages.reception_page import ReceptionPage
from kyojo_desk.gui.pages.residents_page import ResidentsPage

PAGE_CLASSES: list[type] = [ResidentsPage, ReceptionPage, ConflictsPage, AuditPage]
