"""Walk statistics (services.walk_stats): walks held, observations by category and by
status, handled against open, open six months after the walk — as of the period's end,
the day the follow-up report stands on, and agreeing with the report's walks part."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from tryggapp.domain import periods
from tryggapp.domain.enums import MeasureStatus, ObservationCategory
from tryggapp.services import followup, walk_stats

D = dt.date
TODAY = D(2026, 11, 25)


def outcomes(stats: walk_stats.WalkStats, walk_id: int) -> dict[int, str]:
    return {o.number: o.outcome for o in stats.observations if o.walk_id == walk_id}


def test_as_of_the_end_of_the_first_tertial(walks_db):
    stats = walk_stats.collect(walks_db, periods.parse("2026-T1"), TODAY)
    assert stats.as_of == D(2026, 4, 30)
    assert stats.walks_held == 1
    # 1: ongoing then; 2: its measure cancelled on 1 April -> open again, not "decided";
    # 7: one cancelled, one not yet done -> decided; 8: its measure came in September.
    assert outcomes(stats, walks_db.ids["walk"]) == {
        1: "measure", 2: "open", 3: "no_action", 4: "positive", 5: "open", 6: "measure", 7: "measure", 8: "open"}
    assert stats.by_outcome == {"done": 0, "measure": 3, "no_action": 1, "open": 3, "positive": 1}
    assert (stats.handled, stats.open, stats.open_after_six_months) == (2, 6, 0)


def test_as_of_31_august_six_months_have_passed(walks_db):
    stats = walk_stats.collect(walks_db, periods.between(D(2026, 1, 1), D(2026, 8, 31)), TODAY)
    assert outcomes(stats, walks_db.ids["walk"]) == {
        1: "done", 2: "open", 3: "no_action", 4: "positive", 5: "open", 6: "measure", 7: "done", 8: "open"}
    assert (stats.handled, stats.open) == (4, 4)
    # Walked 10 February: 10 August is six months on. Open: 2, 5, 6 (late) and 8.
    assert stats.open_after_six_months == 4
    assert [(o.number, o.open_too_long) for o in stats.observations if o.open_too_long] == [
        (2, True), (5, True), (6, True), (8, True)]


def test_the_running_year_stands_on_today_and_leaves_out_walks_not_yet_held(walks_db):
    stats = walk_stats.collect(walks_db, periods.parse("2026"), TODAY)
    assert stats.as_of == TODAY
    assert [w.area for w in stats.walks] == ["Söderby", "Hamnen"]  # Kvarnbyn is in December
    assert outcomes(stats, walks_db.ids["walk"])[8] == "measure"
    assert stats.by_outcome == {"done": 2, "measure": 2, "no_action": 1, "open": 3, "positive": 1}
    # Hamnen (5 October) is open but not six months old.
    assert stats.open_after_six_months == 4
    assert stats.by_category[ObservationCategory.DESOLATE] == 2
    assert next(iter(stats.by_category)) is ObservationCategory.DESOLATE  # most first
    assert sum(stats.by_category.values()) == len(stats.observations) == 9
    assert stats.by_category_and_outcome()[ObservationCategory.DESOLATE] == {"no_action": 1, "open": 1}
    hamnen = stats.walks[1]
    assert (hamnen.observations, hamnen.handled, hamnen.open, hamnen.open_too_long) == (1, 0, 1, 0)


def test_one_walk_on_a_day(walks_db):
    walk = walk_stats.for_walk(walks_db, walks_db.ids["walk"], D(2026, 8, 31))
    assert (walk.observations, walk.handled, walk.open, walk.open_too_long) == (8, 4, 4, 4)
    assert walk_stats.for_walk(walks_db, walks_db.ids["planned"], TODAY) is None
    assert walk_stats.for_walk(walks_db, 999, TODAY) is None
    detail = walk_stats.of_walk(walks_db, walks_db.ids["walk"], D(2026, 8, 31))
    assert [(o.number, o.outcome, o.handled, o.open_too_long) for o in detail.observations][:3] == [
        (1, "done", True, False), (2, "open", False, True), (3, "no_action", True, False)]


def test_a_cancelled_measure_never_counts_as_decided():
    rule = followup.observation_outcome
    c = ObservationCategory.LIGHTING
    assert rule(c, "", [MeasureStatus.CANCELLED]) == "open"
    assert rule(c, "Privat mark", [MeasureStatus.CANCELLED]) == "no_action"
    assert rule(c, "", [MeasureStatus.CANCELLED, MeasureStatus.ONGOING]) == "measure"
    assert rule(c, "", [MeasureStatus.CANCELLED, MeasureStatus.DONE]) == "done"
    assert rule(c, "", [MeasureStatus.PAUSED]) == "measure"
    assert rule(ObservationCategory.POSITIVE, "", []) == "positive"
    assert rule(ObservationCategory.POSITIVE, "", [MeasureStatus.CANCELLED]) == "open"
    assert rule(c, "", []) == "open"


@pytest.mark.parametrize(("day", "six"), [
    (D(2026, 2, 10), D(2026, 8, 10)), (D(2025, 8, 31), D(2026, 2, 28)), (D(2023, 8, 31), D(2024, 2, 29)),
    (D(2026, 7, 1), D(2027, 1, 1)), (D(2026, 12, 31), D(2027, 6, 30))])
def test_six_months_after(day, six):
    assert walk_stats.six_months_after(day) == six


@pytest.mark.parametrize("period", ["2025", "2026", "2026-T1", "2026-T3", "2025-Q4"])
def test_the_demo_agrees_with_the_follow_up_report(demo_db, period):
    from tests.conftest import DEMO_TODAY

    p = periods.parse(period)
    stats = walk_stats.collect(demo_db, p, DEMO_TODAY)
    report = followup.collect(demo_db, p, DEMO_TODAY)
    assert stats.walks_held == len(report.walks)
    assert stats.by_outcome == {k: Counter(o.outcome for o in report.observations)[k] for k in followup.OUTCOME_ORDER}
    assert stats.by_category_and_outcome() == report.observation_counts()


def test_the_demo_figures(demo_db):
    from tests.conftest import DEMO_TODAY

    stats = walk_stats.collect(demo_db, periods.between(D(2025, 1, 1), DEMO_TODAY), DEMO_TODAY)
    assert stats.walks_held == 3 and len(stats.observations) == 27
    centrum = next(w for w in stats.walks if w.area == "Centrum")
    # Centrum's graffiti: its 2025 measure was carried into 2026 and cancelled there, so
    # the observation is open again (not "Åtgärd beslutad").
    graffiti = next(o for o in stats.observations if o.walk_id == centrum.id and o.number == 2)
    assert graffiti.outcome == "open" and graffiti.open_too_long
    assert stats.handled + stats.open == 27
    assert stats.open_after_six_months == sum(w.open_too_long for w in stats.walks) > 0
