"""Settings, help and About (issue 11): the settings dialog saves the municipality's and
the report's details as one undoable change and warns when backups share the database's
disk; F1 opens the Swedish user guide; About names the version, the file and the licences."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QPushButton

from tryggapp import __version__
from tryggapp import domain as d
from tryggapp.services import backups, crud
from tryggapp.ui import settings
from tryggapp.ui.about import AboutDialog
from tryggapp.ui.help import GuideWindow
from tryggapp.ui.settings_dialog import SettingsDialog


def test_settings_saves_the_report_details_in_one_undoable_change(window):
    dialog = SettingsDialog(window.ctx, window)
    assert dialog.name.text() == "Tryggviks kommun"
    dialog.name.setText("Nya Tryggviks kommun")
    dialog.footer.setText("Kommunledningsförvaltningen · Storgatan 1")
    dialog.author.setText("Kim Berg")
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    dialog.accept()
    muni = crud.get(window.ctx.db, d.Municipality, 1)
    assert (muni.name, muni.report_footer, muni.coordinator_name) == (
        "Nya Tryggviks kommun", "Kommunledningsförvaltningen · Storgatan 1", "Kim Berg")
    assert window.windowTitle().startswith("DEMO – Nya Tryggviks kommun")
    assert settings.LANGUAGE.get(settings.store()) == "en"
    window.ctx.undo_stack.undo()
    assert crud.get(window.ctx.db, d.Municipality, 1).name == "Tryggviks kommun"


def test_settings_refuses_an_empty_name(window, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warned.append(a[2]))
    dialog = SettingsDialog(window.ctx, window)
    dialog.name.setText("  ")
    dialog.accept()
    assert warned and crud.get(window.ctx.db, d.Municipality, 1).name == "Tryggviks kommun"


def test_backups_beside_the_database_are_warned_about(window, tmp_path):
    dialog = SettingsDialog(window.ctx, window)
    # The default: the 'säkerhetskopior' folder beside the database, on the same disk.
    assert Path(dialog.backup_dir.text()) == backups.backup_dir_for(window.ctx.db)
    assert not dialog.backup_warning.isHidden()
    assert "samma disk" in dialog.backup_warning.text()


@pytest.mark.skipif(not Path("/dev/shm").is_dir(), reason="needs a second file system")
def test_same_disk_compares_devices(tmp_path):
    db_file = tmp_path / "x.db"
    db_file.write_bytes(b"")
    assert backups.same_disk(tmp_path / "ännu-inte-skapad" / "kopior", db_file)
    if os.stat("/dev/shm").st_dev != os.stat(tmp_path).st_dev:
        assert not backups.same_disk(Path("/dev/shm"), db_file)


def test_a_chosen_backup_folder_is_saved(window, tmp_path):
    dialog = SettingsDialog(window.ctx, window)
    dialog.backup_dir.setText(str(tmp_path / "kopior"))
    dialog.accept()
    assert backups.backup_dir_for(window.ctx.db) == tmp_path / "kopior"


def test_every_settings_control_has_an_accessible_name(window):
    dialog = SettingsDialog(window.ctx, window)
    for widget in dialog.findChildren(QLineEdit) + dialog.findChildren(QComboBox) + dialog.findChildren(QPushButton):
        if widget.parent() is not None and isinstance(widget.parent(), QComboBox):
            continue
        name = widget.accessibleName() or widget.text() if isinstance(widget, QPushButton) else widget.accessibleName()
        assert name, widget


def test_f1_opens_the_guide(window, qtbot):
    qtbot.keyClick(window, Qt.Key.Key_F1)
    guide = window.findChild(GuideWindow)
    assert guide is not None and guide.isVisible()
    text = guide.browser.toPlainText()
    for heading in ("Första starten", "Årets arbete", "Tertialrapporten", "Säkerhetskopior och återställning",
                    "Excel"):
        assert heading in text
    assert "bredvid databasen" in text
    # F1 again shows the same window, not a second one.
    qtbot.keyClick(window, Qt.Key.Key_F1)
    assert len(window.findChildren(GuideWindow)) == 1


def test_about_names_version_database_and_licences(window):
    dialog = AboutDialog(window.ctx, window)
    text = dialog.browser.toPlainText()
    assert f"Tryggapp {__version__}" in text
    assert str(window.ctx.db.path) in text
    assert "LGPL-3.0" in text and "DejaVu Sans" in text and "ReportLab" in text


def test_file_menu_has_settings_and_help_menu_the_guide(window):
    assert "&Inställningar…" in [a.text() for a in window.menu_file.actions()]
    guide = [a for a in window.menu_help.actions() if a.text() == "&Användarhandbok"]
    assert guide and guide[0].shortcut().toString() == "F1"
