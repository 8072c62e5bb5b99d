"""Backups belong to their database (issue 9, item 4): named and matched by the identity
stored in the database, never by file name alone. Two databases both called tryggapp.db
share one backup folder here, as they did when the bug was found: a damaged one was
offered the other's backup with Restore as the default, and one never got its daily
backup."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from tests.safety.conftest import all_rows, populate
from tryggapp import domain as d
from tryggapp.main import main
from tryggapp.services import backups, crud
from tryggapp.storage import backup as sb
from tryggapp.storage import open_database
from tryggapp.storage.errors import CorruptDatabase
from tryggapp.storage.identity import read_identity, short

DAY = dt.datetime(2026, 11, 25, 8, 0)


@pytest.fixture
def twins(tmp_path):
    """Two databases named tryggapp.db in different folders, one shared backup folder."""
    shared = tmp_path / "delad mapp"
    dbs = []
    for town in ("Alby", "Bergby"):
        db = open_database(tmp_path / town / "tryggapp.db", create=True, backup_dir=shared)
        populate(db)
        crud.update(db, d.Municipality, 1, {"name": f"{town} kommun"})
        dbs.append(db)
    yield dbs[0], dbs[1], shared
    for db in dbs:
        db.close()


def municipality(path: Path) -> str:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT name FROM municipality").fetchone()[0]
    finally:
        conn.close()


def damage(path: Path, *, header_too: bool = False) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 2:len(data) // 2 + 8192] = b"\xee" * 8192
    if header_too:  # the identity table's pages are gone as well
        data[100:len(data) // 2] = b"\xee" * (len(data) // 2 - 100)
    path.write_bytes(bytes(data))


def test_backups_are_named_by_the_identity_stored_in_the_database(twins):
    a, b, shared = twins
    made = backups.backup_now(a, now=DAY)
    assert made.name == f"tryggapp-{short(read_identity(a.path))}-20261125-080000-manuell.db"
    assert read_identity(made) == read_identity(a.path) != read_identity(b.path)


def test_each_of_two_same_named_databases_gets_its_own_daily_backup(twins):
    a, b, shared = twins
    first = backups.ensure_daily_backup(a, DAY.date(), now=DAY)
    second = backups.ensure_daily_backup(b, DAY.date(), now=DAY + dt.timedelta(minutes=5))
    assert first is not None and second is not None  # before: b's was never made
    assert read_identity(first) == read_identity(a.path)
    assert read_identity(second) == read_identity(b.path)
    assert backups.ensure_daily_backup(a, DAY.date()) is None  # one a day each
    assert backups.ensure_daily_backup(b, DAY.date()) is None


def test_each_database_lists_and_rotates_only_its_own_backups(twins):
    a, b, shared = twins
    for n in range(15):  # b imports a lot; a's single import must survive b's rotation
        backups.backup_now(b, backups.BEFORE_IMPORT, now=DAY + dt.timedelta(days=n))
    own = backups.backup_now(a, backups.BEFORE_IMPORT, now=DAY - dt.timedelta(days=1))
    backups.backup_now(b, backups.BEFORE_IMPORT, now=DAY + dt.timedelta(days=20))
    assert own.exists()
    assert [x.path for x in backups.list_backups(a.path, shared)] == [own]
    assert all(read_identity(x.path) == read_identity(b.path) for x in backups.list_backups(b.path, shared))


def test_a_damaged_database_is_offered_only_its_own_backup(twins):
    a, b, shared = twins
    mine = backups.backup_now(a, now=DAY)
    backups.backup_now(b, now=DAY + dt.timedelta(hours=2))  # newer, same file name
    path = a.path
    a.close()
    damage(path)
    with pytest.raises(CorruptDatabase):
        open_database(path, backup_dir=shared)
    found = backups.latest_backup(path, shared)
    assert found is not None and found.path == mine


def test_a_database_too_damaged_to_read_its_identity_is_known_by_its_location(twins):
    """The location file its earlier backups left in the folder names it."""
    a, b, shared = twins
    mine = backups.backup_now(a, now=DAY)
    backups.backup_now(b, now=DAY + dt.timedelta(hours=2))
    path = a.path
    a.close()
    damage(path, header_too=True)
    assert read_identity(path) is None
    found = backups.latest_backup(path, shared)
    assert found is not None and found.path == mine
    restored = backups.restore_backup(path, found.path, backup_dir=shared)
    assert municipality(path) == "Alby kommun" and restored.previous_copy is not None


def test_a_backup_named_like_ours_but_holding_another_database_is_never_offered(twins):
    a, b, shared = twins
    mine = backups.backup_now(a, now=DAY)
    theirs = backups.backup_now(b, now=DAY + dt.timedelta(hours=2))
    # Someone renamed b's backup to carry a's identity (or two identities collide).
    disguised = theirs.with_name(theirs.name.replace(short(read_identity(b.path)), short(read_identity(a.path))))
    theirs.rename(disguised)
    path = a.path
    a.close()
    damage(path)
    assert backups.latest_backup(path, shared).path == mine


def test_with_no_identity_known_the_same_named_backup_is_not_the_default(twins, qtbot):
    """A damaged file of unknown identity (no location files, older backup names): the
    same-named backup may be the other database's. It is shown, but Cancel is the
    default button, and nothing is offered as 'the latest backup'."""
    a, b, shared = twins
    theirs = backups.backup_now(b, now=DAY)
    older_name = shared / sb.backup_name(Path("tryggapp.db"), "daglig", DAY)  # no identity
    theirs.rename(older_name)
    for f in shared.glob(".tryggapp-*.plats"):
        f.unlink()
    path = a.path
    a.close()
    damage(path, header_too=True)
    with pytest.raises(CorruptDatabase) as info:
        open_database(path, backup_dir=shared)
    assert backups.latest_backup(path, shared) is None
    assert backups.possible_backup(path, shared).path == older_name

    from tryggapp.ui import safety

    seen: dict[str, str] = {}

    def inspect_and_cancel() -> None:
        box = QApplication.activeModalWidget()
        if box is None:
            QTimer.singleShot(10, inspect_and_cancel)
            return
        assert isinstance(box, QMessageBox)
        seen["default"] = box.defaultButton().text().replace("&", "")
        seen["text"] = box.informativeText()
        for button in box.findChildren(QPushButton):
            if button.text().replace("&", "") in {"Avbryt", "Cancel"}:
                button.click()
                return
        box.close()

    QTimer.singleShot(0, inspect_and_cancel)
    original = Path(path).read_bytes()
    # The real default location is beside the database: point the dialog at the shared
    # folder the way the file's own setting would.
    (path.parent / "säkerhetskopior").symlink_to(shared, target_is_directory=True)
    assert safety.offer_latest_backup(info.value, path) is False
    assert seen["default"] in {"Avbryt", "Cancel"}
    assert "annan databas" in seen["text"] and older_name.name in seen["text"]
    assert Path(path).read_bytes() == original  # nothing restored


def test_the_upgrade_backup_is_named_by_the_identity_the_upgrade_gave(tmp_path):
    from tests.safety.test_identity import _database_at_0001

    path = tmp_path / "tryggapp.db"
    _database_at_0001(path)
    db = open_database(path)
    try:
        identity = backups.identity_of(db)
        assert db.migration_backup is not None
        assert db.migration_backup.name.startswith(f"tryggapp-{short(identity)}-")
        assert "före-migrering-0001" in db.migration_backup.name
        assert backups.belongs_to(identity, db.migration_backup) == "own"
        assert db.migration_backup in [b.path for b in backups.list_backups(path)]
    finally:
        db.close()


def test_cli_restore_warns_about_another_databases_backup(twins, capsys):
    a, b, shared = twins
    theirs = backups.backup_now(b, now=DAY)
    path = a.path
    a.close()
    assert main(["restore", "--db", str(path), str(theirs), "--yes"]) == 0
    assert "en annan databas" in capsys.readouterr().err
    assert municipality(path) == "Bergby kommun"
    assert all_rows(path)


def test_restoring_another_databases_backup_keeps_this_files_identity(twins):
    """Otherwise two databases would share one identity and their backups mix again."""
    a, b, shared = twins
    ident_a, ident_b = read_identity(a.path), read_identity(b.path)
    mine = backups.backup_now(a, now=DAY)
    theirs = backups.backup_now(b, now=DAY + dt.timedelta(hours=1))
    path = a.path
    a.close()
    backups.restore_backup(path, theirs, backup_dir=shared)
    assert municipality(path) == "Bergby kommun" and read_identity(path) == ident_a
    assert read_identity(theirs) == ident_b  # the backup itself is untouched
    assert mine in [x.path for x in backups.list_backups(path, shared)]


def test_a_backup_from_before_identities_restored_in_place_gets_the_identity_back(tmp_path):
    """Restore the backup taken before the upgrade to 0002: opening it upgrades it again,
    and it takes back the identity its backups know instead of a fresh one."""
    from tests.safety.test_identity import _database_at_0001

    path = tmp_path / "tryggapp.db"
    _database_at_0001(path)
    db = open_database(path)
    identity, before_upgrade = backups.identity_of(db), db.migration_backup
    later = backups.backup_now(db, now=DAY)
    db.close()
    backups.restore_backup(path, before_upgrade)
    assert read_identity(path) is None  # at revision 0001 again
    db = open_database(path)
    try:
        assert backups.identity_of(db) == identity
        found = [x.path for x in backups.list_backups(path)]
        assert later in found and before_upgrade in found
    finally:
        db.close()
