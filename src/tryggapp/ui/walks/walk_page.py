"""The walks: a list on the left, the chosen walk on the right in Boverket's three steps
(förmöte, vandring, uppföljande möte) and its observations. Every field saves when it
is left (widgets.form), each save is one undo step."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from tryggapp.formatting import date_long
from tryggapp.i18n import _, ngettext
from tryggapp.services import measures
from tryggapp.services import walks as svc
from tryggapp.ui.context import AppContext
from tryggapp.ui.list_detail import ListDetailPage
from tryggapp.ui.table import Column, TablePane
from tryggapp.ui.walks import dialogs, ops
from tryggapp.ui.walks.common import (
    button,
    light_choices,
    name_fields,
    parse_time,
    table_leaves_on_tab,
)
from tryggapp.ui.walks.observations import ObservationsPane
from tryggapp.ui.widgets import style, unsaved
from tryggapp.ui.widgets.fields import (
    ChoiceField,
    DateField,
    MultilineField,
    NumberField,
    TextField,
)
from tryggapp.ui.widgets.form import ErrorLabel, FormSection


def _scrolled(*widgets: QWidget) -> QScrollArea:
    body = QWidget()
    layout = QVBoxLayout(body)
    layout.setContentsMargins(4, 8, 8, 8)
    layout.setSpacing(10)
    for w in widgets:
        layout.addWidget(w)
    layout.addStretch(1)
    scroll = QScrollArea()
    scroll.setWidget(body)
    scroll.setWidgetResizable(True)
    scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return scroll


class ParticipantsBox(FormSection):
    """People and organisations on the walk (residents are counted, not named)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(_("Participants"), parent,
                         description=_("People and organisations who walked. Residents are not named: "
                                       "give their number under “Residents”."))
        self.ctx = ctx
        self.walk_id: int | None = None
        self.list = QListWidget()
        self.list.setAccessibleName(_("Participants of the walk"))
        self.list.setMinimumHeight(style.text_lines(self.list, 5))
        self.person = ChoiceField()
        self.person.setAccessibleName(_("Person to add"))
        self.organisation = ChoiceField()
        self.organisation.setAccessibleName(_("Organisation to add"))
        self.add_person = button("mdi6.account-plus-outline", _("Add person"))
        self.add_person.clicked.connect(lambda: self._add(person_id=self.person.value()))
        self.add_org = button("mdi6.domain-plus", _("Add organisation"))
        self.add_org.clicked.connect(lambda: self._add(organisation_id=self.organisation.value()))
        self.remove = button("mdi6.account-remove-outline", _("Remove participant"))
        self.remove.clicked.connect(self._remove)
        self.error = ErrorLabel()
        self.add_widget(self.list)
        for picker, add in ((self.person, self.add_person), (self.organisation, self.add_org)):
            row = QWidget()
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            line.addWidget(picker, 1)
            line.addWidget(add)
            self.add_widget(row)
        self.add_widget(self.remove)
        self.add_widget(self.error)

    def load(self, walk_id: int, participants: tuple[svc.Participant, ...]) -> None:
        self.walk_id = walk_id
        choices = measures.choices(self.ctx.db)
        self.person.set_choices([(_("Choose a person…"), None),
                                 *[(f"{name}", ident) for ident, name, _org in choices.persons]])
        self.organisation.set_choices([(_("Choose an organisation…"), None),
                                       *[(name, ident) for ident, name in choices.organisations]])
        self.list.clear()
        icons = {"person": "mdi6.account-outline", "organisation": "mdi6.domain", "name": "mdi6.account-group-outline"}
        for p in participants:
            item = QListWidgetItem(style.icon(icons[p.kind]), p.label)
            item.setData(Qt.ItemDataRole.UserRole, p.id)
            self.list.addItem(item)
        if not participants:
            self.list.addItem(QListWidgetItem(_("No participants yet: add people and organisations below.")))
        writable = not self.ctx.db.read_only
        for w in (self.add_person, self.add_org, self.remove, self.person, self.organisation):
            w.setEnabled(writable)

    def _add(self, **who: Any) -> None:
        self.error.set_message("")
        if self.walk_id is None or all(v is None for v in who.values()):
            self.error.set_message(_("Choose a person or an organisation first."))
            return
        ops.add_participant(self.ctx, self.walk_id, on_error=self.error.set_message, **who)

    def _remove(self) -> None:
        item = self.list.currentItem()
        ident = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        if ident is None:
            self.error.set_message(_("Choose a participant in the list first."))
            return
        ops.remove_participant(self.ctx, ident)


class WalksPage(ListDetailPage):
    """The walk list and the chosen walk."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        self.detail: svc.WalkDetail | None = None
        pane = TablePane([
            Column("date", lambda: _("Date"), 84),
            Column("area", lambda: _("Area"), 90, stretch=True),
            Column("handled", lambda: _("Handled"), 70, align_right=True),
            Column("overdue", lambda: _("Open > 6 mo."), 70, align_right=True),
        ], lambda: _("Record a walk with “New walk”: its pre-meeting, the walk itself with participants and "
                     "observations, and the follow-up meeting."),
            empty_icon="mdi6.walk", empty_title=lambda: _("No safety walks yet"))
        super().__init__(ctx, pane, _("Choose a walk in the list, or record a new one with “New walk”."), parent)
        table_leaves_on_tab(self.list, _("Safety walks"))
        self.list.empty.set_action(_("New walk"))
        self.list.empty.action_triggered.connect(self.new_walk)
        self.new_button = button("mdi6.plus", _("New walk"))
        self.new_button.clicked.connect(self.new_walk)
        self.delete_button = button("mdi6.delete-outline", _("Delete walk"))
        self.delete_button.clicked.connect(self.delete_walk)
        # The two documents of a walk (reports.walk_protocol / walk_feedback): for the
        # participants, and the residents' version without personal data.
        self.protocol_button = button("mdi6.file-document-outline", _("Protocol (PDF)…"))
        self.protocol_button.setToolTip(_("The walk's protocol for the participants: observations with photos "
                                          "and who does what"))
        self.protocol_button.clicked.connect(lambda: self.export_dialog(feedback=False))
        self.feedback_button = button("mdi6.email-newsletter", _("Feedback to residents (PDF)…"))
        self.feedback_button.setToolTip(_("What is done about each observation, by whom and when, in plain "
                                          "Swedish and without personal data"))
        self.feedback_button.clicked.connect(lambda: self.export_dialog(feedback=True))
        self.add_tools(self.new_button, self.delete_button)
        documents = QHBoxLayout()
        documents.addWidget(self.protocol_button)
        documents.addWidget(self.feedback_button)
        documents.addStretch(1)
        self.add_below_list(documents)
        self.left.setMaximumWidth(style.chars(self, 60))  # the walk is what needs the room

        # -- the chosen walk
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        style.set_point_size(self.heading, 3, bold=True)
        self.progress = QLabel()
        self.progress.setWordWrap(True)
        self.steps = QTabWidget()
        self.steps.setAccessibleName(_("Steps of the walk"))

        self.pre = FormSection(_("Step 1: Pre-meeting"), description=_(
            "Plan the walk, choose the route from where people feel unsafe, and invite residents, the housing "
            "company, the police and the municipality's departments."))
        self.pre.add_field("premeeting_date", _("Date of the pre-meeting"), DateField())
        self.pre.add_field("premeeting_route", _("Route planning"), MultilineField(lines=3), span=True)
        self.pre.add_field("invitation", _("Invitation"), MultilineField(lines=4), span=True,
                           hint=_("Whom the invitation went to and what it said."))

        self.walk_form = FormSection(_("Step 2: The walk"), columns=2, description=_(
            "At most about 20 people walk the route, usually in the evening, and note what they see."))
        wf = self.walk_form
        wf.add_field("area", _("Area"), TextField(), span=True)
        wf.add_field("date", _("Date"), DateField())
        wf.add_field("start_time", _("Time"), TextField(placeholder=_("e.g. 19:00")))
        wf.add_field("light", _("Light"), ChoiceField(light_choices()))
        wf.add_field("weather", _("Weather"), TextField(placeholder=_("e.g. Clear, 4 °C")))
        wf.add_field("resident_count", _("Residents"), NumberField(integer=True, placeholder="0"),
                     hint=_("How many residents took part (they are not named)."))
        wf.new_row()
        wf.add_field("route", _("Route"), MultilineField(lines=3), span=True)
        wf.add_field("summary", _("Summary"), MultilineField(lines=3), span=True)
        self.participants = ParticipantsBox(ctx)

        self.post = FormSection(_("Step 3: Follow-up meeting"), description=_(
            "The participants go through the observations and the measures decided; the residents get feedback."))
        self.post.add_field("follow_up_date", _("Date of the follow-up meeting"), DateField())
        self.post.add_field("follow_up_summary", _("What the meeting concluded"), MultilineField(lines=4), span=True)
        self.post.add_field("feedback", _("Feedback to residents"), MultilineField(lines=4), span=True,
                            hint=_("How and when the residents were told what is done."))
        for form in (self.pre, self.walk_form, self.post):
            name_fields(form)
            form.set_saver(lambda name, value, f=form: self._save(f, name, value))

        self.observations = ObservationsPane(ctx)
        self.steps.addTab(_scrolled(self.pre), _("1 Pre-meeting"))
        self.steps.addTab(_scrolled(self.walk_form, self.participants), _("2 Walk"))
        self.steps.addTab(self.observations, _("Observations"))
        self.steps.addTab(_scrolled(self.post), _("3 Follow-up meeting"))
        self.steps.setCurrentIndex(2)
        self.set_detail(self.detail_column(self.heading, self.progress, self.steps, stretch=self.steps),
                        sizes=(44, 160))

    @property
    def walk_id(self) -> int | None:
        return self.record_id

    # -- loading

    def forms(self) -> list[FormSection]:
        return [self.pre, self.walk_form, self.post, self.observations.form]

    def refresh(self) -> None:
        today = self.ctx.today()
        rows = svc.walk_rows(self.ctx.db, today)
        self.list.set_rows([{
            "id": r.id, "date": r.date, "area": r.area,
            "handled": _("{handled} of {total}").format(handled=r.handled, total=r.observations)
            if r.observations else "–",
            "overdue": r.overdue or None} for r in rows])
        self.delete_button.setEnabled(bool(rows) and not self.ctx.db.read_only)
        self.new_button.setEnabled(not self.ctx.db.read_only)
        self.load_record(self.list.current_id())

    def load_record(self, ident: Any) -> None:
        self.record_id = ident
        shown = ident is not None
        self.show_chosen(shown, self.heading, self.progress, self.steps)
        if not shown:
            self.detail = None
            self.observations.set_walk(None, [])
            return
        detail = svc.walk_detail(self.ctx.db, ident, self.ctx.today())
        self.detail = detail
        w = detail.walk
        self.heading.setText(_("{area}, {date}").format(area=w.area, date=date_long(w.date)))
        self.progress.setText(self._progress_text(detail))
        self.pre.set_values({"premeeting_date": w.premeeting_date, "premeeting_route": w.premeeting_route,
                             "invitation": w.invitation}, record=ident, table="safety_walk", version=w.version)
        self.walk_form.set_values({
            "area": w.area, "date": w.date, "start_time": w.start_time.strftime("%H:%M") if w.start_time else "",
            "light": w.light, "weather": w.weather, "resident_count": w.resident_count, "route": w.route,
            "summary": w.summary}, record=ident, table="safety_walk", version=w.version)
        self.post.set_values({"follow_up_date": w.follow_up_date, "follow_up_summary": w.follow_up_summary,
                              "feedback": w.feedback}, record=ident, table="safety_walk", version=w.version)
        for form in (self.pre, self.walk_form, self.post):
            form.set_read_only(self.ctx.db.read_only)
        self.participants.load(ident, detail.participants)
        self.observations.set_walk(ident, list(detail.observations))
        n = len(detail.observations)
        self.steps.setTabText(2, _("Observations ({n})").format(n=n))

    def _progress_text(self, detail: svc.WalkDetail) -> str:
        n = len(detail.observations)
        if not n:
            return _("No observations recorded yet.")
        text = ngettext("{handled} of {n} observation handled", "{handled} of {n} observations handled", n).format(
            handled=detail.handled, n=n)
        if detail.overdue:
            text += " · " + ngettext(
                "{k} not finished six months after the walk", "{k} not finished six months after the walk",
                detail.overdue).format(k=detail.overdue)
        return text

    # -- editing

    def _save(self, form: FormSection, name: str, value: Any) -> bool:
        if self.walk_id is None:
            return False
        if name == "start_time":
            try:
                value = parse_time(value or "")
            except ValueError:
                form.show_error(name, _("“Time” is not a valid time: “{value}”. Write it as HH:MM, e.g. 19:00.")
                                .format(value=value))
                return False
        return ops.update_walk(self.ctx, self.walk_id, {name: value}, form.caption(name).lower(), form, name)

    def new_walk(self) -> None:
        if not unsaved.leave_ok(self, self.forms()):
            return

        def save(values: dict[str, Any], form: FormSection) -> Any:
            return ops.create_walk(self.ctx, values, form)

        dialog = dialogs.new_walk_dialog(save, self.ctx.today(), self.window())
        if dialogs.run(dialog) and dialog.result_record is not None:
            self.select(dialog.result_record.id)
            self.steps.setCurrentIndex(1)

    def select(self, walk_id: int) -> bool:
        return self.list.select_id(walk_id)

    def delete_walk(self) -> None:
        if self.detail is not None:
            ops.delete_walk(self.ctx, self.detail.walk.id, self.detail.walk.area)

    def today(self) -> dt.date:
        return self.ctx.today()

    # -- documents

    def export_dialog(self, *, feedback: bool) -> None:
        if self.detail is None:
            return
        w = self.detail.walk
        name = (_("Feedback-{area}-{date}.pdf") if feedback else _("Safety-walk-{area}-{date}.pdf")).format(
            area=w.area.replace("/", "-"), date=w.date.isoformat())
        title = _("Save the feedback to residents as PDF") if feedback else _("Save the walk's protocol as PDF")
        path, _filter = QFileDialog.getSaveFileName(self, title, str(Path.home() / name), _("PDF files (*.pdf)"))
        if path:
            self.export(Path(path), feedback=feedback)

    def export(self, path: Path, *, feedback: bool) -> int | None:
        """Write the chosen walk's protocol (or the residents' feedback) to `path`; the
        number of pages, or None when it failed (the reason is shown)."""
        if self.walk_id is None:
            return None
        if feedback:
            from tryggapp.reports import walk_feedback as document
        else:
            from tryggapp.reports import walk_protocol as document
        try:
            return document.write(self.ctx.db, self.walk_id, path, self.ctx.today())
        except Exception as exc:  # a UserError is shown as it is; a bug is logged and shown
            self.ctx.report_error(exc)
            return None
