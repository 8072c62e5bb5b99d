"""Checking and converting cells: every row and field of a file, all problems at once.

Nothing here touches the database; the model's own rules are checked later, in the
same pass (see changes.py), and their problems join these in one list."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from tryggapp.domain import rules
from tryggapp.domain.enums import GoalKind, MeasureStatus
from tryggapp.errors import UserError
from tryggapp.i18n import _, ngettext
from tryggapp.services.excel.format import (
    FOCUS_COLUMNS,
    HISTORY_COLUMNS,
    KIND_OF,
    LIST_SEPARATORS,
    NOTE_COLUMNS,
    REQUIRED_FIELDS,
    SHEET_FOCUS,
    SHEET_HISTORY,
    SHEET_NOTES,
    STATUS_WORDS,
    YES_WORDS,
    Column,
    header_names,
    norm,
)
from tryggapp.services.excel.reader import Formula, cell_text

# --------------------------------------------------------------------------- errors


@dataclass(frozen=True, slots=True)
class RowError:
    row: int  # the Excel row number, as the user sees it
    column: str  # the column's header
    message: str  # the problem, without the row

    def __str__(self) -> str:
        return _("Row {row}, {column}: {problem}").format(row=self.row, column=self.column, problem=self.message)


class ImportFailed(UserError):
    """The file has bad rows; nothing was imported. `errors` lists every one."""

    exit_code = 2
    SHOWN = 20

    def __init__(self, errors: Sequence[RowError], sheet: str = "") -> None:
        unique = list(dict.fromkeys(errors))
        self.errors = sorted(unique, key=lambda e: e.row)
        self.sheet = sheet
        lines = [str(e) for e in self.errors[: self.SHOWN]]
        rest = len(self.errors) - self.SHOWN
        if rest > 0:
            lines.append(ngettext("… and {n} more error.", "… and {n} more errors.", rest).format(n=rest))
        head = ngettext("Nothing was imported: {n} problem needs fixing.",
                        "Nothing was imported: {n} problems need fixing.", len(self.errors)).format(
            n=len(self.errors))
        super().__init__("\n".join([head, *lines]))


def formula_problem(value: Formula) -> str:
    return _("the cell {cell} holds a formula ({formula}); type the value itself, as text or a date").format(
        cell=value.cell, formula=value.text[:60])


# --------------------------------------------------------------------------- cells


def parse_date_cell(value: Any) -> dt.date | None:
    """A date cell, a datetime cell (LibreOffice writes dates back as datetimes), an
    Excel serial number from a cell without date format, or 'YYYY-MM-DD' text. Raises
    ValueError for anything else."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if 1 <= value < 120_000:  # 1900-01-01 .. year 2228
            from openpyxl.utils.datetime import from_excel

            converted = from_excel(value)
            return converted.date() if isinstance(converted, dt.datetime) else converted
        raise ValueError(value)
    text = str(value).strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return dt.date.fromisoformat(text)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?", text):
        return dt.datetime.fromisoformat(text).date()
    raise ValueError(text)


def parse_status(value: Any) -> MeasureStatus:
    text = cell_text(value)
    if not text:
        return MeasureStatus.NOT_STARTED
    wanted = norm(text)
    for member in MeasureStatus:
        if wanted in (norm(member.label), member.value, norm(MeasureStatus.__labels__[member.value])):
            return member
    if wanted in STATUS_WORDS:
        return STATUS_WORDS[wanted]
    raise ValueError(text)


def parse_int(value: Any) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    text = str(value).strip().rstrip(".")
    if re.fullmatch(r"-?\d+", text):
        return int(text)
    raise ValueError(text)


def parse_float(value: Any) -> float | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    text = str(value).strip().replace("\u00a0", "").replace(" ", "").replace(",", ".").rstrip("%")
    return float(text)


def split_list(value: Any) -> list[str]:
    """Partners are separated by ';' or line breaks, in the file's order (names may
    contain commas: 'Polisen, lokalpolisområde Ekdala'; see changes.Names.partners)."""
    seen: dict[str, str] = {}
    for part in LIST_SEPARATORS.split(cell_text(value)):
        name = " ".join(part.split())
        if name and name.casefold() not in seen:
            seen[name.casefold()] = name
    return list(seen.values())


def text_value(raw: Any) -> str:
    """A text cell exactly as typed (a title may start with a tab or "="); a blank cell is ''."""
    if isinstance(raw, str):
        return raw if raw.strip() else ""
    return cell_text(raw)


def _status_choices() -> str:
    return ", ".join(m.label for m in rules.STORED_STATUS_ORDER)


@dataclass
class ParsedRow:
    row: int  # Excel row number
    values: dict[str, Any] = field(default_factory=dict)
    bad: set[str] = field(default_factory=set)  # fields whose cell could not be read
    empty: set[str] = field(default_factory=set)  # mapped fields whose cell is empty


def parse_rows(rows: Sequence[Sequence[Any]], start: int, mapping: Mapping[str, int],
               labels: Mapping[str, str], errors: list[RowError]) -> list[ParsedRow]:
    """Check and convert every data row; bad cells go to `errors` (each row and field)."""
    parsed: list[ParsedRow] = []
    for offset, values in enumerate(rows):
        excel_row = start + offset
        cells = {key: (values[i] if i < len(values) else None) for key, i in mapping.items()}
        if not any(cell_text(v) for v in cells.values()):
            continue  # an empty line between sections is not an error
        out = ParsedRow(excel_row)
        for key, raw in cells.items():
            kind = KIND_OF.get(key, "text")
            label = labels[key]
            if not cell_text(raw):
                out.empty.add(key)
            if isinstance(raw, Formula):
                errors.append(RowError(excel_row, label, formula_problem(raw)))
                out.bad.add(key)
                continue
            try:
                if kind == "date":
                    out.values[key] = parse_date_cell(raw)
                elif kind == "int":
                    out.values[key] = parse_int(raw)
                elif kind == "status":
                    out.values[key] = parse_status(raw) if cell_text(raw) else None
                elif kind == "list":
                    out.values[key] = split_list(raw)
                else:
                    out.values[key] = text_value(raw)
            except ValueError:
                out.bad.add(key)
                text = cell_text(raw)
                if kind == "date":
                    msg = _("“{value}” is not a valid date (write it as YYYY-MM-DD)").format(value=text)
                elif kind == "int":
                    msg = _("“{value}” is not a whole number").format(value=text)
                else:
                    msg = _("“{value}” is not a known status ({choices})").format(
                        value=text, choices=_status_choices())
                errors.append(RowError(excel_row, label, msg))
        for key in REQUIRED_FIELDS:
            if key in mapping and not out.values.get(key) and key not in out.bad:
                errors.append(RowError(excel_row, labels[key], _("must be filled in")))
                out.bad.add(key)
        parsed.append(out)
    return parsed


def check_duplicate_numbers(parsed: Sequence[ParsedRow], label: str, errors: list[RowError]) -> None:
    first: dict[int, int] = {}
    for p in parsed:
        n = p.values.get("number")
        if n is None:
            continue
        if n < 1:
            errors.append(RowError(p.row, label, _("the number must be 1 or more")))
            p.bad.add("number")
        elif n in first:
            errors.append(RowError(p.row, label, _("number {number} is already used on row {other}").format(
                number=n, other=first[n])))
            p.bad.add("number")
        else:
            first[n] = p.row


# --------------------------------------------------------------------------- our side sheets


def side_sheets(sheets: Sequence[Any]) -> dict[str, list[tuple[Any, ...]]]:
    """Our other sheets by key, found by their (translated or English) names."""
    wanted = {"focus": SHEET_FOCUS, "notes": SHEET_NOTES, "history": SHEET_HISTORY}
    out = {}
    for sheet in sheets[1:]:
        for key, name in wanted.items():
            if norm(sheet.title) in header_names(name):
                out[key] = sheet.rows
    return out


def _table_of(rows: list[tuple[Any, ...]], columns: Sequence[Column], sheet: str,
              errors: list[RowError]) -> list[tuple[int, dict[str, Any]]]:
    """Rows of one of our side sheets as (excel row, {key: value}); header by name."""
    if not rows:
        return []
    headers = [norm(cell_text(v)) for v in rows[0]]
    index = {}
    for c in columns:
        for i, hname in enumerate(headers):
            if hname in header_names(c):
                index[c.key] = i
                break
    out = []
    for n, values in enumerate(rows[1:], start=2):
        if not any(cell_text(v) for v in values):
            continue
        item: dict[str, Any] = {}
        for c in columns:
            i = index.get(c.key)
            raw = values[i] if i is not None and i < len(values) else None
            if isinstance(raw, Formula):
                errors.append(RowError(n, f"{_(sheet)}: {c.title}", formula_problem(raw)))
                continue
            try:
                if c.kind == "date":
                    item[c.key] = parse_date_cell(raw)
                elif c.kind == "int":
                    item[c.key] = parse_int(raw)
                elif c.kind == "status":
                    item[c.key] = parse_status(raw) if cell_text(raw) else None
                elif c.kind == "flag":
                    item[c.key] = norm(cell_text(raw)) in YES_WORDS or norm(cell_text(raw)) == norm(_("Yes"))
                else:
                    item[c.key] = text_value(raw)
            except ValueError:
                errors.append(RowError(n, f"{_(sheet)}: {c.title}",
                                       _("“{value}” is not valid here").format(value=cell_text(raw))))
        out.append((n, item))
    return out


def parse_side_sheets(extra: Mapping[str, list[tuple[Any, ...]]], errors: list[RowError]) -> dict[str, Any]:
    """notes and history by measure number; focus: the focus areas in the file's order
    (key: normalised title) with their direction, number, description and goals."""
    out: dict[str, Any] = {"notes": {}, "history": {}, "focus": {}}
    for n, item in _table_of(extra.get("notes", []), NOTE_COLUMNS, SHEET_NOTES, errors):
        if item.get("number") is None or not item.get("text") or item.get("noted_on") is None:
            errors.append(RowError(n, _(SHEET_NOTES), _("each note needs a number, a date and a text")))
            continue
        out["notes"].setdefault(item["number"], []).append(item)
    for n, item in _table_of(extra.get("history", []), HISTORY_COLUMNS, SHEET_HISTORY, errors):
        if item.get("number") is None or item.get("changed_on") is None or item.get("new_status") is None:
            errors.append(RowError(n, _(SHEET_HISTORY), _("each change needs a number, a date and a status")))
            continue
        out["history"].setdefault(item["number"], []).append(item)
    for n, item in _table_of(extra.get("focus", []), FOCUS_COLUMNS, SHEET_FOCUS, errors):
        if not item.get("focus_area"):
            continue
        area = out["focus"].setdefault(norm(item["focus_area"]), {
            "title": item["focus_area"].strip(), "number": item.get("number"),
            "programme": item.get("programme", ""), "direction": item.get("direction", ""),
            "description": item.get("description", ""), "goals": []})
        if item.get("goal"):
            try:
                kind = GoalKind.from_label(item.get("goal_kind") or "") if item.get("goal_kind") else GoalKind.IMPACT
                goal = {"kind": kind, "text": item["goal"], "indicator": item.get("indicator", ""),
                        "unit": item.get("unit", ""), "baseline": _opt_float(item.get("baseline")),
                        "baseline_year": item.get("baseline_year"), "target": _opt_float(item.get("target")),
                        "higher_is_better": bool(item.get("higher_is_better")), "due": item.get("due")}
            except ValueError:
                errors.append(RowError(n, _(SHEET_FOCUS), _("“{value}” is not valid here").format(
                    value=f"{item.get('goal_kind')} / {item.get('baseline')} / {item.get('target')}")))
                continue
            area["goals"].append(goal)
    return out


def _opt_float(text: Any) -> float | None:
    return parse_float(text) if text not in (None, "") else None
