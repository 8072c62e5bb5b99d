"""A group's upcoming meetings as an iCalendar file (RFC 5545) that Outlook, Google and
Apple calendars import.

Written by hand (no library, no network): CRLF line ends, lines folded at 75 octets
without splitting a UTF-8 character, TEXT values escaped, a stable UID per meeting (an
import of a newer file updates the events instead of doubling them), DTSTAMP in UTC,
and local times with TZID=Europe/Stockholm and its VTIMEZONE (CET/CEST, EU rules)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from sqlmodel import select

from tryggapp import domain as d
from tryggapp.errors import UserError
from tryggapp.i18n import _
from tryggapp.services.meetings import agenda_lines
from tryggapp.storage import Database

TZID = "Europe/Stockholm"
PRODID = "-//Tryggapp//Tryggapp möten//SV"

# Sweden has followed the EU rules since 1996: CEST from the last Sunday of March 02:00,
# CET from the last Sunday of October 03:00.
VTIMEZONE = [
    "BEGIN:VTIMEZONE",
    f"TZID:{TZID}",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "TZNAME:CEST",
    "DTSTART:19700329T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "TZNAME:CET",
    "DTSTART:19701025T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
]


def escape(text: str) -> str:
    """RFC 5545 3.3.11: backslash, semicolon, comma and newlines."""
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n"))


def fold(line: str) -> str:
    """RFC 5545 3.1: at most 75 octets a line; continuation lines start with a space.
    Never cuts inside a UTF-8 sequence (Outlook shows a broken "ä" otherwise)."""
    out: list[str] = []
    current = ""
    size = 0
    limit = 75
    for ch in line:
        n = len(ch.encode("utf-8"))
        if size + n > limit:
            out.append(current)
            current, size, limit = " ", 1, 75
        current += ch
        size += n
    out.append(current)
    return "\r\n".join(out)


@dataclass(frozen=True, slots=True)
class CalendarResult:
    text: str
    events: int


def _stamp(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def _uid(meeting: d.Meeting, identity: str) -> str:
    return f"meeting-{meeting.id}-{identity}@tryggapp"


def upcoming(db: Database, group_id: int, today: dt.date) -> list[d.Meeting]:
    """The group's meetings from `today` on, not cancelled, by date."""
    with db.session() as s:
        return list(s.exec(select(d.Meeting).where(d.Meeting.group_id == group_id, d.Meeting.date >= today,
                                                   d.Meeting.cancelled == False)  # noqa: E712
                           # a day's untimed meeting first on both engines (PostgreSQL puts NULL last)
                           .order_by(d.Meeting.date, d.Meeting.start_time.asc().nulls_first(), d.Meeting.id)).all())


def _identity(db: Database) -> str:
    """Part of every UID: the database's own identity, so two municipalities' files never
    clash in one calendar."""
    with db.session() as s:
        row = s.exec(select(d.DatabaseIdentity)).first()
    return str(getattr(row, "uuid", None) or getattr(row, "id", "") or "db")


def build(db: Database, group_id: int, today: dt.date, *, now: dt.datetime | None = None) -> CalendarResult:
    now = now or dt.datetime.now(dt.UTC)
    with db.session() as s:
        group = s.get(d.Group, group_id)
    if group is None:
        raise UserError(_("The group no longer exists."))
    meetings = upcoming(db, group_id, today)
    identity = _identity(db)
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
             "X-WR-CALNAME:" + escape(group.name), f"X-WR-TIMEZONE:{TZID}", *VTIMEZONE]
    for m in meetings:
        lines += ["BEGIN:VEVENT", f"UID:{_uid(m, identity)}", f"DTSTAMP:{_stamp(now)}"]
        if m.start_time is not None:
            start = dt.datetime.combine(m.date, m.start_time)
            end = dt.datetime.combine(m.date, m.end_time) if m.end_time else start + dt.timedelta(hours=1)
            lines += [f"DTSTART;TZID={TZID}:{start:%Y%m%dT%H%M%S}", f"DTEND;TZID={TZID}:{end:%Y%m%dT%H%M%S}"]
        else:  # a day without a time yet: an all-day event
            lines += [f"DTSTART;VALUE=DATE:{m.date:%Y%m%d}",
                      f"DTEND;VALUE=DATE:{m.date + dt.timedelta(days=1):%Y%m%d}"]
        lines.append("SUMMARY:" + escape(_("Meeting: {group}").format(group=group.name)))
        if m.place:
            lines.append("LOCATION:" + escape(m.place))
        agenda = agenda_lines(m.agenda)
        if agenda:
            body = _("Agenda") + ":\n" + "\n".join(f"{k}. {line}" for k, line in enumerate(agenda, start=1))
            lines.append("DESCRIPTION:" + escape(body))
        lines += ["STATUS:CONFIRMED", "TRANSP:OPAQUE", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return CalendarResult("".join(fold(line) + "\r\n" for line in lines), len(meetings))


def write(result: CalendarResult, path: Path) -> None:
    """Atomically, so a failed save never leaves half a calendar file."""
    import os
    import uuid

    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        with open(tmp, "xb") as fh:
            fh.write(result.text.encode("utf-8"))
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise UserError(_("The calendar could not be saved as {path}. Check that the folder exists and that "
                          "you may write there (error {code}).").format(path=path, code=exc.errno)) from exc
