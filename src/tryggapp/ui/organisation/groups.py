"""Grupper: the groups with their warnings, one group's fields, its final report once
closed, and its members (add, change, end, remove)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QWidget

from tryggapp import domain as d
from tryggapp.formatting import date_long
from tryggapp.i18n import _
from tryggapp.services import crud, lists
from tryggapp.services import organisation as svc
from tryggapp.ui.context import AppContext
from tryggapp.ui.organisation import ops
from tryggapp.ui.organisation.dialogs import (
    CloseGroupDialog,
    EndMembershipDialog,
    GroupDialog,
    MembershipDialog,
    name_fields,
)
from tryggapp.ui.organisation.page import Notice, RecordPage, scale_columns
from tryggapp.ui.table import Column, TablePane
from tryggapp.ui.widgets import style
from tryggapp.ui.widgets.fields import (
    ChoiceField,
    DateField,
    MultilineField,
    NumberField,
    TextField,
)
from tryggapp.ui.widgets.form import FormSection
from tryggapp.ui.widgets.mnemonics import mnemonic, strip_mnemonic

_SHORT_WARNING = {"no_convener": lambda: _("No convener"), "behind": lambda: _("Behind its cadence")}


class GroupsPage(RecordPage):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, [
            Column("name", lambda: _("Group"), 240),
            Column("status", lambda: _("Status"), 160),
            Column("attention", lambda: _("Needs attention"), 150),
            Column("members", lambda: _("Members"), 80, align_right=True),
            Column("meetings_per_year", lambda: _("Meetings/year"), 90, align_right=True),
            Column("held", lambda: _("Held this year"), 100, align_right=True),
            Column("level", lambda: _("Level"), 140, stretch=True),
        ], lambda: _("Add the steering group, the coordination group, the council (BRÅ) and the working groups "
                     "with “New group”, then their members."),
            list_name=_("Groups"), empty_icon="mdi6.account-group-outline", empty_title=lambda: _("No groups yet"),
            parent=parent)
        self.add_toolbar("mdi6.plus", _("&New group…"), _("Add a group (Ctrl+N)"), _("New group…"), self.new_group)

        # -- detail
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        style.set_point_size(self.heading, 3, bold=True)
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.state.setStyleSheet(f"color: {style.MUTED};")
        self.notice = Notice()
        self.body.addWidget(self.heading)
        self.body.addWidget(self.state)
        self.body.addWidget(self.notice)

        self.form = FormSection(_("Group"))
        f = self.form
        self.f_name = f.add_field("name", _("Name"), TextField(), span=True)
        self.f_short = f.add_field("short_name", _("Short name"), TextField(), span=True)
        self.f_level = f.add_field("level", _("Level"), ChoiceField(svc.level_choices()), span=True)
        self.f_parent = f.add_field("parent_group_id", _("Reports to"), ChoiceField(), span=True)
        self.f_per_year = f.add_field("meetings_per_year", _("Meetings per year"), NumberField(integer=True), span=True)
        self.f_start = f.add_field("started_on", _("Start"), DateField(), span=True)
        self.f_end = f.add_field("planned_end", _("Planned end"), DateField(), span=True)
        self.f_mandate = f.add_field("mandate", _("Mandate"), MultilineField(lines=3), span=True)
        for w in (self.f_per_year, self.f_start, self.f_end):
            w.setMaximumWidth(style.chars(w, 23))
        self.close_button = QPushButton(style.icon("mdi6.flag-checkered"), _("Close with final &report…"))
        self.close_button.setToolTip(_("The group has delivered its final report: close it (it stays readable)"))
        self.close_button.clicked.connect(self.close_group)
        self.reopen_button = QPushButton(style.icon("mdi6.lock-open-variant-outline"), _("Re&open"))
        self.reopen_button.setToolTip(_("Make the closed group editable again"))
        self.reopen_button.clicked.connect(self.reopen_group)
        f.add_header_widget(self.close_button)
        f.add_header_widget(self.reopen_button)
        f.set_saver(self._save_field)
        name_fields(f)
        self.body.addWidget(self.form)

        self.report_form = FormSection(_("Final report"))
        self.report_date = QLabel()
        self.report_date.setStyleSheet(f"color: {style.MUTED};")
        # Read-only text that grows with the report (a wrapped QLabel in the form's grid
        # would not get the height it needs).
        self.report_text = MultilineField(lines=3, max_lines=16)
        self.report_text.setReadOnly(True)
        self.report_text.setAccessibleName(_("Final report"))
        self.report_form.add_widget(self.report_date)
        self.report_form.add_widget(self.report_text)
        self.body.addWidget(self.report_form)

        self.member_form = FormSection(_("Members"))
        self.members = TablePane([
            Column("name", lambda: _("Name"), 140),
            Column("role", lambda: _("Role"), 120),
            Column("from_date", lambda: _("From"), 85),
            Column("to_date", lambda: _("To"), 85),
            Column("state", lambda: _("Status"), 80),
            Column("organisation", lambda: _("Organisation"), 150, stretch=True),
        ], lambda: _("No members yet. Add them with “Add member…”; choose one as convener."), searchable=False,
            empty_icon="mdi6.account-off-outline")
        self.members.view.setTabKeyNavigation(False)
        scale_columns(self.members)
        self.members.view.setAccessibleName(_("Members of the group"))
        self.members.setMinimumHeight(style.text_lines(self, 12))
        self.members.activated.connect(lambda _ident: self.edit_member())
        self.add_member_button = QPushButton(style.icon("mdi6.account-plus-outline"), _("Add &member…"))
        self.add_member_button.clicked.connect(self.add_member)
        self.edit_member_button = QPushButton(style.icon("mdi6.pencil-outline"), _("C&hange…"))
        self.edit_member_button.clicked.connect(self.edit_member)
        self.end_member_button = QPushButton(style.icon("mdi6.account-arrow-right-outline"), _("&End membership…"))
        self.end_member_button.clicked.connect(self.end_member)
        self.remove_member_button = QPushButton(style.icon("mdi6.delete-outline"), _("Remo&ve"))
        self.remove_member_button.setToolTip(_("For a membership entered by mistake; a member who left gets an end "
                                               "date instead"))
        self.remove_member_button.clicked.connect(self.remove_member)
        # Two rows of two: four long Swedish labels in one row would make the panel wider
        # than its share of the window.
        row = QGridLayout()
        row.setContentsMargins(0, 0, 0, 0)
        for i, b in enumerate((self.add_member_button, self.edit_member_button, self.end_member_button,
                               self.remove_member_button)):
            b.setAccessibleName(b.text().replace("&", "").replace("…", ""))
            row.addWidget(b, i // 2, i % 2)
        row.setColumnStretch(2, 1)
        holder = QWidget()
        holder.setLayout(row)
        self.member_form.add_widget(self.members)
        self.member_form.add_widget(holder)
        self.body.addWidget(self.member_form)
        self.body.addStretch(1)
        # The member buttons go without Alt letters (Tab reaches them under the members
        # table): with eight buttons and the menus taking letters, the group's own fields
        # were left without any.
        for b in (self.add_member_button, self.edit_member_button, self.end_member_button,
                  self.remove_member_button):
            b.setText(strip_mnemonic(b.text()))
        self.form.reserve(mnemonic(b.text()) for b in (
            self.new_button, self.archive_button, self.close_button, self.reopen_button))
        self.members.current_changed.connect(lambda _i: self._update_buttons())

    # -- loading

    def refresh(self) -> None:
        today = self.ctx.today()
        warnings = svc.warnings(self.ctx.db, today)
        rows = lists.groups(self.ctx.db, today)
        for r in rows:
            r["warnings"] = [w.message for w in warnings.get(r["id"], [])]
            r["attention"] = ", ".join(_SHORT_WARNING[w.kind]() for w in warnings.get(r["id"], []))
        self.set_rows(rows)

    def show_record(self, ident: int | None) -> None:
        row = self.rows.get(ident) if ident is not None else None
        self.detail.setVisible(row is not None)
        if row is None:
            self.members.set_rows([])
            self._update_buttons()
            return
        group = crud.get(self.ctx.db, d.Group, ident)
        self.heading.setText(group.name)
        state = [group.level.label, row["status"]]
        if group.archived and row["status"] != _("Archived"):
            state.append(_("Archived"))
        text = " · ".join(state)
        if group.dissolved_on is not None:
            text += "\n" + _("The group is closed and can only be read. Reopen it to change it.")
        self.state.setText(text)
        self.notice.set_messages(row["warnings"])
        parents = [(_("(none)"), None)] + [(r["name"], gid) for gid, r in self.rows.items() if gid != ident]
        self.f_parent.set_choices(parents)
        self.form.set_values({
            "name": group.name, "short_name": group.short_name, "level": group.level,
            "parent_group_id": group.parent_group_id, "meetings_per_year": group.meetings_per_year,
            "started_on": group.started_on, "planned_end": group.planned_end, "mandate": group.mandate,
        }, record=ident, table="work_group", version=group.version)
        closed = group.dissolved_on is not None
        self.report_form.setVisible(closed)
        if closed:
            self.report_date.setText(_("Delivered {date}").format(date=date_long(group.dissolved_on)))
            self.report_text.set_value(group.final_report)
        self.members.set_rows(lists.members(self.ctx.db, ident, self.ctx.today()))
        self._update_buttons()

    def current_group(self) -> d.Group | None:
        return crud.get(self.ctx.db, d.Group, self.record_id) if self.record_id is not None else None

    def _update_buttons(self) -> None:
        row = self.current_row()
        group_closed = bool(row and self.current_group().dissolved_on is not None)  # type: ignore[union-attr]
        editable = self.writable and row is not None and not group_closed
        self.form.set_read_only(not editable)
        self.new_button.setEnabled(self.writable)
        self.archive_button.setEnabled(self.writable and row is not None)
        archived = bool(row and row["archived"])
        self.archive_button.setText(_("Un&archive") if archived else _("&Archive"))
        self.archive_button.setToolTip(_("Show the group as active again") if archived else
                                       _("Keep the group but leave it out of the warnings"))
        self.close_button.setVisible(row is not None and not group_closed)
        self.close_button.setEnabled(editable)
        self.reopen_button.setVisible(group_closed)
        self.reopen_button.setEnabled(self.writable)
        member = self.members.current_id() is not None
        self.add_member_button.setEnabled(editable)
        for b in (self.edit_member_button, self.end_member_button, self.remove_member_button):
            b.setEnabled(editable and member)

    # -- editing

    def _save_field(self, name: str, value: Any) -> bool:
        if self.record_id is None:
            return False
        if name == "meetings_per_year" and value is None:
            value = 0
        return ops.update_group(self.ctx, self.record_id, {name: value}, self.form.caption(name).lower(),
                                self.form, name)

    def new_group(self) -> None:
        if not self.writable or not self.leave_ok():
            return
        parents = [(_("(none)"), None)] + [(r["name"], gid) for gid, r in self.rows.items()]
        dialog = GroupDialog(self._create_group, parents, self.ctx.today(), self)
        dialog.exec()

    def _create_group(self, values: dict[str, Any], form: FormSection) -> bool:
        created = ops.create_group(self.ctx, values, form)
        if created is None:
            return False
        self.select(created.id)
        return True

    def set_archived(self, ident: int, archived: bool) -> None:
        ops.set_group_archived(self.ctx, ident, archived)

    def close_group(self) -> None:
        group = self.current_group()
        if group is None or not self.leave_ok():
            return
        dialog = CloseGroupDialog(lambda values, form: ops.close_group(
            self.ctx, group.id, values["dissolved_on"], values["final_report"], form), group.name,
            self.ctx.today(), self)
        dialog.exec()

    def reopen_group(self) -> None:
        if self.record_id is not None:
            ops.reopen_group(self.ctx, self.record_id)

    def _people(self) -> list[tuple[str, Any]]:
        out = [(_("(choose a person)"), None)]
        for r in lists.people(self.ctx.db):
            if r["archived"]:
                continue
            extra = r["organisation"] or r["title"]
            out.append((f"{r['name']} ({extra})" if extra else r["name"], r["id"]))
        return out

    def add_member(self) -> None:
        group = self.current_group()
        if group is None:
            return
        dialog = MembershipDialog(lambda values, form: ops.add_member(self.ctx, group.id, values, form) is not None,
                                  self._people(), group.name, self, today=self.ctx.today())
        dialog.exec()

    def _member_row(self) -> dict[str, Any] | None:
        ident = self.members.current_id()
        return next((r for r in self.members.model.rows if r["id"] == ident), None)

    def edit_member(self) -> None:
        group, row = self.current_group(), self._member_row()
        if group is None or row is None or group.dissolved_on is not None or not self.writable:
            return
        people = self._people()
        if all(v != row["person_id"] for _t, v in people):
            people.append((row["name"], row["person_id"]))  # an archived person stays shown
        dialog = MembershipDialog(lambda values, form: ops.update_member(self.ctx, row["id"], values, form),
                                  people, group.name, self, current=row)
        dialog.exec()

    def end_member(self) -> None:
        group, row = self.current_group(), self._member_row()
        if group is None or row is None:
            return
        dialog = EndMembershipDialog(lambda values, form: ops.end_member(self.ctx, row["id"], values["to_date"], form),
                                     row["name"], group.name, self.ctx.today(), self)
        dialog.exec()

    def remove_member(self) -> None:
        row = self._member_row()
        if row is not None:
            ops.remove_member(self.ctx, row["id"])
