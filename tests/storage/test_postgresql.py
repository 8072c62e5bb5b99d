"""The team database (issue 18) on the throwaway PostgreSQL server of the test set-up
(tests/postgres.py): opening, refusing, migrating, copying both ways, pg_dump backups and
the identity-checked restore. Skipped, with the reason, where no server can be started."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
import sqlalchemy as sa

from tryggapp import domain as d
from tryggapp.cli import run as cli
from tryggapp.services import backups, crud
from tryggapp.storage import migrate, open_database
from tryggapp.storage.copy import TargetNotEmpty, copy_database
from tryggapp.storage.errors import MinutesLocked, NewerDatabase, NotADatabase
from tryggapp.storage.server import ServerLocation
from tryggapp.storage.server_database import EmptyServerDatabase, ForeignDump, restore_dump

pytestmark = pytest.mark.usefixtures("pg_server")


def rows_of(path: Path) -> dict[str, list[tuple]]:
    """Every row of every table of a SQLite file but the identity (a copy has its own)."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' "
                                             "AND name NOT LIKE 'sqlite_%' AND name != 'database_identity'")]
        return {t: sorted(conn.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in tables}
    finally:
        conn.close()


def test_demo_copied_sqlite_to_postgresql_to_sqlite_is_equal_table_by_table(demo_template, pg_url, tmp_path):
    there = copy_database(demo_template, pg_url)
    assert there.rows > 4000 and {t.table for t in there.tables if t.rows} >= {"measure", "observation_photo",
                                                                             "minutes_item", "audit_entry"}
    back = tmp_path / "back.db"
    copy_database(pg_url, back)
    before, after = rows_of(demo_template), rows_of(back)
    assert before.keys() == after.keys()
    for table in before:
        assert after[table] == before[table], table
    # The photos' bytes, the enum values, dates and booleans came through PostgreSQL as they were.
    photos = [value for row in after["observation_photo"] for value in row if isinstance(value, bytes)]
    assert photos and all(p.startswith(b"\x89PNG") and len(p) > 100 for p in photos)


def test_a_copy_on_postgresql_takes_new_rows_after_the_copied_ids(demo_template, pg_url):
    copy_database(demo_template, pg_url)
    db = open_database(pg_url)
    try:
        with db.session() as s:
            highest = s.execute(sa.select(sa.func.max(d.Organisation.id))).scalar_one()
        made = crud.create(db, d.Organisation(name="Ny organisation efter kopian"))
        assert made.id == highest + 1
        # …and the copy has an identity of its own, not the original's.
        assert db.identity_uuid() and db.identity_uuid() != _file_identity(demo_template)
    finally:
        db.close()


def _file_identity(path: Path) -> str:
    from tryggapp.storage.identity import read_identity

    return read_identity(path) or ""


def test_copy_refuses_a_target_that_holds_data_with_exit_1(demo_template, pg_url, tmp_path, capsys):
    copy_database(demo_template, pg_url)
    with pytest.raises(TargetNotEmpty):
        copy_database(demo_template, pg_url)
    assert cli(["copy", "--from", str(demo_template), "--to", pg_url]) == 1
    err = capsys.readouterr().err
    assert "innehåller redan data" in err and "Ingenting kopierades" in err, err
    assert len(err.strip().splitlines()) == 1


def test_cli_on_postgresql_init_check_and_an_empty_database(pg_url, capsys):
    assert cli(["check", "--db", pg_url]) == 3  # empty: says how to fill it, changes nothing
    assert "tryggapp init" in capsys.readouterr().err
    assert cli(["init", "--db", pg_url, "--kommun", "Teamby"]) == 0
    assert cli(["init", "--db", pg_url]) == 1  # exists now
    capsys.readouterr()
    assert cli(["check", "--db", pg_url]) == 0
    out = capsys.readouterr().out
    assert migrate.HEAD in out and pg_url in out


def test_a_database_of_another_program_is_refused(pg_url):
    engine = sa.create_engine(ServerLocation(pg_url).url)
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE kunder (id integer primary key, namn text)")
    with pytest.raises(NotADatabase):
        open_database(pg_url)
    engine.dispose()


@pytest.mark.parametrize("db_engine", ["postgresql"], indirect=True)
def test_a_database_from_a_newer_tryggapp_is_refused_untouched(db, capsys):
    url = str(db.path)
    with db.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(NewerDatabase):
        open_database(url)
    assert cli(["check", "--db", url]) == 3
    assert "nyare version" in capsys.readouterr().err
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar_one() == "9999"


def test_an_empty_database_is_not_created_unless_asked(pg_url):
    with pytest.raises(EmptyServerDatabase):
        open_database(pg_url)


def _locked_minutes(db) -> tuple[int, int]:
    with db.session() as s:
        g = d.Group(name="Samordningsgruppen", level=d.GroupLevel.COORDINATION)
        s.add(g)
        s.flush()
        m = d.Meeting(group_id=g.id, date=dt.date(2026, 2, 1))
        s.add(m)
        s.flush()
        minutes = d.Minutes(meeting_id=m.id, adjusted_on=dt.date(2026, 2, 8), locked_at=dt.datetime(2026, 2, 8, 16))
        s.add(minutes)
        s.flush()
        return minutes.id, g.id


@pytest.mark.parametrize("db_engine", ["postgresql"], indirect=True)
def test_the_minutes_lock_of_revision_0004_holds_on_postgresql_and_is_told_in_swedish(db):
    minutes_id, group_id = _locked_minutes(db)
    with pytest.raises(MinutesLocked, match="justerat"), db.session() as s:
        s.add(d.MinutesItem(minutes_id=minutes_id, group_id=group_id, year=2026, number=1, heading="Ny"))
    with pytest.raises(MinutesLocked), db.session() as s:
        s.execute(sa.text("UPDATE minutes SET adjustment_place = 'Annan ort' WHERE id = :id"), {"id": minutes_id})
    with pytest.raises(MinutesLocked), db.session() as s:
        s.execute(sa.text("DELETE FROM minutes WHERE id = :id"), {"id": minutes_id})


@pytest.mark.parametrize("db_engine", ["postgresql"], indirect=True)
def test_pg_dump_backup_and_restore_of_the_same_database(db, tmp_path):
    crud.create(db, d.Organisation(name="Före säkerhetskopian"))
    made = backups.backup_now(db, backups.MANUAL)
    assert made.suffix == ".dump" and made.stat().st_size > 0
    assert made.stat().st_mode & 0o077 == 0  # private, like a file's backups
    assert [b.path for b in backups.rotation.list_backups(made.parent, db.path.stem, db.identity_uuid())] == [made]
    crud.create(db, d.Organisation(name="Efter säkerhetskopian"))
    location = db.path
    db.close()
    previous, revision = restore_dump(location, made)
    assert revision == migrate.HEAD and previous.exists()
    again = open_database(location)
    try:
        with again.session() as s:
            names = set(s.execute(sa.select(d.Organisation.name)).scalars())
        assert "Före säkerhetskopian" in names and "Efter säkerhetskopian" not in names
    finally:
        again.close()


def test_restore_refuses_a_dump_of_another_database(pg_server, tmp_path, capsys):
    one, other = pg_server.new_database(), pg_server.new_database()
    for url in (one, other):
        open_database(url, create=True).close()
    db = open_database(one)
    crud.create(db, d.Organisation(name="Bara i den första"))
    dump = db.make_backup(tmp_path, "manuell")
    db.close()
    with pytest.raises(ForeignDump, match="en annan databas"):
        restore_dump(ServerLocation(other), dump)
    assert cli(["restore", "--db", other, str(dump), "--yes"]) == 3
    assert "en annan databas" in capsys.readouterr().err
    db = open_database(other)
    try:
        with db.session() as s:
            assert "Bara i den första" not in set(s.execute(sa.select(d.Organisation.name)).scalars())
    finally:
        db.close()


def test_migrations_run_step_by_step_on_postgresql(pg_url):
    engine = sa.create_engine(ServerLocation(pg_url).url)
    try:
        for revision in ("0001", "0002", "0003", "0004", "head"):
            migrate.upgrade(engine, revision)
        with engine.connect() as conn:
            assert migrate.current_revision(conn) == migrate.HEAD
            triggers = {r[0] for r in conn.exec_driver_sql("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")}
        assert "minutes_item_locked_insert" in triggers and len(triggers) == 9
    finally:
        engine.dispose()



@pytest.mark.parametrize("db_engine", ["postgresql"], indirect=True)
def test_personal_data_erasure_on_a_team_database(demo_db):
    """The same erasure on PostgreSQL: every text and the change log anonymised, the
    person's justerade minutes opened, anonymised and locked again (storage.raw)."""
    from tryggapp.services import personal_data

    with demo_db.session() as s:
        maria = s.execute(sa.select(d.Person).where(d.Person.name == "Maria Lindqvist")).scalar_one()
    result = personal_data.erase(demo_db, maria.id)
    assert result.texts > 0 and result.log_entries > 0
    with demo_db.engine.connect() as conn:
        for table in ("minutes_item", "measure_note", "audit_entry", "person"):
            dumped = " ".join(str(row) for row in conn.exec_driver_sql(f"SELECT * FROM {table}"))
            assert "Maria Lindqvist" not in dumped and "maria.lindqvist" not in dumped.lower(), table
        assert conn.execute(sa.text("SELECT count(*) FROM minutes_reopening WHERE reason LIKE :r"), {"r": "%GDPR%"}).scalar()
        unlocked = conn.exec_driver_sql(
            "SELECT count(*) FROM minutes WHERE adjusted_on IS NOT NULL AND locked_at IS NULL").scalar()
    assert unlocked == 0
    with pytest.raises(MinutesLocked), demo_db.session() as s:
        s.execute(sa.text("UPDATE minutes_item SET heading = 'Ändrad' WHERE minutes_id IN "
                          "(SELECT minutes_id FROM minutes_reopening LIMIT 1)"))


@pytest.mark.parametrize("db_engine", ["postgresql"], indirect=True)
def test_check_full_on_postgresql_finds_a_switched_off_lock(db, capsys):
    url = str(db.path)
    assert cli(["check", "--full", "--db", url]) == 0
    capsys.readouterr()
    with db.engine.begin() as conn:
        conn.exec_driver_sql("ALTER TABLE minutes_item DISABLE TRIGGER minutes_item_locked_insert")
    assert cli(["check", "--full", "--db", url]) == 3
    assert "minutes_item_locked_insert disabled" in capsys.readouterr().err


@pytest.mark.parametrize("address", ["postgresql://anna@db.kommun.se", "postgresql://anna@db:xx/tryggapp"])
def test_a_bad_address_is_one_swedish_line_with_exit_2(address, capsys):
    with pytest.raises(SystemExit) as stop:
        cli(["check", "--db", address])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert "databas" in err and "Traceback" not in err


def test_an_older_team_database_is_dumped_then_upgraded(pg_url):
    engine = sa.create_engine(ServerLocation(pg_url).url)
    migrate.upgrade(engine, "0005")
    engine.dispose()
    db = open_database(pg_url)
    try:
        assert db.migrated_from == "0005" and db.revision() == migrate.HEAD
        backup = db.migration_backup
        assert backup is not None and backup.suffix == ".dump" and "före-migrering-0005" in backup.name
        assert backup.stat().st_size > 0
    finally:
        db.close()


@pytest.mark.parametrize("db_engine", ["postgresql"], indirect=True)
def test_without_pg_dump_the_backup_is_refused_in_swedish(db, monkeypatch):
    from tryggapp.storage import server

    monkeypatch.setattr(server.shutil, "which", lambda _name: None)
    with pytest.raises(server.ServerToolMissing, match="pg_dump hittades inte"):
        backups.backup_now(db, backups.MANUAL)
