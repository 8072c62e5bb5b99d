"""Ändringslogg: every create, change and delete made through a Database session is
written as an AuditEntry row in the same transaction as the change itself, so the log
and the data can never disagree (a crash loses both or neither).

Two ways of changing data reach the database through a session, and both are caught:
- ORM unit of work (session.add / attribute changes / session.delete): `before_flush`
  reads old values and the values of rows the delete will cascade to; `after_flush`
  knows the new ids and writes the entries.
- Statements run with session.execute (crud.delete and crud.restore use Core
  delete/insert): `do_orm_execute` reads the affected rows before and after.

The log is append-only from the app: changing or deleting AuditEntry rows through a
session raises AuditLogReadOnly. Raw SQL on the engine bypasses all of this, which is
why the app's code goes through `Database.session()`.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.orm import ORMExecuteState
from sqlmodel import Session, SQLModel

from tryggapp.domain.base import now
from tryggapp.domain.enums import AuditAction
from tryggapp.domain.records import AuditEntry
from tryggapp.i18n import _
from tryggapp.storage import versions
from tryggapp.storage.errors import DatabaseError
from tryggapp.storage.lock import os_user

AUDIT_TABLE: sa.Table = AuditEntry.__table__  # type: ignore[attr-defined]
# Fields whose first line names a record in the summary. "name" before "title": a
# person's title is their job title, not what identifies them.
_NAME_FIELDS = ("name", "title", "heading", "text", "area", "place", "workplace", "revision")
_SUMMARY_MAX = 120
_PENDING = "tryggapp_audit_pending"
_NEW = "tryggapp_audit_new"
_USER: str | None = None
# Bookkeeping, not content: the row version (storage.versions) is left out of the log.
_UNLOGGED = frozenset({versions.VERSION})
_DB_USER = "tryggapp_db_user"


class AuditLogReadOnly(DatabaseError):
    def __init__(self) -> None:
        super().__init__(_("The change log cannot be changed or deleted: it records who changed what."))


def current_user() -> str:
    global _USER
    if _USER is None:
        _USER = os_user()
    return _USER


def db_user(session: Session) -> str:
    """The database role the session works as: on PostgreSQL each person signs in as
    themselves, and the log records that name; SQLite has no users (''). Asked once per
    engine."""
    bind = session.get_bind()
    engine = getattr(bind, "engine", bind)
    if engine.dialect.name == "sqlite":
        return ""
    cached = engine.__dict__.get(_DB_USER)
    if cached is None:
        cached = str(session.connection().exec_driver_sql("SELECT current_user").scalar() or "")
        engine.__dict__[_DB_USER] = cached
    return cached


def jsonable(value: Any) -> Any:
    """A value as it is shown in the log. Binary data (photos, logos) is summarised."""
    if isinstance(value, bytes | bytearray | memoryview):
        return f"<{len(value)} byte>"
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.date | dt.time):  # datetime is a date
        return value.isoformat()
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def _dumps(values: Mapping[str, Any]) -> str:
    values = {k: v for k, v in values.items() if k not in _UNLOGGED}
    if not values:
        return ""
    return json.dumps({k: jsonable(v) for k, v in values.items()}, ensure_ascii=False, sort_keys=True)


def record_id_of(table: sa.Table, row: Mapping[str, Any]) -> str:
    """The primary key as text; composite keys joined with '/' (measure_partner: '3/7')."""
    return "/".join(str(row.get(c.name)) for c in table.primary_key.columns)


def summary_of(row: Mapping[str, Any]) -> str:
    for name in _NAME_FIELDS:
        value = row.get(name)
        if isinstance(value, str) and value.strip():
            return value.strip().splitlines()[0][:_SUMMARY_MAX]
    return ""


@dataclass
class _Pending:
    """Entries waiting for the flush (or statement) to succeed."""

    entries: list[dict[str, Any]] = field(default_factory=list)


def _entry(table: sa.Table, action: AuditAction, row: Mapping[str, Any],
           old: Mapping[str, Any] | None = None, new: Mapping[str, Any] | None = None) -> dict[str, Any]:
    return {
        "at": now(),
        "os_user": current_user(),
        "db_user": "",  # filled by _write, which knows the session
        "table_name": table.name,
        "record_id": record_id_of(table, row),
        "action": action,
        "old_values": _dumps(old or {}),
        "new_values": _dumps(new or {}),
        "summary": summary_of(row),
    }


def _write(session: Session, entries: list[dict[str, Any]]) -> None:
    # Through the session's connection, not session.execute: same transaction, and our
    # own insert must not come back through do_orm_execute.
    if entries:
        who = db_user(session)
        for entry in entries:
            entry["db_user"] = who
        session.connection().execute(sa.insert(AUDIT_TABLE), entries)


def _table_of(obj: object) -> sa.Table | None:
    table = getattr(type(obj), "__table__", None)
    return table if isinstance(table, sa.Table) else None


def _values(table: sa.Table, obj: object) -> dict[str, Any]:
    return {c.name: getattr(obj, c.name, None) for c in table.columns}


def _rows_with_cascade(conn: sa.Connection, table: sa.Table, where: sa.ColumnElement[bool] | None
                       ) -> list[tuple[sa.Table, dict[str, Any]]]:
    """The rows a DELETE on `table` removes: the matched rows and, recursively, those
    SQLite removes with them through ON DELETE CASCADE (parents first)."""
    stmt = sa.select(table) if where is None else sa.select(table).where(where)
    rows = [dict(r) for r in conn.execute(stmt).mappings()]
    out = [(table, r) for r in rows]
    pk = list(table.primary_key.columns)
    if not rows or len(pk) != 1:
        return out
    ids = [r[pk[0].name] for r in rows]
    for child in table.metadata.sorted_tables:
        for fk in child.foreign_keys:
            if fk.column.table is table and fk.ondelete == "CASCADE" and child is not table:
                out += _rows_with_cascade(conn, child, fk.parent.in_(ids))
    return out


def _pending(session: Session, key: str) -> list:
    return session.info.setdefault(key, [])


def _before_flush(session: Session, _flush_context: Any, _instances: Any) -> None:
    for obj in list(session.dirty) + list(session.deleted):
        if isinstance(obj, AuditEntry):
            raise AuditLogReadOnly()
    pending: list[dict[str, Any]] = _pending(session, _PENDING)
    new_objs: list[object] = _pending(session, _NEW)
    for obj in session.new:
        if isinstance(obj, AuditEntry):
            raise AuditLogReadOnly()
        if _table_of(obj) is not None:
            new_objs.append(obj)
    conn = session.connection()
    for obj in session.dirty:
        table = _table_of(obj)
        if table is None or not session.is_modified(obj, include_collections=False):
            continue
        state = sa.inspect(obj)
        if versions.is_versioned(table):
            versions.check(conn, table, record_id_of(table, _values(table, obj)), _loaded_version(state))
        old: dict[str, Any] = {}
        new: dict[str, Any] = {}
        for prop in state.mapper.column_attrs:
            hist = state.attrs[prop.key].history
            if not hist.added:
                continue
            before = hist.deleted[0] if hist.deleted else (hist.unchanged[0] if hist.unchanged else None)
            after = hist.added[0]
            name = prop.columns[0].name
            if name not in _UNLOGGED and jsonable(before) != jsonable(after):
                old[name], new[name] = before, after
        if new:
            pending.append(_entry(table, AuditAction.UPDATE, _values(table, obj), old, new))
    for obj in session.deleted:
        table = _table_of(obj)
        if table is None:
            continue
        if versions.is_versioned(table):
            versions.check(conn, table, record_id_of(table, _values(table, obj)),
                           _loaded_version(sa.inspect(obj)))
        where = sa.and_(*[c == getattr(obj, c.name) for c in table.primary_key.columns])
        for t, row in _rows_with_cascade(conn, table, where):
            pending.append(_entry(t, AuditAction.DELETE, row, old=row))


def _loaded_version(state: Any) -> int | None:
    """The version this session read for the row (what the UPDATE's WHERE will name)."""
    committed = state.committed_state.get(versions.VERSION, sa.orm.attributes.NO_VALUE)
    if committed is not sa.orm.attributes.NO_VALUE:
        return committed
    return state.dict.get(versions.VERSION)


def _after_flush(session: Session, _flush_context: Any) -> None:
    if versions.current() is not None:  # someone wants to know what this call wrote
        for obj in list(session.new) + list(session.dirty):
            table = _table_of(obj)
            if table is not None and versions.is_versioned(table):
                versions.wrote(table, record_id_of(table, _values(table, obj)), getattr(obj, versions.VERSION, None))
        for obj in session.deleted:
            table = _table_of(obj)
            if table is not None and versions.is_versioned(table):
                versions.wrote(table, record_id_of(table, _values(table, obj)), None)
    entries: list[dict[str, Any]] = session.info.pop(_PENDING, [])
    for obj in session.info.pop(_NEW, []):
        table = _table_of(obj)
        if table is not None:
            values = _values(table, obj)
            entries.append(_entry(table, AuditAction.CREATE, values, new=values))
    _write(session, entries)


def _after_rollback(session: Session) -> None:
    session.info.pop(_PENDING, None)
    session.info.pop(_NEW, None)


def _statement_table(state: ORMExecuteState) -> sa.Table | None:
    table = getattr(state.statement, "table", None)
    if table is None:
        return None
    return SQLModel.metadata.tables.get(getattr(table, "name", ""))


def _insert_rows(state: ORMExecuteState, table: sa.Table, result: Any) -> list[dict[str, Any]]:
    params = state.parameters
    if isinstance(params, list | tuple) and params:
        return [dict(p) for p in params]
    compiled = state.statement.compile(dialect=state.session.get_bind().dialect)
    row = {k: v for k, v in compiled.params.items() if k in table.columns}
    if isinstance(params, Mapping):
        row.update({k: v for k, v in params.items() if k in table.columns})
    pk = getattr(result, "inserted_primary_key", None)
    if pk is not None:
        for col, value in zip(table.primary_key.columns, pk, strict=False):
            row.setdefault(col.name, value)
    return [row]


def _do_orm_execute(state: ORMExecuteState) -> Any:
    if not (state.is_insert or state.is_update or state.is_delete):
        return None
    table = _statement_table(state)
    if table is None:
        return None
    if table is AUDIT_TABLE:
        raise AuditLogReadOnly()
    session = state.session
    conn = session.connection()
    where = state.statement.whereclause if not state.is_insert else None
    if state.is_delete:
        doomed = _rows_with_cascade(conn, table, where)
        for t, row in doomed:
            if t is table and versions.is_versioned(t):
                versions.check(conn, t, record_id_of(t, row), row.get(versions.VERSION))
        result = state.invoke_statement()
        for t, row in doomed:
            versions.wrote(t, record_id_of(t, row), None)
        _write(session, [_entry(t, AuditAction.DELETE, row, old=row) for t, row in doomed])
        return result
    if state.is_update:
        before = [dict(r) for r in conn.execute(sa.select(table) if where is None else sa.select(table).where(where)).mappings()]
        statement = state.statement
        if versions.is_versioned(table):
            for old_row in before:
                versions.check(conn, table, record_id_of(table, old_row), old_row.get(versions.VERSION))
            # A statement changes the row as an ORM update does: one version up.
            statement = statement.values({table.c.version: table.c.version + 1})
        result = state.invoke_statement(statement=statement)
        entries = []
        for old_row in before:
            key = sa.and_(*[c == old_row[c.name] for c in table.primary_key.columns])
            new_row = conn.execute(sa.select(table).where(key)).mappings().first()
            if new_row is None:  # the update changed the primary key itself
                continue
            versions.wrote(table, record_id_of(table, new_row), new_row.get(versions.VERSION))
            changed = [n for n in old_row if n not in _UNLOGGED and jsonable(old_row[n]) != jsonable(new_row[n])]
            if changed:
                entries.append(_entry(table, AuditAction.UPDATE, dict(new_row),
                                      {n: old_row[n] for n in changed}, {n: new_row[n] for n in changed}))
        _write(session, entries)
        return result
    result = state.invoke_statement()
    rows = _insert_rows(state, table, result)
    for row in rows:
        versions.wrote(table, record_id_of(table, row), row.get(versions.VERSION, 1))
    _write(session, [_entry(table, AuditAction.CREATE, row, new=row) for row in rows])
    return result


class AuditedSession(Session):
    """The session `Database.session()` hands out for a writable database."""


event.listen(AuditedSession, "before_flush", _before_flush)
event.listen(AuditedSession, "after_flush", _after_flush)
event.listen(AuditedSession, "after_soft_rollback", lambda session, _tx: _after_rollback(session))
event.listen(AuditedSession, "do_orm_execute", _do_orm_execute)


def entries_for(session: Session, table: str, record_id: Any) -> Iterable[AuditEntry]:
    """Plain read of one record's log, oldest first (services.audit has the filters)."""
    stmt = (sa.select(AuditEntry).where(AuditEntry.table_name == table, AuditEntry.record_id == str(record_id))
            .order_by(AuditEntry.id))
    return session.execute(stmt).scalars().all()


def redact(conn: Any, transform: Callable[[dict[str, Any]], dict[str, Any] | None],
           where: str = "", params: Sequence[Any] = ()) -> int:
    """The one sanctioned change of the log: erasing a person's personal data (GDPR) must
    reach the old values the log keeps, or the erasure would be a pretence. `conn` is a
    raw sqlite3 connection inside the caller's transaction; `transform` gets each matched
    entry (old_values/new_values decoded) and returns it changed, or None to leave it.
    Returns the number of entries rewritten. Nothing else may call this."""
    sql = "SELECT id, old_values, new_values, summary FROM audit_entry"
    rows = conn.execute(sql + (f" WHERE {where}" if where else ""), tuple(params)).fetchall()
    changed = 0
    for ident, old, new, summary in rows:
        entry = {"old_values": _loads(old), "new_values": _loads(new), "summary": summary}
        out = transform(entry)
        if out is None:
            continue
        conn.execute("UPDATE audit_entry SET old_values = ?, new_values = ?, summary = ? WHERE id = ?",
                     (_redumps(out["old_values"]), _redumps(out["new_values"]), out["summary"], ident))
        changed += 1
    return changed


def _loads(text: str) -> dict[str, Any]:
    """Values as written by _dumps; anything else (never written by this program, but the
    erasure must not stop at it) as {"?": text}."""
    if not text:
        return {}
    try:
        value = json.loads(text)
    except ValueError:
        return {"?": text}
    return value if isinstance(value, dict) else {"?": text}


def _redumps(values: Mapping[str, Any]) -> str:
    if set(values) == {"?"} and isinstance(values["?"], str):
        return values["?"]
    return _dumps(values)


def append(conn: Any, table: str, record_id: Any, action: AuditAction, summary: str) -> None:
    """An entry written outside a session (by the erasure, whose change must not be logged
    with the values it removes)."""
    conn.execute(
        "INSERT INTO audit_entry (at, os_user, table_name, record_id, action, old_values, new_values, summary)"
        " VALUES (?, ?, ?, ?, ?, '', '', ?)",
        (now().strftime("%Y-%m-%d %H:%M:%S.%f"), current_user(), table, str(record_id), action.value, summary))
