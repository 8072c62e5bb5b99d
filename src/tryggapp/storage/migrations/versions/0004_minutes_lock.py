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


def _changed(*columns: str, distinct: str = "IS NOT") -> str:
    return " OR ".join(f"NEW.{c} {distinct} OLD.{c}" for c in columns)


def _rules(distinct: str) -> dict[str, tuple[str, str, str]]:
    """name -> (timing and event, table, the condition that refuses). `distinct` is how the
    dialect says "differs, NULLs included": SQLite's IS NOT, PostgreSQL's IS DISTINCT FROM."""
    minutes_fields = ("meeting_id", "secretary_id", "chair_id", "adjuster_id", "adjusted_on",
                      "adjustment_place", "locked_at")
    return {
        "minutes_locked_update": ("BEFORE UPDATE", "minutes", f"""OLD.locked_at IS NOT NULL
         AND ({_changed(*minutes_fields, distinct=distinct)})
         AND NOT (NEW.locked_at IS NULL AND EXISTS (
             SELECT 1 FROM minutes_reopening r
             WHERE r.minutes_id = OLD.id AND r.reopened_at >= OLD.locked_at))"""),
        "minutes_locked_delete": ("BEFORE DELETE", "minutes", "OLD.locked_at IS NOT NULL"),
        "minutes_item_locked_insert": ("BEFORE INSERT", "minutes_item", _minutes_locked("NEW.minutes_id")),
        "minutes_item_locked_update": ("BEFORE UPDATE", "minutes_item",
                                       f"{_minutes_locked('OLD.minutes_id')} OR {_minutes_locked('NEW.minutes_id')}"),
        "minutes_item_locked_delete": ("BEFORE DELETE", "minutes_item", _minutes_locked("OLD.minutes_id")),
        "meeting_locked_update": ("BEFORE UPDATE", "meeting", f"""{_meeting_locked("OLD.id")}
         AND ({_changed("group_id", "date", "start_time", "end_time", "place", distinct=distinct)})"""),
        "meeting_attendance_locked_insert": ("BEFORE INSERT", "meeting_attendance",
                                             _meeting_locked("NEW.meeting_id")),
        "meeting_attendance_locked_update": ("BEFORE UPDATE", "meeting_attendance",
                                             f"{_meeting_locked('OLD.meeting_id')} OR "
                                             f"{_meeting_locked('NEW.meeting_id')}"),
        "meeting_attendance_locked_delete": ("BEFORE DELETE", "meeting_attendance",
                                             _meeting_locked("OLD.meeting_id")),
    }


TRIGGERS = {name: f"""
        {event} ON {table}
        WHEN {condition}
        BEGIN SELECT RAISE(ABORT, {LOCKED}); END""" for name, (event, table, condition) in _rules("IS NOT").items()}


def postgresql_statements() -> list[str]:
    """The same rules on PostgreSQL: a plpgsql function per rule raising the same text with
    SQLSTATE 23000 (integrity_constraint_violation), so the driver reports an
    IntegrityError as SQLite's RAISE(ABORT) does and storage.database.user_error translates
    it by the same text."""
    statements = []
    for name, (event, table, condition) in _rules("IS DISTINCT FROM").items():
        row = "OLD" if "DELETE" in event else "NEW"
        statements.append(f"""CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF {condition} THEN
                RAISE EXCEPTION {LOCKED} USING ERRCODE = 'integrity_constraint_violation';
            END IF;
            RETURN {row};
        END $$""")
        statements.append(f"CREATE TRIGGER {name} {event} ON {table} FOR EACH ROW EXECUTE FUNCTION {name}()")
    return statements


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
    if op.get_bind().dialect.name == "postgresql":
        op.execute("UPDATE minutes SET locked_at = adjusted_on WHERE adjusted_on IS NOT NULL")
        for statement in postgresql_statements():
            op.execute(statement)
        return
    # SQLAlchemy's text form of a DateTime, so the triggers compare like with like.
    op.execute("UPDATE minutes SET locked_at = adjusted_on || ' 00:00:00.000000' WHERE adjusted_on IS NOT NULL")
    for name, body in TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {body}")


def downgrade() -> None:
    postgresql = op.get_bind().dialect.name == "postgresql"
    for name, (_event, table, _condition) in _rules("IS NOT").items():
        if postgresql:
            op.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
            op.execute(f"DROP FUNCTION IF EXISTS {name}()")
        else:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_index(op.f("ix_minutes_reopening_minutes_id"), table_name="minutes_reopening")
    op.drop_table("minutes_reopening")
    with op.batch_alter_table("minutes") as batch:
        batch.drop_column("locked_at")
