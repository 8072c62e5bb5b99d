"""lägesbild sources, finding links and EST

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-29 00:40:00

The lägesbild (issue 14): its sources become records (kind, owner, date, note) instead
of one free text; a finding gets the area of the municipality it concerns, any number
of prioritised focus areas and answering measures, and the EST reports it rests on; and
the EST intake itself (est_report).

Only new tables and one column added with a plain ADD COLUMN (constant default): no
batch rebuild, so no cascade into child rows (PITFALLS). Nothing existing changes:
each non-empty line of an old `situation_picture.sources` text becomes one
situation_source row with the line as its note (its kind guessed from the words, "other"
when none or several kinds are named), and the text stays in its column; each finding's
focus_area_id becomes its first row in finding_focus_area.
"""
import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

# (kind, words that name it), checked on the lower-cased line.
_KIND_WORDS = (
    ("reported_crime", ("anmälda brott", "anmälningar", "brottsstatistik", "bra statistik", "brå:s statistik")),
    ("police", ("polisens lägesbild", "polisen", "polisens")),
    ("survey", ("trygghetsundersökning", "trygghetsmätning", "enkät", "ntu")),
    ("est", ("est",)),
    ("dialogue", ("medborgardialog", "dialog")),
)


def source_kind(line: str) -> str:
    """The one kind a line of old free text names, or "other"."""
    words = line.lower().replace("-", " ").replace(",", " ").split()
    text = " ".join(words)
    found = {kind for kind, names in _KIND_WORDS
             if any((name in words) if " " not in name and len(name) <= 3 else (name in text) for name in names)}
    return found.pop() if len(found) == 1 else "other"


def _enum(name: str, *values: str) -> sa.Enum:
    return sa.Enum(*values, name=name, native_enum=False, create_constraint=True, length=32)


def upgrade() -> None:
    op.create_table(
        "situation_source",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("situation_picture_id", sa.Integer(), nullable=False),
        sa.Column("kind", _enum("source_kind", "reported_crime", "police", "survey", "est", "dialogue", "other"),
                  nullable=False),
        sa.Column("owner", sa.String(), nullable=False),
        sa.Column("dated", sa.Date(), nullable=True),
        sa.Column("note", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["situation_picture_id"], ["situation_picture.id"],
                                name=op.f("fk_situation_source_situation_picture_id_situation_picture"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_situation_source")),
    )
    op.create_index(op.f("ix_situation_source_situation_picture_id"), "situation_source",
                    ["situation_picture_id"], unique=False)
    op.create_table(
        "finding_focus_area",
        sa.Column("finding_id", sa.Integer(), nullable=False),
        sa.Column("focus_area_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["finding_id"], ["situation_finding.id"],
                                name=op.f("fk_finding_focus_area_finding_id_situation_finding"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["focus_area_id"], ["focus_area.id"],
                                name=op.f("fk_finding_focus_area_focus_area_id_focus_area"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("finding_id", "focus_area_id", name=op.f("pk_finding_focus_area")),
    )
    op.create_index(op.f("ix_finding_focus_area_focus_area_id"), "finding_focus_area", ["focus_area_id"],
                    unique=False)
    op.create_table(
        "finding_measure",
        sa.Column("finding_id", sa.Integer(), nullable=False),
        sa.Column("measure_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["finding_id"], ["situation_finding.id"],
                                name=op.f("fk_finding_measure_finding_id_situation_finding"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["measure_id"], ["measure.id"],
                                name=op.f("fk_finding_measure_measure_id_measure"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("finding_id", "measure_id", name=op.f("pk_finding_measure")),
    )
    op.create_index(op.f("ix_finding_measure_measure_id"), "finding_measure", ["measure_id"], unique=False)
    op.create_table(
        "est_report",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reported_on", sa.Date(), nullable=False),
        sa.Column("reporter_kind", _enum("reporter_kind", "municipal", "police", "housing", "other"),
                  nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=True),
        sa.Column("place", sa.String(), nullable=False),
        sa.Column("kind", _enum("est_kind", "vandalism", "graffiti", "litter", "unsafe_place", "disorder", "drugs",
                                "fire", "other"), nullable=False),
        sa.Column("description", sa.String(), nullable=False),
        sa.Column("measure_id", sa.Integer(), nullable=True),
        sa.CheckConstraint("length(trim(place)) > 0", name=op.f("ck_est_report_place_not_blank")),
        sa.ForeignKeyConstraint(["measure_id"], ["measure.id"], name=op.f("fk_est_report_measure_id_measure"),
                                ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisation.id"],
                                name=op.f("fk_est_report_organisation_id_organisation"), ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_est_report")),
    )
    op.create_index(op.f("ix_est_report_measure_id"), "est_report", ["measure_id"], unique=False)
    op.create_index(op.f("ix_est_report_organisation_id"), "est_report", ["organisation_id"], unique=False)
    op.create_index(op.f("ix_est_report_reported_on"), "est_report", ["reported_on"], unique=False)
    op.create_table(
        "finding_est",
        sa.Column("finding_id", sa.Integer(), nullable=False),
        sa.Column("est_report_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["est_report_id"], ["est_report.id"],
                                name=op.f("fk_finding_est_est_report_id_est_report"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["finding_id"], ["situation_finding.id"],
                                name=op.f("fk_finding_est_finding_id_situation_finding"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("finding_id", "est_report_id", name=op.f("pk_finding_est")),
    )
    op.create_index(op.f("ix_finding_est_est_report_id"), "finding_est", ["est_report_id"], unique=False)
    op.add_column("situation_finding", sa.Column("area", sa.String(), nullable=False, server_default=""))
    _convert()


def _convert() -> None:
    conn = op.get_bind()
    source = sa.table("situation_source", sa.column("situation_picture_id"), sa.column("kind"),
                      sa.column("owner"), sa.column("dated"), sa.column("note"))
    rows = []
    for picture_id, text in conn.execute(sa.text("SELECT id, sources FROM situation_picture ORDER BY id")):
        for line in (text or "").splitlines():
            if line.strip():
                rows.append({"situation_picture_id": picture_id, "kind": source_kind(line), "owner": "",
                             "dated": None, "note": line.strip()})
    if rows:
        conn.execute(source.insert(), rows)
    conn.execute(sa.text("INSERT INTO finding_focus_area (finding_id, focus_area_id) "
                         "SELECT id, focus_area_id FROM situation_finding WHERE focus_area_id IS NOT NULL"))


def downgrade() -> None:
    # A picture made since 0007 has no free text: its sources' notes become it.
    conn = op.get_bind()
    notes: dict[int, list[str]] = {}
    for picture_id, note in conn.execute(sa.text("SELECT situation_picture_id, note FROM situation_source "
                                                 "ORDER BY id")):
        notes.setdefault(picture_id, []).append(note)
    for picture_id, lines in notes.items():
        conn.execute(sa.text("UPDATE situation_picture SET sources = :text WHERE id = :id "
                             "AND length(trim(sources)) = 0"), {"text": "\n".join(lines), "id": picture_id})
    op.drop_table("finding_est")
    op.drop_table("est_report")
    op.drop_table("finding_measure")
    op.drop_table("finding_focus_area")
    op.drop_table("situation_source")
    # The upgrade runs with foreign keys off (storage.migrate): the rebuild does not
    # cascade into the measures that answer a finding.
    with op.batch_alter_table("situation_finding") as batch:
        batch.drop_column("area")
