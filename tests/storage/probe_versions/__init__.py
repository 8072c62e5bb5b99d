"""Probe Alembic revisions for the migration tests. They are never shipped: `use_probe`
adds one of these folders to Alembic's `version_locations` for the duration of a test, so
the upgrade runs through the real Alembic path (open_database / migrate.upgrade).

Each probe's `down_revision` is the package's real head, read when the file is loaded, so a
new real revision (0002, ...) moves the probes along without editing them."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory

from tryggapp.storage import migrate

PROBES = Path(__file__).resolve().parent
KEEP = "keep"  # rebuilds the parent tables goal and measure: must keep every row
DANGLING = "dangling"  # leaves references to deleted goals: must be refused


def package_head() -> str:
    """The head of the shipped revisions only (not of the probe-extended chain)."""
    head = ScriptDirectory(str(migrate.MIGRATIONS_DIR)).get_current_head()
    assert head is not None
    return head


def use_probe(monkeypatch: pytest.MonkeyPatch, name: str) -> str:
    """Put the probe revision in folder `name` on top of the shipped chain for this test.
    Returns the probe's revision id (the new head)."""
    shipped = migrate.alembic_config

    def config():  # noqa: ANN202
        cfg = shipped()
        cfg.set_main_option("path_separator", "os")
        cfg.set_main_option("version_locations",
                            os.pathsep.join([str(migrate.MIGRATIONS_DIR / "versions"), str(PROBES / name)]))
        return cfg

    monkeypatch.setattr(migrate, "alembic_config", config)
    # open_database compares a file's revision with this constant before asking Alembic.
    monkeypatch.setattr(migrate, "HEAD", f"probe_{name}")
    return f"probe_{name}"
