"""Organisation: groups with their members, people and organisations (read-only lists;
editing arrives with the organisation issue)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter, QTabWidget, QVBoxLayout, QWidget

from tryggapp.formatting import date_short
from tryggapp.i18n import _
from tryggapp.services import lists
from tryggapp.ui.context import AppContext
from tryggapp.ui.sections import _detail as h
from tryggapp.ui.sections.base import Section
from tryggapp.ui.table import Column, TablePane


class OrganisationSection(Section):
    key = "organisation"
    watched = frozenset({"work_group", "membership", "person", "organisation", "meeting"})
    icon = "mdi6.account-group-outline"

    @classmethod
    def title(cls) -> str:
        return _("Organisation")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.groups = TablePane([
            Column("name", lambda: _("Group"), 270),
            Column("level", lambda: _("Level"), 150),
            Column("members", lambda: _("Members"), 80, align_right=True),
            Column("meetings_per_year", lambda: _("Meetings/year"), 90, align_right=True),
            Column("held", lambda: _("Held this year"), 100, align_right=True),
            Column("status", lambda: _("Status"), 140),
            Column("chair", lambda: _("Chair/convener"), 150, stretch=True),
        ], lambda: _("Groups (steering group, coordination group, councils) are added under Organisation once "
                     "the organisation editor is in place; the demo database has examples."),
            empty_icon="mdi6.account-group-outline", empty_title=lambda: _("No groups yet"))
        self.group_detail = h.browser(self)
        self.members = TablePane([
            Column("name", lambda: _("Name"), 150),
            Column("role", lambda: _("Role"), 130),
            Column("organisation", lambda: _("Organisation"), stretch=True),
        ], lambda: _("This group has no members."), searchable=False, empty_icon="mdi6.account-off-outline")
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.group_detail)
        right.addWidget(self.members)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.groups)
        split.addWidget(right)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([760, 420])
        self.groups.current_changed.connect(self._show_group)

        self.people = TablePane([
            Column("name", lambda: _("Name"), 200),
            Column("title", lambda: _("Title"), 200),
            Column("organisation", lambda: _("Organisation"), 220),
            Column("email", lambda: _("E-mail"), 220),
            Column("phone", lambda: _("Phone"), 130),
            Column("archived", lambda: _("Archived"), stretch=True),
        ], lambda: _("People are the members of the groups and those responsible for measures."),
            empty_icon="mdi6.account-outline", empty_title=lambda: _("No people yet"))
        self.orgs = TablePane([
            Column("name", lambda: _("Name"), 320),
            Column("kind", lambda: _("Kind"), 200),
            Column("people", lambda: _("People"), 80, align_right=True),
            Column("archived", lambda: _("Archived"), stretch=True),
        ], lambda: _("Municipal departments, the police, the rescue service, the housing company and "
                     "associations the municipality works with."),
            empty_icon="mdi6.domain", empty_title=lambda: _("No organisations yet"))

        self.tabs = QTabWidget(self)
        self.tabs.addTab(split, _("Groups"))
        self.tabs.addTab(self.people, _("People"))
        self.tabs.addTab(self.orgs, _("Organisations"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self.reload_on_change()

    def refresh(self) -> None:
        self._group_rows = {r["id"]: r for r in lists.groups(self.ctx.db, self.ctx.today())}
        self.groups.set_rows(list(self._group_rows.values()))
        self.people.set_rows(lists.people(self.ctx.db))
        self.orgs.set_rows(lists.organisations(self.ctx.db))

    def _show_group(self, group_id: int | None) -> None:
        row = self._group_rows.get(group_id) if group_id is not None else None
        if row is None:
            self.group_detail.clear()
            self.members.set_rows([])
            return
        self.group_detail.setHtml(
            h.heading(row["name"])
            + h.facts([(_("Level"), row["level"]), (_("Status"), row["status"]),
                       (_("Meetings per year"), row["meetings_per_year"]),
                       (_("Start"), date_short(row["started_on"])), (_("Planned end"), date_short(row["planned_end"]))])
            + h.paragraph(_("Mandate"), row["mandate"]) + h.paragraph(_("Final report"), row["final_report"]))
        self.members.set_rows(lists.members(self.ctx.db, group_id))

    def focus_target(self) -> QWidget | None:
        pane = {0: self.groups, 1: self.people, 2: self.orgs}.get(self.tabs.currentIndex(), self.groups)
        return pane.focus_target()

    def open_record(self, table: str, record_id: int) -> bool:
        if table == "work_group":
            self.tabs.setCurrentIndex(0)
            return self.groups.select_id(record_id)
        if table == "person":
            self.tabs.setCurrentIndex(1)
            return self.people.select_id(record_id)
        if table == "organisation":
            self.tabs.setCurrentIndex(2)
            return self.orgs.select_id(record_id)
        return False
