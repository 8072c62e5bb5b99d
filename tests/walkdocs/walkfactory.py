"""A small, hand-built database of safety walks whose every figure is known: walk
"Söderby" on 10 February 2026 with eight observations (a finished measure, a cancelled
one, a private owner's decision, a positive note, one without a decision, a late
measure, a cancelled measure beside a finished one, a measure made only in September),
walk "Hamnen" on 5 October 2026 with one, and a walk planned for December.

People's names, e-mail addresses and phone numbers are planted in the free texts on
purpose: the residents' feedback must not show any of them."""

from __future__ import annotations

import datetime as dt
from io import BytesIO

from tryggapp import domain as d
from tryggapp.domain.enums import (
    LightCondition,
    MeasureStatus,
    ObservationCategory,
    OrganisationKind,
    Priority,
)

D = dt.date
NS, ONGOING, DONE, CANCELLED = (MeasureStatus.NOT_STARTED, MeasureStatus.ONGOING, MeasureStatus.DONE,
                                MeasureStatus.CANCELLED)

PEOPLE = [  # name, e-mail, phone
    ("Kalle Berg", "kalle.berg@soderby.example", "070-123 45 67"),
    ("Åsa Lindén", "asa.linden@kommun.example", "0155-24 50 11"),
    ("Zoran Petrović", "zoran.p@polisen.example", "+46 10 114 14 00"),
]
ORGS = ["Tekniska förvaltningen", "Polisen Söderby", "Söderbyhem AB", "Hamnens fastighets AB"]


def big_photo() -> bytes:
    """A 2 400 × 1 600 noise JPEG (several MB): what a phone delivers, badly compressible."""
    from PIL import Image

    img = Image.effect_noise((2400, 1600), 80).convert("RGB")
    out = BytesIO()
    img.save(out, "JPEG", quality=95)
    return out.getvalue()


def populate(db) -> dict[str, int]:  # noqa: ANN001 - a storage.Database
    with db.session() as s:
        s.add(d.Municipality(id=1, name="Söderby kommun", coordinator_name="Åsa Lindén",
                             coordinator_email="asa.linden@kommun.example", report_footer="Söderby kommun, 123 45 Söderby"))
        orgs = [d.Organisation(name=n, kind=OrganisationKind.OTHER) for n in ORGS]
        s.add_all(orgs)
        s.flush()
        teknik, polis, bolag, hamn = (o.id for o in orgs)
        people = [d.Person(name=n, email=e, phone=p, organisation_id=org, title="Handläggare")
                  for (n, e, p), org in zip(PEOPLE, (bolag, teknik, polis), strict=True)]
        s.add_all(people)
        s.flush()
        kalle, asa, zoran = (p.id for p in people)
        plan = d.ActionPlan(year=2026, title="Handlingsplan 2026")
        s.add(plan)
        s.flush()

        walk = d.SafetyWalk(date=D(2026, 2, 10), start_time=dt.time(18, 0), area="Söderby", route="Torget – skolan",
                            weather="Klart", light=LightCondition.DARK, summary="Kalle Berg ledde vandringen.",
                            follow_up_date=D(2026, 3, 10),
                            feedback="Frågor till Åsa Lindén, asa.linden@kommun.example eller 0155-24 50 11.")
        later = d.SafetyWalk(date=D(2026, 10, 5), area="Hamnen")
        planned = d.SafetyWalk(date=D(2026, 12, 1), area="Kvarnbyn")
        s.add_all([walk, later, planned])
        s.flush()
        s.add_all([d.SafetyWalkParticipant(walk_id=walk.id, person_id=kalle),
                   d.SafetyWalkParticipant(walk_id=walk.id, person_id=zoran),
                   d.SafetyWalkParticipant(walk_id=walk.id, organisation_id=hamn),
                   d.SafetyWalkParticipant(walk_id=walk.id, name="Boende på Skolgatan (4 personer)")])
        C = ObservationCategory  # noqa: N806
        specs = [  # number, place, category, description, no-action reason, responsible organisation
            (1, "Gångvägen vid skolan", C.LIGHTING, "Mörkt. Kalle Berg på 070-123 45 67 har anmält det.", "", teknik),
            (2, "Hamnmagasinet", C.GRAFFITI, "Klotter; kontakta kalle.berg@soderby.example.", "", hamn),
            (3, "Gården bakom Hamnmagasinet", C.DESOLATE, "Ödsligt.", "Privat fastighetsägare beslutar själv", hamn),
            (4, "Torget", C.POSITIVE, "Trivsamt och väl upplyst.", "", None),
            (5, "Busshållplatsen", C.LITTER, "Skräpigt. Ring 08-123 456 78 (boende).", "", teknik),
            (6, "Parken", C.VEGETATION, "Höga buskar.", "", teknik),
            (7, "Övergångsstället vid skolan", C.TRAFFIC, "Höga hastigheter.", "", teknik),
            (8, "Cykelparkeringen", C.OTHER, "Övergivna cyklar.", "", teknik),
        ]
        obs = {}
        for number, place, cat, text, reason, org in specs:
            o = d.Observation(walk_id=walk.id, number=number, place=place, category=cat, description=text,
                              priority=Priority.MEDIUM, no_action_reason=reason, responsible_organisation_id=org,
                              latitude=58.75312 if number == 1 else None, longitude=17.00981 if number == 1 else None)
            s.add(o)
            obs[number] = o
        other = d.Observation(walk_id=later.id, number=1, place="Kajen", category=C.DESOLATE, description="Mörkt.",
                              responsible_organisation_id=hamn)
        s.add(other)
        s.flush()
        s.add_all([d.ObservationPhoto(observation_id=obs[1].id, filename="stor.jpg", mime_type="image/jpeg",
                                      data=big_photo(), caption="Gångvägen i mörker"),
                   d.ObservationPhoto(observation_id=obs[5].id, filename="trasig.jpg", mime_type="image/jpeg",
                                      data=b"not an image at all", caption="")])

        def measure(number: int, observation: int, title: str, history: list[tuple[dt.date, MeasureStatus]],
                    deadline: dt.date | None = None, reason: str = "", person: int | None = asa,
                    org: int | None = teknik) -> None:
            m = d.Measure(action_plan_id=plan.id, number=number, title=title, status=history[-1][1],
                          deadline=deadline, cancel_reason=reason, responsible_person_id=person,
                          responsible_organisation_id=org, origin_observation_id=obs[observation].id)
            s.add(m)
            s.flush()
            old = None
            for day, status in history:
                s.add(d.MeasureStatusChange(measure_id=m.id, changed_on=day, old_status=old, new_status=status,
                                            reason=reason if status is CANCELLED else ""))
                old = status

        measure(1, 1, "Ny belysning vid skolan (Åsa Lindén)", [(D(2026, 2, 20), NS), (D(2026, 3, 1), ONGOING),
                                                                 (D(2026, 5, 15), DONE)], deadline=D(2026, 6, 30))
        measure(2, 2, "Sanering av klotter", [(D(2026, 2, 20), NS), (D(2026, 4, 1), CANCELLED)],
                reason="Fastighetsägaren sanerar själv, enligt kalle.berg@soderby.example", org=hamn, person=kalle)
        measure(3, 6, "Röjning i parken", [(D(2026, 2, 20), NS), (D(2026, 3, 5), ONGOING)], deadline=D(2026, 4, 30))
        measure(4, 7, "Farthinder", [(D(2026, 2, 20), NS), (D(2026, 3, 10), CANCELLED)], reason="Ersatt av åtgärd 5")
        measure(5, 7, "Upphöjt övergångsställe", [(D(2026, 3, 10), NS), (D(2026, 6, 1), DONE)],
                deadline=D(2026, 9, 30), person=zoran, org=None)
        measure(6, 8, "Bortforsling av cyklar", [(D(2026, 9, 15), NS)], deadline=D(2026, 12, 31))
    return {"walk": walk.id, "later": later.id, "planned": planned.id}
