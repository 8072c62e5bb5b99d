"""What each of the report's charts shows, as plain data, and how big it is drawn.

A chart is described here and drawn elsewhere (reports.charts, with matplotlib), so the
drawing can happen in another process (reports.chartwork) while this one lays out the
pages: the descriptions travel there pickled. So this module imports neither matplotlib
nor reportlab nor the database stack: the chart process unpickles these classes without
paying for them. Every text in a description is already translated and cut to fit;
the few words the drawing adds itself ("Mål 12", "Totalt") come from the same catalog,
which the chart process installs in the report's language.

The size of each chart is known here, before it is drawn: the layout places a chart
by its size while the drawing is still being made."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from tryggapp.reports.trend import TrendChart

PT_PER_INCH = 72.0
# The frame's width (reports.styles.FRAME_WIDTH: A4 less the margins, in points),
# repeated here because styles imports reportlab. A test checks the two agree.
FRAME_WIDTH_PT = 481.8897637795275
WIDTH_IN = FRAME_WIDTH_PT / PT_PER_INCH
GOALS_PER_FIGURE = 6  # three rows of two: a figure stays shorter than a page
# A figure cannot be split; one taller than this (a chart of very many groups) is drawn
# smaller rather than stopping the build with a LayoutError.
MAX_HEIGHT_PT = 560.0


@dataclass(frozen=True)
class StackedBars:
    """Horizontal stacked bars: one bar per row (a focus area, an observation category),
    one segment per key of `order` (a status, an outcome)."""

    look: str  # "status" or "outcome": the fills and hatches of charts.LOOKS
    labels: tuple[str, ...]
    rows: tuple[dict[str, int], ...]
    order: tuple[str, ...]
    names: dict[str, str]  # key -> the legend's words
    xlabel: str
    row_height_in: float
    description: str

    def size_in(self) -> tuple[float, float]:
        return WIDTH_IN, 0.9 + self.row_height_in * len(self.labels)


@dataclass(frozen=True)
class MeetingBars:
    """Per group: the meetings its mandate requires against those held (and planned)."""

    labels: tuple[str, ...]
    required: tuple[int, ...]
    held: tuple[int, ...]
    planned: tuple[int, ...]
    legend: tuple[str, str, str]  # required, held, planned later
    xlabel: str
    description: str

    def size_in(self) -> tuple[float, float]:
        return WIDTH_IN, 0.85 + 0.42 * len(self.labels)


@dataclass(frozen=True)
class GoalPanel:
    """One goal's small chart: its indicator over the periods against the target."""

    title: str
    unit: str
    chart: TrendChart
    category_names: tuple[str, ...] = field(default=())  # the legend, when it has categories
    ylabel: str = ""  # the unit, when it is not a suffix of the values (%, ‰)


@dataclass(frozen=True)
class GoalFigure:
    """Small multiples of goal panels (two columns), or one goal with categories across
    the page's width with its legend at the right."""

    panels: tuple[GoalPanel, ...]
    by_category: bool
    description: str

    @property
    def cols(self) -> int:
        return 1 if len(self.panels) == 1 else 2

    def size_in(self) -> tuple[float, float]:
        if self.by_category:
            return WIDTH_IN, 2.7
        rows = math.ceil(len(self.panels) / self.cols)
        return (WIDTH_IN if self.cols == 2 else WIDTH_IN * 0.6), 1.95 * rows


ChartSpec = StackedBars | MeetingBars | GoalFigure


def drawn_size_pt(spec: ChartSpec) -> tuple[float, float, float]:
    """(width, height, scale) on the page in points: a figure taller than MAX_HEIGHT_PT is
    scaled down to it."""
    width_in, height_in = spec.size_in()
    width, height = width_in * PT_PER_INCH, height_in * PT_PER_INCH
    scale = min(1.0, MAX_HEIGHT_PT / height)
    return width * scale, height * scale, scale
