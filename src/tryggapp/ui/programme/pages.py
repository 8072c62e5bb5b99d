"""Pages for the programme itself, a direction and a focus area. (The goal page, with its
measurement grid and follow-up, lives in goal_page.py.)"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from tryggapp import domain as d
from tryggapp.domain import rules
from tryggapp.domain.enums import GoalKind, Trend
from tryggapp.formatting import date_long, number
from tryggapp.i18n import _, ngettext
from tryggapp.services import crud
from tryggapp.services import programme as svc
from tryggapp.ui.context import AppContext
from tryggapp.ui.programme import ops
from tryggapp.ui.programme.page import (
    Banner,
    Page,
    organisation_choices,
    people_choices,
    tool_button,
)
from tryggapp.ui.programme.revisions import RevisionModel, RevisionTable
from tryggapp.ui.programme.tree import DIRECTION, FOCUS_AREA, GOAL
from tryggapp.ui.programme.trend import arrow_icon, trend_tone
from tryggapp.ui.widgets import (
    Card,
    ChoiceField,
    DateField,
    EmptyState,
    ErrorLabel,
    FormSection,
    MultilineField,
    RecordItem,
    RecordList,
    TextField,
)


class ProgrammePage(Page):
    """Metadata of the handlingsprogram and its ändringshistorik."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.form = FormSection(_("About the programme"), columns=2,
                                description=_("As in the adopted document. Changes are saved at once."))
        f = self.form
        f.add_field("title", _("Title"), TextField(), span=True)
        # Short values (a reference, dates) in pairs; names of bodies and roles such as
        # "Politisk nivå: Kommunstyrelsen" get a whole row, so they are not cut off.
        f.add_field("reference_number", _("Reference number"), TextField(placeholder=_("e.g. KS 2024/123")))
        f.add_field("decided_on", _("Decision date"), DateField())
        f.add_field("valid_from", _("Valid from"), DateField())
        f.add_field("valid_to", _("Valid to"), DateField())
        f.add_field("adopted_by", _("Adopted by"), TextField(placeholder=_("e.g. Municipal council")), span=True)
        # Often two levels ("Politisk nivå: …. Tjänstenivå: …"): it wraps instead of being cut off.
        f.add_field("document_owner", _("Document owner"), MultilineField(lines=1, max_lines=3), span=True)
        f.add_field("follow_up", _("Follow-up"),
                    MultilineField(lines=2, placeholder=_("How and when the programme is followed up")), span=True)
        f.add_field("description", _("Description"), MultilineField(lines=3), span=True)
        f.set_saver(self._edited)
        self.body.addWidget(f)

        self.revisions = Card(_("Revision history"), "mdi6.history")
        self.add_revision_button = tool_button(_("Add revision"), "mdi6.plus")
        self.remove_revision_button = tool_button(_("Delete revision"), "mdi6.delete-outline")
        self.add_revision_button.clicked.connect(self._add_revision)
        self.remove_revision_button.clicked.connect(self._remove_revision)
        self.revisions.add_header_widget(self.add_revision_button)
        self.revisions.add_header_widget(self.remove_revision_button)
        self.revision_error = ErrorLabel()
        self.revision_model = RevisionModel(self._edit_revision, self.revision_error.set_message, self)
        self.revision_table = RevisionTable(self.revision_model)
        self.revision_table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.no_revisions = EmptyState("mdi6.history", _("No revisions recorded"),
                                       _("Record each revision of the document: version, date, author and what changed."),
                                       compact=True)
        self.revisions.add_widget(self.revision_table)
        self.revisions.add_widget(self.no_revisions)
        self.revisions.add_widget(self.revision_error)
        self.body.addWidget(self.revisions)
        self.finish_body()
        if self.read_only:
            f.set_read_only(True)
            self.revision_model.read_only = True

    def load(self, ident: int) -> None:
        self.ident = ident
        p = crud.get(self.ctx.db, d.Programme, ident)
        self.header.set_text(p.title, self._summary(p))
        self.form.set_values({k: getattr(p, k) for k in self.form.fields}, record=ident, table="programme",
                             version=p.version)
        revisions = svc.list_revisions(self.ctx.db, ident)
        self.revision_model.set_rows(revisions)
        self.revision_table.setVisible(bool(revisions))
        self.no_revisions.setVisible(not revisions)
        self.revision_table.fit_rows()
        self.revision_error.set_message("")
        self._update_buttons()

    def _summary(self, p: d.Programme) -> str:
        parts = []
        if p.reference_number:
            parts.append(_("Ref. {number}").format(number=p.reference_number))
        if p.decided_on:
            decided = _("Adopted {date}").format(date=date_long(p.decided_on))
            if p.adopted_by:
                decided += " " + _("by {body}").format(body=p.adopted_by)
            parts.append(decided)
        if p.valid_from or p.valid_to:
            parts.append(_("Valid {start} – {end}").format(
                start=p.valid_from.year if p.valid_from else "", end=p.valid_to.year if p.valid_to else ""))
        return " · ".join(parts) or _("Fill in the details from the adopted document below.")

    def title_field(self) -> QWidget:
        return self.form.fields["title"]

    def _edited(self, name: str, value: Any) -> bool:
        return self.ident is not None and ops.update_programme(self.ctx, self.ident, name, value, self.form)

    def _add_revision(self) -> None:
        if self.ident is None:
            return
        revision = ops.add_revision(self.ctx, self.ident)
        if revision is not None:
            row = next((i for i, r in enumerate(self.revision_model.rows) if r.id == revision.id), None)
            if row is not None:
                index = self.revision_model.index(row, 3)
                self.revision_table.setCurrentIndex(index)
                self.revision_table.edit(index)

    def _remove_revision(self) -> None:
        rows = self.revision_table.selectionModel().selectedRows()
        if rows:
            ops.delete_revision(self.ctx, self.revision_model.rows[rows[0].row()].id)  # type: ignore[arg-type]

    def _edit_revision(self, revision_id: int, field: str, value: Any) -> bool:
        self.revision_error.set_message("")
        return ops.update_revision(self.ctx, revision_id, {field: value})

    def _update_buttons(self) -> None:
        self.add_revision_button.setEnabled(not self.read_only)
        self.remove_revision_button.setEnabled(
            not self.read_only and bool(self.revision_table.selectionModel().selectedRows()))


class DirectionPage(Page):
    """An inriktning: its title and description, and the focus areas under it."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.form = FormSection(_("Direction"))
        self.form.add_field("title", _("Title"), TextField(), span=True)
        self.form.add_field("description", _("Description"), MultilineField(lines=3), span=True)
        self.form.set_saver(self._edited)
        self.body.addWidget(self.form)
        self.areas = Card(_("Focus areas"), "mdi6.flag-outline")
        self.add_button = tool_button(_("Add focus area"), "mdi6.plus")
        self.add_button.clicked.connect(self._add_area)
        self.areas.add_header_widget(self.add_button)
        self.area_list = RecordList(max_visible_rows=12)
        self.area_list.record_activated.connect(lambda table, ident: self.open_node.emit(table, ident))
        self.empty = EmptyState("mdi6.flag-outline", _("No focus areas in this direction"),
                                _("Focus areas are the numbered themes of the programme, each with its goals."),
                                _("Add focus area"), compact=True)
        self.empty.action_triggered.connect(self._add_area)
        self.areas.add_widget(self.area_list)
        self.areas.add_widget(self.empty)
        self.body.addWidget(self.areas)
        self.finish_body()
        if self.read_only:
            self.form.set_read_only(True)
            self.add_button.setEnabled(False)
            self.empty.button.setEnabled(False)

    def load(self, ident: int) -> None:
        self.ident = ident
        direction = crud.get(self.ctx.db, d.Direction, ident)
        outline = svc.tree(self.ctx.db, direction.programme_id)
        node = next(x for x in outline.directions if x.id == ident)
        count = len([a for a in node.focus_areas if not a.archived])
        self.header.set_text(direction.title, _("Direction") + " · " + ngettext(
            "{n} focus area", "{n} focus areas", count).format(n=count))
        self.form.set_values({"title": direction.title, "description": direction.description}, record=ident,
                             table="direction", version=direction.version)
        items = [RecordItem(FOCUS_AREA, a.id, a.label,
                            ngettext("{n} goal", "{n} goals", len(a.goals)).format(n=len(a.goals))
                            + (" · " + _("archived") if a.archived else ""),
                            icon="mdi6.flag-outline")
                 for a in node.focus_areas]
        self.area_list.set_items(items)
        self.area_list.setVisible(bool(items))
        self.empty.setVisible(not items)

    def title_field(self) -> QWidget:
        return self.form.fields["title"]

    def _edited(self, name: str, value: Any) -> bool:
        return self.ident is not None and ops.update_direction(self.ctx, self.ident, name, value, self.form)

    def _add_area(self) -> None:
        if self.ident is not None:
            area = ops.add_focus_area(self.ctx, self.ident, _("New focus area"))
            if area is not None:
                self.created.emit(FOCUS_AREA, area.id)  # type: ignore[arg-type]


class FocusAreaPage(Page):
    """A fokusområde: its fields and its goals with their latest value and trend."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.archived_banner = Banner("mdi6.archive-outline",
                                      _("Archived: measures in an action plan refer to this focus area, so it "
                                        "was kept for them instead of being deleted."), _("Restore"))
        self.archived_banner.action_triggered.connect(self._restore)
        self.body.addWidget(self.archived_banner)
        self.form = FormSection(_("Focus area"), columns=2)
        f = self.form
        f.add_field("title", _("Title"), TextField(), span=True)
        # Direction titles, "name, title" and organisation names are long: a row each, so
        # a half-width picker does not cut them off.
        f.add_field("direction_id", _("Direction"), ChoiceField(), span=True)
        f.add_field("owner_person_id", _("Owner"), ChoiceField(), span=True)
        f.add_field("owner_organisation_id", _("Owning organisation"), ChoiceField(), span=True)
        f.add_field("description", _("Description"), MultilineField(lines=3), span=True)
        f.set_saver(self._edited)
        self.body.addWidget(f)

        self.goals = Card(_("Goals"), "mdi6.bullseye-arrow")
        self.add_impact = tool_button(_("Add impact goal"), "mdi6.plus")
        self.add_performance = tool_button(_("Add performance goal"), "mdi6.plus")
        self.add_impact.clicked.connect(lambda: self._add_goal(GoalKind.IMPACT))
        self.add_performance.clicked.connect(lambda: self._add_goal(GoalKind.PERFORMANCE))
        self.goals.add_header_widget(self.add_impact)
        self.goals.add_header_widget(self.add_performance)
        self.goal_list = RecordList(max_visible_rows=10)
        self.goal_list.record_activated.connect(lambda table, ident: self.open_node.emit(table, ident))
        self.no_goals = EmptyState("mdi6.bullseye-arrow", _("No goals yet"),
                                   _("Give the focus area an impact goal (the change wanted) and measurable "
                                     "performance goals, each with an indicator."),
                                   _("Add impact goal"), compact=True)
        self.no_goals.action_triggered.connect(lambda: self._add_goal(GoalKind.IMPACT))
        self.goals.add_widget(self.goal_list)
        self.goals.add_widget(self.no_goals)
        self.body.addWidget(self.goals)
        self.finish_body()
        if self.read_only:
            f.set_read_only(True)
            for button in (self.add_impact, self.add_performance, self.no_goals.button, self.archived_banner.button):
                button.setEnabled(False)

    def load(self, ident: int) -> None:
        self.ident = ident
        area = crud.get(self.ctx.db, d.FocusArea, ident)
        direction = crud.get(self.ctx.db, d.Direction, area.direction_id)
        self.header.set_text(rules.focus_area_label(area.number, area.title), _("Focus area in “{direction}”").format(
            direction=direction.title))
        self.archived_banner.setVisible(area.archived)
        directions = crud.list_all(self.ctx.db, d.Direction, order_by=d.Direction.position,
                                   programme_id=direction.programme_id)
        f = self.form
        f.fields["direction_id"].set_choices([(x.title, x.id) for x in directions])  # type: ignore[attr-defined]
        f.fields["owner_person_id"].set_choices(people_choices(self.ctx, area.owner_person_id))  # type: ignore[attr-defined]
        f.fields["owner_organisation_id"].set_choices(  # type: ignore[attr-defined]
            organisation_choices(self.ctx, area.owner_organisation_id))
        f.set_values({k: getattr(area, k) for k in f.fields}, record=ident, table="focus_area", version=area.version)
        summaries = svc.goal_summaries(self.ctx.db, ident)
        self.goal_list.set_items([_goal_item(s) for s in summaries])
        self.goal_list.setVisible(bool(summaries))
        self.no_goals.setVisible(not summaries)

    def title_field(self) -> QWidget:
        return self.form.fields["title"]

    def _edited(self, name: str, value: Any) -> bool:
        return self.ident is not None and ops.update_focus_area(self.ctx, self.ident, name, value, self.form)

    def _restore(self) -> None:
        if self.ident is not None:
            ops.update_focus_area(self.ctx, self.ident, "archived", False)

    def _add_goal(self, kind: GoalKind) -> None:
        if self.ident is None:
            return
        text = _("New impact goal") if kind is GoalKind.IMPACT else _("New performance goal")
        goal = ops.add_goal(self.ctx, self.ident, kind, text)
        if goal is not None:
            self.created.emit(GOAL, goal.id)  # type: ignore[arg-type]


def _goal_item(s: svc.GoalSummary) -> RecordItem:
    g = s.goal
    parts = [g.kind.label]
    if g.indicator:
        parts.append(g.indicator)
    if s.latest is not None:
        parts.append(_("latest {value}").format(value=_with_unit(s.latest.value, g.unit)))
    if g.target is not None:
        parts.append(_("target {value}").format(value=_with_unit(g.target, g.unit)))
    trailing = _("Trend: {trend}").format(trend=s.trend.label) if s.trend is not Trend.NO_DATA else s.trend.label
    return RecordItem(GOAL, g.id, " ".join(g.text.split()), " · ".join(parts), trailing,  # type: ignore[arg-type]
                      icon=arrow_icon(s.delta), tone=trend_tone(s.trend))


def _with_unit(value: float, unit: str) -> str:
    text = number(value)
    if not unit:
        return text
    return f"{text} {unit}" if unit != "%" else f"{text} %"


__all__ = ["DIRECTION", "DirectionPage", "FocusAreaPage", "ProgrammePage"]
