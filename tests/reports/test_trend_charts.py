"""The indicator trend in the report (issue 14): an imported crime series is drawn with a
line per category, the target marked as a labelled line, the baseline labelled as such,
and a share's axis ends at 100 %."""

from __future__ import annotations

import datetime as dt

from tests.programme.stats_data import CATEGORIES, crime_goal, write_crime_csv
from tests.reports.conftest import needs_poppler, pdftotext
from tryggapp import reports
from tryggapp.domain import periods
from tryggapp.services import followup, indicators

TODAY = dt.date(2026, 11, 25)


def _report_goal(db, tmp_path):
    from tryggapp import domain as d
    from tryggapp.services import crud

    area = crud.list_all(db, d.FocusArea, order_by=d.FocusArea.number)[0]
    goal = crime_goal(db, area_id=area.id)
    indicators.import_stats(db, goal, write_crime_csv(tmp_path / "brott.csv", broken=False), today=TODAY)
    data = followup.collect(db, periods.parse("2025"), TODAY)
    rows = [g for x in data.directions for block in x.focus_areas for g in block.goals if g.id == goal]
    return rows[0]


def test_goal_row_carries_the_category_series(small_db, tmp_path):
    row = _report_goal(small_db, tmp_path)
    assert [c.name for c in row.categories] == list(CATEGORIES)
    assert [p.label for p in row.categories[0].points] == [str(y) for y in range(2015, 2025)]
    assert len(row.series) == 10


def test_category_chart_has_a_line_each_target_and_baseline(small_db, tmp_path):
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from tryggapp.reports import chartdata, charts, ticks

    row = _report_goal(small_db, tmp_path)
    specs = chartdata.goal_series([row])
    assert len(specs) == 1 and specs[0].by_category  # a figure of its own, the page's width
    with matplotlib.rc_context(charts.RC):
        fig = charts.figure(specs[0])
        FigureCanvasAgg(fig).draw()
    ax = fig.axes[0]
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["Totalt", *CATEGORIES]
    texts = [t.get_text() for t in ax.texts]
    assert "Mål 3\u00a0000" in texts  # the target, labelled
    assert ticks.labels(ax, "x")[0] == "2015"  # the baseline year is a measured year here
    share = chartdata.trend_of(row)
    assert share.target == 3000 and len(share.categories) == 4


def test_percent_chart_ends_at_100_and_labels_the_baseline():
    import matplotlib
    from matplotlib.figure import Figure

    from tryggapp.reports import ticks, trend

    chart = trend.chart_of(["2024", "2025"], {"2024": 91.0, "2025": 97.5}, [], unit="%", baseline=88,
                           baseline_year=2022, target=99)
    with matplotlib.rc_context({"text.parse_math": False}):
        ax = Figure().add_subplot()
        trend.draw(ax, chart)
    assert ax.get_ylim()[1] == 100
    assert ticks.labels(ax, "x")[0] == "Utgångsvärde\n2022"
    assert any(t.get_text() == "Mål 99\u00a0%" for t in ax.texts)


@needs_poppler
def test_the_pdf_shows_the_categories_and_the_target(small_db, tmp_path):
    _report_goal(small_db, tmp_path)
    path = tmp_path / "rapport.pdf"
    reports.build_pdf(followup.collect(small_db, periods.parse("2025"), TODAY), path, None)
    text = pdftotext(path)
    for name in (*CATEGORIES, "Mål 3\u00a0000", "Anmälda brott per år"):
        assert name.replace("\u00a0", " ") in text.replace("\u00a0", " "), name
