"""open_database settles a file at the current schema without importing Alembic, by
comparing its alembic_version with `migrate.HEAD`. That constant must be Alembic's real
head: a stale one would leave files at the previous revision un-upgraded."""

from __future__ import annotations

from tests.storage.probe_versions import package_head
from tryggapp.storage import migrate


def test_head_constant_is_alembics_head():
    assert package_head() == migrate.HEAD, (
        "a new revision was added: set HEAD in src/tryggapp/storage/migrate.py to its id")

