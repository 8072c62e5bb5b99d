"""Undoable lägesbild and EST edits: each is one ServiceCommand (redo = the service call,
undo = its inverse). Creating commands remember the id of their first run and create
the same id again on redo (ui.record_commands)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from tryggapp import domain as d
from tryggapp.i18n import _
from tryggapp.services import measures
from tryggapp.services import situation as svc
from tryggapp.ui.context import AppContext
from tryggapp.ui.record_commands import create_record, delete_record, row_version, update_record
from tryggapp.ui.widgets.form import FormSection

PICTURE_TABLES = frozenset({"situation_picture", "situation_source", "situation_finding", "finding_focus_area",
                            "finding_measure", "finding_est"})
FINDING_TABLES = frozenset({"situation_finding", "finding_focus_area", "finding_measure", "finding_est"})
MEASURE_TABLES = frozenset({"measure", "measure_status_change", "action_plan"})


# -- pictures and sources


def create_picture(ctx: AppContext, values: Mapping[str, Any], form: FormSection | None = None
                   ) -> d.SituationPicture | None:
    values = dict(values)
    return create_record(ctx, _("New situation picture “{title}”").format(title=values.get("title", "")),
                         lambda ident: svc.create_picture(ctx.db, values, ident=ident), {"situation_picture"}, form=form)


def update_picture(ctx: AppContext, picture_id: int, changes: Mapping[str, Any], what: str,
                   form: FormSection | None = None, field: str | None = None) -> bool:
    return update_record(ctx, _("Change {what} of the situation picture").format(what=what),
                         lambda ch: svc.update_picture(ctx.db, picture_id, ch), changes, {"situation_picture"}, form, field)


def delete_picture(ctx: AppContext, picture_id: int, title: str) -> bool:
    return delete_record(ctx, _("Delete situation picture “{title}”").format(title=title),
                         lambda: svc.delete_picture(ctx.db, picture_id), set(PICTURE_TABLES))


def add_source(ctx: AppContext, picture_id: int, values: Mapping[str, Any], form: FormSection | None = None
               ) -> d.SituationSource | None:
    values = dict(values)
    return create_record(ctx, _("Add a source to the situation picture"),
                         lambda ident: svc.add_source(ctx.db, picture_id, values, ident=ident), {"situation_source"},
                         form=form)


def update_source(ctx: AppContext, source_id: int, values: Mapping[str, Any], form: FormSection | None = None,
                  *, version: int | None = None) -> bool:
    """`version`: the source's row version the dialog was opened on (a stale edit asks whose
    change stays)."""
    return update_record(ctx, _("Change a source of the situation picture"),
                         lambda ch: svc.update_source(ctx.db, source_id, ch), values, {"situation_source"}, form,
                         expect=row_version("situation_source", source_id, version))


def delete_source(ctx: AppContext, source_id: int, *, version: int | None = None) -> bool:
    return delete_record(ctx, _("Delete a source of the situation picture"),
                         lambda: svc.delete_source(ctx.db, source_id), {"situation_source"},
                         expect=row_version("situation_source", source_id, version))


# -- findings


def create_finding(ctx: AppContext, picture_id: int, values: Mapping[str, Any], form: FormSection | None = None
                   ) -> d.SituationFinding | None:
    values = dict(values)
    return create_record(ctx, _("New finding “{title}”").format(title=values.get("title", "")),
                         lambda ident: svc.create_finding(ctx.db, picture_id, values, ident=ident), set(FINDING_TABLES),
                         form=form)


def update_finding(ctx: AppContext, finding_id: int, number: int, values: Mapping[str, Any],
                   form: FormSection | None = None, *, version: int | None = None) -> bool:
    return update_record(ctx, _("Change finding {number}").format(number=number),
                         lambda ch: svc.update_finding(ctx.db, finding_id, ch), values, FINDING_TABLES, form,
                         expect=row_version("situation_finding", finding_id, version))


def measure_from_finding(ctx: AppContext, finding_id: int, number: int, values: Mapping[str, Any], year: int,
                         form: FormSection | None = None) -> d.Measure | None:
    """A measure in the action plan answering the finding (its origin); undo deletes it."""
    values = dict(values)
    return create_record(ctx, _("Create a measure from finding {number}").format(number=number),
                         lambda ident: svc.measure_from_finding(ctx.db, finding_id, values, year=year,
                                                                today=ctx.today(), ident=ident),
                         set(MEASURE_TABLES | FINDING_TABLES),
                         undo=lambda m: measures.delete_measure(ctx.db, m.id), form=form)


def delete_finding(ctx: AppContext, finding_id: int, number: int, *, version: int | None = None) -> bool:
    return delete_record(ctx, _("Delete finding {number}").format(number=number),
                         lambda: svc.delete_finding(ctx.db, finding_id), set(FINDING_TABLES),
                         expect=row_version("situation_finding", finding_id, version))


# -- EST


def create_est(ctx: AppContext, values: Mapping[str, Any], form: FormSection | None = None) -> d.EstReport | None:
    values = dict(values)
    return create_record(ctx, _("Register EST report “{place}”").format(place=values.get("place", "")),
                         lambda ident: svc.create_est(ctx.db, values, today=ctx.today(), ident=ident), {"est_report"},
                         form=form)


def delete_est(ctx: AppContext, est_id: int, place: str, *, version: int | None = None) -> bool:
    return delete_record(ctx, _("Delete EST report “{place}”").format(place=place),
                         lambda: svc.delete_est(ctx.db, est_id), {"est_report", "finding_est"},
                         expect=row_version("est_report", est_id, version))


def measure_from_est(ctx: AppContext, est_id: int, values: Mapping[str, Any], year: int,
                     form: FormSection | None = None) -> d.Measure | None:
    # No row version expected of the report: the measure is made before the report links
    # to it (two transactions), and what would conflict — another measure made from it
    # meanwhile — the service refuses itself.
    values = dict(values)
    return create_record(ctx, _("Create a measure from the EST report"),
                         lambda ident: svc.measure_from_est(ctx.db, est_id, values, year=year, today=ctx.today(),
                                                            ident=ident),
                         set(MEASURE_TABLES | {"est_report"}),
                         undo=lambda m: svc.undo_est_measure(ctx.db, est_id, m.id), form=form)
