"""Organisation: groups with their members, people and organisations, each on its own
tab with a list and an editor (ui.organisation). Every edit is undoable (Ctrl+Z); a
person's data can be extracted or erased (GDPR)."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from tryggapp.i18n import _
from tryggapp.ui.context import AppContext
from tryggapp.ui.organisation import ops
from tryggapp.ui.organisation.groups import GroupsPage
from tryggapp.ui.organisation.people import OrganisationsPage, PeoplePage
from tryggapp.ui.sections.base import Section
from tryggapp.ui.widgets.mnemonics import mnemonic


class OrganisationSection(Section):
    key = "organisation"
    watched = ops.TABLES
    icon = "mdi6.account-group-outline"

    @classmethod
    def title(cls) -> str:
        return _("Organisation")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.groups_page = GroupsPage(ctx)
        self.people_page = PeoplePage(ctx)
        self.orgs_page = OrganisationsPage(ctx)
        # Kept under their old names: the lists other code and tests reach for.
        self.groups = self.groups_page.table
        self.people = self.people_page.table
        self.orgs = self.orgs_page.table
        self.members = self.groups_page.members
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName(_("Organisation"))
        self.tabs.addTab(self.groups_page, _("&Groups"))
        self.tabs.addTab(self.people_page, _("&People"))
        self.tabs.addTab(self.orgs_page, _("O&rganisations"))
        self.tabs.currentChanged.connect(self._tab_changed)
        # Alt+G/P/O switch tabs: no field label of a tab may take those letters.
        tab_letters = {mnemonic(self.tabs.tabText(i)) for i in range(self.tabs.count())}
        for page in self.pages():
            page.form.reserve(tab_letters)
        self._tab = 0
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self.reload_on_change()

    def pages(self) -> list:
        return [self.groups_page, self.people_page, self.orgs_page]

    def refresh(self) -> None:
        for page in self.pages():
            page.refresh()

    def _tab_changed(self, index: int) -> None:
        # Switching tabs leaves the record being edited: its text not saved is asked about.
        previous = self.pages()[self._tab]
        if index != self._tab and previous.record_id is not None and not previous.leave_ok():
            self.tabs.blockSignals(True)
            self.tabs.setCurrentIndex(self._tab)
            self.tabs.blockSignals(False)
            return
        self._tab = index

    def focus_target(self) -> QWidget | None:
        return self.pages()[self.tabs.currentIndex()].table.focus_target()

    def open_record(self, table: str, record_id: int) -> bool:
        index = {"work_group": 0, "person": 1, "organisation": 2}.get(table)
        if index is None:
            return False
        self.tabs.setCurrentIndex(index)
        if self.tabs.currentIndex() != index:
            return False
        return self.pages()[index].select(record_id)
