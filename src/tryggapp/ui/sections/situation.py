"""Lägesbild: the situation pictures with their sources and findings (ui/situation/
pictures.py), the EST intake and summary (ui/situation/est.py), and the joint
commitments with the police (ui/agreements/page.py)."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from tryggapp.i18n import _
from tryggapp.ui.agreements.page import WATCHED as AGREEMENT_TABLES
from tryggapp.ui.agreements.page import AgreementsPage
from tryggapp.ui.context import AppContext
from tryggapp.ui.sections.base import Section
from tryggapp.ui.situation.est import EstPage
from tryggapp.ui.situation.pictures import PicturesPage


class SituationSection(Section):
    key = "situation"
    watched = frozenset({"situation_picture", "situation_source", "situation_finding", "finding_focus_area",
                         "finding_measure", "finding_est", "est_report", "measure", "measure_status_change",
                         "focus_area", "organisation", "person", "action_plan"} | AGREEMENT_TABLES)
    icon = "mdi6.map-search-outline"

    @classmethod
    def title(cls) -> str:
        return _("Situation picture")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.pictures = PicturesPage(ctx)
        self.est = EstPage(ctx)
        self.commitments = AgreementsPage(ctx)  # medborgarlöften and agreements
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
        self.commitments.refresh()

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
            return self.commitments.select(table, record_id)
        return False
