"""The action plan to and from Excel (.xlsx), the format coordinators' plans live in.

Export writes Tryggapp's own format (documented in docs/excel-format.md): the plan on
the first sheet with Swedish headers, then focus areas and goals, the progress log and
the status history, formatted for printing. Import reads that format back, or any
workbook whose columns the user maps to fields (`read_headers` + `import_plan(mapping=)`).

Import checks every row before it writes anything and reports each bad row and field;
then it writes everything in one transaction, or nothing.

openpyxl is imported inside the functions: it costs ~0.17 s and most runs never need it.
"""

from __future__ import annotations

import datetime as dt
import importlib
import importlib.util
import os
import re
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, select

from tryggapp import domain as d
from tryggapp.domain import rules
from tryggapp.domain.enums import GoalKind, MeasureStatus, OrganisationKind
from tryggapp.errors import UserError
from tryggapp.i18n import N_, _, ngettext
from tryggapp.services import crud, measures, validators
from tryggapp.services.validation import ValidationError
from tryggapp.storage import Database

# --------------------------------------------------------------------------- the format


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    header: str  # English source; the file carries the translation (Swedish)
    width: int
    kind: str = "text"  # text | int | date | status | list | flag
    importable: bool = True  # False: written for the reader, ignored on import

    @property
    def title(self) -> str:
        return _(self.header)


PLAN_COLUMNS: tuple[Column, ...] = (
    Column("number", N_("No."), 6, "int"),
    Column("focus_area", N_("Focus area"), 24),
    Column("title", N_("Measure"), 40),
    Column("description", N_("Description"), 50),
    Column("expected_effect", N_("Expected effect"), 30),
    Column("responsible_person", N_("Responsible person"), 22),
    Column("responsible_organisation", N_("Responsible organisation"), 26),
    Column("partners", N_("Partners"), 30, "list"),
    Column("start_date", N_("Start"), 12, "date"),
    Column("deadline", N_("Deadline"), 12, "date"),
    Column("status", N_("Status"), 14, "status"),
    Column("cancel_reason", N_("Status reason"), 26),
    Column("late", N_("Late"), 10, "flag", importable=False),
    Column("latest_note", N_("Latest note"), 40),
    Column("latest_note_on", N_("Note date"), 12, "date"),
    Column("origin", N_("Origin"), 36, importable=False),
    Column("carried_over_from", N_("Carried over from"), 12, "int", importable=False),
)
COLUMN_BY_KEY = {c.key: c for c in PLAN_COLUMNS}

# The fields a plain workbook's columns can be mapped to (a user's own Excel plan): the
# importable plan columns, the latest-note pair under the names the import uses for them.
_MAPPED_AS = {"latest_note": ("note", N_("Note")), "latest_note_on": ("note_date", N_("Note date"))}
MAPPABLE: tuple[tuple[str, str], ...] = tuple(
    _MAPPED_AS.get(c.key, (c.key, c.header)) for c in PLAN_COLUMNS if c.importable)
REQUIRED_FIELDS = frozenset({"title"})
# How a cell is read, by column key and by mapped field key.
KIND_OF = {key: c.kind for c in PLAN_COLUMNS if c.importable and c.kind != "text"
           for key in (c.key, _MAPPED_AS.get(c.key, (c.key,))[0])}

FOCUS_COLUMNS: tuple[Column, ...] = (
    Column("programme", N_("Programme"), 30),
    Column("direction", N_("Direction"), 30),
    Column("number", N_("No."), 6, "int"),
    Column("focus_area", N_("Focus area"), 30),
    Column("description", N_("Description"), 40),
    Column("goal_kind", N_("Goal type"), 16),
    Column("goal", N_("Goal"), 50),
    Column("indicator", N_("Indicator"), 30),
    Column("unit", N_("Unit"), 10),
    Column("baseline", N_("Baseline"), 11),
    Column("baseline_year", N_("Baseline year"), 11, "int"),
    Column("target", N_("Target"), 11),
    Column("higher_is_better", N_("Higher is better"), 12, "flag"),
    Column("due", N_("Due"), 12, "date"),
)
NOTE_COLUMNS: tuple[Column, ...] = (
    Column("number", N_("No."), 6, "int"),
    Column("noted_on", N_("Date"), 12, "date"),
    Column("text", N_("Note"), 70),
    Column("author", N_("Author"), 22),
)
HISTORY_COLUMNS: tuple[Column, ...] = (
    Column("number", N_("No."), 6, "int"),
    Column("changed_on", N_("Date"), 12, "date"),
    Column("old_status", N_("From"), 14, "status"),
    Column("new_status", N_("To"), 14, "status"),
    Column("reason", N_("Reason"), 50),
)

SHEET_FOCUS = N_("Focus areas and goals")
SHEET_NOTES = N_("Progress log")
SHEET_HISTORY = N_("Status history")

# Words coordinators write in their own plans, beyond our labels. Data, not UI text:
# matched case-insensitively, never shown. "Försenad" is derived from the deadline in
# Tryggapp, so a row marked late is an open, ongoing measure.
STATUS_WORDS: dict[str, MeasureStatus] = {
    **{w: MeasureStatus.NOT_STARTED for w in ("ej påbörjad", "ej påbörjat", "inte påbörjad", "ej startad",
                                               "ej startat", "planerad", "not started")},
    **{w: MeasureStatus.ONGOING for w in ("pågående", "pågår", "påbörjad", "påbörjat", "startad",
                                           "försenad", "ongoing", "late")},
    **{w: MeasureStatus.DONE for w in ("genomförd", "genomfört", "klar", "klart", "avslutad", "avslutat",
                                        "slutförd", "utförd", "completed", "done")},
    **{w: MeasureStatus.PAUSED for w in ("pausad", "pausat", "vilande", "paused")},
    **{w: MeasureStatus.CANCELLED for w in ("avbruten", "avbrutet", "struken", "utgår", "cancelled")},
}
YES_WORDS = frozenset({"ja", "j", "yes", "y", "x", "sant", "true", "1"})
LIST_SEPARATORS = re.compile(r"[;\n]+")
MAX_ROWS = 20_000  # a plan is a few hundred rows; more is the wrong file


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
        self.errors = sorted(errors, key=lambda e: e.row)
        self.sheet = sheet
        lines = [str(e) for e in self.errors[: self.SHOWN]]
        rest = len(self.errors) - self.SHOWN
        if rest > 0:
            lines.append(ngettext("… and {n} more error.", "… and {n} more errors.", rest).format(n=rest))
        head = ngettext("Nothing was imported: {n} problem needs fixing.",
                        "Nothing was imported: {n} problems need fixing.", len(self.errors)).format(
            n=len(self.errors))
        super().__init__("\n".join([head, *lines]))


# --------------------------------------------------------------------------- reading workbooks


def _load(path: Path, *, read_only: bool = True) -> Any:
    """Open a workbook, turning every way a file can be wrong into one clear UserError."""
    from openpyxl import load_workbook

    path = Path(path)
    if not path.is_file():
        raise UserError(_("The file “{path}” does not exist.").format(path=path))
    if path.suffix.lower() == ".xls":
        raise UserError(_("“{name}” is an old Excel file (.xls). Open it in Excel and save it as "
                          "an Excel workbook (.xlsx), then import that.").format(name=path.name))
    try:
        return load_workbook(path, read_only=read_only, data_only=True)
    except Exception as exc:  # zipfile.BadZipFile, InvalidFileException, KeyError, XML errors...
        raise UserError(_("“{name}” could not be read as an Excel workbook (.xlsx). Is it a different "
                          "kind of file, or damaged? ({reason})").format(name=path.name, reason=_reason(exc))) from exc


def _reason(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0][:160]


def cell_text(value: Any) -> str:
    """A cell as the user would read it."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time(0) else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    return str(value).strip()


def _header_row(rows: Sequence[Sequence[Any]]) -> int:
    """Index of the header row: the first row with at least two filled cells. A user's own
    plan often starts with a title line above the headers."""
    for i, values in enumerate(rows[:30]):
        if sum(1 for v in values if cell_text(v)) >= 2:
            return i
    return 0


def _sheet_rows(ws: Any) -> list[tuple[Any, ...]]:
    rows = []
    for values in ws.iter_rows(values_only=True):
        rows.append(tuple(values))
        if len(rows) > MAX_ROWS:
            raise UserError(_("The sheet “{sheet}” has more than {n} rows; is it the right file?").format(
                sheet=ws.title, n=MAX_ROWS))
    # read-only sheets may report trailing empty rows
    while rows and not any(cell_text(v) for v in rows[-1]):
        rows.pop()
    return rows


def _merged_ranges(path: Path, index: int = 0) -> list[tuple[int, int, int, int]]:
    """(min_row, min_col, max_row, max_col) of the merged cells of one sheet. A read-only
    workbook does not report them, so the file is opened again in full; call this only
    after `_sheet_rows` has checked the sheet's size."""
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=False, data_only=True)
    except Exception:  # it loaded read-only a moment ago; without merges it still imports
        return []
    try:
        return [(r.min_row, r.min_col, r.max_row, r.max_col) for r in wb.worksheets[index].merged_cells.ranges]
    finally:
        wb.close()


def _fill_merged(rows: list[tuple[Any, ...]], ranges: Sequence[tuple[int, int, int, int]]) -> list[tuple[Any, ...]]:
    """Give the value of a cell merged down over several rows (a focus area or a
    responsible beside its measures, as users lay out their own plans) to every row it
    spans. openpyxl gives it to the top row only, and the rows under it would silently
    import without it. A merge across columns only (a heading over a row) is not spread."""
    out = [list(r) for r in rows]
    for min_row, min_col, max_row, _max_col in ranges:
        if max_row == min_row or min_row > len(out):
            continue
        top = out[min_row - 1]
        value = top[min_col - 1] if min_col - 1 < len(top) else None
        if value is None:
            continue
        for r in range(min_row, min(max_row, len(out))):
            row = out[r]
            if len(row) < min_col:
                row.extend([None] * (min_col - len(row)))
            if row[min_col - 1] is None:
                row[min_col - 1] = value
    return [tuple(r) for r in out]


def _norm(text: str) -> str:
    return " ".join(text.replace("\n", " ").split()).casefold().rstrip(".:")


def _header_names(column: Column | str) -> set[str]:
    """A header matches its Swedish text and its English source, whatever the UI language."""
    src = column.header if isinstance(column, Column) else column
    return {_norm(src), _norm(_(src))}


# Headers a user's own plan may use, for the mapping dialog's first guess.
GUESSES: dict[str, tuple[str, ...]] = {
    "number": ("nr", "nummer", "id", "no", "#", "löpnummer"),
    "focus_area": ("fokusområde", "område", "focus area", "insatsområde", "målområde"),
    "title": ("åtgärd", "aktivitet", "insats", "measure", "titel", "rubrik", "vad"),
    "description": ("beskrivning", "description", "innehåll"),
    "expected_effect": ("förväntad effekt", "effekt", "expected effect"),
    "responsible_person": ("ansvarig person", "ansvarig", "kontaktperson", "responsible person"),
    "responsible_organisation": ("ansvarig organisation", "ansvarig förvaltning", "förvaltning", "organisation",
                                 "huvudman", "responsible organisation"),
    "partners": ("samverkanspartner", "samverkan", "partner", "partners", "samverkanspart"),
    "start_date": ("start", "startdatum", "påbörjas", "start date"),
    "deadline": ("deadline", "klart senast", "slutdatum", "klar", "tidplan", "datum", "senast"),
    "status": ("status", "läge"),
    "cancel_reason": ("statusorsak", "orsak", "kommentar till status", "status reason"),
    "note": ("senaste anteckning", "anteckning", "kommentar", "uppföljning", "note", "latest note"),
    "note_date": ("anteckningsdatum", "note date"),
}


def guess_mapping(headers: Sequence[str]) -> dict[str, int]:
    """field -> column index for headers we recognise (exact names first, then synonyms)."""
    normed = [_norm(h) for h in headers]
    out: dict[str, int] = {}
    taken: set[int] = set()
    for key, label in MAPPABLE:
        names = _header_names(label) | {_norm(g) for g in GUESSES.get(key, ())}
        if key == "note":
            names |= _header_names(COLUMN_BY_KEY["latest_note"])
        for i, h in enumerate(normed):
            if i not in taken and h in names:
                out[key] = i
                taken.add(i)
                break
    return out


@dataclass(frozen=True, slots=True)
class WorkbookPreview:
    """The first sheet of a workbook, for the mapping dialog."""

    sheet: str
    header_row: int  # Excel row number of the headers
    headers: list[str]
    sample_rows: list[list[str]]  # the first data rows, as text
    row_count: int  # data rows below the headers
    is_standard: bool  # Tryggapp's own export format: no mapping needed
    year: int | None  # the year the file names (sheet title), if any
    suggested: dict[str, int]  # field -> column index


def read_headers(path: Path, samples: int = 5) -> WorkbookPreview:
    """Column names and a few rows of the first sheet, and whether it is our format."""
    wb = _load(path)
    try:
        ws = wb.worksheets[0]
        rows = _sheet_rows(ws)
        title = ws.title
    finally:
        wb.close()
    if not rows:
        raise UserError(_("The first sheet of “{name}” is empty.").format(name=Path(path).name))
    rows = _fill_merged(rows, _merged_ranges(Path(path)))
    h = _header_row(rows)
    headers = [cell_text(v) for v in rows[h]]
    while headers and not headers[-1]:
        headers.pop()
    data = [r for r in rows[h + 1:] if any(cell_text(v) for v in r)]
    sample = [[cell_text(v) for v in r[: len(headers)]] for r in data[:samples]]
    missing = _missing_standard(headers)
    return WorkbookPreview(title, h + 1, headers, sample, len(data), not missing, _year_in(title),
                           guess_mapping(headers))


def _year_in(text: str | None) -> int | None:
    m = re.search(r"\b(19|20|21)\d\d\b", text or "")
    return int(m.group(0)) if m else None


def _missing_standard(headers: Sequence[str]) -> list[Column]:
    normed = {_norm(h) for h in headers}
    return [c for c in PLAN_COLUMNS if c.importable and not (_header_names(c) & normed)]


def standard_mapping(headers: Sequence[str]) -> dict[str, int]:
    """field -> column index in our own format (extra, unknown columns are ignored)."""
    normed = [_norm(h) for h in headers]
    out = {}
    for c in PLAN_COLUMNS:
        if not c.importable:
            continue
        for i, h in enumerate(normed):
            if h in _header_names(c):
                out["note" if c.key == "latest_note" else "note_date" if c.key == "latest_note_on" else c.key] = i
                break
    return out


# --------------------------------------------------------------------------- parsing cells


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
    wanted = _norm(text)
    for member in MeasureStatus:
        if wanted in (_norm(member.label), member.value, _norm(MeasureStatus.__labels__[member.value])):
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
    """Partners are separated by ';' or line breaks (names may contain commas:
    'Polisen, lokalpolisområde Ekdala')."""
    seen: dict[str, str] = {}
    for part in LIST_SEPARATORS.split(cell_text(value)):
        name = " ".join(part.split())
        if name and name.casefold() not in seen:
            seen[name.casefold()] = name
    return list(seen.values())


def _status_choices() -> str:
    return ", ".join(m.label for m in rules.STORED_STATUS_ORDER)


@dataclass
class ParsedRow:
    row: int  # Excel row number
    values: dict[str, Any] = field(default_factory=dict)


def _parse_rows(rows: Sequence[Sequence[Any]], start: int, mapping: Mapping[str, int],
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
            try:
                if kind == "date":
                    out.values[key] = parse_date_cell(raw)
                elif kind == "int":
                    out.values[key] = parse_int(raw)
                elif kind == "status":
                    out.values[key] = parse_status(raw)
                elif kind == "list":
                    out.values[key] = split_list(raw)
                else:
                    out.values[key] = cell_text(raw) if not isinstance(raw, str) else raw.strip()
            except ValueError:
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
            if key in mapping and not out.values.get(key):
                errors.append(RowError(excel_row, labels[key], _("must be filled in")))
        parsed.append(out)
    return parsed


def _check_duplicate_numbers(parsed: Sequence[ParsedRow], label: str, errors: list[RowError]) -> None:
    first: dict[int, int] = {}
    for p in parsed:
        n = p.values.get("number")
        if n is None:
            continue
        if n < 1:
            errors.append(RowError(p.row, label, _("the number must be 1 or more")))
        elif n in first:
            errors.append(RowError(p.row, label, _("number {number} is already used on row {other}").format(
                number=n, other=first[n])))
        else:
            first[n] = p.row


# --------------------------------------------------------------------------- resolving names


class _Names:
    """Finds organisations, people and focus areas by name inside the import's session,
    creating what is missing (and remembering what it created, for the report)."""

    def __init__(self, s: Session, report: ImportReport, focus_sheet: dict[str, dict[str, Any]],
                 plan: d.ActionPlan) -> None:
        self.s = s
        self.report = report
        self.plan = plan
        self.focus_sheet = focus_sheet
        self.orgs: dict[str, d.Organisation] = {}
        for o in s.exec(select(d.Organisation)).all():
            self.orgs.setdefault(_norm(o.name), o)
            if o.short_name:
                self.orgs.setdefault(_norm(o.short_name), o)
        self.people: dict[str, list[d.Person]] = {}
        for p in s.exec(select(d.Person).order_by(d.Person.archived, d.Person.id)).all():
            self.people.setdefault(_norm(p.name), []).append(p)
        self.areas = list(s.exec(select(d.FocusArea).order_by(d.FocusArea.archived, d.FocusArea.id)).all())

    def organisation(self, name: str) -> d.Organisation | None:
        if not name:
            return None
        found = self.orgs.get(_norm(name))
        if found is None:
            found = d.Organisation(name=" ".join(name.split()), kind=OrganisationKind.OTHER)
            self.s.add(found)
            self.s.flush()
            self.orgs[_norm(name)] = found
            self.report.created_organisations.append(found.name)
        return found

    def person(self, name: str, organisation: d.Organisation | None) -> d.Person | None:
        """By name; with namesakes, the one in the row's organisation. Created if missing."""
        if not name:
            return None
        candidates = self.people.get(_norm(name), [])
        if organisation is not None:
            same_org = [p for p in candidates if p.organisation_id == organisation.id]
            candidates = same_org or candidates
        if candidates:
            return candidates[0]
        person = d.Person(name=" ".join(name.split()), organisation_id=organisation.id if organisation else None)
        self.s.add(person)
        self.s.flush()
        self.people.setdefault(_norm(name), []).append(person)
        self.report.created_people.append(person.name)
        return person

    def focus_area(self, text: str) -> d.FocusArea:
        """'3 Trygg stadsmiljö' (our export), 'Trygg stadsmiljö' or '3'."""
        number, title = _split_focus(text)
        for area in self.areas:
            if title and _norm(area.title) == _norm(title) and (number is None or area.number == number):
                return area
        for area in self.areas:
            if title and _norm(area.title) == _norm(title):
                return area
        if not title and number is not None:
            for area in self.areas:
                if area.number == number and not area.archived:
                    return area
        return self._create_area(number, title or text)

    def _create_area(self, number: int | None, title: str) -> d.FocusArea:
        info = self.focus_sheet.get(_norm(title), {})
        direction = self._direction(info.get("programme", ""), info.get("direction", ""))
        used = {a.number for a in self.areas}
        if number is None or number in used:
            number = max(used | {0}) + 1
        area = d.FocusArea(direction_id=direction.id, number=number, title=title,
                           description=info.get("description", ""))
        self.s.add(area)
        self.s.flush()
        for position, goal in enumerate(info.get("goals", [])):
            self.s.add(d.Goal(focus_area_id=area.id, position=position, **goal))
        self.areas.append(area)
        self.report.created_focus_areas.append(rules.focus_area_label(area.number, area.title))
        return area

    def _direction(self, programme_title: str, direction_title: str) -> d.Direction:
        programme = None
        if programme_title:
            programme = self.s.exec(select(d.Programme).where(d.Programme.title == programme_title)).first()
        if programme is None and self.plan.programme_id:
            programme = self.s.get(d.Programme, self.plan.programme_id)
        if programme is None:
            programme = self.s.exec(select(d.Programme).order_by(d.Programme.id.desc())).first()
        if programme is None:
            programme = d.Programme(title=programme_title or _("Imported action programme"))
            self.s.add(programme)
            self.s.flush()
        if self.plan.programme_id is None:
            self.plan.programme_id = programme.id
        dirs = list(self.s.exec(select(d.Direction).where(d.Direction.programme_id == programme.id)
                                .order_by(d.Direction.position)).all())
        wanted = direction_title or _("Imported focus areas")
        for direction in dirs:
            if _norm(direction.title) == _norm(wanted) or (not direction_title and len(dirs) == 1):
                return direction
        direction = d.Direction(programme_id=programme.id, title=wanted, position=len(dirs))
        self.s.add(direction)
        self.s.flush()
        return direction


def _split_focus(text: str) -> tuple[int | None, str]:
    m = re.fullmatch(r"\s*(\d+)[.:)]?\s*(.*?)\s*", text)
    if m:
        return int(m.group(1)), m.group(2)
    return None, text.strip()


# --------------------------------------------------------------------------- import


@dataclass
class ImportReport:
    year: int
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    notes: int = 0
    created_organisations: list[str] = field(default_factory=list)
    created_people: list[str] = field(default_factory=list)
    created_focus_areas: list[str] = field(default_factory=list)
    backup: Path | None = None
    dry_run: bool = False

    def summary(self) -> str:
        parts = [
            ngettext("{n} new measure", "{n} new measures", self.created).format(n=self.created),
            ngettext("{n} measure updated", "{n} measures updated", self.updated).format(n=self.updated),
        ]
        if self.created_organisations:
            parts.append(ngettext("{n} new organisation", "{n} new organisations",
                                  len(self.created_organisations)).format(n=len(self.created_organisations)))
        if self.created_people:
            parts.append(ngettext("{n} new person", "{n} new people",
                                  len(self.created_people)).format(n=len(self.created_people)))
        if self.created_focus_areas:
            parts.append(ngettext("{n} new focus area", "{n} new focus areas",
                                  len(self.created_focus_areas)).format(n=len(self.created_focus_areas)))
        return _("Action plan {year}: {parts}.").format(year=self.year, parts=", ".join(parts))


def backup_before_import(db: Database) -> Path | None:
    """A backup named 'före-import' when the backups service is installed (it is written
    separately; the import must work without it)."""
    if importlib.util.find_spec("tryggapp.services.backups") is None:
        return None
    backups = importlib.import_module("tryggapp.services.backups")
    result = backups.backup_now(db, getattr(backups, "BEFORE_IMPORT", "före-import"))
    return result if isinstance(result, Path) else getattr(result, "path", None)


def import_plan(db: Database, path: Path, year: int | None = None, mapping: Mapping[str, int] | None = None,
                today: dt.date | None = None, *, dry_run: bool = False) -> ImportReport:
    """Import `path` into `year`'s action plan (created if missing).

    mapping None: the file must be in Tryggapp's format (the export); its other sheets
    (progress log, status history, focus areas and goals) are read too. Otherwise
    `mapping` maps field keys (see MAPPABLE) to 0-based column indexes of the first
    sheet, whose header row is found as in `read_headers`.

    A row whose number matches a measure already in the plan updates it (only the mapped
    fields); other rows are added. Every row is checked first; any problem raises
    ImportFailed listing each row and field, and nothing is written. `dry_run` checks and
    counts without writing."""
    today = today or dt.date.today()
    wb = _load(path)
    try:
        ws = wb.worksheets[0]
        rows = _sheet_rows(ws)
        sheet_title = ws.title
        extra = _extra_sheets(wb) if mapping is None else {}
    finally:
        wb.close()
    if not rows:
        raise UserError(_("The first sheet of “{name}” is empty.").format(name=Path(path).name))
    rows = _fill_merged(rows, _merged_ranges(Path(path)))
    h = _header_row(rows)
    headers = [cell_text(v) for v in rows[h]]
    standard = mapping is None
    if standard:
        missing = _missing_standard(headers)
        if missing:
            raise UserError(ngettext(
                "“{name}” is not in Tryggapp's format: the column {columns} is missing (row {row}). "
                "Import it with column mapping instead.",
                "“{name}” is not in Tryggapp's format: the columns {columns} are missing (row {row}). "
                "Import it with column mapping instead.", len(missing)).format(
                name=Path(path).name, columns=", ".join(_("“{column}”").format(column=c.title) for c in missing), row=h + 1))
        mapping = standard_mapping(headers)
    else:
        mapping = dict(mapping)
        bad = [k for k, i in mapping.items() if k not in dict(MAPPABLE) or not 0 <= i < max(len(headers), 1)]
        if bad:
            raise UserError(_("Unknown field or column in the mapping: {fields}").format(fields=", ".join(bad)))
        if "title" not in mapping:
            raise UserError(_("Choose the column that holds the measure (“{field}”).").format(field=_("Measure")))
    year = year if year is not None else _year_in(sheet_title)
    if year is None:
        raise UserError(_("Which year's action plan is this? The sheet name “{sheet}” does not say; "
                          "choose the year.").format(sheet=sheet_title))
    if not 1900 <= year <= 2200:
        raise UserError(_("“{year}” is not a valid year.").format(year=year))

    labels = {key: headers[i] or _(dict(MAPPABLE)[key]) for key, i in mapping.items()}
    errors: list[RowError] = []
    parsed = _parse_rows(rows[h + 1:], h + 2, mapping, labels, errors)
    if "number" in mapping:
        _check_duplicate_numbers(parsed, labels["number"], errors)
    if not parsed and not errors:
        raise UserError(_("“{name}” has no rows to import below the headers.").format(name=Path(path).name))
    extra_parsed = _parse_extra(extra, errors) if standard else {}
    if errors:
        raise ImportFailed(errors, sheet_title)

    report = ImportReport(year=year, dry_run=dry_run)
    if not dry_run:
        report.backup = backup_before_import(db)
    # One transaction: db.session() rolls everything back if anything below raises.
    with db.session() as s:
        _write(s, parsed, mapping, labels, year, today, report, extra_parsed, errors)
        if errors:
            raise ImportFailed(errors, sheet_title)
        if dry_run:
            s.rollback()
        else:
            crud._commit(db, s)
    return report


def _extra_sheets(wb: Any) -> dict[str, list[tuple[Any, ...]]]:
    """Our other sheets by key, found by their (translated or English) names."""
    wanted = {"focus": SHEET_FOCUS, "notes": SHEET_NOTES, "history": SHEET_HISTORY}
    out = {}
    for ws in wb.worksheets[1:]:
        for key, name in wanted.items():
            if _norm(ws.title) in _header_names(name):
                out[key] = _sheet_rows(ws)
    return out


def _table_of(rows: list[tuple[Any, ...]], columns: Sequence[Column], sheet: str,
              errors: list[RowError]) -> list[tuple[int, dict[str, Any]]]:
    """Rows of one of our side sheets as (excel row, {key: value}); header by name."""
    if not rows:
        return []
    headers = [_norm(cell_text(v)) for v in rows[0]]
    index = {}
    for c in columns:
        for i, hname in enumerate(headers):
            if hname in _header_names(c):
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
            try:
                if c.kind == "date":
                    item[c.key] = parse_date_cell(raw)
                elif c.kind == "int":
                    item[c.key] = parse_int(raw)
                elif c.kind == "status":
                    item[c.key] = parse_status(raw) if cell_text(raw) else None
                elif c.kind == "flag":
                    item[c.key] = _norm(cell_text(raw)) in YES_WORDS or _norm(cell_text(raw)) == _norm(_("Yes"))
                else:
                    item[c.key] = cell_text(raw)
            except ValueError:
                errors.append(RowError(n, f"{_(sheet)}: {c.title}",
                                       _("“{value}” is not valid here").format(value=cell_text(raw))))
        out.append((n, item))
    return out


def _parse_extra(extra: Mapping[str, list[tuple[Any, ...]]], errors: list[RowError]) -> dict[str, Any]:
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
        area = out["focus"].setdefault(_norm(item["focus_area"]), {
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


def _write(s: Session, parsed: Sequence[ParsedRow], mapping: Mapping[str, int], labels: Mapping[str, str],
           year: int, today: dt.date, report: ImportReport, extra: Mapping[str, Any],
           errors: list[RowError]) -> None:
    plan = measures.ensure_plan_in(s, year)
    names = _Names(s, report, extra.get("focus", {}), plan)
    # Names first: creating an organisation flushes the session, which must not push a
    # half-checked measure to the database (it would fail on a bare constraint name).
    resolved = [_resolve(names, p, mapping) for p in parsed]
    existing = {m.number: m for m in s.exec(select(d.Measure).where(d.Measure.action_plan_id == plan.id)).all()}
    next_number = max([*existing, *(p.values.get("number") or 0 for p in parsed), 0]) + 1
    pending: list[tuple[ParsedRow, d.Measure, bool, MeasureStatus | None]] = []
    with s.no_autoflush:
        for p, ids in zip(parsed, resolved, strict=True):
            v = p.values
            number = v.get("number")
            if number is None:
                number, next_number = next_number, next_number + 1
            measure = existing.get(number)
            is_new = measure is None
            old_status = None if measure is None else measure.status
            if measure is None:
                measure = d.Measure(action_plan_id=plan.id, number=number, title="")
            changes: dict[str, Any] = dict(ids)
            for key in ("title", "description", "expected_effect", "cancel_reason"):
                if key in mapping:
                    changes[key] = v.get(key) or ""
            for key in ("start_date", "deadline"):
                if key in mapping:
                    changes[key] = v.get(key)
            if "status" in mapping:
                changes["status"] = v.get("status") or MeasureStatus.NOT_STARTED
            dirty = False
            for key, value in changes.items():
                if getattr(measure, key) != value:
                    setattr(measure, key, value)
                    dirty = True
            pending.append((p, measure, is_new, old_status))
            if is_new:
                report.created += 1
            elif dirty:
                report.updated += 1
            else:
                report.unchanged += 1
        for p, measure, _is_new, _old in pending:
            try:
                validators.validate(measure, s)
            except ValidationError as exc:
                for e in exc.errors:
                    errors.append(RowError(p.row, labels.get(e.field, e.label), e.message))
    if errors:
        return
    s.add_all([m for _p, m, is_new, _o in pending if is_new])
    s.flush()
    # What the plan's measures already have, in two queries (not two per row).
    mp, mn = d.MeasurePartner.__table__, d.MeasureNote.__table__  # type: ignore[attr-defined]
    old_ids = [m.id for m in existing.values()]
    partners: dict[int, set[int]] = {}
    notes: dict[int, set[tuple[dt.date, str]]] = {}
    for measure_id, org_id in s.execute(sa.select(mp.c.measure_id, mp.c.organisation_id)
                                        .where(mp.c.measure_id.in_(old_ids))):
        partners.setdefault(measure_id, set()).add(org_id)
    # A carried-over measure shows (and exports) its predecessors' notes as its own latest
    # note: they count as known, or a round trip would copy them onto the new row.
    owner: dict[int, list[int]] = {}
    for m in existing.values():
        for ancestor in (measures.chain_ids(s, m.id) if m.carried_over_from_id is not None else [m.id]):
            owner.setdefault(ancestor, []).append(m.id)
    for measure_id, noted_on, text in s.execute(sa.select(mn.c.measure_id, mn.c.noted_on, mn.c.text)
                                                .where(mn.c.measure_id.in_(list(owner)))):
        for mine in owner[measure_id]:
            notes.setdefault(mine, set()).add((noted_on, text.strip()))
    for p, measure, is_new, old_status in pending:
        _write_children(s, p, measure, is_new, old_status, mapping, extra, names, today, report,
                        partners.get(measure.id, set()), notes.get(measure.id, set()))


def _resolve(names: _Names, p: ParsedRow, mapping: Mapping[str, int]) -> dict[str, int | None]:
    """The row's focus area, organisation and person as ids (created when missing)."""
    v = p.values
    out: dict[str, int | None] = {}
    if "focus_area" in mapping:
        out["focus_area_id"] = names.focus_area(v["focus_area"]).id if v.get("focus_area") else None
    org = None
    if "responsible_organisation" in mapping:
        org = names.organisation(v.get("responsible_organisation", ""))
        out["responsible_organisation_id"] = org.id if org else None
    if "responsible_person" in mapping:
        person = names.person(v.get("responsible_person", ""), org)
        out["responsible_person_id"] = person.id if person else None
    return out


def _write_children(s: Session, p: ParsedRow, measure: d.Measure, is_new: bool, old_status: MeasureStatus | None,
                    mapping: Mapping[str, int], extra: Mapping[str, Any], names: _Names, today: dt.date,
                    report: ImportReport, have: set[int], known: set[tuple[dt.date, str]]) -> None:
    """Partners, progress notes and status history of one imported row (`have`: its
    partners now, `known`: its notes now, as (date, text))."""
    v = p.values
    history = extra.get("history", {}).get(measure.number) if is_new else None
    if history:
        for h in history:  # in the file's order: same-day changes keep their sequence
            s.add(d.MeasureStatusChange(measure_id=measure.id, changed_on=h["changed_on"], old_status=h["old_status"],
                                        new_status=h["new_status"], reason=h.get("reason", "")))
        old_status = history[-1]["new_status"]
    if (not history and is_new) or measure.status != old_status:
        s.add(d.MeasureStatusChange(measure_id=measure.id, changed_on=today, old_status=old_status,
                                    new_status=measure.status, reason=measure.cancel_reason))
    if "partners" in mapping:
        wanted = {names.organisation(n).id for n in v.get("partners", [])}
        mp = d.MeasurePartner.__table__  # type: ignore[attr-defined]
        for org_id in wanted - have:
            s.add(d.MeasurePartner(measure_id=measure.id, organisation_id=org_id))
        if have - wanted:
            s.execute(sa.delete(mp).where(mp.c.measure_id == measure.id, mp.c.organisation_id.in_(have - wanted)))
    notes = extra.get("notes", {}).get(measure.number)
    if notes is None and v.get("note"):
        notes = [{"noted_on": v.get("note_date") or today, "text": v["note"], "author": ""}]
    for n in notes or []:
        key = (n["noted_on"], n["text"].strip())
        if key not in known:
            s.add(d.MeasureNote(measure_id=measure.id, noted_on=n["noted_on"], text=n["text"].strip(),
                                author=n.get("author", "")))
            known.add(key)
            report.notes += 1


# --------------------------------------------------------------------------- export


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
    _write_plan_sheet(ws, rows)
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
        raise UserError(_("“{path}” could not be written. Is the file open in Excel? Close it and try "
                          "again.").format(path=path)) from exc
    except OSError as exc:
        raise UserError(_("“{path}” could not be written: {reason}").format(path=path, reason=exc.strerror or exc)) from exc


def _plan_values(r: measures.MeasureRow) -> dict[str, Any]:
    return {
        "number": r.number, "focus_area": r.focus_area, "title": r.title, "description": r.description,
        "expected_effect": r.expected_effect, "responsible_person": r.responsible_person,
        "responsible_organisation": r.responsible_organisation, "partners": "; ".join(r.partners),
        "start_date": r.start_date, "deadline": r.deadline, "status": r.status.label,
        "cancel_reason": r.cancel_reason, "late": _("Yes") if r.late else "",
        "latest_note": r.latest_note, "latest_note_on": r.latest_note_on, "origin": r.origin.label,
        "carried_over_from": r.carried_over_from_year,
    }


def _write_plan_sheet(ws: Any, rows: Sequence[measures.MeasureRow]) -> None:
    from openpyxl.styles import Font

    _write_table(ws, PLAN_COLUMNS, [_plan_values(r) for r in rows])
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
    ws.append([c.title for c in columns])
    for cell in ws[1]:
        cell.font = header_font
        cell.fill = header_fill
        cell.border = header_border
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    count = 0
    for values in rows:
        ws.append([values.get(c.key) if values.get(c.key) != "" else None for c in columns])
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


def field_label(key: str) -> str:
    """The translated name of a mappable field."""
    return _(dict(MAPPABLE)[key])

