"""SQL functions that SQLite and PostgreSQL spell differently, written once for both
(storage.server: the services never ask which engine they run on)."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement


class instr(FunctionElement):  # noqa: N801 - named like the SQL function it stands for
    """The position of `needle` in `text` (1-based, 0 when absent), case-sensitive:
    SQLite's instr(), PostgreSQL's strpos()."""

    type = sa.Integer()
    inherit_cache = True
    name = "instr"


@compiles(instr)
def _instr_sqlite(element: instr, compiler: Any, **kw: Any) -> str:
    return f"instr({compiler.process(element.clauses, **kw)})"


@compiles(instr, "postgresql")
def _instr_postgresql(element: instr, compiler: Any, **kw: Any) -> str:
    return f"strpos({compiler.process(element.clauses, **kw)})"


class insertion_order(sa.sql.expression.ColumnElement):  # noqa: N801
    """Order rows as they were inserted, for a table without an id (measure_partner keeps
    a measure's partners in the order the user gave): SQLite's rowid; on PostgreSQL the
    row's physical place (ctid), which is the insertion order while rows are only inserted
    and deleted, never updated in place — a freed place may be reused after the server's
    VACUUM, so the order there is the best the table allows (README: limits)."""

    inherit_cache = True

    def __init__(self, table: str) -> None:
        self.table = table


@compiles(insertion_order)
def _order_sqlite(element: insertion_order, compiler: Any, **kw: Any) -> str:
    return f"{element.table}.rowid"


@compiles(insertion_order, "postgresql")
def _order_postgresql(element: insertion_order, compiler: Any, **kw: Any) -> str:
    return f"{element.table}.ctid"
