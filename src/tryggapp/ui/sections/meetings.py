"""Möten: the meetings of every group and their minutes in the usual Swedish form
(read-only here; the minutes editor comes with the meetings issue)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from tryggapp.formatting import date_long
from tryggapp.i18n import _
from tryggapp.services import lists
from tryggapp.ui.context import AppContext
from tryggapp.ui.sections import _detail as h
from tryggapp.ui.sections.base import Section
from tryggapp.ui.table import Column, TablePane


def minutes_html(doc: dict) -> str:
    m, g, minutes = doc["meeting"], doc["group"], doc["minutes"]
    when = date_long(m.date)
    if m.start_time:
        when += " " + _("at {time}").format(time=m.start_time.strftime("%H.%M"))
        if m.end_time:
            when += "–" + m.end_time.strftime("%H.%M")
    from tryggapp.domain import Attendance

    att = doc["attendance"]
    items = doc["items"]
    names = doc["names"]
    parts = [f"<p style='color:#555'>{h.esc(g.name)}</p>", h.heading(_("Minutes") if minutes else _("Meeting"))]
    pairs = [(_("Place and time"), f"{m.place}, {when}" if m.place else when),
             (_("Decision makers"), ", ".join(att.get(Attendance.PRESENT, []))),
             (_("Others present"), ", ".join(att.get(Attendance.OTHER_PRESENT, []))),
             (_("Co-opted"), ", ".join(att.get(Attendance.CO_OPTED, []))),
             (_("Apologies"), ", ".join(att.get(Attendance.ABSENT, [])))]
    if minutes is not None:
        pairs.append((_("Adjuster"), names.get(minutes.adjuster_id, "")))
        if minutes.adjusted_on:
            pairs.append((_("Place and time of adjustment"),
                          f"{minutes.adjustment_place}, {date_long(minutes.adjusted_on)}".strip(", ")))
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
        if minutes.posted_from:
            parts.append(h.facts([(_("Posted"), f"{minutes.posted_from} – {minutes.posted_to or ''}"),
                                  (_("Kept at"), minutes.kept_at)]))
    return "".join(parts)


class MeetingsSection(Section):
    key = "meetings"
    watched = frozenset({"meeting", "minutes", "minutes_item", "meeting_attendance", "work_group"})
    icon = "mdi6.calendar-account-outline"

    @classmethod
    def title(cls) -> str:
        return _("Meetings")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.table = TablePane([
            Column("date", lambda: _("Date"), 95),
            Column("time", lambda: _("Time"), 55),
            Column("group", lambda: _("Group"), 250),
            Column("status", lambda: _("Status"), 90),
            Column("paragraphs", lambda: _("Paragraphs"), 90),
            Column("place", lambda: _("Place"), 140, stretch=True),
        ], sort=("date", Qt.SortOrder.DescendingOrder),
            empty_text=lambda: _("Meetings of the groups under Organisation will be listed here, with their minutes."),
            empty_icon="mdi6.calendar-blank-outline", empty_title=lambda: _("No meetings yet"))
        self.detail = h.browser(self)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(self.table)
        split.addWidget(self.detail)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([700, 480])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(split)
        self.table.current_changed.connect(self._show)
        self.reload_on_change()

    def refresh(self) -> None:
        self.table.set_rows(lists.meetings(self.ctx.db, self.ctx.today()))

    def _show(self, meeting_id: int | None) -> None:
        doc = lists.minutes_document(self.ctx.db, meeting_id) if meeting_id is not None else None
        self.detail.setHtml(minutes_html(doc) if doc else "")

    def focus_target(self) -> QWidget | None:
        return self.table.focus_target()

    def open_record(self, table: str, record_id: int) -> bool:
        if table == "meeting":
            return self.table.select_id(record_id)
        if table == "minutes_item":
            from tryggapp import domain as d
            from tryggapp.services import crud

            item = crud.get(self.ctx.db, d.MinutesItem, record_id)
            minutes = crud.get(self.ctx.db, d.Minutes, item.minutes_id)
            return self.table.select_id(minutes.meeting_id)
        return False
