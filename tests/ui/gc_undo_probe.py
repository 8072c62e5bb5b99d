"""Run by test_qt_ownership.py in its own process (a failure here is a segfault).

The shapes of a window's undo machinery: an AppContext, ServiceCommands whose service
lambdas refer to the context, a widget holding the context, cyclic garbage collections
at random moments while commands are pushed, then the widget deleted by Qt and the
garbage collected. With the stack parentless and owned by Python (as the contexts were
before AppContext.give_to), shiboken 6.11's tp_clear hands a command that the collector
reaches before the context back to Python and deletes it while the C++ QUndoStack still
holds it; freeing the context then deletes the stack, whose clear() deletes that command a
second time: SIGSEGV in QUndoStack::clear() inside the collector
(docs/KNOWN_ISSUES.md). Usage: gc_undo_probe.py ROUNDS SEED"""

from __future__ import annotations

import gc
import random
import sys
import types

from PySide6.QtCore import QEvent
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication, QWidget

from tryggapp.ui.commands import ServiceCommand
from tryggapp.ui.context import AppContext, Changes


def one_round(app: QApplication, rng: random.Random) -> None:
    db = types.SimpleNamespace(read_only=False, lost=None)  # all ServiceCommand reads
    ctx = AppContext(db=db, undo_stack=QUndoStack(), changes=Changes(), today=lambda: None)
    ctx.navigate = lambda *_a: ctx  # a fixture's cycle through the context
    window = QWidget()
    window.ctx = ctx
    ctx.give_to(window)  # what MainWindow.attach does
    for i in range(rng.randint(1, 8)):
        command = ServiceCommand(ctx, f"c{i}", lambda: ctx.today(), lambda _r: ctx.today(), set())
        ctx.undo_stack.push(command)
        if rng.random() < 0.5:
            gc.collect(rng.randint(0, 2))
    if rng.random() < 0.5:
        ctx.undo_stack.undo()
    window.deleteLater()
    app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    # Returning drops the last outside references: only cycles are left.


def main(rounds: int, seed: int) -> None:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    rng = random.Random(seed)
    gc.disable()  # collections only where this probe makes them
    for _round in range(rounds):
        one_round(app, rng)
        gc.collect()
    gc.enable()
    print(f"survived {rounds} rounds")


if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]))
