"""Consistent copies of a live database through SQLite's online backup API (never a file
copy, which can catch a half-written WAL)."""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from pathlib import Path

from tryggapp.i18n import _
from tryggapp.storage.errors import DatabaseError, DiskFull


def _slug(text: str) -> str:
    return re.sub(r"[^0-9A-Za-zåäöÅÄÖ_-]+", "-", text).strip("-")


def backup_file(source: Path, dest: Path) -> Path:
    """Copy the database at `source` to `dest` (a new file) and verify the copy."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_suffix(dest.suffix + ".part")
    try:
        src = sqlite3.connect(f"{Path(source).resolve().as_uri()}?mode=ro", uri=True)
        try:
            out = sqlite3.connect(tmp)
            try:
                src.backup(out)
                ok = out.execute("PRAGMA quick_check").fetchone()[0]
            finally:
                out.close()
        finally:
            src.close()
        if ok != "ok":
            raise DatabaseError(_("The backup {path} failed its integrity check.").format(path=dest))
        tmp.replace(dest)
    except sqlite3.OperationalError as exc:
        tmp.unlink(missing_ok=True)
        if "full" in str(exc).lower():
            raise DiskFull(dest) from exc
        raise DatabaseError(_("Could not write the backup {path}: {error}").format(path=dest, error=exc)) from exc
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise DatabaseError(_("Could not write the backup {path}: {error}").format(path=dest, error=exc)) from exc
    return dest


def backup_name(db_path: Path, reason: str, when: dt.datetime | None = None) -> str:
    when = when or dt.datetime.now()
    return f"{Path(db_path).stem}-{when:%Y%m%d-%H%M%S}-{_slug(reason)}.db"


def make_backup(db_path: Path, backup_dir: Path, reason: str) -> Path:
    return backup_file(db_path, Path(backup_dir) / backup_name(db_path, reason))
