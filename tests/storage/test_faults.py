"""Faults named truly: SQLite's numeric result codes, not its message text, decide what
the user is told (storage.sqlite_errors)."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy.exc import OperationalError as SAOperationalError

from tryggapp import domain as d
from tryggapp.services import crud
from tryggapp.storage import open_database
from tryggapp.storage import sqlite_errors as se
from tryggapp.storage.errors import (
    CorruptDatabase,
    DatabaseBusy,
    DatabaseReadOnly,
    DatabaseUnreadable,
    DiskFull,
    DiskIOError,
    NotADatabase,
)

HERE = Path(__file__).resolve().parent


def sqlite_error(code: int, message: str = "some English text", cls: type = sqlite3.OperationalError):
    """An sqlite3 error as Python 3.11 raises it: the extended code in `sqlite_errorcode`.
    The message text is deliberately misleading: only the code may decide."""
    exc = cls(message)
    exc.sqlite_errorcode = code
    exc.sqlite_errorname = f"CODE_{code}"
    return exc


@pytest.mark.parametrize(("code", "expected"), [
    (13, DiskFull),                    # SQLITE_FULL
    (10 | (19 << 8), DiskFull),        # SQLITE_IOERR_SHMSIZE: the -shm file cannot grow
    (10 | (3 << 8), DiskIOError),      # SQLITE_IOERR_WRITE with space left
    (8, DatabaseReadOnly),             # SQLITE_READONLY
    (8 | (1 << 8), DatabaseReadOnly),  # SQLITE_READONLY_RECOVERY
    (3, DatabaseReadOnly),             # SQLITE_PERM
    (5, DatabaseBusy),                 # SQLITE_BUSY
    (6, DatabaseBusy),                 # SQLITE_LOCKED
    (11, CorruptDatabase),             # SQLITE_CORRUPT
    (14, DatabaseReadOnly),            # SQLITE_CANTOPEN while writing
])
def test_result_codes_decide_not_the_message(tmp_path, code, expected):
    path = tmp_path / "kommun.db"
    for message in ("database or disk is full", "attempt to write a readonly database", "x"):
        assert type(se.classify(sqlite_error(code, message), path)) is expected
        # SQLAlchemy's wrapper carries the driver's error in .orig
        wrapped = SAOperationalError("INSERT ...", {}, sqlite_error(code, message))
        assert type(se.classify(wrapped, path)) is expected


def test_text_alone_no_longer_decides(tmp_path):
    """The old code called anything mentioning 'full' a full disk."""
    assert se.classify(sqlite_error(1, "database or disk is full"), tmp_path / "a.db") is None
    assert se.classify(sqlite_error(19, "CHECK constraint failed: full"), tmp_path / "a.db") is None


def test_cantopen_while_reading_is_unreadable_and_notadb_depends_on_header(tmp_path):
    path = tmp_path / "kommun.db"
    assert isinstance(se.classify(sqlite_error(14), path, writing=False), DatabaseUnreadable)
    path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 200)
    assert isinstance(se.classify(sqlite_error(26), path), CorruptDatabase)
    path.write_bytes(b"not sqlite at all" * 20)
    assert isinstance(se.classify(sqlite_error(26), path), NotADatabase)


def test_a_save_on_a_full_disk_says_disk_full_whatever_the_text(demo_db):
    """The session translates by code: SQLITE_FULL with an unrelated message."""
    from sqlalchemy import event

    def fail(conn, cursor, statement, parameters, context, executemany):  # noqa: ANN001, ARG001
        if statement.lstrip().upper().startswith("INSERT INTO ORGANISATION"):
            raise sqlite_error(13, "I/O trouble")

    event.listen(demo_db.engine, "before_cursor_execute", fail)
    with pytest.raises(DiskFull) as info:
        crud.create(demo_db, d.Organisation(name="Räddningstjänsten"))
    assert "Disken är full" in info.value.message


def test_full_disk_at_open_is_not_called_damage(demo_path, monkeypatch, capsys):
    """Injected at the read-only inspection (always runs; the real disk is below)."""
    from tryggapp.storage import database

    real = database.connect_readonly

    def full(path):  # noqa: ANN001, ANN202
        conn = real(path)
        conn.close()
        raise sqlite_error(10 | (19 << 8), "disk I/O error")

    monkeypatch.setattr(database, "connect_readonly", full)
    with pytest.raises(DiskFull) as info:
        open_database(demo_path)
    assert "full" in info.value.message and "återställ" not in info.value.message.lower()
    assert not isinstance(info.value, CorruptDatabase)


# --- a REAL full disk: a small tmpfs in a private mount namespace --------------------


def _in_full_tmpfs(tmp_path: Path, template: Path, scenario: str) -> str:
    unshare = shutil.which("unshare")
    if unshare is None:
        pytest.skip("no unshare: cannot mount a small tmpfs for a real full disk")
    mount = tmp_path / "liten-disk"
    mount.mkdir()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    # -r maps us to root in a user namespace where we may mount a tmpfs (also unprivileged).
    flags = ["-m"] if os.geteuid() == 0 else ["-r", "-m"]
    script = 'mount -t tmpfs -o size=3m tmpfs "$1" || exit 97; shift; exec "$@"'
    proc = subprocess.run([unshare, *flags, "sh", "-c", script, "sh", str(mount), sys.executable,
                           str(HERE / "full_disk_probe.py"), str(mount), str(template), scenario],
                          capture_output=True, text=True, env=env)
    if proc.returncode == 97 or "unshare failed" in proc.stderr:
        pytest.skip(f"no right to mount a tmpfs here: {proc.stderr.strip()}")
    assert proc.returncode == 0, proc.stderr
    return proc.stdout + proc.stderr


def test_real_full_disk_at_start_is_disk_full_not_damage(tmp_path, demo_template):
    out = _in_full_tmpfs(tmp_path, demo_template, "start")
    first = out.splitlines()[0]
    assert first.startswith("DiskFull "), out
    assert "är full" in first and "återställ" not in first.lower()
    # `tryggapp check` says the same in one line and exits non-zero, file untouched.
    lines = [line for line in out.splitlines() if line.startswith("tryggapp:")]
    assert len(lines) == 1 and "är full" in lines[0]
    assert "CHECK 0" not in out and "UNCHANGED True" in out


def test_real_full_disk_during_saves_is_disk_full(tmp_path, demo_template):
    out = _in_full_tmpfs(tmp_path, demo_template, "save")
    assert out.startswith("DiskFull Disken är full: ändringen kunde inte sparas"), out
