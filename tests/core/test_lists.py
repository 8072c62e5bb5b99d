"""The list views' numbers for walks (services.walks) and findings (services.lists): each
observation and each measure counted once, a carried-over measure as its newest copy."""

from __future__ import annotations

import datetime as dt

from tryggapp import domain as d
from tryggapp.domain import rules
from tryggapp.services import crud, lists, measures, walks

TODAY = dt.date(2026, 11, 25)


def _walk_with_two_observations(db):
    walk = crud.create(db, d.SafetyWalk(date=dt.date(2026, 4, 10), area="Centrum"))
    lamp = crud.create(db, d.Observation(walk_id=walk.id, number=1, place="Gångtunneln",
                                         category=d.ObservationCategory.LIGHTING))
    bush = crud.create(db, d.Observation(walk_id=walk.id, number=2, place="Parken",
                                         category=d.ObservationCategory.VEGETATION))
    return walk, lamp, bush


def test_an_observation_with_two_finished_measures_is_one_done_observation(db):
    walk, lamp, _bush = _walk_with_two_observations(db)
    for title in ("Byt armatur", "Sätt upp fler lampor"):
        measures.create_measure(db, 2026, {"title": title, "origin_observation_id": lamp.id,
                                           "status": d.MeasureStatus.DONE}, today=TODAY)
    row = next(r for r in walks.walk_rows(db, TODAY) if r.id == walk.id)
    assert (row.observations, row.handled) == (2, 1)
    lamp_row = walks.observation(db, lamp.id, TODAY)
    assert len(lamp_row.measures) == 2 and lamp_row.outcome == rules.OBSERVATION_DONE


def test_a_carried_over_measure_counts_as_its_newest_copy(db):
    walk, lamp, _bush = _walk_with_two_observations(db)
    measure = measures.create_measure(db, 2026, {"title": "Byt armatur", "origin_observation_id": lamp.id},
                                      today=TODAY)
    revision = measures.revise_into_new_year(db, 2026, 2027, TODAY)
    measures.set_status(db, revision.carried[measure.id], d.MeasureStatus.DONE, on=dt.date(2027, 2, 1))
    row = next(r for r in walks.walk_rows(db, TODAY) if r.id == walk.id)
    assert row.handled == 1
    lamp_row = walks.observation(db, lamp.id, TODAY)
    assert [(m.ref, m.status) for m in lamp_row.measures] == [("2027:1", d.MeasureStatus.DONE)]
    assert lamp_row.outcome == rules.OBSERVATION_DONE

    picture = crud.create(db, d.SituationPicture(title="Lägesbild 2025", period_from=dt.date(2025, 1, 1),
                                                 period_to=dt.date(2025, 12, 31)))
    finding = crud.create(db, d.SituationFinding(situation_picture_id=picture.id, title="Mörka platser"))
    measures.update_measure(db, revision.carried[measure.id],
                            measures.origin_changes(d.OriginKind.FINDING, finding.id), today=TODAY)
    measures.update_measure(db, measure.id, measures.origin_changes(d.OriginKind.FINDING, finding.id), today=TODAY)
    assert [r["measures"] for r in lists.findings(db, picture.id)] == [1]
