"""The residents' feedback ("Återkoppling efter trygghetsvandringen i …"): in plain
Swedish, for each thing seen on the walk, what is done, by which organisation and when —
or why it cannot be done. It prints only what `services.walk_documents.feedback` gives
it, which holds no personal data (no names, e-mail addresses or phone numbers): no
participants, no measure notes, no responsible persons, no internal codes or numbers.

    data = services.walk_documents.feedback(db, walk_id, today)
    pages = reports.walk_feedback.build_pdf(data, "återkoppling.pdf")
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

from tryggapp.formatting import date_long, number  # noqa: E402
from tryggapp.i18n import _, ngettext  # noqa: E402
from tryggapp.reports import styles as st  # noqa: E402
from tryggapp.reports import walk_pdf  # noqa: E402
from tryggapp.reports.styles import para, text  # noqa: E402
from tryggapp.services import walk_documents  # noqa: E402
from tryggapp.services.followup import (  # noqa: E402
    OUTCOME_DONE,
    OUTCOME_MEASURE,
    OUTCOME_NO_ACTION,
    OUTCOME_OPEN,
    OUTCOME_POSITIVE,
)
from tryggapp.services.walk_documents import Feedback, FeedbackItem  # noqa: E402

LABEL_WIDTH = 34 * mm


def title(data: Feedback) -> str:
    return _("Feedback after the safety walk in {area}").format(area=data.area)


def _join(items: tuple[str, ...] | list[str]) -> str:
    """'A', 'A och B', 'A, B och C'."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return _("{first} and {last}").format(first=", ".join(items[:-1]), last=items[-1])


def intro(data: Feedback) -> str:
    with_whom = _join(list(data.organisations))
    if data.residents_took_part and with_whom:
        who = _("residents together with {organisations}").format(organisations=with_whom)
    elif data.residents_took_part:
        who = _("residents and the municipality")
    else:
        who = with_whom or _("the municipality")
    return _("On {date} {who} walked through {area} to look at what makes the area feel safe or unsafe. "
             "Thank you to everyone who took part! Here we tell you what has happened with what we saw, "
             "as things stand on {today}.").format(date=date_long(data.date), who=who, area=data.area,
                                                   today=date_long(data.today))


def summary(data: Feedback) -> str:
    counts = {key: sum(1 for i in data.items if i.outcome == key) for key in
              (OUTCOME_DONE, OUTCOME_MEASURE, OUTCOME_NO_ACTION, OUTCOME_OPEN, OUTCOME_POSITIVE)}
    parts = []
    if counts[OUTCOME_DONE]:
        parts.append(ngettext("{n} has been fixed", "{n} have been fixed", counts[OUTCOME_DONE]))
    if counts[OUTCOME_MEASURE]:
        parts.append(ngettext("{n} is being worked on", "{n} are being worked on", counts[OUTCOME_MEASURE]))
    if counts[OUTCOME_NO_ACTION]:
        parts.append(ngettext("{n} cannot be dealt with by us", "{n} cannot be dealt with by us",
                              counts[OUTCOME_NO_ACTION]))
    if counts[OUTCOME_OPEN]:
        parts.append(ngettext("{n} has not been decided yet", "{n} have not been decided yet", counts[OUTCOME_OPEN]))
    if counts[OUTCOME_POSITIVE]:
        parts.append(ngettext("{n} was something good that we want to keep",
                              "{n} were good things that we want to keep", counts[OUTCOME_POSITIVE]))
    keys = [k for k in counts if counts[k]]
    words = [p.format(n=number(counts[k])) for p, k in zip(parts, keys, strict=True)]
    n = len(data.items)
    return ngettext("We noted {n} thing on the walk: {parts}.",
                    "We noted {n} things on the walk: {parts}.", n).format(n=number(n), parts=_join(words))


def answer(item: FeedbackItem) -> list[tuple[str, str]]:
    """The item's rows as label and plain words: what we saw, what happens, who, when."""
    rows = [(_("What we saw"), item.description)]
    who = _join(list(item.by_whom))
    what = "; ".join(item.what)
    if item.outcome == OUTCOME_DONE:
        rows += [(_("What has been done"), what), (_("Who"), who),
                 (_("Done"), date_long(item.when) if item.when else _("Yes"))]
    elif item.outcome == OUTCOME_MEASURE:
        state = _("It is planned and under way.")
        if item.paused:
            state = _("The work has been put on hold for now.")
        if item.late:
            state = _("The work is taking longer than planned.")
        rows += [(_("What will be done"), f"{what}. {state}" if what else state), (_("Who"), who)]
        if item.when:
            rows.append((_("Was planned to be done by") if item.late else _("Planned to be done by"),
                         date_long(item.when)))
    elif item.outcome == OUTCOME_NO_ACTION:
        rows.append((_("What happens"), _("This is not something we can fix ourselves.")))
        rows.append((_("Why"), item.reason))
        if who:
            rows.append((_("Passed on to"), who))
    elif item.outcome == OUTCOME_POSITIVE:
        rows.append((_("What happens"), _("Thank you for pointing this out! This is something that works well, "
                                          "and we want to keep it that way.")))
    else:
        words = _("Nothing has been decided yet.")
        if item.reason:
            words = _("What was planned will not happen: {reason}. A new decision has not been made yet.").format(
                reason=item.reason.rstrip(". "))
        rows.append((_("What happens"), words))
        if who:
            rows.append((_("Who is looking into it"), who))
    return [(label, value) for label, value in rows if value and value.strip()]


def story(data: Feedback) -> list[Flowable]:
    out: list[Flowable] = [
        para(data.municipality, st.COVER_MUNI),
        Spacer(1, 6 * mm),
        para(title(data), walk_pdf.TITLE),
        para(intro(data), st.LEAD),
    ]
    if data.items:
        out.append(para(summary(data), st.LEAD))
    else:
        out.append(para(_("Nothing was noted on this walk.")))
    # The heading goes into the first item's KeepTogether (see walk_protocol.story).
    heading = para(_("What we saw and what happens now"), st.H2)
    for i, item in enumerate(data.items):
        out.append(_item(item, [heading] if i == 0 else []))
    if data.feedback.strip() or data.follow_up_date:
        out.append(para(_("Follow-up"), st.H2))
        if data.follow_up_date:
            out.append(para(_("The participants met again on {date} to follow up the walk.").format(
                date=date_long(data.follow_up_date)) if data.follow_up_date <= data.today else
                _("The participants will meet again on {date} to follow up the walk.").format(
                    date=date_long(data.follow_up_date))))
        if data.feedback.strip():
            out.append(para(data.feedback))
    out += [Spacer(1, 4 * mm), para(_("Do you have questions or have you seen something new? Contact "
                                      "{municipality}.").format(municipality=data.municipality), st.BODY)]
    return out


def _item(item: FeedbackItem, lead: list[Flowable]) -> Flowable:
    head = para(_("{number}. {place}").format(number=item.number, place=item.place), st.H3)
    rows = [[Paragraph(text(label), st.CELL_HEAD), Paragraph(text(value), st.CELL)] for label, value in
            [(_("Kind"), item.category_text), *answer(item)]]
    table = Table(rows, colWidths=[LABEL_WIDTH, st.FRAME_WIDTH - LABEL_WIDTH], hAlign="LEFT", splitInRow=1,
                  style=st.table_style(header_rows=0, zebra=False, extra=[("LINEABOVE", (0, 0), (-1, 0), 0.35, st.RULE)]))
    return KeepTogether([*lead, head, table])


def build_pdf(data: Feedback, target: str | Path | BinaryIO) -> int:
    """Write the feedback (atomically to a path) and return its page count."""
    name = title(data)
    return walk_pdf.build(
        story(data), target, title=name, author=data.municipality,
        subject=_("Feedback to residents after the safety walk in {area} on {date}").format(
            area=data.area, date=date_long(data.date)),
        header=(data.municipality, name),
        footer=(_("As things stand on {date}").format(date=date_long(data.today)), data.report_footer))


def write(db: Database, walk_id: int, target: str | Path | BinaryIO, today: dt.date) -> int:
    """Collect and write a walk's residents' feedback in one call (what "Återkoppling"
    needs); returns the page count. Raises walk_documents.WalkNotFound or a UserError for
    a file that cannot be written."""
    return build_pdf(walk_documents.feedback(db, walk_id, today), target)
