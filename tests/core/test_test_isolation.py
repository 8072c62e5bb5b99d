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
