"""Trygghetsbesök: the list of safety visits and the chosen visit's form (date,
workplace, reason, support given, follow-up), with an optional measure in the plan."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from tryggapp.i18n import _
from tryggapp.services import measures
from tryggapp.services import walks as svc
from tryggapp.ui.context import AppContext
from tryggapp.ui.list_detail import ListDetailPage
from tryggapp.ui.plan import choices as pick
from tryggapp.ui.table import Column, TablePane
from tryggapp.ui.walks import dialogs, ops
from tryggapp.ui.walks.common import button, name_fields, table_leaves_on_tab
from tryggapp.ui.widgets import unsaved
from tryggapp.ui.widgets.fields import ChoiceField, DateField, MultilineField, TextField
from tryggapp.ui.widgets.form import FormSection


class VisitsPage(ListDetailPage):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        self.rows: dict[int, svc.VisitRow] = {}
        pane = TablePane([
            Column("date", lambda: _("Date"), 90),
            Column("workplace", lambda: _("Workplace"), 180, stretch=True),
            Column("reason", lambda: _("Reason"), 200),
            Column("measure", lambda: _("Measure"), 160),
        ], lambda: _("After an incident at a municipal workplace, record the visit with “New visit”: what "
                     "happened, the support given and how it is followed up."),
            empty_icon="mdi6.shield-home-outline", empty_title=lambda: _("No safety visits yet"))
        super().__init__(ctx, pane, _("Choose a visit in the list, or record a new one with “New visit”."), parent)
        table_leaves_on_tab(self.list, _("Safety visits"))
        self.list.empty.set_action(_("New visit"))
        self.list.empty.action_triggered.connect(self.new_visit)
        self.new_button = button("mdi6.plus", _("New visit"))
        self.new_button.clicked.connect(self.new_visit)
        self.delete_button = button("mdi6.delete-outline", _("Delete visit"))
        self.delete_button.clicked.connect(self.delete_visit)
        self.add_tools(self.new_button, self.delete_button)

        self.form = FormSection(_("Safety visit"), columns=2)
        f = self.form
        f.add_field("workplace", _("Workplace"), TextField(), span=True)
        f.add_field("date", _("Date"), DateField())
        f.add_field("organisation_id", _("Organisation"), ChoiceField())
        f.add_field("visited_by_id", _("Visited by"), ChoiceField())
        f.new_row()
        f.add_field("incident", _("Reason"), MultilineField(lines=3), span=True,
                    hint=_("The incident that led to the visit."))
        f.add_field("participants", _("Taking part"), MultilineField(lines=2), span=True)
        f.add_field("findings", _("Findings"), MultilineField(lines=3), span=True)
        f.add_field("support_given", _("Support given"), MultilineField(lines=3), span=True)
        f.add_field("recommendations", _("Recommendations"), MultilineField(lines=3), span=True)
        f.add_field("follow_up", _("Follow-up"), MultilineField(lines=3), span=True)
        f.add_field("follow_up_date", _("Follow-up date"), DateField())
        name_fields(f)
        f.set_saver(self._save)
        self.measure_form = FormSection(_("Measure in the action plan"), description=_(
            "Optional: when the visit leads to something the municipality must do, make it a measure."))
        self.measure_label = QLabel()
        self.measure_label.setWordWrap(True)
        self.measure_button = button("mdi6.clipboard-arrow-right-outline", _("Create measure…"))
        self.measure_button.clicked.connect(self.create_measure)
        self.open_measure_button = button("mdi6.open-in-app", _("Open measure"))
        self.open_measure_button.clicked.connect(self.open_measure)
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.measure_button)
        line.addWidget(self.open_measure_button)
        line.addStretch(1)
        self.measure_form.add_widget(self.measure_label)
        self.measure_form.add_widget(row)
        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(8, 0, 8, 8)
        body_layout.addWidget(self.none_chosen)
        body_layout.addWidget(self.form)
        body_layout.addWidget(self.measure_form)
        body_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(body)
        scroll.setWidgetResizable(True)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.set_detail(scroll, stretch=(2, 3))

    @property
    def visit_id(self) -> int | None:
        return self.record_id

    def forms(self) -> list[FormSection]:
        return [self.form]

    def refresh(self) -> None:
        rows = svc.visit_rows(self.ctx.db, self.ctx.today())
        self.rows = {r.id: r for r in rows}
        choices = measures.choices(self.ctx.db)
        self.form.fields["organisation_id"].set_choices(pick.organisations(choices))  # type: ignore[attr-defined]
        self.form.fields["visited_by_id"].set_choices(pick.people(choices))  # type: ignore[attr-defined]
        self.list.set_rows([{"id": r.id, "date": r.date, "workplace": r.workplace, "reason": r.reason,
                             "measure": r.measure} for r in rows])
        writable = not self.ctx.db.read_only
        self.new_button.setEnabled(writable)
        self.delete_button.setEnabled(bool(rows) and writable)
        self.load_record(self.list.current_id())

    def load_record(self, ident: Any) -> None:
        self.record_id = ident
        row = self.rows.get(ident) if ident is not None else None
        shown = row is not None
        self.show_chosen(shown, self.form, self.measure_form)
        if row is None:
            return
        from tryggapp import domain as d
        from tryggapp.services import crud

        v = crud.get(self.ctx.db, d.SafetyVisit, row.id)
        self.form.set_values({name: getattr(v, name) for name in self.form.fields}, record=row.id,
                             table="safety_visit", version=v.version)
        self.form.set_read_only(self.ctx.db.read_only)
        self.measure_label.setText(row.measure or _("No measure: this visit did not lead to one in the plan."))
        self.measure_button.setEnabled(row.measure_id is None and not self.ctx.db.read_only)
        self.open_measure_button.setEnabled(row.measure_id is not None)

    def _save(self, name: str, value: Any) -> bool:
        if self.visit_id is None:
            return False
        return ops.update_visit(self.ctx, self.visit_id, {name: value}, self.form.caption(name).lower(),
                                self.form, name)

    def new_visit(self) -> None:
        if not unsaved.leave_ok(self, [self.form]):
            return
        dialog = dialogs.new_visit_dialog(lambda values, form: ops.create_visit(self.ctx, values, form),
                                          self.ctx.today(), self.window())
        if dialogs.run(dialog) and dialog.result_record is not None:
            self.list.select_id(dialog.result_record.id)

    def delete_visit(self) -> None:
        row = self.rows.get(self.visit_id) if self.visit_id is not None else None
        if row is not None:
            ops.delete_visit(self.ctx, row.id, row.workplace)

    def create_measure(self) -> None:
        row = self.rows.get(self.visit_id) if self.visit_id is not None else None
        if row is None or not unsaved.leave_ok(self, [self.form]):
            return
        today = self.ctx.today()

        def save(values: dict[str, Any], form: FormSection) -> Any:
            year = values.pop("year", None) or today.year
            return ops.measure_from_visit(self.ctx, row.id, values, year, form)

        dialog = dialogs.measure_dialog(
            self.ctx.db, save, title=_("Safety at {workplace}").format(workplace=row.workplace),
            description=row.reason, year=today.year, deadline=None,
            organisation_id=self.form.fields["organisation_id"].value(),  # type: ignore[attr-defined]
            intro=_("The measure is added to the action plan and linked from this visit."), parent=self.window())
        dialogs.run(dialog)

    def open_measure(self) -> None:
        row = self.rows.get(self.visit_id) if self.visit_id is not None else None
        if row is not None and row.measure_id is not None:
            self.ctx.navigate("plan", "measure", row.measure_id)

    def select(self, visit_id: int) -> bool:
        return self.list.select_id(visit_id)
