"""The SQLAlchemy engine for one SQLite file: WAL, foreign keys on every connection."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Engine

BUSY_TIMEOUT_MS = 5000


def make_engine(path: Path, *, read_only: bool = False) -> Engine:
    """An engine on `path`. Pragmas are set in a connect event because SQLite forgets
    them per connection (PITFALLS: foreign keys are enforced only when each connection
    asks for it)."""
    path = Path(path)
    if read_only:
        # file: URI so SQLite never creates or writes the file (nor its -wal/-shm).
        def creator() -> sqlite3.Connection:
            return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False)

        engine = sa.create_engine("sqlite://", creator=creator, poolclass=sa.pool.StaticPool)
    else:
        engine = sa.create_engine(
            f"sqlite:///{path}", connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000}
        )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record) -> None:  # noqa: ANN001
        # Let SQLAlchemy manage transactions (pysqlite's own BEGIN handling is off).
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        if not read_only:
            cur.execute("PRAGMA journal_mode=WAL")
            # FULL: a transaction reported as committed survives a power cut, not just a crash.
            cur.execute("PRAGMA synchronous=FULL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn) -> None:  # noqa: ANN001
        conn.exec_driver_sql("BEGIN")

    return engine
