"""Meetings, attendance, minutes (protokoll) and their § items."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from tryggapp.domain.base import Versioned, enum_type, fk, not_before, not_blank
from tryggapp.domain.enums import Attendance


class Meeting(Versioned, table=True):
    __tablename__ = "meeting"
    __table_args__ = (not_before("end_time", "start_time", "end_after_start"),)

    id: int | None = Field(default=None, primary_key=True)
    group_id: int = fk("work_group.id", nullable=False)
    date: dt.date = Field(nullable=False, index=True)
    start_time: dt.time | None = None
    end_time: dt.time | None = None
    place: str = Field(default="", nullable=False)
    agenda: str = Field(default="", nullable=False)
    cancelled: bool = Field(default=False, nullable=False)
    notes: str = Field(default="", nullable=False)


class MeetingAttendance(Versioned, table=True):
    __tablename__ = "meeting_attendance"
    __table_args__ = (sa.UniqueConstraint("meeting_id", "person_id"),)

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = fk("meeting.id", nullable=False, ondelete="CASCADE")
    person_id: int = fk("person.id", nullable=False)
    attendance: Attendance = Field(
        default=Attendance.PRESENT, sa_type=enum_type(Attendance, "attendance"), nullable=False
    )
    note: str = Field(default="", nullable=False)  # partial attendance, e.g. "§ 30–31"


class Minutes(Versioned, table=True):
    """Protokoll of one meeting, with justering and anslag."""

    __tablename__ = "minutes"
    __table_args__ = (
        sa.UniqueConstraint("meeting_id"),
        not_before("posted_to", "posted_from", "posted_period"),
    )

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = fk("meeting.id", nullable=False, ondelete="CASCADE")
    secretary_id: int | None = fk("person.id")
    chair_id: int | None = fk("person.id")
    adjuster_id: int | None = fk("person.id")  # justerare
    adjusted_on: dt.date | None = None  # date of justering
    adjustment_place: str = Field(default="", nullable=False)
    posted_from: dt.date | None = None  # anslag
    posted_to: dt.date | None = None
    kept_at: str = Field(default="", nullable=False)  # förvaringsplats
    # Set when the minutes were justerade: from then on their content is locked (the
    # services refuse, and triggers of revision 0004 refuse even a raw UPDATE). Only a
    # MinutesReopening (with its reason) dated after this moment lets it be cleared.
    locked_at: dt.datetime | None = Field(default=None, sa_type=sa.DateTime)


class MinutesReopening(SQLModel, table=True):
    """Justerade minutes opened again: when, why, and the justering that was undone."""

    __tablename__ = "minutes_reopening"
    __table_args__ = (not_blank("reason"),)

    id: int | None = Field(default=None, primary_key=True)
    minutes_id: int = fk("minutes.id", nullable=False, ondelete="CASCADE")
    reopened_at: dt.datetime = Field(sa_type=sa.DateTime, nullable=False)
    reason: str = Field(nullable=False)
    author: str = Field(default="", nullable=False)
    adjusted_on: dt.date | None = None  # the justering date that was undone
    adjuster: str = Field(default="", nullable=False)  # who had justerat (name as it was)


class MinutesSeriesStart(Versioned, table=True):
    """Where a group's § series of one year begins when it is not § 1: the coordinator
    who starts using Tryggapp in the middle of a year (the minutes until then kept on
    paper or in Word) continues the series ("Nästa paragrafnummer: § 37"). No row: § 1."""

    __tablename__ = "minutes_series_start"
    __table_args__ = (
        sa.UniqueConstraint("group_id", "year"),
        sa.CheckConstraint("first_number >= 1", name="first_number_positive"),
    )

    id: int | None = Field(default=None, primary_key=True)
    group_id: int = fk("work_group.id", nullable=False, ondelete="CASCADE")
    year: int = Field(nullable=False)
    first_number: int = Field(nullable=False)


class MinutesItem(Versioned, table=True):
    """A § of the minutes. Numbers run on per group and year across meetings, so group and
    year are stored with the item to let the database enforce uniqueness."""

    __tablename__ = "minutes_item"
    __table_args__ = (
        sa.UniqueConstraint("group_id", "year", "number"),
        sa.CheckConstraint("number >= 1", name="number_positive"),
        not_blank("heading"),
    )

    id: int | None = Field(default=None, primary_key=True)
    minutes_id: int = fk("minutes.id", nullable=False, ondelete="CASCADE")
    group_id: int = fk("work_group.id", nullable=False)
    year: int = Field(nullable=False)
    number: int = Field(nullable=False)
    heading: str = Field(nullable=False)
    reference_number: str = Field(default="", nullable=False)  # diarienummer
    discussion: str = Field(default="", nullable=False)
    decision: str = Field(default="", nullable=False)  # "att ..." clauses, one per line
