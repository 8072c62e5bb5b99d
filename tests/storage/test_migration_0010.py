"""Revision 0010 (row versions, the change log's database user) on the demo database as
it was before it (0009): every row stays, every row gets version 1, the triggers of 0004 stay."""

from __future__ import annotations

import shutil
import sqlite3

from alembic import command

from tests.storage.test_migrations import snapshot
from tryggapp.storage import migrate, open_database
from tryggapp.storage.engine import make_engine


def _versioned_tables() -> tuple[str, ...]:
    import importlib

    return importlib.import_module("tryggapp.storage.migrations.versions.0010_row_versions").VERSIONED


def _downgrade_to_0009(path) -> None:
    """The demo as an 0009 file: the real downgrade, run as the upgrade runs."""
    engine = make_engine(path, must_exist=True)
    try:
        with engine.connect() as conn:
            raw = conn.connection.driver_connection
            raw.execute("PRAGMA foreign_keys=OFF")
            with conn.begin():
                cfg = migrate.alembic_config()
                cfg.attributes["connection"] = conn
                command.downgrade(cfg, "0009")  # the revision before 0010
            raw.execute("PRAGMA foreign_keys=ON")
    finally:
        engine.dispose()


def _schema(path, kind: str) -> list[tuple[str, str]]:
    conn = sqlite3.connect(path)
    try:
        return sorted(conn.execute("SELECT name, sql FROM sqlite_master WHERE type = ?", (kind,)).fetchall())
    finally:
        conn.close()


def test_demo_before_0010_upgrades_keeping_every_row(tmp_path, demo_template):
    path = tmp_path / "kommun.db"
    shutil.copy(demo_template, path)
    _downgrade_to_0009(path)
    before = snapshot(path)
    triggers, indexes = _schema(path, "trigger"), _schema(path, "index")
    assert len(triggers) == 9 and "version" not in before["measure"][0]
    assert "db_user" not in before["audit_entry"][0]
    assert len(before["measure"][1]) > 20 and len(before["audit_entry"][1]) > 0

    db = open_database(path, backup_dir=tmp_path / "kopior")  # the app's own upgrade path
    try:
        assert db.migrated_from == "0009" and db.revision() == migrate.HEAD
    finally:
        db.close()
    after = snapshot(path, columns_of=before)
    assert set(before) <= set(after) and all(not after[t][1] for t in set(after) - set(before))
    for table in before:
        assert after[table] == before[table], table
    # Added in place: no table was rebuilt, so the triggers and indexes are the same.
    # (Indexes of tables that later revisions add are not compared.)
    new_tables = set(after) - set(before)
    assert _schema(path, "trigger") == triggers
    assert [i for i in _schema(path, "index") if not any(t in i[0] for t in new_tables)] == indexes
    conn = sqlite3.connect(path)
    try:
        for table in _versioned_tables():
            assert conn.execute(f'SELECT DISTINCT version FROM "{table}"').fetchall() in ([(1,)], []), table
        assert conn.execute("SELECT DISTINCT db_user FROM audit_entry").fetchall() == [("",)]
        conn.execute("PRAGMA foreign_keys=ON")
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        conn.close()


def test_every_versioned_model_is_in_the_revision():
    from sqlmodel import SQLModel

    import tryggapp.domain  # noqa: F401 - registers the tables

    versioned = {t.name for t in SQLModel.metadata.sorted_tables if "version" in t.columns}
    created_with_version = {"minutes_series_start"}  # by revision 0012, with its version column
    assert versioned == set(_versioned_tables()) | created_with_version
