"""Lägesbild: situation pictures with their findings, and the joint commitments with the police."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter, QTabWidget, QVBoxLayout, QWidget

from tryggapp.formatting import date_long
from tryggapp.i18n import _
from tryggapp.services import lists
from tryggapp.ui.agreements.page import WATCHED as AGREEMENT_TABLES
from tryggapp.ui.agreements.page import AgreementsPage
from tryggapp.ui.context import AppContext
from tryggapp.ui.sections import _detail as h
from tryggapp.ui.sections.base import Section
from tryggapp.ui.table import Column, TablePane


class SituationSection(Section):
    key = "situation"
    watched = frozenset({"situation_picture", "situation_finding", "measure"} | AGREEMENT_TABLES)
    icon = "mdi6.map-search-outline"

    @classmethod
    def title(cls) -> str:
        return _("Situation picture")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.pictures = TablePane([
            Column("title", lambda: _("Title"), 220, stretch=True),
            Column("period_from", lambda: _("From"), 100),
            Column("period_to", lambda: _("To"), 100),
            Column("findings", lambda: _("Findings"), 90, align_right=True),
        ], lambda: _("The law (2023:196) requires one at least every other year: crime, its extent and "
                     "consequences, and an analysis."), searchable=False,
            empty_icon="mdi6.map-search-outline", empty_title=lambda: _("No situation picture yet"))
        self.analysis = h.browser(self)
        self.findings = TablePane([
            Column("number", lambda: _("No."), 45, align_right=True),
            Column("title", lambda: _("Finding"), 260, stretch=True),
            Column("source", lambda: _("Source"), 150),
            Column("priority", lambda: _("Priority"), 80),
            Column("focus_area", lambda: _("Focus area"), 220),
            Column("measures", lambda: _("Measures"), 90, align_right=True),
        ], lambda: _("This situation picture has no findings."), searchable=False,
            empty_icon="mdi6.text-box-remove-outline")
        top = QSplitter(Qt.Orientation.Horizontal)
        top.addWidget(self.pictures)
        top.addWidget(self.analysis)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(top)
        split.addWidget(self.findings)

        self.commitments = AgreementsPage(ctx)  # medborgarlöften and agreements: ui/agreements
        self.tabs = QTabWidget(self)
        self.tabs.addTab(split, _("Situation pictures"))
        self.tabs.addTab(self.commitments, _("Citizen promises and agreements"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self.pictures.current_changed.connect(self._show)
        self.reload_on_change()

    def refresh(self) -> None:
        self._rows = {r["id"]: r for r in lists.situation_pictures(self.ctx.db)}
        self.pictures.set_rows(list(self._rows.values()))
        self.commitments.refresh()

    def _show(self, picture_id: int | None) -> None:
        row = self._rows.get(picture_id) if picture_id is not None else None
        if row is None:
            self.analysis.clear()
            self.findings.set_rows([])
            return
        self.analysis.setHtml(h.heading(row["title"]) + h.facts([
            (_("Period"), f"{date_long(row['period_from'])} – {date_long(row['period_to'])}"),
            (_("Decided"), date_long(row["decided_on"]))]) + h.paragraph(_("Sources"), row["sources"])
            + h.paragraph(_("Analysis"), row["analysis"]))
        self.findings.set_rows(lists.findings(self.ctx.db, picture_id))

    def focus_target(self) -> QWidget | None:
        return (self.pictures if self.tabs.currentIndex() == 0 else self.commitments).focus_target()

    def open_record(self, table: str, record_id: int) -> bool:
        if table == "situation_picture":
            self.tabs.setCurrentIndex(0)
            return self.pictures.select_id(record_id)
        if table == "situation_finding":
            from tryggapp import domain as d
            from tryggapp.services import crud

            finding = crud.get(self.ctx.db, d.SituationFinding, record_id)
            self.tabs.setCurrentIndex(0)
            self.pictures.select_id(finding.situation_picture_id)
            return self.findings.select_id(record_id)
        if table in ("citizen_promise", "cooperation_agreement"):
            self.tabs.setCurrentIndex(1)
            return self.commitments.select(table, record_id)
        return False
