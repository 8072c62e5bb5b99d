"""The follow-up report's "Lägesbild" section: the lägesbild current on the report's day
(period, sources, findings with severity, area, prioritised focus areas and the measures
answering them with their status), and the EST reports of the period by kind and place.

Called by reports.story (one line in its section table); the data is
services.situation.report_data, collected with the rest of the report."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportlab.platypus import Flowable, PageBreak, Paragraph

from tryggapp.domain import rules
from tryggapp.domain.enums import LATE_LABEL, MeasureStatus
from tryggapp.formatting import date_long, date_short, number
from tryggapp.i18n import _
from tryggapp.reports import styles as st
from tryggapp.reports import textcell as tc
from tryggapp.reports.styles import para
from tryggapp.reports.textcell import TextCell

if TYPE_CHECKING:
    from tryggapp.reports.story import ReportStory
    from tryggapp.services.situation import MeasureLink, ReportPicture

# The places listed in the EST table: the rest are summed on one line.
EST_PLACES = 15


def _status(m: MeasureLink) -> str:
    return _(LATE_LABEL) if m.status_key == rules.LATE else MeasureStatus(m.status).label


def flowables(story: ReportStory, data: ReportPicture | None) -> list[Flowable]:
    from tryggapp.reports.story import heads, table

    out: list[Flowable] = [PageBreak(), story.h1(_("Situation picture"))]
    picture = data.picture if data is not None else None
    if data is None or picture is None:
        out.append(para(_("No situation picture has been made yet. The law (2023:196) requires one at least every "
                          "other year.")))
    else:
        facts = _("{title}, covering {start} – {end}.").format(
            title=picture.title, start=date_long(picture.period_from), end=date_long(picture.period_to))
        if picture.decided_on:
            facts += " " + _("Decided {date}.").format(date=date_long(picture.decided_on))
        out.append(para(facts))
        if picture.analysis:
            out.append(para(picture.analysis))
        out += story.sub_heading(_("Sources"), st.H3)
        if data.sources:
            rows = [heads(_("Kind"), _("Owner"), _("Date"), _("Note"))]
            for s in data.sources:
                rows.append([para(s.kind.label, st.CELL), para(s.owner, st.CELL),
                             date_short(s.dated) if s.dated else "", para(s.note, st.CELL_SMALL)])
            out.append(table(rows, (36, 38, 21, 0)))
        else:
            out.append(para(_("No sources are recorded.")))
        out += story.sub_heading(_("Findings and the measures that answer them"), st.H3)
        if data.findings:
            rows = [heads(_("No."), _("Finding"), _("Severity"), _("Focus areas"), _("Answering measures"))]
            for f in data.findings:
                finding = [(f.title, tc.TITLE)]
                if f.area:
                    finding.append((_("Area: {area}").format(area=f.area), tc.SMALL))
                measures = [para(_("{ref} {title} – {status}").format(ref=m.ref, title=m.title, status=_status(m)),
                                 st.CELL_SMALL) for m in f.measures] or [para(_("None yet"), st.CELL_BOLD)]
                rows.append([str(f.number), TextCell(finding), para(f.severity.label, st.CELL),
                             para("; ".join(label for _i, label in f.focus_areas) or "–", st.CELL_SMALL), measures])
            out.append(table(rows, (10, 55, 17, 38, 0)))
            answered = sum(1 for f in data.findings if f.measures)
            out.append(para(_("{answered} of {n} findings are answered by at least one measure.").format(
                answered=number(answered), n=number(len(data.findings)))))
        else:
            out.append(para(_("The situation picture has no findings recorded.")))
    out += story.sub_heading(_("EST reports in the period"), st.H3)
    est = data.est if data is not None else None
    if est is None or not est.total:
        out.append(para(_("No EST reports were registered during the period.")))
        return out
    out.append(para(_("{n} EST reports were registered during the period, at {places} places.").format(
        n=number(est.total), places=number(len(est.by_place)))))
    rows = [heads(_("Kind of event"), _("Reports"), right=(1,))]
    rows += [[para(k.label, st.CELL), Paragraph(number(n), st.CELL_RIGHT)] for k, n in est.by_kind]
    out.append(table(rows, (70, 25)))
    out.append(para(""))
    by_place: dict[str, list[str]] = {}
    for k, p, n in est.by_kind_and_place:
        by_place.setdefault(p, []).append(f"{k.label.lower()} {number(n)}")
    rows = [heads(_("Place"), _("Reports"), _("Of which"), right=(1,))]
    for place, n in est.by_place[:EST_PLACES]:
        rows.append([para(place, st.CELL), Paragraph(number(n), st.CELL_RIGHT),
                     para(", ".join(by_place.get(place, [])), st.CELL_SMALL)])
    rest = est.by_place[EST_PLACES:]
    if rest:
        rows.append([para(_("Other places ({n})").format(n=number(len(rest))), st.CELL),
                     Paragraph(number(sum(n for _p, n in rest)), st.CELL_RIGHT), ""])
    out.append(table(rows, (60, 20, 0)))
    return out
