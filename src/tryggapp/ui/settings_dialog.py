"""Arkiv → Inställningar…: the municipality's name and logo, the report's author and
footer, where backups go (with a warning when that is the database's own disk) and the
language. The database's settings are saved as one undoable change; the language is the
window's own (QSettings) and applies at the next start."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tryggapp import APP_NAME
from tryggapp import domain as d
from tryggapp.errors import UserError
from tryggapp.i18n import _
from tryggapp.services import backups, crud
from tryggapp.ui import commands, settings
from tryggapp.ui.context import AppContext
from tryggapp.ui.first_start import LogoPicker
from tryggapp.ui.widgets import style
from tryggapp.ui.widgets.dialog import Dialog

LANGUAGES = (("sv", "Svenska"), ("en", "English"))


class SettingsDialog(Dialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(_("Settings"))
        self.setMinimumWidth(style.chars(self, 80))
        muni = crud.get(ctx.db, d.Municipality, 1) if crud.list_all(ctx.db, d.Municipality) else None
        self.muni = muni

        def line(value: str, name: str, placeholder: str = "") -> QLineEdit:
            edit = QLineEdit(value)
            edit.setAccessibleName(name)
            if placeholder:
                edit.setPlaceholderText(placeholder)
            return edit

        # -- the municipality and its reports --
        self.name = line(muni.name if muni else "", _("The municipality's name"), _("e.g. Exempelstads kommun"))
        self.logo = LogoPicker(muni.logo if muni else None, muni.logo_mime if muni else None)
        self.author = line(muni.coordinator_name if muni else "", _("Report author"), _("e.g. Maria Lindqvist"))
        self.author_title = line(muni.coordinator_title if muni else "", _("The author's title"),
                                 _("e.g. Säkerhetssamordnare"))
        self.email = line(muni.coordinator_email if muni else "", _("The author's e-mail"))
        self.footer = line(muni.report_footer if muni else "", _("Report footer"),
                           _("e.g. Exempelstads kommun · Kommunledningsförvaltningen · www.exempelstad.se"))
        box = QGroupBox(_("Municipality and reports"))
        form = QFormLayout(box)
        form.addRow(_("&Municipality:"), self.name)
        form.addRow(_("Logo:"), self.logo)
        form.addRow(_("Report &author:"), self.author)
        form.addRow(_("Author's t&itle:"), self.author_title)
        form.addRow(_("Author's &e-mail:"), self.email)
        form.addRow(_("Report &footer:"), self.footer)
        footer_hint = QLabel(_("The footer is printed at the bottom of every report page, under the page number."))
        footer_hint.setStyleSheet(f"color: {style.MUTED};")
        form.addRow("", footer_hint)

        # -- backups --
        self.backup_dir = line(str(backups.backup_dir_for(ctx.db)), _("Backup folder"))
        self.backup_dir.textChanged.connect(self._check_backup_dir)
        choose = QPushButton(_("Choose…"))
        choose.setAccessibleName(_("Choose the backup folder"))
        choose.clicked.connect(self._choose_backup_dir)
        row = QHBoxLayout()
        row.addWidget(self.backup_dir, 1)
        row.addWidget(choose)
        self.backup_warning = QLabel()
        self.backup_warning.setWordWrap(True)
        self.backup_warning.setStyleSheet(f"color: {style.tone_color('warning')}; font-weight: 600;")
        self.backup_warning.setAccessibleName(_("Backup folder warning"))
        backup_box = QGroupBox(_("Backups"))
        backup_form = QFormLayout(backup_box)
        folder_label = QLabel(_("&Folder:"))
        folder_label.setBuddy(self.backup_dir)
        backup_form.addRow(folder_label, row)
        explain = QLabel(_("Tryggapp makes a backup the first time it starts each day, and before every import, "
                           "upgrade and restore. By default they are kept in the folder “säkerhetskopior” beside "
                           "the database."))
        explain.setWordWrap(True)
        explain.setStyleSheet(f"color: {style.MUTED};")
        backup_form.addRow("", explain)
        backup_form.addRow("", self.backup_warning)

        # -- language --
        self.language = QComboBox()
        self.language.setAccessibleName(_("Language"))
        for code, label in LANGUAGES:
            self.language.addItem(label, code)
        self.language.setCurrentIndex(max(self.language.findData(settings.LANGUAGE.get(settings.store())), 0))
        language_box = QGroupBox(_("Language"))
        language_form = QFormLayout(language_box)
        language_form.addRow(_("&Language:"), self.language)
        language_form.addRow("", QLabel(_("A new language applies the next time Tryggapp starts.")))

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        # Word-wrapped hints in a form: never let the dialog be shorter than they need.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        layout.addWidget(box)
        layout.addWidget(backup_box)
        layout.addWidget(language_box)
        layout.addWidget(buttons)
        read_only = ctx.db.read_only
        for widget in (box, backup_box):
            widget.setEnabled(not read_only)
        self._check_backup_dir()
        self.resize(self.sizeHint())  # wrapped hints: the minimum Qt works out is too short

    # -- backups ---------------------------------------------------------------------
    def _choose_backup_dir(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, _("Folder for backups"), self.backup_dir.text())
        if chosen:
            self.backup_dir.setText(chosen)

    def _check_backup_dir(self) -> None:
        text = self.backup_dir.text().strip()
        if text and backups.same_disk(Path(text), self.ctx.db.path):
            self.backup_warning.setText(_(
                "The backups are on the same disk as the database: if the disk breaks or the laptop is lost, "
                "both are gone. Choose a folder on another disk or a network drive the IT department backs up."))
            self.backup_warning.show()
        else:
            self.backup_warning.hide()

    # -- saving ----------------------------------------------------------------------
    def changes(self) -> dict[str, Any]:
        values = {"name": self.name.text().strip(), "logo": self.logo.logo, "logo_mime": self.logo.mime,
                  "coordinator_name": self.author.text().strip(),
                  "coordinator_title": self.author_title.text().strip(),
                  "coordinator_email": self.email.text().strip(), "report_footer": self.footer.text().strip()}
        if self.muni is None:
            return values
        return {k: v for k, v in values.items() if getattr(self.muni, k) != v}

    def accept(self) -> None:
        settings.LANGUAGE.set(settings.store(), self.language.currentData())
        if self.ctx.db.read_only:
            super().accept()
            return
        if not self.name.text().strip():
            QMessageBox.warning(self, APP_NAME, _("“{field}” must be filled in.").format(field=_("Municipality")))
            self.name.setFocus()
            return
        changes = self.changes()
        if changes:
            if self.muni is None:
                saved = commands.create(self.ctx, d.Municipality(**changes), _("Change settings")) is not None
            else:
                saved = commands.update(self.ctx, d.Municipality, 1, changes, _("Change settings"))
            if not saved:
                return
        folder = Path(self.backup_dir.text().strip()).expanduser()
        if self.backup_dir.text().strip() and folder != backups.backup_dir_for(self.ctx.db):
            try:
                backups.set_backup_dir(self.ctx.db, folder)
            except UserError as exc:
                QMessageBox.warning(self, APP_NAME, exc.message)
                return
            self.ctx.changes.emit_tables("municipality")
        super().accept()


def show_settings(ctx: AppContext, parent: QWidget | None = None) -> None:
    SettingsDialog(ctx, parent).exec()
