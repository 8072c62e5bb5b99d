"""The minutes editor: where the group's § series continues, and the anslag — typed in,
refused inline in Swedish, undone, and open for the anslag after the justering."""

from __future__ import annotations

import datetime as dt

from tests.meetings.test_meetings_ui import setup, type_into  # noqa: F401 - the fixture
from tryggapp.services import minutes as mn

MEETING = {"date": dt.date(2026, 3, 4), "start_time": dt.time(9), "end_time": dt.time(11), "place": "Stadshuset"}


def test_the_series_start_is_set_where_the_numbers_are_shown(setup):  # noqa: F811
    win, section, group, db, errors = setup
    mid = section.book({"group_id": group.id, **MEETING})
    section.tabs.setCurrentIndex(2)
    assert section.numbering_form.isVisible()
    caption = "Paragrafserien för Arbetsgrupp Centrum 2026 fortsätter från §"
    assert section.numbering_form.labels["first_number"].text() == caption
    assert section.f_first_number.accessibleName() == caption
    assert section.f_first_number.text() == "1"
    section.start_minutes()
    assert [r.number for r in mn.items(db, mid, section.ctx.today())][:2] == [1, 2]

    type_into(section.f_first_number, "37")
    assert not errors and section.numbering_form.error_text("first_number") == ""
    numbers = [r.number for r in mn.items(db, mid, section.ctx.today())]
    assert numbers[0] == 37 and numbers == list(range(37, 37 + len(numbers)))
    assert section.items.model.index(0, 0).data() in (37, "37")  # the § list shows them at once
    win.ctx.undo_stack.undo()
    assert mn.first_number(db, group.id, 2026) == 1 and section.f_first_number.text() == "1"
    win.ctx.undo_stack.redo()
    assert mn.first_number(db, group.id, 2026) == 37

    # Refused inline: not a whole number, and below numbers of approved minutes.
    type_into(section.f_first_number, "0")
    assert section.numbering_form.error_text("first_number") == \
        "Nästa paragrafnummer: ange ett heltal från 1 till 9\u00a0999."
    section.f_first_number.revert()
    section.f_chair.set_value(group.chair)
    section.f_adjuster.set_value(group.members[2])
    assert section.justera() and not errors
    type_into(section.f_first_number, "30")
    assert section.numbering_form.error_text("first_number").startswith("Nästa paragrafnummer kan inte vara § 30:")
    assert mn.first_number(db, group.id, 2026) == 37 and not errors


def test_the_anslag_is_written_after_the_justering_and_checked_inline(setup):  # noqa: F811
    win, section, group, db, errors = setup
    mid = section.book({"group_id": group.id, **MEETING})
    section.tabs.setCurrentIndex(2)
    section.start_minutes()
    section.f_adjusted_on.line.setText("2026-03-06")
    section.f_adjusted_on.finish()
    section.f_chair.set_value(group.chair)
    section.f_adjuster.set_value(group.members[2])
    assert section.justera() and section.locked, errors
    # Locked minutes: the justering is read-only, the anslag is not.
    assert section.f_adjust_place.isReadOnly()
    assert not section.f_posted_from.line.isReadOnly() and not section.f_kept_at.isReadOnly()

    section.f_posted_from.line.setText("2026-03-05")  # before the justering
    section.f_posted_from.finish()
    assert section.notice_form.error_text("posted_from").startswith("”Anslaget sätts upp” (2026-03-05) kan inte")
    assert mn.minutes_of(db, mid).posted_from is None
    section.f_posted_from.line.setText("2026-03-09")
    section.f_posted_from.finish()
    assert section.notice_form.error_text("posted_from") == ""
    section.f_posted_to.line.setText("2026-03-08")  # taken down before it went up
    section.f_posted_to.finish()
    assert section.notice_form.error_text("posted_to") == \
        "”Anslaget tas ned” (2026-03-08) kan inte vara före ”Anslaget sätts upp” (2026-03-09)."
    section.f_posted_to.line.setText("2026-03-30")
    section.f_posted_to.finish()
    type_into(section.f_kept_at, "Kommunkansliet")
    minutes = mn.minutes_of(db, mid)
    assert (minutes.posted_from, minutes.posted_to, minutes.kept_at) == (
        dt.date(2026, 3, 9), dt.date(2026, 3, 30), "Kommunkansliet")
    assert not errors
    win.ctx.undo_stack.undo()
    assert mn.minutes_of(db, mid).kept_at == "" and section.f_kept_at.text() == ""
    win.ctx.undo_stack.redo()
    # The preview shows it as the protokoll will.
    html = section.detail.toPlainText()
    assert "Anslaget sätts upp" in html and "9 mars 2026" in html and "Kommunkansliet" in html
