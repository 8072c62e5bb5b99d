"""Undoable edits of an indicator's categories and the statistics import: each wraps a
services.indicators call in a ServiceCommand (redo = the call, undo = its inverse), as
ui.programme.ops does for the rest of the programme. An import is one undo step."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from tryggapp import domain as d
from tryggapp.i18n import _
from tryggapp.services import crud, indicators
from tryggapp.ui.commands import ServiceCommand, push
from tryggapp.ui.context import AppContext
from tryggapp.ui.record_commands import row_version

CATEGORY_TABLES = {"indicator_category", "category_measurement"}
VALUE_TABLES = {"measurement", "category_measurement"}


def add_category(ctx: AppContext, goal_id: int, name: str, on_error: Callable[[str], None] | None = None
                 ) -> bool:
    state: dict[str, object] = {}

    def do() -> int:
        if "snapshot" in state:  # redo after undo: the same row, with the same id
            crud.restore(ctx.db, state.pop("snapshot"))  # type: ignore[arg-type]
            return state["id"]  # type: ignore[return-value]
        state["id"] = indicators.add_category(ctx.db, goal_id, name).id
        return state["id"]  # type: ignore[return-value]

    def undo(ident: int) -> None:
        state["snapshot"] = indicators.remove_category(ctx.db, ident)

    return push(ctx, ServiceCommand(ctx, _("Add category"), do, undo, CATEGORY_TABLES), on_error=on_error)


def add_categories(ctx: AppContext, goal_id: int, names: Sequence[str]) -> bool:
    """The categories a file brought, in one step."""
    def undo(ids: list[int]) -> None:
        for ident in ids:
            indicators.remove_category(ctx.db, ident)

    return push(ctx, ServiceCommand(ctx, _("Add categories"),
                                    lambda: indicators.add_categories(ctx.db, goal_id, names), undo,
                                    CATEGORY_TABLES))


def rename_category(ctx: AppContext, category_id: int, name: str,
                    on_error: Callable[[str], None] | None = None, *, version: int | None = None) -> bool:
    """`version`: the category's row version as listed (a stale rename asks whose stays)."""
    cmd = ServiceCommand(ctx, _("Rename category"),
                         do=lambda: indicators.rename_category(ctx.db, category_id, name),
                         undo=lambda old: crud.update(ctx.db, d.IndicatorCategory, category_id, old),
                         tables={"indicator_category"}, expect=row_version("indicator_category", category_id, version),
                         mine={"name": name})
    return push(ctx, cmd, on_error=on_error)


def remove_category(ctx: AppContext, category_id: int, *, version: int | None = None) -> bool:
    cmd = ServiceCommand(ctx, _("Delete category"),
                         do=lambda: indicators.remove_category(ctx.db, category_id),
                         undo=lambda snapshot: crud.restore(ctx.db, snapshot), tables=CATEGORY_TABLES,
                         expect=row_version("indicator_category", category_id, version))
    return push(ctx, cmd)


def move_category(ctx: AppContext, category_id: int, delta: int) -> bool:
    cmd = ServiceCommand(ctx, _("Move category"),
                         do=lambda: indicators.move_category(ctx.db, category_id, delta),
                         undo=lambda before: indicators.set_positions(ctx.db, before),
                         tables={"indicator_category"})
    return push(ctx, cmd)


def import_values(ctx: AppContext, plan: indicators.ImportPlan, replace: bool | None
                  ) -> indicators.Applied | None:
    """Write a checked import as one undo step (Ctrl+Z takes all of it back). The backup
    is the caller's, taken once before."""
    today = ctx.today()
    cmd = ServiceCommand(ctx, _("Import statistics"),
                         do=lambda: indicators.apply_import(ctx.db, plan, replace=replace, today=today),
                         undo=lambda applied: indicators.undo_import(ctx.db, applied), tables=VALUE_TABLES)
    return cmd.result if push(ctx, cmd) else None
