"""The report's section "Medborgarlöften och samverkan": the citizen promises and
cooperation agreements with the police in force during the period, each with its
undertakings as they stood on the report's day (services.agreement_report).

Status is written in words (it prints in black and white); each undertaking shows the
latest follow-up of the period and the measures that carry it out, with their status."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tryggapp.reports import fonts

fonts.register()  # before reportlab.platypus: see tryggapp.reports.fonts
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, PageBreak, Paragraph  # noqa: E402

from tryggapp.domain.enums import UndertakingStatus  # noqa: E402
from tryggapp.formatting import date_long, date_short  # noqa: E402
from tryggapp.i18n import _  # noqa: E402
from tryggapp.reports import styles as st  # noqa: E402
from tryggapp.reports import textcell as tc  # noqa: E402
from tryggapp.reports.story import heads, prose, table  # noqa: E402
from tryggapp.reports.styles import para, text  # noqa: E402
from tryggapp.reports.textcell import TextCell  # noqa: E402
from tryggapp.services.agreement_report import ReportAgreement, ReportUndertaking  # noqa: E402

if TYPE_CHECKING:
    from tryggapp.reports.story import ReportStory

_MM = 72 / 25.4


def section(story: ReportStory) -> list[Flowable]:
    data = story.data
    out: list[Flowable] = [PageBreak(), story.h1(_("Citizen promises and cooperation"))]
    agreements: tuple[ReportAgreement, ...] = data.agreements
    if not agreements:
        return out + [para(_("No citizen promises or cooperation agreements with the police were in force during "
                             "the period."))]
    out.append(para(_("The citizen promises and cooperation agreements with the police in force during the period, "
                      "with their status and each undertaking's status on {date}, its latest follow-up in the "
                      "period and the measures that carry it out.").format(date=date_long(data.as_of))))
    for a in agreements:
        out += _agreement(story, a)
    return out


def _agreement(story: ReportStory, a: ReportAgreement) -> list[Flowable]:
    facts = [(_("Period"), f"{date_long(a.period_from)} – {date_long(a.period_to)}"),
             (_("Status"), a.status.label)]
    if a.parties:
        facts.append((_("Parties"), a.parties))
    if a.police_area:
        facts.append((_("Local police area"), a.police_area))
    facts.append((_("Undertakings"), a.summary))
    lines = [Paragraph(f"<b>{text(label)}:</b> {text(value)}", st.BODY) for label, value in facts]
    out: list[Flowable] = [CondPageBreak(60 * _MM), story.h2(_heading(a)), KeepTogether(lines)]
    if a.description.strip():
        out += prose(st.clip(a.description, 1500))
    if not a.undertakings:
        return out + [para(_("No undertakings have been recorded."), st.SMALL)]
    rows = [heads(_("No."), _("Undertaking"), _("Status"), _("Latest follow-up in the period"), _("Measures"))]
    for u in a.undertakings:
        rows.append([str(u.number), TextCell([(u.text, tc.TITLE), (u.party, tc.SMALL)]), _status(u),
                     _note(u), _measures(u)])
    out.append(table(rows, (8, 52, 20, 44, 0)))
    if a.follow_up.strip():
        out.append(para(_("How it is followed up: {text}").format(text=a.follow_up.strip()), st.SMALL))
    return out


def _heading(a: ReportAgreement) -> str:
    """"Medborgarlöfte: Trygg kväll", but not "Medborgarlöfte: Medborgarlöfte 2026: …"."""
    if a.title.casefold().startswith(a.kind.casefold()):
        return a.title
    return f"{a.kind}: {a.title}"


def _status(u: ReportUndertaking) -> TextCell:
    # Bold for what is not done at the end: it is what the reader looks for.
    look = tc.LATE if u.status is UndertakingStatus.NOT_DONE else tc.TEXT
    return TextCell([(u.status.label, look)])


def _note(u: ReportUndertaking) -> TextCell:
    if u.note is None:
        return TextCell([(_("No follow-up during the period"), tc.SMALL)])
    who = f" ({u.note.author.strip()})" if u.note.author.strip() else ""
    return TextCell([(date_short(u.note.noted_on), tc.SMALL), (st.clip(u.note.text, 600) + who, tc.TEXT)])


def _measures(u: ReportUndertaking) -> TextCell | str:
    if not u.measures:
        return "–"
    parts = []
    for m in u.measures:
        parts.append((f"{m.ref} {st.clip(m.title, 120)}", tc.TEXT))
        parts.append((m.status_text, tc.SMALL))
    return TextCell(parts)
