"""Översikt: what needs the coordinator's attention today, in a handful of queries.

Every row carries (table, id) so the UI can open the record it names. `today` is a
parameter so tests pin it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlmodel import Session

from tryggapp import domain as d
from tryggapp.domain import rules
from tryggapp.domain.enums import MeasureStatus, ObservationCategory, Priority
from tryggapp.services import measures
from tryggapp.services.collation import sv_key
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
    focus_area: str  # rules.focus_area_label: "3 Trygg stadsmiljö", or ""
    status_key: str = ""  # rules.status_key on the overview's day
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
    due_soon: list[MeasureRow] = field(default_factory=list)  # open, deadline in [today, today+30]
    meetings: list[MeetingRow] = field(default_factory=list)  # in [today, today+30]
    groups_behind: list[GroupRow] = field(default_factory=list)
    observations_without_measure: list[ObservationRow] = field(default_factory=list)
    # The running plan: this year's (else the latest before it, else the first). Tiles
    # and measure lists count its measures as the follow-up report does on the same day
    # (services.measures.counted_rows): by status key, 'late' replacing an open status,
    # so the tiles add up to the number of measures.
    plan_year: int | None = None
    status_counts: dict[str, int] = field(default_factory=dict)  # rules.STATUS_ORDER keys

    @property
    def late_count(self) -> int:
        return self.status_counts.get(rules.LATE, 0)

    @property
    def measure_total(self) -> int:
        return sum(self.status_counts.values())


def overview(db: Database, today: dt.date) -> Overview:
    out = Overview(today=today, status_counts=rules.count_statuses(()))
    horizon = today + dt.timedelta(days=HORIZON_DAYS)
    with db.session() as s:
        out.meetings = _meetings(s, today, horizon)
        out.groups_behind = _groups_behind(s, today)
        out.observations_without_measure = _observations(s)
        out.plan_year = _running_plan_year(s, today)
    if out.plan_year is None:
        return out
    rows = measures.counted_rows(db, [out.plan_year], today)
    keys = {r.id: rules.status_key(r.status, r.deadline, today) for r in rows}
    out.status_counts = rules.count_statuses(keys.values())
    by_deadline = sorted((r for r in rows if r.deadline is not None), key=lambda r: (r.deadline, r.year, r.number))
    out.late = [_row(r, keys[r.id]) for r in by_deadline if keys[r.id] == rules.LATE]
    out.due_soon = [_row(r, keys[r.id]) for r in by_deadline
                    if rules.is_open(r.status) and today <= r.deadline <= horizon]  # type: ignore[operator]
    return out


def _running_plan_year(s: Session, today: dt.date) -> int | None:
    year = s.execute(sa.select(sa.func.max(d.ActionPlan.year)).where(d.ActionPlan.year <= today.year)).scalar()
    if year is None:
        year = s.execute(sa.select(sa.func.min(d.ActionPlan.year))).scalar()
    return year


def _row(r: measures.MeasureRow, key: str) -> MeasureRow:
    return MeasureRow(id=r.id, number=r.number, title=r.title, plan_year=r.year, deadline=r.deadline,
                      status=r.status, responsible=r.responsible_person or r.responsible_organisation,
                      focus_area=r.focus_area, status_key=key)


def _meetings(s: Session, today: dt.date, horizon: dt.date) -> list[MeetingRow]:
    stmt = (
        sa.select(d.Meeting.id, d.Meeting.group_id, d.Group.name, d.Meeting.date, d.Meeting.start_time,
                  d.Meeting.place)
        .join(d.Group, d.Group.id == d.Meeting.group_id)
        .where(d.Meeting.date.between(today, horizon), d.Meeting.cancelled == sa.false())  # type: ignore[attr-defined]
    )
    # Sorted here: an engine puts a meeting without a time first (SQLite) or last
    # (PostgreSQL), and orders group names by its own collation.
    rows = s.execute(stmt).all()
    rows.sort(key=lambda r: (r.date, r.start_time is not None, r.start_time or dt.time(), sv_key(r.name)))
    return [MeetingRow(*row) for row in rows]


def groups_behind(db: Database, today: dt.date) -> list[GroupRow]:
    """The groups behind their cadence on `today` (the Organisation view warns with these)."""
    with db.session() as s:
        return _groups_behind(s, today)


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
    out.sort(key=lambda g: (-(g.required - g.held), sv_key(g.name)))
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
