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


class Raw:
    """A connection outside the program's engine (the program may already be closed).
    `IntegrityError` is the driver's class for a broken rule (a trigger's refusal too)."""

    def __init__(self, location) -> None:  # noqa: ANN001
        self.postgresql = isinstance(location, ServerLocation)
        if self.postgresql:
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
