"""Safety walks (trygghetsvandringar), their observations and photos, and safety visits."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlmodel import Field

from tryggapp.domain.base import Versioned, enum_type, fk, not_blank
from tryggapp.domain.enums import LightCondition, ObservationCategory, Priority


class SafetyWalk(Versioned, table=True):
    __tablename__ = "safety_walk"
    __table_args__ = (
        not_blank("area"),
        sa.CheckConstraint("resident_count IS NULL OR resident_count >= 0", name="resident_count_not_negative"),
    )

    id: int | None = Field(default=None, primary_key=True)
    date: dt.date = Field(nullable=False, index=True)
    start_time: dt.time | None = None
    area: str = Field(nullable=False)
    route: str = Field(default="", nullable=False)
    weather: str = Field(default="", nullable=False)
    light: LightCondition | None = Field(default=None, sa_type=enum_type(LightCondition, "light_condition"))
    summary: str = Field(default="", nullable=False)
    organiser_group_id: int | None = fk("work_group.id")
    follow_up_date: dt.date | None = None  # the uppföljande möte
    feedback: str = Field(default="", nullable=False)  # återkoppling to residents
    # Boverket's three steps (revision 0005). Förmöte: when, how the route was chosen,
    # whom the invitation went to and what it said.
    premeeting_date: dt.date | None = None
    premeeting_route: str = Field(default="", nullable=False)
    invitation: str = Field(default="", nullable=False)
    # Vandring: residents are counted, not named (no personal data about them is kept).
    resident_count: int | None = None
    # Uppföljande möte: its date is follow_up_date; what it concluded.
    follow_up_summary: str = Field(default="", nullable=False)


class SafetyWalkParticipant(Versioned, table=True):
    """A person, an organisation, or a free-text participant (a resident) on a walk."""

    __tablename__ = "safety_walk_participant"
    __table_args__ = (
        sa.CheckConstraint(
            "person_id IS NOT NULL OR organisation_id IS NOT NULL OR length(trim(name)) > 0",
            name="someone",
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    walk_id: int = fk("safety_walk.id", nullable=False, ondelete="CASCADE")
    person_id: int | None = fk("person.id")
    organisation_id: int | None = fk("organisation.id")
    name: str = Field(default="", nullable=False)


class Observation(Versioned, table=True):
    """Iakttagelse on a walk. Positive notes are observations too (category 'positive')."""

    __tablename__ = "observation"
    __table_args__ = (
        sa.UniqueConstraint("walk_id", "number"),
        not_blank("place"),
        sa.CheckConstraint("latitude IS NULL OR latitude BETWEEN -90 AND 90", name="latitude_range"),
        sa.CheckConstraint("longitude IS NULL OR longitude BETWEEN -180 AND 180", name="longitude_range"),
    )

    id: int | None = Field(default=None, primary_key=True)
    walk_id: int = fk("safety_walk.id", nullable=False, ondelete="CASCADE")
    number: int = Field(nullable=False)
    place: str = Field(nullable=False)
    latitude: float | None = None
    longitude: float | None = None
    category: ObservationCategory = Field(
        sa_type=enum_type(ObservationCategory, "observation_category"), nullable=False
    )
    description: str = Field(default="", nullable=False)
    priority: Priority = Field(default=Priority.MEDIUM, sa_type=enum_type(Priority, "priority"), nullable=False)
    responsible_organisation_id: int | None = fk("organisation.id")
    # Why nothing will be done, e.g. "privat fastighetsägare beslutar själv" (Kungsbacka).
    no_action_reason: str = Field(default="", nullable=False)


class ObservationPhoto(Versioned, table=True):
    """Photos live in the database so one file (and its backups) holds everything."""

    __tablename__ = "observation_photo"

    id: int | None = Field(default=None, primary_key=True)
    observation_id: int = fk("observation.id", nullable=False, ondelete="CASCADE")
    filename: str = Field(default="", nullable=False)
    mime_type: str = Field(default="image/jpeg", nullable=False)
    data: bytes = Field(sa_type=sa.LargeBinary, nullable=False)
    caption: str = Field(default="", nullable=False)
    taken_at: dt.datetime | None = Field(default=None, sa_type=sa.DateTime)


class SafetyVisit(Versioned, table=True):
    """Trygghetsbesök: an internal visit after an incident at a municipal workplace."""

    __tablename__ = "safety_visit"
    __table_args__ = (not_blank("workplace"),)

    id: int | None = Field(default=None, primary_key=True)
    date: dt.date = Field(nullable=False)
    workplace: str = Field(nullable=False)
    organisation_id: int | None = fk("organisation.id")
    visited_by_id: int | None = fk("person.id")
    incident: str = Field(default="", nullable=False)
    participants: str = Field(default="", nullable=False)
    findings: str = Field(default="", nullable=False)
    recommendations: str = Field(default="", nullable=False)
    # Revision 0005: the reason for the visit is `incident`; what support was given, how it
    # is followed up, and optionally the measure in the action plan it led to (a measure
    # has at most one origin column, so the link lives here).
    support_given: str = Field(default="", nullable=False)
    follow_up: str = Field(default="", nullable=False)
    follow_up_date: dt.date | None = None
    measure_id: int | None = fk("measure.id", ondelete="SET NULL")
