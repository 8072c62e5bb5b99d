"""A small, fully known municipality for report tests (independent of the demo data):
every number the report prints can be counted here by hand.

Report date in these tests: TODAY = 2026-11-25 (as the demo's)."""

from __future__ import annotations

import datetime as dt

from tryggapp import domain as d
from tryggapp.domain.enums import (
    Assessment,
    GoalKind,
    GroupLevel,
    LightCondition,
    MeasureStatus,
    ObservationCategory,
    OrganisationKind,
    PeriodKind,
    Priority,
)

TODAY = dt.date(2026, 11, 25)
D = dt.date

FOCUS_TITLES = ("Trygg offentlig miljö", "Barn och unga", "Säker arbetsplats")


def populate(db, *, municipality: str = "Åbyköpings kommun", stress: bool = False) -> dict[str, int]:
    """Fill `db`; returns ids of interest. `stress`: 5 000-character texts, emoji, and
    300 measures in focus area 1."""
    long = ("Lång text med åäö och é. " * 220)[:5000] if stress else ""
    emoji = " 👍🏽✅🚓" if stress else ""
    with db.session() as s:
        s.add(d.Municipality(id=1, name=municipality, coordinator_name="Maria Öberg" + emoji,
                             coordinator_title="Säkerhetssamordnare",
                             report_footer="Kommunledningskontoret, 611 83 Åbyköping"))
        prog = d.Programme(title="Handlingsprogram för trygghet och säkerhet 2025–2028",
                           reference_number="KS 2024/0123", valid_from=D(2025, 1, 1), valid_to=D(2028, 12, 31),
                           decided_on=D(2024, 11, 20), adopted_by="Kommunfullmäktige")
        s.add(prog)
        s.flush()
        dir1 = d.Direction(programme_id=prog.id, position=1, title="Brottsförebyggande och trygghetsfrämjande arbete",
                           description="Kommunens arbete tillsammans med polisen." + long)
        dir2 = d.Direction(programme_id=prog.id, position=2, title="Intern säkerhet")
        s.add_all([dir1, dir2])
        s.flush()
        kommun = d.Organisation(name="Kommunledningskontoret", short_name="KLK", kind=OrganisationKind.MUNICIPAL)
        polis = d.Organisation(name="Polisen, lokalpolisområde Åbyköping", short_name="Polisen",
                               kind=OrganisationKind.POLICE)
        bolag = d.Organisation(name="Åbyhem AB", kind=OrganisationKind.HOUSING)
        s.add_all([kommun, polis, bolag])
        s.flush()
        maria = d.Person(name="Maria Öberg" + emoji, organisation_id=kommun.id)
        erik = d.Person(name="Erik Åström", organisation_id=polis.id)
        zoe = d.Person(name="Zoë Ekström" + emoji, organisation_id=bolag.id)
        s.add_all([maria, erik, zoe])
        s.flush()
        fa1 = d.FocusArea(direction_id=dir1.id, number=1, title=FOCUS_TITLES[0], owner_person_id=maria.id,
                          description="Belysning, klotter och otrygga platser." + long)
        fa2 = d.FocusArea(direction_id=dir1.id, number=2, title=FOCUS_TITLES[1], owner_organisation_id=polis.id)
        fa3 = d.FocusArea(direction_id=dir2.id, number=3, title=FOCUS_TITLES[2])
        s.add_all([fa1, fa2, fa3])
        s.flush()

        g1 = d.Goal(focus_area_id=fa1.id, kind=GoalKind.IMPACT, position=1,
                    text="Fler invånare känner sig trygga i centrum kvällstid",
                    indicator="Andel trygga i centrum", unit="%", baseline=61, baseline_year=2024, target=75,
                    higher_is_better=True)
        g2 = d.Goal(focus_area_id=fa1.id, kind=GoalKind.PERFORMANCE, position=2,
                    text="Minskad skadegörelse", indicator="Anmälda skadegörelsebrott", unit="antal",
                    baseline=412, baseline_year=2024, target=300, higher_is_better=False)
        g3 = d.Goal(focus_area_id=fa2.id, kind=GoalKind.IMPACT, position=1, text="Färre unga i riskmiljöer" + long,
                    indicator="Orosanmälningar", unit="antal")
        s.add_all([g1, g2, g3])
        s.flush()
        s.add_all([
            d.Measurement(goal_id=g1.id, year=2025, period_kind=PeriodKind.YEAR, value=64),
            d.Measurement(goal_id=g1.id, year=2026, period_kind=PeriodKind.TERTIAL, period_no=1, value=66.5),
            d.Measurement(goal_id=g1.id, year=2026, period_kind=PeriodKind.TERTIAL, period_no=2, value=68),
            d.Measurement(goal_id=g2.id, year=2025, period_kind=PeriodKind.YEAR, value=398),
            d.Measurement(goal_id=g2.id, year=2026, period_kind=PeriodKind.TERTIAL, period_no=1, value=380),
            d.Measurement(goal_id=g2.id, year=2026, period_kind=PeriodKind.TERTIAL, period_no=2, value=1234.5),
            d.GoalAssessment(goal_id=g1.id, year=2026, period_kind=PeriodKind.TERTIAL, period_no=2,
                             assessment=Assessment.ACHIEVABLE, comment="Positiv utveckling." + long),
            d.GoalAssessment(goal_id=g2.id, year=2026, period_kind=PeriodKind.TERTIAL, period_no=2,
                             assessment=Assessment.DIFFICULT),
        ])

        styr = d.Group(name="Styrgruppen för trygghet", level=GroupLevel.STEERING, meetings_per_year=4,
                       started_on=D(2020, 1, 1))
        samo = d.Group(name="Samordningsgruppen", short_name="SG", level=GroupLevel.COORDINATION,
                       meetings_per_year=10, started_on=D(2020, 1, 1))
        arb = d.Group(name="Arbetsgrupp centrum", level=GroupLevel.WORKING, meetings_per_year=12,
                      started_on=D(2026, 3, 1), dissolved_on=D(2026, 10, 15))
        s.add_all([styr, samo, arb])
        s.flush()
        meetings = []
        for day in (D(2026, 2, 10), D(2026, 5, 12), D(2026, 9, 8), D(2026, 12, 8)):
            meetings.append(d.Meeting(group_id=styr.id, date=day, place="Stadshuset"))
        for month in (1, 2, 3, 4, 5, 6, 8, 9, 10, 11):
            meetings.append(d.Meeting(group_id=samo.id, date=D(2026, month, 20), place="Sal Åkern",
                                      cancelled=month == 6))
        for month in (3, 4, 5, 6, 8, 9, 10):
            meetings.append(d.Meeting(group_id=arb.id, date=D(2026, month, 3)))
        meetings.append(d.Meeting(group_id=samo.id, date=D(2027, 1, 21), start_time=dt.time(9, 0), place="Sal Åkern"))
        s.add_all(meetings)
        s.flush()
        minutes = d.Minutes(meeting_id=meetings[5].id)  # samordningsgruppen 2026-05-20
        s.add(minutes)
        s.flush()
        item = d.MinutesItem(minutes_id=minutes.id, group_id=samo.id, year=2026, number=14,
                             heading="Belysning i gångtunneln vid Norrby",
                             decision="att ge tekniska kontoret i uppdrag att byta armaturer\natt återrapportera i augusti" + long)
        item2 = d.MinutesItem(minutes_id=minutes.id, group_id=samo.id, year=2026, number=15, heading="Övriga frågor")
        s.add_all([item, item2])

        walk1 = d.SafetyWalk(date=D(2026, 4, 20), area="Centrum", route="Stortorget – resecentrum",
                             light=LightCondition.DUSK, follow_up_date=D(2026, 5, 20), feedback="Utskick till boende")
        walk2 = d.SafetyWalk(date=D(2026, 10, 5), area="Öster" + emoji, light=LightCondition.DARK)
        s.add_all([walk1, walk2])
        s.flush()
        s.add_all([d.SafetyWalkParticipant(walk_id=walk1.id, person_id=maria.id),
                   d.SafetyWalkParticipant(walk_id=walk1.id, organisation_id=polis.id),
                   d.SafetyWalkParticipant(walk_id=walk1.id, name="Boende")])
        obs = [
            d.Observation(walk_id=walk1.id, number=1, place="Gångtunneln vid Norrby", category=ObservationCategory.LIGHTING,
                          priority=Priority.HIGH, description="Trasig belysning" + long),
            d.Observation(walk_id=walk1.id, number=2, place="Parkeringen bakom Ica", category=ObservationCategory.VEGETATION,
                          no_action_reason="Privat fastighetsägare beslutar själv"),
            d.Observation(walk_id=walk1.id, number=3, place="Stortorget", category=ObservationCategory.POSITIVE),
            d.Observation(walk_id=walk2.id, number=1, place="Östra skolan", category=ObservationCategory.GRAFFITI),
            d.Observation(walk_id=walk2.id, number=2, place="Cykelbanan", category=ObservationCategory.LIGHTING),
        ]
        s.add_all(obs)
        s.flush()

        plan25 = d.ActionPlan(year=2025, programme_id=prog.id, title="Handlingsplan 2025")
        s.add(plan25)
        s.flush()
        plan = d.ActionPlan(year=2026, programme_id=prog.id, title="Handlingsplan 2026", previous_plan_id=plan25.id)
        s.add(plan)
        s.flush()
        s.add(d.Measure(action_plan_id=plan25.id, number=1, title="Gammal åtgärd 2025", status=MeasureStatus.DONE))
        rows = [
            # number, title, fa, status, deadline, origin
            (1, "Byta belysning i gångtunneln", fa1, MeasureStatus.DONE, D(2026, 8, 31), {"origin_minutes_item_id": item.id}),
            (2, "Klottersanering inom 24 timmar", fa1, MeasureStatus.ONGOING, D(2026, 6, 30), {}),  # late
            (3, "Trygghetsvandring i Öster", fa1, MeasureStatus.ONGOING, D(2026, 12, 31), {}),
            (4, "Belysning på cykelbanan", fa1, MeasureStatus.NOT_STARTED, D(2027, 2, 28),
             {"origin_observation_id": obs[4].id}),
            (5, "Fältgrupp på fredagskvällar", fa2, MeasureStatus.PAUSED, D(2026, 9, 30), {}),  # late (paused)
            (6, "Föräldravandringar", fa2, MeasureStatus.CANCELLED, D(2026, 5, 31), {}),
            (7, "Utbildning i hot och våld", fa3, MeasureStatus.NOT_STARTED, None, {}),
            (8, "Åtgärda belysning vid Norrby (iakttagelse)", fa1, MeasureStatus.DONE, D(2026, 6, 1),
             {"origin_observation_id": obs[0].id}),
        ]
        measures = []
        for number, title, fa, status, deadline, origin in rows:
            m = d.Measure(action_plan_id=plan.id, number=number, title=title + emoji, focus_area_id=fa.id,
                          responsible_person_id=maria.id if number % 2 else erik.id, status=status,
                          start_date=D(2026, 1, 15), deadline=deadline, description=long,
                          cancel_reason="Ersatt av fältgruppen" if status is MeasureStatus.CANCELLED else "",
                          **origin)
            measures.append(m)
        s.add_all(measures)
        s.flush()
        s.add_all([
            d.MeasureStatusChange(measure_id=measures[0].id, changed_on=D(2026, 8, 20),
                                  old_status=MeasureStatus.ONGOING, new_status=MeasureStatus.DONE),
            d.MeasureStatusChange(measure_id=measures[7].id, changed_on=D(2026, 5, 28),
                                  old_status=MeasureStatus.ONGOING, new_status=MeasureStatus.DONE),
            d.MeasureNote(measure_id=measures[0].id, noted_on=D(2026, 6, 2), text="Armaturer beställda" + long,
                          author="Maria"),
            d.MeasureNote(measure_id=measures[1].id, noted_on=D(2026, 3, 1), text="Avtal med saneringsfirma"),
        ])
        if stress:
            # Markup and mathtext characters must come out as typed (Paragraph, matplotlib).
            odd = d.Goal(focus_area_id=fa2.id, position=2, text="Kostnad <b>under</b> 5 $ & mer",
                         indicator="Kronor per $ & <i>", unit="kr", baseline=1, baseline_year=2024, target=2)
            s.add(odd)
            s.flush()
            s.add(d.Measurement(goal_id=odd.id, year=2025, period_kind=PeriodKind.YEAR, value=1.5))
            # Enough goals and groups that one chart of them all would not fit on a page.
            for k in range(14):
                many = d.Goal(focus_area_id=fa3.id, position=10 + k, text=f"Mål {k}", indicator=f"Indikator {k}",
                              unit="%", target=50)
                s.add(many)
                s.flush()
                s.add_all([d.Measurement(goal_id=many.id, year=2026, period_kind=PeriodKind.TERTIAL, period_no=n,
                                         value=40 + n + k) for n in (1, 2)])
            s.add_all([d.Group(name=f"Arbetsgrupp {k} åäö", level=GroupLevel.WORKING, meetings_per_year=6,
                               started_on=D(2025, 1, 1)) for k in range(30)])
            extra = [d.Measure(action_plan_id=plan.id, number=100 + i, title=f"Stressåtgärd {i} – åäö é" + emoji,
                               focus_area_id=fa1.id, status=list(MeasureStatus)[i % 5] if i % 5 != 4 else MeasureStatus.ONGOING,
                               deadline=D(2026, 1 + i % 12, 1 + i % 28), description=long if i < 5 else "Kort.",
                               responsible_organisation_id=bolag.id)
                     for i in range(300)]
            s.add_all(extra)
        s.flush()
        return {"plan": plan.id, "styr": styr.id, "samo": samo.id, "arb": arb.id}


def empty_municipality(db) -> None:
    with db.session() as s:
        s.add(d.Municipality(id=1, name="Tomma kommun"))
