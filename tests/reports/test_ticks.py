"""reports.ticks draws a chart's ticks as a few artists with matplotlib's look: the same
pixels as matplotlib's own Tick objects, axis titles where matplotlib puts them."""

from __future__ import annotations

import matplotlib
import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import FixedLocator, FuncFormatter, MaxNLocator

from tryggapp.reports import charts, ticks

PERIODS = ["Utgångsvärde\n2024", "K1 2025", "K2 2025", "K3 2025", "K4 2025", "K1 2026", "K2 2026"]


def _axes(label: str = "") -> tuple[Figure, object]:
    fig = Figure(figsize=(3.2, 2.0), dpi=150)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    fig.subplots_adjust(left=0.25, bottom=0.3, right=0.95, top=0.9)
    ax.plot(range(len(PERIODS)), [85, 86, 92, 91, 102, 114, 111], marker="o", zorder=3)
    ax.set_xlim(-0.5, len(PERIODS) - 0.5)
    ax.set_ylim(70, 131)
    return fig, ax


def _pixels(fig: Figure) -> np.ndarray:
    fig.canvas.draw()
    return np.asarray(fig.canvas.buffer_rgba()).copy()


@pytest.mark.parametrize("slant", [False, True])
def test_drawn_ticks_are_matplotlibs_pixels(slant):
    with matplotlib.rc_context(charts.RC):
        fig, ax = _axes()
        ax.set_xticks(range(len(PERIODS)), PERIODS, **({"rotation": 30, "ha": "right"} if slant else {}))
        ax.yaxis.set_major_locator(MaxNLocator(nbins=4))
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _p: f"{v:g}"))
        ax.grid(axis="y", color="#D0D5DC", linewidth=0.5)
        ax.set_axisbelow(True)
        theirs = _pixels(fig)

        fig, ax = _axes()
        levels = ticks.values(70, 131, nbins=4)
        ticks.draw(ax, x=range(len(PERIODS)), x_labels=PERIODS, slant=slant, y=levels,
                   y_labels=[f"{v:g}" for v in levels], grid="y")
        ours = _pixels(fig)
    assert levels == [80.0, 100.0, 120.0]  # MaxNLocator's, less those outside the axis
    assert ticks.labels(ax, "y") == ["80", "100", "120"]
    assert (ours != theirs).any(axis=2).sum() == 0


def test_bar_ticks_without_marks_match_too():
    with matplotlib.rc_context(charts.RC):
        fig, ax = _axes()
        ax.yaxis.set_major_locator(FixedLocator([80, 100]))
        ax.set_yticks([80, 100], ["Samverkan med\npolisen", "Klotter"])
        ax.tick_params(axis="y", length=0)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.grid(axis="x", color="#D0D5DC", linewidth=0.5)
        ax.set_axisbelow(True)
        theirs = _pixels(fig)

        fig, ax = _axes()
        counts = ticks.values(-0.5, len(PERIODS) - 0.5, integer=True)
        ticks.draw(ax, x=counts, x_labels=[f"{v:g}" for v in counts], y=[80, 100],
                   y_labels=["Samverkan med\npolisen", "Klotter"], y_marks=False, grid="x")
        ours = _pixels(fig)
    assert (ours != theirs).any(axis=2).sum() == 0


@pytest.mark.parametrize("axis", ["x", "y"])
def test_an_axis_title_sits_where_matplotlib_puts_it(axis):
    with matplotlib.rc_context(charts.RC):
        fig, ax = _axes()
        ax.set_xticks(range(len(PERIODS)), PERIODS)
        ax.yaxis.set_major_locator(MaxNLocator(nbins=4))
        (ax.set_xlabel if axis == "x" else ax.set_ylabel)("antal per 1 000 invånare")
        fig.canvas.draw()
        renderer = fig.canvas.get_renderer()
        theirs = (ax.xaxis if axis == "x" else ax.yaxis).label.get_window_extent(renderer)

        fig, ax = _axes()
        levels = ticks.values(70, 131, nbins=4)
        ticks.draw(ax, x=range(len(PERIODS)), x_labels=PERIODS, y=levels, y_labels=[f"{v:g}" for v in levels])
        ticks.axis_label(ax, axis, "antal per 1 000 invånare")
        fig.canvas.draw()
        (title,) = [t for t in ax.texts if t.get_text() == "antal per 1 000 invånare"]
        ours = title.get_window_extent(fig.canvas.get_renderer())
    assert np.allclose(ours.bounds, theirs.bounds, atol=1.0), (ours, theirs)


def test_an_axes_without_tick_objects_draws_the_same_pixels():
    """ticks.axes_class() makes no Tick objects; its chart must not differ from one on an
    ordinary Axes (a spine once moved to y = 0 of the data without its first Tick)."""
    pictures = []
    for axes_class in (None, ticks.axes_class()):
        with matplotlib.rc_context(charts.RC):
            fig = Figure(figsize=(3.2, 2.0), dpi=150)
            FigureCanvasAgg(fig)
            ax = fig.add_subplot(axes_class=axes_class)
            ax.barh([0, 1, 2], [3, 1, 2], height=0.6)
            ax.set_xlim(0, 4)
            counts = ticks.values(0, 4, integer=True)
            ticks.draw(ax, x=counts, x_labels=[f"{v:g}" for v in counts], y=[0, 1, 2], y_labels=["a", "b", "c"],
                       y_marks=False, grid="x")
            ax.spines["left"].set_visible(False)
            pictures.append(_pixels(fig))
            if axes_class is not None:
                assert not ax.xaxis.majorTicks and not ax.yaxis.minorTicks
    assert (pictures[0] != pictures[1]).any(axis=2).sum() == 0
