"""Hostile conditions: each gives a clear Swedish message and loses nothing.

What is real and what is simulated (tests run as root here, and root ignores chmod):
- read-only folder: REAL. A child process gets its own mount namespace (`unshare -m`) in
  which the folder is bind-mounted read-only, so the kernel answers EROFS even to root.
  Without unshare rights (an unprivileged CI), a normal user gets `chmod 555` instead;
  root without either is skipped with the reason. SQLite's own read-only error during a
  save is produced for real with `PRAGMA query_only`.
- disk full: SIMULATED with `PRAGMA max_page_count`, which makes SQLite fail exactly as
  on a full disk (SQLITE_FULL, "database or disk is full").
- file deleted / replaced while open, corrupt page, newer version: REAL files.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sqlalchemy import event

from tests.safety.conftest import all_rows, integrity, is_root
from tryggapp import domain as d
from tryggapp.main import main
from tryggapp.services import backups, crud
from tryggapp.storage import open_database
from tryggapp.storage.database import DatabaseReplaced
from tryggapp.storage.errors import CorruptDatabase, DatabaseReadOnly, DiskFull, NewerDatabase
from tryggapp.storage.lock import lock_path

# --- read-only folder --------------------------------------------------------------

PROBE = textwrap.dedent("""
    import sys
    from pathlib import Path
    from tryggapp import i18n
    i18n.install("sv")
    from tryggapp import domain as d
    from tryggapp.services import crud
    from tryggapp.storage import open_database
    from tryggapp.storage.errors import DatabaseReadOnly
    path = Path(sys.argv[1])
    try:
        open_database(path).close()
        print("WRITABLE")
    except DatabaseReadOnly as exc:
        print("READONLY", exc)
    db = open_database(path, read_only=True)   # what the UI offers instead
    print("PEOPLE", sorted(p.name for p in crud.list_all(db, d.Person)))
    db.close()
""")


def _run_in_read_only_folder(folder: Path, db_path: Path) -> str:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    probe = [sys.executable, "-c", PROBE, str(db_path)]
    if not is_root():
        folder.chmod(0o555)
        try:
            return subprocess.run(probe, capture_output=True, text=True, env=env, check=True).stdout
        finally:
            folder.chmod(0o755)
    unshare = shutil.which("unshare")
    if unshare is None:
        pytest.skip("running as root without unshare: chmod cannot make a folder read-only for root")
    script = 'mount --bind -o ro "$1" "$1" || exit 97; shift; exec "$@"'
    proc = subprocess.run([unshare, "-m", "sh", "-c", script, "sh", str(folder), *probe],
                          capture_output=True, text=True, env=env)
    if proc.returncode in (97, 1) and "PEOPLE" not in proc.stdout:
        pytest.skip(f"running as root without the right to make a read-only mount: {proc.stderr.strip()}")
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def test_read_only_folder_is_refused_for_writing_and_opens_read_only(filled_db, tmp_path):
    path = filled_db.path
    filled_db.close()
    for side in ("-wal", "-shm"):
        assert not Path(str(path) + side).exists()  # closed cleanly: only the .db is left
    before = all_rows(path)
    out = _run_in_read_only_folder(path.parent, path)
    assert "READONLY" in out and "Det går inte att skriva till databasen" in out and "skrivskyddad" in out, out
    assert "PEOPLE ['Lena Holm', 'Örjan Åkesson']" in out
    assert all_rows(path) == before
    assert not lock_path(path).exists()


def test_sqlite_refusing_to_write_during_a_save_gives_the_read_only_message(filled_db):
    before = all_rows(filled_db.path)

    @event.listens_for(filled_db.engine, "connect")
    def _query_only(dbapi_conn, _record):  # noqa: ANN001
        dbapi_conn.execute("PRAGMA query_only=ON")  # SQLite now answers SQLITE_READONLY

    filled_db.engine.dispose()
    with pytest.raises(DatabaseReadOnly) as info:
        crud.update(filled_db, d.Person, filled_db.ids["person"], {"name": "Ny"})
    assert "skrivskyddad" in str(info.value)
    event.remove(filled_db.engine, "connect", _query_only)
    filled_db.engine.dispose()
    assert all_rows(filled_db.path) == before


# --- disk full ---------------------------------------------------------------------


def _fill_the_disk(db) -> None:  # noqa: ANN001
    """Cap the file a few pages above its size on every new connection: SQLite then
    reports SQLITE_FULL exactly as when the disk itself is full."""
    with db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        pages = conn.exec_driver_sql("PRAGMA page_count").scalar()

    def cap(dbapi_conn, _record):  # noqa: ANN001
        dbapi_conn.execute(f"PRAGMA max_page_count={pages + 4}")

    event.listen(db.engine, "connect", cap)
    db.engine.dispose()
    db._disk_cap = cap


def _free_the_disk(db) -> None:  # noqa: ANN001
    event.remove(db.engine, "connect", db._disk_cap)
    db.engine.dispose()


def test_disk_full_during_saves_is_reported_and_loses_nothing(filled_db):
    ids = filled_db.ids
    crud.create(filled_db, d.Measure(action_plan_id=ids["plan"], number=2, title="Sparad före"))
    before = all_rows(filled_db.path)
    _fill_the_disk(filled_db)
    big = "trygghet " * 2000
    with pytest.raises(DiskFull) as info:
        for n in range(3, 50):  # creates (committed by crud) until the disk is full
            crud.create(filled_db, d.Measure(action_plan_id=ids["plan"], number=n, title=f"Ny {n}",
                                             description=big))
    assert "Disken är full" in str(info.value) and "oförändrat" in str(info.value)
    # An update of an existing record is refused the same way.
    with pytest.raises(DiskFull):
        crud.update(filled_db, d.Measure, ids["measure"], {"description": "säkerhet " * 2100})
    _free_the_disk(filled_db)

    after = all_rows(filled_db.path)
    assert integrity(filled_db.path) == ["ok"]
    for table, rows in before.items():  # everything saved earlier is intact
        if table not in ("measure", "audit_entry"):
            assert after[table] == rows, table
    assert set(before["measure"]) <= set(after["measure"])
    # The failed saves left nothing half-done: each measure that exists is logged.
    logged = {r[4] for r in after["audit_entry"] if r[3] == "measure"}
    assert {str(r[0]) for r in after["measure"]} <= logged
    # And once there is space again, saving works.
    crud.update(filled_db, d.Measure, ids["measure"], {"description": "efter"})


# --- file deleted or replaced while open -------------------------------------------


@pytest.mark.skipif(os.name == "nt", reason="Windows does not let an open file be deleted")
def test_file_deleted_while_open_is_detected_and_the_data_can_be_saved(filled_db, tmp_path):
    filled_db.check_file_identity()  # fine so far
    before = all_rows(filled_db.path)
    os.unlink(filled_db.path)
    with pytest.raises(DatabaseReplaced) as info:
        filled_db.check_file_identity()
    assert info.value.deleted and "har tagits bort eller flyttats" in str(info.value)
    # The open connection still reads the deleted file: rescue it.
    rescued = filled_db.save_copy(tmp_path / "räddad.db")
    assert all_rows(rescued) == before
    # A new connection must not quietly create an empty database in its place.
    filled_db.engine.dispose()
    with pytest.raises(Exception):  # noqa: B017 - any error, as long as it is not silent
        crud.list_all(filled_db, d.Person)
    assert not filled_db.path.exists()


def test_file_replaced_while_open_is_detected(filled_db, tmp_path):
    other = tmp_path / "annan.db"
    open_database(other, create=True).close()
    other_bytes = other.read_bytes()
    os.replace(other, filled_db.path)
    with pytest.raises(DatabaseReplaced) as info:
        filled_db.check_file_identity()
    assert not info.value.deleted and "har ersatts av en annan fil" in str(info.value)
    assert filled_db.path.read_bytes() == other_bytes  # we did not touch the newcomer


def test_own_writes_and_checkpoints_do_not_look_like_a_replacement(filled_db):
    for n in range(30):
        crud.update(filled_db, d.Measure, filled_db.ids["measure"], {"description": "x" * 5000 + str(n)})
    with filled_db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    filled_db.check_file_identity()


# --- a corrupt page ----------------------------------------------------------------


def test_corrupt_page_is_refused_at_open_and_the_latest_good_backup_is_offered(filled_db, tmp_path, capsys):
    good = backups.backup_now(filled_db)
    before = all_rows(filled_db.path)
    path = filled_db.path
    filled_db.close()
    # A copy of the file with garbage written into the middle, as a failing disk or an
    # interrupted copy over a network would leave it.
    damaged = tmp_path / "kommun-kopia.db"
    shutil.copy(path, damaged)
    data = bytearray(damaged.read_bytes())
    mid = len(data) // 2
    data[mid:mid + 3000] = os.urandom(3000)
    damaged.write_bytes(bytes(data))
    with pytest.raises(CorruptDatabase) as info:
        open_database(damaged)
    assert "är skadad" in str(info.value) and "senaste säkerhetskopian" in str(info.value)
    assert len(str(info.value)) < 600  # a hint, not pages of integrity_check output
    assert damaged.read_bytes() == bytes(data)
    assert not lock_path(damaged).exists()
    code = main(["check", "--db", str(damaged)])
    assert code != 0 and "skadad" in capsys.readouterr().err

    # The original file's backup is offered for it ...
    offered = backups.latest_backup(path)
    assert offered is not None and offered.path == good
    # ... and restoring it over the damaged file brings everything back.
    shutil.copy(damaged, path)
    backups.restore_backup(path, offered.path)
    assert all_rows(path) == before


# --- a newer version's file --------------------------------------------------------


def test_file_from_a_newer_version_is_refused_and_untouched(filled_db, capsys):
    path = filled_db.path
    filled_db.close()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = '0042_from_tryggapp_3'")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    for read_only in (False, True):
        with pytest.raises(NewerDatabase) as info:
            open_database(path, read_only=read_only)
        assert "nyare version av Tryggapp" in str(info.value) and "inte ändrats" in str(info.value)
    code = main(["backup", "--db", str(path)])  # backing it up is still allowed
    assert code == 0
    assert path.read_bytes() == before
    assert not lock_path(path).exists()
    capsys.readouterr()
