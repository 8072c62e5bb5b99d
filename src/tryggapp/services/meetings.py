"""Meetings: booking one (group, date, time, place, agenda) and its attendance.

A meeting's agenda is stored one item per line. A new meeting starts from the usual
opening and closing items (DOMAIN.md, "Minutes in the usual Swedish form"); the minutes
(services.minutes) start from the agenda.

Every write is one transaction and returns what its inverse needs (the UI's undo)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, select

from tryggapp import domain as d
from tryggapp.domain.enums import Attendance, MemberRole
from tryggapp.errors import UserError
from tryggapp.i18n import N_, _
from tryggapp.services import crud, validators
from tryggapp.services.collation import sv_key, sv_sorted
from tryggapp.services.validation import FieldError, ValidationError
from tryggapp.storage import Database

TABLES = frozenset({"meeting", "meeting_attendance", "minutes", "minutes_item", "minutes_reopening",
                    "minutes_series_start"})

# The usual items, in order; the substantive items go between the head and the tail.
OPENING_ITEMS = (N_("Opening of the meeting"), N_("Election of adjuster"), N_("Approval of the agenda"),
                 N_("Minutes of the previous meeting"))
CLOSING_ITEMS = (N_("Any other business"), N_("Next meeting"), N_("Closing of the meeting"))
FOLLOW_UP_ITEM = OPENING_ITEMS[3]


class MinutesLocked(UserError):
    def __init__(self) -> None:
        super().__init__(_("The minutes are approved (justerade) and locked. Reopen them, giving a reason, "
                           "to change them."))


def standard_agenda(middle: Iterable[str] = ()) -> list[str]:
    return [_(t) for t in OPENING_ITEMS] + [m for m in middle if m.strip()] + [_(t) for t in CLOSING_ITEMS]


def agenda_lines(agenda: str) -> list[str]:
    return [line.strip() for line in agenda.splitlines() if line.strip()]


def is_locked_meeting(s: Session, meeting_id: int) -> bool:
    minutes = s.exec(select(d.Minutes).where(d.Minutes.meeting_id == meeting_id)).first()
    return minutes is not None and minutes.locked_at is not None


def _check_times(start: dt.time | None, end: dt.time | None) -> None:
    if start is not None and end is not None and end <= start:
        raise ValidationError([FieldError("end_time", _("End"), _("End: the meeting must end after it starts."))])


# --------------------------------------------------------------------------- booking


def plan_meeting(db: Database, group_id: int, date: dt.date, *, start_time: dt.time | None = None,
                 end_time: dt.time | None = None, place: str = "", agenda: Iterable[str] | None = None,
                 ident: int | None = None) -> d.Meeting:
    """Book a meeting; without `agenda` it gets the usual items."""
    _check_times(start_time, end_time)
    lines = list(agenda) if agenda is not None else standard_agenda()
    meeting = d.Meeting(id=ident, group_id=group_id, date=date, start_time=start_time, end_time=end_time,
                        place=place.strip(), agenda="\n".join(x.strip() for x in lines if x.strip()))
    with db.session() as s:
        if s.get(d.Group, group_id) is None:
            raise crud.NotFound(d.Group, group_id)
        validators.validate(meeting, s)
        s.add(meeting)
        s.commit()  # failures translated by Database.session
        s.refresh(meeting)
        return meeting


MEETING_FIELDS = frozenset({"date", "start_time", "end_time", "place", "agenda", "cancelled", "notes"})


def update_meeting(db: Database, meeting_id: int, changes: Mapping[str, Any]) -> dict[str, Any]:
    """Change a meeting; returns the old values. The date, time and place of a meeting
    with locked minutes cannot change. A new date in another year, or in another order
    among the group's meetings, renumbers the § items of the years concerned."""
    from tryggapp.services import minutes as mins

    unknown = set(changes) - MEETING_FIELDS
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    with db.session() as s:
        meeting = s.get(d.Meeting, meeting_id)
        if meeting is None:
            raise crud.NotFound(d.Meeting, meeting_id)
        old = {k: getattr(meeting, k) for k in changes}
        if is_locked_meeting(s, meeting_id) and any(
                k in ("date", "start_time", "end_time", "place") and changes[k] != old[k] for k in changes):
            raise MinutesLocked()
        for k, v in changes.items():
            setattr(meeting, k, v.strip() if isinstance(v, str) and k == "place" else v)
        _check_times(meeting.start_time, meeting.end_time)
        with s.no_autoflush:
            validators.validate(meeting, s)
        s.flush()
        if "date" in changes and changes["date"] != old["date"]:
            minutes = s.exec(select(d.Minutes).where(d.Minutes.meeting_id == meeting_id)).first()
            if minutes is not None:
                items = list(s.exec(select(d.MinutesItem).where(d.MinutesItem.minutes_id == minutes.id)).all())
                for item in items:  # the items follow their meeting into its (new) year
                    item.year = meeting.date.year
                    item.number += mins.TEMP_OFFSET  # out of the way until renumbered
                s.flush()
                for year in {old["date"].year, meeting.date.year}:
                    mins.renumber(s, meeting.group_id, year)
        s.commit()  # failures translated by Database.session
        return old


def delete_meeting(db: Database, meeting_id: int) -> crud.Snapshot:
    """Delete a meeting with its attendance and (unlocked) minutes; later § numbers of the
    group's year close the gap. Refused for locked minutes and for items measures come from."""
    from tryggapp.services import minutes as mins

    with db.session() as s:
        meeting = s.get(d.Meeting, meeting_id)
        if meeting is None:
            raise crud.NotFound(d.Meeting, meeting_id)
        if is_locked_meeting(s, meeting_id):
            raise MinutesLocked()
        group_id, year = meeting.group_id, meeting.date.year
        # Checked before anything is deleted: the later numbers must be free to close the gap.
        own = s.exec(select(d.MinutesItem.number).join(d.Minutes, d.Minutes.id == d.MinutesItem.minutes_id)
                     .where(d.Minutes.meeting_id == meeting_id).order_by(d.MinutesItem.number)).first()
        if own is not None:
            later = s.exec(select(d.MinutesItem.number).join(d.Minutes, d.Minutes.id == d.MinutesItem.minutes_id)
                           .where(d.MinutesItem.group_id == group_id, d.MinutesItem.year == year,
                                  d.MinutesItem.number > own, d.Minutes.locked_at.is_not(None))
                           .order_by(d.MinutesItem.number)).first()
            if later is not None:
                raise mins.NumberLocked(later)
    snapshot = crud.delete(db, d.Meeting, meeting_id)
    with db.session() as s:
        mins.renumber(s, group_id, year)
        s.commit()  # failures translated by Database.session
    return snapshot


def restore_meeting(db: Database, snapshot: crud.Snapshot) -> None:
    """Undo of delete_meeting: the rows come back, and the numbers are made right again."""
    from tryggapp.services import minutes as mins

    items = [values for table, values in snapshot.rows if table == "minutes_item"]
    # Make room: the restored items take their old numbers back.
    with db.session() as s:
        for group_id, year in {(v["group_id"], v["year"]) for v in items}:
            numbers = sorted(v["number"] for v in items if v["group_id"] == group_id and v["year"] == year)
            later = s.exec(select(d.MinutesItem).where(
                d.MinutesItem.group_id == group_id, d.MinutesItem.year == year,
                d.MinutesItem.number >= numbers[0])).all()
            for item in later:
                item.number += mins.TEMP_OFFSET
        s.commit()  # failures translated by Database.session
    crud.restore(db, snapshot)
    with db.session() as s:
        for group_id, year in {(v["group_id"], v["year"]) for v in items}:
            mins.renumber(s, group_id, year)
        s.commit()  # failures translated by Database.session


def undo_plan(db: Database, meeting: d.Meeting) -> None:
    delete_meeting(db, meeting.id)


# --------------------------------------------------------------------------- attendance


@dataclass(frozen=True, slots=True)
class AttendanceLine:
    person_id: int
    name: str
    organisation: str
    role: MemberRole | None  # None: a guest, not a member of the group on that day
    attendance: Attendance
    note: str = ""  # partial attendance, e.g. "§ 30–31"


def members_on(db: Database, group_id: int, day: dt.date) -> list[tuple[d.Person, MemberRole]]:
    """The group's members on `day` (membership from/to), by role then name."""
    order = {r: i for i, r in enumerate(MemberRole)}
    with db.session() as s:
        rows = s.exec(select(d.Membership, d.Person).join(d.Person, d.Person.id == d.Membership.person_id)
                      .where(d.Membership.group_id == group_id)).all()
    seen: dict[int, tuple[d.Person, MemberRole]] = {}
    for ms, person in rows:
        active = (ms.from_date is None or ms.from_date <= day) and (ms.to_date is None or day <= ms.to_date)
        if active and (person.id not in seen or order[ms.role] < order[seen[person.id][1]]):
            seen[person.id] = (person, ms.role)
    return sorted(seen.values(), key=lambda pr: (order[pr[1]], sv_key(pr[0].name)))


def _organisation_names(s: Session) -> dict[int, str]:
    return {o.id: o.short_name or o.name for o in s.exec(select(d.Organisation)).all()}


def attendance_sheet(db: Database, meeting_id: int) -> list[AttendanceLine]:
    """The meeting's attendance as recorded; members with no record yet are proposed as
    present (a co-opted member as co-opted), so taking attendance is ticking off absences."""
    with db.session() as s:
        meeting = s.get(d.Meeting, meeting_id)
        if meeting is None:
            raise crud.NotFound(d.Meeting, meeting_id)
        recorded = {a.person_id: a for a in s.exec(select(d.MeetingAttendance)
                                                   .where(d.MeetingAttendance.meeting_id == meeting_id)).all()}
        orgs = _organisation_names(s)
        people = {p.id: p for p in s.exec(select(d.Person).where(d.Person.id.in_(list(recorded)))).all()}
    lines: list[AttendanceLine] = []
    members = members_on(db, meeting.group_id, meeting.date)
    for person, role in members:
        rec = recorded.pop(person.id, None)
        default = Attendance.CO_OPTED if role is MemberRole.CO_OPTED else Attendance.PRESENT
        lines.append(AttendanceLine(person.id, person.name, orgs.get(person.organisation_id, ""), role,
                                    rec.attendance if rec else default, rec.note if rec else ""))
    for pid, rec in recorded.items():  # guests, and members who have left since
        person = people[pid]
        lines.append(AttendanceLine(pid, person.name, orgs.get(person.organisation_id, ""), None,
                                    rec.attendance, rec.note))
    return lines


Entry = tuple[int, Attendance, str]  # person id, attendance, note


def recorded_attendance(db: Database, meeting_id: int) -> list[Entry]:
    with db.session() as s:
        return [(a.person_id, a.attendance, a.note) for a in s.exec(
            select(d.MeetingAttendance).where(d.MeetingAttendance.meeting_id == meeting_id)
            .order_by(d.MeetingAttendance.person_id)).all()]


def save_attendance(db: Database, meeting_id: int, entries: Iterable[Entry]) -> list[Entry]:
    """Replace the meeting's attendance with `entries`; returns the previous entries (undo)."""
    entries = [(pid, Attendance(att), note.strip()) for pid, att, note in entries]
    if len({pid for pid, _a, _n in entries}) != len(entries):
        raise UserError(_("A person can be listed only once in the attendance."))
    previous = recorded_attendance(db, meeting_id)
    with db.session() as s:
        if s.get(d.Meeting, meeting_id) is None:
            raise crud.NotFound(d.Meeting, meeting_id)
        if is_locked_meeting(s, meeting_id):
            raise MinutesLocked()
        existing = {a.person_id: a for a in s.exec(select(d.MeetingAttendance)
                                                   .where(d.MeetingAttendance.meeting_id == meeting_id)).all()}
        for pid, att, note in entries:
            row = existing.pop(pid, None)
            if row is None:
                s.add(d.MeetingAttendance(meeting_id=meeting_id, person_id=pid, attendance=att, note=note))
            elif (row.attendance, row.note) != (att, note):
                row.attendance, row.note = att, note
        for row in existing.values():
            s.delete(row)
        s.commit()  # failures translated by Database.session
    return previous


def people_choices(db: Database) -> list[tuple[int, str]]:
    """Everyone who can be added as a guest (not archived), "Name (Org)"."""
    with db.session() as s:
        orgs = _organisation_names(s)
        return [(p.id, p.name + (f" ({orgs[p.organisation_id]})" if p.organisation_id in orgs else ""))
                for p in sv_sorted(s.exec(select(d.Person).where(d.Person.archived == False)).all(),  # noqa: E712
                                   lambda p: p.name)]


def groups(db: Database) -> list[tuple[int, str]]:
    with db.session() as s:
        return [(g.id, g.name) for g in sv_sorted(s.exec(select(d.Group).where(d.Group.archived == False)).all(),  # noqa: E712
                                                  lambda g: g.name)]


def find_group(db: Database, name: str) -> d.Group:
    """A group by its name or short name (case-insensitive), for the command line."""
    wanted = name.strip().casefold()
    with db.session() as s:
        all_groups = list(s.exec(select(d.Group)).all())
    for g in all_groups:
        if wanted in (g.name.casefold(), g.short_name.casefold()):
            return g
    partial = [g for g in all_groups if wanted and wanted in g.name.casefold()]
    if len(partial) == 1:
        return partial[0]
    names = ", ".join(sorted((g.name for g in all_groups), key=sv_key)) or _("none")
    raise UserError(_("No group is called “{name}”. Groups: {names}.").format(name=name, names=names))
