"""Alembic driven in-process: the schema revision of a file, and the upgrade to head."""

from __future__ import annotations

import importlib.resources
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

from tryggapp.storage.errors import MigrationRefused

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory
    from sqlalchemy.engine import Connection, Engine

# Alembic reads the revisions as files: they ship inside the package (package-data) and
# are found the same way in a wheel install, a source checkout and a frozen build.
MIGRATIONS_DIR = Path(os.fspath(importlib.resources.files("tryggapp.storage"))) / "migrations"

_ASSIGNMENT = re.compile(r"^(revision|down_revision)\b[^=\n]*=(.*)$", re.MULTILINE)
_QUOTED = re.compile(r"""["']([^"']+)["']""")


def scan_head(versions: Path) -> str | None:
    """The head of the revision files in `versions`, read from their `revision = ...` and
    `down_revision = ...` lines without importing Alembic; None when that is not one clear
    answer (then the caller asks Alembic)."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for file in versions.glob("*.py"):
        found = dict(m.groups() for m in _ASSIGNMENT.finditer(file.read_text(encoding="utf-8")))
        if "revision" not in found:
            continue
        names = _QUOTED.findall(found["revision"])
        if len(names) != 1:
            return None
        revisions.add(names[0])
        parents.update(_QUOTED.findall(found.get("down_revision", "")))
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else None


# Alembic is imported only inside the functions below (0.3-0.5 s): opening a file that is
# already at HEAD compares its alembic_version with this and never loads it. Read from the
# revision files, so a new revision moves it; tests/storage/test_head_constant.py checks it
# against Alembic's own answer.
HEAD: str | None = scan_head(MIGRATIONS_DIR / "versions")


def alembic_config() -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


def script_directory() -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    head = script_directory().get_current_head()
    assert head is not None
    return head


def known_revisions() -> set[str]:
    return {rev.revision for rev in script_directory().walk_revisions()}


def current_revision(connection: Connection) -> str | None:
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(connection).get_current_revision()


FkViolation = tuple[str, int | None, str, int]  # table, rowid, parent table, fk index


def foreign_key_violations(conn: Connection) -> set[FkViolation]:
    return {tuple(row) for row in conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()}  # type: ignore[misc]


def upgrade(engine: Engine, target: str = "head", *, path: Path | None = None,
            application_id: int | None = None) -> None:
    """Upgrade the database to `target` in ONE transaction: all of it or nothing.

    SQLite: Alembic's batch mode rebuilds a table as copy, DROP, rename. With foreign keys
    on, that DROP deletes (ON DELETE CASCADE) or refuses (RESTRICT) every child row, so the
    upgrade runs with foreign keys OFF. SQLite ignores that pragma inside a transaction:
    it is set on the bare connection before BEGIN. Before committing, `PRAGMA
    foreign_key_check` must find no reference the upgrade left dangling; otherwise
    everything is rolled back and MigrationRefused names the tables.

    `application_id`: written in the same transaction (PRAGMA application_id is
    transactional), so a file never has the schema without the id."""
    from alembic import command

    cfg = alembic_config()
    with engine.connect() as conn:
        if conn.dialect.name != "sqlite":  # pragma: no cover - Tryggapp ships SQLite only
            with conn.begin():
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, target)
            return
        # The DBAPI connection, before SQLAlchemy's begin event has sent BEGIN (the engine
        # runs pysqlite in autocommit mode, so nothing else opens a transaction here).
        raw = conn.connection.driver_connection
        assert raw is not None and not raw.in_transaction
        raw.execute("PRAGMA foreign_keys=OFF")
        try:
            if raw.execute("PRAGMA foreign_keys").fetchone()[0] != 0:
                raise RuntimeError("SQLite did not switch foreign keys off for the upgrade")
            with conn.begin():
                # Violations a file already had (none should) are not the upgrade's doing.
                before = foreign_key_violations(conn)
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, target)
                if application_id is not None:
                    conn.exec_driver_sql(f"PRAGMA application_id={int(application_id)}")
                new = foreign_key_violations(conn) - before
                if new:
                    # Raising inside `begin()` rolls the whole upgrade back.
                    raise MigrationRefused(path, sorted({v[0] for v in new}))
        finally:
            raw.execute("PRAGMA foreign_keys=ON")
            if raw.execute("PRAGMA foreign_keys").fetchone()[0] != 1:  # pragma: no cover
                # Never hand a connection without foreign keys back to the pool.
                conn.invalidate()
