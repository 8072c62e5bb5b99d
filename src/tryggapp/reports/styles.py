"""Typography of the report: A4, DejaVu Sans, a sober grey-blue accent that prints as a
dark grey, and helpers that turn user text into safe Paragraphs.

Everything here must survive a black-and-white printer: colour is never the only
carrier of meaning (status words are written out, the traffic light has a symbol)."""

from __future__ import annotations

import weakref
from xml.sax.saxutils import escape

from tryggapp.reports import fonts

fonts.register()  # before reportlab.platypus / lib.styles: see tryggapp.reports.fonts
from reportlab.lib import colors  # noqa: E402
from reportlab.lib.enums import TA_LEFT, TA_RIGHT  # noqa: E402
from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.lib.styles import ParagraphStyle  # noqa: E402
from reportlab.lib.units import mm  # noqa: E402
from reportlab.platypus import Paragraph, TableStyle  # noqa: E402

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_LEFT = MARGIN_RIGHT = 20 * mm
MARGIN_TOP = 24 * mm  # room for the running header
MARGIN_BOTTOM = 20 * mm  # room for the footer
FRAME_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT
# The appendix (the whole action plan, eight columns) is set on landscape pages.
LANDSCAPE_WIDTH, LANDSCAPE_HEIGHT = PAGE_HEIGHT, PAGE_WIDTH
LANDSCAPE_FRAME_WIDTH = LANDSCAPE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT

ACCENT = colors.HexColor("#1F3A5F")  # headings, rules: prints as a near-black grey
INK = colors.HexColor("#1A1A1A")
MUTED = colors.HexColor("#5A6270")
RULE = colors.HexColor("#A9B1BD")
HEADER_BG = colors.HexColor("#E3E7ED")
ZEBRA = colors.HexColor("#F4F6F8")
LATE_INK = colors.HexColor("#9B1C1C")  # dark red: still reads as black in grey print

BODY_SIZE = 9.5


def _style(name: str, **kw) -> ParagraphStyle:  # noqa: ANN003 - ParagraphStyle's own keywords
    base = dict(fontName=fonts.REGULAR, fontSize=BODY_SIZE, leading=BODY_SIZE * 1.38, textColor=INK,
                alignment=TA_LEFT, splitLongWords=1, allowWidows=0, allowOrphans=0,
                # Swedish hyphenation (pyphen's dictionary): long compounds break where
                # Swedish allows, not mid-syllable at the column's edge.
                hyphenationLang="sv", embeddedHyphenation=1, uriWasteReduce=0.3)
    base.update(kw)
    return ParagraphStyle(name, **base)


BODY = _style("body", spaceAfter=5)
SMALL = _style("small", fontSize=8, leading=10.5, textColor=MUTED)
BULLET = _style("bullet", spaceAfter=2, leftIndent=11, firstLineIndent=-11)  # "– a line" of a list
NOTE = _style("note", fontName=fonts.OBLIQUE, fontSize=8.5, leading=11.5, textColor=MUTED, spaceAfter=6)
LEAD = _style("lead", fontSize=10.5, leading=15, spaceAfter=8)
# keepWithNext: a heading never ends a page alone (platypus moves it to the next page).
H1 = _style("h1", fontName=fonts.BOLD, fontSize=17, leading=21, textColor=ACCENT, spaceBefore=0, spaceAfter=10,
            keepWithNext=1)
TOC_TITLE = _style("toc_title", fontName=fonts.BOLD, fontSize=17, leading=21, textColor=ACCENT, spaceAfter=14)
H2 = _style("h2", fontName=fonts.BOLD, fontSize=13, leading=17, textColor=ACCENT, spaceBefore=12, spaceAfter=6,
            keepWithNext=1)
H3 = _style("h3", fontName=fonts.BOLD, fontSize=11, leading=14.5, textColor=INK, spaceBefore=10, spaceAfter=4,
            keepWithNext=1)
H4 = _style("h4", fontName=fonts.BOLD, fontSize=9.5, leading=13, textColor=MUTED, spaceBefore=6, spaceAfter=3,
            keepWithNext=1)
CAPTION = _style("caption", fontName=fonts.OBLIQUE, fontSize=8, leading=10.5, textColor=MUTED, spaceBefore=2,
                 spaceAfter=8)
CELL = _style("cell", fontSize=8.3, leading=10.6)
CELL_BOLD = _style("cell_bold", fontName=fonts.BOLD, fontSize=8.3, leading=10.6)
CELL_SMALL = _style("cell_small", fontSize=8, leading=10, textColor=MUTED)  # 8 pt: the smallest text
CELL_RIGHT = _style("cell_right", fontSize=8.3, leading=10.6, alignment=TA_RIGHT)
CELL_HEAD = _style("cell_head", fontName=fonts.BOLD, fontSize=8, leading=10, textColor=INK)
CELL_HEAD_RIGHT = _style("cell_head_right", fontName=fonts.BOLD, fontSize=8, leading=10, alignment=TA_RIGHT)
COVER_MUNI = _style("cover_muni", fontName=fonts.BOLD, fontSize=15, leading=19, textColor=ACCENT)
COVER_TITLE = _style("cover_title", fontName=fonts.BOLD, fontSize=25, leading=31, textColor=ACCENT, spaceAfter=12)
COVER_PERIOD = _style("cover_period", fontSize=16, leading=21, textColor=INK, spaceAfter=4)
COVER_RANGE = _style("cover_range", fontSize=11, leading=15, textColor=MUTED)


class CellParagraph(Paragraph):
    """A Paragraph that remembers its lines for the width it was last wrapped at. A
    table's header row is laid out again on every page it repeats on, and each cell is
    wrapped to measure its row, again when the table is split, and again to draw it: the
    same lines each time."""

    _wrapped_at: float | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        # "blPara" is the broken lines; Paragraph.split may delete them (then wrap again).
        if availWidth == self._wrapped_at and "blPara" in self.__dict__:
            return self.width, self.height
        size = super().wrap(availWidth, availHeight)
        self._wrapped_at = availWidth if "blPara" in self.__dict__ else None
        return size

    _drawn: tuple | None = None  # (document, lines, transparency, the operators written)

    def draw(self) -> None:
        """Drawn once per document: the header row's text is the same on every page
        (relative to the cell, which drawOn has moved to), so the operators written the
        first time are written again. Only for text without markup (a link or underline
        would add to the page besides its text) and the same lines and transparency."""
        canv = self.canv
        doc, alpha = canv._doc, canv._extgstate.getValue("ca")
        drawn = self._drawn
        if drawn is not None and drawn[0]() is doc and drawn[1] is self.blPara and drawn[2] == alpha:
            canv._code.extend(drawn[3])
            return
        start = len(canv._code)
        super().draw()
        if "<" not in self.text:
            self._drawn = (weakref.ref(doc), self.blPara, alpha, canv._code[start:])


def text(value: str) -> str:
    """User text -> Paragraph markup: glyphs the font lacks removed, XML escaped, line
    breaks kept."""
    cleaned = fonts.clean(value or "").strip()
    return escape(cleaned).replace("\n", "<br/>")


def para(value: str, style: ParagraphStyle = BODY) -> Paragraph:
    return Paragraph(text(value), style)


def markup(value: str, style: ParagraphStyle = BODY) -> Paragraph:
    """A Paragraph of trusted markup we wrote ourselves (user parts already escaped)."""
    return Paragraph(value, style)


def clip(value: str, limit: int) -> str:
    """Shorten to `limit` characters at a word boundary, with an ellipsis."""
    value = (value or "").strip()
    if len(value) <= limit:
        return value
    cut = value[:limit].rsplit(" ", 1)[0] if " " in value[: limit] else value[:limit]
    return cut.rstrip(" ,.;:–-") + " …"


def table_style(*, header_rows: int = 1, zebra: bool = True, row_lines: bool = True,
                extra: list | None = None) -> TableStyle:
    """Light grid, grey header band, zebra rows: readable in black and white."""
    cmds: list = [
        ("FONT", (0, 0), (-1, -1), fonts.REGULAR, 8.3),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5),
    ]
    if row_lines:
        cmds.append(("LINEBELOW", (0, 0), (-1, -1), 0.35, RULE))
    if header_rows:
        cmds += [
            ("BACKGROUND", (0, 0), (-1, header_rows - 1), HEADER_BG),
            ("FONT", (0, 0), (-1, header_rows - 1), fonts.BOLD, 8),
            ("LINEBELOW", (0, header_rows - 1), (-1, header_rows - 1), 0.8, ACCENT),
            ("VALIGN", (0, 0), (-1, header_rows - 1), "BOTTOM"),
        ]
    if zebra:
        cmds.append(("ROWBACKGROUNDS", (0, header_rows), (-1, -1), [colors.white, ZEBRA]))
    cmds += extra or []
    return TableStyle(cmds)
