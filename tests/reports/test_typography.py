"""Typography of the report (issue 8, item 5): Swedish hyphenation, nothing under 8 pt,
shares that add up to 100 %, bookmarks nested as the headings, percentage axes ending at
100 %, the baseline labelled as one, chart titles inside their charts."""

from __future__ import annotations

import datetime as dt
import io

import pytest

from tests.reports.factory import TODAY
from tryggapp.domain import periods


def test_long_swedish_words_are_hyphenated_where_swedish_allows():
    from tryggapp.reports import textcell as tc

    width = tc._width("Möte i Samordnings-", tc.TEXT.font, tc.TEXT.size) + 1
    lines = tc.wrap_text("Möte i Samordningsgruppen om kommungemensamma frågor", tc.TEXT.font, tc.TEXT.size, width)
    assert lines[0] == "Möte i Samordnings-"
    assert lines[1].startswith("gruppen")
    # A word longer than the whole column breaks at its syllables, never "…grup|p".
    narrow = tc._width("kommunge", tc.TEXT.font, tc.TEXT.size) + 1
    lines = tc.wrap_text("kommungemensamma", tc.TEXT.font, tc.TEXT.size, narrow)
    assert all(line.endswith("-") for line in lines[:-1]) and "".join(lines).replace("-", "") == "kommungemensamma"


def test_paragraphs_hyphenate_in_swedish():
    from tryggapp.reports import styles as st

    assert st.BODY.hyphenationLang == "sv" and st.CELL.hyphenationLang == "sv"


def test_no_body_or_table_text_under_8_points():
    from reportlab.lib.styles import ParagraphStyle

    from tryggapp.reports import styles as st
    from tryggapp.reports import textcell as tc

    sizes = {name: s.fontSize for name, s in vars(st).items() if isinstance(s, ParagraphStyle)}
    assert min(sizes.values()) >= 8, sizes
    assert min(look.size for look in (tc.TITLE, tc.TEXT, tc.SMALL, tc.LATE)) >= 8


@pytest.mark.parametrize(("counts", "shares"), [
    ([1, 1, 1], [34, 33, 33]),
    ([2, 2, 3, 0, 1, 0], [25, 25, 38, 0, 12, 0]),  # a tie goes to the larger count
    ([0, 0], [0, 0]),
    ([7, 5, 3, 1, 1, 0], [41, 29, 18, 6, 6, 0]),
])
def test_shares_add_up_to_100(counts, shares):
    from tryggapp.reports.story import whole_percents

    assert whole_percents(counts) == shares
    assert sum(shares) in (0, 100)


def test_bookmarks_nest_as_the_headings(small_db):
    from pypdf import PdfReader

    from tryggapp import reports
    from tryggapp.services import followup

    buffer = io.BytesIO()
    reports.build_pdf(followup.collect(small_db, periods.parse("2026-T2"), TODAY), buffer)
    outline = PdfReader(io.BytesIO(buffer.getvalue())).outline

    def tree(items):
        out = []
        for item in items:
            if isinstance(item, list):
                out[-1] = (out[-1][0], tree(item))
            else:
                out.append((item.title, []))
        return out

    top = dict(tree(outline))
    summary = next(children for title, children in top.items() if title.endswith("Sammanfattning"))
    # "Försenade", "Genomförda under perioden"…: siblings under the summary.
    assert len(summary) >= 2 and all(children == [] for _t, children in summary)
    coming = next(children for title, children in top.items() if "Kommande" in title)
    assert [t for t, _c in coming] == ["Deadlines", "Möten", "Trygghetsvandringar"] or \
        [t for t, _c in coming] == ["Deadlines", "Möten"]


def _goal(**kw):
    from tryggapp.domain.enums import Assessment, Trend
    from tryggapp.services.followup import GoalRow, SeriesPoint

    values = kw.pop("values", (91, 94, 97))
    series = tuple(SeriesPoint(f"T{i} 2026", dt.date(2026, 4 * i, 28), v) for i, v in enumerate(values, start=1))
    base = dict(id=1, code="1.1", kind="Effektmål", text="Andel", indicator="Andel elever som känner sig trygga "
                "i skolan och på väg till och från skolan enligt den kommungemensamma enkäten", unit="%",
                baseline=88, baseline_year=2024, target=98, higher_is_better=True, due=None, series=series,
                trend=Trend.POSITIVE, assessment=Assessment.ACHIEVABLE, assessment_comment="", assessment_from="")
    base.update(kw)
    return GoalRow(**base)


def test_goal_charts_percent_axis_baseline_and_title():
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from tryggapp.reports import chartdata, charts, ticks

    (spec,) = chartdata.goal_series([_goal(), _goal(id=2, code="1.2")])
    with matplotlib.rc_context(charts.RC):
        fig = charts.figure(spec)
        assert len(fig.axes) == 2
        renderer = FigureCanvasAgg(fig).get_renderer()
        for ax in fig.axes:
            assert ax.get_ylim()[1] == 100  # a share never reads past 100 %
            assert ticks.labels(ax, "x")[0] == "Utgångsvärde\n2024"
            title = ax.title.get_window_extent(renderer)
            box = ax.get_window_extent(renderer)
            assert box.x0 - 1 <= title.x0 and title.x1 <= box.x1 + 1, "the title runs out of its chart"


def test_a_number_with_thousands_is_never_broken_across_lines():
    """babel writes 1 234 with a no-break space: the big tables' line breaking (TextCell)
    keeps it, as reportlab's paragraphs do, and keeps the space itself."""
    from tryggapp.reports import fonts
    from tryggapp.reports.textcell import wrap_text

    for width in range(30, 120, 3):
        lines = wrap_text("Försenad 1\u00a0234 dagar och 12\u00a0345 kronor", fonts.REGULAR, 8, width)
        text = "\n".join(lines)
        assert "1\u00a0234" in text and "12\u00a0345" in text, lines
