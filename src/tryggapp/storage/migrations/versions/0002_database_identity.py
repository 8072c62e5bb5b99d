"""database identity

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28 18:20:00

A one-row table holding a UUID that names this database, so backups are named and matched
by the database they came from and not by its file name. A new table rather than a column
on `municipality`: that row exists only once the user has filled in the municipality's
details, and the identity is needed from the first backup on. Creating a table needs no
batch rebuild of an existing one (PITFALLS: a rebuild with foreign keys on cascades).

The data step gives every database its own fresh UUID: existing files when they are
upgraded, new files when they are created (they run through this revision too).
"""
import datetime as dt
import uuid

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    identity = op.create_table(
        "database_identity",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_database_identity_single_row")),
        sa.CheckConstraint("length(uuid) = 36", name=op.f("ck_database_identity_uuid_length")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_database_identity")),
    )
    op.bulk_insert(identity, [{
        "id": 1,
        "uuid": str(uuid.uuid4()),
        "created_at": dt.datetime.now().replace(microsecond=0),
    }])


def downgrade() -> None:
    op.drop_table("database_identity")
