"""Undoable walk and visit edits: each is one ServiceCommand (redo = the service call,
undo = its inverse). Commands that create records remember the id of their first run and
create the same id again on redo, so later commands on the stack still find it."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from tryggapp import domain as d
from tryggapp.i18n import _
from tryggapp.services import measures
from tryggapp.services import walks as svc
from tryggapp.services.photos import PreparedPhoto
from tryggapp.ui.context import AppContext
from tryggapp.ui.record_commands import create_record, delete_record, update_record
from tryggapp.ui.widgets.form import FormSection

WALK_TABLES = frozenset({"safety_walk", "safety_walk_participant", "observation", "observation_photo"})
MEASURE_TABLES = frozenset({"measure", "measure_status_change", "action_plan"})


# -- walks


def create_walk(ctx: AppContext, values: Mapping[str, Any], form: FormSection | None = None) -> d.SafetyWalk | None:
    values = dict(values)
    return create_record(ctx, _("New safety walk “{area}”").format(area=values.get("area", "")),
                         lambda ident: svc.create_walk(ctx.db, values, ident=ident), {"safety_walk"}, form=form)


def update_walk(ctx: AppContext, walk_id: int, changes: Mapping[str, Any], what: str,
                form: FormSection | None = None, field: str | None = None) -> bool:
    return update_record(ctx, _("Change {what} of the safety walk").format(what=what),
                         lambda ch: svc.update_walk(ctx.db, walk_id, ch), changes, {"safety_walk"}, form, field)


def delete_walk(ctx: AppContext, walk_id: int, area: str) -> bool:
    return delete_record(ctx, _("Delete safety walk “{area}”").format(area=area),
                         lambda: svc.delete_walk(ctx.db, walk_id), set(WALK_TABLES))


def add_participant(ctx: AppContext, walk_id: int, on_error: Callable[[str], None] | None = None,
                    **who: Any) -> bool:
    """A refusal (already on the walk) goes to `on_error`, shown beside the list."""
    return create_record(ctx, _("Add a participant to the safety walk"),
                         lambda ident: svc.add_participant(ctx.db, walk_id, ident=ident, **who),
                         {"safety_walk_participant"}, on_error=on_error) is not None


def remove_participant(ctx: AppContext, participant_id: int) -> bool:
    return delete_record(ctx, _("Remove a participant from the safety walk"),
                         lambda: svc.remove_participant(ctx.db, participant_id), {"safety_walk_participant"})


# -- observations and photos


def add_observation(ctx: AppContext, walk_id: int, values: Mapping[str, Any]) -> d.Observation | None:
    values = dict(values)
    return create_record(ctx, _("New observation “{place}”").format(place=values.get("place", "")),
                         lambda ident: svc.add_observation(ctx.db, walk_id, values, ident=ident), {"observation"})


def update_observation(ctx: AppContext, observation_id: int, number: int, changes: Mapping[str, Any], what: str,
                       form: FormSection | None = None, field: str | None = None) -> bool:
    return update_record(ctx, _("Change {what} of observation {number}").format(what=what, number=number),
                         lambda ch: svc.update_observation(ctx.db, observation_id, ch), changes, {"observation"},
                         form, field)


def delete_observation(ctx: AppContext, observation_id: int, number: int) -> bool:
    return delete_record(ctx, _("Delete observation {number}").format(number=number),
                         lambda: svc.delete_observation(ctx.db, observation_id), {"observation", "observation_photo"})


def add_photo(ctx: AppContext, observation_id: int, prepared: PreparedPhoto) -> d.ObservationPhoto | None:
    return create_record(ctx, _("Add photo “{name}”").format(name=prepared.filename),
                         lambda ident: svc.store_photo(ctx.db, observation_id, prepared, ident=ident),
                         {"observation_photo"})


def set_photo_caption(ctx: AppContext, photo_id: int, name: str, caption: str) -> bool:
    return update_record(ctx, _("Change the caption of photo “{name}”").format(name=name),
                         lambda ch: svc.update_photo(ctx.db, photo_id, ch), {"caption": caption},
                         {"observation_photo"}, None, None)


def delete_photo(ctx: AppContext, photo_id: int, name: str) -> bool:
    return delete_record(ctx, _("Delete photo “{name}”").format(name=name),
                         lambda: svc.delete_photo(ctx.db, photo_id), {"observation_photo"})


def measure_from_observation(ctx: AppContext, observation_id: int, number: int, values: Mapping[str, Any],
                             year: int, form: FormSection | None = None) -> d.Measure | None:
    values = dict(values)
    return create_record(ctx, _("Create a measure from observation {number}").format(number=number),
                         lambda ident: svc.measure_from_observation(ctx.db, observation_id, values, year=year,
                                                                    today=ctx.today(), ident=ident),
                         set(MEASURE_TABLES | {"observation"}),
                         undo=lambda m: measures.delete_measure(ctx.db, m.id), form=form)


# -- visits


def create_visit(ctx: AppContext, values: Mapping[str, Any], form: FormSection | None = None) -> d.SafetyVisit | None:
    values = dict(values)
    return create_record(ctx, _("New safety visit “{workplace}”").format(workplace=values.get("workplace", "")),
                         lambda ident: svc.create_visit(ctx.db, values, ident=ident), {"safety_visit"}, form=form)


def update_visit(ctx: AppContext, visit_id: int, changes: Mapping[str, Any], what: str,
                 form: FormSection | None = None, field: str | None = None) -> bool:
    return update_record(ctx, _("Change {what} of the safety visit").format(what=what),
                         lambda ch: svc.update_visit(ctx.db, visit_id, ch), changes, {"safety_visit"}, form, field)


def delete_visit(ctx: AppContext, visit_id: int, workplace: str) -> bool:
    return delete_record(ctx, _("Delete safety visit “{workplace}”").format(workplace=workplace),
                         lambda: svc.delete_visit(ctx.db, visit_id), {"safety_visit"})


def measure_from_visit(ctx: AppContext, visit_id: int, values: Mapping[str, Any], year: int,
                       form: FormSection | None = None) -> d.Measure | None:
    values = dict(values)
    return create_record(ctx, _("Create a measure from the safety visit"),
                         lambda ident: svc.measure_from_visit(ctx.db, visit_id, values, year=year, today=ctx.today(),
                                                              ident=ident),
                         set(MEASURE_TABLES | {"safety_visit"}),
                         undo=lambda m: svc.undo_visit_measure(ctx.db, visit_id, m.id), form=form)
