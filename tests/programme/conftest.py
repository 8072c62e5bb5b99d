"""Fixtures for the programme and overview tests: a hand-made database with a pinned
today, and an AppContext built the way the main window builds it."""

from __future__ import annotations

import pytest

from tests.programme.sample import TODAY, Sample, build


@pytest.fixture
def sample(db) -> Sample:
    return build(db)


@pytest.fixture
def make_ctx(qapp):
    """AppContext over a database; errors reported are collected in ctx.errors.

    Its undo stack and change broadcast belong to a QObject deleted at teardown, as the
    main window owns them in the app (AppContext.give_to): Qt deletes them, not the
    garbage collector in some later test (docs/KNOWN_ISSUES.md)."""
    import shiboken6
    from PySide6.QtCore import QObject
    from PySide6.QtGui import QUndoStack

    from tryggapp.ui.context import AppContext, Changes

    owner = QObject()

    def make(database, today=TODAY):  # noqa: ANN001, ANN202
        errors: list[BaseException] = []
        ctx = AppContext(db=database, undo_stack=QUndoStack(), changes=Changes(), today=lambda: today)
        ctx.give_to(owner)
        ctx.report_error = errors.append
        ctx.errors = errors  # type: ignore[attr-defined]
        navigated: list[tuple] = []
        ctx.navigated = navigated  # type: ignore[attr-defined]
        ctx.navigate = lambda *args: navigated.append(args)  # type: ignore[attr-defined]
        return ctx

    yield make
    shiboken6.delete(owner)  # pytest-qt has closed the test's widgets by now


@pytest.fixture
def styled(qapp):
    """The application's own look (Fusion + stylesheet), as the real window has it."""
    from tryggapp.ui.style import STYLESHEET

    qapp.setStyle("Fusion")
    qapp.setStyleSheet(STYLESHEET)
    return qapp
