"""Lägesbild: the situation pictures with their sources and findings (ui/situation/
pictures.py), the EST intake and summary (ui/situation/est.py), and the joint
commitments with the police (the third tab: `commitments_page()` is where their page
goes)."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from tryggapp.i18n import _
from tryggapp.services import lists
from tryggapp.ui.context import AppContext
from tryggapp.ui.sections.base import Section
from tryggapp.ui.situation.est import EstPage
from tryggapp.ui.situation.pictures import PicturesPage
from tryggapp.ui.table import Column, TablePane


def commitments_page() -> TablePane:
    """The citizen promises and cooperation agreements (read-only list for now)."""
    return TablePane([
        Column("kind", lambda: _("Kind"), 190),
        Column("title", lambda: _("Title"), 320),
        Column("period_from", lambda: _("From"), 100),
        Column("period_to", lambda: _("To"), 100),
        Column("status", lambda: _("Status"), 100),
        Column("follow_up", lambda: _("Follow-up"), stretch=True),
    ], lambda: _("Citizen promises and cooperation agreements are the joint commitments with the police "
                 "for a period, each followed up."),
        empty_icon="mdi6.handshake-outline", empty_title=lambda: _("No citizen promises or agreements yet"))


class SituationSection(Section):
    key = "situation"
    watched = frozenset({"situation_picture", "situation_source", "situation_finding", "finding_focus_area",
                         "finding_measure", "finding_est", "est_report", "citizen_promise", "cooperation_agreement",
                         "measure", "measure_status_change", "focus_area", "organisation", "person", "action_plan"})
    icon = "mdi6.map-search-outline"

    @classmethod
    def title(cls) -> str:
        return _("Situation picture")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.pictures = PicturesPage(ctx)
        self.est = EstPage(ctx)
        self.commitments = commitments_page()
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName(_("Situation pictures, EST and commitments"))
        self.tabs.addTab(self.pictures, _("Situation pictures"))
        self.tabs.addTab(self.est, _("EST reports"))
        self.tabs.addTab(self.commitments, _("Citizen promises and agreements"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self.reload_on_change()

    def refresh(self) -> None:
        self.pictures.refresh()
        self.est.refresh()
        self.commitments.set_rows(lists.commitments(self.ctx.db))

    def focus_target(self) -> QWidget | None:
        page = self.tabs.currentWidget()
        if page is self.pictures:
            return self.pictures.list.focus_target()
        if page is self.est:
            return self.est.form.fields["place"]
        return self.commitments.focus_target()

    def open_record(self, table: str, record_id: int) -> bool:
        if table == "situation_picture":
            self.tabs.setCurrentWidget(self.pictures)
            return self.pictures.select(record_id)
        if table == "situation_finding":
            from tryggapp import domain as d
            from tryggapp.services import crud

            finding = crud.get(self.ctx.db, d.SituationFinding, record_id)
            self.tabs.setCurrentWidget(self.pictures)
            self.pictures.select(finding.situation_picture_id)
            return self.pictures.select_finding(record_id)
        if table == "est_report":
            self.tabs.setCurrentWidget(self.est)
            return self.est.select(record_id)
        if table in ("citizen_promise", "cooperation_agreement"):
            self.tabs.setCurrentWidget(self.commitments)
            return True
        return False
