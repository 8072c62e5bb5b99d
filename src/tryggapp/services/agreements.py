"""Medborgarlöften and samverkansöverenskommelser: the agreements with the police, their
parties, their undertakings (åtaganden) and how each undertaking is followed up — dated
notes that give its status, and the measures of the action plan that carry it out.

The two kinds keep their own tables (measures point at both as their origin); here they
are one thing, told apart by `table` ("citizen_promise" or "cooperation_agreement").
Every writing function is one transaction and returns what its undo needs (the UI wraps
them in ServiceCommands)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, SQLModel, select

from tryggapp import domain as d
from tryggapp.domain import rules
from tryggapp.domain.agreements import undertaking_status
from tryggapp.domain.enums import LATE_LABEL, CommitmentStatus, MeasureStatus, UndertakingStatus
from tryggapp.i18n import _, ngettext
from tryggapp.services import crud, validators
from tryggapp.services.collation import sv_sorted
from tryggapp.services.validation import Checker, FieldError, ValidationError
from tryggapp.storage import Database

PROMISE = "citizen_promise"
AGREEMENT = "cooperation_agreement"
MODELS: dict[str, type[d.CitizenPromise] | type[d.CooperationAgreement]] = {
    PROMISE: d.CitizenPromise, AGREEMENT: d.CooperationAgreement}
# The column of the child tables that points at each kind.
PARENT_COLUMN = {PROMISE: "citizen_promise_id", AGREEMENT: "agreement_id"}
# Tables a change here may touch (what the UI broadcasts).
TABLES = frozenset({PROMISE, AGREEMENT, "agreement_party", "undertaking", "undertaking_note", "undertaking_measure"})
AGREEMENT_FIELDS = frozenset({"title", "period_from", "period_to", "police_area", "description", "follow_up",
                              "signed_on", "status"})


def kind_label(table: str) -> str:
    return _("Citizen promise") if table == PROMISE else _("Cooperation agreement")


def measure_status_text(status: MeasureStatus, deadline: dt.date | None, day: dt.date) -> str:
    """"Pågående", or "Försenad" when an open measure's deadline had passed by `day`."""
    key = rules.status_key(status, deadline, day)
    return _(LATE_LABEL) if key == rules.LATE else status.label


# --------------------------------------------------------------------------- validation


@validators.validator(d.Undertaking)
def _undertaking(o: d.Undertaking, s: Session, c: Checker) -> None:
    c.text("text", _("Undertaking"), o.text, required=True)
    c.required("created", _("Applies from"), o.created)


@validators.validator(d.UndertakingNote)
def _undertaking_note(o: d.UndertakingNote, s: Session, c: Checker) -> None:
    c.required("noted_on", _("Date"), o.noted_on)
    c.required("status", _("Status"), o.status)
    c.text("text", _("Note"), o.text, required=True)


# --------------------------------------------------------------------------- reading


@dataclass(frozen=True, slots=True)
class LinkedMeasure:
    id: int  # the newest copy of a carried-over measure
    ref: str  # "2026:12"
    title: str
    status: MeasureStatus
    status_text: str  # "Försenad" replaces an open status past its deadline


@dataclass(frozen=True, slots=True)
class NoteLine:
    id: int
    noted_on: dt.date
    status: UndertakingStatus
    text: str
    author: str
    version: int = 1  # the row version an edit in the window is based on (storage.versions)


@dataclass(frozen=True, slots=True)
class UndertakingRow:
    id: int
    number: int
    text: str
    organisation_id: int | None
    party: str  # the organisation, or "Alla parter gemensamt"
    status: UndertakingStatus
    notes: tuple[NoteLine, ...]  # newest first
    measures: tuple[LinkedMeasure, ...]
    linked_ids: tuple[int, ...]  # the measure rows as linked (for the edit form)
    version: int = 1  # the row version an edit in the window is based on (storage.versions)
    created: dt.date | None = None  # the day it began to apply (reports before it leave it out)

    @property
    def latest_note(self) -> NoteLine | None:
        return self.notes[0] if self.notes else None


@dataclass(frozen=True, slots=True)
class AgreementRow:
    table: str
    id: int
    title: str
    period_from: dt.date
    period_to: dt.date
    status: CommitmentStatus
    police_area: str
    signed_on: dt.date | None
    description: str
    follow_up: str
    parties: tuple[tuple[int, str], ...]  # (organisation id, name)
    undertakings: tuple[UndertakingRow, ...]

    @property
    def kind(self) -> str:
        return kind_label(self.table)

    @property
    def key(self) -> tuple[str, int]:
        return self.table, self.id

    @property
    def done(self) -> int:
        return sum(u.status is UndertakingStatus.DONE for u in self.undertakings)

    @property
    def summary(self) -> str:
        return done_summary(self.done, len(self.undertakings))

    @property
    def party_names(self) -> str:
        return ", ".join(name for _id, name in self.parties)


def done_summary(done: int, total: int) -> str:
    """"2 av 3 genomförda"; "Inga åtaganden" when there are none."""
    if not total:
        return _("No undertakings")
    return ngettext("{done} of {total} carried out", "{done} of {total} carried out", total).format(
        done=done, total=total)


def joint_label() -> str:
    return _("All parties jointly")


def _successors(s: Session) -> dict[int, int]:
    return {old: new for new, old in s.exec(select(d.Measure.id, d.Measure.carried_over_from_id)
                                            .where(d.Measure.carried_over_from_id.is_not(None))).all()}


def newest(measure_id: int, successor: Mapping[int, int]) -> int:
    seen = {measure_id}
    while measure_id in successor and successor[measure_id] not in seen:
        measure_id = successor[measure_id]
        seen.add(measure_id)
    return measure_id


def agreements(db: Database, today: dt.date) -> list[AgreementRow]:
    """Every citizen promise and agreement, newest period first, with its parties and
    undertakings (the status of each from its latest note; linked measures as their newest
    copy, with today's status)."""
    with db.session() as s:
        orgs = dict(s.exec(select(d.Organisation.id, d.Organisation.name)).all())
        parties: dict[tuple[str, int], list[tuple[int, str]]] = defaultdict(list)
        for p in s.exec(select(d.AgreementParty).order_by(d.AgreementParty.id)).all():
            parties[_owner(p)].append((p.organisation_id, orgs.get(p.organisation_id, "")))
        notes: dict[int, list[NoteLine]] = defaultdict(list)
        for n in s.exec(select(d.UndertakingNote).order_by(d.UndertakingNote.noted_on.desc(),
                                                           d.UndertakingNote.id.desc())).all():
            notes[n.undertaking_id].append(NoteLine(n.id, n.noted_on, n.status, n.text, n.author, n.version))
        successor = _successors(s)
        links: dict[int, list[int]] = defaultdict(list)
        for link in s.exec(select(d.UndertakingMeasure)).all():
            links[link.undertaking_id].append(link.measure_id)
        wanted = {newest(m, successor) for ids in links.values() for m in ids}
        measures = {m.id: (m, year) for m, year in s.exec(
            select(d.Measure, d.ActionPlan.year).join(d.ActionPlan, d.ActionPlan.id == d.Measure.action_plan_id)
            .where(d.Measure.id.in_(wanted))).all()} if wanted else {}
        undertakings: dict[tuple[str, int], list[UndertakingRow]] = defaultdict(list)
        for u in s.exec(select(d.Undertaking).order_by(d.Undertaking.number, d.Undertaking.id)).all():
            mine = notes.get(u.id, [])
            shown = []
            for mid in dict.fromkeys(newest(m, successor) for m in links.get(u.id, [])):
                m, year = measures[mid]
                shown.append(LinkedMeasure(m.id, f"{year}:{m.number}", m.title, m.status,
                                           measure_status_text(m.status, m.deadline, today)))
            shown.sort(key=lambda x: x.ref)
            undertakings[_owner(u)].append(UndertakingRow(
                u.id, u.number, u.text, u.organisation_id,
                orgs.get(u.organisation_id, "") if u.organisation_id else joint_label(),
                undertaking_status([(n.noted_on, n.id, n.status) for n in mine]), tuple(mine), tuple(shown),
                tuple(sorted(links.get(u.id, []))), u.version, u.created))
        rows = []
        for table, model in MODELS.items():
            for a in s.exec(select(model)).all():
                rows.append(AgreementRow(
                    table, a.id, a.title, a.period_from, a.period_to, a.status, a.police_area, a.signed_on,
                    a.description, a.follow_up, tuple(parties.get((table, a.id), ())),
                    tuple(undertakings.get((table, a.id), ()))))
    rows.sort(key=lambda r: (r.period_from, r.table == PROMISE, r.id), reverse=True)
    return rows


def agreement(db: Database, table: str, ident: int, today: dt.date) -> AgreementRow | None:
    return next((r for r in agreements(db, today) if r.key == (table, ident)), None)


def _owner(row: d.AgreementParty | d.Undertaking) -> tuple[str, int]:
    if row.citizen_promise_id is not None:
        return PROMISE, row.citizen_promise_id
    return AGREEMENT, row.agreement_id  # type: ignore[return-value]


def organisation_choices(db: Database) -> list[tuple[int, str]]:
    """Organisations a party may be (archived ones left out), by name."""
    with db.session() as s:
        return [(o.id, o.name) for o in sv_sorted(
            s.exec(select(d.Organisation).where(d.Organisation.archived == sa.false())).all(), lambda o: o.name)]


def measure_choices(db: Database) -> list[tuple[int, str]]:
    """Measures an undertaking may link to: each once as its newest copy, not archived,
    newest plan first, as (id, "2026:12 Title – Pågående")."""
    with db.session() as s:
        successor = _successors(s)
        rows = s.exec(select(d.Measure, d.ActionPlan.year).join(d.ActionPlan, d.ActionPlan.id == d.Measure.action_plan_id)
                      .where(d.Measure.archived == sa.false())
                      .order_by(d.ActionPlan.year.desc(), d.Measure.number)).all()
    return [(m.id, f"{year}:{m.number} {m.title} – {m.status.label}") for m, year in rows if m.id not in successor]


# --------------------------------------------------------------------------- writing


def _refused(name: str, label: str, message: str) -> ValidationError:
    return ValidationError([FieldError(name, label, message)])


def _set_parties(s: Session, table: str, ident: int, organisation_ids: Iterable[int]) -> list[int]:
    """Replace the parties; returns the previous organisation ids (for undo)."""
    column = getattr(d.AgreementParty, PARENT_COLUMN[table])
    old = [p.organisation_id for p in s.exec(select(d.AgreementParty).where(column == ident)
                                             .order_by(d.AgreementParty.id)).all()]
    wanted = list(dict.fromkeys(organisation_ids))
    known = set(s.exec(select(d.Organisation.id).where(d.Organisation.id.in_(wanted))).all()) if wanted else set()
    if set(wanted) - known:
        raise _refused("parties", _("Parties"), _("One of the chosen organisations no longer exists."))
    if old != wanted:
        s.execute(sa.delete(d.AgreementParty).where(column == ident))
        for org in wanted:
            s.add(d.AgreementParty(**{PARENT_COLUMN[table]: ident, "organisation_id": org}))
    return old


def create_agreement(db: Database, table: str, values: Mapping[str, Any], parties: Iterable[int] = (),
                     ident: int | None = None) -> SQLModel:
    """A new citizen promise or agreement with its parties (`ident`: the id to reuse on redo)."""
    model = MODELS[table]
    fields = {k: v for k, v in values.items() if k in AGREEMENT_FIELDS}
    obj = model(id=ident, **fields)
    with db.session() as s:
        validators.validate(obj, s)
        s.add(obj)
        s.flush()
        _set_parties(s, table, obj.id, parties)
        s.commit()
        s.refresh(obj)
        return obj


def update_agreement(db: Database, table: str, ident: int, changes: Mapping[str, Any],
                     parties: Iterable[int] | None = None) -> tuple[dict[str, Any], list[int] | None]:
    """Change fields and (when given) the parties; returns the old values and parties."""
    model = MODELS[table]
    with db.session() as s:
        obj = s.get(model, ident)
        if obj is None:
            raise crud.NotFound(model, ident)
        old = {}
        for name, value in changes.items():
            if name not in AGREEMENT_FIELDS:
                raise AttributeError(name)
            old[name] = getattr(obj, name)
            setattr(obj, name, value)
        validators.validate(obj, s)
        old_parties = _set_parties(s, table, ident, parties) if parties is not None else None
        s.commit()
        return old, old_parties


def delete_agreement(db: Database, table: str, ident: int) -> crud.Snapshot:
    """With its parties, undertakings, notes and links (restore() puts them back). Refused
    while a measure names it as its origin."""
    return crud.delete(db, MODELS[table], ident)


def _set_links(s: Session, undertaking_id: int, measure_ids: Iterable[int]) -> list[int]:
    old = sorted(s.exec(select(d.UndertakingMeasure.measure_id)
                        .where(d.UndertakingMeasure.undertaking_id == undertaking_id)).all())
    wanted = sorted(set(measure_ids))
    known = set(s.exec(select(d.Measure.id).where(d.Measure.id.in_(wanted))).all()) if wanted else set()
    if set(wanted) - known:
        raise _refused("measures", _("Measures"), _("One of the chosen measures no longer exists."))
    if old != wanted:
        s.execute(sa.delete(d.UndertakingMeasure).where(d.UndertakingMeasure.undertaking_id == undertaking_id))
        for mid in wanted:
            s.add(d.UndertakingMeasure(undertaking_id=undertaking_id, measure_id=mid))
    return old


def create_undertaking(db: Database, table: str, agreement_id: int, values: Mapping[str, Any],
                       measure_ids: Iterable[int] = (), ident: int | None = None, *,
                       today: dt.date | None = None) -> d.Undertaking:
    """A new undertaking, numbered after the last of its agreement, added on `today`
    (or `values["created"]`): a report for a period over before then leaves it out."""
    column = PARENT_COLUMN[table]
    created = values.get("created") or today or dt.date.today()
    with db.session() as s:
        if s.get(MODELS[table], agreement_id) is None:
            raise crud.NotFound(MODELS[table], agreement_id)
        last = s.exec(select(sa.func.max(d.Undertaking.number))
                      .where(getattr(d.Undertaking, column) == agreement_id)).one()
        obj = d.Undertaking(id=ident, number=(last or 0) + 1, text=values.get("text", ""),
                            organisation_id=values.get("organisation_id"), created=created,
                            **{column: agreement_id})
        validators.validate(obj, s)
        s.add(obj)
        s.flush()
        _set_links(s, obj.id, measure_ids)
        s.commit()
        s.refresh(obj)
        return obj


def update_undertaking(db: Database, ident: int, changes: Mapping[str, Any],
                       measure_ids: Iterable[int] | None = None) -> tuple[dict[str, Any], list[int] | None]:
    """Change its text, party or the day it began to apply and (when given) its linked
    measures; returns the old ones."""
    with db.session() as s:
        obj = s.get(d.Undertaking, ident)
        if obj is None:
            raise crud.NotFound(d.Undertaking, ident)
        old = {}
        for name, value in changes.items():
            if name not in ("text", "organisation_id", "created"):
                raise AttributeError(name)
            old[name] = getattr(obj, name)
            setattr(obj, name, value)
        validators.validate(obj, s)
        old_links = _set_links(s, ident, measure_ids) if measure_ids is not None else None
        s.commit()
        return old, old_links


def delete_undertaking(db: Database, ident: int) -> crud.Snapshot:
    return crud.delete(db, d.Undertaking, ident)


def add_note(db: Database, undertaking_id: int, values: Mapping[str, Any], ident: int | None = None
             ) -> d.UndertakingNote:
    """A dated follow-up: what was done and the undertaking's status after it."""
    note = d.UndertakingNote(id=ident, undertaking_id=undertaking_id, noted_on=values.get("noted_on"),
                             status=values.get("status") or UndertakingStatus.ONGOING,
                             text=values.get("text", ""), author=values.get("author", "") or "")
    with db.session() as s:
        if s.get(d.Undertaking, undertaking_id) is None:
            raise crud.NotFound(d.Undertaking, undertaking_id)
        validators.validate(note, s)
        s.add(note)
        s.commit()
        s.refresh(note)
        return note


def delete_note(db: Database, ident: int) -> crud.Snapshot:
    return crud.delete(db, d.UndertakingNote, ident)
