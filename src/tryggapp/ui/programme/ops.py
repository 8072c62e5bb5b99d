"""Undoable edits of the action programme: each wraps a services.programme call in a
ui.commands.ServiceCommand (redo = the call, undo = its inverse), so Ctrl+Z / Ctrl+Y work
for every change in the view and each change is saved at once.

Creations keep their id across undo/redo: undo deletes and keeps the snapshot, redo
restores the snapshot (later commands on the stack may refer to the id).

A refused edit never enters the stack. With a form and field, the field stays marked
unsaved with the reason under it (ui.commands.push, shared with every other view).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from sqlmodel import SQLModel

from tryggapp import domain as d
from tryggapp.domain.enums import Assessment, GoalKind, PeriodKind
from tryggapp.domain.periods import Period
from tryggapp.i18n import _
from tryggapp.services import crud
from tryggapp.services import programme as svc
from tryggapp.ui.commands import ServiceCommand, push
from tryggapp.ui.context import AppContext
from tryggapp.ui.widgets.form import FormSection

STRUCTURE = {"programme", "direction", "focus_area", "goal"}
GOAL_DATA = {"goal", "measurement", "goal_assessment", "indicator_category", "category_measurement"}
ALL_TABLES = STRUCTURE | GOAL_DATA | {"programme_revision"}


class _Recreate:
    """do/undo pair for a creation whose id must survive undo + redo."""

    def __init__(self, create: Callable[[], SQLModel], remove: Callable[[int], Any],
                 restore: Callable[[Any], None]) -> None:
        self._create, self._remove, self._restore = create, remove, restore
        self.obj: SQLModel | None = None
        self.token: Any = None

    def do(self) -> SQLModel:
        if self.obj is None:
            self.obj = self._create()
        else:
            self._restore(self.token)
        return self.obj

    def undo(self, _result: Any) -> None:
        assert self.obj is not None
        self.token = self._remove(self.obj.id)  # type: ignore[attr-defined]


def _create(ctx: AppContext, text: str, create: Callable[[], SQLModel], remove: Callable[[int], Any],
            restore: Callable[[Any], None], tables: set[str]) -> SQLModel | None:
    pair = _Recreate(create, remove, restore)
    cmd = ServiceCommand(ctx, text, pair.do, pair.undo, tables)
    return cmd.result if push(ctx, cmd) else None


def _delete_with_snapshot(ctx: AppContext, model: type[SQLModel]) -> tuple[Callable[[int], Any], Callable[[Any], None]]:
    return (lambda ident: crud.delete(ctx.db, model, ident)), (lambda snap: crud.restore(ctx.db, snap))


def _update(ctx: AppContext, model: type[SQLModel], ident: int, changes: Mapping[str, Any], text: str,
            tables: set[str], form: FormSection | None = None, field: str | None = None) -> bool:
    changes = dict(changes)
    if _unchanged(ctx, model, ident, changes):
        return True  # e.g. the old text typed back after a refusal: nothing to undo
    cmd = ServiceCommand(ctx, text,
                         do=lambda: crud.update(ctx.db, model, ident, changes),
                         undo=lambda old: crud.update(ctx.db, model, ident, old),
                         tables=tables)
    return push(ctx, cmd, form, field)


def _unchanged(ctx: AppContext, model: type[SQLModel], ident: int, changes: Mapping[str, Any]) -> bool:
    try:
        current = crud.get(ctx.db, model, ident)
    except crud.NotFound:
        return False  # let the command report it
    return all(getattr(current, name, _MISSING) == value for name, value in changes.items())


_MISSING = object()


# --------------------------------------------------------------------------- programme


def create_programme(ctx: AppContext) -> d.Programme | None:
    remove, restore = _delete_with_snapshot(ctx, d.Programme)
    return _create(ctx, _("Create action programme"), lambda: svc.create_programme(ctx.db),  # type: ignore[return-value]
                   remove, restore, {"programme"})


def update_programme(ctx: AppContext, programme_id: int, field: str, value: Any,
                     form: FormSection | None = None) -> bool:
    return _update(ctx, d.Programme, programme_id, {field: value}, _("Edit programme"), {"programme"},
                   form, field)


def add_revision(ctx: AppContext, programme_id: int) -> d.ProgrammeRevision | None:
    remove, restore = _delete_with_snapshot(ctx, d.ProgrammeRevision)
    return _create(ctx, _("Add revision"),  # type: ignore[return-value]
                   lambda: svc.add_revision(ctx.db, programme_id, revised_on=ctx.today()),
                   remove, restore, {"programme_revision"})


def update_revision(ctx: AppContext, revision_id: int, changes: Mapping[str, Any]) -> bool:
    return _update(ctx, d.ProgrammeRevision, revision_id, changes, _("Edit revision"), {"programme_revision"})


def delete_revision(ctx: AppContext, revision_id: int) -> bool:
    remove, restore = _delete_with_snapshot(ctx, d.ProgrammeRevision)
    cmd = ServiceCommand(ctx, _("Delete revision"), lambda: remove(revision_id), restore, {"programme_revision"})
    return push(ctx, cmd)


# --------------------------------------------------------------------------- directions


def add_direction(ctx: AppContext, programme_id: int, title: str) -> d.Direction | None:
    return _create(ctx, _("Add direction"),  # type: ignore[return-value]
                   lambda: svc.add_direction(ctx.db, programme_id, title),
                   lambda ident: svc.delete_direction(ctx.db, ident),
                   lambda removal: svc.undo_removal(ctx.db, removal), {"direction"})


def update_direction(ctx: AppContext, direction_id: int, field: str, value: Any,
                     form: FormSection | None = None) -> bool:
    return _update(ctx, d.Direction, direction_id, {field: value}, _("Edit direction"), {"direction"}, form, field)


def delete_direction(ctx: AppContext, direction_id: int) -> bool:
    cmd = ServiceCommand(ctx, _("Delete direction"), lambda: svc.delete_direction(ctx.db, direction_id),
                         lambda removal: svc.undo_removal(ctx.db, removal), {"direction", "focus_area"})
    return push(ctx, cmd)


def _layout_command(ctx: AppContext, text: str, do: Callable[[], svc.Layout], tables: set[str]) -> bool:
    cmd = ServiceCommand(ctx, text, do, lambda before: svc.apply_layout(ctx.db, before), tables)
    return push(ctx, cmd)


def move_direction(ctx: AppContext, direction_id: int, delta: int) -> bool:
    return _layout_command(ctx, _("Move direction"), lambda: svc.move_direction(ctx.db, direction_id, delta),
                           {"direction", "focus_area"})


# --------------------------------------------------------------------------- focus areas


def add_focus_area(ctx: AppContext, direction_id: int, title: str) -> d.FocusArea | None:
    return _create(ctx, _("Add focus area"),  # type: ignore[return-value]
                   lambda: svc.add_focus_area(ctx.db, direction_id, title),
                   lambda ident: svc.remove_focus_area(ctx.db, ident),
                   lambda removal: svc.undo_removal(ctx.db, removal), {"focus_area"})


def update_focus_area(ctx: AppContext, area_id: int, field: str, value: Any,
                      form: FormSection | None = None) -> bool:
    changes = {field: value}
    if _unchanged(ctx, d.FocusArea, area_id, changes):
        return True
    text = _("Move focus area") if field == "direction_id" else _("Edit focus area")
    cmd = ServiceCommand(ctx, text,
                         do=lambda: svc.update_focus_area(ctx.db, area_id, changes),
                         undo=lambda result: svc.undo_focus_area_update(ctx.db, area_id, *result),
                         tables={"focus_area"})
    return push(ctx, cmd, form, field)


def remove_focus_area(ctx: AppContext, area_id: int) -> svc.Removal | None:
    """Delete, or archive when measures refer to it. Returns what happened."""
    cmd = ServiceCommand(ctx, _("Remove focus area"), lambda: svc.remove_focus_area(ctx.db, area_id),
                         lambda removal: svc.undo_removal(ctx.db, removal), {"focus_area", "goal"})
    return cmd.result if push(ctx, cmd) else None


def move_focus_area(ctx: AppContext, area_id: int, delta: int) -> bool:
    return _layout_command(ctx, _("Move focus area"), lambda: svc.move_focus_area(ctx.db, area_id, delta),
                           {"focus_area"})


# --------------------------------------------------------------------------- goals


def add_goal(ctx: AppContext, area_id: int, kind: GoalKind, text: str) -> d.Goal | None:
    remove, restore = _delete_with_snapshot(ctx, d.Goal)
    return _create(ctx, _("Add goal"), lambda: svc.add_goal(ctx.db, area_id, text, kind),  # type: ignore[return-value]
                   remove, restore, {"goal"})


def update_goal(ctx: AppContext, goal_id: int, field: str, value: Any, form: FormSection | None = None) -> bool:
    return _update(ctx, d.Goal, goal_id, {field: value}, _("Edit goal"), {"goal"}, form, field)


def remove_goal(ctx: AppContext, goal_id: int) -> bool:
    cmd = ServiceCommand(ctx, _("Delete goal"), lambda: svc.remove_goal(ctx.db, goal_id),
                         lambda removal: svc.undo_removal(ctx.db, removal), GOAL_DATA)
    return push(ctx, cmd)


def move_goal(ctx: AppContext, goal_id: int, delta: int) -> bool:
    return _layout_command(ctx, _("Move goal"), lambda: svc.move_goal(ctx.db, goal_id, delta), {"goal"})


# --------------------------------------------------------------------------- measurements


def set_measurement(ctx: AppContext, goal_id: int, year: int, kind: PeriodKind, number: int,
                    value: float, on_error: Callable[[str], None] | None = None) -> bool:
    cmd = ServiceCommand(
        ctx, _("Enter value"),
        do=lambda: svc.set_measurement(ctx.db, goal_id, year, kind, number, value),
        undo=lambda previous: svc.restore_measurement(ctx.db, goal_id, year, kind, number, previous),
        tables={"measurement"})
    return push(ctx, cmd, on_error=on_error)


def clear_measurement(ctx: AppContext, goal_id: int, year: int, kind: PeriodKind, number: int,
                      on_error: Callable[[str], None] | None = None) -> bool:
    cmd = ServiceCommand(
        ctx, _("Clear value"),
        do=lambda: svc.clear_measurement(ctx.db, goal_id, year, kind, number),
        undo=lambda previous: svc.restore_measurement(ctx.db, goal_id, year, kind, number, previous),
        tables={"measurement"})
    return push(ctx, cmd, on_error=on_error)


def set_measurements(ctx: AppContext, goal_id: int, kind: PeriodKind,
                     cells: Mapping[tuple[int, int], float | None], text: str) -> None:
    """Several cells as one undo step (paste, clearing a selection). None clears."""
    if not cells:
        return
    ctx.undo_stack.beginMacro(text)
    try:
        for (year, number), value in cells.items():
            if value is None:
                clear_measurement(ctx, goal_id, year, kind, number)
            else:
                set_measurement(ctx, goal_id, year, kind, number, value)
    finally:
        ctx.undo_stack.endMacro()


# --------------------------------------------------------------------------- follow-up


def set_assessment(ctx: AppContext, goal_id: int, period: Period, *, assessment: Assessment | None = None,
                   comment: str | None = None, form: FormSection | None = None) -> bool:
    today = ctx.today()
    cmd = ServiceCommand(
        ctx, _("Assess goal"),
        do=lambda: svc.set_assessment(ctx.db, goal_id, period, assessment=assessment, comment=comment,
                                      assessed_on=today),
        undo=lambda previous: svc.restore_assessment(ctx.db, goal_id, period, previous),
        tables={"goal_assessment"})
    return push(ctx, cmd, form, "comment" if comment is not None else "assessment")
