"""Revision 0002: every database carries its own identity (a UUID stored in it)."""

from __future__ import annotations

import shutil
import sqlite3

import pytest
import sqlalchemy as sa
from sqlmodel import SQLModel

from tests.conftest import DEMO_TODAY
from tryggapp.services.demo import populate
from tryggapp.storage import migrate, open_database
from tryggapp.storage.database import Database
from tryggapp.storage.engine import make_engine
from tryggapp.storage.identity import read_identity

# Tables later revisions add: 0002 the identity, 0003 the report texts (empty at upgrade).
_LATER_TABLES = {"database_identity", "report_text", "report_measure_note", "report_group_note"}


def _dump(path, columns_of=None) -> dict[str, list[tuple]]:
    """Every table's rows; with `columns_of` (a path), only the columns that file has."""
    conn = sqlite3.connect(path)
    try:
        out = {}
        for table in SQLModel.metadata.sorted_tables:
            if table.name in _LATER_TABLES:  # not in a 0001 file
                continue
            # Columns later revisions add (0005: the walk's steps) are not in a 0001 file.
            source = conn if columns_of is None else sqlite3.connect(columns_of)
            present = {r[1] for r in source.execute(f'PRAGMA table_info("{table.name}")')}
            if source is not conn:
                source.close()
            cols = ", ".join(c.name for c in table.columns if c.name in present)
            keys = ", ".join(c.name for c in table.primary_key.columns)
            out[table.name] = conn.execute(f"SELECT {cols} FROM {table.name} ORDER BY {keys}").fetchall()
        return out
    finally:
        conn.close()


def _database_at_0001(path) -> None:
    """A file as the previous release made it: schema 0001, filled with the demo data.
    The demo is written by today's models, so it is filled at head and then taken down to
    0001 by the real revisions' downgrades (foreign keys off, as the upgrade runs): filling
    an 0001 schema directly breaks as soon as a revision adds a column to a demo table."""
    from alembic import command

    engine = make_engine(path)
    migrate.upgrade(engine)
    db = Database(path, engine)
    try:
        populate(db, today=DEMO_TODAY)
    finally:
        db.close()
    engine = make_engine(path, must_exist=True)
    try:
        with engine.connect() as conn:
            raw = conn.connection.driver_connection
            raw.execute("PRAGMA foreign_keys=OFF")
            with conn.begin():
                cfg = migrate.alembic_config()
                cfg.attributes["connection"] = conn
                command.downgrade(cfg, "0001")
            raw.execute("PRAGMA foreign_keys=ON")
    finally:
        engine.dispose()


def test_a_0001_database_keeps_every_row_and_gains_an_identity(tmp_path):
    path = tmp_path / "tryggapp.db"
    _database_at_0001(path)
    before = _dump(path)
    shutil.copy(path, path.with_name("as-0001.db"))
    assert sum(len(rows) for rows in before.values()) > 500
    assert read_identity(path) is None

    db = open_database(path)
    try:
        assert db.revision() == migrate.head_revision()
        assert db.migration_backup is not None
    finally:
        db.close()
    after = _dump(path, columns_of=path.with_name("as-0001.db"))
    assert {t: len(r) for t, r in after.items()} == {t: len(r) for t, r in before.items()}
    assert after == before
    identity = read_identity(path)
    assert identity is not None and len(identity) == 36
    # Opening again does not change it.
    open_database(path).close()
    assert read_identity(path) == identity


def test_every_new_database_gets_its_own_identity(tmp_path):
    a, b = tmp_path / "a" / "tryggapp.db", tmp_path / "b" / "tryggapp.db"
    open_database(a, create=True).close()
    open_database(b, create=True).close()
    assert read_identity(a) and read_identity(b)
    assert read_identity(a) != read_identity(b)


def test_the_identity_is_one_row_that_cannot_be_doubled(db):
    with db.engine.connect() as conn:
        with pytest.raises(sa.exc.IntegrityError):
            conn.execute(sa.text("INSERT INTO database_identity (id, uuid, created_at) "
                                 "VALUES (2, '00000000-0000-0000-0000-000000000000', '2026-01-01')"))
        assert conn.execute(sa.text("SELECT count(*) FROM database_identity")).scalar() == 1
