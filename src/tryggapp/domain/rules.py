"""Pure rules of the domain: derived status, trend, meeting cadence."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from tryggapp.domain.enums import MeasureStatus, Trend

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
