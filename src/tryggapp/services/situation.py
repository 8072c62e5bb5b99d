"""The lägesbild and the EST intake: the use cases behind the Lägesbild section.

A picture (period, analysis) has sources (kind, owner, date, note) and findings (text,
severity, area of the municipality). A finding prioritises focus areas, is answered by
measures and may rest on EST reports, all many to many; a measure whose origin is the
finding (measure.origin_finding_id, set in the action plan) answers it too. EST reports
are dated; a picture shows those its period covers, and "Skapa åtgärd" makes a measure
of one (est_report.measure_id links back).

Every write validates first (Swedish messages per field) and returns what its undo
needs: the created record, the old values, or a crud.Snapshot. `ident` re-creates a
record with the same id on redo."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, select

from tryggapp import domain as d
from tryggapp.domain import rules
from tryggapp.domain.enums import MeasureStatus, Priority
from tryggapp.domain.situation import EstKind, ReporterKind, SourceKind
from tryggapp.i18n import _
from tryggapp.services import crud, measures, validators
from tryggapp.services.validation import Checker, FieldError, ValidationError
from tryggapp.storage import Database

LINKS = ("focus_area_ids", "measure_ids", "est_ids")


# --------------------------------------------------------------------------- rows


@dataclass(frozen=True)
class PictureRow:
    id: int
    title: str
    period_from: dt.date
    period_to: dt.date
    decided_on: dt.date | None
    analysis: str
    findings: int
    sources: int
    est_reports: int


@dataclass(frozen=True)
class SourceRow:
    id: int
    kind: SourceKind
    owner: str
    dated: dt.date | None
    note: str
    version: int = 1  # the row version an edit in the window is based on (storage.versions)


@dataclass(frozen=True)
class MeasureLink:
    id: int
    ref: str  # "2026:12"
    title: str
    status: MeasureStatus
    status_key: str  # rules.STATUS_ORDER key: "late" replaces an open status
    responsible: str


@dataclass(frozen=True)
class FindingRow:
    id: int
    number: int
    title: str
    description: str
    severity: Priority
    area: str
    focus_areas: tuple[tuple[int, str], ...]  # (id, "3 Trygg stadsmiljö")
    measures: tuple[MeasureLink, ...]
    est_ids: tuple[int, ...]
    linked_measure_ids: tuple[int, ...]  # the links one may remove (not the origin ones)
    version: int = 1  # the row version an edit in the window is based on (storage.versions)


@dataclass(frozen=True)
class EstRow:
    id: int
    reported_on: dt.date
    reporter_kind: ReporterKind
    organisation_id: int | None
    organisation: str
    place: str
    kind: EstKind
    description: str
    measure_id: int | None
    measure: str  # "2026:14 Sanera klotter", or ""
    version: int = 1  # the row version an edit in the window is based on (storage.versions)

    @property
    def reporter(self) -> str:
        return self.organisation or self.reporter_kind.label


@dataclass(frozen=True)
class PictureDetail:
    picture: d.SituationPicture
    sources: tuple[SourceRow, ...]
    findings: tuple[FindingRow, ...]
    est: tuple[EstRow, ...]  # the reports its period covers, oldest first


@dataclass(frozen=True)
class EstSummary:
    """EST reports of a period counted by kind, by place and by both."""

    start: dt.date
    end: dt.date
    total: int
    by_kind: tuple[tuple[EstKind, int], ...]  # most first
    by_place: tuple[tuple[str, int], ...]  # most first, then by name
    by_kind_and_place: tuple[tuple[EstKind, str, int], ...]


# --------------------------------------------------------------------------- pictures


def picture_rows(db: Database) -> list[PictureRow]:
    with db.session() as s:
        findings = Counter(s.exec(select(d.SituationFinding.situation_picture_id)).all())
        sources = Counter(s.exec(select(d.SituationSource.situation_picture_id)).all())
        dates = list(s.exec(select(d.EstReport.reported_on)).all())
        pictures = s.exec(select(d.SituationPicture).order_by(d.SituationPicture.period_to.desc(),
                                                              d.SituationPicture.id.desc())).all()
        return [PictureRow(p.id, p.title, p.period_from, p.period_to, p.decided_on, p.analysis,
                           findings.get(p.id, 0), sources.get(p.id, 0),
                           sum(p.period_from <= day <= p.period_to for day in dates)) for p in pictures]


def _check_picture(p: d.SituationPicture) -> None:
    c = Checker()
    c.title("title", _("Title"), p.title)
    c.required("period_from", _("Period from"), p.period_from)
    c.required("period_to", _("Period to"), p.period_to)
    if p.period_from is not None and p.period_to is not None and p.period_to < p.period_from:
        c.add("period_to", _("Period to"), _("The period cannot end before it starts."))
    c.raise_if_any()


def create_picture(db: Database, values: Mapping[str, Any], *, ident: int | None = None) -> d.SituationPicture:
    picture = d.SituationPicture(id=ident, **_only(values, ("title", "period_from", "period_to", "analysis",
                                                            "decided_on")))
    _check_picture(picture)
    return crud.create(db, picture)


def update_picture(db: Database, picture_id: int, changes: Mapping[str, Any]) -> dict[str, Any]:
    picture = crud.get(db, d.SituationPicture, picture_id)
    for name, value in changes.items():
        setattr(picture, name, value)
    _check_picture(picture)
    return crud.update(db, d.SituationPicture, picture_id, changes)


def delete_picture(db: Database, picture_id: int) -> crud.Snapshot:
    """With its sources and findings (and their links). Refused while a measure has one of
    its findings as origin (crud.InUse names it)."""
    with db.session() as s:
        ids = list(s.exec(select(d.SituationFinding.id).where(
            d.SituationFinding.situation_picture_id == picture_id)).all())
        used = s.exec(select(sa.func.count()).select_from(d.Measure).where(
            d.Measure.origin_finding_id.in_(ids))).one() if ids else 0  # type: ignore[union-attr]
    if used:
        raise ValidationError([FieldError("picture", _("Situation picture"), _(
            "The situation picture cannot be deleted: {n} measures of the action plan have one of its findings as "
            "their origin. Change their origin first.").format(n=used))])
    return crud.delete(db, d.SituationPicture, picture_id)


def picture_detail(db: Database, picture_id: int, today: dt.date) -> PictureDetail:
    with db.session() as s:
        picture = s.get(d.SituationPicture, picture_id)
        if picture is None:
            raise crud.NotFound(d.SituationPicture, picture_id)
        sources = tuple(SourceRow(r.id, r.kind, r.owner, r.dated, r.note, r.version) for r in s.exec(
            select(d.SituationSource).where(d.SituationSource.situation_picture_id == picture_id)
            .order_by(d.SituationSource.dated.is_(None), d.SituationSource.dated, d.SituationSource.id)).all())
        findings = tuple(_finding_rows(s, [picture_id], today))
        est = tuple(_est_rows(s, picture.period_from, picture.period_to))
    return PictureDetail(picture, sources, findings, est)


def picture_covering(db: Database, day: dt.date) -> d.SituationPicture | None:
    """The newest lägesbild whose period covers `day`."""
    with db.session() as s:
        return s.exec(select(d.SituationPicture).where(d.SituationPicture.period_from <= day,
                                                       d.SituationPicture.period_to >= day)
                      .order_by(d.SituationPicture.period_to.desc(), d.SituationPicture.id.desc())).first()


# --------------------------------------------------------------------------- sources


def _source(picture_id: int, values: Mapping[str, Any], ident: int | None) -> d.SituationSource:
    data = _only(values, ("kind", "owner", "dated", "note"))
    data["kind"] = SourceKind(data.get("kind") or SourceKind.OTHER)
    for name in ("owner", "note"):
        data[name] = (data.get(name) or "").strip()
    source = d.SituationSource(id=ident, situation_picture_id=picture_id, **data)
    c = Checker()
    c.title("owner", _("Owner"), source.owner, required=False)
    if not source.note and not source.owner:
        c.add("note", _("Note"), _("Say what the source is: fill in “{note}” or “{owner}”.").format(
            note=_("Note"), owner=_("Owner")))
    c.raise_if_any()
    return source


def add_source(db: Database, picture_id: int, values: Mapping[str, Any], *,
               ident: int | None = None) -> d.SituationSource:
    crud.get(db, d.SituationPicture, picture_id)
    return crud.create(db, _source(picture_id, values, ident))


def update_source(db: Database, source_id: int, values: Mapping[str, Any]) -> dict[str, Any]:
    old = crud.get(db, d.SituationSource, source_id)
    new = _source(old.situation_picture_id, {**crud.values_of(old), **values}, source_id)
    changes = {k: getattr(new, k) for k in ("kind", "owner", "dated", "note") if k in values}
    return crud.update(db, d.SituationSource, source_id, changes)


def delete_source(db: Database, source_id: int) -> crud.Snapshot:
    return crud.delete(db, d.SituationSource, source_id)


# --------------------------------------------------------------------------- findings


def _measure_links(s: Session, finding_ids: Sequence[int], today: dt.date) -> dict[int, list[MeasureLink]]:
    """The measures answering each finding: linked ones and those with it as origin; a
    measure carried over to a later plan counts as its newest copy (rules.newest_copies)."""
    if not finding_ids:
        return {}
    pairs = set(s.exec(select(d.FindingMeasure.finding_id, d.FindingMeasure.measure_id)
                       .where(d.FindingMeasure.finding_id.in_(finding_ids))).all())  # type: ignore[attr-defined]
    pairs |= set(s.exec(select(d.Measure.origin_finding_id, d.Measure.id).where(
        d.Measure.origin_finding_id.in_(finding_ids))).all())  # type: ignore[union-attr]
    ids = {m for _f, m in pairs}
    if not ids:
        return {}
    rows = s.exec(select(d.Measure, d.ActionPlan.year, d.Person.name)
                  .join(d.ActionPlan, d.ActionPlan.id == d.Measure.action_plan_id)
                  .join(d.Person, d.Person.id == d.Measure.responsible_person_id, isouter=True)).all()
    by_id = {m.id: (m, year, who) for m, year, who in rows}
    # Follow each answering measure to its newest copy (carried over from plan to plan).
    newest: dict[int, int] = {}
    later = {m.carried_over_from_id: m.id for m, _y, _w in by_id.values() if m.carried_over_from_id}
    for ident in ids:
        cur = ident
        while cur in later:
            cur = later[cur]
        newest[ident] = cur
    out: dict[int, list[MeasureLink]] = {}
    for finding_id, measure_id in sorted(pairs):
        m, year, who = by_id[newest[measure_id]]
        link = MeasureLink(m.id, f"{year}:{m.number}", m.title, m.status,
                           rules.status_key(m.status, m.deadline, today), who or "")
        seen = out.setdefault(finding_id, [])
        if all(x.id != link.id for x in seen):
            seen.append(link)
    for links in out.values():
        links.sort(key=lambda x: (x.ref.split(":")[0], int(x.ref.split(":")[1])))
    return out


def _finding_rows(s: Session, picture_ids: Sequence[int], today: dt.date) -> list[FindingRow]:
    findings = s.exec(select(d.SituationFinding).where(d.SituationFinding.situation_picture_id.in_(picture_ids))
                      .order_by(d.SituationFinding.number, d.SituationFinding.id)).all()  # type: ignore[attr-defined]
    ids = [f.id for f in findings]
    if not ids:
        return []
    areas: dict[int, list[tuple[int, str]]] = {}
    for link, fa in s.exec(select(d.FindingFocusArea, d.FocusArea)
                           .join(d.FocusArea, d.FocusArea.id == d.FindingFocusArea.focus_area_id)
                           .where(d.FindingFocusArea.finding_id.in_(ids))  # type: ignore[attr-defined]
                           .order_by(d.FocusArea.number, d.FocusArea.title)).all():
        areas.setdefault(link.finding_id, []).append((fa.id, rules.focus_area_label(fa.number, fa.title)))
    est: dict[int, list[int]] = {}
    for link in s.exec(select(d.FindingEst).where(d.FindingEst.finding_id.in_(ids))).all():  # type: ignore[attr-defined]
        est.setdefault(link.finding_id, []).append(link.est_report_id)
    linked: dict[int, list[int]] = {}
    for link in s.exec(select(d.FindingMeasure).where(d.FindingMeasure.finding_id.in_(ids))).all():  # type: ignore[attr-defined]
        linked.setdefault(link.finding_id, []).append(link.measure_id)
    answers = _measure_links(s, ids, today)
    return [FindingRow(f.id, f.number, f.title, f.description, f.priority, f.area, tuple(areas.get(f.id, ())),
                       tuple(answers.get(f.id, ())), tuple(sorted(est.get(f.id, ()))),
                       tuple(sorted(linked.get(f.id, ()))), f.version) for f in findings]


def finding_row(db: Database, finding_id: int, today: dt.date) -> FindingRow:
    with db.session() as s:
        finding = s.get(d.SituationFinding, finding_id)
        if finding is None:
            raise crud.NotFound(d.SituationFinding, finding_id)
        return next(r for r in _finding_rows(s, [finding.situation_picture_id], today) if r.id == finding_id)


_FINDING_FIELDS = ("number", "title", "description", "priority", "area", "source")


def _set_links(s: Session, finding: d.SituationFinding, values: Mapping[str, Any]) -> None:
    if "focus_area_ids" in values:
        wanted = list(dict.fromkeys(values["focus_area_ids"] or ()))
        s.execute(sa.delete(d.FindingFocusArea.__table__).where(  # type: ignore[attr-defined]
            d.FindingFocusArea.finding_id == finding.id))
        for fa in wanted:
            s.add(d.FindingFocusArea(finding_id=finding.id, focus_area_id=fa))
        finding.focus_area_id = wanted[0] if wanted else None  # the first, for the column of 0001
        s.add(finding)
    if "measure_ids" in values:
        s.execute(sa.delete(d.FindingMeasure.__table__).where(  # type: ignore[attr-defined]
            d.FindingMeasure.finding_id == finding.id))
        for m in dict.fromkeys(values["measure_ids"] or ()):
            s.add(d.FindingMeasure(finding_id=finding.id, measure_id=m))
    if "est_ids" in values:
        s.execute(sa.delete(d.FindingEst.__table__).where(d.FindingEst.finding_id == finding.id))  # type: ignore[attr-defined]
        for e in dict.fromkeys(values["est_ids"] or ()):
            s.add(d.FindingEst(finding_id=finding.id, est_report_id=e))


def _clean_finding(values: Mapping[str, Any]) -> dict[str, Any]:
    data = _only(values, _FINDING_FIELDS)
    for name in ("title", "description", "area"):
        if name in data:
            data[name] = (data[name] or "").strip()
    if "priority" in data:
        data["priority"] = Priority(data["priority"] or Priority.MEDIUM)
    return data


def create_finding(db: Database, picture_id: int, values: Mapping[str, Any], *,
                   ident: int | None = None) -> d.SituationFinding:
    """A finding with the next number of its picture; `values` may hold focus_area_ids,
    measure_ids and est_ids."""
    data = _clean_finding(values)
    with db.session() as s:
        if s.get(d.SituationPicture, picture_id) is None:
            raise crud.NotFound(d.SituationPicture, picture_id)
        if data.get("number") is None:
            last = s.exec(select(sa.func.max(d.SituationFinding.number)).where(
                d.SituationFinding.situation_picture_id == picture_id)).one()
            data["number"] = (last or 0) + 1
        finding = d.SituationFinding(id=ident, situation_picture_id=picture_id, **data)
        validators.validate(finding, s)
        s.add(finding)
        s.flush()
        _set_links(s, finding, values)
        s.commit()
        s.refresh(finding)
        return finding


def update_finding(db: Database, finding_id: int, values: Mapping[str, Any]) -> dict[str, Any]:
    """Change fields and links; returns the old values of what `values` names (its undo)."""
    data = _clean_finding(values)
    with db.session() as s:
        finding = s.get(d.SituationFinding, finding_id)
        if finding is None:
            raise crud.NotFound(d.SituationFinding, finding_id)
        old: dict[str, Any] = {k: getattr(finding, k) for k in data}
        old.update(_links_of(s, finding_id, [k for k in LINKS if k in values]))
        for name, value in data.items():
            setattr(finding, name, value)
        validators.validate(finding, s)
        _set_links(s, finding, values)
        s.add(finding)
        s.commit()
        return old


def _links_of(s: Session, finding_id: int, which: Iterable[str]) -> dict[str, list[int]]:
    out: dict[str, list[int]] = {}
    for name in which:
        if name == "focus_area_ids":
            out[name] = list(s.exec(select(d.FindingFocusArea.focus_area_id).where(
                d.FindingFocusArea.finding_id == finding_id)).all())
        elif name == "measure_ids":
            out[name] = list(s.exec(select(d.FindingMeasure.measure_id).where(
                d.FindingMeasure.finding_id == finding_id)).all())
        elif name == "est_ids":
            out[name] = list(s.exec(select(d.FindingEst.est_report_id).where(
                d.FindingEst.finding_id == finding_id)).all())
    return out


def delete_finding(db: Database, finding_id: int) -> crud.Snapshot:
    """Refused while a measure has it as origin (crud.InUse names the measure)."""
    return crud.delete(db, d.SituationFinding, finding_id)


def finding_measure_proposal(db: Database, finding_id: int, today: dt.date) -> dict[str, Any]:
    """What "Skapa åtgärd" on a finding proposes: its title, its description with where it
    comes from, the first focus area it prioritises, a deadline three months on."""
    finding = crud.get(db, d.SituationFinding, finding_id)
    picture = crud.get(db, d.SituationPicture, finding.situation_picture_id)
    with db.session() as s:
        focus = s.exec(select(d.FindingFocusArea.focus_area_id)
                       .where(d.FindingFocusArea.finding_id == finding_id)
                       .order_by(d.FindingFocusArea.focus_area_id)).first()
    description = _("From finding {number} of the situation picture “{picture}”: {text}").format(
        number=finding.number, picture=picture.title, text=finding.description).strip()
    return {"title": finding.title, "description": description, "deadline": today + dt.timedelta(days=91),
            "year": today.year, "focus_area_id": finding.focus_area_id or focus}


def measure_from_finding(db: Database, finding_id: int, values: Mapping[str, Any], *, year: int,
                         today: dt.date, ident: int | None = None) -> d.Measure:
    """A measure in `year`'s action plan answering the finding: the finding is its origin
    (measure.origin_finding_id), so it answers the finding without a link row, and the
    finding's list shows it. Undo: measures.delete_measure."""
    crud.get(db, d.SituationFinding, finding_id)
    data = {k: v for k, v in dict(values).items() if k != "year"}
    c = Checker()
    c.title("title", _("Measure"), data.get("title"))
    c.raise_if_any()
    data["origin_finding_id"] = finding_id
    return measures.create_measure(db, year, data, today=today, ident=ident)


# --------------------------------------------------------------------------- EST


def _est_rows(s: Session, start: dt.date | None = None, end: dt.date | None = None,
              ids: Iterable[int] | None = None) -> list[EstRow]:
    stmt = (select(d.EstReport, d.Organisation.name, d.Measure, d.ActionPlan.year)
            .join(d.Organisation, d.Organisation.id == d.EstReport.organisation_id, isouter=True)
            .join(d.Measure, d.Measure.id == d.EstReport.measure_id, isouter=True)
            .join(d.ActionPlan, d.ActionPlan.id == d.Measure.action_plan_id, isouter=True))
    if start is not None:
        stmt = stmt.where(d.EstReport.reported_on >= start)
    if end is not None:
        stmt = stmt.where(d.EstReport.reported_on <= end)
    if ids is not None:
        stmt = stmt.where(d.EstReport.id.in_(list(ids)))  # type: ignore[union-attr]
    stmt = stmt.order_by(d.EstReport.reported_on, d.EstReport.id)
    return [EstRow(r.id, r.reported_on, r.reporter_kind, r.organisation_id, org or "", r.place, r.kind,
                   r.description, r.measure_id, f"{year}:{m.number} {m.title}" if m is not None else "", r.version)
            for r, org, m, year in s.exec(stmt).all()]


def est_rows(db: Database, start: dt.date | None = None, end: dt.date | None = None) -> list[EstRow]:
    with db.session() as s:
        return _est_rows(s, start, end)


def est_row(db: Database, est_id: int) -> EstRow:
    with db.session() as s:
        rows = _est_rows(s, ids=[est_id])
    if not rows:
        raise crud.NotFound(d.EstReport, est_id)
    return rows[0]


_EST_FIELDS = ("reported_on", "reporter_kind", "organisation_id", "place", "kind", "description")


def _est(values: Mapping[str, Any], ident: int | None) -> d.EstReport:
    data = _only(values, _EST_FIELDS)
    data["place"] = (data.get("place") or "").strip()
    data["description"] = (data.get("description") or "").strip()
    data["reporter_kind"] = ReporterKind(data.get("reporter_kind") or ReporterKind.MUNICIPAL)
    data["kind"] = EstKind(data.get("kind") or EstKind.OTHER)
    report = d.EstReport(id=ident, **data)
    c = Checker()
    c.required("reported_on", _("Date"), report.reported_on)
    c.title("place", _("Place"), report.place)
    c.raise_if_any()
    return report


def create_est(db: Database, values: Mapping[str, Any], *, today: dt.date, ident: int | None = None) -> d.EstReport:
    """An EST report; a date after `today` is refused (a report tells what happened)."""
    report = _est(values, ident)
    if report.reported_on > today:
        raise ValidationError([FieldError("reported_on", _("Date"), _(
            "An EST report tells what has happened: the date cannot be after today ({today}).").format(
            today=today.isoformat()))])
    return crud.create(db, report)


def update_est(db: Database, est_id: int, changes: Mapping[str, Any]) -> dict[str, Any]:
    old = crud.get(db, d.EstReport, est_id)
    new = _est({**crud.values_of(old), **changes}, est_id)
    return crud.update(db, d.EstReport, est_id, {k: getattr(new, k) for k in _EST_FIELDS if k in changes})


def delete_est(db: Database, est_id: int) -> crud.Snapshot:
    return crud.delete(db, d.EstReport, est_id)


def est_measure_proposal(db: Database, est_id: int, today: dt.date) -> dict[str, Any]:
    """What "Skapa åtgärd" proposes: a title from the kind and place, the description,
    the reporting organisation as responsible, a deadline three months on."""
    row = est_row(db, est_id)
    deadline = today + dt.timedelta(days=91)
    description = _("From the EST report of {date} ({reporter}): {text}").format(
        date=row.reported_on.isoformat(), reporter=row.reporter, text=row.description).strip()
    return {"title": f"{row.kind.label}: {row.place}", "description": description, "deadline": deadline,
            "year": today.year, "responsible_organisation_id": row.organisation_id}


def measure_from_est(db: Database, est_id: int, values: Mapping[str, Any], *, year: int, today: dt.date,
                     ident: int | None = None) -> d.Measure:
    """A measure in `year`'s action plan made from the report, linked from it (measure_id).
    Undo: `undo_est_measure`."""
    report = crud.get(db, d.EstReport, est_id)
    if report.measure_id is not None:
        raise ValidationError([FieldError("measure_id", _("Measure"), _("This EST report already has a measure."))])
    data = {k: v for k, v in dict(values).items() if k != "year"}
    c = Checker()
    c.title("title", _("Measure"), data.get("title"))
    c.raise_if_any()
    measure = measures.create_measure(db, year, data, today=today, ident=ident)
    crud.update(db, d.EstReport, est_id, {"measure_id": measure.id})
    return measure


def undo_est_measure(db: Database, est_id: int, measure_id: int) -> None:
    crud.update(db, d.EstReport, est_id, {"measure_id": None})
    measures.delete_measure(db, measure_id)


def est_summary(db: Database, start: dt.date, end: dt.date) -> EstSummary:
    with db.session() as s:
        rows = s.exec(select(d.EstReport.kind, d.EstReport.place).where(
            d.EstReport.reported_on >= start, d.EstReport.reported_on <= end)).all()
    return summarise(start, end, [(EstKind(k), p) for k, p in rows])


def summarise(start: dt.date, end: dt.date, rows: Sequence[tuple[EstKind, str]]) -> EstSummary:
    """Counts by kind, by place and by both. Places are compared without case and outer
    spaces ("Busstationen" and "busstationen " are one place), shown as first written."""
    shown: dict[str, str] = {}
    for _kind, place in rows:
        shown.setdefault(place.strip().casefold(), place.strip())
    kinds = Counter(k for k, _p in rows)
    places = Counter(shown[p.strip().casefold()] for _k, p in rows)
    both = Counter((k, shown[p.strip().casefold()]) for k, p in rows)
    order = list(EstKind)
    return EstSummary(
        start, end, len(rows),
        tuple(sorted(kinds.items(), key=lambda kv: (-kv[1], order.index(kv[0])))),
        tuple(sorted(places.items(), key=lambda kv: (-kv[1], kv[0].casefold()))),
        tuple((k, p, n) for (k, p), n in sorted(both.items(), key=lambda kv: (order.index(kv[0][0]), -kv[1],
                                                                             kv[0][1].casefold()))))


# --------------------------------------------------------------------------- choices


def measure_choices(db: Database, today: dt.date) -> list[tuple[int, str]]:
    """Measures a finding can be answered by: the newest copy of each, newest plan first."""
    with db.session() as s:
        rows = s.exec(select(d.Measure, d.ActionPlan.year)
                      .join(d.ActionPlan, d.ActionPlan.id == d.Measure.action_plan_id)
                      .where(measures.newest_copy(), d.Measure.archived == False)  # noqa: E712
                      .order_by(d.ActionPlan.year.desc(), d.Measure.number)).all()
    return [(m.id, f"{year}:{m.number} {m.title}") for m, year in rows]


def _only(values: Mapping[str, Any], names: Iterable[str]) -> dict[str, Any]:
    return {k: v for k, v in values.items() if k in names}


# --------------------------------------------------------------------------- the report


@dataclass(frozen=True)
class ReportPicture:
    """The lägesbild part of the follow-up report: the picture current on the report's
    day (the newest one whose period covers it, else the newest before it), with the
    status of each answering measure on that day, and the EST summary of the period."""

    picture: PictureRow | None
    sources: tuple[SourceRow, ...]
    findings: tuple[FindingRow, ...]
    est: EstSummary


def report_data(db: Database, start: dt.date, end: dt.date, as_of: dt.date) -> ReportPicture:
    with db.session() as s:
        stmt = select(d.SituationPicture).where(d.SituationPicture.period_from <= as_of)
        picture = (s.exec(stmt.where(d.SituationPicture.period_to >= as_of)
                          .order_by(d.SituationPicture.period_to.desc(), d.SituationPicture.id.desc())).first()
                   or s.exec(stmt.order_by(d.SituationPicture.period_to.desc(),
                                           d.SituationPicture.id.desc())).first())
        rows = s.exec(select(d.EstReport.kind, d.EstReport.place).where(
            d.EstReport.reported_on >= start, d.EstReport.reported_on <= min(end, as_of))).all()
    summary = summarise(start, end, [(EstKind(k), p) for k, p in rows])
    if picture is None:
        return ReportPicture(None, (), (), summary)
    detail = picture_detail(db, picture.id, as_of)
    row = next(r for r in picture_rows(db) if r.id == picture.id)
    findings = tuple(_as_of(f, db, as_of) for f in detail.findings)
    return ReportPicture(row, detail.sources, findings, summary)


def _as_of(row: FindingRow, db: Database, as_of: dt.date) -> FindingRow:
    """The finding with each measure's status as its history gives it on `as_of`; a
    measure created after that day is left out (the report tells the period as it was)."""
    if not row.measures:
        return row
    ids = [m.id for m in row.measures]
    with db.session() as s:
        changes = s.exec(select(d.MeasureStatusChange).where(
            d.MeasureStatusChange.measure_id.in_(ids), d.MeasureStatusChange.changed_on <= as_of)  # type: ignore[attr-defined]
            .order_by(d.MeasureStatusChange.changed_on, d.MeasureStatusChange.id)).all()
        deadlines = {m.id: m.deadline for m in s.exec(select(d.Measure).where(d.Measure.id.in_(ids))).all()}  # type: ignore[union-attr]
    status: dict[int, MeasureStatus] = {}
    for c in changes:
        status[c.measure_id] = c.new_status
    kept = tuple(MeasureLink(m.id, m.ref, m.title, status[m.id],
                             rules.status_key(status[m.id], deadlines.get(m.id), as_of), m.responsible)
                 for m in row.measures if m.id in status)
    return FindingRow(row.id, row.number, row.title, row.description, row.severity, row.area, row.focus_areas,
                      kept, row.est_ids, row.linked_measure_ids, row.version)
