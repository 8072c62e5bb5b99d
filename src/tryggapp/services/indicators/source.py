"""A statistics file read into rows under its header row, and which column holds the
period, the value and the category, guessed from the usual Swedish headers ("År",
"Antal", "Brottskategori") and, failing that, from what the columns hold.

The file itself is read by services.excel.reader (.xlsx, .ods and .csv with the code
page and delimiter detected, size caps, formulas kept as such)."""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tryggapp.errors import UserError
from tryggapp.i18n import _
from tryggapp.services.excel.format import norm
from tryggapp.services.excel.mapping import fill_merged, header_of
from tryggapp.services.excel.reader import Formula, cell_text, column_letter, read_book
from tryggapp.services.indicators.parse import CellProblem, parse_period, parse_value

HEADER_SEARCH = 30  # the header row is looked for among the first rows

# Headers of the usual sources (Kolada, SCB, BRÅ, the police, surveys), compared with
# services.excel.format.norm (case, spaces and a trailing colon aside).
PERIOD_HEADERS = ("år", "period", "tid", "årtal", "tidsperiod", "mätperiod", "månad", "kvartal", "tertial",
                  "datum", "år/period", "år och kvartal", "year", "ar")
VALUE_HEADERS = ("antal", "värde", "andel", "procent", "%", "andel (%)", "andel %", "värde (%)", "resultat",
                 "antal brott", "anmälda brott", "antal anmälda brott", "antal anmälningar", "utfall", "value",
                 "count", "share")
CATEGORY_HEADERS = ("kategori", "brottskategori", "brottstyp", "brottsgrupp", "typ", "brott", "typ av brott",
                    "kategori/brott", "grupp", "kategorier", "category")
# Parts of a header that say which column it is ("Antal anmälda brott 2015–2024").
VALUE_WORDS = ("antal", "andel", "värde", "procent")
CATEGORY_WORDS = ("kategori", "brottstyp", "brottsgrupp")
PERIOD_WORDS = ("period", "årtal", "kvartal", "tertial")


class ColumnNotFound(UserError):
    exit_code = 2  # a column named that the file does not have (bad input)


@dataclass(frozen=True, slots=True)
class Columns:
    """0-based column indexes (None: not in the file)."""

    period: int | None = None
    value: int | None = None
    category: int | None = None

    def as_dict(self) -> dict[str, int | None]:
        return {"period": self.period, "value": self.value, "category": self.category}


@dataclass(frozen=True, slots=True)
class StatsFile:
    name: str
    sheet: str
    kind: str  # xlsx | ods | csv
    header_row: int  # the headers' row number as the user sees it (1-based)
    headers: list[str]
    rows: list[tuple[int, tuple[Any, ...]]]  # (row number, cells) below the headers, blank rows left out
    top_rows: list[str]  # the first rows shortened, to choose the header row from

    def cell(self, row: tuple[Any, ...], column: int | None) -> Any:
        return row[column] if column is not None and column < len(row) else None

    def header_label(self, column: int) -> str:
        """'B: Antal' — the letter as the spreadsheet shows it, and the header."""
        header = self.headers[column] if column < len(self.headers) else ""
        return f"{column_letter(column)}: {header}" if header else column_letter(column)

    def column_name(self, column: int) -> str:
        """The header, else the column's letter (for "Rad 7, Antal: ...")."""
        header = self.headers[column] if column < len(self.headers) else ""
        return header or _("column {letter}").format(letter=column_letter(column))

    def sample(self, n: int = 10) -> list[list[str]]:
        width = len(self.headers)
        return [[cell_text(v) for v in (tuple(cells) + (None,) * width)[:width]] for _r, cells in self.rows[:n]]


def _looks_like_data(value: Any) -> bool:
    if value is None or isinstance(value, Formula):
        return False
    if not isinstance(value, str):
        return True
    for parse in (parse_period, parse_value):
        try:
            if parse(value) is not None:
                return True
        except CellProblem:
            pass
    return False


def _known(text: str) -> bool:
    n = norm(text)
    return n in PERIOD_HEADERS or n in VALUE_HEADERS or n in CATEGORY_HEADERS


def header_score(values: Sequence[Any]) -> int:
    """Known headers count most, other short texts a little, numbers and periods not at
    all (a CSV's data rows are text too, "2019;1 234")."""
    score = 0
    for v in values:
        text = cell_text(v)
        if not text or _looks_like_data(v):
            continue
        score += 10 if _known(text) else (1 if len(text) <= 40 else 0)
    return score


def _best_header_row(rows: Sequence[Sequence[Any]]) -> int:
    """The highest-scoring of the first rows (the earliest on a tie)."""
    scores = [header_score(r) for r in rows[:HEADER_SEARCH]]
    return scores.index(max(scores))


def read_file(path: Path, header_row: int | None = None) -> StatsFile:
    """The first sheet of `path`, cut at its header row (found, or `header_row`)."""
    path = Path(path)
    book = read_book(path)
    first = book.sheets[0] if book.sheets else None
    if first is None or not any(any(cell_text(v) for v in r) for r in first.rows):
        raise UserError(_("“{name}” is empty: there is nothing to import.").format(name=path.name))
    rows = fill_merged(first.rows, first.merged)
    h, headers = header_of(rows, header_row, first.title, _best_header_row)
    data = [(h + 2 + i, tuple(r)) for i, r in enumerate(rows[h + 1:]) if any(cell_text(v) for v in r)]
    top = [" | ".join(t for t in (cell_text(v) for v in row) if t)[:90] for row in rows[:HEADER_SEARCH]]
    return StatsFile(path.name, first.title, book.kind, h + 1, headers, data, top)


def _by_header(headers: Sequence[str], names: Sequence[str], words: Sequence[str], taken: set[int]) -> int | None:
    normed = [norm(h) for h in headers]
    for i, h in enumerate(normed):
        if i not in taken and h in names:
            return i
    for i, h in enumerate(normed):
        if i not in taken and any(w in h for w in words):
            return i
    return None


def _share(file: StatsFile, column: int, test: Any) -> float:
    """The share of the first rows' non-empty cells in `column` that pass `test`."""
    cells = [file.cell(r, column) for _n, r in file.rows[:50]]
    cells = [c for c in cells if cell_text(c)]
    if not cells:
        return 0.0
    good = 0
    for c in cells:
        with contextlib.suppress(CellProblem):
            good += test(c) is not None
    return good / len(cells)


def guess_columns(file: StatsFile) -> Columns:
    """Which column holds what: by header first, then by content (the first column whose
    cells read as periods, the first other one whose cells read as numbers). A category
    column is only taken by its header: guessed from content, a column of municipality
    names would make every row a bad one."""
    headers = file.headers
    taken: set[int] = set()
    period = _by_header(headers, PERIOD_HEADERS, PERIOD_WORDS, taken)
    if period is None:
        period = next((i for i in range(len(headers)) if _share(file, i, parse_period) >= 0.8), None)
    if period is not None:
        taken.add(period)
    category = _by_header(headers, CATEGORY_HEADERS, CATEGORY_WORDS, taken)
    if category is not None:
        taken.add(category)
    value = _by_header(headers, VALUE_HEADERS, VALUE_WORDS, taken)
    if value is None:
        value = next((i for i in range(len(headers)) if i not in taken and _share(file, i, parse_value) >= 0.8),
                     None)
    return Columns(period, value, category)


def find_column(file: StatsFile, given: str) -> int:
    """A column named on the command line: by its header (case aside) or its letter."""
    wanted = norm(given)
    for i, h in enumerate(file.headers):
        if norm(h) == wanted:
            return i
    text = given.strip()
    if text.isalpha() and text.isupper() and len(text) <= 3:
        index = 0
        for ch in text:
            index = index * 26 + ord(ch) - 64
        return index - 1
    raise ColumnNotFound(_("“{name}” has no column “{column}” (its columns: {headers}).").format(
        name=file.name, column=given, headers=", ".join(h for h in file.headers if h)))
