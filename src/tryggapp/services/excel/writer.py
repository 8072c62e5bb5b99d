"""Writing the action plan to an .xlsx workbook in Tryggapp's format (docs/excel-format.md):
the plan on the first sheet with Swedish headers, then focus areas and goals, the
progress log and the status history, formatted for printing.

Every cell written from user text goes through `put`, which makes it a string cell:
openpyxl would write any text starting with "=" as a live formula (a measure titled
=HYPERLINK(...) became a clickable link in LibreOffice)."""

from __future__ import annotations

import datetime as dt
import os
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from tryggapp import domain as d
from tryggapp.domain.enums import GoalKind, MeasureStatus
from tryggapp.errors import FileProblem, UserError
from tryggapp.formatting import os_reason
from tryggapp.i18n import _
from tryggapp.services import measures
from tryggapp.services.excel.format import (
    FOCUS_COLUMNS,
    HISTORY_COLUMNS,
    NOTE_COLUMNS,
    PLAN_COLUMNS,
    SHEET_FOCUS,
    SHEET_HISTORY,
    SHEET_NOTES,
    Column,
)
from tryggapp.services.excel.reader import escape_text
from tryggapp.storage import Database
from tryggapp.storage.portable import insertion_order


def put(cell: Any, value: Any) -> None:
    """Write one value; text always as a string cell, never as a formula."""
    if isinstance(value, str):
        cell.value = escape_text(value)
        cell.data_type = "s"
    else:
        cell.value = value


@dataclass(frozen=True, slots=True)
class ExportReport:
    path: Path
    measures: int
    year: int


def export_plan(db: Database, year: int, path: Path, today: dt.date) -> ExportReport:
    """Write `year`'s action plan to `path` (.xlsx) in Tryggapp's format."""
    from openpyxl import Workbook

    path = Path(path)
    if path.is_dir():
        raise UserError(_("“{path}” is a folder: give a file name, for example plan.xlsx.").format(path=path))
    if path.suffix.lower() != ".xlsx":
        path = path.with_suffix(".xlsx")
    if not path.parent.is_dir():
        raise UserError(_("The folder {folder} does not exist.").format(folder=path.parent))
    if not 1900 <= year <= 2200:
        raise UserError(_("“{year}” is not a valid year.").format(year=year))
    if measures.plan_for_year(db, year) is None:
        raise UserError(_("There is no action plan for {year}.").format(year=year))
    rows = measures.rows_for_year(db, year, today)
    municipality = _municipality_name(db)

    wb = Workbook()
    ws = wb.active
    ws.title = _("Action plan {year}").format(year=year)[:31]
    _write_plan_sheet(ws, db, rows)
    _print_setup(ws, _("Action plan {year}").format(year=year), municipality, len(PLAN_COLUMNS))
    focus = wb.create_sheet(_(SHEET_FOCUS)[:31])
    _write_table(focus, FOCUS_COLUMNS, _focus_rows(db, rows))
    _print_setup(focus, _(SHEET_FOCUS), municipality, len(FOCUS_COLUMNS))
    notes = wb.create_sheet(_(SHEET_NOTES)[:31])
    _write_table(notes, NOTE_COLUMNS, _note_rows(db, rows))
    _print_setup(notes, _(SHEET_NOTES), municipality, len(NOTE_COLUMNS))
    history = wb.create_sheet(_(SHEET_HISTORY)[:31])
    _write_table(history, HISTORY_COLUMNS, _history_rows(db, rows))
    _print_setup(history, _(SHEET_HISTORY), municipality, len(HISTORY_COLUMNS))
    wb.properties.title = _("Action plan {year}").format(year=year)
    wb.properties.creator = "Tryggapp"
    _save(wb, path)
    return ExportReport(path, len(rows), year)


def _municipality_name(db: Database) -> str:
    with db.session() as s:
        m = s.get(d.Municipality, 1)
        return m.name if m else ""


def _save(wb: Any, path: Path) -> None:
    """Write next to the target and rename, so a failed save never leaves half a file."""
    # A plain file name (not mkstemp, which makes the file private to its owner) so the
    # workbook gets the user's normal permissions, like any file they save.
    tmp = str(path.with_name(f".{path.stem}.{uuid.uuid4().hex[:8]}.tmp.xlsx"))
    try:
        try:
            wb.save(tmp)
            os.replace(tmp, path)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
    except PermissionError as exc:
        raise FileProblem(_("“{path}” could not be written ({reason}). Is the file open in Excel? Close it "
                            "and try again.").format(path=path, reason=os_reason(exc))) from exc
    except OSError as exc:
        raise FileProblem(_("“{path}” could not be written: {reason}").format(path=path, reason=os_reason(exc))) from exc


def _plan_values(r: measures.MeasureRow, partners: Mapping[int, list[str]],
                 status_dates: Mapping[int, dt.date]) -> dict[str, Any]:
    return {
        "number": r.number, "focus_area": r.focus_area, "title": r.title, "description": r.description,
        "expected_effect": r.expected_effect, "responsible_person": r.responsible_person,
        "responsible_organisation": r.responsible_organisation, "partners": "; ".join(partners.get(r.id, r.partners)),
        "start_date": r.start_date, "deadline": r.deadline, "status": r.status.label,
        "cancel_reason": r.cancel_reason, "status_date": status_dates.get(r.id), "late": _("Yes") if r.late else "",
        "latest_note": r.latest_note, "latest_note_on": r.latest_note_on, "origin": r.origin.label,
        "carried_over_from": r.carried_over_from_year,
    }


def _partners_in_order(db: Database, ids: Sequence[int]) -> dict[int, list[str]]:
    """Each measure's partners in the order they were added (an import adds them in the
    file's order), not re-sorted: the coordinator's order is kept through a round trip."""
    mp, org = d.MeasurePartner.__table__, d.Organisation.__table__  # type: ignore[attr-defined]
    out: dict[int, list[str]] = {}
    with db.session() as s:
        for measure_id, name in s.execute(
                sa.select(mp.c.measure_id, org.c.name).join(org, org.c.id == mp.c.organisation_id)
                .where(mp.c.measure_id.in_(list(ids))).order_by(mp.c.measure_id, insertion_order("measure_partner"))):
            out.setdefault(measure_id, []).append(name)
    return out


def _status_dates(db: Database, ids: Sequence[int]) -> dict[int, dt.date]:
    """The date of each measure's latest status change (the "Statusdatum" column)."""
    h = d.MeasureStatusChange.__table__  # type: ignore[attr-defined]
    out: dict[int, dt.date] = {}
    with db.session() as s:
        for measure_id, changed_on in s.execute(sa.select(h.c.measure_id, h.c.changed_on)
                                                .where(h.c.measure_id.in_(list(ids)))
                                                .order_by(h.c.measure_id, h.c.changed_on, h.c.id)):
            out[measure_id] = changed_on
    return out


def _write_plan_sheet(ws: Any, db: Database, rows: Sequence[measures.MeasureRow]) -> None:
    from openpyxl.styles import Font

    ids = [r.id for r in rows]
    partners, status_dates = _partners_in_order(db, ids), _status_dates(db, ids)
    _write_table(ws, PLAN_COLUMNS, [_plan_values(r, partners, status_dates) for r in rows])
    late_col = [c.key for c in PLAN_COLUMNS].index("late") + 1
    bold = Font(bold=True)
    for i, r in enumerate(rows, start=2):
        if r.late:  # the word "Ja" in its own column survives a black-and-white printer
            ws.cell(row=i, column=late_col).font = bold


def _write_table(ws: Any, columns: Sequence[Column], rows: Iterable[Mapping[str, Any]]) -> None:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    header_font = Font(bold=True)
    header_fill = PatternFill("solid", fgColor="DDE3EA")
    header_border = Border(bottom=Side(style="thin", color="7A8794"))
    wrap = Alignment(wrap_text=True, vertical="top")
    top = Alignment(vertical="top")
    for i, c in enumerate(columns, start=1):
        put(ws.cell(row=1, column=i), c.title)
    for cell in ws[1]:
        cell.font = header_font
        cell.fill = header_fill
        cell.border = header_border
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    count = 0
    for r, values in enumerate(rows, start=2):
        for i, c in enumerate(columns, start=1):
            value = values.get(c.key)
            if value is not None and value != "":
                put(ws.cell(row=r, column=i), value)
        count += 1
    for i, c in enumerate(columns, start=1):
        letter = get_column_letter(i)
        ws.column_dimensions[letter].width = c.width
        for (cell,) in ws.iter_rows(min_row=2, min_col=i, max_col=i):
            if c.kind == "date":
                cell.number_format = "yyyy-mm-dd"
                cell.alignment = top
            elif c.width >= 24:
                cell.alignment = wrap
            else:
                cell.alignment = top
    ws.freeze_panes = "A2"
    last = get_column_letter(len(columns))
    ws.auto_filter.ref = f"A1:{last}{max(count + 1, 2)}"


def _print_setup(ws: Any, title: str, municipality: str, ncols: int) -> None:
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages down as needed
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "1:1"  # the header row on every printed page
    ws.print_options.gridLines = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.oddHeader.left.text = municipality.replace("&", "&&")
    ws.oddHeader.center.text = title.replace("&", "&&")
    ws.oddFooter.right.text = _("Page &P of &N")
    ws.oddFooter.left.text = "&D"


def _focus_rows(db: Database, rows: Sequence[measures.MeasureRow]) -> list[dict[str, Any]]:
    used = {r.focus_area_id for r in rows if r.focus_area_id}
    fa, dr, pr, g = (t.__table__ for t in (d.FocusArea, d.Direction, d.Programme, d.Goal))  # type: ignore[attr-defined]
    stmt = (sa.select(fa, dr.c.title.label("direction"), pr.c.title.label("programme"))
            .join(dr, dr.c.id == fa.c.direction_id).join(pr, pr.c.id == dr.c.programme_id)
            .where(sa.or_(fa.c.archived == False, fa.c.id.in_(used)))  # noqa: E712
            .order_by(pr.c.id, dr.c.position, fa.c.number))
    out: list[dict[str, Any]] = []
    with db.session() as s:
        areas = s.execute(stmt).mappings().all()
        goals: dict[int, list[Any]] = {}
        for goal in s.execute(sa.select(g).order_by(g.c.focus_area_id, g.c.kind, g.c.position, g.c.id)).mappings():
            goals.setdefault(goal["focus_area_id"], []).append(goal)
    for a in areas:
        base = {"programme": a["programme"], "direction": a["direction"], "number": a["number"],
                "focus_area": a["title"], "description": a["description"]}
        area_goals = goals.get(a["id"], [])
        if not area_goals:
            out.append(base)
        for goal in area_goals:
            out.append({**base, "goal_kind": GoalKind(goal["kind"]).label, "goal": goal["text"],
                        "indicator": goal["indicator"], "unit": goal["unit"], "baseline": goal["baseline"],
                        "baseline_year": goal["baseline_year"], "target": goal["target"],
                        "higher_is_better": _("Yes") if goal["higher_is_better"] else _("No"), "due": goal["due"]})
    return out


def _note_rows(db: Database, rows: Sequence[measures.MeasureRow]) -> list[dict[str, Any]]:
    number_of = {r.id: r.number for r in rows}
    n = d.MeasureNote.__table__  # type: ignore[attr-defined]
    with db.session() as s:
        notes = s.execute(sa.select(n).where(n.c.measure_id.in_(list(number_of)))
                          .order_by(n.c.measure_id, n.c.noted_on, n.c.id)).mappings().all()
    out = [{"number": number_of[x["measure_id"]], "noted_on": x["noted_on"], "text": x["text"],
            "author": x["author"]} for x in notes]
    return sorted(out, key=lambda x: (x["number"], x["noted_on"]))


def _history_rows(db: Database, rows: Sequence[measures.MeasureRow]) -> list[dict[str, Any]]:
    number_of = {r.id: r.number for r in rows}
    h = d.MeasureStatusChange.__table__  # type: ignore[attr-defined]
    with db.session() as s:
        changes = s.execute(sa.select(h).where(h.c.measure_id.in_(list(number_of)))
                            .order_by(h.c.measure_id, h.c.changed_on, h.c.id)).mappings().all()
    out = [{"number": number_of[x["measure_id"]], "changed_on": x["changed_on"],
            "old_status": MeasureStatus(x["old_status"]).label if x["old_status"] else "",
            "new_status": MeasureStatus(x["new_status"]).label, "reason": x["reason"]} for x in changes]
    return sorted(out, key=lambda x: (x["number"], x["changed_on"]))
