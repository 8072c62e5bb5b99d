"""Services validate before writing, with Swedish messages that name the field."""

from __future__ import annotations

import datetime as dt

import pytest

from tryggapp import domain as d
from tryggapp.services import crud
from tryggapp.services.validation import ValidationError


@pytest.fixture
def plan(db):
    prog = crud.create(db, d.Programme(title="Handlingsprogram"))
    direction = crud.create(db, d.Direction(programme_id=prog.id, title="Brottsförebyggande arbete"))
    focus = crud.create(db, d.FocusArea(direction_id=direction.id, number=1, title="Trygg stadsmiljö"))
    return crud.create(db, d.ActionPlan(year=2026)), focus


def test_empty_required_field_named(db, plan):
    with pytest.raises(ValidationError) as info:
        crud.create(db, d.Measure(action_plan_id=plan[0].id, number=1, title=""))
    assert [e.field for e in info.value.errors] == ["title"]
    assert "”Åtgärd” måste fyllas i" in str(info.value)


def test_end_before_start_named(db, plan):
    with pytest.raises(ValidationError) as info:
        crud.create(db, d.Measure(action_plan_id=plan[0].id, number=1, title="Belysning",
                                  start_date=dt.date(2026, 6, 1), deadline=dt.date(2026, 5, 1)))
    err = info.value.for_field("deadline")[0]
    assert "Deadline" in err.message and "2026-05-01" in err.message and "Start" in err.message


def test_huge_text_refused_with_length(db, plan):
    with pytest.raises(ValidationError) as info:
        crud.create(db, d.Measure(action_plan_id=plan[0].id, number=1, title="x" * 301))
    assert "301" in str(info.value)
    with pytest.raises(ValidationError) as info:
        crud.create(db, d.Measure(action_plan_id=plan[0].id, number=1, title="Belysning",
                                  description="å" * 20_001))
    assert "20\u00a0001" in str(info.value)


def test_cancel_requires_reason(db, plan):
    with pytest.raises(ValidationError) as info:
        crud.create(db, d.Measure(action_plan_id=plan[0].id, number=1, title="Kameror",
                                  status=d.MeasureStatus.CANCELLED))
    assert info.value.for_field("cancel_reason")


def test_several_errors_reported_at_once(db):
    with pytest.raises(ValidationError) as info:
        crud.create(db, d.Group(name=" ", level=d.GroupLevel.WORKING, meetings_per_year=60,
                                started_on=dt.date(2026, 5, 1), planned_end=dt.date(2026, 1, 1)))
    assert {e.field for e in info.value.errors} == {"name", "meetings_per_year", "planned_end"}


def test_failed_update_leaves_saved_data(db, plan):
    m = crud.create(db, d.Measure(action_plan_id=plan[0].id, number=1, title="Belysning"))
    with pytest.raises(ValidationError):
        crud.update(db, d.Measure, m.id, {"title": ""})
    assert crud.get(db, d.Measure, m.id).title == "Belysning"


def test_update_returns_old_values_for_undo(db, plan):
    m = crud.create(db, d.Measure(action_plan_id=plan[0].id, number=1, title="Belysning"))
    old = crud.update(db, d.Measure, m.id, {"title": "Ny belysning", "status": d.MeasureStatus.ONGOING})
    assert old == {"title": "Belysning", "status": d.MeasureStatus.NOT_STARTED}
    crud.update(db, d.Measure, m.id, old)
    assert crud.get(db, d.Measure, m.id).title == "Belysning"


def test_delete_of_referenced_record_refused_and_restore(db, plan):
    _plan, focus = plan
    m = crud.create(db, d.Measure(action_plan_id=_plan.id, number=1, title="Belysning", focus_area_id=focus.id))
    with pytest.raises(crud.InUse) as info:
        crud.delete(db, d.FocusArea, focus.id)
    assert "Trygg stadsmiljö" in str(info.value) and "Arkivera" in str(info.value)
    snap = crud.delete(db, d.Measure, m.id)
    crud.restore(db, snap)
    assert crud.get(db, d.Measure, m.id).focus_area_id == focus.id


def test_duplicate_organisation_named(db):
    crud.create(db, d.Organisation(name="Polisen"))
    with pytest.raises(ValidationError) as info:
        crud.create(db, d.Organisation(name="Polisen"))
    assert "Polisen" in str(info.value)


def test_periods_parse_and_words():
    from tryggapp.domain import periods
    from tryggapp.errors import UserError

    assert periods.parse("2026-T2").words() == "andra tertialet 2026"
    assert periods.parse("2026-Q3").words() == "tredje kvartalet 2026"
    assert periods.parse("2026-T2").range_words() == "1 maj – 31 augusti 2026"
    assert periods.parse("2026").end == dt.date(2026, 12, 31)
    for bad in ("2026-T4", "26", "2026-X1", ""):
        with pytest.raises(UserError):
            periods.parse(bad)
