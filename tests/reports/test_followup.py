"""The report's numbers (services.followup.collect) against a municipality counted by hand
(factory.py): statuses with Försenad derived on the report date, goals, meetings owed,
observations and what became of them, and what comes next."""

from __future__ import annotations

import pytest
from sqlmodel import select

from tests.reports.factory import FOCUS_TITLES, TODAY, empty_municipality
from tryggapp import domain as d
from tryggapp.domain import periods
from tryggapp.domain.enums import Assessment, Trend
from tryggapp.services import followup
from tryggapp.services.followup import ReportInputError


def test_status_counts_derive_late_on_the_report_date(small_db):
    data = followup.collect(small_db, periods.parse("2026"), TODAY)
    assert data.status_counts() == {"not_started": 2, "ongoing": 1, "late": 2, "paused": 0, "done": 2,
                                    "cancelled": 1}
    assert [(m.ref, m.days_late) for m in data.late] == [("2", 148), ("5", 56)]
    # A day before measure 5's deadline it was not late yet.
    earlier = followup.collect(small_db, periods.parse("2026"), periods.parse("2026-T3").start)
    assert [m.ref for m in earlier.late] == ["2"]


def test_completed_in_period_uses_the_status_history(small_db):
    assert [m.ref for m in followup.collect(small_db, periods.parse("2026-T2"), TODAY).completed_in_period] == ["8", "1"]
    assert followup.collect(small_db, periods.parse("2026-T1"), TODAY).completed_in_period == []


def test_focus_areas_in_programme_order_with_their_measures(small_db):
    data = followup.collect(small_db, periods.parse("2026"), TODAY)
    areas = [fa for dr in data.directions for fa in dr.focus_areas]
    assert [fa.title for fa in areas] == list(FOCUS_TITLES)
    assert [len(fa.measures) for fa in areas] == [5, 2, 1]
    assert sum(len(fa.measures) for fa in areas) == len(data.measures) == 8
    first = areas[0].measures[0]
    assert first.origin.startswith("§ 14")  # the problem it answers: a minutes item
    assert [n.text for n in first.notes] == ["Armaturer beställda"]


def test_goal_values_trend_and_the_periods_assessment(small_db):
    year = {g.code: g for g in followup.collect(small_db, periods.parse("2026"), TODAY).goals}
    # Measured per tertial: the one yearly value is not part of the series (as in the programme view).
    assert [p.label for p in year["1.1"].series] == ["T1 2026", "T2 2026"]
    assert year["1.1"].trend is Trend.POSITIVE
    assert year["1.1"].assessment is Assessment.ACHIEVABLE
    assert year["1.1"].assessment_from == "andra tertialet 2026"  # the latest assessment in the year
    assert year["1.2"].trend is Trend.NEGATIVE  # lower is better and it rose
    assert year["2.1"].trend is Trend.NO_DATA
    t2 = {g.code: g for g in followup.collect(small_db, periods.parse("2026-T2"), TODAY).goals}
    assert t2["1.1"].assessment_from == ""
    t1 = {g.code: g for g in followup.collect(small_db, periods.parse("2026-T1"), TODAY).goals}
    assert [p.label for p in t1["1.1"].series] == ["T1 2026"]  # nothing after the period
    assert t1["1.1"].assessment is Assessment.MISSING


def test_meetings_held_against_required(small_db):
    data = followup.collect(small_db, periods.parse("2026"), TODAY)
    rows = {g.name: (g.required, g.held, g.planned, g.cancelled) for g in data.groups}
    # The year is running: meetings are owed up to the report's day (25 November: 9 of 10).
    assert rows == {"Styrgruppen för trygghet": (4, 3, 1, 0), "Samordningsgruppen": (9, 9, 0, 1),
                    "Arbetsgrupp centrum": (8, 7, 0, 0)}
    assert [g.note for g in data.groups if g.note] == ["upplöst 15 oktober 2026"]
    assert [(x.paragraph, x.heading) for x in data.decisions] == [("§ 14", "Belysning i gångtunneln vid Norrby")]


def test_observations_and_what_became_of_them(small_db):
    data = followup.collect(small_db, periods.parse("2026"), TODAY)
    assert [o.outcome for o in data.observations] == ["done", "no_action", "positive", "open", "measure"]
    assert len(data.walks) == 2 and data.walks[0].participants == 3
    assert followup.collect(small_db, periods.parse("2026-Q3"), TODAY).walks == ()


def test_coming_up_is_the_next_period(small_db):
    t2 = followup.collect(small_db, periods.parse("2026-T2"), TODAY)
    assert t2.next_period == periods.parse("2026-T3")
    assert [m.title for m in t2.upcoming_deadlines] == ["Fältgrupp på fredagskvällar", "Trygghetsvandring i Öster"]
    assert len(t2.upcoming_meetings) == 7
    year = followup.collect(small_db, periods.parse("2026"), TODAY)
    # A running year: what is due after the report's day, the rest of this year included.
    assert [m.ref for m in year.upcoming_deadlines] == ["2026:3", "2026:4"]
    assert [m.group for m in year.upcoming_meetings] == ["Styrgruppen för trygghet", "Samordningsgruppen"]


def test_nothing_to_report_is_a_user_error_with_exit_code_2(db):
    period = periods.parse("2026")
    with pytest.raises(ReportInputError, match="kommun") as info:
        followup.collect(db, period, TODAY)
    assert info.value.exit_code == 2
    empty_municipality(db)
    with pytest.raises(ReportInputError, match="handlingsprogram"):
        followup.collect(db, period, TODAY)
    with db.session() as s:
        s.add(d.Programme(title="Program"))
    with pytest.raises(ReportInputError, match="inga åtgärder"):
        followup.collect(db, period, TODAY)


def test_a_period_without_a_plan_names_the_years_that_have_one(small_db):
    with pytest.raises(ReportInputError, match="2025, 2026"):
        followup.collect(small_db, periods.parse("2031-Q1"), TODAY)


def test_record_report_keeps_a_row(small_db):
    data = followup.collect(small_db, periods.parse("2026-T2"), TODAY)
    followup.record_report(small_db, data, sections=["summary"], file_path="/tmp/x.pdf", page_count=3)
    with small_db.session() as s:
        row = s.exec(select(d.FollowUpReport)).one()
    assert (row.period_label, row.page_count, row.sections) == ("andra tertialet 2026", 3, "summary")


def test_a_read_only_database_reports_too(small_db):
    """A read-only database shares one connection: collect must not nest sessions."""
    from tryggapp.storage import open_database

    small_db.close()
    db = open_database(small_db.path, read_only=True)
    try:
        assert len(followup.collect(db, periods.parse("2026"), TODAY).measures) == 8
    finally:
        db.close()


def test_a_measure_carried_over_is_counted_once_when_the_period_spans_both_plans(small_db):
    """A report over 2026–2027 sees the 2026 row and its carried copy in 2027: the same
    measure, counted once, as its newest copy (the 2026 row stays as it was)."""
    import datetime as dt

    from tryggapp.services import measures

    before = followup.collect(small_db, periods.parse("2026"), TODAY)
    revision = measures.revise_into_new_year(small_db, 2026, 2027, TODAY)
    assert revision.carried  # the open measures of 2026
    old_id, new_id = next(iter(revision.carried.items()))
    measures.add_note(small_db, old_id, "Skrivet under 2026", on=dt.date(2026, 12, 1))
    measures.set_status(small_db, new_id, d.MeasureStatus.DONE, on=dt.date(2027, 3, 1))
    later = dt.date(2027, 6, 1)
    both = followup.collect(small_db, periods.between(dt.date(2026, 1, 1), dt.date(2027, 12, 31)), later)
    ids = [m.id for m in both.measures]
    assert len(ids) == len(before.measures)
    assert not set(revision.carried) & set(ids)  # the superseded 2026 rows are left out
    assert sum(both.status_counts().values()) == len(before.measures)
    assert both.status_counts()["done"] == before.status_counts()["done"] + 1
    assert [m.id for m in both.completed_in_period if m.id == new_id] == [new_id]
    assert "Skrivet under 2026" in [n.text for m in both.measures if m.id == new_id for n in m.notes]
    # Each year on its own still shows its own plan in full.
    assert len(followup.collect(small_db, periods.parse("2026"), later).measures) == len(before.measures)
    assert len(followup.collect(small_db, periods.parse("2027"), later).measures) == len(revision.carried)


def test_an_observation_whose_measure_was_finished_after_carry_over_is_done(small_db):
    """The measure answering 'Cykelbanan' is open in 2026 and carried into 2027, where it
    is finished: a report over both years says 'done', not still 'measure decided' (the
    2026 row stays open as it was). The 2026 report, made later, still tells 2026's end."""
    import datetime as dt

    from tryggapp.services import measures

    data = followup.collect(small_db, periods.parse("2026"), TODAY)
    bike = next(o for o in data.observations if o.place == "Cykelbanan")
    assert bike.outcome == "measure"
    with small_db.session() as s:
        obs_id = s.exec(select(d.Observation.id).where(d.Observation.place == "Cykelbanan")).one()
        old = s.exec(select(d.Measure).where(d.Measure.origin_observation_id == obs_id)).one()
    revision = measures.revise_into_new_year(small_db, 2026, 2027, TODAY)
    new_id = revision.carried[old.id]
    measures.set_status(small_db, new_id, d.MeasureStatus.DONE, on=dt.date(2027, 2, 1))
    both = followup.collect(small_db, periods.between(dt.date(2026, 1, 1), dt.date(2027, 12, 31)),
                            dt.date(2027, 3, 1))
    bike = next(o for o in both.observations if o.place == "Cykelbanan")
    assert bike.outcome == "done"
    assert bike.outcome_text == f"åtgärd 2027:{old.number} (Genomförd)"
    later = followup.collect(small_db, periods.parse("2026"), dt.date(2027, 3, 1))
    bike = next(o for o in later.observations if o.place == "Cykelbanan")
    assert (bike.outcome, bike.outcome_text) == ("measure", f"åtgärd 2026:{old.number} (Ej påbörjad)")
