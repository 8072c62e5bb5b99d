"""Statistics of safety walks for a period: walks held, observations by category and by
status, handled against open, and those still open six months after their walk.

As the follow-up report, the figures stand on the period's last day once the period is
over, else on `today` (`followup.as_of_day`): walks after that day are not yet held, and
an observation's status follows its measures as they stood on that day (status history,
carried-over measures as their newest copy). What became of an observation is decided
by `followup.observation_outcome` and the measures are looked up by
`followup.observation_answers`, the same rule and lookup the report's walks part uses, so
the two never disagree.

    stats = walk_stats.collect(db, periods.parse("2026-T2"), today)
    stats.by_outcome[followup.OUTCOME_MEASURE], stats.open_after_six_months
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import Counter
from dataclasses import dataclass

from sqlmodel import col, select

from tryggapp import domain as d
from tryggapp.domain.enums import ObservationCategory
from tryggapp.domain.periods import Period
from tryggapp.services import followup
from tryggapp.services.followup import (
    OUTCOME_DONE,
    OUTCOME_NO_ACTION,
    OUTCOME_ORDER,
    OUTCOME_POSITIVE,
)
from tryggapp.storage import Database

# Handled: nothing is left to do about it — its measures are done, a reason why nothing
# will be done is given, or it was a positive note. Decided but unfinished measures and
# observations without a decision are open (Kungsbacka aims to finish within six months).
HANDLED_OUTCOMES = frozenset({OUTCOME_DONE, OUTCOME_NO_ACTION, OUTCOME_POSITIVE})
OPEN_MONTHS = 6


def is_handled(outcome: str) -> bool:
    return outcome in HANDLED_OUTCOMES


def six_months_after(day: dt.date) -> dt.date:
    """The same day six months later (the month's last day when it has no such day:
    31 August -> 28/29 February)."""
    index = day.month - 1 + OPEN_MONTHS
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def open_too_long(outcome: str, walk_date: dt.date, as_of: dt.date) -> bool:
    """Still open six months (or more) after its walk, on `as_of`."""
    return not is_handled(outcome) and six_months_after(walk_date) <= as_of


@dataclass(frozen=True, slots=True)
class ObservationStat:
    walk_id: int
    observation_id: int
    number: int
    place: str
    category: ObservationCategory
    outcome: str  # a key of followup.OUTCOME_ORDER
    handled: bool
    open_too_long: bool


@dataclass(frozen=True, slots=True)
class WalkStat:
    id: int
    date: dt.date
    area: str
    observations: int
    handled: int
    open: int
    open_too_long: int


@dataclass(frozen=True)
class WalkStats:
    period: Period
    as_of: dt.date
    walks: tuple[WalkStat, ...]
    observations: tuple[ObservationStat, ...]

    @property
    def walks_held(self) -> int:
        return len(self.walks)

    @property
    def by_category(self) -> dict[ObservationCategory, int]:
        """Observations per category, most first (ties in the category's order)."""
        counts = Counter(o.category for o in self.observations)
        order = list(ObservationCategory)
        return dict(sorted(counts.items(), key=lambda kv: (-kv[1], order.index(kv[0]))))

    @property
    def by_outcome(self) -> dict[str, int]:
        """Observations per outcome key, every key of OUTCOME_ORDER present, in that order."""
        counts = Counter(o.outcome for o in self.observations)
        return {key: counts[key] for key in OUTCOME_ORDER}

    def by_category_and_outcome(self) -> dict[ObservationCategory, dict[str, int]]:
        """Per category (as by_category), the count per outcome, zero counts left out."""
        table: dict[ObservationCategory, Counter[str]] = {cat: Counter() for cat in self.by_category}
        for o in self.observations:
            table[o.category][o.outcome] += 1
        return {cat: {k: c[k] for k in OUTCOME_ORDER if c[k]} for cat, c in table.items()}

    @property
    def handled(self) -> int:
        return sum(1 for o in self.observations if o.handled)

    @property
    def open(self) -> int:
        return len(self.observations) - self.handled

    @property
    def open_after_six_months(self) -> int:
        return sum(1 for o in self.observations if o.open_too_long)


def collect(db: Database, period: Period, today: dt.date) -> WalkStats:
    """The walks held in `period` up to its as-of day and what became of their observations."""
    as_of = followup.as_of_day(period, today)
    return _build(db, period, as_of, select(d.SafetyWalk).where(
        col(d.SafetyWalk.date).between(period.start, as_of)))


def of_walk(db: Database, walk_id: int, today: dt.date) -> WalkStats:
    """One walk on `today`: its figures (`.walks`, empty when there is no such walk or it
    lies after `today`) and each observation's outcome and six-month flag (`.observations`):
    what the walk view shows per observation."""
    return _build(db, Period(dt.date.min, today), today,
                  select(d.SafetyWalk).where(d.SafetyWalk.id == walk_id, col(d.SafetyWalk.date) <= today))


def for_walk(db: Database, walk_id: int, today: dt.date) -> WalkStat | None:
    """One walk's figures on `today` (None: no such walk, or it lies after `today`)."""
    stats = of_walk(db, walk_id, today)
    return stats.walks[0] if stats.walks else None


def _build(db: Database, period: Period, as_of: dt.date, walk_query) -> WalkStats:  # noqa: ANN001 - a select
    with db.session() as s:
        walks = list(s.exec(walk_query.order_by(d.SafetyWalk.date, d.SafetyWalk.id)).all())
        obs = list(s.exec(select(d.Observation).where(col(d.Observation.walk_id).in_([w.id for w in walks]))
                          .order_by(d.Observation.walk_id, d.Observation.number)).all()) if walks else []
    answers = followup.observation_answers(db, [o.id for o in obs], as_of)
    walk_date = {w.id: w.date for w in walks}
    rows = []
    for o in obs:
        outcome = followup.observation_outcome(o.category, o.no_action_reason,
                                               [a.status for a in answers.get(o.id, ())])
        rows.append(ObservationStat(
            walk_id=o.walk_id, observation_id=o.id, number=o.number, place=o.place, category=o.category,
            outcome=outcome, handled=is_handled(outcome),
            open_too_long=open_too_long(outcome, walk_date[o.walk_id], as_of)))
    walk_rows = []
    for w in walks:
        mine = [r for r in rows if r.walk_id == w.id]
        handled = sum(1 for r in mine if r.handled)
        walk_rows.append(WalkStat(id=w.id, date=w.date, area=w.area, observations=len(mine), handled=handled,
                                  open=len(mine) - handled, open_too_long=sum(1 for r in mine if r.open_too_long)))
    return WalkStats(period=period, as_of=as_of, walks=tuple(walk_rows), observations=tuple(rows))
