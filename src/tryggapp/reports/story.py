"""The report's content as platypus flowables, one function per section.

Layout rules kept here: every heading is keepWithNext (no orphaned headings); every
table repeats its header row on each page and may split inside a tall row (a 5 000-
character note must not stop the build); user text goes through styles.text()/para()
(escaped, glyphs the font lacks removed)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache
from io import BytesIO

from tryggapp.reports import fonts

fonts.register()  # before reportlab.platypus: see tryggapp.reports.fonts
from reportlab.lib.styles import ParagraphStyle  # noqa: E402
from reportlab.lib.units import mm  # noqa: E402
from reportlab.pdfbase.pdfmetrics import stringWidth  # noqa: E402
from reportlab.platypus import (  # noqa: E402
    CondPageBreak,
    Flowable,
    Image,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
)

from tryggapp.domain.enums import Assessment, Trend  # noqa: E402
from tryggapp.formatting import date_long, date_short, number, percent  # noqa: E402
from tryggapp.i18n import _, current_language  # noqa: E402
from tryggapp.reports import chartdata, situation_section  # noqa: E402
from tryggapp.reports import styles as st  # noqa: E402
from tryggapp.reports import textcell as tc  # noqa: E402
from tryggapp.reports.chartdata import ChartName  # noqa: E402
from tryggapp.reports.chartforms import ReportCharts  # noqa: E402
from tryggapp.reports.pdftext import ReportTable  # noqa: E402
from tryggapp.reports.styles import markup, para, text  # noqa: E402
from tryggapp.reports.textcell import Look, TextCell  # noqa: E402
from tryggapp.reports.toc import Contents, Entry  # noqa: E402
from tryggapp.services.followup import (  # noqa: E402
    OUTCOME_ORDER,
    STATUS_ORDER,
    DirectionBlock,
    FocusAreaBlock,
    GoalRow,
    MeasureRow,
    ReportData,
    outcome_label,
    status_label,
)

# Rows are cut across pages only in tables holding a row that may be taller than a page
# (a 5 000-character note). Elsewhere a row that does not fit moves whole to the next
# page, instead of leaving a sliver of itself at the foot of this one.
LONG_ROW_CHARS = 1500  # a row with less text than this fits on a page whatever the columns

# A summary stays a summary: longer lists are cut here (everything is in the sections).
SUMMARY_ROWS = 30

Step = Callable[[str], None]  # reports progress: "drawing chart X"

# The traffic light: a shape as well as a colour, so it survives a grey printout.
_LIGHT = {
    Assessment.ACHIEVABLE: ("●", "#2E7D32"),
    Assessment.ACHIEVED: ("●", "#2E7D32"),
    Assessment.PARTLY: ("◐", "#A66A00"),
    Assessment.DIFFICULT: ("▲", "#9B1C1C"),
    Assessment.NOT_ACHIEVED: ("▲", "#9B1C1C"),
    Assessment.MISSING: ("○", "#5A6270"),
}
_ASSESSMENT_ORDER = (Assessment.ACHIEVED, Assessment.ACHIEVABLE, Assessment.PARTLY, Assessment.DIFFICULT,
                     Assessment.NOT_ACHIEVED, Assessment.MISSING)


def table(rows: list[list], widths: Sequence[float], *, header_rows: int = 1, extra: list | None = None,
          zebra: bool = True, row_lines: bool = True, fill: float = st.FRAME_WIDTH) -> Table:
    """A report table; widths in mm, a 0 width takes what is left of `fill` (points)."""
    cols = [w * mm for w in widths]
    if 0 in widths:
        cols[widths.index(0)] = fill - sum(cols)
    # Splitting inside rows is allowed only where a row might not fit on a page: each
    # attempt copies the rest of the table, which on a 5 000-row table cost seconds.
    split_in_row = 1 if any(_row_chars(row) > LONG_ROW_CHARS for row in rows) else 0
    return ReportTable(rows, colWidths=cols, repeatRows=header_rows, splitInRow=split_in_row, longTableOptimize=1,
                 style=st.table_style(header_rows=header_rows, zebra=zebra, row_lines=row_lines, extra=extra),
                 hAlign="LEFT")


def _row_chars(row: list) -> int:
    total = 0
    for cell in row:
        for item in cell if isinstance(cell, list) else (cell,):
            total += len(item if isinstance(item, str) else getattr(item, "text", ""))
    return total


def fit(value: str, width_mm: float, look: Look = tc.TEXT) -> str | TextCell:
    """A plain string when the text fits on one line of the column (reportlab draws it
    as it is), else a wrapping TextCell. The column's TableStyle must give strings the
    look's font (TEXT is the tables' default)."""
    value = fonts.clean(value or "").strip()
    if "\n" not in value and stringWidth(value, look.font, look.size) <= width_mm * mm - 8:
        return value
    return TextCell([(value, look)])


def heads(*labels: str, right: Sequence[int] = ()) -> list[Paragraph]:
    return [st.CellParagraph(text(label), st.CELL_HEAD_RIGHT if i in right else st.CELL_HEAD)
            for i, label in enumerate(labels)]


def whole_percents(counts: Sequence[int]) -> list[int]:
    """Shares in whole percent that add up to 100 (largest remainder): rounding each on
    its own gives 99 % or 101 % in a table whose total row says 100 %."""
    total = sum(counts)
    if not total:
        return [0 for _c in counts]
    exact = [c * 100 / total for c in counts]
    shares = [int(e) for e in exact]
    by_remainder = sorted(range(len(counts)), key=lambda i: (-(exact[i] - shares[i]), -counts[i], i))
    for i in by_remainder[:100 - sum(shares)]:
        shares[i] += 1
    return shares


def value_text(value: float | None, unit: str) -> str:
    """'68 %' for percent indicators; other units are named in the indicator line."""
    if value is None:
        return "–"
    suffix = "\u00a0" + unit.strip() if unit.strip() in ("%", "‰") else ""
    return number(value) + suffix


def light(assessment: Assessment) -> str:
    symbol, color = _LIGHT[assessment]
    return f'<font color="{color}">{symbol}</font>\u00a0{text(assessment.label)}'


def status_cell(m: MeasureRow) -> str | TextCell:
    """The status word; late in bold dark red with the days, completed with its date,
    cancelled with its reason. Words, not colour alone: it prints in black and white."""
    label = m.status_text
    carried = [(carried_text(m), tc.SMALL)] if m.carried_to else []
    if m.late:
        return TextCell([(label, tc.LATE), (_days_late(m.days_late, current_language()), tc.SMALL), *carried])
    if m.completed_on:
        return TextCell([(label, tc.TEXT), (date_short(m.completed_on), tc.SMALL), *carried])
    if m.cancel_reason and m.status.value == "cancelled":
        return TextCell([(label, tc.TEXT), (st.clip(m.cancel_reason, 120), tc.SMALL), *carried])
    return TextCell([(label, tc.TEXT), *carried]) if carried else label


@lru_cache(maxsize=4096)
def _days_late(days: int, language: str) -> str:
    """'12 dagar försenad', made once per number (babel's number formatting is slow, and a
    long report has thousands of late measures): per language, as _() and number() are."""
    return _("1 day late") if days == 1 else _("{n} days late").format(n=number(days))


def prose(value: str) -> list[Flowable]:
    """The coordinator's text: paragraphs at blank lines, a line starting with a dash a
    list item."""
    out: list[Flowable] = []
    for block in (value or "").strip().split("\n\n"):
        lines = [line.strip() for line in block.splitlines() if line.strip()]
        plain: list[str] = []
        for line in lines:
            if line[:2] in ("– ", "- ", "• "):
                if plain:
                    out.append(para(" ".join(plain)))
                    plain = []
                out.append(Paragraph("–\u2002" + text(line[2:]), st.BULLET))
            else:
                plain.append(line)
        if plain:
            out.append(para(" ".join(plain)))
    return out


def carried_text(m: MeasureRow) -> str:
    """'Överförd till 2026 som 2026:3': where a measure of an earlier plan went on."""
    year = m.carried_to.split(":", 1)[0]
    words = _("Carried over to {year} as {ref}").format(year=year, ref=m.carried_to)
    return f"{words}: {m.carried_outcome}" if m.carried_outcome else words


def measure_cell(m: MeasureRow, *, description: int = 0, origin: bool = False, notes: bool = False) -> TextCell:
    """Title in bold with, in small grey type below it, the description (cut to
    `description` characters), the origin and the period's notes."""
    parts = [(m.title, tc.TITLE)]
    if description and m.description:
        parts.append((st.clip(m.description, description), tc.SMALL))
    if origin and m.origin:
        parts.append((_("Origin:") + " " + m.origin, tc.SMALL))
    if m.carried_from:
        parts.append((_("Carried over from {year} ({ref})").format(year=m.carried_from.split(":", 1)[0],
                                                                    ref=m.carried_from), tc.SMALL))
    if notes:
        for note in m.notes:
            who = f" ({note.author.strip()})" if note.author.strip() else ""
            parts.append((f"{date_short(note.noted_on)}: {note.text}{who}", tc.SMALL))
    return TextCell(parts)


class ReportStory:
    """Builds the list of flowables. Section numbers follow the sections chosen."""

    def __init__(self, data: ReportData, sections: Sequence[str], step: Step, charts: ReportCharts) -> None:
        self.data = data
        self.sections = sections
        self.step = step
        self.charts = charts  # places each chart now; its drawing is made meanwhile (chartwork)
        # Goal charts are named by their focus area's position (chartdata.goals_name).
        self._area_index = {id(area): i for i, area in
                            enumerate(a for direction in data.directions for a in direction.focus_areas)}
        self.number = 0
        self.figures = 0
        self.toc: list[Entry] = []  # filled as headings are made; Contents reads it at layout
        # Measure numbers are "12", or "2025:12" when the period spans several plans.
        self.ref_mm = 16 if len(data.plan_years) > 1 else 11

    # -- helpers ---------------------------------------------------------------

    def listed(self, heading: Paragraph, level: int, title: str) -> Paragraph:
        """Put `heading` in the contents."""
        key = f"toc{len(self.toc)}"
        heading._toc_key = key  # document._Doc.afterFlowable notes its page
        self.toc.append(Entry(level, title, key))
        return heading

    def h1(self, title: str) -> Paragraph:
        self.number += 1
        self.sub = 0
        return self.listed(Paragraph(f"{self.number}\u2003{text(title)}", st.H1), 0, f"{self.number}  {title}")

    def h2(self, title: str) -> Paragraph:
        self.sub += 1
        number = f"{self.number}.{self.sub}"
        return self.listed(Paragraph(f"{number}\u2003{text(title)}", st.H2), 1, f"{number}  {title}")

    def sub_heading(self, title: str, style: ParagraphStyle) -> list[Flowable]:
        """A heading that may be followed directly by a table. keepWithNext would glue it to
        the whole table and push a table shorter than a page to the next page, leaving a
        white half page; instead the heading needs room for itself and the first rows."""
        loose = ParagraphStyle(style.name, parent=style, keepWithNext=0)
        return [CondPageBreak(40 * mm), Paragraph(text(title), loose)]

    def figure(self, name: ChartName, caption: str) -> list[Flowable]:
        """The chart(s) of the report's chart plan named `name` (reports.chartdata) as a
        numbered figure; several charts (a long set of goal charts) share one caption,
        under the last."""
        parts = self.charts.take(name)
        if not parts:
            return []
        self.figures += 1
        label = _("Figure {n}.").format(n=self.figures)
        cap = Paragraph(f"{text(label)} {text(caption)}", st.CAPTION)
        return [Spacer(1, 2 * mm), *parts[:-1], KeepTogether([parts[-1], cap])]

    # -- the whole ---------------------------------------------------------------

    def build(self) -> list[Flowable]:
        from tryggapp.reports import agreements  # it builds on this module's helpers

        story = self.cover()
        parts = {
            "words": self.words,
            "summary": self.summary,
            "focus_areas": self.focus_areas,
            "organisation": self.organisation,
            "walks": self.walks,
            "situation": lambda: situation_section.flowables(self, self.data.situation),
            "agreements": lambda: agreements.section(self),
            "upcoming": self.upcoming,
            "appendix": self.appendix,
        }
        for key in self.sections:
            story += parts[key]()
        return story

    # -- cover -------------------------------------------------------------------

    def cover(self) -> list[Flowable]:
        d = self.data
        top: list[list] = [[para(d.municipality, st.COVER_MUNI), self._logo()]]
        head = Table(top, colWidths=[st.FRAME_WIDTH - 50 * mm, 50 * mm], style=[
            ("VALIGN", (0, 0), (-1, -1), "TOP"), ("ALIGN", (1, 0), (1, 0), "RIGHT"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("LINEBELOW", (0, 0), (-1, 0), 1.2, st.ACCENT), ("BOTTOMPADDING", (0, 0), (-1, -1), 6)])
        period_words = d.period.words()
        story: list[Flowable] = [head, Spacer(1, 55 * mm), para(d.title, st.COVER_TITLE),
                                 para(period_words[:1].upper() + period_words[1:], st.COVER_PERIOD)]
        if d.period.kind is not None:
            story.append(para(d.period.range_words(), st.COVER_RANGE))
        # Which day the figures stand on: the period's last, or today while it runs.
        story.append(para(_("Status as of {date}").format(date=date_long(d.as_of)), st.COVER_RANGE))
        facts = [
            (_("Programme"), d.programme_title),
            (_("Reference number"), d.programme_reference),
            (_("Action plan"), "; ".join(d.plan_titles)),
            (_("Report date"), date_long(d.today)),
            (_("Author"), ", ".join(x for x in (d.coordinator, d.coordinator_title) if x)),
        ]
        rows = [[para(label, st.CELL_HEAD), para(value, st.CELL)] for label, value in facts if value]
        story += [Spacer(1, 22 * mm), Table(rows, colWidths=[38 * mm, st.FRAME_WIDTH - 38 * mm], hAlign="LEFT",
                                            style=st.table_style(header_rows=0, zebra=False, extra=[
                                                ("LINEABOVE", (0, 0), (-1, 0), 0.35, st.RULE)]))]
        if d.report_footer:
            story += [Spacer(1, 10 * mm), para(d.report_footer, st.SMALL)]
        story.append(PageBreak())
        if self.sections:
            story += [Paragraph(text(_("Contents")), st.TOC_TITLE), Contents(self.toc), PageBreak()]
        return story

    def _logo(self) -> Flowable | str:
        if not self.data.logo:
            return ""
        try:
            from reportlab.lib.utils import ImageReader

            reader = ImageReader(BytesIO(self.data.logo))
            w, h = reader.getSize()
        except Exception:  # noqa: BLE001 - an unreadable logo must not stop the report
            return ""
        scale = min(45 * mm / w, 22 * mm / h)
        return Image(BytesIO(self.data.logo), width=w * scale, height=h * scale, hAlign="RIGHT")

    # -- the coordinator's words ----------------------------------------------------

    def words(self) -> list[Flowable]:
        """The four texts the coordinator wrote for the period; a draft from the data
        (and saying so) when none was saved."""
        from tryggapp.services import report_texts

        d = self.data
        words = d.words if d.words is not None and not d.words.empty else report_texts.draft(d)
        story: list[Flowable] = [self.h1(_("The coordinator's assessment"))]
        if not words.saved:
            story.append(para(_("Compiled automatically from the figures: no text of the coordinator's own has "
                                "been saved for the period."), st.NOTE))
        headings = {
            "assessment": _("Overall assessment"),
            "results": _("Main results"),
            "deviations": _("Deviations and measures taken"),
            "proposals": _("Proposals to the municipal management group"),
        }
        for name, value in words.texts().items():
            story.append(self.h2(headings[name]))
            story += prose(value) or [para(_("No proposals this time.") if name == "proposals" else "–")]
        return story

    # -- 1 summary ---------------------------------------------------------------

    def summary(self) -> list[Flowable]:
        d = self.data
        story: list[Flowable] = [PageBreak()] if self.number else []  # after the coordinator's words
        story.append(self.h1(_("Summary")))
        lead = _("This report follows up {plan} for {period} ({range}). It shows the situation as of {as_of}: "
                 "each measure's status on that day, from its status history. Made in Tryggapp on {date}.").format(
            plan="; ".join(d.plan_titles), period=d.period.words(), range=d.period.range_words(),
            as_of=date_long(d.as_of), date=date_long(d.today))
        story.append(para(lead, st.LEAD))
        story.append(self._key_figures())
        self.step(_("Drawing chart: measures by status"))
        story += self.figure("status", _("Measures by status and focus area."))

        late = d.late
        story += self.sub_heading(_("Late measures"), st.H3)
        if late:
            story.append(para(_("Measures whose due date has passed without their being completed: {n}.").format(
                n=number(len(late)))))
            rows = [heads(_("No."), _("Measure"), _("Responsible"), _("Due date"), _("Days late"), right=(4,))]
            for m in late[:SUMMARY_ROWS]:
                rows.append([m.ref, [para(m.title, st.CELL_BOLD), para(m.focus_area, st.CELL_SMALL)]
                             + ([para(_("Reason: {reason}").format(reason=st.clip(m.reason, 300)), st.CELL_SMALL)]
                                if m.reason else [])
                             + ([para(_("New planned date: {date}.").format(date=date_short(m.new_date)),
                                      st.CELL_SMALL)] if m.new_date else [])
                             + ([para(carried_text(m), st.CELL_SMALL)] if m.carried_to else []),
                             para(m.responsible, st.CELL), date_short(m.deadline),
                             Paragraph(number(m.days_late), st.CELL_RIGHT)])
            story.append(table(rows, (self.ref_mm, 0, 36, 21, 24)))
            story += self._more(len(late))
        else:
            story.append(para(_("No measure is late.")))

        done = d.completed_in_period
        story += self.sub_heading(_("Completed during the period"), st.H3)
        if done:
            rows = [heads(_("No."), _("Measure"), _("Responsible"), _("Completed"))]
            for m in done[:SUMMARY_ROWS]:
                rows.append([m.ref, [para(m.title, st.CELL_BOLD), para(m.focus_area, st.CELL_SMALL)],
                             para(m.responsible, st.CELL), date_short(m.completed_on)])
            story.append(table(rows, (self.ref_mm, 0, 42, 21)))
            story += self._more(len(done))
        else:
            story.append(para(_("No measure was recorded as completed during the period.")))

        counts = d.assessment_counts()
        if counts:
            story += self.sub_heading(_("Goal assessments"), st.H3)
            rows = [heads(_("Assessment"), _("Goals"), _("Share"), right=(1, 2))]
            shown = [a for a in _ASSESSMENT_ORDER if counts.get(a)]
            shares = dict(zip(shown, whole_percents([counts[a] for a in shown]), strict=True))
            for a in shown:
                rows.append([markup(light(a), st.CELL), Paragraph(number(counts[a]), st.CELL_RIGHT),
                             Paragraph(percent(shares[a] / 100), st.CELL_RIGHT)])
            story.append(table(rows, (80, 20, 20)))
        return story

    def _more(self, total: int) -> list[Flowable]:
        """The note under a summary list cut at SUMMARY_ROWS."""
        if total <= SUMMARY_ROWS:
            return []
        where = (_("the appendix and under each focus area") if "appendix" in self.sections
                 else _("each focus area"))
        return [para(_("The first {shown} of {total} are listed; all of them are in {where}.").format(
            shown=number(SUMMARY_ROWS), total=number(total), where=where), st.SMALL)]

    def _key_figures(self) -> Flowable:
        d = self.data
        counts = d.status_counts()
        total = sum(counts.values())
        rows = [heads(_("Status of the measures"), _("Count"), _("Share"), right=(1, 2))]
        shares = dict(zip(STATUS_ORDER, whole_percents([counts[k] for k in STATUS_ORDER]), strict=True))
        for key in STATUS_ORDER:
            label = text(status_label(key))
            if key == "late":
                label = f'<font name="DejaVuSans-Bold">{label}</font>'
            rows.append([markup(label, st.CELL), Paragraph(number(counts[key]), st.CELL_RIGHT),
                         Paragraph(percent(shares[key] / 100) if total else "–", st.CELL_RIGHT)])
        rows.append([Paragraph(text(_("Total")), st.CELL_BOLD), Paragraph(number(total), st.CELL_RIGHT), ""])
        status = table(rows, (40, 17, 17), extra=[("LINEABOVE", (0, -1), (-1, -1), 0.8, st.INK)])

        required = sum(g.required for g in d.groups)
        held = sum(g.held for g in d.groups)
        facts = [
            (_("Completed during the period"), number(len(d.completed_in_period))),
            (_("Progress notes during the period"), number(d.period_notes)),
            (_("Goals followed up"), number(len(d.goals))),
            (_("Meetings held / required"), f"{number(held)} / {number(required)}"),
            (_("Decisions taken"), number(len(d.decisions))),
            (_("Safety walks / observations"), f"{number(len(d.walks))} / {number(len(d.observations))}"),
        ]
        rows = [heads(_("In brief"), "", right=(1,))]
        rows += [[para(label, st.CELL), Paragraph(text(value), st.CELL_RIGHT)] for label, value in facts]
        brief = table(rows, (62, 20))
        return Table([[status, brief]], colWidths=[78 * mm, 92 * mm], hAlign="LEFT", style=[
            ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0)])

    # -- 2 directions and focus areas ----------------------------------------------

    def focus_areas(self) -> list[Flowable]:
        d = self.data
        story: list[Flowable] = [PageBreak(), self.h1(_("Directions and focus areas"))]
        if not d.directions:
            return story + [para(_("The programme has no focus areas yet."))]
        for direction in d.directions:
            story += self._direction(direction)
        return story

    def _direction(self, direction: DirectionBlock) -> list[Flowable]:
        story: list[Flowable] = [self.h2(direction.title)]
        if direction.description:
            story.append(para(direction.description))
        for area in direction.focus_areas:
            story += self._focus_area(area)
        return story

    def _focus_area(self, area: FocusAreaBlock) -> list[Flowable]:
        title = (_("Focus area {number}: {title}").format(number=area.number, title=area.title)
                 if area.id is not None else area.title)
        story: list[Flowable] = [CondPageBreak(60 * mm), self.listed(Paragraph(text(title), st.H3), 2, title)]
        meta = []
        if area.owner:
            meta.append(_("Responsible: {name}").format(name=area.owner))
        counts = {k: v for k, v in area.status_counts().items() if v}
        if counts:
            meta.append(", ".join(f"{status_label(k).lower()} {number(v)}" for k, v in counts.items()))
        if meta:
            story.append(para(" · ".join(meta), st.SMALL))
        if area.description:
            story.append(para(area.description))
        if area.goals:
            story += self.sub_heading(_("Goals and indicators"), st.H4)
            story.append(self._goals_table(area.goals))
            self.step(_("Drawing chart: {area}").format(area=area.title))
            story += self.figure(chartdata.goals_name(self._area_index[id(area)]),
                                 _("Indicator values against target, focus area {number}.").format(number=area.number))
        story += self.sub_heading(_("Measures"), st.H4)
        if area.measures:
            story.append(self._measures_table(area.measures))
        else:
            story.append(para(_("No measures in the action plan for this focus area.")))
        return story

    def _goals_table(self, goals: Sequence[GoalRow]) -> Table:
        rows = [heads(_("Goal"), _("Baseline"), _("Latest value"), _("Target"), _("Trend"), _("Assessment"),
                      right=(1, 2, 3))]
        extra: list = []
        for g in goals:
            goal_cell = [Paragraph(f"<b>{text(g.code)}</b> {text(g.text)}", st.CELL),
                         para(" · ".join(x for x in (g.kind, _("Indicator: {name}").format(name=g.indicator)
                                                     if g.indicator else "", g.unit if g.unit not in ("%", "‰") else "")
                                         if x), st.CELL_SMALL)]
            baseline = value_text(g.baseline, g.unit)
            if g.baseline is not None and g.baseline_year:
                baseline += f"<br/><font size='8' color='#5A6270'>{g.baseline_year}</font>"
            latest = g.latest
            latest_text = "–"
            if latest is not None:
                latest_text = f"{value_text(latest.value, g.unit)}<br/><font size='8' color='#5A6270'>{text(latest.label)}</font>"
            target = value_text(g.target, g.unit)
            if g.target_reached:
                reached = _("reached")
                target += f"<br/><font size='8'>✓ {text(reached)}</font>"
            trend = text(g.trend.label)
            if g.trend is Trend.NEGATIVE:
                trend = f'<font name="DejaVuSans-Bold">{trend}</font>'
            assessment: list[Flowable] = [markup(light(g.assessment), st.CELL)]
            if g.assessment_from:
                assessment.append(para(_("(assessed for {period})").format(period=g.assessment_from), st.CELL_SMALL))
            rows.append([goal_cell, markup(baseline, st.CELL_RIGHT), markup(latest_text, st.CELL_RIGHT),
                         markup(target, st.CELL_RIGHT), markup(trend, st.CELL), assessment])
            if g.assessment_comment:
                # The comment gets the table's whole width: in the narrow assessment
                # column a few sentences made each goal half a page tall.
                label = _("Comment on the assessment:")
                rows.append([markup(f"<i>{text(label)}</i> {text(g.assessment_comment)}", st.CELL_SMALL),
                             "", "", "", "", ""])
                row = len(rows) - 1
                extra += [("SPAN", (0, row), (-1, row)), ("TOPPADDING", (0, row), (-1, row), 0)]
            extra.append(("LINEBELOW", (0, len(rows) - 1), (-1, len(rows) - 1), 0.35, st.RULE))
        return table(rows, (53, 26, 19, 18, 20, 34), extra=extra, zebra=False, row_lines=False)

    def _measures_table(self, measures: Sequence[MeasureRow]) -> Table:
        rows = [heads(_("No."), _("Measure"), _("Responsible"), _("Due date"), _("Status"))]
        for m in measures:
            rows.append([m.ref, measure_cell(m, origin=True, notes=True), fit(m.responsible, 36),
                         date_short(m.deadline), status_cell(m)])
        return table(rows, (self.ref_mm, 0, 36, 21, 24))

    # -- 3 organisation and meetings ---------------------------------------------------

    def organisation(self) -> list[Flowable]:
        d = self.data
        story: list[Flowable] = [PageBreak(), self.h1(_("Organisation and meetings"))]
        required = sum(g.required for g in d.groups)
        held = sum(g.held for g in d.groups)
        story.append(para(_("During the period the groups held {held} of the {required} meetings their mandates "
                            "require.").format(held=number(held), required=number(required))))
        if d.groups:
            rows = [heads(_("Group"), _("Level"), _("Per year"), _("Meetings required"), _("Meetings held"),
                          _("Meetings planned"), _("Meetings cancelled"), right=(2, 3, 4, 5, 6))]
            for g in d.groups:
                name = ([para(g.name, st.CELL)] + ([para(g.note, st.CELL_SMALL)] if g.note else [])
                        + ([para(g.comment, st.CELL_SMALL)] if g.comment else []))
                short = g.held < g.required and not g.planned
                held_text = f"<b>{number(g.held)}</b>" if short else number(g.held)
                rows.append([name, para(g.level, st.CELL), Paragraph(number(g.meetings_per_year), st.CELL_RIGHT),
                             Paragraph(number(g.required), st.CELL_RIGHT), Paragraph(held_text, st.CELL_RIGHT),
                             Paragraph(number(g.planned), st.CELL_RIGHT), Paragraph(number(g.cancelled), st.CELL_RIGHT)])
            story.append(table(rows, (47, 30, 14, 14, 23, 21, 21)))
            story.append(para(_("Required: the meetings per year in the group's mandate, pro rata for the part of "
                                "the period up to {date} that the group existed. Planned: meetings later in the "
                                "period than that day.").format(date=date_long(d.as_of)), st.SMALL))
            self.step(_("Drawing chart: meetings"))
            story += self.figure("meetings", _("Meetings held against required, per group."))
        story += self.sub_heading(_("Decisions during the period"), st.H3)
        if d.formal_decisions:
            story.append(para(_("Formal decisions (agenda, minutes checkers, previous minutes, information noted) "
                                "are left out: {n}.").format(n=number(d.formal_decisions)), st.SMALL))
        if d.decisions:
            rows = [heads(_("Date"), _("Group"), _("§"), _("Item and decision"))]
            for dec in d.decisions:
                rows.append([date_short(dec.date), fit(dec.group, 36), dec.paragraph,
                             TextCell([(dec.heading, tc.TITLE), (dec.decision, tc.TEXT)])])
            story.append(table(rows, (21, 36, 12, 101)))
        else:
            story.append(para(_("No decisions were recorded in minutes during the period.")))
        return story

    # -- 4 safety walks -----------------------------------------------------------------

    def walks(self) -> list[Flowable]:
        d = self.data
        story: list[Flowable] = [PageBreak(), self.h1(_("Safety walks"))]
        if not d.walks:
            return story + [para(_("No safety walks were held during the period."))]
        story.append(para(_("Safety walks held during the period: {walks}, with {obs} observations in all.").format(
            walks=number(len(d.walks)), obs=number(len(d.observations)))))
        rows = [heads(_("Date"), _("Area and route"), _("Light"), _("Participants"), _("Observations"),
                      _("Follow-up meeting"), _("Feedback to residents"), right=(3, 4))]
        for w in d.walks:
            area = [para(w.area, st.CELL)] + ([para(st.clip(w.route, 100), st.CELL_SMALL)] if w.route else [])
            rows.append([date_short(w.date), area, para(w.light, st.CELL),
                         Paragraph(number(w.participants), st.CELL_RIGHT),
                         Paragraph(number(w.observations), st.CELL_RIGHT),
                         date_short(w.follow_up_date) if w.follow_up_date else "–",
                         para(_("Yes") if w.feedback_given else _("No"), st.CELL)])
        story.append(table(rows, (21, 37, 19, 20, 23, 24, 26)))

        counts: dict[str, int] = {k: 0 for k in OUTCOME_ORDER}
        for o in d.observations:
            counts[o.outcome] += 1
        summary = "; ".join(f"{outcome_label(k).lower()}: {number(v)}" for k, v in counts.items() if v)
        story += self.sub_heading(_("What became of the observations"), st.H3)
        story.append(para(_("Of the {n} observations – {summary}.").format(n=number(len(d.observations)),
                                                                          summary=summary)))
        self.step(_("Drawing chart: observations"))
        story += self.figure("observations",
                             _("Observations by category and what became of them."))
        rows = [heads(_("Walk, no."), _("Place and observation"), _("Category"), _("Priority"), _("Outcome"))]
        for o in d.observations:
            place = TextCell([(o.place, tc.TITLE), (st.clip(o.description, 400), tc.SMALL)])
            outcome = [para(outcome_label(o.outcome), st.CELL_BOLD if o.outcome == "open" else st.CELL)]
            if o.outcome_text and o.outcome != "open":
                outcome.append(para(o.outcome_text, st.CELL_SMALL))
            rows.append([[para(date_short(o.walk_date), st.CELL), para(st.clip(o.walk_area, 60), st.CELL_SMALL),
                          para(_("no. {n}").format(n=o.number), st.CELL_SMALL)],
                         place, para(o.category.label, st.CELL), para(o.priority, st.CELL), outcome])
        story.append(table(rows, (23, 52, 34, 20, 41)))
        return story

    # -- 5 coming up ---------------------------------------------------------------------

    def upcoming(self) -> list[Flowable]:
        d = self.data
        nxt = d.next_period
        story: list[Flowable] = [PageBreak(), self.h1(_("Coming up: {period}").format(period=nxt.words()))]
        # Only what lies after the report's day: nothing already held or walked.
        story.append(para(_("Deadlines, meetings and safety walks after {date}, up to {end}.").format(
            date=date_long(d.as_of), end=date_long(nxt.end))))
        story += self.sub_heading(_("Deadlines"), st.H3)
        if d.upcoming_deadlines:
            rows = [heads(_("Due date"), _("No."), _("Measure"), _("Responsible"), _("Status"))]
            for m in d.upcoming_deadlines:
                rows.append([date_short(m.deadline), m.ref, TextCell([(m.title, tc.TITLE), (m.focus_area, tc.SMALL)]),
                             fit(m.responsible, 36), status_cell(m)])
            story.append(table(rows, (21, 16, 73, 36, 24)))
        else:
            story.append(para(_("No open measure has its deadline in the next period.")))
        story += self.sub_heading(_("Meetings"), st.H3)
        if d.upcoming_meetings:
            rows = [heads(_("Date"), _("Time"), _("Group"), _("Place"))]
            for m in d.upcoming_meetings:
                rows.append([date_short(m.date), m.time.strftime("%H.%M") if m.time else "",
                             para(m.group, st.CELL), para(m.place, st.CELL)])
            story.append(table(rows, (21, 14, 75, 60)))
        else:
            story.append(para(_("No meetings are booked for the next period yet.")))
        if d.upcoming_walks:
            story += self.sub_heading(_("Safety walks"), st.H3)
            rows = [heads(_("Date"), _("Area"))] + [[date_short(w.date), para(w.area, st.CELL)]
                                                    for w in d.upcoming_walks]
            story.append(table(rows, (21, 149)))
        return story

    # -- 6 appendix ------------------------------------------------------------------------

    def appendix(self) -> list[Flowable]:
        d = self.data
        story: list[Flowable] = [NextPageTemplate("landscape"), PageBreak(), self.h1(_("Appendix: the action plan"))]
        story.append(para(_("Every measure of {plans}, with its status on {date}.").format(
            plans="; ".join(d.plan_titles), date=date_long(d.as_of)), st.BODY))
        self.step(_("Setting the action plan"))
        by_year: dict[int, list[MeasureRow]] = {}
        for m in d.measures:
            by_year.setdefault(m.plan_year, []).append(m)
        # One table per plan when the period spans several: it reads as the plans were
        # decided, and reportlab's cost of splitting a table grows with its length squared.
        titles = dict(zip(d.plan_years, d.plan_titles, strict=True))
        for year, measures in sorted(by_year.items()):
            if len(by_year) > 1:
                title = titles.get(year, str(year))
                story += self.sub_heading(title if str(year) in title else f"{title} {year}", st.H2)
            story.append(self._plan_table(measures))
        return story

    def _plan_table(self, measures: Sequence[MeasureRow]) -> Table:
        rows = [heads(_("No."), _("Measure"), _("Focus area"), _("Responsible"), _("Origin"), _("Start"),
                      _("Due date"), _("Status"))]
        for m in measures:
            # The plan's year is in the heading above: the number alone identifies the row.
            rows.append([m.ref.rsplit(":", 1)[-1], measure_cell(m, description=300), fit(m.focus_area, 33, tc.SMALL),
                         fit(m.responsible, 33, tc.SMALL), fit(m.origin, 40, tc.SMALL),
                         date_short(m.start) if m.start else "", date_short(m.deadline) if m.deadline else "",
                         status_cell(m)])
        small = [("FONT", (2, 1), (4, -1), fonts.REGULAR, st.CELL_SMALL.fontSize),
                 ("TEXTCOLOR", (2, 1), (4, -1), st.MUTED)]
        return table(rows, (12, 66, 33, 33, 40, 21, 21, 0), fill=st.LANDSCAPE_FRAME_WIDTH, extra=small)
