"""Raw SQL on either engine, for tests that go below the services on purpose (the minutes
lock's triggers, what an erasure leaves behind): a DBAPI connection of its own on the
database's file or server, taking SQLite-style SQL (`?` marks, instr()) on both, as
tryggapp.storage.raw does for the product."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any

from tryggapp.storage.server import ServerLocation


def is_server(db) -> bool:  # noqa: ANN001
    return isinstance(db.path, ServerLocation)


def is_url(location) -> bool:  # noqa: ANN001
    """A team database's location (a ServerLocation or its postgresql:// URL), not a file."""
    return isinstance(location, ServerLocation) or str(location).startswith("postgresql")


class Raw:
    """A connection outside the program's engine (the program may already be closed).
    `IntegrityError` is the driver's class for a broken rule (a trigger's refusal too)."""

    def __init__(self, location) -> None:  # noqa: ANN001
        self.postgresql = is_url(location)
        if self.postgresql:
            location = ServerLocation(str(location))
            import psycopg

            self.conn: Any = psycopg.connect(location.libpq_url())
            self.IntegrityError: type[Exception] = psycopg.IntegrityError
        else:
            self.conn = sqlite3.connect(location)
            self.conn.execute("PRAGMA foreign_keys=ON")
            self.IntegrityError = sqlite3.IntegrityError

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        if self.postgresql:
            return self.conn.execute(sql.replace("?", "%s").replace("instr(", "strpos("), tuple(params))
        return self.conn.execute(sql, tuple(params))

    def rollback(self) -> None:
        self.conn.rollback()

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Raw:
        return self

    def __exit__(self, *exc: object) -> None:
        self.rollback()
        self.close()


def raw(db) -> Raw:  # noqa: ANN001
    """A raw connection on `db`'s database (a file or a team database)."""
    return Raw(db.path)


def counts(db, tables: Sequence[str]) -> dict[str, int]:  # noqa: ANN001
    with raw(db) as conn:
        return {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}


def rows_in_backup(path, table: str) -> int:  # noqa: ANN001
    """How many rows `table` has in a backup: a SQLite file, or a team database's pg_dump
    (read with pg_restore, which prints the table's data as COPY lines)."""
    from pathlib import Path

    path = Path(path)
    if path.suffix == ".dump":
        import shutil
        import subprocess

        out = subprocess.run([shutil.which("pg_restore") or "pg_restore", "--data-only", f"--table={table}",
                              "--file=-", str(path)], capture_output=True, text=True, check=True).stdout
        lines = out.split(f"COPY public.{table} ", 1)[1].splitlines()[1:]
        return lines.index("\\.")
    with sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True) as conn:
        return conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]


# -- migrations on either engine ---------------------------------------------------------
def _server_engine(location):  # noqa: ANN001, ANN202
    import sqlalchemy as sa

    return sa.create_engine(ServerLocation(str(location)).url)


def downgrade(location, revision: str) -> None:  # noqa: ANN001
    """Take the database back to `revision` with the real revisions' downgrades, run as
    the upgrade runs (SQLite: foreign keys off, one transaction; PostgreSQL: one
    transaction, its DDL is transactional)."""
    from alembic import command

    from tryggapp.storage import migrate
    from tryggapp.storage.engine import make_engine

    postgresql = is_url(location)
    engine = _server_engine(location) if postgresql else make_engine(location, must_exist=True)
    try:
        with engine.connect() as conn:
            raw_conn = None if postgresql else conn.connection.driver_connection
            if raw_conn is not None:
                raw_conn.execute("PRAGMA foreign_keys=OFF")
            with conn.begin():
                cfg = migrate.alembic_config()
                cfg.attributes["connection"] = conn
                command.downgrade(cfg, revision)
            if raw_conn is not None:
                raw_conn.execute("PRAGMA foreign_keys=ON")
    finally:
        engine.dispose()


def upgrade(location, revision: str = "head") -> None:  # noqa: ANN001
    from tryggapp.storage import migrate
    from tryggapp.storage.engine import make_engine

    postgresql = is_url(location)
    engine = _server_engine(location) if postgresql else make_engine(location, must_exist=True)
    try:
        migrate.upgrade(engine, revision)
    finally:
        engine.dispose()


Snapshot = dict[str, tuple[list[str], list[tuple]]]


def snapshot(location, columns_of: Snapshot | None = None) -> Snapshot:  # noqa: ANN001
    """Every table's columns and rows, sorted (tests/storage/test_migrations.snapshot on a
    file); with `columns_of`, only the columns that snapshot had."""
    if not is_url(location):
        from tests.storage.test_migrations import snapshot as file_snapshot

        return file_snapshot(location, columns_of)
    with Raw(location) as conn:
        tables = [r[0] for r in conn.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' "
            "AND table_type = 'BASE TABLE' AND table_name <> 'alembic_version' ORDER BY table_name")]
        out: Snapshot = {}
        for table in tables:
            cols = [r[0] for r in conn.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' "
                "AND table_name = ? ORDER BY ordinal_position", (table,))]
            if columns_of is not None and table in columns_of:
                cols = columns_of[table][0]
            select = ", ".join(f'"{c}"' for c in cols)
            rows = sorted((tuple(r) for r in conn.execute(f'SELECT {select} FROM "{table}"')), key=repr)
            out[table] = (cols, rows)
        return out


def columns(location, table: str) -> list[str]:  # noqa: ANN001
    snap = snapshot(location)
    return snap[table][0]


def integrity_problems(location) -> list:  # noqa: ANN001
    """What a check finds wrong: SQLite's foreign_key_check; on PostgreSQL (which enforces
    keys on every write) a constraint left NOT VALID, a trigger off, a table missing."""
    if is_url(location):
        from tryggapp.storage.server_database import integrity_problems as server_problems

        engine = _server_engine(location)
        try:
            return server_problems(engine)
        finally:
            engine.dispose()
    conn = sqlite3.connect(location)
    try:
        conn.execute("PRAGMA foreign_keys=ON")
        return conn.execute("PRAGMA foreign_key_check").fetchall()
    finally:
        conn.close()
