"""Opening a team database (PostgreSQL) as `open_database` opens a file: refuse what is
not Tryggapp's or is newer, back up (pg_dump) and migrate an older one, create the schema
in an empty database only when asked to create. See storage.server for what differs."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from tryggapp.i18n import _
from tryggapp.paths import default_backup_dir, default_database_path
from tryggapp.storage import migrate
from tryggapp.storage import server as srv
from tryggapp.storage.backup import (
    BEFORE_MIGRATION,
    BEFORE_RESTORE,
    _unique,
    prepare_folder,
    record_location,
)
from tryggapp.storage.database import FIRST_SCHEMA_TABLES, Database
from tryggapp.storage.errors import (
    DatabaseError,
    NewerDatabase,
    NotADatabase,
    UpgradeNeeded,
)


class EmptyServerDatabase(DatabaseError):
    def __init__(self, location: srv.ServerLocation) -> None:
        super().__init__(_("The team database {location} is empty. Create Tryggapp's tables in it with "
                           "“tryggapp init --db {location}” or copy a database into it with “tryggapp copy”.")
                         .format(location=location), None)


class ServerCheckFailed(DatabaseError):
    def __init__(self, location: srv.ServerLocation, detail: str) -> None:
        super().__init__(_("The team database {location} does not pass the check: {detail}. Nothing was changed; "
                           "ask the IT department to put it right.").format(location=location, detail=detail), None)


class ServerDatabase(Database):
    """A Database on a PostgreSQL server: no lock file, no file to watch."""

    def __init__(self, location: srv.ServerLocation, engine: Engine, *, read_only: bool = False,
                 backup_dir: Path | None = None) -> None:
        super().__init__(location, engine, read_only=read_only,  # type: ignore[arg-type]
                         backup_dir=backup_dir or default_backup_dir(default_database_path()))
        self.location = location

    def check_file_identity(self) -> None:
        """A server database cannot be deleted or replaced under the window like a file."""

    def save_copy(self, dest: Path) -> Path:
        """The whole team database as a pg_dump file."""
        return srv.dump(self.location, Path(dest))

    def identity_uuid(self) -> str | None:
        with self.engine.connect() as conn:
            return srv.read_identity(conn)

    def make_backup(self, folder: Path, reason: str, when: dt.datetime | None = None) -> Path:
        """`pg_dump -Fc` into `folder`, named like a file's backups (with `.dump`)."""
        when = when or dt.datetime.now()
        prepare_folder(Path(folder))
        with self.engine.connect() as conn:
            identity = srv.read_identity(conn)
        name = srv.backup_name(self.location, identity, reason, when)
        made = srv.dump(self.location, _unique(Path(folder) / name))
        if identity:
            record_location(Path(folder), identity, Path(str(self.location)))
        return made


def _inspect(engine: Engine, location: srv.ServerLocation) -> tuple[set[str], str | None]:
    try:
        with engine.connect() as conn:
            tables = srv.tables(conn)
            revision = None
            if "alembic_version" in tables:
                row = conn.exec_driver_sql("SELECT version_num FROM alembic_version").fetchone()
                revision = row[0] if row else None
    except sa.exc.OperationalError as exc:
        raise srv.ServerUnavailable(location, srv._detail(exc)) from exc
    return tables, revision


def integrity_problems(engine: Engine) -> list[str]:
    """`tryggapp check --full` on a team database. The server enforces foreign keys and
    CHECK constraints on every write, so there is no foreign_key_check to run; what can be
    wrong is what someone did by hand: a constraint added NOT VALID and never validated, a
    trigger switched off (the minutes lock of revision 0004), a table of the schema gone."""
    from tryggapp.domain import metadata

    with engine.connect() as conn:
        problems = [f"{r[0]}: {r[1]} NOT VALID" for r in conn.exec_driver_sql(
            "SELECT conrelid::regclass::text, conname FROM pg_constraint "
            "WHERE contype IN ('f', 'c') AND NOT convalidated ORDER BY 1, 2")]
        problems += [f"{r[0]}: trigger {r[1]} disabled" for r in conn.exec_driver_sql(
            "SELECT tgrelid::regclass::text, tgname FROM pg_trigger WHERE NOT tgisinternal AND tgenabled = 'D' "
            "ORDER BY 1, 2")]
        missing = set(metadata.tables) - srv.tables(conn)
    problems += [f"{name}: missing" for name in sorted(missing)]
    return problems


def open_server(location: srv.ServerLocation | str, *, create: bool = False, read_only: bool = False,
                backup_dir: Path | None = None, full_check: bool = False) -> ServerDatabase:
    """Open the team database at `location` (a postgresql:// URL)."""
    if not isinstance(location, srv.ServerLocation):
        location = srv.ServerLocation(location)
    engine = srv.make_server_engine(location, read_only=read_only)
    try:
        tables, revision = _inspect(engine, location)
        if not tables and not create:
            raise EmptyServerDatabase(location)
        if tables and (revision is None or not tables >= FIRST_SCHEMA_TABLES):
            raise NotADatabase(location)  # type: ignore[arg-type]
        head = migrate.HEAD or migrate.head_revision()
        needs_upgrade = revision != head
        if needs_upgrade and revision is not None and revision not in migrate.known_revisions():
            raise NewerDatabase(location, revision)  # type: ignore[arg-type]
        if read_only and needs_upgrade:
            raise UpgradeNeeded(location)  # type: ignore[arg-type]
        db = ServerDatabase(location, engine, read_only=read_only, backup_dir=backup_dir)
        if needs_upgrade:
            if revision is not None:
                db.migration_backup = db.make_backup(db.backup_dir, f"{BEFORE_MIGRATION}-{revision}")
            migrate.upgrade(engine)
            db.migrated_from = revision
        if full_check and (problems := integrity_problems(engine)):
            raise ServerCheckFailed(location, "; ".join(problems)[:300])
    except BaseException:
        engine.dispose()
        raise
    return db


class ForeignDump(DatabaseError):
    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(_("{path} cannot be restored: {reason} The team database has not been changed.")
                         .format(path=path, reason=reason), Path(path))


def verify_dump(path: Path) -> tuple[str | None, str | None]:
    """Check a pg_dump backup before restoring it: a Tryggapp database (its tables, an
    Alembic stamp this version knows). Returns (identity, revision) read from the dump."""
    path = Path(path)
    if not path.is_file():
        raise ForeignDump(path, _("the file does not exist."))
    names, identity, revision = srv.dump_contents(path)
    if not names >= FIRST_SCHEMA_TABLES or revision is None:
        raise ForeignDump(path, _("it is not a backup of a Tryggapp database."))
    if revision not in migrate.known_revisions():
        raise ForeignDump(path, _("it was made by a newer version of Tryggapp."))
    return identity, revision


def restore_dump(location: srv.ServerLocation, path: Path, backup_dir: Path | None = None) -> tuple[Path, str]:
    """Replace the team database's contents with the pg_dump backup `path`.

    The dump must hold this database's identity (the row of `database_identity`, read
    from the dump's data with pg_restore before anything is touched): a dump of another
    database would otherwise replace this one and take its identity with it, and its
    backups would then be mixed with the other database's. The current contents are
    dumped first (före-återställning), then pg_restore --clean --single-transaction
    replaces everything in one transaction. Returns (that dump, the restored revision)."""
    identity, revision = verify_dump(path)
    db = open_server(location, backup_dir=backup_dir)
    try:
        current = db.identity_uuid()
        if identity is None or current is None or identity != current:
            raise ForeignDump(Path(path), _("it is a backup of another database (identity {theirs}, this "
                                            "database has {ours}).").format(theirs=identity or "–",
                                                                          ours=current or "–"))
        previous = db.make_backup(backup_dir or db.backup_dir, BEFORE_RESTORE)
    finally:
        db.close()
    srv.restore(location, Path(path))
    return previous, revision  # type: ignore[return-value]
