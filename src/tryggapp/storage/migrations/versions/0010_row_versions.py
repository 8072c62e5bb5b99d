"""row versions

Revision ID: 0010
Revises: 0006
Create Date: 2026-11-29 00:30:00

Several writers (issue 18): every table the window edits gets an integer `version`,
1 for every existing row, raised by one with each UPDATE (domain.base.Versioned: the
mapper's version_id_col). An edit based on an older version is refused
(storage.versions.StaleEdit) instead of overwriting what someone else saved meanwhile.
The change log gets `db_user`: the PostgreSQL role that made the change (empty on SQLite,
where `os_user` says who).

Columns are only added: `ALTER TABLE ADD COLUMN` with a constant default fills every
existing row in place, on SQLite (batch mode in its "auto" setting sees nothing that needs
a rebuild, so no copy-DROP-rename, no cascade into child rows, and the triggers of 0004
stay) and on PostgreSQL alike. The server default must stay a plain string: a SQL
expression would make SQLite's batch mode rebuild the table.

A table added by a later revision that the window edits is one more line in VERSIONED
(and `Versioned` in its model).
"""
import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

VERSIONED = (
    "municipality",
    "programme",
    "programme_revision",
    "direction",
    "focus_area",
    "goal",
    "measurement",
    "goal_assessment",
    "situation_picture",
    "situation_finding",
    "citizen_promise",
    "cooperation_agreement",
    "action_plan",
    "measure",
    "measure_note",
    "meeting",
    "meeting_attendance",
    "minutes",
    "minutes_item",
    "organisation",
    "person",
    "work_group",
    "membership",
    "safety_walk",
    "safety_walk_participant",
    "observation",
    "observation_photo",
    "safety_visit",
    "report_text",
    "report_measure_note",
    "report_group_note",
)


def upgrade() -> None:
    for table in VERSIONED:
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("version", sa.Integer(), nullable=False, server_default="1"))
    with op.batch_alter_table("audit_entry") as batch:
        batch.add_column(sa.Column("db_user", sa.String(), nullable=False, server_default=""))


def downgrade() -> None:
    # A plain ALTER TABLE DROP COLUMN (SQLite 3.35+, PostgreSQL): a batch rebuild would
    # drop the triggers of 0004 with the table.
    op.drop_column("audit_entry", "db_user")
    for table in reversed(VERSIONED):
        op.drop_column(table, "version")
