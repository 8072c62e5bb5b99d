"""Översikt, the start page: what needs the coordinator's attention today. Headline
figures of this year's action plan, then calm lists — late measures, deadlines and
meetings in the next 30 days, groups behind their meeting cadence, observations nobody
has answered — each row opening the record it names."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from tryggapp.domain import rules
from tryggapp.domain.enums import MeasureStatus, Priority
from tryggapp.formatting import date_long, date_short
from tryggapp.i18n import _, ngettext
from tryggapp.services import dashboard, getting_started
from tryggapp.ui.context import AppContext
from tryggapp.ui.plan import LATE_OF_YEAR, PLAN_OF_YEAR
from tryggapp.ui.sections.base import Section
from tryggapp.ui.sections.checklist import ChecklistCard
from tryggapp.ui.widgets import (
    Card,
    EmptyState,
    PageHeader,
    RecordItem,
    RecordList,
    StatTile,
    style,
)

# Which section opens which table. Groups live in the organisation view (it holds their
# mandate, members and cadence); their meetings in the meetings view.
SECTION_FOR_TABLE = {
    "measure": "plan",
    "meeting": "meetings",
    "work_group": "organisation",
    "observation": "walks",
    "focus_area": "programme",
    "goal": "programme",
}

WATCHED = {"measure", "action_plan", "meeting", "work_group", "observation", "safety_walk", "person",
           "organisation", "focus_area", "programme", "municipality"}

STATUS_ICONS = {
    MeasureStatus.NOT_STARTED: "mdi6.circle-outline",
    MeasureStatus.ONGOING: "mdi6.progress-clock",
    MeasureStatus.DONE: "mdi6.check-circle-outline",
    MeasureStatus.PAUSED: "mdi6.pause-circle-outline",
    MeasureStatus.CANCELLED: "mdi6.cancel",
}


def days_late(deadline: dt.date, today: dt.date) -> str:
    n = (today - deadline).days
    return ngettext("{n} day late", "{n} days late", n).format(n=n)


def days_until(day: dt.date, today: dt.date) -> str:
    n = (day - today).days
    if n == 0:
        return _("today")
    if n == 1:
        return _("tomorrow")
    return ngettext("in {n} day", "in {n} days", n).format(n=n)


class _ListCard(Card):
    """A card with a record list and the empty state shown instead when it has no rows."""

    def __init__(self, title: str, icon: str, tone: str, empty_title: str, empty_text: str,
                 empty_action: str = "") -> None:
        super().__init__(title, icon, tone=tone)
        self.list = RecordList(max_visible_rows=6)
        self.list.setAccessibleName(title)
        self.empty = EmptyState(icon, empty_title, empty_text, empty_action, compact=True)
        self.add_widget(self.list)
        self.add_widget(self.empty)
        # Cards side by side share their row's height; the spare room goes below the list.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.layout().addStretch(1)

    def set_empty(self, title: str, text: str) -> None:
        """What the empty state says: 'all is well' only when there is something to be well."""
        self.empty.title_label.setText(title)
        self.empty.text_label.setText(text)
        self.empty.text_label.setVisible(bool(text))

    def set_items(self, items: list[RecordItem], *, emphasise: bool = True) -> None:
        self.list.set_items(items)
        self.list.setVisible(bool(items))
        self.empty.setVisible(not items)
        self.set_count(len(items), emphasise=emphasise and bool(items))


class OverviewSection(Section):
    key = "overview"
    watched = frozenset(WATCHED)
    icon = "mdi6.view-dashboard-outline"

    @classmethod
    def title(cls) -> str:
        return _("Overview")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._loaded = False
        self.data: dashboard.Overview | None = None

        scroll = QScrollArea(self)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # a container: Tab goes to the tiles and lists in it
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        canvas = QWidget()
        canvas.setObjectName("OverviewCanvas")
        canvas.setStyleSheet(f"#OverviewCanvas {{ background: {style.BACKGROUND}; }}")
        body = QVBoxLayout(canvas)
        body.setContentsMargins(20, 16, 20, 20)
        body.setSpacing(14)
        scroll.setWidget(canvas)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

        self.header = PageHeader("")
        body.addWidget(self.header)
        # A new database: what is still missing, each step a button that goes there.
        self.checklist = ChecklistCard(lambda *target: self.ctx.navigate(*target))
        body.addWidget(self.checklist)

        tiles = QHBoxLayout()
        tiles.setSpacing(10)
        # One tile per status key, in the order every list and report uses; the late
        # tile replaces an open status, so the tiles add up to the plan's measures.
        self.late_tile = StatTile(_("Late"), "mdi6.clock-alert-outline", tone="danger")
        self.late_tile.setToolTip(_("Open the action plan, showing its late measures"))
        self.late_tile.clicked.connect(lambda: self._open_plan(LATE_OF_YEAR))
        self.status_tiles = {MeasureStatus(key): StatTile(MeasureStatus(key).label, STATUS_ICONS[MeasureStatus(key)])
                             for key in rules.STATUS_ORDER if key != rules.LATE}
        for tile in self.status_tiles.values():
            tile.clicked.connect(lambda: self._open_plan(PLAN_OF_YEAR))
            tile.setToolTip(_("Open the action plan"))
        for key in rules.STATUS_ORDER:
            tiles.addWidget(self.late_tile if key == rules.LATE else self.status_tiles[MeasureStatus(key)])
        body.addLayout(tiles)

        self.late = _ListCard(_("Late measures"), "mdi6.clock-alert-outline", "danger",
                              _("No late measures"),
                              _("Every measure whose deadline has passed is completed or closed."))
        self.due = _ListCard(_("Deadlines in the next 30 days"), "mdi6.calendar-clock", "warning",
                             _("No deadlines in the next 30 days"),
                             _("Check in the action plan that every open measure has a deadline."),
                             _("Open the action plan"))
        self.due.empty.action_triggered.connect(lambda: self.ctx.navigate("plan", None, None))
        self.meetings = _ListCard(_("Upcoming meetings"), "mdi6.calendar-month-outline", "accent",
                                  _("No meetings in the next 30 days"),
                                  _("Book the groups' next meetings so the cadence holds."),
                                  _("Open meetings"))
        self.meetings.empty.action_triggered.connect(lambda: self.ctx.navigate("meetings", None, None))
        self.groups = _ListCard(_("Groups behind their meeting cadence"), "mdi6.account-group-outline", "warning",
                                _("Every group keeps its meeting cadence"),
                                _("Meetings held this year match what each group's mandate asks for so far."))
        self.observations = _ListCard(_("Observations without a measure"), "mdi6.map-marker-alert-outline",
                                      "warning", _("Every observation has been answered"),
                                      _("Each problem seen on a safety walk has a measure or a written reason "
                                        "why nothing will be done."))
        grid = QGridLayout()
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(14)
        grid.addWidget(self.late, 0, 0)
        grid.addWidget(self.due, 0, 1)
        grid.addWidget(self.meetings, 1, 0)
        grid.addWidget(self.groups, 1, 1)
        grid.addWidget(self.observations, 2, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        for row in range(3):
            grid.setRowStretch(row, 0)
        for card in self.cards():
            card.list.record_activated.connect(self.open_row)
        body.addLayout(grid)
        body.addStretch(1)
        # Tab follows the page as it is read: the tiles left to right, then the lists.
        order = [self.late_tile if key == rules.LATE else self.status_tiles[MeasureStatus(key)]
                 for key in rules.STATUS_ORDER] + [card.list for card in self.cards()]
        for first, second in zip(order, order[1:], strict=False):
            QWidget.setTabOrder(first, second)
        self.reload_on_change()

    def cards(self) -> list[_ListCard]:
        return [self.late, self.due, self.meetings, self.groups, self.observations]

    # -- loading -----------------------------------------------------------------------

    def refresh(self) -> None:
        self._loaded = True
        today = self.ctx.today()
        data = self.data = dashboard.overview(self.ctx.db, today)
        if data.plan_year is None:
            subtitle = _("No action plan yet: create it under Action plan.")
        else:
            subtitle = _("Action plan {year}: {count} measures").format(year=data.plan_year, count=data.measure_total)
        self.header.set_text(_("Today, {date}").format(date=date_long(today)), subtitle)
        self.late_tile.set_value(data.late_count, emphasise=data.late_count > 0)
        for status, tile in self.status_tiles.items():
            tile.set_value(data.status_counts.get(status.value, 0))
        self.late.set_items([self._measure_item(r, today, late=True) for r in data.late])
        self.due.set_items([self._measure_item(r, today, late=False) for r in data.due_soon],
                           emphasise=False)
        self.meetings.set_items([self._meeting_item(r, today) for r in data.meetings], emphasise=False)
        self.groups.set_items([self._group_item(r) for r in data.groups_behind])
        self.observations.set_items([self._observation_item(r) for r in data.observations_without_measure])
        self._say_what_is_missing(getting_started.progress(self.ctx.db), data)

    def _say_what_is_missing(self, progress: getting_started.Progress, data: dashboard.Overview) -> None:
        """An empty start page says what is missing, never that all is well when there is
        nothing to be well (no measures, groups or walks yet)."""
        self.checklist.set_progress(progress)
        if data.plan_year is None or data.measure_total == 0:
            self.late.set_empty(_("No measures yet"), _("Late measures are listed here once the action plan "
                                                        "has measures with deadlines."))
            self.due.set_empty(_("No measures yet"), _("Deadlines in the next 30 days are listed here."))
        else:
            self.late.set_empty(_("No late measures"),
                                _("Every measure whose deadline has passed is completed or closed."))
            self.due.set_empty(_("No deadlines in the next 30 days"),
                               _("Check in the action plan that every open measure has a deadline."))
        if progress.groups == 0:
            self.groups.set_empty(_("No groups with a meeting cadence yet"),
                                  _("Add the groups (styrgrupp, samordningsgrupp, BRÅ) under Organisation with "
                                    "how many meetings a year each should hold; groups behind are listed here."))
        else:
            self.groups.set_empty(_("Every group keeps its meeting cadence"),
                                  _("Meetings held this year match what each group's mandate asks for so far."))
        if progress.observations == 0:
            self.observations.set_empty(_("No safety walks recorded yet"),
                                        _("Problems seen on a safety walk that have no measure yet are listed "
                                          "here."))
        else:
            self.observations.set_empty(_("Every observation has been answered"),
                                        _("Each problem seen on a safety walk has a measure or a written reason "
                                          "why nothing will be done."))

    def _measure_item(self, r: dashboard.MeasureRow, today: dt.date, *, late: bool) -> RecordItem:
        parts = [x for x in (r.responsible, r.focus_area, r.status.label) if x]
        if self.data is not None and r.plan_year != self.data.plan_year:
            parts.append(_("Action plan {year}").format(year=r.plan_year))
        assert r.deadline is not None
        if late:
            trailing, tone, icon = days_late(r.deadline, today), "danger", "mdi6.clock-alert-outline"
        else:
            soon = (r.deadline - today).days <= 7
            trailing, tone, icon = days_until(r.deadline, today), "warning" if soon else "", "mdi6.calendar-clock"
        return RecordItem("measure", r.id, f"{r.number}. {r.title}", " · ".join(parts), trailing, icon, tone)

    @staticmethod
    def _meeting_item(r: dashboard.MeetingRow, today: dt.date) -> RecordItem:
        when = date_long(r.date) + (f", {r.start_time.strftime('%H:%M')}" if r.start_time else "")
        subtitle = " · ".join(x for x in (when, r.place) if x)
        return RecordItem("meeting", r.id, r.group, subtitle, days_until(r.date, today),
                          "mdi6.calendar-month-outline", "accent" if r.date == today else "")

    @staticmethod
    def _group_item(r: dashboard.GroupRow) -> RecordItem:
        held = ngettext("{held} of {required} meeting held so far this year",
                        "{held} of {required} meetings held so far this year", r.required).format(
            held=r.held, required=r.required)
        last = _("last {date}").format(date=date_short(r.last_meeting)) if r.last_meeting else _("no meeting yet")
        return RecordItem("work_group", r.id, r.name, f"{held} · {last}",
                          ngettext("{n} meeting missing", "{n} meetings missing", r.missing).format(n=r.missing),
                          "mdi6.account-group-outline", "warning")

    @staticmethod
    def _observation_item(r: dashboard.ObservationRow) -> RecordItem:
        subtitle = _("Safety walk {area}, {date}").format(area=r.area, date=date_long(r.walk_date))
        priority = _("{priority} priority").format(priority=r.priority.label)
        return RecordItem("observation", r.id, f"{r.number}. {r.place} – {r.category.label}", subtitle, priority,
                          "mdi6.map-marker-alert-outline", "danger" if r.priority is Priority.HIGH else "")

    # -- opening -----------------------------------------------------------------------

    def _open_plan(self, view: str) -> None:
        """The plan the tiles count (filtered on late measures for the late tile)."""
        if self.data is not None and self.data.plan_year is not None:
            self.ctx.navigate("plan", view, self.data.plan_year)
        else:
            self.ctx.navigate("plan", None, None)

    def open_row(self, table: str, record_id: int) -> None:
        key = SECTION_FOR_TABLE.get(table)
        if key is not None:
            self.ctx.navigate(key, table, record_id)

    def focus_target(self) -> QWidget | None:
        """The first card with rows (late measures, usually): Enter opens the record."""
        for card in self.cards():
            if not card.list.isHidden():
                return card.list
        return None

    def open_record(self, table: str, record_id: int) -> bool:
        return False  # the overview holds no records of its own
