"""Consistent copies of a live database through SQLite's online backup API (never a file
copy, which can catch a half-written WAL), and putting a copy back in place.

Backups are named `<db stem>-<identity>-<YYYYmmdd-HHMMSS>-<reason>.db`, where identity is
the first 8 hex digits of the UUID stored in the database (storage.identity): two
databases both called tryggapp.db can share one backup folder and each finds only its own
backups. storage.rotation reads identity, time and reason back from the name. Files from
before revision 0002 (and copies of a file with no identity) are named without it.

Beside its backups, each database leaves a small "location" file in the backup folder
(`.tryggapp-<identity>.plats`: its UUID and the path of the database). A database too
damaged to read its own UUID is recognised by it (services.backups.latest_backup).

Every file and folder made here is private (paths.private_dir / create_private_file)."""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import os
import re
import sqlite3
from pathlib import Path

from tryggapp.i18n import _
from tryggapp.paths import create_private_file, default_backup_dir, make_private, private_dir
from tryggapp.storage import identity as sid
from tryggapp.storage.engine import connect_readonly
from tryggapp.storage.errors import (
    BackupFolderUnwritable,
    DatabaseError,
    DatabaseReadOnly,
    DiskFull,
)
from tryggapp.storage.sqlite_errors import classify

# Reasons written into backup names (Swedish: the user sees these file names).
DAILY = "daglig"
MANUAL = "manuell"
BEFORE_MIGRATION = "före-migrering"  # followed by "-<old revision>"
BEFORE_IMPORT = "före-import"
BEFORE_RESTORE = "före-återställning"
DAMAGED_COPY = "skadad"  # raw file copy of a file the backup API could not read

_SIDE_FILES = ("-wal", "-shm", "-journal")
LOCATION_PREFIX = ".tryggapp-"
LOCATION_SUFFIX = ".plats"
# errno values that mean "this folder will not take files" rather than a passing fault.
_UNWRITABLE_ERRNOS = frozenset({errno.EACCES, errno.EPERM, errno.EROFS, errno.ENOTDIR})


def _slug(text: str) -> str:
    return re.sub(r"[^0-9A-Za-zåäöÅÄÖ_-]+", "-", text).strip("-")


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(folder: Path) -> None:
    """Make a rename durable (POSIX; Windows has no directory handles to sync)."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _unique(dest: Path) -> Path:
    """Never overwrite an existing backup (two backups in the same second). The counter
    goes past the highest one still there, not into the first free name: rotation may
    have deleted "…-2.db", and a new backup named so would sort as older than "…-3.db"
    (rotation.BackupFile.order) and be thinned out before the backups it follows."""
    taken = [1] if dest.exists() else []
    pattern = re.compile(rf"^{re.escape(dest.stem)}-(\d{{1,3}}){re.escape(dest.suffix)}$")
    with contextlib.suppress(OSError):
        taken += [int(m.group(1)) for p in dest.parent.iterdir() if (m := pattern.match(p.name))]
    if not taken:
        return dest
    n = max(taken) + 1
    if n < 1000:
        return dest.with_name(f"{dest.stem}-{max(n, 2)}{dest.suffix}")
    raise DatabaseError(_("Could not write the backup {path}: {error}").format(path=dest, error="exists"))


def _copy_via_backup_api(src: sqlite3.Connection, tmp: Path, identity: str | None = None) -> None:
    """Copy `src` into the new file `tmp`, check it and flush it to disk. With `identity`,
    the copy is given that identity (restoring another database's backup in place)."""
    create_private_file(tmp)  # 0600 before any byte is in it; SQLite takes an empty file
    out = sqlite3.connect(tmp)
    try:
        src.backup(out)
        # A backup is one self-contained file: in WAL mode even reading it would create
        # -wal/-shm files beside it, and copying it elsewhere could leave data behind.
        out.execute("PRAGMA journal_mode=DELETE")
        if identity is not None:
            with contextlib.suppress(sqlite3.OperationalError):  # no such table: from before 0002
                out.execute("UPDATE database_identity SET uuid = ? WHERE id = 1", (identity,))
                out.commit()
        ok = out.execute("PRAGMA quick_check").fetchone()[0]
    finally:
        out.close()
    if ok != "ok":
        raise DatabaseError(_("The backup {path} failed its integrity check.").format(path=tmp))
    _fsync_file(tmp)


def prepare_folder(folder: Path, *, tighten: bool = False) -> Path:
    """Create the backup folder (0700) and make sure files can be written in it, before
    anything that depends on a backup starts. Raises BackupFolderUnwritable."""
    folder = Path(folder)
    try:
        private_dir(folder, tighten=tighten)
        if not folder.is_dir():
            raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(folder))
        probe = folder / f".tryggapp-skrivtest-{os.getpid()}"
        create_private_file(probe, exclusive=False)
        probe.unlink()
    except OSError as exc:
        if exc.errno == errno.ENOSPC:
            raise DiskFull(folder) from exc
        raise BackupFolderUnwritable(folder, exc) from exc
    return folder


def _write_copy(src: sqlite3.Connection, dest: Path, *, tighten: bool = False) -> Path:
    prepare_folder(dest.parent, tighten=tighten)
    dest = _unique(dest)
    tmp = dest.with_suffix(dest.suffix + ".part")
    tmp.unlink(missing_ok=True)  # a leftover of an interrupted backup
    try:
        _copy_via_backup_api(src, tmp)
        tmp.replace(dest)
        _fsync_dir(dest.parent)
    except sqlite3.Error as exc:
        tmp.unlink(missing_ok=True)
        if isinstance(classify(exc, dest), DiskFull):
            raise DiskFull(dest) from exc
        if isinstance(classify(exc, dest), DatabaseReadOnly):
            raise BackupFolderUnwritable(dest.parent, exc) from exc
        raise DatabaseError(_("Could not write the backup {path}: {error}").format(path=dest, error=exc)) from exc
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        if exc.errno == errno.ENOSPC:
            raise DiskFull(dest) from exc
        if exc.errno in _UNWRITABLE_ERRNOS:
            raise BackupFolderUnwritable(dest.parent, exc) from exc
        raise DatabaseError(_("Could not write the backup {path}: {error}").format(path=dest, error=exc)) from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return dest


def backup_file(source: Path, dest: Path) -> Path:
    """Copy the database at `source` to `dest` (a new file) and verify the copy.

    Returns the path written (`dest`, or `dest` with a number if that name was taken)."""
    dest = Path(dest)
    # Only the default "säkerhetskopior" folder is Tryggapp's own to narrow (older
    # versions made it 0755); a folder the user chose keeps the mode they gave it.
    tighten = dest.parent == default_backup_dir(Path(source))
    prepare_folder(dest.parent, tighten=tighten)  # before reading: the clearer error first
    try:
        src = connect_readonly(Path(source))
    except sqlite3.Error as exc:
        raise DatabaseError(_("Could not read the database {path}: {error}").format(path=source, error=exc)) from exc
    try:
        return _write_copy(src, dest, tighten=tighten)
    finally:
        src.close()


def backup_connection(conn: sqlite3.Connection, dest: Path) -> Path:
    """Copy what an open connection sees to `dest`. Used to rescue the data when the
    file was deleted under a running app: the open connection still reads it."""
    return _write_copy(conn, Path(dest))


def backup_name(db_path: Path, reason: str, when: dt.datetime | None = None, identity: str | None = None) -> str:
    """`<stem>-<identity>-<time>-<reason>.db`; without `identity` (a file from before
    revision 0002) the older `<stem>-<time>-<reason>.db`."""
    when = when or dt.datetime.now()
    ident = f"-{sid.short(identity)}" if identity else ""
    return f"{Path(db_path).stem}{ident}-{when:%Y%m%d-%H%M%S}-{_slug(reason)}.db"


def make_backup(db_path: Path, backup_dir: Path, reason: str, when: dt.datetime | None = None) -> Path:
    """A backup of `db_path` in `backup_dir`, named by the identity stored in the file."""
    identity = sid.read_identity(db_path)
    made = backup_file(db_path, Path(backup_dir) / backup_name(db_path, reason, when, identity))
    if identity:
        record_location(Path(backup_dir), identity, db_path)
    return made


def adopt_backup(backup: Path, db_path: Path) -> Path:
    """Give a backup made before the database had an identity (the one taken before the
    upgrade to revision 0002) the name of the identity the database has now, so it is
    found with the database's other backups. Returns its (new) path."""
    backup = Path(backup)
    identity = sid.read_identity(db_path)
    if identity is None or f"-{sid.short(identity)}-" in backup.name:
        return backup
    stem = Path(db_path).stem
    if not backup.name.startswith(f"{stem}-"):
        return backup
    target = _unique(backup.with_name(f"{stem}-{sid.short(identity)}{backup.name[len(stem):]}"))
    try:
        backup.rename(target)
    except OSError:
        return backup  # still found by file name as an older backup
    _fsync_dir(target.parent)
    record_location(backup.parent, identity, db_path)
    return target


def adopt_recorded_identity(conn: sqlite3.Connection, backup_dir: Path, db_path: Path) -> str | None:
    """After the upgrade to 0002 gave `db_path` a fresh identity: if its backups already
    know an identity for this file (a backup from before 0002 was restored over it), take
    that one back, so the database still finds its backups. Returns the identity taken."""
    recorded = identities_at(backup_dir, db_path)
    if not recorded:
        return None  # the first upgrade of a file from before identities: keep the new one
    conn.execute("UPDATE database_identity SET uuid = ? WHERE id = 1", (recorded[0],))
    return recorded[0]


def separate_copy(conn: sqlite3.Connection, backup_dir: Path, db_path: Path) -> str | None:
    """Give `db_path` an identity of its own when it is a copy of another database file.

    A file copied in the file manager carries its original's identity, so the two would
    share backups: each would be offered the other's, and the one opened second would
    find "today's backup" already made and never get its own. The location file in the
    backup folder names the file an identity belongs to; when that is another file that
    still exists with the same identity, the file opened now is the copy and gets a new
    identity (the original keeps its own and its backups). A file that was moved (the
    recorded one is gone) keeps its identity. Returns the identity the copy had, or None.
    """
    import uuid

    current = sid.read_from_connection(conn)
    if current is None:
        return None
    here = Path(db_path).resolve()
    recorded = _recorded_path(location_file(backup_dir, current), current)
    if recorded is None or recorded == here or not recorded.exists():
        record_location(backup_dir, current, here)  # if the folder exists: opening makes none
        return None
    with contextlib.suppress(OSError):
        if os.path.samefile(recorded, here):  # a link to the same file, not a copy
            return None
    if sid.read_identity(recorded) != current:
        record_location(backup_dir, current, here)  # the other file is another database now
        return None
    fresh = str(uuid.uuid4())
    conn.execute("UPDATE database_identity SET uuid = ? WHERE id = 1", (fresh,))
    conn.commit()
    record_location(backup_dir, fresh, here)
    return current


def _recorded_path(location: Path, identity: str) -> Path | None:
    try:
        lines = location.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeError):
        return None
    if len(lines) < 2 or lines[0] != identity:
        return None
    return Path(lines[1])


def location_file(folder: Path, identity: str) -> Path:
    return Path(folder) / f"{LOCATION_PREFIX}{sid.short(identity)}{LOCATION_SUFFIX}"


def record_location(folder: Path, identity: str, db_path: Path) -> None:
    """Note in the backup folder which file the database `identity` is. Best effort: the
    backup itself is what matters."""
    text = f"{identity}\n{Path(db_path).resolve()}\n"
    target = location_file(folder, identity)
    with contextlib.suppress(OSError, UnicodeError):
        if target.is_file() and target.read_text(encoding="utf-8") == text:
            return
        tmp = target.with_name(f"{target.name}.{os.getpid()}.tmp")
        create_private_file(tmp, text.encode("utf-8"), exclusive=False)
        os.replace(tmp, target)


def identities_at(folder: Path, db_path: Path) -> list[str]:
    """The identities the location files in `folder` record for the file `db_path`, the
    most recently recorded first (a file replaced by another database has several)."""
    found: list[tuple[float, str]] = []
    where = str(Path(db_path).resolve())
    folder = Path(folder)
    if not folder.is_dir():
        return []
    for f in folder.glob(f"{LOCATION_PREFIX}*{LOCATION_SUFFIX}"):
        try:
            lines = f.read_text(encoding="utf-8").splitlines()
            if len(lines) >= 2 and lines[1] == where and sid.is_uuid(lines[0]):
                found.append((f.stat().st_mtime, lines[0]))
        except (OSError, UnicodeError):
            continue
    return [ident for _mtime, ident in sorted(found, reverse=True)]


def raw_copy(db_path: Path, backup_dir: Path, reason: str) -> Path:
    """A byte copy of a file the backup API cannot read (it is damaged), with its WAL.
    Only for keeping evidence before it is replaced: never restored automatically."""
    import shutil

    # Named by the identity if it can still be read: evidence of this database only.
    identity = sid.read_identity(db_path)
    folder = prepare_folder(Path(backup_dir), tighten=Path(backup_dir) == default_backup_dir(Path(db_path)))
    dest = _unique(folder / backup_name(db_path, f"{reason}-{DAMAGED_COPY}", identity=identity))
    try:
        # Created private first: copyfile keeps the mode of the file it writes into,
        # where copy2 would copy a 0644 source's mode.
        create_private_file(dest)
        shutil.copyfile(db_path, dest)
        wal = Path(db_path).with_name(Path(db_path).name + "-wal")
        if wal.exists():
            wal_copy = dest.with_name(dest.name + "-wal")
            create_private_file(wal_copy, exclusive=False)
            shutil.copyfile(wal, wal_copy)
    except OSError as exc:
        if exc.errno == errno.ENOSPC:
            raise DiskFull(dest) from exc
        if exc.errno in _UNWRITABLE_ERRNOS:
            raise BackupFolderUnwritable(folder, exc) from exc
        raise DatabaseError(_("Could not write the backup {path}: {error}").format(path=dest, error=exc)) from exc
    make_private(dest)
    return dest


def remove_side_files(db_path: Path) -> None:
    """Delete -wal/-shm/-journal beside `db_path`. Only when nobody has it open: a stale
    WAL left beside a replaced file would be replayed into it and corrupt it."""
    for suffix in _SIDE_FILES:
        Path(db_path).with_name(Path(db_path).name + suffix).unlink(missing_ok=True)


def replace_with_copy(backup: Path, target: Path, identity: str | None = None) -> None:
    """Make `target` a copy of the database `backup`, atomically: the copy is written
    beside the target with the backup API, checked, synced, then renamed over it. The
    caller holds the target's lock and has closed every connection to it. `identity`:
    the identity the file keeps (see services.backups.restore_backup)."""
    target = Path(target)
    tmp = target.with_name(target.name + ".restore-tmp")
    tmp.unlink(missing_ok=True)
    src = connect_readonly(Path(backup))  # _copy_via_backup_api creates `tmp` 0600
    try:
        _copy_via_backup_api(src, tmp, identity)
    except sqlite3.Error as exc:
        tmp.unlink(missing_ok=True)
        if isinstance(classify(exc, target), DiskFull):
            raise DiskFull(target) from exc
        raise DatabaseError(_("Could not write the database {path}: {error}").format(path=target, error=exc)) from exc
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        if exc.errno == errno.ENOSPC:
            raise DiskFull(target) from exc
        raise DatabaseError(_("Could not write the database {path}: {error}").format(path=target, error=exc)) from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    finally:
        src.close()
    try:
        remove_side_files(target)
        os.replace(tmp, target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise DatabaseError(_("Could not write the database {path}: {error}").format(path=target, error=exc)) from exc
    _fsync_dir(target.parent)
