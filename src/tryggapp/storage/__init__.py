"""Storage: the engines (a SQLite file, or a team database on PostgreSQL), Alembic
migrations run at open, backups.

`Database` and `open_database` are imported on first use (PEP 562): the light modules
of this package (storage.location, which the command line's parser uses) must not pull in
SQLAlchemy for `tryggapp --help`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tryggapp.storage.database import Database, open_database

__all__ = ["Database", "open_database"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from tryggapp.storage import database

        return getattr(database, name)
    raise AttributeError(name)
