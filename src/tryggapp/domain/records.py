"""Records about the program's own work: produced reports and the audit trail."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from tryggapp.domain.base import Versioned, enum_type, fk, not_before, not_blank, now
from tryggapp.domain.enums import AuditAction


class FollowUpReport(SQLModel, table=True):
    """Uppföljningsrapport: a record of each PDF made, for traceability."""

    __tablename__ = "follow_up_report"

    id: int | None = Field(default=None, primary_key=True)
    created_at: dt.datetime = Field(default_factory=now, sa_type=sa.DateTime, nullable=False)
    period_label: str = Field(nullable=False)
    period_from: dt.date = Field(nullable=False)
    period_to: dt.date = Field(nullable=False)
    author: str = Field(default="", nullable=False)
    sections: str = Field(default="", nullable=False)
    file_path: str = Field(default="", nullable=False)
    page_count: int = Field(default=0, nullable=False)


class AuditEntry(SQLModel, table=True):
    """Ändringslogg: who changed what, when. Written by storage.audit, never edited."""

    __tablename__ = "audit_entry"

    id: int | None = Field(default=None, primary_key=True)
    at: dt.datetime = Field(default_factory=now, sa_type=sa.DateTime, nullable=False, index=True)
    os_user: str = Field(default="", nullable=False)
    table_name: str = Field(nullable=False, index=True)
    record_id: str = Field(nullable=False, index=True)
    action: AuditAction = Field(sa_type=enum_type(AuditAction, "audit_action"), nullable=False)
    old_values: str = Field(default="", nullable=False)  # JSON
    new_values: str = Field(default="", nullable=False)  # JSON
    summary: str = Field(default="", nullable=False)
    # Who, as the database server knows them: the PostgreSQL role the change was made
    # with (each person signs in as themselves there); empty on SQLite, where the signed-in
    # OS user (os_user) is all there is. Added by revision 0010.
    db_user: str = Field(default="", nullable=False, sa_column_kwargs={"server_default": ""})


class DatabaseIdentity(SQLModel, table=True):
    """Which database this file is: a UUID given once, when the file is created (or, for a
    file from before revision 0002, when it is upgraded). Copies made by the backup API
    carry it, so a backup is matched to its database by identity, not by file name (two
    databases may both be called tryggapp.db and share one backup folder). Written only by
    the migration, never edited."""

    __tablename__ = "database_identity"
    __table_args__ = (
        sa.CheckConstraint("id = 1", name="single_row"),
        sa.CheckConstraint("length(uuid) = 36", name="uuid_length"),
    )

    id: int | None = Field(default=1, primary_key=True)
    uuid: str = Field(nullable=False)
    created_at: dt.datetime = Field(default_factory=now, sa_type=sa.DateTime, nullable=False)


class ReportText(Versioned, table=True):
    """The coordinator's own words for a report period, printed first in its follow-up
    report: the overall assessment, the main results, deviations and what is done about
    them, and proposals to the management group. One text per period (from–to); the next
    period's text starts from this one."""

    __tablename__ = "report_text"
    __table_args__ = (sa.UniqueConstraint("period_from", "period_to"),
                      not_before("period_to", "period_from", "period"))

    id: int | None = Field(default=None, primary_key=True)
    period_from: dt.date = Field(nullable=False)
    period_to: dt.date = Field(nullable=False)
    period_label: str = Field(default="", nullable=False)  # "andra tertialet 2026"
    assessment: str = Field(default="", nullable=False)  # Sammanfattande bedömning
    results: str = Field(default="", nullable=False)  # Viktigaste resultat
    deviations: str = Field(default="", nullable=False)  # Avvikelser och åtgärder
    proposals: str = Field(default="", nullable=False)  # Förslag till kommunledningsgruppen
    author: str = Field(default="", nullable=False)
    updated_at: dt.datetime = Field(default_factory=now, sa_type=sa.DateTime, nullable=False)


class ReportMeasureNote(Versioned, table=True):
    """For a late measure in a report: its new planned date and, if the coordinator
    writes one, the reason (else the report uses the measure's latest note)."""

    __tablename__ = "report_measure_note"
    __table_args__ = (sa.UniqueConstraint("report_text_id", "measure_id"),)

    id: int | None = Field(default=None, primary_key=True)
    report_text_id: int = fk("report_text.id", nullable=False, ondelete="CASCADE")
    measure_id: int = fk("measure.id", nullable=False, ondelete="CASCADE")
    new_date: dt.date | None = None
    reason: str = Field(default="", nullable=False)


class ReportGroupNote(Versioned, table=True):
    """For a group behind its meeting cadence in a report: the coordinator's comment."""

    __tablename__ = "report_group_note"
    __table_args__ = (sa.UniqueConstraint("report_text_id", "group_id"), not_blank("comment"))

    id: int | None = Field(default=None, primary_key=True)
    report_text_id: int = fk("report_text.id", nullable=False, ondelete="CASCADE")
    group_id: int = fk("work_group.id", nullable=False, ondelete="CASCADE")
    comment: str = Field(nullable=False)
