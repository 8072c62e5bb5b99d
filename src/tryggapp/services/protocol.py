"""Everything a protokoll or a kallelse prints, resolved to text (reports.minutes sets it)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlmodel import select

from tryggapp import domain as d
from tryggapp.domain.enums import Attendance, MemberRole
from tryggapp.errors import UserError
from tryggapp.formatting import date_long
from tryggapp.i18n import _
from tryggapp.services import meetings as mt
from tryggapp.services import minutes as mn
from tryggapp.services.collation import sv_key
from tryggapp.storage import Database


@dataclass(frozen=True, slots=True)
class Paragraph:
    number: int
    heading: str
    reference_number: str
    discussion: str
    clauses: tuple[str, ...]  # "att …"
    measures: tuple[str, ...]  # "2026:14 Byta armaturer (Pågående)"


@dataclass
class ProtocolData:
    municipality: str
    group: str
    meeting_id: int
    date: dt.date
    place_and_time: str
    time_words: str  # "kl. 09.00–11.00"
    place: str
    decision_makers: list[str] = field(default_factory=list)
    others_present: list[str] = field(default_factory=list)
    co_opted: list[str] = field(default_factory=list)
    absent: list[str] = field(default_factory=list)
    secretary: str = ""
    chair: str = ""
    adjuster: str = ""
    adjustment: str = ""  # "Stadshuset, 6 februari 2026"
    paragraphs: list[Paragraph] = field(default_factory=list)
    justerad: bool = False
    posted: str = ""  # anslag: "7 februari 2026 – 28 februari 2026"
    posted_from: str = ""  # anslag: the day it is put up, "7 februari 2026"
    posted_to: str = ""  # the day it is taken down
    kept_at: str = ""
    agenda: list[str] = field(default_factory=list)
    follow_up: list[str] = field(default_factory=list)
    invited: list[str] = field(default_factory=list)  # kallelse: "Name (Org), role"
    contact: str = ""  # kallelse: who takes apologies
    notes: str = ""
    cancelled: bool = False

    @property
    def paragraph_range(self) -> str:
        if not self.paragraphs:
            return ""
        lo, hi = self.paragraphs[0].number, self.paragraphs[-1].number
        return f"{lo}–{hi}" if hi != lo else str(lo)


def time_words(meeting: d.Meeting) -> str:
    if meeting.start_time is None:
        return ""
    text = _("at {time}").format(time=meeting.start_time.strftime("%H.%M"))
    if meeting.end_time is not None:
        text += "–" + meeting.end_time.strftime("%H.%M")
    return text


def collect(db: Database, meeting_id: int, today: dt.date) -> ProtocolData:
    with db.session() as s:
        meeting = s.get(d.Meeting, meeting_id)
        if meeting is None:
            raise UserError(_("There is no meeting with id {id}. List the meetings with --list.").format(id=meeting_id))
        group = s.get(d.Group, meeting.group_id)
        muni = s.exec(select(d.Municipality)).first()
        minutes = s.exec(select(d.Minutes).where(d.Minutes.meeting_id == meeting_id)).first()
        people = {p.id: p for p in s.exec(select(d.Person)).all()}
        orgs = {o.id: o.short_name or o.name for o in s.exec(select(d.Organisation)).all()}
        rows = s.exec(select(d.MeetingAttendance).where(d.MeetingAttendance.meeting_id == meeting_id)).all()
    when = date_long(meeting.date)
    tw = time_words(meeting)
    data = ProtocolData(
        municipality=getattr(muni, "name", "") or "", group=group.name, meeting_id=meeting.id, date=meeting.date,
        place_and_time=", ".join(x for x in (meeting.place, f"{when} {tw}".strip()) if x), time_words=tw,
        place=meeting.place, notes=meeting.notes, cancelled=meeting.cancelled)

    def who(pid: int | None) -> str:
        if pid is None or pid not in people:
            return ""
        p = people[pid]
        org = orgs.get(p.organisation_id)
        return p.name + (f" ({org})" if org else "")

    buckets = {Attendance.PRESENT: data.decision_makers, Attendance.OTHER_PRESENT: data.others_present,
               Attendance.CO_OPTED: data.co_opted, Attendance.ABSENT: data.absent}
    for row in sorted(rows, key=lambda r: sv_key(people[r.person_id].name)):
        text = who(row.person_id)
        if row.note:
            text += f", {row.note}"
        buckets[row.attendance].append(text)
    if minutes is not None:
        data.secretary = people[minutes.secretary_id].name if minutes.secretary_id in people else ""
        data.chair = people[minutes.chair_id].name if minutes.chair_id in people else ""
        data.adjuster = people[minutes.adjuster_id].name if minutes.adjuster_id in people else ""
        if minutes.adjusted_on:
            data.adjustment = ", ".join(x for x in (minutes.adjustment_place, date_long(minutes.adjusted_on)) if x)
        elif minutes.adjustment_place:
            data.adjustment = minutes.adjustment_place
        data.justerad = minutes.locked_at is not None
        if minutes.posted_from:
            data.posted = date_long(minutes.posted_from) + (
                f" – {date_long(minutes.posted_to)}" if minutes.posted_to else "")
            data.posted_from = date_long(minutes.posted_from)
        if minutes.posted_to:
            data.posted_to = date_long(minutes.posted_to)
        data.kept_at = minutes.kept_at
        for item in mn.items(db, meeting_id, today):
            data.paragraphs.append(Paragraph(
                item.number, item.heading, item.reference_number, item.discussion,
                tuple(mn.decision_clauses(item.decision)),
                tuple(f"{m.year}:{m.number} {m.title} ({m.status})" for m in item.measures)))
    # A meeting booked without an agenda is called with the usual items.
    data.agenda = mt.agenda_lines(meeting.agenda) or mt.standard_agenda()
    data.follow_up = [_("{year}:{number} {title} – {status} (from {ref})").format(
        year=link.year, number=link.number, title=link.title, status=link.status, ref=ref)
        for ref, link in mn.follow_up(db, meeting.group_id, meeting.date, today)]
    contact = None
    for person, role in mt.members_on(db, meeting.group_id, meeting.date):
        data.invited.append(f"{who(person.id)}, {role.label.lower()}")
        if role in (MemberRole.CONVENER, MemberRole.SECRETARY) and contact is None:
            contact = person
    if contact is not None:
        data.contact = contact.name + (f", {contact.email}" if contact.email else "") + (
            f", {contact.phone}" if contact.phone else "")
    return data


def meeting_list(db: Database) -> list[tuple[int, dt.date, str, str, str]]:
    """(id, date, group, status word, § range) of every meeting, newest first (the CLI's --list)."""
    with db.session() as s:
        out = []
        for m, g in s.exec(select(d.Meeting, d.Group).join(d.Group, d.Group.id == d.Meeting.group_id)
                           .order_by(d.Meeting.date.desc(), d.Meeting.id.desc())).all():
            minutes = s.exec(select(d.Minutes).where(d.Minutes.meeting_id == m.id)).first()
            numbers = [] if minutes is None else list(s.exec(
                select(d.MinutesItem.number).where(d.MinutesItem.minutes_id == minutes.id)
                .order_by(d.MinutesItem.number)).all())
            if m.cancelled:
                status = _("cancelled")
            elif minutes is not None and minutes.locked_at is not None:
                status = _("approved")
            elif numbers:
                status = _("minutes in progress")
            else:
                status = _("planned")
            span = f"§ {numbers[0]}–{numbers[-1]}" if numbers else ""
            out.append((m.id, m.date, g.name, status, span))
        return out
