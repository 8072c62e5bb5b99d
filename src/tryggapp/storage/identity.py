"""A database's identity: the UUID revision 0002 stores in it (domain.DatabaseIdentity).

Backups are named and matched by it (storage.backup, storage.rotation), so two databases
with the same file name sharing one backup folder never take each other's backups."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

from tryggapp.storage.engine import connect_readonly

# How much of the UUID goes into a backup's file name: 8 hex digits (32 bits) tell the few
# databases of one municipality apart and keep the names readable. Restoring checks the
# full UUID stored in the backup itself (services.backups).
SHORT_LENGTH = 8
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def short(identity: str) -> str:
    return identity.replace("-", "")[:SHORT_LENGTH]


def read_from_connection(conn: sqlite3.Connection) -> str | None:
    try:
        row = conn.execute("SELECT uuid FROM database_identity WHERE id = 1").fetchone()
    except sqlite3.Error:
        return None  # a file from before revision 0002, or too damaged to read
    value = str(row[0]).lower() if row and row[0] else None
    return value if value and _UUID.match(value) else None


def read_identity(path: Path) -> str | None:
    """The UUID stored in the database file at `path`, read without writing; None when
    the file has none (made before revision 0002) or cannot be read (damaged, missing).
    Best effort on purpose: a damaged file often still reads its first pages."""
    try:
        conn = connect_readonly(Path(path))
    except sqlite3.Error:
        return None
    try:
        return read_from_connection(conn)
    finally:
        conn.close()


def is_uuid(text: str) -> bool:
    return bool(_UUID.match(text.strip().lower()))
