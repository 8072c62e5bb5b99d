"""Fixtures for the action plan: a small, known plan (so assertions can name rows) and,
for the coordinator walk-through, the demo database when it exists."""

from __future__ import annotations

import datetime as dt
import importlib.util
from dataclasses import dataclass, field

import pytest

from tryggapp import domain as d
from tryggapp.domain.enums import MeasureStatus, ObservationCategory, OrganisationKind

TODAY = dt.date(2026, 11, 25)  # the same day the demo is pinned to (tests/conftest.py)


@dataclass
class Seed:
    """Ids of the records `seed_plan` made, by name."""

    ids: dict[str, int] = field(default_factory=dict)

    def __getitem__(self, key: str) -> int:
        return self.ids[key]


def seed_plan(db, year: int = 2026) -> Seed:
    """A programme with three focus areas, three organisations and people, an origin of
    each common kind, and a plan of six measures in every status (one late)."""
    seed = Seed()
    with db.session() as s:
        prog = d.Programme(title="Handlingsprogram för trygghet 2025–2028", valid_from=dt.date(2025, 1, 1))
        s.add(prog)
        s.flush()
        direction = d.Direction(programme_id=prog.id, title="Brottsförebyggande och trygghetsfrämjande arbete")
        s.add(direction)
        s.flush()
        fas = [d.FocusArea(direction_id=direction.id, number=n, title=t) for n, t in
               [(1, "Ungdomars trygghet"), (2, "Våld i nära relationer"), (3, "Trygg stadsmiljö")]]
        s.add_all(fas)
        orgs = [d.Organisation(name="Samhällsbyggnadsförvaltningen", kind=OrganisationKind.MUNICIPAL),
                d.Organisation(name="Polisen lokalpolisområde Ekdala", kind=OrganisationKind.POLICE),
                d.Organisation(name="Ekdalabostäder AB", kind=OrganisationKind.HOUSING)]
        s.add_all(orgs)
        s.flush()
        people = [d.Person(name="Anna Berg", organisation_id=orgs[0].id),
                  d.Person(name="Örjan Åkesson", organisation_id=orgs[1].id),
                  d.Person(name="Lena Holm", organisation_id=orgs[2].id)]
        s.add_all(people)
        group = d.Group(name="Samordningsgruppen", level=d.GroupLevel.COORDINATION, meetings_per_year=6)
        s.add(group)
        s.flush()
        meeting = d.Meeting(group_id=group.id, date=dt.date(2026, 3, 10))
        s.add(meeting)
        s.flush()
        minutes = d.Minutes(meeting_id=meeting.id)
        s.add(minutes)
        s.flush()
        item = d.MinutesItem(minutes_id=minutes.id, group_id=group.id, year=2026, number=14,
                             heading="Belysning i Norrby")
        walk = d.SafetyWalk(date=dt.date(2026, 10, 2), area="Centrum")
        s.add_all([item, walk])
        s.flush()
        obs = d.Observation(walk_id=walk.id, number=4, place="Gångtunneln vid stationen",
                            category=ObservationCategory.LIGHTING)
        s.add(obs)
        plan = d.ActionPlan(year=year, title=f"Handlingsplan {year}", programme_id=prog.id)
        s.add(plan)
        s.flush()
        rows = [
            # number, title, focus, person, org, start, deadline, status, reason, origin
            (1, "Belysning i gångtunneln", 2, 0, 0, (2026, 2, 1), (2026, 6, 30), MeasureStatus.DONE, "",
             {"origin_observation_id": obs.id}),
            (2, "Trygghetsvandring i Norrby", 2, 1, 1, (2026, 3, 1), (2026, 10, 31), MeasureStatus.ONGOING, "",
             {"origin_minutes_item_id": item.id}),
            (3, "Föräldravandringar helger", 0, 2, 2, None, (2027, 3, 31), MeasureStatus.NOT_STARTED, "", {}),
            (4, "Utbildning om våld i nära relationer", 1, 0, 0, (2026, 1, 15), (2026, 12, 31),
             MeasureStatus.PAUSED, "Väntar på budget", {}),
            (5, "Kameraövervakning torget", 2, 1, 1, None, (2026, 9, 30), MeasureStatus.CANCELLED,
             "Polisen avstyrde", {}),
            (6, "Klotterplank vid skolan", 0, None, 2, None, None, MeasureStatus.NOT_STARTED, "", {}),
        ]
        measures = []
        for number, title, fa, person, org, start, deadline, status, reason, origin in rows:
            m = d.Measure(action_plan_id=plan.id, number=number, title=title, focus_area_id=fas[fa].id,
                          responsible_person_id=people[person].id if person is not None else None,
                          responsible_organisation_id=orgs[org].id,
                          start_date=dt.date(*start) if start else None,
                          deadline=dt.date(*deadline) if deadline else None, status=status,
                          cancel_reason=reason, description=f"Beskrivning av {title.lower()}.",
                          expected_effect="Ökad trygghet", **origin)
            s.add(m)
            measures.append(m)
        s.flush()
        for m in measures:
            s.add(d.MeasureStatusChange(measure_id=m.id, changed_on=dt.date(2026, 1, 10), old_status=None,
                                        new_status=MeasureStatus.NOT_STARTED))
        for index, on, old, new, reason in [
            (0, (2026, 2, 1), MeasureStatus.NOT_STARTED, MeasureStatus.ONGOING, ""),
            (0, (2026, 6, 20), MeasureStatus.ONGOING, MeasureStatus.DONE, ""),
            (1, (2026, 3, 2), MeasureStatus.NOT_STARTED, MeasureStatus.ONGOING, ""),
            (3, (2026, 5, 4), MeasureStatus.NOT_STARTED, MeasureStatus.PAUSED, "Väntar på budget"),
            (4, (2026, 4, 10), MeasureStatus.NOT_STARTED, MeasureStatus.CANCELLED, "Polisen avstyrde"),
        ]:
            s.add(d.MeasureStatusChange(measure_id=measures[index].id, changed_on=dt.date(*on), old_status=old,
                                        new_status=new, reason=reason))
        s.add_all([
            d.MeasureNote(measure_id=measures[1].id, noted_on=dt.date(2026, 5, 12), text="Inbjudan skickad"),
            d.MeasureNote(measure_id=measures[1].id, noted_on=dt.date(2026, 9, 1), text="Rutten bestämd"),
            d.MeasureNote(measure_id=measures[0].id, noted_on=dt.date(2026, 6, 20), text="Belysningen monterad"),
            d.MeasurePartner(measure_id=measures[1].id, organisation_id=orgs[0].id),
            d.MeasurePartner(measure_id=measures[1].id, organisation_id=orgs[2].id),
        ])
        s.commit()
        seed.ids.update({"programme": prog.id, "direction": direction.id, "plan": plan.id,
                         "minutes_item": item.id, "observation": obs.id, "walk": walk.id})
        for i, fa in enumerate(fas, 1):
            seed.ids[f"fa{i}"] = fa.id
        for i, o in enumerate(orgs, 1):
            seed.ids[f"org{i}"] = o.id
        for i, p in enumerate(people, 1):
            seed.ids[f"person{i}"] = p.id
        for m in measures:
            seed.ids[f"m{m.number}"] = m.id
    return seed


@pytest.fixture
def seeded(db):
    """(db, seed): an empty database with the known plan of 2026."""
    return db, seed_plan(db)


def demo_available() -> bool:
    return importlib.util.find_spec("tryggapp.services.demo") is not None


@pytest.fixture
def coordinator_db(request, tmp_path):
    """The demo database when the demo module exists, else the small known plan: the UI
    walk-through works on either (it adds and finds its own measures by title)."""
    if demo_available():
        database = request.getfixturevalue("demo_db")
        yield database
        return
    from tryggapp.storage import open_database

    database = open_database(tmp_path / "coord.db", create=True)
    seed_plan(database)
    yield database
    database.close()
