"""Safety walks (trygghetsvandringar) and safety visits (trygghetsbesök): record them,
their participants, observations and photos, and turn an observation or a visit into a
measure of the action plan.

Every writing function is one transaction and returns what its undo needs (ui wraps
them in ServiceCommands). An observation has no stored status: what became of it follows
the measures that answer it (`domain.rules.observation_outcome`, the same rule the
follow-up report uses)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, select

from tryggapp import domain as d
from tryggapp.domain import rules
from tryggapp.domain.enums import MeasureStatus, ObservationCategory, Priority
from tryggapp.formatting import number
from tryggapp.i18n import _, ngettext
from tryggapp.services import crud, measures, photos
from tryggapp.services.validation import Checker, FieldError, ValidationError
from tryggapp.storage import Database

# A coordinate inside WGS84's range but outside this box is almost always latitude and
# longitude swapped, or a position copied from the wrong map: Sweden lies within it.
SWEDEN_LATITUDE = (55.0, 69.5)
SWEDEN_LONGITUDE = (10.5, 24.5)

OUTCOME_LABELS = {
    rules.OBSERVATION_DONE: lambda: _("Measure completed"),
    rules.OBSERVATION_MEASURE: lambda: _("Measure decided"),
    rules.OBSERVATION_NO_ACTION: lambda: _("No action (reason given)"),
    rules.OBSERVATION_OPEN: lambda: _("Not yet dealt with"),
    rules.OBSERVATION_POSITIVE: lambda: _("Positive observation"),
}


def outcome_label(key: str) -> str:
    return OUTCOME_LABELS[key]()


def _refused(field_name: str, message: str) -> ValidationError:
    return ValidationError([FieldError(field_name, field_name, message)])


# --------------------------------------------------------------------------- reading


@dataclass(frozen=True, slots=True)
class MeasureRef:
    id: int
    year: int
    number: int
    title: str
    responsible: str  # "Anna Berg (Samhällsbyggnad)" or the organisation
    deadline: dt.date | None
    status: MeasureStatus
    status_key: str  # rules.LATE replaces an open status past its deadline

    @property
    def ref(self) -> str:
        return f"{self.year}:{self.number}"


@dataclass(frozen=True, slots=True)
class ObservationRow:
    id: int
    walk_id: int
    number: int
    place: str
    latitude: float | None
    longitude: float | None
    category: ObservationCategory
    priority: Priority
    description: str
    no_action_reason: str
    responsible_organisation_id: int | None
    responsible_organisation: str
    measures: tuple[MeasureRef, ...]
    outcome: str  # a key of rules.OBSERVATION_ORDER
    overdue: bool  # not finished six months after the walk
    photos: int

    @property
    def outcome_text(self) -> str:
        return outcome_label(self.outcome)

    @property
    def what_is_done(self) -> str:
        """The measures in one line ("2026:14 Belysning … – Pågående"), else why none."""
        if self.measures:
            return "; ".join(f"{m.ref} {m.title}" for m in self.measures)
        if self.no_action_reason.strip():
            return self.no_action_reason.strip()
        return ""

    @property
    def responsible(self) -> str:
        names = [m.responsible for m in self.measures if m.responsible]
        return "; ".join(dict.fromkeys(names)) or self.responsible_organisation


@dataclass(frozen=True, slots=True)
class Participant:
    id: int
    kind: str  # "person", "organisation" or "name"
    label: str


@dataclass(frozen=True, slots=True)
class WalkRow:
    id: int
    date: dt.date
    area: str
    light: str
    participants: int
    resident_count: int | None
    observations: int
    handled: int
    overdue: int


@dataclass(frozen=True, slots=True)
class WalkDetail:
    walk: d.SafetyWalk
    participants: tuple[Participant, ...]
    observations: tuple[ObservationRow, ...]

    @property
    def handled(self) -> int:
        return sum(rules.observation_handled(o.outcome) for o in self.observations)

    @property
    def overdue(self) -> int:
        return sum(o.overdue for o in self.observations)


def _person_label(name: str, org: str | None) -> str:
    return f"{name} ({org})" if org else name


def _measure_refs(s: Session, observation_ids: list[int], today: dt.date) -> dict[int, list[MeasureRef]]:
    """The measures answering these observations, each once as its newest copy."""
    if not observation_ids:
        return {}
    person_org = sa.orm.aliased(d.Organisation)
    stmt = (sa.select(d.Measure, d.ActionPlan.year, d.Person.name, person_org.name, d.Organisation.name)
            .join(d.ActionPlan, d.ActionPlan.id == d.Measure.action_plan_id)
            .join(d.Person, d.Person.id == d.Measure.responsible_person_id, isouter=True)
            .join(person_org, person_org.id == d.Person.organisation_id, isouter=True)
            .join(d.Organisation, d.Organisation.id == d.Measure.responsible_organisation_id, isouter=True)
            .where(d.Measure.origin_observation_id.in_(observation_ids), measures.newest_copy())
            .order_by(d.ActionPlan.year, d.Measure.number))
    out: dict[int, list[MeasureRef]] = defaultdict(list)
    for m, year, person, porg, org in s.execute(stmt).all():
        responsible = _person_label(person, org or porg) if person else (org or "")
        out[m.origin_observation_id].append(MeasureRef(
            m.id, year, m.number, m.title, responsible, m.deadline, m.status,
            rules.status_key(m.status, m.deadline, today)))
    # A carried-over measure is found through its newest copy, whose origin is copied too.
    return out


def _observation_rows(s: Session, walks: Mapping[int, d.SafetyWalk], today: dt.date) -> list[ObservationRow]:
    obs = s.exec(select(d.Observation).where(d.Observation.walk_id.in_(list(walks)))
                 .order_by(d.Observation.walk_id, d.Observation.number)).all()
    refs = _measure_refs(s, [o.id for o in obs], today)
    orgs = dict(s.exec(select(d.Organisation.id, d.Organisation.name)).all())
    counts = dict(s.execute(sa.select(d.ObservationPhoto.observation_id, sa.func.count())
                            .group_by(d.ObservationPhoto.observation_id)).all())
    rows = []
    for o in obs:
        ms = tuple(refs.get(o.id, ()))
        outcome = rules.observation_outcome(positive=o.category is ObservationCategory.POSITIVE,
                                            no_action_reason=o.no_action_reason,
                                            measure_statuses=[m.status for m in ms])
        rows.append(ObservationRow(
            o.id, o.walk_id, o.number, o.place, o.latitude, o.longitude, o.category, o.priority, o.description,
            o.no_action_reason, o.responsible_organisation_id, orgs.get(o.responsible_organisation_id, ""),
            ms, outcome, rules.observation_overdue(outcome, walks[o.walk_id].date, today), counts.get(o.id, 0)))
    return rows


def walk_rows(db: Database, today: dt.date) -> list[WalkRow]:
    """Every walk, newest first, with how many of its observations are handled."""
    with db.session() as s:
        walks = {w.id: w for w in s.exec(select(d.SafetyWalk).order_by(d.SafetyWalk.date.desc(),
                                                                      d.SafetyWalk.id.desc())).all()}
        obs = _observation_rows(s, walks, today) if walks else []
        people = dict(s.execute(sa.select(d.SafetyWalkParticipant.walk_id, sa.func.count())
                                .group_by(d.SafetyWalkParticipant.walk_id)).all())
    by_walk: dict[int, list[ObservationRow]] = defaultdict(list)
    for o in obs:
        by_walk[o.walk_id].append(o)
    return [WalkRow(w.id, w.date, w.area, d.label(w.light), people.get(w.id, 0), w.resident_count,
                    len(by_walk[w.id]), sum(rules.observation_handled(o.outcome) for o in by_walk[w.id]),
                    sum(o.overdue for o in by_walk[w.id]))
            for w in walks.values()]


def walk_detail(db: Database, walk_id: int, today: dt.date) -> WalkDetail:
    with db.session() as s:
        walk = s.get(d.SafetyWalk, walk_id)
        if walk is None:
            raise crud.NotFound(d.SafetyWalk, walk_id)
        person_org = sa.orm.aliased(d.Organisation)
        stmt = (sa.select(d.SafetyWalkParticipant, d.Person.name, person_org.name, d.Organisation.name)
                .join(d.Person, d.Person.id == d.SafetyWalkParticipant.person_id, isouter=True)
                .join(person_org, person_org.id == d.Person.organisation_id, isouter=True)
                .join(d.Organisation, d.Organisation.id == d.SafetyWalkParticipant.organisation_id, isouter=True)
                .where(d.SafetyWalkParticipant.walk_id == walk_id).order_by(d.SafetyWalkParticipant.id))
        participants = []
        for p, person, porg, org in s.execute(stmt).all():
            if p.person_id is not None:
                participants.append(Participant(p.id, "person", _person_label(person or "", porg)))
            elif p.organisation_id is not None:
                participants.append(Participant(p.id, "organisation", org or ""))
            else:
                participants.append(Participant(p.id, "name", p.name))
        rows = _observation_rows(s, {walk.id: walk}, today)
        s.expunge(walk)
    order = {"person": 0, "organisation": 1, "name": 2}
    participants.sort(key=lambda p: (order[p.kind], p.label.casefold()))
    return WalkDetail(walk, tuple(participants), tuple(rows))


def observation(db: Database, observation_id: int, today: dt.date) -> ObservationRow:
    with db.session() as s:
        o = s.get(d.Observation, observation_id)
        if o is None:
            raise crud.NotFound(d.Observation, observation_id)
        walk = s.get(d.SafetyWalk, o.walk_id)
        return next(r for r in _observation_rows(s, {walk.id: walk}, today) if r.id == observation_id)


# --------------------------------------------------------------------------- walks


def _check_walk(walk: d.SafetyWalk) -> None:
    c = Checker()
    c.required("date", _("Date"), walk.date)
    c.title("area", _("Area"), walk.area)
    if walk.resident_count is not None and walk.resident_count < 0:
        c.add("resident_count", _("Residents"), _("“{field}” cannot be negative.").format(field=_("Residents")))
    c.date_order("premeeting_date", _("Pre-meeting date"), walk.premeeting_date, "date", _("Date"), walk.date)
    c.date_order("date", _("Date"), walk.date, "follow_up_date", _("Follow-up meeting date"), walk.follow_up_date)
    c.raise_if_any()


def create_walk(db: Database, values: Mapping[str, Any], *, ident: int | None = None) -> d.SafetyWalk:
    """A new walk; `area` and `date` are required. `ident` re-creates it with the same id."""
    walk = d.SafetyWalk(id=ident, **dict(values))
    _check_walk(walk)
    return crud.create(db, walk)


def update_walk(db: Database, walk_id: int, changes: Mapping[str, Any]) -> dict[str, Any]:
    """Change fields of a walk; returns the old values (undo: update_walk with them)."""
    current = crud.get(db, d.SafetyWalk, walk_id)
    probe = d.SafetyWalk(**{**crud.values_of(current), **dict(changes)})
    _check_walk(probe)
    return crud.update(db, d.SafetyWalk, walk_id, changes)


def delete_walk(db: Database, walk_id: int) -> crud.Snapshot:
    """Delete a walk with its observations, photos and participants (undo: crud.restore).
    Refused while a measure answers one of its observations."""
    with db.session() as s:
        answered = s.exec(select(sa.func.count()).select_from(d.Measure).join(
            d.Observation, d.Observation.id == d.Measure.origin_observation_id)
            .where(d.Observation.walk_id == walk_id)).one()
    if answered:
        raise _refused("walk", ngettext(
            "The walk cannot be deleted: {n} measure in the action plan answers its observations. "
            "Delete that measure or change its origin first.",
            "The walk cannot be deleted: {n} measures in the action plan answer its observations. "
            "Delete those measures or change their origin first.", answered).format(n=answered))
    return crud.delete(db, d.SafetyWalk, walk_id)


def add_participant(db: Database, walk_id: int, *, person_id: int | None = None,
                    organisation_id: int | None = None, name: str = "",
                    ident: int | None = None) -> d.SafetyWalkParticipant:
    """A person, an organisation or a named participant (a resident is counted, not named:
    resident_count). The same person or organisation is not added twice."""
    name = name.strip()
    if person_id is None and organisation_id is None and not name:
        raise _refused("participant", _("Choose a person or an organisation, or write a name."))
    with db.session() as s:
        dup = select(d.SafetyWalkParticipant).where(d.SafetyWalkParticipant.walk_id == walk_id)
        if person_id is not None:
            dup = dup.where(d.SafetyWalkParticipant.person_id == person_id)
        elif organisation_id is not None:
            dup = dup.where(d.SafetyWalkParticipant.organisation_id == organisation_id,
                            d.SafetyWalkParticipant.person_id.is_(None))
        else:
            dup = dup.where(d.SafetyWalkParticipant.name == name)
        if s.exec(dup).first() is not None:
            raise _refused("participant", _("That participant is already on the walk."))
    return crud.create(db, d.SafetyWalkParticipant(id=ident, walk_id=walk_id, person_id=person_id,
                                                   organisation_id=organisation_id, name=name))


def remove_participant(db: Database, participant_id: int) -> crud.Snapshot:
    return crud.delete(db, d.SafetyWalkParticipant, participant_id)


# --------------------------------------------------------------------------- observations


def check_coordinates(latitude: float | None, longitude: float | None, c: Checker) -> None:
    """WGS84 decimal degrees: each within range, both or neither, and in Sweden."""
    lat_label, lon_label = _("Latitude"), _("Longitude")
    before = len(c.errors)
    if latitude is not None and not -90 <= latitude <= 90:
        c.add("latitude", lat_label, _("“Latitude” must be between -90 and 90 degrees (WGS84, e.g. 59.3293); "
                                        "{value} is out of range.").format(value=number(latitude, 6)))
    if longitude is not None and not -180 <= longitude <= 180:
        c.add("longitude", lon_label, _("“Longitude” must be between -180 and 180 degrees (WGS84, e.g. 18.0686); "
                                         "{value} is out of range.").format(value=number(longitude, 6)))
    if len(c.errors) > before:
        return
    if (latitude is None) != (longitude is None):
        missing, label = ("longitude", lon_label) if longitude is None else ("latitude", lat_label)
        c.add(missing, label, _("Give both latitude and longitude, or neither."))
        return
    if latitude is None or longitude is None:
        return
    in_sweden = (SWEDEN_LATITUDE[0] <= latitude <= SWEDEN_LATITUDE[1]
                 and SWEDEN_LONGITUDE[0] <= longitude <= SWEDEN_LONGITUDE[1])
    if not in_sweden:
        swapped = (SWEDEN_LATITUDE[0] <= longitude <= SWEDEN_LATITUDE[1]
                   and SWEDEN_LONGITUDE[0] <= latitude <= SWEDEN_LONGITUDE[1])
        c.add("latitude", lat_label,
              _("The coordinates lie outside Sweden: latitude and longitude seem to be swapped.") if swapped else
              _("The coordinates lie outside Sweden. Give latitude (55–69) and longitude (11–24) in decimal "
                "degrees, WGS84."))


def _check_observation(o: d.Observation) -> None:
    c = Checker()
    c.title("place", _("Place"), o.place)
    c.required("category", _("Category"), o.category)
    check_coordinates(o.latitude, o.longitude, c)
    c.raise_if_any()


def add_observation(db: Database, walk_id: int, values: Mapping[str, Any], *,
                    ident: int | None = None) -> d.Observation:
    """A new observation numbered after the walk's last one (unless `values` gives one)."""
    data = dict(values)
    data.setdefault("category", ObservationCategory.OTHER)
    with db.session() as s:
        if s.get(d.SafetyWalk, walk_id) is None:
            raise crud.NotFound(d.SafetyWalk, walk_id)
        if "number" not in data:
            last = s.exec(select(sa.func.max(d.Observation.number)).where(d.Observation.walk_id == walk_id)).one()
            data["number"] = (last or 0) + 1
    obs = d.Observation(id=ident, walk_id=walk_id, **data)
    _check_observation(obs)
    return crud.create(db, obs)


def update_observation(db: Database, observation_id: int, changes: Mapping[str, Any]) -> dict[str, Any]:
    current = crud.get(db, d.Observation, observation_id)
    _check_observation(d.Observation(**{**crud.values_of(current), **dict(changes)}))
    return crud.update(db, d.Observation, observation_id, changes)


def delete_observation(db: Database, observation_id: int) -> crud.Snapshot:
    """With its photos (undo: crud.restore). Refused while a measure answers it."""
    return crud.delete(db, d.Observation, observation_id)


# --------------------------------------------------------------------------- photos


def add_photo(db: Database, observation_id: int, data: bytes, filename: str, *, caption: str = "",
              ident: int | None = None) -> d.ObservationPhoto:
    """Check the photo by its content, downscale it and store it with the observation."""
    prepared = photos.prepare(data, filename)
    return store_photo(db, observation_id, prepared, caption=caption, ident=ident)


def store_photo(db: Database, observation_id: int, prepared: photos.PreparedPhoto, *, caption: str = "",
                ident: int | None = None) -> d.ObservationPhoto:
    crud.get(db, d.Observation, observation_id)
    return crud.create(db, d.ObservationPhoto(
        id=ident, observation_id=observation_id, filename=prepared.filename, mime_type=prepared.mime_type,
        data=prepared.data, caption=caption, taken_at=prepared.taken_at))


@dataclass(frozen=True, slots=True)
class PhotoInfo:
    id: int
    filename: str
    caption: str
    mime_type: str
    taken_at: dt.datetime | None
    data: bytes = field(repr=False)


def photos_of(db: Database, observation_id: int) -> list[PhotoInfo]:
    with db.session() as s:
        return [PhotoInfo(p.id, p.filename, p.caption, p.mime_type, p.taken_at, p.data)
                for p in s.exec(select(d.ObservationPhoto).where(d.ObservationPhoto.observation_id == observation_id)
                                .order_by(d.ObservationPhoto.id)).all()]


def update_photo(db: Database, photo_id: int, changes: Mapping[str, Any]) -> dict[str, Any]:
    """Change a photo's caption (bildtext): what the thumbnails, the full view and the
    walk's documents show instead of the file name. Returns the old values (for undo)."""
    changes = dict(changes)
    if "caption" in changes:
        changes["caption"] = " ".join(str(changes["caption"] or "").split())  # one line
    return crud.update(db, d.ObservationPhoto, photo_id, changes)


def delete_photo(db: Database, photo_id: int) -> crud.Snapshot:
    return crud.delete(db, d.ObservationPhoto, photo_id)


# --------------------------------------------------------------------------- to a measure


@dataclass(frozen=True, slots=True)
class MeasureProposal:
    """What the "Skapa åtgärd" dialog starts from."""

    title: str
    description: str
    year: int
    deadline: dt.date
    responsible_organisation_id: int | None


def proposal_for_observation(db: Database, observation_id: int, today: dt.date) -> MeasureProposal:
    """Title from the observation (category and place), its description, this year's plan,
    and a deadline six months after the walk (Kungsbacka's aim), but not in the past."""
    with db.session() as s:
        o = s.get(d.Observation, observation_id)
        if o is None:
            raise crud.NotFound(d.Observation, observation_id)
        walk = s.get(d.SafetyWalk, o.walk_id)
    deadline = max(rules.add_months(walk.date, rules.OBSERVATION_AIM_MONTHS), today)
    title = f"{o.category.label}: {o.place}"
    text = o.description.strip()
    source = _("From safety walk {area} {date}, observation {number}.").format(
        area=walk.area, date=walk.date.isoformat(), number=o.number)
    return MeasureProposal(title[:300], f"{text}\n\n{source}".strip(), today.year, deadline,
                           o.responsible_organisation_id)


def measure_from_observation(db: Database, observation_id: int, values: Mapping[str, Any], *, year: int,
                             today: dt.date, ident: int | None = None) -> d.Measure:
    """A measure in `year`'s action plan answering the observation (its origin). `values`
    are measure fields: title (required), focus_area_id, responsible_person_id,
    responsible_organisation_id, deadline, description. The observation's status follows
    the measure from now on (rules.observation_outcome)."""
    crud.get(db, d.Observation, observation_id)
    data = {k: v for k, v in dict(values).items() if k != "year"}
    c = Checker()
    c.title("title", _("Measure"), data.get("title"))
    if data.get("deadline") is None:
        c.add("deadline", _("Deadline"), _("“{field}” must be filled in.").format(field=_("Deadline")))
    c.raise_if_any()
    data["origin_observation_id"] = observation_id
    return measures.create_measure(db, year, data, today=today, ident=ident)


def measure_from_visit(db: Database, visit_id: int, values: Mapping[str, Any], *, year: int, today: dt.date,
                       ident: int | None = None) -> d.Measure:
    """A measure in `year`'s plan for a safety visit, linked from the visit (measure_id).
    Undo: `undo_visit_measure`."""
    visit = crud.get(db, d.SafetyVisit, visit_id)
    if visit.measure_id is not None:
        raise _refused("measure_id", _("This visit already has a measure."))
    data = {k: v for k, v in dict(values).items() if k != "year"}
    c = Checker()
    c.title("title", _("Measure"), data.get("title"))
    c.raise_if_any()
    measure = measures.create_measure(db, year, data, today=today, ident=ident)
    crud.update(db, d.SafetyVisit, visit_id, {"measure_id": measure.id})
    return measure


def undo_visit_measure(db: Database, visit_id: int, measure_id: int) -> None:
    crud.update(db, d.SafetyVisit, visit_id, {"measure_id": None})
    measures.delete_measure(db, measure_id)


# --------------------------------------------------------------------------- visits


@dataclass(frozen=True, slots=True)
class VisitRow:
    id: int
    date: dt.date
    workplace: str
    organisation: str
    reason: str
    support_given: str
    follow_up: str
    follow_up_date: dt.date | None
    measure_id: int | None
    measure: str  # "2026:7 Höj receptionsdisken (Pågående)" or ""


def _check_visit(v: d.SafetyVisit) -> None:
    c = Checker()
    c.required("date", _("Date"), v.date)
    c.title("workplace", _("Workplace"), v.workplace)
    c.date_order("date", _("Date"), v.date, "follow_up_date", _("Follow-up date"), v.follow_up_date)
    c.raise_if_any()


def visit_rows(db: Database, today: dt.date) -> list[VisitRow]:
    with db.session() as s:
        stmt = (sa.select(d.SafetyVisit, d.Organisation.name, d.Measure, d.ActionPlan.year)
                .join(d.Organisation, d.Organisation.id == d.SafetyVisit.organisation_id, isouter=True)
                .join(d.Measure, d.Measure.id == d.SafetyVisit.measure_id, isouter=True)
                .join(d.ActionPlan, d.ActionPlan.id == d.Measure.action_plan_id, isouter=True)
                .order_by(d.SafetyVisit.date.desc(), d.SafetyVisit.id.desc()))
        rows = []
        for v, org, m, year in s.execute(stmt).all():
            text = ""
            if m is not None:
                key = rules.status_key(m.status, m.deadline, today)
                label = _("Late") if key == rules.LATE else m.status.label
                text = f"{year}:{m.number} {m.title} ({label})"
            rows.append(VisitRow(v.id, v.date, v.workplace, org or "", v.incident, v.support_given, v.follow_up,
                                 v.follow_up_date, v.measure_id, text))
        return rows


def create_visit(db: Database, values: Mapping[str, Any], *, ident: int | None = None) -> d.SafetyVisit:
    visit = d.SafetyVisit(id=ident, **dict(values))
    _check_visit(visit)
    return crud.create(db, visit)


def update_visit(db: Database, visit_id: int, changes: Mapping[str, Any]) -> dict[str, Any]:
    current = crud.get(db, d.SafetyVisit, visit_id)
    _check_visit(d.SafetyVisit(**{**crud.values_of(current), **dict(changes)}))
    return crud.update(db, d.SafetyVisit, visit_id, changes)


def delete_visit(db: Database, visit_id: int) -> crud.Snapshot:
    return crud.delete(db, d.SafetyVisit, visit_id)
