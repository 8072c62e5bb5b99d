"""The tables' fast text drawing (reports.pdftext) writes the same bytes as reportlab.

The report's cells skip reportlab's text objects for speed; these tests build one small
document both ways, uncompressed and with reportlab's invariant mode (no dates or
random ids), and compare the files byte for byte: plain string cells (also empty ones),
multi-line and right-aligned strings (left to reportlab), TextCells with several looks,
and lines that need a second font subset (more than 256 different characters)."""

from __future__ import annotations

from io import BytesIO

import pytest


def _alphabet() -> str:
    """About 400 different characters DejaVu Sans has: enough to fill a font subset."""
    ranges = [(0x21, 0x7F), (0xC0, 0x100), (0x100, 0x180), (0x391, 0x3A2), (0x3A3, 0x3CA), (0x410, 0x450)]
    return "".join(chr(c) for a, b in ranges for c in range(a, b))


def _story(table_class: type, head_class: type) -> list:
    from tryggapp.reports import styles as st
    from tryggapp.reports import textcell as tc
    from tryggapp.reports.textcell import TextCell

    letters = _alphabet()
    chunks = [letters[i:i + 40] for i in range(0, len(letters), 40)] * 4  # three pages: the table splits
    rows = [[head_class("Nr", st.CELL_HEAD), head_class("Åtgärd", st.CELL_HEAD), "Ansvarig", "Status"]]
    for i, chunk in enumerate(chunks):
        title = TextCell([(f"Åtgärd {i} (med parentes) \\ snedstreck", tc.TITLE), (chunk, tc.SMALL),
                          ("Rad ett\n\nrad tre", tc.TEXT)])
        rows.append([
            str(i),
            [title] if i % 4 == 1 else [title, TextCell([("Andra", tc.SMALL)])] if i % 4 == 2 else title,
            "" if i % 3 == 0 else f"Åsa\u00a0Öhman {chunk[:6]}",
            TextCell([("Försenad", tc.LATE), ("1\u00a0234 dagar", tc.SMALL)]) if i % 2 else "Genomförd\n2026-03-01",
        ])
    rows.append(["", TextCell([]), letters, ""])  # a line of every character: subsets switch mid-line
    style = st.table_style(extra=[("ALIGN", (0, -1), (0, -1), "RIGHT")])
    return [table_class(rows, colWidths=[30, 200, 150, 90], repeatRows=1, style=style)]


def _pdf(table_class: type, head_class: type) -> bytes:
    from reportlab.platypus import SimpleDocTemplate

    out = BytesIO()
    doc = SimpleDocTemplate(out, invariant=1, pageCompression=0)
    doc.build(_story(table_class, head_class))
    return out.getvalue()


@pytest.fixture
def reportlab_draws(monkeypatch):
    """Make TextCell draw through reportlab's text object (the reference)."""
    from tryggapp.reports.textcell import TextCell

    def use(flag: bool) -> None:
        if flag:
            monkeypatch.setattr(TextCell, "draw", TextCell.draw_reportlab)
        else:
            monkeypatch.undo()

    return use


def test_fast_cells_write_what_reportlab_writes(reportlab_draws) -> None:
    from reportlab.platypus import Paragraph, Table

    from tryggapp.reports.pdftext import ReportTable
    from tryggapp.reports.styles import CellParagraph

    fast = _pdf(ReportTable, CellParagraph)
    reportlab_draws(True)
    slow = _pdf(Table, Paragraph)
    assert slow.count(b"/Type /Page\n") >= 2, "the test must split the table"
    assert b"/F1+1" in slow or b"/F2+1" in slow, "the test must reach a second font subset"
    assert b"Genomf" in slow and b"rad tre" in slow
    assert fast == slow


def test_fast_cells_keep_transparency_to_reportlab() -> None:
    """A colour with transparency is not one the fast path writes: reportlab draws it."""
    from reportlab.lib.colors import Color

    from tryggapp.reports import pdftext

    assert pdftext.color_op(Color(0.1, 0.2, 0.3)) == ".1 .2 .3 rg"
    assert pdftext.color_op(Color(0.1, 0.2, 0.3, alpha=0.5)) is None
