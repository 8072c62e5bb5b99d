"""The follow-up report's part on medborgarlöften and samverkan, as plain data.

As the rest of the report, it tells the period as it stood on the report's day (`as_of`:
the period's last day once it is over): the agreements in force at some time in the
period, each undertaking added by that day (`domain.agreements.existed_on`) with its
status from its latest note by that day, the agreement's own status on that day from
those (`commitment_status_on`; the stored status is today's word), the latest note
written in the period (notes of other periods are not repeated), and each linked measure
as it stood that day — its newest copy by then, its status from the status history
(followup.status_on), late when its deadline had passed; a measure made later is left out."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from sqlmodel import Session, col, select

from tryggapp import domain as d
from tryggapp.domain.agreements import commitment_status_on, existed_on, undertaking_status
from tryggapp.domain.enums import CommitmentStatus, UndertakingStatus
from tryggapp.domain.periods import Period
from tryggapp.services import agreements as svc
from tryggapp.services.followup import Change, StateOn, status_on
from tryggapp.storage import Database


@dataclass(frozen=True, slots=True)
class ReportMeasure:
    ref: str  # "2026:12"
    title: str
    status_text: str  # on the report's day; "Försenad" replaces an open status past its deadline


@dataclass(frozen=True, slots=True)
class ReportNote:
    noted_on: dt.date
    text: str
    author: str


@dataclass(frozen=True, slots=True)
class ReportUndertaking:
    number: int
    text: str
    party: str
    status: UndertakingStatus
    note: ReportNote | None  # the latest note of the period, up to the report's day
    measures: tuple[ReportMeasure, ...]


@dataclass(frozen=True, slots=True)
class ReportAgreement:
    table: str
    title: str
    period_from: dt.date
    period_to: dt.date
    parties: str
    police_area: str
    description: str
    follow_up: str
    undertakings: tuple[ReportUndertaking, ...]
    status: CommitmentStatus  # on the report's day, from the undertakings' notes by then

    @property
    def kind(self) -> str:
        return svc.kind_label(self.table)

    @property
    def done(self) -> int:
        return sum(u.status is UndertakingStatus.DONE for u in self.undertakings)

    @property
    def summary(self) -> str:
        return svc.done_summary(self.done, len(self.undertakings))


def collect(db: Database, period: Period, as_of: dt.date) -> tuple[ReportAgreement, ...]:
    """Citizen promises first, then agreements, each by the start of its period."""
    with db.session() as s:
        return _collect(s, period, as_of)


def _collect(s: Session, period: Period, as_of: dt.date) -> tuple[ReportAgreement, ...]:
    orgs = dict(s.exec(select(d.Organisation.id, d.Organisation.name)).all())
    out: list[ReportAgreement] = []
    measures = _Measures(s, as_of)
    for table, model in svc.MODELS.items():
        column = svc.PARENT_COLUMN[table]
        found = s.exec(select(model).where(col(model.period_from) <= period.end, col(model.period_to) >= period.start)
                       .order_by(model.period_from, model.id)).all()
        for a in found:
            parties = s.exec(select(d.AgreementParty.organisation_id)
                             .where(getattr(d.AgreementParty, column) == a.id).order_by(d.AgreementParty.id)).all()
            rows = []
            for u in s.exec(select(d.Undertaking).where(getattr(d.Undertaking, column) == a.id)
                            .order_by(d.Undertaking.number, d.Undertaking.id)).all():
                notes = s.exec(select(d.UndertakingNote).where(d.UndertakingNote.undertaking_id == u.id,
                                                               col(d.UndertakingNote.noted_on) <= as_of)
                               .order_by(d.UndertakingNote.noted_on, d.UndertakingNote.id)).all()
                if not existed_on(u.created, notes[0].noted_on if notes else None, as_of):
                    continue  # added after the report's day
                status = undertaking_status([(n.noted_on, n.id, n.status) for n in notes], as_of)
                of_period = [n for n in notes if n.noted_on >= period.start]
                note = ReportNote(of_period[-1].noted_on, of_period[-1].text, of_period[-1].author) if of_period else None
                linked = s.exec(select(d.UndertakingMeasure.measure_id)
                                .where(d.UndertakingMeasure.undertaking_id == u.id)).all()
                party = orgs.get(u.organisation_id, "") if u.organisation_id else svc.joint_label()
                rows.append(ReportUndertaking(u.number, u.text, party, status, note, measures.linked(linked)))
            status = commitment_status_on([r.status for r in rows], a.period_from, a.period_to, as_of, a.status)
            out.append(ReportAgreement(table, a.title, a.period_from, a.period_to,
                                       ", ".join(orgs.get(o, "") for o in parties), a.police_area,
                                       a.description, a.follow_up, tuple(rows), status))
    return tuple(out)


class _Measures:
    """Linked measures as they stood on the report's day."""

    def __init__(self, s: Session, as_of: dt.date) -> None:
        self.as_of = as_of
        self.rows = {m.id: (m, year) for m, year in s.exec(
            select(d.Measure, d.ActionPlan.year).join(d.ActionPlan, col(d.ActionPlan.id) == d.Measure.action_plan_id))}
        # A copy in a later year's plan exists from that year on: before it, the old row stands.
        self.successor = {m.carried_over_from_id: m.id for m, year in self.rows.values()
                          if m.carried_over_from_id is not None and year <= as_of.year}
        self.history: dict[int, list[Change]] = defaultdict(list)
        for c in s.exec(select(d.MeasureStatusChange)).all():
            self.history[c.measure_id].append(Change(c.changed_on, (c.recorded_at, c.id), c.old_status, c.new_status))

    def _chain(self, measure_id: int) -> list[int]:
        out = [measure_id]
        while (m := self.rows.get(out[-1])) and m[0].carried_over_from_id is not None \
                and m[0].carried_over_from_id not in out:
            out.append(m[0].carried_over_from_id)
        return out

    def state(self, measure_id: int) -> StateOn | None:
        m, _year = self.rows[measure_id]
        history = [c for mid in self._chain(measure_id) for c in self.history.get(mid, ())]
        return status_on(history, self.as_of, m.status)

    def linked(self, linked: list[int]) -> tuple[ReportMeasure, ...]:
        out = []
        for mid in dict.fromkeys(svc.newest(m, self.successor) for m in linked if m in self.rows):
            state = self.state(mid)
            if state is None:  # made after the report's day
                continue
            m, year = self.rows[mid]
            out.append((year, m.number, ReportMeasure(f"{year}:{m.number}", m.title,
                                                      svc.measure_status_text(state.status, m.deadline, self.as_of))))
        return tuple(r for _y, _n, r in sorted(out, key=lambda t: (t[0], t[1])))
