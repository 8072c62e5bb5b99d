"""Ny person… and Ny organisation… straight from the pickers of Ny åtgärd (issue 11): in an
empty database the coordinator should not have to leave the measure half-written to add
who answers for it. Each is one undoable creation (ui.commands.create)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from tryggapp import domain as d
from tryggapp.domain.enums import OrganisationKind
from tryggapp.i18n import _
from tryggapp.ui import commands
from tryggapp.ui.context import AppContext
from tryggapp.ui.widgets.dialog import Dialog


class _NameDialog(Dialog):
    def __init__(self, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = QFormLayout(self)
        self.name = QLineEdit()
        self.error = QLabel()
        self.error.setStyleSheet("color:#B3261E")
        self.error.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.setMinimumWidth(420)

    def finish_layout(self) -> None:
        self.form.addRow(self.error)
        self.form.addRow(self.buttons)

    def accept(self) -> None:
        if not self.name.text().strip():
            self.error.setText(_("“{field}” must be filled in.").format(field=_("Name")))
            self.error.show()
            self.name.setFocus()
            return
        super().accept()


class NewPersonDialog(_NameDialog):
    def __init__(self, organisations: list[tuple[int, str]], organisation_id: int | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(_("New person"), parent)
        self.name.setAccessibleName(_("The person's name"))
        self.title = QLineEdit()
        self.title.setAccessibleName(_("The person's title"))
        self.title.setPlaceholderText(_("e.g. Kommunpolis"))
        self.organisation = QComboBox()
        self.organisation.setAccessibleName(_("The person's organisation"))
        self.organisation.addItem(_("(none)"), None)
        for ident, name in organisations:
            self.organisation.addItem(name, ident)
        self.organisation.setCurrentIndex(max(self.organisation.findData(organisation_id), 0))
        self.form.addRow(_("&Name:"), self.name)
        self.form.addRow(_("&Title:"), self.title)
        self.form.addRow(_("&Organisation:"), self.organisation)
        self.finish_layout()

    def values(self) -> dict[str, Any]:
        return {"name": self.name.text().strip(), "title": self.title.text().strip(),
                "organisation_id": self.organisation.currentData()}


class NewOrganisationDialog(_NameDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_("New organisation"), parent)
        self.name.setAccessibleName(_("The organisation's name"))
        self.name.setPlaceholderText(_("e.g. Lokalpolisområde Exempelstad"))
        self.kind = QComboBox()
        self.kind.setAccessibleName(_("Kind of organisation"))
        for kind in OrganisationKind:
            self.kind.addItem(kind.label, kind)
        self.kind.setCurrentIndex(self.kind.findData(OrganisationKind.OTHER))
        self.form.addRow(_("&Name:"), self.name)
        self.form.addRow(_("&Kind:"), self.kind)
        self.finish_layout()

    def values(self) -> dict[str, Any]:
        return {"name": self.name.text().strip(), "kind": self.kind.currentData()}


class ContactMaker:
    """What the measure dialog calls to add a person or an organisation (undoable)."""

    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    def person(self, values: dict[str, Any]) -> int | None:
        created = commands.create(self.ctx, d.Person(**values),
                                  _("Add person “{name}”").format(name=values["name"]))
        return created.id if created is not None else None

    def organisation(self, values: dict[str, Any]) -> int | None:
        created = commands.create(self.ctx, d.Organisation(**values),
                                  _("Add organisation “{name}”").format(name=values["name"]))
        return created.id if created is not None else None
