"""Several writers (issue 18): two Database objects on one database stand for two people,
on a SQLite file and on the PostgreSQL test server (the folder's `db_engine`). On SQLite
the second is opened as the app opens a PostgreSQL database, without the single-writer
lock (`lock=False`); SQLite itself serialises their writes."""

from __future__ import annotations

import json

import pytest
import sqlalchemy as sa

from tests.conftest import DEMO_TODAY
from tryggapp import domain as d
from tryggapp.services import audit, crud, measures
from tryggapp.storage import open_database, versions
from tryggapp.storage.audit import current_user
from tryggapp.storage.errors import DatabaseBusy
from tryggapp.storage.versions import StaleEdit, expecting


@pytest.fixture
def two(demo_db):
    second = open_database(demo_db.path, lock=False)
    yield demo_db, second
    second.close()


def _a_measure(db) -> measures.MeasureRow:
    return measures.rows_for_year(db, DEMO_TODAY.year, DEMO_TODAY)[0]


def test_an_edit_based_on_an_older_version_is_refused_and_nothing_is_lost(two, db_engine):
    anna, bo = two
    seen_by_anna = _a_measure(anna)
    key = versions.key("measure", seen_by_anna.id)
    # Bo saves a new deadline while Anna has the measure open.
    measures.update_measure(bo, seen_by_anna.id, {"title": "Bos rubrik"}, today=DEMO_TODAY)
    assert measures.row(anna, seen_by_anna.id, DEMO_TODAY).version == seen_by_anna.version + 1

    with pytest.raises(StaleEdit) as caught, expecting({key: seen_by_anna.version}):
        measures.update_measure(anna, seen_by_anna.id, {"title": "Annas rubrik"}, today=DEMO_TODAY)
    stale = caught.value
    assert stale.current["title"] == "Bos rubrik" and stale.version == seen_by_anna.version + 1
    assert stale.last.user == _who(anna, db_engine)[0] and stale.last.at is not None
    assert "någon annan har ändrat" in stale.message.lower() and "sparades inte" in stale.message
    assert measures.row(anna, seen_by_anna.id, DEMO_TODAY).title == "Bos rubrik"  # nothing written

    # "Keep mine": saved again over the version now there.
    with expecting({key: stale.version}) as seen:
        measures.update_measure(anna, seen_by_anna.id, {"title": "Annas rubrik"}, today=DEMO_TODAY)
    assert seen.written[key] == stale.version + 1
    titles = [r.new.get("title") for r in audit.history(anna, "measure", seen_by_anna.id)]
    assert titles[-2:] == ["Bos rubrik", "Annas rubrik"]  # both changes are in the log


def test_undo_after_someone_else_changed_the_row_is_refused(two):
    anna, bo = two
    row = _a_measure(anna)
    key = versions.key("measure", row.id)
    with expecting({key: row.version}) as seen:
        undo = measures.update_measure(anna, row.id, {"description": "Anna"}, today=DEMO_TODAY)
    measures.update_measure(bo, row.id, {"description": "Bo"}, today=DEMO_TODAY)
    with pytest.raises(StaleEdit), expecting({key: seen.written[key]}):
        measures.undo_changes(anna, undo)
    assert measures.row(anna, row.id, DEMO_TODAY).description == "Bo"


def test_delete_and_statements_are_checked_and_counted(two):
    anna, bo = two
    note = crud.list_all(anna, d.MeasureNote)[0]
    key = versions.key("measure_note", note.id)
    crud.update(bo, d.MeasureNote, note.id, {"text": "Bo skrev"})
    with pytest.raises(StaleEdit), expecting({key: note.version}):
        crud.delete(anna, d.MeasureNote, note.id)  # a Core DELETE, checked in do_orm_execute
    table = d.MeasureNote.__table__
    with bo.session() as s:  # a Core UPDATE raises the version as the mapper would
        s.execute(sa.update(table).where(table.c.id == note.id).values(text="Bo igen"))
    assert crud.get(anna, d.MeasureNote, note.id).version == note.version + 2
    with pytest.raises(StaleEdit), anna.session() as s, expecting({key: note.version + 1}):
        s.execute(sa.update(table).where(table.c.id == note.id).values(text="Anna"))


def test_two_transactions_writing_the_same_row_cannot_both_win(two, db_engine):
    """The mapper's own check: the UPDATE names the version the session read, so a write
    between read and write (PostgreSQL's READ COMMITTED lets it through) matches no row.
    SQLite refuses earlier, when the reading transaction tries to write (busy snapshot)."""
    anna, bo = two
    row = _a_measure(anna)
    with pytest.raises(StaleEdit), anna.session() as s:
        measure = s.get(d.Measure, row.id)
        s.commit()  # the read is over; the object keeps the version it was read at
        measures.update_measure(bo, row.id, {"title": "Bo först"}, today=DEMO_TODAY)
        measure.title = "Anna sist"
        s.flush()
    with pytest.raises(DatabaseBusy if db_engine == "sqlite" else StaleEdit), anna.session() as s:
        measure = s.get(d.Measure, row.id)  # a read transaction stays open on SQLite
        measures.update_measure(bo, row.id, {"title": "Bo igen"}, today=DEMO_TODAY)
        measure.title = "Anna sist"
        s.flush()
    assert measures.row(anna, row.id, DEMO_TODAY).title == "Bo igen"


def _who(db, db_engine) -> tuple[str, str]:
    """Who the log names for this test's own changes, and what its db_user column holds:
    the role on PostgreSQL, else the signed-in user (and no role)."""
    if db_engine != "postgresql":
        return current_user(), ""
    with db.session() as s:
        role = s.execute(sa.text("SELECT current_user")).scalar()
    return role, role


def test_the_log_leaves_the_version_out_and_says_who(db, db_engine):
    who, role = _who(db, db_engine)
    org = crud.create(db, d.Organisation(name="Polisen"))
    crud.update(db, d.Organisation, org.id, {"name": "Polismyndigheten"})
    assert crud.get(db, d.Organisation, org.id).version == 2
    rows = audit.history(db, "organisation", org.id)
    assert all("version" not in r.old and "version" not in r.new for r in rows)
    assert [r.user for r in rows] == [who] * 2
    with db.session() as s:
        raw = s.execute(sa.text("SELECT db_user, new_values FROM audit_entry ORDER BY id DESC")).first()
    assert raw[0] == role and json.loads(raw[1]) == {"name": "Polismyndigheten"}


def test_the_database_user_is_who_when_there_is_one(db, db_engine):
    """On PostgreSQL the log records the role the change was made with (storage.audit.
    db_user); the view, the filter and the user list then name that role."""
    org = crud.create(db, d.Organisation(name="Polisen"))
    with db.session() as s:  # as a PostgreSQL session would have written it
        s.connection().execute(sa.text(
            "INSERT INTO audit_entry (at, os_user, db_user, table_name, record_id, action, old_values, "
            "new_values, summary) VALUES ('2026-11-28 10:00:00', 'samordnare', 'anna_berg', 'organisation', "
            ":rid, 'update', :old, :new, 'Polismyndigheten')"),
            {"rid": str(org.id), "old": json.dumps({"name": "Polisen"}), "new": json.dumps({"name": "Polis"})})
    assert [r.user for r in audit.history(db, "organisation", org.id)] == [_who(db, db_engine)[0], "anna_berg"]
    assert "anna_berg" in audit.users(db) and "samordnare" not in audit.users(db)
    assert [r.user for r in audit.query(db, user="anna_berg")] == ["anna_berg"]
    assert len(audit.query(db, user=_who(db, db_engine)[0])) >= 1


def test_the_conflict_is_told_in_words_and_only_what_differs(two, db_engine):
    from tryggapp.services import conflicts

    anna, bo = two
    row = _a_measure(anna)
    people = crud.list_all(anna, d.Person)
    other = next(p for p in people if p.id != row.responsible_person_id)
    measures.update_measure(bo, row.id, {"responsible_person_id": other.id}, today=DEMO_TODAY)
    with pytest.raises(StaleEdit) as caught, expecting({versions.key("measure", row.id): row.version}):
        measures.update_measure(anna, row.id, {"title": "Annas titel"}, today=DEMO_TODAY)
    before = {"title": row.title, "deadline": row.deadline, "responsible_person_id": row.responsible_person_id}
    told = conflicts.describe(anna, caught.value, {"title": "Annas titel"}, before)
    assert [(f.label, f.theirs, f.mine) for f in told.fields] == [
        ("Titel", row.title, "Annas titel"), ("Ansvarig person", other.name, None)]
    assert told.kind == "Åtgärd" and _who(anna, db_engine)[0] in told.who and not told.deleted
