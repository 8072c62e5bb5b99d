"""The settings every connection to a database needs, read back from a real opened file
on every pooled connection, not assumed from the code that sets them.

Why each matters: WAL so readers never block the writer and a crash never leaves a
half-written page in the file; synchronous=FULL (2) so a commit the app reported is on
the disk even after a power cut (with OFF a process kill still loses nothing, so the kill
test cannot catch a weaker setting: this test does); foreign_keys because SQLite enforces
references only on connections that ask for it; busy_timeout so a second connection waits
for a writer instead of failing at once with "database is locked"."""

from __future__ import annotations

import contextlib

from sqlalchemy import text

from tryggapp.storage import open_database
from tryggapp.storage.engine import BUSY_TIMEOUT_MS

SESSIONS = 4  # held open together, so the pool must hand out that many connections


def pragmas(session) -> dict[str, object]:  # noqa: ANN001
    return {name: session.execute(text(f"PRAGMA {name}")).scalar()
            for name in ("journal_mode", "synchronous", "foreign_keys", "busy_timeout")}


def test_every_pooled_connection_has_the_safe_pragmas(tmp_path):
    path = tmp_path / "kommun.db"
    open_database(path, create=True).close()
    db = open_database(path)  # an existing file, opened as the app opens it
    try:
        with contextlib.ExitStack() as stack:
            sessions = [stack.enter_context(db.session()) for _ in range(SESSIONS)]
            seen = []
            for s in sessions:
                seen.append(id(s.connection().connection.driver_connection))
                assert pragmas(s) == {"journal_mode": "wal", "synchronous": 2, "foreign_keys": 1,
                                      "busy_timeout": BUSY_TIMEOUT_MS}
            assert len(set(seen)) == SESSIONS  # really several connections, not one reused
        assert BUSY_TIMEOUT_MS >= 1000
    finally:
        db.close()


def test_a_new_database_has_the_safe_pragmas_from_its_first_connection(tmp_path):
    db = open_database(tmp_path / "ny.db", create=True)
    try:
        with db.session() as s:
            assert pragmas(s) == {"journal_mode": "wal", "synchronous": 2, "foreign_keys": 1,
                                  "busy_timeout": BUSY_TIMEOUT_MS}
    finally:
        db.close()
