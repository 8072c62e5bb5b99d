"""Read-only lists for the Organisation, Möten, Trygghetsvandringar and Lägesbild views:
flat rows (dicts) built with one query each, ready for a table model."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

import sqlalchemy as sa
from sqlmodel import select

from tryggapp import domain as d
from tryggapp.domain import rules
from tryggapp.i18n import _
from tryggapp.services.collation import sv_key, sv_sorted
from tryggapp.services.measures import newest_copy
from tryggapp.storage import Database

Row = dict[str, Any]


def groups(db: Database, today: dt.date) -> list[Row]:
    """One row per group. Members are counted on rules.membership_day: today, or for a
    closed group the day it closed (its memberships end then), so a dissolved working
    group is listed with the members it had rather than with 0."""
    with db.session() as s:
        memberships = s.exec(select(d.Membership.group_id, d.Membership.role, d.Membership.from_date,
                                    d.Membership.to_date, d.Person.name)
                             .join(d.Person, d.Person.id == d.Membership.person_id)
                             .order_by(d.Membership.id)).all()
        held = dict(s.exec(
            select(d.Meeting.group_id, sa.func.count()).where(
                d.Meeting.cancelled.is_(False), d.Meeting.date <= today,
                d.Meeting.date >= dt.date(today.year, 1, 1)).group_by(d.Meeting.group_id)).all())
        rows = []
        order = {level: i for i, level in enumerate(d.GroupLevel)}  # styrgrupp first, as the seeds list them
        groups = sorted(s.exec(select(d.Group)).all(), key=lambda g: (order[g.level], sv_key(g.name)))
        for g in groups:
            day = rules.membership_day(today, g.dissolved_on)
            current = [(role, name) for gid, role, start, end, name in memberships
                       if gid == g.id and rules.is_member_on(start, end, day)]
            chair = next((n for r, n in current if r is d.MemberRole.CHAIR), "") or next(
                (n for r, n in current if r is d.MemberRole.CONVENER), "")
            closed = rules.is_closed(g.dissolved_on, today)
            if closed:
                status = _("Dissolved {date}").format(date=g.dissolved_on.isoformat())
            elif g.archived:
                status = _("Archived")
            else:
                status = _("Active")
            rows.append({
                "id": g.id, "name": g.name, "level": g.level.label,
                "chair": chair, "members": len(current),
                "meetings_per_year": g.meetings_per_year, "held": held.get(g.id, 0),
                "started_on": g.started_on, "planned_end": g.planned_end,
                "status": status, "closed": closed, "archived": g.archived,
                "mandate": g.mandate, "final_report": g.final_report,
            })
        return rows


def members(db: Database, group_id: int, today: dt.date | None = None) -> list[Row]:
    """Everyone who is or was a member, current members first. `current` is membership on
    the group's membership day (rules.membership_day), the day groups() counts on."""
    with db.session() as s:
        group = s.get(d.Group, group_id)
        day = rules.membership_day(today or dt.date.today(), group.dissolved_on if group else None)
        stmt = (select(d.Membership, d.Person, d.Organisation)
                .join(d.Person, d.Person.id == d.Membership.person_id)
                .join(d.Organisation, d.Organisation.id == d.Person.organisation_id, isouter=True)
                .where(d.Membership.group_id == group_id))
        rows = []
        for m, p, o in s.exec(stmt).all():
            current = rules.is_member_on(m.from_date, m.to_date, day)
            state = "" if current else (_("Not yet started") if m.from_date and m.from_date > day else _("Left"))
            rows.append({"id": m.id, "person_id": p.id, "name": p.name, "role": m.role.label, "role_value": m.role,
                         "title": p.title, "organisation": o.name if o else "", "from_date": m.from_date,
                         "to_date": m.to_date, "current": current, "state": state})
        # Current members first, then by role and name (Swedish order, not the engine's).
        return sorted(rows, key=lambda r: (not r["current"], r["role_value"].value, sv_key(r["name"])))


def person_memberships(db: Database, person_id: int, today: dt.date) -> list[Row]:
    """The groups a person belongs to (or did), current ones first: for the People tab."""
    with db.session() as s:
        stmt = (select(d.Membership, d.Group).join(d.Group, d.Group.id == d.Membership.group_id)
                .where(d.Membership.person_id == person_id))
        rows = []
        for m, g in s.exec(stmt).all():
            current = rules.is_member_on(m.from_date, m.to_date, rules.membership_day(today, g.dissolved_on))
            rows.append({"id": m.id, "group_id": g.id, "group": g.name, "role": m.role.label,
                         "from_date": m.from_date, "to_date": m.to_date,
                         "current": current and not rules.is_closed(g.dissolved_on, today)})
        return sorted(rows, key=lambda r: (not r["current"], sv_key(r["group"])))


def people(db: Database) -> list[Row]:
    with db.session() as s:
        stmt = (select(d.Person, d.Organisation)
                .join(d.Organisation, d.Organisation.id == d.Person.organisation_id, isouter=True))
        return sv_sorted([{"id": p.id, "name": p.name, "title": p.title, "organisation": o.name if o else "",
                 "email": p.email, "phone": p.phone, "archived": _("Archived") if p.archived else ""}
                          for p, o in s.exec(stmt).all()], lambda r: r["name"])


def organisations(db: Database) -> list[Row]:
    with db.session() as s:
        counts = dict(s.exec(select(d.Person.organisation_id, sa.func.count()).group_by(d.Person.organisation_id)).all())
        return [{"id": o.id, "name": o.name, "kind": o.kind.label, "people": counts.get(o.id, 0),
                 "archived": _("Archived") if o.archived else ""}
                for o in sv_sorted(s.exec(select(d.Organisation)).all(), lambda o: o.name)]


def meetings(db: Database, today: dt.date) -> list[Row]:
    with db.session() as s:
        items = dict(s.exec(select(d.Minutes.meeting_id, sa.func.count(d.MinutesItem.id))
                            .join(d.MinutesItem, d.MinutesItem.minutes_id == d.Minutes.id)
                            .group_by(d.Minutes.meeting_id)).all())
        ranges = {mid: (lo, hi) for mid, lo, hi in s.exec(
            select(d.Minutes.meeting_id, sa.func.min(d.MinutesItem.number), sa.func.max(d.MinutesItem.number))
            .join(d.MinutesItem, d.MinutesItem.minutes_id == d.Minutes.id).group_by(d.Minutes.meeting_id)).all()}
        rows = []
        for m, g in s.exec(select(d.Meeting, d.Group).join(d.Group).order_by(d.Meeting.date.desc())).all():
            if m.cancelled:
                status = _("Cancelled")
            elif m.date > today:
                status = _("Planned")
            else:
                status = _("Held")
            lo_hi = ranges.get(m.id)
            rows.append({
                "id": m.id, "date": m.date, "time": m.start_time.strftime("%H:%M") if m.start_time else "",
                "group": g.name, "place": m.place, "status": status, "items": items.get(m.id, 0),
                "paragraphs": f"§ {lo_hi[0]}–{lo_hi[1]}" if lo_hi else "",
            })
        return rows


def minutes_document(db: Database, meeting_id: int) -> Row | None:
    """Everything needed to show a meeting's protocol in the usual Swedish form."""
    with db.session() as s:
        meeting = s.get(d.Meeting, meeting_id)
        if meeting is None:
            return None
        group = s.get(d.Group, meeting.group_id)
        minutes = s.exec(select(d.Minutes).where(d.Minutes.meeting_id == meeting_id)).first()
        attendance: dict[d.Attendance, list[str]] = {}
        for a, p, o in sv_sorted(s.exec(select(d.MeetingAttendance, d.Person, d.Organisation)
                                        .join(d.Person, d.Person.id == d.MeetingAttendance.person_id)
                                        .join(d.Organisation, d.Organisation.id == d.Person.organisation_id,
                                              isouter=True)
                                        .where(d.MeetingAttendance.meeting_id == meeting_id)).all(),
                                 lambda row: row[1].name):
            text = p.name + (f" ({o.short_name or o.name})" if o else "") + (f", {a.note}" if a.note else "")
            attendance.setdefault(a.attendance, []).append(text)
        items = []
        names = {}
        if minutes is not None:
            items = list(s.exec(select(d.MinutesItem).where(d.MinutesItem.minutes_id == minutes.id)
                                .order_by(d.MinutesItem.number)).all())
            for pid in (minutes.secretary_id, minutes.chair_id, minutes.adjuster_id):
                if pid:
                    names[pid] = s.get(d.Person, pid).name
        return {"meeting": meeting, "group": group, "minutes": minutes, "attendance": attendance,
                "items": items, "names": names}


def situation_pictures(db: Database) -> list[Row]:
    with db.session() as s:
        counts = Counter(s.exec(select(d.SituationFinding.situation_picture_id)).all())
        return [{"id": p.id, "title": p.title, "period_from": p.period_from, "period_to": p.period_to,
                 "decided_on": p.decided_on, "findings": counts.get(p.id, 0), "sources": p.sources,
                 "analysis": p.analysis}
                for p in s.exec(select(d.SituationPicture).order_by(d.SituationPicture.period_to.desc())).all()]


def findings(db: Database, picture_id: int) -> list[Row]:
    with db.session() as s:
        measures = Counter(s.exec(select(d.Measure.origin_finding_id).where(
            d.Measure.origin_finding_id.is_not(None), newest_copy())).all())
        stmt = (select(d.SituationFinding, d.FocusArea)
                .join(d.FocusArea, d.FocusArea.id == d.SituationFinding.focus_area_id, isouter=True)
                .where(d.SituationFinding.situation_picture_id == picture_id).order_by(d.SituationFinding.number))
        return [{"id": f.id, "number": f.number, "title": f.title, "source": f.source.label,
                 "priority": f.priority.label, "focus_area": rules.focus_area_label(fa.number, fa.title) if fa else "",
                 "measures": measures.get(f.id, 0), "description": f.description}
                for f, fa in s.exec(stmt).all()]
