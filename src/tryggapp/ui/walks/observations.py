"""The observations of one walk: a table that says per observation what is being done
(measure, responsible, status), the observation's form with its full description, its
photos, and "Skapa åtgärd…" that turns it into a measure of the action plan."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QScrollArea, QSplitter, QVBoxLayout, QWidget

from tryggapp.domain import rules
from tryggapp.domain.enums import LATE_LABEL, MeasureStatus, ObservationCategory
from tryggapp.i18n import _, ngettext
from tryggapp.services import measures
from tryggapp.services import walks as svc
from tryggapp.services.validation import ValidationError
from tryggapp.ui.context import AppContext
from tryggapp.ui.plan import choices as pick
from tryggapp.ui.table import Column, TablePane
from tryggapp.ui.walks import dialogs, ops
from tryggapp.ui.walks.common import (
    button,
    category_choices,
    name_fields,
    priority_choices,
    table_leaves_on_tab,
)
from tryggapp.ui.walks.photos import PhotoStrip
from tryggapp.ui.widgets import style
from tryggapp.ui.widgets.fields import ChoiceField, MultilineField, NumberField, TextField
from tryggapp.ui.widgets.form import FormSection


def status_text(row: svc.ObservationRow) -> str:
    """"Åtgärd beslutad (Pågående)", "Ej hanterad – öppen sedan mer än sex månader"."""
    text = row.outcome_text
    if row.measures and row.outcome == rules.OBSERVATION_MEASURE:  # "decided": how far it has come
        states = ", ".join(dict.fromkeys(_(LATE_LABEL) if m.status_key == rules.LATE else MeasureStatus(m.status).label
                                         for m in row.measures))
        text = f"{text} ({states})"
    if row.overdue:
        text = _("{status} – not finished six months after the walk").format(status=text)
    return text


def table_row(row: svc.ObservationRow) -> dict[str, Any]:
    return {"id": row.id, "number": row.number, "place": row.place, "category": row.category.label,
            "priority": row.priority.label, "done": row.what_is_done, "responsible": row.responsible,
            "status": status_text(row), "photos": row.photos or None}


class ObservationsPane(QWidget):
    """Table above, the chosen observation's form and photos below."""

    counts_changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.walk_id: int | None = None
        self.rows: dict[int, svc.ObservationRow] = {}
        self.table = TablePane([
            Column("number", lambda: _("No."), 34, align_right=True),
            Column("place", lambda: _("Place"), 140),
            Column("status", lambda: _("Status"), 130),
            Column("done", lambda: _("What is being done"), 130, stretch=True),
            Column("responsible", lambda: _("Responsible"), 120),
            Column("category", lambda: _("Category"), 110),
        ], lambda: _("Add what the walk noted with “New observation”: each place, what was seen and photos."),
            searchable=False, empty_icon="mdi6.eye-plus-outline", empty_title=lambda: _("No observations yet"))
        table_leaves_on_tab(self.table, _("Observations of the walk"))
        self.table.current_changed.connect(self._show)
        self.new_button = button("mdi6.plus", _("New observation"))
        self.new_button.clicked.connect(self.new_observation)
        self.measure_button = button("mdi6.clipboard-arrow-right-outline", _("Create measure…"))
        self.measure_button.setToolTip(_("Turn the observation into a measure of the action plan"))
        self.measure_button.clicked.connect(self.create_measure)
        self.open_measure_button = button("mdi6.open-in-app", _("Open measure"))
        self.open_measure_button.clicked.connect(self.open_measure)
        self.delete_button = button("mdi6.delete-outline", _("Delete observation"))
        self.delete_button.clicked.connect(self.delete_observation)
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        for b in (self.new_button, self.measure_button, self.open_measure_button, self.delete_button):
            bar.addWidget(b)
        bar.addStretch(1)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addLayout(bar)
        top_layout.addWidget(self.table, 1)

        self.form = FormSection(_("Observation"), columns=2)
        f = self.form
        f.add_field("place", _("Place"), TextField(placeholder=_("Address or description of the place")), span=True)
        f.add_field("category", _("Category"), ChoiceField(category_choices()))
        f.add_field("priority", _("Priority"), ChoiceField(priority_choices()))
        f.add_field("latitude", _("Latitude"), NumberField(placeholder=_("e.g. 59,3293")),
                    hint=_("WGS84 decimal degrees, as a phone's map shows them. Optional."))
        f.add_field("longitude", _("Longitude"), NumberField(placeholder=_("e.g. 18,0686")),
                    hint=_("WGS84 decimal degrees, as a phone's map shows them. Optional."))
        f.add_field("description", _("Description"), MultilineField(lines=4, max_lines=14), span=True)
        f.add_field("responsible_organisation_id", _("Responsible organisation"), ChoiceField(), span=True)
        f.add_field("no_action_reason", _("Why no measure"),
                    TextField(placeholder=_("e.g. A private property owner decides")), span=True,
                    hint=_("When nothing will be done: the reason, as the residents' feedback will say it."))
        name_fields(f)
        f.set_saver(self._save)
        self.outcome = QLabel()
        self.outcome.setWordWrap(True)
        self.outcome.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.form.add_widget(self.outcome)
        self.photos = PhotoStrip(ctx)
        self.photos.changed.connect(self._photos_changed)
        photo_form = FormSection(_("Photos"))
        photo_form.add_widget(self.photos)
        self.none_chosen = QLabel(_("Choose an observation in the table to read and edit it."))
        self.none_chosen.setStyleSheet(f"color: {style.MUTED};")
        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 4, 4, 4)
        body_layout.addWidget(self.none_chosen)
        body_layout.addWidget(self.form)
        body_layout.addWidget(photo_form)
        body_layout.addStretch(1)
        self.photo_form = photo_form
        scroll = QScrollArea()
        scroll.setWidget(body)
        scroll.setWidgetResizable(True)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll = scroll
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(top)
        split.addWidget(scroll)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        split.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(split)

    # -- loading

    def set_walk(self, walk_id: int | None, rows: list[svc.ObservationRow]) -> None:
        self.walk_id = walk_id
        self.rows = {r.id: r for r in rows}
        orgs = measures.choices(self.ctx.db).organisations
        self.form.fields["responsible_organisation_id"].set_choices(  # type: ignore[attr-defined]
            [pick.none_item(), *[(name, ident) for ident, name in orgs]])
        self.table.set_rows([table_row(r) for r in rows])
        self.new_button.setEnabled(walk_id is not None and not self.ctx.db.read_only)
        self._show(self.table.current_id())

    def current(self) -> svc.ObservationRow | None:
        ident = self.table.current_id()
        return self.rows.get(ident) if ident is not None else None

    def _show(self, ident: Any) -> None:
        row = self.rows.get(ident) if ident is not None else None
        shown = row is not None
        self.form.setVisible(shown)
        self.photo_form.setVisible(shown)
        self.none_chosen.setVisible(not shown and bool(self.rows))
        self.scroll.setVisible(bool(self.rows))  # no empty grey half under "no observations yet"
        writable = not self.ctx.db.read_only
        self.measure_button.setEnabled(shown and writable)
        self.delete_button.setEnabled(shown and writable)
        self.open_measure_button.setEnabled(shown and bool(row and row.measures))
        self.photos.set_observation(row.id if row else None)
        if row is None:
            return
        self.form.set_title(_("Observation {number}").format(number=row.number))
        self.form.set_values({
            "place": row.place, "category": row.category, "priority": row.priority, "latitude": row.latitude,
            "longitude": row.longitude, "description": row.description, "no_action_reason": row.no_action_reason,
            "responsible_organisation_id": row.responsible_organisation_id}, record=row.id)
        self.form.set_read_only(not writable)
        self.outcome.setText(self._outcome_html(row))

    def _outcome_html(self, row: svc.ObservationRow) -> str:
        lines = [_("<b>Status:</b> {status}").format(status=status_text(row))]
        for m in row.measures:
            deadline = m.deadline.isoformat() if m.deadline else _("no deadline")
            lines.append(_("Measure {ref} “{title}”, responsible {who}, deadline {deadline}").format(
                ref=m.ref, title=m.title, who=m.responsible or _("not named"), deadline=deadline))
        if not row.measures and row.category is ObservationCategory.POSITIVE:
            lines.append(_("A positive observation needs no measure."))
        elif not row.measures and row.outcome == rules.OBSERVATION_OPEN:
            lines.append(_("Nothing decided yet: create a measure, or write why no measure will be taken."))
        return "<br>".join(lines)

    # -- editing

    def _save(self, name: str, value: Any) -> bool:
        row = self.current()
        if row is None:
            return False
        changes = {name: value}
        other = {"latitude": "longitude", "longitude": "latitude"}.get(name)
        if other is not None:
            # A position is both numbers: saved together, so typing one and then the
            # other works (the service refuses half a position).
            try:
                changes[other] = self.form.fields[other].value()  # type: ignore[attr-defined]
            except ValidationError:
                return False
        ok = ops.update_observation(self.ctx, row.id, row.number, changes, self.form.caption(name).lower(),
                                    self.form, name)
        if ok and other is not None:
            self.form.fields[other].mark_saved()  # type: ignore[attr-defined]
            self.form.show_error(other, "")
        return ok

    def new_observation(self) -> None:
        if self.walk_id is None:
            return
        number = max((r.number for r in self.rows.values()), default=0) + 1
        made = ops.add_observation(self.ctx, self.walk_id, {"place": _("Place {number}").format(number=number)})
        if made is not None:
            self.select(made.id)
            field = self.form.fields["place"]
            field.setFocus(Qt.FocusReason.OtherFocusReason)
            field.selectAll()  # type: ignore[attr-defined]

    def select(self, observation_id: int) -> bool:
        return self.table.select_id(observation_id)

    def delete_observation(self) -> None:
        row = self.current()
        if row is not None:
            ops.delete_observation(self.ctx, row.id, row.number)

    def create_measure(self) -> None:
        row = self.current()
        if row is None or not self.leave_ok():
            return
        proposal = svc.proposal_for_observation(self.ctx.db, row.id, self.ctx.today())

        def save(values: dict[str, Any], form: FormSection) -> Any:
            year = values.pop("year", None) or proposal.year
            return ops.measure_from_observation(self.ctx, row.id, row.number, values, year, form)

        intro = _("Observation {number}, {place}. The measure is added to the action plan with the observation "
                  "as its origin; the observation's status then follows the measure.").format(
            number=row.number, place=row.place)
        if row.measures:
            intro += " " + ngettext("The observation already has {n} measure.",
                                    "The observation already has {n} measures.", len(row.measures)).format(
                n=len(row.measures))
        dialog = dialogs.measure_dialog(
            self.ctx.db, save, title=proposal.title, description=proposal.description, year=proposal.year,
            deadline=proposal.deadline, organisation_id=proposal.responsible_organisation_id, intro=intro,
            parent=self.window())
        dialogs.run(dialog)

    def open_measure(self) -> None:
        row = self.current()
        if row is not None and row.measures:
            self.ctx.navigate("plan", "measure", row.measures[-1].id)

    def _photos_changed(self) -> None:
        self.counts_changed.emit()

    def leave_ok(self) -> bool:
        from tryggapp.ui.widgets import unsaved

        return unsaved.leave_ok(self, [self.form])
