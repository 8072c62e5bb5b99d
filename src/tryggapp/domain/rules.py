"""Pure rules of the domain: derived status and its order, counting a carried-over
measure once, the period kind a goal is measured in, trend, meeting cadence and the
focus-area label. Each rule lives here once; services, reports and views call it."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import Protocol, TypeVar

from tryggapp.domain.enums import MeasureStatus, PeriodKind, Trend

OPEN_STATUSES = frozenset({MeasureStatus.NOT_STARTED, MeasureStatus.ONGOING, MeasureStatus.PAUSED})
CLOSED_STATUSES = frozenset({MeasureStatus.DONE, MeasureStatus.CANCELLED})


def is_late(status: MeasureStatus, deadline: dt.date | None, today: dt.date) -> bool:
    """Försenad: the deadline has passed and the measure is neither done nor cancelled."""
    return deadline is not None and deadline < today and status in OPEN_STATUSES


def is_open(status: MeasureStatus) -> bool:
    return status in OPEN_STATUSES


def trend(values: Sequence[float], *, higher_is_better: bool, tolerance: float = 0.0) -> Trend:
    """The indicator's trend from its measurements in time order: last value against the
    one before it. Fewer than two values: data missing."""
    if len(values) < 2:
        return Trend.NO_DATA
    delta = values[-1] - values[-2]
    if abs(delta) <= tolerance:
        return Trend.NO_CHANGE
    improving = delta > 0 if higher_is_better else delta < 0
    return Trend.POSITIVE if improving else Trend.NEGATIVE


def target_reached(value: float | None, target: float | None, *, higher_is_better: bool) -> bool | None:
    if value is None or target is None:
        return None
    return value >= target if higher_is_better else value <= target


def required_meetings(meetings_per_year: int, start: dt.date, end: dt.date,
                      active_from: dt.date | None = None, active_to: dt.date | None = None) -> int:
    """How many meetings a group owed in [start, end], pro rata for the part of the period
    it existed (a working group started mid-year owes fewer)."""
    if meetings_per_year <= 0:
        return 0
    lo = max(start, active_from) if active_from else start
    hi = min(end, active_to) if active_to else end
    if hi < lo:
        return 0
    days = (hi - lo).days + 1
    return round(meetings_per_year * days / 365.25)


def is_member_on(from_date: dt.date | None, to_date: dt.date | None, day: dt.date) -> bool:
    """A membership counts on `day` when it has begun and not yet ended (open ends count)."""
    return (from_date is None or from_date <= day) and (to_date is None or to_date >= day)


def membership_day(today: dt.date, dissolved_on: dt.date | None) -> dt.date:
    """The day a group's members are counted on: today, or its last day once it was closed.
    A dissolved working group's memberships end on the day it closed; counted "today" it
    would show 0 members while its member list names five (issue 12)."""
    return min(today, dissolved_on) if dissolved_on is not None else today


def is_closed(dissolved_on: dt.date | None, today: dt.date) -> bool:
    """A group is closed (upplöst) from its dissolution day on."""
    return dissolved_on is not None and dissolved_on <= today


# --------------------------------------------------------------------------- status

# "Försenad" as a status key: it replaces an open status once the deadline has passed,
# so counts by key add up to the number of measures (the report, the start page's tiles
# and the plan's status sort all use these keys).
LATE = "late"

# The order statuses are listed, counted and charted in everywhere: open work first,
# then closed.
STATUS_ORDER: tuple[str, ...] = (
    MeasureStatus.NOT_STARTED.value,
    MeasureStatus.ONGOING.value,
    LATE,
    MeasureStatus.PAUSED.value,
    MeasureStatus.DONE.value,
    MeasureStatus.CANCELLED.value,
)
_STATUS_RANK = {key: i for i, key in enumerate(STATUS_ORDER)}
# The stored statuses in that order (what a status picker offers).
STORED_STATUS_ORDER: tuple[MeasureStatus, ...] = tuple(MeasureStatus(k) for k in STATUS_ORDER if k != LATE)


def status_key(status: MeasureStatus, deadline: dt.date | None, today: dt.date) -> str:
    """The key a measure is counted under on `today`: LATE, else its stored status."""
    return LATE if is_late(status, deadline, today) else MeasureStatus(status).value


def status_rank(key: str) -> int:
    """Position of a status key in STATUS_ORDER (for sorting)."""
    return _STATUS_RANK[key]


def count_statuses(keys: Iterable[str]) -> dict[str, int]:
    """Counts per status key, every key of STATUS_ORDER present, in that order."""
    counts = Counter(keys)
    return {key: counts[key] for key in STATUS_ORDER}


# --------------------------------------------------------------------------- carried over


class CarriedRow(Protocol):
    """Any measure row: its id and the row it was carried over from."""

    @property
    def id(self) -> int: ...

    @property
    def carried_over_from_id(self) -> int | None: ...


R = TypeVar("R", bound=CarriedRow)


def newest_copies(rows: Iterable[R]) -> list[R]:
    """Count a carried-over measure once, as its newest copy: of `rows`, those that no
    other row of `rows` was carried over from. The old year's row stays as it was, so
    without this a measure would count twice (late in the old plan, open in the new)."""
    rows = list(rows)
    superseded = {r.carried_over_from_id for r in rows if r.carried_over_from_id is not None}
    return [r for r in rows if r.id not in superseded]


def newest_copy_of(rows: Iterable[CarriedRow]) -> Callable[[int], int]:
    """A function from a measure id to the id of its newest copy among `rows` (itself
    when it was not carried over among them): notes written on an older row belong to
    the measure as its newest copy shows it."""
    successor = {r.carried_over_from_id: r.id for r in rows if r.carried_over_from_id is not None}

    def newest(measure_id: int) -> int:
        seen = {measure_id}
        while measure_id in successor and successor[measure_id] not in seen:
            measure_id = successor[measure_id]
            seen.add(measure_id)
        return measure_id

    return newest


# --------------------------------------------------------------------------- goals


# Ties between period kinds go to the finer one: more values a year is the closer
# follow-up. An explicit order, never a set's iteration order (that follows the string
# hash, so it changed with PYTHONHASHSEED and the focus-area page's trend with it).
_FINER_FIRST = (PeriodKind.QUARTER, PeriodKind.TERTIAL, PeriodKind.YEAR)


def measured_kind(kinds: Iterable[PeriodKind | str]) -> PeriodKind | None:
    """The period kind a goal is measured in, from the kinds of its values: the kind most
    of them use (the model keeps the kind per value, so a goal may mix them); a tie goes
    to the finer kind. None: no values."""
    counts = Counter(PeriodKind(k) for k in kinds)
    if not counts:
        return None
    return max(_FINER_FIRST, key=lambda k: (counts[k], -_FINER_FIRST.index(k)))


# --------------------------------------------------------------------------- labels


def focus_area_label(number: int | None, title: str | None) -> str:
    """A focus area as every list, page, report and export names it: "3 Trygg stadsmiljö"."""
    if not title:
        return ""
    return f"{number} {title}" if number is not None else title


# --------------------------------------------------------------------------- observations

# What became of a safety-walk observation. It has no stored status: it follows the
# measures that answer it (Measure.origin_observation_id), its "no action" reason and its
# category. The walk view, the lists and the follow-up report all ask this one rule.
OBSERVATION_DONE = "done"  # every measure answering it is finished
OBSERVATION_MEASURE = "measure"  # a measure is decided and still open
OBSERVATION_NO_ACTION = "no_action"  # nothing will be done, with the reason why
OBSERVATION_OPEN = "open"  # not dealt with yet
OBSERVATION_POSITIVE = "positive"  # "tryggt och vackert": needs no measure
OBSERVATION_ORDER = (OBSERVATION_DONE, OBSERVATION_MEASURE, OBSERVATION_NO_ACTION, OBSERVATION_OPEN,
                     OBSERVATION_POSITIVE)

# Kungsbacka aims to finish a walk's measures within six months; an observation not
# finished by then is flagged.
OBSERVATION_AIM_MONTHS = 6


def observation_outcome(*, positive: bool, no_action_reason: str,
                        measure_statuses: Iterable[MeasureStatus]) -> str:
    """The key of OBSERVATION_ORDER for an observation, from the statuses of the measures
    answering it (each measure once, as its newest copy). A cancelled measure decided
    nothing: with only cancelled measures the observation is open again (or has its
    no-action reason)."""
    statuses = {MeasureStatus(s) for s in measure_statuses}
    if statuses and statuses != {MeasureStatus.CANCELLED}:
        return OBSERVATION_DONE if statuses <= CLOSED_STATUSES else OBSERVATION_MEASURE
    if no_action_reason.strip():
        return OBSERVATION_NO_ACTION
    if positive and not statuses:
        return OBSERVATION_POSITIVE
    return OBSERVATION_OPEN


def observation_handled(outcome: str) -> bool:
    """Dealt with: a measure decided or done, a reason why not, or a positive note."""
    return outcome != OBSERVATION_OPEN


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later (the month's last day when it has fewer days)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for dd in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, dd)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def observation_overdue(outcome: str, walk_date: dt.date, today: dt.date) -> bool:
    """Still not finished (open, or its measure still open) six months after the walk."""
    return (outcome in (OBSERVATION_OPEN, OBSERVATION_MEASURE)
            and today >= add_months(walk_date, OBSERVATION_AIM_MONTHS))
