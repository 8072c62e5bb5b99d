"""Editing the organisation: organisations (aktörer), people, groups and memberships.

Each function is one unit of work through services.crud (validated first, Swedish
messages naming the field, committed in its own transaction, logged in the change
log) and returns what its undo needs: the created record, or the old values.

Closed groups: a group with a dissolution date (an arbetsgrupp that delivered its final
report) stays readable but is not edited, nor are its memberships, until it is reopened
(`reopen_group`). The rules themselves (who is a member on a day, when a group counts as
closed) live in domain.rules; the cadence warning is the start page's
(services.dashboard.groups_behind), so both always name the same groups."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlmodel import select

from tryggapp import domain as d
from tryggapp.domain import rules
from tryggapp.domain.enums import GroupLevel, MemberRole
from tryggapp.errors import UserError
from tryggapp.i18n import _, ngettext
from tryggapp.services import crud, dashboard
from tryggapp.services.validation import Checker
from tryggapp.storage import Database

ORGANISATION_FIELDS = ("name", "short_name", "kind", "archived")
PERSON_FIELDS = ("name", "title", "organisation_id", "email", "phone", "archived")
GROUP_FIELDS = ("name", "short_name", "level", "mandate", "meetings_per_year", "started_on", "planned_end",
                "parent_group_id", "archived")
MEMBERSHIP_FIELDS = ("person_id", "role", "from_date", "to_date")


class GroupClosed(UserError):
    def __init__(self, name: str) -> None:
        super().__init__(_("“{name}” is closed and can only be read. Reopen the group to change it.")
                         .format(name=name))


def _clean(values: Mapping[str, Any], allowed: tuple[str, ...]) -> dict[str, Any]:
    unknown = set(values) - set(allowed)
    if unknown:
        raise AttributeError(", ".join(sorted(unknown)))
    return {k: (v.strip() if isinstance(v, str) else v) for k, v in values.items()}


# --------------------------------------------------------------------------- organisations


def create_organisation(db: Database, values: Mapping[str, Any], *, ident: int | None = None) -> d.Organisation:
    """`ident` gives a redo the id of the first run (later undo steps name it)."""
    return crud.create(db, d.Organisation(id=ident, **_clean(values, ORGANISATION_FIELDS)))


def update_organisation(db: Database, organisation_id: int, changes: Mapping[str, Any]) -> dict[str, Any]:
    return crud.update(db, d.Organisation, organisation_id, _clean(changes, ORGANISATION_FIELDS))


# --------------------------------------------------------------------------- people


def create_person(db: Database, values: Mapping[str, Any], *, ident: int | None = None) -> d.Person:
    return crud.create(db, d.Person(id=ident, **_clean(values, PERSON_FIELDS)))


def update_person(db: Database, person_id: int, changes: Mapping[str, Any]) -> dict[str, Any]:
    return crud.update(db, d.Person, person_id, _clean(changes, PERSON_FIELDS))


# --------------------------------------------------------------------------- groups


def _group(db: Database, group_id: int) -> d.Group:
    return crud.get(db, d.Group, group_id)


def _refuse_if_closed(group: d.Group) -> None:
    if group.dissolved_on is not None:
        raise GroupClosed(group.name)


def create_group(db: Database, values: Mapping[str, Any], *, ident: int | None = None) -> d.Group:
    return crud.create(db, d.Group(id=ident, **_clean(values, GROUP_FIELDS)))


def update_group(db: Database, group_id: int, changes: Mapping[str, Any]) -> dict[str, Any]:
    """Change an open group (a closed one is refused: reopen it first)."""
    changes = _clean(changes, GROUP_FIELDS)
    _refuse_if_closed(_group(db, group_id))
    if changes.get("parent_group_id") == group_id:
        c = Checker()
        c.add("parent_group_id", _("Reports to"), _("A group cannot report to itself."))
        c.raise_if_any()
    return crud.update(db, d.Group, group_id, changes)


def close_group(db: Database, group_id: int, on: dt.date | None, report: str, today: dt.date) -> dict[str, Any]:
    """Close (upplös) a group with its final report: the date it was delivered and its
    text. Memberships still open end that day. Returns what `undo_close` needs."""
    group = _group(db, group_id)
    _refuse_if_closed(group)
    c = Checker()
    c.required("dissolved_on", _("Date of the final report"), on)
    c.text("final_report", _("Final report"), report, required=True)
    if on is not None and on > today:
        c.add("dissolved_on", _("Date of the final report"),
              _("“{field}” cannot be later than today.").format(field=_("Date of the final report")))
    if on is not None:
        c.date_order("started_on", _("Start"), group.started_on, "dissolved_on", _("Date of the final report"), on)
    c.raise_if_any()
    assert on is not None
    ended: list[tuple[int, dt.date | None]] = []
    with db.session() as s:
        g = s.get(d.Group, group_id)
        assert g is not None
        g.dissolved_on, g.final_report = on, report.strip()
        for m in s.exec(select(d.Membership).where(d.Membership.group_id == group_id)).all():
            if m.to_date is None or m.to_date > on:
                if m.from_date is not None and m.from_date > on:
                    continue  # would begin after the group ended: leave it as it is
                ended.append((m.id, m.to_date))  # type: ignore[arg-type]
                m.to_date = on
        s.commit()  # failures translated by Database.session
    return {"group_id": group_id, "ended": ended}


def undo_close(db: Database, result: Mapping[str, Any]) -> None:
    """Put a group back as it was before `close_group` (the final report is dropped)."""
    with db.session() as s:
        g = s.get(d.Group, result["group_id"])
        if g is None:
            raise crud.NotFound(d.Group, result["group_id"])
        g.dissolved_on, g.final_report = None, ""
        for membership_id, to_date in result["ended"]:
            m = s.get(d.Membership, membership_id)
            if m is not None:
                m.to_date = to_date
        s.commit()  # failures translated by Database.session


def reopen_group(db: Database, group_id: int) -> dict[str, Any]:
    """Make a closed group editable again. Its final report is kept in the change log;
    the memberships keep their end dates (add the members again if the group goes on)."""
    group = _group(db, group_id)
    if group.dissolved_on is None:
        return {}
    return crud.update(db, d.Group, group_id, {"dissolved_on": None, "final_report": ""})


# --------------------------------------------------------------------------- memberships


def add_membership(db: Database, group_id: int, values: Mapping[str, Any], *,
                   ident: int | None = None) -> d.Membership:
    _refuse_if_closed(_group(db, group_id))
    values = _clean(values, MEMBERSHIP_FIELDS)
    values.setdefault("role", MemberRole.MEMBER)
    return crud.create(db, d.Membership(id=ident, group_id=group_id, **values))


def update_membership(db: Database, membership_id: int, changes: Mapping[str, Any]) -> dict[str, Any]:
    m = crud.get(db, d.Membership, membership_id)
    _refuse_if_closed(_group(db, m.group_id))
    return crud.update(db, d.Membership, membership_id, _clean(changes, MEMBERSHIP_FIELDS))


def end_membership(db: Database, membership_id: int, on: dt.date | None) -> dict[str, Any]:
    """The member leaves the group on `on` (the last day they belong to it)."""
    c = Checker()
    c.required("to_date", _("To"), on)
    c.raise_if_any()
    return update_membership(db, membership_id, {"to_date": on})


def delete_membership(db: Database, membership_id: int) -> crud.Snapshot:
    """For a membership entered by mistake; a member who left gets an end date instead."""
    m = crud.get(db, d.Membership, membership_id)
    _refuse_if_closed(_group(db, m.group_id))
    return crud.delete(db, d.Membership, membership_id)


# --------------------------------------------------------------------------- warnings


@dataclass(frozen=True)
class GroupWarning:
    group_id: int
    kind: str  # "no_convener" | "behind"
    message: str


def warnings(db: Database, today: dt.date) -> dict[int, list[GroupWarning]]:
    """What needs attention per open group: no current sammankallande, or fewer meetings
    held this year than its cadence asks for by today (the start page's rule and numbers)."""
    out: dict[int, list[GroupWarning]] = {}
    with db.session() as s:
        groups = s.exec(select(d.Group).where(d.Group.archived.is_(False))).all()
        conveners = {gid for gid, start, end in s.exec(
            select(d.Membership.group_id, d.Membership.from_date, d.Membership.to_date)
            .where(d.Membership.role == MemberRole.CONVENER)).all()
            if rules.is_member_on(start, end, today)}
    for g in groups:
        if rules.is_closed(g.dissolved_on, today) or (g.started_on is not None and g.started_on > today):
            continue
        if g.id not in conveners:
            out.setdefault(g.id, []).append(GroupWarning(
                g.id, "no_convener", _("The group has no convener: choose a member as “{role}”.").format(
                    role=MemberRole.CONVENER.label)))  # type: ignore[arg-type]
    for row in dashboard.groups_behind(db, today):
        out.setdefault(row.id, []).append(GroupWarning(
            row.id, "behind", ngettext(
                "Behind its cadence: {held} of {required} meeting held this year by today ({per_year} a year).",
                "Behind its cadence: {held} of {required} meetings held this year by today ({per_year} a year).",
                row.required).format(held=row.held, required=row.required, per_year=row.per_year)))
    return out


# --------------------------------------------------------------------------- pickers


def level_choices() -> list[tuple[str, GroupLevel]]:
    return [(level.label, level) for level in GroupLevel]


def role_choices() -> list[tuple[str, MemberRole]]:
    return [(role.label, role) for role in MemberRole]
