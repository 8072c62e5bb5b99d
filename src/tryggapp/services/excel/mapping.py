"""Which row holds the headers and which column holds which field: found by the best
match against our headers and usual ones, or chosen by the user (`header_row`, a mapping)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tryggapp.errors import UserError
from tryggapp.i18n import _
from tryggapp.services.excel.format import (
    COLUMN_BY_KEY,
    GUESSES,
    MAPPABLE,
    MAPPED_AS,
    PLAN_COLUMNS,
    Column,
    header_names,
    norm,
)
from tryggapp.services.excel.reader import Formula, Sheet, cell_text, read_book

HEADER_SEARCH = 30  # the header row is looked for among the sheet's first rows


def _known_names() -> set[str]:
    names: set[str] = set()
    for c in PLAN_COLUMNS:
        names |= header_names(c)
    for key, label in MAPPABLE:
        names |= header_names(label) | {norm(g) for g in GUESSES.get(key, ())}
    return names


def header_score(values: Sequence[Any], known: set[str] | None = None) -> int:
    """How much a row looks like a header row: recognised headers count most, other short
    texts a little; dates and numbers ("Senast uppdaterad: 2024-09-15") not at all."""
    known = known if known is not None else _known_names()
    score = 0
    for v in values:
        if v is None or isinstance(v, int | float | dt.date | Formula):
            continue
        text = cell_text(v)
        if not text:
            continue
        if norm(text) in known:
            score += 10
        elif len(text) <= 40 and not re.search(r"\d{4}-\d\d-\d\d", text):
            score += 1
    return score


def find_header_row(rows: Sequence[Sequence[Any]]) -> int:
    """0-based index of the best header row among the first rows (the earliest on a tie)."""
    known = _known_names()
    best, best_score = 0, -1
    for i, values in enumerate(rows[:HEADER_SEARCH]):
        score = header_score(values, known)
        if score > best_score:
            best, best_score = i, score
    return best


def guess_mapping(headers: Sequence[str]) -> dict[str, int]:
    """field -> column index for headers we recognise (exact names first, then synonyms)."""
    normed = [norm(h) for h in headers]
    out: dict[str, int] = {}
    taken: set[int] = set()
    for exact in (True, False):
        for key, label in MAPPABLE:
            if key in out:
                continue
            names = header_names(label)
            if key == "note":
                names |= header_names(COLUMN_BY_KEY["latest_note"])
            if not exact:
                names |= {norm(g) for g in GUESSES.get(key, ())}
            for i, h in enumerate(normed):
                if i not in taken and h in names:
                    out[key] = i
                    taken.add(i)
                    break
    return out


def missing_standard(headers: Sequence[str]) -> list[Column]:
    normed = {norm(h) for h in headers}
    return [c for c in PLAN_COLUMNS if c.importable and c.expected and not (header_names(c) & normed)]


def standard_mapping(headers: Sequence[str]) -> dict[str, int]:
    """field -> column index in our own format (extra, unknown columns are ignored)."""
    normed = [norm(h) for h in headers]
    out = {}
    for c in PLAN_COLUMNS:
        if not c.importable:
            continue
        for i, h in enumerate(normed):
            if h in header_names(c):
                out[MAPPED_AS.get(c.key, (c.key,))[0]] = i
                break
    return out


def year_in(text: str | None) -> int | None:
    m = re.search(r"\b(19|20|21)\d\d\b", text or "")
    return int(m.group(0)) if m else None


def fill_merged(rows: list[tuple[Any, ...]], ranges: Sequence[tuple[int, int, int, int]]) -> list[tuple[Any, ...]]:
    """Give the value of a cell merged down over several rows (a focus area or a
    responsible beside its measures, as users lay out their own plans) to every row it
    spans. Readers give it to the top row only, and the rows under it would silently
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


@dataclass(frozen=True, slots=True)
class Table:
    """The first sheet cut at its header row."""

    sheet: str
    header_row: int  # Excel row number of the headers (1-based)
    headers: list[str]
    data: list[tuple[Any, ...]]  # the rows below the headers, empty ones included
    sheets: list[Sheet]  # every sheet read (the side sheets of our own format)
    kind: str


def header_of(rows: Sequence[Sequence[Any]], header_row: int | None, sheet: str,
              guess: Callable[[Sequence[Sequence[Any]]], int]) -> tuple[int, list[str]]:
    """The header row's 0-based index and its texts (empty cells at the end dropped): the
    row the user named (1-based, refused in Swedish if the sheet has no such row), else
    `guess(rows)`. The plan's Excel import and the statistics import both read this way."""
    if header_row is None:
        h = guess(rows)
    else:
        if not 1 <= header_row <= len(rows):
            raise UserError(_("Row {row} is not in the sheet “{sheet}” (it has {n} rows).").format(
                row=header_row, sheet=sheet, n=len(rows)))
        h = header_row - 1
    headers = [cell_text(v) for v in rows[h]]
    while headers and not headers[-1]:
        headers.pop()
    return h, headers


def read_table(path: Path, header_row: int | None = None, *, all_sheets: bool = False) -> Table:
    book = read_book(path, all_sheets=all_sheets)
    first = book.sheets[0] if book.sheets else None
    if first is None or not first.rows:
        raise UserError(_("The first sheet of “{name}” is empty.").format(name=Path(path).name))
    rows = fill_merged(first.rows, first.merged)
    h, headers = header_of(rows, header_row, first.title, find_header_row)
    return Table(first.title, h + 1, headers, rows[h + 1:], book.sheets, book.kind)


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
    top_rows: list[str]  # the first rows, shortened, for choosing the header row


def read_headers(path: Path, samples: int = 5, header_row: int | None = None) -> WorkbookPreview:
    """Column names and a few rows of the first sheet, and whether it is our format."""
    table = read_table(path, header_row)
    data = [r for r in table.data if any(cell_text(v) for v in r)]
    sample = [[cell_text(v) for v in r[: len(table.headers)]] for r in data[:samples]]
    first = table.sheets[0]
    top = [" | ".join(t for t in (cell_text(v) for v in row) if t)[:90] for row in first.rows[:HEADER_SEARCH]]
    year = year_in(table.sheet) or (year_in(Path(path).stem) if table.kind == "csv" else None)
    return WorkbookPreview(table.sheet, table.header_row, table.headers, sample, len(data),
                           not missing_standard(table.headers), year, guess_mapping(table.headers), top)
