"""Undoable edits of citizen promises, agreements, undertakings and their follow-ups: each
is one ServiceCommand (redo = the service call, undo = its inverse). Commands that create
records remember the id of their first run and create the same id again on redo, so later
commands on the stack still find it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from tryggapp import domain as d
from tryggapp.i18n import _
from tryggapp.services import agreements as svc
from tryggapp.services import crud
from tryggapp.ui.commands import ServiceCommand, push
from tryggapp.ui.context import AppContext
from tryggapp.ui.record_commands import create_record, delete_record, row_version
from tryggapp.ui.widgets.form import FormSection

TABLES = set(svc.TABLES)


def create_agreement(ctx: AppContext, table: str, values: Mapping[str, Any], form: FormSection | None = None
                     ) -> Any:
    values = dict(values)
    parties = list(values.pop("parties", []))
    text = (_("New citizen promise “{title}”") if table == svc.PROMISE
            else _("New cooperation agreement “{title}”")).format(title=values.get("title", ""))
    return create_record(ctx, text, lambda ident: svc.create_agreement(ctx.db, table, values, parties, ident=ident),
                         TABLES, lambda made: crud.delete(ctx.db, svc.MODELS[table], made.id), form)


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
    return delete_record(ctx, text, lambda: svc.delete_agreement(ctx.db, table, ident), TABLES)


def create_undertaking(ctx: AppContext, table: str, agreement_id: int, values: Mapping[str, Any],
                       form: FormSection | None = None) -> Any:
    values = dict(values)
    measures = list(values.pop("measures", []))
    return create_record(ctx, _("New undertaking"),
                         lambda ident: svc.create_undertaking(ctx.db, table, agreement_id, values, measures,
                                                              ident=ident, today=ctx.today()),
                         TABLES, lambda made: crud.delete(ctx.db, d.Undertaking, made.id), form)


def update_undertaking(ctx: AppContext, ident: int, number: int, values: Mapping[str, Any],
                       form: FormSection | None = None, *, version: int | None = None) -> bool:
    """`version`: the undertaking's row version the dialog was opened on (a stale edit asks
    whose change stays)."""
    changes = dict(values)
    measures = list(changes.pop("measures", []))

    def undo(old: tuple[dict[str, Any], list[int] | None]) -> None:
        svc.update_undertaking(ctx.db, ident, old[0], old[1])

    cmd = ServiceCommand(ctx, _("Change undertaking {number}").format(number=number),
                         lambda: svc.update_undertaking(ctx.db, ident, changes, measures), undo, TABLES,
                         expect=row_version("undertaking", ident, version), mine=changes if version else None)
    return push(ctx, cmd, form)


def delete_undertaking(ctx: AppContext, ident: int, number: int, *, version: int | None = None) -> bool:
    return delete_record(ctx, _("Delete undertaking {number}").format(number=number),
                         lambda: svc.delete_undertaking(ctx.db, ident), TABLES,
                         expect=row_version("undertaking", ident, version))


def add_note(ctx: AppContext, undertaking_id: int, number: int, values: Mapping[str, Any],
             form: FormSection | None = None) -> Any:
    values = dict(values)
    return create_record(ctx, _("Follow up undertaking {number}").format(number=number),
                         lambda ident: svc.add_note(ctx.db, undertaking_id, values, ident=ident),
                         TABLES, lambda made: crud.delete(ctx.db, d.UndertakingNote, made.id), form)


def delete_note(ctx: AppContext, note_id: int, number: int, *, version: int | None = None) -> bool:
    return delete_record(ctx, _("Delete a follow-up of undertaking {number}").format(number=number),
                         lambda: svc.delete_note(ctx.db, note_id), TABLES,
                         expect=row_version("undertaking_note", note_id, version))
