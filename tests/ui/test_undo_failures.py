"""A failed undo or redo (the service raises, e.g. the disk filled up) leaves the undo
stack and the database in step: the index does not move, nothing is half-undone, and the
user is told why."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QWidget

from tryggapp import domain as d
from tryggapp.services import crud
from tryggapp.storage.errors import DiskFull
from tryggapp.ui import commands
from tryggapp.ui.app import build_context


@pytest.fixture
def ctx(qtbot, db):
    context = build_context(db)
    context.reported = []  # type: ignore[attr-defined]
    context.report_error = context.reported.append  # type: ignore[attr-defined]
    holder = context.holder = QWidget()  # type: ignore[attr-defined]  # owns the actions
    qtbot.addWidget(holder)
    context.give_to(holder)  # as the window: Qt deletes the stack with it (docs/KNOWN_ISSUES.md)
    # Through the menu actions, as the user presses Ctrl+Z / Ctrl+Y.
    context.undo_action = context.undo_stack.createUndoAction(holder)  # type: ignore[attr-defined]
    context.redo_action = context.undo_stack.createRedoAction(holder)  # type: ignore[attr-defined]
    return context


def name(db, ident: int) -> str:
    return crud.get(db, d.Organisation, ident).name


def disk_full_for(monkeypatch, ident: int | None = None) -> None:
    """crud.update fails as on a full disk (for one record, or for all)."""
    real = crud.update

    def update(db, model, record_id, changes):  # noqa: ANN001, ANN202
        if ident is None or record_id == ident:
            raise DiskFull(db.path)
        return real(db, model, record_id, changes)

    monkeypatch.setattr(crud, "update", update)


def test_failed_undo_and_redo_keep_stack_and_database_in_step(ctx, monkeypatch):
    org = crud.create(ctx.db, d.Organisation(name="Polisen"))
    assert commands.update(ctx, d.Organisation, org.id, {"name": "Polismyndigheten"}, "Byt namn")
    stack = ctx.undo_stack
    assert stack.index() == 1

    with monkeypatch.context() as m:
        disk_full_for(m)
        ctx.undo_action.trigger()
    assert stack.index() == 1 and name(ctx.db, org.id) == "Polismyndigheten"
    assert len(ctx.reported) == 1
    assert "kunde inte ångras" in ctx.reported[0].message and "Disken är full" in ctx.reported[0].message

    ctx.undo_action.trigger()  # the disk has room again: the undo works, once
    assert stack.index() == 0 and name(ctx.db, org.id) == "Polisen"

    with monkeypatch.context() as m:
        disk_full_for(m)
        ctx.redo_action.trigger()
    assert stack.index() == 0 and name(ctx.db, org.id) == "Polisen"
    assert len(ctx.reported) == 2 and "kunde inte göras om" in ctx.reported[1].message

    ctx.redo_action.trigger()
    assert stack.index() == 1 and name(ctx.db, org.id) == "Polismyndigheten"


def test_failed_undo_inside_a_macro_re_applies_what_was_already_undone(ctx, monkeypatch):
    first = crud.create(ctx.db, d.Organisation(name="Polisen"))
    second = crud.create(ctx.db, d.Organisation(name="Räddningstjänsten"))
    stack = ctx.undo_stack
    stack.beginMacro("Byt två namn")
    commands.update(ctx, d.Organisation, first.id, {"name": "Polisen Syd"}, "1")
    commands.update(ctx, d.Organisation, second.id, {"name": "Räddningstjänsten Syd"}, "2")
    stack.endMacro()
    assert stack.index() == 1

    # Undo runs the macro backwards: the second rename is undone, then the first fails.
    with monkeypatch.context() as m:
        disk_full_for(m, first.id)
        ctx.undo_action.trigger()
    assert stack.index() == 1
    assert (name(ctx.db, first.id), name(ctx.db, second.id)) == ("Polisen Syd", "Räddningstjänsten Syd")
    assert len(ctx.reported) == 1

    ctx.undo_action.trigger()
    assert stack.index() == 0
    assert (name(ctx.db, first.id), name(ctx.db, second.id)) == ("Polisen", "Räddningstjänsten")


def test_a_bug_during_undo_is_logged_and_keeps_the_stack(ctx, monkeypatch):
    org = crud.create(ctx.db, d.Organisation(name="Polisen"))
    commands.update(ctx, d.Organisation, org.id, {"name": "Polismyndigheten"}, "Byt namn")

    def broken(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        raise RuntimeError("ett fel i programmet")

    with monkeypatch.context() as m:
        m.setattr(crud, "update", broken)
        ctx.undo_action.trigger()
    assert ctx.undo_stack.index() == 1 and name(ctx.db, org.id) == "Polismyndigheten"
    assert len(ctx.reported) == 1 and isinstance(ctx.reported[0], RuntimeError)


def test_the_windows_undo_menu_action_keeps_the_stack_in_step(window, monkeypatch):
    """Ctrl+Z in the real window goes through the same guard, and says why in a box."""
    from PySide6.QtWidgets import QMessageBox

    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown.append(text))
    ctx = window.ctx
    org = crud.list_all(ctx.db, d.Organisation)[0]
    assert commands.update(ctx, d.Organisation, org.id, {"name": org.name + " (ny)"}, "Byt namn")
    index = ctx.undo_stack.index()
    with monkeypatch.context() as m:
        disk_full_for(m)
        window.undo_action.trigger()
    assert ctx.undo_stack.index() == index and name(ctx.db, org.id) == org.name + " (ny)"
    assert len(shown) == 1 and "kunde inte ångras" in shown[0]
