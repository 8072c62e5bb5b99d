"""undertakings of citizen promises and agreements

Revision ID: 0008
Revises: 0006
Create Date: 2026-11-29 00:30:00

Medborgarlöften and samverkansöverenskommelser (issue 14, item 4) get their parties
(organisations of the register), their undertakings (åtaganden), each undertaking's dated
follow-up notes with the status it had then, and the measures that carry it out.

Only new tables: citizen_promise and cooperation_agreement are not rebuilt, so every
existing row stays as it was, their follow_up text (how the promise is followed up)
included. No batch rebuild, so no cascade risk (PITFALLS).
"""
import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

_ONE_PARENT = "(citizen_promise_id IS NULL) <> (agreement_id IS NULL)"


def _parents(table: str) -> list:
    return [
        sa.Column("citizen_promise_id", sa.Integer(), nullable=True),
        sa.Column("agreement_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(_ONE_PARENT, name=op.f(f"ck_{table}_one_parent")),
        sa.ForeignKeyConstraint(["citizen_promise_id"], ["citizen_promise.id"],
                                name=op.f(f"fk_{table}_citizen_promise_id_citizen_promise"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["agreement_id"], ["cooperation_agreement.id"],
                                name=op.f(f"fk_{table}_agreement_id_cooperation_agreement"), ondelete="CASCADE"),
    ]


def _index(table: str, *columns: str) -> None:
    with op.batch_alter_table(table, schema=None) as batch_op:
        for column in columns:
            batch_op.create_index(batch_op.f(f"ix_{table}_{column}"), [column], unique=False)


def upgrade() -> None:
    op.create_table(
        "agreement_party",
        sa.Column("id", sa.Integer(), nullable=False),
        *_parents("agreement_party"),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisation.id"],
                                name=op.f("fk_agreement_party_organisation_id_organisation")),
        sa.UniqueConstraint("citizen_promise_id", "organisation_id",
                            name=op.f("uq_agreement_party_citizen_promise_id_organisation_id")),
        sa.UniqueConstraint("agreement_id", "organisation_id",
                            name=op.f("uq_agreement_party_agreement_id_organisation_id")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agreement_party")),
    )
    _index("agreement_party", "agreement_id", "citizen_promise_id", "organisation_id")
    op.create_table(
        "undertaking",
        sa.Column("id", sa.Integer(), nullable=False),
        *_parents("undertaking"),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("text", sa.String(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=True),
        sa.CheckConstraint("length(trim(text)) > 0", name=op.f("ck_undertaking_text_not_blank")),
        sa.CheckConstraint("number >= 1", name=op.f("ck_undertaking_number_positive")),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisation.id"],
                                name=op.f("fk_undertaking_organisation_id_organisation")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_undertaking")),
    )
    _index("undertaking", "agreement_id", "citizen_promise_id", "organisation_id")
    op.create_table(
        "undertaking_note",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("undertaking_id", sa.Integer(), nullable=False),
        sa.Column("noted_on", sa.Date(), nullable=False),
        sa.Column("status", sa.Enum("not_started", "ongoing", "done", "not_done", name="undertaking_status",
                                    native_enum=False, create_constraint=True, length=32), nullable=False),
        sa.Column("text", sa.String(), nullable=False),
        sa.Column("author", sa.String(), nullable=False),
        sa.CheckConstraint("length(trim(text)) > 0", name=op.f("ck_undertaking_note_text_not_blank")),
        sa.ForeignKeyConstraint(["undertaking_id"], ["undertaking.id"],
                                name=op.f("fk_undertaking_note_undertaking_id_undertaking"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_undertaking_note")),
    )
    _index("undertaking_note", "undertaking_id")
    op.create_table(
        "undertaking_measure",
        sa.Column("undertaking_id", sa.Integer(), nullable=False),
        sa.Column("measure_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["measure_id"], ["measure.id"],
                                name=op.f("fk_undertaking_measure_measure_id_measure"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["undertaking_id"], ["undertaking.id"],
                                name=op.f("fk_undertaking_measure_undertaking_id_undertaking"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("undertaking_id", "measure_id", name=op.f("pk_undertaking_measure")),
    )
    _index("undertaking_measure", "measure_id")


def downgrade() -> None:
    for table in ("undertaking_measure", "undertaking_note", "undertaking", "agreement_party"):
        op.drop_table(table)
