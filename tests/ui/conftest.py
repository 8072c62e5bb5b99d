"""The main window on a private copy of the demo database, shown offscreen, with its
settings in the test's own folder."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings
from tests.conftest import DEMO_TODAY

from tryggapp.ui.app import build_context
from tryggapp.ui.main_window import MainWindow
from tryggapp.ui.widgets import unsaved


@pytest.fixture
def window(qtbot, demo_db, tmp_path, monkeypatch):
    # Closing the window with unsaved text asks (widgets.unsaved); a test that leaves a
    # refused value in a field must not hang in that question at teardown.
    monkeypatch.setattr(unsaved, "ask_unsaved", lambda _parent, _captions: "discard")
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    win = MainWindow(build_context(demo_db, today=lambda: DEMO_TODAY))
    qtbot.addWidget(win)
    win.resize(1280, 760)
    win.show()
    win.activateWindow()
    qtbot.waitExposed(win)
    return win
