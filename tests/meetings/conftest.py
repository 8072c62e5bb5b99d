"""A working group with five members, made through the model (the organisation editors
are another issue's)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from tryggapp import domain as d
from tryggapp.services import crud


@dataclass
class Group:
    id: int
    chair: int
    secretary: int
    members: list[int]  # every member's person id, chair and secretary first
    guest: int


def make_group(db, name: str = "Arbetsgrupp Centrum") -> Group:
    org = crud.create(db, d.Organisation(name=f"Kommunledningsförvaltningen {name}", short_name="KLF"))
    people = [crud.create(db, d.Person(name=n, organisation_id=org.id)) for n in
              ("Åsa Lind", "Björn Ek", "Cecilia Öst", "David Ström", "Eva Ågren")]
    guest = crud.create(db, d.Person(name="Gustav Polis", title="Kommunpolis"))
    group = crud.create(db, d.Group(name=name, level=d.GroupLevel.WORKING, meetings_per_year=4,
                                    started_on=dt.date(2025, 1, 1)))
    roles = [d.MemberRole.CHAIR, d.MemberRole.SECRETARY, d.MemberRole.MEMBER, d.MemberRole.MEMBER,
             d.MemberRole.CO_OPTED]
    for p, role in zip(people, roles, strict=True):
        crud.create(db, d.Membership(group_id=group.id, person_id=p.id, role=role,
                                     from_date=dt.date(2025, 1, 1)))
    return Group(group.id, people[0].id, people[1].id, [p.id for p in people], guest.id)


@pytest.fixture
def group(db) -> Group:
    return make_group(db)
