"""GDPR: the extract of everything stored about a person, and the erasure that leaves
no trace of their name, e-mail or phone in the database file (raw bytes, WAL too)
while the minutes and measures stay."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlmodel import select

from tests.conftest import DEMO_TODAY
from tests.engines import counts, raw
from tryggapp import domain as d
from tryggapp.errors import UserError
from tryggapp.services import audit, crud, lists, personal_data
from tryggapp.services import organisation as org


@pytest.fixture(autouse=True)
def _like_windows(request):
    """Debian's SQLite is built with SECURE_DELETE on, Python's own on Windows is not: turn
    it off on every connection, so freed pages keep their old text as they would there and
    the erasure must clear them itself. (A team database's engine has no such PRAGMA.)"""
    from sqlalchemy import event

    from tryggapp.storage import database

    original = database.make_engine

    def make_engine(*args, **kwargs):
        engine = original(*args, **kwargs)
        if engine.dialect.name != "sqlite":
            return engine
        event.listen(engine, "connect", lambda conn, _record: conn.execute("PRAGMA secure_delete=OFF"))
        return engine

    monkey = pytest.MonkeyPatch()
    monkey.setattr(database, "make_engine", make_engine)
    yield
    monkey.undo()


def _person(db, name: str) -> d.Person:
    with db.session() as s:
        return s.exec(select(d.Person).where(d.Person.name == name)).one()


def _counts(db) -> dict[str, int]:
    return counts(db, ("minutes", "minutes_item", "measure", "membership", "meeting_attendance", "person"))


def test_the_extract_lists_everything_stored_about_the_person(demo_db, tmp_path):
    maria = _person(demo_db, "Maria Lindqvist")
    # a change of her own, so the log has an update naming her
    org.update_person(demo_db, maria.id, {"phone": "08-465 004 99"})
    path = personal_data.write_extract(demo_db, maria.id, tmp_path / "utdrag.txt", DEMO_TODAY)
    text = path.read_text(encoding="utf-8")
    for heading in ("Registerutdrag", "Medlemskap i grupper", "Närvaro vid möten", "Roller i protokoll",
                    "Ansvarig för", "Trygghetsvandringar och trygghetsbesök", "Poster i ändringsloggen"):
        assert heading in text, heading
    assert "maria.lindqvist@tryggvik.example" in text and "08-465 004 99" in text
    assert "Samordningsgruppen för brottsförebyggande arbete: Sammankallande" in text
    assert "Sekreterare i protokollet" in text or "Ordförande i protokollet" in text or "Justerare" in text
    assert "Mötet öppnas" in text or "hälsar välkommen" in text  # a minutes text naming her
    assert "08-465 004 10" in text  # the old phone, from the change log entry


def _has(blob: bytes, needle: str) -> bool:
    return needle.encode("utf-8") in blob or needle.encode("utf-16-le") in blob


def test_erasure_anonymises_the_person_and_keeps_minutes_and_measures(demo_db):
    maria = _person(demo_db, "Maria Lindqvist")
    org.update_person(demo_db, maria.id, {"phone": "08-465 004 99"})  # old phone now only in the log
    before = _counts(demo_db)

    result = personal_data.erase(demo_db, maria.id)
    assert result.log_entries > 0 and result.texts > 0

    person = crud.get(demo_db, d.Person, maria.id)
    assert (person.name, person.title, person.email, person.phone, person.archived) == (
        "Borttagen person", "", "", "", True)
    assert _counts(demo_db) == before  # minutes, items, measures, memberships all kept
    samord = next(r for r in lists.groups(demo_db, DEMO_TODAY) if r["name"].startswith("Samordningsgruppen"))
    assert any(m["name"] == "Borttagen person" for m in lists.members(demo_db, samord["id"], DEMO_TODAY))
    assert audit.history(demo_db, "person", maria.id)[-1].summary == "Personuppgifter raderade"


# About the file's bytes (free pages, the -wal file): a team database's files are the
# server's, out of the program's reach (README: limits).
@pytest.mark.sqlite_only
def test_erasure_leaves_no_trace_in_the_file(demo_db, demo_path):
    maria = _person(demo_db, "Maria Lindqvist")
    org.update_person(demo_db, maria.id, {"phone": "08-465 004 99"})  # old phone now only in the log
    needles = [maria.name, maria.email, "08-465 004 10", "08-465 004 99"]
    assert all(_has(_file_bytes(demo_path), n) for n in needles)

    personal_data.erase(demo_db, maria.id)

    # The files as they lie on disk while the program still has the database open (the
    # WAL holds the old pages until a checkpoint), and again after it was closed.
    for _when in ("open", "closed"):
        for needle in needles:
            assert not _has(_file_bytes(demo_path), needle), (needle, _when)
        demo_db.close()


def _file_bytes(path) -> bytes:
    wal = path.with_name(path.name + "-wal")
    return path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")


def test_erasure_is_refused_on_a_read_only_database(demo_location):
    from tryggapp.storage import open_database

    db = open_database(demo_location, read_only=True)
    try:
        maria = _person(db, "Maria Lindqvist")
        with pytest.raises(UserError):
            personal_data.erase(db, maria.id)
    finally:
        db.close()
    with raw(db) as conn:
        assert conn.execute("SELECT count(*) FROM person WHERE name = ?", ("Maria Lindqvist",)).fetchone()[0] == 1


# Free space in the file (SQLite's secure_delete): only a file has it.
@pytest.mark.sqlite_only
def test_a_new_person_erased_leaves_nothing_either(db):
    """Text deleted before the erasure lies in free space of the file unless the erasure
    clears it: a note naming the person, written and deleted again."""
    from tryggapp.services import measures

    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA secure_delete").scalar() == 0  # as on Windows
    p = org.create_person(db, {"name": "Zlatan Qvarnström", "email": "zq@exempel.se", "phone": "070-123 45 67",
                               "title": "Fältassistent"})
    group = org.create_group(db, {"name": "Fältgruppen", "level": "working"})
    org.add_membership(db, group.id, {"person_id": p.id, "from_date": dt.date(2026, 1, 1)})
    org.update_group(db, group.id, {"mandate": "Leds av Zlatan Qvarnström (zq@exempel.se)."})
    measure = measures.create_measure(db, 2026, {"title": "Fler vuxna i parken", "responsible_person_id": p.id},
                                      today=dt.date(2026, 3, 1))
    notes = [measures.add_note(db, measure.id, f"Zlatan Qvarnström ringde, 070-123 45 67, om kväll {i}. " * 20,
                               on=dt.date(2026, 3, 1)) for i in range(30)]
    for note in notes:
        crud.delete(db, d.MeasureNote, note.id)
    personal_data.erase(db, p.id)
    assert crud.get(db, d.Group, group.id).mandate == "Leds av Borttagen person ()."
    assert crud.get(db, d.Measure, measure.id).responsible_person_id == p.id  # the measure stays, anonymised
    needles = ("Zlatan Qvarnström", "zq@exempel.se", "070-123 45 67", "Fältassistent")
    for needle in needles:
        assert needle.encode() not in _file_bytes(db.path), needle
    db.close()
    for needle in needles:
        assert needle.encode() not in _file_bytes(db.path), needle


def test_every_reference_to_a_person_is_in_the_extract():
    """The sections of the extract name real references to person; any other (a table
    added later) is counted under 'other records' by the extract itself."""
    from sqlmodel import SQLModel

    refs = {(t.name, fk.parent.name) for t in SQLModel.metadata.sorted_tables for fk in t.foreign_keys
            if fk.column.table.name == "person"}
    assert refs >= personal_data._LISTED  # each section names a real reference


def test_erasure_anonymises_justerade_minutes_and_locks_them_again(demo_db):
    """A person named in justerade (locked) minutes: the minutes' text is anonymised too
    (the lock refused it, and the erasure failed), through a reopening whose reason the
    lock's history keeps; the minutes are locked again at once, and stay locked."""
    with raw(demo_db) as conn:
        rows = conn.execute(
            "SELECT p.id, p.name, m.id FROM person p JOIN minutes_item i ON instr(i.discussion, p.name) > 0 "
            "OR instr(i.decision, p.name) > 0 OR instr(i.heading, p.name) > 0 "
            "JOIN minutes m ON m.id = i.minutes_id WHERE m.locked_at IS NOT NULL ORDER BY p.id, m.id "
            "LIMIT 1").fetchall()
    assert rows, "the demo names people in its justerade minutes"
    person_id, name, minutes_id = rows[0]
    personal_data.erase(demo_db, person_id)
    with raw(demo_db) as conn:
        texts = " ".join(r[0] + r[1] + r[2] for r in conn.execute(
            "SELECT heading, discussion, decision FROM minutes_item WHERE minutes_id = ?", (minutes_id,)))
        assert name not in texts and personal_data.erased_name() in texts
        assert conn.execute("SELECT locked_at FROM minutes WHERE id = ?", (minutes_id,)).fetchone()[0] is not None
        reasons = [r[0] for r in conn.execute("SELECT reason FROM minutes_reopening WHERE minutes_id = ?",
                                              (minutes_id,))]
        assert any("GDPR" in r for r in reasons), reasons
        with pytest.raises(conn.IntegrityError, match="justerade and locked"):
            conn.execute("UPDATE minutes_item SET heading = 'Ändrad' WHERE minutes_id = ?", (minutes_id,))
        conn.rollback()  # PostgreSQL ends a transaction at its first error
        with pytest.raises(conn.IntegrityError, match="justerade and locked"):
            conn.execute("UPDATE minutes SET locked_at = NULL WHERE id = ?", (minutes_id,))
