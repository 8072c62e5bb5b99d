"""Tick marks, tick labels and grid lines drawn as a few plain artists, with matplotlib's
look.

matplotlib makes every tick of an axis a Tick object of five artists (two marks, two
labels, a grid line), copies the first tick's properties into each new one (deep-copying
its marker) and draws each artist on its own: for the report's 23 small charts that was
half of their drawing time (measured 2026-11-29: the ten goal figures of the demo's
year drew in 0.92 s of profiled time instead of 1.72 s without them). These charts do
not change once drawn (a printed page; the window redraws its chart whole), so their
ticks are computed once, when the axes' limits are final, and drawn as one line of
marks per axis, one collection of grid lines and a text per label, placed and sized
from the same rcParams matplotlib's ticks use (tick length, width, pad, colour, label
size), so the charts look as before.

Axis titles go with them (`axis_label`): matplotlib places its axis labels beyond the
tick labels it knows of, which these are not. matplotlib's object API only, as the
rest of the charts."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

TICK_GID = "tick-label-{axis}"  # marks our tick labels, for axis_label and for tests


def axes_class() -> type:
    """An Axes whose axes make no Tick objects at all, for charts whose ticks `draw`
    draws (pass as `fig.add_subplot(axes_class=...)`).

    An ordinary Axes makes four Ticks as it is built (its axes' lazy tick lists are
    touched to switch the grid off and to set clip paths) and throws them away when the
    locators change: an eighth of the report's chart time (measured 2026-11-29). Here
    the tick lists are plain empty lists; with `draw`'s NullLocators they stay empty.
    `_init_axis` is how matplotlib's own projections choose their axis classes."""
    global _AXES_CLASS
    if _AXES_CLASS is None:
        from matplotlib import axis as maxis
        from matplotlib.axes import Axes

        def reset_ticks(self: Any) -> None:
            self.majorTicks, self.minorTicks = [], []

        x_axis = type("DrawnTicksXAxis", (maxis.XAxis,), {"reset_ticks": reset_ticks})
        y_axis = type("DrawnTicksYAxis", (maxis.YAxis,), {"reset_ticks": reset_ticks})

        def _init_axis(self: Any) -> None:  # as Axes._init_axis, with the classes above
            self.xaxis = x_axis(self, clear=False)
            self.spines.bottom.register_axis(self.xaxis)
            self.spines.top.register_axis(self.xaxis)
            self.yaxis = y_axis(self, clear=False)
            self.spines.left.register_axis(self.yaxis)
            self.spines.right.register_axis(self.yaxis)

        def clear(self: Any) -> None:
            Axes.clear(self)
            # Making the first Tick is what puts each spine at its place (outward, 0);
            # without Ticks, say it (found by comparing pixels: tests/reports/test_ticks.py).
            for spine in self.spines.values():
                spine.set_position(("outward", 0.0))

        _AXES_CLASS = type("DrawnTicksAxes", (Axes,), {"_init_axis": _init_axis, "clear": clear})
    return _AXES_CLASS


_AXES_CLASS: type | None = None


def values(low: float, high: float, **locator: Any) -> list[float]:
    """The tick values matplotlib's MaxNLocator chooses for [low, high], those inside it
    only (it rounds outwards)."""
    from matplotlib.ticker import MaxNLocator

    low, high = sorted((low, high))
    slack = (high - low) * 1e-10  # matplotlib's own tolerance (transforms._interval_contains_close)
    return [float(v) for v in MaxNLocator(**locator).tick_values(low, high) if low - slack <= v <= high + slack]


def draw(ax: Any, *, x: Sequence[float] = (), x_labels: Sequence[str] = (), y: Sequence[float] = (),
         y_labels: Sequence[str] = (), grid: str = "", slant: bool = False, y_marks: bool = True,
         grid_color: str = "#D0D5DC", grid_width: float = 0.5) -> None:
    """Ticks at `x` (bottom) and `y` (left) with their labels, grid lines across the axes
    at the ticks of `grid` ("x", "y" or ""), below the data. matplotlib's own tick
    machinery is switched off for both axes. `slant`: the x labels at 30°, right-aligned
    to their tick (long period names)."""
    import matplotlib
    from matplotlib.collections import LineCollection
    from matplotlib.lines import Line2D
    from matplotlib.markers import TICKDOWN, TICKLEFT
    from matplotlib.ticker import NullLocator
    from matplotlib.transforms import ScaledTranslation

    rc = matplotlib.rcParams
    ax.xaxis.set_major_locator(NullLocator())
    ax.yaxis.set_major_locator(NullLocator())
    ax.xaxis.set_minor_locator(NullLocator())
    ax.yaxis.set_minor_locator(NullLocator())
    ytrans, xtrans = ax.get_yaxis_transform(), ax.get_xaxis_transform()
    points = ax.figure.dpi_scale_trans
    below = 0.5  # as set_axisbelow(True): grid and marks under the data
    if grid:
        at = x if grid == "x" else y
        segments = [[(v, 0), (v, 1)] for v in at] if grid == "x" else [[(0, v), (1, v)] for v in at]
        ax.add_collection(LineCollection(segments, colors=grid_color, linewidths=grid_width,
                                         capstyle=rc["lines.solid_capstyle"],
                                         transform=xtrans if grid == "x" else ytrans, zorder=below - 0.01),
                          autolim=False)
    if len(x):
        ax.add_line(Line2D(list(x), [0] * len(x), transform=xtrans, marker=TICKDOWN, linestyle="None",
                           markersize=rc["xtick.major.size"], markeredgewidth=rc["xtick.major.width"],
                           color=rc["xtick.color"], clip_on=False, zorder=below))
        pad = (rc["xtick.major.size"] + rc["xtick.major.pad"]) / 72
        where = xtrans + ScaledTranslation(0, -pad, points)
        for value, label in zip(x, x_labels, strict=True):
            ax.text(value, 0, label, transform=where, ha="right" if slant else "center", va="top",
                    rotation=30 if slant else 0, fontsize=rc["xtick.labelsize"], color=_label_color(rc, "x"),
                    clip_on=False, gid=TICK_GID.format(axis="x"))
    if len(y):
        size = rc["ytick.major.size"] if y_marks else 0.0
        if y_marks:
            ax.add_line(Line2D([0] * len(y), list(y), transform=ytrans, marker=TICKLEFT, linestyle="None",
                               markersize=size, markeredgewidth=rc["ytick.major.width"],
                               color=rc["ytick.color"], clip_on=False, zorder=below))
        where = ytrans + ScaledTranslation(-(size + rc["ytick.major.pad"]) / 72, 0, points)
        for value, label in zip(y, y_labels, strict=True):
            ax.text(0, value, label, transform=where, ha="right", va="center_baseline",
                    fontsize=rc["ytick.labelsize"], color=_label_color(rc, "y"), clip_on=False,
                    gid=TICK_GID.format(axis="y"))


def _label_color(rc: Any, axis: str) -> str:
    color = rc[f"{axis}tick.labelcolor"]
    return rc[f"{axis}tick.color"] if color == "inherit" else color


def axis_label(ax: Any, axis: str, text: str, **style: Any) -> None:
    """The axis' title where matplotlib would put it: beyond its tick labels (or the axis
    line, without any) by rcParams' axes.labelpad: below the x axis, left of the y axis
    and turned to read upwards."""
    import matplotlib
    from matplotlib.transforms import Bbox

    pad = matplotlib.rcParams["axes.labelpad"]
    gid = TICK_GID.format(axis=axis)

    def tick_box(renderer: Any) -> Any:
        """The tick labels' bounding box (the axes' own, where there are none)."""
        boxes = [t.get_window_extent(renderer) for t in ax.texts if t.get_gid() == gid and t.get_text()]
        return Bbox.union(boxes) if boxes else ax.get_window_extent(renderer)

    style = {"fontsize": matplotlib.rcParams["axes.labelsize"], "color": matplotlib.rcParams["axes.labelcolor"],
             **style}
    if axis == "x":
        ax.annotate(text, xy=(0.5, 0), xycoords=("axes fraction", tick_box), xytext=(0, -pad),
                    textcoords="offset points", ha="center", va="top", annotation_clip=False, **style)
    else:
        ax.annotate(text, xy=(0, 0.5), xycoords=(tick_box, "axes fraction"), xytext=(-pad, 0),
                    textcoords="offset points", ha="center", va="bottom", rotation=90, rotation_mode="anchor",
                    annotation_clip=False, **style)


def labels(ax: Any, axis: str) -> list[str]:
    """The tick labels `draw` made for `axis`, in order (for tests and screen readers)."""
    gid = TICK_GID.format(axis=axis)
    return [t.get_text() for t in ax.texts if t.get_gid() == gid]

