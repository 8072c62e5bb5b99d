"""A raw transaction for the one job that works below the ORM: the personal-data erasure
(services.personal_data), which rewrites text in every table and the change log without
logging the values it removes. The same SQL runs on both engines: statements are written
with `?` marks and SQLite's instr(); on PostgreSQL the marks become psycopg's `%s` and
instr( becomes strpos( (no other `?`, `%` or instr( occur in those statements).

After the commit, `scrub` removes the erased text from where SQLite keeps old pages:
secure_delete zeroes freed pages, the WAL is folded into the file and truncated, and
VACUUM rebuilds the file without free pages. PostgreSQL has no such step the program
could take: old row versions stay in the server's files until autovacuum lets them be
overwritten, and in its WAL and the IT department's backups (README: limits)."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator, Sequence
from typing import Any

from sqlalchemy.engine import Engine


class RawConnection:
    """A DBAPI connection that takes SQLite-style SQL (`?` marks, instr())."""

    def __init__(self, dbapi: Any, dialect: str) -> None:
        self.dbapi = dbapi
        self.postgresql = dialect == "postgresql"

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        if self.postgresql:
            sql = sql.replace("?", "%s").replace("instr(", "strpos(")
            cur = self.dbapi.cursor()
            cur.execute(sql, tuple(params))
            return cur
        return self.dbapi.execute(sql, tuple(params))


@contextlib.contextmanager
def erasure_transaction(engine: Engine) -> Iterator[RawConnection]:
    """One write transaction on a raw connection, then the scrub. Driver errors propagate
    as the driver raised them (the caller translates them with storage.database.user_error)."""
    raw = engine.raw_connection()
    dialect = engine.dialect.name
    conn = RawConnection(raw.driver_connection, dialect)
    try:
        if dialect == "sqlite":
            sq: sqlite3.Connection = raw.driver_connection  # type: ignore[assignment]
            secure = sq.execute("PRAGMA secure_delete").fetchone()[0]
            sq.execute("PRAGMA secure_delete=ON")  # freed pages are zeroed, not left readable
            sq.execute("BEGIN IMMEDIATE")
            try:
                yield conn
                sq.execute("COMMIT")
            except BaseException:
                sq.execute("ROLLBACK")
                raise
            # The old text may still lie in the WAL and in free pages: fold the WAL into
            # the file, rebuild the file without free pages, and empty the WAL again.
            sq.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            sq.execute("VACUUM")
            sq.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            sq.execute(f"PRAGMA secure_delete={int(secure)}")  # Windows' SQLite has it off by default
        else:
            try:
                yield conn
                raw.commit()
            except BaseException:
                raw.rollback()
                raise
    finally:
        raw.close()


def driver_errors(engine: Engine) -> tuple[type[BaseException], ...]:
    """The driver's base error class(es), for the caller's `except`."""
    errors: list[type[BaseException]] = [sqlite3.Error]
    if engine.dialect.name == "postgresql":
        import psycopg

        errors.append(psycopg.Error)
    return tuple(errors)
