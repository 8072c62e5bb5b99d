"""Undoable edits: each QUndoCommand wraps a service call (redo) and its inverse (undo).

Undo lives next to the data (the services return what they need to invert a change:
old values for an update, a snapshot for a delete), not in widgets. After each redo/undo
the command broadcasts the touched tables through ctx.changes so views refresh.

The first redo() runs when the command is pushed; if the service refuses (validation,
disk full...), `push()` reports the error and the command never enters the stack.

A later undo or redo can fail too (the disk filled up since). QUndoStack moves its index
whatever the command did, so each command knows whether the database holds its change
(`applied`) and only calls the service when that must change; `UndoStack` then moves the
index back over a step that failed (re-applying what a macro had already undone), so the
stack and the database stay in step, and says why."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QUndoCommand, QUndoStack
from sqlmodel import SQLModel

from tryggapp.errors import UserError
from tryggapp.i18n import _
from tryggapp.services import crud
from tryggapp.ui.context import AppContext


class UndoStack(QUndoStack):
    """A QUndoStack that stays in step with the database when an undo or redo fails.

    QUndoStack.undo() moves the index even when the command's service call raised. Here a
    failed step is put back: after a failed undo the stack redoes the step (commands still
    applied skip the service, those a macro had undone before the failure re-apply), after
    a failed redo it undoes it likewise. The undo/redo actions are rewired to these
    methods (Qt's own actions call the C++ slots, which know nothing of this)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.failures: list[tuple[ServiceCommand, BaseException]] = []
        self.report: Callable[[BaseException], None] | None = None

    def _step(self, forward: bool) -> None:
        if not (self.canRedo() if forward else self.canUndo()):
            return
        self.failures = []
        text = self.redoText() if forward else self.undoText()
        super().redo() if forward else super().undo()
        failures, self.failures = self.failures, []
        if not failures:
            return
        # Put the index back: the commands that failed are still as they were and skip
        # their service call; those a macro changed before the failure change back.
        super().undo() if forward else super().redo()
        failures += self.failures  # putting back can fail too (then the log says so)
        self.failures = []
        for _command, exc in failures[:2]:
            if isinstance(exc, UserError):
                template = (_("“{action}” could not be redone: {reason}") if forward
                            else _("“{action}” could not be undone: {reason}"))
                exc = UserError(template.format(action=text, reason=exc.message))
            if self.report is not None:
                self.report(exc)

    def undo(self) -> None:
        self._step(forward=False)

    def redo(self) -> None:
        self._step(forward=True)

    def createUndoAction(self, parent: QObject, prefix: str = "") -> QAction:  # noqa: N802
        action = super().createUndoAction(parent, prefix)
        action.triggered.disconnect()
        action.triggered.connect(self.undo)
        return action

    def createRedoAction(self, parent: QObject, prefix: str = "") -> QAction:  # noqa: N802
        action = super().createRedoAction(parent, prefix)
        action.triggered.disconnect()
        action.triggered.connect(self.redo)
        return action


class ServiceCommand(QUndoCommand):
    """redo = do(), undo = undo(); both are service calls. `tables` are broadcast after each."""

    def __init__(self, ctx: AppContext, text: str, do: Callable[[], Any], undo: Callable[[Any], None],
                 tables: set[str]) -> None:
        super().__init__(text)
        self.ctx = ctx
        self._do = do
        self._undo = undo
        self.tables = tables
        self.result: Any = None
        self.error: BaseException | None = None
        self.applied = False  # does the database hold this command's change right now?
        self._pushed = False  # the first redo (inside QUndoStack.push) has run

    def redo(self) -> None:
        first, self._pushed = not self._pushed, True
        if self.applied or self._stack_failed():
            return
        try:
            self.result = self._do()
            self.error = None
        except Exception as exc:
            if first:
                self.error = exc
                self.setObsolete(True)  # QUndoStack drops an obsolete command after redo
                return
            self._failed(exc)
            return
        self.applied = True
        self.ctx.changes.emit_tables(*self.tables)

    def undo(self) -> None:
        if not self.applied or self._stack_failed():
            return
        try:
            self._undo(self.result)
        except Exception as exc:
            self._failed(exc)
            return
        self.applied = False
        self.ctx.changes.emit_tables(*self.tables)

    def _stack_failed(self) -> bool:
        """A step of this undo/redo already failed: leave the rest of it alone."""
        return bool(getattr(self.ctx.undo_stack, "failures", None))

    def _failed(self, exc: BaseException) -> None:
        # A bug is logged (with its traceback) where it is reported: MainWindow.show_error.
        failures = getattr(self.ctx.undo_stack, "failures", None)
        if failures is not None:
            failures.append((self, exc))  # UndoStack puts the index back and reports it
        else:  # a plain QUndoStack: `applied` still keeps the next step right
            self.ctx.report_error(exc)


def push(ctx: AppContext, command: ServiceCommand) -> bool:
    """Push and run the command; on a refused edit report it and return False."""
    ctx.undo_stack.push(command)
    if command.error is not None:
        ctx.report_error(command.error)
        return False
    return True


def create(ctx: AppContext, obj: SQLModel, text: str, tables: set[str] | None = None) -> SQLModel | None:
    model = type(obj)
    values = {k: v for k, v in crud.values_of(obj).items()}
    table = model.__tablename__  # type: ignore[attr-defined]

    def do() -> SQLModel:
        # Re-running after an undo must give the same id, so that later commands on the
        # stack that refer to it still find it.
        return crud.create(ctx.db, model(**values))

    def undo(created: SQLModel) -> None:
        crud.delete(ctx.db, model, created.id)

    cmd = ServiceCommand(ctx, text, do, undo, tables or {table})
    if not push(ctx, cmd):
        return None
    values["id"] = cmd.result.id
    return cmd.result


def update(ctx: AppContext, model: type[SQLModel], ident: Any, changes: Mapping[str, Any], text: str,
           tables: set[str] | None = None) -> bool:
    changes = dict(changes)
    table = model.__tablename__  # type: ignore[attr-defined]
    cmd = ServiceCommand(
        ctx, text,
        do=lambda: crud.update(ctx.db, model, ident, changes),
        undo=lambda old: crud.update(ctx.db, model, ident, old),
        tables=tables or {table},
    )
    return push(ctx, cmd)


def delete(ctx: AppContext, model: type[SQLModel], ident: Any, text: str,
           tables: set[str] | None = None) -> bool:
    table = model.__tablename__  # type: ignore[attr-defined]
    cmd = ServiceCommand(
        ctx, text,
        do=lambda: crud.delete(ctx.db, model, ident),
        undo=lambda snapshot: crud.restore(ctx.db, snapshot),
        tables=tables or {table},
    )
    return push(ctx, cmd)
