"""Qt objects whose lifetime is a window's are deleted by Qt with the window, never by
Python's cyclic garbage collector at some later moment (docs/KNOWN_ISSUES.md: a segfault
while the collector ran, in a test after the Qt tests that left the garbage)."""

from __future__ import annotations

import gc
import weakref

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QSettings
from tests.conftest import DEMO_TODAY

from tryggapp.ui.app import build_context
from tryggapp.ui.commands import ServiceCommand, push
from tryggapp.ui.main_window import MainWindow


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
