"""Översikt: what needs the coordinator's attention today, in a handful of queries.

Every row carries (table, id) so the UI can open the record it names. `today` is a
parameter so tests pin it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.orm import aliased
from sqlmodel import Session

from tryggapp import domain as d
from tryggapp.domain import rules
from tryggapp.domain.enums import MeasureStatus, ObservationCategory, Priority
from tryggapp.storage import Database

HORIZON_DAYS = 30


@dataclass(frozen=True)
class MeasureRow:
    id: int
    number: int
    title: str
    plan_year: int
    deadline: dt.date | None
    status: MeasureStatus
    responsible: str  # person, else organisation, else ""
    focus_area: str  # "3. Trygg stadsmiljö" or ""
    table: str = "measure"


@dataclass(frozen=True)
class MeetingRow:
    id: int
    group_id: int
    group: str
    date: dt.date
    start_time: dt.time | None
    place: str
    table: str = "meeting"


@dataclass(frozen=True)
class GroupRow:
    id: int
    name: str
    held: int  # meetings held this year up to today
    required: int  # owed by today, pro rata (rules.required_meetings)
    per_year: int
    last_meeting: dt.date | None
    table: str = "work_group"

    @property
    def missing(self) -> int:
        return self.required - self.held


@dataclass(frozen=True)
class ObservationRow:
    id: int
    walk_id: int
    walk_date: dt.date
    area: str
    number: int
    place: str
    category: ObservationCategory
    priority: Priority
    table: str = "observation"


@dataclass
class Overview:
    today: dt.date
    late: list[MeasureRow] = field(default_factory=list)
    due_soon: list[MeasureRow] = field(default_factory=list)  # deadline in [today, today+30]
    meetings: list[MeetingRow] = field(default_factory=list)  # in [today, today+30]
    groups_behind: list[GroupRow] = field(default_factory=list)
    observations_without_measure: list[ObservationRow] = field(default_factory=list)
    # The headline: measures of this year's plan (else the latest plan) by stored status,
    # and how many of them are late (derived, so counted on top of their status).
    plan_year: int | None = None
    status_counts: dict[MeasureStatus, int] = field(default_factory=dict)
    late_count: int = 0

    @property
    def measure_total(self) -> int:
        return sum(self.status_counts.values())


def overview(db: Database, today: dt.date) -> Overview:
    out = Overview(today=today)
    horizon = today + dt.timedelta(days=HORIZON_DAYS)
    with db.session() as s:
        out.late = _measures(s, today, d.Measure.deadline < today)
        out.due_soon = _measures(s, today, d.Measure.deadline.between(today, horizon))  # type: ignore[union-attr]
        out.meetings = _meetings(s, today, horizon)
        out.groups_behind = _groups_behind(s, today)
        out.observations_without_measure = _observations(s)
        _headline(s, today, out)
    return out


def _live_measures() -> sa.ColumnElement[bool]:
    """Not archived, and not superseded by a copy carried over into a later plan (the
    old year's row stays as it was, so without this it would be late twice)."""
    successor = aliased(d.Measure)
    return sa.and_(
        d.Measure.archived == sa.false(),
        ~sa.exists().where(successor.carried_over_from_id == d.Measure.id),
    )


def _measures(s: Session, today: dt.date, deadline_clause: sa.ColumnElement[bool]) -> list[MeasureRow]:
    stmt = (
        sa.select(d.Measure.id, d.Measure.number, d.Measure.title, d.ActionPlan.year, d.Measure.deadline,
                  d.Measure.status, d.Person.name, d.Organisation.name, d.FocusArea.number,
                  d.FocusArea.title)
        .join(d.ActionPlan, d.ActionPlan.id == d.Measure.action_plan_id)
        .outerjoin(d.Person, d.Person.id == d.Measure.responsible_person_id)
        .outerjoin(d.Organisation, d.Organisation.id == d.Measure.responsible_organisation_id)
        .outerjoin(d.FocusArea, d.FocusArea.id == d.Measure.focus_area_id)
        .where(_live_measures(), deadline_clause,
               d.Measure.status.in_([x.value for x in rules.OPEN_STATUSES]))  # type: ignore[attr-defined]
        .order_by(d.Measure.deadline, d.ActionPlan.year, d.Measure.number)
    )
    rows = []
    for mid, number, title, year, deadline, status, person, org, fa_no, fa_title in s.execute(stmt):
        rows.append(MeasureRow(
            id=mid, number=number, title=title, plan_year=year, deadline=deadline,
            status=MeasureStatus(status), responsible=person or org or "",
            focus_area=f"{fa_no}. {fa_title}" if fa_title else ""))
    return rows


def _meetings(s: Session, today: dt.date, horizon: dt.date) -> list[MeetingRow]:
    stmt = (
        sa.select(d.Meeting.id, d.Meeting.group_id, d.Group.name, d.Meeting.date, d.Meeting.start_time,
                  d.Meeting.place)
        .join(d.Group, d.Group.id == d.Meeting.group_id)
        .where(d.Meeting.date.between(today, horizon), d.Meeting.cancelled == sa.false())  # type: ignore[attr-defined]
        .order_by(d.Meeting.date, d.Meeting.start_time, d.Group.name)
    )
    return [MeetingRow(*row) for row in s.execute(stmt)]


def _groups_behind(s: Session, today: dt.date) -> list[GroupRow]:
    """Active groups that have held fewer meetings this year than their cadence asks
    for by today (pro rata, and only for the part of the year they existed)."""
    year_start = dt.date(today.year, 1, 1)
    held = (
        sa.select(d.Meeting.group_id, sa.func.count().label("held"))
        .where(d.Meeting.date.between(year_start, today), d.Meeting.cancelled == sa.false())  # type: ignore[attr-defined]
        .group_by(d.Meeting.group_id)
        .subquery()
    )
    last = (
        sa.select(d.Meeting.group_id, sa.func.max(d.Meeting.date).label("last"))
        .where(d.Meeting.date <= today, d.Meeting.cancelled == sa.false())
        .group_by(d.Meeting.group_id)
        .subquery()
    )
    stmt = (
        sa.select(d.Group.id, d.Group.name, d.Group.meetings_per_year, d.Group.started_on,
                  d.Group.dissolved_on, sa.func.coalesce(held.c.held, 0), last.c.last)
        .outerjoin(held, held.c.group_id == d.Group.id)
        .outerjoin(last, last.c.group_id == d.Group.id)
        .where(d.Group.archived == sa.false(), d.Group.meetings_per_year > 0,
               sa.or_(d.Group.dissolved_on.is_(None), d.Group.dissolved_on > today),  # type: ignore[union-attr]
               sa.or_(d.Group.started_on.is_(None), d.Group.started_on <= today))  # type: ignore[union-attr]
        .order_by(d.Group.name)
    )
    out = []
    for gid, name, per_year, started, dissolved, n_held, last_date in s.execute(stmt):
        required = rules.required_meetings(per_year, year_start, today, started, dissolved)
        if n_held < required:
            out.append(GroupRow(gid, name, n_held, required, per_year, last_date))
    out.sort(key=lambda g: (-(g.required - g.held), g.name))
    return out


_PRIORITY_ORDER = sa.case({Priority.HIGH.value: 0, Priority.MEDIUM.value: 1, Priority.LOW.value: 2},
                          value=d.Observation.priority, else_=3)


def _observations(s: Session) -> list[ObservationRow]:
    """Problems seen on a walk that nobody has answered yet: no measure comes from them and
    no reason was written why nothing will be done. Positive notes need no answer."""
    answered = sa.exists().where(d.Measure.origin_observation_id == d.Observation.id)
    stmt = (
        sa.select(d.Observation.id, d.Observation.walk_id, d.SafetyWalk.date, d.SafetyWalk.area,
                  d.Observation.number, d.Observation.place, d.Observation.category, d.Observation.priority)
        .join(d.SafetyWalk, d.SafetyWalk.id == d.Observation.walk_id)
        .where(d.Observation.category != ObservationCategory.POSITIVE.value, ~answered,
               sa.func.length(sa.func.trim(d.Observation.no_action_reason)) == 0)
        .order_by(_PRIORITY_ORDER, d.SafetyWalk.date, d.Observation.number)
    )
    return [ObservationRow(oid, wid, date, area, number, place, ObservationCategory(cat), Priority(prio))
            for oid, wid, date, area, number, place, cat, prio in s.execute(stmt)]


def _headline(s: Session, today: dt.date, out: Overview) -> None:
    year = s.execute(sa.select(d.ActionPlan.year).where(d.ActionPlan.year == today.year)).scalar()
    if year is None:
        year = s.execute(sa.select(sa.func.max(d.ActionPlan.year)).where(d.ActionPlan.year <= today.year)).scalar()
    if year is None:
        year = s.execute(sa.select(sa.func.min(d.ActionPlan.year))).scalar()
    out.plan_year = year
    out.status_counts = {status: 0 for status in MeasureStatus}
    if year is None:
        return
    stmt = (
        sa.select(d.Measure.status, d.Measure.deadline)
        .join(d.ActionPlan, d.ActionPlan.id == d.Measure.action_plan_id)
        .where(d.ActionPlan.year == year, d.Measure.archived == sa.false())
    )
    for status, deadline in s.execute(stmt):
        status = MeasureStatus(status)
        out.status_counts[status] += 1
        out.late_count += rules.is_late(status, deadline, today)
