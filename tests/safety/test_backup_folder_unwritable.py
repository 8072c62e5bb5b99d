"""An unwritable backup folder is a clear Swedish message at the moment it matters
(issue 9, item 4): before an import, an upgrade or a restore that needs the backup (which
then does not go ahead), and at the daily backup (a visible warning, not silence).

The folder is made unwritable by putting a file where it should be: that refuses root
too (the tests may run as root, for whom permissions do not count)."""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox

from tests.conftest import DEMO_TODAY
from tests.safety.conftest import populate
from tryggapp import domain as d
from tryggapp.main import main
from tryggapp.services import backups, crud, excel
from tryggapp.storage import migrate, open_database
from tryggapp.storage.errors import BackupFolderUnwritable

MESSAGE = "Det går inte att skriva säkerhetskopior i mappen"


def blocked(tmp_path):
    """A backup folder path that cannot be created: a file is in its place."""
    spot = tmp_path / "säkerhetskopior-blockerad"
    spot.write_text("en fil, ingen mapp")
    return spot


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def count(path, table):
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        conn.close()


def test_an_import_does_not_start_without_its_backup(demo_db, tmp_path):
    plan = excel.export_plan(demo_db, DEMO_TODAY.year, tmp_path / "plan.xlsx", DEMO_TODAY).path
    target = open_database(tmp_path / "mål.db", create=True, backup_dir=blocked(tmp_path))
    try:
        with pytest.raises(BackupFolderUnwritable) as info:
            excel.import_plan(target, plan, DEMO_TODAY.year, None, DEMO_TODAY)
        assert MESSAGE in info.value.message and "Ingenting har ändrats" in info.value.message
        assert count(target.path, "measure") == 0
    finally:
        target.close()


def test_the_cli_import_says_so_in_one_line(demo_db, tmp_path, capsys):
    plan = excel.export_plan(demo_db, DEMO_TODAY.year, tmp_path / "plan.xlsx", DEMO_TODAY).path
    path = tmp_path / "kommun.db"
    open_database(path, create=True).close()
    (tmp_path / "säkerhetskopior").write_text("ingen mapp")
    code = main(["import-plan", "--db", str(path), str(plan), "--year", str(DEMO_TODAY.year)])
    err = capsys.readouterr().err
    assert code != 0 and MESSAGE in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
    assert count(path, "measure") == 0


def test_an_upgrade_does_not_start_without_its_backup(tmp_path):
    from tests.safety.test_identity import _database_at_0001

    path = tmp_path / "tryggapp.db"
    _database_at_0001(path)
    (tmp_path / "säkerhetskopior").write_text("ingen mapp")
    before = digest(path)
    with pytest.raises(BackupFolderUnwritable) as info:
        open_database(path)
    assert MESSAGE in info.value.message
    assert digest(path) == before
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0001"
    conn.close()
    assert migrate.head_revision() != "0001"


def test_a_restore_does_not_start_without_the_backup_of_the_current_file(filled_db, tmp_path):
    good = backups.backup_now(filled_db)
    crud.update(filled_db, d.Person, filled_db.ids["person"], {"name": "Ändrad efteråt"})
    path = filled_db.path
    filled_db.close()
    before = digest(path)
    with pytest.raises(BackupFolderUnwritable):
        backups.restore_backup(path, good, backup_dir=blocked(tmp_path))
    assert digest(path) == before


def test_cli_backup_says_so_in_one_line(filled_db, tmp_path, capsys):
    code = main(["backup", "--db", str(filled_db.path), "--to", str(blocked(tmp_path) / "under")])
    err = capsys.readouterr().err
    assert code != 0 and MESSAGE in err and "Traceback" not in err
    assert "(en fil står i vägen för mappen)" in err  # the cause in Swedish, not the OS's English


def test_the_daily_backup_warns_visibly(qtbot, tmp_path):
    from tryggapp.ui import safety
    from tryggapp.ui.context import AppContext, Changes

    db = open_database(tmp_path / "kommun.db", create=True, backup_dir=blocked(tmp_path))
    populate(db)
    win = QMainWindow()
    win.menu_file = win.menuBar().addMenu("&Arkiv")
    qtbot.addWidget(win)
    win.ctx = AppContext(db=db, undo_stack=QUndoStack(), changes=Changes(), today=lambda: dt.date(2026, 11, 25))
    win.ctx.give_to(win)
    shown: list[str] = []

    def read_and_close() -> None:
        box = QApplication.activeModalWidget()
        if box is None:
            QTimer.singleShot(10, read_and_close)
            return
        assert isinstance(box, QMessageBox)
        shown.append(box.text())
        box.close()

    QTimer.singleShot(0, read_and_close)
    try:
        safety.install_safety_actions(win, win.ctx, threaded=False)
        assert len(shown) == 1
        assert "Dagens automatiska säkerhetskopia gjordes inte" in shown[0] and MESSAGE in shown[0]
    finally:
        db.close()
