"""Ändringslogg: every create, change and delete is logged with when, who, which record
and old/new values, in the same transaction; the log can be filtered and read per
record, and cannot be changed from the app."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import sqlalchemy as sa

from tests.safety.conftest import populate
from tryggapp import domain as d
from tryggapp.domain.enums import AuditAction
from tryggapp.main import main
from tryggapp.services import audit, crud
from tryggapp.storage.audit import AuditLogReadOnly, current_user


@pytest.fixture
def filled_db(db):
    """The safety tests' records (tests/safety/conftest.populate) in `db`: a file, or a
    team database (issue 18: the change log and the integrity rules are the services')."""
    db.ids = populate(db)  # type: ignore[attr-defined]
    return db


def me(db) -> str:
    """Who the log names for this test's changes: the signed-in user on a file, the
    database role on a team database (services.audit.who)."""
    from tests.engines import is_server

    return db.path.url.username if is_server(db) else current_user()


def entries(db, **filters):
    return audit.query(db, limit=None, **filters)


def test_create_change_delete_are_logged_with_user_and_values(db):
    org = crud.create(db, d.Organisation(name="Polisen"))
    person = crud.create(db, d.Person(name="Anna Berg", organisation_id=org.id))
    crud.update(db, d.Person, person.id, {"name": "Anna Berg-Ek", "title": "Kommunpolis"})
    crud.delete(db, d.Person, person.id)

    rows = audit.history(db, "person", person.id)
    assert [r.action for r in rows] == [AuditAction.CREATE, AuditAction.UPDATE, AuditAction.DELETE]
    assert all(r.user == me(db) for r in rows)
    assert all(abs(r.at - dt.datetime.now()) < dt.timedelta(minutes=1) for r in rows)
    created, changed, deleted = rows
    assert created.new["name"] == "Anna Berg" and created.new["organisation_id"] == org.id
    assert changed.old == {"name": "Anna Berg", "title": ""}
    assert changed.new == {"name": "Anna Berg-Ek", "title": "Kommunpolis"}
    assert deleted.old["name"] == "Anna Berg-Ek" and deleted.new == {}
    assert changed.record_label == f"Person {person.id}: Anna Berg-Ek"
    assert changed.action_label == "Ändrad"
    assert "name: Anna Berg → Anna Berg-Ek" in changed.describe()


def test_unchanged_values_are_not_logged(db):
    org = crud.create(db, d.Organisation(name="Polisen"))
    crud.update(db, d.Organisation, org.id, {"name": "Polisen"})
    assert [r.action for r in audit.history(db, "organisation", org.id)] == [AuditAction.CREATE]


def test_cascaded_deletes_and_photos_are_logged_without_the_bytes(filled_db):
    ids = filled_db.ids
    crud.delete(filled_db, d.SafetyWalk, ids["walk"])
    deleted = entries(filled_db, action="delete")
    tables = sorted(r.table for r in deleted)
    assert tables == ["observation", "observation_photo", "observation_photo", "observation_photo", "safety_walk"]
    photo = next(r for r in deleted if r.table == "observation_photo")
    assert photo.old["data"] in {"<30000 byte>", "<30001 byte>", "<30002 byte>"}
    raw = filled_db.engine.connect().exec_driver_sql("SELECT old_values FROM audit_entry").fetchall()
    assert max(len(r[0]) for r in raw) < 2000  # no photo bytes in the log


def test_undo_of_a_delete_is_logged_too(db):
    org = crud.create(db, d.Organisation(name="Räddningstjänsten"))
    snap = crud.delete(db, d.Organisation, org.id)
    crud.restore(db, snap)
    actions = [r.action for r in audit.history(db, "organisation", org.id)]
    assert actions == [AuditAction.CREATE, AuditAction.DELETE, AuditAction.CREATE]


def test_changes_through_the_session_and_bulk_statements_are_logged(db):
    with db.session() as s:
        org = d.Organisation(name="Bostadsbolaget")
        s.add(org)
    with db.session() as s:
        s.get(d.Organisation, org.id).short_name = "BB"
    with db.session() as s:
        s.execute(sa.update(d.Organisation).where(d.Organisation.id == org.id).values(archived=True))
    with db.session() as s:
        s.delete(s.get(d.Organisation, org.id))
    rows = audit.history(db, "organisation", org.id)
    assert [(r.action.value, r.new) for r in rows[1:3]] == [("update", {"short_name": "BB"}),
                                                          ("update", {"archived": True})]
    assert rows[-1].action is AuditAction.DELETE


def test_log_is_written_in_the_same_transaction_as_the_change(db):
    """A change that is rolled back leaves no log entry (and the other way round: the
    kill test checks that no committed change is missing from the log)."""
    with pytest.raises(RuntimeError), db.session() as s:
        s.add(d.Organisation(name="Halvfärdig"))
        s.flush()
        raise RuntimeError("the user's edit failed half-way")
    assert entries(db) == []
    assert crud.list_all(db, d.Organisation) == []


def test_the_log_cannot_be_changed_or_deleted_from_the_app(db):
    crud.create(db, d.Organisation(name="Polisen"))
    entry_id = entries(db)[0].id
    with pytest.raises(AuditLogReadOnly) as info:
        crud.update(db, d.AuditEntry, entry_id, {"summary": "ändrad i efterhand"})
    assert "Ändringsloggen kan inte ändras" in str(info.value)
    with pytest.raises(AuditLogReadOnly):
        crud.delete(db, d.AuditEntry, entry_id)
    with pytest.raises(AuditLogReadOnly):
        crud.create(db, d.AuditEntry(table_name="person", record_id="1", action=AuditAction.CREATE))
    with pytest.raises(AuditLogReadOnly), db.session() as s:
        s.execute(sa.delete(d.AuditEntry))
    assert [r.id for r in entries(db)] == [entry_id]
    assert entries(db)[0].summary == "Polisen"


def test_filters(filled_db):
    ids = filled_db.ids
    crud.update(filled_db, d.Measure, ids["measure"], {"title": "Belysning, etapp två"})
    assert {r.table for r in entries(filled_db, table="measure")} == {"measure"}
    assert [r.action for r in entries(filled_db, table="measure", record_id=ids["measure"])] == [
        AuditAction.UPDATE, AuditAction.CREATE]  # newest first
    assert len(entries(filled_db, action="update")) == 1
    assert entries(filled_db, text="etapp två")[0].record_id == str(ids["measure"])
    assert entries(filled_db, user="någon-annan") == []
    assert len(entries(filled_db, user=me(filled_db))) == audit.count(filled_db)
    today = dt.date.today()
    assert audit.count(filled_db, since=today, until=today) == audit.count(filled_db)
    assert audit.count(filled_db, until=today - dt.timedelta(days=1)) == 0
    assert len(audit.query(filled_db, limit=5)) == 5
    assert "measure" in audit.tables(filled_db) and audit.users(filled_db) == [me(filled_db)]


def test_cli_audit(filled_db, capsys):
    crud.update(filled_db, d.Measure, filled_db.ids["measure"], {"status": d.MeasureStatus.DONE})
    code = main(["audit", "--db", str(filled_db.path), "--table", "measure",
                 "--record", str(filled_db.ids["measure"]), "--limit", "1"])
    out = capsys.readouterr().out
    assert code == 0
    assert "Ändrad" in out and "Åtgärd" in out and "Status: Pågående → Genomförd" in out
    assert "Visar 1 av 2 poster" in out
    assert main(["audit", "--db", str(filled_db.path), "--text", "finns inte någonstans"]) == 0
    assert "Inga ändringar hittades" in capsys.readouterr().out


def test_old_and_new_values_are_json(db):
    crud.create(db, d.Meeting(group_id=crud.create(db, d.Group(name="Styrgruppen", level=d.GroupLevel.STEERING)).id,
                              date=dt.date(2026, 3, 10), start_time=dt.time(13, 0)))
    with db.engine.connect() as conn:
        values = conn.exec_driver_sql("SELECT new_values FROM audit_entry WHERE table_name='meeting'").scalar()
    assert json.loads(values)["date"] == "2026-03-10" and json.loads(values)["start_time"] == "13:00:00"


def test_the_text_filter_ignores_case_in_swedish_letters_too(db):
    """"örjan" finds "Örjan" in a file as on a team database (SQLite's own lower() and ilike
    fold only A–Z; PostgreSQL's fold Å Ä Ö too)."""
    crud.create(db, d.Person(name="Örjan Åkesson"))
    crud.create(db, d.Person(name="Lena Holm"))
    assert [r.summary for r in entries(db, text="örjan åkesson")] == ["Örjan Åkesson"]
    assert [r.summary for r in entries(db, text="ÖRJAN")] == ["Örjan Åkesson"]
    assert [r.summary for r in entries(db, text="lena")] == ["Lena Holm"]
