"""Personer and Organisationer: the lists, one record's fields, archiving, and for a
person the GDPR extract (registerutdrag) and erasure."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QMessageBox, QPushButton, QWidget

from tryggapp import domain as d
from tryggapp.domain.enums import OrganisationKind
from tryggapp.formatting import date_short
from tryggapp.i18n import _
from tryggapp.services import crud, lists, personal_data
from tryggapp.ui.context import AppContext
from tryggapp.ui.organisation import dialogs, ops
from tryggapp.ui.organisation.dialogs import OrganisationDialog, PersonDialog, name_fields
from tryggapp.ui.organisation.page import RecordPage
from tryggapp.ui.table import Column
from tryggapp.ui.widgets import style
from tryggapp.ui.widgets.fields import ChoiceField, MultilineField, TextField
from tryggapp.ui.widgets.form import FormSection
from tryggapp.ui.widgets.mnemonics import mnemonic


def _heading() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    style.set_point_size(label, 3, bold=True)
    return label


class PeoplePage(RecordPage):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, [
            Column("name", lambda: _("Name"), 180),
            Column("title", lambda: _("Job title"), 170),
            Column("organisation", lambda: _("Organisation"), 200),
            Column("email", lambda: _("E-mail"), 200),
            Column("phone", lambda: _("Phone"), 120),
            Column("archived", lambda: _("Archived"), 80, stretch=True),
        ], lambda: _("People are the members of the groups and those responsible for measures. Add the first "
                     "with “New person”."),
            list_name=_("People"), empty_icon="mdi6.account-outline", empty_title=lambda: _("No people yet"),
            parent=parent)
        self.add_toolbar("mdi6.account-plus-outline", _("&New person…"), _("Add a person (Ctrl+N)"), _("New person…"), self.new_person)

        self.heading = _heading()
        self.body.addWidget(self.heading)
        self.form = FormSection(_("Person"))
        f = self.form
        self.f_name = f.add_field("name", _("Name"), TextField(), span=True)
        self.f_title = f.add_field("title", _("Job title"), TextField(), span=True)
        self.f_org = f.add_field("organisation_id", _("Organisation"), ChoiceField(), span=True)
        self.f_email = f.add_field("email", _("E-mail"), TextField(), span=True)
        self.f_phone = f.add_field("phone", _("Phone"), TextField(), span=True)
        f.set_saver(self._save_field)
        name_fields(f)
        self.body.addWidget(self.form)

        self.groups_form = FormSection(_("Groups"))
        # A read-only text that grows with its lines (a wrapped label in the form's grid
        # would not get the height it needs).
        self.groups_label = MultilineField(lines=1, max_lines=12)
        self.groups_label.setReadOnly(True)
        self.groups_label.setFrameShape(QFrame.Shape.NoFrame)
        self.groups_label.setStyleSheet("background: transparent;")
        self.groups_label.setAccessibleName(_("Groups"))
        self.groups_form.add_widget(self.groups_label)
        self.body.addWidget(self.groups_form)

        self.gdpr = FormSection(_("Personal data"), description=_(
            "An extract lists everything stored about the person. Erasing replaces the name with “{erased}” "
            "everywhere; minutes and measures stay.").format(erased=_("Deleted person")))
        self.extract_button = QPushButton(style.icon("mdi6.file-document-outline"), _("E&xtract of personal data…"))
        self.extract_button.setToolTip(_("Save a text file with everything stored about the person"))
        self.extract_button.clicked.connect(self.save_extract)
        self.erase_button = QPushButton(style.icon("mdi6.account-remove-outline", style.DANGER),
                                        _("Erase personal &data…"))
        self.erase_button.clicked.connect(self.erase)
        for b in (self.extract_button, self.erase_button):
            b.setAccessibleName(b.text().replace("&", "").replace("…", ""))
        self.gdpr.add_widget(self.extract_button)
        self.gdpr.add_widget(self.erase_button)
        self.body.addWidget(self.gdpr)
        self.body.addStretch(1)
        self.form.reserve(mnemonic(b.text()) for b in (
            self.new_button, self.archive_button, self.extract_button, self.erase_button))

    def refresh(self) -> None:
        self.organisations = [(_("(none)"), None)] + [(r["name"], r["id"]) for r in lists.organisations(self.ctx.db)
                                                      if not r["archived"]]
        self.set_rows(lists.people(self.ctx.db))

    def show_record(self, ident: int | None) -> None:
        self.detail.setVisible(ident is not None and ident in self.rows)
        if ident is None or ident not in self.rows:
            self._update_buttons()
            return
        p = crud.get(self.ctx.db, d.Person, ident)
        self.heading.setText(p.name + (" · " + _("Archived") if p.archived else ""))
        choices = list(self.organisations)
        if p.organisation_id is not None and all(v != p.organisation_id for _t, v in choices):
            org = crud.get(self.ctx.db, d.Organisation, p.organisation_id)
            choices.append((_("{name} (archived)").format(name=org.name), org.id))
        self.f_org.set_choices(choices)
        self.form.set_values({"name": p.name, "title": p.title, "organisation_id": p.organisation_id,
                              "email": p.email, "phone": p.phone}, record=ident, table="person", version=p.version)
        lines = []
        for m in lists.person_memberships(self.ctx.db, ident, self.ctx.today()):
            line = f"{m['group']}: {m['role']}"
            if not m["current"]:
                line += " (" + _("until {date}").format(date=date_short(m["to_date"])) + ")" if m["to_date"] else ""
            lines.append(line)
        self.groups_label.set_value("\n".join(lines) if lines else _("Not a member of any group. Add the person to a "
                                                                  "group on the Groups tab."))
        self._update_buttons()

    def _update_buttons(self) -> None:
        row = self.current_row()
        self.new_button.setEnabled(self.writable)
        self.form.set_read_only(not self.writable)
        self.archive_button.setEnabled(self.writable and row is not None)
        archived = bool(row and row["archived"])
        self.archive_button.setText(_("Un&archive") if archived else _("&Archive"))
        self.archive_button.setToolTip(_("Offer the person in the pickers again") if archived else
                                       _("Keep the person (minutes and measures name them) but leave them out of "
                                         "the pickers"))
        self.erase_button.setEnabled(self.writable and row is not None)
        self.extract_button.setEnabled(row is not None)

    def _save_field(self, name: str, value: Any) -> bool:
        if self.record_id is None:
            return False
        return ops.update_person(self.ctx, self.record_id, {name: value}, self.form.caption(name).lower(),
                                 self.form, name)

    def new_person(self) -> None:
        if not self.writable or not self.leave_ok():
            return
        dialog = PersonDialog(self._create, self.organisations, self)
        dialog.exec()

    def _create(self, values: dict[str, Any], form: FormSection) -> bool:
        created = ops.create_person(self.ctx, values, form)
        if created is None:
            return False
        self.select(created.id)
        return True

    def set_archived(self, ident: int, archived: bool) -> None:
        ops.update_person(self.ctx, ident, {"archived": archived}, _("archive status"))

    def save_extract(self) -> Path | None:
        row = self.current_row()
        if row is None:
            return None
        stem = re.sub(r"[^\w-]+", "-", row["name"]).strip("-") or "person"
        suggested = Path.home() / _("registerutdrag-{name}-{date}.txt").format(
            name=stem, date=self.ctx.today().isoformat())
        path = dialogs.ask_extract_path(self, suggested)
        if path is None:
            return None
        try:
            written = personal_data.write_extract(self.ctx.db, row["id"], path, self.ctx.today())
        except Exception as exc:  # a UserError is shown in Swedish; anything else is logged as a bug
            self.ctx.report_error(exc)
            return None
        QMessageBox.information(self, _("Extract saved"), _("The extract was saved in {path}.").format(path=written))
        return written

    def erase(self) -> bool:
        row = self.current_row()
        if row is None or not self.writable or not self.leave_ok():
            return False
        if not dialogs.ask_erase(self, row["name"], self.ctx.db.backup_dir):
            return False
        try:
            personal_data.erase(self.ctx.db, row["id"])
        except Exception as exc:
            self.ctx.report_error(exc)
            return False
        # The undo stack holds the old values in memory: an undo would write them back.
        self.ctx.undo_stack.clear()
        self.ctx.changes.emit_tables("person", "membership", "work_group", "organisation", "measure",
                                     "minutes", "minutes_item", "meeting", "municipality", "audit_entry")
        return True


class OrganisationsPage(RecordPage):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, [
            Column("name", lambda: _("Name"), 300),
            Column("kind", lambda: _("Kind"), 180),
            Column("people", lambda: _("People"), 80, align_right=True),
            Column("archived", lambda: _("Archived"), 80, stretch=True),
        ], lambda: _("Municipal departments, the police, the rescue service, the housing company and associations "
                     "the municipality works with. Add the first with “New organisation”."),
            list_name=_("Organisations"), empty_icon="mdi6.domain", empty_title=lambda: _("No organisations yet"),
            parent=parent)
        self.add_toolbar("mdi6.domain-plus", _("&New organisation…"), _("Add an organisation (Ctrl+N)"), _("New organisation…"), self.new_organisation)

        self.heading = _heading()
        self.body.addWidget(self.heading)
        self.form = FormSection(_("Organisation"))
        f = self.form
        self.f_name = f.add_field("name", _("Name"), TextField(), span=True)
        self.f_short = f.add_field("short_name", _("Short name"), TextField(), span=True)
        self.f_kind = f.add_field("kind", _("Kind"), ChoiceField([(k.label, k) for k in OrganisationKind]), span=True)
        f.set_saver(self._save_field)
        name_fields(f)
        self.body.addWidget(self.form)
        self.people_label = QLabel()
        self.people_label.setWordWrap(True)
        self.people_label.setStyleSheet(f"color: {style.MUTED};")
        self.body.addWidget(self.people_label)
        self.body.addStretch(1)
        self.form.reserve(mnemonic(b.text()) for b in (self.new_button, self.archive_button))

    def refresh(self) -> None:
        self.set_rows(lists.organisations(self.ctx.db))

    def show_record(self, ident: int | None) -> None:
        self.detail.setVisible(ident is not None and ident in self.rows)
        if ident is None or ident not in self.rows:
            self._update_buttons()
            return
        o = crud.get(self.ctx.db, d.Organisation, ident)
        self.heading.setText(o.name + (" · " + _("Archived") if o.archived else ""))
        self.form.set_values({"name": o.name, "short_name": o.short_name, "kind": o.kind}, record=ident,
                             table="organisation", version=o.version)
        names = [r["name"] for r in lists.people(self.ctx.db) if r["organisation"] == o.name and not r["archived"]]
        self.people_label.setText(_("People: {names}").format(names=", ".join(names)) if names else
                                  _("No people from this organisation yet."))
        self._update_buttons()

    def _update_buttons(self) -> None:
        row = self.current_row()
        self.new_button.setEnabled(self.writable)
        self.form.set_read_only(not self.writable)
        self.archive_button.setEnabled(self.writable and row is not None)
        archived = bool(row and row["archived"])
        self.archive_button.setText(_("Un&archive") if archived else _("&Archive"))

    def _save_field(self, name: str, value: Any) -> bool:
        if self.record_id is None:
            return False
        return ops.update_organisation(self.ctx, self.record_id, {name: value}, self.form.caption(name).lower(),
                                       self.form, name)

    def new_organisation(self) -> None:
        if not self.writable or not self.leave_ok():
            return
        OrganisationDialog(self._create, self).exec()

    def _create(self, values: dict[str, Any], form: FormSection) -> bool:
        created = ops.create_organisation(self.ctx, values, form)
        if created is None:
            return False
        self.select(created.id)
        return True

    def set_archived(self, ident: int, archived: bool) -> None:
        ops.update_organisation(self.ctx, ident, {"archived": archived}, _("archive status"))
