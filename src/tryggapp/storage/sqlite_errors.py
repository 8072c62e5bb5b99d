"""What went wrong, from SQLite's numeric result code, never from its message text.

Every place that turns an sqlite3 / SQLAlchemy error into a message for the user asks
`classify()` here. SQLite's messages are English, may change between versions, and the
same words mean different things ("disk I/O error" is a full disk when the shared-memory
file cannot grow, a dying USB stick otherwise); the codes are documented and stable:
https://www.sqlite.org/rescode.html. Python 3.11 exposes them as `sqlite_errorcode`
(the extended code; the primary code is its low byte) and `sqlite_errorname`."""

from __future__ import annotations

import shutil
from pathlib import Path

from tryggapp.storage.errors import (
    CorruptDatabase,
    DatabaseBusy,
    DatabaseError,
    DatabaseReadOnly,
    DatabaseUnreadable,
    DiskFull,
    DiskIOError,
    NotADatabase,
)

# Primary result codes (sqlite3.h).
SQLITE_PERM = 3
SQLITE_BUSY = 5
SQLITE_LOCKED = 6
SQLITE_NOMEM = 7
SQLITE_READONLY = 8
SQLITE_IOERR = 10
SQLITE_CORRUPT = 11
SQLITE_FULL = 13
SQLITE_CANTOPEN = 14
SQLITE_NOTADB = 26
# Extended codes that name a full disk although their primary code is IOERR: the WAL
# index (-shm) or a temporary file could not be made larger.
SQLITE_IOERR_SHMSIZE = SQLITE_IOERR | (19 << 8)
SQLITE_IOERR_SHMMAP = SQLITE_IOERR | (21 << 8)
_SPACE_IOERRS = {SQLITE_IOERR_SHMSIZE, SQLITE_IOERR_SHMMAP}
# Below this much free space an I/O error is most likely the disk being full.
LOW_SPACE_BYTES = 1 << 20

SQLITE_MAGIC = b"SQLite format 3\x00"


def extended_code(exc: BaseException) -> int | None:
    """SQLite's extended result code of `exc` (an sqlite3 error or SQLAlchemy's wrapper)."""
    orig = getattr(exc, "orig", None) or exc
    code = getattr(orig, "sqlite_errorcode", None)
    return code if isinstance(code, int) else None


def result_code(exc: BaseException) -> int | None:
    """The primary result code: the low byte of the extended code."""
    code = extended_code(exc)
    return None if code is None else code & 0xFF


def error_name(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None) or exc
    return str(getattr(orig, "sqlite_errorname", "") or type(orig).__name__)


def _low_on_space(path: Path | None) -> bool:
    if path is None:
        return False
    folder = Path(path).parent
    try:
        return shutil.disk_usage(folder).free < LOW_SPACE_BYTES
    except OSError:
        return False


def _has_sqlite_header(path: Path | None) -> bool:
    try:
        with Path(path).open("rb") as fh:  # type: ignore[arg-type]
            return fh.read(16) == SQLITE_MAGIC
    except (OSError, TypeError):
        return False


def classify(exc: BaseException, path: Path | None, *, opening: bool = False,
             writing: bool = True) -> DatabaseError | None:
    """The user-facing error for `exc`, or None when SQLite reported something that is not
    the user's to act on (a bug: let it propagate, it is logged with its traceback).

    `opening`: the error came while opening the file (the messages then say the file
    could not be opened, not that a change was lost). `writing`: the operation meant to
    write the file (a CANTOPEN then means its folder is not writable)."""
    code = extended_code(exc)
    if code is None:
        return None
    primary = code & 0xFF
    if primary == SQLITE_FULL or code in _SPACE_IOERRS:
        return DiskFull(path, opening=opening)
    if primary == SQLITE_IOERR:
        return DiskFull(path, opening=opening) if _low_on_space(path) else DiskIOError(path, error_name(exc))
    if primary in (SQLITE_READONLY, SQLITE_PERM):
        return DatabaseReadOnly(path) if path is not None else None
    if primary in (SQLITE_BUSY, SQLITE_LOCKED):
        return DatabaseBusy(path)
    if primary == SQLITE_CORRUPT:
        return CorruptDatabase(path, error_name(exc)) if path is not None else None
    if primary == SQLITE_NOTADB:
        if path is None:
            return None
        # With SQLite's own header it is an SQLite file whose header is damaged.
        return CorruptDatabase(path, error_name(exc)) if _has_sqlite_header(path) else NotADatabase(path)
    if primary == SQLITE_CANTOPEN:
        if path is None:
            return None
        return DatabaseReadOnly(path) if writing else DatabaseUnreadable(path)
    return None
