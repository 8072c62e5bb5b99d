"""Opening databases as the app does: new, empty, older, newer, foreign, junk, damaged."""

from __future__ import annotations

import hashlib
import sqlite3

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from tryggapp import domain as d
from tryggapp.main import main
from tryggapp.storage import migrate, open_database
from tryggapp.storage.errors import CorruptDatabase, DatabaseMissing, NewerDatabase, NotADatabase


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_database_is_at_head_with_wal_and_foreign_keys(tmp_path):
    db = open_database(tmp_path / "new.db", create=True)
    assert db.revision() == migrate.head_revision()
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    db.close()


def test_migrated_schema_matches_the_models(tmp_path):
    """The migrations and the SQLModel tables describe the same schema (no drift)."""
    db = open_database(tmp_path / "new.db", create=True)
    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), d.metadata)
    db.close()
    assert diff == []


def test_missing_file_is_not_created_without_asking(tmp_path):
    with pytest.raises(DatabaseMissing):
        open_database(tmp_path / "nope.db")
    assert not (tmp_path / "nope.db").exists()


def test_empty_file_is_initialised(tmp_path):
    path = tmp_path / "empty.db"
    path.touch()
    db = open_database(path)
    assert db.revision() == migrate.head_revision()
    db.close()


def test_junk_file_is_refused_and_untouched(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("Det här är ingen databas, bara anteckningar om trygghetsvandringen.\n" * 50)
    before = digest(path)
    with pytest.raises(NotADatabase) as info:
        open_database(path)
    assert "inte en Tryggapp-databas" in str(info.value)
    assert digest(path) == before


def test_foreign_sqlite_database_is_refused_and_untouched(tmp_path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE contacts (name TEXT)")
    conn.execute("INSERT INTO contacts VALUES ('Anna')")
    conn.commit()
    conn.close()
    before = digest(path)
    with pytest.raises(NotADatabase):
        open_database(path)
    assert digest(path) == before


def test_newer_database_is_refused_and_untouched(tmp_path):
    path = tmp_path / "future.db"
    open_database(path, create=True).close()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    conn.commit()
    conn.close()
    before = digest(path)
    with pytest.raises(NewerDatabase) as info:
        open_database(path)
    assert "nyare version" in str(info.value)
    assert digest(path) == before


def test_corrupt_database_is_refused_and_untouched(tmp_path):
    path = tmp_path / "broken.db"
    db = open_database(path, create=True)
    db.close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    data = bytearray(path.read_bytes())
    # Smash the second page (the first table's b-tree) but keep the header valid.
    page = int.from_bytes(data[16:18], "big")
    data[page : page * 3] = b"\xde\xad\xbe\xef" * (page * 2 // 4)
    path.write_bytes(bytes(data))
    before = digest(path)
    with pytest.raises(CorruptDatabase) as info:
        open_database(path)
    assert "skadad" in str(info.value)
    assert digest(path) == before


def test_older_revision_is_backed_up_then_upgraded(tmp_path, monkeypatch):
    """A database at an earlier revision is migrated at open, with a backup taken first.

    The 'newer release' is the shipped chain plus a probe revision that rebuilds tables
    (tests/storage/probe_versions): a real Alembic upgrade, no stub."""
    from tests.storage.probe_versions import KEEP, package_head, use_probe

    path = tmp_path / "old.db"
    db = open_database(path, create=True)
    from tryggapp.services import crud

    crud.create(db, d.Organisation(name="Polisen"))
    db.close()
    probe = use_probe(monkeypatch, KEEP)
    db = open_database(path, backup_dir=tmp_path / "backups")
    assert db.revision() == probe and db.migrated_from == package_head()
    assert db.migration_backup is not None and db.migration_backup.exists()
    conn = sqlite3.connect(db.migration_backup)
    assert conn.execute("SELECT name FROM organisation").fetchall() == [("Polisen",)]
    assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [(package_head(),)]
    conn.close()
    db.close()
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT name FROM organisation").fetchall() == [("Polisen",)]
    conn.close()


def test_every_migration_upgrades_from_base_keeping_rows(tmp_path):
    """Walk the chain revision by revision, inserting a row at the first schema, and check
    it is still there at head."""
    from tryggapp.storage.engine import make_engine

    path = tmp_path / "chain.db"
    engine = make_engine(path)
    revisions = list(reversed(list(migrate.script_directory().walk_revisions())))
    migrate.upgrade(engine, revisions[0].revision)
    with engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO organisation (name, short_name, kind, archived) "
                             "VALUES ('Räddningstjänsten', '', 'rescue', 0)")
    for rev in revisions[1:]:
        migrate.upgrade(engine, rev.revision)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT name FROM organisation").scalar() == "Räddningstjänsten"
    engine.dispose()


def test_cli_check_prints_revision_and_counts(tmp_path, capsys):
    path = tmp_path / "c.db"
    open_database(path, create=True).close()
    assert main(["check", "--db", str(path)]) == 0
    out = capsys.readouterr().out
    assert migrate.head_revision() in out
    assert "Åtgärder" in out


@pytest.mark.parametrize("content", [b"junk" * 100, b"SQLite format 3\x00" + b"\x00" * 84 + b"garbage" * 200])
def test_cli_check_refuses_junk_without_traceback(tmp_path, capsys, content):
    path = tmp_path / "junk.db"
    path.write_bytes(content)
    code = main(["check", "--db", str(path)])
    err = capsys.readouterr().err
    assert code != 0
    assert err.startswith("tryggapp: ")
    assert "Traceback" not in err
    assert path.read_bytes() == content


def test_cli_check_missing_file(tmp_path, capsys):
    code = main(["check", "--db", str(tmp_path / "none.db")])
    assert code != 0
    assert "finns inte" in capsys.readouterr().err
    assert not (tmp_path / "none.db").exists()
