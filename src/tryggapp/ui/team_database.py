"""Arkiv → Anslut till teamdatabas…: the address of a team database on the municipality's
PostgreSQL server (issue 18), and optionally its password. The address never holds the
password (it is what Senaste databaser remembers). Left empty, libpq finds the password as
IT set it up (`.pgpass` / `pgpass.conf`, PGPASSFILE) or the system keyring has it; typed, it
is used until the program ends, or saved in the system keyring (Windows Credential Manager)
when the box is ticked: storage.credentials. Never in a file of the program's own."""

from __future__ import annotations

import sys
from urllib.parse import quote, urlencode

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from tryggapp.i18n import _
from tryggapp.storage import credentials
from tryggapp.ui.widgets.dialog import Dialog


def save_password_label() -> str:
    """What the system's credential store is called where the user sits."""
    if sys.platform == "win32":
        return _("Sa&ve the password in Windows Credential Manager")
    if sys.platform == "darwin":
        return _("Sa&ve the password in the macOS Keychain")
    return _("Sa&ve the password in the system keyring")


# libpq's sslmode values; verify-full checks the certificate and the server's name.
TLS_MODES = ("verify-full", "verify-ca", "require", "prefer", "disable")


class TeamDatabaseDialog(Dialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Connect to team database"))
        intro = QLabel(_("A team database lives on the municipality's PostgreSQL server, so several people "
                         "can work in the same plan. Ask the IT department for these details. Leave the "
                         "password empty if IT has set up a .pgpass file for you. Tryggapp never writes "
                         "the password to a file: a password typed here is used until Tryggapp is closed, "
                         "or kept in the system's credential store if you tick the box."))
        intro.setWordWrap(True)
        self.host = QLineEdit()
        self.host.setPlaceholderText(_("e.g. db.kommun.se"))
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(5432)
        self.database = QLineEdit()
        self.database.setPlaceholderText("tryggapp")
        self.user = QLineEdit()
        self.tls = QComboBox()
        labels = {
            "verify-full": _("Encrypted, server certificate and name checked (recommended)"),
            "verify-ca": _("Encrypted, server certificate checked"),
            "require": _("Encrypted, certificate not checked"),
            "prefer": _("Encrypted if the server offers it"),
            "disable": _("Not encrypted"),
        }
        for mode in TLS_MODES:
            self.tls.addItem(labels[mode], mode)
        self.root_cert = QLineEdit()
        self.root_cert.setPlaceholderText(_("the server's CA certificate file (optional)"))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(_("empty: from .pgpass or saved earlier"))
        self.save_password = QCheckBox(save_password_label())
        self.keyring = credentials.keyring_available()
        if not self.keyring:
            self.save_password.setToolTip(_("There is no credential store on this computer to save it in."))
        form = QFormLayout()
        form.addRow(_("&Server:"), self.host)
        form.addRow(_("&Port:"), self.port)
        form.addRow(_("&Database:"), self.database)
        form.addRow(_("&User:"), self.user)
        form.addRow(_("&Encryption (TLS):"), self.tls)
        form.addRow(_("CA &certificate:"), self.root_cert)
        form.addRow(_("Pass&word:"), self.password)
        form.addRow("", self.save_password)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(_("Connect"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        for edit in (self.host, self.database, self.user, self.password):
            edit.textChanged.connect(self._update)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(680)  # the TLS choices are long in Swedish: no label cut off
        self._update()

    def _update(self) -> None:
        self.ok_button.setEnabled(all(e.text().strip() for e in (self.host, self.database, self.user)))
        self.save_password.setEnabled(self.keyring and bool(self.password.text()))
        if not self.save_password.isEnabled():
            self.save_password.setChecked(False)

    def password_text(self) -> str:
        return self.password.text()

    def wants_saved(self) -> bool:
        return self.save_password.isChecked() and bool(self.password.text())

    def url(self) -> str:
        """postgresql://USER@HOST:PORT/DATABASE?sslmode=…[&sslrootcert=…], no password."""
        query = {"sslmode": self.tls.currentData()}
        if self.root_cert.text().strip():
            query["sslrootcert"] = self.root_cert.text().strip()
        return (f"postgresql://{quote(self.user.text().strip(), safe='')}@{self.host.text().strip()}:"
                f"{self.port.value()}/{quote(self.database.text().strip(), safe='')}?{urlencode(query)}")
