"""The detail panel: every field of one measure, saved as soon as a field is left, with
the partners, the dated progress log, the status history and the origin as a link.

Edits are checked by the service first; a refused edit shows its message under the
field (not in a dialog) and nothing is pushed. Accepted edits go on the undo stack. A
save that fails (a full disk) keeps the field marked unsaved and is tried again when the
field is left again (widgets.form); leaving the measure then asks (PlanSection).

A measure carried over into a later year's plan shows the link both ways ("Överförd
till 2027 som 2027:3" / "Överförd från 2026 som 2026:5"); a change of the old one offers
the same change to its copy, as one undo step."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from tryggapp import domain as d
from tryggapp.domain.enums import MeasureStatus, OriginKind
from tryggapp.errors import UserError
from tryggapp.formatting import date_short
from tryggapp.i18n import _
from tryggapp.services import crud, measures
from tryggapp.services.measures import Choices, MeasureDetail
from tryggapp.services.validation import ValidationError
from tryggapp.ui.context import AppContext
from tryggapp.ui.plan import choices as pick
from tryggapp.ui.plan import ops
from tryggapp.ui.plan.dialogs import OriginDialog, ask_cancel_reason
from tryggapp.ui.plan.model import LATE_ICON, STATUS_ICONS, status_text
from tryggapp.ui.widgets import style, unsaved
from tryggapp.ui.widgets.fields import (
    ChoiceField,
    DateField,
    MultilineField,
    NumberField,
    TextField,
)
from tryggapp.ui.widgets.form import ErrorLabel, FormSection

# The section key of each origin's table, for ctx.navigate (the main window's sidebar keys).
ORIGIN_SECTIONS = {
    "minutes_item": "meetings",
    "observation": "walks",
    "situation_finding": "situation",
    "citizen_promise": "situation",
    "cooperation_agreement": "situation",
}

FIELD_LABELS = {
    "number": lambda: _("No."),
    "title": lambda: _("Measure"),
    "description": lambda: _("Description"),
    "focus_area_id": lambda: _("Focus area"),
    "responsible_person_id": lambda: _("Responsible person"),
    "responsible_organisation_id": lambda: _("Responsible organisation"),
    "start_date": lambda: _("Start"),
    "deadline": lambda: _("Deadline"),
    "status": lambda: _("Status"),
    "cancel_reason": lambda: _("Status reason"),
    "expected_effect": lambda: _("Expected effect"),
}


# What a measure carried into next year shares with its copy, so a change in the old year
# is offered to the copy too. Status, reason, number and dates of the year's own progress
# are each plan's own.
SHARED_WITH_COPY = ("title", "description", "expected_effect", "focus_area_id", "responsible_person_id",
                    "responsible_organisation_id", "deadline")


def ask_change_copies(parent: QWidget | None, text: str) -> bool:
    """Yes/No: change the carried-over copy too? (A module function, so tests answer it.)"""
    box = QMessageBox(QMessageBox.Icon.Question, _("Carried-over measure"), text, parent=parent)
    yes = box.addButton(_("Yes"), QMessageBox.ButtonRole.YesRole)
    no = box.addButton(_("No"), QMessageBox.ButtonRole.NoRole)
    box.setDefaultButton(yes)
    box.setEscapeButton(no)
    box.exec()
    return box.clickedButton() is yes


def _narrow(combo: QComboBox) -> QComboBox:
    """A picker sized by a dozen characters, not by its longest entry (long organisation
    names would otherwise widen the whole panel)."""
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(10)
    return combo


def _hint_item(text: str) -> QListWidgetItem:
    """A line that says a list is empty: readable (not the disabled grey, 2:1), not
    selectable."""
    item = QListWidgetItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled)
    item.setForeground(style.qcolor(style.MUTED))
    return item


def _link(text: str, href: str) -> str:
    return f'<a href="{html.escape(href)}">{html.escape(text)}</a>'


class MeasureDetailPanel(QScrollArea):
    """Shows and edits one measure. `open_measure` asks the section to select another
    (the predecessor or successor in another year's plan)."""

    open_measure = Signal(int)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.measure_id: int | None = None
        self.detail: MeasureDetail | None = None
        self.choices: Choices | None = None
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        # The panel fits its width (text wraps, pickers elide); never a sideways scroll.
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Tab from the table goes straight to the first field, not to the panel itself
        # (the panel still scrolls to the focused field).
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setMinimumWidth(style.chars(self, 48))
        body = QWidget()
        body.setObjectName("planDetail")
        self.setWidget(body)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(12, 4, 8, 12)
        layout.setSpacing(10)

        # -- heading
        self.kicker = QLabel()
        self.kicker.setStyleSheet(f"color: {style.MUTED};")
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        style.set_point_size(self.heading, 3, bold=True)
        self.badge_icon = QLabel()
        self.badge = QLabel()
        self.badge.setWordWrap(True)
        badge_row = QHBoxLayout()
        badge_row.setSpacing(6)
        badge_row.addWidget(self.badge_icon)
        badge_row.addWidget(self.badge, 1)
        self.carry = QLabel()
        self.carry.setWordWrap(True)
        self.carry.setTextFormat(Qt.TextFormat.RichText)
        self.carry.setToolTip(_("Open the other year's measure"))
        self.carry.linkActivated.connect(lambda href: self.open_measure.emit(int(href.split(":")[1])))
        layout.addWidget(self.kicker)
        layout.addWidget(self.heading)
        layout.addLayout(badge_row)
        layout.addWidget(self.carry)

        # -- fields
        self.form = FormSection(_("Measure"))
        f = self.form
        self.f_number = f.add_field("number", _("No."), NumberField(integer=True))
        self.f_status = f.add_field("status", _("Status"), ChoiceField(pick.statuses()))
        self.f_title = f.add_field("title", _("Measure"), TextField(), span=True)
        self.f_reason = f.add_field("cancel_reason", _("Status reason"),
                                    TextField(placeholder=_("Why paused or cancelled?")), span=True)
        self.f_focus = f.add_field("focus_area_id", _("Focus area"), ChoiceField(), span=True)
        self.f_person = f.add_field("responsible_person_id", _("Responsible person"), ChoiceField(), span=True)
        self.f_org = f.add_field("responsible_organisation_id", _("Responsible organisation"), ChoiceField(),
                                 span=True)
        self.f_start = f.add_field("start_date", _("Start"), DateField(), span=True)
        self.f_deadline = f.add_field("deadline", _("Deadline"), DateField(), span=True)
        self.f_description = f.add_field("description", _("Description"), MultilineField(lines=4), span=True)
        self.f_effect = f.add_field("expected_effect", _("Expected effect"), MultilineField(lines=2), span=True)
        for combo in (self.f_status, self.f_focus, self.f_person, self.f_org):
            _narrow(combo)
        # Widths in characters, so a date and a number fit at any font size.
        for date in (self.f_start, self.f_deadline):
            date.setMaximumWidth(style.chars(date, 23))
        self.f_number.setMaximumWidth(style.chars(self.f_number, 11.5))
        self.form.set_saver(self._edited)
        layout.addWidget(self.form)

        # -- origin
        self.origin_form = FormSection(_("Origin"))
        self.origin = QLabel()
        self.origin.setWordWrap(True)
        self.origin.setTextFormat(Qt.TextFormat.RichText)
        self.origin.linkActivated.connect(self._open_origin)
        self.origin_button = QPushButton(_("Change origin…"))
        self.origin_button.clicked.connect(self._change_origin)
        self.origin_form.add_widget(self.origin)
        self.origin_form.add_header_widget(self.origin_button)
        layout.addWidget(self.origin_form)

        # -- partners
        self.partner_form = FormSection(_("Partners"))
        self.partners = QListWidget()
        self.partners.setAccessibleName(_("Partners"))
        self.partners.setMaximumHeight(style.text_lines(self.partners, 7.5))
        self.partner_pick = _narrow(ChoiceField())
        self.partner_add = QPushButton(style.icon("mdi6.plus"), _("Add"))
        self.partner_add.clicked.connect(self._add_partner)
        self.partner_remove = QPushButton(style.icon("mdi6.minus"), _("Remove"))
        self.partner_remove.clicked.connect(self._remove_partner)
        row = QHBoxLayout()
        row.addWidget(self.partner_pick, 1)
        row.addWidget(self.partner_add)
        row.addWidget(self.partner_remove)
        holder = QWidget()
        holder.setLayout(row)
        row.setContentsMargins(0, 0, 0, 0)
        self.partner_form.add_widget(self.partners)
        self.partner_form.add_widget(holder)
        layout.addWidget(self.partner_form)

        # -- progress log
        self.log_form = FormSection(_("Progress log"))
        self.note_date = DateField()
        self.note_date.setMaximumWidth(style.chars(self.note_date, 20))
        self.note_text = TextField(placeholder=_("What happened? e.g. “The lighting is ordered”"))
        self.note_text.returnPressed.connect(self._add_note)
        self.note_add = QPushButton(style.icon("mdi6.plus"), _("Add note"))
        self.note_add.clicked.connect(self._add_note)
        note_row = QHBoxLayout()
        note_row.setContentsMargins(0, 0, 0, 0)
        note_row.addWidget(self.note_date)
        note_row.addWidget(self.note_text, 1)
        note_row.addWidget(self.note_add)
        note_holder = QWidget()
        note_holder.setLayout(note_row)
        self.note_error = ErrorLabel()
        self.notes = QListWidget()
        self.notes.setAccessibleName(_("Notes"))
        self.notes.setWordWrap(True)
        self.notes.setMinimumHeight(90)
        self.note_delete = QToolButton()
        self.note_delete.setIcon(style.icon("mdi6.delete-outline"))
        self.note_delete.setToolTip(_("Delete the selected note"))
        self.note_delete.setAutoRaise(True)
        self.note_delete.clicked.connect(self._delete_note)
        self.log_form.add_header_widget(self.note_delete)
        self.log_form.add_widget(note_holder)
        self.log_form.add_widget(self.note_error)
        self.log_form.add_widget(self.notes)
        layout.addWidget(self.log_form)

        # -- status history
        self.history_form = FormSection(_("Status history"))
        self.history = QListWidget()
        self.history.setAccessibleName(_("Status history"))
        self.history.setWordWrap(True)
        self.history.setMinimumHeight(70)
        self.history.setSelectionMode(QListWidget.SelectionMode.NoSelection)
        self.history_form.add_widget(self.history)
        layout.addWidget(self.history_form)
        layout.addStretch(1)

        self.placeholder = QLabel(_("Select a measure to see and edit it here."))
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setStyleSheet(f"color: {style.MUTED}; padding: 40px;")
        self.placeholder.setWordWrap(True)
        layout.insertWidget(0, self.placeholder)
        # The splitter must not squeeze the panel below what its fields need (with the
        # sideways scroll bar off, they would be cut off instead).
        self.setMinimumWidth(body.minimumSizeHint().width() + self.verticalScrollBar().sizeHint().width() + 4)
        self._content = [self.kicker, self.heading, self.badge_icon, self.badge, self.carry, self.form,
                         self.origin_form, self.partner_form, self.log_form, self.history_form]
        self.show_measure(None)

    # -- loading ------------------------------------------------------------------------

    def set_choices(self, choices: Choices) -> None:
        self.choices = choices

    def show_measure(self, measure_id: int | None) -> None:
        if measure_id != self.measure_id:
            # Text still being typed is saved as leaving the field would (the section has
            # asked about failed saves already, see leave_ok).
            self.form.commit_pending(failed_too=False)
            self.note_text.clear()
            self.note_error.set_message("")
        self.measure_id = measure_id
        self.reload()

    def reload(self) -> None:
        ident = self.measure_id
        if ident is None:
            self.detail = None
        else:
            try:
                self.detail = measures.detail(self.ctx.db, ident, self.ctx.today())
            except UserError:  # deleted meanwhile (undo of its creation)
                self.detail, self.measure_id = None, None
        for w in self._content:
            w.setVisible(self.detail is not None)
        self.placeholder.setVisible(self.detail is None)
        if self.detail is not None:
            self._fill(self.detail)

    def _fill(self, detail: MeasureDetail) -> None:
        r = detail.row
        choices = self.choices or measures.choices(self.ctx.db)
        self.kicker.setText(_("Measure {number} · Action plan {year}").format(number=r.number, year=r.year))
        self.heading.setText(r.title)
        icon = LATE_ICON if r.late else STATUS_ICONS[r.status]
        color = style.DANGER if r.late else style.MUTED
        self.badge_icon.setPixmap(style.icon(icon, color).pixmap(18, 18))
        badge = status_text(r)
        if r.late and r.deadline:
            badge += " – " + _("the deadline {date} has passed").format(date=date_short(r.deadline))
        self.badge.setText(badge)
        self.badge.setStyleSheet(f"color: {color}; font-weight: 600;" if r.late else "")
        carry = []
        if r.carried_over_from_id:
            link = _("Carried over from {year} as {year}:{number}").format(
                year=r.carried_over_from_year, number=detail.carried_from_number or "?")
            carry.append(_("{link} – its earlier notes and status changes are kept there.").format(
                link=_link(link, f"measure:{r.carried_over_from_id}")))
        for (ident, year), number in zip(detail.carried_into, detail.carried_into_numbers, strict=False):
            link = _("Carried over to {year} as {year}:{number}").format(year=year, number=number)
            carry.append(_link(link, f"measure:{ident}"))
        self.carry.setText("<br>".join(carry))
        self.carry.setVisible(bool(carry))

        self.f_focus.set_choices(pick.with_current(pick.focus_areas(choices), r.focus_area_id, r.focus_area))
        self.f_person.set_choices(pick.with_current(pick.people(choices), r.responsible_person_id,
                                                    r.responsible_person))
        self.f_org.set_choices(pick.with_current(pick.organisations(choices), r.responsible_organisation_id,
                                                 r.responsible_organisation))
        self.form.set_values({
            "number": r.number, "status": r.status, "title": r.title, "cancel_reason": r.cancel_reason,
            "focus_area_id": r.focus_area_id, "responsible_person_id": r.responsible_person_id,
            "responsible_organisation_id": r.responsible_organisation_id, "start_date": r.start_date,
            "deadline": r.deadline, "description": r.description, "expected_effect": r.expected_effect,
        }, record=r.id, table="measure", version=r.version)
        for line in (self.f_title, self.f_reason):
            line.setCursorPosition(0)  # show the start of a long title, not its end

        if r.origin.kind == OriginKind.NONE:
            self.origin.setText(_("No origin yet. Which decision, observation or finding does it answer?"))
        else:
            self.origin.setText(f"{html.escape(r.origin.kind.label)}: "
                                f"{_link(r.origin.label, f'{r.origin.table}:{r.origin.record_id}')}")
            self.origin.setToolTip(_("Open it"))

        self.partners.clear()
        for org_id, name in detail.partners:
            item = QListWidgetItem(style.icon("mdi6.account-group-outline"), name)
            item.setData(Qt.ItemDataRole.UserRole, org_id)
            self.partners.addItem(item)
        taken = {org_id for org_id, _n in detail.partners}
        self.partner_pick.set_choices([(_("Choose an organisation…"), None),
                                       *[(n, i) for i, n in choices.organisations if i not in taken]])
        if not detail.partners:
            self.partners.addItem(_hint_item(_("No partners yet.")))

        self.notes.clear()
        if self.note_date.value() is None:
            self.note_date.set_value(self.ctx.today())
        for n in detail.notes:
            text = f"{date_short(n.noted_on)}: {n.text}"
            if n.author:
                text += f" ({n.author})"
            item = QListWidgetItem(text)
            if n.inherited:
                item.setText(_("{note} (from the action plan for {year})").format(note=text, year=n.year))
                item.setForeground(style.qcolor(style.MUTED))
            else:
                item.setData(Qt.ItemDataRole.UserRole, n.id)
            self.notes.addItem(item)
        if not detail.notes:
            self.notes.addItem(_hint_item(
                _("No notes yet. Write what happened and when, so the follow-up takes minutes.")))

        self.history.clear()
        for h in detail.history:
            if h.old_status is None:
                text = _("{date}: added as “{new}”").format(date=date_short(h.changed_on), new=h.new_status.label)
            else:
                text = _("{date}: {old} → {new}").format(date=date_short(h.changed_on), old=h.old_status.label,
                                                        new=h.new_status.label)
            if h.reason:
                text += " – " + h.reason
            if h.inherited:
                text = _("{note} (from the action plan for {year})").format(note=text, year=h.year)
            self.history.addItem(QListWidgetItem(text))
        read_only = self.ctx.db.read_only
        self.form.set_read_only(read_only)
        for w in (self.origin_button, self.partner_add, self.partner_remove, self.note_add, self.note_delete,
                  self.note_text, self.partner_pick):
            w.setEnabled(not read_only)

    def unsaved_fields(self) -> list[str]:
        return self.form.unsaved_fields()

    def drafts(self) -> list[unsaved.Draft]:
        """A progress note typed and not added yet: leaving asks about it (Spara adds it)."""
        if self.detail is None:
            return []
        return [unsaved.Draft(_("Note"), self.note_text.text, self._add_note,
                              lambda: (self.note_text.clear(), self.note_error.set_message("")))]

    def leave_ok(self) -> bool:
        """Before another measure is shown: save what is still typed, or ask."""
        return unsaved.leave_ok(self, [self.form], self.drafts())

    # -- editing ------------------------------------------------------------------------

    def _edited(self, name: str, value: Any) -> bool:
        """Save one field (FormSection's saver): False leaves it marked unsaved."""
        if self.detail is None:
            return False
        r = self.detail.row
        if name == "status":
            return self._status_changed(MeasureStatus(value))
        changes: dict[str, Any] = {name: value}
        if name == "responsible_person_id" and r.responsible_organisation_id is None and self.choices:
            org = pick.person_organisation(self.choices, value)
            if org is not None:
                changes["responsible_organisation_id"] = org  # the person's organisation, as a start
        if name == "title" and not str(value).strip():
            self.form.show_error("title", _("“{field}” must be filled in.").format(field=_("Measure")))
            return False
        try:
            measures.validate_changes(self.ctx.db, r.id, changes)
        except ValidationError as exc:
            for item in self.form.show_errors(exc):
                self.form.show_error(name, item.message)
            return False
        what = FIELD_LABELS[name]().lower()
        copies = self._copies_to_change(name, changes)
        if copies:
            label = _("{first} and {second}").format(
                first=f"{r.year}:{r.number}", second=", ".join(f"{y}:{n}" for _i, y, n in copies))
            return ops.update_with_copies(self.ctx, [r.id, *[i for i, _y, _n in copies]], label, changes, what,
                                          self.form, name)
        return ops.update(self.ctx, r.id, r.number, changes, what, self.form, name)

    def _copies_to_change(self, name: str, changes: dict[str, Any]) -> list[tuple[int, int, int]]:
        """The carried-over copies (id, year, number) the user wants changed as well: asked
        only when the field is one the copy shares and the copy does not hold the new value."""
        detail = self.detail
        if detail is None or name not in SHARED_WITH_COPY or not detail.carried_into:
            return []
        differ = []
        for (ident, year), number in zip(detail.carried_into, detail.carried_into_numbers, strict=False):
            try:
                copy = crud.get(self.ctx.db, d.Measure, ident)
            except crud.NotFound:
                continue
            if any(getattr(copy, k) != v for k, v in changes.items()):
                differ.append((ident, year, number))
        if not differ:
            return []
        years = ", ".join(str(y) for _i, y, _n in differ)
        numbers = ", ".join(f"{y}:{n}" for _i, y, n in differ)
        text = _("The measure is also in the action plan for {year} ({number}). Change it there too?").format(
            year=years, number=numbers)
        return differ if ask_change_copies(self, text) else []

    def _status_changed(self, status: MeasureStatus) -> bool:
        r = self.detail.row  # type: ignore[union-attr]
        reason = self.f_reason.text().strip()
        if status == MeasureStatus.CANCELLED:
            asked = ask_cancel_reason(self, r.number, reason if r.status == MeasureStatus.CANCELLED else "")
            if asked is None:
                self.f_status.set_value(r.status)  # backed out: nothing changes, nothing to save
                return True
            reason = asked
        elif status != r.status:
            reason = ""  # a new status starts without the old one's reason
        return ops.set_status(self.ctx, r.id, r.number, status, reason, form=self.form)

    def _change_origin(self) -> None:
        if self.detail is None:
            return
        r = self.detail.row
        dialog = OriginDialog(self.ctx.db, r.origin.kind, r.origin.record_id, self)
        if dialog.exec() != OriginDialog.DialogCode.Accepted:
            return
        if dialog.result_kind == r.origin.kind and dialog.result_id == r.origin.record_id:
            return
        ops.update(self.ctx, r.id, r.number, measures.origin_changes(dialog.result_kind, dialog.result_id),
                   _("origin"), version=r.version)

    def _open_origin(self, href: str) -> None:
        table, _sep, ident = href.partition(":")
        self.ctx.navigate(ORIGIN_SECTIONS.get(table, table), table, int(ident))

    def _add_partner(self) -> None:
        org = self.partner_pick.value()
        if self.detail is None or org is None:
            return
        ops.add_partner(self.ctx, self.detail.row.id, self.detail.row.number, org)

    def _remove_partner(self) -> None:
        item = self.partners.currentItem()
        org = item.data(Qt.ItemDataRole.UserRole) if item else None
        if self.detail is None or org is None:
            return
        ops.remove_partner(self.ctx, self.detail.row.id, self.detail.row.number, org)

    def _add_note(self) -> bool:
        """Add the typed note; False (with the reason shown) when it was not added."""
        if self.detail is None:
            return False
        self.note_error.set_message("")
        text = self.note_text.text().strip()
        try:
            on = self.note_date.value() or self.ctx.today()
        except ValidationError as exc:
            self.note_error.set_message(exc.message)
            return False
        if not text:
            self.note_error.set_message(_("Write the note first."))
            return False
        if ops.add_note(self.ctx, self.detail.row.id, self.detail.row.number, text, on):
            self.note_text.clear()
            return True
        return False

    def _delete_note(self) -> None:
        item = self.notes.currentItem()
        note_id = item.data(Qt.ItemDataRole.UserRole) if item else None
        if self.detail is None:
            return
        if note_id is None:
            QMessageBox.information(self, _("Delete note"), _("Select one of this year's notes first."))
            return
        ops.delete_note(self.ctx, note_id, self.detail.row.number)
