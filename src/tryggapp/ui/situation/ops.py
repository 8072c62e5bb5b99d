"""Undoable lägesbild and EST edits: each is one ServiceCommand (redo = the service call,
undo = its inverse). Creating commands remember the id of their first run and create
the same id again on redo (ui.walks.ops does the same)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from tryggapp import domain as d
from tryggapp.i18n import _
from tryggapp.services import crud
from tryggapp.services import situation as svc
from tryggapp.ui.commands import ServiceCommand, push
from tryggapp.ui.context import AppContext
from tryggapp.ui.widgets.form import FormSection

PICTURE_TABLES = frozenset({"situation_picture", "situation_source", "situation_finding", "finding_focus_area",
                            "finding_measure", "finding_est"})
FINDING_TABLES = frozenset({"situation_finding", "finding_focus_area", "finding_measure", "finding_est"})
MEASURE_TABLES = frozenset({"measure", "measure_status_change", "action_plan"})


def _create(ctx: AppContext, text: str, make: Callable[[int | None], Any], tables: set[str],
            undo: Callable[[Any], None] | None = None, form: FormSection | None = None) -> Any:
    state: dict[str, int | None] = {"id": None}

    def do() -> Any:
        made = make(state["id"])
        state["id"] = made.id
        return made

    cmd = ServiceCommand(ctx, text, do, undo or (lambda made: crud.delete(ctx.db, type(made), made.id)), tables)
    return cmd.result if push(ctx, cmd, form) else None


def _update(ctx: AppContext, text: str, change: Callable[[Mapping[str, Any]], dict[str, Any]],
            changes: Mapping[str, Any], tables: set[str], form: FormSection | None = None,
            field: str | None = None) -> bool:
    changes = dict(changes)
    cmd = ServiceCommand(ctx, text, do=lambda: change(changes), undo=lambda old: change(old), tables=tables)
    return push(ctx, cmd, form, field)


def _delete(ctx: AppContext, text: str, delete: Callable[[], crud.Snapshot], tables: set[str]) -> bool:
    cmd = ServiceCommand(ctx, text, do=delete, undo=lambda snap: crud.restore(ctx.db, snap), tables=tables)
    return push(ctx, cmd)


# -- pictures and sources


def create_picture(ctx: AppContext, values: Mapping[str, Any], form: FormSection | None = None
                   ) -> d.SituationPicture | None:
    values = dict(values)
    return _create(ctx, _("New situation picture “{title}”").format(title=values.get("title", "")),
                   lambda ident: svc.create_picture(ctx.db, values, ident=ident), {"situation_picture"}, form=form)


def update_picture(ctx: AppContext, picture_id: int, changes: Mapping[str, Any], what: str,
                   form: FormSection | None = None, field: str | None = None) -> bool:
    return _update(ctx, _("Change {what} of the situation picture").format(what=what),
                   lambda ch: svc.update_picture(ctx.db, picture_id, ch), changes, {"situation_picture"}, form, field)


def delete_picture(ctx: AppContext, picture_id: int, title: str) -> bool:
    return _delete(ctx, _("Delete situation picture “{title}”").format(title=title),
                   lambda: svc.delete_picture(ctx.db, picture_id), set(PICTURE_TABLES))


def add_source(ctx: AppContext, picture_id: int, values: Mapping[str, Any], form: FormSection | None = None
               ) -> d.SituationSource | None:
    values = dict(values)
    return _create(ctx, _("Add a source to the situation picture"),
                   lambda ident: svc.add_source(ctx.db, picture_id, values, ident=ident), {"situation_source"},
                   form=form)


def update_source(ctx: AppContext, source_id: int, values: Mapping[str, Any], form: FormSection | None = None
                  ) -> bool:
    values = dict(values)
    cmd = ServiceCommand(ctx, _("Change a source of the situation picture"),
                         do=lambda: svc.update_source(ctx.db, source_id, values),
                         undo=lambda old: svc.update_source(ctx.db, source_id, old), tables={"situation_source"})
    return push(ctx, cmd, form)


def delete_source(ctx: AppContext, source_id: int) -> bool:
    return _delete(ctx, _("Delete a source of the situation picture"),
                   lambda: svc.delete_source(ctx.db, source_id), {"situation_source"})


# -- findings


def create_finding(ctx: AppContext, picture_id: int, values: Mapping[str, Any], form: FormSection | None = None
                   ) -> d.SituationFinding | None:
    values = dict(values)
    return _create(ctx, _("New finding “{title}”").format(title=values.get("title", "")),
                   lambda ident: svc.create_finding(ctx.db, picture_id, values, ident=ident), set(FINDING_TABLES),
                   form=form)


def update_finding(ctx: AppContext, finding_id: int, number: int, values: Mapping[str, Any],
                   form: FormSection | None = None) -> bool:
    values = dict(values)
    cmd = ServiceCommand(ctx, _("Change finding {number}").format(number=number),
                         do=lambda: svc.update_finding(ctx.db, finding_id, values),
                         undo=lambda old: svc.update_finding(ctx.db, finding_id, old), tables=set(FINDING_TABLES))
    return push(ctx, cmd, form)


def delete_finding(ctx: AppContext, finding_id: int, number: int) -> bool:
    return _delete(ctx, _("Delete finding {number}").format(number=number),
                   lambda: svc.delete_finding(ctx.db, finding_id), set(FINDING_TABLES))


# -- EST


def create_est(ctx: AppContext, values: Mapping[str, Any], form: FormSection | None = None) -> d.EstReport | None:
    values = dict(values)
    return _create(ctx, _("Register EST report “{place}”").format(place=values.get("place", "")),
                   lambda ident: svc.create_est(ctx.db, values, today=ctx.today(), ident=ident), {"est_report"},
                   form=form)


def delete_est(ctx: AppContext, est_id: int, place: str) -> bool:
    return _delete(ctx, _("Delete EST report “{place}”").format(place=place),
                   lambda: svc.delete_est(ctx.db, est_id), {"est_report", "finding_est"})


def measure_from_est(ctx: AppContext, est_id: int, values: Mapping[str, Any], year: int,
                     form: FormSection | None = None) -> d.Measure | None:
    values = dict(values)
    return _create(ctx, _("Create a measure from the EST report"),
                   lambda ident: svc.measure_from_est(ctx.db, est_id, values, year=year, today=ctx.today(),
                                                      ident=ident),
                   set(MEASURE_TABLES | {"est_report"}),
                   undo=lambda m: svc.undo_est_measure(ctx.db, est_id, m.id), form=form)
