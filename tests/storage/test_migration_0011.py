"""Revision 0011 (row versions for the tables 0007–0009 added) on the demo database as it
was before it (0010): every row of every table stays, the new column says 1 for each, no
table is rebuilt (triggers and indexes the same), and the edits of those rows are then
versioned like the rest.

The file is taken back to 0010 with the real downgrade, so the test means the same once
the lead puts other revisions between 0010 and 0011."""

from __future__ import annotations

import importlib
import shutil
import sqlite3

from tests.storage.test_migration_0010 import schema
from tests.storage.test_migrations import downgrade_to, snapshot
from tryggapp.storage import migrate, open_database

NEW = importlib.import_module("tryggapp.storage.migrations.versions.0011_more_row_versions").VERSIONED


def _add_categories(path) -> None:
    """The demo has no indicator categories: give the 0010 file one with a value, so their
    rows are carried over too."""
    conn = sqlite3.connect(path)
    try:
        goal = conn.execute("SELECT min(id) FROM goal").fetchone()[0]
        conn.execute("INSERT INTO indicator_category (id, goal_id, position, name) VALUES (1, ?, 0, 'Skadegörelse')",
                     (goal,))
        conn.execute("INSERT INTO category_measurement (category_id, year, period_kind, period_no, value, source, "
                     "comment) VALUES (1, 2025, 'year', 1, 42.0, 'BRÅ', '')")
        conn.commit()
    finally:
        conn.close()


def test_demo_at_0010_upgrades_keeping_every_row(tmp_path, demo_template):
    path = tmp_path / "kommun.db"
    shutil.copy(demo_template, path)
    downgrade_to(path, "0010")
    _add_categories(path)
    before = snapshot(path)
    triggers, indexes = schema(path, "trigger"), schema(path, "index")
    for table in NEW:
        assert "version" not in before[table][0], table
        assert before[table][1], table  # rows to carry over in each
    assert len(before["est_report"][1]) >= 10 and len(before["undertaking_note"][1]) >= 5

    db = open_database(path, backup_dir=tmp_path / "kopior")  # the app's own upgrade path
    try:
        assert db.migrated_from == "0010" and db.revision() == migrate.HEAD
    finally:
        db.close()
    after = snapshot(path, columns_of=before)
    assert set(before) <= set(after) and all(not after[t][1] for t in set(after) - set(before))
    for table in before:  # every table, every row, every column it had
        assert after[table] == before[table], table
    # Added in place: no table was rebuilt, so the triggers and indexes are the same
    # (indexes of tables that later revisions add are not compared).
    new_tables = set(after) - set(before)
    assert schema(path, "trigger") == triggers
    assert [i for i in schema(path, "index") if not any(t in i[0] for t in new_tables)] == indexes
    conn = sqlite3.connect(path)
    try:
        for table in NEW:
            assert conn.execute(f'SELECT DISTINCT version FROM "{table}"').fetchall() == [(1,)], table
        conn.execute("PRAGMA foreign_keys=ON")
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        conn.close()


def test_the_downgrade_takes_the_column_away_and_keeps_the_rows(tmp_path, demo_template):
    path = tmp_path / "kommun.db"
    shutil.copy(demo_template, path)
    before = snapshot(path)
    downgrade_to(path, "0010")
    after = snapshot(path)
    for table in NEW:
        assert "version" not in after[table][0]
        names = after[table][0]
        assert after[table][1] == sorted((tuple(r[before[table][0].index(n)] for n in names)
                                          for r in before[table][1]), key=repr), table
