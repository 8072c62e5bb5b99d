"""Dialogs of the Organisation view: a new organisation, person or group, a membership
(add or change), the end of a membership, closing a group with its final report, and
the questions before a person's data is erased or their extract is saved.

Each form dialog checks what it can parse itself (a date typed wrongly), then hands its
values to `submit(values, form)`, which pushes the undoable service call; a refusal
(validation) shows its Swedish message under the field and the dialog stays open, so
nothing typed is lost."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from tryggapp.domain.enums import GroupLevel, MemberRole, OrganisationKind
from tryggapp.i18n import _
from tryggapp.services.validation import ValidationError
from tryggapp.ui.widgets import style
from tryggapp.ui.widgets.dialog import Dialog
from tryggapp.ui.widgets.fields import (
    ChoiceField,
    DateField,
    MultilineField,
    NumberField,
    TextField,
)
from tryggapp.ui.widgets.form import FormSection

Submit = Callable[[dict[str, Any], FormSection], bool]


def name_fields(form: FormSection) -> None:
    """Every field is named for screen readers by its caption (a date field's line edit
    too, which is what takes the focus)."""
    for key, widget in form.fields.items():
        caption = form.caption(key)
        widget.setAccessibleName(caption)
        line = getattr(widget, "line", None)
        if line is not None:
            line.setAccessibleName(caption)


class FormDialog(Dialog):
    """A titled form with OK/Cancel. Subclasses add fields and implement `values()`."""

    ok_text = ""

    def __init__(self, title: str, submit: Submit, parent: QWidget | None = None, *, intro: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(style.chars(self, 70))  # in characters: wider with larger text
        self.submit = submit
        self.form = FormSection(framed=False)
        layout = QVBoxLayout(self)
        if intro:
            label = QLabel(intro)
            label.setWordWrap(True)
            label.setStyleSheet(f"color: {style.MUTED};")
            layout.addWidget(label)
        layout.addWidget(self.form)
        layout.addStretch(1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.result_values: dict[str, Any] = {}

    def finish_building(self, ok_text: str) -> None:
        self.ok_button.setText(ok_text)
        self.ok_button.setAccessibleName(ok_text.replace("&", ""))
        name_fields(self.form)

    def values(self) -> dict[str, Any]:
        raise NotImplementedError

    def _date(self, name: str) -> dt.date | None:
        return self.form.fields[name].value()  # type: ignore[attr-defined]  # raises ValidationError

    def accept(self) -> None:
        self.form.clear_errors()
        try:
            values = self.values()
        except ValidationError as exc:
            rest = self.form.show_errors(exc)
            for item in rest:  # a parse error names its field by label, not by key
                target = next((k for k in self.form.fields if self.form.caption(k) == item.label), None)
                if target is not None:
                    self.form.show_error(target, item.message)
            return
        if self.submit(values, self.form):
            self.result_values = values
            super().accept()


def _dates(form: FormSection, *names: str) -> dict[str, Any]:
    """Parse the date fields, collecting every error at once (each under its field)."""
    out: dict[str, Any] = {}
    errors = []
    for name in names:
        try:
            out[name] = form.fields[name].value()  # type: ignore[attr-defined]
        except ValidationError as exc:
            errors += [e.__class__(name, e.label, e.message) for e in exc.errors]
    if errors:
        raise ValidationError(errors)
    return out


class OrganisationDialog(FormDialog):
    def __init__(self, submit: Submit, parent: QWidget | None = None) -> None:
        super().__init__(_("New organisation"), submit, parent,
                         intro=_("A municipal department, the police, the rescue service, a housing company, a "
                                 "property owner or an association the municipality works with."))
        f = self.form
        self.name = f.add_field("name", _("Name"), TextField(placeholder=_("e.g. “Socialförvaltningen”")))
        self.short = f.add_field("short_name", _("Short name"), TextField())
        self.kind = f.add_field("kind", _("Kind"), ChoiceField([(k.label, k) for k in OrganisationKind]))
        self.kind.set_value(OrganisationKind.MUNICIPAL)
        self.finish_building(_("Add organisation"))

    def values(self) -> dict[str, Any]:
        return {"name": self.name.text().strip(), "short_name": self.short.text().strip(), "kind": self.kind.value()}


class PersonDialog(FormDialog):
    def __init__(self, submit: Submit, organisations: list[tuple[str, Any]], parent: QWidget | None = None,
                 *, organisation_id: int | None = None) -> None:
        super().__init__(_("New person"), submit, parent,
                         intro=_("Personal data: store only what the work needs. The person can later get an "
                                 "extract of it, or have it erased."))
        f = self.form
        self.name = f.add_field("name", _("Name"), TextField())
        self.title = f.add_field("title", _("Job title"), TextField())
        self.organisation = f.add_field("organisation_id", _("Organisation"), ChoiceField(organisations))
        self.organisation.set_value(organisation_id)
        self.email = f.add_field("email", _("E-mail"), TextField(placeholder=_("name@example.se")))
        self.phone = f.add_field("phone", _("Phone"), TextField())
        self.finish_building(_("Add person"))

    def values(self) -> dict[str, Any]:
        return {"name": self.name.text().strip(), "title": self.title.text().strip(),
                "organisation_id": self.organisation.value(), "email": self.email.text().strip(),
                "phone": self.phone.text().strip()}


class GroupDialog(FormDialog):
    def __init__(self, submit: Submit, parents: list[tuple[str, Any]], today: dt.date,
                 parent: QWidget | None = None) -> None:
        super().__init__(_("New group"), submit, parent,
                         intro=_("A steering group, coordination group, council or a temporary working group. "
                                 "A working group ends when it delivers its final report."))
        f = self.form
        f.columns = 1
        self.name = f.add_field("name", _("Name"), TextField(placeholder=_("e.g. “Arbetsgrupp Trygg park”")))
        self.level = f.add_field("level", _("Level"), ChoiceField([(lv.label, lv) for lv in GroupLevel]))
        self.level.set_value(GroupLevel.WORKING)
        self.parent_group = f.add_field("parent_group_id", _("Reports to"), ChoiceField(parents))
        self.per_year = f.add_field("meetings_per_year", _("Meetings per year"), NumberField(integer=True))
        self.per_year.set_value(4)
        self.started = f.add_field("started_on", _("Start"), DateField())
        self.started.set_value(today)
        self.planned_end = f.add_field("planned_end", _("Planned end"), DateField())
        self.mandate = f.add_field("mandate", _("Mandate"), MultilineField(lines=3))
        for w in (self.per_year, self.started, self.planned_end):
            w.setMaximumWidth(style.chars(w, 23))
        self.finish_building(_("Add group"))

    def values(self) -> dict[str, Any]:
        out = _dates(self.form, "started_on", "planned_end")
        try:
            per_year = self.per_year.value()
        except ValidationError as exc:
            raise ValidationError([exc.errors[0].__class__("meetings_per_year", exc.errors[0].label,
                                                           exc.errors[0].message)]) from None
        return {"name": self.name.text().strip(), "level": self.level.value(),
                "parent_group_id": self.parent_group.value(), "meetings_per_year": per_year or 0,
                "mandate": self.mandate.value(), **out}


class MembershipDialog(FormDialog):
    """Add a member, or change one (person, role, from, to)."""

    def __init__(self, submit: Submit, people: list[tuple[str, Any]], group_name: str,
                 parent: QWidget | None = None, *, current: dict[str, Any] | None = None,
                 today: dt.date | None = None) -> None:
        title = (_("Change membership in {group}") if current else _("Add a member to {group}")).format(
            group=group_name)
        super().__init__(title, submit, parent)
        f = self.form
        self.person = f.add_field("person_id", _("Person"), ChoiceField(people))
        self.role = f.add_field("role", _("Role"), ChoiceField([(r.label, r) for r in MemberRole]))
        self.from_date = f.add_field("from_date", _("From"), DateField())
        self.to_date = f.add_field("to_date", _("To"), DateField())
        for w in (self.from_date, self.to_date):
            w.setMaximumWidth(style.chars(w, 23))
        current = current or {}
        self.person.set_value(current.get("person_id"))
        self.role.set_value(current.get("role_value", MemberRole.MEMBER))
        self.from_date.set_value(current.get("from_date", today) if current else today)
        self.to_date.set_value(current.get("to_date"))
        self.finish_building(_("Save") if current else _("Add member"))

    def values(self) -> dict[str, Any]:
        out = _dates(self.form, "from_date", "to_date")
        person = self.person.value()
        if person is None:
            raise ValidationError([_field("person_id", _("Person"),
                                          _("“{field}” must be filled in.").format(field=_("Person")))])
        return {"person_id": person, "role": self.role.value(), **out}


def _field(name: str, label: str, message: str) -> Any:
    from tryggapp.services.validation import FieldError

    return FieldError(name, label, message)


class EndMembershipDialog(FormDialog):
    def __init__(self, submit: Submit, person: str, group: str, today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(_("End membership"), submit, parent,
                         intro=_("{person} leaves {group}. The membership is kept with its end date, so earlier "
                                 "minutes still show who took part.").format(person=person, group=group))
        self.to_date = self.form.add_field("to_date", _("Last day in the group"), DateField())
        self.to_date.set_value(today)
        self.to_date.setMaximumWidth(style.chars(self.to_date, 23))
        self.finish_building(_("End membership"))

    def values(self) -> dict[str, Any]:
        return _dates(self.form, "to_date")


class CloseGroupDialog(FormDialog):
    def __init__(self, submit: Submit, group: str, today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(_("Close {group}").format(group=group), submit, parent,
                         intro=_("A working group ends when it has delivered its final report. The group stays "
                                 "readable, shown as closed; its current memberships end on the report's date. "
                                 "It can be reopened if the work goes on."))
        self.dissolved_on = self.form.add_field("dissolved_on", _("Date of the final report"), DateField())
        self.dissolved_on.set_value(today)
        self.dissolved_on.setMaximumWidth(style.chars(self.dissolved_on, 23))
        self.report = self.form.add_field("final_report", _("Final report"), MultilineField(lines=6, max_lines=14))
        self.report.setPlaceholderText(_("What the group did, what it achieved, what is handed over and to whom."))
        self.finish_building(_("Close group"))

    def values(self) -> dict[str, Any]:
        return {**_dates(self.form, "dissolved_on"), "final_report": self.report.value()}


# --------------------------------------------------------------------------- personal data


def ask_erase(parent: QWidget | None, name: str, backups: Path | None) -> bool:
    """Yes/Cancel before erasing (a module function, so tests answer it). Says plainly what
    stays (minutes, measures) and that older backups still hold the data."""
    where = _("in the backup folder {folder}").format(folder=backups) if backups else _("in the backups")
    box = QMessageBox(QMessageBox.Icon.Warning, _("Erase personal data"),
                      _("Erase the personal data of {name}?").format(name=name), parent=parent)
    box.setInformativeText(
        _("The name becomes “{erased}” everywhere, and the job title, e-mail and phone are removed, also from "
          "the change log and from texts that mention them. Minutes, attendance and measures stay, with "
          "“{erased}” in place of the name. This cannot be undone.").format(erased=_("Deleted person"))
        + "\n\n"
        + _("Backups made before now still contain the data {where}. They are replaced as they get older, "
            "the last of them after about a year; delete them yourself if the data must be gone at once.")
        .format(where=where))
    erase = box.addButton(_("Erase personal data"), QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton(_("Cancel"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    box.exec()
    return box.clickedButton() is erase


def ask_extract_path(parent: QWidget | None, suggested: Path) -> Path | None:
    """Where to save the extract (a module function, so tests answer it)."""
    path, _filter = QFileDialog.getSaveFileName(parent, _("Save extract of personal data"), str(suggested),
                                                _("Text files (*.txt)"))
    return Path(path) if path else None
