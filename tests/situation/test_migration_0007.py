"""Revision 0007 on the demo database as it was at 0006: every row stays, the old
free-text sources become one source record per line (the text itself stays), and each
finding's focus area becomes its first prioritised focus area."""

from __future__ import annotations

import shutil
import sqlite3

from tests.storage.test_migrations import downgrade_to, snapshot
from tryggapp.storage import migrate, open_database

NEW_TABLES = {"situation_source", "finding_focus_area", "finding_measure", "finding_est", "est_report"}


def test_demo_at_0006_upgrades_keeping_every_row_and_converting_the_sources(tmp_path, demo_template):
    path = tmp_path / "kommun.db"
    shutil.copy(demo_template, path)
    downgrade_to(path, "0006")
    before = snapshot(path)
    assert not NEW_TABLES & set(before)
    (text,) = [row[0] for row in sqlite3.connect(path).execute("SELECT sources FROM situation_picture")]
    lines = [line for line in text.splitlines() if line.strip()]
    assert len(lines) == 6  # the demo's six sources, as an old file held them: one per line
    findings = before["situation_finding"]
    focus_col = findings[0].index("focus_area_id")
    old_links = sorted((r[0], r[focus_col]) for r in findings[1])

    db = open_database(path, backup_dir=tmp_path / "kopior")  # the app's own upgrade path
    try:
        assert db.migrated_from == "0006" and db.revision() == migrate.HEAD
    finally:
        db.close()
    after = snapshot(path, columns_of=before)
    for table in before:
        assert after[table] == before[table], table
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA foreign_keys=ON")
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        sources = conn.execute("SELECT kind, note FROM situation_source ORDER BY id").fetchall()
        assert [note for _k, note in sources] == [line.strip() for line in lines]  # nothing lost
        kinds = dict((note, kind) for kind, note in sources)
        assert kinds[next(line for line in lines if line.startswith("Anmälda brott"))] == "reported_crime"
        assert kinds[next(line for line in lines if line.startswith("Trygghetsundersökningen"))] == "survey"
        links = sorted(conn.execute("SELECT finding_id, focus_area_id FROM finding_focus_area").fetchall())
        assert links == old_links
        assert conn.execute("SELECT DISTINCT area FROM situation_finding").fetchall() == [("",)]
        assert conn.execute("SELECT count(*) FROM est_report").fetchone() == (0,)
    finally:
        conn.close()
