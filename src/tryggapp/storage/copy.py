"""`tryggapp copy`: a whole database from one engine to the other (SQLite file ⇄ team
database on PostgreSQL), checked row by row afterwards (issue 18).

The target must be new or empty; it is created and migrated to the current schema first
(the same Alembic revisions), then every table is copied in foreign-key order in ONE
transaction: a failure leaves the target as empty as it was. Two kinds of value are set in
a second step, because the database's own rules would refuse them in the first:
references of a table to itself (a measure carried over from an earlier one, a plan's
previous plan: the earlier row may come later in the copy) and `minutes.locked_at` (the
triggers of revision 0004 refuse § items and attendance for locked minutes, so the
minutes are locked after those are in). PostgreSQL's id sequences are then moved past
the highest id copied, so the next new row does not collide.

Not copied: `alembic_version` (the target has its own stamp, the same revision) and
`database_identity`: the copy is another database with an identity of its own, so its
backups are never taken for the source's (storage.identity). The check afterwards reads
both databases again, table by table, and compares the row count and a SHA-256 over every
row's values (ordered by primary key): equal, or the copy is reported as failed."""

from __future__ import annotations

import datetime as dt
import enum
import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from tryggapp.domain import metadata
from tryggapp.errors import UserError
from tryggapp.i18n import _
from tryggapp.paths import is_server_text
from tryggapp.storage.database import Database, open_database
from tryggapp.storage.errors import DatabaseError
from tryggapp.storage.portable import insertion_order

# Tables the copy leaves to the target itself (see the module's text).
NOT_COPIED = frozenset({"database_identity", "alembic_version"})
# Columns written in the second step (besides a table's references to itself).
LATER_COLUMNS = {"minutes": ("locked_at",)}
# Tables whose row order the program relies on and that have no id to sort by.
INSERTION_ORDERED = frozenset({"measure_partner"})
CHUNK = 500


class TargetNotEmpty(UserError):
    exit_code = 1  # nothing done, nothing changed (README: exit codes)

    def __init__(self, target: object) -> None:
        super().__init__(_("{target} already holds data; copy writes only into a new or empty database. "
                           "Nothing was copied.").format(target=target))


class CopyMismatch(DatabaseError):
    def __init__(self, target: object, tables: list[str]) -> None:
        super().__init__(_("The copy in {target} differs from the original in: {tables}. Do not use the copy; "
                           "the original is unchanged.").format(target=target, tables=", ".join(tables)), None)


@dataclass(frozen=True)
class TableCheck:
    table: str
    rows: int
    digest: str


@dataclass(frozen=True)
class CopyReport:
    source: object
    target: object
    tables: list[TableCheck]

    @property
    def rows(self) -> int:
        return sum(t.rows for t in self.tables)


def _tables() -> list[sa.Table]:
    return [t for t in metadata.sorted_tables if t.name not in NOT_COPIED]


def _self_references(table: sa.Table) -> tuple[str, ...]:
    return tuple(fk.parent.name for fk in table.foreign_keys if fk.column.table is table)


def _later(table: sa.Table) -> tuple[str, ...]:
    return _self_references(table) + LATER_COLUMNS.get(table.name, ())


def _order(table: sa.Table) -> list[Any]:
    if table.name in INSERTION_ORDERED:
        return [insertion_order(table.name)]
    return list(table.primary_key.columns)


def _rows(conn: sa.Connection, table: sa.Table, order: list[Any]) -> Iterator[list[dict[str, Any]]]:
    result = conn.execution_options(yield_per=CHUNK).execute(sa.select(table).order_by(*order))
    for chunk in result.mappings().partitions(CHUNK):
        yield [dict(row) for row in chunk]


def _normal(value: Any) -> str:
    """One spelling of a value, whichever engine it was read from."""
    if isinstance(value, bytes | bytearray | memoryview):
        return "b:" + hashlib.sha256(bytes(value)).hexdigest()
    if isinstance(value, enum.Enum):
        return f"e:{value.value}"
    if isinstance(value, bool):
        return f"t:{int(value)}"
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return "d:" + value.isoformat()
    if isinstance(value, float):
        return "f:" + repr(value)
    return f"{type(value).__name__}:{value}"


def table_digest(conn: sa.Connection, table: sa.Table) -> TableCheck:
    """Row count and SHA-256 over every row's values, ordered by primary key."""
    digest = hashlib.sha256()
    count = 0
    for chunk in _rows(conn, table, list(table.primary_key.columns)):
        for row in chunk:
            count += 1
            digest.update("\x1e".join(_normal(row[c.name]) for c in table.columns).encode())
            digest.update(b"\x1d")
    return TableCheck(table.name, count, digest.hexdigest())


def digests(db: Database) -> dict[str, TableCheck]:
    with db.engine.connect() as conn:
        return {t.name: table_digest(conn, t) for t in _tables()}


def _has_data(db: Database) -> bool:
    with db.engine.connect() as conn:
        return any(conn.execute(sa.select(sa.literal(1)).select_from(t).limit(1)).first() is not None
                   for t in _tables())


def _reset_sequences(conn: sa.Connection) -> None:
    """PostgreSQL: move each id sequence past the highest id copied."""
    for table in _tables():
        if list(table.primary_key.columns.keys()) != ["id"]:
            continue
        conn.execute(sa.text(
            f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
            f"COALESCE((SELECT MAX(id) FROM {table.name}), 0) + 1, false)"))


def _copy_tables(src: sa.Connection, dst: sa.Connection, progress: Callable[[str, int], None] | None) -> None:
    second: list[tuple[sa.Table, tuple[str, ...], list[dict[str, Any]]]] = []
    for table in _tables():
        later = _later(table)
        pk = list(table.primary_key.columns)
        pending: list[dict[str, Any]] = []
        copied = 0
        for chunk in _rows(src, table, _order(table)):
            if later:
                pending += [{**{f"k_{c.name}": row[c.name] for c in pk}, **{f"v_{n}": row[n] for n in later}}
                            for row in chunk if any(row[n] is not None for n in later)]
                chunk = [{**row, **dict.fromkeys(later)} for row in chunk]
            dst.execute(table.insert(), chunk)
            copied += len(chunk)
        if pending:
            second.append((table, later, pending))
        if progress is not None:
            progress(table.name, copied)
    # After every table is in: a row may refer to one copied later, and locking minutes
    # earlier would refuse their § items.
    for table, later, pending in second:
        pk = list(table.primary_key.columns)
        update = (table.update()
                  .where(*[c == sa.bindparam(f"k_{c.name}") for c in pk])
                  .values({n: sa.bindparam(f"v_{n}") for n in later}))
        dst.execute(update, pending)


def copy_database(source: Path | str, target: Path | str, *,
                  progress: Callable[[str, int], None] | None = None) -> CopyReport:
    """Copy the database at `source` into the new or empty `target` and check it."""
    src_db = open_database(source, read_only=True)
    try:
        if _is_nonempty_file(target):
            _refuse_unless_empty_file(target)
        dst_db = open_database(target, create=True)
        try:
            if _has_data(dst_db):
                raise TargetNotEmpty(dst_db.path)
            with src_db.engine.connect() as src, dst_db.engine.begin() as dst:
                _copy_tables(src, dst, progress)
                if dst.dialect.name == "postgresql":
                    _reset_sequences(dst)
            before = digests(src_db)
            after = digests(dst_db)
            differing = [name for name in before if before[name] != after.get(name)]
            if differing:
                raise CopyMismatch(dst_db.path, differing)
            return CopyReport(src_db.path, dst_db.path, list(after.values()))
        finally:
            dst_db.close()
    finally:
        src_db.close()


def _is_nonempty_file(target: Path | str) -> bool:
    if is_server_text(target):
        return False
    path = Path(target).expanduser()
    return path.exists() and path.is_file() and path.stat().st_size > 0


def _refuse_unless_empty_file(target: Path | str) -> None:
    """A file that exists must be a database without rows (a fresh `tryggapp init`)."""
    from tryggapp.storage.database import inspect_file

    info = inspect_file(Path(target).expanduser())
    if not info.empty and info.revision is None:
        raise TargetNotEmpty(target)
