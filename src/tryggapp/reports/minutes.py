"""Protokoll and kallelse as PDF, in the usual Swedish form (DOMAIN.md, "Minutes in the
usual Swedish form"): the facts block (Plats och tid, Beslutande, Övriga närvarande,
Anmält förhinder, Justerare, Justeringens plats och tid, Paragrafer), the signature
lines, the anslag, then each § with its beslut as "att …" clauses. Every page has the
organ, the date, "Sida X av N" and a box for the justerare's initials.

    data = services.protocol.collect(db, meeting_id, today)
    pages = reports.minutes.build_protocol(data, "protokoll.pdf")
"""

from __future__ import annotations

from collections.abc import Callable
from io import BytesIO
from pathlib import Path
from typing import Any, BinaryIO

from tryggapp.reports import fonts

fonts.register()  # before reportlab.platypus: see tryggapp.reports.fonts
from reportlab.lib.units import mm  # noqa: E402
from reportlab.pdfgen.canvas import Canvas  # noqa: E402
from reportlab.platypus import (  # noqa: E402
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Spacer,
    Table,
)

from tryggapp.formatting import date_long  # noqa: E402
from tryggapp.i18n import _  # noqa: E402
from tryggapp.reports import styles as st  # noqa: E402
from tryggapp.reports.document import _ellipsize, _NumberedCanvas  # noqa: E402
from tryggapp.reports.output import write_pdf  # noqa: E402
from tryggapp.services.protocol import ProtocolData  # noqa: E402

TITLE = st._style("minutes_title", fontName=fonts.BOLD, fontSize=20, leading=25, textColor=st.ACCENT, spaceAfter=2)
ORGAN = st._style("minutes_organ", fontName=fonts.BOLD, fontSize=12, leading=15, textColor=st.INK)
LABEL = st._style("minutes_label", fontName=fonts.BOLD, fontSize=9.5, leading=13)
PARA_HEAD = st._style("minutes_para", fontName=fonts.BOLD, fontSize=11, leading=14.5, spaceBefore=12,
                      spaceAfter=4, keepWithNext=1)
CLAUSE = st._style("minutes_clause", leftIndent=14, spaceAfter=2)
SIGN_NAME = st._style("minutes_sign", fontSize=9, leading=12)
FOLLOW = st._style("minutes_follow", fontSize=8.5, leading=11.5, leftIndent=34, firstLineIndent=-8, spaceAfter=1,
                   textColor=st.MUTED)
DRAFT = st._style("minutes_draft", fontName=fonts.BOLD, fontSize=9, leading=12, textColor=st.LATE_INK)

LABEL_WIDTH = 52 * mm


class SignatureLine(Flowable):
    """A role, a line to sign on, and the name printed under it."""

    def __init__(self, role: str, name: str, width: float) -> None:
        super().__init__()
        self.role, self.name, self.width, self.height = role, name, width, 21 * mm

    def draw(self) -> None:
        c = self.canv
        c.setFont(fonts.BOLD, 9)
        c.setFillColor(st.INK)
        c.drawString(0, self.height - 4 * mm, self.role)
        c.setStrokeColor(st.INK)
        c.setLineWidth(0.6)
        c.line(LABEL_WIDTH, 7 * mm, self.width, 7 * mm)
        c.setFont(fonts.REGULAR, 9)
        c.drawString(LABEL_WIDTH, 3 * mm, fonts.clean(self.name))


def _facts(rows: list[tuple[str, str]], label_width: float = LABEL_WIDTH) -> Table:
    data = [[st.para(label, LABEL), st.para(value)] for label, value in rows]
    table = Table(data, colWidths=[label_width, st.FRAME_WIDTH - label_width], hAlign="LEFT")
    table.setStyle(st.table_style(header_rows=0, zebra=False, row_lines=True))
    return table


def _lines(names: list[str]) -> str:
    return "\n".join(names) if names else "–"


def _decorate(data: ProtocolData, kind: str, initials: bool) -> Callable[[Canvas, int, int], None]:
    organ = fonts.clean(data.group)
    right_text = fonts.clean(f"{kind} {date_long(data.date)}")

    def decorate(c: Canvas, page: int, total: int) -> None:
        c.saveState()
        width, height = c._pagesize
        left, right = st.MARGIN_LEFT, width - st.MARGIN_RIGHT
        y = height - 14 * mm
        c.setFont(fonts.BOLD, 8)
        c.setFillColor(st.ACCENT)
        c.drawString(left, y, fonts.clean(data.municipality) or organ)
        c.setFont(fonts.REGULAR, 8)
        c.setFillColor(st.MUTED)
        c.drawRightString(right, y, right_text)
        c.setStrokeColor(st.RULE)
        c.setLineWidth(0.5)
        c.line(left, y - 2.6 * mm, right, y - 2.6 * mm)
        y = 12 * mm
        c.line(left, y + 4 * mm, right, y + 4 * mm)
        page_text = _("Page {page} of {total}").format(page=page, total=total)
        room = right - left - c.stringWidth(page_text, fonts.REGULAR, 8) - 6 * mm
        if initials:  # each page is initialled at justering ("Justerandes signatur")
            label = _("Adjusters' initials")
            box_w = 28 * mm
            box_x = right - c.stringWidth(page_text, fonts.REGULAR, 8) - 6 * mm - box_w
            c.setFont(fonts.REGULAR, 7)
            c.setFillColor(st.MUTED)
            c.drawRightString(box_x - 2 * mm, y, label)
            c.setStrokeColor(st.INK)
            c.rect(box_x, y - 2 * mm, box_w, 6 * mm, stroke=1, fill=0)
            room = box_x - 2 * mm - c.stringWidth(label, fonts.REGULAR, 7) - 5 * mm - left
        c.setFont(fonts.REGULAR, 8)
        c.setFillColor(st.INK)
        c.drawString(left, y, _ellipsize(organ, room, 8))
        c.drawRightString(right, y, page_text)
        c.restoreState()

    return decorate


def _build(story: list[Any], data: ProtocolData, kind: str, target: str | Path | BinaryIO, *,
           initials: bool) -> int:
    decorate = _decorate(data, kind, initials)

    class _Canvas(_NumberedCanvas):
        pass

    _Canvas.decorate = staticmethod(decorate)
    _Canvas.heading_pages = {}
    buffer = BytesIO()
    doc = BaseDocTemplate(buffer, pagesize=(st.PAGE_WIDTH, st.PAGE_HEIGHT), title=f"{kind} {data.group} "
                          f"{data.date.isoformat()}", author=data.municipality, subject=kind, lang="sv-SE")
    frame = Frame(st.MARGIN_LEFT, st.MARGIN_BOTTOM, st.FRAME_WIDTH,
                  st.PAGE_HEIGHT - st.MARGIN_TOP - st.MARGIN_BOTTOM, id="body",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    doc.build(story, canvasmaker=_Canvas)
    write_pdf(buffer.getvalue(), target)
    return doc.page


def protocol_story(data: ProtocolData) -> list[Any]:
    story: list[Any] = [st.para(data.group, ORGAN), st.para(_("Minutes"), TITLE),
                        st.para(_("Meeting of {date}").format(date=date_long(data.date)), st.LEAD)]
    if not data.justerad:
        story.append(st.para(_("Draft – the minutes are not yet approved (justerade)."), DRAFT))
    rows = [(_("Place and time"), data.place_and_time),
            (_("Decision makers"), _lines(data.decision_makers)),
            (_("Others present"), _lines(data.others_present))]
    if data.co_opted:
        rows.append((_("Co-opted members"), _lines(data.co_opted)))
    rows += [(_("Apologies"), _lines(data.absent)),
             (_("Adjuster"), data.adjuster or "–"),
             (_("Place and time of adjustment"), data.adjustment or "–"),
             (_("Paragraphs"), data.paragraph_range or "–")]
    story += [_facts(rows), Spacer(1, 8 * mm)]
    width = st.FRAME_WIDTH
    story.append(KeepTogether([
        st.para(_("Signatures"), st.H3),
        SignatureLine(_("Secretary"), data.secretary, width),
        SignatureLine(_("Chair"), data.chair, width),
        SignatureLine(_("Adjuster"), data.adjuster, width),
    ]))
    if data.justerad or data.posted_from or data.posted_to or data.kept_at:
        story.append(KeepTogether(_notice_of_approval(data, width)))
    for p in data.paragraphs:
        block: list[Any] = [CondPageBreak(30 * mm), st.para(f"§ {p.number}\u2003{p.heading}", PARA_HEAD)]
        if p.reference_number:
            block.append(st.para(_("Ref. no. {ref}").format(ref=p.reference_number), st.SMALL))
        for chunk in p.discussion.split("\n\n"):
            if chunk.strip():
                block.append(st.para(chunk.strip()))
        if p.clauses:
            block.append(st.para(_("Decision"), LABEL))
            block += [st.para(clause, CLAUSE) for clause in p.clauses]
        if p.measures:
            block.append(st.para(_("Measures in the action plan: {list}").format(list="; ".join(p.measures)),
                                 st.SMALL))
        story += block
    if not data.paragraphs:
        story.append(st.para(_("No paragraphs have been written yet."), st.NOTE))
    return story


def _notice_of_approval(data: ProtocolData, width: float) -> list[Any]:
    """The anslag/bevis block as Swedish minutes print it under the signatures: that the
    justering has been announced by posting, the organ and meeting date, the day the
    notice is put up and taken down, where the minutes are kept, and a line to sign."""
    out: list[Any] = [Spacer(1, 4 * mm), st.para(_("Notice of approval (anslag)"), st.H3)]
    if data.justerad:
        out.append(st.para(_("The minutes are approved (justerade). The approval has been announced by posting a "
                             "notice.")))
    out += [_facts([(_("Organ"), data.group), (_("Meeting date"), date_long(data.date)),
                    (_("Date the notice is posted"), data.posted_from or "–"),
                    (_("Date the notice is taken down"), data.posted_to or "–"),
                    (_("Where the minutes are kept"), data.kept_at or "–")], label_width=72 * mm),
            Spacer(1, 2 * mm), SignatureLine(_("Signature"), "", width)]
    return out


def build_protocol(data: ProtocolData, target: str | Path | BinaryIO) -> int:
    """Write the protokoll; returns its page count."""
    return _build(protocol_story(data), data, _("Minutes"), target, initials=True)


def notice_story(data: ProtocolData) -> list[Any]:
    story: list[Any] = [st.para(data.group, ORGAN), st.para(_("Notice of meeting"), TITLE), Spacer(1, 3 * mm)]
    rows = [(_("Date"), date_long(data.date)), (_("Time"), data.time_words or "–"), (_("Place"), data.place or "–"),
            (_("Invited"), _lines(data.invited))]
    if data.contact:
        rows.append((_("Apologies to"), data.contact))
    if data.cancelled:
        rows.insert(0, (_("Status"), _("Cancelled")))
    story += [_facts(rows), Spacer(1, 6 * mm), st.para(_("Proposed agenda"), st.H2)]
    from tryggapp.services.meetings import FOLLOW_UP_ITEM

    for k, line in enumerate(data.agenda, start=1):
        story.append(st.para(f"{k}.\u2003{line}", CLAUSE))
        if line == _(FOLLOW_UP_ITEM) and data.follow_up:
            story += [st.para("– " + f, FOLLOW) for f in data.follow_up]
    if not data.agenda:
        story.append(st.para(_("The agenda will be sent out later."), st.NOTE))
    if data.notes:
        story += [Spacer(1, 4 * mm), st.para(data.notes, st.NOTE)]
    return story


def build_notice(data: ProtocolData, target: str | Path | BinaryIO) -> int:
    """Write the kallelse (notice with the agenda); returns its page count."""
    return _build(notice_story(data), data, _("Notice of meeting"), target, initials=False)
