"""The three undoable record commands the editors' ops modules build on (walks, lägesbild,
agreements): create, update and delete, each one ServiceCommand around a service call.

- `create_record`: the service makes the record and returns it; the command remembers the
  id of its first run and passes it as `ident` on redo, so later commands on the stack that
  name the record still find it. Undo deletes it (or runs `undo`).
- `update_record`: the service takes the changes and returns the old values, so undo is
  the same call with them.
- `delete_record`: the service returns a crud.Snapshot; undo restores it.

Row versions are as for any ServiceCommand (ui.commands): a form that shows a versioned
row names the version the edit is based on (`push` takes it from the form), or the caller
names it (`expect`); undo and redo expect what this window's own last write left
(`ctx.versions`)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from tryggapp.services import crud
from tryggapp.storage import versions
from tryggapp.ui.commands import ServiceCommand, Versions, push
from tryggapp.ui.context import AppContext
from tryggapp.ui.widgets.form import FormSection


def row_version(table: str, ident: Any, version: int | None) -> Versions | None:
    """What an edit of one row shown at `version` expects (None: nothing to check)."""
    return {versions.key(table, ident): version} if version is not None else None


def create_record(ctx: AppContext, text: str, make: Callable[[int | None], Any], tables: set[str] | frozenset[str],
                  undo: Callable[[Any], None] | None = None, form: FormSection | None = None,
                  on_error: Callable[[str], None] | None = None) -> Any:
    """Push a command that creates a record with `make(ident)`; the record, or None if refused."""
    state: dict[str, int | None] = {"id": None}

    def do() -> Any:
        made = make(state["id"])
        state["id"] = made.id
        return made

    cmd = ServiceCommand(ctx, text, do, undo or (lambda made: crud.delete(ctx.db, type(made), made.id)),
                         set(tables))
    return cmd.result if push(ctx, cmd, form, on_error=on_error) else None


def update_record(ctx: AppContext, text: str, change: Callable[[Mapping[str, Any]], Any],
                  changes: Mapping[str, Any], tables: set[str] | frozenset[str], form: FormSection | None = None,
                  field: str | None = None, *, expect: Versions | None = None) -> bool:
    """Push `change(changes)`; undo is `change(old)` with what the first call returned."""
    changes = dict(changes)
    cmd = ServiceCommand(ctx, text, do=lambda: change(changes), undo=lambda old: change(old), tables=set(tables),
                         expect=expect, mine=changes if expect else None)
    return push(ctx, cmd, form, field)


def delete_record(ctx: AppContext, text: str, delete: Callable[[], crud.Snapshot],
                  tables: set[str] | frozenset[str], *, expect: Versions | None = None) -> bool:
    """Push `delete()`; undo restores the snapshot it returned."""
    cmd = ServiceCommand(ctx, text, do=delete, undo=lambda snap: crud.restore(ctx.db, snap), tables=set(tables),
                         expect=expect)
    return push(ctx, cmd)
