"""A chart on the page before it is drawn: a placeholder of the chart's size that uses a
PDF form, and the forms defined from the drawings when the document is saved (see
reports.chartwork for why)."""

from __future__ import annotations

import logging
import time
from typing import Any

from tryggapp.reports import fonts

fonts.register()  # before reportlab.platypus: see tryggapp.reports.fonts
from reportlab.platypus import Flowable  # noqa: E402

from tryggapp.reports.chartspec import ChartSpec, drawn_size_pt  # noqa: E402
from tryggapp.reports.chartwork import ChartPlan  # noqa: E402
from tryggapp.reports.recording import Recording  # noqa: E402

log = logging.getLogger(__name__)

# A form may draw a little outside its figure (a label at the very edge): the form's box
# is the figure's with this much room around it, so nothing is cut that a page would show.
FORM_PAD = 36.0


class ChartFlowable(Flowable):
    """A chart on the page: the form `key`, defined when the document is saved."""

    def __init__(self, key: str, spec: ChartSpec) -> None:
        super().__init__()
        self.key = key
        self.description = spec.description
        self.width, self.height, self.scale = drawn_size_pt(spec)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        return self.width, self.height

    def draw(self) -> None:
        self.canv.saveState()
        if self.scale < 1:
            self.canv.scale(self.scale, self.scale)
        self.canv.doForm(self.key)
        self.canv.restoreState()


class ReportCharts:
    """The charts of one report as the story places them, and their drawings as forms at
    the end."""

    def __init__(self, plan: ChartPlan) -> None:
        self.plan = plan

    def take(self, name: Any) -> list[ChartFlowable]:
        """The flowables of the chart(s) named `name` in the plan (none if it has none)."""
        out = []
        for key in self.plan.keys.get(name, []):
            self.plan.renderer.placed(key)
            out.append(ChartFlowable(key, self.plan.specs[key]))
        return out

    def define_forms(self, canvas: Any) -> None:
        """Each chart's drawing as the form its pages use (call after the last page)."""
        started = time.perf_counter()
        drawn = self.plan.renderer.recordings(self.plan.specs)
        log.debug("waited %.2f s for the charts after the layout", time.perf_counter() - started)
        for key, spec in self.plan.specs.items():
            width_in, height_in = spec.size_in()
            canvas.beginForm(key, -FORM_PAD, -FORM_PAD, width_in * 72 + FORM_PAD, height_in * 72 + FORM_PAD)
            Recording(drawn[key]).replay(canvas)
            canvas.endForm()
