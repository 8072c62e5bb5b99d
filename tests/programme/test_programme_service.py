"""services.programme on real SQLite: numbering, reordering, archiving, goals,
measurements, assessments and trends."""

from __future__ import annotations

import datetime as dt

import pytest

from tryggapp import domain as d
from tryggapp.domain.enums import Assessment, GoalKind, PeriodKind, Trend
from tryggapp.domain.periods import quarter, tertial, year
from tryggapp.services import crud
from tryggapp.services import programme as svc
from tryggapp.services.validation import ValidationError


def labels(db, programme_id):
    return [[a.label for a in x.focus_areas] for x in svc.tree(db, programme_id).directions]


def numbers_unique(db, programme_id) -> None:
    nums = [a.number for x in svc.tree(db, programme_id).directions for a in x.focus_areas]
    assert sorted(nums) == list(range(1, len(nums) + 1))


# --------------------------------------------------------------------------- programme


def test_get_or_create_programme_creates_one_then_returns_it(db):
    assert svc.current_programme(db) is None
    first = svc.get_or_create_programme(db)
    assert first.title == "Handlingsprogram för trygghet och säkerhet"
    assert svc.get_or_create_programme(db).id == first.id
    assert len(crud.list_all(db, d.Programme)) == 1


def test_update_programme_returns_old_values_and_validates(db):
    p = svc.create_programme(db, "Program")
    old = svc.update_programme(db, p.id, {"reference_number": "KS 2024/1", "decided_on": dt.date(2024, 3, 1)})
    assert old == {"reference_number": "", "decided_on": None}
    with pytest.raises(ValidationError) as err:
        svc.update_programme(db, p.id, {"valid_from": dt.date(2027, 1, 1), "valid_to": dt.date(2024, 1, 1)})
    assert err.value.for_field("valid_to")
    assert "Giltig till" in err.value.message
    with pytest.raises(ValidationError) as err:
        svc.update_programme(db, p.id, {"title": "  "})
    assert "”Titel” måste fyllas i" in err.value.message


def test_revisions_default_label_and_author(sample):
    db = sample.db
    rev = svc.add_revision(db, sample["programme"], revised_on=dt.date(2026, 11, 25))
    assert rev.revision == "1.2"  # after 1.0 and 1.1
    assert rev.author == "Karin Lindqvist"  # the municipality's coordinator
    assert [r.revision for r in svc.list_revisions(db, sample["programme"])] == ["1.0", "1.1", "1.2"]


@pytest.mark.parametrize(("existing", "expected"), [
    ([], "1.0"), (["1.0"], "1.1"), (["1.9"], "1.10"), (["3"], "4"), (["A"], "2"), (["rev 2"], "rev 3")])
def test_next_revision_label(existing, expected):
    assert svc.next_revision_label(existing) == expected


# --------------------------------------------------------------------------- numbering


def test_focus_areas_number_across_programme_in_tree_order(sample):
    db, p = sample.db, sample["programme"]
    # fa3 was added to the first direction after fa4 was added to the second one
    assert labels(db, p) == [["1 Trygg stadsmiljö", "2 Ungas trygghet", "3 Brott i nära relationer"],
                             ["4 Hot och våld mot anställda"]]


def test_move_focus_area_within_direction_and_undo(sample):
    db, p = sample.db, sample["programme"]
    before = svc.move_focus_area(db, sample["fa3"], -1)
    assert labels(db, p)[0] == ["1 Trygg stadsmiljö", "2 Brott i nära relationer", "3 Ungas trygghet"]
    # clamped at the top, numbers stay 1..n
    svc.move_focus_area(db, sample["fa1"], -1)
    numbers_unique(db, p)
    svc.apply_layout(db, before)
    assert labels(db, p)[0] == ["1 Trygg stadsmiljö", "2 Ungas trygghet", "3 Brott i nära relationer"]


def test_move_direction_renumbers_its_focus_areas(sample):
    db, p = sample.db, sample["programme"]
    before = svc.move_direction(db, sample["dir_internal"], -1)
    assert labels(db, p) == [["1 Hot och våld mot anställda"],
                             ["2 Trygg stadsmiljö", "3 Ungas trygghet", "4 Brott i nära relationer"]]
    svc.apply_layout(db, before)
    assert labels(db, p)[1] == ["4 Hot och våld mot anställda"]


def test_move_focus_area_to_other_direction_goes_last_there(sample):
    db, p = sample.db, sample["programme"]
    old, before = svc.update_focus_area(db, sample["fa1"], {"direction_id": sample["dir_internal"]})
    assert labels(db, p) == [["1 Ungas trygghet", "2 Brott i nära relationer"],
                             ["3 Hot och våld mot anställda", "4 Trygg stadsmiljö"]]
    svc.undo_focus_area_update(db, sample["fa1"], old, before)
    assert labels(db, p)[0][0] == "1 Trygg stadsmiljö"


def test_add_focus_area_in_first_direction_shifts_later_numbers(sample):
    db, p = sample.db, sample["programme"]
    area = svc.add_focus_area(db, sample["dir_crime"], "Narkotika")
    assert area.number == 4
    assert labels(db, p)[1] == ["5 Hot och våld mot anställda"]
    numbers_unique(db, p)


def test_remove_unreferenced_focus_area_deletes_it_with_goals_and_undo_restores(sample):
    db, p = sample.db, sample["programme"]
    goal = svc.add_goal(db, sample["fa3"], "Färre anmälda brott i nära relationer")
    svc.set_measurement(db, goal.id, 2025, PeriodKind.YEAR, 1, 40)
    removal = svc.remove_focus_area(db, sample["fa3"])
    assert not removal.archived
    assert labels(db, p) == [["1 Trygg stadsmiljö", "2 Ungas trygghet"], ["3 Hot och våld mot anställda"]]
    with pytest.raises(crud.NotFound):
        crud.get(db, d.Goal, goal.id)
    svc.undo_removal(db, removal)
    assert labels(db, p)[0][2] == "3 Brott i nära relationer"
    assert svc.get_measurement(db, goal.id, 2025, PeriodKind.YEAR, 1).value == 40


def test_remove_referenced_focus_area_archives_it(sample):
    db, p = sample.db, sample["programme"]
    assert svc.is_referenced(db, sample["fa1"])  # measures of the 2026 plan point at it
    removal = svc.remove_focus_area(db, sample["fa1"])
    assert removal.archived
    area = crud.get(db, d.FocusArea, sample["fa1"])
    assert area.archived
    # archived areas number after all active ones, so numbers stay unique
    assert area.number == 4
    numbers_unique(db, p)
    assert labels(db, p)[0] == ["1 Ungas trygghet", "2 Brott i nära relationer", "4 Trygg stadsmiljö"]
    svc.undo_removal(db, removal)
    area = crud.get(db, d.FocusArea, sample["fa1"])
    assert not area.archived and area.number == 1


def test_delete_direction_with_focus_areas_is_refused(sample):
    with pytest.raises(crud.InUse) as err:
        svc.delete_direction(sample.db, sample["dir_internal"])
    assert "Fokusområde" in err.value.message


def test_delete_empty_direction_and_undo(sample):
    db, p = sample.db, sample["programme"]
    empty = svc.add_direction(db, p, "Krisberedskap")
    removal = svc.delete_direction(db, empty.id)
    assert [x.title for x in svc.tree(db, p).directions] == ["Brottsförebyggande och trygghetsfrämjande arbete",
                                                            "Intern säkerhet"]
    svc.undo_removal(db, removal)
    assert svc.tree(db, p).directions[-1].title == "Krisberedskap"


def test_focus_area_title_is_required_with_swedish_message(sample):
    with pytest.raises(ValidationError) as err:
        svc.add_focus_area(sample.db, sample["dir_crime"], " ")
    assert err.value.for_field("title")
    assert "Titel" in err.value.message


# --------------------------------------------------------------------------- goals


def test_goals_impact_first_then_performance_and_move(sample):
    db = sample.db
    extra = svc.add_goal(db, sample["fa1"], "Fler trygga parker", GoalKind.IMPACT)
    goals = svc.list_goals(db, sample["fa1"])
    assert [g.kind for g in goals] == [GoalKind.IMPACT, GoalKind.IMPACT, GoalKind.PERFORMANCE]
    before = svc.move_goal(db, extra.id, -1)
    assert svc.list_goals(db, sample["fa1"])[0].id == extra.id
    svc.apply_layout(db, before)
    assert svc.list_goals(db, sample["fa1"])[0].id == sample["goal_safe"]


def test_remove_goal_takes_measurements_and_undo_brings_them_back(sample):
    db = sample.db
    removal = svc.remove_goal(db, sample["goal_tunnels"])
    assert svc.measurements(db, sample["goal_tunnels"]) == []
    assert svc.list_assessments(db, sample["goal_tunnels"]) == []
    svc.undo_removal(db, removal)
    assert [m.value for m in svc.measurements(db, sample["goal_tunnels"])] == [2, 4]
    assert svc.list_assessments(db, sample["goal_tunnels"])[0].assessment is Assessment.ACHIEVABLE


# --------------------------------------------------------------------------- measurements


@pytest.mark.parametrize(("text", "value"), [
    ("12,5", 12.5), ("12.5", 12.5), ("1 234,5", 1234.5), ("1\u00a0234,5", 1234.5), ("75 %", 75.0),
    ("-3", -3.0), ("\u22123", -3.0), ("1.234,5", 1234.5), ("", None), ("  ", None)])
def test_parse_number_swedish(text, value):
    assert svc.parse_number(text) == value


@pytest.mark.parametrize("text", ["abc", "12,5,3", "1e400", "nan"])
def test_parse_number_refuses_with_field_name(text):
    with pytest.raises(ValidationError) as err:
        svc.parse_number(text, label="Målvärde")
    assert "Målvärde" in err.value.message


def test_set_and_clear_measurement_return_previous_for_undo(sample):
    db, g = sample.db, sample["goal_safe"]
    assert svc.set_measurement(db, g, 2026, PeriodKind.YEAR, 1, "68,5") is None  # new cell
    previous = svc.set_measurement(db, g, 2026, PeriodKind.YEAR, 1, 69)
    assert previous == {"value": 68.5, "source": "", "comment": ""}
    svc.restore_measurement(db, g, 2026, PeriodKind.YEAR, 1, previous)
    assert svc.get_measurement(db, g, 2026, PeriodKind.YEAR, 1).value == 68.5
    cleared = svc.clear_measurement(db, g, 2026, PeriodKind.YEAR, 1)
    assert svc.get_measurement(db, g, 2026, PeriodKind.YEAR, 1) is None
    svc.restore_measurement(db, g, 2026, PeriodKind.YEAR, 1, cleared)
    assert svc.get_measurement(db, g, 2026, PeriodKind.YEAR, 1).value == 68.5
    svc.restore_measurement(db, g, 2026, PeriodKind.YEAR, 1, None)  # undo of the first set
    assert svc.get_measurement(db, g, 2026, PeriodKind.YEAR, 1) is None


def test_set_measurement_refuses_bad_period_and_text(sample):
    db, g = sample.db, sample["goal_safe"]
    with pytest.raises(ValidationError) as err:
        svc.set_measurement(db, g, 2026, PeriodKind.TERTIAL, 4, 1)
    assert err.value.for_field("period_no")
    with pytest.raises(ValidationError):
        svc.set_measurement(db, g, 2026, PeriodKind.YEAR, 1, "tolv")


def test_measurement_grid_spans_years_without_gaps(sample):
    db = sample.db
    grid = svc.measurement_grid(db, sample["goal_safe"], PeriodKind.YEAR, today=dt.date(2026, 11, 25))
    assert grid.years == [2023, 2024, 2025, 2026]
    assert grid.columns == 1 and grid.value(2024, 1) == 63 and grid.value(2026, 1) is None
    quarters = svc.measurement_grid(db, sample["goal_vandalism"], PeriodKind.QUARTER,
                                    today=dt.date(2026, 11, 25), extra_years=[2022])
    assert quarters.years == [2022, 2023, 2024, 2025, 2026] and quarters.columns == 4
    # values in another period kind are counted, not shown
    svc.set_measurement(db, sample["goal_vandalism"], 2024, PeriodKind.YEAR, 1, 50)
    quarters = svc.measurement_grid(db, sample["goal_vandalism"], PeriodKind.QUARTER, today=dt.date(2026, 11, 25))
    assert quarters.other_kinds == 1


def test_period_kind_of_follows_the_values(sample):
    db = sample.db
    assert svc.period_kind_of(db, sample["goal_safe"]) is PeriodKind.YEAR
    assert svc.period_kind_of(db, sample["goal_tunnels"]) is PeriodKind.TERTIAL
    assert svc.period_kind_of(db, sample["goal_vandalism"]) is PeriodKind.QUARTER
    fresh = svc.add_goal(db, sample["fa2"], "Nytt mål")
    assert svc.period_kind_of(db, fresh.id) is None


# --------------------------------------------------------------------------- trend


def test_trend_higher_is_better(sample):
    db, g = sample.db, sample["goal_safe"]  # 61, 63, 66.5
    assert svc.goal_trend(db, g) is Trend.POSITIVE
    svc.set_measurement(db, g, 2026, PeriodKind.YEAR, 1, 60)
    assert svc.goal_trend(db, g) is Trend.NEGATIVE
    svc.set_measurement(db, g, 2026, PeriodKind.YEAR, 1, 66.5)
    assert svc.goal_trend(db, g) is Trend.NO_CHANGE
    # up to a period: only the values until then count
    assert svc.goal_trend(db, g, until=year(2024)) is Trend.POSITIVE
    assert svc.goal_trend(db, g, until=year(2023)) is Trend.NO_DATA


def test_trend_lower_is_better_in_time_order_not_entry_order(sample):
    db, g = sample.db, sample["goal_vandalism"]  # ..., 2026 Q2 = 10, Q3 = 7 (fewer crimes)
    assert svc.goal_trend(db, g) is Trend.POSITIVE
    assert svc.goal_trend(db, g, until=quarter(2026, 2)) is Trend.NEGATIVE  # 9 -> 10
    # entering an older value later must not change the order the trend reads
    svc.set_measurement(db, g, 2024, PeriodKind.QUARTER, 4, 30)
    assert svc.goal_trend(db, g) is Trend.POSITIVE


def test_trend_without_values(sample):
    fresh = svc.add_goal(sample.db, sample["fa2"], "Nytt mål")
    assert svc.goal_trend(sample.db, fresh.id) is Trend.NO_DATA
    svc.set_measurement(sample.db, fresh.id, 2026, PeriodKind.YEAR, 1, 3)
    assert svc.goal_trend(sample.db, fresh.id) is Trend.NO_DATA  # one value is no trend


def test_goal_summaries(sample):
    summaries = {s.goal.id: s for s in svc.goal_summaries(sample.db, sample["fa1"])}
    safe = summaries[sample["goal_safe"]]
    assert safe.latest.value == 66.5 and safe.trend is Trend.POSITIVE and safe.delta == pytest.approx(3.5)
    tunnels = summaries[sample["goal_tunnels"]]
    assert tunnels.assessment.assessment is Assessment.ACHIEVABLE and tunnels.delta == 2


# --------------------------------------------------------------------------- assessments


def test_assessment_set_update_and_restore(sample):
    db, g = sample.db, sample["goal_safe"]
    period = tertial(2026, 2)
    assert svc.set_assessment(db, g, period, assessment=Assessment.PARTLY, comment="Svårt i år",
                              assessed_on=dt.date(2026, 9, 1)) is None
    previous = svc.set_assessment(db, g, period, comment="Bättre än väntat")
    assert previous["comment"] == "Svårt i år" and previous["assessment"] is Assessment.PARTLY
    current = svc.get_assessment(db, g, period)
    assert current.assessment is Assessment.PARTLY and current.comment == "Bättre än väntat"
    svc.restore_assessment(db, g, period, previous)
    assert svc.get_assessment(db, g, period).comment == "Svårt i år"
    svc.restore_assessment(db, g, period, None)
    assert svc.get_assessment(db, g, period) is None


def test_assessments_newest_first(sample):
    db, g = sample.db, sample["goal_tunnels"]
    svc.set_assessment(db, g, tertial(2026, 1), assessment=Assessment.DIFFICULT)
    svc.set_assessment(db, g, year(2025), assessment=Assessment.MISSING)
    found = [(a.year, a.period_kind, a.period_no) for a in svc.list_assessments(db, g)]
    assert found == [(2026, PeriodKind.TERTIAL, 2), (2026, PeriodKind.TERTIAL, 1), (2025, PeriodKind.YEAR, 1)]


def test_a_goal_can_be_assessed_for_the_whole_year():
    """Nyköping evaluates at least once a year: the follow-up choices offer the year beside
    its tertials (issue 11)."""
    import datetime as dt

    from tryggapp.domain.enums import PeriodKind
    from tryggapp.ui.programme.follow_up import follow_up_periods

    codes = [p.code for p in follow_up_periods(PeriodKind.TERTIAL, [2026], dt.date(2026, 11, 25), [])]
    assert "2026" in codes and {"2026-T1", "2026-T2", "2026-T3"} <= set(codes)
    assert "2027" not in [p.code for p in follow_up_periods(PeriodKind.TERTIAL, [2027], dt.date(2026, 11, 25), [])]
