"""more row versions

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-29 03:40:00

Row versions (issue 18, as revision 0010) for the tables the window edits that revisions
0007–0009 added: a lägesbild's sources, the EST reports, the parties, undertakings and
follow-ups of citizen promises and agreements, and an indicator's categories and their
values. Each gets an integer `version`, 1 for every existing row, raised by one with each
UPDATE (domain.base.Versioned), so a stale edit of them is refused with the conflict
dialog as for every other edited table.

Added in place exactly as 0010 does: `ADD COLUMN` with a constant string default, which
batch mode in its "auto" setting runs without rebuilding the table (no copy-DROP-rename,
no cascade into child rows), on SQLite and PostgreSQL alike. The link tables
(finding_focus_area, finding_measure, finding_est, undertaking_measure) are only
inserted and deleted, never updated, so they need none.
"""
import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

VERSIONED = (
    "situation_source",
    "est_report",
    "agreement_party",
    "undertaking",
    "undertaking_note",
    "indicator_category",
    "category_measurement",
)


def upgrade() -> None:
    for table in VERSIONED:
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("version", sa.Integer(), nullable=False, server_default="1"))


def downgrade() -> None:
    # A plain ALTER TABLE DROP COLUMN (SQLite 3.35+, PostgreSQL), as 0010's downgrade.
    for table in reversed(VERSIONED):
        op.drop_column(table, "version")
