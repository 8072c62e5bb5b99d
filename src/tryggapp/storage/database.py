"""Opening a Tryggapp database as the app does: inspect without writing, refuse what is
not ours, newer or damaged, back up, migrate, then hand out sessions."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlmodel import Session

from tryggapp.paths import default_backup_dir
from tryggapp.storage import migrate
from tryggapp.storage.backup import make_backup
from tryggapp.storage.engine import make_engine
from tryggapp.storage.errors import (
    CorruptDatabase,
    DatabaseMissing,
    DatabaseReadOnly,
    NewerDatabase,
    NotADatabase,
)

SQLITE_MAGIC = b"SQLite format 3\x00"
# Marks a file as Tryggapp's (PRAGMA application_id), so a foreign SQLite file is told apart.
APPLICATION_ID = 0x54525947  # "TRYG"


@dataclass
class Inspection:
    """What a file is, found without writing to it."""

    exists: bool
    empty: bool = False  # no tables at all: a fresh file we may initialise
    revision: str | None = None
    tables: set[str] = field(default_factory=set)


def inspect_file(path: Path, *, full_check: bool = False) -> Inspection:
    """Look at `path` read-only. Raises NotADatabase / CorruptDatabase."""
    if not path.exists():
        return Inspection(exists=False)
    if path.is_dir():
        raise NotADatabase(path)
    size = path.stat().st_size
    if size == 0:
        return Inspection(exists=True, empty=True)
    with path.open("rb") as fh:
        if fh.read(16) != SQLITE_MAGIC:
            raise NotADatabase(path)
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            check = "integrity_check" if full_check else "quick_check"
            rows = [r[0] for r in conn.execute(f"PRAGMA {check}").fetchall()]
            if rows != ["ok"]:
                raise CorruptDatabase(path, "; ".join(rows[:3]))
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            revision = None
            if "alembic_version" in tables:
                row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = row[0] if row else None
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        # "file is not a database", "database disk image is malformed", ...
        raise CorruptDatabase(path, str(exc)) from exc
    return Inspection(exists=True, empty=not tables, revision=revision, tables=tables)


class Database:
    """An open database file: its engine and a session factory. Passed to the services."""

    def __init__(self, path: Path, engine: Engine, *, read_only: bool = False, backup_dir: Path | None = None):
        self.path = path
        self.engine = engine
        self.read_only = read_only
        self.backup_dir = backup_dir or default_backup_dir(path)
        self.migration_backup: Path | None = None  # set when opening migrated the file

    @contextlib.contextmanager
    def session(self) -> Iterator[Session]:
        """A unit of work: committed on success, rolled back on error. One confirmed edit
        is one transaction."""
        with Session(self.engine, expire_on_commit=False) as session:
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise

    def revision(self) -> str | None:
        with self.engine.connect() as conn:
            return migrate.current_revision(conn)

    def close(self) -> None:
        self.engine.dispose()


def open_database(
    path: Path,
    *,
    create: bool = False,
    read_only: bool = False,
    backup_dir: Path | None = None,
    full_check: bool = False,
) -> Database:
    """Open (and if needed create or migrate) the database at `path`.

    Refuses, leaving the file untouched: a non-SQLite or foreign SQLite file
    (NotADatabase), a damaged one (CorruptDatabase), one from a newer Tryggapp
    (NewerDatabase). An older schema is backed up, then upgraded.
    """
    path = Path(path).expanduser()
    info = inspect_file(path, full_check=full_check)
    backup_dir = Path(backup_dir) if backup_dir else default_backup_dir(path)
    if not info.exists and not create:
        raise DatabaseMissing(path)
    if info.exists and not info.empty and info.revision is None:
        # An SQLite file with tables but no Alembic stamp is somebody else's database.
        raise NotADatabase(path)
    if info.revision is not None and info.revision not in migrate.known_revisions():
        raise NewerDatabase(path, info.revision)

    head = migrate.head_revision()
    needs_upgrade = info.revision != head
    if read_only:
        if not info.exists or needs_upgrade:
            raise DatabaseReadOnly(path)
        return Database(path, make_engine(path, read_only=True), read_only=True, backup_dir=backup_dir)

    if not info.exists:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DatabaseReadOnly(path) from exc
    engine = make_engine(path)
    db = Database(path, engine, backup_dir=backup_dir)
    try:
        if needs_upgrade:
            if info.revision is not None:
                db.migration_backup = make_backup(path, backup_dir, f"före-migrering-{info.revision}")
            migrate.upgrade(engine)
            with engine.begin() as conn:
                conn.exec_driver_sql(f"PRAGMA application_id={APPLICATION_ID}")
    except sqlite3.OperationalError as exc:
        engine.dispose()
        if "readonly" in str(exc).replace(" ", "").lower():
            raise DatabaseReadOnly(path) from exc
        raise
    except Exception as exc:
        engine.dispose()
        from sqlalchemy.exc import OperationalError

        if isinstance(exc, OperationalError) and "readonly" in str(exc).replace(" ", "").lower():
            raise DatabaseReadOnly(path) from exc
        if isinstance(exc, OperationalError) and "unable to open" in str(exc):
            raise DatabaseReadOnly(path) from exc
        raise
    return db
