"""Revision 0002: every database carries its own identity (a UUID stored in it)."""

from __future__ import annotations

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


_LATER_COLUMNS = {("municipality", "demo")}  # revision 0007: not in a 0001 file


def _dump(path) -> dict[str, list[tuple]]:
    conn = sqlite3.connect(path)
    try:
        out = {}
        for table in SQLModel.metadata.sorted_tables:
            if table.name in _LATER_TABLES:  # not in a 0001 file
                continue
            cols = ", ".join(c.name for c in table.columns if (table.name, c.name) not in _LATER_COLUMNS)
            keys = ", ".join(c.name for c in table.primary_key.columns)
            out[table.name] = conn.execute(f"SELECT {cols} FROM {table.name} ORDER BY {keys}").fetchall()
        return out
    finally:
        conn.close()


def _database_at_0001(path) -> None:
    """A file as the previous release made it: schema 0001, filled with the demo data."""
    engine = make_engine(path)
    migrate.upgrade(engine, "0001")
    # Today's models write columns later revisions added (municipality.demo, 0007): give
    # them room while the demo is written, then take them away again (SQLite ≥ 3.35).
    with engine.begin() as conn:
        conn.exec_driver_sql("ALTER TABLE municipality ADD COLUMN demo BOOLEAN NOT NULL DEFAULT 0")
    db = Database(path, engine)
    try:
        populate(db, today=DEMO_TODAY)
        with engine.begin() as conn:
            conn.exec_driver_sql("ALTER TABLE municipality DROP COLUMN demo")
    finally:
        db.close()


def test_a_0001_database_keeps_every_row_and_gains_an_identity(tmp_path):
    path = tmp_path / "tryggapp.db"
    _database_at_0001(path)
    before = _dump(path)
    assert sum(len(rows) for rows in before.values()) > 500
    assert read_identity(path) is None

    db = open_database(path)
    try:
        assert db.revision() == migrate.head_revision()
        assert db.migration_backup is not None
    finally:
        db.close()
    after = _dump(path)
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
