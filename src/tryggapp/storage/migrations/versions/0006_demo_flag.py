"""demo flag

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-28 21:15:00

Marks a database made by `tryggapp demo` / "Skapa demodatabas" (issue 11), so the window
title and every printed report page say DEMO: a fictional municipality's report must never
pass for a real one. A column on the one-row `municipality` table, added with a plain
ALTER TABLE ADD COLUMN (SQLite does it in place with a constant default): no batch
rebuild, so no cascade into child rows (PITFALLS). Existing files are not demos.
"""
import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("municipality", sa.Column("demo", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("municipality") as batch:
        batch.drop_column("demo")
