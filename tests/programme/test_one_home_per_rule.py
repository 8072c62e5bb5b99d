"""Rules that live once (domain.rules) and the screens that must agree because of it:
the start page's tiles and lists against the follow-up report on the same day, after a
yearly revision; a goal's period kind and trend, whatever Python's hash seed."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import DEMO_TODAY
from tests.programme.sample import TODAY
from tryggapp import domain as d
from tryggapp.domain import periods, rules
from tryggapp.domain.enums import GoalKind, MeasureStatus, PeriodKind, Trend
from tryggapp.services import crud, dashboard, followup, measures
from tryggapp.services import programme as svc

SRC = Path(__file__).resolve().parents[2] / "src"


# --------------------------------------------------------------------------- start page vs report


def _revised_demo(db) -> measures.Revision:
    """The demo on its day, then the yearly revision the coordinator makes in late
    November: 2026's unfinished measures carried into 2027 through the service, and the
    copies given next year's deadlines (what makes the new plan worth having)."""
    revision = measures.revise_into_new_year(db, 2026, 2027, DEMO_TODAY)
    for new_id in revision.carried.values():
        crud.update(db, d.Measure, new_id, {"deadline": dt.date(2027, 6, 30)})
    return revision


def _report_counts(db, period: periods.Period, today: dt.date) -> tuple[dict[str, int], set[int]]:
    data = followup.collect(db, period, today)
    return data.status_counts(), {m.id for m in data.late}


@pytest.mark.parametrize("today", [DEMO_TODAY, dt.date(2026, 12, 20), dt.date(2027, 2, 10)])
def test_start_page_tiles_lists_and_report_agree_after_a_yearly_revision(demo_db, today):
    revision = _revised_demo(demo_db)
    assert len(revision.carried) >= 8

    o = dashboard.overview(demo_db, today)
    assert o.plan_year == today.year
    # The tiles: one per status key, in the one status order, adding up to the plan.
    assert list(o.status_counts) == list(rules.STATUS_ORDER)
    assert o.measure_total == len(measures.counted_rows(demo_db, [o.plan_year], today))
    # The list of late measures is the tile's number, measure for measure.
    assert len(o.late) == o.late_count
    assert all(r.status_key == rules.LATE for r in o.late)
    # The follow-up report for the running tertial and for the running year, made today.
    for kind in (PeriodKind.TERTIAL, PeriodKind.YEAR):
        counts, late_ids = _report_counts(demo_db, periods.containing(today, kind), today)
        assert counts == o.status_counts, kind  # late, ongoing, done … the same numbers
        assert late_ids == {r.id for r in o.late}, kind
    # Deadlines ahead are open measures of the same plan, none of them late.
    assert all(rules.is_open(r.status) and today <= r.deadline for r in o.due_soon)


def test_the_late_tile_and_list_count_the_same_rows_as_the_plan(demo_db):
    _revised_demo(demo_db)
    o = dashboard.overview(demo_db, DEMO_TODAY)
    plan_late = [r.id for r in measures.rows_for_year(demo_db, o.plan_year, DEMO_TODAY) if r.late]
    assert o.late_count == len(plan_late) > 0
    assert sorted(r.id for r in o.late) == sorted(plan_late)


def test_ongoing_means_the_same_on_the_start_page_and_in_the_report(demo_db):
    # On the demo's day some ongoing measures are past their deadline: they count as late,
    # not as ongoing, on both (the start page used to count them twice).
    o = dashboard.overview(demo_db, DEMO_TODAY)
    rows = measures.counted_rows(demo_db, [o.plan_year], DEMO_TODAY)
    late_ongoing = [r for r in rows if r.late and r.status is MeasureStatus.ONGOING]
    assert late_ongoing
    stored_ongoing = sum(r.status is MeasureStatus.ONGOING for r in rows)
    assert o.status_counts[MeasureStatus.ONGOING.value] == stored_ongoing - len(late_ongoing)
    report, _late = _report_counts(demo_db, periods.containing(DEMO_TODAY, PeriodKind.TERTIAL), DEMO_TODAY)
    assert report[MeasureStatus.ONGOING.value] == o.status_counts[MeasureStatus.ONGOING.value]


# --------------------------------------------------------------------------- rules themselves


def test_a_carried_over_measure_counts_once_as_its_newest_copy():
    class Row:
        def __init__(self, ident: int, carried_from: int | None) -> None:
            self.id, self.carried_over_from_id = ident, carried_from

    rows = [Row(1, None), Row(2, 1), Row(3, 2), Row(4, None)]  # 1 → 2 → 3 over three years
    assert [r.id for r in rules.newest_copies(rows)] == [3, 4]
    newest = rules.newest_copy_of(rows)
    assert [newest(i) for i in (1, 2, 3, 4)] == [3, 3, 3, 4]


def test_status_keys_and_their_order():
    today = dt.date(2026, 11, 25)
    assert rules.status_key(MeasureStatus.ONGOING, dt.date(2026, 11, 24), today) == rules.LATE
    assert rules.status_key(MeasureStatus.ONGOING, today, today) == "ongoing"  # due today: not late yet
    assert rules.status_key(MeasureStatus.DONE, dt.date(2026, 1, 1), today) == "done"
    assert rules.count_statuses(["late", "done", "late"]) == {
        "not_started": 0, "ongoing": 0, "late": 2, "paused": 0, "done": 1, "cancelled": 0}
    assert sorted(["done", "late", "not_started"], key=rules.status_rank) == ["not_started", "late", "done"]


def test_focus_area_label():
    assert rules.focus_area_label(3, "Trygg stadsmiljö") == "3 Trygg stadsmiljö"
    assert rules.focus_area_label(None, "Trygg stadsmiljö") == "Trygg stadsmiljö"
    assert rules.focus_area_label(3, None) == ""


def test_measured_kind_majority_wins_and_a_tie_goes_to_the_finer_kind_in_any_order():
    assert rules.measured_kind([]) is None
    assert rules.measured_kind([PeriodKind.YEAR, PeriodKind.YEAR, PeriodKind.QUARTER]) is PeriodKind.YEAR
    tied = [PeriodKind.YEAR, PeriodKind.YEAR, PeriodKind.TERTIAL, PeriodKind.TERTIAL]
    assert {rules.measured_kind(p) for p in itertools.permutations(tied)} == {PeriodKind.TERTIAL}
    assert rules.measured_kind(["year", "quarter"]) is PeriodKind.QUARTER  # stored values work too


# --------------------------------------------------------------------------- hash seed


_PROBE = """
import datetime, json, sys
from tryggapp.domain import periods
from tryggapp.services import followup, programme
from tryggapp.storage import open_database
db = open_database(sys.argv[1], read_only=True)
goal_id, area_id = int(sys.argv[2]), int(sys.argv[3])
page = next(g.trend for g in programme.goal_summaries(db, area_id) if g.goal.id == goal_id)
view = programme.goal_trend(db, goal_id)
data = followup.collect(db, periods.year(2026), datetime.date.fromisoformat(sys.argv[4]))
report = next(g.trend for g in data.goals if g.id == goal_id)
print(json.dumps([page.value, view.value, report.value]))
db.close()
"""


def test_focus_area_trend_is_the_reports_whatever_the_hash_seed(sample):
    """A goal with as many yearly values (rising: positive) as tertial ones (falling:
    negative). The focus-area page chose the kind by a set's iteration order, which
    follows the string hash, so its trend changed with PYTHONHASHSEED while the report's
    did not. Each seed runs in its own process."""
    db = sample.db
    goal = svc.add_goal(db, sample["fa1"], "Färre upplever otrygghet vid resecentrum", GoalKind.IMPACT,
                        indicator="Andel trygga vid resecentrum", unit="%")
    for year, value in ((2024, 50), (2025, 60)):
        svc.set_measurement(db, goal.id, year, PeriodKind.YEAR, 1, value)
    for number, value in ((1, 60), (2, 50)):
        svc.set_measurement(db, goal.id, 2026, PeriodKind.TERTIAL, number, value)
    db.close()  # the probes read the file in their own processes
    answers = set()
    for seed in range(8):
        env = {**os.environ, "PYTHONHASHSEED": str(seed), "PYTHONPATH": str(SRC)}
        out = subprocess.run([sys.executable, "-c", _PROBE, str(db.path), str(goal.id), str(sample["fa1"]), TODAY.isoformat()],
                             env=env, capture_output=True, text=True, timeout=120)
        assert out.returncode == 0, out.stderr
        page, view, report = json.loads(out.stdout.strip().splitlines()[-1])
        assert page == view == report, (seed, page, view, report)
        answers.add(page)
    # A tie goes to the finer kind: the tertial values, which fell.
    assert answers == {Trend.NEGATIVE.value}
