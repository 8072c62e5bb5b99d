"""Trygghetsvandringar: walks, their observations and what became of each."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from tryggapp.formatting import date_long
from tryggapp.i18n import _
from tryggapp.services import lists
from tryggapp.ui.context import AppContext
from tryggapp.ui.sections import _detail as h
from tryggapp.ui.sections.base import Section
from tryggapp.ui.table import Column, TablePane


class WalksSection(Section):
    key = "walks"
    watched = frozenset({"safety_walk", "observation", "observation_photo", "measure", "safety_walk_participant"})
    icon = "mdi6.walk"

    @classmethod
    def title(cls) -> str:
        return _("Safety walks")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.walks = TablePane([
            Column("date", lambda: _("Date"), 100),
            Column("area", lambda: _("Area"), 200),
            Column("light", lambda: _("Light"), 90),
            Column("participants", lambda: _("Participants"), 90, align_right=True),
            Column("observations", lambda: _("Observations"), 100, align_right=True),
            Column("done", lambda: _("Measures completed"), stretch=True, align_right=True),
        ], lambda: _("A walk is planned at a pre-meeting, walked with at most about 20 people, and followed up; "
                     "its observations become measures."),
            empty_icon="mdi6.walk", empty_title=lambda: _("No safety walks yet"))
        self.summary = h.browser(self)
        self.observations = TablePane([
            Column("number", lambda: _("No."), 45, align_right=True),
            Column("place", lambda: _("Place"), 200),
            Column("category", lambda: _("Category"), 190),
            Column("priority", lambda: _("Priority"), 80),
            Column("responsible", lambda: _("Responsible"), 170),
            Column("outcome", lambda: _("What became of it"), stretch=True),
        ], lambda: _("This walk has no observations."), searchable=False, empty_icon="mdi6.eye-off-outline")
        top = QSplitter(Qt.Orientation.Horizontal)
        top.addWidget(self.walks)
        top.addWidget(self.summary)
        top.setStretchFactor(0, 3)
        top.setStretchFactor(1, 2)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(top)
        split.addWidget(self.observations)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(split)
        self.walks.current_changed.connect(self._show)
        self.reload_on_change()

    def refresh(self) -> None:
        self._rows = {r["id"]: r for r in lists.walks(self.ctx.db)}
        self.walks.set_rows(list(self._rows.values()))

    def _show(self, walk_id: int | None) -> None:
        row = self._rows.get(walk_id) if walk_id is not None else None
        if row is None:
            self.summary.clear()
            self.observations.set_rows([])
            return
        self.summary.setHtml(h.heading(row["area"]) + h.facts([
            (_("Date"), date_long(row["date"])), (_("Route"), row["route"]),
            (_("Weather"), row["weather"]), (_("Light"), row["light"])]) + h.paragraph(_("Summary"), row["summary"]))
        self.observations.set_rows(lists.observations(self.ctx.db, walk_id))

    def focus_target(self) -> QWidget | None:
        return self.walks.focus_target()

    def open_record(self, table: str, record_id: int) -> bool:
        if table == "safety_walk":
            return self.walks.select_id(record_id)
        if table == "observation":
            from tryggapp import domain as d
            from tryggapp.services import crud

            obs = crud.get(self.ctx.db, d.Observation, record_id)
            self.walks.select_id(obs.walk_id)
            return self.observations.select_id(record_id)
        return False
