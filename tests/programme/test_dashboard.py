"""services.dashboard against the hand-made database (tests/programme/sample.py), whose
answers are known by construction, with today pinned."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from tests.programme.sample import TODAY
from tryggapp import domain as d
from tryggapp.domain.enums import MeasureStatus
from tryggapp.services import crud, dashboard


def names(sample, rows) -> list[str]:
    return [sample.name_of(r.table, r.id) for r in rows]


def test_late_measures(sample):
    o = dashboard.overview(sample.db, TODAY)
    # oldest deadline first; the superseded 2025 measure, the archived, done, cancelled
    # ones and the one due today are not late
    assert names(sample, o.late) == ["threat_training", "tunnel_lighting"]
    row = o.late[1]
    assert (row.table, row.number, row.plan_year, row.responsible, row.focus_area, row.status) == (
        "measure", 1, 2026, "Sara Nilsson", "1 Trygg stadsmiljö", MeasureStatus.ONGOING)


def test_deadlines_in_the_next_30_days(sample):
    o = dashboard.overview(sample.db, TODAY)
    assert names(sample, o.due_soon) == ["today_deadline", "prune_bushes", "parent_walks"]
    assert o.due_soon[1].responsible == "Tekniska förvaltningen"  # organisation when no person


def test_upcoming_meetings(sample):
    o = dashboard.overview(sample.db, TODAY)
    assert names(sample, o.meetings) == ["coordination_next", "steering_next"]
    assert o.meetings[0].group == "Samordningsgruppen" and o.meetings[0].table == "meeting"


def test_meetings_of_one_day_come_untimed_first_then_by_time_and_group_on_both_engines(db):
    """SQLite puts a NULL time first, PostgreSQL last; group names sort in Swedish."""
    groups = {n: crud.create(db, d.Group(name=n, level=d.GroupLevel.WORKING)).id
              for n in ("Ägruppen", "Bgruppen", "Zgruppen")}
    day = TODAY + dt.timedelta(days=3)
    for name, start in [("Zgruppen", dt.time(9)), ("Ägruppen", None), ("Bgruppen", dt.time(9)),
                        ("Zgruppen", None)]:
        crud.create(db, d.Meeting(group_id=groups[name], date=day, start_time=start))
    o = dashboard.overview(db, TODAY)
    assert [(m.group, m.start_time) for m in o.meetings] == [
        ("Zgruppen", None), ("Ägruppen", None), ("Bgruppen", dt.time(9)), ("Zgruppen", dt.time(9))]


def test_groups_behind_their_cadence(sample):
    o = dashboard.overview(sample.db, TODAY)
    behind = {g.name: (g.held, g.required) for g in o.groups_behind}
    assert behind == {"Arbetsgrupp Centrum": (1, 3), "Styrgruppen för trygghet": (3, 4)}
    assert [g.name for g in o.groups_behind][0] == "Arbetsgrupp Centrum"  # most behind first
    assert o.groups_behind[0].table == "work_group"
    assert o.groups_behind[0].last_meeting == dt.date(2026, 9, 1)


def test_group_cadence_is_pro_rata_to_today(sample):
    # on 1 March the steering group (4 a year) owes round(4 * 59 / 365.25) = 1 and has
    # held 1: not behind
    o = dashboard.overview(sample.db, dt.date(2026, 2, 28))
    assert "Styrgruppen för trygghet" not in {g.name for g in o.groups_behind}


def test_observations_without_a_measure(sample):
    o = dashboard.overview(sample.db, TODAY)
    # high priority first; positive notes, answered ones and ones with a reason are out
    assert names(sample, o.observations_without_measure) == ["obs_bushes", "obs_litter"]
    assert o.observations_without_measure[0].table == "observation"


def test_answering_an_observation_removes_it(sample):
    crud.update(sample.db, d.Observation, sample["obs_litter"], {"no_action_reason": "Städas av föreningen"})
    o = dashboard.overview(sample.db, TODAY)
    assert names(sample, o.observations_without_measure) == ["obs_bushes"]


def test_headline_counts_this_years_plan(sample):
    o = dashboard.overview(sample.db, TODAY)
    assert o.plan_year == 2026
    # 'late' replaces the open status, as in the follow-up report: the late ongoing
    # tunnel_lighting and the late paused threat_training count as late only
    assert o.status_counts == {"not_started": 1, "ongoing": 3, "late": 2, "paused": 0, "done": 1, "cancelled": 1}
    assert o.late_count == 2
    assert o.measure_total == 8  # the archived one is not counted


def test_empty_database(db):
    o = dashboard.overview(db, TODAY)
    assert (o.late, o.due_soon, o.meetings, o.groups_behind, o.observations_without_measure) == ([], [], [], [], [])
    assert o.plan_year is None and o.late_count == 0


def test_overview_uses_few_queries(sample):
    """The start page must stay quick on a big database: a fixed number of statements,
    not one per row."""
    statements: list[str] = []
    engine = sample.db.engine

    def count(conn, cursor, statement, *args):  # noqa: ANN001
        statements.append(statement)

    sa.event.listen(engine, "before_cursor_execute", count)
    try:
        dashboard.overview(sample.db, TODAY)
    finally:
        sa.event.remove(engine, "before_cursor_execute", count)
    selects = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    assert len(selects) <= 9
