"""Actors, people, groups and their memberships."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlmodel import Field

from tryggapp.domain.base import Versioned, enum_type, fk, not_before, not_blank
from tryggapp.domain.enums import GroupLevel, MemberRole, OrganisationKind


class Organisation(Versioned, table=True):
    """Aktör: a municipal department, the police, the housing company, an association..."""

    __tablename__ = "organisation"
    __table_args__ = (not_blank("name"), sa.UniqueConstraint("name"))

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(nullable=False)
    short_name: str = Field(default="", nullable=False)
    kind: OrganisationKind = Field(
        default=OrganisationKind.OTHER, sa_type=enum_type(OrganisationKind, "organisation_kind"), nullable=False
    )
    archived: bool = Field(default=False, nullable=False)


class Person(Versioned, table=True):
    """A contact person. Personal data (GDPR): kept minimal, archived rather than orphaned."""

    __tablename__ = "person"
    __table_args__ = (not_blank("name"),)

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(nullable=False)
    title: str = Field(default="", nullable=False)
    organisation_id: int | None = fk("organisation.id")
    email: str = Field(default="", nullable=False)
    phone: str = Field(default="", nullable=False)
    archived: bool = Field(default=False, nullable=False)


class Group(Versioned, table=True):
    """Styrgrupp, samordningsgrupp, arbetsgrupp (temporary), råd, analysgrupp, lokal Brågrupp."""

    __tablename__ = "work_group"  # "group" is an SQL keyword
    __table_args__ = (
        not_blank("name"),
        sa.CheckConstraint("meetings_per_year >= 0 AND meetings_per_year <= 52", name="meetings_per_year_range"),
        not_before("planned_end", "started_on", "planned_end_after_start"),
        not_before("dissolved_on", "started_on", "dissolved_after_start"),
    )

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(nullable=False)
    short_name: str = Field(default="", nullable=False)
    level: GroupLevel = Field(sa_type=enum_type(GroupLevel, "group_level"), nullable=False)
    mandate: str = Field(default="", nullable=False)  # uppdrag
    meetings_per_year: int = Field(default=0, nullable=False)
    started_on: dt.date | None = None
    planned_end: dt.date | None = None
    dissolved_on: dt.date | None = None
    final_report: str = Field(default="", nullable=False)  # slutrapport when dissolved
    parent_group_id: int | None = fk("work_group.id")
    archived: bool = Field(default=False, nullable=False)


class Membership(Versioned, table=True):
    __tablename__ = "membership"
    __table_args__ = (not_before("to_date", "from_date", "to_after_from"),)

    id: int | None = Field(default=None, primary_key=True)
    group_id: int = fk("work_group.id", nullable=False, ondelete="CASCADE")
    person_id: int = fk("person.id", nullable=False)
    role: MemberRole = Field(default=MemberRole.MEMBER, sa_type=enum_type(MemberRole, "member_role"), nullable=False)
    from_date: dt.date | None = None
    to_date: dt.date | None = None
