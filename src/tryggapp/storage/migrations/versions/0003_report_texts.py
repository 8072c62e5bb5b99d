"""report texts

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28 18:30:00

The coordinator's words for a follow-up report (issue 8): per report period the four
texts the report prints first, and per late measure a new planned date and reason, per
group behind its meeting cadence a comment. New tables only: no existing table is
rebuilt (PITFALLS: a batch rebuild with foreign keys on cascades into child rows).
"""
import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "report_text",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("period_from", sa.Date(), nullable=False),
        sa.Column("period_to", sa.Date(), nullable=False),
        sa.Column("period_label", sa.String(), nullable=False),
        sa.Column("assessment", sa.String(), nullable=False),
        sa.Column("results", sa.String(), nullable=False),
        sa.Column("deviations", sa.String(), nullable=False),
        sa.Column("proposals", sa.String(), nullable=False),
        sa.Column("author", sa.String(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("period_to IS NULL OR period_from IS NULL OR period_to >= period_from",
                           name=op.f("ck_report_text_period")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_text")),
        sa.UniqueConstraint("period_from", "period_to", name=op.f("uq_report_text_period_from_period_to")),
    )
    op.create_table(
        "report_measure_note",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("report_text_id", sa.Integer(), nullable=False),
        sa.Column("measure_id", sa.Integer(), nullable=False),
        sa.Column("new_date", sa.Date(), nullable=True),
        sa.Column("reason", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["measure_id"], ["measure.id"], name=op.f("fk_report_measure_note_measure_id_measure"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["report_text_id"], ["report_text.id"],
                                name=op.f("fk_report_measure_note_report_text_id_report_text"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_measure_note")),
        sa.UniqueConstraint("report_text_id", "measure_id",
                            name=op.f("uq_report_measure_note_report_text_id_measure_id")),
    )
    op.create_index(op.f("ix_report_measure_note_measure_id"), "report_measure_note", ["measure_id"])
    op.create_index(op.f("ix_report_measure_note_report_text_id"), "report_measure_note", ["report_text_id"])
    op.create_table(
        "report_group_note",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("report_text_id", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("comment", sa.String(), nullable=False),
        sa.CheckConstraint("length(trim(comment)) > 0", name=op.f("ck_report_group_note_comment_not_blank")),
        sa.ForeignKeyConstraint(["group_id"], ["work_group.id"], name=op.f("fk_report_group_note_group_id_work_group"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["report_text_id"], ["report_text.id"],
                                name=op.f("fk_report_group_note_report_text_id_report_text"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_group_note")),
        sa.UniqueConstraint("report_text_id", "group_id", name=op.f("uq_report_group_note_report_text_id_group_id")),
    )
    op.create_index(op.f("ix_report_group_note_group_id"), "report_group_note", ["group_id"])
    op.create_index(op.f("ix_report_group_note_report_text_id"), "report_group_note", ["report_text_id"])


def downgrade() -> None:
    op.drop_table("report_group_note")
    op.drop_table("report_measure_note")
    op.drop_table("report_text")
