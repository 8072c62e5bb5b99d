"""The demo municipality: complete, deterministic, valid by the app's own rules, coherent
with `today`, never mixed into a database in use; and the `tryggapp demo` command."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict

import pytest
import sqlalchemy as sa
from sqlmodel import SQLModel, select

from tests.conftest import DEMO_TODAY
from tryggapp import domain as d
from tryggapp.domain import periods, rules
from tryggapp.domain.enums import GroupLevel, MeasureStatus, ObservationCategory, PeriodKind
from tryggapp.errors import UserError
from tryggapp.main import main
from tryggapp.services import crud, demo, validators
from tryggapp.storage import open_database

# Columns the storage layer fills from the wall clock and the OS account (storage.audit),
# and each file's own identity (revision 0002): the only things allowed to differ between
# two runs.
_CLOCK_COLUMNS = {"audit_entry": {"at", "os_user"}, "database_identity": {"uuid", "created_at"}}


def _dump(db) -> dict[str, list[tuple]]:
    out = {}
    with db.engine.connect() as conn:
        for table in SQLModel.metadata.sorted_tables:
            cols = [c for c in table.columns if c.name not in _CLOCK_COLUMNS.get(table.name, ())]
            rows = conn.execute(sa.select(*cols).order_by(*table.primary_key.columns)).all()
            out[table.name] = [tuple(r) for r in rows]
    return out


def _all(db, model):
    with db.session() as s:
        return list(s.exec(select(model)).all())


# --------------------------------------------------------------------------- determinism


def test_same_today_gives_identical_rows(demo_db, db):
    demo.populate(db, today=DEMO_TODAY)
    first, second = _dump(demo_db), _dump(db)
    assert first.keys() == second.keys()
    for name in first:
        assert first[name] == second[name], name
    assert sum(len(rows) for rows in first.values()) > 2000


def test_populate_writes_in_batches(db):
    """The demo is built with batched statements, not a query per row (its time is
    measured by benchmarks/bench_demo.py, not asserted here: clocks fail under load).
    Counting statements catches the same slip deterministically."""
    statements = 0

    def count(*_args) -> None:  # noqa: ANN002
        nonlocal statements
        statements += 1

    sa.event.listen(db.engine, "before_cursor_execute", count)
    demo.populate(db, today=DEMO_TODAY)
    sa.event.remove(db.engine, "before_cursor_execute", count)
    with db.engine.connect() as conn:
        rows = sum(conn.execute(sa.select(sa.func.count()).select_from(t)).scalar()
                   for t in SQLModel.metadata.sorted_tables)
    # About 2 100 statements for 4 100 rows (change log included) when this was written.
    assert rows > 2000 and statements < rows


# --------------------------------------------------------------------------- what is in it


def test_municipality_and_programme(demo_db):
    town = _all(demo_db, d.Municipality)[0]
    assert town.name == demo.DEMO_MUNICIPALITY == "Tryggviks kommun"
    assert town.coordinator_email.endswith(".example")
    (programme,) = _all(demo_db, d.Programme)
    assert programme.adopted_by == "Kommunfullmäktige"
    assert programme.reference_number.startswith("KS ")
    assert programme.valid_from <= DEMO_TODAY <= programme.valid_to
    assert 3 <= len(_all(demo_db, d.ProgrammeRevision)) <= 4
    directions = _all(demo_db, d.Direction)
    assert [x.title for x in directions] == ["Brottsförebyggande och trygghetsfrämjande arbete",
                                             "Intern säkerhet"]
    areas = _all(demo_db, d.FocusArea)
    assert sorted(a.number for a in areas) == list(range(1, 11))
    assert all(a.owner_person_id and a.owner_organisation_id for a in areas)


def test_goals_measurements_and_assessments(demo_db):
    goals = _all(demo_db, d.Goal)
    per_area = Counter(g.focus_area_id for g in goals)
    assert len(per_area) == 10 and all(1 <= n <= 3 for n in per_area.values())
    assert {g.kind.value for g in goals} == {"impact", "performance"}
    assert {g.higher_is_better for g in goals} == {True, False}
    values = _all(demo_db, d.Measurement)
    assert {m.period_kind for m in values} == set(PeriodKind)
    assert {"Trygghetsundersökningen", "Polisens öppna statistik", "Kolada", "EST"} <= {m.source for m in values}
    assert {m.year for m in values} >= {DEMO_TODAY.year - 1, DEMO_TODAY.year}
    for m in values:  # only periods that have ended
        assert periods.of_kind(m.period_kind, m.year, m.period_no).end < DEMO_TODAY
    assessed = [a for a in _all(demo_db, d.GoalAssessment) if a.year == DEMO_TODAY.year]
    assert assessed and all(a.comment for a in assessed)
    assert all(a.period_kind is PeriodKind.TERTIAL and a.assessed_on <= DEMO_TODAY for a in assessed)


def test_organisations_people_and_groups(demo_db):
    kinds = Counter(o.kind.value for o in _all(demo_db, d.Organisation))
    assert kinds["municipal"] == 5
    assert {"police", "rescue", "housing", "property_owner", "association"} <= set(kinds)
    people = _all(demo_db, d.Person)
    assert 20 <= len(people) <= 30
    assert all(p.email.endswith(".example") and p.title and p.phone for p in people)
    groups = _all(demo_db, d.Group)
    levels = Counter(g.level for g in groups)
    assert levels[GroupLevel.WORKING] == 3
    assert {GroupLevel.STEERING, GroupLevel.COORDINATION, GroupLevel.COUNCIL} <= set(levels)
    dissolved = [g for g in groups if g.dissolved_on]
    assert len(dissolved) == 1 and dissolved[0].level is GroupLevel.WORKING and dissolved[0].final_report
    roles = {m.role.value for m in _all(demo_db, d.Membership)}
    assert roles == {"convener", "chair", "secretary", "member", "co_opted"}


def test_meetings_minutes_and_numbering(demo_db):
    with demo_db.session() as s:
        meetings = list(s.exec(select(d.Meeting)).all())
        minutes = {m.meeting_id: m for m in s.exec(select(d.Minutes)).all()}
        items = list(s.exec(select(d.MinutesItem)).all())
        attended = {a.meeting_id for a in s.exec(select(d.MeetingAttendance)).all()}
        groups = {g.id: g for g in s.exec(select(d.Group)).all()}
    for m in meetings:
        held = m.date < DEMO_TODAY and not m.cancelled
        assert (m.id in minutes) == held
        assert (m.id in attended) == held
    assert any(m.date > DEMO_TODAY for m in meetings), "no meetings planned for the rest of the year"
    assert {m.date.year for m in meetings} == {DEMO_TODAY.year - 1, DEMO_TODAY.year}

    date_of = {mi.id: next(m.date for m in meetings if m.id == mi.meeting_id) for mi in minutes.values()}
    by_group_year: dict[tuple[int, int], list[tuple[dt.date, int]]] = defaultdict(list)
    for item in items:
        by_group_year[(item.group_id, item.year)].append((date_of[item.minutes_id], item.number))
    for (_group, year), numbers in by_group_year.items():
        numbers.sort()
        assert [n for _day, n in numbers] == list(range(1, len(numbers) + 1))
        assert all(day.year == year for day, _n in numbers)

    council = [m for m in meetings if groups[m.group_id].level is GroupLevel.COUNCIL and m.id in minutes]
    assert council
    for meeting in council:
        mine = sorted((i for i in items if i.minutes_id == minutes[meeting.id].id), key=lambda i: i.number)
        assert [i.heading for i in mine][:4] == ["Mötet öppnas", "Val av justerare och tid för justering",
                                                 "Fastställande av dagordning", "Föregående mötes protokoll"]
        assert [i.heading for i in mine][-2:] == ["Information från polisen", "Övriga frågor"]
    assert any(minutes[m.id].posted_from for m in council)
    assert any(i.decision.startswith("att ") and "\natt " in i.decision for i in items)


def test_one_group_is_behind_its_cadence(demo_db):
    year_start = dt.date(DEMO_TODAY.year, 1, 1)
    behind = []
    for group in _all(demo_db, d.Group):
        if group.dissolved_on or not group.meetings_per_year:
            continue
        held = [m for m in _all(demo_db, d.Meeting) if m.group_id == group.id and not m.cancelled
                and year_start <= m.date <= DEMO_TODAY]
        if len(held) < rules.required_meetings(group.meetings_per_year, year_start, DEMO_TODAY,
                                               group.started_on, group.dissolved_on):
            behind.append(group.name)
    assert behind == ["Samordningsgruppen för brottsförebyggande arbete"]


def test_walks_observations_and_photos(demo_db):
    walks = _all(demo_db, d.SafetyWalk)
    assert sorted(w.area for w in walks) == ["Centrum", "Norrby", "Stationsområdet"]
    assert {w.date.year for w in walks} == {DEMO_TODAY.year - 1, DEMO_TODAY.year}
    assert all(w.light is not None and w.light.value in ("dusk", "dark") for w in walks)
    observations = _all(demo_db, d.Observation)
    per_walk = Counter(o.walk_id for o in observations)
    assert all(6 <= n <= 12 for n in per_walk.values())
    assert {o.category for o in observations} == set(ObservationCategory)
    assert [o.no_action_reason for o in observations if o.no_action_reason] == [
        "Privat fastighetsägare beslutar själv"]
    participants = _all(demo_db, d.SafetyWalkParticipant)
    assert any(p.person_id for p in participants) and any(p.organisation_id for p in participants)
    assert any(p.name and not p.person_id and not p.organisation_id for p in participants)
    photos = _all(demo_db, d.ObservationPhoto)
    assert photos and all(p.data.startswith(b"\x89PNG\r\n\x1a\n") and p.mime_type == "image/png"
                          for p in photos)
    assert len(_all(demo_db, d.SafetyVisit)) == 2


def test_situation_picture_and_commitments(demo_db):
    (picture,) = _all(demo_db, d.SituationPicture)
    findings = _all(demo_db, d.SituationFinding)
    assert 5 <= len(findings) <= 7 and all(f.focus_area_id for f in findings)
    assert picture.decided_on <= DEMO_TODAY
    assert picture.period_from.year == DEMO_TODAY.year - 1 and picture.period_to.year == DEMO_TODAY.year
    assert len({s.kind for s in _all(demo_db, d.SituationSource)}) == 6
    links = _all(demo_db, d.FindingFocusArea)
    assert {link.finding_id for link in links} == {f.id for f in findings} and len(links) > len(findings)
    assert all(f.area for f in findings)
    est = _all(demo_db, d.EstReport)
    assert 18 <= len(est) <= 22 and all(r.reported_on.year == DEMO_TODAY.year for r in est)
    assert len({r.kind for r in est}) >= 6 and sum(r.measure_id is not None for r in est) == 1
    assert _all(demo_db, d.FindingEst) and _all(demo_db, d.FindingMeasure)
    assert len(_all(demo_db, d.CitizenPromise)) == 1
    assert len(_all(demo_db, d.CooperationAgreement)) == 1


def test_action_plans_and_measures(demo_db):
    plans = {p.id: p for p in _all(demo_db, d.ActionPlan)}
    assert sorted(p.year for p in plans.values()) == [DEMO_TODAY.year - 1, DEMO_TODAY.year]
    measures = _all(demo_db, d.Measure)
    assert 55 <= len(measures) <= 65
    current = [m for m in measures if plans[m.action_plan_id].year == DEMO_TODAY.year]
    assert len(current) > len(measures) / 2
    assert {m.status for m in measures} == set(MeasureStatus)
    assert {m.status for m in current} == set(MeasureStatus)
    late = [m for m in current if rules.is_late(m.status, m.deadline, DEMO_TODAY)]
    assert len(late) >= 4
    assert {m.status for m in late} >= {MeasureStatus.ONGOING, MeasureStatus.NOT_STARTED}
    assert all(m.cancel_reason for m in measures if m.status is MeasureStatus.CANCELLED)
    assert all(m.responsible_person_id and m.responsible_organisation_id for m in measures)
    for plan_id in plans:
        numbers = sorted(m.number for m in measures if m.action_plan_id == plan_id)
        assert numbers == list(range(1, len(numbers) + 1))
    by_id = {m.id: m for m in measures}
    carried = [m for m in current if m.carried_over_from_id]
    assert len(carried) >= 3
    for m in carried:
        assert plans[by_id[m.carried_over_from_id].action_plan_id].year == DEMO_TODAY.year - 1
    assert any(m.origin_minutes_item_id for m in measures)
    assert any(m.origin_observation_id for m in measures)
    assert any(m.origin_finding_id for m in measures)
    assert [m.origin_citizen_promise_id for m in measures if m.origin_citizen_promise_id] != []
    assert _all(demo_db, d.MeasurePartner)


def test_status_history_and_notes_tell_the_same_story(demo_db):
    changes = defaultdict(list)
    for c in _all(demo_db, d.MeasureStatusChange):
        changes[c.measure_id].append(c)
    notes = _all(demo_db, d.MeasureNote)
    assert notes and all(n.noted_on <= DEMO_TODAY and n.text for n in notes)
    for m in _all(demo_db, d.Measure):
        history = sorted(changes[m.id], key=lambda c: (c.changed_on, c.recorded_at))
        assert history[0].old_status is None
        assert history[-1].new_status is m.status
        for before, after in zip(history, history[1:], strict=False):
            assert after.old_status is before.new_status
        assert all(c.changed_on <= DEMO_TODAY for c in history)
        if m.status is MeasureStatus.DONE:
            assert history[-1].changed_on >= (m.start_date or history[0].changed_on)


def test_every_row_passes_the_validators(demo_db):
    with demo_db.session() as s:
        for table in SQLModel.metadata.sorted_tables:
            model = next((mp.class_ for mp in SQLModel._sa_registry.mappers
                          if getattr(mp.class_, "__table__", None) is table), None)
            if model is None or model is d.AuditEntry:
                continue
            for obj in s.exec(select(model)).all():
                validators.validate(obj, s)


@pytest.mark.parametrize("today", [dt.date(2026, 1, 1), dt.date(2028, 2, 29), dt.date(2026, 12, 31)])
def test_any_today_gives_a_coherent_demo(tmp_path, today):
    """Nothing that must lie in the past is dated after `today`, early or late in a year."""
    db = open_database(tmp_path / "other.db", create=True)
    try:
        demo.populate(db, today=today)
        assert len(_all(db, d.Measure)) >= 55
        assert all(c.changed_on <= today for c in _all(db, d.MeasureStatusChange))
        assert all(w.date <= today for w in _all(db, d.SafetyWalk))
        meeting_day = {m.id: m.date for m in _all(db, d.Meeting)}
        assert all(meeting_day[x.meeting_id] < today for x in _all(db, d.Minutes))
        assert all(x.adjusted_on is None or x.adjusted_on <= today for x in _all(db, d.Minutes))
        for m in _all(db, d.Measurement):
            assert periods.of_kind(m.period_kind, m.year, m.period_no).end < today
    finally:
        db.close()


# --------------------------------------------------------------------------- refusals


def test_refuses_a_database_that_holds_a_municipality(demo_db):
    before = len(_all(demo_db, d.Measure))
    with pytest.raises(UserError) as info:
        demo.populate(demo_db, today=DEMO_TODAY)
    assert "tom databas" in info.value.message
    assert len(_all(demo_db, d.Measure)) == before


def test_refuses_a_database_with_other_data_and_leaves_it_alone(db):
    crud.create(db, d.Organisation(name="Polisen"))
    with pytest.raises(UserError):
        demo.populate(db, today=DEMO_TODAY)
    assert [o.name for o in _all(db, d.Organisation)] == ["Polisen"]
    assert _all(db, d.Municipality) == []


# --------------------------------------------------------------------------- the command


def test_cli_creates_the_demo_and_prints_counts(tmp_path, capsys):
    path = tmp_path / "ny" / "demo.db"
    assert main(["demo", "--db", str(path), "--today", "2026-11-25"]) == 0
    out = capsys.readouterr().out
    assert "Tryggviks kommun" in out and "Åtgärder" in out
    db = open_database(path)
    try:
        assert len(_all(db, d.Measure)) >= 55
        assert _dump(db)["measure"]
    finally:
        db.close()


def test_cli_refuses_a_database_in_use_unless_forced(tmp_path, capsys):
    path = tmp_path / "demo.db"
    assert main(["demo", "--db", str(path), "--today", "2026-11-25"]) == 0
    capsys.readouterr()
    assert main(["demo", "--db", str(path), "--today", "2026-11-25"]) != 0
    err = capsys.readouterr().err
    assert "--force" in err and "Traceback" not in err

    assert main(["demo", "--db", str(path), "--today", "2026-06-01", "--force"]) == 0
    assert "säkerhetskopierats" in capsys.readouterr().out
    assert any((tmp_path / "säkerhetskopior").glob("*före-demo*.db"))
    db = open_database(path)
    try:
        assert {w.date.year for w in _all(db, d.SafetyWalk)} <= {2025, 2026}
        assert max(m.date for m in _all(db, d.Meeting) if not m.cancelled) <= dt.date(2026, 12, 31)
        assert all(c.changed_on <= dt.date(2026, 6, 1) for c in _all(db, d.MeasureStatusChange))
    finally:
        db.close()


@pytest.mark.parametrize("bad", ["2026-13-45", "igår", "25/11/2026"])
def test_cli_bad_today_is_a_message_not_a_traceback(tmp_path, capsys, bad):
    path = tmp_path / "demo.db"
    assert main(["demo", "--db", str(path), "--today", bad]) != 0
    err = capsys.readouterr().err
    assert err.startswith("tryggapp: ") and bad in err and "ÅÅÅÅ-MM-DD" in err
    assert "Traceback" not in err
    assert not path.exists()


def test_demo_texts_have_no_slips(demo_template):
    """Read once for slips (issue 11): no participant count in a walk's summary beside the
    real list, no 'inv..' where a unit ends a sentence, no autumn break in late minutes."""
    import re
    import sqlite3

    conn = sqlite3.connect(f"{demo_template.resolve().as_uri()}?mode=ro", uri=True)
    try:
        summaries = [r[0] for r in conn.execute("SELECT summary FROM safety_walk")]
        units = [r[0] for r in conn.execute("SELECT unit FROM goal")]
        late_items = [" ".join(r) for r in conn.execute(
            "SELECT i.heading || ' ' || i.discussion || ' ' || i.decision FROM minutes_item i "
            "JOIN minutes m ON m.id = i.minutes_id JOIN meeting g ON g.id = m.meeting_id "
            "WHERE CAST(strftime('%m', g.date) AS INTEGER) >= 11")]
    finally:
        conn.close()
    assert not [s for s in summaries if re.search(r"\d+ deltagare", s)]
    assert not [u for u in units if u.endswith(".")]
    assert not [t for t in late_items if "höstlov" in t]
