"""Organisation services: organisations, people, groups, memberships, closing a working
group with its final report, and the warnings (no convener, behind the cadence)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlmodel import select

from tests.conftest import DEMO_TODAY
from tryggapp import domain as d
from tryggapp.domain.enums import GroupLevel, MemberRole, OrganisationKind
from tryggapp.services import crud, dashboard, lists
from tryggapp.services import organisation as org
from tryggapp.services.validation import ValidationError

TODAY = dt.date(2026, 6, 15)


def _working_group(db) -> tuple[d.Group, list[d.Person]]:
    police = org.create_organisation(db, {"name": "Polisen, lokalpolisområde Tryggvik", "kind": OrganisationKind.POLICE})
    people = [org.create_person(db, {"name": name, "organisation_id": police.id, "email": f"p{i}@polisen.example"})
              for i, name in enumerate(["Åsa Berg", "Erik Ström", "Lina Öst"])]
    group = org.create_group(db, {"name": "Arbetsgrupp Trygg park", "level": GroupLevel.WORKING,
                                  "mandate": "Ta fram åtgärder för Stadsparken.", "meetings_per_year": 6,
                                  "started_on": dt.date(2026, 1, 10), "planned_end": dt.date(2026, 12, 31)})
    for person, role in zip(people, [MemberRole.CONVENER, MemberRole.SECRETARY, MemberRole.MEMBER], strict=True):
        org.add_membership(db, group.id, {"person_id": person.id, "role": role, "from_date": dt.date(2026, 1, 10)})
    return group, people


def test_organisation_person_and_group_round_trip(db):
    group, people = _working_group(db)
    assert crud.get(db, d.Group, group.id).level is GroupLevel.WORKING
    rows = {r["id"]: r for r in lists.groups(db, TODAY)}
    assert rows[group.id]["members"] == 3
    assert rows[group.id]["chair"] == "Åsa Berg"  # the convener when there is no chair
    old = org.update_person(db, people[1].id, {"title": "Kommunpolis", "phone": "010-114 14 00"})
    assert old == {"title": "", "phone": ""}
    assert crud.get(db, d.Person, people[1].id).title == "Kommunpolis"


@pytest.mark.parametrize("values, field, words", [
    ({"name": "  "}, "name", "måste fyllas i"),
    ({"name": "Anna", "email": "anna.polisen.se"}, "email", "ingen giltig e-postadress"),
    ({"name": "Anna", "email": "anna@polisen"}, "email", "ingen giltig e-postadress"),
    ({"name": "Anna", "phone": "ring mig"}, "phone", "telefonnummer"),
    ({"name": "A" * 301}, "name", "för lång"),
    ({"name": "Anna", "title": "x" * 50_000}, "title", "för lång"),
])
def test_person_is_validated_in_swedish(db, values, field, words):
    with pytest.raises(ValidationError) as err:
        org.create_person(db, values)
    assert err.value.for_field(field), err.value.errors
    assert words in err.value.for_field(field)[0].message


def test_an_organisation_name_is_unique(db):
    org.create_organisation(db, {"name": "Tryggviksbostäder", "kind": OrganisationKind.HOUSING})
    with pytest.raises(ValidationError) as err:
        org.create_organisation(db, {"name": "Tryggviksbostäder", "kind": OrganisationKind.HOUSING})
    assert "finns redan" in err.value.message


def test_membership_to_before_from_is_refused_in_swedish(db):
    group, people = _working_group(db)
    with pytest.raises(ValidationError) as err:
        org.add_membership(db, group.id, {"person_id": people[2].id, "role": MemberRole.CO_OPTED,
                                          "from_date": dt.date(2026, 5, 1), "to_date": dt.date(2026, 4, 1)})
    message = err.value.for_field("to_date")[0].message
    assert message == "”Till” (2026-04-01) kan inte vara före ”Från” (2026-05-01)." or "kan inte vara före" in message


def test_closing_a_working_group_keeps_it_readable_and_locked(db):
    group, people = _working_group(db)
    with pytest.raises(ValidationError) as err:
        org.close_group(db, group.id, None, "", TODAY)
    assert {e.field for e in err.value.errors} == {"dissolved_on", "final_report"}
    with pytest.raises(ValidationError):
        org.close_group(db, group.id, TODAY + dt.timedelta(days=1), "Klart.", TODAY)  # not in the future
    result = org.close_group(db, group.id, dt.date(2026, 6, 1), "Slutrapport: parken har fått ny belysning.", TODAY)
    g = crud.get(db, d.Group, group.id)
    assert g.dissolved_on == dt.date(2026, 6, 1) and g.final_report.startswith("Slutrapport")
    with db.session() as s:
        ends = {m.to_date for m in s.exec(select(d.Membership).where(d.Membership.group_id == group.id)).all()}
    assert ends == {dt.date(2026, 6, 1)}
    row = next(r for r in lists.groups(db, TODAY) if r["id"] == group.id)
    assert row["closed"] and row["members"] == 3 and row["final_report"]
    # Closed: neither the group nor its members can be changed until it is reopened.
    with pytest.raises(org.GroupClosed):
        org.update_group(db, group.id, {"mandate": "Nytt"})
    with pytest.raises(org.GroupClosed):
        org.add_membership(db, group.id, {"person_id": people[0].id})
    org.undo_close(db, result)
    assert crud.get(db, d.Group, group.id).dissolved_on is None
    with db.session() as s:
        assert {m.to_date for m in s.exec(select(d.Membership).where(d.Membership.group_id == group.id)).all()} == {None}
    org.close_group(db, group.id, dt.date(2026, 6, 1), "Slutrapport.", TODAY)
    org.reopen_group(db, group.id)
    org.update_group(db, group.id, {"mandate": "Fortsätter med fas två."})


def test_warning_when_a_group_has_no_current_convener(db):
    group, people = _working_group(db)
    assert "no_convener" not in {w.kind for w in org.warnings(db, TODAY).get(group.id, [])}
    with db.session() as s:
        convener = s.exec(select(d.Membership).where(d.Membership.role == MemberRole.CONVENER)).one()
    org.end_membership(db, convener.id, dt.date(2026, 5, 31))
    kinds = [w.kind for w in org.warnings(db, TODAY).get(group.id, [])]
    assert "no_convener" in kinds
    message = next(w.message for w in org.warnings(db, TODAY)[group.id] if w.kind == "no_convener")
    assert "sammankallande" in message


def test_cadence_warning_is_the_start_pages_rule(demo_db):
    warned = {gid for gid, ws in org.warnings(demo_db, DEMO_TODAY).items() if any(w.kind == "behind" for w in ws)}
    overview = dashboard.overview(demo_db, DEMO_TODAY)
    assert warned == {g.id for g in overview.groups_behind}
    assert warned  # the demo's coordination group is behind this year


def test_ending_a_membership_needs_a_date_not_before_its_start(db):
    group, people = _working_group(db)
    with db.session() as s:
        m = s.exec(select(d.Membership).where(d.Membership.person_id == people[2].id)).one()
    with pytest.raises(ValidationError):
        org.end_membership(db, m.id, None)
    with pytest.raises(ValidationError) as err:
        org.end_membership(db, m.id, dt.date(2025, 1, 1))
    assert "kan inte vara före" in err.value.message
    org.end_membership(db, m.id, dt.date(2026, 3, 1))
    row = next(r for r in lists.groups(db, TODAY) if r["id"] == group.id)
    assert row["members"] == 2
