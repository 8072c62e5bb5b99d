"""Dialogs of the plan view: a new measure, 'Ändra markerade…' (bulk edit), the origin
picker and the reason asked for when a measure is cancelled."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListView,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tryggapp.domain.enums import MeasureStatus, OriginKind
from tryggapp.i18n import _, ngettext
from tryggapp.services import measures
from tryggapp.services.measures import Choices
from tryggapp.services.validation import ValidationError
from tryggapp.ui.plan import choices as pick
from tryggapp.ui.plan.new_contact import ContactMaker
from tryggapp.ui.widgets import style
from tryggapp.ui.widgets.dialog import Dialog
from tryggapp.ui.widgets.fields import ChoiceField, DateField, TextField
from tryggapp.ui.widgets.form import ErrorLabel, FormSection


def ask_cancel_reason(parent: QWidget | None, number: int, current: str = "") -> str | None:
    """The reason a measure is cancelled ('Avbruten' needs one). None if the user backs out."""
    while True:
        text, ok = QInputDialog.getText(
            parent, _("Cancel measure {number}").format(number=number),
            _("Why is measure {number} cancelled? The reason is kept in its status history.").format(number=number),
            QLineEdit.EchoMode.Normal, current)
        if not ok:
            return None
        if text.strip():
            return text.strip()
        QMessageBox.information(parent, _("Reason needed"), _("A cancelled measure needs a reason."))


class NewMeasureDialog(Dialog):
    """The few fields a new measure needs; the rest is edited in the detail panel."""

    def __init__(self, choices: Choices, year: int, parent: QWidget | None = None, *,
                 focus_area_id: int | None = None, contacts: ContactMaker | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("New measure in the action plan for {year}").format(year=year))
        self.contacts = contacts
        self.setMinimumWidth(style.chars(self, 74))  # in characters: wider with larger text
        self.choices = choices
        self.form = FormSection(framed=False)
        self.title = self.form.add_field("title", _("Measure"), TextField(placeholder=_("What will be done?")))
        self.focus_area = self.form.add_field("focus_area_id", _("Focus area"),
                                              ChoiceField(pick.focus_areas(choices)))
        self.person = self.form.add_field("responsible_person_id", _("Responsible person"),
                                          ChoiceField(pick.people(choices)))
        self.organisation = self.form.add_field("responsible_organisation_id", _("Responsible organisation"),
                                                ChoiceField(pick.organisations(choices)))
        self.deadline = self.form.add_field("deadline", _("Deadline"), DateField())
        self.focus_area.set_value(focus_area_id)
        self.person.currentIndexChanged.connect(self._person_picked)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Add measure"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        if contacts is not None:
            # Who answers for the measure may not be in the database yet (an empty start).
            row = QHBoxLayout()
            self.new_person_button = QPushButton(_("New person…"))
            self.new_person_button.setAccessibleName(_("Add a new person as responsible"))
            self.new_person_button.clicked.connect(self.new_person)
            self.new_org_button = QPushButton(_("New organisation…"))
            self.new_org_button.setAccessibleName(_("Add a new organisation as responsible"))
            self.new_org_button.clicked.connect(self.new_organisation)
            row.addStretch(1)
            row.addWidget(self.new_person_button)
            row.addWidget(self.new_org_button)
            layout.addLayout(row)
        layout.addWidget(buttons)
        self.values: dict[str, Any] = {}

    def _reload_choices(self) -> None:
        assert self.contacts is not None
        self.choices = measures.choices(self.contacts.ctx.db)
        person, org = self.person.value(), self.organisation.value()
        self.person.set_choices(pick.people(self.choices))
        self.organisation.set_choices(pick.organisations(self.choices))
        self.person.set_value(person)
        self.organisation.set_value(org)

    def new_person(self, values: dict[str, Any] | None = None) -> int | None:
        """Ny person…: add the person and pick them (tests pass `values` for the dialog's)."""
        from tryggapp.ui.plan.new_contact import NewPersonDialog

        if self.contacts is None:
            return None
        if values is None:
            dialog = NewPersonDialog(self.choices.organisations, self.organisation.value(), self)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            values = dialog.values()
        ident = self.contacts.person(values)
        if ident is not None:
            self._reload_choices()
            self.person.set_value(ident)
            self._person_picked()
        return ident

    def new_organisation(self, values: dict[str, Any] | None = None) -> int | None:
        from tryggapp.ui.plan.new_contact import NewOrganisationDialog

        if self.contacts is None:
            return None
        if values is None:
            dialog = NewOrganisationDialog(self)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            values = dialog.values()
        ident = self.contacts.organisation(values)
        if ident is not None:
            self._reload_choices()
            self.organisation.set_value(ident)
        return ident

    def _person_picked(self) -> None:
        # The person's own organisation is the usual answer; still changeable.
        if self.organisation.value() is None:
            org = pick.person_organisation(self.choices, self.person.value())
            if org is not None:
                self.organisation.set_value(org)

    def accept(self) -> None:
        self.form.clear_errors()
        ok = True
        title = self.title.text().strip()
        if not title:
            self.form.show_error("title", _("“{field}” must be filled in.").format(field=_("Measure")))
            ok = False
        try:
            deadline = self.deadline.value()
        except ValidationError as exc:
            self.form.show_error("deadline", exc.message)
            ok = False
        if not ok:
            return
        self.values = {"title": title, "focus_area_id": self.focus_area.value(),
                       "responsible_person_id": self.person.value(),
                       "responsible_organisation_id": self.organisation.value(), "deadline": deadline}
        super().accept()


class BulkEditDialog(Dialog):
    """'Ändra markerade…': tick what to change, set it once for every selected measure."""

    def __init__(self, choices: Choices, count: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(ngettext("Change {n} selected measure", "Change {n} selected measures", count)
                            .format(n=count))
        self.setMinimumWidth(style.chars(self, 74))  # in characters: wider with larger text
        # "alla 1" read wrong: one measure is "the measure".
        intro = QLabel(ngettext("Tick what to change. The change is saved for the selected measure and can be "
                                "undone (Ctrl+Z).",
                                "Tick what to change. The change is saved for all {n} at once and can be undone "
                                "in one step (Ctrl+Z).", count).format(n=count))
        intro.setWordWrap(True)
        self.status = ChoiceField(pick.statuses())
        self.reason = TextField(placeholder=_("Needed when the status is “{status}”").format(
            status=MeasureStatus.CANCELLED.label))
        self.person = ChoiceField(pick.people(choices))
        self.organisation = ChoiceField(pick.organisations(choices))
        self.deadline = DateField()
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        self.checks: dict[str, QCheckBox] = {}
        self.errors: dict[str, ErrorLabel] = {}
        rows = [("status", _("Status"), self.status), ("cancel_reason", _("Status reason"), self.reason),
                ("responsible_person_id", _("Responsible person"), self.person),
                ("responsible_organisation_id", _("Responsible organisation"), self.organisation),
                ("deadline", _("Deadline"), self.deadline)]
        for i, (key, label, widget) in enumerate(rows):
            box = QCheckBox(label)
            widget.setEnabled(False)
            box.toggled.connect(widget.setEnabled)
            if key != "cancel_reason":
                box.toggled.connect(self._sync_reason)
            error = ErrorLabel()
            grid.addWidget(box, 2 * i, 0)
            grid.addWidget(widget, 2 * i, 1)
            grid.addWidget(error, 2 * i + 1, 1)
            self.checks[key] = box
            self.errors[key] = error
        grid.setColumnStretch(1, 1)
        self.checks["cancel_reason"].setEnabled(False)
        self.status.currentIndexChanged.connect(self._sync_reason)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Change"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(grid)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.changes: dict[str, Any] = {}

    def _sync_reason(self) -> None:
        """The reason goes with a status change; it is required for 'Avbruten'."""
        status_on = self.checks["status"].isChecked()
        self.checks["cancel_reason"].setEnabled(status_on)
        if not status_on:
            self.checks["cancel_reason"].setChecked(False)
        elif self.status.value() == MeasureStatus.CANCELLED:
            self.checks["cancel_reason"].setChecked(True)

    def accept(self) -> None:
        for error in self.errors.values():
            error.set_message("")
        changes: dict[str, Any] = {}
        if self.checks["status"].isChecked():
            changes["status"] = self.status.value()
            reason = self.reason.text().strip() if self.checks["cancel_reason"].isChecked() else ""
            changes["cancel_reason"] = reason
            if changes["status"] == MeasureStatus.CANCELLED and not reason:
                self.errors["cancel_reason"].set_message(
                    _("A cancelled measure needs a reason: fill in “{field}”.").format(field=_("Status reason")))
                return
        if self.checks["responsible_person_id"].isChecked():
            changes["responsible_person_id"] = self.person.value()
        if self.checks["responsible_organisation_id"].isChecked():
            changes["responsible_organisation_id"] = self.organisation.value()
        if self.checks["deadline"].isChecked():
            try:
                changes["deadline"] = self.deadline.value()
            except ValidationError as exc:
                self.errors["deadline"].set_message(exc.message)
                return
        if not changes:
            self.errors["status"].set_message(_("Tick at least one thing to change."))
            return
        self.changes = changes
        super().accept()


class OriginDialog(Dialog):
    """Pick what the measure answers: a minutes item, an observation, a finding..."""

    def __init__(self, db: Any, kind: OriginKind, record_id: int | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.setWindowTitle(_("Origin of the measure"))
        self.resize(640, 460)
        intro = QLabel(_("Which decision, observation or finding does the measure answer? "
                         "Linking it makes the plan traceable to the problem it solves."))
        intro.setWordWrap(True)
        self.kind = ChoiceField([(k.label, k) for k in OriginKind])
        self.kind.set_value(kind)
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Search…"))
        self.search.setClearButtonEnabled(True)
        self.model = QStandardItemModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.list = QListView()
        self.list.setModel(self.proxy)
        self.list.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.list.setUniformItemSizes(True)
        self.list.doubleClicked.connect(self.accept)
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        self.kind.currentIndexChanged.connect(lambda _i: self._load(None))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.kind)
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty)
        layout.addWidget(buttons)
        self.result_kind: OriginKind = kind
        self.result_id: int | None = record_id
        self._load(record_id)

    def _load(self, select_id: int | None) -> None:
        kind = self.kind.value() or OriginKind.NONE
        self.model.clear()
        items = measures.origin_candidates(self.db, kind) if kind != OriginKind.NONE else []
        for ident, label in items:
            item = QStandardItem(label)
            item.setData(ident, Qt.ItemDataRole.UserRole)
            self.model.appendRow(item)
            if ident == select_id:
                self.list.setCurrentIndex(self.proxy.mapFromSource(item.index()))
        none = kind == OriginKind.NONE
        self.list.setVisible(not none and bool(items))
        self.search.setVisible(not none and bool(items))
        self.empty.setText(_("The measure will have no origin.") if none else
                           _("There is nothing of this kind in the database yet.") if not items else "")
        self.empty.setVisible(none or not items)

    def accept(self) -> None:
        kind = self.kind.value() or OriginKind.NONE
        if kind == OriginKind.NONE:
            self.result_kind, self.result_id = OriginKind.NONE, None
            super().accept()
            return
        index = self.list.currentIndex()
        if not index.isValid():
            self.empty.setText(_("Choose one from the list."))
            self.empty.setVisible(True)
            return
        self.result_kind, self.result_id = kind, index.data(Qt.ItemDataRole.UserRole)
        super().accept()

