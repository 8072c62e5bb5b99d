"""Shared column helpers and the metadata naming convention.

The naming convention gives every constraint a stable name, which Alembic's batch mode
needs to alter SQLite tables later (PITFALLS: render_as_batch)."""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import declared_attr
from sqlmodel import Field, SQLModel

SQLModel.metadata.naming_convention = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# Longest accepted text per kind of field; enforced by services.validation, so a pasted
# novel gets a Swedish message instead of silently bloating the file.
TITLE_MAX = 300
TEXT_MAX = 20_000


def enum_type(enum_cls: type[Enum], name: str) -> sa.Enum:
    """A VARCHAR column with a CHECK constraint listing the enum's stored values."""
    return sa.Enum(
        enum_cls,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=32,
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )


def fk(target: str, *, nullable: bool = True, ondelete: str | None = None, index: bool = True):
    """A foreign-key field. ondelete=None means RESTRICT-like: SQLite refuses the delete."""
    kwargs = {"ondelete": ondelete} if ondelete else {}
    return Field(default=None, foreign_key=target, nullable=nullable, index=index, **kwargs)


def now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


def not_before(end: str, start: str, name: str) -> sa.CheckConstraint:
    """end IS NULL OR start IS NULL OR end >= start (ISO dates compare as text)."""
    return sa.CheckConstraint(f"{end} IS NULL OR {start} IS NULL OR {end} >= {start}", name=name)


def not_blank(column: str) -> sa.CheckConstraint:
    return sa.CheckConstraint(f"length(trim({column})) > 0", name=f"{column}_not_blank")


class Versioned(SQLModel):
    """A row several people may edit: `version` starts at 1 and goes up by one with each
    UPDATE, so an edit based on an older version can be refused (storage.versions).

    SQLAlchemy's own optimistic concurrency (`version_id_col`) does the counting: every ORM
    UPDATE is `... SET version = n + 1 WHERE id = ? AND version = n`, so two transactions
    that read the same row cannot both write it, whatever the engine's isolation (on
    PostgreSQL's READ COMMITTED a check-then-write in Python would race). It is declared
    with `declared_attr`, evaluated once the table exists, because SQLModel builds the
    Column from the Field only then; a Column object in the mixin would be shared by every
    table. What the mapper cannot know — the version the *window* loaded minutes ago — is
    checked against this counter in the session (storage.versions)."""

    version: int = Field(default=1, nullable=False, sa_column_kwargs={"server_default": "1"})

    @declared_attr  # type: ignore[arg-type]
    def __mapper_args__(cls) -> dict[str, Any]:  # noqa: N805 - a declared_attr takes the class
        return {"version_id_col": cls.__table__.c.version}  # type: ignore[attr-defined]
