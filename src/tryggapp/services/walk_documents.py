"""What the two documents of a safety walk show, as plain data (no reportlab):

- `protocol(db, walk_id, today)`: the walk protocol for the participants — the walk, its
  participants (people with their organisation), every observation with its photos, and
  who does what about it (its measures as they stand on `today`, or why nothing is done).
- `feedback(db, walk_id, today)`: the residents' feedback ("Återkoppling efter
  trygghetsvandringen i …"), built from the protocol but holding no personal data at
  all: organisations only, and every free text with the names, e-mail addresses and
  phone numbers of the people in the database taken out (`Redactor`). What the PDF may
  print is decided here, so the PDF module cannot leak what it never receives.

What became of an observation is `followup.observation_outcome`, on the measures
`followup.observation_answers` finds: the rule and lookup of the follow-up report."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sqlmodel import col, func, select

from tryggapp import domain as d
from tryggapp.domain.enums import ObservationCategory
from tryggapp.errors import UserError
from tryggapp.i18n import _
from tryggapp.services import followup, walk_stats
from tryggapp.storage import Database


class WalkNotFound(UserError):
    """No walk with that id. Exit code 2 on the command line, like the report's bad input."""

    exit_code = 2


# --------------------------------------------------------------------------- list


@dataclass(frozen=True, slots=True)
class WalkListRow:
    id: int
    date: dt.date
    area: str
    observations: int


def list_walks(db: Database) -> list[WalkListRow]:
    """Every walk, oldest first, with its number of observations."""
    with db.session() as s:
        counts = dict(s.exec(select(d.Observation.walk_id, func.count()).group_by(d.Observation.walk_id)).all())
        walks = s.exec(select(d.SafetyWalk).order_by(d.SafetyWalk.date, d.SafetyWalk.id)).all()
        return [WalkListRow(w.id, w.date, w.area, counts.get(w.id, 0)) for w in walks]


# --------------------------------------------------------------------------- protocol


@dataclass(frozen=True, slots=True)
class Photo:
    data: bytes
    mime_type: str
    caption: str
    filename: str


@dataclass(frozen=True, slots=True)
class MeasureEntry:
    """A measure answering an observation, as it stands on the document's day."""

    ref: str  # "2026:3": plan year and number
    title: str
    responsible_person: str  # "" in the feedback
    responsible_organisation: str
    deadline: dt.date | None
    status_key: str  # a key of rules.STATUS_ORDER ('late' included)
    status_text: str
    completed_on: dt.date | None
    cancel_reason: str


@dataclass(frozen=True, slots=True)
class ObservationEntry:
    number: int
    place: str
    latitude: float | None
    longitude: float | None
    category: ObservationCategory
    category_text: str
    priority_text: str
    description: str
    photos: tuple[Photo, ...]
    responsible_organisation: str  # the observation's own (who was asked to look at it)
    no_action_reason: str
    outcome: str  # a key of followup.OUTCOME_ORDER
    measures: tuple[MeasureEntry, ...]
    open_too_long: bool  # still open six months after the walk

    @property
    def outcome_text(self) -> str:
        return followup.outcome_label(self.outcome)

    @property
    def handled(self) -> bool:
        return walk_stats.is_handled(self.outcome)


@dataclass(frozen=True, slots=True)
class PersonEntry:
    name: str
    title: str
    organisation: str


@dataclass(frozen=True)
class WalkProtocol:
    municipality: str
    report_footer: str
    today: dt.date  # the day the document is made: measures' status stands on it
    walk_id: int
    date: dt.date
    start_time: dt.time | None
    area: str
    route: str
    weather: str
    light: str
    organiser: str  # the group that arranged it
    people: tuple[PersonEntry, ...]
    organisations: tuple[str, ...]  # taking part as organisations, and those of the people
    others: tuple[str, ...]  # free-text participants (residents, "Boende i centrum (7 personer)")
    summary: str
    follow_up_date: dt.date | None
    feedback: str
    observations: tuple[ObservationEntry, ...]

    @property
    def handled(self) -> int:
        return sum(1 for o in self.observations if o.handled)

    @property
    def open_too_long(self) -> int:
        return sum(1 for o in self.observations if o.open_too_long)


def protocol(db: Database, walk_id: int, today: dt.date) -> WalkProtocol:
    """The walk protocol's content; measures as they stand on `today`."""
    with db.session() as s:
        walk = s.get(d.SafetyWalk, walk_id)
        if walk is None:
            raise WalkNotFound(_("There is no safety walk with id {id}. List the walks with --list.").format(
                id=walk_id))
        muni = s.get(d.Municipality, 1)
        orgs = {o.id: o for o in s.exec(select(d.Organisation)).all()}
        people = {p.id: p for p in s.exec(select(d.Person)).all()}
        group = s.get(d.Group, walk.organiser_group_id) if walk.organiser_group_id else None
        participants = list(s.exec(select(d.SafetyWalkParticipant).where(d.SafetyWalkParticipant.walk_id == walk_id)
                                   .order_by(d.SafetyWalkParticipant.id)).all())
        obs = list(s.exec(select(d.Observation).where(d.Observation.walk_id == walk_id)
                          .order_by(d.Observation.number)).all())
        photos: dict[int, list[Photo]] = {}
        if obs:
            for p in s.exec(select(d.ObservationPhoto).where(col(d.ObservationPhoto.observation_id).in_(
                    [o.id for o in obs])).order_by(d.ObservationPhoto.taken_at, d.ObservationPhoto.id)).all():
                photos.setdefault(p.observation_id, []).append(Photo(p.data, p.mime_type, p.caption, p.filename))

    def org_name(oid: int | None) -> str:
        return orgs[oid].name if oid in orgs else ""

    answers = followup.observation_answers(db, [o.id for o in obs], today)
    entries = []
    for o in obs:
        mine = answers.get(o.id, [])
        outcome = followup.observation_outcome(o.category, o.no_action_reason, [a.status for a in mine])
        measures = tuple(MeasureEntry(
            ref=a.ref, title=a.title,
            responsible_person=people[a.responsible_person_id].name if a.responsible_person_id in people else "",
            responsible_organisation=org_name(a.responsible_organisation_id) or org_name(
                people[a.responsible_person_id].organisation_id if a.responsible_person_id in people else None),
            deadline=a.deadline, status_key=a.status_key, status_text=followup.status_label(a.status_key),
            completed_on=a.completed_on, cancel_reason=a.cancel_reason) for a in mine)
        entries.append(ObservationEntry(
            number=o.number, place=o.place, latitude=o.latitude, longitude=o.longitude, category=o.category,
            category_text=o.category.label, priority_text=o.priority.label, description=o.description,
            photos=tuple(photos.get(o.id, ())), responsible_organisation=org_name(o.responsible_organisation_id),
            no_action_reason=o.no_action_reason.strip(), outcome=outcome, measures=measures,
            open_too_long=walk_stats.open_too_long(outcome, walk.date, today)))

    person_rows, organisations, others = [], [], []
    for p in participants:
        if p.person_id in people:
            person = people[p.person_id]
            org = org_name(p.organisation_id or person.organisation_id)
            person_rows.append(PersonEntry(person.name, person.title, org))
            if org and org not in organisations:
                organisations.append(org)
        elif p.organisation_id in orgs and org_name(p.organisation_id) not in organisations:
            organisations.append(org_name(p.organisation_id))
        if p.name.strip() and p.person_id is None:
            others.append(p.name.strip())
    return WalkProtocol(
        municipality=muni.name if muni else "", report_footer=muni.report_footer if muni else "", today=today,
        walk_id=walk.id, date=walk.date, start_time=walk.start_time, area=walk.area, route=walk.route,
        weather=walk.weather, light=walk.light.label if walk.light else "",
        organiser=group.name if group else "", people=tuple(person_rows), organisations=tuple(organisations),
        others=tuple(others), summary=walk.summary, follow_up_date=walk.follow_up_date, feedback=walk.feedback,
        observations=tuple(entries))


# --------------------------------------------------------------------------- feedback


@dataclass(frozen=True, slots=True)
class FeedbackItem:
    """One observation as residents read it: no person, no internal codes."""

    number: int
    place: str
    category_text: str
    description: str
    outcome: str  # a key of followup.OUTCOME_ORDER
    what: tuple[str, ...]  # what is done: the measures' titles
    by_whom: tuple[str, ...]  # organisations
    when: dt.date | None  # done on (outcome done), else the planned date
    late: bool  # the planned date has passed and it is not done
    paused: bool
    reason: str  # why nothing is done, or why a planned measure was cancelled
    photos: tuple[Photo, ...] = ()


@dataclass(frozen=True)
class Feedback:
    municipality: str
    report_footer: str
    today: dt.date
    date: dt.date
    area: str
    organisations: tuple[str, ...]
    residents_took_part: bool
    follow_up_date: dt.date | None
    feedback: str
    items: tuple[FeedbackItem, ...]


def feedback(db: Database, walk_id: int, today: dt.date) -> Feedback:
    """The residents' feedback: what is done about each observation, by which
    organisation and when, or why it cannot be done. Holds no personal data."""
    proto = protocol(db, walk_id, today)
    redact = Redactor.from_db(db)
    items = []
    for o in proto.observations:
        live = [m for m in o.measures if m.status_key != "cancelled"]
        done_days = [m.completed_on for m in live if m.completed_on]
        deadlines = [m.deadline for m in live if m.deadline and m.status_key != "done"]
        if o.outcome == followup.OUTCOME_DONE:
            when = max(done_days) if done_days else None
        else:
            when = max(deadlines) if deadlines else None
        by_whom = []
        for org in [m.responsible_organisation for m in live] or [o.responsible_organisation]:
            if org and org not in by_whom:
                by_whom.append(org)
        if o.outcome == followup.OUTCOME_NO_ACTION:
            reason = o.no_action_reason
        elif o.outcome == followup.OUTCOME_OPEN:
            reason = "; ".join(m.cancel_reason for m in o.measures if m.cancel_reason)
        else:
            reason = ""
        items.append(FeedbackItem(
            number=o.number, place=redact(o.place), category_text=o.category_text,
            description=redact(o.description), outcome=o.outcome,
            what=tuple(redact(m.title) for m in live),
            by_whom=tuple(redact(org) for org in by_whom), when=when,
            late=any(m.status_key == "late" for m in live), paused=any(m.status_key == "paused" for m in live),
            reason=redact(reason)))
    return Feedback(
        municipality=proto.municipality, report_footer=redact(proto.report_footer, phones=False),
        today=today, date=proto.date, area=redact(proto.area),
        organisations=tuple(redact(org) for org in proto.organisations),
        residents_took_part=bool(proto.others), follow_up_date=proto.follow_up_date,
        feedback=redact(proto.feedback), items=tuple(items))


# --------------------------------------------------------------------------- redaction

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
# A phone number written the Swedish ways: 070-123 45 67, 08-465 004 10, 0701234567,
# +46 70 123 45 67. It starts with 0 or +, so dates (2026-08-31) and postcodes are left.
_PHONE = re.compile(r"(?<![\w+])(?:\+\d{1,3}[\s-]?\(?0?\)?[\s-]?\d{1,3}|0\d{1,3})[\s/-]?\d{2,4}"
                    r"(?:[\s-]?\d{2,4}){1,3}(?!\w)")


def _digits(value: str) -> str:
    return re.sub(r"\D", "", value)


class Redactor:
    """Takes the people of the database out of free text: a known person's name becomes
    their organisation's name (or "(namn borttaget)"), their e-mail address and phone
    number go, and so does any other e-mail address or phone number (a resident's,
    written in a description)."""

    def __init__(self, people: list[tuple[str, str, str, str]]) -> None:
        # (name, e-mail, phone, organisation); longest names first so "Anna Berg" is not
        # left half-done by a shorter "Berg" entry.
        self.people = sorted(people, key=lambda p: -len(p[0]))

    @classmethod
    def from_db(cls, db: Database) -> Redactor:
        with db.session() as s:
            orgs = {o.id: o.name for o in s.exec(select(d.Organisation)).all()}
            people = [(p.name, p.email, p.phone, orgs.get(p.organisation_id, "")) for p in s.exec(select(d.Person))]
            muni = s.get(d.Municipality, 1)
            if muni is not None and muni.coordinator_name.strip():
                people.append((muni.coordinator_name, muni.coordinator_email, "", muni.name))
        return cls(people)

    def __call__(self, value: str, *, phones: bool = True) -> str:
        if not value:
            return value
        for name, email, phone, org in self.people:
            if email.strip():
                value = re.sub(re.escape(email.strip()), _("(e-mail address removed)"), value, flags=re.IGNORECASE)
            if name.strip():
                pattern = r"(?<!\w)" + r"\s+".join(re.escape(part) for part in name.split()) + r"(?!\w)"
                value = re.sub(pattern, org or _("(name removed)"), value, flags=re.IGNORECASE)
            if _digits(phone):
                value = self._drop_number(value, _digits(phone))
        value = _EMAIL.sub(_("(e-mail address removed)"), value)
        if phones:
            value = _PHONE.sub(lambda m: _("(phone number removed)") if len(_digits(m.group())) >= 7
                               else m.group(), value)
        return value

    @staticmethod
    def _drop_number(value: str, digits: str) -> str:
        """A known number however it is spaced: 08-465 004 10 = 0846500410 = +46 8 465 004 10."""
        national = digits[1:] if digits.startswith("0") else digits
        sep = r"[\s()/-]*"
        body = sep.join(re.escape(ch) for ch in national)
        pattern = rf"(?<!\d)(?:\+46{sep}|0046{sep}|0{sep})?{body}(?!\d)"
        return re.sub(pattern, _("(phone number removed)"), value)
