"""Möten: book a group's meetings, take attendance, write the minutes (§ items numbered
per group and year), create measures from decisions, justera, and export the protokoll,
the kallelse and a calendar file.

Edits go through ServiceCommands on the undo stack (ui.commands), like the action plan.
Justering and reopening are not undoable steps: justerade minutes are locked, and only
reopening with a reason (kept in their history) opens them again."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from tryggapp import domain as d
from tryggapp.domain import Attendance
from tryggapp.errors import UserError
from tryggapp.formatting import date_long
from tryggapp.i18n import _
from tryggapp.services import lists
from tryggapp.services import meetings as mt
from tryggapp.services import minutes as mn
from tryggapp.ui import commands
from tryggapp.ui.commands import ServiceCommand
from tryggapp.ui.context import AppContext
from tryggapp.ui.meetings.dialogs import (
    BookMeetingDialog,
    GuestDialog,
    ask_reopen_reason,
    bad_time,
    named,
    parse_time,
    time_text,
)
from tryggapp.ui.sections import _detail as h
from tryggapp.ui.sections.base import Section
from tryggapp.ui.table import Column, TablePane
from tryggapp.ui.widgets.fields import (
    CheckField,
    ChoiceField,
    DateField,
    MultilineField,
    NumberField,
    TextField,
)
from tryggapp.ui.widgets.form import FormSection

TABLES = set(mt.TABLES)


def minutes_html(doc: dict) -> str:
    m, g, minutes = doc["meeting"], doc["group"], doc["minutes"]
    when = date_long(m.date)
    if m.start_time:
        when += " " + _("at {time}").format(time=m.start_time.strftime("%H.%M"))
        if m.end_time:
            when += "–" + m.end_time.strftime("%H.%M")

    att = doc["attendance"]
    items = doc["items"]
    names = doc["names"]
    title = _("Minutes") if minutes else _("Meeting")
    parts = [f"<p style='color:#555'>{h.esc(g.name)}</p>", h.heading(title)]
    pairs = [(_("Place and time"), f"{m.place}, {when}" if m.place else when),
             (_("Decision makers"), ", ".join(att.get(Attendance.PRESENT, []))),
             (_("Others present"), ", ".join(att.get(Attendance.OTHER_PRESENT, []))),
             (_("Co-opted members"), ", ".join(att.get(Attendance.CO_OPTED, []))),
             (_("Apologies"), ", ".join(att.get(Attendance.ABSENT, [])))]
    if minutes is not None:
        pairs.append((_("Adjuster"), names.get(minutes.adjuster_id, "")))
        if minutes.adjusted_on:
            place_time = f"{minutes.adjustment_place}, {date_long(minutes.adjusted_on)}".strip(", ")
            pairs.append((_("Place and time of adjustment"), place_time))
        if items:
            pairs.append((_("Paragraphs"), f"{items[0].number}–{items[-1].number}"))
    if m.cancelled:
        pairs.insert(0, (_("Status"), _("Cancelled")))
    parts.append(h.facts(pairs))
    if not minutes:
        no_minutes = _("No minutes recorded for this meeting yet.")
        parts.append(h.paragraph(_("Agenda"), m.agenda) or f"<p><i>{h.esc(no_minutes)}</i></p>")
    decision_word = _("Decision")
    ref_word = _("Ref. no.")
    for item in items:
        parts.append(f"<h3>§ {item.number} {h.esc(item.heading)}</h3>")
        if item.reference_number:
            parts.append(f"<p style='color:#555'>{h.esc(ref_word)} {h.esc(item.reference_number)}</p>")
        if item.discussion:
            parts.append(f"<p>{h.esc(item.discussion)}</p>")
        if item.decision:
            parts.append(f"<p><b>{h.esc(decision_word)}</b><br>{h.esc(item.decision)}</p>")
    if minutes is not None:
        sign = [(_("Secretary"), names.get(minutes.secretary_id, "")), (_("Chair"), names.get(minutes.chair_id, "")),
                (_("Adjuster"), names.get(minutes.adjuster_id, ""))]
        parts.append("<h3>" + h.esc(_("Signatures")) + "</h3>" + h.facts(sign))
        if minutes.posted_from or minutes.posted_to or minutes.kept_at:
            parts.append("<h3>" + h.esc(_("Notice of approval (anslag)")) + "</h3>" + h.facts([
                (_("Date posted"), date_long(minutes.posted_from) if minutes.posted_from else "–"),
                (_("Date taken down"), date_long(minutes.posted_to) if minutes.posted_to else "–"),
                (_("Where the minutes are kept"), minutes.kept_at or "–")]))
    return "".join(parts)


def _button(text: str, accessible: str, slot: Any) -> QPushButton:
    button = QPushButton(text)
    button.setAccessibleName(accessible)
    button.clicked.connect(slot)
    return button


def _hint(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet("color: #555;")
    return label


ATTENDANCE_CHOICES = (Attendance.PRESENT, Attendance.ABSENT, Attendance.CO_OPTED, Attendance.OTHER_PRESENT)


class MeetingsSection(Section):
    key = "meetings"
    watched = frozenset({"meeting", "minutes", "minutes_item", "meeting_attendance", "minutes_reopening",
                         "minutes_series_start",
                         "work_group", "membership", "person", "measure"})
    icon = "mdi6.calendar-account-outline"

    @classmethod
    def title(cls) -> str:
        return _("Meetings")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.meeting_id: int | None = None
        self.item_id: int | None = None
        self._lines: list[mt.AttendanceLine] = []
        self._loading = False

        # -- the meetings
        self.table = TablePane([
            Column("date", lambda: _("Date"), 95),
            Column("time", lambda: _("Time"), 55),
            Column("group", lambda: _("Group"), 250),
            Column("status", lambda: _("Status"), 90),
            Column("paragraphs", lambda: _("Paragraphs"), 90),
            Column("place", lambda: _("Place"), 140, stretch=True),
        ], sort=("date", Qt.SortOrder.DescendingOrder),
            empty_text=lambda: _("Book the first meeting with “Book meeting…” above: choose the group, the date "
                                 "and the time. Groups and their members are added under Organisation."),
            empty_icon="mdi6.calendar-blank-outline", empty_title=lambda: _("No meetings yet"))
        split = QSplitter(Qt.Orientation.Horizontal, self)
        self.table.view.setTabKeyNavigation(False)  # Tab leaves the table
        self.table.view.setAccessibleName(_("Meetings"))
        self.table.search.setAccessibleName(_("Search meetings"))

        self.b_book = _button(_("&Book meeting…"), _("Book meeting"), self.book_dialog)
        self.b_delete = _button(_("Delete meeting"), _("Delete meeting"), self.delete_meeting)
        self.b_notice = _button(_("Notice (PDF)…"), _("Export notice as PDF"), self.export_notice_dialog)
        self.b_protocol = _button(_("Minutes (PDF)…"), _("Export minutes as PDF"), self.export_protocol_dialog)
        self.b_ics = _button(_("Calendar (.ics)…"), _("Export the group's upcoming meetings as a calendar file"),
                             self.export_calendar_dialog)
        bar = QHBoxLayout()
        for b in (self.b_book, self.b_delete, self.b_notice, self.b_protocol, self.b_ics):
            bar.addWidget(b)
        bar.addStretch(1)

        # -- the meeting's pages
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName(_("Meeting pages"))
        self.tabs.addTab(self._meeting_page(), _("Meeting"))
        self.tabs.addTab(self._attendance_page(), _("Attendance"))
        self.tabs.addTab(self._minutes_page(), _("Minutes"))
        self.detail = h.browser(self)
        self.detail.setAccessibleName(_("Minutes preview"))
        self.tabs.addTab(self.detail, _("Preview"))
        self.none_selected = _hint(_("Choose a meeting in the list, or book one with “Book meeting…”."))

        right = QWidget(self)
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.none_selected)
        rl.addWidget(self.tabs, 1)
        split.addWidget(right)
        # Inserted in front, not added first: QSplitter keeps its last-added widget first
        # among its children, and the meetings must stay the section's first table pane
        # (the list findChild finds), before the § pane of the minutes page.
        split.insertWidget(0, self.table)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        split.setSizes([470, 810])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(split, 1)
        self.table.current_changed.connect(self._show)
        self.reload_on_change()
        self._show(None)

    # ------------------------------------------------------------------ pages

    def _meeting_page(self) -> QWidget:
        self.meeting_form = FormSection(_("Meeting"), columns=2)
        f = self.meeting_form
        self.f_date = f.add_field("date", _("Date"), DateField())
        self.f_place = f.add_field("place", _("Place"), TextField())
        self.f_start = f.add_field("start_time", _("Starts"), TextField(placeholder="09:00"))
        self.f_end = f.add_field("end_time", _("Ends"), TextField(placeholder="11:00"))
        self.f_cancelled = f.add_field("cancelled", _("Status"), CheckField(_("Cancelled")))
        self.f_agenda = f.add_field("agenda", _("Agenda (one item per line)"), MultilineField(lines=8), span=True)
        self.f_notes = f.add_field("notes", _("Notes"), MultilineField(lines=2), span=True)
        for name, widget in f.fields.items():
            named(widget, f.caption(name))
        self.f_cancelled.setAccessibleName(_("Cancelled"))
        self.f_agenda.setPlaceholderText(_("No agenda yet: the notice then lists the usual items."))
        f.set_saver(self._save_meeting_field)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(f)
        layout.addStretch(1)  # the form at the top, not spread over the page
        return self._scroll(page)

    def _attendance_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.att_hint = _hint(_("The group's members on the meeting day are listed as present: mark who was "
                                "absent, and note partial attendance such as “§ 30–31”. Each change is saved at "
                                "once."))
        self.att_table = QTableWidget(0, 4, page)
        self.att_table.setHorizontalHeaderLabels([_("Name"), _("Role"), _("Attendance"), _("Note")])
        self.att_table.setAccessibleName(_("Attendance"))
        self.att_table.setTabKeyNavigation(False)
        self.att_table.verticalHeader().setVisible(False)
        header = self.att_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Interactive)
        self.att_table.setColumnWidth(3, max(150, header.sectionSizeFromContents(3).width()))
        self.att_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.b_guest = _button(_("Add &guest…"), _("Add guest"), self.guest_dialog)
        layout.addWidget(self.att_hint)
        layout.addWidget(self.att_table, 1)
        row = QHBoxLayout()
        row.addWidget(self.b_guest)
        row.addStretch(1)
        layout.addLayout(row)
        return page

    def _minutes_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.minutes_state = _hint("")
        self.b_start = _button(_("&Start the minutes from the agenda"), _("Start the minutes"), self.start_minutes)
        layout.addWidget(self.minutes_state)
        layout.addWidget(self.b_start)

        # Where the group's § series of the year continues when earlier minutes of the
        # year were kept outside Tryggapp (on paper, in Word).
        # One line above the § list: the caption names the group and year (set on load).
        self.numbering_form = FormSection(framed=False)
        self.f_first_number = self.numbering_form.add_field(
            "first_number", _("Series continues at §"), NumberField(integer=True, placeholder="1"), hint=_(
                "Were this year's earlier minutes of the group kept outside Tryggapp? Give the number after the "
                "last § there, and the series continues from it."))
        named(self.f_first_number, self.numbering_form.caption("first_number"))
        self.f_first_number.setMaximumWidth(90)
        self.numbering_form.grid.setAlignment(self.f_first_number, Qt.AlignmentFlag.AlignLeft)
        self.numbering_form.set_saver(self._save_first_number)
        layout.addWidget(self.numbering_form)

        self.items = TablePane([
            Column("number", lambda: "§", 45),
            Column("heading", lambda: _("Heading"), 220, stretch=True),
            Column("measures", lambda: _("Measures"), 70),
        ], searchable=False, empty_text=lambda: _("No § yet: press “Start the minutes from the agenda”, or "
                                                  "“Add §”."))
        self.items.view.setTabKeyNavigation(False)
        self.items.view.setAccessibleName(_("Paragraphs of the minutes"))
        self.items.view.setSortingEnabled(False)
        self.items.current_changed.connect(self._show_item)
        self.b_add = _button(_("&Add §"), _("Add paragraph"), self.add_item)
        self.b_remove = _button(_("&Remove §"), _("Remove paragraph"), self.remove_item)
        self.b_up = _button(_("Move &up"), _("Move paragraph up"), lambda: self.move_item(-1))
        self.b_down = _button(_("Move do&wn"), _("Move paragraph down"), lambda: self.move_item(+1))
        self.b_measure = _button(_("Create &measure from the decision…"), _("Create measure from the decision"),
                                 self.measure_dialog)
        buttons = QHBoxLayout()
        for b in (self.b_add, self.b_remove, self.b_up, self.b_down):
            buttons.addWidget(b)
        buttons.addStretch(1)

        self.item_form = FormSection(_("Paragraph"))
        f = self.item_form
        self.f_heading = f.add_field("heading", _("Heading"), TextField())
        self.f_ref = f.add_field("reference_number", _("Ref. no."), TextField())
        self.f_discussion = f.add_field("discussion", _("Text"), MultilineField(lines=4), span=True)
        self.f_decision = f.add_field("decision", _("Decision (one “att …” clause per line)"),
                                      MultilineField(lines=3), span=True)
        for name, widget in f.fields.items():
            named(widget, f.caption(name))
        f.set_saver(self._save_item_field)
        self.item_measures = _hint("")
        self.item_measures.setTextFormat(Qt.TextFormat.PlainText)
        f.add_widget(self.item_measures)
        f.add_widget(self.b_measure)

        self.just_form = FormSection(_("Approval (justering)"))
        j = self.just_form
        self.f_secretary = j.add_field("secretary_id", _("Secretary"), ChoiceField())
        self.f_chair = j.add_field("chair_id", _("Chair"), ChoiceField())
        self.f_adjuster = j.add_field("adjuster_id", _("Adjuster"), ChoiceField())
        self.f_adjusted_on = j.add_field("adjusted_on", _("Date of adjustment"), DateField())
        self.f_adjust_place = j.add_field("adjustment_place", _("Place of adjustment"), TextField())
        for name, widget in j.fields.items():
            named(widget, j.caption(name))
        j.set_saver(self._save_minutes_field)
        self.b_justera = _button(_("&Approve (justera) and lock"), _("Approve and lock the minutes"), self.justera)
        self.b_reopen = _button(_("Re&open…"), _("Reopen the approved minutes"), self.reopen_dialog)
        self.lock_state = _hint("")
        jb = QHBoxLayout()
        jb.addWidget(self.b_justera)
        jb.addWidget(self.b_reopen)
        jb.addStretch(1)
        j.add_widget(self.lock_state)
        jl = QWidget()
        jl.setLayout(jb)
        j.add_widget(jl)

        self.notice_form = FormSection(_("Notice of approval (anslag)"), description=_(
            "Once the minutes are approved, the notice is posted on the notice board: when it is put up and "
            "taken down, and where the minutes are kept. These can be filled in after the approval."))
        a = self.notice_form
        self.f_posted_from = a.add_field("posted_from", _("Date posted"), DateField())
        self.f_posted_to = a.add_field("posted_to", _("Date taken down"), DateField())
        self.f_kept_at = a.add_field("kept_at", _("Where the minutes are kept"), TextField(
            placeholder=_("e.g. the municipal office, the registry")))
        for name, widget in a.fields.items():
            named(widget, a.caption(name))
        a.set_saver(self._save_notice_field)

        top = QWidget()
        tl = QVBoxLayout(top)
        tl.setContentsMargins(0, 0, 0, 0)
        tl.addWidget(self.items, 1)
        tl.addLayout(buttons)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(top)
        bottom = QWidget()
        bl = QVBoxLayout(bottom)
        bl.setContentsMargins(0, 0, 0, 0)
        bl.addWidget(self.item_form)
        bl.addWidget(self.just_form)
        bl.addWidget(self.notice_form)
        bl.addStretch(1)
        split.addWidget(self._scroll(bottom))
        split.setSizes([220, 480])
        layout.addWidget(split, 1)
        return page

    @staticmethod
    def _scroll(widget: QWidget) -> QScrollArea:
        area = QScrollArea()
        area.setWidgetResizable(True)
        area.setWidget(widget)
        area.setFrameShape(QScrollArea.Shape.NoFrame)
        return area

    # ------------------------------------------------------------------ loading

    def refresh(self) -> None:
        self.table.set_rows(lists.meetings(self.ctx.db, self.ctx.today()))
        self._show(self.table.current_id(), keep=True)

    def current_id(self) -> int | None:
        return self.meeting_id

    def _forms(self) -> list[FormSection]:
        return [self.meeting_form, self.item_form, self.just_form, self.notice_form, self.numbering_form]

    def _show(self, meeting_id: int | None, keep: bool = False) -> None:
        if not keep or meeting_id != self.meeting_id:
            for form in self._forms():  # what was typed is saved, never dropped
                form.commit_pending(failed_too=False)
        self.meeting_id = meeting_id
        has = meeting_id is not None
        self.tabs.setVisible(has)
        self.none_selected.setVisible(not has)
        for b in (self.b_delete, self.b_notice, self.b_protocol, self.b_ics):
            b.setEnabled(has)
        if not has:
            self.detail.setHtml("")
            return
        try:
            doc = lists.minutes_document(self.ctx.db, meeting_id)
        except Exception as exc:  # the meeting was deleted underneath: show nothing
            self.ctx.report_error(exc)
            return
        if doc is None:
            self.tabs.setVisible(False)
            return
        self._doc = doc
        meeting, minutes = doc["meeting"], doc["minutes"]
        self.locked = minutes is not None and minutes.locked_at is not None
        self._loading = True
        try:
            self.meeting_form.set_values({
                "date": meeting.date, "place": meeting.place, "start_time": time_text(meeting.start_time),
                "end_time": time_text(meeting.end_time), "agenda": meeting.agenda, "notes": meeting.notes,
                "cancelled": meeting.cancelled,
            }, record=meeting_id, table="meeting", version=meeting.version)
            for name in ("date", "place", "start_time", "end_time"):
                self.meeting_form.fields[name].setReadOnly(self.locked)
            self._load_attendance()
            self._load_minutes(minutes)
        finally:
            self._loading = False
        self.detail.setHtml(minutes_html(doc))

    def _people_choices(self) -> list[tuple[str, Any]]:
        return [(_("(none)"), None), *[(name, pid) for pid, name in mt.people_choices(self.ctx.db)]]

    def _load_attendance(self) -> None:
        self._lines = mt.attendance_sheet(self.ctx.db, self.meeting_id)
        t = self.att_table
        t.setRowCount(0)  # the old row widgets go (a shorter list must not keep stale ones)
        t.setRowCount(len(self._lines))
        for row, line in enumerate(self._lines):
            name = QLabel(line.name + (f" ({line.organisation})" if line.organisation else ""))
            role = QLabel(line.role.label if line.role else _("Guest"))
            t.setCellWidget(row, 0, name)
            t.setCellWidget(row, 1, role)
            combo = QComboBox()
            for kind in ATTENDANCE_CHOICES:
                combo.addItem(kind.label, kind)
            combo.setCurrentIndex(ATTENDANCE_CHOICES.index(line.attendance))
            combo.setAccessibleName(_("Attendance of {name}").format(name=line.name))
            combo.setEnabled(not self.locked)
            combo.currentIndexChanged.connect(lambda _i, r=row: self._attendance_edited(r))
            t.setCellWidget(row, 2, combo)
            note = QLineEdit(line.note)
            note.setAccessibleName(_("Note on the attendance of {name}").format(name=line.name))
            note.setReadOnly(self.locked)
            note.editingFinished.connect(lambda r=row: self._attendance_edited(r))
            t.setCellWidget(row, 3, note)
        self.b_guest.setEnabled(not self.locked)
        if not self._lines:
            self.att_hint.setText(_("The group has no members on this day: add them under Organisation, or add "
                                    "guests here with “Add guest…”."))

    def _load_minutes(self, minutes: d.Minutes | None) -> None:
        rows = mn.items(self.ctx.db, self.meeting_id, self.ctx.today())
        self.b_start.setVisible(minutes is None)
        if minutes is None:
            self.minutes_state.setText(_("No minutes yet. Start them from the agenda: each agenda item becomes a "
                                         "§, numbered on from the group's earlier meetings this year."))
        elif self.locked:
            self.minutes_state.setText(_("Approved (justerade) on {date}: the minutes are locked. "
                                         "Reopen them, giving a reason, to change them.").format(
                date=date_long(minutes.adjusted_on) if minutes.adjusted_on else ""))
        else:
            self.minutes_state.setText(_("Draft: the minutes can be changed until they are approved (justerade)."))
        self.items.set_rows([{"id": r.id, "number": r.number, "heading": r.heading,
                              "measures": len(r.measures) or ""} for r in rows])
        if rows and self.items.current_id() is None:  # another meeting's § was current
            self.items.view.selectRow(0)
        for b in (self.b_add, self.b_remove, self.b_up, self.b_down):
            b.setEnabled(not self.locked)
        people = self._people_choices()
        for field in (self.f_secretary, self.f_chair, self.f_adjuster):
            field.set_choices(people)
        self.just_form.set_values({
            "secretary_id": minutes.secretary_id if minutes else None,
            "chair_id": minutes.chair_id if minutes else None,
            "adjuster_id": minutes.adjuster_id if minutes else None,
            "adjusted_on": minutes.adjusted_on if minutes else None,
            "adjustment_place": minutes.adjustment_place if minutes else "",
        }, record=self.meeting_id, table="minutes" if minutes else None, version=minutes.version if minutes else None,
            row_id=minutes.id if minutes else None)
        self.just_form.set_read_only(self.locked)
        # The anslag is written after the justering: open while the minutes are locked.
        self.notice_form.set_values({
            "posted_from": minutes.posted_from if minutes else None,
            "posted_to": minutes.posted_to if minutes else None,
            "kept_at": minutes.kept_at if minutes else "",
        }, record=self.meeting_id, table="minutes" if minutes else None, version=minutes.version if minutes else None,
            row_id=minutes.id if minutes else None)
        self.notice_form.set_read_only(self.ctx.db.read_only)
        meeting = self._doc["meeting"]
        group, year = meeting.group_id, meeting.date.year
        caption = _("The § series of {group} {year} continues at §").format(group=self._doc["group"].name, year=year)
        self.numbering_form.labels["first_number"].setText(caption)
        self.f_first_number.setAccessibleName(caption)
        self.numbering_form.set_values({"first_number": mn.first_number(self.ctx.db, group, year)},
                                       record=(group, year))
        self.numbering_form.set_read_only(self.ctx.db.read_only)
        self.b_justera.setEnabled(not self.locked and bool(rows))
        self.b_reopen.setEnabled(self.locked)
        history = mn.reopenings(self.ctx.db, self.meeting_id) if minutes is not None else []
        self.lock_state.setText("\n".join(
            _("Reopened {when}: {reason}").format(when=h_.reopened_at.strftime("%Y-%m-%d %H:%M"), reason=h_.reason)
            for h_ in history))
        self._show_item(self.items.current_id())

    def _show_item(self, item_id: int | None) -> None:
        if item_id != self.item_id and not self._loading:
            self.item_form.commit_pending(failed_too=False)
        self.item_id = item_id
        row = next((r for r in mn.items(self.ctx.db, self.meeting_id, self.ctx.today()) if r.id == item_id),
                   None) if item_id is not None and self.meeting_id is not None else None
        self.item_form.setVisible(row is not None)
        if row is None:
            return
        self.item_form.set_title(f"§ {row.number}")
        self.item_form.set_values({"heading": row.heading, "reference_number": row.reference_number,
                                   "discussion": row.discussion, "decision": row.decision}, record=item_id)
        self.item_form.set_read_only(self.locked)
        self.item_measures.setText(
            _("Measures from this decision: {list}").format(list="; ".join(
                f"{m.year}:{m.number} {m.title} ({m.status})" for m in row.measures))
            if row.measures else _("No measure comes from this decision yet."))
        self.b_measure.setEnabled(bool(row.decision.strip()))

    # ------------------------------------------------------------------ commands

    def _push(self, text: str, do: Any, undo: Any, form: FormSection | None = None,
              field: str | None = None) -> Any:
        cmd = ServiceCommand(self.ctx, text, do, undo, TABLES | {"measure"})
        if commands.push(self.ctx, cmd, form, field):
            return cmd.result
        return None

    def _run(self, fn: Any) -> Any:
        """A step that is not undoable (justering, reopening): run, report, broadcast."""
        if self.ctx.db.read_only:
            self.ctx.report_error(UserError(_("The change was not saved: the database is open read-only.")))
            return None
        try:
            result = fn()
        except Exception as exc:
            self.ctx.report_error(exc)
            return None
        self.ctx.changes.emit_tables(*TABLES)
        return result

    def book_dialog(self) -> None:
        dialog = BookMeetingDialog(mt.groups(self.ctx.db), self, day=self.ctx.today())
        if dialog.exec() == BookMeetingDialog.DialogCode.Accepted:
            self.book(dialog.values)

    def book(self, values: dict[str, Any]) -> int | None:
        """Book a meeting with the usual agenda and select it (the dialog's second half)."""
        ident: list[int | None] = [None]

        def do() -> d.Meeting:
            m = mt.plan_meeting(self.ctx.db, values["group_id"], values["date"], start_time=values.get("start_time"),
                                end_time=values.get("end_time"), place=values.get("place", ""), ident=ident[0])
            ident[0] = m.id
            return m

        meeting = self._push(_("Book meeting"), do, lambda m: mt.undo_plan(self.ctx.db, m))
        if meeting is None:
            return None
        self.table.select_id(meeting.id)
        return meeting.id

    def delete_meeting(self) -> None:
        mid = self.meeting_id
        if mid is not None:
            self._push(_("Delete meeting"), lambda: mt.delete_meeting(self.ctx.db, mid),
                       lambda snap: mt.restore_meeting(self.ctx.db, snap))

    def _save_meeting_field(self, name: str, value: Any) -> bool:
        mid = self.meeting_id
        if mid is None:
            return False
        if name in ("start_time", "end_time"):
            try:
                value = parse_time(value)
            except ValueError:
                self.meeting_form.show_error(name, bad_time(self.meeting_form.caption(name)))
                return False
        changes = {name: value}
        return self._push(_("Change meeting"), lambda: mt.update_meeting(self.ctx.db, mid, changes),
                          lambda old: mt.update_meeting(self.ctx.db, mid, old), self.meeting_form, name) is not None

    def _attendance_entries(self) -> list[mt.Entry]:
        out = []
        for row, line in enumerate(self._lines):
            combo = self.att_table.cellWidget(row, 2)
            note = self.att_table.cellWidget(row, 3)
            out.append((line.person_id, combo.currentData(), note.text()))
        return out

    def _attendance_edited(self, _row: int) -> None:
        if self._loading:
            return
        self.save_attendance(self._attendance_entries())

    def save_attendance(self, entries: list[mt.Entry]) -> bool:
        mid = self.meeting_id
        if mid is None:
            return False
        if sorted(entries) == sorted(mt.recorded_attendance(self.ctx.db, mid)):
            return True
        return self._push(_("Take attendance"), lambda: mt.save_attendance(self.ctx.db, mid, entries),
                          lambda prev: mt.save_attendance(self.ctx.db, mid, prev)) is not None

    def guest_dialog(self) -> None:
        kinds = [(Attendance.OTHER_PRESENT.label, Attendance.OTHER_PRESENT),
                 (Attendance.CO_OPTED.label, Attendance.CO_OPTED)]
        listed = {line.person_id for line in self._lines}
        people = [(pid, name) for pid, name in mt.people_choices(self.ctx.db) if pid not in listed]
        dialog = GuestDialog(people, kinds, self)
        if dialog.exec() == GuestDialog.DialogCode.Accepted and dialog.person.value() is not None:
            self.add_guest(dialog.person.value(), dialog.kind.value())

    def add_guest(self, person_id: int, kind: Attendance = Attendance.OTHER_PRESENT) -> bool:
        return self.save_attendance([*self._attendance_entries(), (person_id, kind, "")])

    # -- minutes

    def start_minutes(self) -> None:
        mid = self.meeting_id
        if mid is not None:
            self._run(lambda: mn.start_minutes(self.ctx.db, mid, self.ctx.today()))

    def add_item(self, heading: str | None = None) -> int | None:
        mid = self.meeting_id
        if mid is None:
            return None
        rows = mn.items(self.ctx.db, mid, self.ctx.today())
        # Before "Övriga frågor" and the closing items when the minutes have them.
        closing = {_(t) for t in mt.CLOSING_ITEMS}
        position = next((k for k, r in enumerate(rows) if r.heading in closing), len(rows))
        values = {"heading": heading or _("New item")}
        ident: list[int | None] = [None]

        def do() -> d.MinutesItem:
            item = mn.add_item(self.ctx.db, mid, values, position=position, ident=ident[0])
            ident[0] = item.id
            return item

        item = self._push(_("Add §"), do, lambda it: mn.delete_item(self.ctx.db, it.id))
        if item is None:
            return None
        self.items.select_id(item.id)
        if heading is None:
            self.f_heading.setFocus()
            self.f_heading.selectAll()
        return item.id

    def remove_item(self) -> None:
        iid = self.items.current_id()
        if iid is not None:
            self._push(_("Remove §"), lambda: mn.delete_item(self.ctx.db, iid),
                       lambda removed: mn.restore_item(self.ctx.db, removed))

    def move_item(self, delta: int) -> None:
        iid = self.items.current_id()
        if iid is None:
            return
        self._push(_("Move §"), lambda: mn.move_item(self.ctx.db, iid, delta),
                   lambda back: mn.move_item(self.ctx.db, iid, back) if back else None)
        self.items.select_id(iid)

    def _save_item_field(self, name: str, value: Any) -> bool:
        iid = self.item_id
        if iid is None:
            return False
        changes = {name: value}
        return self._push(_("Change §"), lambda: mn.update_item(self.ctx.db, iid, changes),
                          lambda old: mn.update_item(self.ctx.db, iid, old), self.item_form, name) is not None

    def measure_dialog(self) -> None:
        from tryggapp.services import measures
        from tryggapp.ui.plan.dialogs import NewMeasureDialog

        iid = self.item_id
        if iid is None or self.meeting_id is None:
            return
        row = next(r for r in mn.items(self.ctx.db, self.meeting_id, self.ctx.today()) if r.id == iid)
        meeting = self._doc["meeting"]
        dialog = NewMeasureDialog(measures.choices(self.ctx.db), meeting.date.year, self)
        dialog.setWindowTitle(_("New measure from § {number}").format(number=row.number))
        dialog.title.setText(mn.measure_title_from(row.decision))
        if dialog.exec() == NewMeasureDialog.DialogCode.Accepted:
            self.create_measure(dialog.values)

    def create_measure(self, values: dict[str, Any]) -> int | None:
        """A measure in the action plan from the current § (the dialog's second half)."""
        iid = self.item_id
        if iid is None:
            return None
        ident: list[int | None] = [None]

        def do() -> d.Measure:
            m = mn.create_measure(self.ctx.db, iid, values, today=self.ctx.today(), ident=ident[0])
            ident[0] = m.id
            return m

        measure = self._push(_("Create measure from decision"), do,
                             lambda m: mn.undo_create_measure(self.ctx.db, m))
        return None if measure is None else measure.id

    # -- justering

    def _save_minutes_field(self, name: str, value: Any) -> bool:
        mid = self.meeting_id
        if mid is None:
            return False
        changes = {name: value}
        return self._push(_("Change approval details"), lambda: mn.update_minutes(self.ctx.db, mid, changes),
                          lambda old: mn.update_minutes(self.ctx.db, mid, old), self.just_form, name) is not None

    def _save_notice_field(self, name: str, value: Any) -> bool:
        mid = self.meeting_id
        if mid is None:
            return False
        changes = {name: value}
        return self._push(_("Change the notice of approval"), lambda: mn.update_minutes(self.ctx.db, mid, changes),
                          lambda old: mn.update_minutes(self.ctx.db, mid, old), self.notice_form, name) is not None

    def _save_first_number(self, name: str, value: Any) -> bool:
        if self.meeting_id is None:
            return False
        meeting = self._doc["meeting"]
        group, year = meeting.group_id, meeting.date.year
        return self._push(_("Change where the § series continues"),
                          lambda: mn.set_series_start(self.ctx.db, group, year, value),
                          lambda old: mn.set_series_start(self.ctx.db, group, year, old),
                          self.numbering_form, name) is not None

    def justera(self) -> bool:
        mid = self.meeting_id
        if mid is None:
            return False
        for form in self._forms():
            form.commit_pending()
        try:
            adjusted_on = self.f_adjusted_on.value() or self.ctx.today()
        except Exception as exc:
            self.ctx.report_error(exc)
            return False
        done = self._run(lambda: mn.justera(
            self.ctx.db, mid, chair_id=self.f_chair.value(), adjuster_id=self.f_adjuster.value(),
            adjusted_on=adjusted_on, place=self.f_adjust_place.text(), secretary_id=self.f_secretary.value()))
        return done is not None

    def reopen_dialog(self) -> None:
        reason = ask_reopen_reason(self)
        if reason:
            self.reopen(reason)

    def reopen(self, reason: str) -> bool:
        mid = self.meeting_id
        if mid is None:
            return False
        return self._run(lambda: mn.reopen(self.ctx.db, mid, reason)) is not None

    # -- export

    def _save_path(self, title: str, name: str, filter_: str) -> Path | None:
        path, _filter = QFileDialog.getSaveFileName(self, title, str(Path.home() / name), filter_)
        return Path(path) if path else None

    def export_protocol_dialog(self) -> None:
        if self.meeting_id is None:
            return
        name = _("Minutes-{date}.pdf").format(date=self._doc["meeting"].date.isoformat())
        path = self._save_path(_("Save the minutes as PDF"), name, _("PDF files (*.pdf)"))
        if path is not None:
            self.export_protocol(path)

    def export_protocol(self, path: Path, *, notice: bool = False) -> int | None:
        from tryggapp.reports import minutes as pdf
        from tryggapp.services import protocol

        mid = self.meeting_id
        if mid is None:
            return None
        try:
            data = protocol.collect(self.ctx.db, mid, self.ctx.today())
            return (pdf.build_notice if notice else pdf.build_protocol)(data, path)
        except Exception as exc:
            self.ctx.report_error(exc)
            return None

    def export_notice_dialog(self) -> None:
        if self.meeting_id is None:
            return
        name = _("Notice-{date}.pdf").format(date=self._doc["meeting"].date.isoformat())
        path = self._save_path(_("Save the notice as PDF"), name, _("PDF files (*.pdf)"))
        if path is not None:
            self.export_protocol(path, notice=True)

    def export_calendar_dialog(self) -> None:
        if self.meeting_id is None:
            return
        path = self._save_path(_("Save the group's upcoming meetings"), _("Meetings.ics"),
                               _("Calendar files (*.ics)"))
        if path is not None:
            self.export_calendar(path)

    def export_calendar(self, path: Path) -> int | None:
        from tryggapp.services import calendar

        if self.meeting_id is None:
            return None
        try:
            result = calendar.build(self.ctx.db, self._doc["meeting"].group_id, self.ctx.today(),
                                    now=dt.datetime.now(dt.UTC))
            calendar.write(result, path)
        except Exception as exc:
            self.ctx.report_error(exc)
            return None
        return result.events

    # ------------------------------------------------------------------ navigation

    def focus_target(self) -> QWidget | None:
        return self.table.focus_target()

    def open_record(self, table: str, record_id: int) -> bool:
        if table == "meeting":
            return self.table.select_id(record_id)
        if table == "minutes_item":
            from tryggapp.services import crud

            item = crud.get(self.ctx.db, d.MinutesItem, record_id)
            minutes = crud.get(self.ctx.db, d.Minutes, item.minutes_id)
            if not self.table.select_id(minutes.meeting_id):
                return False
            self.tabs.setCurrentIndex(2)
            return self.items.select_id(record_id)
        return False
