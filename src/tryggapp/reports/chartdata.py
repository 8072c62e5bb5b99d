"""The report's data (services.followup) turned into chart descriptions (chartspec).

Everything a chart says is decided here, in the report's process: which rows, in which
order, with which translated words. reports.charts only draws what it is given."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from tryggapp.i18n import _
from tryggapp.reports import fonts, trend
from tryggapp.reports.chartspec import (
    GOALS_PER_FIGURE,
    ChartSpec,
    GoalFigure,
    GoalPanel,
    MeetingBars,
    StackedBars,
)
from tryggapp.services.followup import (
    OUTCOME_ORDER,
    STATUS_ORDER,
    DirectionBlock,
    FocusAreaBlock,
    GoalRow,
    GroupMeetings,
    ReportData,
    outcome_label,
    status_label,
)

ChartName = str | tuple[str, int]


def plan(data: ReportData, sections: Sequence[str]) -> dict[ChartName, list[ChartSpec]]:
    """Every chart the report will have, by name, in the order the story places them:
    known as soon as the figures are collected, so the drawing can start before the
    story is built (reports.chartwork)."""
    named = plan_directions(data.directions, sections)
    if "organisation" in sections and data.groups:
        _put(named, "meetings", meetings_held(data.groups))
    if "walks" in sections and data.walks:
        _put(named, "observations", observations_by_category(data.observation_counts()))
    return named


def plan_directions(directions: Sequence[DirectionBlock], sections: Sequence[str]) -> dict[ChartName,
                                                                                           list[ChartSpec]]:
    """The charts that need only the directions and focus areas (the status chart and
    the goal charts: ten of the demo's thirteen), which services.followup.collect hands
    over (`on_directions`) before it goes on to meetings, walks and the rest. The same as
    `plan` gives for them: what collect adds later (the coordinator's dates and reasons)
    changes no status, value or name."""
    named: dict[ChartName, list[ChartSpec]] = {}
    areas = [area for direction in directions for area in direction.focus_areas]
    if "summary" in sections:
        _put(named, "status", status_by_focus_area(areas))
    if "focus_areas" in sections:
        for index, area in enumerate(areas):
            if area.goals:
                _put(named, goals_name(index), goal_series(area.goals))
    return named


def _put(named: dict[ChartName, list[ChartSpec]], name: ChartName,
         specs: ChartSpec | list[ChartSpec] | None) -> None:
    specs = specs if isinstance(specs, list) else [specs] if specs is not None else []
    if specs:
        named[name] = specs


def goals_name(index: int) -> ChartName:
    """The goal charts of the focus area at `index` among all the report's focus areas
    (in direction order): a position, the same in the early and the final data."""
    return ("goals", index)


def label(text: str, width: int, lines: int = 2) -> str:
    """`text` wrapped at `width` characters in at most `lines` lines, cut with " …"."""
    wrapped = textwrap.wrap(fonts.clean(text), width) or [""]
    if len(wrapped) > lines:
        wrapped = wrapped[:lines]
        wrapped[-1] = wrapped[-1][: width - 2].rstrip() + " …"
    return "\n".join(wrapped)


def status_by_focus_area(areas: Sequence[FocusAreaBlock]) -> StackedBars | None:
    areas = [a for a in areas if a.measures]
    if not areas:
        return None
    return StackedBars(
        look="status", labels=tuple(label(a.heading, 38) for a in areas),
        rows=tuple(a.status_counts() for a in areas), order=tuple(STATUS_ORDER),
        names={k: status_label(k) for k in STATUS_ORDER}, xlabel=_("Number of measures"), row_height_in=0.32,
        description=_("Measures by status and focus area"))


def observations_by_category(counts: dict) -> StackedBars | None:
    """counts: {ObservationCategory: {outcome: n}} as ReportData.observation_counts()."""
    if not counts:
        return None
    return StackedBars(
        look="outcome", labels=tuple(label(c.label, 34, 1) for c in counts), rows=tuple(counts.values()),
        order=tuple(OUTCOME_ORDER), names={k: outcome_label(k) for k in OUTCOME_ORDER},
        xlabel=_("Number of observations"), row_height_in=0.27,
        description=_("Observations by category and what became of them"))


def meetings_held(groups: Sequence[GroupMeetings]) -> MeetingBars | None:
    groups = [g for g in groups if g.required or g.held or g.planned]
    if not groups:
        return None
    return MeetingBars(
        labels=tuple(label(g.name, 34) for g in groups), required=tuple(g.required for g in groups),
        held=tuple(g.held for g in groups), planned=tuple(g.planned for g in groups),
        legend=(_("Meetings required"), _("Meetings held"), _("Planned later in the period")),
        xlabel=_("Number of meetings"), description=_("Meetings held against required"))


def _has_values(g: GoalRow) -> bool:
    return bool(g.series) or any(c.points for c in g.categories)


def goal_series(goals: Sequence[GoalRow]) -> list[GoalFigure]:
    """Small multiples: each goal's indicator over the periods against its target (a line
    per category when it has categories), in figures of at most GOALS_PER_FIGURE charts."""
    out: list[GoalFigure] = []
    plain: list[GoalRow] = []

    def flush() -> None:
        out.extend(GoalFigure(tuple(panel(g) for g in plain[i:i + GOALS_PER_FIGURE]), by_category=False,
                              description=_("Indicator values against target"))
                   for i in range(0, len(plain), GOALS_PER_FIGURE))
        plain.clear()

    for g in (g for g in goals if _has_values(g)):
        if any(c.points for c in g.categories):
            # A line per category needs the page's width and room for its legend.
            flush()
            out.append(GoalFigure((panel(g),), by_category=True,
                                  description=_("Indicator values per category against target")))
        else:
            plain.append(g)
    flush()
    return out


def panel(g: GoalRow) -> GoalPanel:
    return GoalPanel(title=f"{g.code} {g.indicator or g.text}", unit=g.unit, chart=trend_of(g),
                     category_names=tuple(label(c.name, 24, 1) for c in g.categories),
                     ylabel=label(g.unit, 20, 1) if g.unit else "")


def trend_of(g: GoalRow) -> trend.TrendChart:
    """The goal's chart: the periods of the total and of every category, in time order."""
    ends: dict[str, object] = {}
    for p in g.series:
        ends[p.label] = p.end
    for c in g.categories:
        for p in c.points:
            ends.setdefault(p.label, p.end)
    periods = sorted(ends, key=lambda label: ends[label])  # type: ignore[arg-type, return-value]
    return trend.chart_of(periods, {p.label: p.value for p in g.series},
                          [(c.name, {p.label: p.value for p in c.points}) for c in g.categories],
                          unit=g.unit, baseline=g.baseline, baseline_year=g.baseline_year, target=g.target)
