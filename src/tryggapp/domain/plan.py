"""The action plan: plans per year, measures, their partners, progress log and status history;
the situation picture (lägesbild) and joint commitments with the police that measures answer."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from tryggapp.domain.base import Versioned, enum_type, fk, not_before, not_blank, now
from tryggapp.domain.enums import CommitmentStatus, FindingSource, MeasureStatus, Priority


class SituationPicture(Versioned, table=True):
    """Lägesbild, made at least every other year (Lag 2023:196)."""

    __tablename__ = "situation_picture"
    __table_args__ = (not_blank("title"), not_before("period_to", "period_from", "period"))

    id: int | None = Field(default=None, primary_key=True)
    title: str = Field(nullable=False)
    period_from: dt.date = Field(nullable=False)
    period_to: dt.date = Field(nullable=False)
    # The free text of files before revision 0007, kept as it was: 0007 made a
    # SituationSource of each of its lines, and the sources are edited as records since.
    sources: str = Field(default="", nullable=False)
    analysis: str = Field(default="", nullable=False)
    decided_on: dt.date | None = None


class SituationFinding(Versioned, table=True):
    """A finding of the lägesbild: the problem a measure answers."""

    __tablename__ = "situation_finding"
    __table_args__ = (not_blank("title"),)

    id: int | None = Field(default=None, primary_key=True)
    situation_picture_id: int = fk("situation_picture.id", nullable=False, ondelete="CASCADE")
    number: int = Field(default=1, nullable=False)
    title: str = Field(nullable=False)
    description: str = Field(default="", nullable=False)
    source: FindingSource = Field(
        default=FindingSource.OTHER, sa_type=enum_type(FindingSource, "finding_source"), nullable=False
    )
    priority: Priority = Field(default=Priority.MEDIUM, sa_type=enum_type(Priority, "finding_priority"), nullable=False)
    # The first of the focus areas it prioritises (all of them: FindingFocusArea).
    focus_area_id: int | None = fk("focus_area.id")
    area: str = Field(default="", nullable=False)  # the part of the municipality (revision 0007)


class _Commitment(Versioned):
    """Shared columns of medborgarlöfte and samverkansöverenskommelse."""

    id: int | None = Field(default=None, primary_key=True)
    title: str = Field(nullable=False)
    period_from: dt.date = Field(nullable=False)
    period_to: dt.date = Field(nullable=False)
    police_area: str = Field(default="", nullable=False)  # lokalpolisområde
    description: str = Field(default="", nullable=False)
    follow_up: str = Field(default="", nullable=False)
    signed_on: dt.date | None = None


class CitizenPromise(_Commitment, table=True):
    __tablename__ = "citizen_promise"
    __table_args__ = (not_blank("title"), not_before("period_to", "period_from", "period"))

    status: CommitmentStatus = Field(
        default=CommitmentStatus.ACTIVE, sa_type=enum_type(CommitmentStatus, "promise_status"), nullable=False
    )


class CooperationAgreement(_Commitment, table=True):
    __tablename__ = "cooperation_agreement"
    __table_args__ = (not_blank("title"), not_before("period_to", "period_from", "period"))

    status: CommitmentStatus = Field(
        default=CommitmentStatus.ACTIVE, sa_type=enum_type(CommitmentStatus, "agreement_status"), nullable=False
    )


class ActionPlan(Versioned, table=True):
    """Handlingsplan for one calendar year. The previous year's plan stays as it was."""

    __tablename__ = "action_plan"
    __table_args__ = (sa.UniqueConstraint("year"), sa.CheckConstraint("year BETWEEN 1900 AND 2200", name="year_valid"))

    id: int | None = Field(default=None, primary_key=True)
    year: int = Field(nullable=False)
    programme_id: int | None = fk("programme.id")
    title: str = Field(default="", nullable=False)
    decided_on: dt.date | None = None
    decided_by: str = Field(default="", nullable=False)
    previous_plan_id: int | None = fk("action_plan.id")


# CAST(... AS INTEGER): a truth value is a number in SQLite but not in PostgreSQL, where
# `boolean + boolean` does not exist; the cast reads the same on both engines.
_ONE_ORIGIN = " + ".join(
    f"CAST({column} IS NOT NULL AS INTEGER)"
    for column in ("origin_minutes_item_id", "origin_observation_id", "origin_finding_id",
                   "origin_citizen_promise_id", "origin_agreement_id")
) + " <= 1"


class Measure(Versioned, table=True):
    """Åtgärd: one row of the action plan. 'Försenad' is derived (rules.is_late)."""

    __tablename__ = "measure"
    __table_args__ = (
        sa.UniqueConstraint("action_plan_id", "number"),
        not_blank("title"),
        not_before("deadline", "start_date", "deadline_after_start"),
        sa.CheckConstraint(
            "status <> 'cancelled' OR length(trim(cancel_reason)) > 0", name="cancel_has_reason"
        ),
        sa.CheckConstraint(_ONE_ORIGIN, name="one_origin"),
    )

    id: int | None = Field(default=None, primary_key=True)
    action_plan_id: int = fk("action_plan.id", nullable=False)
    number: int = Field(nullable=False)
    title: str = Field(nullable=False)
    description: str = Field(default="", nullable=False)
    focus_area_id: int | None = fk("focus_area.id")
    responsible_person_id: int | None = fk("person.id")
    responsible_organisation_id: int | None = fk("organisation.id")
    start_date: dt.date | None = None
    deadline: dt.date | None = Field(default=None, index=True)
    status: MeasureStatus = Field(
        default=MeasureStatus.NOT_STARTED, sa_type=enum_type(MeasureStatus, "measure_status"), nullable=False
    )
    cancel_reason: str = Field(default="", nullable=False)
    expected_effect: str = Field(default="", nullable=False)
    origin_minutes_item_id: int | None = fk("minutes_item.id")
    origin_observation_id: int | None = fk("observation.id")
    origin_finding_id: int | None = fk("situation_finding.id")
    origin_citizen_promise_id: int | None = fk("citizen_promise.id")
    origin_agreement_id: int | None = fk("cooperation_agreement.id")
    carried_over_from_id: int | None = fk("measure.id")
    archived: bool = Field(default=False, nullable=False)


class MeasurePartner(SQLModel, table=True):
    __tablename__ = "measure_partner"

    measure_id: int = Field(foreign_key="measure.id", primary_key=True, ondelete="CASCADE")
    organisation_id: int = Field(foreign_key="organisation.id", primary_key=True)


class MeasureNote(Versioned, table=True):
    """A dated line of the progress log: '2026-05-12: Belysningen beställd'."""

    __tablename__ = "measure_note"
    __table_args__ = (not_blank("text"),)

    id: int | None = Field(default=None, primary_key=True)
    measure_id: int = fk("measure.id", nullable=False, ondelete="CASCADE")
    noted_on: dt.date = Field(nullable=False)
    text: str = Field(nullable=False)
    author: str = Field(default="", nullable=False)


class MeasureStatusChange(SQLModel, table=True):
    """Every status change with its date, so a report can say when a measure was finished."""

    __tablename__ = "measure_status_change"

    id: int | None = Field(default=None, primary_key=True)
    measure_id: int = fk("measure.id", nullable=False, ondelete="CASCADE")
    changed_on: dt.date = Field(nullable=False)
    recorded_at: dt.datetime = Field(default_factory=now, sa_type=sa.DateTime, nullable=False)
    old_status: MeasureStatus | None = Field(default=None, sa_type=enum_type(MeasureStatus, "old_status"))
    new_status: MeasureStatus = Field(sa_type=enum_type(MeasureStatus, "new_status"), nullable=False)
    reason: str = Field(default="", nullable=False)
