"""Trygghetsvandringar and trygghetsbesök: record walks in Boverket's three steps with
their observations and photos, turn observations into measures, and record safety
visits. Two tabs; each page is in ui/walks."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from tryggapp.i18n import _
from tryggapp.ui.context import AppContext
from tryggapp.ui.sections.base import Section
from tryggapp.ui.walks.visits import VisitsPage
from tryggapp.ui.walks.walk_page import WalksPage


class WalksSection(Section):
    key = "walks"
    watched = frozenset({"safety_walk", "observation", "observation_photo", "measure", "measure_status_change",
                         "safety_walk_participant", "safety_visit", "person", "organisation", "action_plan"})
    icon = "mdi6.walk"

    @classmethod
    def title(cls) -> str:
        return _("Safety walks")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.walks = WalksPage(ctx)
        self.visits = VisitsPage(ctx)
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName(_("Safety walks and safety visits"))
        self.tabs.addTab(self.walks, _("Safety walks"))
        self.tabs.addTab(self.visits, _("Safety visits"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self.reload_on_change()

    def refresh(self) -> None:
        self.walks.refresh()
        self.visits.refresh()

    def focus_target(self) -> QWidget | None:
        page = self.tabs.currentWidget()
        return page.list.focus_target() if page is not None else None

    def open_record(self, table: str, record_id: int) -> bool:
        if table == "safety_walk":
            self.tabs.setCurrentWidget(self.walks)
            return self.walks.select(record_id)
        if table == "observation":
            from tryggapp import domain as d
            from tryggapp.services import crud

            obs = crud.get(self.ctx.db, d.Observation, record_id)
            self.tabs.setCurrentWidget(self.walks)
            self.walks.select(obs.walk_id)
            self.walks.steps.setCurrentWidget(self.walks.observations)
            return self.walks.observations.select(record_id)
        if table == "safety_visit":
            self.tabs.setCurrentWidget(self.visits)
            return self.visits.select(record_id)
        return False
