"""indicator categories

Revision ID: 0009
Revises: 0006
Create Date: 2026-11-29 00:40:00

Statistics per category (issue 14): an indicator such as "anmälda brott" may be broken
down by category ("Skadegörelse", "Våldsbrott", ...). `indicator_category` is a goal's
list of categories; `category_measurement` holds a value per category and period, beside
`measurement` (the indicator's total), which is left exactly as it was. Two new tables
and nothing else: no existing table is rebuilt, so no row can be lost or cascaded.
"""
import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

_PERIOD_CHECK = (
    "(period_kind = 'year' AND period_no = 1) OR "
    "(period_kind = 'tertial' AND period_no BETWEEN 1 AND 3) OR "
    "(period_kind = 'quarter' AND period_no BETWEEN 1 AND 4)"
)


def upgrade() -> None:
    op.create_table(
        "indicator_category",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("goal_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.CheckConstraint("length(trim(name)) > 0", name=op.f("ck_indicator_category_name_not_blank")),
        sa.ForeignKeyConstraint(["goal_id"], ["goal.id"], name=op.f("fk_indicator_category_goal_id_goal"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_indicator_category")),
        sa.UniqueConstraint("goal_id", "name", name=op.f("uq_indicator_category_goal_id_name")),
    )
    with op.batch_alter_table("indicator_category", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_indicator_category_goal_id"), ["goal_id"], unique=False)
    op.create_table(
        "category_measurement",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("category_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("period_kind", sa.Enum("year", "tertial", "quarter", name="category_measurement_period_kind",
                                         native_enum=False, create_constraint=True, length=32), nullable=False),
        sa.Column("period_no", sa.Integer(), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("source", sa.String(), nullable=False),
        sa.Column("comment", sa.String(), nullable=False),
        sa.CheckConstraint(_PERIOD_CHECK, name=op.f("ck_category_measurement_period_no_valid")),
        sa.CheckConstraint("year BETWEEN 1900 AND 2200", name=op.f("ck_category_measurement_year_valid")),
        sa.ForeignKeyConstraint(["category_id"], ["indicator_category.id"],
                                name=op.f("fk_category_measurement_category_id_indicator_category"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_category_measurement")),
        sa.UniqueConstraint("category_id", "year", "period_kind", "period_no",
                            name=op.f("uq_category_measurement_category_id_year_period_kind_period_no")),
    )
    with op.batch_alter_table("category_measurement", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_category_measurement_category_id"), ["category_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("category_measurement", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_category_measurement_category_id"))
    op.drop_table("category_measurement")
    with op.batch_alter_table("indicator_category", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_indicator_category_goal_id"))
    op.drop_table("indicator_category")
