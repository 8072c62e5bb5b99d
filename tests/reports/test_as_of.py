"""A report tells its period as it stood on the period's last day (issue 8, item 1):
made on that day or three months later, a closed tertial's report is the same; the late
list and the days late are those of the period's end, counted by hand below."""

from __future__ import annotations

import dataclasses

from tests.reports.factory import D
from tryggapp import domain as d
from tryggapp.domain import periods
from tryggapp.domain.enums import MeasureStatus
from tryggapp.services import followup, measures

T2 = periods.parse("2026-T2")  # 1 May – 31 August 2026
LAST_DAY = D(2026, 8, 31)
LATER = D(2026, 11, 30)


def _by_number(db, number: int) -> int:
    from sqlmodel import select

    with db.session() as s:
        return s.exec(select(d.Measure.id).join(d.ActionPlan, d.ActionPlan.id == d.Measure.action_plan_id)
                      .where(d.ActionPlan.year == 2026, d.Measure.number == number)).one()


def _late_in_july(db) -> int:
    """Created 1 March, due 15 July, finished 10 October: late on 31 August."""
    m = measures.create_measure(db, 2026, {"title": "Kameror vid resecentrum", "deadline": D(2026, 7, 15),
                                           "status": MeasureStatus.ONGOING}, today=D(2026, 3, 1))
    return m.id


def _after_the_tertial(db, july_id: int) -> None:
    """What happens between the tertial's end and the second report."""
    measures.set_status(db, july_id, MeasureStatus.DONE, on=D(2026, 10, 10))
    measures.set_status(db, _by_number(db, 2), MeasureStatus.DONE, on=D(2026, 9, 20))  # was late
    measures.set_status(db, _by_number(db, 5), MeasureStatus.ONGOING, on=D(2026, 9, 5))  # was paused
    measures.set_status(db, _by_number(db, 7), MeasureStatus.CANCELLED, on=D(2026, 11, 2), reason="Ingår i annat")
    measures.create_measure(db, 2026, {"title": "Ny åtgärd i oktober", "deadline": D(2026, 6, 1)},
                            today=D(2026, 10, 15))
    measures.add_note(db, july_id, "Kamerorna är uppsatta", on=D(2026, 10, 9))


def test_a_closed_tertial_reads_the_same_three_months_later(small_db):
    july = _late_in_july(small_db)
    on_the_day = followup.collect(small_db, T2, LAST_DAY)
    _after_the_tertial(small_db, july)
    later = followup.collect(small_db, T2, LATER)
    assert later.today == LATER and on_the_day.today == LAST_DAY
    # Everything but the day it was made is identical.
    assert dataclasses.replace(later, today=LAST_DAY) == on_the_day
    assert "Ny åtgärd i oktober" not in [m.title for m in later.measures]
    assert [m.title for m in later.upcoming_deadlines] == ["Fältgrupp på fredagskvällar", "Trygghetsvandring i Öster"]
    # The year report made now does see what happened since.
    year = followup.collect(small_db, periods.parse("2026"), LATER)
    assert "Ny åtgärd i oktober" in [m.title for m in year.measures]
    assert next(m for m in year.measures if m.id == july).status is MeasureStatus.DONE


def test_late_list_and_days_late_at_the_periods_end(small_db):
    july = _late_in_july(small_db)
    _after_the_tertial(small_db, july)
    data = followup.collect(small_db, T2, LATER)
    # By hand, on 31 August 2026: measure 2 (due 30 June, ongoing then; finished 20
    # September) is 62 days late; the camera measure (due 15 July, finished 10 October)
    # 47 days. Measure 5 (paused, due 30 September) is not late yet; the measure created
    # 15 October with a June deadline did not exist. Measures 1 and 8 were done by then.
    assert [(m.title, m.days_late) for m in data.late] == [
        ("Klottersanering inom 24 timmar", 62), ("Kameror vid resecentrum", 47)]
    counts = data.status_counts()
    assert counts == {"not_started": 2, "ongoing": 1, "late": 2, "paused": 1, "done": 2, "cancelled": 1}
    assert sum(counts.values()) == 9  # the eight of the plan and the camera measure
    cancelled = next(m for m in data.measures if m.title == "Utbildning i hot och våld")
    assert (cancelled.status, cancelled.cancel_reason) == (MeasureStatus.NOT_STARTED, "")
    camera = next(m for m in data.measures if m.id == july)
    assert camera.completed_on is None and camera.notes == ()  # its note is from October
    assert data.as_of == LAST_DAY


def test_a_running_period_stands_on_today(small_db):
    data = followup.collect(small_db, periods.parse("2026"), D(2026, 11, 25))
    assert data.as_of == D(2026, 11, 25) and not data.period_over
    assert [(m.ref, m.days_late) for m in data.late] == [("2", 148), ("5", 56)]


def test_status_on_reads_the_history():
    change = followup.Change
    history = [change(D(2026, 3, 1), (1,), None, MeasureStatus.NOT_STARTED),
               change(D(2026, 5, 1), (2,), MeasureStatus.NOT_STARTED, MeasureStatus.ONGOING),
               change(D(2026, 9, 1), (3,), MeasureStatus.ONGOING, MeasureStatus.DONE)]
    on = followup.status_on
    assert on(history, D(2026, 2, 1), MeasureStatus.DONE) is None  # not created yet
    assert on(history, D(2026, 4, 30), MeasureStatus.DONE).status is MeasureStatus.NOT_STARTED
    assert on(history, D(2026, 8, 31), MeasureStatus.DONE).status is MeasureStatus.ONGOING
    assert on(history, D(2026, 9, 1), MeasureStatus.DONE) == followup.StateOn(MeasureStatus.DONE, D(2026, 9, 1))
    # No creation entry (an older database): before the first change, its old status.
    assert on(history[1:], D(2026, 1, 1), MeasureStatus.DONE).status is MeasureStatus.NOT_STARTED
    assert on([], D(2026, 1, 1), MeasureStatus.PAUSED).status is MeasureStatus.PAUSED


def test_a_carried_over_measure_is_marked_with_what_became_of_its_copy(small_db):
    """The 2026 report made in 2027: a measure open at the end of 2026 stays as it was then
    (late, days counted to 31 December) and says where it went and how it ended."""
    from tryggapp.reports.story import carried_text

    revision = measures.revise_into_new_year(small_db, 2026, 2027, D(2026, 12, 20))
    late_id = _by_number(small_db, 2)
    copy = revision.carried[late_id]
    measures.set_status(small_db, copy, MeasureStatus.DONE, on=D(2027, 2, 10))
    data = followup.collect(small_db, periods.parse("2026"), D(2027, 3, 1))
    row = next(m for m in data.late if m.id == late_id)
    assert row.days_late == (D(2026, 12, 31) - D(2026, 6, 30)).days
    assert carried_text(row) == "Överförd till 2027 som 2027:2: genomförd 10 februari 2027"
    assert sum(data.status_counts().values()) == 8  # counted once, in its own year's plan
