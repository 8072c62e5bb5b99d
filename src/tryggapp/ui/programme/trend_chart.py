"""The trend chart on a goal's page: the indicator's values over the periods, a line per
category, the target as a labelled line and the baseline labelled as such — drawn by
reports.trend, as in the printed report.

matplotlib (Figure + FigureCanvasQTAgg, never pyplot) is imported only when a goal with
values is first shown: the window starts without it (tests/ui/test_startup_imports.py)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from tryggapp.formatting import number
from tryggapp.i18n import _
from tryggapp.services import indicators
from tryggapp.ui.widgets import style

HEIGHT = 300  # pixels: room for ten years' labels below and the legend at the right


def chart_for(series: indicators.Series) -> Any:
    """The series as reports.trend draws it (periods in time order)."""
    from tryggapp.domain import periods
    from tryggapp.reports import trend
    from tryggapp.services.followup import measurement_label

    goal, kind = series.goal, series.kind
    keys: set[tuple[int, int]] = {(p.year, p.number) for p in series.total.points}
    for line in series.categories:
        keys |= {(p.year, p.number) for p in line.points}
    assert kind is not None
    ordered = sorted(keys, key=lambda k: periods.of_kind(kind, *k).end)
    label = {k: measurement_label(kind, *k) for k in ordered}

    def values(points: tuple[indicators.Point, ...]) -> dict[str, float]:
        return {label[(p.year, p.number)]: p.value for p in points}

    return trend.chart_of([label[k] for k in ordered], values(series.total.points),
                          [(line.name, values(line.points)) for line in series.categories],
                          unit=goal.unit, baseline=goal.baseline, baseline_year=goal.baseline_year,
                          target=goal.target)


class TrendChart(QWidget):
    """Shows `series`; while there is nothing to draw, a sentence says so instead."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.canvas: Any = None
        self.figure: Any = None
        self.chart: Any = None
        self.empty = QLabel(_("No values yet: type them in the Measurements table or import a statistics file."),
                            self)
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet(f"color: {style.MUTED};")
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.addWidget(self.empty)

    def show_series(self, series: indicators.Series) -> None:
        if series.empty or series.kind is None:
            self.chart = None
            self.empty.show()
            if self.canvas is not None:
                self.canvas.hide()
            return
        self.empty.hide()
        self._ensure_canvas()
        self.chart = chart_for(series)
        self._draw(series)
        self.canvas.show()

    def _ensure_canvas(self) -> None:
        if self.canvas is not None:
            return
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
        from matplotlib.figure import Figure

        self.figure = Figure(figsize=(8, HEIGHT / 100), dpi=100)
        self.canvas = FigureCanvasQTAgg(self.figure)
        self.canvas.setParent(self)
        self.canvas.setFixedHeight(HEIGHT)
        self.canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.canvas.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # a picture: nothing to do with the keyboard
        self._layout.addWidget(self.canvas)

    def _draw(self, series: indicators.Series) -> None:
        import matplotlib

        from tryggapp.reports import ticks, trend
        from tryggapp.services.followup import measurement_label

        goal = series.goal
        rc = {"font.family": "DejaVu Sans", "font.size": 9, "axes.spines.top": False, "axes.spines.right": False,
              "axes.edgecolor": "#4A4A4A", "text.parse_math": False, "legend.frameon": False}
        self.figure.clear()
        with matplotlib.rc_context(rc):
            ax = self.figure.add_subplot()
            trend.draw(ax, self.chart, fmt=number, point_size=8.5, marker_size=5, line_width=1.6)
            legend = any(line.points for line in series.categories)
            if legend:
                ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8.5, handlelength=2.6)
            if goal.unit and not trend.unit_suffix(goal.unit):
                ticks.axis_label(ax, "y", goal.unit)  # beyond the tick labels trend draws
            width = max(self.canvas.width(), 400)
            right = 1 - (150 / width if legend else 20 / width)
            self.figure.subplots_adjust(left=70 / width, right=right, top=0.94, bottom=0.2)
        self.canvas.draw_idle()
        latest = series.total.points[-1] if series.total.points else None
        words = [_("Trend chart of the indicator “{name}”.").format(name=goal.indicator or goal.text)]
        if latest is not None:
            words.append(_("Latest value {value} ({period}).").format(
                value=number(latest.value), period=measurement_label(series.kind, latest.year, latest.number)))  # type: ignore[arg-type]
        if goal.target is not None:
            words.append(_("Target {value}.").format(value=number(goal.target)))
        if legend:
            words.append(_("One line per category: {names}.").format(
                names=", ".join(line.name for line in series.categories)))
        self.canvas.setAccessibleName(_("Trend chart"))
        self.canvas.setAccessibleDescription(" ".join(words))
        self.canvas.setToolTip(" ".join(words))

    def resizeEvent(self, event: Any) -> None:  # noqa: N802
        super().resizeEvent(event)
        if self.canvas is not None and self.chart is not None and self.figure.axes:
            width = max(self.canvas.width(), 400)
            legend = self.figure.axes[0].get_legend() is not None
            self.figure.subplots_adjust(left=70 / width, right=1 - (150 / width if legend else 20 / width))
