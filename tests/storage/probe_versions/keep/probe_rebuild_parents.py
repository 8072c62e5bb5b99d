"""probe: rebuild the parent tables `goal` and `measure` as a real revision would

A CHECK constraint and a column each: SQLite cannot ALTER either in place, so Alembic's
batch mode copies the table, drops the old one and renames the copy. Rows in
`measurement`, `goal_assessment`, `measure_note`, `measure_partner`, ... refer to them.
"""

import sqlalchemy as sa
from alembic import op
from tests.storage.probe_versions import package_head

revision = "probe_keep"
down_revision = package_head()
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("goal") as batch_op:
        batch_op.add_column(sa.Column("probe_note", sa.String(), nullable=False, server_default=""))
        batch_op.create_check_constraint("probe_position_not_negative", "position >= 0")
    with op.batch_alter_table("measure") as batch_op:
        batch_op.add_column(sa.Column("probe_note", sa.String(), nullable=False, server_default=""))
        batch_op.create_check_constraint("probe_number_positive", "number > 0")


def downgrade() -> None:  # pragma: no cover - the app never downgrades
    raise NotImplementedError
