"""The follow-up report as a PDF (reportlab) with charts (matplotlib).

Importing this package is cheap on purpose: reportlab and matplotlib (~0.6 s together)
are imported only inside `build_pdf`, so starting Tryggapp does not pay for them
(a test checks it in a fresh interpreter).

    data = services.followup.collect(db, period, today)
    pages = reports.build_pdf(data, "rapport.pdf", sections=["summary", "focus_areas"])
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from tryggapp.i18n import N_, _

if TYPE_CHECKING:
    from tryggapp.reports.chartwork import ChartPlan, Renderer
    from tryggapp.services.followup import DirectionBlock, ReportData

# The sections a user may leave out, in report order (the cover is always there).
SECTIONS: dict[str, str] = {
    "words": N_("The coordinator's assessment"),
    "summary": N_("Summary"),
    "focus_areas": N_("Directions and focus areas"),
    "organisation": N_("Organisation and meetings"),
    "walks": N_("Safety walks"),
    "situation": N_("Situation picture"),
    "agreements": N_("Citizen promises and cooperation"),
    "upcoming": N_("Coming up"),
    "appendix": N_("Appendix: the action plan"),
}

Progress = Callable[[float, str], None]  # (fraction 0..1, what is being done)


def section_label(key: str) -> str:
    return _(SECTIONS[key])


def normalise_sections(sections: Iterable[str] | None) -> list[str]:
    """The chosen keys in report order; None means all. Unknown keys are a programming
    error here (the CLI and the UI offer only SECTIONS)."""
    if sections is None:
        return list(SECTIONS)
    chosen = set(sections)
    unknown = chosen - SECTIONS.keys()
    if unknown:
        raise ValueError(f"unknown report sections: {sorted(unknown)}")
    return [key for key in SECTIONS if key in chosen]


def build_pdf(data: ReportData, target: str | Path | BinaryIO, sections: Iterable[str] | None = None,
              progress: Progress | None = None, renderer: Renderer | None = None,
              plan: ChartPlan | None = None) -> int:
    """Write the report for `data` to a path (atomically) or a binary file object and
    return its page count. `progress(fraction, message)` is called as the work goes on
    (from the calling thread). `renderer` draws the charts (reports.chartwork: a chart
    process started early, `chart_process()`); by default they are drawn here. `plan`
    instead: the charts already handed to a renderer while the figures were collected
    (`early_charts`); the rest are added to it, for its renderer."""
    from tryggapp.reports import chartdata
    from tryggapp.reports.chartwork import ChartPlan, InlineRenderer

    with collector_paused():
        chosen = normalise_sections(sections)
        # The charts first, before reportlab's layout machinery is even imported: a
        # chart process starts drawing them now (reports.chartwork).
        if plan is None:
            plan = ChartPlan(renderer or InlineRenderer())
        plan.extend(chartdata.plan(data, chosen))
        from tryggapp.reports.document import build

        return build(data, target, chosen, progress, plan)


def early_charts(renderer: Renderer, sections: Iterable[str] | None = None
                 ) -> tuple[ChartPlan, Callable[[Sequence[DirectionBlock]], None]]:
    """A chart plan for `renderer`, and the `on_directions` for services.followup.collect
    that hands it the focus areas' charts as soon as collect has them (the status and goal
    charts: the drawing starts while meetings, walks and the rest are collected)."""
    from tryggapp.reports import chartdata
    from tryggapp.reports.chartwork import ChartPlan

    chosen = normalise_sections(sections)
    plan = ChartPlan(renderer)

    def on_directions(directions: Sequence[DirectionBlock]) -> None:
        plan.extend(chartdata.plan_directions(directions, chosen))

    return plan, on_directions


def chart_process() -> Renderer:
    """A chart process for the next report, started now so it has imported matplotlib
    by the time the report's figures are collected (reports.chartwork). Close it when
    done (`renderer.close()`)."""
    from tryggapp.i18n import current_language
    from tryggapp.reports.chartwork import ProcessRenderer

    return ProcessRenderer.start(current_language())


_pause = {"depth": 0, "restore": True}  # nested/concurrent builds; whether gc was on
_pause_lock = threading.Lock()


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off while a report is built (issue 16).

    Charts and layout make a few hundred thousand short-lived objects (matplotlib's artists
    and transforms, platypus' fragments): each 700 allocations start a collection, and each
    tenth of those walks every object the process holds (SQLAlchemy, the domain's classes,
    matplotlib). Paused, the demo's story took a quarter less time. Reference counting
    still frees almost everything at once; what is left in cycles is collected when the
    collector runs again. Nested and concurrent builds (the window's worker threads)
    share one pause."""
    with _pause_lock:
        if _pause["depth"] == 0:
            _pause["restore"] = gc.isenabled()
            gc.disable()
        _pause["depth"] += 1
    try:
        yield
    finally:
        with _pause_lock:
            _pause["depth"] -= 1
            if _pause["depth"] == 0 and _pause["restore"]:
                gc.enable()
