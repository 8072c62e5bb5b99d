"""A main window on a given database, shown offscreen, and a helper that answers the
modal dialog a click opens."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QDialog

from tests.conftest import DEMO_TODAY
from tryggapp.ui.app import build_context
from tryggapp.ui.main_window import MainWindow
from tryggapp.ui.widgets import unsaved


@pytest.fixture
def make_window(qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(unsaved, "ask_unsaved", lambda _parent, _captions: "discard")
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))

    def make(db):
        win = MainWindow(build_context(db, today=lambda: DEMO_TODAY))
        qtbot.addWidget(win)
        win.resize(1280, 800)
        win.show()
        qtbot.waitExposed(win)
        return win
    return make


def in_dialog(open_it: Callable[[], object], fill: Callable[[QDialog], None]) -> list[QDialog]:
    """Run `open_it` (which exec()s a dialog) and `fill` the dialog once it is shown;
    `fill` ends by accepting or rejecting it. Returns the dialogs seen."""
    seen: list[QDialog] = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QDialog):
            QTimer.singleShot(10, answer)
            return
        seen.append(dialog)
        try:
            fill(dialog)
        finally:
            if dialog.isVisible():
                dialog.reject()  # a fill that left it open must not hang the test

    QTimer.singleShot(0, answer)
    open_it()
    return seen
