"""Revision 0007 on the demo database as it was at 0006: every row stays, the old
free-text sources become one source record per line (the text itself stays), and each
finding's focus area becomes its first prioritised focus area. On a file and on a team
database (the real downgrades take either back to 0006)."""

from __future__ import annotations

from tests.engines import Raw, downgrade, integrity_problems, snapshot
from tryggapp.storage import migrate, open_database

NEW_TABLES = {"situation_source", "finding_focus_area", "finding_measure", "finding_est", "est_report"}


def test_demo_at_0006_upgrades_keeping_every_row_and_converting_the_sources(tmp_path, demo_location):
    downgrade(demo_location, "0006")
    before = snapshot(demo_location)
    assert not NEW_TABLES & set(before)
    with Raw(demo_location) as conn:
        (text,) = [row[0] for row in conn.execute("SELECT sources FROM situation_picture")]
    lines = [line for line in text.splitlines() if line.strip()]
    assert len(lines) == 6  # the demo's six sources, as an old file held them: one per line
    findings = before["situation_finding"]
    focus_col = findings[0].index("focus_area_id")
    old_links = sorted((r[0], r[focus_col]) for r in findings[1])

    db = open_database(demo_location, backup_dir=tmp_path / "kopior")  # the app's own upgrade path
    try:
        assert db.migrated_from == "0006" and db.revision() == migrate.HEAD
    finally:
        db.close()
    after = snapshot(demo_location, columns_of=before)
    for table in before:
        assert after[table] == before[table], table
    assert integrity_problems(demo_location) == []
    with Raw(demo_location) as conn:
        sources = [tuple(r) for r in conn.execute("SELECT kind, note FROM situation_source ORDER BY id")]
        assert [note for _k, note in sources] == [line.strip() for line in lines]  # nothing lost
        kinds = dict((note, kind) for kind, note in sources)
        assert kinds[next(line for line in lines if line.startswith("Anmälda brott"))] == "reported_crime"
        assert kinds[next(line for line in lines if line.startswith("Trygghetsundersökningen"))] == "survey"
        links = sorted(tuple(r) for r in conn.execute("SELECT finding_id, focus_area_id FROM finding_focus_area"))
        assert links == old_links
        assert [tuple(r) for r in conn.execute("SELECT DISTINCT area FROM situation_finding")] == [("",)]
        assert conn.execute("SELECT count(*) FROM est_report").fetchone()[0] == 0
