"""Reading a workbook file into plain rows of cell values: .xlsx (openpyxl, read-only),
.ods (python-calamine) and .csv (the standard library).

Every way a file can be wrong becomes one Swedish UserError; no library's own text
reaches the user. A sheet's real size is checked before its rows are read, so a hostile
file (one cell in the last column and row) is refused in seconds with little memory.

Cell values keep their type (str, int, float, date, datetime, bool, None). A cell that
holds a formula is read as a `Formula`: the import refuses it when it reads that cell,
since the value the user saw is not in the file in a form we trust.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import iterparse

from tryggapp.errors import UserError
from tryggapp.i18n import _
from tryggapp.services.excel.format import MAX_COLUMNS, MAX_FILE_BYTES, MAX_ROWS

Range = tuple[int, int, int, int]  # min_row, min_col, max_row, max_col (1-based)


@dataclass(frozen=True, slots=True)
class Formula:
    """A formula cell: its text and where it is ("E7")."""

    text: str
    cell: str

    def __str__(self) -> str:
        return self.text


class Percent(float):
    """A number from a cell Excel formats as a percentage: 0.12 that the user sees as
    "12 %". Still a float for every reader; the statistics import multiplies it back."""

    __slots__ = ()


@dataclass
class Sheet:
    title: str
    rows: list[tuple[Any, ...]]
    merged: list[Range] = field(default_factory=list)


@dataclass
class Book:
    """The sheets of a file that were asked for (the first, or all)."""

    name: str
    kind: str  # xlsx | ods | csv
    sheets: list[Sheet]


# --------------------------------------------------------------------------- text in cells

# Office Open XML writes a character XML cannot carry (a carriage return, control
# characters) as _xHHHH_; Excel and LibreOffice read it back as the character.
_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")
_NEEDS_ESCAPE = re.compile(r"[\x00-\x08\x0b\x0c\x0d\x0e-\x1f\ufffe\uffff]|_(?=x[0-9A-Fa-f]{4}_)")


def escape_text(text: str) -> str:
    """User text as an .xlsx string cell holds it without loss (see _ESCAPED)."""
    return _NEEDS_ESCAPE.sub(lambda m: f"_x{ord(m.group(0)):04X}_", text)


def unescape_text(text: str) -> str:
    return _ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), text) if "_x" in text else text


def cell_text(value: Any) -> str:
    """A cell as the user would read it."""
    if value is None:
        return ""
    if isinstance(value, Formula):
        return value.text
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time(0) else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def column_letter(index: int) -> str:
    """0-based column index -> 'A', 'AB'."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


# --------------------------------------------------------------------------- opening


def _kind_of(path: Path) -> str:
    """The file's real kind, from its first bytes rather than its name."""
    try:
        with path.open("rb") as f:
            head = f.read(8)
    except IsADirectoryError:
        raise UserError(_("“{path}” is a folder, not a file.").format(path=path)) from None
    except PermissionError:
        raise UserError(_("“{name}” could not be opened: you do not have permission to read it.").format(
            name=path.name)) from None
    except OSError as exc:
        raise UserError(_("“{name}” could not be opened ({reason}).").format(
            name=path.name, reason=os_reason(exc))) from None
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "xls"
    if head.startswith(b"PK"):
        try:
            with zipfile.ZipFile(path) as z:
                names = set(z.namelist())
                if "mimetype" in names and z.read("mimetype").startswith(b"application/vnd.oasis.opendocument"):
                    return "ods"
                if "xl/workbook.xml" in names:
                    return "xlsx"
        except (zipfile.BadZipFile, OSError, KeyError):
            pass
        return "broken"
    if path.suffix.lower() in (".csv", ".txt"):
        return "csv"
    return "unknown"


def os_reason(exc: OSError) -> str:
    """An OS error in the user's words, never the library's English."""
    if isinstance(exc, PermissionError):
        return _("no permission")
    if isinstance(exc, FileNotFoundError):
        return _("the file is missing")
    if getattr(exc, "errno", None) == 28:
        return _("the disk is full")
    return _("the system refused it")


@contextlib.contextmanager
def _reading(path: Path, wb: Any) -> Iterator[None]:
    """Read from an open workbook: whatever the library raises is "damaged" (our own
    refusals pass through as they are), and the workbook is closed either way."""
    try:
        yield
    except UserError:
        raise
    except Exception:
        raise _not_readable(path) from None
    finally:
        wb.close()


class NotASpreadsheet(UserError):
    exit_code = 2  # the input file is not what the command needs (README's table)


def _not_readable(path: Path) -> UserError:
    return NotASpreadsheet(_("“{name}” could not be read as a spreadsheet. Is it a different kind of file, or damaged? "
                       "Open it in Excel or LibreOffice and save it as an Excel workbook (.xlsx).").format(
        name=path.name))


def read_book(path: Path, *, all_sheets: bool = False) -> Book:
    """The first sheet of `path` (or all its sheets), size-checked, as rows of values."""
    path = Path(path)
    if not path.exists():
        raise UserError(_("The file “{path}” does not exist.").format(path=path))
    kind = _kind_of(path)
    if kind == "xls":
        raise UserError(_("“{name}” is an old Excel file (.xls). Open it in Excel and save it as "
                          "an Excel workbook (.xlsx), then import that.").format(name=path.name))
    if kind == "xlsx":
        return _read_xlsx(path, all_sheets)
    if kind == "ods":
        return _read_ods(path, all_sheets)
    if kind == "csv":
        return _read_csv(path)
    raise _not_readable(path)


def _too_big(path: Path, sheet: str, rows: int | None, cols: int | None) -> UserError:
    if rows is None and cols is None:
        return UserError(_("The sheet “{sheet}” in “{name}” is larger than an action plan can be (at most {rows} "
                           "rows and {cols} columns). Something far down or to the right was filled in or "
                           "formatted by mistake: press Ctrl+End to find it, delete those rows or columns and "
                           "save again.").format(sheet=sheet, name=path.name, rows=MAX_ROWS, cols=MAX_COLUMNS))
    corner = f"{column_letter((cols or 1) - 1)}{rows or 1}"
    return UserError(_("The sheet “{sheet}” in “{name}” reaches cell {cell}: more than an action plan can be "
                       "(at most {rows} rows and {cols} columns). Something far down or to the right was "
                       "filled in or formatted by mistake: press Ctrl+End in Excel to find it, delete those "
                       "rows or columns and save again.").format(
        sheet=sheet, name=path.name, cell=corner, rows=MAX_ROWS, cols=MAX_COLUMNS))


# --------------------------------------------------------------------------- .xlsx


def _read_xlsx(path: Path, all_sheets: bool) -> Book:
    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(path) as z:
            total = sum(i.file_size for i in z.infolist() if i.filename.startswith("xl/worksheets/"))
    except (zipfile.BadZipFile, OSError):
        raise _not_readable(path) from None
    if total > MAX_FILE_BYTES:
        raise UserError(_("“{name}” holds {size} MB of cells: far more than an action plan. Is it the right "
                          "file?").format(name=path.name, size=total // 1_000_000))
    try:
        # read_only: rows are streamed, never the whole sheet in memory; data_only=False
        # so a formula shows as one (and is refused where it is read).
        wb = load_workbook(path, read_only=True, data_only=False)
    except Exception:  # BadZipFile, InvalidFileException, KeyError, XML errors: all "damaged"
        raise _not_readable(path) from None
    with _reading(path, wb):
        sheets = []
        for ws in wb.worksheets if all_sheets else wb.worksheets[:1]:
            sheets.append(Sheet(ws.title, _xlsx_rows(path, ws), _xlsx_merged(path, ws)))
        return Book(path.name, "xlsx", sheets)


def _xlsx_rows(path: Path, ws: Any) -> list[tuple[Any, ...]]:
    # The dimension the file declares ("A1:XFD1048576") is checked first: reading would
    # pad every row to it.
    max_row, max_col = ws.max_row, ws.max_column
    if (max_row or 0) > MAX_ROWS + 1 or (max_col or 0) > MAX_COLUMNS:
        raise _too_big(path, ws.title, max_row, max_col)
    declared = max_row is not None and max_col is not None
    if not declared:
        # No dimension declared: rows come as long as their content (not padded), and
        # the caps are checked while reading.
        ws.reset_dimensions()
    rows: list[tuple[Any, ...]] = []
    for r, cells in enumerate(ws.iter_rows(max_col=max_col if declared else None), start=1):
        if r > MAX_ROWS + 1:
            raise _too_big(path, ws.title, r, max_col)
        if not cells:
            rows.append(())
            continue
        if len(cells) > MAX_COLUMNS:
            if any(getattr(cell, "value", None) is not None for cell in cells[MAX_COLUMNS:]):
                raise _too_big(path, ws.title, r, len(cells))
            cells = cells[:MAX_COLUMNS]
        values = []
        for c, cell in enumerate(cells):
            value = getattr(cell, "value", None)
            if getattr(cell, "data_type", None) == "f":
                value = Formula(str(value), f"{column_letter(c)}{r}")
            elif isinstance(value, str):
                value = unescape_text(value)
            elif (isinstance(value, float | int) and not isinstance(value, bool)
                  and "%" in (getattr(cell, "number_format", "") or "")):
                value = Percent(value)
            values.append(value)
        rows.append(tuple(values))
    return _trim(rows)


def _xlsx_merged(path: Path, ws: Any) -> list[Range]:
    """The sheet's merged cells, from its XML (a read-only workbook does not report them;
    loading it in full would defeat the size check)."""
    from openpyxl.utils.cell import range_boundaries

    part = getattr(ws, "_worksheet_path", None)
    if not part:
        return []
    out: list[Range] = []
    with zipfile.ZipFile(path) as z, z.open(part) as f:
        for _event, elem in iterparse(f):
            if elem.tag.endswith("}mergeCell"):
                try:
                    min_col, min_row, max_col, max_row = range_boundaries(elem.get("ref", ""))
                except (TypeError, ValueError):
                    continue
                out.append((min_row, min_col, max_row, max_col))
                if len(out) > MAX_ROWS:
                    break
            elif elem.tag.endswith("}row"):
                elem.clear()  # the cells were read already; keep memory flat
    return out


def _trim(rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    while rows and not any(cell_text(v) for v in rows[-1]):
        rows.pop()
    return rows


# --------------------------------------------------------------------------- .ods


def _read_ods(path: Path, all_sheets: bool) -> Book:
    try:
        with zipfile.ZipFile(path) as z:
            size = z.getinfo("content.xml").file_size
    except (zipfile.BadZipFile, KeyError, OSError):
        raise _not_readable(path) from None
    if size > MAX_FILE_BYTES:
        raise UserError(_("“{name}” holds {size} MB of cells: far more than an action plan. Is it the right "
                          "file?").format(name=path.name, size=size // 1_000_000))
    try:
        from python_calamine import CalamineWorkbook

        wb = CalamineWorkbook.from_path(str(path))  # an .ods is parsed whole here
    except Exception as exc:  # calamine refuses a sheet of more than 100 million cells
        if "limit" in str(exc).lower():
            raise _too_big(path, path.stem, None, None) from None
        raise _not_readable(path) from None
    with _reading(path, wb):
        sheets = []
        names = wb.sheet_names if all_sheets else wb.sheet_names[:1]
        for index, name in enumerate(names):
            try:
                sheet = wb.get_sheet_by_index(index)
            except Exception as exc:  # calamine refuses a sheet of more than 100 million cells
                if "limit" in str(exc).lower():
                    raise _too_big(path, name, None, None) from None
                raise
            height, width = sheet.total_height, sheet.total_width
            if height > MAX_ROWS + 1 or width > MAX_COLUMNS:
                raise _too_big(path, name, height, width)
            rows = [list(_ods_value(v) for v in row) for row in sheet.to_python(skip_empty_area=False)]
            # calamine reports neither merged cells nor formulas of an .ods: read them from
            # the XML (streamed), so the import treats them as it does in an .xlsx.
            merged, formulas = _ods_extras(path, index)
            for (r, c), text in formulas.items():
                if r < len(rows) and c < len(rows[r]):
                    rows[r][c] = Formula(text, f"{column_letter(c)}{r + 1}")
            sheets.append(Sheet(name, _trim([tuple(r) for r in rows]), merged))
        return Book(path.name, "ods", sheets)


_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"


def _ods_extras(path: Path, index: int) -> tuple[list[Range], dict[tuple[int, int], str]]:
    """Merged ranges (1-based) and formula cells ((row, col) 0-based -> text) of one sheet."""
    merged: list[Range] = []
    formulas: dict[tuple[int, int], str] = {}
    table, row, col = -1, 0, 0
    with zipfile.ZipFile(path) as z, z.open("content.xml") as f:
        for event, elem in iterparse(f, events=("start", "end")):
            tag = elem.tag
            if tag == f"{_TABLE}table":
                if event == "start":
                    table, row = table + 1, 0
                elif table == index:
                    break
                continue
            if table != index:
                if event == "end" and tag == f"{_TABLE}table-row":
                    elem.clear()
                continue
            if tag == f"{_TABLE}table-row":
                if event == "start":
                    col = 0
                else:
                    row += int(elem.get(f"{_TABLE}number-rows-repeated", "1"))
                    elem.clear()
                    if row > MAX_ROWS + 1:
                        break
            elif tag in (f"{_TABLE}table-cell", f"{_TABLE}covered-table-cell") and event == "start":
                rows_spanned = int(elem.get(f"{_TABLE}number-rows-spanned", "1"))
                cols_spanned = int(elem.get(f"{_TABLE}number-columns-spanned", "1"))
                if rows_spanned > 1 or cols_spanned > 1:
                    merged.append((row + 1, col + 1, row + rows_spanned, col + cols_spanned))
                formula = elem.get(f"{_TABLE}formula")
                if formula and col < MAX_COLUMNS:
                    formulas[(row, col)] = formula.removeprefix("of:")
                col += int(elem.get(f"{_TABLE}number-columns-repeated", "1"))
    return merged, formulas


def _ods_value(value: Any) -> Any:
    if isinstance(value, str):
        return value if value else None
    if isinstance(value, dt.timedelta):
        return str(value)
    return value


# --------------------------------------------------------------------------- .csv


def _read_csv(path: Path) -> Book:
    """A CSV as Excel saves it ("CSV UTF-8" or the Windows code page; ';' in Swedish
    settings, ',' elsewhere). Every value is text; dates must be YYYY-MM-DD."""
    data = path.read_bytes()
    if len(data) > MAX_FILE_BYTES:
        raise UserError(_("“{name}” holds {size} MB of cells: far more than an action plan. Is it the right "
                          "file?").format(name=path.name, size=len(data) // 1_000_000))
    # Excel's "Unicode text" is UTF-16 with a byte-order mark; the rest is UTF-8 (with or
    # without a mark) or, from Excel on Swedish Windows, cp1252.
    encodings = ("utf-16",) if data.startswith((b"\xff\xfe", b"\xfe\xff")) else ("utf-8-sig", "cp1252")
    for encoding in encodings:
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # cp1252 decodes nearly anything, but not everything
        raise _not_readable(path)
    if "\x00" in text:
        raise _not_readable(path)
    delimiter = _delimiter(text[:8192])
    rows: list[tuple[Any, ...]] = []
    for r, values in enumerate(csv.reader(io.StringIO(text), delimiter=delimiter), start=1):
        if r > MAX_ROWS + 1 or len(values) > MAX_COLUMNS:
            raise _too_big(path, path.stem, r, len(values))
        rows.append(tuple(v if v.strip() else None for v in values))
    return Book(path.name, "csv", [Sheet(path.stem, _trim(rows))])


def _delimiter(sample: str) -> str:
    """';' (Excel with Swedish settings), tab or ',': the one that splits the first lines
    into the same number of fields, more than one. Counting characters alone fails on a
    Swedish file, whose decimal commas can outnumber its semicolons."""
    lines = sample.splitlines()[:25]
    if len(lines) > 1 and len(sample) == 8192:
        lines = lines[:-1]  # the last line may be cut off
    best, best_score = ";", (-1, 0)
    for candidate in ";\t,":
        try:
            counts = [len(r) for r in csv.reader(lines, delimiter=candidate) if any(v.strip() for v in r)]
        except csv.Error:
            continue
        if not counts:
            continue
        common = max(set(counts), key=counts.count)
        if common < 2:
            continue
        score = (counts.count(common), common)  # most lines alike, then most fields
        if score > best_score:
            best, best_score = candidate, score
    return best
