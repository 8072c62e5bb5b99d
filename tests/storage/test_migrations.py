"""Upgrades through the real Alembic path on a copy of the demo database, with probe
revisions (tests/storage/probe_versions) that do what a real revision would: rebuild the
parent tables `goal` and `measure` in batch mode (copy, DROP, rename)."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest

from tests.storage.probe_versions import DANGLING, KEEP, package_head, use_probe
from tryggapp.main import main
from tryggapp.storage import migrate, open_database
from tryggapp.storage.engine import make_engine
from tryggapp.storage.errors import MigrationRefused

Snapshot = dict[str, tuple[list[str], list[tuple]]]


def snapshot(path: Path, columns_of: Snapshot | None = None) -> Snapshot:
    """Every table's columns and rows (sorted). With `columns_of`, only the columns that
    snapshot had: a revision may add columns, it must not change what was there."""
    conn = sqlite3.connect(path)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' "
                                             "AND name <> 'alembic_version' ORDER BY name")]
        out: Snapshot = {}
        for table in tables:
            cols = [r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')]
            if columns_of is not None and table in columns_of:
                cols = columns_of[table][0]
            select = ", ".join(f'"{c}"' for c in cols)
            rows = sorted(conn.execute(f'SELECT {select} FROM "{table}"').fetchall(), key=repr)
            out[table] = (cols, rows)
        return out
    finally:
        conn.close()


def downgrade_to(path: Path, revision: str) -> None:
    """The file as an older one: the real revisions' downgrades to `revision`, run as the
    upgrade runs (tests.engines.downgrade, which does the same on a team database). The
    migration tests of each revision start from this, so they keep meaning the same when
    the lead re-chains revisions after others."""
    from tests.engines import downgrade

    downgrade(path, revision)


def references(path: Path) -> dict[str, list[tuple]]:
    """Every table's foreign keys (target table, columns, actions): a rebuild and rename
    must leave the children pointing at the parent's name (SQLite's ALTER TABLE RENAME
    rewrites references depending on legacy_alter_table and foreign_keys)."""
    conn = sqlite3.connect(path)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {t: sorted(tuple(r[2:]) for r in conn.execute(f'PRAGMA foreign_key_list("{t}")'))
                for t in tables}
    finally:
        conn.close()


def file_state(path: Path) -> tuple[str, bool]:
    return hashlib.sha256(path.read_bytes()).hexdigest(), Path(f"{path}-wal").exists()


@pytest.fixture
def demo_copy(tmp_path, demo_template) -> Path:
    target = tmp_path / "kommun.db"
    shutil.copy(demo_template, target)
    return target


def test_demo_has_rows_under_the_probed_parents(demo_copy):
    """The probe is only meaningful if the children of goal and measure have rows."""
    before = snapshot(demo_copy)
    for child in ("measurement", "goal_assessment", "measure_note", "measure_status_change"):
        assert len(before[child][1]) > 0, child


def test_rebuilding_parent_tables_keeps_every_row(demo_copy, tmp_path, monkeypatch):
    before = snapshot(demo_copy)
    refs = references(demo_copy)
    assert ("goal", "goal_id", "id", "NO ACTION", "CASCADE", "NONE") in refs["measurement"]
    probe = use_probe(monkeypatch, KEEP)
    db = open_database(demo_copy, backup_dir=tmp_path / "kopior")
    try:
        assert db.revision() == probe
        assert db.migrated_from == package_head()
        with db.engine.connect() as conn:
            # The connection the app uses afterwards has foreign keys on again ...
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            goal_sql = conn.exec_driver_sql("SELECT sql FROM sqlite_master WHERE name='goal'").scalar()
            measure_sql = conn.exec_driver_sql("SELECT sql FROM sqlite_master WHERE name='measure'").scalar()
    finally:
        db.close()
    # ... the tables really were rebuilt (the CHECKs exist only in the new definitions) ...
    assert "probe_position_not_negative" in goal_sql and "probe_number_positive" in measure_sql
    after = snapshot(demo_copy, columns_of=before)
    assert set(after) == set(before)
    assert references(demo_copy) == refs
    for table in before:
        assert len(after[table][1]) == len(before[table][1]), table
        assert after[table] == before[table], table
    # ... and the children still point at the rebuilt parents: deleting a goal cascades.
    conn = sqlite3.connect(demo_copy)
    conn.execute("PRAGMA foreign_keys=ON")
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    goal_id = conn.execute("SELECT goal_id FROM measurement LIMIT 1").fetchone()[0]
    conn.execute("DELETE FROM goal WHERE id = ?", (goal_id,))
    assert conn.execute("SELECT count(*) FROM measurement WHERE goal_id = ?", (goal_id,)).fetchone() == (0,)
    conn.rollback()
    conn.close()


def test_revision_leaving_dangling_references_is_refused_and_file_unchanged(demo_copy, tmp_path,
                                                                             monkeypatch):
    before = snapshot(demo_copy)
    state = file_state(demo_copy)
    use_probe(monkeypatch, DANGLING)
    backups = tmp_path / "kopior"
    with pytest.raises(MigrationRefused) as info:
        open_database(demo_copy, backup_dir=backups)
    message = str(info.value)
    assert "measurement" in message and "goal_assessment" in message
    assert "inte ändrats" in message or "som den var" in message
    assert file_state(demo_copy) == state  # byte for byte, and no WAL left behind
    assert snapshot(demo_copy) == before
    # The pre-migration backup stays, with the rows as they were.
    made = list(backups.glob("*.db"))
    assert len(made) == 1 and snapshot(made[0]) == before
    # The file still opens with the shipped chain.
    monkeypatch.undo()
    db = open_database(demo_copy, backup_dir=backups)
    assert db.revision() == package_head()
    db.close()


def test_migrate_upgrade_directly_keeps_rows_and_restores_foreign_keys(demo_copy, monkeypatch):
    before = snapshot(demo_copy)
    probe = use_probe(monkeypatch, KEEP)
    engine = make_engine(demo_copy, must_exist=True)
    try:
        migrate.upgrade(engine)
        with engine.connect() as conn:
            assert migrate.current_revision(conn) == probe
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    finally:
        engine.dispose()
    assert snapshot(demo_copy, columns_of=before) == before


def test_every_revision_upgrades_one_by_one_keeping_rows(tmp_path, monkeypatch):
    """Walk the chain (shipped revisions, then the probe) step by step from the first
    schema, with a row under each probed parent."""
    use_probe(monkeypatch, KEEP)
    path = tmp_path / "chain.db"
    engine = make_engine(path)
    revisions = list(reversed(list(migrate.script_directory().walk_revisions())))
    assert len(revisions) >= 2 and revisions[-1].revision == "probe_keep"
    migrate.upgrade(engine, revisions[0].revision)
    with engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO organisation (name, short_name, kind, archived) "
                             "VALUES ('Räddningstjänsten', '', 'rescue', 0)")
    before = snapshot(path)
    for rev in revisions[1:]:
        migrate.upgrade(engine, rev.revision)
    engine.dispose()
    after = snapshot(path, columns_of=before)
    assert after["organisation"] == before["organisation"]


def test_cli_check_reports_the_real_upgrade_and_counts(demo_copy, tmp_path, monkeypatch, capsys):
    before = snapshot(demo_copy)
    probe = use_probe(monkeypatch, KEEP)
    assert main(["check", "--db", str(demo_copy)]) == 0
    out = capsys.readouterr().out
    assert f"{package_head()} till {probe}" in out
    assert probe in out
    measures = len(before["measure"][1])
    assert any(line.split()[:1] == ["Åtgärder"] and line.split()[-1] == str(measures)
               for line in out.splitlines()), out
    assert snapshot(demo_copy, columns_of=before) == before


def test_cli_check_refuses_a_dangling_revision_in_one_line(demo_copy, monkeypatch, capsys):
    state = file_state(demo_copy)
    use_probe(monkeypatch, DANGLING)
    code = main(["check", "--db", str(demo_copy)])
    err = capsys.readouterr().err.strip()
    assert code != 0
    assert len(err.splitlines()) == 1 and "kunde inte uppgraderas" in err and "Traceback" not in err
    assert file_state(demo_copy) == state


def test_read_only_open_of_an_older_file_says_it_needs_the_upgrade(demo_copy, monkeypatch):
    from tryggapp.storage.errors import UpgradeNeeded

    state = file_state(demo_copy)
    use_probe(monkeypatch, KEEP)
    with pytest.raises(UpgradeNeeded) as info:
        open_database(demo_copy, read_only=True)
    assert "tryggapp check" in info.value.message
    # The file itself is untouched (a read-only SQLite connection may leave an empty WAL).
    assert file_state(demo_copy)[0] == state[0]
    wal = Path(f"{demo_copy}-wal")
    assert not wal.exists() or wal.stat().st_size == 0
