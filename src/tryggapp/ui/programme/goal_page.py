"""A goal: its fields, its measurements in a year × period grid, and its follow-up."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QWidget

from tryggapp import domain as d
from tryggapp.domain import periods, rules
from tryggapp.domain.enums import Assessment, GoalKind, PeriodKind
from tryggapp.domain.periods import Period
from tryggapp.i18n import _, ngettext
from tryggapp.services import crud, indicators
from tryggapp.services import programme as svc
from tryggapp.ui.context import AppContext
from tryggapp.ui.programme import ops
from tryggapp.ui.programme.follow_up import FollowUpPanel, follow_up_periods
from tryggapp.ui.programme.grid import Cells, MeasurementGridModel, MeasurementTable
from tryggapp.ui.programme.page import Page, muted_label, tool_button
from tryggapp.ui.programme.trend_chart import TrendChart
from tryggapp.ui.widgets import (
    Card,
    ChoiceField,
    DateField,
    ErrorLabel,
    FormSection,
    MultilineField,
    NumberField,
    TextField,
)

# Most indicators (the safety survey, Kolada, reported crime) come once a year, so a goal
# without values starts with a yearly grid; the coordinator switches if it is followed up
# per tertial or quarter.
DEFAULT_KIND = PeriodKind.YEAR


class GoalPage(Page):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        # Choices that live only in the view: the grid's period kind for goals without
        # values yet, extra (earlier) years shown, the follow-up period being looked at.
        self._kind: dict[int, PeriodKind] = {}
        self._extra_years: dict[int, set[int]] = {}
        self._period: dict[int, str] = {}

        self.form = FormSection(_("Goal"), columns=2)
        f = self.form
        f.add_field("text", _("Wording"), MultilineField(lines=2), span=True)
        f.add_field("kind", _("Kind"), ChoiceField([(k.label, k) for k in GoalKind]))
        f.add_field("higher_is_better", _("Better when"),
                    ChoiceField([(_("the value rises"), True), (_("the value falls"), False)]))
        # An indicator is a sentence: a whole row, so it is not cut off in a half one.
        f.add_field("indicator", _("Indicator"), TextField(placeholder=_("e.g. share who feel safe outdoors at night")),
                    span=True)
        f.add_field("unit", _("Unit"), TextField(placeholder=_("e.g. %, number")))
        f.new_row()  # the unit is short: the baseline and its year stay a pair below
        f.add_field("baseline", _("Baseline"), NumberField())
        f.add_field("baseline_year", _("Baseline year"), NumberField(integer=True))
        f.add_field("target", _("Target value"), NumberField())
        f.add_field("due", _("Target date"), DateField())
        f.add_field("source", _("Source"), TextField(placeholder=_("e.g. the safety survey, Kolada, police statistics")),
                    span=True)
        f.set_saver(self._edited)
        self.body.addWidget(f)

        self.values_card = Card(_("Measurements"), "mdi6.chart-line")
        self.kind_choice = ChoiceField([(_("per year"), PeriodKind.YEAR), (_("per tertial"), PeriodKind.TERTIAL),
                                        (_("per quarter"), PeriodKind.QUARTER)])
        self.kind_choice.setToolTip(_("How often the indicator is measured"))
        self.kind_choice.committed.connect(self._kind_changed)
        self.earlier_button = tool_button(_("Earlier year"), "mdi6.plus")
        self.earlier_button.setToolTip(_("Show a row for the year before the first one"))
        self.earlier_button.clicked.connect(self._add_earlier_year)
        self.values_card.add_header_widget(self.kind_choice)
        self.values_card.add_header_widget(self.earlier_button)
        # Statistics (issue 14): a file of values, and the categories they may be broken down by.
        self.import_button = tool_button(_("Import…"), "mdi6.file-import-outline")
        self.import_button.setToolTip(_("Import values from a statistics file (CSV or Excel)"))
        self.import_button.clicked.connect(lambda: self.import_statistics())
        self.categories_button = tool_button(_("Categories…"), "mdi6.shape-outline")
        self.categories_button.setToolTip(_("The categories the indicator is broken down by, e.g. kinds of crime"))
        self.categories_button.clicked.connect(self.edit_categories)
        self.values_card.add_header_widget(self.import_button)
        self.values_card.add_header_widget(self.categories_button)
        self.grid_error = ErrorLabel()
        self.grid_model = MeasurementGridModel(self._set_cell, self.grid_error.set_message, self)
        self.grid = MeasurementTable(self.grid_model, self._set_cells)
        self.other_kinds = muted_label()
        hint = muted_label(_("Type a value and press Enter (12,5). Delete empties the selected cells; "
                             "Ctrl+V pastes a block copied from Excel."))
        self.values_card.add_widget(self.grid)
        self.values_card.add_widget(self.grid_error)
        self.values_card.add_widget(self.other_kinds)
        self.values_card.add_widget(hint)
        self.categories_line = muted_label()
        self.values_card.add_widget(self.categories_line)

        self.trend_card = Card(_("Trend"), "mdi6.chart-timeline-variant")
        self.trend_chart = TrendChart()
        self.trend_card.add_widget(self.trend_chart)

        self.follow_card = Card(_("Follow-up"), "mdi6.clipboard-check-outline")
        self.follow_up = FollowUpPanel()
        self.follow_up.form.reserve(self.form.mnemonics())  # both forms are on the page at once
        self.follow_up.on_assess = self._assess
        self.follow_up.period_chosen.connect(lambda code: self._period.__setitem__(self.ident, code))
        self.follow_card.add_widget(self.follow_up)

        self.body.addWidget(self.values_card)
        self.body.addWidget(self.follow_card)
        # Below the follow-up: assessing the period stays on the first screen, the chart
        # is a scroll away.
        self.body.addWidget(self.trend_card)
        self.finish_body()
        if self.read_only:
            f.set_read_only(True)
            self.grid_model.read_only = True
            self.earlier_button.setEnabled(False)
            self.import_button.setEnabled(False)
            self.follow_up.form.set_read_only(True)

    # -- loading

    def load(self, ident: int) -> None:
        same_goal = ident == self.ident
        self.ident = ident
        goal = crud.get(self.ctx.db, d.Goal, ident)
        area = crud.get(self.ctx.db, d.FocusArea, goal.focus_area_id)
        self.header.set_text(" ".join(goal.text.split()), _("{kind} in {area}").format(
            kind=goal.kind.label, area=rules.focus_area_label(area.number, area.title)))
        self.form.set_values({k: getattr(goal, k) for k in self.form.fields}, record=ident, table="goal",
                             version=goal.version)
        kind = self.grid_kind(ident)
        self.kind_choice.set_value(kind)
        today = self.ctx.today()
        grid = svc.measurement_grid(self.ctx.db, ident, kind, today=today,
                                    extra_years=self._extra_years.get(ident, ()))
        # Keep the cell cursor on the same year and period across the reload that follows
        # every saved value, so the keyboard user can carry on where they were.
        current = self.grid.currentIndex()
        keep = (self.grid_model.cell(current), current.column()) if current.isValid() and same_goal else None
        self.grid_model.set_grid(grid, today=today, unit=goal.unit, target=goal.target,
                                 higher_is_better=goal.higher_is_better)
        self.grid.fit_rows()
        if keep is not None and keep[0][0] in grid.years and keep[1] < grid.columns:
            self.grid.setCurrentIndex(self.grid_model.index(grid.years.index(keep[0][0]), keep[1]))
        self.other_kinds.setVisible(bool(grid.other_kinds))
        self.other_kinds.setText(ngettext(
            "{n} value recorded with another period length is not shown here.",
            "{n} values recorded with another period length are not shown here.", grid.other_kinds)
            .format(n=grid.other_kinds))
        self._load_statistics(ident)
        rows = svc.measurements(self.ctx.db, ident, kind)
        assessed = svc.list_assessments(self.ctx.db, ident)
        # Follow-up may run at another rhythm than the measuring (values per quarter,
        # assessed per tertial); the trend then reads the values up to each period's end.
        follow_kind = svc.assessment_kind(self.ctx.db, ident) or kind
        choices = follow_up_periods(follow_kind, grid.years, today, assessed)
        # Only a period the user picked sticks; otherwise follow the newest data.
        selected = self._period.get(ident) or self._default_period(rows, assessed, follow_kind, choices)
        self.follow_up.load(goal, rows, assessed, choices, selected)

    def _load_statistics(self, ident: int) -> None:
        """The categories line under the grid and the trend chart (totals and categories)."""
        categories = indicators.list_categories(self.ctx.db, ident)
        counts = indicators.value_counts(self.ctx.db, ident)
        self.categories_line.setVisible(bool(categories))
        self.categories_line.setText(_("Also per category: {names} ({n} values; shown in the trend below).").format(
            names=", ".join(c.name for c in categories), n=sum(counts.values())))
        self.trend_chart.show_series(indicators.series(self.ctx.db, ident))

    def import_statistics(self, path: Path | None = None) -> indicators.Applied | None:
        if self.ident is None:
            return None
        from tryggapp.ui.programme.stats_import import import_statistics

        return import_statistics(self.ctx, self.ident, self, path)

    def edit_categories(self) -> None:
        if self.ident is None:
            return
        from tryggapp.ui.programme.categories import CategoriesDialog

        goal = crud.get(self.ctx.db, d.Goal, self.ident)
        CategoriesDialog(self.ctx, self.ident, goal.indicator or goal.text, self).exec()

    def grid_kind(self, goal_id: int) -> PeriodKind:
        """The user's choice in this session, else the kind of the goal's values."""
        return self._kind.get(goal_id) or svc.period_kind_of(self.ctx.db, goal_id) or DEFAULT_KIND

    @staticmethod
    def _default_period(rows: list[d.Measurement], assessed: list[d.GoalAssessment], kind: PeriodKind,
                        choices: list[Period]) -> str | None:
        """The newest assessed period (the state of the last follow-up), else the period
        holding the newest value, else the newest period offered."""
        codes = {c.code for c in choices}
        for a in assessed:  # newest first
            code = periods.of_kind(a.period_kind, a.year, a.period_no).code
            if code in codes:
                return code
        if rows:
            last = rows[-1]
            code = periods.containing(periods.of_kind(last.period_kind, last.year, last.period_no).end, kind).code
            if code in codes:
                return code
        return None

    def title_field(self) -> QWidget:
        return self.form.fields["text"]

    # -- edits

    def _edited(self, name: str, value: Any) -> bool:
        return self.ident is not None and ops.update_goal(self.ctx, self.ident, name, value, self.form)

    def _kind_changed(self, kind: PeriodKind) -> None:
        if self.ident is not None:
            self._kind[self.ident] = kind
            self._period.pop(self.ident, None)
            self.grid_error.set_message("")
            self.load(self.ident)

    def _add_earlier_year(self) -> None:
        if self.ident is None or self.grid_model.grid is None:
            return
        first = self.grid_model.grid.years[0]
        if first > 1900:
            self._extra_years.setdefault(self.ident, set()).add(first - 1)
            self.load(self.ident)

    def _set_cell(self, year: int, number: int, value: float | None) -> bool:
        if self.ident is None:
            return False
        kind = self.grid_kind(self.ident)
        period = periods.of_kind(kind, year, number).words().capitalize()

        def refused(message: str) -> None:  # under the grid, naming the cell, as a bad number is
            self.grid_error.set_message(_("{period}: {message}").format(period=period, message=message))

        if value is None:
            return ops.clear_measurement(self.ctx, self.ident, year, kind, number, on_error=refused)
        # Remember the kind: once a value exists the grid follows the data anyway, but
        # until the reload the user's choice must hold.
        self._kind[self.ident] = kind
        return ops.set_measurement(self.ctx, self.ident, year, kind, number, value, on_error=refused)

    def _set_cells(self, cells: Cells, text: str) -> None:
        if self.ident is not None and cells:
            ops.set_measurements(self.ctx, self.ident, self.grid_kind(self.ident), cells, text)

    def _assess(self, period: Period, assessment: Assessment | None, comment: str | None) -> bool:
        return self.ident is not None and ops.set_assessment(
            self.ctx, self.ident, period, assessment=assessment, comment=comment, form=self.follow_up.form)
