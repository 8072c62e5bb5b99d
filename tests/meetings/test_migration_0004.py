"""Revision 0004 (the minutes lock) on the demo database as it was at 0003: every row stays,
justerade minutes come out locked, and the triggers refuse a raw change. On a file made by
the 0003 schema, and on a team database taken back to 0003 by the real downgrades."""

from __future__ import annotations

import sqlite3

import pytest

from tests.engines import Raw, downgrade, is_url, snapshot, upgrade
from tryggapp.storage import migrate
from tryggapp.storage.engine import make_engine


def demo_at_0003(demo_template, path):
    """A file made by the 0003 schema holding the demo's rows (the columns 0003 has)."""
    engine = make_engine(path)
    migrate.upgrade(engine, "0003")
    engine.dispose()
    conn = sqlite3.connect(path)
    conn.execute("ATTACH DATABASE ? AS demo", (str(demo_template),))
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' "
                                         "AND name NOT IN ('alembic_version', 'sqlite_sequence')")]
    for table in tables:
        cols = ", ".join(f'"{r[1]}"' for r in conn.execute(f'PRAGMA main.table_info("{table}")'))
        conn.execute(f'DELETE FROM main."{table}"')  # e.g. the identity row a new file gets
        conn.execute(f'INSERT INTO main."{table}" ({cols}) SELECT {cols} FROM demo."{table}"')
    conn.commit()
    conn.execute("DETACH DATABASE demo")
    assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == ("0003",)
    conn.close()


def test_upgrade_of_the_demo_at_0003_keeps_every_row_and_locks_justerade_minutes(demo_location, tmp_path):
    if is_url(demo_location):
        location = demo_location
        downgrade(location, "0003")
    else:
        location = tmp_path / "at0003.db"
        demo_at_0003(demo_location, location)
    before = snapshot(location)
    assert len(before["minutes_item"][1]) == 608 and len(before["meeting"][1]) == 82
    upgrade(location, "0004")
    after = snapshot(location, columns_of=before)
    assert set(before) <= set(after)
    for table in before:
        assert after[table] == before[table], table
    with Raw(location) as conn:
        adjusted, locked = conn.execute("SELECT count(adjusted_on), count(locked_at) FROM minutes").fetchone()
        assert adjusted > 0 and locked == adjusted
        with pytest.raises(conn.IntegrityError):
            conn.execute("UPDATE minutes_item SET heading = 'x' WHERE minutes_id IN "
                         "(SELECT id FROM minutes WHERE locked_at IS NOT NULL)")


def test_the_demo_built_today_has_its_justerade_minutes_locked(demo_db):
    with Raw(demo_db.path) as conn:
        adjusted, locked = conn.execute("SELECT count(adjusted_on), count(locked_at) FROM minutes").fetchone()
    assert adjusted > 0 and locked == adjusted
