"""EST (Effektiv samordning för trygghet): register a report in a few keystrokes (date
today, Tab through reporter, place, kind of event, description, Ctrl+Enter), the reports
of a year with "Skapa åtgärd…", and the year's summary by kind and place."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSplitter, QVBoxLayout, QWidget

from tryggapp.domain.situation import EstKind, ReporterKind
from tryggapp.i18n import _
from tryggapp.services import measures
from tryggapp.services import situation as svc
from tryggapp.services.validation import ValidationError
from tryggapp.ui.context import AppContext
from tryggapp.ui.plan import choices as pick
from tryggapp.ui.situation import ops
from tryggapp.ui.table import Column, TablePane
from tryggapp.ui.walks import dialogs as walk_dialogs
from tryggapp.ui.walks.common import button, name_fields, table_leaves_on_tab
from tryggapp.ui.widgets import style, unsaved
from tryggapp.ui.widgets.fields import ChoiceField, DateField, MultilineField, TextField
from tryggapp.ui.widgets.form import FormSection

FIELDS = ("reported_on", "reporter_kind", "organisation_id", "place", "kind", "description")


class EstPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.rows: dict[int, svc.EstRow] = {}
        self.form = FormSection(_("Register an EST report"), columns=3, description=_(
            "A short report from a municipal service, the police or the housing company: when, where and what. "
            "Ctrl+Enter registers it."))
        f = self.form
        f.add_field("reported_on", _("Date"), DateField())
        f.add_field("reporter_kind", _("Reported by"), ChoiceField([(k.label, k) for k in ReporterKind]))
        f.add_field("organisation_id", _("Organisation"), ChoiceField())
        f.add_field("place", _("Place"), TextField(placeholder=_("e.g. Busstationen")))
        f.add_field("kind", _("Kind of event"), ChoiceField([(k.label, k) for k in EstKind]))
        f.new_row()
        f.add_field("description", _("Description"), MultilineField(lines=2, max_lines=6), span=True)
        name_fields(f)
        self.register_button = button("mdi6.clipboard-plus-outline", _("Register"), _("Register the EST report"))
        self.register_button.setToolTip(_("Register the report (Ctrl+Enter)"))
        self.register_button.clicked.connect(self.register)
        f.add_header_widget(self.register_button)
        self.done = QLabel()
        self.done.setWordWrap(True)
        f.add_widget(self.done)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self.form, self.register,
                      context=Qt.ShortcutContext.WidgetWithChildrenShortcut)

        self.year = ChoiceField()
        self.year.setAccessibleName(_("Year shown"))
        self.year.committed.connect(lambda _v: self.refresh())
        self.table = TablePane([
            Column("reported_on", lambda: _("Date"), 90),
            Column("kind", lambda: _("Kind of event"), 130),
            Column("place", lambda: _("Place"), 130),
            Column("reporter", lambda: _("Reporter"), 170),
            Column("description", lambda: _("Description"), 160, stretch=True),
            Column("measure", lambda: _("Measure"), 130),
        ], lambda: _("No EST reports this year. Register the first one above."),
            empty_icon="mdi6.clipboard-text-outline", empty_title=lambda: _("No EST reports"))
        table_leaves_on_tab(self.table, _("EST reports"))
        self.table.current_changed.connect(self._chosen)
        self.measure_button = button("mdi6.clipboard-arrow-right-outline", _("Create measure…"))
        self.measure_button.setToolTip(_("Turn the EST report into a measure of the action plan"))
        self.measure_button.clicked.connect(self.create_measure)
        self.open_measure_button = button("mdi6.open-in-app", _("Open measure"))
        self.open_measure_button.clicked.connect(self.open_measure)
        self.delete_button = button("mdi6.delete-outline", _("Delete EST report"))
        self.delete_button.clicked.connect(self.delete)
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        year_label = QLabel(_("Year:"))
        year_label.setBuddy(self.year)
        for w in (year_label, self.year, self.measure_button, self.open_measure_button, self.delete_button):
            bar.addWidget(w)
        bar.addStretch(1)
        reports = QWidget()
        reports_layout = QVBoxLayout(reports)
        reports_layout.setContentsMargins(0, 0, 0, 0)
        reports_layout.addLayout(bar)
        reports_layout.addWidget(self.table, 1)

        self.total = QLabel()
        self.total.setWordWrap(True)
        self.by_kind = TablePane([
            Column("kind", lambda: _("Kind of event"), 140, stretch=True),
            Column("count", lambda: _("Reports"), 60, align_right=True),
        ], lambda: _("Nothing to count yet."), searchable=False)
        table_leaves_on_tab(self.by_kind, _("EST reports by kind of event"))
        self.by_place = TablePane([
            Column("place", lambda: _("Place"), 110, stretch=True),
            Column("kind", lambda: _("Kind of event"), 110),
            Column("count", lambda: _("Reports"), 60, align_right=True),
        ], lambda: _("Nothing to count yet."), searchable=False)
        table_leaves_on_tab(self.by_place, _("EST reports by place and kind"))
        summary = QWidget()
        summary_layout = QVBoxLayout(summary)
        summary_layout.setContentsMargins(6, 0, 0, 0)
        summary_layout.addWidget(self.total)
        summary_layout.addWidget(self.by_kind, 2)
        summary_layout.addWidget(self.by_place, 3)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(reports)
        split.addWidget(summary)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setChildrenCollapsible(False)
        split.setSizes([style.chars(self, 100), style.chars(self, 62)])  # the counts stay in sight
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.form)
        layout.addWidget(split, 1)
        self._reset_form(self.ctx.today())

    # -- loading

    def _reset_form(self, day: dt.date) -> None:
        self.form.set_values({"reported_on": day, "place": "", "description": ""})

    def _shown_year(self) -> int:
        year = self.year.value()
        return year if isinstance(year, int) else self.ctx.today().year

    def refresh(self) -> None:
        today = self.ctx.today()
        orgs = measures.choices(self.ctx.db).organisations
        fields = self.form.fields
        fields["organisation_id"].set_choices([pick.none_item(), *[(n, i) for i, n in orgs]])  # type: ignore[attr-defined]
        years = sorted({r.reported_on.year for r in svc.est_rows(self.ctx.db)} | {today.year}, reverse=True)
        shown = self.year.value() if self.year.value() in years else today.year
        self.year.blockSignals(True)
        self.year.set_choices([(str(y), y) for y in years])
        self.year.set_value(shown)
        self.year.blockSignals(False)
        start, end = dt.date(shown, 1, 1), dt.date(shown, 12, 31)
        rows = svc.est_rows(self.ctx.db, start, end)
        self.rows = {r.id: r for r in rows}
        self.table.set_rows([{"id": r.id, "reported_on": r.reported_on, "kind": r.kind.label, "place": r.place,
                              "reporter": r.reporter, "description": r.description, "measure": r.measure}
                             for r in reversed(rows)])
        summary = svc.summarise(start, end, [(r.kind, r.place) for r in rows])
        self.total.setText(_("<b>Summary {year}:</b> {n} reports at {places} places.").format(
            year=shown, n=summary.total, places=len(summary.by_place)))
        self.by_kind.set_rows([{"id": k.value, "kind": k.label, "count": n} for k, n in summary.by_kind])
        self.by_place.set_rows([{"id": f"{k.value}|{p}", "place": p, "kind": k.label, "count": n}
                                for k, p, n in sorted(summary.by_kind_and_place,
                                                      key=lambda t: (-t[2], t[1].casefold()))])
        self.form.set_read_only(self.ctx.db.read_only)
        self.register_button.setEnabled(not self.ctx.db.read_only)
        self._chosen(self.table.current_id())

    def current(self) -> svc.EstRow | None:
        ident = self.table.current_id()
        return self.rows.get(ident) if ident is not None else None

    def _chosen(self, _ident: Any = None) -> None:
        row = self.current()
        writable = not self.ctx.db.read_only
        self.measure_button.setEnabled(bool(row) and writable and row is not None and row.measure_id is None)
        self.open_measure_button.setEnabled(bool(row and row.measure_id))
        self.delete_button.setEnabled(bool(row) and writable)

    # -- registering

    def values(self) -> dict[str, Any] | None:
        out: dict[str, Any] = {}
        bad = False
        self.form.clear_errors()
        for name in FIELDS:
            try:
                out[name] = self.form.fields[name].value()  # type: ignore[attr-defined]
            except ValidationError as exc:
                self.form.show_error(name, exc.message)
                bad = True
        return None if bad else out

    def register(self) -> Any:
        values = self.values()
        if values is None:
            return None
        made = ops.create_est(self.ctx, values, self.form)
        if made is None:
            return None
        for name in FIELDS:
            widget = self.form.fields[name]
            if hasattr(widget, "mark_saved"):
                widget.mark_saved()
        self.done.setText(_("Registered: {kind}, {place}, {date}.").format(
            kind=made.kind.label.lower(), place=made.place, date=made.reported_on.isoformat()))
        self.form.set_values({"place": "", "description": ""})
        for name in ("place", "description"):
            widget = self.form.fields[name]
            if hasattr(widget, "mark_saved"):
                widget.mark_saved()
        if made.reported_on.year != self._shown_year():
            self.year.set_value(made.reported_on.year)
            self.refresh()
        self.table.select_id(made.id)
        self.form.fields["place"].setFocus(Qt.FocusReason.OtherFocusReason)
        return made

    def drafts(self) -> list[unsaved.Draft]:
        """A report typed and not registered yet: closing the window asks about it
        (widgets.unsaved) instead of losing it."""

        def text() -> str:
            return " ".join(str(self.form.fields[n].value() or "")  # type: ignore[attr-defined]
                            for n in ("place", "description"))

        def discard() -> None:
            for name in ("place", "description"):
                widget = self.form.fields[name]
                widget.mark_saved()  # type: ignore[attr-defined]
                widget.set_value("")  # type: ignore[attr-defined]
                widget.mark_saved()  # type: ignore[attr-defined]

        return [unsaved.Draft(_("EST report not registered"), text, lambda: self.register() is not None, discard)]

    # -- the chosen report

    def delete(self) -> None:
        row = self.current()
        if row is not None:
            ops.delete_est(self.ctx, row.id, row.place, version=row.version)

    def create_measure(self) -> Any:
        row = self.current()
        if row is None or row.measure_id is not None:
            return None
        proposal = svc.est_measure_proposal(self.ctx.db, row.id, self.ctx.today())

        def save(values: dict[str, Any], form: FormSection) -> Any:
            year = values.pop("year", None) or proposal["year"]
            return ops.measure_from_est(self.ctx, row.id, values, year, form)

        intro = _("EST report of {date}, {kind} at {place}. The measure is added to the action plan and the report "
                  "links to it.").format(date=row.reported_on.isoformat(), kind=row.kind.label.lower(),
                                         place=row.place)
        dialog = walk_dialogs.measure_dialog(
            self.ctx.db, save, title=proposal["title"], description=proposal["description"], year=proposal["year"],
            deadline=proposal["deadline"], organisation_id=proposal["responsible_organisation_id"], intro=intro,
            parent=self.window())
        walk_dialogs.run(dialog)
        return dialog.result_record

    def open_measure(self) -> None:
        row = self.current()
        if row is not None and row.measure_id is not None:
            self.ctx.navigate("plan", "measure", row.measure_id)

    def select(self, est_id: int) -> bool:
        return self.table.select_id(est_id)
