"""Revision 0012 (where a § series continues; the day an undertaking was added) on the demo
database taken back to 0011 with the real downgrades: every row of every table stays, the
new table comes empty, and each undertaking gets the start of its promise's or agreement's
period (or an earlier first note) — the dates the demo itself gives them.
"""

from __future__ import annotations

import shutil
import sqlite3

import pytest

from tests.storage.test_migrations import downgrade_to, snapshot
from tryggapp.storage import migrate, open_database

pytestmark = pytest.mark.sqlite_only


def _schema(path, kind: str) -> list[tuple[str, str]]:
    conn = sqlite3.connect(path)
    try:
        return sorted(conn.execute("SELECT name, sql FROM sqlite_master WHERE type = ?", (kind,)).fetchall())
    finally:
        conn.close()


def _created(path) -> dict[int, str]:
    conn = sqlite3.connect(path)
    try:
        return dict(conn.execute("SELECT id, created FROM undertaking").fetchall())
    finally:
        conn.close()


def test_demo_at_0011_upgrades_keeping_every_row(tmp_path, demo_template):
    made_by_demo = _created(demo_template)
    assert len(made_by_demo) >= 6 and None not in made_by_demo.values()
    path = tmp_path / "kommun.db"
    shutil.copy(demo_template, path)
    downgrade_to(path, "0011")
    before = snapshot(path)
    triggers = _schema(path, "trigger")
    assert "minutes_series_start" not in before and "created" not in before["undertaking"][0]
    assert len(before["minutes_item"][1]) > 50 and len(before["undertaking_note"][1]) > 5

    db = open_database(path, backup_dir=tmp_path / "kopior")  # the app's own upgrade path
    try:
        assert db.migrated_from == "0011" and db.revision() == migrate.HEAD
    finally:
        db.close()
    after = snapshot(path, columns_of=before)
    assert set(after) - set(before) == {"minutes_series_start"} and after["minutes_series_start"][1] == []
    for table in before:  # every row of every table, column by column as it was
        assert after[table] == before[table], table
    # Added in place: no table rebuilt, so the minutes lock triggers of 0004 are all there.
    assert _schema(path, "trigger") == triggers and len(triggers) == 9
    assert _created(path) == made_by_demo
    conn = sqlite3.connect(path)
    try:
        # The rule itself: the period's start, or the first note when that is earlier.
        rows = conn.execute(
            "SELECT u.created, coalesce(p.period_from, a.period_from), min(n.noted_on) FROM undertaking u "
            "LEFT JOIN citizen_promise p ON p.id = u.citizen_promise_id "
            "LEFT JOIN cooperation_agreement a ON a.id = u.agreement_id "
            "LEFT JOIN undertaking_note n ON n.undertaking_id = u.id GROUP BY u.id").fetchall()
        assert rows and all(created == min(x for x in (start, first) if x) for created, start, first in rows)
        conn.execute("PRAGMA foreign_keys=ON")
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        conn.close()


def test_an_undertaking_noted_before_its_agreement_began_is_dated_by_the_note(tmp_path, demo_template):
    path = tmp_path / "kommun.db"
    shutil.copy(demo_template, path)
    downgrade_to(path, "0011")
    conn = sqlite3.connect(path)
    try:
        uid, start = conn.execute(
            "SELECT u.id, p.period_from FROM undertaking u JOIN citizen_promise p ON p.id = u.citizen_promise_id "
            "ORDER BY u.id LIMIT 1").fetchone()
        conn.execute("INSERT INTO undertaking_note (undertaking_id, noted_on, status, text, author) "
                     "VALUES (?, '2019-05-02', 'ongoing', 'Förarbete', '')", (uid,))
        conn.commit()
    finally:
        conn.close()
    open_database(path, backup_dir=tmp_path / "kopior").close()
    assert start > "2019-05-02" and _created(path)[uid] == "2019-05-02"
