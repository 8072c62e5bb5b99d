"""Undoable walk and visit edits: each is one ServiceCommand (redo = the service call,
undo = its inverse). Commands that create records remember the id of their first run and
create the same id again on redo, so later commands on the stack still find it."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from tryggapp import domain as d
from tryggapp.i18n import _
from tryggapp.services import crud, measures
from tryggapp.services import walks as svc
from tryggapp.services.photos import PreparedPhoto
from tryggapp.ui.commands import ServiceCommand, push
from tryggapp.ui.context import AppContext
from tryggapp.ui.widgets.form import FormSection

WALK_TABLES = frozenset({"safety_walk", "safety_walk_participant", "observation", "observation_photo"})
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
            changes: Mapping[str, Any], tables: set[str], form: FormSection | None, field: str | None) -> bool:
    changes = dict(changes)
    cmd = ServiceCommand(ctx, text, do=lambda: change(changes), undo=lambda old: change(old), tables=tables)
    return push(ctx, cmd, form, field)


def _delete(ctx: AppContext, text: str, delete: Callable[[], crud.Snapshot], tables: set[str]) -> bool:
    cmd = ServiceCommand(ctx, text, do=delete, undo=lambda snap: crud.restore(ctx.db, snap), tables=tables)
    return push(ctx, cmd)


# -- walks


def create_walk(ctx: AppContext, values: Mapping[str, Any], form: FormSection | None = None) -> d.SafetyWalk | None:
    values = dict(values)
    return _create(ctx, _("New safety walk “{area}”").format(area=values.get("area", "")),
                   lambda ident: svc.create_walk(ctx.db, values, ident=ident), {"safety_walk"}, form=form)


def update_walk(ctx: AppContext, walk_id: int, changes: Mapping[str, Any], what: str,
                form: FormSection | None = None, field: str | None = None) -> bool:
    return _update(ctx, _("Change {what} of the safety walk").format(what=what),
                   lambda ch: svc.update_walk(ctx.db, walk_id, ch), changes, {"safety_walk"}, form, field)


def delete_walk(ctx: AppContext, walk_id: int, area: str) -> bool:
    return _delete(ctx, _("Delete safety walk “{area}”").format(area=area),
                   lambda: svc.delete_walk(ctx.db, walk_id), set(WALK_TABLES))


def add_participant(ctx: AppContext, walk_id: int, on_error: Callable[[str], None] | None = None,
                    **who: Any) -> bool:
    """A refusal (already on the walk) goes to `on_error`, shown beside the list."""
    state: dict[str, int | None] = {"id": None}

    def do() -> d.SafetyWalkParticipant:
        made = svc.add_participant(ctx.db, walk_id, ident=state["id"], **who)
        state["id"] = made.id
        return made

    cmd = ServiceCommand(ctx, _("Add a participant to the safety walk"), do,
                         lambda made: crud.delete(ctx.db, d.SafetyWalkParticipant, made.id),
                         {"safety_walk_participant"})
    return push(ctx, cmd, on_error=on_error)


def remove_participant(ctx: AppContext, participant_id: int) -> bool:
    return _delete(ctx, _("Remove a participant from the safety walk"),
                   lambda: svc.remove_participant(ctx.db, participant_id), {"safety_walk_participant"})


# -- observations and photos


def add_observation(ctx: AppContext, walk_id: int, values: Mapping[str, Any]) -> d.Observation | None:
    values = dict(values)
    return _create(ctx, _("New observation “{place}”").format(place=values.get("place", "")),
                   lambda ident: svc.add_observation(ctx.db, walk_id, values, ident=ident), {"observation"})


def update_observation(ctx: AppContext, observation_id: int, number: int, changes: Mapping[str, Any], what: str,
                       form: FormSection | None = None, field: str | None = None) -> bool:
    return _update(ctx, _("Change {what} of observation {number}").format(what=what, number=number),
                   lambda ch: svc.update_observation(ctx.db, observation_id, ch), changes, {"observation"},
                   form, field)


def delete_observation(ctx: AppContext, observation_id: int, number: int) -> bool:
    return _delete(ctx, _("Delete observation {number}").format(number=number),
                   lambda: svc.delete_observation(ctx.db, observation_id), {"observation", "observation_photo"})


def add_photo(ctx: AppContext, observation_id: int, prepared: PreparedPhoto) -> d.ObservationPhoto | None:
    return _create(ctx, _("Add photo “{name}”").format(name=prepared.filename),
                   lambda ident: svc.store_photo(ctx.db, observation_id, prepared, ident=ident),
                   {"observation_photo"})


def set_photo_caption(ctx: AppContext, photo_id: int, name: str, caption: str) -> bool:
    return _update(ctx, _("Change the caption of photo “{name}”").format(name=name),
                   lambda ch: svc.update_photo(ctx.db, photo_id, ch), {"caption": caption},
                   {"observation_photo"}, None, None)


def delete_photo(ctx: AppContext, photo_id: int, name: str) -> bool:
    return _delete(ctx, _("Delete photo “{name}”").format(name=name),
                   lambda: svc.delete_photo(ctx.db, photo_id), {"observation_photo"})


def measure_from_observation(ctx: AppContext, observation_id: int, number: int, values: Mapping[str, Any],
                             year: int, form: FormSection | None = None) -> d.Measure | None:
    values = dict(values)
    return _create(ctx, _("Create a measure from observation {number}").format(number=number),
                   lambda ident: svc.measure_from_observation(ctx.db, observation_id, values, year=year,
                                                              today=ctx.today(), ident=ident),
                   set(MEASURE_TABLES | {"observation"}),
                   undo=lambda m: measures.delete_measure(ctx.db, m.id), form=form)


# -- visits


def create_visit(ctx: AppContext, values: Mapping[str, Any], form: FormSection | None = None) -> d.SafetyVisit | None:
    values = dict(values)
    return _create(ctx, _("New safety visit “{workplace}”").format(workplace=values.get("workplace", "")),
                   lambda ident: svc.create_visit(ctx.db, values, ident=ident), {"safety_visit"}, form=form)


def update_visit(ctx: AppContext, visit_id: int, changes: Mapping[str, Any], what: str,
                 form: FormSection | None = None, field: str | None = None) -> bool:
    return _update(ctx, _("Change {what} of the safety visit").format(what=what),
                   lambda ch: svc.update_visit(ctx.db, visit_id, ch), changes, {"safety_visit"}, form, field)


def delete_visit(ctx: AppContext, visit_id: int, workplace: str) -> bool:
    return _delete(ctx, _("Delete safety visit “{workplace}”").format(workplace=workplace),
                   lambda: svc.delete_visit(ctx.db, visit_id), {"safety_visit"})


def measure_from_visit(ctx: AppContext, visit_id: int, values: Mapping[str, Any], year: int,
                       form: FormSection | None = None) -> d.Measure | None:
    values = dict(values)
    return _create(ctx, _("Create a measure from the safety visit"),
                   lambda ident: svc.measure_from_visit(ctx.db, visit_id, values, year=year, today=ctx.today(),
                                                        ident=ident),
                   set(MEASURE_TABLES | {"safety_visit"}),
                   undo=lambda m: svc.undo_visit_measure(ctx.db, visit_id, m.id), form=form)
