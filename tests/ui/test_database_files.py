"""Databases as files the user controls (issue 11): the demo in its own file and marked
DEMO, Arkiv → Ny/Öppna databas switching files in the same window with the old lock
released, recently opened files remembered."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import QSettings
from tests.conftest import DEMO_TODAY

from tryggapp import domain as d
from tryggapp.services import crud
from tryggapp.storage import open_database
from tryggapp.ui import database_files, safety
from tryggapp.ui.app import build_context
from tryggapp.ui.first_start import NewMunicipality, read_logo
from tryggapp.ui.main_window import MainWindow
from tryggapp.ui.widgets import unsaved


@pytest.fixture
def files_window(qtbot, tmp_path, demo_template, monkeypatch):
    monkeypatch.setattr(unsaved, "ask_unsaved", lambda _parent, _captions: "discard")
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    path = tmp_path / "Tryggvik-demo.db"
    shutil.copy(demo_template, path)
    db = open_database(path)
    ctx = build_context(db, today=lambda: DEMO_TODAY)
    win = MainWindow(ctx)
    safety.install_safety_actions(win, ctx, threaded=False, daily_backup=False)
    database_files.install(win, ctx)
    qtbot.addWidget(win)
    win.show()
    yield win
    win.ctx.db.close()


def test_demo_is_marked_in_the_title(files_window):
    assert files_window.windowTitle().startswith("DEMO – Tryggviks kommun – Tryggvik-demo.db")


def test_file_menu_offers_new_open_recent(files_window):
    texts = [a.text() for a in files_window.menu_file.actions()]
    assert texts[:5] == ["&Ny databas…", "&Öppna databas…", "Anslut till &teamdatabas…", "&Senaste databaser",
                         "Öppna &demon"]


def test_new_database_switches_the_window_and_releases_the_old_lock(files_window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    target = tmp_path / "egen.db"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    monkeypatch.setattr("tryggapp.ui.first_start.ask_municipality",
                        lambda parent=None: NewMunicipality("Exempelstads kommun"))
    old_path = files_window.ctx.db.path
    assert files_window.database_files.new_database()
    assert files_window.ctx.db.path == target
    assert files_window.windowTitle() == "Exempelstads kommun – egen.db – Tryggapp"
    assert files_window.path_label.text() == str(target)
    # The demo's lock went with it: the file opens for writing elsewhere.
    other = open_database(old_path)
    other.close()
    assert [p.name for p in database_files.recent_paths()][:1] == ["egen.db"]
    # And back through the recent list.
    database_files.remember(old_path)
    assert files_window.database_files.switch_to_path(old_path)
    assert files_window.windowTitle().startswith("DEMO – ")


def test_new_database_never_writes_over_a_file(files_window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    target = tmp_path / "finns.db"
    target.write_bytes(b"mitt")
    warned = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warned.append(a[2]))
    assert not files_window.database_files.new_database()
    assert target.read_bytes() == b"mitt" and "finns redan" in warned[0]


def test_opening_an_unusable_file_keeps_the_current_one(files_window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    junk = tmp_path / "skräp.db"
    junk.write_bytes(b"inte en databas" * 40)
    monkeypatch.setattr(QMessageBox, "exec", lambda box: 0)
    current = files_window.ctx.db
    assert not files_window.database_files.switch_to_path(junk)
    assert files_window.ctx.db is current and not current.read_only


def test_logo_must_be_a_picture(tmp_path):
    bad = tmp_path / "logo.png"
    bad.write_bytes(b"inte en bild")
    with pytest.raises(ValueError, match="inte en PNG- eller JPEG-bild"):
        read_logo(bad)


def test_municipality_gets_the_logo(db, tmp_path):
    from tryggapp.ui.app import create_database

    png = tmp_path / "logo.png"
    from PySide6.QtGui import QImage

    image = QImage(20, 10, QImage.Format.Format_RGB32)
    image.fill(0x336699)
    image.save(str(png))
    data, mime = read_logo(png)
    new = create_database(tmp_path / "ny.db", demo=False, today=DEMO_TODAY,
                          municipality=NewMunicipality("Exempelstads kommun", data, mime))
    muni = crud.get(new, d.Municipality, 1)
    assert muni.logo == data and muni.logo_mime == "image/png" and not muni.demo
    new.close()
