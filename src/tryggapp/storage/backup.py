"""Consistent copies of a live database through SQLite's online backup API (never a file
copy, which can catch a half-written WAL), and putting a copy back in place.

Backups are named `<db stem>-<YYYYmmdd-HHMMSS>-<reason>.db`; storage.rotation reads the
time and reason back from the name to decide what to keep."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import sqlite3
from pathlib import Path

from tryggapp.i18n import _
from tryggapp.storage.engine import connect_readonly
from tryggapp.storage.errors import DatabaseError, DiskFull
from tryggapp.storage.sqlite_errors import classify

# Reasons written into backup names (Swedish: the user sees these file names).
DAILY = "daglig"
MANUAL = "manuell"
BEFORE_MIGRATION = "före-migrering"  # followed by "-<old revision>"
BEFORE_IMPORT = "före-import"
BEFORE_RESTORE = "före-återställning"
DAMAGED_COPY = "skadad"  # raw file copy of a file the backup API could not read

_SIDE_FILES = ("-wal", "-shm", "-journal")


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
    """Never overwrite an existing backup (two backups in the same second)."""
    if not dest.exists():
        return dest
    for n in range(2, 1000):
        candidate = dest.with_name(f"{dest.stem}-{n}{dest.suffix}")
        if not candidate.exists():
            return candidate
    raise DatabaseError(_("Could not write the backup {path}: {error}").format(path=dest, error="exists"))


def _copy_via_backup_api(src: sqlite3.Connection, tmp: Path) -> None:
    """Copy `src` into the new file `tmp`, check it and flush it to disk."""
    out = sqlite3.connect(tmp)
    try:
        src.backup(out)
        # A backup is one self-contained file: in WAL mode even reading it would create
        # -wal/-shm files beside it, and copying it elsewhere could leave data behind.
        out.execute("PRAGMA journal_mode=DELETE")
        ok = out.execute("PRAGMA quick_check").fetchone()[0]
    finally:
        out.close()
    if ok != "ok":
        raise DatabaseError(_("The backup {path} failed its integrity check.").format(path=tmp))
    _fsync_file(tmp)


def _write_copy(src: sqlite3.Connection, dest: Path) -> Path:
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest = _unique(dest)
    tmp = dest.with_suffix(dest.suffix + ".part")
    try:
        _copy_via_backup_api(src, tmp)
        tmp.replace(dest)
        _fsync_dir(dest.parent)
    except sqlite3.Error as exc:
        tmp.unlink(missing_ok=True)
        if isinstance(classify(exc, dest), DiskFull):
            raise DiskFull(dest) from exc
        raise DatabaseError(_("Could not write the backup {path}: {error}").format(path=dest, error=exc)) from exc
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        if getattr(exc, "errno", None) == 28:  # ENOSPC
            raise DiskFull(dest) from exc
        raise DatabaseError(_("Could not write the backup {path}: {error}").format(path=dest, error=exc)) from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return dest


def backup_file(source: Path, dest: Path) -> Path:
    """Copy the database at `source` to `dest` (a new file) and verify the copy.

    Returns the path written (`dest`, or `dest` with a number if that name was taken)."""
    try:
        src = connect_readonly(Path(source))
    except sqlite3.Error as exc:
        raise DatabaseError(_("Could not read the database {path}: {error}").format(path=source, error=exc)) from exc
    try:
        return _write_copy(src, Path(dest))
    finally:
        src.close()


def backup_connection(conn: sqlite3.Connection, dest: Path) -> Path:
    """Copy what an open connection sees to `dest`. Used to rescue the data when the
    file was deleted under a running app: the open connection still reads it."""
    return _write_copy(conn, Path(dest))


def backup_name(db_path: Path, reason: str, when: dt.datetime | None = None) -> str:
    when = when or dt.datetime.now()
    return f"{Path(db_path).stem}-{when:%Y%m%d-%H%M%S}-{_slug(reason)}.db"


def make_backup(db_path: Path, backup_dir: Path, reason: str, when: dt.datetime | None = None) -> Path:
    return backup_file(db_path, Path(backup_dir) / backup_name(db_path, reason, when))


def raw_copy(db_path: Path, backup_dir: Path, reason: str) -> Path:
    """A byte copy of a file the backup API cannot read (it is damaged), with its WAL.
    Only for keeping evidence before it is replaced: never restored automatically."""
    import shutil

    dest = _unique(Path(backup_dir) / backup_name(db_path, f"{reason}-{DAMAGED_COPY}"))
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(db_path, dest)
        wal = Path(db_path).with_name(Path(db_path).name + "-wal")
        if wal.exists():
            shutil.copy2(wal, dest.with_name(dest.name + "-wal"))
    except OSError as exc:
        if exc.errno == 28:  # ENOSPC
            raise DiskFull(dest) from exc
        raise DatabaseError(_("Could not write the backup {path}: {error}").format(path=dest, error=exc)) from exc
    return dest


def remove_side_files(db_path: Path) -> None:
    """Delete -wal/-shm/-journal beside `db_path`. Only when nobody has it open: a stale
    WAL left beside a replaced file would be replayed into it and corrupt it."""
    for suffix in _SIDE_FILES:
        Path(db_path).with_name(Path(db_path).name + suffix).unlink(missing_ok=True)


def replace_with_copy(backup: Path, target: Path) -> None:
    """Make `target` a copy of the database `backup`, atomically: the copy is written
    beside the target with the backup API, checked, synced, then renamed over it. The
    caller holds the target's lock and has closed every connection to it."""
    target = Path(target)
    tmp = target.with_name(target.name + ".restore-tmp")
    tmp.unlink(missing_ok=True)
    src = connect_readonly(Path(backup))
    try:
        _copy_via_backup_api(src, tmp)
    except sqlite3.Error as exc:
        tmp.unlink(missing_ok=True)
        if isinstance(classify(exc, target), DiskFull):
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
