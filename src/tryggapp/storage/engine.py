"""The SQLAlchemy engine for one SQLite file: WAL, foreign keys on every connection."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Engine

from tryggapp.storage.functions import sqlite_casefold

BUSY_TIMEOUT_MS = 5000


def connect_readonly(path: Path) -> sqlite3.Connection:
    """A read-only sqlite3 connection that never creates or writes the file.

    A WAL database needs its -shm file even to read. In a read-only folder (a locked-down
    share, a CD, a read-only mount) SQLite cannot create it and `mode=ro` fails with
    "unable to open database file"; then nobody can write the file either, so opening it
    `immutable` (no locking, no -shm) is safe and is the only way to read it."""
    path = Path(path).resolve()
    uri = path.as_uri()
    conn = sqlite3.connect(f"{uri}?mode=ro", uri=True, check_same_thread=False)
    try:
        conn.execute("PRAGMA schema_version").fetchone()  # forces SQLite to really open it
        return conn
    except sqlite3.OperationalError as exc:
        conn.close()
        folder_writable = os.access(path.parent, os.W_OK)
        wal_exists = path.with_name(path.name + "-wal").exists()
        cantopen = (getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF == 14  # SQLITE_CANTOPEN
        if not cantopen or folder_writable or wal_exists:
            raise
    return sqlite3.connect(f"{uri}?mode=ro&immutable=1", uri=True, check_same_thread=False)


def make_engine(path: Path, *, read_only: bool = False, must_exist: bool = False) -> Engine:
    """An engine on `path`. Pragmas are set in a connect event because SQLite forgets
    them per connection (PITFALLS: foreign keys are enforced only when each connection
    asks for it).

    `must_exist`: connect with `mode=rw`, so a file deleted while the app runs is not
    silently recreated empty by the next pooled connection (open_database uses it)."""
    path = Path(path)
    if read_only:
        # file: URI so SQLite never creates or writes the file (nor its -wal/-shm).
        def creator() -> sqlite3.Connection:
            return connect_readonly(path)

        engine = sa.create_engine("sqlite://", creator=creator, poolclass=sa.pool.StaticPool)
    elif must_exist:
        uri = f"{path.resolve().as_uri()}?mode=rw"

        def rw_creator() -> sqlite3.Connection:
            return sqlite3.connect(uri, uri=True, check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000)

        # A creator needs the "sqlite://" URL, which alone would mean one in-memory
        # connection per thread: ask for the pool a file database gets.
        engine = sa.create_engine("sqlite://", creator=rw_creator, poolclass=sa.pool.QueuePool)
    else:
        engine = sa.create_engine(
            f"sqlite:///{path}", connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000}
        )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record) -> None:  # noqa: ANN001
        # Let SQLAlchemy manage transactions (pysqlite's own BEGIN handling is off).
        dbapi_conn.isolation_level = None
        # storage.functions.casefold: a search that folds å ä ö as PostgreSQL's lower() does.
        dbapi_conn.create_function("casefold", 1, sqlite_casefold, deterministic=True)
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
