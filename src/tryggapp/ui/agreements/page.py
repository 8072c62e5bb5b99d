"""Medborgarlöften and samverkansöverenskommelser: the list of agreements with the police,
the chosen one's facts, its undertakings (åtaganden) with their status and latest
follow-up, and the chosen undertaking's follow-ups and linked measures.

One widget (`AgreementsPage`), shown in a tab of the Lägesbild section; every edit goes
through ui.agreements.ops (undoable) and the page refreshes when the section's tables
change."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QLabel, QSplitter, QVBoxLayout, QWidget

from tryggapp.formatting import date_long, date_short
from tryggapp.i18n import _
from tryggapp.services import agreements as svc
from tryggapp.ui.agreements import dialogs, ops
from tryggapp.ui.context import AppContext
from tryggapp.ui.sections import _detail as h
from tryggapp.ui.table import Column, TablePane
from tryggapp.ui.walks.common import button, table_leaves_on_tab
from tryggapp.ui.walks.dialogs import run
from tryggapp.ui.widgets import style

# Tables whose change shows here (the section watches them).
WATCHED = frozenset(svc.TABLES | {"organisation", "measure", "measure_status_change", "action_plan"})


def _key(table: str, ident: int) -> str:
    return f"{table}:{ident}"


def _period(row: svc.AgreementRow) -> str:
    """"2026", "2025–2027", or the dates when the period is not whole years."""
    a, b = row.period_from, row.period_to
    if (a.month, a.day, b.month, b.day) == (1, 1, 12, 31):
        return str(a.year) if a.year == b.year else f"{a.year}–{b.year}"
    return f"{date_short(a)} – {date_short(b)}"


def _wrapping(pane: TablePane) -> None:
    """Rows as tall as their text: an undertaking or a note is a sentence or two."""
    pane.view.setWordWrap(True)
    pane.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    style.set_point_size(label, 1.15, bold=True)
    return label


class AgreementsPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.rows: dict[str, svc.AgreementRow] = {}
        self.current: svc.AgreementRow | None = None
        self._sized = False

        self.list = TablePane([
            Column("title", lambda: _("Title"), 150, stretch=True),
            Column("period", lambda: _("Period"), 80),
            Column("summary", lambda: _("Undertakings"), 120),
        ], lambda: _("Citizen promises and cooperation agreements are the joint commitments with the police "
                     "for a period: add one, then its undertakings, and follow each up."),
            empty_icon="mdi6.handshake-outline", empty_title=lambda: _("No citizen promises or agreements yet"))
        table_leaves_on_tab(self.list, _("Citizen promises and agreements"))
        self.list.empty.set_action(_("New citizen promise"))
        for label in (self.list.empty.title_label, self.list.empty.text_label):
            label.setMinimumWidth(260)  # the list is the narrow part of the page
        self.list.empty.action_triggered.connect(lambda: self.new_agreement(svc.PROMISE))
        self.list.current_changed.connect(self._chosen)
        self.list.activated.connect(lambda _ident: self.edit_agreement())
        self.new_promise_button = button("mdi6.plus", _("New citizen promise…"))
        self.new_promise_button.clicked.connect(lambda: self.new_agreement(svc.PROMISE))
        self.new_agreement_button = button("mdi6.plus", _("New agreement…"))
        self.new_agreement_button.clicked.connect(lambda: self.new_agreement(svc.AGREEMENT))
        self.edit_button = button("mdi6.pencil-outline", _("Edit…"), _("Edit the citizen promise or agreement"))
        self.edit_button.clicked.connect(self.edit_agreement)
        self.delete_button = button("mdi6.delete-outline", _("Delete"), _("Delete the citizen promise or agreement"))
        self.delete_button.clicked.connect(self.delete_agreement)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(self._bar(self.new_promise_button, self.new_agreement_button))
        left_layout.addWidget(self.list, 1)
        left_layout.addLayout(self._bar(self.edit_button, self.delete_button))

        self.facts = h.browser(self, _("The chosen citizen promise or agreement"))
        self.undertakings = TablePane([
            Column("number", lambda: _("No."), 40, align_right=True),
            Column("text", lambda: _("Undertaking"), 180, stretch=True),
            Column("party", lambda: _("Who"), 110),
            Column("status", lambda: _("Status"), 80),
            Column("latest", lambda: _("Latest follow-up"), 170, stretch=True),
            Column("measures", lambda: _("Measures"), 100),
        ], lambda: _("No undertakings yet: add what each party undertakes to do."), searchable=False,
            empty_icon="mdi6.format-list-checks")
        table_leaves_on_tab(self.undertakings, _("Undertakings"))
        _wrapping(self.undertakings)
        self.undertakings.current_changed.connect(lambda _ident: self._show_undertaking())
        self.undertakings.activated.connect(lambda _ident: self.follow_up())
        self.add_button = button("mdi6.plus", _("Add undertaking…"))
        self.add_button.clicked.connect(self.add_undertaking)
        self.edit_u_button = button("mdi6.pencil-outline", _("Edit undertaking…"))
        self.edit_u_button.clicked.connect(self.edit_undertaking)
        self.follow_button = button("mdi6.note-plus-outline", _("Follow up…"))
        self.follow_button.clicked.connect(self.follow_up)
        self.delete_u_button = button("mdi6.delete-outline", _("Delete undertaking"))
        self.delete_u_button.clicked.connect(self.delete_undertaking)
        middle = QWidget()
        middle_layout = QVBoxLayout(middle)
        middle_layout.setContentsMargins(0, 0, 0, 0)
        middle_layout.addWidget(_heading(_("Undertakings")))
        middle_layout.addLayout(self._bar(self.add_button, self.edit_u_button, self.follow_button,
                                          self.delete_u_button))
        middle_layout.addWidget(self.undertakings, 1)

        self.notes = TablePane([
            Column("noted_on", lambda: _("Date"), 85),
            Column("status", lambda: _("Status"), 80),
            Column("text", lambda: _("Follow-up"), 180, stretch=True),
            Column("author", lambda: _("By"), 100),
        ], lambda: _("Not followed up yet: use “Follow up…”."), searchable=False,
            empty_icon="mdi6.note-off-outline")
        table_leaves_on_tab(self.notes, _("Follow-ups of the undertaking"))
        _wrapping(self.notes)
        self.delete_note_button = button("mdi6.delete-outline", _("Delete follow-up"))
        self.delete_note_button.clicked.connect(self.delete_note)
        self.measures = h.browser(self, _("Measures of the undertaking"))
        # A measure's link opens it in the action plan.
        self.measures.anchorClicked.connect(lambda url: self.ctx.navigate("plan", "measure", int(url.path())))
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        self.lower_heading = _heading(_("Follow-ups and measures"))
        lower_layout.addWidget(self.lower_heading)
        lower_layout.addLayout(self._bar(self.delete_note_button))
        both = QSplitter(Qt.Orientation.Horizontal)
        both.addWidget(self.notes)
        both.addWidget(self.measures)
        both.setStretchFactor(0, 3)
        both.setStretchFactor(1, 2)
        lower_layout.addWidget(both, 1)

        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.facts)
        right.addWidget(middle)
        right.addWidget(lower)
        right.setStretchFactor(0, 2)
        right.setStretchFactor(1, 3)
        right.setStretchFactor(2, 2)
        right.setChildrenCollapsible(False)
        right.setSizes([190, 330, 250])
        self.split = QSplitter(Qt.Orientation.Horizontal)
        self.split.addWidget(left)
        self.split.addWidget(right)
        self.split.setStretchFactor(0, 2)
        self.split.setStretchFactor(1, 3)
        self.split.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.split)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        width = event.size().width()
        if not self._sized and self.isVisible() and width > 200:  # the list a third, the agreement the rest
            self._sized = True
            self.split.setSizes([width * 3 // 10, width - width * 3 // 10])

    @staticmethod
    def _bar(*buttons: QWidget) -> QHBoxLayout:
        bar = QHBoxLayout()
        for b in buttons:
            bar.addWidget(b)
        bar.addStretch(1)
        return bar

    # -- reading

    def refresh(self) -> None:
        rows = svc.agreements(self.ctx.db, self.ctx.today())
        self.rows = {_key(*r.key): r for r in rows}
        self.list.set_rows([{"id": k, "title": r.title, "period": _period(r), "summary": r.summary}
                            for k, r in self.rows.items()])
        self._show(self.list.current_id())

    def _chosen(self, ident: Any) -> None:
        self._show(ident)

    def _show(self, ident: Any) -> None:
        row = self.rows.get(ident) if ident is not None else None
        self.current = row
        writable = not self.ctx.db.read_only
        self.new_promise_button.setEnabled(writable)
        self.new_agreement_button.setEnabled(writable)
        for b in (self.edit_button, self.delete_button, self.add_button):
            b.setEnabled(row is not None and writable)
        if row is None:
            self.facts.setHtml(h.paragraph(_("Citizen promises and agreements"), _(
                "Choose a citizen promise or agreement in the list, or add one.")))
            self.undertakings.set_rows([])
            self._show_undertaking()
            return
        self.facts.setHtml(h.heading(row.title) + h.facts([
            (_("Kind"), row.kind),
            (_("Period"), f"{date_long(row.period_from)} – {date_long(row.period_to)}"),
            (_("Status"), row.status.label),
            (_("Signed"), date_long(row.signed_on) if row.signed_on else ""),
            (_("Parties"), row.party_names),
            (_("Local police area"), row.police_area),
            (_("Undertakings"), row.summary),
        ]) + h.paragraph(_("Description"), row.description) + h.paragraph(_("How it is followed up"), row.follow_up))
        self.undertakings.set_rows([{
            "id": u.id, "number": u.number, "text": u.text, "party": u.party, "status": u.status.label,
            "latest": (f"{date_short(u.latest_note.noted_on)}: {u.latest_note.text}" if u.latest_note else ""),
            "measures": ", ".join(m.ref for m in u.measures),  # with their status below
        } for u in row.undertakings])
        self._show_undertaking()

    def undertaking(self) -> svc.UndertakingRow | None:
        ident = self.undertakings.current_id()
        if self.current is None or ident is None:
            return None
        return next((u for u in self.current.undertakings if u.id == ident), None)

    def _show_undertaking(self) -> None:
        u = self.undertaking()
        writable = not self.ctx.db.read_only
        for b in (self.edit_u_button, self.follow_button, self.delete_u_button):
            b.setEnabled(u is not None and writable)
        if u is None:
            self.lower_heading.setText(_("Follow-ups and measures"))
            self.notes.set_rows([])
            self.measures.clear()
            self.delete_note_button.setEnabled(False)
            return
        self.lower_heading.setText(_("Follow-ups and measures of undertaking {number}").format(number=u.number))
        self.notes.set_rows([{"id": n.id, "noted_on": n.noted_on, "status": n.status.label, "text": n.text,
                              "author": n.author} for n in u.notes])
        self.delete_note_button.setEnabled(bool(u.notes) and writable)
        if u.measures:
            items = "".join(f"<li><a href='measure:{m.id}'><b>{h.esc(m.ref)}</b> {h.esc(m.title)}</a>"
                            f" – {h.esc(m.status_text)}</li>" for m in u.measures)
            self.measures.setHtml("<h3>" + h.esc(_("Measures")) + f"</h3><ul>{items}</ul>")
        else:
            self.measures.setHtml(h.paragraph(_("Measures"), _("No measure of the action plan is linked yet.")))

    # -- agreements

    def new_agreement(self, table: str) -> None:
        made = self._agreement_dialog(table, None)
        if made is not None:
            self.list.select_id(_key(table, made.id))

    def edit_agreement(self) -> None:
        if self.current is not None and not self.ctx.db.read_only:
            self._agreement_dialog(self.current.table, self.current)

    def _agreement_dialog(self, table: str, row: svc.AgreementRow | None) -> Any:
        def save(values: dict[str, Any], form: Any) -> Any:
            if row is None:
                return ops.create_agreement(self.ctx, table, values, form)
            return row if ops.update_agreement(self.ctx, table, row.id, values, form) else None

        dialog = dialogs.agreement_dialog(table, save, svc.organisation_choices(self.ctx.db), row, self.ctx.today(),
                                          self.window())
        return dialog.result_record if run(dialog) else None

    def delete_agreement(self) -> None:
        if self.current is not None:
            ops.delete_agreement(self.ctx, self.current.table, self.current.id, self.current.title)

    # -- undertakings

    def add_undertaking(self) -> None:
        row = self.current
        if row is None:
            return
        dialog = dialogs.undertaking_dialog(
            lambda values, form: ops.create_undertaking(self.ctx, row.table, row.id, values, form),
            row.parties, svc.organisation_choices(self.ctx.db), svc.measure_choices(self.ctx.db), None, self.window(),
            today=self.ctx.today())
        if run(dialog) and dialog.result_record is not None:
            self.undertakings.select_id(dialog.result_record.id)

    def edit_undertaking(self) -> None:
        row, u = self.current, self.undertaking()
        if row is None or u is None:
            return
        dialog = dialogs.undertaking_dialog(
            lambda values, form: u if ops.update_undertaking(self.ctx, u.id, u.number, values, form,
                                                             version=u.version) else None,
            row.parties, svc.organisation_choices(self.ctx.db), svc.measure_choices(self.ctx.db), u, self.window(),
            today=self.ctx.today())
        run(dialog)

    def delete_undertaking(self) -> None:
        u = self.undertaking()
        if u is not None:
            ops.delete_undertaking(self.ctx, u.id, u.number, version=u.version)

    def follow_up(self) -> None:
        u = self.undertaking()
        if u is None or self.ctx.db.read_only:
            return
        dialog = dialogs.note_dialog(lambda values, form: ops.add_note(self.ctx, u.id, u.number, values, form),
                                     u.number, u.status, self.ctx.today(), self._author(), self.window())
        run(dialog)

    def _author(self) -> str:
        from tryggapp import domain as d
        from tryggapp.services import crud

        muni = crud.list_all(self.ctx.db, d.Municipality)
        return muni[0].coordinator_name if muni else ""

    def delete_note(self) -> None:
        u = self.undertaking()
        ident = self.notes.current_id()
        if u is not None and ident is not None:
            note = next((n for n in u.notes if n.id == ident), None)
            ops.delete_note(self.ctx, ident, u.number, version=note.version if note is not None else None)

    # -- navigation

    def focus_target(self) -> QWidget | None:
        return self.list.focus_target()

    def select(self, table: str, ident: int) -> bool:
        return self.list.select_id(_key(table, ident))
