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
stack and the database stay in step, and says why.

Several writers (storage.versions): a command names the row versions its edit is based on
(`expect`: what the window loaded, taken from the form when it shows a versioned record)
and remembers the versions its writes left, in `ctx.versions`. Its undo and redo expect
exactly those, so a row someone else saved since is refused (StaleEdit) instead of being
overwritten. A refused first run opens the conflict dialog (ui.conflict): take theirs
(the views reload) or keep mine (run again over the version now there)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QAction, QUndoCommand, QUndoStack
from shiboken6 import isValid
from sqlmodel import SQLModel

from tryggapp.errors import UserError
from tryggapp.i18n import _
from tryggapp.services import crud
from tryggapp.services.validation import ValidationError
from tryggapp.storage import versions
from tryggapp.storage.versions import StaleEdit
from tryggapp.ui.context import AppContext
from tryggapp.ui.widgets.form import FormSection

Versions = Mapping[versions.Key, int]


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
        _sentence_case(action, prefix, self.undoTextChanged)
        return action

    def createRedoAction(self, parent: QObject, prefix: str = "") -> QAction:  # noqa: N802
        action = super().createRedoAction(parent, prefix)
        action.triggered.disconnect()
        action.triggered.connect(self.redo)
        _sentence_case(action, prefix, self.redoTextChanged)
        return action


def action_text(prefix: str, text: str) -> str:
    """'Ångra lägg till åtgärden …', not 'Ångra Lägg till …': a command's text starts with
    a capital of its own (it also stands alone), lowered after the prefix unless it is an
    abbreviation ('BRÅ …')."""
    if not text:
        return prefix
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        text = text[0].lower() + text[1:]
    return f"{prefix} {text}" if prefix else text


class _SentenceCase(QObject):
    """A child of the action, so the connection ends with the action (the stack outlives
    the window's actions)."""

    def __init__(self, action: QAction, prefix: str) -> None:
        super().__init__(action)
        self.action, self.prefix = action, prefix

    @Slot(str)
    def update(self, text: str) -> None:
        # The action's own destructor runs before its children go: it may be gone already.
        if isValid(self.action):
            self.action.setText(action_text(self.prefix, text))


def _sentence_case(action: QAction, prefix: str, changed: Any) -> None:
    # Connected after Qt's own handler, so this text is the one that stays.
    changed.connect(_SentenceCase(action, prefix).update)


class ServiceCommand(QUndoCommand):
    """redo = do(), undo = undo(); both are service calls. `tables` are broadcast after each."""

    def __init__(self, ctx: AppContext, text: str, do: Callable[[], Any], undo: Callable[[Any], None],
                 tables: set[str], *, expect: Versions | None = None, mine: Mapping[str, Any] | None = None,
                 before: Mapping[str, Any] | None = None) -> None:
        super().__init__(text)
        self.label = text  # kept in Python: QUndoStack deletes a refused (obsolete) command
        self.ctx = ctx
        self._do = do
        self._undo = undo
        self.tables = tables
        # The versions the first run is based on; `mine` (the changed fields) and `before`
        # (the values the window showed) are what a conflict dialog shows.
        self.expect: dict[versions.Key, int] = dict(expect or {})
        self.mine = dict(mine or {})
        self.before = dict(before) if before is not None else None
        self.touched: set[versions.Key] = set()  # versioned rows its runs wrote
        # The expectation is the version a field's typing started from, which a reload
        # has overtaken (FormSection.overtaken): checked as it is, never raised to what
        # this window wrote since.
        self.strict = False
        self.result: Any = None
        self.error: BaseException | None = None
        self.applied = False  # does the database hold this command's change right now?
        self._pushed = False  # the first redo (inside QUndoStack.push) has run

    def redo(self) -> None:
        first, self._pushed = not self._pushed, True
        if self.applied or self._stack_failed():
            return
        if self.ctx.db.read_only:
            # The one door every edit of the window passes: closed when the database is
            # read-only, from the start or since writing stopped (ui.safety's bar).
            self._refused(first, UserError(
                _("The change was not saved: this window can no longer change the database "
                  "(see the bar at the top).") if self.ctx.db.lost is not None else
                _("The change was not saved: the database is open read-only.")))
            return
        try:
            with versions.expecting(self._expected(first)) as seen:
                self.result = self._do()
            self.error = None
        except Exception as exc:
            if isinstance(exc, UserError) and self.ctx.db.lost is not None:
                self.ctx.changes.writable_changed.emit(False)  # this very save found the lock or file gone
            self._refused(first, exc)
            return
        self._wrote(seen)
        self.applied = True
        self.ctx.changes.emit_tables(*self.tables)

    def _expected(self, first: bool) -> dict[versions.Key, int]:
        """The versions this run is based on. The first: what the window loaded, or what
        this window itself wrote since (a reload may not have followed its own save yet).
        Later runs (redo after undo, and undo): exactly what this window last wrote."""
        own = self.ctx.versions
        if first:
            if self.strict:
                return dict(self.expect)
            return {k: max(v, own.get(k) or 0) for k, v in self.expect.items()}
        return {k: v for k in self.touched if (v := own.get(k)) is not None}

    def _wrote(self, seen: versions.Expectations) -> None:
        self.ctx.versions.update(seen.written)
        self.touched |= set(seen.written)

    def undo(self) -> None:
        if not self.applied or self._stack_failed():
            return
        if self.ctx.db.read_only:
            self._failed(UserError(_("The change was not saved: the database is open read-only.")))
            return
        try:
            with versions.expecting(self._expected(first=False)) as seen:
                self._undo(self.result)
        except Exception as exc:
            if isinstance(exc, UserError) and self.ctx.db.lost is not None:
                self.ctx.changes.writable_changed.emit(False)
            self._failed(exc)
            return
        self._wrote(seen)
        self.applied = False
        self.ctx.changes.emit_tables(*self.tables)

    def _refused(self, first: bool, exc: BaseException) -> None:
        if first:  # inside push(): the command never enters the stack; push() reports it
            self.error = exc
            self.setObsolete(True)  # QUndoStack drops an obsolete command after redo
        else:
            self._failed(exc)

    def _stack_failed(self) -> bool:
        """A step of this undo/redo already failed: leave the rest of it alone."""
        return bool(getattr(self.ctx.undo_stack, "failures", None))

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, StaleEdit):
            # Someone else saved the row since this window's change: show what is there now.
            self.ctx.changes.emit_tables(*self.tables)
        # A bug is logged (with its traceback) where it is reported: MainWindow.show_error.
        failures = getattr(self.ctx.undo_stack, "failures", None)
        if failures is not None:
            failures.append((self, exc))  # UndoStack puts the index back and reports it
        else:  # a plain QUndoStack: `applied` still keeps the next step right
            self.ctx.report_error(exc)


def push(ctx: AppContext, command: ServiceCommand, form: FormSection | None = None,
         field: str | None = None, on_error: Callable[[str], None] | None = None) -> bool:
    """Push and run the command. On refusal return False and tell the user: with a form
    and field, the field stays marked unsaved with the message under it (a validation
    message only there; anything else, such as a full disk, also in a message box);
    `on_error` takes the message instead of the box (a grid's error line).

    A form that shows a versioned record (FormSection.set_values with `version=`) names
    the version the edit is based on; an edit someone else's save overtook opens the
    conflict dialog (resolve_conflict)."""
    if form is not None and not command.expect:
        command.expect = form.expected_versions(field)
        command.strict = form.overtaken(field)
        if not command.mine:
            command.mine = form.value_being_saved(field)
        if command.before is None:
            command.before = form.loaded_values()
    ctx.undo_stack.push(command)
    error = command.error
    if error is None:
        return True
    if isinstance(error, StaleEdit) and command.expect and error.table:
        return resolve_conflict(ctx, command, error, form, field, on_error)
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


def resolve_conflict(ctx: AppContext, command: ServiceCommand, stale: StaleEdit, form: FormSection | None,
                     field: str | None, on_error: Callable[[str], None] | None) -> bool:
    """Ask whose change stays. Keep mine: the same command again, based on the version
    saved now (asked again if yet another save came in between). Take theirs: the views
    reload and the field shows what is saved (True: nothing is left unsaved in it; for a
    dialog's whole form, True too: it closes).
    Closed without a choice: the field stays unsaved with the message under it."""
    from tryggapp.services import conflicts
    from tryggapp.ui import conflict as dialog

    captions = {name: form.caption(name) for name in form.fields} if form is not None else None
    described = conflicts.describe(ctx.db, stale, command.mine, command.before, captions)
    parent = form.window() if form is not None else None
    choice = dialog.ask(parent, described)
    if choice == dialog.MINE and stale.version is not None:
        again = ServiceCommand(ctx, command.label, command._do, command._undo, command.tables,
                               expect={**command.expect, versions.key(stale.table, stale.record_id): stale.version},
                               mine=command.mine, before=stale.current)
        return push(ctx, again, form, field, on_error)
    ctx.changes.emit_tables(*command.tables)  # show what is saved now
    if choice == dialog.THEIRS:
        if form is not None and field is not None:
            form.revert(field)
            form.show_error(field, "")
            return True
        # A whole record's dialog (field None): the user chose to drop what it holds, so
        # it closes as done; kept open, its OK would ask again about the same old version.
        return form is not None
    if form is not None and field is not None:
        form.mark_unsaved(field, _("Not saved: {reason} Press Enter or leave the field to try again.")
                          .format(reason=stale.message))
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
           tables: set[str] | None = None, *, version: int | None = None,
           before: Mapping[str, Any] | None = None) -> bool:
    """`version`: the row version the edit is based on (what the window loaded), so an
    edit someone else's save overtook asks whose change stays."""
    changes = dict(changes)
    table = model.__tablename__  # type: ignore[attr-defined]
    cmd = ServiceCommand(
        ctx, text,
        do=lambda: crud.update(ctx.db, model, ident, changes),
        undo=lambda old: crud.update(ctx.db, model, ident, old),
        tables=tables or {table},
        expect={versions.key(table, ident): version} if version is not None else None,
        mine=changes, before=before,
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
