"""Several writers: an edit based on a row version that is no longer the row's is refused.

Every table the window edits has a `version` (domain.base.Versioned), raised by one with
each UPDATE by SQLAlchemy's version counter, which also refuses an UPDATE whose row
changed between this transaction's read and its write (StaleDataError, translated to
StaleEdit by Database.session).

What the mapper cannot know is the version a *window* showed when the user began to edit:
the service reads the row afresh in its own transaction. So the caller says which
versions it expects, around any service call, without the services knowing:

    with versions.expecting({("measure", "12"): 4}) as seen:
        measures.update_measure(db, 12, {"title": "…"}, today=today)
    seen.written  # {("measure", "12"): 5}: what this call left, for its undo

The audited session (storage.audit) calls `check()` before it writes a row that is
expected: a row at another version (or gone) raises StaleEdit with the row as it is now
and who changed it last (from the change log), so the window can show the other person's
change beside the user's own. Rows nobody named are not checked (the command line, an
import: they change what is there now, as before). Engine-agnostic: plain SQL on the
session's connection, the same on SQLite and PostgreSQL.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator, Mapping
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa

from tryggapp.errors import UserError
from tryggapp.formatting import date_short
from tryggapp.i18n import _

VERSION = "version"
# (table name, record id as the change log writes it: '12', or '3/7' for a composite key)
Key = tuple[str, str]


def key(table: str, record_id: Any) -> Key:
    return (table, str(record_id))


def is_versioned(table: sa.Table) -> bool:
    return VERSION in table.columns


@dataclass
class Expectations:
    """The versions the caller's edit is based on, and what the call wrote: the new
    version of each versioned row it inserted or updated, None for a row it deleted."""

    expected: dict[Key, int] = field(default_factory=dict)
    written: dict[Key, int | None] = field(default_factory=dict)


_CURRENT: ContextVar[Expectations | None] = ContextVar("tryggapp_expected_versions", default=None)


@contextlib.contextmanager
def expecting(expected: Mapping[Key, int] | None = None) -> Iterator[Expectations]:
    """Check the rows in `expected` against their versions in every session opened
    inside; record what they write (also with nothing expected)."""
    state = Expectations(dict(expected or {}))
    token = _CURRENT.set(state)
    try:
        yield state
    finally:
        _CURRENT.reset(token)


def current() -> Expectations | None:
    return _CURRENT.get()


@dataclass(frozen=True)
class LastChange:
    """Who changed a row last, from the change log."""

    at: dt.datetime | None = None
    user: str = ""


class StaleEdit(UserError):
    """An edit based on an older version of a row: someone else saved it meanwhile.

    `current` holds the row as it is now (None when it was deleted), `last` who changed it
    and when. Nothing of the edit was written."""

    def __init__(self, table: str, record_id: str, expected: int | None, version: int | None,
                 current: dict[str, Any] | None, last: LastChange | None = None) -> None:
        self.table, self.record_id = table, record_id
        self.expected, self.version = expected, version
        self.current = current
        self.last = last or LastChange()
        super().__init__(self._message())

    @property
    def deleted(self) -> bool:
        return self.current is None

    def by_whom(self) -> str:
        """'anna, 29 nov. 2026 kl. 00:41' – or what is known of it."""
        last = self.last
        when = (_("{date} at {time}").format(date=date_short(last.at.date()), time=last.at.strftime("%H:%M"))
                if last.at else "")
        if last.user and when:
            return _("{user}, {when}").format(user=last.user, when=when)
        return last.user or when

    def _message(self) -> str:
        who = self.by_whom()
        if self.deleted:
            text = _("Someone else has deleted this record since you opened it.")
        elif who:
            text = _("Someone else has changed this record since you opened it ({who}).").format(who=who)
        else:
            text = _("Someone else has changed this record since you opened it.")
        return text + " " + _("Your change was not saved.")


def _last_change(conn: sa.Connection, table: str, record_id: str) -> LastChange:
    from tryggapp.domain.records import AuditEntry

    audit: sa.Table = AuditEntry.__table__  # type: ignore[attr-defined]
    row = conn.execute(sa.select(audit.c.at, audit.c.os_user, audit.c.db_user)
                       .where(audit.c.table_name == table, audit.c.record_id == record_id)
                       .order_by(audit.c.id.desc()).limit(1)).first()
    if row is None:
        return LastChange()
    return LastChange(row.at, row.db_user or row.os_user)


def _key_value(column: sa.Column, text: str) -> Any:
    """The change log's text id as the key column's own type: PostgreSQL compares no
    integer with a text parameter (SQLite converts it itself)."""
    if isinstance(column.type, sa.Integer):
        try:
            return int(text)
        except ValueError:
            return text
    return text


def stale(conn: sa.Connection, table: sa.Table, record_id: str, expected: int | None) -> StaleEdit:
    """The StaleEdit for `table`'s row `record_id`, with the row as it is now."""
    pk = list(table.primary_key.columns)
    parts = record_id.split("/")
    where = (sa.and_(*[c == _key_value(c, p) for c, p in zip(pk, parts, strict=False)]) if len(parts) == len(pk)
             else sa.false())
    row = conn.execute(sa.select(table).where(where)).mappings().first()
    values = {k: v for k, v in row.items() if k != VERSION} if row is not None else None
    version = row[VERSION] if row is not None else None
    return StaleEdit(table.name, record_id, expected, version, values, _last_change(conn, table.name, record_id))


def check(conn: sa.Connection, table: sa.Table, record_id: str, loaded: int | None) -> None:
    """Before writing a row: refuse when the caller expects another version than the one
    this transaction read (`loaded`; None for a row that is gone)."""
    state = _CURRENT.get()
    if state is None or not is_versioned(table):
        return
    expected = state.expected.get((table.name, record_id))
    if expected is not None and loaded != expected:
        raise stale(conn, table, record_id, expected)


def wrote(table: sa.Table, record_id: str, version: int | None) -> None:
    """Note the version a versioned row has after this call (None: deleted)."""
    state = _CURRENT.get()
    if state is not None and is_versioned(table):
        row = (table.name, record_id)
        state.written[row] = version
        if row in state.expected:
            # A service may write a row in several transactions (an update, then a
            # renumbering): its later writes build on its own earlier one.
            if version is None:
                del state.expected[row]
            else:
                state.expected[row] = version


def concurrent() -> StaleEdit:
    """The refusal of the mapper's own version check (two transactions wrote the same row
    at the same time): which row is in SQLAlchemy's English only, so no details."""
    return StaleEdit("", "", None, None, {}, None)
