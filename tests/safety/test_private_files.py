"""Private files (issue 9, item 6): on POSIX the database, its -wal/-shm, the lock file,
backups and logs are created 0600 in folders created 0700, whatever the umask. They held
names, e-mail addresses and minutes readable by every local user (0644 in 0755)."""

from __future__ import annotations

import datetime as dt
import logging
import os
import stat
from pathlib import Path

import pytest

from tryggapp import domain as d
from tryggapp.services import backups
from tryggapp.storage import backup as sb
from tryggapp.storage import open_database
from tryggapp.storage.lock import lock_path

pytestmark = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(autouse=True)
def usual_umask():
    """The common default, which made everything world-readable."""
    old = os.umask(0o022)
    yield
    os.umask(old)


def assert_private(paths: list[Path]) -> None:
    wrong = {str(p): oct(mode(p)) for p in paths
             if mode(p) != (0o700 if p.is_dir() else 0o600)}
    assert wrong == {}


def test_a_new_database_its_side_files_lock_and_folder_are_private(tmp_path):
    path = tmp_path / "ny mapp" / "inre" / "tryggapp.db"
    db = open_database(path, create=True)
    try:
        with db.session() as s:  # a write, so the WAL has content
            s.add(d.Municipality(name="Alby kommun"))
        wal, shm = Path(f"{path}-wal"), Path(f"{path}-shm")
        assert wal.exists() and shm.exists() and lock_path(path).exists()
        db.heartbeat()  # rewrites the lock file
        assert_private([path, wal, shm, lock_path(path), path.parent, path.parent.parent])
    finally:
        db.close()


def test_backups_their_folder_and_location_file_are_private(filled_db, tmp_path):
    made = backups.backup_now(filled_db)
    daily = backups.ensure_daily_backup(filled_db, dt.date(2026, 11, 25))
    chosen = sb.make_backup(filled_db.path, tmp_path / "vald" / "mapp", sb.MANUAL)
    location = next(made.parent.glob(".tryggapp-*.plats"))
    assert_private([made, daily, made.parent, location, chosen, chosen.parent, chosen.parent.parent])


def test_a_damaged_files_raw_copy_is_private(filled_db, tmp_path):
    path = filled_db.path
    os.chmod(path, 0o644)  # as older versions made it
    copy = sb.raw_copy(path, tmp_path / "bevis", sb.BEFORE_RESTORE)
    assert_private([copy, copy.parent])


def test_the_migration_backup_is_private_and_an_old_backup_folder_is_narrowed(tmp_path):
    from tests.safety.test_identity import _database_at_0001

    path = tmp_path / "tryggapp.db"
    _database_at_0001(path)
    folder = tmp_path / "säkerhetskopior"
    folder.mkdir(mode=0o755)  # made by an older version
    os.chmod(folder, 0o755)
    db = open_database(path)
    try:
        assert db.migration_backup is not None
        assert_private([db.migration_backup, folder])
    finally:
        db.close()
    assert mode(path) == 0o644  # an existing database keeps its mode and keeps working


def test_the_log_and_its_folders_are_private(tmp_path, _isolated_data_dir):
    from tryggapp.ui.app import setup_logging

    os.chmod(_isolated_data_dir, 0o755)  # an existing data folder from an older version
    root = logging.getLogger()
    before = list(root.handlers)
    log_path = setup_logging()
    try:
        logging.getLogger("tryggapp.test").warning("ett meddelande")
        for h in root.handlers:
            h.flush()
        assert log_path.stat().st_size > 0
        assert_private([log_path, log_path.parent, _isolated_data_dir])
    finally:
        for h in root.handlers:
            if h not in before:
                root.removeHandler(h)
                h.close()


def test_an_existing_log_file_is_narrowed_and_appended_to(tmp_path, _isolated_data_dir):
    from tryggapp.ui.app import setup_logging

    folder = _isolated_data_dir / "logs"
    folder.mkdir()
    old = folder / "tryggapp.log"
    old.write_text("tidigare rad\n")
    os.chmod(old, 0o644)
    root = logging.getLogger()
    before = list(root.handlers)
    setup_logging()
    try:
        logging.getLogger("tryggapp.test").warning("ny rad")
        for h in root.handlers:
            h.flush()
        assert old.read_text().startswith("tidigare rad\n") and "ny rad" in old.read_text()
        assert_private([old, folder])
    finally:
        for h in root.handlers:
            if h not in before:
                root.removeHandler(h)
                h.close()
