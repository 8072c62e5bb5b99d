"""The coordinator's words for a follow-up report (issue 8, item 2).

Per report period four texts the report prints first — Sammanfattande bedömning,
Viktigaste resultat, Avvikelser och åtgärder, Förslag till kommunledningsgruppen — plus,
per late measure, a new planned date and a reason, and per group behind its meeting
cadence a comment. `draft()` builds a first version from the report's data for the
coordinator to edit; the assessment and the proposals start from the previous period's
text, so next tertial starts where this one ended."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlmodel import col, delete, select

from tryggapp import domain as d
from tryggapp.domain.periods import Period
from tryggapp.formatting import date_long, date_short, number
from tryggapp.i18n import _, ngettext
from tryggapp.storage import Database

if TYPE_CHECKING:
    from tryggapp.services.followup import ReportData

TABLES = frozenset({"report_text", "report_measure_note", "report_group_note"})
FIELDS = ("assessment", "results", "deviations", "proposals")


@dataclass(frozen=True)
class Words:
    assessment: str = ""
    results: str = ""
    deviations: str = ""
    proposals: str = ""
    # measure id -> (new planned date, reason); group id -> comment
    measure_notes: Mapping[int, tuple[dt.date | None, str]] = field(default_factory=dict)
    group_notes: Mapping[int, str] = field(default_factory=dict)
    period_label: str = ""  # the period the text was written for
    saved: bool = False  # False: a draft made from the data, not yet the coordinator's

    def texts(self) -> dict[str, str]:
        return {name: getattr(self, name) for name in FIELDS}

    @property
    def empty(self) -> bool:
        return not any(v.strip() for v in self.texts().values())


def _words(s, row: d.ReportText) -> Words:  # noqa: ANN001 - a Session
    measures = {n.measure_id: (n.new_date, n.reason) for n in s.exec(
        select(d.ReportMeasureNote).where(d.ReportMeasureNote.report_text_id == row.id)).all()}
    groups = {n.group_id: n.comment for n in s.exec(
        select(d.ReportGroupNote).where(d.ReportGroupNote.report_text_id == row.id)).all()}
    return Words(row.assessment, row.results, row.deviations, row.proposals, measures, groups,
                 row.period_label, saved=True)


def load(db: Database, period: Period) -> Words | None:
    """The text saved for exactly this period, if any."""
    with db.session() as s:
        row = s.exec(select(d.ReportText).where(d.ReportText.period_from == period.start,
                                                d.ReportText.period_to == period.end)).first()
        return _words(s, row) if row is not None else None


def previous(db: Database, period: Period) -> Words | None:
    """The latest text of a period that ended before this one began."""
    with db.session() as s:
        row = s.exec(select(d.ReportText).where(col(d.ReportText.period_to) < period.start)
                     .order_by(col(d.ReportText.period_to).desc(), col(d.ReportText.id).desc())).first()
        return _words(s, row) if row is not None else None


def save(db: Database, period: Period, words: Words, *, author: str = "") -> None:
    """Keep the texts (and notes) for `period`, replacing what was saved for it before."""
    with db.session() as s:
        row = s.exec(select(d.ReportText).where(d.ReportText.period_from == period.start,
                                                d.ReportText.period_to == period.end)).first()
        if row is None:
            row = d.ReportText(period_from=period.start, period_to=period.end)
        row.period_label = period.words()
        for name, value in words.texts().items():
            setattr(row, name, value.strip())
        row.author = author
        row.updated_at = dt.datetime.now().replace(microsecond=0)
        s.add(row)
        s.flush()
        s.exec(delete(d.ReportMeasureNote).where(d.ReportMeasureNote.report_text_id == row.id))
        s.exec(delete(d.ReportGroupNote).where(d.ReportGroupNote.report_text_id == row.id))
        for measure_id, (new_date, reason) in words.measure_notes.items():
            if new_date is not None or reason.strip():
                s.add(d.ReportMeasureNote(report_text_id=row.id, measure_id=measure_id, new_date=new_date,
                                          reason=reason.strip()))
        for group_id, comment in words.group_notes.items():
            if comment.strip():
                s.add(d.ReportGroupNote(report_text_id=row.id, group_id=group_id, comment=comment.strip()))
        s.commit()


def draft(data: ReportData, earlier: Words | None = None) -> Words:
    """A first version from the data: the counts, what was completed, the late measures
    with their reason and new date, the groups behind their cadence. The assessment and
    the proposals start from the earlier period's text when there is one."""
    counts = data.status_counts()
    total = sum(counts.values())
    as_of = date_long(data.as_of)
    lines = [_("As of {date}, {done} of the plan's {total} measures are completed, {ongoing} are started or planned "
               "and {late} are late.").format(date=as_of, done=number(counts["done"]), total=number(total),
                                             ongoing=number(counts["ongoing"] + counts["not_started"]
                                                            + counts["paused"]),
                                             late=number(counts["late"]))]
    goals = data.goals
    if goals:
        good = sum(g.assessment.value in ("achieved", "achievable") for g in goals)
        lines.append(_("{good} of {n} goals are assessed as achieved or achievable.").format(
            good=number(good), n=number(len(goals))))
    behind = [g for g in data.groups if g.behind]
    if behind:
        lines.append(ngettext("{n} group has held fewer meetings than its mandate requires.",
                              "{n} groups have held fewer meetings than their mandates require.",
                              len(behind)).format(n=number(len(behind))))
    assessment = " ".join(lines)
    if earlier is not None and earlier.assessment.strip():
        assessment = _("[From {period}:] {text}").format(period=earlier.period_label, text=earlier.assessment.strip()) \
            + "\n\n" + assessment

    results = [_("Completed during the period: {n}.").format(n=number(len(data.completed_in_period)))]
    for m in data.completed_in_period[:10]:
        results.append(f"– {m.ref} {m.title} ({date_short(m.completed_on)})")
    reached = [g for g in goals if g.target_reached]
    for g in reached[:5]:
        results.append("– " + _("Goal {code} reached: {text}").format(code=g.code, text=g.indicator or g.text))

    deviations = []
    for m in data.late:
        line = "– " + ngettext("{ref} {title}: {n} day late.", "{ref} {title}: {n} days late.", m.days_late).format(
            ref=m.ref, title=m.title, n=number(m.days_late))
        if m.reason:
            line += " " + _("Reason: {reason}").format(reason=m.reason.rstrip("."))
            line += "."
        if m.new_date:
            line += " " + _("New planned date: {date}.").format(date=date_short(m.new_date))
        deviations.append(line)
    for g in behind:
        line = "– " + _("{group}: {held} of {required} meetings held.").format(
            group=g.name, held=number(g.held), required=number(g.required))
        if g.comment:
            line += " " + g.comment
        deviations.append(line)
    if not deviations:
        deviations.append(_("No measure is late and every group has held its meetings."))

    proposals = earlier.proposals if earlier is not None else ""
    return Words(assessment, "\n".join(results), "\n".join(deviations), proposals,
                 data.words.measure_notes if data.words else {}, data.words.group_notes if data.words else {},
                 data.period.words(), saved=False)
