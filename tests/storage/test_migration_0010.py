"""Revision 0010 (row versions, the change log's database user) on the demo database as
it was before it (0009): every row stays, every row gets version 1, the triggers of 0004 stay."""

from __future__ import annotations

import shutil
import sqlite3

from tests.storage.test_migrations import downgrade_to, snapshot
from tryggapp.storage import migrate, open_database


def _versioned_tables() -> tuple[str, ...]:
    import importlib

    return importlib.import_module("tryggapp.storage.migrations.versions.0010_row_versions").VERSIONED


def _all_versioned_tables() -> set[str]:
    """The VERSIONED tuples of 0010 and every later revision that adds row versions."""
    import importlib

    tables: set[str] = set()
    for file in sorted((migrate.MIGRATIONS_DIR / "versions").glob("0*.py")):
        module = importlib.import_module(f"tryggapp.storage.migrations.versions.{file.stem}")
        tables |= set(getattr(module, "VERSIONED", ()))
    return tables


def schema(path, kind: str) -> list[tuple[str, str]]:
    conn = sqlite3.connect(path)
    try:
        return sorted(conn.execute("SELECT name, sql FROM sqlite_master WHERE type = ?", (kind,)).fetchall())
    finally:
        conn.close()


def test_demo_before_0010_upgrades_keeping_every_row(tmp_path, demo_template):
    path = tmp_path / "kommun.db"
    shutil.copy(demo_template, path)
    downgrade_to(path, "0009")
    before = snapshot(path)
    triggers, indexes = schema(path, "trigger"), schema(path, "index")
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
    assert schema(path, "trigger") == triggers
    assert [i for i in schema(path, "index") if not any(t in i[0] for t in new_tables)] == indexes
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
    assert versioned == _all_versioned_tables() | created_with_version
