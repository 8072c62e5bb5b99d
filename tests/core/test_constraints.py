"""The database itself enforces the domain's rules (CHECK, NOT NULL, foreign keys), so
even a bypass of the services cannot store nonsense."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError, StatementError

from tryggapp import domain as d
from tryggapp.storage.errors import RuleBroken


def insert(db, obj):
    with db.session() as s:
        s.add(obj)


def base(db):
    with db.session() as s:
        prog = d.Programme(title="Program")
        s.add(prog)
        s.flush()
        direction = d.Direction(programme_id=prog.id, title="Inriktning")
        s.add(direction)
        plan = d.ActionPlan(year=2026)
        s.add(plan)
        s.flush()
        return direction.id, plan.id


@pytest.mark.parametrize("obj", [
    lambda ids: d.Measure(action_plan_id=ids[1], number=1, title="X", start_date=dt.date(2026, 5, 1),
                          deadline=dt.date(2026, 4, 1)),
    lambda ids: d.Measure(action_plan_id=ids[1], number=1, title="   "),
    lambda ids: d.Measure(action_plan_id=ids[1], number=1, title="X", status=d.MeasureStatus.CANCELLED),
    lambda ids: d.Measure(action_plan_id=ids[1], number=1, title="X", origin_observation_id=None,
                          origin_finding_id=999),
    lambda ids: d.Measure(action_plan_id=999, number=1, title="X"),
    lambda ids: d.Group(name="Arbetsgrupp", level=d.GroupLevel.WORKING, started_on=dt.date(2026, 3, 1),
                        dissolved_on=dt.date(2026, 2, 1)),
    lambda ids: d.Group(name="Råd", level=d.GroupLevel.COUNCIL, meetings_per_year=-1),
    lambda ids: d.FocusArea(direction_id=ids[0], number=0, title="Noll"),
    lambda ids: d.Programme(title="P", valid_from=dt.date(2027, 1, 1), valid_to=dt.date(2026, 1, 1)),
    lambda ids: d.Municipality(id=2, name="Andra kommunen"),
    lambda ids: d.SafetyWalkParticipant(walk_id=None),
], ids=["deadline-before-start", "blank-title", "cancel-without-reason", "unknown-origin",
        "unknown-plan", "dissolved-before-start", "negative-cadence", "focus-number-0",
        "valid-to-before-from", "second-municipality", "participant-without-anyone"])
def test_database_rejects(db, obj):
    ids = base(db)
    with pytest.raises((RuleBroken, StatementError)) as caught:
        insert(db, obj(ids))
    # A unit of work tells the user which rule broke (storage.database), from SQLite's own refusal.
    assert caught.type is StatementError or isinstance(caught.value.__cause__, IntegrityError)


def test_enum_columns_reject_unknown_values(db):
    _direction, plan = base(db)
    with pytest.raises(IntegrityError), db.engine.begin() as conn:
        conn.execute(sa.text("INSERT INTO measure (action_plan_id, number, title, status, description, "
                             "cancel_reason, expected_effect, archived) VALUES (:p, 1, 'X', 'Klar', '', '', '', false)"),
                     {"p": plan})


def test_minutes_numbers_unique_per_group_and_year(db):
    with db.session() as s:
        g = d.Group(name="Samordningsgruppen", level=d.GroupLevel.COORDINATION)
        s.add(g)
        s.flush()
        m1 = d.Meeting(group_id=g.id, date=dt.date(2026, 2, 1))
        m2 = d.Meeting(group_id=g.id, date=dt.date(2026, 3, 1))
        s.add_all([m1, m2])
        s.flush()
        p1, p2 = d.Minutes(meeting_id=m1.id), d.Minutes(meeting_id=m2.id)
        s.add_all([p1, p2])
        s.flush()
        s.add(d.MinutesItem(minutes_id=p1.id, group_id=g.id, year=2026, number=1, heading="Mötet öppnas"))
        ids = (p2.id, g.id)
    with pytest.raises(RuleBroken, match="UNIQUE constraint failed|violates unique constraint"):
        insert(db, d.MinutesItem(minutes_id=ids[0], group_id=ids[1], year=2026, number=1, heading="Igen"))
    insert(db, d.MinutesItem(minutes_id=ids[0], group_id=ids[1], year=2027, number=1, heading="Nytt år"))


def test_deleting_a_measure_cascades_to_its_log(db):
    from tryggapp.services import crud

    _direction, plan = base(db)
    m = crud.create(db, d.Measure(action_plan_id=plan, number=1, title="Belysning"))
    crud.create(db, d.MeasureNote(measure_id=m.id, noted_on=dt.date(2026, 5, 12), text="Belysningen beställd"))
    crud.delete(db, d.Measure, m.id)
    with db.session() as s:
        assert s.exec(sa.select(sa.func.count()).select_from(d.MeasureNote)).one()[0] == 0
