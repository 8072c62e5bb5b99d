"""Undoable organisation edits: each is one ServiceCommand around services.organisation
(redo = the service call, undo = its inverse). Created records get the same id again on
redo, so later commands on the stack that name them still find them."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from sqlmodel import SQLModel

from tryggapp import domain as d
from tryggapp.i18n import _
from tryggapp.services import crud
from tryggapp.services import organisation as svc
from tryggapp.ui.commands import ServiceCommand, push
from tryggapp.ui.context import AppContext
from tryggapp.ui.widgets.form import FormSection

# Everything the Organisation view shows; a change to any of these refreshes it.
TABLES = frozenset({"work_group", "membership", "person", "organisation", "meeting"})


def _create(ctx: AppContext, text: str, make: Callable[[int | None], SQLModel], model: type[SQLModel],
            tables: set[str], form: FormSection | None) -> Any:
    state: dict[str, int | None] = {"id": None}

    def do() -> SQLModel:
        obj = make(state["id"])
        state["id"] = obj.id  # type: ignore[attr-defined]
        return obj

    cmd = ServiceCommand(ctx, text, do, lambda obj: crud.delete(ctx.db, model, obj.id), tables)
    return cmd.result if push(ctx, cmd, form) else None


def _update(ctx: AppContext, text: str, change: Callable[[Mapping[str, Any]], dict[str, Any]],
            changes: Mapping[str, Any], tables: set[str], form: FormSection | None, field: str | None) -> bool:
    changes = dict(changes)
    cmd = ServiceCommand(ctx, text, lambda: change(changes), lambda old: change(old), tables)
    return push(ctx, cmd, form, field)


# --------------------------------------------------------------------------- organisations


def create_organisation(ctx: AppContext, values: Mapping[str, Any], form: FormSection | None = None
                        ) -> d.Organisation | None:
    values = dict(values)
    return _create(ctx, _("Add organisation “{name}”").format(name=values.get("name", "")),
                   lambda ident: svc.create_organisation(ctx.db, values, ident=ident), d.Organisation,
                   {"organisation"}, form)


def update_organisation(ctx: AppContext, ident: int, changes: Mapping[str, Any], what: str,
                        form: FormSection | None = None, field: str | None = None) -> bool:
    return _update(ctx, _("Change {what} of an organisation").format(what=what),
                   lambda ch: svc.update_organisation(ctx.db, ident, ch), changes, {"organisation"}, form, field)


# --------------------------------------------------------------------------- people


def create_person(ctx: AppContext, values: Mapping[str, Any], form: FormSection | None = None) -> d.Person | None:
    values = dict(values)
    return _create(ctx, _("Add person “{name}”").format(name=values.get("name", "")),
                   lambda ident: svc.create_person(ctx.db, values, ident=ident), d.Person, {"person"}, form)


def update_person(ctx: AppContext, ident: int, changes: Mapping[str, Any], what: str,
                  form: FormSection | None = None, field: str | None = None) -> bool:
    return _update(ctx, _("Change {what} of a person").format(what=what),
                   lambda ch: svc.update_person(ctx.db, ident, ch), changes, {"person"}, form, field)


# --------------------------------------------------------------------------- groups


def create_group(ctx: AppContext, values: Mapping[str, Any], form: FormSection | None = None) -> d.Group | None:
    values = dict(values)
    return _create(ctx, _("Add group “{name}”").format(name=values.get("name", "")),
                   lambda ident: svc.create_group(ctx.db, values, ident=ident), d.Group, {"work_group"}, form)


def update_group(ctx: AppContext, ident: int, changes: Mapping[str, Any], what: str,
                 form: FormSection | None = None, field: str | None = None) -> bool:
    return _update(ctx, _("Change {what} of a group").format(what=what),
                   lambda ch: svc.update_group(ctx.db, ident, ch), changes, {"work_group"}, form, field)


def set_group_archived(ctx: AppContext, ident: int, archived: bool) -> bool:
    # Archiving goes through crud directly: a closed group may still be archived.
    text = _("Archive group") if archived else _("Restore group")
    return _update(ctx, text, lambda ch: crud.update(ctx.db, d.Group, ident, ch), {"archived": archived},
                   {"work_group"}, None, None)


def close_group(ctx: AppContext, ident: int, on: Any, report: str, form: FormSection | None = None) -> bool:
    cmd = ServiceCommand(ctx, _("Close the group with its final report"),
                         lambda: svc.close_group(ctx.db, ident, on, report, ctx.today()),
                         lambda result: svc.undo_close(ctx.db, result), {"work_group", "membership"})
    return push(ctx, cmd, form)


def reopen_group(ctx: AppContext, ident: int) -> bool:
    cmd = ServiceCommand(ctx, _("Reopen the group"), lambda: svc.reopen_group(ctx.db, ident),
                         lambda old: old and crud.update(ctx.db, d.Group, ident, old), {"work_group"})
    return push(ctx, cmd)


# --------------------------------------------------------------------------- memberships


def add_member(ctx: AppContext, group_id: int, values: Mapping[str, Any], form: FormSection | None = None
               ) -> d.Membership | None:
    values = dict(values)
    return _create(ctx, _("Add a member"),
                   lambda ident: svc.add_membership(ctx.db, group_id, values, ident=ident), d.Membership,
                   {"membership"}, form)


def update_member(ctx: AppContext, membership_id: int, changes: Mapping[str, Any],
                  form: FormSection | None = None) -> bool:
    return _update(ctx, _("Change a membership"), lambda ch: svc.update_membership(ctx.db, membership_id, ch),
                   changes, {"membership"}, form, None)


def end_member(ctx: AppContext, membership_id: int, on: Any, form: FormSection | None = None) -> bool:
    cmd = ServiceCommand(ctx, _("End a membership"), lambda: svc.end_membership(ctx.db, membership_id, on),
                         lambda old: svc.update_membership(ctx.db, membership_id, old), {"membership"})
    return push(ctx, cmd, form)


def remove_member(ctx: AppContext, membership_id: int) -> bool:
    cmd = ServiceCommand(ctx, _("Remove a membership"), lambda: svc.delete_membership(ctx.db, membership_id),
                         lambda snapshot: crud.restore(ctx.db, snapshot), {"membership"})
    return push(ctx, cmd)
