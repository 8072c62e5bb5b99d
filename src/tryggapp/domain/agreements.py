"""What the medborgarlöften and samverkansöverenskommelser (domain.plan's CitizenPromise and
CooperationAgreement) hold: their parties, their undertakings (åtaganden) and how each is
followed up.

An undertaking belongs to exactly one citizen promise or one agreement (two foreign keys,
one of them set: the two kinds stay separate tables, which measures already point at).
Its status is not stored: it is the status given with its latest follow-up note
(`undertaking_status` below), so "as it stood on the period's last day" is the
latest note by then, with nothing to keep in step."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from tryggapp.domain.base import Versioned, enum_type, fk, not_blank
from tryggapp.domain.enums import CommitmentStatus, UndertakingStatus

# Exactly one parent: a citizen promise or a cooperation agreement.
_ONE_PARENT = "(citizen_promise_id IS NULL) <> (agreement_id IS NULL)"


class AgreementParty(Versioned, table=True):
    """A party to a citizen promise or an agreement: an organisation of the organisation
    register (a förvaltning, the lokalpolisområde, the housing company)."""

    __tablename__ = "agreement_party"
    __table_args__ = (
        sa.CheckConstraint(_ONE_PARENT, name="one_parent"),
        sa.UniqueConstraint("citizen_promise_id", "organisation_id"),
        sa.UniqueConstraint("agreement_id", "organisation_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    citizen_promise_id: int | None = fk("citizen_promise.id", ondelete="CASCADE")
    agreement_id: int | None = fk("cooperation_agreement.id", ondelete="CASCADE")
    organisation_id: int = fk("organisation.id", nullable=False)


class Undertaking(Versioned, table=True):
    """Åtagande: one thing a party (or all of them together) undertakes to do."""

    __tablename__ = "undertaking"
    __table_args__ = (
        sa.CheckConstraint(_ONE_PARENT, name="one_parent"),
        not_blank("text"),
        sa.CheckConstraint("number >= 1", name="number_positive"),
    )

    id: int | None = Field(default=None, primary_key=True)
    citizen_promise_id: int | None = fk("citizen_promise.id", ondelete="CASCADE")
    agreement_id: int | None = fk("cooperation_agreement.id", ondelete="CASCADE")
    number: int = Field(default=1, nullable=False)
    text: str = Field(nullable=False)
    # Who does it; None: all parties together ("kommunen och polisen gemensamt").
    organisation_id: int | None = fk("organisation.id")
    # The day it was added (services set it; revision 0012 filled older rows with the
    # agreement's start or an earlier first note). A report for a period over before this
    # day does not list it, unless a note by then shows it existed (`existed_on`).
    # Nullable so that 0012 adds it in place, without rebuilding the table.
    created: dt.date | None = None


class UndertakingNote(Versioned, table=True):
    """A dated follow-up of an undertaking with the status it had then."""

    __tablename__ = "undertaking_note"
    __table_args__ = (not_blank("text"),)

    id: int | None = Field(default=None, primary_key=True)
    undertaking_id: int = fk("undertaking.id", nullable=False, ondelete="CASCADE")
    noted_on: dt.date = Field(nullable=False)
    status: UndertakingStatus = Field(
        default=UndertakingStatus.ONGOING, sa_type=enum_type(UndertakingStatus, "undertaking_status"),
        nullable=False)
    text: str = Field(nullable=False)
    author: str = Field(default="", nullable=False)


class UndertakingMeasure(SQLModel, table=True):
    """A measure of the action plan that carries out (part of) an undertaking."""

    __tablename__ = "undertaking_measure"

    undertaking_id: int = Field(foreign_key="undertaking.id", primary_key=True, ondelete="CASCADE")
    measure_id: int = Field(foreign_key="measure.id", primary_key=True, ondelete="CASCADE", index=True)


def existed_on(created: dt.date | None, first_note: dt.date | None, day: dt.date) -> bool:
    """Whether an undertaking is part of the picture on `day`: added by then, or followed
    up by then (a note dated earlier than the day it was typed in shows that it existed:
    the coordinator entering an older agreement afterwards). No date known: always."""
    if created is None or created <= day:
        return True
    return first_note is not None and first_note <= day


def undertaking_status(notes: list[tuple[dt.date, int, UndertakingStatus]],
                       day: dt.date | None = None) -> UndertakingStatus:
    """The status of an undertaking on `day` (None: now) from its notes as (date, id,
    status): the latest note's by then; not begun before the first."""
    by_then = [n for n in notes if day is None or n[0] <= day]
    if not by_then:
        return UndertakingStatus.NOT_STARTED
    return max(by_then, key=lambda n: (n[0], n[1]))[2]


def commitment_status_on(statuses: list[UndertakingStatus], period_from: dt.date, period_to: dt.date,
                         day: dt.date, stored: CommitmentStatus) -> CommitmentStatus:
    """A citizen promise's or agreement's status on `day`, from its undertakings' statuses
    on that day (each its latest note by then), so a report for a closed period says what
    was true on its last day, whenever it is made. The stored status is the coordinator's
    word today and carries no date: it is used only where the notes cannot say (no
    undertakings, the agreement's period over)."""
    if day < period_from:
        return CommitmentStatus.PLANNED
    if statuses and all(s is UndertakingStatus.DONE for s in statuses):
        return CommitmentStatus.FULFILLED
    if day <= period_to:
        return CommitmentStatus.ACTIVE
    if not statuses:
        final = (CommitmentStatus.FULFILLED, CommitmentStatus.NOT_FULFILLED)
        return stored if stored in final else CommitmentStatus.ACTIVE
    return CommitmentStatus.NOT_FULFILLED
