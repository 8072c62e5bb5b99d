"""Undoable action-plan edits: each is one ServiceCommand (redo = the service call, undo =
its inverse), so Ctrl+Z works the same for a field, a bulk edit or a whole revision.

Commands that create records remember the ids of their first run and create the same
ids again on redo, so later commands on the stack that name them still find them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from tryggapp import domain as d
from tryggapp.domain.enums import MeasureStatus
from tryggapp.i18n import _, ngettext
from tryggapp.services import crud, measures
from tryggapp.storage import versions
from tryggapp.ui.commands import ServiceCommand, push
from tryggapp.ui.context import AppContext
from tryggapp.ui.widgets.form import FormSection

# Everything the plan view shows; a change to any of these refreshes it.
PLAN_TABLES = frozenset({"measure", "measure_note", "measure_status_change", "measure_partner", "action_plan",
                         "person", "organisation", "focus_area"})
_MEASURE = {"measure", "measure_status_change"}


def update(ctx: AppContext, measure_id: int, number: int, changes: Mapping[str, Any], what: str,
           form: FormSection | None = None, field: str | None = None, *, version: int | None = None) -> bool:
    """Change fields of one measure (a status change is recorded with today's date). With
    a form and field, a refusal leaves that field marked unsaved (ui.commands.push), and
    the save is based on the version the form shows; without, on `version` if given."""
    changes = dict(changes)
    cmd = ServiceCommand(
        ctx, _("Change {what} of measure {number}").format(what=what, number=number),
        do=lambda: measures.update_measure(ctx.db, measure_id, changes, today=ctx.today()),
        undo=lambda result: measures.undo_changes(ctx.db, result),
        tables=_MEASURE, mine=changes,
        expect={versions.key("measure", measure_id): version} if version is not None else None)
    return push(ctx, cmd, form, field)


def update_with_copies(ctx: AppContext, ids: list[int], label: str, changes: Mapping[str, Any], what: str,
                       form: FormSection | None = None, field: str | None = None) -> bool:
    """The same change on a measure and its carried-over copies: one transaction, one
    undo step. `label` names them for the undo text ("2026:5 och 2027:3")."""
    changes = dict(changes)
    ids = list(ids)
    cmd = ServiceCommand(
        ctx, _("Change {what} of measure {number}").format(what=what, number=label),
        do=lambda: measures.bulk_update(ctx.db, ids, changes, ctx.today()),
        undo=lambda result: measures.undo_changes(ctx.db, result),
        tables=_MEASURE, mine=changes)
    return push(ctx, cmd, form, field)


def set_status(ctx: AppContext, measure_id: int, number: int, status: MeasureStatus, reason: str = "",
               form: FormSection | None = None) -> bool:
    cmd = ServiceCommand(
        ctx, _("Set measure {number} to “{status}”").format(number=number, status=status.label),
        do=lambda: measures.set_status(ctx.db, measure_id, status, on=ctx.today(), reason=reason),
        undo=lambda result: measures.undo_changes(ctx.db, result),
        tables=_MEASURE, mine={"status": status, "cancel_reason": reason})
    return push(ctx, cmd, form, "status" if form is not None else None)


def bulk_update(ctx: AppContext, ids: list[int], changes: Mapping[str, Any]) -> bool:
    """The same change on several measures: one transaction, one undo step."""
    changes = dict(changes)
    ids = list(ids)
    cmd = ServiceCommand(
        ctx, ngettext("Change {n} measure", "Change {n} measures", len(ids)).format(n=len(ids)),
        do=lambda: measures.bulk_update(ctx.db, ids, changes, ctx.today()),
        undo=lambda result: measures.undo_changes(ctx.db, result),
        tables=_MEASURE)
    return push(ctx, cmd)


def create(ctx: AppContext, year: int, values: Mapping[str, Any]) -> d.Measure | None:
    values = dict(values)
    state: dict[str, Any] = {"id": None}

    def do() -> d.Measure:
        measure = measures.create_measure(ctx.db, year, values, today=ctx.today(), ident=state["id"])
        state["id"] = measure.id
        values["number"] = measure.number  # redo gives it the same number too
        return measure

    cmd = ServiceCommand(ctx, _("Add measure “{title}”").format(title=values.get("title", "")), do=do,
                         undo=lambda m: measures.delete_measure(ctx.db, m.id),
                         tables=_MEASURE | {"action_plan"})
    return cmd.result if push(ctx, cmd) else None


def delete(ctx: AppContext, measure_id: int, number: int) -> bool:
    cmd = ServiceCommand(
        ctx, _("Delete measure {number}").format(number=number),
        do=lambda: measures.delete_measure(ctx.db, measure_id),
        undo=lambda snapshot: crud.restore(ctx.db, snapshot),
        tables=_MEASURE | {"measure_note", "measure_partner"})
    return push(ctx, cmd)


def add_note(ctx: AppContext, measure_id: int, number: int, text: str, on: Any) -> bool:
    state: dict[str, Any] = {"id": None}

    def do() -> d.MeasureNote:
        note = measures.add_note(ctx.db, measure_id, text, on=on, ident=state["id"])
        state["id"] = note.id
        return note

    cmd = ServiceCommand(ctx, _("Add a note to measure {number}").format(number=number), do=do,
                         undo=lambda note: crud.delete(ctx.db, d.MeasureNote, note.id), tables={"measure_note"})
    return push(ctx, cmd)


def delete_note(ctx: AppContext, note_id: int, number: int) -> bool:
    cmd = ServiceCommand(ctx, _("Delete a note of measure {number}").format(number=number),
                         do=lambda: measures.delete_note(ctx.db, note_id),
                         undo=lambda snapshot: crud.restore(ctx.db, snapshot), tables={"measure_note"})
    return push(ctx, cmd)


def add_partner(ctx: AppContext, measure_id: int, number: int, organisation_id: int) -> bool:
    cmd = ServiceCommand(
        ctx, _("Add a partner to measure {number}").format(number=number),
        do=lambda: measures.add_partner(ctx.db, measure_id, organisation_id),
        undo=lambda added: added and measures.remove_partner(ctx.db, measure_id, organisation_id),
        tables={"measure_partner"})
    return push(ctx, cmd)


def remove_partner(ctx: AppContext, measure_id: int, number: int, organisation_id: int) -> bool:
    cmd = ServiceCommand(
        ctx, _("Remove a partner from measure {number}").format(number=number),
        do=lambda: measures.remove_partner(ctx.db, measure_id, organisation_id),
        undo=lambda removed: removed and measures.add_partner(ctx.db, measure_id, organisation_id),
        tables={"measure_partner"})
    return push(ctx, cmd)


def revise(ctx: AppContext, from_year: int, to_year: int) -> measures.Revision | None:
    """Next year's plan with the unfinished measures carried over (one undo step)."""
    state: dict[str, measures.Revision | None] = {"done": None}

    def do() -> measures.Revision:
        result = measures.revise_into_new_year(ctx.db, from_year, to_year, ctx.today(), reuse=state["done"])
        state["done"] = result
        return result

    cmd = ServiceCommand(ctx, _("New action plan for {year}").format(year=to_year), do=do,
                         undo=lambda result: measures.undo_revision(ctx.db, result),
                         tables={"action_plan", "measure", "measure_partner"})
    return cmd.result if push(ctx, cmd) else None
