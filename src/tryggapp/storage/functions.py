"""SQL functions that mean the same on both engines (issue 18).

`casefold(text)`: the text in lower case for a case-insensitive search. SQLite's own
lower() (and so SQLAlchemy's ilike there) folds only A–Z, so "örjan" did not find
"Örjan" in a file while PostgreSQL's lower() found it on a team database. On SQLite it is
Python's str.casefold, registered on every connection (storage.engine); on PostgreSQL,
lower()."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import GenericFunction


class casefold(GenericFunction[str]):  # noqa: N801 - named as the SQL function it renders
    type = sa.String()
    name = "casefold"
    inherit_cache = True


@compiles(casefold, "postgresql")
def _casefold_postgresql(element: casefold, compiler: Any, **kw: Any) -> str:
    return f"lower({compiler.process(element.clauses, **kw)})"


def sqlite_casefold(text: object) -> object:
    """The SQLite side of `casefold` (NULL stays NULL)."""
    return text.casefold() if isinstance(text, str) else text
