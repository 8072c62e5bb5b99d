"""The lägesbild and EST services: validation in Swedish, links many to many with their
undo, the EST summary and "Skapa åtgärd"."""

from __future__ import annotations

import datetime as dt

import pytest

from tryggapp import domain as d
from tryggapp.domain.situation import EstKind, ReporterKind, SourceKind
from tryggapp.services import crud, measures
from tryggapp.services import situation as svc
from tryggapp.services.validation import ValidationError

TODAY = dt.date(2026, 6, 15)


def _focus_areas(db) -> list[int]:
    prog = crud.create(db, d.Programme(title="Program"))
    direction = crud.create(db, d.Direction(programme_id=prog.id, title="Brottsförebyggande arbete"))
    return [crud.create(db, d.FocusArea(direction_id=direction.id, number=n, title=t)).id
            for n, t in ((1, "Trygg stadsmiljö"), (2, "Unga"))]


def _picture(db) -> d.SituationPicture:
    return svc.create_picture(db, {"title": "Lägesbild 2025–2026", "period_from": dt.date(2025, 1, 1),
                                   "period_to": dt.date(2026, 12, 31)})


def test_a_picture_ending_before_it_starts_or_without_title_is_refused_in_swedish(db):
    with pytest.raises(ValidationError) as exc:
        svc.create_picture(db, {"title": " ", "period_from": dt.date(2026, 1, 1), "period_to": dt.date(2025, 1, 1)})
    messages = {e.field: e.message for e in exc.value.errors}
    assert messages["title"] == "”Titel” måste fyllas i."
    assert messages["period_to"] == "Perioden kan inte sluta innan den börjar."
    picture = _picture(db)
    with pytest.raises(ValidationError):
        svc.update_picture(db, picture.id, {"period_to": dt.date(2024, 12, 31)})
    assert crud.get(db, d.SituationPicture, picture.id).period_to == dt.date(2026, 12, 31)


def test_finding_links_focus_areas_measures_and_est_and_undo_puts_them_back(db):
    fa1, fa2 = _focus_areas(db)
    picture = _picture(db)
    m1 = measures.create_measure(db, 2026, {"title": "Sanera klotter"}, today=TODAY)
    m2 = measures.create_measure(db, 2026, {"title": "Belysning"}, today=TODAY)
    est = svc.create_est(db, {"reported_on": dt.date(2026, 3, 2), "place": "Busstationen",
                              "kind": EstKind.GRAFFITI}, today=TODAY)
    finding = svc.create_finding(db, picture.id, {"title": "Klotter vid stationen", "area": "Centrum",
                                                  "priority": d.Priority.HIGH, "focus_area_ids": [fa2, fa1],
                                                  "measure_ids": [m1.id], "est_ids": [est.id]})
    assert finding.number == 1 and finding.focus_area_id == fa2
    row = svc.finding_row(db, finding.id, TODAY)
    assert [label for _i, label in row.focus_areas] == ["1 Trygg stadsmiljö", "2 Unga"]
    assert [m.title for m in row.measures] == ["Sanera klotter"] and row.est_ids == (est.id,)

    old = svc.update_finding(db, finding.id, {"measure_ids": [m1.id, m2.id], "focus_area_ids": [fa1],
                                              "area": "Stationsområdet"})
    row = svc.finding_row(db, finding.id, TODAY)
    assert [m.title for m in row.measures] == ["Sanera klotter", "Belysning"] and row.area == "Stationsområdet"
    assert crud.get(db, d.SituationFinding, finding.id).focus_area_id == fa1
    svc.update_finding(db, finding.id, old)  # the undo
    row = svc.finding_row(db, finding.id, TODAY)
    assert [m.title for m in row.measures] == ["Sanera klotter"] and row.area == "Centrum"
    assert {i for i, _l in row.focus_areas} == {fa1, fa2}

    # A measure with the finding as origin answers it too, without a link row.
    m3 = measures.create_measure(db, 2026, {"title": "Väktare", "origin_finding_id": finding.id}, today=TODAY)
    assert [m.id for m in svc.finding_row(db, finding.id, TODAY).measures] == [m1.id, m3.id]

    with pytest.raises(crud.InUse):
        svc.delete_finding(db, finding.id)
    measures.delete_measure(db, m3.id)
    snap = svc.delete_finding(db, finding.id)
    crud.restore(db, snap)
    assert svc.finding_row(db, finding.id, TODAY).est_ids == (est.id,)


def test_sources_are_records_and_one_needs_a_note_or_owner(db):
    picture = _picture(db)
    with pytest.raises(ValidationError) as exc:
        svc.add_source(db, picture.id, {"kind": SourceKind.POLICE})
    assert exc.value.errors[0].field == "note"
    source = svc.add_source(db, picture.id, {"kind": SourceKind.SURVEY, "owner": "Kommunen",
                                             "dated": dt.date(2025, 11, 1), "note": "Trygghetsundersökningen"})
    old = svc.update_source(db, source.id, {"owner": "Polisen"})
    assert old == {"owner": "Kommunen"}
    detail = svc.picture_detail(db, picture.id, TODAY)
    assert [(s.kind, s.owner) for s in detail.sources] == [(SourceKind.SURVEY, "Polisen")]


def test_est_in_the_future_is_refused_and_the_summary_counts_by_kind_and_place(db):
    with pytest.raises(ValidationError) as exc:
        svc.create_est(db, {"reported_on": TODAY + dt.timedelta(days=1), "place": "Torget"}, today=TODAY)
    assert exc.value.errors[0].field == "reported_on"
    with pytest.raises(ValidationError) as exc:
        svc.create_est(db, {"reported_on": TODAY, "place": "  "}, today=TODAY)
    assert exc.value.errors[0].field == "place"
    for day, place, kind in [(1, "Torget", EstKind.GRAFFITI), (2, "torget ", EstKind.GRAFFITI),
                             (3, "Busstationen", EstKind.DRUGS), (4, "Torget", EstKind.LITTER)]:
        svc.create_est(db, {"reported_on": dt.date(2026, 2, day), "place": place, "kind": kind,
                            "reporter_kind": ReporterKind.HOUSING}, today=TODAY)
    svc.create_est(db, {"reported_on": dt.date(2025, 12, 31), "place": "Torget"}, today=TODAY)
    summary = svc.est_summary(db, dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    assert summary.total == 4
    assert summary.by_kind[0] == (EstKind.GRAFFITI, 2)
    assert summary.by_place == (("Torget", 3), ("Busstationen", 1))
    assert (EstKind.GRAFFITI, "Torget", 2) in summary.by_kind_and_place
    picture = _picture(db)
    assert len(svc.picture_detail(db, picture.id, TODAY).est) == 5


def test_a_measure_from_an_est_report_links_back_and_undo_removes_it(db):
    est = svc.create_est(db, {"reported_on": dt.date(2026, 5, 2), "place": "Skolgården", "kind": EstKind.FIRE,
                              "description": "Brand i papperskorg"}, today=TODAY)
    proposal = svc.est_measure_proposal(db, est.id, TODAY)
    assert proposal["title"] == "Brand: Skolgården" and proposal["year"] == 2026
    measure = svc.measure_from_est(db, est.id, {"title": proposal["title"]}, year=2026, today=TODAY)
    row = svc.est_row(db, est.id)
    assert row.measure_id == measure.id and row.measure.endswith("Brand: Skolgården")
    with pytest.raises(ValidationError):
        svc.measure_from_est(db, est.id, {"title": "Igen"}, year=2026, today=TODAY)
    svc.undo_est_measure(db, est.id, measure.id)
    assert svc.est_row(db, est.id).measure_id is None
    assert crud.list_all(db, d.Measure) == []
