"""Records about the program's own work: produced reports and the audit trail."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from tryggapp.domain.base import enum_type, now
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
