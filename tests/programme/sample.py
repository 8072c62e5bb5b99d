"""A small hand-made municipality with a pinned `today`, whose dashboard answers are known
by construction (see the comments on each row)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from tryggapp import domain as d
from tryggapp.domain.enums import (
    Assessment,
    GoalKind,
    GroupLevel,
    MeasureStatus,
    ObservationCategory,
    OrganisationKind,
    PeriodKind,
    Priority,
)
from tryggapp.domain.periods import tertial
from tryggapp.services import crud
from tryggapp.services import programme as svc
from tryggapp.storage import Database

TODAY = dt.date(2026, 11, 25)


@dataclass
class Sample:
    ids: dict[str, int] = field(default_factory=dict)
    tables: dict[str, str] = field(default_factory=dict)  # name -> table of the record

    def __getitem__(self, name: str) -> int:
        return self.ids[name]

    def name_of(self, table: str, ident: int) -> str:
        return next(n for n, i in self.ids.items() if i == ident and self.tables.get(n) == table)


def _add(sample: Sample, name: str, obj):  # noqa: ANN001, ANN202
    created = crud.create(sample.db, obj)  # type: ignore[attr-defined]
    sample.ids[name] = created.id
    sample.tables[name] = created.__tablename__
    return created


def build(db: Database) -> Sample:
    s = Sample()
    s.db = db  # type: ignore[attr-defined]
    crud.create(db, d.Municipality(name="Ådalens kommun", coordinator_name="Karin Lindqvist",
                                   coordinator_title="Säkerhetssamordnare"))
    _add(s, "org_kommun", d.Organisation(name="Kommunledningsförvaltningen", kind=OrganisationKind.MUNICIPAL))
    _add(s, "org_police", d.Organisation(name="Polisen, lokalpolisområde Ådalen", kind=OrganisationKind.POLICE))
    _add(s, "org_tech", d.Organisation(name="Tekniska förvaltningen", kind=OrganisationKind.MUNICIPAL))
    _add(s, "org_housing", d.Organisation(name="Ådalshem AB", kind=OrganisationKind.HOUSING))
    _add(s, "karin", d.Person(name="Karin Lindqvist", title="Säkerhetssamordnare", organisation_id=s["org_kommun"]))
    _add(s, "sara", d.Person(name="Sara Nilsson", title="Gatuchef", organisation_id=s["org_tech"]))
    _add(s, "erik", d.Person(name="Erik Holm", title="Kommunpolis", organisation_id=s["org_police"]))

    # -- the programme
    p = svc.create_programme(db, "Handlingsprogram för trygghet och säkerhet 2024–2027",
                             reference_number="KS 2023/412", decided_on=dt.date(2023, 12, 11),
                             adopted_by="Kommunfullmäktige", valid_from=dt.date(2024, 1, 1),
                             valid_to=dt.date(2027, 12, 31), document_owner="Säkerhetssamordnare",
                             follow_up="Handlingsplanen följs upp efter andra tertialet och revideras årligen.")
    s.ids["programme"] = p.id  # type: ignore[assignment]
    svc.add_revision(db, p.id, revision="1.0", revised_on=dt.date(2023, 12, 11), author="Karin Lindqvist",  # type: ignore[arg-type]
                     description="Fastställd av kommunfullmäktige")
    svc.add_revision(db, p.id, revision="1.1", revised_on=dt.date(2025, 2, 3), author="Karin Lindqvist",  # type: ignore[arg-type]
                     description="Nytt fokusområde om hot och våld mot anställda")
    crime = svc.add_direction(db, p.id, "Brottsförebyggande och trygghetsfrämjande arbete")  # type: ignore[arg-type]
    internal = svc.add_direction(db, p.id, "Intern säkerhet")  # type: ignore[arg-type]
    s.ids |= {"dir_crime": crime.id, "dir_internal": internal.id}  # type: ignore[dict-item]
    fa1 = svc.add_focus_area(db, crime.id, "Trygg stadsmiljö", owner_person_id=s["sara"])  # type: ignore[arg-type]
    fa2 = svc.add_focus_area(db, crime.id, "Ungas trygghet")  # type: ignore[arg-type]
    fa4 = svc.add_focus_area(db, internal.id, "Hot och våld mot anställda")  # type: ignore[arg-type]
    fa3 = svc.add_focus_area(db, crime.id, "Brott i nära relationer")  # type: ignore[arg-type]
    s.ids |= {"fa1": fa1.id, "fa2": fa2.id, "fa3": fa3.id, "fa4": fa4.id}  # type: ignore[dict-item]

    g1 = svc.add_goal(db, fa1.id, "Fler invånare känner sig trygga i centrum kvällstid", GoalKind.IMPACT,  # type: ignore[arg-type]
                      indicator="Andel som känner sig trygga ute sent en kväll", unit="%",
                      baseline=61, baseline_year=2023, target=70, due=dt.date(2027, 12, 31),
                      source="Trygghetsundersökningen")
    for year, value in ((2023, 61), (2024, 63), (2025, 66.5)):
        svc.set_measurement(db, g1.id, year, PeriodKind.YEAR, 1, value)  # type: ignore[arg-type]
    g2 = svc.add_goal(db, fa1.id, "Alla gångtunnlar i centrum har god belysning", GoalKind.PERFORMANCE,  # type: ignore[arg-type]
                      indicator="Antal åtgärdade gångtunnlar", unit="st", target=6)
    svc.set_measurement(db, g2.id, 2026, PeriodKind.TERTIAL, 1, 2)  # type: ignore[arg-type]
    svc.set_measurement(db, g2.id, 2026, PeriodKind.TERTIAL, 2, 4)  # type: ignore[arg-type]
    svc.set_assessment(db, g2.id, tertial(2026, 2), assessment=Assessment.ACHIEVABLE,  # type: ignore[arg-type]
                       comment="Fyra av sex tunnlar klara; resten beställda.", assessed_on=dt.date(2026, 9, 10))
    g3 = svc.add_goal(db, fa2.id, "Minskad skadegörelse på skolor", GoalKind.IMPACT,  # type: ignore[arg-type]
                      indicator="Anmälda skadegörelsebrott på skolor", unit="st", higher_is_better=False)
    for (year, q), value in {(2025, 1): 14, (2025, 2): 12, (2025, 3): 15, (2025, 4): 11,
                             (2026, 1): 9, (2026, 2): 10, (2026, 3): 7}.items():
        svc.set_measurement(db, g3.id, year, PeriodKind.QUARTER, q, value)  # type: ignore[arg-type]
    s.ids |= {"goal_safe": g1.id, "goal_tunnels": g2.id, "goal_vandalism": g3.id}  # type: ignore[dict-item]

    # -- groups and meetings (required by today, 329 days into 2026)
    def group(name: str, level: GroupLevel, per_year: int, **kw) -> int:  # noqa: ANN003
        return _add(s, name, d.Group(name=name, level=level, meetings_per_year=per_year, **kw)).id

    steering = group("Styrgruppen för trygghet", GroupLevel.STEERING, 4, started_on=dt.date(2020, 1, 1))
    coordination = group("Samordningsgruppen", GroupLevel.COORDINATION, 10)
    centre = group("Arbetsgrupp Centrum", GroupLevel.WORKING, 6, started_on=dt.date(2026, 6, 1))
    group("Arbetsgrupp Skolor", GroupLevel.WORKING, 6, started_on=dt.date(2025, 1, 1),
          dissolved_on=dt.date(2026, 5, 1))  # dissolved: never behind
    group("Gamla BRÅ", GroupLevel.COUNCIL, 4, archived=True)  # archived: never behind

    def meeting(name: str, group_id: int, day: dt.date, **kw) -> None:  # noqa: ANN003
        _add(s, name, d.Meeting(group_id=group_id, date=day, place="Stadshuset", **kw))

    # steering: 3 held, owes round(4 * 329 / 365.25) = 4 -> behind by 1
    for i, day in enumerate((dt.date(2026, 2, 10), dt.date(2026, 5, 12), dt.date(2026, 9, 15))):
        meeting(f"steering_{i}", steering, day)
    meeting("steering_next", steering, dt.date(2026, 12, 8), start_time=dt.time(13, 0))  # upcoming
    # coordination: 9 held, owes round(10 * 329 / 365.25) = 9 -> on track
    for i, month in enumerate((1, 2, 3, 4, 5, 6, 8, 9, 10)):
        meeting(f"coordination_{i}", coordination, dt.date(2026, month, 20))
    meeting("coordination_next", coordination, dt.date(2026, 12, 1), start_time=dt.time(9, 0))  # upcoming
    meeting("coordination_cancelled", coordination, dt.date(2026, 12, 3), cancelled=True)  # not shown
    meeting("coordination_late", coordination, dt.date(2027, 1, 12))  # beyond 30 days
    # centre: started 1 June, owes round(6 * 178 / 365.25) = 3, held 1 -> behind by 2
    meeting("centre_0", centre, dt.date(2026, 9, 1))
    meeting("centre_cancelled", centre, dt.date(2026, 10, 1), cancelled=True)  # cancelled: not held

    # -- a safety walk
    walk = _add(s, "walk", d.SafetyWalk(date=dt.date(2026, 10, 5), area="Centrum"))

    def observation(name: str, number: int, category: ObservationCategory, priority: Priority = Priority.MEDIUM,
                    **kw) -> None:  # noqa: ANN003
        _add(s, name, d.Observation(walk_id=walk.id, number=number, place=f"Plats {number}", category=category,
                                    priority=priority, **kw))

    observation("obs_answered", 1, ObservationCategory.LIGHTING)  # a measure comes from it
    observation("obs_bushes", 2, ObservationCategory.VEGETATION, Priority.HIGH)  # open, listed first
    observation("obs_nice", 3, ObservationCategory.POSITIVE)  # positive: needs no answer
    observation("obs_private", 4, ObservationCategory.GRAFFITI,
                no_action_reason="Privat fastighetsägare beslutar själv")  # answered with a reason
    observation("obs_litter", 5, ObservationCategory.LITTER, Priority.LOW)  # open, listed last

    # -- action plans
    plan25 = _add(s, "plan2025", d.ActionPlan(year=2025, programme_id=p.id))
    plan26 = _add(s, "plan2026", d.ActionPlan(year=2026, programme_id=p.id, previous_plan_id=plan25.id))

    def measure(name: str, plan: int, number: int, status: MeasureStatus, deadline: dt.date | None,
                **kw) -> None:  # noqa: ANN003
        _add(s, name, d.Measure(action_plan_id=plan, number=number, title=name.replace("_", " ").capitalize(),
                                status=status, deadline=deadline, **kw))

    measure("old_graffiti_wall", plan25.id, 1, MeasureStatus.ONGOING, dt.date(2025, 11, 30))  # superseded
    measure("tunnel_lighting", plan26.id, 1, MeasureStatus.ONGOING, dt.date(2026, 10, 31),
            focus_area_id=fa1.id, responsible_person_id=s["sara"])  # late
    measure("prune_bushes", plan26.id, 2, MeasureStatus.NOT_STARTED, dt.date(2026, 12, 10),
            focus_area_id=fa1.id, responsible_organisation_id=s["org_tech"],
            origin_observation_id=s["obs_answered"])  # due soon
    measure("walk_norrmalm", plan26.id, 3, MeasureStatus.DONE, dt.date(2026, 9, 30))  # done: neither
    measure("parent_walks", plan26.id, 4, MeasureStatus.ONGOING, dt.date(2026, 12, 20),
            focus_area_id=fa2.id)  # due soon
    measure("threat_training", plan26.id, 5, MeasureStatus.PAUSED, dt.date(2026, 6, 30),
            focus_area_id=fa4.id)  # late (paused is still open)
    measure("camera_study", plan26.id, 6, MeasureStatus.CANCELLED, dt.date(2026, 3, 1),
            cancel_reason="Ej förenligt med kamerabevakningslagen")  # cancelled: neither
    measure("graffiti_wall", plan26.id, 7, MeasureStatus.ONGOING, dt.date(2026, 12, 31),
            carried_over_from_id=s["old_graffiti_wall"])  # beyond 30 days
    measure("forgotten", plan26.id, 8, MeasureStatus.ONGOING, dt.date(2026, 1, 31), archived=True)  # archived
    measure("today_deadline", plan26.id, 9, MeasureStatus.ONGOING, TODAY)  # due today: soon, not late
    return s
