"""Arkiv → Anslut till teamdatabas… (issue 18): the address the dialog builds, and that it
has no place for a password (the program never stores one)."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit

from tryggapp.storage.location import database_location
from tryggapp.ui.team_database import TeamDatabaseDialog


def test_the_dialog_builds_the_address_without_a_password(qtbot):
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
    location = database_location(dialog.url())
    assert location.url.query == {"sslmode": "require", "sslrootcert": "/etc/ssl/kommun-ca.crt"}
    assert location.name == "tryggapp" and location.url.password is None
    echo_modes = {edit.echoMode() for edit in dialog.findChildren(QLineEdit)}
    assert QLineEdit.EchoMode.Password not in echo_modes


def test_the_arkiv_menu_offers_it(window):
    from tryggapp.ui import database_files

    files = database_files.install(window, window.ctx)
    assert files.team_action.text() == "Anslut till &teamdatabas…"
    assert files.team_action in window.menu_file.actions()
