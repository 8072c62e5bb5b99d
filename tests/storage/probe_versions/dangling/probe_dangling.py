"""probe: a faulty revision that leaves dangling references

It rebuilds `goal` in batch mode but "forgets" the focus areas' first goal: measurements
and assessments of that goal would then point at a goal that does not exist. The upgrade
must be refused and the file left as it was.
"""

import sqlalchemy as sa
from alembic import op
from tests.storage.probe_versions import package_head

revision = "probe_dangling"
down_revision = package_head()
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("goal") as batch_op:
        batch_op.add_column(sa.Column("probe_note", sa.String(), nullable=False, server_default=""))
        batch_op.create_check_constraint("probe_position_not_negative", "position >= 0")
    op.execute("DELETE FROM goal WHERE id IN (SELECT goal_id FROM measurement)")


def downgrade() -> None:  # pragma: no cover - the app never downgrades
    raise NotImplementedError
