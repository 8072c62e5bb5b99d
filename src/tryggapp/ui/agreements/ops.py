"""Undoable edits of citizen promises, agreements, undertakings and their follow-ups: each
is one ServiceCommand (redo = the service call, undo = its inverse). Commands that create
records remember the id of their first run and create the same id again on redo, so later
commands on the stack still find it."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from tryggapp import domain as d
from tryggapp.i18n import _
from tryggapp.services import agreements as svc
from tryggapp.services import crud
from tryggapp.ui.commands import ServiceCommand, push
from tryggapp.ui.context import AppContext
from tryggapp.ui.widgets.form import FormSection

TABLES = set(svc.TABLES)


def _create(ctx: AppContext, text: str, make: Callable[[int | None], Any], undo: Callable[[Any], None],
            form: FormSection | None) -> Any:
    state: dict[str, int | None] = {"id": None}

    def do() -> Any:
        made = make(state["id"])
        state["id"] = made.id
        return made

    cmd = ServiceCommand(ctx, text, do, undo, TABLES)
    return cmd.result if push(ctx, cmd, form) else None


def _delete(ctx: AppContext, text: str, delete: Callable[[], crud.Snapshot]) -> bool:
    cmd = ServiceCommand(ctx, text, do=delete, undo=lambda snap: crud.restore(ctx.db, snap), tables=TABLES)
    return push(ctx, cmd)


def create_agreement(ctx: AppContext, table: str, values: Mapping[str, Any], form: FormSection | None = None
                     ) -> Any:
    values = dict(values)
    parties = list(values.pop("parties", []))
    text = (_("New citizen promise “{title}”") if table == svc.PROMISE
            else _("New cooperation agreement “{title}”")).format(title=values.get("title", ""))
    return _create(ctx, text, lambda ident: svc.create_agreement(ctx.db, table, values, parties, ident=ident),
                   lambda made: crud.delete(ctx.db, svc.MODELS[table], made.id), form)


def update_agreement(ctx: AppContext, table: str, ident: int, values: Mapping[str, Any],
                     form: FormSection | None = None) -> bool:
    changes = dict(values)
    parties = list(changes.pop("parties", []))
    text = (_("Change citizen promise “{title}”") if table == svc.PROMISE
            else _("Change cooperation agreement “{title}”")).format(title=changes.get("title", ""))

    def undo(old: tuple[dict[str, Any], list[int] | None]) -> None:
        svc.update_agreement(ctx.db, table, ident, old[0], old[1])

    cmd = ServiceCommand(ctx, text, lambda: svc.update_agreement(ctx.db, table, ident, changes, parties), undo, TABLES)
    return push(ctx, cmd, form)


def delete_agreement(ctx: AppContext, table: str, ident: int, title: str) -> bool:
    text = (_("Delete citizen promise “{title}”") if table == svc.PROMISE
            else _("Delete cooperation agreement “{title}”")).format(title=title)
    return _delete(ctx, text, lambda: svc.delete_agreement(ctx.db, table, ident))


def create_undertaking(ctx: AppContext, table: str, agreement_id: int, values: Mapping[str, Any],
                       form: FormSection | None = None) -> Any:
    values = dict(values)
    measures = list(values.pop("measures", []))
    return _create(ctx, _("New undertaking"),
                   lambda ident: svc.create_undertaking(ctx.db, table, agreement_id, values, measures, ident=ident,
                                                        today=ctx.today()),
                   lambda made: crud.delete(ctx.db, d.Undertaking, made.id), form)


def update_undertaking(ctx: AppContext, ident: int, number: int, values: Mapping[str, Any],
                       form: FormSection | None = None) -> bool:
    changes = dict(values)
    measures = list(changes.pop("measures", []))

    def undo(old: tuple[dict[str, Any], list[int] | None]) -> None:
        svc.update_undertaking(ctx.db, ident, old[0], old[1])

    cmd = ServiceCommand(ctx, _("Change undertaking {number}").format(number=number),
                         lambda: svc.update_undertaking(ctx.db, ident, changes, measures), undo, TABLES)
    return push(ctx, cmd, form)


def delete_undertaking(ctx: AppContext, ident: int, number: int) -> bool:
    return _delete(ctx, _("Delete undertaking {number}").format(number=number),
                   lambda: svc.delete_undertaking(ctx.db, ident))


def add_note(ctx: AppContext, undertaking_id: int, number: int, values: Mapping[str, Any],
             form: FormSection | None = None) -> Any:
    values = dict(values)
    return _create(ctx, _("Follow up undertaking {number}").format(number=number),
                   lambda ident: svc.add_note(ctx.db, undertaking_id, values, ident=ident),
                   lambda made: crud.delete(ctx.db, d.UndertakingNote, made.id), form)


def delete_note(ctx: AppContext, note_id: int, number: int) -> bool:
    return _delete(ctx, _("Delete a follow-up of undertaking {number}").format(number=number),
                   lambda: svc.delete_note(ctx.db, note_id))
