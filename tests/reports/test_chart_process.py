"""The report's charts drawn by a chart process (reports.chartwork): the same drawings
as in the report's own process, every chart in the PDF whatever becomes of that process
(never started, gone, failing, stuck), the reason logged, and no process left behind."""

from __future__ import annotations

import datetime as dt
import logging
import subprocess
import sys
from pathlib import Path

import pytest

from tests.reports.conftest import needs_poppler, pdftotext
from tryggapp.reports import chartwork

TODAY = dt.date(2026, 11, 25)
LOGGER = "tryggapp.reports.chartwork"
# A chart process that answers every chart with an error, as a worker whose matplotlib
# fails would: the report must draw them itself.
FAILING_WORKER = """
import sys
from tryggapp.reports.chartworker import read_frame, write_frame
source, sink = sys.stdin.buffer, sys.stdout.buffer
while True:
    message = read_frame(source)
    if message is None:
        break
    kind, batch, key, _payload = message
    if kind == "chart":
        write_frame(sink, ("error", batch, key, "RuntimeError: boom"))
    elif kind == "end":
        write_frame(sink, ("done", batch, None, None))
"""
STUCK_WORKER = "import time; time.sleep(120)"


@pytest.fixture(scope="module")
def demo_data(tmp_path_factory, demo_template):
    from tryggapp.domain import periods
    from tryggapp.services import followup
    from tryggapp.storage import open_database

    db = open_database(demo_template, read_only=True)
    try:
        return followup.collect(db, periods.parse("2026"), TODAY)
    finally:
        db.close()


def _plan(data, renderer):
    from tryggapp import reports
    from tryggapp.reports import chartdata

    return chartwork.ChartPlan(renderer, chartdata.plan(data, reports.normalise_sections(None)))


def _comparable(calls):
    """Drawing calls with reportlab path objects as their PDF operators (no __eq__)."""
    from reportlab.pdfgen.pathobject import PDFPathObject

    def plain(value):
        return ("path", value.getCode()) if isinstance(value, PDFPathObject) else value

    return [(name, tuple(plain(a) for a in args), kwargs) for name, args, kwargs in calls]


def test_the_chart_process_draws_what_this_process_draws(demo_data):
    inline = _plan(demo_data, chartwork.InlineRenderer())
    assert len(inline.specs) == 13  # the demo's year: status, 10 goal figures, meetings, observations
    here = inline.renderer.recordings(inline.specs)
    renderer = chartwork.ProcessRenderer.start("sv")
    try:
        assert isinstance(renderer, chartwork.ProcessRenderer)
        there = _plan(demo_data, renderer).renderer.recordings(inline.specs)
    finally:
        renderer.close()
    assert there.keys() == here.keys()
    for key in here:
        assert _comparable(there[key]) == _comparable(here[key]), key
        assert len(here[key]) > 50  # a real drawing, not an empty form


def _build(data, target: Path, renderer) -> int:
    from tryggapp import reports

    try:
        return reports.build_pdf(data, target, renderer=renderer)
    finally:
        renderer.close()


@needs_poppler
def test_the_report_with_the_chart_process_reads_as_without(demo_data, tmp_path):
    inline, process = tmp_path / "inline.pdf", tmp_path / "process.pdf"
    pages = _build(demo_data, inline, chartwork.InlineRenderer())
    assert _build(demo_data, process, chartwork.ProcessRenderer.start("sv")) == pages
    text = pdftotext(process)
    assert text == pdftotext(inline)
    # The charts' own words are on the pages (they are in forms, drawn as text).
    assert "Antal åtgärder" in text and "Antal möten" in text and "Utgångsvärde" in text
    data = process.read_bytes()
    assert data.count(b"/Subtype /Form") == 13


def _charts_drawn_here(data, tmp_path, renderer, caplog) -> str:
    """Build with `renderer`; every chart must still be in the PDF. Returns the log."""
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        _build(data, tmp_path / "r.pdf", renderer)
    pdf = (tmp_path / "r.pdf").read_bytes()
    assert pdf.count(b"/Subtype /Form") == 13
    if pdftotext_available():
        assert "Antal åtgärder" in pdftotext(tmp_path / "r.pdf")
    return caplog.text


def pdftotext_available() -> bool:
    import shutil

    return shutil.which("pdftotext") is not None


def test_a_chart_process_that_cannot_start_leaves_the_drawing_here(demo_data, tmp_path, caplog):
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        renderer = chartwork.ProcessRenderer.start("sv", [str(tmp_path / "no-such-program")])
    assert isinstance(renderer, chartwork.InlineRenderer)
    assert "chart process not started" in caplog.text
    _charts_drawn_here(demo_data, tmp_path, renderer, caplog)


def test_a_chart_process_that_ends_at_once(demo_data, tmp_path, caplog):
    renderer = chartwork.ProcessRenderer.start("sv", [sys.executable, "-c", "import sys; sys.exit(3)"])
    log = _charts_drawn_here(demo_data, tmp_path, renderer, caplog)
    assert "13 of 13 charts drawn in this process instead" in log
    assert "exit code 3" in log or "stopped taking charts" in log


def test_a_chart_process_that_fails_on_each_chart(demo_data, tmp_path, caplog):
    renderer = chartwork.ProcessRenderer.start("sv", [sys.executable, "-c", FAILING_WORKER])
    log = _charts_drawn_here(demo_data, tmp_path, renderer, caplog)
    assert "13 of 13 charts drawn in this process instead" in log and "RuntimeError: boom" in log


def test_a_stuck_chart_process_is_stopped(demo_data, tmp_path, caplog, monkeypatch):
    monkeypatch.setattr(chartwork, "WAIT_BASE_S", 1.0)
    monkeypatch.setattr(chartwork, "WAIT_PER_CHART_S", 0.0)
    renderer = chartwork.ProcessRenderer.start("sv", [sys.executable, "-c", STUCK_WORKER])
    log = _charts_drawn_here(demo_data, tmp_path, renderer, caplog)
    assert "did not finish in time" in log
    assert renderer.process._proc.poll() is not None  # killed, not left running


def test_closing_stops_a_chart_process_nobody_used():
    renderer = chartwork.ProcessRenderer.start("sv")
    assert isinstance(renderer, chartwork.ProcessRenderer)
    renderer.close()
    assert renderer.process._proc.poll() is not None


def test_the_chart_process_is_the_program_itself(monkeypatch):
    """Frozen, there is no `python -m`: the program is started again with a flag that
    tryggapp.main hands to the chart process before anything else."""
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert chartwork.worker_command() == [sys.executable, "--chart-worker"]
    monkeypatch.delattr(sys, "frozen")
    assert chartwork.worker_command() == [sys.executable, "-m", "tryggapp", "--chart-worker"]


def test_the_chart_process_ends_with_its_input():
    proc = subprocess.run([sys.executable, "-m", "tryggapp", "--chart-worker"], input=b"", capture_output=True,
                          timeout=60)
    assert proc.returncode == 0 and proc.stdout == b""


def test_chart_sizes_know_the_frame_width():
    """chartspec repeats the frame's width so it need not import reportlab."""
    from tryggapp.reports import chartspec, styles

    assert pytest.approx(styles.FRAME_WIDTH) == chartspec.FRAME_WIDTH_PT


def test_the_report_command_leaves_matplotlib_and_numpy_to_the_chart_process(demo_path, tmp_path):
    """The report's own process lays out pages; it need not import matplotlib (0.6 s), nor
    numpy through numbers in the drawings it receives (0.35 s, seen once). (A copy of the
    demo: the command records its report in the database.)"""
    code = ("import sys; from tryggapp.main import main; "
            f"rc = main(['report', '--db', {str(demo_path)!r}, '--period', '2026', '--today', "
            f"'{TODAY.isoformat()}', '-o', {str(tmp_path / 'r.pdf')!r}]); "
            "print(rc, sorted(m for m in ('numpy', 'matplotlib') if m in sys.modules))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().splitlines()[-1] == "0 []", proc.stdout
    assert "drawn in this process instead" not in proc.stderr, proc.stderr


def test_one_chart_process_draws_reports_in_turn_each_in_its_language(demo_data):
    """The window keeps one chart process: each report is a batch, drawn in the report's
    language (the words the drawing adds itself: "Utgångsvärde", "Mål")."""
    process = chartwork.ChartProcess.start()
    assert process is not None
    try:
        words = {}
        for language in ("en", "sv"):
            renderer = process.renderer(language)
            plan = _plan(demo_data, renderer)
            drawn = renderer.recordings(plan.specs)
            renderer.close()
            assert drawn.keys() == plan.specs.keys()
            words[language] = {args[2] for calls in drawn.values() for name, args, _kw in calls
                               if name == "drawString"}
        assert process.alive  # still there for the next report
    finally:
        process.close()
    assert "Baseline" in words["en"] and "Utgångsvärde" not in words["en"]
    assert "Utgångsvärde" in words["sv"] and "Baseline" not in words["sv"]


def test_the_focus_areas_charts_go_early_and_are_those_of_the_full_plan(demo_template):
    """collect hands over the directions before meetings, walks and the rest: their
    charts (status and goals) then are exactly those the finished data would give."""
    from tryggapp import reports
    from tryggapp.domain import periods
    from tryggapp.reports import chartdata
    from tryggapp.services import followup
    from tryggapp.storage import open_database

    renderer = chartwork.InlineRenderer()
    plan, on_directions = reports.early_charts(renderer)
    seen: list[str] = []

    def spy(directions) -> None:
        on_directions(directions)
        seen.append(f"{len(plan.specs)} charts early")

    db = open_database(demo_template, read_only=True)
    try:
        data = followup.collect(db, periods.parse("2026"), TODAY, on_directions=spy)
    finally:
        db.close()
    assert seen == ["11 charts early"]  # the status chart and ten goal figures
    full = chartdata.plan(data, reports.normalise_sections(None))
    early = {name: [plan.specs[key] for key in keys] for name, keys in plan.keys.items()}
    assert early == {name: specs for name, specs in full.items() if name in early}
    assert set(full) - set(early) == {"meetings", "observations"}
    plan.extend(full)  # what build_pdf adds: only the two missing, each once
    assert len(plan.specs) == 13
