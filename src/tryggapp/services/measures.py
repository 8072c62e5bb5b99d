"""The action plan's measures: the flat rows the plan table shows, edits that keep the
status history, bulk edits, partners, the progress log, origins and the yearly revision.

Every write is one transaction and returns what its inverse needs, so the UI can wrap
it in a QUndoCommand (redo = the call, undo = the matching `undo_*` call)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import aliased
from sqlmodel import Session, select

from tryggapp import domain as d
from tryggapp.domain import rules
from tryggapp.domain.enums import MeasureStatus, OriginKind
from tryggapp.errors import UserError
from tryggapp.i18n import _
from tryggapp.services import crud, validators
from tryggapp.services.collation import sv_key, sv_sorted
from tryggapp.services.validation import FieldError, ValidationError
from tryggapp.storage import Database

# Fields an edit may change; the plan, id and carry-over link are set only by the
# service functions that own them.
EDITABLE = frozenset({
    "number", "title", "description", "focus_area_id", "responsible_person_id",
    "responsible_organisation_id", "start_date", "deadline", "status", "cancel_reason",
    "expected_effect", "origin_minutes_item_id", "origin_observation_id", "origin_finding_id",
    "origin_citizen_promise_id", "origin_agreement_id", "archived",
})

# Origin kind -> (measure column, table it points to).
ORIGIN_COLUMNS: dict[OriginKind, tuple[str, str]] = {
    OriginKind.MINUTES_ITEM: ("origin_minutes_item_id", "minutes_item"),
    OriginKind.OBSERVATION: ("origin_observation_id", "observation"),
    OriginKind.FINDING: ("origin_finding_id", "situation_finding"),
    OriginKind.CITIZEN_PROMISE: ("origin_citizen_promise_id", "citizen_promise"),
    OriginKind.AGREEMENT: ("origin_agreement_id", "cooperation_agreement"),
}

# Tables whose rows a change in this module may touch (what the UI broadcasts).
TABLES = frozenset({"measure", "measure_note", "measure_status_change", "measure_partner", "action_plan"})


# --------------------------------------------------------------------------- rows


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a measure comes from, and the record to open for it."""

    kind: OriginKind = OriginKind.NONE
    label: str = ""
    table: str | None = None
    record_id: int | None = None


@dataclass(frozen=True, slots=True)
class MeasureRow:
    """One row of the plan table, everything resolved to display text."""

    id: int
    plan_id: int
    year: int
    number: int
    title: str
    description: str
    expected_effect: str
    focus_area_id: int | None
    focus_area_number: int | None
    focus_area: str  # "3 Trygg stadsmiljö"
    responsible_person_id: int | None
    responsible_person: str
    responsible_organisation_id: int | None
    responsible_organisation: str
    partners: tuple[str, ...]
    start_date: dt.date | None
    deadline: dt.date | None
    status: MeasureStatus
    cancel_reason: str
    late: bool
    latest_note: str
    latest_note_on: dt.date | None
    carried_over_from_id: int | None
    carried_over_from_year: int | None
    origin: Origin
    # The row version it was read at: an edit based on it is refused once someone else
    # has saved the measure since (storage.versions).
    version: int = 1

    @property
    def carried_over(self) -> bool:
        return self.carried_over_from_id is not None


def origin_label(kind: OriginKind, **parts: Any) -> str:
    """The origin as the user reads it, e.g. '§ 14 Samordningsgruppen 2026: Belysning i
    Norrby' or 'Iakttagelse 4, Trygghetsvandring Centrum 2026-10-02'."""
    if kind == OriginKind.MINUTES_ITEM:
        return _("§ {number} {group} {year}: {heading}").format(**parts)
    if kind == OriginKind.OBSERVATION:
        when = parts["date"].isoformat() if parts.get("date") else ""
        return _("Observation {number}, safety walk {area} {date}").format(
            number=parts["number"], area=parts["area"], date=when).strip()
    if kind == OriginKind.FINDING:
        return _("Finding {number} of the situation picture “{picture}”: {title}").format(**parts)
    if kind == OriginKind.CITIZEN_PROMISE:
        return _("Citizen promise: {title}").format(**parts)
    if kind == OriginKind.AGREEMENT:
        return _("Cooperation agreement: {title}").format(**parts)
    return ""


def _t(model: Any) -> sa.Table:
    return model.__table__  # type: ignore[no-any-return]


def _rows_statement(where: sa.ColumnElement[bool]) -> sa.Select:
    """All columns of the plan table in one statement (no query per row).

    The latest note is looked up along the carry-over chain, so a measure carried into a
    new year still shows where it stood until someone writes a new note."""
    m, ap = _t(d.Measure), _t(d.ActionPlan)
    fa, p, o = _t(d.FocusArea), _t(d.Person), _t(d.Organisation)
    n, mp = _t(d.MeasureNote), _t(d.MeasurePartner)
    mi, g = _t(d.MinutesItem), _t(d.Group)
    ob, w = _t(d.Observation), _t(d.SafetyWalk)
    f, sp = _t(d.SituationFinding), _t(d.SituationPicture)
    cp, ca = _t(d.CitizenPromise), _t(d.CooperationAgreement)
    prev, prev_plan, partner_org = m.alias("prev"), ap.alias("prev_plan"), o.alias("partner_org")

    # chain(measure_id, ancestor_id): each selected measure with itself and its predecessors.
    chain = (sa.select(m.c.id.label("measure_id"), m.c.id.label("ancestor_id"))
             .where(where).cte("chain", recursive=True))
    step = m.alias("step")
    chain = chain.union_all(
        sa.select(chain.c.measure_id, step.c.carried_over_from_id)
        .select_from(chain.join(step, step.c.id == chain.c.ancestor_id))
        .where(step.c.carried_over_from_id.is_not(None)))
    ranked = (
        sa.select(chain.c.measure_id, n.c.text, n.c.noted_on,
                  sa.func.row_number().over(partition_by=chain.c.measure_id,
                                            order_by=(n.c.noted_on.desc(), n.c.id.desc())).label("rn"))
        .select_from(chain.join(n, n.c.measure_id == chain.c.ancestor_id))
        .subquery("ranked"))
    partners = (
        sa.select(sa.func.aggregate_strings(partner_org.c.name, "\x1f"))  # group_concat or string_agg
        .select_from(mp.join(partner_org, partner_org.c.id == mp.c.organisation_id))
        .where(mp.c.measure_id == m.c.id)
        .scalar_subquery())
    joined = (
        m.join(ap, ap.c.id == m.c.action_plan_id)
        .outerjoin(fa, fa.c.id == m.c.focus_area_id)
        .outerjoin(p, p.c.id == m.c.responsible_person_id)
        .outerjoin(o, o.c.id == m.c.responsible_organisation_id)
        .outerjoin(ranked, sa.and_(ranked.c.measure_id == m.c.id, ranked.c.rn == 1))
        .outerjoin(prev, prev.c.id == m.c.carried_over_from_id)
        .outerjoin(prev_plan, prev_plan.c.id == prev.c.action_plan_id)
        .outerjoin(mi, mi.c.id == m.c.origin_minutes_item_id)
        .outerjoin(g, g.c.id == mi.c.group_id)
        .outerjoin(ob, ob.c.id == m.c.origin_observation_id)
        .outerjoin(w, w.c.id == ob.c.walk_id)
        .outerjoin(f, f.c.id == m.c.origin_finding_id)
        .outerjoin(sp, sp.c.id == f.c.situation_picture_id)
        .outerjoin(cp, cp.c.id == m.c.origin_citizen_promise_id)
        .outerjoin(ca, ca.c.id == m.c.origin_agreement_id)
    )
    return (
        sa.select(
            m, ap.c.year,
            fa.c.number.label("fa_number"), fa.c.title.label("fa_title"),
            p.c.name.label("person_name"), o.c.name.label("org_name"),
            partners.label("partner_names"),
            ranked.c.text.label("note_text"), ranked.c.noted_on.label("note_on"),
            prev_plan.c.year.label("prev_year"),
            mi.c.number.label("mi_number"), mi.c.year.label("mi_year"), mi.c.heading.label("mi_heading"),
            g.c.name.label("group_name"),
            ob.c.number.label("ob_number"), w.c.area.label("walk_area"), w.c.date.label("walk_date"),
            f.c.number.label("f_number"), f.c.title.label("f_title"), sp.c.title.label("sp_title"),
            cp.c.title.label("cp_title"), ca.c.title.label("ca_title"),
        )
        .select_from(joined)
        .where(where)
        .order_by(ap.c.year, m.c.number)
    )


def _origin_from(r: Mapping[str, Any]) -> Origin:
    if r["origin_minutes_item_id"] is not None:
        kind, rid = OriginKind.MINUTES_ITEM, r["origin_minutes_item_id"]
        label = origin_label(kind, number=r["mi_number"], group=r["group_name"] or "", year=r["mi_year"],
                             heading=r["mi_heading"])
    elif r["origin_observation_id"] is not None:
        kind, rid = OriginKind.OBSERVATION, r["origin_observation_id"]
        label = origin_label(kind, number=r["ob_number"], area=r["walk_area"] or "", date=r["walk_date"])
    elif r["origin_finding_id"] is not None:
        kind, rid = OriginKind.FINDING, r["origin_finding_id"]
        label = origin_label(kind, number=r["f_number"], picture=r["sp_title"] or "", title=r["f_title"])
    elif r["origin_citizen_promise_id"] is not None:
        kind, rid = OriginKind.CITIZEN_PROMISE, r["origin_citizen_promise_id"]
        label = origin_label(kind, title=r["cp_title"])
    elif r["origin_agreement_id"] is not None:
        kind, rid = OriginKind.AGREEMENT, r["origin_agreement_id"]
        label = origin_label(kind, title=r["ca_title"])
    else:
        return Origin()
    return Origin(kind, label, ORIGIN_COLUMNS[kind][1], rid)


def _row_from(r: Mapping[str, Any], today: dt.date) -> MeasureRow:
    status = MeasureStatus(r["status"])
    partners = tuple(sorted(r["partner_names"].split("\x1f"), key=sv_key)) if r["partner_names"] else ()
    return MeasureRow(
        id=r["id"], plan_id=r["action_plan_id"], year=r["year"], number=r["number"], title=r["title"],
        description=r["description"], expected_effect=r["expected_effect"],
        focus_area_id=r["focus_area_id"], focus_area_number=r["fa_number"],
        focus_area=rules.focus_area_label(r["fa_number"], r["fa_title"]),
        responsible_person_id=r["responsible_person_id"], responsible_person=r["person_name"] or "",
        responsible_organisation_id=r["responsible_organisation_id"],
        responsible_organisation=r["org_name"] or "",
        partners=partners, start_date=r["start_date"], deadline=r["deadline"], status=status,
        cancel_reason=r["cancel_reason"], late=rules.is_late(status, r["deadline"], today),
        latest_note=r["note_text"] or "", latest_note_on=r["note_on"],
        carried_over_from_id=r["carried_over_from_id"], carried_over_from_year=r["prev_year"],
        origin=_origin_from(r), version=r["version"],
    )


def newest_copy() -> sa.ColumnElement[bool]:
    """rules.newest_copies as SQL, for queries on `measure`: the row was not carried over
    into a later plan (no row names it in carried_over_from_id). The old year's row stays
    as it was, so without this a carried-over measure counts twice, or stays open for ever."""
    successor = aliased(d.Measure)
    return ~sa.exists().where(successor.carried_over_from_id == d.Measure.id)


def counted_rows(db: Database, years: Iterable[int], today: dt.date) -> list[MeasureRow]:
    """The measures of the plans of `years` as the start page and the follow-up report
    count them: not archived, each carried-over measure once as its newest copy among
    them (rules.newest_copies), ordered by plan year and number."""
    m, ap = _t(d.Measure), _t(d.ActionPlan)
    plan_ids = sa.select(ap.c.id).where(ap.c.year.in_(list(years)))
    return rules.newest_copies(_rows(db, sa.and_(m.c.action_plan_id.in_(plan_ids), m.c.archived == sa.false()),
                                     today))


def rows_for_year(db: Database, year: int, today: dt.date) -> list[MeasureRow]:
    """The plan table of one year, ordered by number."""
    m, ap = _t(d.Measure), _t(d.ActionPlan)
    plan_ids = sa.select(ap.c.id).where(ap.c.year == year).scalar_subquery()
    return _rows(db, m.c.action_plan_id == plan_ids, today)


def row(db: Database, measure_id: int, today: dt.date) -> MeasureRow:
    rows = _rows(db, _t(d.Measure).c.id == measure_id, today)
    if not rows:
        raise crud.NotFound(d.Measure, measure_id)
    return rows[0]


def _rows(db: Database, where: sa.ColumnElement[bool], today: dt.date) -> list[MeasureRow]:
    with db.session() as s:
        result = s.execute(_rows_statement(where)).mappings().all()
    return [_row_from(r, today) for r in result]


# --------------------------------------------------------------------------- plans


@dataclass(frozen=True, slots=True)
class PlanSummary:
    id: int
    year: int
    title: str
    measure_count: int
    previous_plan_id: int | None


def plans(db: Database) -> list[PlanSummary]:
    """Every action plan, oldest year first, with its number of measures."""
    ap, m = _t(d.ActionPlan), _t(d.Measure)
    stmt = (sa.select(ap.c.id, ap.c.year, ap.c.title, ap.c.previous_plan_id, sa.func.count(m.c.id))
            .select_from(ap.outerjoin(m, m.c.action_plan_id == ap.c.id))
            .group_by(ap.c.id).order_by(ap.c.year))
    with db.session() as s:
        return [PlanSummary(r[0], r[1], r[2], r[4], r[3]) for r in s.execute(stmt).all()]


def plan_for_year(db: Database, year: int) -> d.ActionPlan | None:
    with db.session() as s:
        return s.exec(select(d.ActionPlan).where(d.ActionPlan.year == year)).first()


def default_plan_title(year: int) -> str:
    return _("Action plan {year}").format(year=year)


def _latest_programme_id(s: Session) -> int | None:
    return s.exec(select(d.Programme.id).order_by(d.Programme.valid_from.desc(), d.Programme.id.desc())).first()


def ensure_plan_in(s: Session, year: int) -> d.ActionPlan:
    """The plan of `year` inside an open unit of work, added (flushed) if missing."""
    plan = s.exec(select(d.ActionPlan).where(d.ActionPlan.year == year)).first()
    if plan is None:
        previous = s.exec(select(d.ActionPlan).where(d.ActionPlan.year < year)
                          .order_by(d.ActionPlan.year.desc())).first()
        plan = d.ActionPlan(year=year, title=default_plan_title(year), programme_id=_latest_programme_id(s),
                            previous_plan_id=previous.id if previous else None)
        validators.validate(plan, s)
        s.add(plan)
        s.flush()
    return plan


def ensure_plan(db: Database, year: int) -> d.ActionPlan:
    """The plan of `year`, created (empty) if there is none yet."""
    with db.session() as s:
        plan = ensure_plan_in(s, year)
        s.commit()  # failures translated by Database.session
        return plan


def next_number(db: Database, plan_id: int) -> int:
    with db.session() as s:
        return _next_number(s, plan_id)


def _next_number(s: Session, plan_id: int) -> int:
    m = _t(d.Measure)
    top = s.execute(sa.select(sa.func.max(m.c.number)).where(m.c.action_plan_id == plan_id)).scalar()
    return (top or 0) + 1


# --------------------------------------------------------------------------- edits


@dataclass
class MeasureUndo:
    """What undoing an edit needs: the old values per measure id, and the status-history
    rows the edit added (undo removes them: the change never happened)."""

    old: dict[int, dict[str, Any]] = field(default_factory=dict)
    status_change_ids: list[int] = field(default_factory=list)


def _check_fields(changes: Mapping[str, Any]) -> None:
    unknown = set(changes) - EDITABLE
    if unknown:
        raise AttributeError(", ".join(sorted(unknown)))


def _apply(s: Session, measure: d.Measure, changes: Mapping[str, Any], today: dt.date,
           undo: MeasureUndo) -> list[d.MeasureStatusChange]:
    """Set `changes` on `measure`; returns the status-history row to add, if the status changed."""
    old: dict[str, Any] = {}
    new_status = changes.get("status", measure.status)
    status_changed = "status" in changes and MeasureStatus(new_status) != measure.status
    values = dict(changes)
    if status_changed and "cancel_reason" not in values:
        # The reason belongs to the status it explains; a new status starts without one.
        values["cancel_reason"] = ""
    history: list[d.MeasureStatusChange] = []
    if status_changed:
        history.append(d.MeasureStatusChange(
            measure_id=measure.id, changed_on=today, old_status=measure.status,
            new_status=MeasureStatus(new_status), reason=(values.get("cancel_reason") or "").strip()))
    for name, value in values.items():
        current = getattr(measure, name)
        if current != value:
            old[name] = current
            setattr(measure, name, value)
    if old:
        undo.old.setdefault(measure.id, {}).update(
            {k: v for k, v in old.items() if k not in undo.old.get(measure.id, {})})
    return history


def update_measure(db: Database, measure_id: int, changes: Mapping[str, Any], *, today: dt.date) -> MeasureUndo:
    """Change one measure's fields. A status change is recorded (dated `today`); 'Avbruten'
    needs `cancel_reason`. Raises ValidationError naming the fields, before writing."""
    return _update(db, [measure_id], changes, today, prefix_errors=False)


def bulk_update(db: Database, ids: Iterable[int], changes: Mapping[str, Any], today: dt.date) -> MeasureUndo:
    """Set the same `changes` (status, responsible, deadline...) on several measures in ONE
    transaction: either all are changed or none. Undo with `undo_changes`."""
    return _update(db, list(ids), changes, today, prefix_errors=True)


def set_status(db: Database, measure_id: int, status: MeasureStatus, *, on: dt.date,
               reason: str = "") -> MeasureUndo:
    """Change the status and keep the change, dated `on`, in the status history."""
    return _update(db, [measure_id], {"status": MeasureStatus(status), "cancel_reason": reason.strip()},
                   on, prefix_errors=False)


def _update(db: Database, ids: list[int], changes: Mapping[str, Any], today: dt.date, *,
            prefix_errors: bool) -> MeasureUndo:
    _check_fields(changes)
    undo = MeasureUndo()
    errors: list[FieldError] = []
    # Autoflush off throughout: loading the next row or a validator's query must not flush
    # a change the database would refuse with a bare constraint name before we explain it.
    with db.session() as s, s.no_autoflush:
        history: list[d.MeasureStatusChange] = []
        changed = []
        for ident in ids:
            measure = s.get(d.Measure, ident)
            if measure is None:
                raise crud.NotFound(d.Measure, ident)
            changed.append(measure)
            history += _apply(s, measure, changes, today, undo)
        for measure in changed:
            try:
                validators.validate(measure, s)
            except ValidationError as exc:
                if not prefix_errors:
                    raise
                errors += [FieldError(e.field, e.label, _("Measure {number}: {message}").format(
                    number=measure.number, message=e.message)) for e in exc.errors]
        if errors:
            raise ValidationError(errors)
        s.add_all(history)
        s.commit()  # failures translated by Database.session
        undo.status_change_ids = [h.id for h in history if h.id is not None]
    return undo


def undo_changes(db: Database, undo: MeasureUndo) -> None:
    """Put back the old values and drop the status-history rows the edit added."""
    with db.session() as s:
        for ident, old in undo.old.items():
            measure = s.get(d.Measure, ident)
            if measure is None:
                raise crud.NotFound(d.Measure, ident)
            for name, value in old.items():
                setattr(measure, name, value)
        if undo.status_change_ids:
            s.execute(sa.delete(_t(d.MeasureStatusChange))
                      .where(_t(d.MeasureStatusChange).c.id.in_(undo.status_change_ids)))
        s.commit()  # failures translated by Database.session


def validate_changes(db: Database, measure_id: int, changes: Mapping[str, Any]) -> None:
    """Raise the ValidationError `update_measure` would raise, without writing (for
    inline messages under the fields before an edit is pushed)."""
    _check_fields(changes)
    with db.session() as s, s.no_autoflush:
        measure = s.get(d.Measure, measure_id)
        if measure is None:
            raise crud.NotFound(d.Measure, measure_id)
        for name, value in changes.items():
            setattr(measure, name, value)
        try:
            validators.validate(measure, s)
        finally:
            s.expunge_all()
            s.rollback()


def create_measure(db: Database, year: int, values: Mapping[str, Any], *, today: dt.date,
                   ident: int | None = None) -> d.Measure:
    """Add a measure to `year`'s plan (created if missing) with the next free number
    unless `values` gives one. `ident` re-creates it with the same id (redo after undo).
    The first status is recorded in the history, dated `today`."""
    _check_fields(values)
    with db.session() as s:
        plan = ensure_plan_in(s, year)
        data = dict(values)
        data.setdefault("number", _next_number(s, plan.id))
        data["status"] = MeasureStatus(data.get("status", MeasureStatus.NOT_STARTED))
        measure = d.Measure(action_plan_id=plan.id, id=ident, **data)
        with s.no_autoflush:
            validators.validate(measure, s)
        s.add(measure)
        s.flush()
        s.add(d.MeasureStatusChange(measure_id=measure.id, changed_on=today, old_status=None,
                                    new_status=measure.status, reason=measure.cancel_reason))
        s.commit()  # failures translated by Database.session
        s.refresh(measure)
        return measure


def delete_measure(db: Database, measure_id: int) -> crud.Snapshot:
    """Delete a measure with its notes, partners and history (undo: crud.restore).
    Refused while a later year's plan carries it over."""
    return crud.delete(db, d.Measure, measure_id)


# --------------------------------------------------------------------------- partners and notes


def add_partner(db: Database, measure_id: int, organisation_id: int) -> bool:
    """Add a samverkanspartner; False if it was one already."""
    with db.session() as s:
        if s.get(d.MeasurePartner, (measure_id, organisation_id)) is not None:
            return False
        if s.get(d.Measure, measure_id) is None:
            raise crud.NotFound(d.Measure, measure_id)
        if s.get(d.Organisation, organisation_id) is None:
            raise crud.NotFound(d.Organisation, organisation_id)
        s.add(d.MeasurePartner(measure_id=measure_id, organisation_id=organisation_id))
        s.commit()  # failures translated by Database.session
        return True


def remove_partner(db: Database, measure_id: int, organisation_id: int) -> bool:
    """Remove a partner; False if it was not one."""
    with db.session() as s:
        link = s.get(d.MeasurePartner, (measure_id, organisation_id))
        if link is None:
            return False
        s.delete(link)
        s.commit()  # failures translated by Database.session
        return True


def add_note(db: Database, measure_id: int, text: str, *, on: dt.date, author: str = "",
             ident: int | None = None) -> d.MeasureNote:
    """Add a dated line to the progress log ('2026-05-12: Belysningen beställd')."""
    crud.get(db, d.Measure, measure_id)  # a clear NotFound rather than a foreign-key error
    return crud.create(db, d.MeasureNote(id=ident, measure_id=measure_id, noted_on=on, text=text.strip(),
                                         author=author))


def delete_note(db: Database, note_id: int) -> crud.Snapshot:
    return crud.delete(db, d.MeasureNote, note_id)


# --------------------------------------------------------------------------- detail


@dataclass(frozen=True, slots=True)
class NoteEntry:
    id: int
    measure_id: int
    noted_on: dt.date
    text: str
    author: str
    year: int  # the plan year the note was written under
    inherited: bool  # written on a predecessor in an earlier year's plan


@dataclass(frozen=True, slots=True)
class StatusEntry:
    id: int
    measure_id: int
    changed_on: dt.date
    old_status: MeasureStatus | None
    new_status: MeasureStatus
    reason: str
    year: int
    inherited: bool


@dataclass(frozen=True, slots=True)
class MeasureDetail:
    row: MeasureRow
    partners: list[tuple[int, str]]
    notes: list[NoteEntry]  # newest first
    history: list[StatusEntry]  # newest first
    carried_into: list[tuple[int, int]]  # (measure id, year) of its copies in later plans
    # The numbers the link shows ("Överförd till 2027 som 2027:3"): the copies' numbers in
    # the order of carried_into, and the predecessor's number in its own plan.
    carried_into_numbers: list[int] = field(default_factory=list)
    carried_from_number: int | None = None


def chain_ids(s: Session, measure_id: int) -> list[int]:
    """The measure and its predecessors (carried over from), newest first."""
    out, current = [], measure_id
    while current is not None and current not in out:
        out.append(current)
        current = s.execute(sa.select(_t(d.Measure).c.carried_over_from_id)
                            .where(_t(d.Measure).c.id == current)).scalar()
    return out


def detail(db: Database, measure_id: int, today: dt.date) -> MeasureDetail:
    """Everything the detail panel shows, including the history carried over from
    earlier years (it stays on the old rows; this follows carried_over_from_id)."""
    the_row = row(db, measure_id, today)
    m, ap = _t(d.Measure), _t(d.ActionPlan)
    n, h, mp, o = _t(d.MeasureNote), _t(d.MeasureStatusChange), _t(d.MeasurePartner), _t(d.Organisation)
    with db.session() as s:
        ids = chain_ids(s, measure_id)
        year_of = dict(s.execute(sa.select(m.c.id, ap.c.year).join(ap, ap.c.id == m.c.action_plan_id)
                                 .where(m.c.id.in_(ids))).all())
        notes = [NoteEntry(r.id, r.measure_id, r.noted_on, r.text, r.author, year_of[r.measure_id],
                           r.measure_id != measure_id)
                 for r in s.execute(sa.select(n).where(n.c.measure_id.in_(ids))
                                    .order_by(n.c.noted_on.desc(), n.c.id.desc())).all()]
        history = [StatusEntry(r.id, r.measure_id, r.changed_on,
                               MeasureStatus(r.old_status) if r.old_status else None,
                               MeasureStatus(r.new_status), r.reason, year_of[r.measure_id],
                               r.measure_id != measure_id)
                   for r in s.execute(sa.select(h).where(h.c.measure_id.in_(ids))
                                      .order_by(h.c.changed_on.desc(), h.c.id.desc())).all()]
        partners = sv_sorted([(r[0], r[1]) for r in s.execute(
            sa.select(o.c.id, o.c.name).join(mp, mp.c.organisation_id == o.c.id)
            .where(mp.c.measure_id == measure_id)).all()], lambda r: r[1])
        copies = s.execute(
            sa.select(m.c.id, ap.c.year, m.c.number).join(ap, ap.c.id == m.c.action_plan_id)
            .where(m.c.carried_over_from_id == measure_id).order_by(ap.c.year, m.c.id)).all()
        from_number = None
        if the_row.carried_over_from_id is not None:
            from_number = s.execute(sa.select(m.c.number).where(m.c.id == the_row.carried_over_from_id)).scalar()
    return MeasureDetail(the_row, partners, notes, history, [(r[0], r[1]) for r in copies],
                         [r[2] for r in copies], from_number)


@dataclass(frozen=True, slots=True)
class Choices:
    """What the pickers offer: (id, label) pairs, archived records left out."""

    focus_areas: list[tuple[int, str]]
    persons: list[tuple[int, str, int | None]]  # id, name, organisation id
    organisations: list[tuple[int, str]]


def choices(db: Database) -> Choices:
    with db.session() as s:
        fas = s.exec(select(d.FocusArea).where(d.FocusArea.archived == False)  # noqa: E712
                     .order_by(d.FocusArea.number, d.FocusArea.title)).all()
        # Names in Swedish order (services.collation), not in the engine's collation.
        people = sv_sorted(s.exec(select(d.Person).where(d.Person.archived == False)).all(),  # noqa: E712
                           lambda p: p.name)
        orgs = sv_sorted(s.exec(select(d.Organisation).where(d.Organisation.archived == False)).all(),  # noqa: E712
                         lambda o: o.name)
    return Choices([(f.id, rules.focus_area_label(f.number, f.title)) for f in fas],
                   [(p.id, p.name, p.organisation_id) for p in people],
                   [(o.id, o.name) for o in orgs])


# --------------------------------------------------------------------------- origins


def origin_candidates(db: Database, kind: OriginKind) -> list[tuple[int, str]]:
    """Records a measure can answer, of one kind, newest first, as (id, label)."""
    with db.session() as s:
        if kind == OriginKind.MINUTES_ITEM:
            rows = s.execute(sa.select(d.MinutesItem, d.Group.name).join(d.Group, d.Group.id == d.MinutesItem.group_id)
                             .order_by(d.MinutesItem.year.desc(), d.MinutesItem.number.desc())).all()
            return [(mi.id, origin_label(kind, number=mi.number, group=gname, year=mi.year, heading=mi.heading))
                    for mi, gname in rows]
        if kind == OriginKind.OBSERVATION:
            rows = s.execute(sa.select(d.Observation, d.SafetyWalk)
                             .join(d.SafetyWalk, d.SafetyWalk.id == d.Observation.walk_id)
                             .order_by(d.SafetyWalk.date.desc(), d.Observation.number)).all()
            return [(ob.id, f"{origin_label(kind, number=ob.number, area=w.area, date=w.date)}: {ob.place}")
                    for ob, w in rows]
        if kind == OriginKind.FINDING:
            rows = s.execute(sa.select(d.SituationFinding, d.SituationPicture.title)
                             .join(d.SituationPicture, d.SituationPicture.id == d.SituationFinding.situation_picture_id)
                             .order_by(d.SituationPicture.period_to.desc(), d.SituationFinding.number)).all()
            return [(f.id, origin_label(kind, number=f.number, picture=pt, title=f.title)) for f, pt in rows]
        if kind == OriginKind.CITIZEN_PROMISE:
            items = s.exec(select(d.CitizenPromise).order_by(d.CitizenPromise.period_from.desc())).all()
            return [(c.id, origin_label(kind, title=c.title)) for c in items]
        if kind == OriginKind.AGREEMENT:
            items = s.exec(select(d.CooperationAgreement).order_by(d.CooperationAgreement.period_from.desc())).all()
            return [(c.id, origin_label(kind, title=c.title)) for c in items]
    return []


def origin_changes(kind: OriginKind, record_id: int | None) -> dict[str, int | None]:
    """The measure columns that set the origin to one record (and clear the others)."""
    out: dict[str, int | None] = {col: None for col, _table in ORIGIN_COLUMNS.values()}
    if kind != OriginKind.NONE and record_id is not None:
        out[ORIGIN_COLUMNS[kind][0]] = record_id
    return out


# --------------------------------------------------------------------------- yearly revision


@dataclass(frozen=True, slots=True)
class Revision:
    """What `revise_into_new_year` made (undo: `undo_revision`)."""

    plan_id: int
    year: int
    carried: dict[int, int]  # old measure id -> new measure id
    created_plan: bool = True  # False: carried into a plan that already existed


def unfinished_count(db: Database, year: int) -> int:
    """Open measures of `year` not yet carried over to a later plan: what a revision would copy."""
    m, ap = _t(d.Measure), _t(d.ActionPlan)
    stmt = (sa.select(sa.func.count()).select_from(m.join(ap, ap.c.id == m.c.action_plan_id))
            .where(ap.c.year == year, m.c.status.in_([s.value for s in rules.OPEN_STATUSES]),
                   m.c.archived == False, newest_copy()))  # noqa: E712
    with db.session() as s:
        return int(s.execute(stmt).scalar_one())


def revise_into_new_year(db: Database, from_year: int, to_year: int, today: dt.date, *,
                         reuse: Revision | None = None) -> Revision:
    """Create `to_year`'s plan after `from_year`'s and carry the unfinished measures (not
    done, not cancelled) over: same number, fields and partners, a link to the old row
    (carried_over_from_id) that keeps the notes and status history. The old plan is not
    touched, so it stays readable as it was.

    `reuse` (the result of an earlier run that was undone) gives the plan and copies the
    same ids again, so later undo steps that name them still find them. `today` is the
    day of the revision; nothing is dated by it yet (no status changes: a carried-over
    measure keeps its status, and the new plan's decision date is set when it is decided)."""
    if to_year <= from_year:
        raise UserError(_("The new action plan must be for a later year than {year}.").format(year=from_year))
    with db.session() as s:
        old_plan = s.exec(select(d.ActionPlan).where(d.ActionPlan.year == from_year)).first()
        if old_plan is None:
            raise UserError(_("There is no action plan for {year}.").format(year=from_year))
        # The next year's plan may exist already (a measure was added to it, or it was
        # imported): carry into it then, rather than leave the unfinished measures behind.
        new_plan = s.exec(select(d.ActionPlan).where(d.ActionPlan.year == to_year)).first()
        created = new_plan is None
        if created:
            new_plan = d.ActionPlan(id=reuse.plan_id if reuse else None, year=to_year,
                                    title=default_plan_title(to_year),
                                    programme_id=old_plan.programme_id or _latest_programme_id(s),
                                    decided_by=old_plan.decided_by, previous_plan_id=old_plan.id)
            validators.validate(new_plan, s)
            s.add(new_plan)
            s.flush()
        used_numbers = set(s.exec(select(d.Measure.number).where(d.Measure.action_plan_id == new_plan.id)).all())
        # A measure already carried over (to this or any later plan) is not copied again.
        olds = s.exec(select(d.Measure).where(
            d.Measure.action_plan_id == old_plan.id, d.Measure.archived == False,  # noqa: E712
            d.Measure.status.in_(list(rules.OPEN_STATUSES)), newest_copy()).order_by(d.Measure.number)).all()
        if not created and not olds:
            raise UserError(_("The measures of {year} that are not finished are already in the plan for "
                              "{to}.").format(year=from_year, to=to_year))
        carried: dict[int, int] = {}
        skip = {"id", "action_plan_id", "carried_over_from_id", "number"}
        # Free numbers start after every number in play, so one clash does not renumber the rest.
        next_free = max(used_numbers | {o.number for o in olds}, default=0) + 1
        for old in olds:
            values = {k: v for k, v in crud.values_of(old).items() if k not in skip}
            # Keep the measure's number when the new plan has it free; else the next free one.
            if old.number in used_numbers:
                number, next_free = next_free, next_free + 1
            else:
                number = old.number
            used_numbers.add(number)
            new = d.Measure(**values, number=number, action_plan_id=new_plan.id, carried_over_from_id=old.id,
                            id=reuse.carried.get(old.id) if reuse else None)
            s.add(new)
            s.flush()
            carried[old.id] = new.id
        if carried:
            mp = _t(d.MeasurePartner)
            links = s.execute(sa.select(mp.c.measure_id, mp.c.organisation_id)
                              .where(mp.c.measure_id.in_(list(carried)))).all()
            for measure_id, org_id in links:
                s.add(d.MeasurePartner(measure_id=carried[measure_id], organisation_id=org_id))
        s.commit()  # failures translated by Database.session
        return Revision(new_plan.id, to_year, carried, created)


def undo_revision(db: Database, revision: Revision) -> None:
    """Remove the plan `revise_into_new_year` made, with its carried-over copies."""
    m = _t(d.Measure)
    with db.session() as s:
        s.execute(sa.delete(m).where(m.c.id.in_(list(revision.carried.values()))))
        if revision.created_plan:
            s.execute(sa.delete(_t(d.ActionPlan)).where(_t(d.ActionPlan).c.id == revision.plan_id))
        s.commit()  # failures translated by Database.session


def measure_ids_for_year(db: Database, year: int) -> list[int]:
    m, ap = _t(d.Measure), _t(d.ActionPlan)
    with db.session() as s:
        return list(s.execute(sa.select(m.c.id).join(ap, ap.c.id == m.c.action_plan_id)
                              .where(ap.c.year == year).order_by(m.c.number)).scalars())
