"""Undoable edits: each QUndoCommand wraps a service call (redo) and its inverse (undo).

Undo lives next to the data (the services return what they need to invert a change:
old values for an update, a snapshot for a delete), not in widgets. After each redo/undo
the command broadcasts the touched tables through ctx.changes so views refresh.

The first redo() runs when the command is pushed; if the service refuses (validation,
disk full...), `push()` reports the error and the command never enters the stack."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtGui import QUndoCommand
from sqlmodel import SQLModel

from tryggapp.errors import UserError
from tryggapp.i18n import _
from tryggapp.services import crud
from tryggapp.services.validation import ValidationError
from tryggapp.ui.context import AppContext
from tryggapp.ui.widgets.form import FormSection


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

    def redo(self) -> None:
        if self.ctx.db.read_only:
            # The one door every edit of the window passes: closed when the database is
            # read-only, from the start or since writing stopped (ui.safety's bar).
            self.error = UserError(_("The change was not saved: this window can no longer change the database "
                                     "(see the bar at the top).") if self.ctx.db.lost is not None else
                                   _("The change was not saved: the database is open read-only."))
            self.setObsolete(True)
            return
        try:
            self.result = self._do()
            self.error = None
        except UserError as exc:
            self.error = exc
            self.setObsolete(True)  # QUndoStack drops an obsolete command after redo
            if self.ctx.db.lost is not None:  # this very save found the lock or file gone
                self.ctx.changes.writable_changed.emit(False)
            return
        self.ctx.changes.emit_tables(*self.tables)

    def undo(self) -> None:
        if self.ctx.db.read_only:
            self.ctx.report_error(UserError(_("The change was not saved: the database is open read-only.")))
            return
        try:
            self._undo(self.result)
        except UserError as exc:
            self.ctx.report_error(exc)
            return
        self.ctx.changes.emit_tables(*self.tables)


def push(ctx: AppContext, command: ServiceCommand, form: FormSection | None = None,
         field: str | None = None, on_error: Callable[[str], None] | None = None) -> bool:
    """Push and run the command. On refusal return False and tell the user: with a form
    and field, the field stays marked unsaved with the message under it (a validation
    message only there; anything else, such as a full disk, also in a message box);
    `on_error` takes the message instead of the box (a grid's error line)."""
    ctx.undo_stack.push(command)
    error = command.error
    if error is None:
        return True
    if form is not None and field is not None:
        if isinstance(error, ValidationError):
            # messages for fields the form does not show (e.g. a CHECK on another column)
            # still belong next to the field being edited
            rest = form.show_errors(error)
            for item in rest:
                form.show_error(field, item.message)
            form.mark_unsaved(field, form.error_text(field))
            return False
        form.mark_unsaved(field, _("Not saved: {reason} Press Enter or leave the field to try again.")
                          .format(reason=_message(error)))
    elif isinstance(error, ValidationError) and form is not None:
        rest = form.show_errors(error)
        if rest:
            ctx.report_error(ValidationError(rest))
        return False
    if on_error is not None:
        on_error(_message(error))
        return False
    ctx.report_error(error)
    return False


def _message(error: BaseException) -> str:
    return error.message if isinstance(error, UserError) else str(error)


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
