"""Revision 0009 (indicator categories) on the demo database as it was before it (0008): every row
stays as it was, the two new tables come empty and work (a goal's deletion cascades)."""

from __future__ import annotations

import shutil
import sqlite3

from tests.storage.test_migrations import downgrade_to, snapshot
from tryggapp.storage import migrate, open_database

NEW_TABLES = {"indicator_category", "category_measurement"}


def _tables(path) -> set[str]:
    conn = sqlite3.connect(path)
    try:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    finally:
        conn.close()


def test_demo_before_0009_upgrades_keeping_every_row(tmp_path, demo_template):
    path = tmp_path / "kommun.db"
    shutil.copy(demo_template, path)
    downgrade_to(path, "0008")  # the revision before 0009 (0007 and 0008 fill tables of their own)
    assert not NEW_TABLES & _tables(path)
    before = snapshot(path)
    assert len(before["measurement"][1]) > 20 and len(before["goal"][1]) > 5

    db = open_database(path, backup_dir=tmp_path / "kopior")  # the app's own upgrade path
    try:
        assert db.migrated_from == "0008" and db.revision() == migrate.HEAD
    finally:
        db.close()
    after = snapshot(path, columns_of=before)
    assert set(after) >= NEW_TABLES
    # Tables this and later revisions add come empty; the rest are exactly as they were.
    assert set(before) <= set(after) and all(not after[t][1] for t in set(after) - set(before))
    for table in before:
        assert after[table] == before[table], table

    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA foreign_keys=ON")
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        goal = conn.execute("SELECT id FROM goal LIMIT 1").fetchone()[0]
        conn.execute("INSERT INTO indicator_category (goal_id, position, name) VALUES (?, 0, 'Stöld')", (goal,))
        category = conn.execute("SELECT id FROM indicator_category").fetchone()[0]
        conn.execute("INSERT INTO category_measurement (category_id, year, period_kind, period_no, value, source, "
                     "comment) VALUES (?, 2025, 'year', 1, 812, '', '')", (category,))
        conn.execute("DELETE FROM goal WHERE id = ?", (goal,))
        assert conn.execute("SELECT count(*) FROM category_measurement").fetchone() == (0,)
        conn.rollback()
    finally:
        conn.close()
