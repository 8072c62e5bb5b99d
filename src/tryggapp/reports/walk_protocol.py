"""The walk protocol (protokoll från trygghetsvandringen) for the participants: the walk,
who took part, every observation with its photos, and who does what about it.

    data = services.walk_documents.protocol(db, walk_id, today)
    pages = reports.walk_protocol.build_pdf(data, "protokoll.pdf")
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from tryggapp.reports import fonts

if TYPE_CHECKING:
    from tryggapp.storage import Database

fonts.register()  # before reportlab.platypus: see tryggapp.reports.fonts
from reportlab.lib.units import mm  # noqa: E402
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table  # noqa: E402

from tryggapp.formatting import date_long, date_short, number  # noqa: E402
from tryggapp.i18n import _, ngettext  # noqa: E402
from tryggapp.reports import styles as st  # noqa: E402
from tryggapp.reports import walk_pdf  # noqa: E402
from tryggapp.reports.styles import para, text  # noqa: E402
from tryggapp.services import walk_documents  # noqa: E402
from tryggapp.services.followup import OUTCOME_NO_ACTION, OUTCOME_OPEN, OUTCOME_POSITIVE  # noqa: E402
from tryggapp.services.walk_documents import ObservationEntry, WalkProtocol  # noqa: E402


def title(data: WalkProtocol) -> str:
    return _("Safety walk in {area}").format(area=data.area)


def when(data: WalkProtocol) -> str:
    """'14 oktober 2025 kl. 18.30'."""
    day = date_long(data.date)
    if data.start_time is None:
        return day
    return _("{date} at {time}").format(date=day, time=data.start_time.strftime("%H.%M"))


def coordinates(entry: ObservationEntry) -> str:
    """'58,75312° N, 17,00981° E' (WGS84), Swedish decimals; '' without coordinates."""
    if entry.latitude is None or entry.longitude is None:
        return ""
    return _("{lat}° N, {lon}° E (WGS84)").format(lat=number(entry.latitude, 5), lon=number(entry.longitude, 5))


def _heads(*labels: str) -> list[Paragraph]:
    return [Paragraph(text(label), st.CELL_HEAD) for label in labels]


def _table(rows: list[list], widths_mm: tuple[float, ...]) -> Table:
    cols = [w * mm for w in widths_mm]
    if 0 in widths_mm:
        cols[widths_mm.index(0)] = st.FRAME_WIDTH - sum(cols)
    return Table(rows, colWidths=cols, repeatRows=1, hAlign="LEFT", splitInRow=1, style=st.table_style())


def story(data: WalkProtocol) -> list[Flowable]:
    out: list[Flowable] = [
        para(data.municipality, st.COVER_MUNI),
        Spacer(1, 3 * mm),
        para(_("Protocol"), st.H4),
        para(title(data), walk_pdf.TITLE),
        walk_pdf.facts_table([
            (_("Date and time"), when(data)),
            (_("Area"), data.area),
            (_("Route"), data.route),
            (_("Light"), data.light),
            (_("Weather"), data.weather),
            (_("Arranged by"), data.organiser),
            (_("Follow-up meeting"), date_long(data.follow_up_date)),
            (_("Measures as of"), date_long(data.today)),
        ]),
    ]
    out += _participants(data)
    if data.summary.strip():
        out += [para(_("Summary"), st.H2), para(data.summary)]
    out += _overview(data)
    # The section heading goes into the first observation's KeepTogether: platypus's
    # keepWithNext does not hold a heading to a KeepTogether, and an observation taller
    # than the page's rest moves to the next page whole, which left the heading behind.
    heading = para(_("Observations"), st.H2)
    for i, entry in enumerate(data.observations):
        out += _observation(entry, [heading] if i == 0 else [])
    out += _follow_up(data)
    return out


def _participants(data: WalkProtocol) -> list[Flowable]:
    out: list[Flowable] = [para(_("Participants"), st.H2)]
    if not (data.people or data.organisations or data.others):
        return out + [para(_("No participants were recorded."), st.NOTE)]
    if data.people:
        rows = [_heads(_("Name"), _("Title"), _("Organisation"))]
        rows += [[para(p.name, st.CELL), para(p.title, st.CELL), para(p.organisation, st.CELL)] for p in data.people]
        out.append(_table(rows, (52, 48, 0)))
    if data.organisations:
        out += [para(_("Organisations"), st.H4), para(", ".join(data.organisations))]
    if data.others:
        out += [para(_("Residents and other participants"), st.H4)]
        out += [para(f"– {o}", st.BULLET) for o in data.others]
    return out


def _overview(data: WalkProtocol) -> list[Flowable]:
    n = len(data.observations)
    out: list[Flowable] = [para(_("Overview"), st.H2)]
    if not n:
        return out + [para(_("No observations were recorded on this walk."))]
    sentence = ngettext("{n} observation: {handled} handled, {open} still open.",
                        "{n} observations: {handled} handled, {open} still open.", n).format(
        n=number(n), handled=number(data.handled), open=number(n - data.handled))
    if data.open_too_long:
        sentence += " " + ngettext("{n} of them is still open more than six months after the walk.",
                                   "{n} of them are still open more than six months after the walk.",
                                   data.open_too_long).format(n=number(data.open_too_long))
    out.append(para(sentence))
    rows = [_heads(_("No."), _("Place"), _("Category"), _("Priority"), _("Status"))]
    for o in data.observations:
        status = o.outcome_text + (" " + _("(over six months)") if o.open_too_long else "")
        rows.append([str(o.number), para(o.place, st.CELL), para(o.category_text, st.CELL),
                     para(o.priority_text, st.CELL),
                     para(status, st.CELL_BOLD if o.outcome == OUTCOME_OPEN else st.CELL)])
    out.append(_table(rows, (10, 0, 42, 18, 38)))
    return out


def _observation(o: ObservationEntry, lead: list[Flowable]) -> list[Flowable]:
    head = para(_("{number}. {place}").format(number=o.number, place=o.place), st.H3)
    facts = [(_("Category"), o.category_text), (_("Priority"), o.priority_text),
             (_("Coordinates"), coordinates(o))]
    block: list[Flowable] = [*lead, head, walk_pdf.facts_table(facts, 30 * mm), Spacer(1, 2 * mm)]
    if o.description.strip():
        block.append(para(o.description))
    # An observation stays on one page when it fits (a longer one is split as it must).
    return [KeepTogether(block + _photos(o) + [para(_("Who does what"), st.H4), *_who_does_what(o)])]


def _photos(o: ObservationEntry) -> list[Flowable]:
    if not o.photos:
        return []
    cells = []
    for photo in o.photos:
        image = walk_pdf.thumbnail(photo.data)
        caption = para(st.clip(photo.caption or photo.filename, 120), st.CAPTION)
        if image is None:
            cells.append([para(_("(the photo could not be read: {name})").format(name=photo.filename), st.NOTE)])
        else:
            cells.append([image, caption])
    # Up to three photos a row.
    rows = [cells[i:i + 3] for i in range(0, len(cells), 3)]
    for row in rows:
        row += [""] * (3 - len(row))
    col = st.FRAME_WIDTH / 3
    return [Table(rows, colWidths=[col] * 3, hAlign="LEFT", style=[
        ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4)])]


def _who_does_what(o: ObservationEntry) -> list[Flowable]:
    out: list[Flowable] = []
    if o.measures:
        rows = [_heads(_("Measure"), _("What"), _("Responsible"), _("Deadline"), _("Status"))]
        for m in o.measures:
            responsible = [para(m.responsible_organisation, st.CELL)]
            if m.responsible_person:
                responsible.append(para(m.responsible_person, st.CELL_SMALL))
            status = [para(m.status_text, st.CELL_BOLD if m.status_key == "late" else st.CELL)]
            if m.completed_on:
                status.append(para(date_short(m.completed_on), st.CELL_SMALL))
            if m.cancel_reason:
                status.append(para(m.cancel_reason, st.CELL_SMALL))
            rows.append([m.ref, para(m.title, st.CELL), responsible, date_short(m.deadline) or "–", status])
        out += [_table(rows, (18, 0, 44, 22, 30)), Spacer(1, 2 * mm)]
    if o.outcome == OUTCOME_NO_ACTION:
        out.append(para(_("No action: {reason}").format(reason=o.no_action_reason)))
    elif o.outcome == OUTCOME_POSITIVE:
        out.append(para(_("Positive observation: no action needed.")))
    elif o.outcome == OUTCOME_OPEN:
        words = _("Not yet decided.") if not o.measures else _("Every measure was cancelled: not yet decided again.")
        if o.responsible_organisation and not o.measures:
            words += " " + _("Passed on to: {organisation}.").format(organisation=o.responsible_organisation)
        out.append(para(words, st.BODY))
    if o.open_too_long:
        out.append(para(_("Still open more than six months after the walk."), st.NOTE))
    return out


def _follow_up(data: WalkProtocol) -> list[Flowable]:
    return [KeepTogether(_follow_up_parts(data))]


def _follow_up_parts(data: WalkProtocol) -> list[Flowable]:
    out: list[Flowable] = [para(_("Follow-up"), st.H2)]
    if data.follow_up_date:
        out.append(para(_("Follow-up meeting: {date}.").format(date=date_long(data.follow_up_date))))
    else:
        out.append(para(_("No follow-up meeting has been set.")))
    if data.feedback.strip():
        out += [para(_("Feedback to residents"), st.H4), para(data.feedback)]
    return out


def build_pdf(data: WalkProtocol, target: str | Path | BinaryIO) -> int:
    """Write the protocol (atomically to a path) and return its page count."""
    name = title(data)
    return walk_pdf.build(
        story(data), target, title=_("Protocol: {title}").format(title=name), author=data.municipality,
        subject=_("Protocol of the safety walk in {area} on {date}").format(area=data.area,
                                                                           date=date_long(data.date)),
        header=(data.municipality, _("Protocol: {title}, {date}").format(title=name, date=date_short(data.date))),
        footer=(_("Measures as of {date}").format(date=date_long(data.today)), data.report_footer))


def write(db: Database, walk_id: int, target: str | Path | BinaryIO, today: dt.date) -> int:
    """Collect and write a walk's protocol in one call (what "Skriv ut protokoll" needs);
    returns the page count. Raises walk_documents.WalkNotFound or a UserError for a file
    that cannot be written."""
    return build_pdf(walk_documents.protocol(db, walk_id, today), target)
