"""Two copies of one database file get identities of their own (issue 9: a copy made in
the file manager shared its original's identity, so the two shared backups)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from tryggapp.paths import default_backup_dir
from tryggapp.services import backups
from tryggapp.storage import identity as sid
from tryggapp.storage.database import open_database

TODAY = dt.date(2026, 11, 29)


def _make(path: Path, shared: Path) -> str:
    shared.mkdir(exist_ok=True)  # as after the first backup: opening makes no folder
    db = open_database(path, create=True, backup_dir=shared)
    try:
        assert db.copy_of_identity is None
        return backups.identity_of(db)
    finally:
        db.close()


def test_a_copy_opened_beside_its_original_gets_its_own_identity_and_backups(tmp_path):
    shared = tmp_path / "backups"  # the backup folder both files are set to use
    original = tmp_path / "office" / "tryggapp.db"
    original.parent.mkdir()
    first = _make(original, shared)
    copy = tmp_path / "usb" / "tryggapp.db"  # same name, other folder, same backup folder
    copy.parent.mkdir()
    shutil.copy(original, copy)
    assert sid.read_identity(copy) == first

    db_copy = open_database(copy, backup_dir=shared)
    try:
        assert db_copy.copy_of_identity == first
        assert backups.identity_of(db_copy) not in (None, first)
        db_orig = open_database(original, backup_dir=shared)
        try:
            assert db_orig.copy_of_identity is None
            assert backups.identity_of(db_orig) == first  # the original keeps its own
            made = backups.ensure_daily_backup(db_orig, TODAY)
            assert made is not None
            # The copy is not satisfied by the original's daily backup, and is not offered it.
            assert made not in backups.list_backups(copy, shared)
            own = backups.ensure_daily_backup(db_copy, TODAY)
            assert own is not None and own != made
            assert [b.path for b in backups.list_backups(copy, shared)] == [own]
            assert [b.path for b in backups.list_backups(original, shared)] == [made]
        finally:
            db_orig.close()
    finally:
        db_copy.close()
    # Opened again, each keeps the identity it has now.
    again = open_database(copy, backup_dir=shared)
    try:
        assert again.copy_of_identity is None
    finally:
        again.close()


def test_a_moved_file_keeps_its_identity(tmp_path):
    shared = tmp_path / "backups"
    before = tmp_path / "a" / "tryggapp.db"
    before.parent.mkdir()
    first = _make(before, shared)
    after = tmp_path / "b" / "tryggapp.db"
    after.parent.mkdir()
    shutil.move(before, after)
    db = open_database(after, backup_dir=shared)
    try:
        assert db.copy_of_identity is None
        assert backups.identity_of(db) == first
    finally:
        db.close()
    # The location now names the new place: a later copy of it is told apart again.
    third = tmp_path / "c.db"
    shutil.copy(after, third)
    db = open_database(third, backup_dir=shared)
    try:
        assert db.copy_of_identity == first
    finally:
        db.close()


def test_check_says_a_copy_got_its_own_identity(tmp_path, capsys):
    from tryggapp.main import main

    original = tmp_path / "tryggapp.db"
    _make(original, default_backup_dir(original))
    copy = tmp_path / "tryggapp-kopia.db"
    shutil.copy(original, copy)
    assert main(["check", "--db", str(copy)]) == 0
    assert "kopia av en annan databas" in capsys.readouterr().out
    assert sid.read_identity(copy) != sid.read_identity(original)
