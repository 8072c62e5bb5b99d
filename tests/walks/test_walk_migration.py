"""Revision 0005 (walk steps, safety-visit follow-up) on the demo database as it was at
0003: every row and every photo byte stays, the new columns get their defaults."""

from __future__ import annotations

import shutil
import sqlite3

from tests.storage.test_migrations import downgrade_to, snapshot
from tryggapp.storage import migrate, open_database

NEW_WALK_COLUMNS = ["premeeting_date", "premeeting_route", "invitation", "resident_count", "follow_up_summary"]
NEW_VISIT_COLUMNS = ["support_given", "follow_up", "follow_up_date", "measure_id"]


def _columns(path, table: str) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')]
    finally:
        conn.close()


def test_demo_at_0003_upgrades_keeping_every_row_and_photo(tmp_path, demo_template):
    path = tmp_path / "kommun.db"
    shutil.copy(demo_template, path)
    downgrade_to(path, "0003")
    assert not set(NEW_WALK_COLUMNS) & set(_columns(path, "safety_walk"))
    assert not set(NEW_VISIT_COLUMNS) & set(_columns(path, "safety_visit"))
    before = snapshot(path)
    assert len(before["safety_walk"][1]) == 3 and len(before["observation"][1]) == 27
    assert len(before["safety_visit"][1]) == 2 and len(before["observation_photo"][1]) > 0
    assert len(before["safety_walk_participant"][1]) > 0

    db = open_database(path, backup_dir=tmp_path / "kopior")  # the app's own upgrade path
    try:
        assert db.migrated_from == "0003" and db.revision() == migrate.HEAD
    finally:
        db.close()
    after = snapshot(path, columns_of=before)
    # Tables later revisions add (0004's minutes_reopening) come empty, except those 0007
    # fills from what was there (the old sources text, the findings' focus areas); the rest
    # are as they were.
    converted = {"situation_source", "finding_focus_area"}
    assert set(before) <= set(after) and all(not after[t][1] for t in set(after) - set(before) - converted)
    for table in before:
        assert after[table] == before[table], table  # photo bytes included (observation_photo.data)
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA foreign_keys=ON")
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        assert conn.execute("SELECT DISTINCT premeeting_route, invitation, follow_up_summary, resident_count "
                            "FROM safety_walk").fetchall() == [("", "", "", None)]
        assert conn.execute("SELECT DISTINCT support_given, follow_up, measure_id FROM safety_visit"
                            ).fetchall() == [("", "", None)]
        # The rebuilt safety_walk still cascades to its observations.
        walk = conn.execute("SELECT id FROM safety_walk LIMIT 1").fetchone()[0]
        conn.execute("DELETE FROM measure WHERE origin_observation_id IN "
                     "(SELECT id FROM observation WHERE walk_id = ?)", (walk,))
        conn.execute("DELETE FROM safety_walk WHERE id = ?", (walk,))
        assert conn.execute("SELECT count(*) FROM observation WHERE walk_id = ?", (walk,)).fetchone() == (0,)
        conn.rollback()
    finally:
        conn.close()
