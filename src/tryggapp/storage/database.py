"""Opening a Tryggapp database as the app does: inspect without writing, refuse what is
not ours, newer or damaged, back up, migrate, then hand out sessions."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError
from sqlmodel import Session

from tryggapp.i18n import _
from tryggapp.paths import default_backup_dir
from tryggapp.storage import migrate
from tryggapp.storage.audit import AuditedSession
from tryggapp.storage.backup import BEFORE_MIGRATION, backup_connection, make_backup
from tryggapp.storage.engine import connect_readonly, make_engine
from tryggapp.storage.errors import (
    CorruptDatabase,
    DatabaseError,
    DatabaseMissing,
    DatabaseReadOnly,
    DiskFull,
    NewerDatabase,
    NotADatabase,
)
from tryggapp.storage.lock import HEARTBEAT_INTERVAL, Lock, LockLost

# A writable database checks its lock and its file before a unit of work when the last
# check is older than this: the app's heartbeat timer normally keeps it fresh, so it
# runs only after the computer slept (timers stop, the wall clock does not) or in a long
# CLI command, which then also keeps its lock fresh.
LOCK_CHECK_AFTER = HEARTBEAT_INTERVAL.total_seconds() + 60
SQLITE_MAGIC = b"SQLite format 3\x00"
# Marks a file as Tryggapp's (PRAGMA application_id), so a foreign SQLite file is told apart.
APPLICATION_ID = 0x54525947  # "TRYG"
_DETAIL_MAX = 300  # integrity_check can list thousands of pages; the message needs a hint


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


def translate_write_error(exc: BaseException, path: Path) -> DatabaseError | None:
    """The user-facing error for SQLite's "the disk is full" and "read-only" failures."""
    text = str(getattr(exc, "orig", exc)).lower()
    if "database or disk is full" in text:
        return DiskFull(path)
    if "readonly database" in text or "read-only" in text:
        return DatabaseReadOnly(path)
    return None


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
        conn = connect_readonly(path)
        try:
            check = "integrity_check" if full_check else "quick_check"
            rows = [r[0] for r in conn.execute(f"PRAGMA {check}").fetchall()]
            if rows != ["ok"]:
                raise CorruptDatabase(path, "; ".join(rows[:3])[:_DETAIL_MAX])
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            revision = None
            if "alembic_version" in tables:
                row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = row[0] if row else None
        finally:
            conn.close()
    except sqlite3.OperationalError as exc:
        if "unable to open" in str(exc):
            # Not damage: we may not read the file (permissions) or its folder.
            raise DatabaseError(_("Could not read the database {path}: {error}").format(path=path, error=exc),
                                path) from exc
        raise CorruptDatabase(path, str(exc)[:_DETAIL_MAX]) from exc
    except sqlite3.DatabaseError as exc:
        # "file is not a database", "database disk image is malformed", ...
        raise CorruptDatabase(path, str(exc)[:_DETAIL_MAX]) from exc
    return Inspection(exists=True, empty=not tables, revision=revision, tables=tables)


class Database:
    """An open database file: its engine and a session factory. Passed to the services."""

    def __init__(self, path: Path, engine: Engine, *, read_only: bool = False, backup_dir: Path | None = None,
                 lock: Lock | None = None):
        self.path = path
        self.engine = engine
        self.read_only = read_only
        self.backup_dir = backup_dir or default_backup_dir(path)
        self.migration_backup: Path | None = None  # set when opening migrated the file
        self.lock = lock  # None for read-only databases
        # Why a database opened for writing stopped writing (LockLost, DatabaseReplaced):
        # set by demote(); the window then shows it read-only.
        self.lost: DatabaseError | None = None
        self._checked_at = time.time()  # the lock and file were last seen fine (wall clock)
        self.identity: FileIdentity | None = None
        with contextlib.suppress(OSError):
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
            except OperationalError as exc:
                session.rollback()
                if self.lost is not None:
                    raise WritingStopped(self.path, self.lost) from exc
                # Disk full / read-only can surface from any flush (an autoflush inside a
                # validator's query too), not only from commit: translate them here once.
                translated = translate_write_error(exc, self.path)
                if translated is None:
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
    path: Path,
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
    path = Path(path).expanduser()
    info = inspect_file(path, full_check=full_check)
    if backup_dir is None and info.exists and not info.empty:
        backup_dir = read_backup_dir_setting(path)
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
    held: Lock | None = None
    if lock:
        try:
            held = Lock.acquire(path)
        except OSError as exc:  # cannot create the lock file: the folder is not writable
            raise DatabaseReadOnly(path) from exc
    try:
        if not info.exists:
            path.touch()  # an empty file is an empty database; the engine never creates one
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
            migrate.upgrade(engine)
            with engine.begin() as conn:
                conn.exec_driver_sql(f"PRAGMA application_id={APPLICATION_ID}")
    except sqlite3.OperationalError as exc:
        db.close()
        if "readonly" in str(exc).replace(" ", "").lower():
            raise DatabaseReadOnly(path) from exc
        raise
    except BaseException as exc:
        db.close()
        if isinstance(exc, OperationalError) and "readonly" in str(exc).replace(" ", "").lower():
            raise DatabaseReadOnly(path) from exc
        if isinstance(exc, OperationalError) and "unable to open" in str(exc):
            raise DatabaseReadOnly(path) from exc
        if isinstance(exc, OperationalError) and "database or disk is full" in str(exc):
            raise DiskFull(path) from exc
        raise
    return db
