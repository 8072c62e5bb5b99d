"""Reading the Ändringslogg: the whole log with filters, and one record's history.

Deliberately read-only: there is no function here (or anywhere) that changes or deletes
entries, and storage.audit refuses such changes through a session."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from tryggapp.domain.enums import AuditAction
from tryggapp.domain.records import AuditEntry
from tryggapp.i18n import _
from tryggapp.services.labels import table_label
from tryggapp.storage import Database

DEFAULT_LIMIT = 500


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

    @property
    def table_label(self) -> str:
        return table_label(self.table)

    @property
    def action_label(self) -> str:
        return self.action.label

    @property
    def record_label(self) -> str:
        """'Åtgärd 12: Belysning i gångtunneln'."""
        head = f"{self.table_label} {self.record_id}"
        return f"{head}: {self.summary}" if self.summary else head

    def changes(self) -> list[tuple[str, Any, Any]]:
        """(field, old, new) for every field the entry mentions."""
        names = sorted(set(self.old) | set(self.new))
        return [(n, self.old.get(n), self.new.get(n)) for n in names]

    def describe(self, *, max_fields: int = 6) -> str:
        """A one-line account: 'title: Belysning → Belysning i tunneln; status: …'."""
        if self.action is AuditAction.UPDATE:
            parts = [f"{n}: {_show(o)} → {_show(v)}" for n, o, v in self.changes()]
        else:
            values = self.new if self.action is AuditAction.CREATE else self.old
            parts = [f"{n}: {_show(v)}" for n, v in sorted(values.items())
                     if n != "id" and v not in (None, "", False)]
        more = len(parts) - max_fields
        text = "; ".join(parts[:max_fields])
        if more > 0:
            text += " " + _("(and {n} more)").format(n=more)
        return text


def _show(value: Any) -> str:
    if value is None or value == "":
        return "–"
    text = str(value).replace("\n", " ")
    return text if len(text) <= 60 else text[:59] + "…"


def _decode(text: str) -> dict[str, Any]:
    if not text:
        return {}
    try:
        value = json.loads(text)
    except ValueError:
        return {"?": text}
    return value if isinstance(value, dict) else {"?": value}


def _row(e: AuditEntry) -> AuditRow:
    return AuditRow(
        id=e.id or 0, at=e.at, user=e.os_user, table=e.table_name, record_id=e.record_id,
        action=AuditAction(e.action), old=_decode(e.old_values), new=_decode(e.new_values), summary=e.summary,
    )


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
        stmt = stmt.where(AuditEntry.os_user == user)
    if action:
        stmt = stmt.where(AuditEntry.action == AuditAction(action))
    if since:
        stmt = stmt.where(AuditEntry.at >= dt.datetime.combine(since, dt.time.min))
    if until:
        stmt = stmt.where(AuditEntry.at < dt.datetime.combine(until + dt.timedelta(days=1), dt.time.min))
    if text and text.strip():
        like = f"%{text.strip()}%"
        stmt = stmt.where(sa.or_(AuditEntry.summary.ilike(like), AuditEntry.old_values.ilike(like),
                                 AuditEntry.new_values.ilike(like), AuditEntry.os_user.ilike(like)))
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
        return [_row(e) for e in s.execute(stmt).scalars()]


def count(db: Database, **filters: Any) -> int:
    stmt = sa.select(sa.func.count()).select_from(_filtered(**filters).subquery())
    with db.session() as s:
        return int(s.execute(stmt).scalar_one())


def history(db: Database, table: str, record_id: Any) -> list[AuditRow]:
    """Everything that happened to one record, oldest first."""
    stmt = (sa.select(AuditEntry)
            .where(AuditEntry.table_name == table, AuditEntry.record_id == str(record_id))
            .order_by(AuditEntry.id))
    with db.session() as s:
        return [_row(e) for e in s.execute(stmt).scalars()]


def users(db: Database) -> list[str]:
    with db.session() as s:
        return sorted(s.execute(sa.select(AuditEntry.os_user).distinct()).scalars())


def tables(db: Database) -> list[str]:
    """Tables that appear in the log (for a filter's choices)."""
    with db.session() as s:
        return sorted(s.execute(sa.select(AuditEntry.table_name).distinct()).scalars())
