"""minutes lock

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28 21:10:00

Justerade minutes are locked (issue 12): `minutes.locked_at` says since when, and
`minutes_reopening` keeps every reopening with its reason. Triggers make the lock hold for
every path that writes the file (the services, the Excel import, a raw UPDATE): while the
minutes are locked, their justering, their § items, the meeting's date, time and place
and its attendance cannot change, and nothing of it can be deleted. Only an update that
clears `locked_at` passes, and only when a reopening with a reason was recorded after the
lock.

The column is added with a plain ALTER TABLE ADD COLUMN (no table rebuild, PITFALLS:
a batch rebuild with foreign keys on cascades into child rows). Minutes justerade before
this revision (adjusted_on set) are locked from their justering date.
"""
import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

LOCKED = "'tryggapp: the minutes are justerade and locked'"


def _minutes_locked(minutes_id: str) -> str:
    return f"(SELECT locked_at FROM minutes WHERE id = {minutes_id}) IS NOT NULL"


def _meeting_locked(meeting_id: str) -> str:
    return f"EXISTS (SELECT 1 FROM minutes WHERE meeting_id = {meeting_id} AND locked_at IS NOT NULL)"


def _changed(*columns: str) -> str:
    return " OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in columns)


TRIGGERS = {
    "minutes_locked_update": f"""
        BEFORE UPDATE ON minutes
        WHEN OLD.locked_at IS NOT NULL
         AND ({_changed("meeting_id", "secretary_id", "chair_id", "adjuster_id", "adjusted_on",
                        "adjustment_place", "locked_at")})
         AND NOT (NEW.locked_at IS NULL AND EXISTS (
             SELECT 1 FROM minutes_reopening r
             WHERE r.minutes_id = OLD.id AND r.reopened_at >= OLD.locked_at))
        BEGIN SELECT RAISE(ABORT, {LOCKED}); END""",
    "minutes_locked_delete": f"""
        BEFORE DELETE ON minutes WHEN OLD.locked_at IS NOT NULL
        BEGIN SELECT RAISE(ABORT, {LOCKED}); END""",
    "minutes_item_locked_insert": f"""
        BEFORE INSERT ON minutes_item WHEN {_minutes_locked("NEW.minutes_id")}
        BEGIN SELECT RAISE(ABORT, {LOCKED}); END""",
    "minutes_item_locked_update": f"""
        BEFORE UPDATE ON minutes_item
        WHEN {_minutes_locked("OLD.minutes_id")} OR {_minutes_locked("NEW.minutes_id")}
        BEGIN SELECT RAISE(ABORT, {LOCKED}); END""",
    "minutes_item_locked_delete": f"""
        BEFORE DELETE ON minutes_item WHEN {_minutes_locked("OLD.minutes_id")}
        BEGIN SELECT RAISE(ABORT, {LOCKED}); END""",
    "meeting_locked_update": f"""
        BEFORE UPDATE ON meeting
        WHEN {_meeting_locked("OLD.id")}
         AND ({_changed("group_id", "date", "start_time", "end_time", "place")})
        BEGIN SELECT RAISE(ABORT, {LOCKED}); END""",
    "meeting_attendance_locked_insert": f"""
        BEFORE INSERT ON meeting_attendance WHEN {_meeting_locked("NEW.meeting_id")}
        BEGIN SELECT RAISE(ABORT, {LOCKED}); END""",
    "meeting_attendance_locked_update": f"""
        BEFORE UPDATE ON meeting_attendance
        WHEN {_meeting_locked("OLD.meeting_id")} OR {_meeting_locked("NEW.meeting_id")}
        BEGIN SELECT RAISE(ABORT, {LOCKED}); END""",
    "meeting_attendance_locked_delete": f"""
        BEFORE DELETE ON meeting_attendance WHEN {_meeting_locked("OLD.meeting_id")}
        BEGIN SELECT RAISE(ABORT, {LOCKED}); END""",
}


def upgrade() -> None:
    op.add_column("minutes", sa.Column("locked_at", sa.DateTime(), nullable=True))
    op.create_table(
        "minutes_reopening",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("minutes_id", sa.Integer(), nullable=False),
        sa.Column("reopened_at", sa.DateTime(), nullable=False),
        sa.Column("reason", sa.String(), nullable=False),
        sa.Column("author", sa.String(), nullable=False),
        sa.Column("adjusted_on", sa.Date(), nullable=True),
        sa.Column("adjuster", sa.String(), nullable=False),
        sa.CheckConstraint("length(trim(reason)) > 0", name=op.f("ck_minutes_reopening_reason_not_blank")),
        sa.ForeignKeyConstraint(["minutes_id"], ["minutes.id"], name=op.f("fk_minutes_reopening_minutes_id_minutes"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_minutes_reopening")),
    )
    op.create_index(op.f("ix_minutes_reopening_minutes_id"), "minutes_reopening", ["minutes_id"])
    # SQLAlchemy's text form of a DateTime, so the triggers compare like with like.
    op.execute("UPDATE minutes SET locked_at = adjusted_on || ' 00:00:00.000000' WHERE adjusted_on IS NOT NULL")
    for name, body in TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {body}")


def downgrade() -> None:
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_index(op.f("ix_minutes_reopening_minutes_id"), table_name="minutes_reopening")
    op.drop_table("minutes_reopening")
    with op.batch_alter_table("minutes") as batch:
        batch.drop_column("locked_at")
