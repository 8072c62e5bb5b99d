"""Keeps tests apart when the suite runs in several processes (pytest-xdist: CI runs
`pytest -n auto`, packaging/setup.sh) as well as in one.

Loaded from tests/conftest.py (`pytest_plugins`). Every test already gets its own
database files (tmp_path, per process under xdist) and its own data folder
(tests/conftest.py: TRYGGAPP_DATA_DIR). What two processes could still share is the
window's settings file: QSettings writes ~/.config/Tryggapp/Tryggapp.ini unless a test
points it elsewhere, and only the window fixtures did. So here every test gets its own
settings folder, in process (QSettings.setPath) and for the programs it starts
(XDG_CONFIG_HOME, where Qt looks on Linux). The same variable gives every `soffice` a
test starts its own LibreOffice profile (tests/plan/test_plan_excel.py names none): a
second LibreOffice on a profile in use passes its command to the first one's process
instead of running it. A fixture that sets its own folder afterwards
(tests/ui/conftest.py `window`) still wins: autouse fixtures are set up first.
"""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path_factory, monkeypatch):
    from PySide6.QtCore import QSettings

    folder = tmp_path_factory.mktemp("settings")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(folder))
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    yield folder
