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
