"""Arkiv → Anslut till teamdatabas…: the address of a team database on the municipality's
PostgreSQL server (issue 18). There is no password field: the program never stores one.
libpq finds it as IT set it up (`.pgpass` / `pgpass.conf`, PGPASSFILE, PGPASSWORD) or, with
the optional keyring package, in the system keyring (storage.server)."""

from __future__ import annotations

from urllib.parse import quote, urlencode

from PySide6.QtWidgets import (
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
from tryggapp.ui.widgets.dialog import Dialog

# libpq's sslmode values; verify-full checks the certificate and the server's name.
TLS_MODES = ("verify-full", "verify-ca", "require", "prefer", "disable")


class TeamDatabaseDialog(Dialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Connect to team database"))
        intro = QLabel(_("A team database lives on the municipality's PostgreSQL server, so several people "
                         "can work in the same plan. Ask the IT department for these details. Tryggapp "
                         "never stores a password: it is read from the .pgpass file IT sets up (or the "
                         "system keyring)."))
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
        form = QFormLayout()
        form.addRow(_("&Server:"), self.host)
        form.addRow(_("&Port:"), self.port)
        form.addRow(_("&Database:"), self.database)
        form.addRow(_("&User:"), self.user)
        form.addRow(_("&Encryption (TLS):"), self.tls)
        form.addRow(_("CA &certificate:"), self.root_cert)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(_("Connect"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        for edit in (self.host, self.database, self.user):
            edit.textChanged.connect(self._update)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)
        self._update()

    def _update(self) -> None:
        self.ok_button.setEnabled(all(e.text().strip() for e in (self.host, self.database, self.user)))

    def url(self) -> str:
        """postgresql://USER@HOST:PORT/DATABASE?sslmode=…[&sslrootcert=…], no password."""
        query = {"sslmode": self.tls.currentData()}
        if self.root_cert.text().strip():
            query["sslrootcert"] = self.root_cert.text().strip()
        return (f"postgresql://{quote(self.user.text().strip(), safe='')}@{self.host.text().strip()}:"
                f"{self.port.value()}/{quote(self.database.text().strip(), safe='')}?{urlencode(query)}")
