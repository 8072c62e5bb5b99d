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
