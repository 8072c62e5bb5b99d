"""Revision 0002: every database carries its own identity (a UUID stored in it)."""

from __future__ import annotations

import sqlite3

import pytest
import sqlalchemy as sa
from sqlmodel import SQLModel

from tests.conftest import DEMO_TODAY
from tryggapp.services.demo import populate
from tryggapp.storage import migrate, open_database
from tryggapp.storage.engine import make_engine
from tryggapp.storage.identity import read_identity

# Tables later revisions add: 0002 the identity, 0003 the report texts, 0004 the reopenings
# of minutes (empty at upgrade), 0007 the lägesbild's sources and links and EST, 0008 the
# undertakings of citizen promises and agreements, 0009 indicator categories, 0012 where a
# § series continues.
_LATER_TABLES = {"database_identity", "report_text", "report_measure_note", "report_group_note",
                 "minutes_reopening", "situation_source", "finding_focus_area", "finding_measure",
                 "finding_est", "est_report", "agreement_party", "undertaking", "undertaking_note",
                 "undertaking_measure", "indicator_category", "category_measurement", "minutes_series_start"}


def _dump(path, columns: dict[str, list[str]] | None = None) -> dict[str, list[tuple]]:
    """Every row of the tables a 0001 file has, in the columns it had (`columns`: those
    of the file before its upgrade; later revisions may add columns, not change these)."""
    conn = sqlite3.connect(path)
    try:
        out = {}
        for table in SQLModel.metadata.sorted_tables:
            if table.name in _LATER_TABLES:  # not in a 0001 file
                continue
            names = (columns or {}).get(table.name) or [
                r[1] for r in conn.execute(f'PRAGMA table_info("{table.name}")')]
            cols = ", ".join(names)
            keys = ", ".join(c.name for c in table.primary_key.columns)
            out[table.name] = conn.execute(f"SELECT {cols} FROM {table.name} ORDER BY {keys}").fetchall()
        return out
    finally:
        conn.close()


def _columns(path) -> dict[str, list[str]]:
    conn = sqlite3.connect(path)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {t: [r[1] for r in conn.execute(f'PRAGMA table_info("{t}")')] for t in tables}
    finally:
        conn.close()


def _database_at_0001(path) -> None:
    """A file as the previous release made it: schema 0001, filled with the demo data.
    The demo is built at head (the models may have columns 0001 lacks) and its rows are
    copied into the 0001 tables, column by column that 0001 has."""
    full = path.with_name(path.stem + "-head.db")
    db = open_database(full, create=True)
    try:
        populate(db, today=DEMO_TODAY)
    finally:
        db.close()
    engine = make_engine(path)
    migrate.upgrade(engine, "0001")
    engine.dispose()
    conn = sqlite3.connect(path)
    try:
        conn.execute("ATTACH DATABASE ? AS head", (str(full),))
        for table, names in _columns(path).items():
            if table in ("alembic_version", "sqlite_sequence"):
                continue
            cols = ", ".join(f'"{c}"' for c in names)
            conn.execute(f'INSERT INTO main."{table}" ({cols}) SELECT {cols} FROM head."{table}"')
        conn.commit()
        conn.execute("DETACH DATABASE head")
    finally:
        conn.close()
    full.unlink()


def test_a_0001_database_keeps_every_row_and_gains_an_identity(tmp_path):
    path = tmp_path / "tryggapp.db"
    _database_at_0001(path)
    before = _dump(path)
    columns = _columns(path)
    assert sum(len(rows) for rows in before.values()) > 500
    assert read_identity(path) is None

    db = open_database(path)
    try:
        assert db.revision() == migrate.head_revision()
        assert db.migration_backup is not None
    finally:
        db.close()
    after = _dump(path, columns)
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
        conn.rollback()  # PostgreSQL ends the transaction at its first error
        assert conn.execute(sa.text("SELECT count(*) FROM database_identity")).scalar() == 1
