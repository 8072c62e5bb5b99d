"""Generic create / update / delete with validation, snapshots for undo, and friendly
refusals when other records depend on the one being deleted.

Every function is one unit of work: validated first, then committed in its own
transaction (a confirmed edit is never half-saved). The UI wraps these calls in
QUndoCommands: undo of `update` is `update` with the returned old values; undo of
`delete` is `restore` of the returned snapshot."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, SQLModel, select

from tryggapp.errors import UserError
from tryggapp.i18n import _
from tryggapp.services import validators
from tryggapp.services.labels import record_label, table_label
from tryggapp.storage import Database
from tryggapp.storage.database import user_error

T = TypeVar("T", bound=SQLModel)


class NotFound(UserError):
    def __init__(self, model: type[SQLModel], ident: Any) -> None:
        super().__init__(_("{kind} {id} no longer exists (it may have been deleted).").format(
            kind=table_label(model.__tablename__), id=ident))


class InUse(UserError):
    def __init__(self, name: str, refs: list[tuple[str, int]]) -> None:
        listing = ", ".join(f"{label} ({count})" for label, count in refs)
        super().__init__(_("“{name}” cannot be deleted because other records refer to it: {refs}. "
                           "Archive it instead, or remove those references first.").format(name=name, refs=listing))
        self.refs = refs


@dataclass
class Snapshot:
    """A deleted record and everything deleted with it (ON DELETE CASCADE), parent first."""

    rows: list[tuple[str, dict[str, Any]]] = field(default_factory=list)


def _table(model: type[SQLModel]) -> sa.Table:
    return model.__table__  # type: ignore[attr-defined]


def values_of(obj: SQLModel) -> dict[str, Any]:
    return {c.name: getattr(obj, c.name) for c in _table(type(obj)).columns}


def get(db: Database, model: type[T], ident: Any) -> T:
    with db.session() as s:
        obj = s.get(model, ident)
        if obj is None:
            raise NotFound(model, ident)
        return obj


def list_all(db: Database, model: type[T], *, order_by: Any = None, **filters: Any) -> list[T]:
    with db.session() as s:
        stmt = select(model)
        for name, value in filters.items():
            stmt = stmt.where(getattr(model, name) == value)
        if order_by is not None:
            stmt = stmt.order_by(*order_by) if isinstance(order_by, list | tuple) else stmt.order_by(order_by)
        return list(s.exec(stmt).all())


def create(db: Database, obj: T) -> T:
    with db.session() as s:
        validators.validate(obj, s)
        s.add(obj)
        s.commit()
        s.refresh(obj)
        return obj


def update(db: Database, model: type[T], ident: Any, changes: Mapping[str, Any]) -> dict[str, Any]:
    """Apply `changes`; returns the old values of the changed fields (for undo)."""
    with db.session() as s:
        obj = s.get(model, ident)
        if obj is None:
            raise NotFound(model, ident)
        old = {}
        for name, value in changes.items():
            if name not in _table(model).columns:
                raise AttributeError(name)
            old[name] = getattr(obj, name)
            setattr(obj, name, value)
        validators.validate(obj, s)
        s.commit()
        return old


def references(session: Session, model: type[SQLModel], ident: Any) -> list[tuple[str, int]]:
    """Rows in other tables that point at this one and would block its deletion."""
    target = _table(model)
    out = []
    for table in target.metadata.sorted_tables:
        for fk in table.foreign_keys:
            if fk.column.table is not target or fk.ondelete in ("CASCADE", "SET NULL"):
                continue
            count = session.execute(
                sa.select(sa.func.count()).select_from(table).where(fk.parent == ident)
            ).scalar_one()
            if count and not (table is target and fk.parent.name == "id"):
                out.append((table_label(table.name), count))
    return out


def _collect(session: Session, table: sa.Table, where: sa.ColumnElement, snap: Snapshot) -> None:
    rows = session.execute(sa.select(table).where(where)).mappings().all()
    for row in rows:
        snap.rows.append((table.name, dict(row)))
    if not rows:
        return
    pk = list(table.primary_key.columns)
    if len(pk) != 1:
        return
    ids = [r[pk[0].name] for r in rows]
    for child in table.metadata.sorted_tables:
        for fk in child.foreign_keys:
            if fk.column.table is table and fk.ondelete == "CASCADE":
                _collect(session, child, fk.parent.in_(ids), snap)


def delete(db: Database, model: type[T], ident: Any) -> Snapshot:
    """Delete a record (and its cascaded children). Refused with a clear message when
    other records refer to it."""
    with db.session() as s:
        obj = s.get(model, ident)
        if obj is None:
            raise NotFound(model, ident)
        refs = references(s, model, ident)
        if refs:
            raise InUse(record_label(obj), refs)
        snap = Snapshot()
        table = _table(model)
        pk = list(table.primary_key.columns)
        where = sa.and_(*[c == getattr(obj, c.name) for c in pk])
        _collect(s, table, where, snap)
        try:
            s.execute(sa.delete(table).where(where))
        except IntegrityError as exc:  # e.g. a trigger's refusal (locked minutes)
            s.rollback()
            raise user_error(exc, db) from exc
        s.commit()
        return snap


def restore(db: Database, snapshot: Snapshot) -> None:
    """Put back what `delete` removed, with the same ids."""
    metadata = SQLModel.metadata
    with db.session() as s:
        for table_name, row in snapshot.rows:
            s.execute(sa.insert(metadata.tables[table_name]).values(**row))
        s.commit()
