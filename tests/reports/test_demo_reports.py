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


def expected(db_path, year: int) -> dict:
    """Counts straight from the tables, without services.followup."""
    from tryggapp.storage import open_database

    db = open_database(db_path, read_only=True)
    try:
        with db.session() as s:
            plan = s.exec(select(d.ActionPlan).where(d.ActionPlan.year == year)).one()
            measures = s.exec(select(d.Measure).where(d.Measure.action_plan_id == plan.id,
                                                      d.Measure.archived == False)).all()  # noqa: E712
            areas = s.exec(select(d.FocusArea).where(d.FocusArea.archived == False)).all()  # noqa: E712
            return {
                "total": len(measures),
                "late": sum(rules.is_late(m.status, m.deadline, DEMO_TODAY) for m in measures),
                "done": sum(m.status.value == "done" for m in measures),
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
    want = expected(demo_path, 2026)
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
