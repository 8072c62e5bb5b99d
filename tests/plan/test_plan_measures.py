"""The action plan's services: rows, status history, cancel reason, bulk edits, late
derivation, partners and notes, and the yearly revision."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa
from sqlmodel import select

from tryggapp import domain as d
from tryggapp.domain.enums import MeasureStatus, OriginKind
from tryggapp.errors import UserError
from tryggapp.services import crud, measures
from tryggapp.services.validation import ValidationError

TODAY = dt.date(2026, 11, 25)  # the day the demo is pinned to (tests/conftest.py)


def _values(obj) -> tuple:  # noqa: ANN001
    """Stored values without the row version, which counts every write (an undo too)."""
    return tuple(sorted((k, v) for k, v in crud.values_of(obj).items() if k != "version"))


def _dump(db, year: int) -> list[tuple]:
    """Every stored value of a year's measures with their notes, history and partners."""
    out = []
    with db.session() as s:
        plan = s.exec(select(d.ActionPlan).where(d.ActionPlan.year == year)).one()
        for m in s.exec(select(d.Measure).where(d.Measure.action_plan_id == plan.id).order_by(d.Measure.id)).all():
            notes = s.exec(select(d.MeasureNote).where(d.MeasureNote.measure_id == m.id)
                           .order_by(d.MeasureNote.id)).all()
            history = s.exec(select(d.MeasureStatusChange).where(d.MeasureStatusChange.measure_id == m.id)
                             .order_by(d.MeasureStatusChange.id)).all()
            partners = s.exec(select(d.MeasurePartner).where(d.MeasurePartner.measure_id == m.id)).all()
            out.append((_values(m), tuple(_values(n) for n in notes), tuple(_values(h) for h in history),
                        tuple(sorted(p.organisation_id for p in partners))))
        out.append(_values(plan))
    return out


def _history(db, measure_id: int) -> list[d.MeasureStatusChange]:
    with db.session() as s:
        return list(s.exec(select(d.MeasureStatusChange).where(d.MeasureStatusChange.measure_id == measure_id)
                           .order_by(d.MeasureStatusChange.id)).all())


# --------------------------------------------------------------------------- rows


def test_rows_resolve_names_origin_note_and_late(seeded):
    db, seed = seeded
    rows = {r.number: r for r in measures.rows_for_year(db, 2026, TODAY)}
    assert sorted(rows) == [1, 2, 3, 4, 5, 6]
    two = rows[2]
    assert two.focus_area == "3 Trygg stadsmiljö"
    assert two.responsible_person == "Örjan Åkesson"
    assert two.responsible_organisation == "Polisen lokalpolisområde Ekdala"
    assert two.partners == ("Ekdalabostäder AB", "Samhällsbyggnadsförvaltningen")
    assert (two.latest_note, two.latest_note_on) == ("Rutten bestämd", dt.date(2026, 9, 1))
    assert two.origin.kind == OriginKind.MINUTES_ITEM
    assert two.origin.label == "§ 14 Samordningsgruppen 2026: Belysning i Norrby"
    assert (two.origin.table, two.origin.record_id) == ("minutes_item", seed["minutes_item"])
    assert rows[1].origin.label == "Iakttagelse 4, Trygghetsvandring Centrum 2026-10-02"
    # Late: deadline 2026-10-31 passed on 2026-11-25 and still ongoing; done/cancelled never late.
    assert [n for n, r in rows.items() if r.late] == [2]
    assert not rows[5].late and rows[5].status == MeasureStatus.CANCELLED
    # ...and it is derived from the day passed in, never stored.
    assert not measures.row(db, seed["m2"], dt.date(2026, 10, 31)).late
    assert measures.row(db, seed["m2"], dt.date(2026, 11, 1)).late


def test_rows_are_one_statement_not_one_per_measure(seeded):
    db, _seed = seeded
    statements: list[str] = []

    def count(conn, cursor, statement, *args):
        if statement.lstrip().upper().startswith(("SELECT", "WITH")):
            statements.append(statement)

    sa.event.listen(db.engine, "before_cursor_execute", count)
    try:
        rows = measures.rows_for_year(db, 2026, TODAY)
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", count)
    assert len(rows) == 6
    assert len(statements) == 1


def test_plans_and_next_number(seeded):
    db, seed = seeded
    [plan] = measures.plans(db)
    assert (plan.year, plan.measure_count) == (2026, 6)
    assert measures.next_number(db, seed["plan"]) == 7


# --------------------------------------------------------------------------- status


def test_status_changes_are_kept_with_their_dates(seeded):
    db, seed = seeded
    measures.set_status(db, seed["m3"], MeasureStatus.ONGOING, on=dt.date(2026, 4, 2))
    measures.set_status(db, seed["m3"], MeasureStatus.DONE, on=dt.date(2026, 9, 15))
    history = _history(db, seed["m3"])
    assert [(h.changed_on, h.old_status, h.new_status) for h in history[1:]] == [
        (dt.date(2026, 4, 2), MeasureStatus.NOT_STARTED, MeasureStatus.ONGOING),
        (dt.date(2026, 9, 15), MeasureStatus.ONGOING, MeasureStatus.DONE),
    ]
    detail = measures.detail(db, seed["m3"], TODAY)
    assert detail.history[0].changed_on == dt.date(2026, 9, 15)  # newest first


def test_setting_the_same_status_records_nothing(seeded):
    db, seed = seeded
    before = len(_history(db, seed["m2"]))
    undo = measures.set_status(db, seed["m2"], MeasureStatus.ONGOING, on=TODAY)
    assert undo.status_change_ids == []
    assert len(_history(db, seed["m2"])) == before


def test_cancel_needs_a_reason_naming_the_field(seeded):
    db, seed = seeded
    with pytest.raises(ValidationError) as info:
        measures.set_status(db, seed["m2"], MeasureStatus.CANCELLED, on=TODAY, reason="  ")
    [error] = info.value.for_field("cancel_reason")
    assert "orsak" in error.message.lower() and "Orsak" in error.message
    assert measures.row(db, seed["m2"], TODAY).status == MeasureStatus.ONGOING
    undo = measures.set_status(db, seed["m2"], MeasureStatus.CANCELLED, on=TODAY, reason="Ersatt av åtgärd 3")
    row = measures.row(db, seed["m2"], TODAY)
    assert (row.status, row.cancel_reason) == (MeasureStatus.CANCELLED, "Ersatt av åtgärd 3")
    assert _history(db, seed["m2"])[-1].reason == "Ersatt av åtgärd 3"
    measures.undo_changes(db, undo)
    row = measures.row(db, seed["m2"], TODAY)
    assert (row.status, row.cancel_reason) == (MeasureStatus.ONGOING, "")
    assert _history(db, seed["m2"])[-1].new_status == MeasureStatus.ONGOING  # the undone change is gone


def test_a_new_status_drops_the_old_reason(seeded):
    db, seed = seeded
    measures.set_status(db, seed["m4"], MeasureStatus.ONGOING, on=TODAY)  # was paused "Väntar på budget"
    assert measures.row(db, seed["m4"], TODAY).cancel_reason == ""


def test_update_validates_before_writing(seeded):
    db, seed = seeded
    with pytest.raises(ValidationError) as info:
        measures.update_measure(db, seed["m2"], {"deadline": dt.date(2026, 1, 1)}, today=TODAY)
    assert info.value.for_field("deadline")
    with pytest.raises(ValidationError):
        measures.validate_changes(db, seed["m2"], {"number": 3})  # taken
    assert measures.row(db, seed["m2"], TODAY).deadline == dt.date(2026, 10, 31)
    with pytest.raises(AttributeError):
        measures.update_measure(db, seed["m2"], {"action_plan_id": 99}, today=TODAY)


# --------------------------------------------------------------------------- bulk


def test_bulk_update_is_one_transaction_and_one_undo(seeded):
    db, seed = seeded
    ids = [seed["m2"], seed["m3"], seed["m6"]]
    before = _dump(db, 2026)
    undo = measures.bulk_update(db, ids, {"status": MeasureStatus.DONE, "deadline": dt.date(2026, 12, 15),
                                          "responsible_person_id": seed["person1"]}, TODAY)
    rows = {r.id: r for r in measures.rows_for_year(db, 2026, TODAY)}
    for ident in ids:
        assert rows[ident].status == MeasureStatus.DONE
        assert rows[ident].deadline == dt.date(2026, 12, 15)
        assert rows[ident].responsible_person == "Anna Berg"
        assert _history(db, ident)[-1].changed_on == TODAY
    assert len(undo.status_change_ids) == 3
    assert set(undo.old) == set(ids)
    measures.undo_changes(db, undo)
    assert _dump(db, 2026) == before


def test_bulk_update_refuses_all_when_one_row_is_wrong(seeded):
    db, seed = seeded
    before = _dump(db, 2026)
    # Measure 1 started 2026-02-01: a deadline in January breaks it, so none may change.
    with pytest.raises(ValidationError) as info:
        measures.bulk_update(db, [seed["m3"], seed["m1"]], {"deadline": dt.date(2026, 1, 20)}, TODAY)
    assert "Åtgärd 1" in str(info.value)
    with pytest.raises(ValidationError):
        measures.bulk_update(db, [seed["m3"], seed["m6"]], {"status": MeasureStatus.CANCELLED}, TODAY)
    assert _dump(db, 2026) == before


# --------------------------------------------------------------------------- create, notes, partners


def test_create_numbers_on_and_records_the_first_status(seeded):
    db, seed = seeded
    m = measures.create_measure(db, 2026, {"title": "Nattvandring", "responsible_organisation_id": seed["org3"]},
                                today=TODAY)
    assert m.number == 7
    [first] = _history(db, m.id)
    assert (first.old_status, first.new_status, first.changed_on) == (None, MeasureStatus.NOT_STARTED, TODAY)
    snapshot = measures.delete_measure(db, m.id)
    assert measures.next_number(db, seed["plan"]) == 7
    crud.restore(db, snapshot)
    assert measures.row(db, m.id, TODAY).title == "Nattvandring"
    again = measures.create_measure(db, 2030, {"title": "Första åtgärden 2030"}, today=TODAY)
    assert again.number == 1 and measures.plan_for_year(db, 2030) is not None


def test_create_rejects_a_blank_title(seeded):
    db, _seed = seeded
    with pytest.raises(ValidationError) as info:
        measures.create_measure(db, 2026, {"title": " "}, today=TODAY)
    assert info.value.for_field("title")


def test_notes_and_partners(seeded):
    db, seed = seeded
    note = measures.add_note(db, seed["m3"], " Första föräldravandringen genomförd ", on=dt.date(2026, 11, 20))
    row = measures.row(db, seed["m3"], TODAY)
    assert (row.latest_note, row.latest_note_on) == ("Första föräldravandringen genomförd", dt.date(2026, 11, 20))
    with pytest.raises(ValidationError):
        measures.add_note(db, seed["m3"], "   ", on=TODAY)
    measures.delete_note(db, note.id)
    assert measures.row(db, seed["m3"], TODAY).latest_note == ""
    assert measures.add_partner(db, seed["m3"], seed["org2"]) is True
    assert measures.add_partner(db, seed["m3"], seed["org2"]) is False
    assert measures.row(db, seed["m3"], TODAY).partners == ("Polisen lokalpolisområde Ekdala",)
    assert measures.remove_partner(db, seed["m3"], seed["org2"]) is True
    assert measures.remove_partner(db, seed["m3"], seed["org2"]) is False


def test_origin_candidates_and_changes(seeded):
    db, seed = seeded
    [(ident, label)] = measures.origin_candidates(db, OriginKind.OBSERVATION)
    assert ident == seed["observation"] and label.startswith("Iakttagelse 4, Trygghetsvandring Centrum")
    changes = measures.origin_changes(OriginKind.OBSERVATION, ident)
    measures.update_measure(db, seed["m2"], changes, today=TODAY)
    assert measures.row(db, seed["m2"], TODAY).origin.kind == OriginKind.OBSERVATION  # the minutes link cleared
    measures.update_measure(db, seed["m2"], measures.origin_changes(OriginKind.NONE, None), today=TODAY)
    assert measures.row(db, seed["m2"], TODAY).origin.kind == OriginKind.NONE


# --------------------------------------------------------------------------- revision


def test_revision_carries_unfinished_measures_and_leaves_the_old_year(seeded):
    db, seed = seeded
    before = _dump(db, 2026)
    revision = measures.revise_into_new_year(db, 2026, 2027, TODAY)
    assert _dump(db, 2026) == before  # the old year is exactly as it was

    new_rows = {r.number: r for r in measures.rows_for_year(db, 2027, TODAY)}
    assert sorted(new_rows) == [2, 3, 4, 6]  # done (1) and cancelled (5) stay behind
    two = new_rows[2]
    assert two.carried_over and two.carried_over_from_id == seed["m2"] and two.carried_over_from_year == 2026
    assert two.status == MeasureStatus.ONGOING and two.title == "Trygghetsvandring i Norrby"
    assert two.partners == ("Ekdalabostäder AB", "Samhällsbyggnadsförvaltningen")
    assert two.latest_note == "Rutten bestämd"  # read through the carry-over link
    assert new_rows[4].cancel_reason == "Väntar på budget"

    # History stays on the old row and is reachable from the new one.
    assert _history(db, two.id) == []
    detail = measures.detail(db, two.id, TODAY)
    assert [h.new_status for h in detail.history] == [MeasureStatus.ONGOING, MeasureStatus.NOT_STARTED]
    assert all(h.inherited and h.year == 2026 for h in detail.history)
    assert [n.text for n in detail.notes] == ["Rutten bestämd", "Inbjudan skickad"]
    assert measures.detail(db, seed["m2"], TODAY).carried_into == [(two.id, 2027)]

    with db.session() as s:
        plan = s.get(d.ActionPlan, revision.plan_id)
        assert plan.previous_plan_id == seed["plan"] and plan.year == 2027

    with pytest.raises(UserError, match="redan"):
        measures.revise_into_new_year(db, 2026, 2027, TODAY)
    with pytest.raises(UserError):
        measures.revise_into_new_year(db, 2026, 2025, TODAY)
    with pytest.raises(UserError):
        measures.revise_into_new_year(db, 2019, 2020, TODAY)

    measures.undo_revision(db, revision)
    assert measures.plan_for_year(db, 2027) is None
    assert _dump(db, 2026) == before
    again = measures.revise_into_new_year(db, 2026, 2027, TODAY, reuse=revision)
    assert again == revision  # the same ids again (redo after undo)


def test_revision_of_an_edited_carry_over_does_not_touch_the_old_row(seeded):
    db, seed = seeded
    revision = measures.revise_into_new_year(db, 2026, 2027, TODAY)
    new_id = revision.carried[seed["m2"]]
    measures.set_status(db, new_id, MeasureStatus.DONE, on=dt.date(2027, 2, 1))
    assert measures.row(db, seed["m2"], TODAY).status == MeasureStatus.ONGOING
    assert [h.new_status for h in measures.detail(db, new_id, TODAY).history][:1] == [MeasureStatus.DONE]
    with pytest.raises(crud.InUse):
        measures.delete_measure(db, seed["m2"])  # the 2027 copy points at it


def test_demo_plan_rows(demo_db):
    """The demo's plan loads in one go with its carried-over and late measures."""
    years = [p.year for p in measures.plans(demo_db)]
    assert years
    rows = measures.rows_for_year(demo_db, years[-1], TODAY)
    assert rows
    assert all(r.title for r in rows)


def test_revision_carries_into_a_plan_that_already_exists(seeded):
    """The next year's plan is created as soon as one measure is added to it; the
    unfinished measures can still be carried over, once, keeping numbers where free."""
    db, seed = seeded
    plan_2027 = crud.create(db, d.ActionPlan(year=2027))
    crud.create(db, d.Measure(action_plan_id=plan_2027.id, number=2, title="Ny åtgärd inför 2027"))
    revision = measures.revise_into_new_year(db, 2026, 2027, TODAY)
    assert revision.plan_id == plan_2027.id and not revision.created_plan
    rows = {r.title: r.number for r in measures.rows_for_year(db, 2027, TODAY)}
    assert rows["Ny åtgärd inför 2027"] == 2
    assert rows["Trygghetsvandring i Norrby"] == 7  # number 2 was taken: the next free one
    assert sorted(rows.values()) == [2, 3, 4, 6, 7]
    with pytest.raises(UserError, match="redan"):
        measures.revise_into_new_year(db, 2026, 2027, TODAY)  # nothing left to carry
    measures.undo_revision(db, revision)
    assert measures.plan_for_year(db, 2027) is not None  # the plan was there before
    assert [r.title for r in measures.rows_for_year(db, 2027, TODAY)] == ["Ny åtgärd inför 2027"]
