"""Minutes (protokoll): § items numbered in one series per group and calendar year,
decisions written as "att …" clauses, measures born from a decision, and justering.

Numbering: the items of a group's meetings in one year, taken in meeting order (date,
start time) and in their order within each meeting, are § 1, § 2 … with no gap. Every
change that adds, removes, moves an item or moves a meeting to another date renumbers
the series (`renumber`); the database's unique (group_id, year, number) holds all along
because changed numbers pass through a temporary range first.

Justering locks the minutes: their items, attendance and justering cannot change (the
services refuse with a message; triggers of revision 0004 refuse every other path). A
§ number of justerade minutes never changes either, so an edit that would shift one is
refused. Reopening needs a reason, kept in `minutes_reopening`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, select

from tryggapp import domain as d
from tryggapp.domain import rules
from tryggapp.domain.enums import LATE_LABEL, Attendance, MeasureStatus
from tryggapp.errors import UserError
from tryggapp.formatting import number as number_text
from tryggapp.i18n import _
from tryggapp.services import crud, measures, validators
from tryggapp.services.meetings import FOLLOW_UP_ITEM, MinutesLocked, agenda_lines
from tryggapp.services.validation import FieldError, ValidationError
from tryggapp.storage import Database

TEMP_OFFSET = 1_000_000  # numbers on their way to their place (above any real §)
ITEM_FIELDS = frozenset({"heading", "reference_number", "discussion", "decision"})


class NumberLocked(UserError):
    def __init__(self, number: int) -> None:
        super().__init__(_("The change would renumber § {number}, which is in approved (justerade) minutes. "
                           "Numbers of approved minutes never change: add the item to a later meeting, or "
                           "reopen the later minutes first.").format(number=number))


# --------------------------------------------------------------------------- numbering


def series(s: Session, group_id: int, year: int) -> list[tuple[d.MinutesItem, d.Minutes]]:
    """The group's items of `year` in § order: meeting by meeting, then within a meeting."""
    return list(s.exec(
        select(d.MinutesItem, d.Minutes).join(d.Minutes, d.Minutes.id == d.MinutesItem.minutes_id)
        .join(d.Meeting, d.Meeting.id == d.Minutes.meeting_id)
        .where(d.MinutesItem.group_id == group_id, d.MinutesItem.year == year)
        # A meeting without a time comes first that day, on both engines (PostgreSQL puts
        # NULL last by default, and cannot coalesce a time with '').
        .order_by(d.Meeting.date, d.Meeting.start_time.asc().nulls_first(), d.Meeting.id,
                  d.MinutesItem.number)).all())


MAX_FIRST_NUMBER = 9999  # far below TEMP_OFFSET, far above any year's paragraphs


def series_start(s: Session, group_id: int, year: int) -> int:
    """The first § number of the group's series in `year`: 1 unless the series continues
    from minutes kept outside Tryggapp (`set_series_start`)."""
    first = s.exec(select(d.MinutesSeriesStart.first_number).where(
        d.MinutesSeriesStart.group_id == group_id, d.MinutesSeriesStart.year == year)).first()
    return first or 1


def renumber(s: Session, group_id: int, year: int) -> None:
    """Number the series § first … n without gaps (first: `series_start`, usually 1), in
    the order `series` gives; refused (before anything is written) if a locked item's
    number would change."""
    rows = series(s, group_id, year)
    first = series_start(s, group_id, year)
    changes = [(item, n) for n, (item, minutes) in enumerate(rows, start=first) if item.number != n]
    for item, _n in changes:
        minutes = s.get(d.Minutes, item.minutes_id)
        if minutes.locked_at is not None:
            raise NumberLocked(item.number if item.number < TEMP_OFFSET else _n)
    for item, n in changes:  # first out of the way (unique numbers above all real ones) ...
        item.number = 2 * TEMP_OFFSET + n
    s.flush()
    for item, n in changes:  # ... then into place
        item.number = n
    s.flush()


def first_number(db: Database, group_id: int, year: int) -> int:
    with db.session() as s:
        return series_start(s, group_id, year)


def _span(numbers: list[int]) -> str:
    return f"{numbers[0]}–{numbers[-1]}" if numbers[-1] != numbers[0] else str(numbers[0])


def set_series_start(db: Database, group_id: int, year: int, number: Any) -> int:
    """Let the group's § series of `year` begin at `number` (the number after the last one
    used on paper) and renumber it; returns the start before (undo). Refused with a
    message naming the field when it is not a whole number from 1 to 9 999, and when it
    would change a number of approved (justerade) minutes: those numbers are in use, the
    series must go on from them."""
    field, label = "first_number", _("Series continues at §")
    if isinstance(number, str) and number.strip().lstrip("§").strip().isdigit():
        number = int(number.strip().lstrip("§").strip())
    if isinstance(number, bool) or not isinstance(number, int) or not 1 <= number <= MAX_FIRST_NUMBER:
        raise ValidationError([FieldError(field, label, _(
            "Next paragraph number: give a whole number from 1 to {max}.").format(max=number_text(MAX_FIRST_NUMBER)))])
    with db.session() as s:
        group = s.get(d.Group, group_id)
        if group is None:
            raise crud.NotFound(d.Group, group_id)
        old = series_start(s, group_id, year)
        if number == old:
            return old
        locked = [item.number for n, (item, minutes) in enumerate(series(s, group_id, year), start=number)
                  if minutes.locked_at is not None and item.number != n]
        if locked:
            used = sorted(item.number for item, minutes in series(s, group_id, year) if minutes.locked_at is not None)
            raise ValidationError([FieldError(field, label, _(
                "Next paragraph number cannot be § {number}: § {used} of {group} {year} are already used in approved "
                "(justerade) minutes, and their numbers never change. Give § {first}, or reopen those minutes "
                "first.").format(number=number, used=_span(used), group=group.name, year=year,
                                 first=old))])
        row = s.exec(select(d.MinutesSeriesStart).where(d.MinutesSeriesStart.group_id == group_id,
                                                        d.MinutesSeriesStart.year == year)).first()
        if row is None:
            s.add(d.MinutesSeriesStart(group_id=group_id, year=year, first_number=number))
        else:
            row.first_number = number
        s.flush()
        renumber(s, group_id, year)
        s.commit()  # failures translated by Database.session
        return old


# --------------------------------------------------------------------------- reading


@dataclass(frozen=True, slots=True)
class MeasureLink:
    id: int
    year: int
    number: int
    title: str
    status: str  # the word shown: "Pågående", "Försenad" …
    deadline: dt.date | None


@dataclass(frozen=True, slots=True)
class ItemRow:
    id: int
    number: int
    heading: str
    reference_number: str
    discussion: str
    decision: str
    measures: tuple[MeasureLink, ...]


def status_word(m: d.Measure, today: dt.date) -> str:
    return _(LATE_LABEL) if rules.is_late(m.status, m.deadline, today) else MeasureStatus(m.status).label


def _link(m: d.Measure, year: int, today: dt.date) -> MeasureLink:
    return MeasureLink(m.id, year, m.number, m.title, status_word(m, today), m.deadline)


def _measures_by_item(s: Session, item_ids: list[int], today: dt.date) -> dict[int, list[MeasureLink]]:
    out: dict[int, list[MeasureLink]] = {}
    if not item_ids:
        return out
    for m, year in s.exec(select(d.Measure, d.ActionPlan.year)
                          .join(d.ActionPlan, d.ActionPlan.id == d.Measure.action_plan_id)
                          .where(d.Measure.origin_minutes_item_id.in_(item_ids))
                          .order_by(d.ActionPlan.year, d.Measure.number)).all():
        out.setdefault(m.origin_minutes_item_id, []).append(_link(m, year, today))
    return out


def minutes_of(db: Database, meeting_id: int) -> d.Minutes | None:
    with db.session() as s:
        return s.exec(select(d.Minutes).where(d.Minutes.meeting_id == meeting_id)).first()


def items(db: Database, meeting_id: int, today: dt.date) -> list[ItemRow]:
    with db.session() as s:
        minutes = s.exec(select(d.Minutes).where(d.Minutes.meeting_id == meeting_id)).first()
        if minutes is None:
            return []
        rows = list(s.exec(select(d.MinutesItem).where(d.MinutesItem.minutes_id == minutes.id)
                           .order_by(d.MinutesItem.number)).all())
        links = _measures_by_item(s, [r.id for r in rows], today)
    return [ItemRow(r.id, r.number, r.heading, r.reference_number, r.discussion, r.decision,
                    tuple(links.get(r.id, ()))) for r in rows]


def item_label(db: Database, item_id: int) -> str:
    """"§ 12 Heading (Group, 2026-03-04)": how a measure names the § it comes from."""
    with db.session() as s:
        item = s.get(d.MinutesItem, item_id)
        if item is None:
            raise crud.NotFound(d.MinutesItem, item_id)
        minutes = s.get(d.Minutes, item.minutes_id)
        meeting = s.get(d.Meeting, minutes.meeting_id)
        group = s.get(d.Group, item.group_id)
        return f"§ {item.number} {item.heading} ({group.name}, {meeting.date.isoformat()})"


def decision_clauses(text: str) -> list[str]:
    """The decision as "att …" clauses, one per line; a line that does not start with
    "att" gets it, so the protocol reads as Swedish minutes do."""
    out = []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        if not line.casefold().startswith("att ") and line.casefold() != "att":
            line = "att " + line[:1].lower() + line[1:]
        out.append(line)
    return out


# --------------------------------------------------------------------------- follow-up


def follow_up(db: Database, group_id: int, before: dt.date, today: dt.date) -> list[tuple[str, MeasureLink]]:
    """The measures born from the group's decisions at meetings before `before`, each as
    its newest copy (a measure carried over into a later plan once), with the § it comes
    from: what "Föregående mötes protokoll" goes through."""
    with db.session() as s:
        rows = s.exec(
            select(d.Measure, d.ActionPlan.year, d.MinutesItem.number, d.MinutesItem.year, d.Meeting.date)
            .join(d.ActionPlan, d.ActionPlan.id == d.Measure.action_plan_id)
            .join(d.MinutesItem, d.MinutesItem.id == d.Measure.origin_minutes_item_id)
            .join(d.Minutes, d.Minutes.id == d.MinutesItem.minutes_id)
            .join(d.Meeting, d.Meeting.id == d.Minutes.meeting_id)
            .where(d.MinutesItem.group_id == group_id, d.Meeting.date < before)
            .order_by(d.Meeting.date, d.MinutesItem.number, d.Measure.number)).all()
        # A carried-over copy keeps no origin of its own in older data: follow the chain.
        out = []
        for m, year, number, item_year, day in rows:
            newest, newest_year = m, year
            while True:
                nxt = s.exec(select(d.Measure, d.ActionPlan.year)
                             .join(d.ActionPlan, d.ActionPlan.id == d.Measure.action_plan_id)
                             .where(d.Measure.carried_over_from_id == newest.id)).first()
                if nxt is None:
                    break
                newest, newest_year = nxt
            ref = _("§ {number}/{year} of {date}").format(number=number, year=item_year, date=day.isoformat())
            link = _link(newest, newest_year, today)
            if all(existing.id != link.id for _r, existing in out):
                out.append((ref, link))
    return out


def follow_up_text(db: Database, group_id: int, before: dt.date, today: dt.date) -> str:
    lines = [_("Measure {year}:{number} {title} – {status} (from {ref})").format(
        year=link.year, number=link.number, title=link.title, status=link.status, ref=ref)
        for ref, link in follow_up(db, group_id, before, today)]
    if not lines:
        return _("No measures from earlier decisions to follow up.")
    return _("Measures from earlier decisions:") + "\n" + "\n".join("– " + line for line in lines)


# --------------------------------------------------------------------------- writing items


def _locked(minutes: d.Minutes) -> None:
    if minutes.locked_at is not None:
        raise MinutesLocked()


def _ensure_in(s: Session, meeting: d.Meeting) -> d.Minutes:
    minutes = s.exec(select(d.Minutes).where(d.Minutes.meeting_id == meeting.id)).first()
    if minutes is None:
        minutes = d.Minutes(meeting_id=meeting.id)
        # The group's secretary and chair on that day, as a start.
        for ms in s.exec(select(d.Membership).where(d.Membership.group_id == meeting.group_id)).all():
            if (ms.from_date is None or ms.from_date <= meeting.date) and (
                    ms.to_date is None or meeting.date <= ms.to_date):
                if ms.role == d.MemberRole.SECRETARY and minutes.secretary_id is None:
                    minutes.secretary_id = ms.person_id
                if ms.role == d.MemberRole.CHAIR and minutes.chair_id is None:
                    minutes.chair_id = ms.person_id
        s.add(minutes)
        s.flush()
    return minutes


def start_minutes(db: Database, meeting_id: int, today: dt.date) -> d.Minutes:
    """The meeting's minutes, created on first use with one § per agenda item; the
    "Föregående mötes protokoll" item gets the follow-up of earlier decisions as its text."""
    follow = None
    with db.session() as s:
        meeting = s.get(d.Meeting, meeting_id)
        if meeting is None:
            raise crud.NotFound(d.Meeting, meeting_id)
        existing = s.exec(select(d.Minutes).where(d.Minutes.meeting_id == meeting_id)).first()
        if existing is not None:
            return existing
    follow = follow_up_text(db, meeting.group_id, meeting.date, today)
    with db.session() as s:
        minutes = _ensure_in(s, meeting)
        headings = agenda_lines(meeting.agenda)
        for k, heading in enumerate(headings):
            discussion = follow if heading == _(FOLLOW_UP_ITEM) else ""
            s.add(d.MinutesItem(minutes_id=minutes.id, group_id=meeting.group_id, year=meeting.date.year,
                                number=TEMP_OFFSET + k + 1, heading=heading, discussion=discussion))
        s.flush()
        renumber(s, meeting.group_id, meeting.date.year)
        s.commit()  # failures translated by Database.session
        return minutes


def _clean(values: Mapping[str, Any]) -> dict[str, Any]:
    unknown = set(values) - ITEM_FIELDS
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    out = {k: (v or "").strip() for k, v in values.items()}
    if "decision" in out:
        out["decision"] = "\n".join(decision_clauses(out["decision"]))
    if "heading" in out and not out["heading"]:
        raise ValidationError([FieldError("heading", _("Heading"), _("Heading: write what the item is about."))])
    return out


def add_item(db: Database, meeting_id: int, values: Mapping[str, Any], *, position: int | None = None,
             ident: int | None = None) -> d.MinutesItem:
    """Add a § to the meeting's minutes (created if missing) at `position` (0-based among
    the meeting's items; None: last). Later items of the group's year move up one."""
    data = _clean(values)
    with db.session() as s:
        meeting = s.get(d.Meeting, meeting_id)
        if meeting is None:
            raise crud.NotFound(d.Meeting, meeting_id)
        minutes = _ensure_in(s, meeting)
        _locked(minutes)
        own = list(s.exec(select(d.MinutesItem).where(d.MinutesItem.minutes_id == minutes.id)
                          .order_by(d.MinutesItem.number)).all())
        position = len(own) if position is None else max(0, min(position, len(own)))
        # Give the meeting's items temporary numbers in their new order, the new one among them.
        for k, item in enumerate(own):
            item.number = TEMP_OFFSET + k + (1 if k >= position else 0)
        s.flush()
        item = d.MinutesItem(id=ident, minutes_id=minutes.id, group_id=meeting.group_id, year=meeting.date.year,
                             number=TEMP_OFFSET + position, heading=data.get("heading", ""),
                             reference_number=data.get("reference_number", ""),
                             discussion=data.get("discussion", ""), decision=data.get("decision", ""))
        s.add(item)
        s.flush()
        renumber(s, meeting.group_id, meeting.date.year)
        with s.no_autoflush:
            validators.validate(item, s)
        s.commit()  # failures translated by Database.session
        s.refresh(item)
        return item


def update_item(db: Database, item_id: int, values: Mapping[str, Any]) -> dict[str, Any]:
    """Change heading, diarienummer, text or decision; returns the old values (undo)."""
    data = _clean(values)
    with db.session() as s:
        item = s.get(d.MinutesItem, item_id)
        if item is None:
            raise crud.NotFound(d.MinutesItem, item_id)
        _locked(s.get(d.Minutes, item.minutes_id))
        old = {k: getattr(item, k) for k in data}
        for k, v in data.items():
            setattr(item, k, v)
        with s.no_autoflush:
            validators.validate(item, s)
        s.commit()  # failures translated by Database.session
        return old


@dataclass(frozen=True, slots=True)
class RemovedItem:
    meeting_id: int
    position: int
    values: dict[str, Any]
    ident: int


def delete_item(db: Database, item_id: int) -> RemovedItem:
    """Remove a §; the later numbers of the group's year close the gap. Refused while a
    measure comes from it (its origin would be lost)."""
    with db.session() as s:
        item = s.get(d.MinutesItem, item_id)
        if item is None:
            raise crud.NotFound(d.MinutesItem, item_id)
        minutes = s.get(d.Minutes, item.minutes_id)
        _locked(minutes)
        linked = s.exec(select(sa.func.count()).select_from(d.Measure)
                        .where(d.Measure.origin_minutes_item_id == item_id)).one()
        if linked:
            raise UserError(_("§ {number} cannot be removed: {count} measure(s) in the action plan come from its "
                              "decision.").format(number=item.number, count=linked))
        own = [i.id for i in s.exec(select(d.MinutesItem).where(d.MinutesItem.minutes_id == minutes.id)
                                    .order_by(d.MinutesItem.number)).all()]
        removed = RemovedItem(minutes.meeting_id, own.index(item_id),
                              {k: getattr(item, k) for k in ITEM_FIELDS}, item_id)
        group_id, year = item.group_id, item.year
        s.delete(item)
        s.flush()
        renumber(s, group_id, year)
        s.commit()  # failures translated by Database.session
        return removed


def restore_item(db: Database, removed: RemovedItem) -> d.MinutesItem:
    return add_item(db, removed.meeting_id, removed.values, position=removed.position, ident=removed.ident)


def move_item(db: Database, item_id: int, delta: int) -> int:
    """Move a § up (-1) or down (+1) within its meeting; the numbers follow the order.
    Returns the delta that undoes it (0 when it could not move)."""
    with db.session() as s:
        item = s.get(d.MinutesItem, item_id)
        if item is None:
            raise crud.NotFound(d.MinutesItem, item_id)
        _locked(s.get(d.Minutes, item.minutes_id))
        own = list(s.exec(select(d.MinutesItem).where(d.MinutesItem.minutes_id == item.minutes_id)
                          .order_by(d.MinutesItem.number)).all())
        k = own.index(item)
        j = k + delta
        if not 0 <= j < len(own):
            return 0
        own[k], own[j] = own[j], own[k]
        for n, it in enumerate(own):
            it.number = TEMP_OFFSET + n
        s.flush()
        renumber(s, item.group_id, item.year)
        s.commit()  # failures translated by Database.session
        return -delta


# --------------------------------------------------------------------------- measures from decisions


def create_measure(db: Database, item_id: int, values: Mapping[str, Any], *, today: dt.date,
                   ident: int | None = None) -> d.Measure:
    """A measure in the action plan born from the decision of § `item_id` (its origin).
    The plan is that of the deadline's year, or the meeting's year without a deadline.
    Allowed for justerade minutes too: the measure is a new record, the § is not changed."""
    with db.session() as s:
        item = s.get(d.MinutesItem, item_id)
        if item is None:
            raise crud.NotFound(d.MinutesItem, item_id)
        minutes = s.get(d.Minutes, item.minutes_id)
        meeting = s.get(d.Meeting, minutes.meeting_id)
    data = dict(values)
    if not (data.get("title") or "").strip():
        raise ValidationError([FieldError("title", _("Title"), _("Title: write what is to be done."))])
    data["title"] = data["title"].strip()
    data["origin_minutes_item_id"] = item_id
    deadline = data.get("deadline")
    year = deadline.year if isinstance(deadline, dt.date) else meeting.date.year
    return measures.create_measure(db, year, data, today=today, ident=ident)


def undo_create_measure(db: Database, measure: d.Measure) -> None:
    measures.delete_measure(db, measure.id)


def measure_title_from(decision: str) -> str:
    """A first title for a measure from a decision: its first clause without "att"."""
    clauses = decision_clauses(decision)
    if not clauses:
        return ""
    text = clauses[0][4:].strip().rstrip(",.;")
    return text[:1].upper() + text[1:]


# --------------------------------------------------------------------------- justering


JUSTERING_FIELDS = frozenset({"secretary_id", "chair_id", "adjuster_id", "adjusted_on", "adjustment_place",
                              "posted_from", "posted_to", "kept_at"})


def update_minutes(db: Database, meeting_id: int, changes: Mapping[str, Any]) -> dict[str, Any]:
    """Secretary, chair, justerare, justering place/date, anslag; returns old values. Only
    the anslag (posted dates, where kept) can change once the minutes are locked."""
    unknown = set(changes) - JUSTERING_FIELDS
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    with db.session() as s:
        meeting = s.get(d.Meeting, meeting_id)
        if meeting is None:
            raise crud.NotFound(d.Meeting, meeting_id)
        minutes = _ensure_in(s, meeting)
        old = {k: getattr(minutes, k) for k in changes}
        if minutes.locked_at is not None and any(
                changes[k] != old[k] for k in changes if k not in ("posted_from", "posted_to", "kept_at")):
            raise MinutesLocked()
        for k, v in changes.items():
            setattr(minutes, k, v.strip() if isinstance(v, str) else v)
        with s.no_autoflush:
            validators.validate(minutes, s)
        s.commit()  # failures translated by Database.session
        return old


def justera(db: Database, meeting_id: int, *, chair_id: int | None, adjuster_id: int | None,
            adjusted_on: dt.date, place: str = "", secretary_id: int | None = None,
            now: dt.datetime | None = None) -> d.Minutes:
    """Record the justering and lock the minutes. Needs items, a chair and a justerare."""
    errors = []
    if chair_id is None:
        errors.append(FieldError("chair_id", _("Chair"), _("Chair: choose who chaired the meeting.")))
    if adjuster_id is None:
        errors.append(FieldError("adjuster_id", _("Adjuster"), _("Adjuster: choose who approves the minutes.")))
    if adjusted_on is None:
        errors.append(FieldError("adjusted_on", _("Date of adjustment"), _("Date of adjustment: give the date.")))
    if errors:
        raise ValidationError(errors)
    with db.session() as s:
        meeting = s.get(d.Meeting, meeting_id)
        if meeting is None:
            raise crud.NotFound(d.Meeting, meeting_id)
        minutes = _ensure_in(s, meeting)
        _locked(minutes)
        count = s.exec(select(sa.func.count()).select_from(d.MinutesItem)
                       .where(d.MinutesItem.minutes_id == minutes.id)).one()
        if not count:
            raise UserError(_("Minutes without any § cannot be approved: write the items first."))
        if adjusted_on < meeting.date:
            message = _("Date of adjustment: the minutes cannot be approved before the meeting ({date}).")
            raise ValidationError([FieldError("adjusted_on", _("Date of adjustment"),
                                              message.format(date=meeting.date.isoformat()))])
        minutes.chair_id, minutes.adjuster_id = chair_id, adjuster_id
        if secretary_id is not None:
            minutes.secretary_id = secretary_id
        minutes.adjusted_on = adjusted_on
        minutes.adjustment_place = place.strip()
        minutes.locked_at = now or dt.datetime.now()
        s.commit()  # failures translated by Database.session
        s.refresh(minutes)
        return minutes


def reopen(db: Database, meeting_id: int, reason: str, *, now: dt.datetime | None = None,
           author: str = "") -> d.MinutesReopening:
    """Open justerade minutes again. The reason is required and kept with the justering
    that is undone; the minutes must then be justerade anew."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError([FieldError("reason", _("Reason"), _("Reason: say why the approved minutes are "
                                                                   "reopened; it is kept in their history."))])
    now = now or dt.datetime.now()
    with db.session() as s:
        minutes = s.exec(select(d.Minutes).where(d.Minutes.meeting_id == meeting_id)).first()
        if minutes is None or minutes.locked_at is None:
            raise UserError(_("These minutes are not approved (justerade): there is nothing to reopen."))
        adjuster = s.get(d.Person, minutes.adjuster_id).name if minutes.adjuster_id else ""
        # Never earlier than the lock (a clock set back would otherwise keep the lock).
        now = max(now, minutes.locked_at)
        entry = d.MinutesReopening(minutes_id=minutes.id, reopened_at=now, reason=reason, author=author,
                                   adjusted_on=minutes.adjusted_on, adjuster=adjuster)
        s.add(entry)
        s.flush()
        minutes.locked_at = None
        minutes.adjusted_on = None
        s.commit()  # failures translated by Database.session
        s.refresh(entry)
        return entry


def reopenings(db: Database, meeting_id: int) -> list[d.MinutesReopening]:
    with db.session() as s:
        return list(s.exec(select(d.MinutesReopening).join(d.Minutes, d.Minutes.id == d.MinutesReopening.minutes_id)
                           .where(d.Minutes.meeting_id == meeting_id)
                           .order_by(d.MinutesReopening.reopened_at)).all())


def attendance_words(kind: Attendance) -> str:
    return kind.label
