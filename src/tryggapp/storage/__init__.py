"""Storage: the SQLite engine, Alembic migrations run at open, backups."""

from tryggapp.storage.database import Database, open_database

__all__ = ["Database", "open_database"]
