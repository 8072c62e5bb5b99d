"""minutes numbering start and undertaking dates

Revision ID: 0012
Revises: 0010
Create Date: 2026-11-29 03:40:00

Two gaps left by issues 13 and 14:

- `minutes_series_start`: where a group's § series of one year begins when the minutes
  until then were kept outside Tryggapp ("Nästa paragrafnummer för Samordningsgruppen
  2026: § 37"). A new table, so nothing existing changes; no row means § 1, as before.
- `undertaking.created`: the day an undertaking was added, so a report for a period over
  before then does not list it. Added in place (nullable ALTER TABLE ADD COLUMN: no batch
  rebuild, so no cascade into the notes and measure links, PITFALLS) and filled for the
  existing rows with the start of their promise's or agreement's period, or the first
  note's date when that is earlier. Why the start and not the first note: an undertaking
  is part of what was signed, so it existed from the start; an undertaking without notes
  would otherwise get no date; and a report already printed for a period (where such an
  undertaking stood as "Ej påbörjat") reads the same after the upgrade. A note dated
  before the start still proves it existed then, hence the earlier of the two.

The columns of revision 0011 (row versions of the agreements tables) are not touched.
"""
import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

_START = ("COALESCE((SELECT p.period_from FROM citizen_promise p WHERE p.id = undertaking.citizen_promise_id), "
          "(SELECT a.period_from FROM cooperation_agreement a WHERE a.id = undertaking.agreement_id))")
_FIRST_NOTE = "(SELECT MIN(n.noted_on) FROM undertaking_note n WHERE n.undertaking_id = undertaking.id)"


def upgrade() -> None:
    op.create_table(
        "minutes_series_start",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("first_number", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False, server_default="1"),
        sa.CheckConstraint("first_number >= 1", name=op.f("ck_minutes_series_start_first_number_positive")),
        sa.ForeignKeyConstraint(["group_id"], ["work_group.id"],
                                name=op.f("fk_minutes_series_start_group_id_work_group"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_minutes_series_start")),
        sa.UniqueConstraint("group_id", "year", name=op.f("uq_minutes_series_start_group_id_year")),
    )
    with op.batch_alter_table("minutes_series_start", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_minutes_series_start_group_id"), ["group_id"], unique=False)

    # In place: batch mode's "auto" sees a plain ADD COLUMN and does not rebuild the table.
    with op.batch_alter_table("undertaking", schema=None) as batch_op:
        batch_op.add_column(sa.Column("created", sa.Date(), nullable=True))
    op.execute(f"UPDATE undertaking SET created = CASE WHEN {_FIRST_NOTE} < {_START} "
               f"THEN {_FIRST_NOTE} ELSE {_START} END")


def downgrade() -> None:
    # A plain ALTER TABLE DROP COLUMN (SQLite 3.35+, PostgreSQL): no rebuild, no cascade.
    op.drop_column("undertaking", "created")
    with op.batch_alter_table("minutes_series_start", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_minutes_series_start_group_id"))
    op.drop_table("minutes_series_start")
