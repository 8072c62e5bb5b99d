"""Arkiv → Anslut till teamdatabas… (issue 18): the address the dialog builds (never with
the password in it), and the password typed there: used for this run, saved in the
system keyring when asked (an in-memory keyring backend here), and never written to the
settings, the log or Senaste databaser."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QLineEdit
from tests.memory_keyring import SECRET, installed

from tryggapp.storage import credentials
from tryggapp.storage.location import database_location
from tryggapp.ui import settings
from tryggapp.ui.team_database import TeamDatabaseDialog, save_password_label


def test_the_dialog_builds_the_address_without_a_password(qtbot):
    with installed():
        dialog = TeamDatabaseDialog()
    qtbot.addWidget(dialog)
    assert not dialog.ok_button.isEnabled()
    dialog.host.setText("db.kommun.se")
    dialog.database.setText("tryggapp")
    dialog.user.setText("anna")
    assert dialog.ok_button.isEnabled()
    assert dialog.url() == "postgresql://anna@db.kommun.se:5432/tryggapp?sslmode=verify-full"
    dialog.tls.setCurrentIndex(dialog.tls.findData("require"))
    dialog.root_cert.setText("/etc/ssl/kommun-ca.crt")
    assert dialog.password.echoMode() == QLineEdit.EchoMode.Password
    assert not dialog.save_password.isEnabled()  # nothing typed: nothing to save
    dialog.password.setText(SECRET)
    assert dialog.save_password.isEnabled() and not dialog.wants_saved()
    location = database_location(dialog.url())
    assert location.url.query == {"sslmode": "require", "sslrootcert": "/etc/ssl/kommun-ca.crt"}
    assert location.name == "tryggapp" and location.url.password is None
    assert SECRET not in dialog.url()


def test_the_box_names_windows_credential_manager_in_swedish(qtbot, monkeypatch):
    with monkeypatch.context() as m:
        m.setattr(sys, "platform", "win32")
        assert save_password_label() == "Spa&ra lösenordet i Windows autentiseringshanteraren"
    from keyring.backends import fail

    with installed(fail.Keyring()):  # no credential store: the box cannot be ticked
        dialog = TeamDatabaseDialog()
    qtbot.addWidget(dialog)
    dialog.password.setText(SECRET)
    assert not dialog.save_password.isEnabled() and not dialog.wants_saved()
    assert dialog.save_password.toolTip() == "Det finns ingen lösenordsförvaring på den här datorn att spara det i."


def test_the_arkiv_menu_offers_it(window):
    from tryggapp.ui import database_files

    files = database_files.install(window, window.ctx)
    assert files.team_action.text() == "Anslut till &teamdatabas…"
    assert files.team_action in window.menu_file.actions()


@pytest.fixture
def team_url(request):
    from tests.conftest import _pg_copy

    return _pg_copy(request, "pg_template")


@pytest.fixture
def app_log(_isolated_data_dir):
    """The window's log file, as the app sets it up, in the test's data folder."""
    from tryggapp.ui.app import setup_logging

    before = set(logging.getLogger().handlers)
    path = setup_logging()
    yield path
    for handler in set(logging.getLogger().handlers) - before:
        logging.getLogger().removeHandler(handler)
        handler.close()


def _files(*folders: Path) -> list[Path]:
    return [Path(root) / name for folder in folders for root, _dirs, names in os.walk(folder) for name in names]


def test_a_typed_password_is_saved_in_the_keyring_and_nowhere_else(
        window, team_url, app_log, tmp_path, _isolated_data_dir, monkeypatch):
    from tryggapp.ui import database_files

    monkeypatch.delenv("PGPASSWORD", raising=False)
    location = database_location(team_url)
    host, port = location.url.host, location.url.port

    def fill_in(dialog):  # noqa: ANN001, ANN202 - instead of exec(): the user's answers
        dialog.host.setText(host)
        dialog.port.setValue(port)
        dialog.database.setText(location.name)
        dialog.user.setText("postgres")
        dialog.tls.setCurrentIndex(dialog.tls.findData("disable"))  # the test server has no TLS
        dialog.password.setText(SECRET)
        dialog.save_password.setChecked(True)
        return TeamDatabaseDialog.DialogCode.Accepted

    monkeypatch.setattr(TeamDatabaseDialog, "exec", fill_in)
    files = database_files.install(window, window.ctx)
    with installed() as keyring:
        assert files.connect_team()
        QCoreApplication.processEvents()
        db = window.ctx.db
        assert db.location.name == location.name and db.location.url.password is None
        assert keyring.saved == {("Tryggapp", db.location.key()): SECRET}
        recent = settings.RECENT_DATABASES.get(settings.store()).splitlines()
        assert recent[0] == str(db.location) == f"postgresql://postgres@{host}:{port}/{location.name}?sslmode=disable"

        credentials._session.clear()  # the next start: only the keyring has it
        assert credentials.password_for(db.location) == SECRET
    QSettings().sync()
    for handler in logging.getLogger().handlers:
        handler.flush()
    written = _files(tmp_path, _isolated_data_dir)
    assert app_log in written and str(db.location) in app_log.read_text(encoding="utf-8")
    assert any(p.suffix == ".ini" and str(db.location) in p.read_text(encoding="utf-8", errors="replace")
               for p in written)  # the settings were written here
    leaks = [p for p in written if SECRET.encode() in p.read_bytes()]
    assert leaks == []
