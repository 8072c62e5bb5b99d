"""The report's "Medborgarlöften och samverkan" for a closed period tells it as it stood on
the period's last day, whenever it is made: an undertaking added afterwards is not listed,
a later note changes nothing, and the promise's or agreement's own status is the one its
undertakings' notes gave then — not the status stored today."""

from __future__ import annotations

import dataclasses
import datetime as dt
import subprocess

from tryggapp.domain.agreements import commitment_status_on, existed_on
from tryggapp.domain.enums import CommitmentStatus, PeriodKind, UndertakingStatus
from tryggapp.domain.periods import of_kind
from tryggapp.services import agreement_report, followup
from tryggapp.services import agreements as svc

U, C = UndertakingStatus, CommitmentStatus
NOW = dt.date(2026, 11, 28)
T2 = of_kind(PeriodKind.TERTIAL, 2026, 2)


def test_the_agreement_status_on_a_day_comes_from_its_undertakings():
    start, end = dt.date(2026, 1, 1), dt.date(2026, 12, 31)
    assert commitment_status_on([U.DONE], start, end, dt.date(2025, 12, 31), C.FULFILLED) is C.PLANNED
    assert commitment_status_on([U.DONE, U.ONGOING], start, end, dt.date(2026, 8, 31), C.FULFILLED) is C.ACTIVE
    assert commitment_status_on([U.DONE, U.DONE], start, end, dt.date(2026, 8, 31), C.ACTIVE) is C.FULFILLED
    assert commitment_status_on([U.DONE, U.NOT_DONE], start, end, dt.date(2027, 1, 31), C.FULFILLED) \
        is C.NOT_FULFILLED
    # Without undertakings the notes cannot say: running it is active, over the stored word counts.
    assert commitment_status_on([], start, end, dt.date(2026, 8, 31), C.FULFILLED) is C.ACTIVE
    assert commitment_status_on([], start, end, dt.date(2027, 1, 31), C.FULFILLED) is C.FULFILLED
    assert commitment_status_on([], start, end, dt.date(2027, 1, 31), C.ACTIVE) is C.ACTIVE


def test_an_undertaking_exists_from_its_day_or_its_first_note():
    day = dt.date(2026, 8, 31)
    assert existed_on(None, None, day) and existed_on(dt.date(2026, 8, 31), None, day)
    assert not existed_on(dt.date(2026, 11, 28), None, day)
    assert not existed_on(dt.date(2026, 11, 28), dt.date(2026, 9, 1), day)
    assert existed_on(dt.date(2026, 11, 28), dt.date(2026, 6, 10), day)  # typed in later, noted in June


def _promise(rows):
    return next(a for a in rows if a.table == svc.PROMISE)


def test_a_t2_report_made_in_november_shows_t2(demo_db):
    """Made on 28 November 2026, after an undertaking was added, a note written and the
    promise marked fulfilled that day: the same as made on 31 August."""
    on_the_day = followup.collect(demo_db, T2, T2.end).agreements
    promise = _promise(on_the_day)
    assert promise.status is C.ACTIVE and len(promise.undertakings) >= 3
    row = svc.agreement(demo_db, svc.PROMISE, next(a.id for a in svc.agreements(demo_db, NOW)
                                                   if a.table == svc.PROMISE), NOW)
    added = svc.create_undertaking(demo_db, svc.PROMISE, row.id, {"text": "Nattvandring varje lördag"}, today=NOW)
    assert added.created == NOW
    for u in row.undertakings:  # all carried out by now ...
        svc.add_note(demo_db, u.id, {"noted_on": NOW, "status": U.DONE, "text": "Klart."})
    svc.add_note(demo_db, added.id, {"noted_on": NOW, "status": U.DONE, "text": "Klart."})
    svc.update_agreement(demo_db, svc.PROMISE, row.id, {"status": C.FULFILLED})  # ... and marked so today

    later = followup.collect(demo_db, T2, NOW)
    assert later.as_of == T2.end
    assert later.agreements == on_the_day
    again = followup.collect(demo_db, T2, T2.end).agreements  # made on the last day, with the new data
    assert again == on_the_day
    assert all(u.text != "Nattvandring varje lördag" for a in later.agreements for u in a.undertakings)
    # The running period sees today's state: the new undertaking, everything carried out.
    t3 = followup.collect(demo_db, of_kind(PeriodKind.TERTIAL, 2026, 3), NOW)
    now_promise = _promise(t3.agreements)
    assert any(u.text == "Nattvandring varje lördag" for u in now_promise.undertakings)
    assert now_promise.status is C.FULFILLED

    # The printed section says so too.
    from tryggapp.reports import build_pdf

    out = demo_db.path.parent / "rapport.pdf"
    build_pdf(later, out, sections=["agreements"])
    text = " ".join(subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())
    assert "Medborgarlöften och samverkan" in text and "31 augusti 2026" in text
    assert text.count("Status: Aktiv") == 2 and "Uppfyllt" not in text
    assert "Nattvandring" not in text


def test_an_undertaking_typed_in_later_with_an_older_note_is_in_the_period(demo_db):
    promise_id = next(a.id for a in svc.agreements(demo_db, NOW) if a.table == svc.PROMISE)
    added = svc.create_undertaking(demo_db, svc.PROMISE, promise_id, {"text": "Trygghetsvärdar vid stationen"},
                                   today=NOW)
    svc.add_note(demo_db, added.id, {"noted_on": dt.date(2026, 6, 10), "status": U.ONGOING, "text": "Startat."})
    shown = {u.text: u for u in _promise(agreement_report.collect(demo_db, T2, T2.end)).undertakings}
    assert shown["Trygghetsvärdar vid stationen"].status is U.ONGOING
    # Not in the first tertial: neither added nor noted by 30 April.
    t1 = of_kind(PeriodKind.TERTIAL, 2026, 1)
    assert "Trygghetsvärdar vid stationen" not in {
        u.text for u in _promise(agreement_report.collect(demo_db, t1, t1.end)).undertakings}


def test_the_report_rows_carry_the_status(demo_db):
    rows = agreement_report.collect(demo_db, T2, T2.end)
    assert rows and all(isinstance(a.status, CommitmentStatus) for a in rows)
    assert {f.name for f in dataclasses.fields(rows[0])} >= {"status", "undertakings"}
