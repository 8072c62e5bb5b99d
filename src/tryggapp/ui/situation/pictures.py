"""The situation pictures: a list on the left; the chosen picture on the right with its
details (saved as each field is left, one undo step each), its sources, its findings and
the EST reports its period covers."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QScrollArea, QTabWidget, QVBoxLayout, QWidget

from tryggapp.domain import rules
from tryggapp.domain.enums import LATE_LABEL, MeasureStatus
from tryggapp.formatting import date_long
from tryggapp.i18n import _
from tryggapp.services import situation as svc
from tryggapp.ui.context import AppContext
from tryggapp.ui.list_detail import ListDetailPage
from tryggapp.ui.situation import dialogs, ops
from tryggapp.ui.table import Column, TablePane
from tryggapp.ui.walks import dialogs as walk_dialogs
from tryggapp.ui.walks.common import button, name_fields, table_leaves_on_tab
from tryggapp.ui.walks.dialogs import run
from tryggapp.ui.widgets import style, unsaved
from tryggapp.ui.widgets.fields import DateField, MultilineField, TextField
from tryggapp.ui.widgets.form import FormSection


def status_text(link: svc.MeasureLink) -> str:
    return _(LATE_LABEL) if link.status_key == rules.LATE else MeasureStatus(link.status).label


def measures_text(row: svc.FindingRow) -> str:
    """"2026:4 (Pågående), 2026:9 (Genomförd)"."""
    return ", ".join(f"{m.ref} ({status_text(m)})" for m in row.measures)


def _bar(*buttons: QWidget) -> QHBoxLayout:
    bar = QHBoxLayout()
    bar.setContentsMargins(0, 0, 0, 0)
    for b in buttons:
        bar.addWidget(b)
    bar.addStretch(1)
    return bar


def _page(bar: QHBoxLayout, *widgets: QWidget) -> QWidget:
    page = QWidget()
    layout = QVBoxLayout(page)
    layout.setContentsMargins(0, 6, 0, 0)
    layout.addLayout(bar)
    for w in widgets:
        layout.addWidget(w, 1 if isinstance(w, TablePane) else 0)
    return page


class PicturesPage(ListDetailPage):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        self.detail: svc.PictureDetail | None = None
        pane = TablePane([
            Column("title", lambda: _("Title"), 110, stretch=True),
            Column("period", lambda: _("Period"), 75),
            Column("findings", lambda: _("Findings"), 50, align_right=True),
        ], lambda: _("The law (2023:196) requires one at least every other year: crime, its extent and "
                     "consequences, and an analysis. Start with “New situation picture”."), searchable=False,
            empty_icon="mdi6.map-search-outline", empty_title=lambda: _("No situation picture yet"))
        super().__init__(ctx, pane, _("Choose a situation picture in the list, or make one with “New situation "
                                      "picture”."), parent)
        table_leaves_on_tab(self.list, _("Situation pictures"))
        self.list.empty.set_action(_("New situation picture"))
        self.list.empty.action_triggered.connect(self.new_picture)
        self.new_button = button("mdi6.plus", _("New situation picture"))
        self.new_button.clicked.connect(self.new_picture)
        self.delete_button = button("mdi6.delete-outline", _("Delete"), _("Delete situation picture"))
        self.delete_button.clicked.connect(self.delete_picture)
        self.add_tools(self.new_button, self.delete_button)
        self.left.setMaximumWidth(style.chars(self, 60))
        # Its empty-state text would ask for more: the picture needs the room (1366×768 at 125 %).
        self.list.setMinimumWidth(style.chars(self, 34))

        self.heading = QLabel()
        self.heading.setWordWrap(True)
        style.set_point_size(self.heading, 3, bold=True)
        self.form = FormSection(_("Situation picture"), columns=2)
        f = self.form
        f.add_field("title", _("Title"), TextField(), span=True)
        f.add_field("period_from", _("Period from"), DateField())
        f.add_field("period_to", _("Period to"), DateField())
        f.add_field("decided_on", _("Decided"), DateField())
        f.new_row()
        f.add_field("analysis", _("Analysis"), MultilineField(lines=8, max_lines=24), span=True,
                    hint=_("Crime, its extent and consequences, and what the municipality concludes."))
        name_fields(f)
        f.set_saver(self._save)
        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 6, 6, 6)
        body_layout.addWidget(self.form)
        body_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(body)
        scroll.setWidgetResizable(True)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        # -- sources
        self.sources = TablePane([
            Column("kind", lambda: _("Kind"), 170),
            Column("owner", lambda: _("Owner"), 150),
            Column("dated", lambda: _("Date"), 90),
            Column("note", lambda: _("Note"), 200, stretch=True),
        ], lambda: _("Add what the picture is built from with “New source”."), searchable=False,
            empty_icon="mdi6.database-search-outline", empty_title=lambda: _("No sources yet"))
        table_leaves_on_tab(self.sources, _("Sources"))
        self.sources.activated.connect(lambda _i: self.edit_source())
        self.new_source_button = button("mdi6.plus", _("New source"))
        self.new_source_button.clicked.connect(self.new_source)
        self.edit_source_button = button("mdi6.pencil-outline", _("Edit source…"))
        self.edit_source_button.clicked.connect(self.edit_source)
        self.delete_source_button = button("mdi6.delete-outline", _("Delete source"))
        self.delete_source_button.clicked.connect(self.delete_source)

        # -- findings
        self.findings = TablePane([
            Column("number", lambda: _("No."), 34, align_right=True),
            Column("title", lambda: _("Finding"), 200, stretch=True),
            Column("severity", lambda: _("Severity"), 70),
            Column("area", lambda: _("Area"), 110),
            Column("focus_areas", lambda: _("Focus areas"), 150),
            Column("measures", lambda: _("Answering measures"), 150),
        ], lambda: _("Add what the picture shows with “New finding”, and link the measures that answer it."),
            searchable=False, empty_icon="mdi6.text-box-plus-outline", empty_title=lambda: _("No findings yet"))
        table_leaves_on_tab(self.findings, _("Findings"))
        self.findings.activated.connect(lambda _i: self.edit_finding())
        self.findings.current_changed.connect(self._show_finding)
        self.finding_text = QLabel()
        self.finding_text.setWordWrap(True)
        self.finding_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.new_finding_button = button("mdi6.plus", _("New finding"))
        self.new_finding_button.clicked.connect(self.new_finding)
        self.edit_finding_button = button("mdi6.pencil-outline", _("Edit finding…"))
        self.edit_finding_button.clicked.connect(self.edit_finding)
        self.create_measure_button = button("mdi6.clipboard-arrow-right-outline", _("Create measure…"))
        self.create_measure_button.setToolTip(_("A measure in the action plan that answers the finding"))
        self.create_measure_button.clicked.connect(self.create_measure)
        self.open_measure_button = button("mdi6.open-in-app", _("Open measure"))
        self.open_measure_button.clicked.connect(self.open_measure)
        self.delete_finding_button = button("mdi6.delete-outline", _("Delete finding"))
        self.delete_finding_button.clicked.connect(self.delete_finding)

        # -- EST of the period
        self.est = TablePane([
            Column("reported_on", lambda: _("Date"), 90),
            Column("kind", lambda: _("Kind of event"), 140),
            Column("place", lambda: _("Place"), 150),
            Column("reporter", lambda: _("Reporter"), 180),
            Column("measure", lambda: _("Measure"), 150, stretch=True),
        ], lambda: _("No EST report falls within the period. Register them under the EST tab."), searchable=False,
            empty_icon="mdi6.clipboard-text-outline")
        table_leaves_on_tab(self.est, _("EST reports of the period"))
        self.est_summary = QLabel()
        self.est_summary.setWordWrap(True)

        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(_("Parts of the situation picture"))
        self.tabs.addTab(scroll, _("Details and analysis"))
        self.tabs.addTab(_page(_bar(self.new_source_button, self.edit_source_button, self.delete_source_button),
                               self.sources), _("Sources"))
        self.tabs.addTab(_page(_bar(self.new_finding_button, self.edit_finding_button, self.create_measure_button,
                                    self.open_measure_button, self.delete_finding_button), self.findings,
                               self.finding_text), _("Findings"))
        self.tabs.addTab(_page(_bar(), self.est_summary, self.est), _("EST reports"))
        self.set_detail(self.detail_column(self.heading, self.tabs, stretch=self.tabs), sizes=(50, 150))

    @property
    def picture_id(self) -> int | None:
        return self.record_id

    # -- loading

    def forms(self) -> list[FormSection]:
        return [self.form]

    def refresh(self) -> None:
        rows = svc.picture_rows(self.ctx.db)
        self.list.set_rows([{"id": r.id, "title": r.title, "findings": r.findings,
                             "period": f"{r.period_from.year}–{r.period_to.year}" if r.period_from.year
                             != r.period_to.year else str(r.period_from.year)} for r in rows])
        writable = not self.ctx.db.read_only
        self.new_button.setEnabled(writable)
        self.delete_button.setEnabled(bool(rows) and writable)
        self.load_record(self.list.current_id())

    def load_record(self, ident: Any) -> None:
        self.record_id = ident
        shown = ident is not None
        self.show_chosen(shown, self.heading, self.tabs)
        if not shown:
            self.detail = None
            return
        detail = svc.picture_detail(self.ctx.db, ident, self.ctx.today())
        self.detail = detail
        p = detail.picture
        self.heading.setText(_("{title}, {start} – {end}").format(title=p.title, start=date_long(p.period_from),
                                                                 end=date_long(p.period_to)))
        self.form.set_values({"title": p.title, "period_from": p.period_from, "period_to": p.period_to,
                              "decided_on": p.decided_on, "analysis": p.analysis}, record=ident,
                             table="situation_picture", version=p.version)
        writable = not self.ctx.db.read_only
        self.form.set_read_only(not writable)
        self.sources.set_rows([{"id": s.id, "kind": s.kind.label, "owner": s.owner, "dated": s.dated,
                                "note": s.note} for s in detail.sources])
        self.findings.set_rows([{"id": f.id, "number": f.number, "title": f.title, "severity": f.severity.label,
                                 "area": f.area, "focus_areas": ", ".join(label for _i, label in f.focus_areas),
                                 "measures": measures_text(f)} for f in detail.findings])
        self.est.set_rows([{"id": e.id, "reported_on": e.reported_on, "kind": e.kind.label, "place": e.place,
                            "reporter": e.reporter, "measure": e.measure} for e in detail.est])
        summary = svc.summarise(p.period_from, p.period_to, [(e.kind, e.place) for e in detail.est])
        self.est_summary.setText(_("{n} EST reports in the period. Most common: {kinds}.").format(
            n=summary.total, kinds=", ".join(f"{k.label.lower()} {n}" for k, n in summary.by_kind[:3]) or "–"))
        self.tabs.setTabText(1, _("Sources ({n})").format(n=len(detail.sources)))
        self.tabs.setTabText(2, _("Findings ({n})").format(n=len(detail.findings)))
        self.tabs.setTabText(3, _("EST reports ({n})").format(n=len(detail.est)))
        for b in (self.new_source_button, self.new_finding_button):
            b.setEnabled(writable)
        has_sources, has_findings = bool(detail.sources), bool(detail.findings)
        self.edit_source_button.setEnabled(writable and has_sources)
        self.delete_source_button.setEnabled(writable and has_sources)
        self.edit_finding_button.setEnabled(writable and has_findings)
        self.delete_finding_button.setEnabled(writable and has_findings)
        self._show_finding(self.findings.current_id())

    def _finding(self) -> svc.FindingRow | None:
        ident = self.findings.current_id()
        if self.detail is None or ident is None:
            return None
        return next((f for f in self.detail.findings if f.id == ident), None)

    def _show_finding(self, _ident: Any = None) -> None:
        row = self._finding()
        self.open_measure_button.setEnabled(bool(row and row.measures))
        self.create_measure_button.setEnabled(row is not None and not self.ctx.db.read_only)
        if row is None:
            self.finding_text.setText("")
            return
        heading = _("Finding {number}").format(number=row.number)
        lines = [f"<b>{heading}:</b> {row.description}"]
        for m in row.measures:
            lines.append(_("Measure {ref} “{title}”: {status}, responsible {who}").format(
                ref=m.ref, title=m.title, status=status_text(m), who=m.responsible or _("not named")))
        if not row.measures:
            lines.append(_("No measure answers this finding yet."))
        self.finding_text.setText("<br>".join(lines))

    # -- editing the picture

    def _save(self, name: str, value: Any) -> bool:
        if self.picture_id is None:
            return False
        return ops.update_picture(self.ctx, self.picture_id, {name: value}, self.form.caption(name).lower(),
                                  self.form, name)

    def new_picture(self) -> None:
        if not unsaved.leave_ok(self, [self.form]):
            return
        dialog = dialogs.picture_dialog(lambda values, form: ops.create_picture(self.ctx, values, form),
                                        self.ctx.today(), self.window())
        if run(dialog) and dialog.result_record is not None:
            self.select(dialog.result_record.id)

    def select(self, picture_id: int) -> bool:
        return self.list.select_id(picture_id)

    def delete_picture(self) -> None:
        if self.detail is not None:
            ops.delete_picture(self.ctx, self.detail.picture.id, self.detail.picture.title)

    # -- sources

    def new_source(self) -> None:
        if self.picture_id is None:
            return
        picture_id = self.picture_id
        dialog = dialogs.source_dialog(lambda values, form: ops.add_source(self.ctx, picture_id, values, form),
                                       self.window())
        run(dialog)

    def edit_source(self) -> None:
        ident = self.sources.current_id()
        source = next((s for s in self.detail.sources if s.id == ident), None) if self.detail else None
        if source is None or self.ctx.db.read_only:
            return

        def save(values: dict[str, Any], form: FormSection) -> Any:
            return True if ops.update_source(self.ctx, source.id, values, form, version=source.version) else None

        dialog = dialogs.source_dialog(save, self.window(), title=_("Edit source"), values={
            "kind": source.kind, "owner": source.owner, "dated": source.dated, "note": source.note})
        run(dialog)

    def delete_source(self) -> None:
        ident = self.sources.current_id()
        source = next((s for s in self.detail.sources if s.id == ident), None) if self.detail else None
        if source is not None:
            ops.delete_source(self.ctx, source.id, version=source.version)

    # -- findings

    def _finding_dialog(self, save: dialogs.Save, **kw: Any) -> dialogs.FormDialog:
        from tryggapp.services import measures

        today = self.ctx.today()
        est = [(e.id, f"{e.reported_on.isoformat()} {e.kind.label}, {e.place}")
               for e in (self.detail.est if self.detail else ())]
        return dialogs.finding_dialog(save, focus_areas=measures.choices(self.ctx.db).focus_areas,
                                      measures=svc.measure_choices(self.ctx.db, today), est=est,
                                      parent=self.window(), **kw)

    def new_finding(self) -> None:
        if self.picture_id is None:
            return
        picture_id = self.picture_id
        dialog = self._finding_dialog(lambda values, form: ops.create_finding(self.ctx, picture_id, values, form))
        if run(dialog) and dialog.result_record is not None:
            self.findings.select_id(dialog.result_record.id)

    def edit_finding(self) -> None:
        row = self._finding()
        if row is None or self.ctx.db.read_only:
            return

        def save(values: dict[str, Any], form: FormSection) -> Any:
            return True if ops.update_finding(self.ctx, row.id, row.number, values, form,
                                              version=row.version) else None

        dialog = self._finding_dialog(save, title=_("Edit finding {number}").format(number=row.number), values={
            "title": row.title, "priority": row.severity, "area": row.area, "description": row.description,
            "focus_area_ids": [i for i, _l in row.focus_areas], "measure_ids": list(row.linked_measure_ids),
            "est_ids": list(row.est_ids)})
        run(dialog)

    def delete_finding(self) -> None:
        row = self._finding()
        if row is not None:
            ops.delete_finding(self.ctx, row.id, row.number, version=row.version)

    def select_finding(self, finding_id: int) -> bool:
        self.tabs.setCurrentIndex(2)
        return self.findings.select_id(finding_id)

    def create_measure(self) -> Any:
        """"Skapa åtgärd…": the EST intake's measure dialog, proposed from the finding; the
        measure has the finding as its origin, so it answers it. One undo step."""
        row = self._finding()
        if row is None or self.ctx.db.read_only:
            return None
        proposal = svc.finding_measure_proposal(self.ctx.db, row.id, self.ctx.today())

        def save(values: dict[str, Any], form: FormSection) -> Any:
            year = values.pop("year", None) or proposal["year"]
            return ops.measure_from_finding(self.ctx, row.id, row.number, values, year, form)

        intro = _("Finding {number}, “{title}”. The measure is added to the action plan and answers the "
                  "finding.").format(number=row.number, title=row.title)
        dialog = walk_dialogs.measure_dialog(
            self.ctx.db, save, title=proposal["title"], description=proposal["description"], year=proposal["year"],
            deadline=proposal["deadline"], organisation_id=None, intro=intro, parent=self.window())
        dialog.form.fields["focus_area_id"].set_value(proposal["focus_area_id"])  # type: ignore[attr-defined]
        run(dialog)
        return dialog.result_record

    def open_measure(self) -> None:
        row = self._finding()
        if row is not None and row.measures:
            self.ctx.navigate("plan", "measure", row.measures[0].id)
