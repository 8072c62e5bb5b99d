"""The follow-up report's content (uppföljningsrapport) for a period, as plain data.

`collect(db, period, today)` reads everything the report shows in a handful of queries
and returns a `ReportData` of frozen dataclasses: no ORM objects (so it can cross
threads: the UI collects and builds off the UI thread) and no reportlab or matplotlib
(tryggapp.reports draws it). Every derived value — Försenad, trend, meetings owed, what
became of an observation — is computed here with `domain.rules`, so the PDF, the tests
and any future screen agree on the numbers.

Everything is as it stood on the report's "as of" day: the period's last day when the
period is over, else today. A measure's status is taken from its status history on that
day (`status_on`), "Försenad" replaces an open status when its deadline had passed by
then (so the counts add up to the number of measures), days late are counted to that day,
and a measure created after it is left out. The same report made again later gives the
same numbers."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import func
from sqlmodel import Session, col, select

from tryggapp import domain as d
from tryggapp.domain import rules
from tryggapp.domain.enums import (
    LATE_LABEL,
    Assessment,
    GroupLevel,
    MeasureStatus,
    ObservationCategory,
    OriginKind,
    PeriodKind,
    Trend,
)
from tryggapp.domain.periods import Period, of_kind
from tryggapp.errors import UserError
from tryggapp.formatting import date_long
from tryggapp.i18n import N_, _
from tryggapp.services import crud, report_texts, situation
from tryggapp.services import measures as plan_rows
from tryggapp.services.collation import sv_key
from tryggapp.services.report_texts import Words
from tryggapp.services.situation import ReportPicture
from tryggapp.storage import Database

# Status keys and their order live in domain.rules; kept here under their old names for
# the report modules that import them from this one.
LATE = rules.LATE
STATUS_ORDER = rules.STATUS_ORDER

# What became of a safety-walk observation (DOMAIN: "what was done about them"): the
# rule and its keys live in domain.rules; kept here under their old names.
OUTCOME_DONE = rules.OBSERVATION_DONE
OUTCOME_MEASURE = rules.OBSERVATION_MEASURE
OUTCOME_NO_ACTION = rules.OBSERVATION_NO_ACTION
OUTCOME_OPEN = rules.OBSERVATION_OPEN
OUTCOME_POSITIVE = rules.OBSERVATION_POSITIVE
OUTCOME_ORDER = rules.OBSERVATION_ORDER
OUTCOME_LABELS = {
    OUTCOME_DONE: N_("Measure completed"),
    OUTCOME_MEASURE: N_("Measure decided"),
    OUTCOME_NO_ACTION: N_("No action (reason given)"),
    OUTCOME_OPEN: N_("Not yet dealt with"),
    OUTCOME_POSITIVE: N_("Positive observation"),
}


# Formalities every set of minutes has (DOMAIN: the usual opening items) and decisions
# that only take note. Listed, they would bury the decisions the management group needs.
_FORMAL_HEADINGS = ("mötet öppnas", "val av justerare", "val av protokolljusterare", "fastställande av dagordning",
                    "godkännande av dagordning", "föregående mötes protokoll", "mötet avslutas", "nästa möte")
_NOTING = re.compile(r"^att (notera informationen|informationen noteras|lägga \w+ till handlingarna)\W*$",
                     re.IGNORECASE)


def is_formality(heading: str, decision: str) -> bool:
    """A procedural § (opening, minutes checker, agenda, next meeting) or a decision that
    only takes note of information."""
    if heading.strip().casefold().startswith(_FORMAL_HEADINGS):
        return True
    clauses = [line.strip() for line in decision.splitlines() if line.strip()]
    return bool(clauses) and all(_NOTING.match(line) for line in clauses)


def status_label(key: str) -> str:
    """Swedish label of a status key of STATUS_ORDER ('late' included)."""
    return _(LATE_LABEL) if key == LATE else MeasureStatus(key).label


def outcome_label(key: str) -> str:
    return _(OUTCOME_LABELS[key])


def observation_outcome(category: ObservationCategory, no_action_reason: str,
                        statuses: Iterable[MeasureStatus]) -> str:
    """What became of an observation (a key of OUTCOME_ORDER), from the statuses its
    measures had on the day asked about: domain.rules.observation_outcome, the rule's one
    home, asked with the observation's category (the walk statistics and documents call
    this)."""
    return rules.observation_outcome(positive=category is ObservationCategory.POSITIVE,
                                     no_action_reason=no_action_reason, measure_statuses=statuses)


class ReportInputError(UserError):
    """Nothing sensible to report on (empty database, no plan for the period, bad input).
    Exit code 2 on the command line, like a usage error."""

    exit_code = 2


# --------------------------------------------------------------------------- data


@dataclass(frozen=True, slots=True)
class NoteRow:
    noted_on: dt.date
    text: str
    author: str


@dataclass(frozen=True, slots=True)
class MeasureRow:
    id: int
    plan_year: int
    ref: str  # "12", or "2025:12" when the report spans several plans
    title: str
    description: str
    focus_area_id: int | None
    focus_area: str  # "3. Trygg centrummiljö" or ""
    responsible: str  # "Anna Berg (Samhällsbyggnad)"
    start: dt.date | None
    deadline: dt.date | None
    status: MeasureStatus
    status_key: str  # a key of STATUS_ORDER: 'late' replaces an open status
    days_late: int
    completed_on: dt.date | None
    cancel_reason: str
    origin_kind: OriginKind
    origin: str  # the problem it answers, in words
    notes: tuple[NoteRow, ...] = ()
    latest_note: NoteRow | None = None  # the latest note up to the report's day (its reason when late)
    carried_to: str = ""  # "2026:3": the copy in a later plan it was carried over to
    carried_outcome: str = ""  # what has become of that copy by the day the report is made
    carried_from: str = ""  # "2025:3": the row of an earlier plan it was carried over from
    new_date: dt.date | None = None  # a new planned date the coordinator gave in the report's text
    reason_given: str = ""  # why it is late, as the coordinator wrote it in the report's text

    @property
    def reason(self) -> str:
        """Why it is late: the coordinator's words, else the latest note by the report's day."""
        return self.reason_given or (self.latest_note.text if self.latest_note else "")

    @property
    def late(self) -> bool:
        return self.status_key == LATE

    @property
    def status_text(self) -> str:
        return status_label(self.status_key)


@dataclass(frozen=True, slots=True)
class SeriesPoint:
    label: str  # "2025", "T2 2026", "K3 2026"
    end: dt.date
    value: float


@dataclass(frozen=True, slots=True)
class CategorySeries:
    """An indicator's values for one of its categories ("Skadegörelse"), as `series`."""

    name: str
    points: tuple[SeriesPoint, ...]


@dataclass(frozen=True, slots=True)
class GoalRow:
    id: int
    code: str  # "3.1": focus area number and goal position
    kind: str  # translated "Effektmål" / "Prestationsmål"
    text: str
    indicator: str
    unit: str
    baseline: float | None
    baseline_year: int | None
    target: float | None
    higher_is_better: bool
    due: dt.date | None
    series: tuple[SeriesPoint, ...]  # measurements up to the period's end, in time order
    trend: Trend
    assessment: Assessment
    assessment_comment: str
    assessment_from: str  # "" when assessed for exactly this period, else that period's words
    categories: tuple[CategorySeries, ...] = ()  # the indicator per category, when it has categories

    @property
    def latest(self) -> SeriesPoint | None:
        return self.series[-1] if self.series else None

    @property
    def target_reached(self) -> bool | None:
        latest = self.latest
        return rules.target_reached(latest.value if latest else None, self.target,
                                    higher_is_better=self.higher_is_better)


@dataclass(frozen=True, slots=True)
class FocusAreaBlock:
    id: int | None  # None: the measures that belong to no focus area
    number: int
    title: str
    description: str
    owner: str
    goals: tuple[GoalRow, ...]
    measures: tuple[MeasureRow, ...]

    @property
    def heading(self) -> str:
        return rules.focus_area_label(self.number, self.title) if self.id is not None else self.title

    def status_counts(self) -> dict[str, int]:
        return count_statuses(self.measures)


@dataclass(frozen=True, slots=True)
class DirectionBlock:
    title: str
    description: str
    focus_areas: tuple[FocusAreaBlock, ...]


@dataclass(frozen=True, slots=True)
class GroupMeetings:
    id: int
    name: str
    level: str
    meetings_per_year: int
    required: int
    held: int
    planned: int  # in the period but after the report date
    cancelled: int
    note: str  # "upplöst 3 juni 2026", "startad …"
    comment: str = ""  # the coordinator's, in the report's text, for a group behind its cadence

    @property
    def behind(self) -> bool:
        """Fewer meetings held than its mandate asks for up to the report's day."""
        return self.held < self.required


@dataclass(frozen=True, slots=True)
class DecisionRow:
    group: str
    date: dt.date
    paragraph: str  # "§ 12"
    heading: str
    decision: str


@dataclass(frozen=True, slots=True)
class WalkRow:
    date: dt.date
    area: str
    route: str
    light: str
    participants: int
    observations: int
    follow_up_date: dt.date | None
    feedback_given: bool


@dataclass(frozen=True, slots=True)
class ObservationRow:
    walk_date: dt.date
    walk_area: str
    number: int
    place: str
    category: ObservationCategory
    priority: str
    description: str
    outcome: str  # a key of OUTCOME_ORDER
    outcome_text: str


@dataclass(frozen=True, slots=True)
class UpcomingMeeting:
    date: dt.date
    time: dt.time | None
    group: str
    place: str


@dataclass(frozen=True, slots=True)
class UpcomingWalk:
    date: dt.date
    area: str


@dataclass(frozen=True)
class ReportData:
    municipality: str
    coordinator: str
    coordinator_title: str
    report_footer: str
    logo: bytes | None
    programme_title: str
    programme_reference: str  # diarienummer
    plan_titles: tuple[str, ...]
    plan_years: tuple[int, ...]  # of plan_titles, one for one
    period: Period
    next_period: Period
    today: dt.date  # the day the report is made
    as_of: dt.date  # the day its figures stand on: the period's end, or today while it runs
    directions: tuple[DirectionBlock, ...]
    measures: tuple[MeasureRow, ...]  # the full action plan(s), plan year then number
    groups: tuple[GroupMeetings, ...]
    decisions: tuple[DecisionRow, ...]
    walks: tuple[WalkRow, ...]
    observations: tuple[ObservationRow, ...]
    upcoming_deadlines: tuple[MeasureRow, ...]
    upcoming_meetings: tuple[UpcomingMeeting, ...]
    upcoming_walks: tuple[UpcomingWalk, ...]
    period_notes: int = 0  # progress notes written in the period
    formal_decisions: int = 0  # procedural decisions left out of `decisions`
    words: Words | None = None  # the coordinator's texts saved for this period
    demo: bool = False  # a demo municipality: every page says so
    situation: ReportPicture | None = None  # the lägesbild section (services.situation.report_data)
    agreements: tuple = ()  # medborgarlöften and agreements in force (services.agreement_report)

    @property
    def title(self) -> str:
        return _("Follow-up of the action plan for safety and security")

    @property
    def author(self) -> str:
        return self.coordinator or self.municipality

    @property
    def period_over(self) -> bool:
        return self.as_of == self.period.end

    def status_counts(self) -> dict[str, int]:
        return count_statuses(self.measures)

    @property
    def late(self) -> list[MeasureRow]:
        return sorted((m for m in self.measures if m.late), key=lambda m: (m.deadline, m.plan_year, m.ref))

    @property
    def completed_in_period(self) -> list[MeasureRow]:
        return sorted((m for m in self.measures if m.status is MeasureStatus.DONE and self.period.contains(m.completed_on)),
                      key=lambda m: (m.completed_on, m.ref))

    @property
    def goals(self) -> list[GoalRow]:
        return [g for dr in self.directions for fa in dr.focus_areas for g in fa.goals]

    def assessment_counts(self) -> dict[Assessment, int]:
        counts = Counter(g.assessment for g in self.goals)
        return {a: counts[a] for a in Assessment if counts[a]}

    def observation_counts(self) -> dict[ObservationCategory, dict[str, int]]:
        """Per category (most observations first), the count per outcome."""
        table: dict[ObservationCategory, Counter[str]] = defaultdict(Counter)
        for o in self.observations:
            table[o.category][o.outcome] += 1
        ordered = sorted(table.items(), key=lambda kv: (-sum(kv[1].values()), kv[0].label))
        return {cat: {k: c[k] for k in OUTCOME_ORDER if c[k]} for cat, c in ordered}


def count_statuses(measures: Iterable[MeasureRow]) -> dict[str, int]:
    return rules.count_statuses(m.status_key for m in measures)


# --------------------------------------------------------------------------- as of a day


@dataclass(frozen=True, slots=True)
class Change:
    """One row of a measure's status history (of it or of the rows it was carried from)."""

    changed_on: dt.date
    order: tuple  # (recorded_at, id): same-day changes in the order they were made
    old_status: MeasureStatus | None
    new_status: MeasureStatus


@dataclass(frozen=True, slots=True)
class StateOn:
    status: MeasureStatus
    completed_on: dt.date | None  # the day it was last set to Genomförd, if it is that


def as_of_day(period: Period, today: dt.date) -> dt.date:
    """The day a report stands on: the period's last day once it is over, else today."""
    return min(period.end, today)


def status_on(history: Sequence[Change], day: dt.date, current: MeasureStatus) -> StateOn | None:
    """A measure's status on `day` from its history; None when it did not exist yet (its
    first entry, the one made when it was created, is later). With no history at all (data
    imported without one) the current status is all there is."""
    changes = sorted(history, key=lambda c: (c.changed_on, c.order))
    before = [c for c in changes if c.changed_on <= day]
    if before:
        status = before[-1].new_status
    elif not changes:
        status = current
    elif changes[0].old_status is None:
        return None
    else:
        status = changes[0].old_status
    completed = None
    if status is MeasureStatus.DONE:
        completed = next((c.changed_on for c in reversed(before) if c.new_status is MeasureStatus.DONE), None)
    return StateOn(status, completed)


# --------------------------------------------------------------------------- collect


def collect(db: Database, period: Period, today: dt.date,
            on_directions: Callable[[tuple[DirectionBlock, ...]], None] | None = None) -> ReportData:
    """Everything the report for `period` shows, as of the report date `today`.

    `on_directions` is called with the directions and their focus areas (measures, goals)
    as soon as they are built, before the organisation, walks, situation and agreements:
    the report's charts of them can be drawn meanwhile (reports.early_charts).

    Raises ReportInputError when there is nothing to follow up: no municipality, no
    programme, no measures at all, or no action plan for the period."""
    collector = _Collector(db, period, today)
    collector.on_directions = on_directions
    # Sessions are never nested: a read-only database shares one connection, and the
    # plan rows come from services.measures, which opens its own session.
    with db.session() as s:
        collector.s = s
        muni, programmes, plans = collector.check()
    collector.load_plan_rows(plans)
    words = report_texts.load(db, period)
    with db.session() as s:
        collector.s = s
        collector.load_history()
        data = collector.build(muni, programmes, plans)
    data = dataclasses.replace(data, situation=situation.report_data(db, period.start, period.end, data.as_of))
    from tryggapp.services import agreement_report  # it imports this module

    data = dataclasses.replace(data, agreements=agreement_report.collect(db, period, collector.as_of))
    return with_words(data, words)


def with_words(data: ReportData, words: Words | None) -> ReportData:
    """`data` with the coordinator's texts: the new dates and reasons of late measures,
    the comments on groups behind their cadence."""
    if words is None:
        return dataclasses.replace(data, words=None)
    dates = words.measure_notes

    def measure(m: MeasureRow) -> MeasureRow:
        new_date, reason = dates.get(m.id, (None, ""))
        return dataclasses.replace(m, new_date=new_date, reason_given=reason)

    def area(fa: FocusAreaBlock) -> FocusAreaBlock:
        return dataclasses.replace(fa, measures=tuple(measure(m) for m in fa.measures))

    return dataclasses.replace(
        data, words=words, measures=tuple(measure(m) for m in data.measures),
        directions=tuple(dataclasses.replace(dr, focus_areas=tuple(area(fa) for fa in dr.focus_areas))
                         for dr in data.directions),
        groups=tuple(dataclasses.replace(g, comment=words.group_notes.get(g.id, "")) for g in data.groups))


@dataclass(frozen=True, slots=True)
class ObservationAnswer:
    """A measure answering an observation, as it stood on a day (the newest copy of a
    carried-over measure by then)."""

    observation_id: int
    measure_id: int
    plan_year: int
    number: int
    title: str
    responsible_person_id: int | None
    responsible_organisation_id: int | None
    deadline: dt.date | None
    status: MeasureStatus
    status_key: str  # a key of STATUS_ORDER: 'late' replaces an open status
    completed_on: dt.date | None
    cancel_reason: str

    @property
    def ref(self) -> str:
        return f"{self.plan_year}:{self.number}"


def observation_answers(db: Database, observation_ids: Iterable[int], as_of: dt.date
                        ) -> dict[int, list[ObservationAnswer]]:
    """Per observation id, the measures answering it as they stood on `as_of` (status from
    the status history, measures created later left out), by plan year and number: the
    same lookup the report's walks part makes."""
    ids = list(observation_ids)
    if not ids:
        return {}
    collector = _Collector(db, Period(as_of, as_of), as_of)
    with db.session() as s:
        collector.s = s
        collector.load_history()
        found = collector.answers(ids)
    out: dict[int, list[ObservationAnswer]] = {}
    for obs_id, rows in found.items():
        out[obs_id] = [ObservationAnswer(
            observation_id=obs_id, measure_id=m.id, plan_year=year, number=m.number, title=m.title,
            responsible_person_id=m.responsible_person_id, responsible_organisation_id=m.responsible_organisation_id,
            deadline=m.deadline, status=state.status, status_key=rules.status_key(state.status, m.deadline, as_of),
            completed_on=state.completed_on,
            cancel_reason=m.cancel_reason if state.status is MeasureStatus.CANCELLED else "")
            for m, year, state in sorted(rows, key=lambda r: (r[1], r[0].number))]
    return out


class _Collector:
    """Lookup tables are loaded once and shared by the parts of the report."""

    s: Session

    on_directions: Callable[[tuple[DirectionBlock, ...]], None] | None = None

    def __init__(self, db: Database, period: Period, today: dt.date) -> None:
        self.db = db
        self.period = period
        self.today = today
        self.as_of = as_of_day(period, today)

    # -- helpers -------------------------------------------------------------

    def _all(self, stmt):  # noqa: ANN001, ANN202 - thin wrapper over Session.exec
        return list(self.s.exec(stmt).all())

    def _person(self, pid: int | None, oid: int | None) -> str:
        """"Anna Berg (SBF)": the organisation's short name fits a table column."""
        person = self.people.get(pid) if pid else None
        org = self.orgs.get(oid) if oid else None
        if person is not None and org is None and person.organisation_id:
            org = self.orgs.get(person.organisation_id)
        org_name = (org.short_name or org.name) if org is not None else ""
        if person is not None:
            return f"{person.name} ({org_name})" if org_name else person.name
        return org_name

    # -- the parts -----------------------------------------------------------

    def check(self) -> tuple[d.Municipality, list[d.Programme], list[d.ActionPlan]]:
        """Refuse early, with a message that says what is missing."""
        s, period = self.s, self.period
        muni = s.get(d.Municipality, 1)
        if muni is None:
            raise ReportInputError(_("The database has no municipality details yet, so there is nothing to "
                                     "report. Fill in the municipality and the programme first."))
        programmes = self._all(select(d.Programme).order_by(col(d.Programme.valid_from).desc(), col(d.Programme.id).desc()))
        if not programmes:
            raise ReportInputError(_("The database has no action programme yet, so there is nothing to follow up."))
        if not s.exec(select(func.count()).select_from(d.Measure)).one():
            raise ReportInputError(_("The database has no measures yet, so there is no action plan to follow up."))
        plans = self._all(select(d.ActionPlan).where(col(d.ActionPlan.year).between(period.start.year, period.end.year))
                          .order_by(d.ActionPlan.year))
        if not plans:
            years = [str(y) for y in s.exec(select(d.ActionPlan.year).order_by(d.ActionPlan.year)).all()]
            raise ReportInputError(_("There is no action plan for {period}. Action plans exist for: {years}.").format(
                period=period.words(), years=", ".join(years) or "–"))
        self.archived = set(s.exec(select(d.Measure.id).where(col(d.Measure.archived).is_(True))).all())
        return muni, programmes, plans

    def build(self, muni: d.Municipality, programmes: list[d.Programme], plans: list[d.ActionPlan]) -> ReportData:
        period = self.period
        self.people = {p.id: p for p in self._all(select(d.Person))}
        self.orgs = {o.id: o for o in self._all(select(d.Organisation))}
        self.focus_areas = {f.id: f for f in self._all(select(d.FocusArea))}
        nxt = period.next()
        programme = self._programme(programmes, plans)
        measures = self._measures(plans)
        directions = self._directions(programme, measures)
        if self.on_directions is not None:
            self.on_directions(directions)
        groups, decisions, formal = self._organisation()
        walks, observations = self._walks()
        upcoming_deadlines = self._upcoming_deadlines(nxt)
        upcoming_meetings, upcoming_walks = self._upcoming_events(nxt)
        return ReportData(
            municipality=muni.name,
            coordinator=muni.coordinator_name,
            coordinator_title=muni.coordinator_title,
            report_footer=muni.report_footer,
            demo=muni.demo,
            logo=muni.logo,
            programme_title=programme.title,
            programme_reference=programme.reference_number,
            plan_titles=tuple(p.title or _("Action plan {year}").format(year=p.year) for p in plans),
            plan_years=tuple(p.year for p in plans),
            period=period,
            next_period=nxt,
            today=self.today,
            as_of=self.as_of,
            directions=directions,
            measures=tuple(measures),
            groups=groups,
            decisions=decisions,
            walks=walks,
            observations=observations,
            upcoming_deadlines=upcoming_deadlines,
            upcoming_meetings=upcoming_meetings,
            upcoming_walks=upcoming_walks,
            period_notes=sum(len(m.notes) for m in measures),
            formal_decisions=formal,
        )

    def _programme(self, programmes: list[d.Programme], plans: list[d.ActionPlan]) -> d.Programme:
        """The programme the period's latest plan belongs to, else the one valid then."""
        by_id = {p.id: p for p in programmes}
        for plan in reversed(plans):
            if plan.programme_id in by_id:
                return by_id[plan.programme_id]
        for p in programmes:
            if (p.valid_from is None or p.valid_from <= self.period.end) and (p.valid_to is None or p.valid_to >= self.period.start):
                return p
        return programmes[0]

    def load_plan_rows(self, plans: list[d.ActionPlan]) -> None:
        """The plan rows (services.measures, as the plan table shows them) of the period's
        plans and of the plans up to the next period, whose deadlines "Kommande" lists."""
        last = max(self.period.next().end.year, self.period.end.year)
        self.rows: list[plan_rows.MeasureRow] = []
        for year in range(self.period.start.year, last + 1):
            self.rows += [r for r in plan_rows.rows_for_year(self.db, year, self.as_of) if r.id not in self.archived]
        self.several_plans = len(plans) > 1

    def load_history(self) -> None:
        """Every measure's place in its carry-over chain and the status history of the
        chain, so a row's status on the report's day can be told (`state`)."""
        self.parent: dict[int, int | None] = {}
        self.ref_of: dict[int, tuple[int, int]] = {}
        stmt = (select(d.Measure.id, d.Measure.carried_over_from_id, d.ActionPlan.year, d.Measure.number,
                       d.Measure.archived, d.Measure.status)
                .join(d.ActionPlan, col(d.ActionPlan.id) == d.Measure.action_plan_id))
        copies: dict[int, list[int]] = defaultdict(list)
        self.status_now: dict[int, MeasureStatus] = {}
        for mid, parent, year, number, archived, status in self.s.exec(stmt).all():
            self.parent[mid] = parent
            self.ref_of[mid] = (year, number)
            self.status_now[mid] = status
            if parent is not None and not archived:
                copies[parent].append(mid)
        # Where a row went on, whenever that was: marked in the report ("Överförd till
        # 2026 som 2026:3"), with what has become of the copy since.
        self.carried_to = {parent: min(kids, key=lambda k: self.ref_of[k]) for parent, kids in copies.items()}
        # The copy a row was carried to: the one in the earliest later plan that existed
        # by the report's day (a plan of a later year did not exist before that year).
        self.copy_of: dict[int, int] = {}
        for parent, kids in copies.items():
            kids = [k for k in kids if self.ref_of[k][0] <= self.as_of.year]
            if kids:
                self.copy_of[parent] = min(kids, key=lambda k: self.ref_of[k])
        self.history: dict[int, list[Change]] = defaultdict(list)
        for c in self.s.exec(select(d.MeasureStatusChange)).all():
            self.history[c.measure_id].append(Change(c.changed_on, (c.recorded_at, c.id), c.old_status, c.new_status))

    def chain(self, measure_id: int) -> list[int]:
        """The measure and the rows it was carried over from, newest first."""
        out = [measure_id]
        while (parent := self.parent.get(out[-1])) is not None and parent not in out:
            out.append(parent)
        return out

    def state(self, measure_id: int, current: MeasureStatus) -> StateOn | None:
        """Its status on the report's day (None: it did not exist yet). A copy carried into
        a later year's plan exists from that year on: before it, the old row stands."""
        if self.parent.get(measure_id) is not None and self.ref_of[measure_id][0] > self.as_of.year:
            return None
        history = [c for mid in self.chain(measure_id) for c in self.history.get(mid, ())]
        return status_on(history, self.as_of, current)

    def _report_row(self, r: plan_rows.MeasureRow, state: StateOn, notes: Sequence[NoteRow] = (),
                    latest_note: NoteRow | None = None, *, full_ref: bool = False) -> MeasureRow:
        status = state.status
        key = rules.status_key(status, r.deadline, self.as_of)
        late = key == LATE
        responsible = self._person(r.responsible_person_id, r.responsible_organisation_id)
        copy = self.carried_to.get(r.id)
        parent = self.parent.get(r.id)
        return MeasureRow(
            id=r.id, plan_year=r.year, ref=f"{r.year}:{r.number}" if full_ref or self.several_plans else str(r.number),
            title=r.title, description=r.description, focus_area_id=r.focus_area_id, focus_area=r.focus_area,
            responsible=responsible, start=r.start_date, deadline=r.deadline, status=status,
            status_key=key,
            days_late=(self.as_of - r.deadline).days if late and r.deadline else 0,
            completed_on=state.completed_on,
            cancel_reason=r.cancel_reason if status is MeasureStatus.CANCELLED else "",
            origin_kind=r.origin.kind, origin=r.origin.label, notes=tuple(notes), latest_note=latest_note,
            carried_to="{}:{}".format(*self.ref_of[copy]) if copy is not None else "",
            carried_outcome=self._outcome_of_copy(copy) if copy is not None else "",
            carried_from="{}:{}".format(*self.ref_of[parent]) if parent in self.ref_of else "")

    def _outcome_of_copy(self, copy: int) -> str:
        """'genomförd 14 oktober 2026', 'pågående': the newest copy's status as of today."""
        newest = copy
        while newest in self.carried_to:
            newest = self.carried_to[newest]
        status = self.status_now[newest]
        if status is MeasureStatus.DONE:
            done = status_on(self.history.get(newest, ()), self.today, status)
            if done is not None and done.completed_on:
                return _("completed {date}").format(date=date_long(done.completed_on))
        return status.label.lower()

    def _measures(self, plans: list[d.ActionPlan]) -> list[MeasureRow]:
        plan_ids = [p.id for p in plans]
        rows = [r for r in self.rows if r.plan_id in plan_ids]
        # A period over several plans sees a carried-over measure twice: the old year's
        # row and its copy in the newer plan. It is one measure: count it once, as its
        # newest copy, with the notes written on the older rows in the period.
        rows = rules.newest_copies(rows)
        states = {r.id: self.state(r.id, r.status) for r in rows}
        # Measures created after the report's day are not in it.
        rows = [r for r in rows if states.get(r.id) is not None]
        notes, latest = self._notes(rows)
        return [self._report_row(r, states[r.id], notes.get(r.id, ()), latest.get(r.id)) for r in rows]

    def _notes(self, rows: Sequence[plan_rows.MeasureRow]) -> tuple[dict[int, list[NoteRow]], dict[int, NoteRow]]:
        """Per row, the notes written in the period up to the report's day (on it or on the
        rows it was carried from), and the latest note written by that day."""
        owner = {mid: r.id for r in rows for mid in self.chain(r.id)}
        notes: dict[int, list[NoteRow]] = defaultdict(list)
        latest: dict[int, NoteRow] = {}
        for n in self._all(select(d.MeasureNote).where(col(d.MeasureNote.measure_id).in_(list(owner)),
                                                       col(d.MeasureNote.noted_on) <= self.as_of)
                           .order_by(d.MeasureNote.noted_on, d.MeasureNote.id)):
            row = NoteRow(n.noted_on, n.text, n.author)
            latest[owner[n.measure_id]] = row
            if n.noted_on >= self.period.start:
                notes[owner[n.measure_id]].append(row)
        return notes, latest

    def _directions(self, programme: d.Programme, measures: list[MeasureRow]) -> tuple[DirectionBlock, ...]:
        directions = self._all(select(d.Direction).order_by(d.Direction.position, d.Direction.id))
        by_area: dict[int | None, list[MeasureRow]] = defaultdict(list)
        for m in measures:
            by_area[m.focus_area_id if m.focus_area_id in self.focus_areas else None].append(m)
        goals = _Goals(self.s, self.period)
        blocks = []
        for direction in directions:
            areas = sorted((f for f in self.focus_areas.values() if f.direction_id == direction.id
                            and (not f.archived or by_area.get(f.id))), key=lambda f: (f.number, f.id))
            # Directions of another programme appear only if this period's measures use them.
            if direction.programme_id != programme.id and not any(by_area.get(f.id) for f in areas):
                continue
            if not areas:
                continue
            blocks.append(DirectionBlock(direction.title, direction.description, tuple(
                FocusAreaBlock(
                    id=f.id, number=f.number, title=f.title, description=f.description,
                    owner=self._person(f.owner_person_id, f.owner_organisation_id),
                    goals=goals.for_area(f), measures=tuple(by_area.get(f.id, ())),
                ) for f in areas)))
        if by_area.get(None):
            blocks.append(DirectionBlock(_("Other measures"), "", (FocusAreaBlock(
                id=None, number=0, title=_("Measures without a focus area"), description="", owner="",
                goals=(), measures=tuple(by_area[None])),)))
        return tuple(blocks)

    def _organisation(self) -> tuple[tuple[GroupMeetings, ...], tuple[DecisionRow, ...], int]:
        p = self.period
        level_order = {level: i for i, level in enumerate(GroupLevel)}
        groups = sorted(self._all(select(d.Group)), key=lambda g: (level_order[g.level], sv_key(g.name)))
        meetings = self._all(select(d.Meeting).where(col(d.Meeting.date).between(p.start, p.end)))
        by_group: dict[int, list[d.Meeting]] = defaultdict(list)
        for m in meetings:
            by_group[m.group_id].append(m)
        rows = []
        for g in groups:
            active_to = g.dissolved_on
            existed = (g.started_on is None or g.started_on <= p.end) and (active_to is None or active_to >= p.start)
            mine = by_group.get(g.id, [])
            if not existed and not mine:
                continue
            if g.archived and not mine:
                continue
            held = sum(1 for m in mine if not m.cancelled and m.date <= self.as_of)
            planned = sum(1 for m in mine if not m.cancelled and m.date > self.as_of)
            note = ""
            if g.dissolved_on and p.contains(g.dissolved_on):
                note = _("dissolved {date}").format(date=date_long(g.dissolved_on))
            elif g.started_on and p.contains(g.started_on):
                note = _("started {date}").format(date=date_long(g.started_on))
            rows.append(GroupMeetings(
                id=g.id, name=g.name, level=g.level.label, meetings_per_year=g.meetings_per_year,
                # Owed up to the report's day: a running year is not behind for December yet.
                required=rules.required_meetings(g.meetings_per_year, p.start, self.as_of, g.started_on, active_to),
                held=held, planned=planned, cancelled=sum(1 for m in mine if m.cancelled), note=note))
        group_name = {g.id: g.short_name or g.name for g in groups}
        stmt = (select(d.MinutesItem, d.Meeting.date)
                .join(d.Minutes, col(d.Minutes.id) == d.MinutesItem.minutes_id)
                .join(d.Meeting, col(d.Meeting.id) == d.Minutes.meeting_id)
                .where(col(d.Meeting.date).between(p.start, self.as_of),
                       func.length(func.trim(d.MinutesItem.decision)) > 0)
                .order_by(d.Meeting.date, d.MinutesItem.group_id, d.MinutesItem.number))
        decisions, formal = [], 0
        for item, day in self.s.exec(stmt).all():
            if is_formality(item.heading, item.decision):
                formal += 1
                continue
            decisions.append(DecisionRow(group_name.get(item.group_id, ""), day, f"§ {item.number}", item.heading,
                                         item.decision.strip()))
        return tuple(rows), tuple(decisions), formal

    def _walks(self) -> tuple[tuple[WalkRow, ...], tuple[ObservationRow, ...]]:
        p = self.period
        walks = self._all(select(d.SafetyWalk).where(col(d.SafetyWalk.date).between(p.start, self.as_of))
                          .order_by(d.SafetyWalk.date))
        if not walks:
            return (), ()
        walk_ids = [w.id for w in walks]
        obs = self._all(select(d.Observation).where(col(d.Observation.walk_id).in_(walk_ids))
                        .order_by(d.Observation.walk_id, d.Observation.number))
        participants = Counter(self.s.exec(select(d.SafetyWalkParticipant.walk_id)
                                           .where(col(d.SafetyWalkParticipant.walk_id).in_(walk_ids))).all())
        by_walk = Counter(o.walk_id for o in obs)
        answers = self.answers([o.id for o in obs])
        walk_by_id = {w.id: w for w in walks}
        rows = []
        for o in obs:
            w = walk_by_id[o.walk_id]
            outcome, text = self._outcome(o, answers.get(o.id, []))
            rows.append(ObservationRow(w.date, w.area, o.number, o.place, o.category, o.priority.label,
                                       o.description, outcome, text))
        walk_rows = tuple(WalkRow(w.date, w.area, w.route, w.light.label if w.light else "", participants[w.id],
                                  by_walk[w.id], w.follow_up_date, bool(w.feedback.strip())) for w in walks)
        return walk_rows, tuple(rows)

    def answers(self, observation_ids: Sequence[int]) -> dict[int, list[tuple[d.Measure, int, StateOn]]]:
        """Measures answering these observations, whatever plan they are in, as they stood
        on the report's day (needs load_history). A measure carried over into a later plan
        counts as its newest copy by then: the old year's row stays open as it was, and
        would keep the observation "decided" for ever."""
        answers: dict[int, list[tuple[d.Measure, int, StateOn]]] = defaultdict(list)
        stmt = (select(d.Measure, d.ActionPlan.year).join(d.ActionPlan, col(d.ActionPlan.id) == d.Measure.action_plan_id)
                .where(col(d.Measure.origin_observation_id).in_(list(observation_ids))))
        for m, year in self.s.exec(stmt).all():
            if m.id in self.copy_of:
                continue
            state = self.state(m.id, m.status)
            if state is not None:
                answers[m.origin_observation_id].append((m, year, state))
        return answers

    def _outcome(self, o: d.Observation, measures: list[tuple[d.Measure, int, StateOn]]) -> tuple[str, str]:
        outcome = rules.observation_outcome(positive=o.category is ObservationCategory.POSITIVE,
                                            no_action_reason=o.no_action_reason,
                                            measure_statuses=[state.status for _m, _y, state in measures])
        parts = []
        for m, year, state in sorted(measures, key=lambda mt: (mt[1], mt[0].number)):
            parts.append(_("measure {year}:{number} ({status})").format(
                year=year, number=m.number, status=status_label(rules.status_key(state.status, m.deadline,
                                                                                self.as_of))))
        if outcome == OUTCOME_NO_ACTION:
            return outcome, o.no_action_reason.strip()
        if outcome == OUTCOME_POSITIVE:
            return outcome, _("No action needed")
        if outcome == OUTCOME_OPEN:
            # A cancelled measure decided nothing: say so rather than "no decision yet".
            return outcome, (_("Measure cancelled: {measures}").format(measures=", ".join(parts)) if parts
                             else _("No decision yet"))
        return outcome, ", ".join(parts)

    def _upcoming_deadlines(self, nxt: Period) -> tuple[MeasureRow, ...]:
        """Measures (any plan) open on the report's day and due after it, up to the next
        period's end. A measure carried over into a newer plan is listed once, as its
        newest copy."""
        superseded = set(self.copy_of)
        due = []
        for r in self.rows:
            if r.id in superseded or r.deadline is None or not self.as_of < r.deadline <= nxt.end:
                continue
            state = self.state(r.id, r.status)
            if state is not None and rules.is_open(state.status):
                due.append((r, state))
        due.sort(key=lambda rs: (rs[0].deadline, rs[0].year, rs[0].number))
        return tuple(self._report_row(r, state, full_ref=True) for r, state in due)

    def _upcoming_events(self, nxt: Period) -> tuple[tuple[UpcomingMeeting, ...], tuple[UpcomingWalk, ...]]:
        """Meetings and walks after the report's day, up to the next period's end: never
        one already held."""
        start = self.as_of + dt.timedelta(days=1)
        stmt = (select(d.Meeting, d.Group).join(d.Group, col(d.Group.id) == d.Meeting.group_id)
                .where(col(d.Meeting.date).between(start, nxt.end), col(d.Meeting.cancelled).is_(False))
                .order_by(d.Meeting.date, col(d.Meeting.start_time).asc().nulls_first(), d.Meeting.id))
        meetings = tuple(UpcomingMeeting(m.date, m.start_time, g.name, m.place) for m, g in self.s.exec(stmt).all())
        walks = tuple(UpcomingWalk(w.date, w.area) for w in self._all(
            select(d.SafetyWalk).where(col(d.SafetyWalk.date).between(start, nxt.end)).order_by(d.SafetyWalk.date)))
        return meetings, walks


class _Goals:
    """Goals with their indicator series, trend and the period's assessment."""

    def __init__(self, s: Session, period: Period) -> None:
        self.period = period
        self.goals: dict[int, list[d.Goal]] = defaultdict(list)
        for g in s.exec(select(d.Goal).order_by(d.Goal.position, d.Goal.id)).all():
            self.goals[g.focus_area_id].append(g)
        values: dict[int, list[d.Measurement]] = defaultdict(list)
        for m in s.exec(select(d.Measurement)).all():
            values[m.goal_id].append(m)
        # A goal is measured in one period kind (rules.measured_kind, as the programme
        # view decides it), and its series and trend are those values up to the period's
        # end: the same trend the programme view shows.
        self.series: dict[int, list[SeriesPoint]] = {}
        for goal_id, rows in values.items():
            kind = rules.measured_kind(m.period_kind for m in rows)
            points = []
            for m in rows:
                p = of_kind(m.period_kind, m.year, m.period_no)
                if m.period_kind == kind and p.end <= period.end:
                    points.append(SeriesPoint(measurement_label(m.period_kind, m.year, m.period_no), p.end, m.value))
            self.series[goal_id] = sorted(points, key=lambda pt: pt.end)
        self.categories = self._categories(s, period, values)
        self.assessments: dict[int, list[tuple[Period, d.GoalAssessment]]] = defaultdict(list)
        for a in s.exec(select(d.GoalAssessment)).all():
            p = of_kind(a.period_kind, a.year, a.period_no)
            if period.start <= p.end <= period.end:
                self.assessments[a.goal_id].append((p, a))

    @staticmethod
    def _categories(s: Session, period: Period, totals: dict[int, list[d.Measurement]]
                    ) -> dict[int, tuple[CategorySeries, ...]]:
        """Each goal's values per category up to the period's end, in the kind of its
        totals (else the kind of most category values), categories in the user's order."""
        values: dict[int, list[d.CategoryMeasurement]] = defaultdict(list)
        for m in s.exec(select(d.CategoryMeasurement)).all():
            values[m.category_id].append(m)
        by_goal: dict[int, list[d.IndicatorCategory]] = defaultdict(list)
        for c in s.exec(select(d.IndicatorCategory).order_by(d.IndicatorCategory.position,
                                                             d.IndicatorCategory.id)).all():
            by_goal[c.goal_id].append(c)
        out: dict[int, tuple[CategorySeries, ...]] = {}
        for goal_id, categories in by_goal.items():
            kind = (rules.measured_kind(m.period_kind for m in totals.get(goal_id, []))
                    or rules.measured_kind(m.period_kind for c in categories for m in values.get(c.id, [])))  # type: ignore[arg-type]
            lines = []
            for c in categories:
                points = []
                for m in values.get(c.id, []):  # type: ignore[arg-type]
                    p = of_kind(m.period_kind, m.year, m.period_no)
                    if m.period_kind == kind and p.end <= period.end:
                        points.append(SeriesPoint(measurement_label(m.period_kind, m.year, m.period_no), p.end,
                                                  m.value))
                lines.append(CategorySeries(c.name, tuple(sorted(points, key=lambda pt: pt.end))))
            out[goal_id] = tuple(lines)
        return out

    def _assessment(self, goal_id: int) -> tuple[Assessment, str, str]:
        """This period's own assessment, else the latest one made for a period ending in it."""
        found = self.assessments.get(goal_id)
        if not found:
            return Assessment.MISSING, "", ""
        for p, a in found:
            if p == self.period:
                return a.assessment, a.comment, ""
        p, a = max(found, key=lambda pa: (pa[0].end, pa[0].end - pa[0].start))
        return a.assessment, a.comment, p.words()

    def for_area(self, area: d.FocusArea) -> tuple[GoalRow, ...]:
        out = []
        for i, g in enumerate(self.goals.get(area.id, []), start=1):
            series = tuple(self.series.get(g.id, ()))
            assessment, comment, source = self._assessment(g.id)
            out.append(GoalRow(
                id=g.id, code=f"{area.number}.{i}", kind=g.kind.label, text=g.text, indicator=g.indicator,
                unit=g.unit, baseline=g.baseline, baseline_year=g.baseline_year, target=g.target,
                higher_is_better=g.higher_is_better, due=g.due, series=series,
                trend=rules.trend([pt.value for pt in series], higher_is_better=g.higher_is_better),
                assessment=assessment, assessment_comment=comment, assessment_from=source,
                categories=self.categories.get(g.id, ())))
        return tuple(out)


def measurement_label(kind: PeriodKind, year: int, number: int) -> str:
    if kind is PeriodKind.YEAR:
        return str(year)
    if kind is PeriodKind.TERTIAL:
        return _("T{number} {year}").format(number=number, year=year)
    return _("Q{number} {year}").format(number=number, year=year)


def _number(ref: str) -> int:
    return int(ref.rsplit(":", 1)[-1])


# --------------------------------------------------------------------------- record


def record_report(db: Database, data: ReportData, *, sections: Iterable[str], file_path: str,
                  page_count: int) -> d.FollowUpReport:
    """Keep a FollowUpReport row for a saved PDF (what, for which period, by whom, where)."""
    return crud.create(db, d.FollowUpReport(
        period_label=data.period.words(), period_from=data.period.start, period_to=data.period.end,
        author=data.author, sections=",".join(sections), file_path=file_path, page_count=page_count))
