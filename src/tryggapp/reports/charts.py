"""The report's charts, drawn with matplotlib (Agg-free: see mplvector) as vectors.

Made for a black-and-white printer: each series has its own grey and hatch pattern,
and numbers are written on the bars and points, so nothing depends on colour. Labels
are Swedish (through `_()`) with Swedish number formats (babel, via tryggapp.formatting).

Only `matplotlib.figure` is used, never pyplot: pyplot keeps global figure state and
picks a GUI backend, neither of which is wanted in a worker thread.

What to draw comes as a description (reports.chartspec, made by reports.chartdata);
this module draws it, in the report's process or in the chart process
(reports.chartwork), and never imports the database stack."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import matplotlib
from matplotlib.figure import Figure

from tryggapp.formatting import number
from tryggapp.i18n import _, babel_locale
from tryggapp.reports import fonts, ticks, trend
from tryggapp.reports.chartspec import (
    PT_PER_INCH,
    ChartSpec,
    GoalFigure,
    GoalPanel,
    MeetingBars,
    StackedBars,
)
from tryggapp.reports.mplvector import Recording, record

fonts.register()  # label widths are measured with reportlab's metrics of the same font

RC = {
    "font.family": "DejaVu Sans",
    "font.size": 7.5,
    "axes.titlesize": 8.3,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    # A fixed title position: left to itself, matplotlib measures both axes' tick labels
    # (a tight bounding box) at every draw to lift the title over any that reach above
    # the axes, which ours never do (no top ticks). That was a sixth of the charts' time.
    "axes.titley": 1.0,
    "axes.labelsize": 7.5,
    "axes.edgecolor": "#4A4A4A",
    "axes.linewidth": 0.6,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "xtick.labelsize": 7,
    "ytick.labelsize": 7,
    "xtick.major.width": 0.6,
    "ytick.major.width": 0.6,
    "legend.fontsize": 7,
    "legend.frameon": False,
    "hatch.linewidth": 0.55,
    "text.parse_math": False,  # user text with "$" must stay text
    "text.color": "#1A1A1A",
    "axes.labelcolor": "#1A1A1A",
}


@dataclass(frozen=True)
class BarLook:
    """How a series is drawn: fill, hatch, edge, and the colour of a label on it."""

    face: str
    hatch: str = ""
    edge: str = "#1A1A1A"
    label_color: str = "#1A1A1A"


STATUS_LOOK = {
    # No dotted ('.', 'o') hatches: each dot is a curve, and a bar of them weighs 300 kB.
    "not_started": BarLook("#FFFFFF"),
    "ongoing": BarLook("#9AA6B6"),
    "late": BarLook("#FFFFFF", "xxxx", "#9B1C1C", "#1A1A1A"),
    "paused": BarLook("#E2E6EC", "////"),
    "done": BarLook("#33475F", label_color="#FFFFFF"),
    "cancelled": BarLook("#FFFFFF", "----"),
}
OUTCOME_LOOK = {
    "done": BarLook("#33475F", label_color="#FFFFFF"),
    "measure": BarLook("#9AA6B6"),
    "no_action": BarLook("#E2E6EC", "////"),
    "open": BarLook("#FFFFFF", "xxxx", "#9B1C1C"),
    "positive": BarLook("#FFFFFF", "----"),
}


def _fmt(value: float) -> str:
    return _fmt_in(value, babel_locale())


@lru_cache(maxsize=4096)
def _fmt_in(value: float, _locale: str) -> str:
    # Cached per language: tick formatters ask for the same few values at every draw,
    # and babel's formatting is slow (a thousand calls were a tenth of a chart's time).
    return number(value)


def _wrap_to(text: str, width_in: float, size: float, lines: int = 2) -> str:
    """`text` in at most `lines` lines no wider than `width_in` inches in DejaVu Sans."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    limit = width_in * PT_PER_INCH
    out: list[str] = []
    words = fonts.clean(text).split()
    while words and len(out) < lines:
        line = words.pop(0)
        while words and stringWidth(line + " " + words[0], fonts.BOLD, size) <= limit:
            line += " " + words.pop(0)
        out.append(line)
    if words:
        last = out[-1]
        while last and stringWidth(last + " …", fonts.BOLD, size) > limit:
            last = last[:-1]
        out[-1] = last.rstrip() + " …"
    return "\n".join(out)


def _text_width_in(lines: Sequence[str], size: float) -> float:
    """Width in inches of the widest line, in DejaVu Sans at `size` points."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    widest = max((stringWidth(line, fonts.REGULAR, size) for text in lines for line in text.split("\n")), default=0)
    return widest / PT_PER_INCH


def _margins(fig: Figure, *, left: float, right: float, top: float, bottom: float, rows: int = 1, cols: int = 1,
             hgap: float = 0.0, wgap: float = 0.0) -> None:
    """Place the axes grid with margins and gaps given in inches."""
    width, height = fig.get_size_inches()
    axw = (width - left - right - wgap * (cols - 1)) / cols
    axh = (height - top - bottom - hgap * (rows - 1)) / rows
    fig.subplots_adjust(left=left / width, right=1 - right / width, bottom=bottom / height, top=1 - top / height,
                        wspace=wgap / axw if cols > 1 else 0, hspace=hgap / axh if rows > 1 else 0)


def _stacked_barh(ax, labels: Sequence[str], rows: Sequence[dict[str, int]], order: Sequence[str],
                  looks: dict[str, BarLook], names: dict[str, str]) -> None:
    """Horizontal stacked bars, top to bottom in the given order, counts on the segments
    wide enough to hold them and the total at the end of each bar."""
    y = list(range(len(labels)))[::-1]
    totals = [sum(r.values()) for r in rows]
    scale = max(totals or [1]) or 1
    left = [0] * len(rows)
    for key in order:
        values = [r.get(key, 0) for r in rows]
        if not any(values):
            continue
        look = looks[key]
        bars = _barh(ax, y, values, left=left, height=0.62, face=look.face, edge=look.edge, hatch=look.hatch,
                     label=names[key])
        for (x0, y0, width, height), v in zip(bars, values, strict=True):
            if v and v / scale > 0.045:
                ax.text(x0 + width / 2, y0 + height / 2, _fmt(v),
                        ha="center", va="center", fontsize=6.8, color=look.label_color,
                        bbox=dict(boxstyle="square,pad=0.12", fc="white", ec="none") if look.hatch else None)
        left = [a + b for a, b in zip(left, values, strict=True)]
    for yi, total in zip(y, totals, strict=True):
        ax.text(total + scale * 0.01, yi, _fmt(total), va="center", ha="left", fontsize=7, fontweight="bold")
    ax.set_xlim(0, scale * 1.08)
    _bar_ticks(ax, y, labels)


Box = tuple[float, float, float, float]  # x, y, width, height in data units


def _barh(ax, y: Sequence[float], widths: Sequence[float], *, height: float, face: str, edge: str,
          left: Sequence[float] | None = None, hatch: str = "", linestyle: object = "solid", label: str) -> list[Box]:
    """Horizontal bars centred on `y` as one collection (what ax.barh draws, without an
    artist and a data-limit update per bar), and each bar's box. Bars of width 0 are
    drawn too: their edge is the mark of a zero, as barh's."""
    from matplotlib.collections import PolyCollection

    starts = left if left is not None else [0.0] * len(widths)
    boxes = [(x0, yi - height / 2, width, height) for yi, width, x0 in zip(y, widths, starts, strict=True)]
    corners = [[(x0, y0), (x0 + w, y0), (x0 + w, y0 + h), (x0, y0 + h)] for x0, y0, w, h in boxes]
    ax.add_collection(PolyCollection(corners, closed=True, facecolors=face, edgecolors=edge, hatch=hatch or None,
                                     linewidths=0.6, linestyles=linestyle, joinstyle="miter", capstyle="butt",
                                     label=label))
    return boxes


def _bar_ticks(ax, y: Sequence[float], labels: Sequence[str]) -> None:
    """The categories down the side (no marks, no axis line), whole numbers along the
    bottom with their grid lines (reports.ticks: once the limits are final)."""
    ax.set_ylim(*ax.get_ylim())  # the bars' own limits, fixed before the ticks are placed
    low, high = ax.get_xlim()
    counts = ticks.values(low, high, integer=True)
    ticks.draw(ax, x=counts, x_labels=[_fmt(v) for v in counts], y=y, y_labels=labels, y_marks=False, grid="x")
    ax.spines["left"].set_visible(False)


def _legend_on_top(fig: Figure, ax) -> None:
    handles, labels = ax.get_legend_handles_labels()
    if handles:
        left = ax.get_position().x0
        fig.legend(handles, labels, loc="upper left", bbox_to_anchor=(left, 1.0), borderaxespad=0.2,
                   borderpad=0.2, ncols=min(len(handles), 6), handlelength=1.6, handleheight=1.1,
                   columnspacing=1.2)


def _barh_margins(fig: Figure, labels: Sequence[str]) -> None:
    """Room for the category labels (left), the legend (top), the totals (right) and the
    x axis with its title (bottom)."""
    _margins(fig, left=_text_width_in(labels, 7) + 0.12, right=0.3, top=0.34, bottom=0.42)


LOOKS = {"status": STATUS_LOOK, "outcome": OUTCOME_LOOK}


def figure(spec: ChartSpec) -> Figure:
    """The chart described by `spec`, as a matplotlib Figure of the spec's size."""
    with matplotlib.rc_context(RC):
        # No layout engine: constrained layout measured every tick label of every chart and
        # took two thirds of the report's time. The margins are set by _margins() instead,
        # from label widths measured with the same font.
        fig = Figure(figsize=spec.size_in())
        if isinstance(spec, StackedBars):
            _stacked_bars(fig, spec)
        elif isinstance(spec, MeetingBars):
            _meeting_bars(fig, spec)
        elif isinstance(spec, GoalFigure):
            _goal_figure(fig, spec)
        else:
            raise TypeError(f"not a chart description: {type(spec).__name__}")
        return fig


def draw(spec: ChartSpec) -> Recording:
    """The chart drawn into a recording of canvas calls (mplvector), to replay on a PDF."""
    with matplotlib.rc_context(RC):  # the draw reads rcParams too (tick and text defaults)
        return record(figure(spec))


def _stacked_bars(fig: Figure, spec: StackedBars) -> None:
    ax = fig.add_subplot(axes_class=ticks.axes_class())
    _barh_margins(fig, spec.labels)
    _stacked_barh(ax, spec.labels, spec.rows, spec.order, LOOKS[spec.look], spec.names)
    ticks.axis_label(ax, "x", spec.xlabel)
    _legend_on_top(fig, ax)


def _meeting_bars(fig: Figure, spec: MeetingBars) -> None:
    ax = fig.add_subplot(axes_class=ticks.axes_class())
    y = list(range(len(spec.labels)))[::-1]
    h = 0.36
    scale = max(max(r, held + planned) for r, held, planned in zip(spec.required, spec.held, spec.planned,
                                                                   strict=True)) or 1
    required_label, held_label, planned_label = spec.legend
    req = _barh(ax, [v + h / 2 for v in y], spec.required, height=h, face="white", edge="#1A1A1A", hatch="////",
                label=required_label)
    held = _barh(ax, [v - h / 2 for v in y], spec.held, height=h, face="#33475F", edge="#1A1A1A",
                 label=held_label)
    planned = _barh(ax, [v - h / 2 for v in y], spec.planned, left=spec.held, height=h, face="white",
                    edge="#33475F", linestyle=(0, (2, 1.5)), label=planned_label)
    for bars, values in ((req, spec.required), (held, spec.held)):
        for (x0, y0, width, height), v in zip(bars, values, strict=True):
            ax.text(x0 + width + scale * 0.01, y0 + height / 2, _fmt(v), va="center", fontsize=6.8)
    for (_x0, y0, _width, height), done, later in zip(planned, spec.held, spec.planned, strict=True):
        if later:
            ax.text(done + later + scale * 0.01, y0 + height / 2,
                    "+" + _fmt(later), va="center", fontsize=6.8, color="#33475F")
    _barh_margins(fig, spec.labels)
    ax.set_xlim(0, scale * 1.12)
    _bar_ticks(ax, y, spec.labels)
    ticks.axis_label(ax, "x", spec.xlabel)
    _legend_on_top(fig, ax)


def _goal_figure(fig: Figure, spec: GoalFigure) -> None:
    if spec.by_category:
        (panel,) = spec.panels
        names = [*panel.category_names, _("Total")]
        legend_in = _text_width_in(names, 6.5) + 0.55
        below = 0.5 if len(panel.chart.periods) > 4 else 0.3
        _margins(fig, left=0.62, right=legend_in + 0.1, top=0.34, bottom=below)
        _goal_axes(fig.add_subplot(axes_class=ticks.axes_class()), panel)
        return
    cols = spec.cols
    rows = -(-len(spec.panels) // cols)
    # Titles take two lines above each chart; rotated period labels need more below.
    below = 0.5 if any(len(p.chart.periods) > 4 for p in spec.panels) else 0.3
    _margins(fig, left=0.62, right=0.12, top=0.34, bottom=below, rows=rows, cols=cols, hgap=below + 0.42,
             wgap=0.72)
    for i, panel in enumerate(spec.panels):
        _goal_axes(fig.add_subplot(rows, cols, i + 1, axes_class=ticks.axes_class()), panel)


def _goal_axes(ax, panel: GoalPanel) -> None:
    chart = panel.chart
    suffix = trend.unit_suffix(panel.unit)
    trend.draw(ax, chart, fmt=_fmt)
    if any(c.values for c in chart.categories):
        ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0), fontsize=6.5, handlelength=2.6, borderaxespad=0.2)
    # Wrapped to the chart's own width (measured), so a title never runs into the chart
    # beside it or past the page margin.
    box = ax.get_position()
    width_in = box.width * ax.figure.get_size_inches()[0]
    ax.set_title(_wrap_to(panel.title, width_in, 7.4), fontsize=7.4)
    if panel.ylabel and not suffix:
        ticks.axis_label(ax, "y", panel.ylabel, fontsize=6.8)
