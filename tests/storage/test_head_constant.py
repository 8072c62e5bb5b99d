"""open_database settles a file at the current schema without importing Alembic, by
comparing its alembic_version with `migrate.HEAD`, read from the revision files. It must
be Alembic's real head: a wrong one would leave files at an older revision un-upgraded."""

from __future__ import annotations

from tests.storage.probe_versions import package_head
from tryggapp.storage import migrate


def test_head_read_from_the_revision_files_is_alembics_head():
    assert package_head() == migrate.HEAD


def test_a_new_revision_moves_the_head(tmp_path):
    (tmp_path / "0001_a.py").write_text("revision = '0001'\ndown_revision = None\n")
    (tmp_path / "0002_b.py").write_text('revision: str = "0002"\ndown_revision = "0001"\n')
    assert migrate.scan_head(tmp_path) == "0002"
    (tmp_path / "0003_c.py").write_text('revision = "0003"\ndown_revision = "0002"\n')
    assert migrate.scan_head(tmp_path) == "0003"


def test_two_heads_are_left_to_alembic(tmp_path):
    (tmp_path / "0001_a.py").write_text("revision = '0001'\ndown_revision = None\n")
    (tmp_path / "0002_b.py").write_text('revision = "0002"\ndown_revision = "0001"\n')
    (tmp_path / "0002_c.py").write_text('revision = "0002c"\ndown_revision = "0001"\n')
    assert migrate.scan_head(tmp_path) is None
