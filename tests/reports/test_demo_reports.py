"""The demo municipality's year, tertial and quarter reports, made by the command line,
read back with poppler and checked against the database counted independently."""

from __future__ import annotations

import importlib.util
import re

import pytest
from sqlmodel import select

from tests.conftest import DEMO_TODAY
from tests.reports.conftest import needs_poppler, page_texts, pdffonts, pdfinfo, pdftotext
from tryggapp import domain as d
from tryggapp.domain import rules
from tryggapp.main import main

pytestmark = [needs_poppler, pytest.mark.skipif(importlib.util.find_spec("tryggapp.services.demo") is None,
                                                reason="no demo data module")]


def expected(db_path, year: int, as_of) -> dict:
    """Counts straight from the tables, without services.followup: each measure as it
    stood on `as_of` (its latest status change by then, along the rows it was carried
    over from; none yet and created later: not in the report)."""
    from tryggapp.storage import open_database

    db = open_database(db_path, read_only=True)
    try:
        with db.session() as s:
            plan = s.exec(select(d.ActionPlan).where(d.ActionPlan.year == year)).one()
            measures = s.exec(select(d.Measure).where(d.Measure.action_plan_id == plan.id,
                                                      d.Measure.archived == False)).all()  # noqa: E712
            parent = dict(s.exec(select(d.Measure.id, d.Measure.carried_over_from_id)).all())
            changes = s.exec(select(d.MeasureStatusChange).order_by(
                d.MeasureStatusChange.changed_on, d.MeasureStatusChange.recorded_at, d.MeasureStatusChange.id)).all()
            areas = s.exec(select(d.FocusArea).where(d.FocusArea.archived == False)).all()  # noqa: E712
        statuses = []
        for m in measures:
            chain, mid = set(), m.id
            while mid is not None:
                chain.add(mid)
                mid = parent.get(mid)
            mine = sorted((c for c in changes if c.measure_id in chain),
                          key=lambda c: (c.changed_on, c.recorded_at, c.id))
            by_then = [c for c in mine if c.changed_on <= as_of]
            if by_then:
                status = by_then[-1].new_status
            elif not mine:
                status = m.status
            elif mine[0].old_status is None:
                continue  # created after the report's day
            else:
                status = mine[0].old_status
            statuses.append((status, m.deadline))
        return {
            "total": len(statuses),
            "late": sum(rules.is_late(st, deadline, as_of) for st, deadline in statuses),
            "done": sum(st.value == "done" for st, _deadline in statuses),
            "areas": [a.title for a in areas],
        }
    finally:
        db.close()


@pytest.mark.parametrize(("code", "words"), [
    ("2026", "året 2026"),
    ("2026-T2", "andra tertialet 2026"),
    ("2026-Q3", "tredje kvartalet 2026"),
])
def test_demo_reports(demo_path, tmp_path, capsys, code, words):
    target = tmp_path / f"{code}.pdf"
    status = main(["report", "--db", str(demo_path), "--period", code, "-o", str(target),
                   "--today", DEMO_TODAY.isoformat()])
    assert status == 0, capsys.readouterr().err
    text = " ".join(pdftotext(target).split())  # words, whatever the line breaks
    layout = pdftotext(target, layout=True).replace("\u00a0", " ")
    pages = page_texts(target)
    assert words in text
    assert all(f"Sida {i} av {len(pages)}" in p for i, p in enumerate(pages, start=1))
    from tryggapp.domain import periods

    want = expected(demo_path, 2026, min(periods.parse(code).end, DEMO_TODAY))
    for title in want["areas"]:
        assert " ".join(title.split()) in text
    assert re.search(rf"Totalt\s+{want['total']}\b", layout)
    assert re.search(rf"Försenad\s+{want['late']}\b", layout)
    assert re.search(rf"Genomförd\s+{want['done']}\b", layout)
    assert all(f["emb"] == "yes" for f in pdffonts(target))
    info = pdfinfo(target)
    assert words in info["Title"] and info["Author"]


def test_report_trends_match_the_programme_view(demo_db):
    """The report and the Handlingsprogram view must not disagree about a goal's trend."""
    from tryggapp.domain import periods
    from tryggapp.services import followup, programme

    for code in ("2026", "2026-T2"):
        period = periods.parse(code)
        for goal in followup.collect(demo_db, period, DEMO_TODAY).goals:
            assert goal.trend == programme.goal_trend(demo_db, goal.id, until=period), (code, goal.code)
