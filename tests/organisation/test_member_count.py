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
