"""Reading one cell of a statistics file: a period, a value, a category.

Pure functions (no database). Each raises `CellProblem` with the problem in Swedish,
as the import reports it after "Rad 7, Antal: ". Statistics come from Kolada, SCB, BRÅ,
the police and the municipality's own survey, saved from Excel on Swedish Windows, so
numbers are written the Swedish way ("1 234,5" with ordinary, no-break or thin spaces,
"12 %", "−3" with a real minus sign) and periods in several usual forms ("2019",
"2026-T2", "2026 kv 3", "Q3 2026", "2026-03", a date cell)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from tryggapp.domain import periods
from tryggapp.domain.enums import PeriodKind
from tryggapp.formatting import number
from tryggapp.i18n import _
from tryggapp.services.excel.reader import Formula, Percent, cell_text
from tryggapp.services.indicators.categories import category_key


class CellProblem(ValueError):
    """A cell that cannot be read; `message` is the Swedish problem, without the row."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


# --------------------------------------------------------------------------- values

# Written in statistics for "no value": SCB's ".." (uppgift saknas), an ellipsis.
MISSING_MARKS = frozenset({"..", "…", "...", "-", "–", "—"})
_SPACES = re.compile(r"[\s\u00a0\u2009\u202f\u2007']")
_MINUS = str.maketrans({"\u2212": "-", "\u2013": "-"})


def parse_value(value: Any) -> float | None:
    """A number cell or text in Swedish or plain form; None for an empty cell or a
    statistics mark for a missing value ("..")."""
    if value is None:
        return None
    if isinstance(value, Formula):
        raise CellProblem(_("the cell {cell} holds a formula ({formula}); type the value itself").format(
            cell=value.cell, formula=value.text[:60]))
    if isinstance(value, bool | dt.date | dt.datetime | dt.time | dt.timedelta):
        raise CellProblem(_("“{value}” is not a number").format(value=cell_text(value)))
    if isinstance(value, Percent):
        return round(float(value) * 100, 10)  # what the user saw: 0.12 shown as 12 %
    if isinstance(value, int | float):
        if value != value or value in (float("inf"), float("-inf")):
            raise CellProblem(_("“{value}” is not a number").format(value=value))
        return float(value)
    text = str(value).strip()
    if not text or text in MISSING_MARKS:
        return None
    raw = _SPACES.sub("", text).translate(_MINUS)
    raw = raw.removesuffix("%")
    if raw.startswith("+"):
        raw = raw[1:]
    if raw.count(",") == 1 and "." in raw and raw.index(".") < raw.index(","):
        raw = raw.replace(".", "")  # "1.234,5": a dot between the thousands
    if raw.count(",") > 1:
        raise CellProblem(_("“{value}” is not a number (write decimals with one comma, e.g. 1 234,5)").format(
            value=text))
    raw = raw.replace(",", ".")
    if not re.fullmatch(r"-?(\d+(\.\d*)?|\.\d+)", raw):
        raise CellProblem(_("“{value}” is not a number (e.g. 1 234,5 or 12 %)").format(value=text))
    return float(raw)


# --------------------------------------------------------------------------- periods


@dataclass(frozen=True, slots=True)
class PeriodCell:
    """What a period cell says: a year, a tertial, a quarter, or a month or day (which
    go into the period of the indicator's kind that holds them)."""

    kind: PeriodKind | None  # None: a month or a day
    year: int
    number: int = 1  # the tertial or quarter
    month: int = 0  # for a month or day

    def as_kind(self, kind: PeriodKind, text: str) -> tuple[int, int]:
        """(year, number) in `kind`, or CellProblem when the cell is of another length."""
        if self.kind is None:
            p = periods.containing(dt.date(self.year, self.month, 1), kind)
            return p.year or self.year, p.number
        if self.kind is kind:
            return self.year, self.number
        raise CellProblem(_("“{value}” is {given}, but the indicator is measured {kind} (e.g. {example})").format(
            value=text, given=_kind_noun(self.kind), kind=kind_words(kind), example=example(kind)))


def _kind_noun(kind: PeriodKind) -> str:
    return {PeriodKind.YEAR: _("a whole year"), PeriodKind.TERTIAL: _("a tertial"),
            PeriodKind.QUARTER: _("a quarter")}[kind]


def kind_words(kind: PeriodKind) -> str:
    return {PeriodKind.YEAR: _("per year"), PeriodKind.TERTIAL: _("per tertial"),
            PeriodKind.QUARTER: _("per quarter")}[kind]


def example(kind: PeriodKind) -> str:
    return {PeriodKind.YEAR: "2026", PeriodKind.TERTIAL: "2026-T2", PeriodKind.QUARTER: "2026 kv 3"}[kind]


_Y = r"(?P<y>(?:19|20|21)\d\d)"
_TERTIAL = r"(?:t|tertial|tert\.?)"
_QUARTER = r"(?:q|k|kv\.?|kvartal|kvart\.?)"
_SEP = r"\s*[-–/:,]?\s*"
_FORMS: tuple[tuple[re.Pattern[str], PeriodKind | None], ...] = (
    (re.compile(rf"{_Y}"), PeriodKind.YEAR),
    (re.compile(rf"{_Y}{_SEP}{_TERTIAL}\s*(?P<n>\d)"), PeriodKind.TERTIAL),
    (re.compile(rf"{_TERTIAL}\s*(?P<n>\d){_SEP}{_Y}"), PeriodKind.TERTIAL),
    (re.compile(rf"{_Y}{_SEP}{_QUARTER}\s*(?P<n>\d)"), PeriodKind.QUARTER),
    (re.compile(rf"{_QUARTER}\s*(?P<n>\d){_SEP}{_Y}"), PeriodKind.QUARTER),
    # A month: 2026-03, 2026-3, 2026M03 (SCB), 2026-03-31 (a day).
    (re.compile(rf"{_Y}\s*(?:-|/|m)\s*(?P<m>\d\d?)(?:\s*-\s*(?P<d>\d\d?))?"), None),
)


def parse_period(value: Any) -> PeriodCell | None:
    """What a period cell says (None for an empty cell)."""
    if value is None:
        return None
    if isinstance(value, Formula):
        raise CellProblem(_("the cell {cell} holds a formula ({formula}); type the period itself").format(
            cell=value.cell, formula=value.text[:60]))
    if isinstance(value, dt.datetime | dt.date):
        return PeriodCell(None, value.year, month=value.month)
    if isinstance(value, int | float) and not isinstance(value, bool):
        if float(value).is_integer() and 1900 <= value <= 2200:
            return PeriodCell(PeriodKind.YEAR, int(value))
        raise CellProblem(_("“{value}” is not a period").format(value=cell_text(value)) + _hint())
    text = " ".join(str(value).split())
    if not text:
        return None
    lowered = text.casefold()
    for pattern, kind in _FORMS:
        m = pattern.fullmatch(lowered)
        if m is None:
            continue
        year = int(m.group("y"))
        if kind is None:
            month = int(m.group("m"))
            day = int(m.group("d") or 1)
            try:
                dt.date(year, month, day)
            except ValueError:
                raise CellProblem(_("“{value}” is not a date or month").format(value=text) + _hint()) from None
            return PeriodCell(None, year, month=month)
        n = int(m.groupdict().get("n") or 1)
        top = 3 if kind is PeriodKind.TERTIAL else 4
        if not 1 <= n <= top:
            raise CellProblem((_("“{value}”: a year has three tertials") if kind is PeriodKind.TERTIAL
                               else _("“{value}”: a year has four quarters")).format(value=text))
        return PeriodCell(kind, year, n)
    raise CellProblem(_("“{value}” is not a period").format(value=text) + _hint())


def _hint() -> str:
    return " " + _("(write a year, 2026; a tertial, 2026-T2; a quarter, 2026 kv 3; or a month, 2026-03)")


# --------------------------------------------------------------------------- categories

# Rows for the indicator as a whole: no category, or the words statistics use for a total.
TOTAL_WORDS = frozenset({"", "totalt", "total", "totalsumma", "summa", "samtliga", "alla", "samtliga brott",
                         "alla brott", "hela kommunen"})


def is_total(text: str) -> bool:
    return category_key(text) in TOTAL_WORDS


def value_text(value: float, unit: str = "") -> str:
    """A value as the preview and the messages show it ("1 234,5", "12 %")."""
    unit = unit.strip()
    text = number(value, decimals=3)
    return f"{text}\u00a0{unit}" if unit in ("%", "‰") else text
