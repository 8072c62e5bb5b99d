"""No heading alone at a page foot (issue 8, item 5): while the demo's reports are built,
every flowable's page is recorded, and a heading must share its page with whatever
follows it (keepWithNext in reports.styles, the loose variant for headings over tables
in reports.story)."""

from __future__ import annotations

import pytest

from tests.conftest import DEMO_TODAY
from tryggapp.reports import document
from tryggapp.reports.document import _OUTLINE_LEVEL

# reportlab.platypus only through tryggapp.reports: it must be imported after the fonts
# set reportlab's base font (PITFALLS), or every later report in this process names
# an unembedded Helvetica.
Paragraph = document.Paragraph


def _record_pages(monkeypatch) -> list[tuple[int, bool, str]]:
    placed: list[tuple[int, bool, str]] = []
    original = document._Doc.afterFlowable

    def after(self, flowable):  # noqa: ANN001 - reportlab's hook
        heading = isinstance(flowable, Paragraph) and flowable.style.name in _OUTLINE_LEVEL
        text = flowable.getPlainText()[:60] if isinstance(flowable, Paragraph) else type(flowable).__name__
        placed.append((self.page, heading, text))
        return original(self, flowable)

    monkeypatch.setattr(document._Doc, "afterFlowable", after)
    return placed


@pytest.mark.parametrize("code", ["2026", "2026-T2", "2025"])
def test_no_heading_ends_a_page(demo_path, tmp_path, monkeypatch, code):
    from tryggapp.main import main

    placed = _record_pages(monkeypatch)
    target = tmp_path / f"{code}.pdf"
    assert main(["report", "--db", str(demo_path), "--period", code, "-o", str(target),
                 "--today", DEMO_TODAY.isoformat()]) == 0
    headings = [i for i, (_, heading, _) in enumerate(placed) if heading]
    assert len(headings) > 10  # the hook saw the report's headings
    alone = [placed[i] for i in headings if i + 1 < len(placed) and placed[i + 1][0] != placed[i][0]]
    assert alone == [], f"headings left alone at a page foot: {alone}"
