"""Qt objects whose lifetime is a window's are deleted by Qt with the window, never by
Python's cyclic garbage collector at some later moment (docs/KNOWN_ISSUES.md: a segfault
while the collector ran, in a test after the Qt tests that left the garbage)."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import weakref
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QSettings
from tests.conftest import DEMO_TODAY

from tryggapp.ui.app import build_context
from tryggapp.ui.commands import ServiceCommand, push
from tryggapp.ui.main_window import MainWindow
from tryggapp.ui.widgets import style


@pytest.fixture
def no_collector():
    """Anything freed during the test is freed by reference counting or by Qt."""
    gc.collect()
    gc.disable()
    yield
    gc.enable()


def test_the_window_deletes_its_undo_stack_commands_and_broadcast(qtbot, db, tmp_path, no_collector):
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    ctx = build_context(db, today=lambda: DEMO_TODAY)
    win = MainWindow(ctx)
    # The shape of every edit: the command's lambdas refer to the context, which holds the
    # stack that owns the command (a cycle through C++ that only Qt can end well).
    command = ServiceCommand(ctx, "Ändra", lambda: ctx.today(), lambda _r: ctx.today(), set())
    assert push(ctx, command)
    stack, changes = ctx.undo_stack, ctx.changes
    assert stack.count() == 1 and stack.parent() is win and changes.parent() is win

    win.close()
    win.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)

    assert not shiboken6.isValid(win)
    assert not shiboken6.isValid(stack)
    assert not shiboken6.isValid(command)
    assert not shiboken6.isValid(changes)


def test_a_context_is_not_kept_alive_by_its_own_undo_stack(qapp, db, no_collector):
    """The stack reports failed steps to the context's report_error: through a weak
    reference, so a context without a window is freed when its last user lets go."""
    ctx = build_context(db, today=lambda: DEMO_TODAY)
    destroyed: list[str] = []
    ctx.undo_stack.destroyed.connect(lambda: destroyed.append("stack"))
    alive = weakref.ref(ctx)
    del ctx
    assert alive() is None
    assert destroyed == ["stack"]  # Python owned it: deleted with the context, right away


@pytest.mark.parametrize("seed", [2, 4])
def test_collecting_a_closed_windows_undo_machinery_does_not_crash(tmp_path, seed):
    """The crash itself, in a process of its own: with the stack parentless (AppContext.
    give_to a no-op) this probe died with SIGSEGV in QUndoStack::clear() inside the
    collector within 30 rounds for every seed tried (1-5)."""
    probe = Path(__file__).with_name("gc_undo_probe.py")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(Path(__file__).resolve().parents[2] / "src"))
    proc = subprocess.run([sys.executable, "-X", "faulthandler", str(probe), "30", str(seed)],
                          capture_output=True, text=True, env=env, timeout=600, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "survived 30 rounds" in proc.stdout


def test_section_icons_live_for_the_session(qapp):
    """Icons with Python engines never go to the collector with the widget or model that
    kept them (style.icon)."""
    assert style.icon("mdi6.check", style.SUCCESS) is style.icon("mdi6.check", style.SUCCESS)
    assert not style.icon("mdi6.check", style.SUCCESS).isNull()
