"""One indicator's trend drawn on a matplotlib Axes: the values over the periods, a line
per category when the indicator has categories, the baseline labelled as the baseline
(not as one more value) and the target as a labelled dashed line. A share's axis ends
at 100 %.

Shared by the report (reports.charts, printed in black and white: each category has its
own grey, marker and dash) and the window's chart (ui.programme.trend_chart). Only
matplotlib's object API is used here (no pyplot, no reportlab), and only inside draw():
the chart descriptions (TrendChart) are imported by processes that never draw
(reports.chartspec)."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from tryggapp.formatting import number
from tryggapp.i18n import _
from tryggapp.reports import ticks

MAX_LABELLED_POINTS = 12
INK = "#1A1A1A"
MUTED = "#4A4A4A"
# Categories in print: grey, marker and dash differ, so no line depends on colour.
CATEGORY_LOOKS = (
    ("#33475F", "s", (0, (5, 1.5))),
    ("#6B7A8F", "^", (0, (1.5, 1.2))),
    ("#8C5A2B", "D", (0, (3, 1.2, 1, 1.2))),
    ("#5A7A4A", "v", (0, (6, 2))),
    ("#7A4A6A", "P", (0, (2, 2))),
    ("#4A6A7A", "X", (0, (4, 1, 1, 1, 1, 1))),
)


@dataclass(frozen=True)
class TrendLine:
    name: str  # "" for the indicator's total
    values: dict[str, float]  # period label -> value


@dataclass(frozen=True)
class TrendChart:
    """What is drawn: the periods in time order (labels), the total and the categories."""

    periods: tuple[str, ...]
    total: TrendLine
    categories: tuple[TrendLine, ...] = ()
    unit: str = ""
    baseline: float | None = None
    baseline_year: int | None = None
    target: float | None = None
    total_name: str = field(default="")

    @property
    def empty(self) -> bool:
        return not self.total.values and not any(c.values for c in self.categories)


def unit_suffix(unit: str) -> str:
    unit = (unit or "").strip()
    return "\u00a0" + unit if unit in ("%", "‰") else ""


def draw(ax, chart: TrendChart, *, fmt: Callable[[float], str] = number, point_size: float = 6.5,
         marker_size: float = 3.6, line_width: float = 1.1) -> None:
    """The chart on `ax` (its title is the caller's; an axis title goes through
    reports.ticks.axis_label, which knows where these tick labels are)."""
    suffix = unit_suffix(chart.unit)
    labels = list(chart.periods)
    # The baseline belongs to the total's line (categories have none of their own).
    has_baseline = (chart.baseline is not None and chart.baseline_year is not None and bool(chart.total.values)
                    and str(chart.baseline_year) not in labels)
    offset = 1 if has_baseline else 0
    if has_baseline:
        # Labelled as what it is, not as one more measurement of the series.
        labels.insert(0, _("Baseline\n{year}").format(year=chart.baseline_year))
    x_of = {label: i + offset for i, label in enumerate(chart.periods)}
    x_all = list(range(len(labels)))
    long_series = len(x_all) > MAX_LABELLED_POINTS
    drawn: list[float] = []
    legend = bool(chart.categories) and any(c.values for c in chart.categories)

    total = [(x_of[p], v) for p, v in chart.total.values.items() if p in x_of]
    total.sort()
    if has_baseline:
        total.insert(0, (0, chart.baseline))  # type: ignore[arg-type]
    if total:
        xs, ys = [x for x, _v in total], [v for _x, v in total]
        ax.plot(xs, ys, color=INK, linewidth=line_width, marker="o", markersize=marker_size,
                markerfacecolor="#33475F", markeredgecolor=INK, zorder=3,
                label=(chart.total_name or _("Total")) if legend else None)
        drawn += ys
        if has_baseline:  # a hollow point, and a thin line from it: where the work started
            ax.plot(xs[:2], ys[:2], color="#FFFFFF", linewidth=line_width, linestyle=(0, (2, 2)), zorder=3)
            ax.plot([xs[0]], [ys[0]], marker="o", markersize=marker_size + 0.2, markerfacecolor="#FFFFFF",
                    markeredgecolor=INK, zorder=4)
        # Every value is written at its point while that stays legible; a long series gets
        # its first and last value only; beside category lines, only the last.
        for i, (xi, v) in enumerate(zip(xs, ys, strict=True)):
            last = i == len(xs) - 1
            if (not legend and (not long_series or i == 0 or last)) or (legend and last):
                ax.annotate(fmt(v) + suffix, (xi, v), textcoords="offset points", xytext=(0, 5), ha="center",
                            fontsize=point_size)
    ends: list[tuple[float, int, str, str]] = []  # each category's last value, labelled after the axis is set
    for n, line in enumerate(chart.categories):
        points = sorted((x_of[p], v) for p, v in line.values.items() if p in x_of)
        if not points:
            continue
        color, marker, dash = CATEGORY_LOOKS[n % len(CATEGORY_LOOKS)]
        xs, ys = [x for x, _v in points], [v for _x, v in points]
        ax.plot(xs, ys, color=color, linewidth=line_width * 0.9, linestyle=dash, marker=marker,
                markersize=marker_size * 0.9, markerfacecolor="#FFFFFF", markeredgecolor=color, zorder=3,
                label=line.name)
        drawn += ys
        ends.append((ys[-1], xs[-1], fmt(ys[-1]) + suffix, color))
    span = drawn + ([chart.target] if chart.target is not None else []) or [0.0]
    lo, hi = min(span), max(span)
    pad = (hi - lo) * 0.25 or max(abs(hi) * 0.1, 1)
    if chart.target is not None:
        ax.axhline(chart.target, color=MUTED, linewidth=0.9, linestyle=(0, (4, 2)), zorder=2)
        # The latest value's label sits above its point at the right; keep the target's
        # label out of its way by writing it below the line when that point is near it.
        latest = total[-1][1] if total else chart.target
        below = latest > chart.target - (hi - lo + pad) * 0.2
        ax.annotate(_("Target {value}").format(value=fmt(chart.target) + suffix), (1, chart.target),
                    xycoords=("axes fraction", "data"), textcoords="offset points",
                    xytext=(0, -3 if below else 3), ha="right", va="top" if below else "bottom",
                    fontsize=point_size, color=MUTED)
    bottom, top = lo - pad, hi + pad
    if suffix.strip() == "%":  # a share: the axis ends at 100 % (and starts at no less than 0)
        bottom, top = max(bottom, 0.0), min(top, 100.0) if hi <= 100 else top
        if top - bottom < 1:
            bottom = max(0.0, top - 10)
    elif lo >= 0 and bottom < 0:
        bottom = 0.0  # counts never go below zero
    ax.set_ylim(bottom, top)
    # The last value of each category at the right end of its line, moved apart where
    # lines end close together (460 and 430 would print on top of each other).
    gap = (top - bottom) * 0.075
    placed: list[float] = []
    for y, x, text, color in sorted(ends):
        at = max(y, placed[-1] + gap) if placed else y
        placed.append(at)
        ax.annotate(text, (x, y), xytext=(x + 0.15, at), textcoords="data", ha="left", va="center",
                    fontsize=point_size * 0.95, color=color)
    step = math.ceil(len(x_all) / MAX_LABELLED_POINTS) if x_all else 1
    ax.set_xlim(-0.5, len(x_all) - 0.5 + (0.6 if legend else 0))
    # The ticks once the limits are final (reports.ticks): every period up to twelve, the
    # latest always; many labels slanted to fit; four or so values up the side.
    levels = ticks.values(bottom, top, nbins=4)
    ticks.draw(ax, x=x_all[::-1][::step][::-1], x_labels=labels[::-1][::step][::-1], slant=len(labels) > 5,
               y=levels, y_labels=[fmt(v) for v in levels], grid="y")


def chart_of(periods: Sequence[str], total: dict[str, float], categories: Sequence[tuple[str, dict[str, float]]],
             *, unit: str = "", baseline: float | None = None, baseline_year: int | None = None,
             target: float | None = None) -> TrendChart:
    return TrendChart(tuple(periods), TrendLine("", dict(total)),
                      tuple(TrendLine(name, dict(values)) for name, values in categories),
                      unit=unit, baseline=baseline, baseline_year=baseline_year, target=target)
