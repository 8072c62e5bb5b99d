"""The PDF document: A4 page template, running header and footer with "Sida 3 av 12",
PDF outline (bookmarks), metadata, and the build itself.

"Sida X av N" needs N before the first page is finished. Instead of building twice,
the canvas keeps each finished page's state and draws the header and footer on all of
them when the document is saved (the NumberedCanvas recipe): one layout pass, which
matters for the 5 000-measure report."""

from __future__ import annotations

from collections.abc import Callable
from io import BytesIO
from pathlib import Path
from typing import Any, BinaryIO

from tryggapp.reports import fonts

fonts.register()  # before reportlab.platypus: see tryggapp.reports.fonts
from reportlab.pdfgen.canvas import Canvas  # noqa: E402
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph  # noqa: E402

from tryggapp.formatting import date_long  # noqa: E402
from tryggapp.i18n import _  # noqa: E402
from tryggapp.reports import Progress, hyphenation  # noqa: E402
from tryggapp.reports import styles as st  # noqa: E402
from tryggapp.reports.chartforms import ReportCharts  # noqa: E402
from tryggapp.reports.chartwork import ChartPlan  # noqa: E402
from tryggapp.reports.output import write_pdf  # noqa: E402
from tryggapp.reports.story import ReportStory  # noqa: E402
from tryggapp.reports.toc import Slot  # noqa: E402
from tryggapp.services.followup import ReportData  # noqa: E402

_OUTLINE_LEVEL = {"h1": 0, "h2": 1, "h3": 2}


class _NumberedCanvas(Canvas):
    """Defers each page until save() so the footer can say how many pages there are, and
    the contents can give the page of each heading (see toc.py)."""

    decorate: Callable[[Canvas, int, int], None] = staticmethod(lambda canvas, page, total: None)
    heading_pages: dict[str, int] = {}  # toc key -> page, filled by _Doc.afterFlowable
    charts: ReportCharts | None = None  # the forms the pages use, defined at save

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []
        self._toc_slots: list[Slot] = []

    def showPage(self) -> None:  # noqa: N802 - reportlab's name
        self._pages.append(dict(self.__dict__))
        self._toc_slots = []
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            type(self).decorate(self, number, total)
            self._write_toc_numbers()
            super().showPage()
        if self.charts is not None:
            # Last: the chart process has drawn while the pages were laid out.
            self.charts.define_forms(self)
        super().save()

    def _write_toc_numbers(self) -> None:
        for slot in self._toc_slots:
            page = self.heading_pages.get(slot.key)
            if page is not None:
                self.setFont(slot.font, slot.size)
                self.setFillColor(st.INK)
                self.drawRightString(slot.x, slot.y, str(page))


class _Doc(BaseDocTemplate):
    def __init__(self, target: Any, data: ReportData, progress: Callable[[int], None],
                 heading_pages: dict[str, int], **kw: Any) -> None:
        super().__init__(target, **kw)
        self._progress = progress
        self.heading_pages = heading_pages
        self._open: list[int] = []  # the heading ranks the next heading may nest under
        frame = Frame(st.MARGIN_LEFT, st.MARGIN_BOTTOM, st.FRAME_WIDTH,
                      st.PAGE_HEIGHT - st.MARGIN_TOP - st.MARGIN_BOTTOM, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        wide = Frame(st.MARGIN_LEFT, st.MARGIN_BOTTOM, st.LANDSCAPE_FRAME_WIDTH,
                     st.LANDSCAPE_HEIGHT - st.MARGIN_TOP - st.MARGIN_BOTTOM, id="wide",
                     leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates([
            PageTemplate(id="page", frames=[frame], pagesize=(st.PAGE_WIDTH, st.PAGE_HEIGHT)),
            PageTemplate(id="landscape", frames=[wide], pagesize=(st.LANDSCAPE_WIDTH, st.LANDSCAPE_HEIGHT)),
        ])

    def afterPage(self) -> None:  # noqa: N802 - reportlab's name
        self._progress(self.page)

    def afterFlowable(self, flowable: Any) -> None:  # noqa: N802 - reportlab's name
        """Headings become PDF bookmarks (the outline a PDF viewer shows beside the pages)
        and give the contents their page numbers."""
        key = getattr(flowable, "_toc_key", None)
        if key is not None:
            self.heading_pages[key] = self.page
        if not isinstance(flowable, Paragraph):
            return
        level = _OUTLINE_LEVEL.get(flowable.style.name)
        if level is None:
            return
        # Nested as the headings are: a heading sits under the nearest heading before it
        # of a higher rank, so the h3s directly under an h1 ("Kommande") are its
        # children and siblings of one another, never each other's (an outline may not
        # jump a level either: reportlab raises).
        while self._open and self._open[-1] >= level:
            self._open.pop()
        self._open.append(level)
        level = len(self._open) - 1
        key = f"h{self.seq.nextf('outline')}"
        title = flowable.getPlainText().replace("\u2003", " ")
        self.canv.bookmarkPage(key)
        self.canv.addOutlineEntry(title, key, level=level, closed=level >= 1)


def _decorations(data: ReportData) -> Callable[[Canvas, int, int], None]:
    """Header: municipality and title (not on the cover). Footer: the period and the page
    number, with the municipality's own footer text (address, web) on a line below."""
    title = data.title
    period = data.period.words()
    period = period[:1].upper() + period[1:]
    footer_text = fonts.clean(" ".join(data.report_footer.split()))
    municipality = fonts.clean(data.municipality)
    # A demo's report must never pass for a real one, printed or not: every page says so.
    demo = _("DEMO – fictional municipality") if data.demo else ""

    def decorate(c: Canvas, page: int, total: int) -> None:
        c.saveState()
        width, height = c._pagesize  # portrait or landscape (the appendix)
        left, right = st.MARGIN_LEFT, width - st.MARGIN_RIGHT
        c.setStrokeColor(st.RULE)
        c.setLineWidth(0.5)
        if page > 1:  # the cover carries its own title block
            y = height - 14 * _MM
            c.setFont(fonts.BOLD, 8)
            c.setFillColor(st.ACCENT)
            c.drawString(left, y, municipality)
            c.setFont(fonts.REGULAR, 8)
            c.setFillColor(st.MUTED)
            c.drawRightString(right, y, _ellipsize(title, right - left - c.stringWidth(municipality, fonts.BOLD, 8)
                                                   - 10 * _MM, 8))
            c.line(left, y - 2.6 * _MM, right, y - 2.6 * _MM)
        y = 12 * _MM
        c.line(left, y + 4 * _MM, right, y + 4 * _MM)
        c.setFont(fonts.REGULAR, 8)
        c.setFillColor(st.INK)
        c.drawString(left, y, period)
        c.drawRightString(right, y, _("Page {page} of {total}").format(page=page, total=total))
        if demo:
            c.setFont(fonts.BOLD, 9)
            c.setFillColor(st.INK)
            c.drawCentredString(width / 2, y, demo)
            c.drawCentredString(width / 2, height - 8 * _MM, demo)
        if footer_text:
            c.setFont(fonts.REGULAR, 8)
            c.setFillColor(st.MUTED)
            c.drawString(left, y - 3.6 * _MM, _ellipsize(footer_text, right - left, 8))
        c.restoreState()

    return decorate


_MM = 72 / 25.4


def _ellipsize(value: str, max_width: float, size: float) -> str:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    if stringWidth(value, fonts.REGULAR, size) <= max_width:
        return value
    while value and stringWidth(value + " …", fonts.REGULAR, size) > max_width:
        value = value[:-1]
    return value.rstrip() + " …"


def _estimate_pages(data: ReportData, sections: list[str]) -> int:
    """A rough page count for the progress bar (measured on the demo and stress data)."""
    pages = 2 + len(sections)
    if "focus_areas" in sections:
        pages += len(data.measures) // 9 + len(data.goals) // 3
    if "appendix" in sections:
        pages += len(data.measures) // 14
    if "organisation" in sections:
        pages += len(data.decisions) // 10
    if "walks" in sections:
        pages += len(data.observations) // 14
    return max(pages, 3)


def build(data: ReportData, target: str | Path | BinaryIO, sections: list[str], progress: Progress | None,
          plan: ChartPlan) -> int:
    report = progress or (lambda fraction, message: None)
    report(0.02, _("Preparing the report"))
    hyphenation.prime()  # reportlab's paragraphs hyphenate in Swedish: the dictionary from its copy
    steps = [0]

    def step(message: str) -> None:
        # Charts are the slow part before layout: 2 % to 40 %.
        steps[0] += 1
        report(min(0.4, 0.02 + 0.04 * steps[0]), message)

    charts = ReportCharts(plan)
    flowables = ReportStory(data, sections, step, charts).build()
    report(0.4, _("Laying out the pages"))
    estimate = _estimate_pages(data, sections)

    def page_done(page: int) -> None:
        report(min(0.97, 0.4 + 0.57 * page / max(estimate, page + 1)),
               _("Laying out page {page}").format(page=page))

    heading_pages: dict[str, int] = {}
    canvas_class = type("ReportCanvas", (_NumberedCanvas,), {"decorate": staticmethod(_decorations(data)),
                                                            "heading_pages": heading_pages, "charts": charts})
    buffer = BytesIO()
    doc = _Doc(
        buffer, data, page_done, heading_pages,
        pagesize=(st.PAGE_WIDTH, st.PAGE_HEIGHT),
        leftMargin=st.MARGIN_LEFT, rightMargin=st.MARGIN_RIGHT,
        topMargin=st.MARGIN_TOP, bottomMargin=st.MARGIN_BOTTOM,
        title=f"{data.title} – {data.period.words()}",
        author=data.author,
        subject=_("Follow-up report of {municipality} for {period}, {date}").format(
            municipality=data.municipality, period=data.period.words(), date=date_long(data.today)),
        keywords=[_("follow-up"), _("action plan"), _("safety"), data.municipality],
        creator="Tryggapp",
        lang="sv-SE",
        displayDocTitle=1,
        initialFontName=fonts.REGULAR,
    )
    doc.build(flowables, canvasmaker=canvas_class)
    pages = doc.page
    write_pdf(buffer.getvalue(), target)
    report(1.0, _("The report is ready"))
    return pages
