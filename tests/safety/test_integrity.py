"""Integrity at the model level: a focus area, person or group that others refer to is
not deleted (the refusal says why and what to do), archiving works instead, and nothing
is ever orphaned."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from tests.safety.conftest import populate
from tryggapp import domain as d
from tryggapp.services import crud


@pytest.fixture
def filled_db(db):
    """The safety tests' records (tests/safety/conftest.populate) in `db`: a file, or a
    team database (issue 18: the change log and the integrity rules are the services')."""
    db.ids = populate(db)  # type: ignore[attr-defined]
    return db


def foreign_key_problems(db) -> list:
    from tests.engines import integrity_problems

    return integrity_problems(db.path)


@pytest.mark.parametrize(("model", "key", "name", "referrers"), [
    (d.FocusArea, "focus_area", "Belysning och stråk", ["Åtgärd"]),
    (d.Person, "person", "Örjan Åkesson", ["Fokusområde", "Åtgärd"]),
    (d.Group, "group", "Samordningsgruppen", ["Trygghetsvandring"]),
])
def test_deleting_a_referenced_record_is_refused_with_an_explanation(filled_db, model, key, name, referrers):
    ident = filled_db.ids[key]
    with pytest.raises(crud.InUse) as info:
        crud.delete(filled_db, model, ident)
    message = str(info.value)
    assert name in message and "kan inte tas bort" in message and "Arkivera" in message
    for label in referrers:
        assert label in message, message
    assert crud.get(filled_db, model, ident).archived is False  # nothing happened
    assert foreign_key_problems(filled_db) == []


@pytest.mark.parametrize(("model", "key"), [(d.FocusArea, "focus_area"), (d.Person, "person"), (d.Group, "group")])
def test_archiving_instead_keeps_every_reference(filled_db, model, key):
    ident = filled_db.ids[key]
    old = crud.update(filled_db, model, ident, {"archived": True})
    assert old == {"archived": False}
    assert crud.get(filled_db, model, ident).archived is True
    measure = crud.get(filled_db, d.Measure, filled_db.ids["measure"])
    assert (measure.focus_area_id, measure.responsible_person_id) == (filled_db.ids["focus_area"],
                                                                      filled_db.ids["person"])
    assert foreign_key_problems(filled_db) == []


def test_unreferenced_records_are_deleted_and_nothing_is_orphaned(filled_db):
    crud.delete(filled_db, d.FocusArea, filled_db.ids["unused_focus_area"])
    crud.delete(filled_db, d.Person, filled_db.ids["other_person"])
    # A group's memberships go with it (ON DELETE CASCADE); first free the walk it organised.
    crud.update(filled_db, d.SafetyWalk, filled_db.ids["walk"], {"organiser_group_id": None})
    snap = crud.delete(filled_db, d.Group, filled_db.ids["group"])
    assert [t for t, _row in snap.rows] == ["work_group", "membership"]
    assert crud.list_all(filled_db, d.Membership) == []
    assert foreign_key_problems(filled_db) == []
    crud.restore(filled_db, snap)  # undo puts both back
    assert len(crud.list_all(filled_db, d.Membership)) == 1
    assert foreign_key_problems(filled_db) == []


def test_the_database_itself_refuses_orphans_even_past_the_services(filled_db):
    """The last line of defence: foreign keys are on for every connection."""
    from sqlalchemy.exc import IntegrityError

    with pytest.raises(IntegrityError), filled_db.engine.begin() as conn:
        conn.execute(sa.text("DELETE FROM person WHERE id = :id"), {"id": filled_db.ids["person"]})
    assert foreign_key_problems(filled_db) == []
