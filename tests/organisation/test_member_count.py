"""Issue 12: a group was listed with 0 members while its member list named five. The
demo's dissolved working group (Klotter) ended all memberships on its dissolution day,
and the count asked who was a member *today*."""

from __future__ import annotations

from tests.conftest import DEMO_TODAY
from tryggapp.services import lists


def test_every_demo_group_counts_the_members_its_list_shows(demo_db):
    rows = lists.groups(demo_db, DEMO_TODAY)
    closed = [r for r in rows if r["closed"]]
    assert closed, "the demo has a dissolved working group"
    for row in rows:
        members = lists.members(demo_db, row["id"], DEMO_TODAY)
        current = [m for m in members if m["current"]]
        assert row["members"] == len(current) > 0, row["name"]
    klotter = next(r for r in closed if "Klotter" in r["name"])
    assert klotter["members"] == 5


def test_a_member_who_left_is_listed_but_not_counted(demo_db):
    bra = next(r for r in lists.groups(demo_db, DEMO_TODAY) if "BRÅ" in r["name"])
    members = lists.members(demo_db, bra["id"], DEMO_TODAY)
    assert len(members) == bra["members"] + 1
    former = [m for m in members if not m["current"]]
    assert len(former) == 1 and former[0]["to_date"] is not None


def test_a_persons_groups_current_first(demo_db):
    from sqlmodel import select

    from tryggapp import domain as d

    with demo_db.session() as s:
        rolf = s.exec(select(d.Person).where(d.Person.name.startswith("Rolf"))).one()
    rows = lists.person_memberships(demo_db, rolf.id, DEMO_TODAY)
    assert [r["current"] for r in rows] == sorted((r["current"] for r in rows), reverse=True)
    assert any(not r["current"] and "BRÅ" in r["group"] for r in rows)  # left the council
