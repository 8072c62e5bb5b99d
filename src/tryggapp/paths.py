"""Where things live: the user's data folder, resources, the default database; and how
Tryggapp's own files are created there: private to the user on POSIX."""

from __future__ import annotations

import contextlib
import importlib.resources
import logging.handlers
import os
from pathlib import Path

from platformdirs import PlatformDirs

_DIRS = PlatformDirs(appname="Tryggapp", appauthor=False, roaming=False)


def data_dir() -> Path:
    """%LOCALAPPDATA%\\Tryggapp on Windows, ~/.local/share/Tryggapp on Linux."""
    override = os.environ.get("TRYGGAPP_DATA_DIR")
    return Path(override) if override else Path(_DIRS.user_data_dir)


def log_dir() -> Path:
    return data_dir() / "logs"


def default_database_path() -> Path:
    env = os.environ.get("TRYGGAPP_DB")
    if env:
        return Path(env).expanduser()
    return data_dir() / "tryggapp.db"


def default_backup_dir(db_path: Path) -> Path:
    """Backups sit beside the database in a 'säkerhetskopior' folder unless the user chose one."""
    return db_path.resolve().parent / "säkerhetskopior"


def package_dir() -> Path:
    """The installed `tryggapp` package as a folder, found with importlib.resources: the
    same call in a wheel install, an editable checkout and a PyInstaller bundle (whose
    importer serves files collected under `tryggapp/`). Tryggapp is never run zipped, so
    the package is always a real folder."""
    return Path(os.fspath(importlib.resources.files("tryggapp")))


def resources_dir() -> Path:
    """Fonts and icons: `tryggapp/resources` inside the package (setup.py's build step
    copies the repository's `resources/` there); in a source checkout, that folder itself."""
    bundled = package_dir() / "resources"
    if bundled.is_dir():
        return bundled
    return package_dir().parent.parent / "resources"


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


# --- private files --------------------------------------------------------------------
# The database, its backups, the lock file and the logs hold names, e-mail addresses and
# minutes: on POSIX they are created 0600 in folders created 0700, whatever the umask
# (a mode given to os.open/mkdir is only ever narrowed by the umask, so these never come
# out wider). Windows keeps its per-user profile ACLs; modes mean nothing there.
PRIVATE_FILE_MODE = 0o600
PRIVATE_DIR_MODE = 0o700
_POSIX = os.name == "posix"


def private_dir(folder: Path, *, tighten: bool = False) -> Path:
    """Create `folder` and any missing parents 0700. An existing folder keeps its mode
    unless `tighten` (only for folders that are Tryggapp's own: the data folder, the log
    folder, the default backup folder), never a folder of the user's choosing."""
    folder = Path(folder)
    missing: list[Path] = []
    current = folder
    while not current.exists() and current.parent != current:
        missing.append(current)
        current = current.parent
    for path in reversed(missing):
        try:
            path.mkdir(mode=PRIVATE_DIR_MODE)
        except FileExistsError:
            continue  # made at the same moment by another process: not ours to change
        if _POSIX:
            os.chmod(path, PRIVATE_DIR_MODE)
    if tighten and _POSIX and not missing:
        with contextlib.suppress(OSError):  # somebody else's folder: leave it
            if folder.stat().st_mode & 0o077:
                os.chmod(folder, PRIVATE_DIR_MODE)
    return folder


def create_private_file(path: Path, data: bytes = b"", *, exclusive: bool = True) -> None:
    """Create `path` 0600 holding `data` (FileExistsError if it exists and `exclusive`;
    otherwise it is truncated and made private)."""
    flags = os.O_WRONLY | os.O_CREAT | (os.O_EXCL if exclusive else os.O_TRUNC) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags, PRIVATE_FILE_MODE)
    try:
        if _POSIX:
            os.fchmod(fd, PRIVATE_FILE_MODE)
        if data:
            os.write(fd, data)
    finally:
        os.close(fd)


def make_private(path: Path) -> None:
    """Narrow an existing file to 0600 (a copy made by a library that set its own mode)."""
    if _POSIX:
        with contextlib.suppress(OSError):
            os.chmod(path, PRIVATE_FILE_MODE)


class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """The log file, created 0600 (an existing one is narrowed); rotated files are renames
    of it and keep that mode."""

    def _open(self):  # noqa: ANN202 - the base class's signature
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, PRIVATE_FILE_MODE)
        if _POSIX:
            os.fchmod(fd, PRIVATE_FILE_MODE)
        return os.fdopen(fd, self.mode, encoding=self.encoding, errors=self.errors)


# -- what --db names (issue 18) --------------------------------------------------------------
# A database file, or a team database's postgresql:// URL (storage.location makes the
# object; this test alone is here, for modules below storage).
SERVER_SCHEMES = ("postgresql://", "postgresql+psycopg://", "postgres://")


def is_server_text(text: object) -> bool:
    return str(text).lower().startswith(SERVER_SCHEMES)

