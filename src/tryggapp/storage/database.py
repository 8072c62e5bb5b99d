"""Opening a Tryggapp database as the app does: inspect without writing, refuse what is
not ours, newer or damaged, back up, migrate, then hand out sessions."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DatabaseError as SADatabaseError
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import Session

from tryggapp.i18n import _
from tryggapp.paths import create_private_file, default_backup_dir, private_dir
from tryggapp.storage import migrate, versions
from tryggapp.storage.audit import AuditedSession
from tryggapp.storage.backup import (
    BEFORE_MIGRATION,
    adopt_backup,
    adopt_recorded_identity,
    backup_connection,
    make_backup,
    separate_copy,
)
from tryggapp.storage.engine import connect_readonly, make_engine
from tryggapp.storage.errors import (
    LOCKED_MINUTES,
    CorruptDatabase,
    DatabaseError,
    DatabaseMissing,
    DatabaseReadOnly,
    EmptyDatabaseFile,
    MinutesLocked,
    NewerDatabase,
    NotADatabase,
    RuleBroken,
    UpgradeNeeded,
)
from tryggapp.storage.lock import HEARTBEAT_INTERVAL, Lock, LockLost
from tryggapp.storage.sqlite_errors import classify, error_name

if TYPE_CHECKING:
    from tryggapp.storage.server import ServerLocation

# A writable database checks its lock and its file before a unit of work when the last
# check is older than this: the app's heartbeat timer normally keeps it fresh, so it
# runs only after the computer slept (timers stop, the wall clock does not) or in a long
# CLI command, which then also keeps its lock fresh.
LOCK_CHECK_AFTER = HEARTBEAT_INTERVAL.total_seconds() + 60
SQLITE_MAGIC = b"SQLite format 3\x00"
# Marks a file as Tryggapp's (PRAGMA application_id), so a foreign SQLite file is told apart.
APPLICATION_ID = 0x54525947  # "TRYG"
_DETAIL_MAX = 300  # integrity_check can list thousands of pages; the message needs a hint
# The tables revision 0001 created: every Tryggapp database has had them since the first
# release. Used only to recognise a Tryggapp file that lacks the application id (below).
FIRST_SCHEMA_TABLES = frozenset({
    "action_plan", "audit_entry", "citizen_promise", "cooperation_agreement", "direction", "focus_area",
    "follow_up_report", "goal", "goal_assessment", "measure", "measure_note", "measure_partner",
    "measure_status_change", "measurement", "meeting", "meeting_attendance", "membership", "minutes",
    "minutes_item", "municipality", "observation", "observation_photo", "organisation", "person",
    "programme", "programme_revision", "safety_visit", "safety_walk", "safety_walk_participant",
    "situation_finding", "situation_picture", "work_group",
})


class DatabaseReplaced(DatabaseError):
    """The file under a running app was deleted, moved or replaced by another file."""

    def __init__(self, path: Path, *, deleted: bool) -> None:
        if deleted:
            message = _("The database file {path} has been deleted or moved while Tryggapp had it open, "
                        "so nothing more can be changed in this window. What it shows is lost when "
                        "Tryggapp closes: save a copy to keep it.").format(path=path)
        else:
            message = _("The database file {path} has been replaced by another file while Tryggapp had it "
                        "open, so nothing more can be changed in this window, which still shows the earlier "
                        "file. Save a copy of it if you need it, or open the new file again.").format(path=path)
        super().__init__(message, path)
        self.deleted = deleted


class WritingStopped(DatabaseError):
    """A change was refused because this Database stopped writing (Database.demote)."""

    def __init__(self, path: Path, reason: DatabaseError) -> None:
        super().__init__(_("The change was not saved: {reason}").format(reason=reason.message), path)
        self.reason = reason


def _query_only(dbapi_conn, _record, _proxy) -> None:  # noqa: ANN001 - a pool event
    dbapi_conn.execute("PRAGMA query_only=ON")


FileIdentity = tuple[int, int, float | None]


def file_identity(path: Path) -> FileIdentity:
    """What makes this file *this* file: device, inode and (where the OS has one) birth
    time. Size and mtime are not part of it: our own checkpoints change them."""
    st = os.stat(path)
    birth = getattr(st, "st_birthtime", None)
    if birth is None and os.name == "nt":
        birth = st.st_ctime  # creation time on Windows
    return (st.st_dev, st.st_ino, birth)


def read_backup_dir_setting(path: Path) -> Path | None:
    """The backup folder the user chose (municipality.backup_dir), read without writing.
    Best effort: None when the file has no such setting or cannot be read."""
    try:
        conn = connect_readonly(path)
    except sqlite3.Error:
        return None
    try:
        row = conn.execute("SELECT backup_dir FROM municipality WHERE id = 1").fetchone()
    except sqlite3.Error:
        return None
    finally:
        conn.close()
    return Path(row[0]).expanduser() if row and row[0] else None


def user_error(exc: BaseException, db: Database) -> BaseException:
    """The error to show for a failed read or write of `db` (SQLAlchemy's or sqlite3's):
    writing stopped (the lock or file is gone), disk full / read-only / locked / damaged by
    SQLite's result code (storage.sqlite_errors), locked minutes (the triggers of revision
    0004) and a broken rule in words; anything else is returned as it is (a bug)."""
    if db.lost is not None:
        return WritingStopped(db.path, db.lost)
    known = classify(exc, db.path)
    if known is not None:
        return known
    from tryggapp.storage.server import server_error

    known = server_error(exc, db.path)
    if known is not None:
        return known
    if isinstance(exc, IntegrityError | sqlite3.IntegrityError):
        detail = str(getattr(exc, "orig", exc))
        return MinutesLocked() if LOCKED_MINUTES in detail else RuleBroken(detail)
    return exc


@dataclass
class Inspection:
    """What a file is, found without writing to it."""

    exists: bool
    empty: bool = False  # zero bytes or no tables: initialised only when the user creates one
    revision: str | None = None
    tables: set[str] = field(default_factory=set)
    # A Tryggapp file without the application id (see inspect_file): stamped at next write.
    unstamped: bool = False


def inspect_file(path: Path, *, full_check: bool = False) -> Inspection:
    """Look at `path` read-only. Raises NotADatabase / CorruptDatabase (and the errors of
    storage.sqlite_errors: disk full, unreadable, ...).

    Whose file it is: SQLite's header carries an application id, which Tryggapp writes
    (APPLICATION_ID). Another id is another program's file. Id 0 with tables is accepted
    only with Tryggapp's Alembic stamp AND every table of the first schema: until this
    release the id was written in a second transaction after the creating upgrade, so a
    Tryggapp process killed between the two left a genuine file without it. Another
    program's file that merely has an `alembic_version` table is refused."""
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
        conn = connect_readonly(path)
        try:
            check = "integrity_check" if full_check else "quick_check"
            rows = [r[0] for r in conn.execute(f"PRAGMA {check}").fetchall()]
            if rows != ["ok"]:
                raise CorruptDatabase(path, "; ".join(rows[:3])[:_DETAIL_MAX])
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            if app_id not in (0, APPLICATION_ID):
                raise NotADatabase(path)
            revision = None
            if "alembic_version" in tables:
                try:
                    row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
                except sqlite3.OperationalError:  # another program's alembic_version
                    raise NotADatabase(path) from None
                revision = row[0] if row else None
            unstamped = app_id == 0 and bool(tables)
            if unstamped and (revision is None or not tables >= FIRST_SCHEMA_TABLES):
                raise NotADatabase(path)
        finally:
            conn.close()
    except sqlite3.Error as exc:
        # Named by SQLite's result code: a full disk (the -shm file cannot grow), a file
        # we may not read, a busy file or an I/O error is not damage, and must not send
        # the user to restore an older backup.
        known = classify(exc, path, opening=True, writing=False)
        if known is not None:
            raise known from exc
        raise DatabaseError(_("Could not read the database {path}: {error}").format(
            path=path, error=f"{error_name(exc)}: {exc}"[:_DETAIL_MAX]), path) from exc
    return Inspection(exists=True, empty=not tables, revision=revision, tables=tables, unstamped=unstamped)


class Database:
    """An open database file: its engine and a session factory. Passed to the services."""

    def __init__(self, path: Path, engine: Engine, *, read_only: bool = False, backup_dir: Path | None = None,
                 lock: Lock | None = None):
        self.path = path
        self.engine = engine
        self.read_only = read_only
        self.backup_dir = backup_dir or default_backup_dir(path)
        self.migration_backup: Path | None = None  # set when opening migrated the file
        self.migrated_from: str | None = None  # the revision the file had before that upgrade
        # Set when this file turned out to be a copy of another database and got an
        # identity of its own (storage.backup.separate_copy): the identity it had.
        self.copy_of_identity: str | None = None
        self.lock = lock  # None for read-only databases
        # Why a database opened for writing stopped writing (LockLost, DatabaseReplaced):
        # set by demote(); the window then shows it read-only.
        self.lost: DatabaseError | None = None
        self._checked_at = time.time()  # the lock and file were last seen fine (wall clock)
        self.identity: FileIdentity | None = None
        with contextlib.suppress(OSError, TypeError):  # TypeError: a team database has no file
            self.identity = file_identity(path)

    @contextlib.contextmanager
    def session(self) -> Iterator[Session]:
        """A unit of work: committed on success, rolled back on error. One confirmed edit
        is one transaction. Writable databases log every change (storage.audit) in the
        same transaction."""
        if self.lock is not None and time.time() - self._checked_at > LOCK_CHECK_AFTER:
            self.check_still_ours()
        factory = Session if self.read_only else AuditedSession
        with factory(self.engine, expire_on_commit=False) as session:
            try:
                yield session
                session.commit()
            except StaleDataError as exc:
                # The mapper's version check: another transaction wrote the row between
                # this one's read and its write (storage.versions).
                session.rollback()
                raise versions.concurrent() from exc
            except SADatabaseError as exc:
                session.rollback()
                # Disk full / read-only can surface from any flush (an autoflush inside a
                # validator's query too), not only from commit: translated here, once.
                translated = user_error(exc, self)
                if translated is exc:
                    raise
                raise translated from exc
            except BaseException:
                session.rollback()
                raise

    def revision(self) -> str | None:
        with self.engine.connect() as conn:
            return migrate.current_revision(conn)

    def check_file_identity(self) -> None:
        """Raise DatabaseReplaced if the file at `path` is no longer the one we opened
        (deleted, moved, or replaced by a copy). The app calls this periodically."""
        try:
            current = file_identity(self.path)
        except FileNotFoundError:
            raise DatabaseReplaced(self.path, deleted=True) from None
        if self.identity is not None and current != self.identity:
            raise DatabaseReplaced(self.path, deleted=False)

    def heartbeat(self) -> None:
        """Keep the lock fresh (see storage.lock); raises LockLost if it was taken over."""
        if self.lock is not None:
            self.lock.heartbeat()
            self._checked_at = time.time()

    def check_still_ours(self) -> DatabaseError | None:
        """Is the file still ours to write (lock held, same file)? If not, stop writing
        (demote) and return why. A lock file on a share that cannot be reached for a
        moment is not a loss: the next check tries again."""
        if self.lost is not None or self.lock is None:
            return self.lost
        try:
            self.check_file_identity()
            self.heartbeat()
        except (LockLost, DatabaseReplaced) as exc:
            self.demote(exc)
        except OSError:
            pass
        return self.lost

    def demote(self, reason: DatabaseError) -> None:
        """Stop writing for good, keep reading: after the lock was taken over or the file
        vanished or was replaced, a write here would clash with another instance or be
        lost. Every connection is switched to `query_only` (SQLite then refuses any write,
        whatever code path tries it) and the lock is given up. The open connections stay,
        so `save_copy` still reaches the data of a deleted file."""
        if self.lost is not None:
            return
        self.lost = reason
        self.read_only = True
        event.listen(self.engine, "checkout", _query_only)
        if self.lock is not None:
            lock, self.lock = self.lock, None
            lock.release()  # removes the lock file only if it is still ours

    def make_backup(self, folder: Path, reason: str, when: dt.datetime | None = None) -> Path:
        """A consistent backup into `folder` (SQLite's backup API; a team database makes a
        pg_dump file: storage.server_database)."""
        return make_backup(self.path, folder, reason, when=when)

    def identity_uuid(self) -> str | None:
        """The identity stored in the database (revision 0002), None before it."""
        from tryggapp.storage.identity import read_from_connection

        with self.engine.connect() as conn:
            return read_from_connection(conn.connection.driver_connection)  # type: ignore[arg-type]

    def save_copy(self, dest: Path) -> Path:
        """Write what this open database holds to `dest` through the open connection:
        works even after the file was deleted underneath us."""
        with self.engine.connect() as conn:
            raw = conn.connection.driver_connection
            return backup_connection(raw, Path(dest))  # type: ignore[arg-type]

    def close(self) -> None:
        self.engine.dispose()
        if self.lock is not None:
            lock, self.lock = self.lock, None
            lock.release()


def open_database(
    path: Path | ServerLocation | str,
    *,
    create: bool = False,
    read_only: bool = False,
    backup_dir: Path | None = None,
    full_check: bool = False,
    lock: bool = True,
) -> Database:
    """Open (and if needed create or migrate) the database at `path`.

    Refuses, leaving the file untouched: a non-SQLite or foreign SQLite file
    (NotADatabase), a damaged one (CorruptDatabase), one from a newer Tryggapp
    (NewerDatabase), one another instance has open for writing (storage.lock.
    DatabaseLocked; `lock=False` skips that, for tools that know better). An older
    schema is backed up, then upgraded. `backup_dir` defaults to the folder chosen in
    the file's settings, else `paths.default_backup_dir`.
    """
    from tryggapp.storage.server import is_server_url

    if is_server_url(path):
        from tryggapp.storage.server_database import open_server

        return open_server(path, create=create, read_only=read_only,  # type: ignore[arg-type]
                           backup_dir=backup_dir, full_check=full_check)
    path = Path(path).expanduser()
    info = inspect_file(path, full_check=full_check)
    if backup_dir is None and info.exists and not info.empty:
        backup_dir = read_backup_dir_setting(path)
    backup_dir = Path(backup_dir) if backup_dir else default_backup_dir(path)
    if not info.exists and not create:
        raise DatabaseMissing(path)
    if info.empty and not create:
        # A zero-byte (or table-less) file is not a database: only an explicit create
        # (the user chose "new database") may initialise it.
        raise EmptyDatabaseFile(path)
    if info.exists and not info.empty and info.revision is None:
        # An SQLite file with tables but no Alembic stamp is somebody else's database.
        raise NotADatabase(path)
    # A file at HEAD (the usual case) is settled without importing Alembic.
    head = migrate.HEAD or migrate.head_revision()
    needs_upgrade = info.revision != head
    if needs_upgrade and info.revision is not None and info.revision not in migrate.known_revisions():
        raise NewerDatabase(path, info.revision)
    if read_only:
        if not info.exists:
            raise DatabaseReadOnly(path)
        if needs_upgrade:
            raise UpgradeNeeded(path)
        return Database(path, make_engine(path, read_only=True), read_only=True, backup_dir=backup_dir)

    if not info.exists:
        try:
            private_dir(path.parent)
        except OSError as exc:
            raise DatabaseReadOnly(path) from exc
    held: Lock | None = None
    if lock:
        try:
            held = Lock.acquire(path)
        except OSError as exc:  # cannot create the lock file: the folder is not writable
            raise DatabaseReadOnly(path) from exc
    try:
        if not info.exists:
            # An empty file is an empty database; the engine never creates one. Created
            # 0600: SQLite gives the -wal and -shm files the mode of the database file.
            create_private_file(path)
        elif not os.access(path, os.W_OK):
            # SQLite would open a write-protected file read-only without a word and fail
            # only at the first save: refuse now, so the UI can offer read-only instead.
            raise PermissionError(path)
        engine = make_engine(path, must_exist=True)
    except OSError as exc:
        if held is not None:
            held.release()
        raise DatabaseReadOnly(path) from exc
    db = Database(path, engine, backup_dir=backup_dir, lock=held)
    try:
        if needs_upgrade:
            if info.revision is not None:
                db.migration_backup = make_backup(path, backup_dir, f"{BEFORE_MIGRATION}-{info.revision}")
            # The application id is written in the upgrade's own transaction: no file can
            # be left with the schema but without the id.
            migrate.upgrade(engine, path=path, application_id=APPLICATION_ID)
            db.migrated_from = info.revision
            if info.revision == "0001":  # it had no identity: its backups may know it
                with engine.begin() as conn:
                    adopt_recorded_identity(conn.connection.driver_connection, backup_dir, path)
            if db.migration_backup is not None:  # named by the identity it has now
                db.migration_backup = adopt_backup(db.migration_backup, path)
        elif info.unstamped:
            with engine.begin() as conn:
                conn.exec_driver_sql(f"PRAGMA application_id={APPLICATION_ID}")
        with engine.connect() as conn:
            db.copy_of_identity = separate_copy(conn.connection.driver_connection, backup_dir, path)
    except BaseException as exc:
        db.close()
        if isinstance(exc, sqlite3.Error | SADatabaseError):
            known = classify(exc, path, opening=True)
            if known is not None:
                raise known from exc
        raise
    return db
