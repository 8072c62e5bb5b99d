"""Revision 0008 (undertakings of citizen promises and agreements) on the demo database as
it was at 0006: every row stays — the citizen promise and the agreement with their
follow_up text included — and the new tables come empty, ready for use.

The file is taken back to 0006 with the real downgrades, so the test means the same once
the lead puts 0007 between 0006 and 0008."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3

from tests.storage.test_migrations import downgrade_to, snapshot
from tryggapp.services import agreements as svc
from tryggapp.storage import migrate, open_database

NEW_TABLES = {"agreement_party", "undertaking", "undertaking_note", "undertaking_measure"}


def test_demo_at_0006_upgrades_keeping_every_row(tmp_path, demo_template):
    path = tmp_path / "kommun.db"
    shutil.copy(demo_template, path)
    downgrade_to(path, "0006")
    before = snapshot(path)
    assert not NEW_TABLES & set(before)
    assert len(before["citizen_promise"][1]) == 1 and len(before["cooperation_agreement"][1]) == 1
    follow_up = before["citizen_promise"][0].index("follow_up")
    assert before["citizen_promise"][1][0][follow_up].startswith("Följs upp")

    db = open_database(path, backup_dir=tmp_path / "kopior")  # the app's own upgrade path
    try:
        assert db.migrated_from == "0006" and db.revision() == migrate.HEAD
        # The upgraded file takes undertakings at once.
        promise = svc.agreements(db, dt.date(2026, 11, 25))
        row = next(r for r in promise if r.table == svc.PROMISE)
        assert row.follow_up.startswith("Följs upp") and row.undertakings == ()
        u = svc.create_undertaking(db, svc.PROMISE, row.id, {"text": "Polisen är ute fredagskvällar."})
        svc.add_note(db, u.id, {"noted_on": dt.date(2026, 11, 25), "text": "Påbörjat."})
    finally:
        db.close()
    after = snapshot(path, columns_of=before)
    assert set(before) <= set(after) and set(after) >= NEW_TABLES
    for table in before:
        if table == "audit_entry":  # the writes above are logged: the old entries stay as they were
            assert set(before[table][1]) <= set(after[table][1])
        else:
            assert after[table] == before[table], table
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA foreign_keys=ON")
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        # Deleting the promise's undertaking takes its note with it (ON DELETE CASCADE).
        conn.execute("DELETE FROM undertaking")
        assert conn.execute("SELECT count(*) FROM undertaking_note").fetchone() == (0,)
        conn.rollback()
    finally:
        conn.close()
