"""Reading the Ändringslogg: the whole log with filters, and one record's history.

Deliberately read-only: there is no function here (or anywhere) that changes or deletes
entries, and storage.audit refuses such changes through a session."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, SQLModel

from tryggapp.domain.enums import AuditAction
from tryggapp.domain.records import AuditEntry
from tryggapp.i18n import _
from tryggapp.services.labels import (
    EMPTY,
    Reference,
    display_value,
    field_label,
    reference_labels,
    references,
    table_label,
)
from tryggapp.storage import Database
from tryggapp.storage.functions import casefold

DEFAULT_LIMIT = 500
# Left out of the one-line account of a created or deleted record (still in the detail).
_QUIET = frozenset({"recorded_at", "mime_type", "logo_mime", "position"})
_SHORT = 48


@dataclass(frozen=True)
class FieldChange:
    """One field of a log entry, ready to show: 'Status', 'Ej påbörjad', 'Pågående'.
    `old`/`new` are full texts ('–' when empty); `quiet` fields are left out of the
    one-line account of a created or deleted record."""

    name: str
    label: str
    old: str
    new: str
    quiet: bool = False


@dataclass(frozen=True)
class AuditRow:
    """One log entry, decoded for display."""

    id: int
    at: dt.datetime
    user: str
    table: str
    record_id: str
    action: AuditAction
    old: dict[str, Any]
    new: dict[str, Any]
    summary: str
    fields: tuple[FieldChange, ...] = ()
    # How the user knows the record, when it is not its database id: a measure by its
    # number in its plan ("nr 40 (2026)"), never "Åtgärd 61" (issue 11).
    known_as: str = ""

    @property
    def table_label(self) -> str:
        return table_label(self.table)

    @property
    def action_label(self) -> str:
        return self.action.label

    @property
    def record_label(self) -> str:
        """'Åtgärd 12: Belysning i gångtunneln'."""
        head = f"{self.table_label} {self.known_as or self.record_id}"
        return f"{head}: {self.summary}" if self.summary else head

    def changes(self) -> list[tuple[str, Any, Any]]:
        """(column, old, new) as stored, for every field the entry mentions."""
        names = sorted(set(self.old) | set(self.new))
        return [(n, self.old.get(n), self.new.get(n)) for n in names]

    def readable(self, *, max_fields: int = 6) -> str:
        """The Swedish one-line account the Ändringslogg shows: 'Status: Ej påbörjad →
        Pågående; Deadline: 2026-05-01 → 2026-06-01', or for a new record 'Åtgärd: 60
        Städning i parken; Datum: 2026-11-15; Text: …'."""
        if self.action is AuditAction.UPDATE:
            parts = [f"{f.label}: {_short(f.old)} → {_short(f.new)}" for f in self.fields]
        else:
            created = self.action is AuditAction.CREATE
            parts = [f"{f.label}: {_short(f.new if created else f.old)}" for f in self.fields if not f.quiet]
        return _join(parts, max_fields)

    def describe(self, *, max_fields: int = 6) -> str:
        """The technical one-line account, with column names and stored codes
        ('status: ongoing → done'): for `tryggapp audit --raw` and for debugging."""
        if self.action is AuditAction.UPDATE:
            parts = [f"{n}: {_show(o)} → {_show(v)}" for n, o, v in self.changes()]
        else:
            values = self.new if self.action is AuditAction.CREATE else self.old
            parts = [f"{n}: {_show(v)}" for n, v in sorted(values.items())
                     if n != "id" and v not in (None, "", False)]
        return _join(parts, max_fields)


def _join(parts: list[str], max_fields: int) -> str:
    more = len(parts) - max_fields
    text = "; ".join(parts[:max_fields])
    if more > 0:
        text += " " + _("(and {n} more)").format(n=more)
    return text


def _short(text: str) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= _SHORT else text[:_SHORT - 1] + "…"


def _show(value: Any) -> str:
    if value is None or value == "":
        return EMPTY
    return _short(str(value))


def _decode(text: str) -> dict[str, Any]:
    if not text:
        return {}
    try:
        value = json.loads(text)
    except ValueError:
        return {"?": text}
    return value if isinstance(value, dict) else {"?": value}


def _order(table: str, names: set[str]) -> list[str]:
    """Fields in the table's column order (title before description), unknown ones last."""
    t = SQLModel.metadata.tables.get(table)
    columns = [c.name for c in t.columns] if t is not None else []
    return [c for c in columns if c in names] + sorted(names - set(columns))


def _fields(table: str, action: AuditAction, old: dict[str, Any], new: dict[str, Any],
            labels: dict[Reference, str]) -> tuple[FieldChange, ...]:
    if action is AuditAction.UPDATE:
        names = set(old) | set(new)
    else:
        values = new if action is AuditAction.CREATE else old
        names = {n for n, v in values.items() if n != "id" and v not in (None, "")}
    out = []
    for name in _order(table, names):
        o, n = old.get(name), new.get(name)
        shown = n if action is AuditAction.CREATE else o
        quiet = name in _QUIET or shown is False
        out.append(FieldChange(name, field_label(table, name), display_value(table, name, o, labels),
                               display_value(table, name, n, labels), quiet))
    return tuple(out)


def _rows(session: Session, entries: list[AuditEntry]) -> list[AuditRow]:
    """Decode entries and name the records their foreign keys refer to, all of them in
    one query per referred-to table (2 000 rows mention a few hundred records at most)."""
    decoded = [(e, _decode(e.old_values), _decode(e.new_values)) for e in entries]
    wanted: set[Reference] = set()
    for e, old, new in decoded:
        wanted |= references(e.table_name, old) | references(e.table_name, new)
    labels = reference_labels(session, wanted)
    numbers = _measure_numbers(session, decoded)
    out = []
    for e, old, new in decoded:
        action = AuditAction(e.action)
        out.append(AuditRow(
            id=e.id or 0, at=e.at, user=who(e.db_user, e.os_user), table=e.table_name, record_id=e.record_id,
            action=action, old=old, new=new, summary=e.summary,
            fields=_fields(e.table_name, action, old, new, labels),
            known_as=numbers.get(e.record_id, "") if e.table_name == "measure" else ""))
    return out


def _measure_numbers(session: Session, decoded: list[tuple[AuditEntry, dict, dict]]) -> dict[str, str]:
    """'nr 40 (2026)' per measure id the entries name, in one query; a deleted measure
    by the number its last entry recorded."""
    from tryggapp import domain as d

    out: dict[str, str] = {}
    for e, old, new in decoded:  # oldest last: the newest entry's number wins below
        if e.table_name == "measure":
            number = new.get("number", old.get("number"))
            if number is not None and e.record_id not in out:
                out[e.record_id] = _("no. {number}").format(number=number)
    ids = [int(r) for r in {e.record_id for e, _o, _n in decoded if e.table_name == "measure"} if r.isdigit()]
    if ids:
        rows = session.execute(
            sa.select(d.Measure.id, d.Measure.number, d.ActionPlan.year)
            .join(d.ActionPlan, d.ActionPlan.id == d.Measure.action_plan_id)
            .where(d.Measure.id.in_(ids)))  # type: ignore[union-attr]
        for ident, number, year in rows:
            out[str(ident)] = _("no. {number} ({year})").format(number=number, year=year)
    return out


def who(db_user: str, os_user: str) -> str:
    """Who made a change: the database role on PostgreSQL (each person signs in as
    themselves), else the signed-in OS user (SQLite has no users)."""
    return db_user or os_user


def _who_column() -> sa.ColumnElement[str]:
    return sa.func.coalesce(sa.func.nullif(AuditEntry.db_user, ""), AuditEntry.os_user)


def _filtered(
    *,
    table: str | None = None,
    record_id: Any = None,
    user: str | None = None,
    action: AuditAction | str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    text: str | None = None,
) -> sa.Select:
    stmt = sa.select(AuditEntry)
    if table:
        stmt = stmt.where(AuditEntry.table_name == table)
    if record_id is not None and record_id != "":
        stmt = stmt.where(AuditEntry.record_id == str(record_id))
    if user:
        stmt = stmt.where(_who_column() == user)
    if action:
        stmt = stmt.where(AuditEntry.action == AuditAction(action))
    if since:
        stmt = stmt.where(AuditEntry.at >= dt.datetime.combine(since, dt.time.min))
    if until:
        stmt = stmt.where(AuditEntry.at < dt.datetime.combine(until + dt.timedelta(days=1), dt.time.min))
    if text and text.strip():
        # casefold, not ilike: SQLite's ilike folds only A–Z (storage.functions).
        like = f"%{text.strip().casefold()}%"
        columns = (AuditEntry.summary, AuditEntry.old_values, AuditEntry.new_values, AuditEntry.os_user,
                   AuditEntry.db_user)
        stmt = stmt.where(sa.or_(*(casefold(c).like(like) for c in columns)))
    return stmt


def query(
    db: Database,
    *,
    table: str | None = None,
    record_id: Any = None,
    user: str | None = None,
    action: AuditAction | str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    text: str | None = None,
    limit: int | None = DEFAULT_LIMIT,
    offset: int = 0,
) -> list[AuditRow]:
    """Log entries matching every given filter, newest first. `since`/`until` are
    inclusive dates; `text` matches the summary, old/new values and the user."""
    stmt = _filtered(table=table, record_id=record_id, user=user, action=action,
                     since=since, until=until, text=text)
    stmt = stmt.order_by(AuditEntry.id.desc()).offset(offset)
    if limit is not None:
        stmt = stmt.limit(limit)
    with db.session() as s:
        return _rows(s, list(s.execute(stmt).scalars()))


def count(db: Database, **filters: Any) -> int:
    stmt = sa.select(sa.func.count()).select_from(_filtered(**filters).subquery())
    with db.session() as s:
        return int(s.execute(stmt).scalar_one())


def history(db: Database, table: str, record_id: Any) -> list[AuditRow]:
    """Everything that happened to one record, oldest first."""
    stmt = _filtered(table=table, record_id=record_id).order_by(AuditEntry.id)
    with db.session() as s:
        return _rows(s, list(s.execute(stmt).scalars()))


def users(db: Database) -> list[str]:
    with db.session() as s:
        return sorted(s.execute(sa.select(_who_column()).distinct()).scalars())


def tables(db: Database) -> list[str]:
    """Tables that appear in the log (for a filter's choices)."""
    with db.session() as s:
        return sorted(s.execute(sa.select(AuditEntry.table_name).distinct()).scalars())


# --------------------------------------------------------------------------- others' changes

# How far below the highest entry seen a poll looks again. On PostgreSQL an id is taken
# when the row is inserted but becomes visible at commit, so a long transaction can show
# up with an id below one already seen; its entries are caught while within this reach.
CHANGE_SLACK = 500


@dataclass(frozen=True)
class ChangeCursor:
    """Where a window stands in the change log: the highest entry id it has seen and the
    ids it has seen just below it (see CHANGE_SLACK)."""

    last: int = 0
    seen: frozenset[int] = frozenset()


def change_cursor(db: Database) -> ChangeCursor:
    """The log as it is now: what a window has already shown when it opens."""
    return changes_since(db, None)[0]


def changes_since(db: Database, cursor: ChangeCursor | None) -> tuple[ChangeCursor, set[str]]:
    """The tables changed since `cursor` (by anyone: every change through a session is in
    the log, in the same transaction as the change), and the new cursor. One indexed
    range read of the log's newest ids: cheap enough to run every few seconds, and the
    same SQL on SQLite and PostgreSQL."""
    with db.session() as s:
        top = s.execute(sa.select(sa.func.max(AuditEntry.id))).scalar() or 0
        floor = max(0, (cursor.last if cursor is not None else top) - CHANGE_SLACK)
        rows = s.execute(sa.select(AuditEntry.id, AuditEntry.table_name).where(AuditEntry.id > floor)).all()
    if cursor is None:
        return ChangeCursor(top, frozenset(r[0] for r in rows)), set()
    fresh = [(ident, table) for ident, table in rows if ident not in cursor.seen]
    last = max([cursor.last, *(ident for ident, _t in fresh)])
    seen = frozenset(ident for ident, _t in rows if ident > last - CHANGE_SLACK)
    return ChangeCursor(last, seen), {table for _i, table in fresh}
