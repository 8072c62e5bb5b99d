"""§ numbering, justering and its lock, measures from decisions, attendance (services)."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.engines import Raw, raw
from tryggapp import domain as d
from tryggapp.errors import UserError
from tryggapp.services import crud
from tryggapp.services import meetings as mt
from tryggapp.services import minutes as mn
from tryggapp.services.validation import ValidationError

TODAY = dt.date(2026, 6, 1)


def numbers(db, meeting_id):
    return [(r.number, r.heading) for r in mn.items(db, meeting_id, TODAY)]


def meeting_with_items(db, group, day, headings):
    m = mt.plan_meeting(db, group.id, day, start_time=dt.time(9), end_time=dt.time(10), agenda=[])
    for h in headings:
        mn.add_item(db, m.id, {"heading": h})
    return m


def test_numbers_run_on_across_meetings_and_restart_each_year(db, group):
    a = meeting_with_items(db, group, dt.date(2025, 11, 3), ["A1", "A2"])
    b = meeting_with_items(db, group, dt.date(2026, 2, 3), ["B1", "B2", "B3"])
    c = meeting_with_items(db, group, dt.date(2026, 4, 3), ["C1"])
    assert numbers(db, a.id) == [(1, "A1"), (2, "A2")]
    assert numbers(db, b.id) == [(1, "B1"), (2, "B2"), (3, "B3")]
    assert numbers(db, c.id) == [(4, "C1")]
    # Another group has its own series.
    from tests.meetings.conftest import make_group
    other = make_group(db, "Styrgruppen")
    o = meeting_with_items(db, other, dt.date(2026, 3, 1), ["O1"])
    assert numbers(db, o.id) == [(1, "O1")]


def test_adding_removing_moving_keeps_one_series_without_gaps(db, group):
    b = meeting_with_items(db, group, dt.date(2026, 2, 3), ["B1", "B2"])
    c = meeting_with_items(db, group, dt.date(2026, 4, 3), ["C1", "C2"])
    added = mn.add_item(db, b.id, {"heading": "B-ny"}, position=1)
    assert numbers(db, b.id) == [(1, "B1"), (2, "B-ny"), (3, "B2")]
    assert numbers(db, c.id) == [(4, "C1"), (5, "C2")]
    mn.move_item(db, added.id, +1)
    assert numbers(db, b.id) == [(1, "B1"), (2, "B2"), (3, "B-ny")]
    removed = mn.delete_item(db, numbers_id(db, b.id, "B1"))
    assert numbers(db, b.id) == [(1, "B2"), (2, "B-ny")]
    assert numbers(db, c.id) == [(3, "C1"), (4, "C2")]
    mn.restore_item(db, removed)  # undo puts it back in its place
    assert numbers(db, b.id) == [(1, "B1"), (2, "B2"), (3, "B-ny")]
    assert numbers(db, c.id) == [(4, "C1"), (5, "C2")]


def numbers_id(db, meeting_id, heading):
    return next(r.id for r in mn.items(db, meeting_id, TODAY) if r.heading == heading)


def test_a_meeting_moved_to_another_year_or_order_renumbers_both_years(db, group):
    a = meeting_with_items(db, group, dt.date(2025, 12, 10), ["A1"])
    b = meeting_with_items(db, group, dt.date(2026, 2, 3), ["B1", "B2"])
    c = meeting_with_items(db, group, dt.date(2026, 4, 3), ["C1"])
    mt.update_meeting(db, a.id, {"date": dt.date(2026, 3, 1)})  # now between b and c
    assert numbers(db, b.id) == [(1, "B1"), (2, "B2")]
    assert numbers(db, a.id) == [(3, "A1")]
    assert numbers(db, c.id) == [(4, "C1")]
    mt.update_meeting(db, c.id, {"date": dt.date(2026, 1, 5)})  # now first of the year
    assert numbers(db, c.id) == [(1, "C1")]
    assert numbers(db, b.id) == [(2, "B1"), (3, "B2")]
    assert numbers(db, a.id) == [(4, "A1")]


def test_end_must_be_after_start(db, group):
    with pytest.raises(ValidationError):
        mt.plan_meeting(db, group.id, dt.date(2026, 3, 1), start_time=dt.time(10), end_time=dt.time(10))
    m = mt.plan_meeting(db, group.id, dt.date(2026, 3, 1), start_time=dt.time(10), end_time=dt.time(11))
    with pytest.raises(ValidationError):
        mt.update_meeting(db, m.id, {"end_time": dt.time(9)})


def test_a_new_meeting_starts_from_the_usual_items_and_follows_up_earlier_decisions(db, group):
    first = meeting_with_items(db, group, dt.date(2026, 2, 3), ["Belysning i parken"])
    item = numbers_id(db, first.id, "Belysning i parken")
    mn.update_item(db, item, {"decision": "byta armaturer i parken"})
    measure = mn.create_measure(db, item, {"title": "Byta armaturer", "deadline": dt.date(2026, 5, 1)},
                                today=TODAY)
    nxt = mt.plan_meeting(db, group.id, dt.date(2026, 6, 3))
    mn.start_minutes(db, nxt.id, TODAY)
    rows = mn.items(db, nxt.id, TODAY)
    headings = [r.heading for r in rows]
    assert headings[:4] == [mt._(t) for t in mt.OPENING_ITEMS]
    assert headings[-3:] == [mt._(t) for t in mt.CLOSING_ITEMS]
    assert rows[0].number == 2  # the series runs on from the first meeting's § 1
    follow = rows[3].discussion
    assert "Byta armaturer" in follow and "§ 1/2026" in follow
    assert "Försenad" in follow or "Late" in follow  # deadline passed, not done
    assert measure.origin_minutes_item_id == item


def test_measure_from_a_decision_is_linked_both_ways(db, group):
    m = meeting_with_items(db, group, dt.date(2026, 2, 3), ["Klotter"])
    item = numbers_id(db, m.id, "Klotter")
    mn.update_item(db, item, {"decision": "att sanera inom 48 timmar\nsätta upp kameror"})
    assert mn.items(db, m.id, TODAY)[0].decision == "att sanera inom 48 timmar\natt sätta upp kameror"
    one = mn.create_measure(db, item, {"title": mn.measure_title_from("att sanera inom 48 timmar"),
                                       "responsible_person_id": group.chair}, today=TODAY)
    two = mn.create_measure(db, item, {"title": "Kameror"}, today=TODAY)
    links = mn.items(db, m.id, TODAY)[0].measures
    assert [x.id for x in links] == [one.id, two.id] and links[0].title == "Sanera inom 48 timmar"
    from tryggapp.services import measures
    origin = measures.row(db, one.id, TODAY).origin
    assert origin.table == "minutes_item" and origin.record_id == item
    with pytest.raises(UserError):  # its origin would be lost
        mn.delete_item(db, item)


def justerade(db, group):
    m = meeting_with_items(db, group, dt.date(2026, 2, 3), ["B1", "B2", "B3"])
    mt.save_attendance(db, m.id, [(p, d.Attendance.PRESENT, "") for p in group.members])
    mn.justera(db, m.id, chair_id=group.chair, adjuster_id=group.members[2], adjusted_on=dt.date(2026, 2, 6),
               place="Stadshuset", now=dt.datetime(2026, 2, 6, 15, 0))
    return m


def test_justerade_minutes_are_locked_for_every_service(db, group):
    m = justerade(db, group)
    item = numbers_id(db, m.id, "B2")
    attempts = [
        lambda: mn.update_item(db, item, {"heading": "Ändrad"}),
        lambda: mn.add_item(db, m.id, {"heading": "Ny"}),
        lambda: mn.delete_item(db, item),
        lambda: mn.move_item(db, item, 1),
        lambda: mn.update_minutes(db, m.id, {"adjuster_id": group.members[3]}),
        lambda: mn.justera(db, m.id, chair_id=group.chair, adjuster_id=group.chair,
                           adjusted_on=dt.date(2026, 2, 7)),
        lambda: mt.save_attendance(db, m.id, []),
        lambda: mt.update_meeting(db, m.id, {"date": dt.date(2026, 2, 4)}),
        lambda: mt.delete_meeting(db, m.id),
        lambda: crud.update(db, d.MinutesItem, item, {"heading": "Ändrad"}),
        lambda: crud.delete(db, d.Meeting, m.id),
    ]
    for attempt in attempts:
        with pytest.raises(UserError):
            attempt()
    assert numbers(db, m.id) == [(1, "B1"), (2, "B2"), (3, "B3")]
    # The anslag is written after the justering: allowed.
    mn.update_minutes(db, m.id, {"posted_from": dt.date(2026, 2, 7), "posted_to": dt.date(2026, 2, 28)})
    # An earlier meeting cannot get a § that would renumber the locked ones.
    earlier = mt.plan_meeting(db, group.id, dt.date(2026, 1, 10), agenda=[])
    with pytest.raises(mn.NumberLocked):
        mn.add_item(db, earlier.id, {"heading": "Tidigare"})
    assert numbers(db, m.id) == [(1, "B1"), (2, "B2"), (3, "B3")]
    # Nor can an earlier meeting with items be deleted (the gap could not close).
    mn.reopen(db, m.id, "Tillfälligt", now=dt.datetime(2026, 2, 7))
    first = meeting_with_items(db, group, dt.date(2026, 1, 5), ["A1"])
    mn.justera(db, m.id, chair_id=group.chair, adjuster_id=group.members[2], adjusted_on=dt.date(2026, 2, 8),
               now=dt.datetime(2026, 2, 8))
    assert numbers(db, m.id) == [(2, "B1"), (3, "B2"), (4, "B3")]
    with pytest.raises(mn.NumberLocked):
        mt.delete_meeting(db, first.id)
    assert numbers(db, first.id) == [(1, "A1")] and numbers(db, m.id)[0] == (2, "B1")


@pytest.mark.parametrize("sql", [
    "UPDATE minutes_item SET heading = 'Ändrad' WHERE number = 2",
    "UPDATE minutes_item SET number = 9 WHERE number = 2",
    "DELETE FROM minutes_item WHERE number = 2",
    "INSERT INTO minutes_item (minutes_id, group_id, year, number, heading, reference_number, discussion, "
    "decision) SELECT id, {group}, 2026, 7, 'Smyg', '', '', '' FROM minutes",
    "UPDATE minutes SET adjuster_id = chair_id",
    "UPDATE minutes SET locked_at = NULL, adjusted_on = NULL",
    "DELETE FROM minutes",
    "DELETE FROM meeting",
    "UPDATE meeting SET place = 'Annat rum'",
    "DELETE FROM meeting_attendance",
    "UPDATE meeting_attendance SET attendance = 'absent'",
])
def test_locked_minutes_refuse_raw_sql(db, group, sql):
    """The lock holds below the program too: revision 0004's triggers (SQLite's, or
    PostgreSQL's plpgsql ones) refuse the raw statement."""
    justerade(db, group)
    location = db.path
    db.close()
    conn = Raw(location)
    texts = "SELECT heading, number FROM minutes_item ORDER BY id"
    before = conn.execute(texts).fetchall()
    with pytest.raises(conn.IntegrityError, match="locked"):
        conn.execute(sql.format(group=group.id))
    conn.rollback()
    assert conn.execute(texts).fetchall() == before
    conn.close()


def test_reopening_needs_a_reason_that_is_kept(db, group):
    m = justerade(db, group)
    with pytest.raises(ValidationError):
        mn.reopen(db, m.id, "  ")
    entry = mn.reopen(db, m.id, "Fel namn på justeraren", now=dt.datetime(2026, 2, 10, 9, 0), author="Åsa")
    assert entry.adjusted_on == dt.date(2026, 2, 6)
    item = numbers_id(db, m.id, "B2")
    mn.update_item(db, item, {"heading": "B2 rättad"})
    mn.justera(db, m.id, chair_id=group.chair, adjuster_id=group.members[3], adjusted_on=dt.date(2026, 2, 11),
               now=dt.datetime(2026, 2, 11, 10, 0))
    history = mn.reopenings(db, m.id)
    assert [(h.reason, h.adjuster) for h in history] == [("Fel namn på justeraren", "Cecilia Öst")]
    # Locked again: the old reopening does not open it a second time.
    with pytest.raises(UserError):
        mn.update_item(db, item, {"heading": "igen"})
    with raw(db) as conn, pytest.raises(conn.IntegrityError):
        conn.execute("UPDATE minutes SET locked_at = NULL")


def test_attendance_from_members_plus_guests_with_partial_note(db, group):
    m = mt.plan_meeting(db, group.id, dt.date(2026, 3, 1))
    sheet = mt.attendance_sheet(db, m.id)
    assert [line.person_id for line in sheet] == group.members
    assert sheet[-1].attendance is d.Attendance.CO_OPTED  # the co-opted member
    entries = [(line.person_id, line.attendance, "") for line in sheet]
    entries[3] = (group.members[3], d.Attendance.ABSENT, "")
    entries[2] = (group.members[2], d.Attendance.PRESENT, "§ 30–31")
    entries.append((group.guest, d.Attendance.OTHER_PRESENT, ""))
    previous = mt.save_attendance(db, m.id, entries)
    assert previous == []
    sheet = mt.attendance_sheet(db, m.id)
    assert sheet[2].note == "§ 30–31" and sheet[3].attendance is d.Attendance.ABSENT
    assert sheet[-1].person_id == group.guest and sheet[-1].role is None
    mt.save_attendance(db, m.id, previous)  # undo
    assert mt.recorded_attendance(db, m.id) == []
