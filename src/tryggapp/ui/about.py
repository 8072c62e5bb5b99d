"""Hjälp → Om Tryggapp: the version, the database file and where its backups go, and the
licences of the libraries and fonts shipped with the program."""

from __future__ import annotations

import html
import platform
from importlib import metadata

from PySide6 import __version__ as pyside_version
from PySide6.QtWidgets import QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from tryggapp import __version__
from tryggapp.i18n import _
from tryggapp.ui.context import AppContext
from tryggapp.ui.widgets.dialog import Dialog

# (distribution, shown name, licence). The licence texts ship with each package; the
# fonts' own licence is resources/fonts/LICENSE_DEJAVU.txt.
BUNDLED: tuple[tuple[str, str, str], ...] = (
    ("PySide6-Essentials", "Qt for Python (PySide6)", "LGPL-3.0"),
    ("PySide6-Addons", "Qt for Python, add-ons (QtPdf)", "LGPL-3.0"),
    ("sqlmodel", "SQLModel", "MIT"),
    ("SQLAlchemy", "SQLAlchemy", "MIT"),
    ("alembic", "Alembic", "MIT"),
    ("reportlab", "ReportLab", "BSD-3-Clause"),
    ("matplotlib", "Matplotlib", "Matplotlib License (PSF-based)"),
    ("babel", "Babel", "BSD-3-Clause"),
    ("openpyxl", "openpyxl", "MIT"),
    ("python-calamine", "python-calamine", "MIT"),
    ("platformdirs", "platformdirs", "MIT"),
    ("QtAwesome", "QtAwesome (Material Design Icons: Apache-2.0)", "MIT"),
    ("pyphen", "Pyphen", "LGPL-2.1+ / GPL-2.0+ / MPL-1.1"),
    ("pypdf", "pypdf", "BSD-3-Clause"),
    ("rl-accel", "rl-accel", "BSD"),
)


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "–"


def about_html(ctx: AppContext) -> str:
    from tryggapp.services import backups

    rows = "".join(f"<tr><td>{html.escape(name)}</td><td>{html.escape(_version(dist))}</td>"
                   f"<td>{html.escape(licence)}</td></tr>" for dist, name, licence in BUNDLED)
    rows += ("<tr><td>DejaVu Sans</td><td>–</td><td>Bitstream Vera / Arev Fonts "
             "(" + html.escape(_("free licence")) + ")</td></tr>")
    try:
        backup_folder = str(backups.backup_dir_for(ctx.db))
    except Exception:  # noqa: BLE001 - About must open even on a database that stopped answering
        backup_folder = "–"
    t = {key: html.escape(text) for key, text in {
        "what": _("For the municipality’s safety and crime-prevention work: action programme, action plan, "
                  "organisation, meetings, safety walks and follow-up reports."),
        "database": _("Database:"),
        "backups": _("Backups:"),
        "shipped": _("Libraries and fonts shipped with Tryggapp"),
        "component": _("Component"),
        "version": _("Version"),
        "licence": _("Licence"),
        "texts": _("Each licence text ships with its package; the fonts’ licence is in "
                   "resources/fonts/LICENSE_DEJAVU.txt. Tryggapp never uses the network."),
    }.items()}
    return (
        f"<h2>Tryggapp {html.escape(__version__)}</h2><p>{t['what']}</p>"
        f"<p><b>{t['database']}</b> {html.escape(str(ctx.db.path))}<br>"
        f"<b>{t['backups']}</b> {html.escape(backup_folder)}</p>"
        f"<p>Python {html.escape(platform.python_version())}, Qt for Python {html.escape(pyside_version)}</p>"
        f"<h3>{t['shipped']}</h3>"
        f"<table cellspacing='0' cellpadding='3'><tr><th align='left'>{t['component']}</th>"
        f"<th align='left'>{t['version']}</th><th align='left'>{t['licence']}</th></tr>{rows}</table>"
        f"<p>{t['texts']}</p>"
    )


class AboutDialog(Dialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("About Tryggapp"))
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        self.browser.setAccessibleName(_("About Tryggapp"))
        self.browser.setHtml(about_html(ctx))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.resize(640, 560)
