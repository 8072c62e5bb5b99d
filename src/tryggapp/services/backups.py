"""Backup policy: where backups go, when they are taken, which are kept, and restoring.

- `ensure_daily_backup(db, today)` at start-up: the first start of each day makes one.
- `backup_now(db, reason)` before an import (reason BEFORE_IMPORT) or when the user asks.
- Migrations back up by themselves (storage.database.open_database).
- `restore_backup(db_path, backup)` checks the backup, backs up the current file, then
  replaces it atomically. The caller must have closed its Database first.

The folder is the one the user chose (Municipality.backup_dir) or, by default, a
"säkerhetskopior" folder beside the database. Photos live in the database, so every
backup holds them.

Backups belong to a database by its identity (the UUID revision 0002 stores in it), not
by file name: two databases both called tryggapp.db may share one folder. A backup is
"own" when its name carries the database's identity and the UUID stored in it is the
same (or absent: the backup taken just before the upgrade to 0002, renamed after it).
An unwritable backup folder stops the import, upgrade or restore that needed the backup
before anything is changed (storage.errors.BackupFolderUnwritable)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from tryggapp import domain as d
from tryggapp.errors import UserError
from tryggapp.formatting import os_reason
from tryggapp.i18n import _
from tryggapp.paths import default_backup_dir, default_database_path, is_server_text
from tryggapp.storage import Database, migrate, rotation
from tryggapp.storage import backup as sb
from tryggapp.storage import identity as sid
from tryggapp.storage import lock as sl
from tryggapp.storage.database import inspect_file, read_backup_dir_setting
from tryggapp.storage.errors import (
    BackupFolderUnwritable,
    CorruptDatabase,
    DatabaseError,
    NewerDatabase,
    NotADatabase,
)
from tryggapp.storage.rotation import BackupFile
from tryggapp.storage.server import DUMP_SUFFIX

DAILY = sb.DAILY
MANUAL = sb.MANUAL
BEFORE_IMPORT = sb.BEFORE_IMPORT
BEFORE_RESTORE = sb.BEFORE_RESTORE


class InvalidBackup(DatabaseError):
    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(_("{path} cannot be restored: {reason} The current database has not been changed.")
                         .format(path=path, reason=reason), path)


def backup_dir_for(db: Database) -> Path:
    """The folder backups of `db` go to: the user's choice, else beside the database."""
    with db.session() as s:
        municipality = s.get(d.Municipality, 1)
        chosen = municipality.backup_dir if municipality is not None else None
    return Path(chosen).expanduser() if chosen else db.backup_dir


def configured_backup_dir(db_path: Path) -> Path:
    """The backup folder of a database file that is not open (CLI, a damaged file)."""
    if is_server_text(db_path):  # a team database: its folder is read when it is open
        return default_backup_dir(default_database_path())
    return read_backup_dir_setting(Path(db_path)) or default_backup_dir(Path(db_path))


def set_backup_dir(db: Database, folder: Path) -> Path:
    """Remember the user's backup folder in the database. The folder must be writable."""
    folder = Path(folder).expanduser()
    try:
        sb.prepare_folder(folder)
    except BackupFolderUnwritable as exc:
        raise UserError(_("Backups cannot be written to the folder {path}: {error}").format(
            path=folder, error=os_reason(exc.__cause__) if isinstance(exc.__cause__, OSError) else exc)) from exc
    from tryggapp.services import crud

    with db.session() as s:
        exists = s.get(d.Municipality, 1) is not None
    if not exists:
        raise UserError(_("Fill in the municipality's details first; the backup folder is saved with them."))
    crud.update(db, d.Municipality, 1, {"backup_dir": str(folder)})
    db.backup_dir = folder
    return folder


def identity_of(db: Database) -> str | None:
    """The identity stored in the open database (None only for a read-only file from
    before revision 0002, which cannot be upgraded)."""
    return db.identity_uuid()


def list_backups(db_path: Path, folder: Path | None = None) -> list[BackupFile]:
    """Backups of the database at `db_path`, newest first: those named with its identity
    and those named the older way (before identities) with its file name."""
    folder = folder or configured_backup_dir(db_path)
    identity = None if is_server_text(db_path) else sid.read_identity(Path(db_path))
    found = rotation.list_backups(folder, Path(db_path).stem)
    if identity:
        found += rotation.list_backups(folder, Path(db_path).stem, identity)
    return sorted(found, key=lambda b: b.order, reverse=True)


def _rotate(folder: Path, db_path: Path, identity: str | None, now: dt.datetime, *protect: Path) -> None:
    """Prune this database's backups, and the older-named ones of its file name (these
    no longer grow, but their limits apply as before)."""
    if identity:
        rotation.rotate(folder, db_path.stem, now, protect=protect, identity=identity)
    rotation.rotate(folder, db_path.stem, now, protect=protect)


def backup_now(db: Database, reason: str = MANUAL, *, now: dt.datetime | None = None) -> Path:
    """Take a consistent backup now (SQLite backup API) and prune old ones. Returns its path.

    Import code calls `backup_now(db, BEFORE_IMPORT)` before it writes anything; if the
    backup folder cannot be written it raises BackupFolderUnwritable and the import does
    not start."""
    now = now or dt.datetime.now()
    folder = backup_dir_for(db)
    made = db.make_backup(folder, reason, when=now)
    _rotate(folder, db.path, identity_of(db), now, made)
    return made


def ensure_daily_backup(db: Database, today: dt.date, *, now: dt.datetime | None = None) -> Path | None:
    """The start-up backup: made when no regular backup of today exists yet *of this
    database* (another database with the same file name in the same folder does not
    count). Returns the new backup, or None when today's was already made (or the
    database is read-only: then someone else's instance is the one making backups).
    Raises BackupFolderUnwritable when the folder cannot be written: the caller shows it."""
    if db.read_only:
        return None
    folder = backup_dir_for(db)
    identity = identity_of(db)
    for b in rotation.list_backups(folder, db.path.stem, identity):
        if b.regular and b.taken_at.date() == today:
            return None
    when = now or dt.datetime.combine(today, dt.datetime.now().time().replace(microsecond=0))
    return backup_now(db, DAILY, now=when)


def verify_backup(path: Path) -> str:
    """Check a backup can be restored: a Tryggapp database, undamaged (full integrity
    check), not from a newer version. Returns its schema revision."""
    path = Path(path)
    if not path.is_file():
        raise InvalidBackup(path, _("the file does not exist."))
    if path.suffix == DUMP_SUFFIX:  # a team database's pg_dump backup
        from tryggapp.storage.server_database import verify_dump

        return str(verify_dump(path)[1])
    try:
        info = inspect_file(path, full_check=True)
    except NotADatabase:
        raise InvalidBackup(path, _("it is not a Tryggapp database.")) from None
    except CorruptDatabase:
        raise InvalidBackup(path, _("the file is damaged.")) from None
    if info.empty or info.revision is None:
        raise InvalidBackup(path, _("it is not a Tryggapp database."))
    if info.revision not in migrate.known_revisions():
        raise InvalidBackup(path, _("it was made by a newer version of Tryggapp."))
    return info.revision


Belonging = Literal["own", "other", "unknown"]


def belongs_to(identity: str | None, backup: Path) -> Belonging:
    """Whether `backup` is a backup of the database `identity`: "own", "other" (it holds
    another database's identity), or "unknown" (no identity on one side or the other)."""
    stored = sid.read_identity(Path(backup))
    if identity is None:
        return "unknown"
    if stored is not None:
        return "own" if stored == identity else "other"
    # A backup from before identities: it is this database's only if the name says so
    # (the backup taken just before the upgrade to 0002 is renamed after it).
    parsed = rotation.parse(Path(backup), identity=identity)
    return "own" if parsed is not None else "unknown"


def known_identity(db_path: Path, folders: list[Path]) -> str | None:
    """The identity of the database file `db_path`, even when it is damaged: read from
    the file if its first pages still read, else from the location files its earlier
    backups left in the backup folders (recorded with the full path of the file)."""
    identity = sid.read_identity(db_path)
    if identity:
        return identity
    for folder in folders:
        recorded = sb.identities_at(folder, db_path)
        if recorded:
            return recorded[0]
    return None


def _backup_folders(db_path: Path, backup_dir: Path | None) -> list[Path]:
    folders: list[Path] = []
    for folder in (backup_dir, read_backup_dir_setting(db_path), default_backup_dir(db_path)):
        if folder is not None and Path(folder) not in folders:
            folders.append(Path(folder))
    return folders


def _newest_usable(candidates: list[BackupFile], accept: Callable[[Path], bool]) -> BackupFile | None:
    """The newest candidate that is not a copy of a damaged file, passes `verify_backup`
    and is accepted (whose database it holds)."""
    for b in sorted(candidates, key=lambda b: b.order, reverse=True):
        if sb.DAMAGED_COPY in b.reason:
            continue
        try:
            verify_backup(b.path)
        except DatabaseError:
            continue
        if accept(b.path):
            return b
    return None


def latest_backup(db_path: Path, backup_dir: Path | None = None) -> BackupFile | None:
    """The newest backup *of this database* that passes `verify_backup`: what to offer,
    with Restore as the default, when the database is damaged. Looks in `backup_dir`, the
    folder set in the file (if it can still be read) and the default folder.

    Only backups known to be this database's are returned: its identity is read from the
    file or, when the file is too damaged for that, from the location files its earlier
    backups left (see known_identity). With no identity known, None: offering the newest
    file with the same name would offer another database's backup (it happened with two
    tryggapp.db sharing a folder); `possible_backup` finds that one for the caller to
    show as a choice, never as the default."""
    db_path = Path(db_path)
    folders = _backup_folders(db_path, backup_dir)
    identity = known_identity(db_path, folders)
    if identity is None:
        return None
    own = [b for f in folders for b in rotation.list_backups(f, db_path.stem, identity)]
    # Named like ours but holding another database: never offered.
    return _newest_usable(own, lambda path: belongs_to(identity, path) == "own")


def possible_backup(db_path: Path, backup_dir: Path | None = None) -> BackupFile | None:
    """When `latest_backup` finds nothing: the newest usable backup named the older way
    (without an identity) for a file with this name and holding no other identity that
    this database is known to have. It may belong to another database of the same name,
    so it is offered only as a choice the user makes, not as the default."""
    db_path = Path(db_path)
    folders = _backup_folders(db_path, backup_dir)
    identity = known_identity(db_path, folders)
    older = [b for f in folders for b in rotation.list_backups(f, db_path.stem)]
    return _newest_usable(older, lambda path: identity is None or belongs_to(identity, path) != "other")


@dataclass(frozen=True)
class RestoreResult:
    restored_from: Path
    previous_copy: Path | None  # the current file as it was before, None if there was none
    revision: str


def restore_backup(db_path: Path, backup: Path, *, backup_dir: Path | None = None) -> RestoreResult:
    """Replace the database at `db_path` with the backup `backup`.

    Order matters: verify the backup; take the lock (nobody else may have the file open);
    back up the current file (or, if it is too damaged for that, copy its bytes); then
    write the backup into a temporary file beside it and rename it into place, so the
    database is at every moment either the old file or the complete new one."""
    if is_server_text(db_path):
        # A team database: pg_restore into the same database, after checking the dump
        # holds this database's identity (storage.server_database.restore_dump).
        from tryggapp.storage.server_database import restore_dump

        previous, revision = restore_dump(db_path, Path(backup), backup_dir)  # type: ignore[arg-type]
        return RestoreResult(Path(backup), previous, revision)
    db_path = Path(db_path).expanduser()
    backup = Path(backup).expanduser()
    if db_path.exists() and backup.exists() and db_path.resolve() == backup.resolve():
        raise InvalidBackup(backup, _("it is the database itself."))
    revision = verify_backup(backup)
    if sl.held_in_process(db_path):
        raise RuntimeError("restore_backup: close the Database before restoring over it")
    folder = Path(backup_dir) if backup_dir else configured_backup_dir(db_path)
    try:
        lock = sl.Lock.acquire(db_path)
    except OSError as exc:
        from tryggapp.storage.errors import DatabaseReadOnly

        raise DatabaseReadOnly(db_path) from exc
    try:
        previous: Path | None = None
        previous_identity = sid.read_identity(db_path)
        if db_path.exists() and db_path.stat().st_size > 0:
            # An unwritable folder raises BackupFolderUnwritable here: nothing is replaced.
            try:
                inspect_file(db_path)
                previous = sb.make_backup(db_path, folder, BEFORE_RESTORE)
            except (CorruptDatabase, NotADatabase, NewerDatabase):
                previous = sb.raw_copy(db_path, folder, BEFORE_RESTORE)
            except DatabaseError:
                # The backup API could not read it although it looked fine: keep the bytes.
                previous = sb.raw_copy(db_path, folder, BEFORE_RESTORE)
        # The file keeps its own identity when it had one: restoring another database's
        # backup here must not leave two databases with one identity, whose backups
        # would then be mixed up again. (Restoring to a new path keeps the backup's.)
        keep = previous_identity or (known_identity(db_path, [folder]) if db_path.exists() else None)
        sb.replace_with_copy(backup, db_path, keep)
    finally:
        lock.release()
    if previous is not None:  # före-återställning copies have a count limit too
        # Never the backup just restored from, however old: the user just chose it.
        _rotate(folder, db_path, previous_identity, dt.datetime.now(), previous, backup)
    return RestoreResult(backup, previous, revision)


def same_disk(folder: Path, db_path: Path) -> bool:
    """Would backups in `folder` sit on the same disk as the database? Then a broken disk
    or a lost laptop takes both (issue 11: the settings dialog warns). A folder not made
    yet is judged by its nearest existing parent; a path that cannot be looked at is not
    called the same disk."""
    folder = Path(folder).expanduser()
    probe = folder
    while not probe.exists() and probe.parent != probe:
        probe = probe.parent
    if is_server_text(db_path):
        return False  # a team database lives on its server, never on this disk
    try:
        return probe.stat().st_dev == Path(db_path).stat().st_dev
    except OSError:
        return False
