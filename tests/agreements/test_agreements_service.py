"""The agreements' undertakings and their follow-up without the window: validation in
Swedish, numbering, the status from the latest note, and the report's "as it stood on
the period's last day" rule (status, the period's notes only, linked measures as they
stood, a carried-over measure as its newest copy by then)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlmodel import select

from tryggapp import domain as d
from tryggapp.domain.agreements import undertaking_status
from tryggapp.domain.enums import PeriodKind, UndertakingStatus
from tryggapp.domain.periods import Period, of_kind
from tryggapp.services import agreement_report, crud
from tryggapp.services import agreements as svc
from tryggapp.services.validation import ValidationError

U = UndertakingStatus


def test_status_is_the_latest_notes_by_the_day():
    notes = [(dt.date(2026, 3, 1), 5, U.ONGOING), (dt.date(2026, 9, 1), 7, U.DONE), (dt.date(2026, 9, 1), 6, U.ONGOING)]
    assert undertaking_status([]) is U.NOT_STARTED
    assert undertaking_status(notes) is U.DONE  # same day: the one written last
    assert undertaking_status(notes, dt.date(2026, 8, 31)) is U.ONGOING
    assert undertaking_status(notes, dt.date(2026, 2, 28)) is U.NOT_STARTED


def test_refusals_are_swedish_and_name_the_field(db):
    with pytest.raises(ValidationError) as exc:
        svc.create_agreement(db, svc.AGREEMENT, {"title": " ", "period_from": dt.date(2027, 1, 1),
                                                 "period_to": dt.date(2026, 1, 1)})
    fields = {e.field for e in exc.value.errors}
    assert {"title", "period_to"} <= fields or {"title", "period_from"} <= fields
    promise = svc.create_agreement(db, svc.PROMISE, {"title": "Löfte", "period_from": dt.date(2026, 1, 1),
                                                     "period_to": dt.date(2026, 12, 31)})
    with pytest.raises(ValidationError) as exc:
        svc.create_undertaking(db, svc.PROMISE, promise.id, {"text": "  "})
    assert exc.value.errors[0].field == "text" and "Åtagande" in exc.value.errors[0].message
    u = svc.create_undertaking(db, svc.PROMISE, promise.id, {"text": "Att göra"})
    with pytest.raises(ValidationError) as exc:
        svc.add_note(db, u.id, {"noted_on": None, "text": ""})
    assert {e.field for e in exc.value.errors} == {"noted_on", "text"}
    assert crud.list_all(db, d.UndertakingNote) == []


def test_numbering_parties_and_undo_values(db):
    org = crud.create(db, d.Organisation(name="Polisen", kind=d.OrganisationKind.POLICE))
    housing = crud.create(db, d.Organisation(name="Bostadsbolaget", kind=d.OrganisationKind.HOUSING))
    a = svc.create_agreement(db, svc.AGREEMENT, {"title": "Samverkan", "period_from": dt.date(2025, 1, 1),
                                                 "period_to": dt.date(2027, 12, 31)}, [org.id])
    first = svc.create_undertaking(db, svc.AGREEMENT, a.id, {"text": "Ett"})
    second = svc.create_undertaking(db, svc.AGREEMENT, a.id, {"text": "Två", "organisation_id": housing.id})
    assert (first.number, second.number) == (1, 2)
    old, old_parties = svc.update_agreement(db, svc.AGREEMENT, a.id, {"title": "Samverkan 2025–2027"},
                                            [org.id, housing.id])
    assert old == {"title": "Samverkan"} and old_parties == [org.id]
    row = svc.agreement(db, svc.AGREEMENT, a.id, dt.date(2026, 1, 1))
    assert row.party_names == "Polisen, Bostadsbolaget" and row.undertakings[1].party == "Bostadsbolaget"
    svc.update_agreement(db, svc.AGREEMENT, a.id, old, old_parties)
    row = svc.agreement(db, svc.AGREEMENT, a.id, dt.date(2026, 1, 1))
    assert row.title == "Samverkan" and row.party_names == "Polisen"
    # An organisation that is a party cannot be deleted from under the agreement.
    with pytest.raises(crud.InUse):
        crud.delete(db, d.Organisation, org.id)


def test_report_tells_the_period_as_it_stood_on_its_last_day(demo_db):
    """Second tertial 2026 of the demo: a note written after 31 August neither sets the
    status nor is printed; a note from before the period sets the status but is not
    printed; linked measures show their status on 31 August."""
    t2 = of_kind(PeriodKind.TERTIAL, 2026, 2)
    found = agreement_report.collect(demo_db, t2, t2.end)
    promise = next(a for a in found if a.table == svc.PROMISE)
    by_number = {u.number: u for u in promise.undertakings}
    lights = by_number[2]
    # Notes: 30 April (before), 12 June (in the period), 15 October (after).
    assert lights.note is not None and lights.note.noted_on == dt.date(2026, 6, 12)
    assert lights.status is U.ONGOING
    feedback = by_number[3]  # done on 15 April: status kept, no note of the period
    assert feedback.status is U.DONE and feedback.note is None
    # The linked measures as the status history says they stood on 31 August.
    from tryggapp.services import followup

    with demo_db.session() as s:
        links = s.exec(select(d.UndertakingMeasure.measure_id).join(
            d.Undertaking, d.Undertaking.id == d.UndertakingMeasure.undertaking_id)
            .where(d.Undertaking.citizen_promise_id == promise_id(demo_db), d.Undertaking.number == 2)).all()
        changes = {m: [followup.Change(c.changed_on, (c.recorded_at, c.id), c.old_status, c.new_status)
                       for c in s.exec(select(d.MeasureStatusChange).where(d.MeasureStatusChange.measure_id == m))]
                   for m in links}
        now = {m: s.get(d.Measure, m) for m in links}
    expected = sorted(svc.measure_status_text(followup.status_on(changes[m], t2.end, now[m].status).status,
                                              now[m].deadline, t2.end) for m in links)
    assert sorted(m.status_text for m in lights.measures) == expected
    # Agreements not in force in the period are left out.
    assert agreement_report.collect(demo_db, Period(dt.date(2020, 1, 1), dt.date(2020, 12, 31)),
                                    dt.date(2020, 12, 31)) == ()


def promise_id(db) -> int:
    return crud.list_all(db, d.CitizenPromise)[0].id


def test_a_measure_done_after_the_period_shows_as_it_was_then(demo_db):
    """Mark a linked measure done today: the report of a closed period still shows its
    old status, the app shows the new one."""
    from tryggapp.services import measures

    promise = svc.agreement(demo_db, svc.PROMISE, promise_id(demo_db), dt.date(2026, 11, 25))
    link = next(m for u in promise.undertakings for m in u.measures if m.status is d.MeasureStatus.ONGOING)
    measures.update_measure(demo_db, link.id, {"status": d.MeasureStatus.DONE}, today=dt.date(2026, 11, 25))
    t2 = of_kind(PeriodKind.TERTIAL, 2026, 2)
    shown = [m for a in agreement_report.collect(demo_db, t2, t2.end) for u in a.undertakings for m in u.measures
             if m.title == link.title]
    assert shown and all(m.status_text == "Pågående" for m in shown)
    now = svc.agreement(demo_db, svc.PROMISE, promise_id(demo_db), dt.date(2026, 11, 25))
    assert any(m.status_text == "Genomförd" for u in now.undertakings for m in u.measures if m.id == link.id)
