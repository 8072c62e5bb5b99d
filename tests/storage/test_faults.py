"""Faults named truly: SQLite's numeric result codes, not its message text, decide what
the user is told (storage.sqlite_errors)."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy.exc import OperationalError as SAOperationalError

from tryggapp import domain as d
from tryggapp.main import main
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

# SQLite's result codes and files: nothing of it exists on PostgreSQL (issue 18).
pytestmark = pytest.mark.sqlite_only

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


# --- whose file it is: the application id ----------------------------------------------


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def app_id(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("PRAGMA application_id").fetchone()[0]
    finally:
        conn.close()


def set_app_id(path: Path, value: int) -> None:
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA application_id={value}")
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


def foreign_file(path: Path) -> Path:
    """Another program's SQLite database, stamped by its own Alembic at '0001'."""
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY)")
    conn.execute("INSERT INTO alembic_version VALUES ('0001')")
    conn.execute("CREATE TABLE kund (id INTEGER PRIMARY KEY, namn TEXT)")
    conn.execute("INSERT INTO kund (namn) VALUES ('Anna Andersson')")
    conn.commit()
    conn.close()
    return path


def test_foreign_file_with_an_alembic_0001_stamp_is_refused_by_open_and_check(tmp_path, capsys):
    path = foreign_file(tmp_path / "kunder.db")
    before = digest(path)
    with pytest.raises(NotADatabase):
        open_database(path)
    with pytest.raises(NotADatabase):
        open_database(path, read_only=True)
    code = main(["check", "--db", str(path)])
    err = capsys.readouterr().err.strip()
    assert code != 0 and len(err.splitlines()) == 1
    assert "inte en Tryggapp-databas" in err and "Traceback" not in err
    assert digest(path) == before


def test_foreign_file_is_not_restored_over_the_database(tmp_path, demo_path, capsys):
    foreign = foreign_file(tmp_path / "kunder.db")
    before = digest(demo_path)
    code = main(["restore", str(foreign), "--db", str(demo_path), "--yes"])
    err = capsys.readouterr().err.strip()
    assert code != 0 and len(err.splitlines()) == 1 and "inte en Tryggapp-databas" in err
    assert digest(demo_path) == before


def test_another_programs_application_id_is_refused(tmp_path, demo_template):
    path = tmp_path / "annan.db"
    shutil.copy(demo_template, path)
    set_app_id(path, 0x12345678)
    with pytest.raises(NotADatabase):
        open_database(path)


def test_new_and_migrated_files_carry_the_id(tmp_path):
    from tryggapp.storage.database import APPLICATION_ID

    path = tmp_path / "ny.db"
    open_database(path, create=True).close()
    assert app_id(path) == APPLICATION_ID


def test_a_tryggapp_file_without_the_id_is_accepted_and_stamped(tmp_path, demo_template):
    """Before this release the id was written after the creating upgrade, in a second
    transaction: a process killed in between left a genuine file without it."""
    from tryggapp.storage.database import APPLICATION_ID

    path = tmp_path / "utan-id.db"
    shutil.copy(demo_template, path)
    set_app_id(path, 0)
    db = open_database(path, read_only=True)  # read-only: accepted, not written
    db.close()
    assert app_id(path) == 0
    db = open_database(path)
    assert crud.list_all(db, d.Organisation)
    db.close()
    assert app_id(path) == APPLICATION_ID


# --- a zero-byte file ----------------------------------------------------------------


def test_zero_byte_file_is_refused_by_check_and_open(tmp_path, capsys):
    path = tmp_path / "tom.db"
    path.touch()
    assert main(["check", "--db", str(path)]) != 0
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "är tom" in err
    from tryggapp.storage.errors import EmptyDatabaseFile

    with pytest.raises(EmptyDatabaseFile):
        open_database(path)
    with pytest.raises(EmptyDatabaseFile):
        open_database(path, read_only=True)
    assert path.stat().st_size == 0 and not Path(f"{path}-wal").exists()
