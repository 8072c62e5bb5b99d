"""walk steps and safety visits

Revision ID: 0005
Revises: 0003
Create Date: 2026-11-28 21:05:00

Boverket's three steps for a trygghetsvandring (issue 13): the förmöte (date, how the
route was chosen, the invitation), the number of residents on the walk, and what the
uppföljande möte concluded (its date is the existing follow_up_date). A trygghetsbesök
gets the support given, its follow-up (text and date) and an optional link to the
measure it led to (ON DELETE SET NULL: deleting the measure leaves the visit).

Only columns are added; existing column names stay. Text columns get a server default
'' so existing rows are filled. The CHECK on resident_count and the foreign key on
measure_id make batch mode rebuild safety_walk and safety_visit (copy, DROP, rename);
the upgrade runs with foreign keys off, so the DROP of safety_walk does not cascade into
its observations and participants (PITFALLS), and ends with a foreign_key_check.
"""
import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("safety_walk", schema=None) as batch_op:
        batch_op.add_column(sa.Column("premeeting_date", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("premeeting_route", sa.String(), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("invitation", sa.String(), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("resident_count", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("follow_up_summary", sa.String(), nullable=False, server_default=""))
        batch_op.create_check_constraint(
            op.f("ck_safety_walk_resident_count_not_negative"), "resident_count IS NULL OR resident_count >= 0")
    with op.batch_alter_table("safety_visit", schema=None) as batch_op:
        batch_op.add_column(sa.Column("support_given", sa.String(), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("follow_up", sa.String(), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("follow_up_date", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("measure_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(op.f("fk_safety_visit_measure_id_measure"), "measure", ["measure_id"], ["id"],
                                    ondelete="SET NULL")
        batch_op.create_index(batch_op.f("ix_safety_visit_measure_id"), ["measure_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("safety_visit", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_safety_visit_measure_id"))
        batch_op.drop_constraint(op.f("fk_safety_visit_measure_id_measure"), type_="foreignkey")
        batch_op.drop_column("measure_id")
        batch_op.drop_column("follow_up_date")
        batch_op.drop_column("follow_up")
        batch_op.drop_column("support_given")
    with op.batch_alter_table("safety_walk", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_safety_walk_resident_count_not_negative"), type_="check")
        batch_op.drop_column("follow_up_summary")
        batch_op.drop_column("resident_count")
        batch_op.drop_column("invitation")
        batch_op.drop_column("premeeting_route")
        batch_op.drop_column("premeeting_date")
