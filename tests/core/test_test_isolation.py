"""The test suite's own isolation (tests/isolation.py): with pytest-xdist several
processes run tests at once, so no test may read or write a settings file another test
(or the developer's own Tryggapp) uses."""

from __future__ import annotations

import os
from pathlib import Path

KEY = "tests/isolation_probe"


def _store():
    from tryggapp.ui import settings

    return settings.store()


def test_settings_file_is_in_the_tests_own_folder():
    path = Path(_store().fileName())
    own = Path(os.environ["XDG_CONFIG_HOME"])
    assert own in path.parents
    assert Path.home() / ".config" not in path.parents


def test_a_setting_written_by_one_test_is_left_behind():
    store = _store()
    assert store.value(KEY) is None
    store.setValue(KEY, "written")
    store.sync()


def test_the_next_test_does_not_see_it():
    # Runs after the test above (same module, same process in a serial run): without a
    # folder per test it read the value that test wrote.
    assert _store().value(KEY) is None


def test_a_killed_runs_postgresql_folder_is_cleared_and_a_live_ones_kept(tmp_path, monkeypatch):
    """tests/postgres.py stops the servers of killed test runs (found by their owner pid)."""
    import subprocess
    import sys
    import tempfile

    from tests import postgres

    monkeypatch.setattr(tempfile, "gettempdir", lambda: str(tmp_path))
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()
    orphan, live, unknown = (tmp_path / f"tryggapp-pg-{n}" for n in ("a", "b", "c"))
    for folder, owner in ((orphan, gone), (live, str(os.getpid())), (unknown, None)):
        (folder / "data").mkdir(parents=True)
        if owner:
            (folder / postgres.OWNER_FILE).write_text(owner)
    postgres._stop_orphans([])
    assert not orphan.exists() and live.exists() and unknown.exists()
